//! HTML to the article's blocks of text and metadata.

/// What an HTML page says about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    /// The publication date-time as the page gives it (meta or a visible date line).
    pub published: Option<String>,
    pub author: Option<String>,
    /// The body's blocks (paragraphs, headings, list items) in reading order.
    pub blocks: Vec<String>,
}

/// Whether decoded text is an HTML document rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start().get(..512.min(text.trim_start().len())).unwrap_or("");
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.contains("<html") || head.contains("<body") || head.contains("<p>")
}

pub fn parse(html: &str) -> Page {
    let _ = html;
    Page::default()
}
