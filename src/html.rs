//! HTML to the article's blocks of text and metadata.
//!
//! Provincial portals, newspapers, old table layouts and WordPress sites all
//! wrap one article in a lot of page furniture. This stage finds the article's
//! container and turns it into plain text blocks, one per paragraph, leaving
//! every reading of dates, bylines and numbers to later stages that work on
//! text. It works in two linear passes over scraper's tree:
//!
//! 1. a *scan* of the whole page that skips page furniture, collects meta tags,
//!    and counts text and link characters per element (the statistics used to
//!    pick the container, readability-style);
//! 2. an *extraction* walk over the chosen container that emits the blocks.
//!
//! Both walks use an explicit stack: tag soup can nest thousands deep and a
//! recursive walk would overflow the thread's stack.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// What an HTML page says about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    /// The publication date-time as the page's markup gives it (meta tags,
    /// `<time datetime>`), untouched; a date only visible as text stays in
    /// `blocks` for the next stage.
    pub published: Option<String>,
    pub author: Option<String>,
    /// The body's blocks (paragraphs, headings, list items) in reading order.
    pub blocks: Vec<String>,
}

/// Whether decoded text is an HTML document rather than plain text.
///
/// Only the first KiB is looked at: a document announces itself at its start
/// (doctype, `<html>`, or a run of tags), and plain text that merely mentions
/// `<` or a single tag name is not HTML.
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut end = t.len().min(1024);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let head = t[..end].to_ascii_lowercase();
    if head.starts_with("<!doctype html") || has_tag(&head, "html") && has_tag(&head, "body") {
        return true;
    }
    if !head.starts_with('<') {
        // A stray notice before the markup (a PHP warning, a proxy banner).
        return head.contains("<!doctype html")
            || has_tag(&head, "html") && (has_tag(&head, "head") || has_tag(&head, "body"));
    }
    if ["html", "head", "body"].iter().any(|n| has_tag(&head, n)) {
        return true;
    }
    count_known_tags(&head) >= 2
}

/// Whether `head` (lowercased) contains an opening tag `<name` followed by a
/// delimiter, so `<html` counts but `<htmlfoo` and a bare "html" do not.
fn has_tag(head: &str, name: &str) -> bool {
    let b = head.as_bytes();
    let mut from = 0;
    while let Some(pos) = head[from..].find('<') {
        let at = from + pos + 1;
        if head[at..].starts_with(name) {
            match b.get(at + name.len()) {
                None | Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/') => return true,
                _ => {}
            }
        }
        from = at;
    }
    false
}

/// How many tags with a common HTML name (opening or closing) `head` holds.
fn count_known_tags(head: &str) -> usize {
    const KNOWN: &[&str] = &[
        "p", "div", "br", "span", "a", "table", "tr", "td", "ul", "ol", "li", "h1", "h2", "h3",
        "h4", "h5", "h6", "meta", "link", "title", "script", "style", "strong", "b", "i", "em",
        "img", "section", "article", "header", "footer", "nav", "form", "font", "center", "main",
    ];
    let b = head.as_bytes();
    let mut n = 0;
    for (i, _) in head.match_indices('<') {
        let mut j = i + 1;
        if b.get(j) == Some(&b'/') {
            j += 1;
        }
        let k = b[j..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if k == 0
            || !matches!(
                b.get(j + k),
                None | Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
            )
        {
            continue;
        }
        if KNOWN.contains(&&head[j..j + k]) {
            n += 1;
        }
    }
    n
}

/// Parse a page: its title, publication date, author and the article's blocks.
pub fn parse(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let mut scan = Scan::run(&doc, false);
    if scan.body_value() < 200.0 {
        // Next to nothing survived the class/id filter: a site may have named
        // its article wrapper "print-area" or "box-share-content". Look again
        // trusting tags only, and keep that if it finds real text.
        let lenient = Scan::run(&doc, true);
        if lenient.body_value() >= scan.body_value() + 100.0 {
            scan = lenient;
        }
    }
    let container = scan.container();

    let mut ex = Extractor::default();
    if let Some(c) = container {
        ex.run(&scan, c);
    }
    if ex.blocks.is_empty() {
        // The chosen container held only furniture: fall back to the whole body.
        if let Some(b) = scan.body.filter(|&b| Some(b) != container) {
            ex = Extractor::default();
            ex.run(&scan, b);
        }
    }

    let title = scan.title(&ex);
    if let Some(lead) = container.and_then(|c| scan.lead_before(c)) {
        if ex.blocks.first() != Some(&lead) {
            ex.blocks.insert(0, lead);
        }
    }
    let published = scan.published(container);
    if published.is_none() {
        if let Some(line) = container.and_then(|c| scan.date_line_before(c)) {
            ex.blocks.insert(0, line);
        }
    }
    let author = scan.author(container);
    Page {
        title,
        published,
        author,
        blocks: ex.blocks,
    }
}

// ---------------------------------------------------------------------------
// Classifying elements by tag and class/id
// ---------------------------------------------------------------------------

/// Page furniture by class/id. Substring matches, as sites build names like
/// `ctl00_LeftMenu`, `box-tinlienquan`, `sharedaddy`. "ads" must stand alone
/// (`ads`, `box_ads`) because it hides inside ordinary words (`heads`,
/// `downloads`); "header" is handled apart, see [`HEADER_OK`].
static JUNK: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(concat!(
        "menu|nav|share|social|comment|related|breadcrumb|footer|sidebar|widget|banner|advert|",
        "(?:^|[^a-z0-9])ads?(?:[^a-z0-9]|$)|adsbygoogle|quang-?cao|tags|tag-?list|tu-?khoa|",
        "counter|thong-?ke|luot-?xem|view-?count|weather|thoi-?tiet|rating|poll|binh-?chon|",
        "print|toolbar|ribbon|popup|modal|cookie|search|login|skip-link|screen-reader|sr-only|",
        "pagination|pager|lien-?quan|tin-?khac|other-?news|more-?news|cung-?chuyen-?muc|",
        "xem-?them|binh-?luan|disqus|addthis|fb-",
    ))
    .expect("valid regex")
});

/// Headers that belong to the article (headline, date line), not to the page.
static HEADER_OK: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex("(?:article|detail|post|entry|news|story|title)[-_]?header|header[-_]?(?:article|detail|post|entry|news|title)")
        .expect("valid regex")
});

/// Class/id names that name an article's body outright.
static CONTENT_SPECIFIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(concat!(
        "detail|chi-?tiet|chi_tiet|noi-?dung|noi_dung|article-?content|article_content|",
        "article-?body|article_body|news-?content|news_content|entry-?content|entry_content|",
        "post-?content|post_content|post-?body|story-?body|body-?text|content-?body",
    ))
    .expect("valid regex")
});

/// Class/id names that often, but not always, name the article's container.
static CONTENT_GENERIC: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::regex("content|article|post|entry").expect("valid regex"));

/// Visitor counters that carry no class: "Số lượt xem: 1.245".
static COUNTER_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(r"(?i)^(?:số\s+|tổng\s+)?(?:lượt\s+(?:xem|truy\s*cập|đọc)|đang\s+(?:truy\s*cập|trực\s*tuyến|online)|views?)\s*:?\s*[\d.,\s]+$")
        .expect("valid regex")
});

/// Labels of page furniture that sites put inside the article's container:
/// related-news headings, share and print buttons, comment prompts.
const BOILERPLATE: &[&str] = &[
    "tin liên quan",
    "bài liên quan",
    "các bài khác",
    "bài khác",
    "các tin khác",
    "tin khác",
    "xem thêm",
    "đọc thêm",
    "bài viết cùng chuyên mục",
    "tin cùng chuyên mục",
    "cùng chuyên mục",
    "bài viết liên quan",
    "chia sẻ",
    "chia sẻ bài viết",
    "in bài",
    "in bài viết",
    "in trang",
    "bản in",
    "bình luận",
    "gửi bình luận",
    "ý kiến bạn đọc",
    "gửi ý kiến",
    "quay lại",
    "trở về",
    "về đầu trang",
    "đầu trang",
    "gửi email",
    "share",
    "print",
    "tweet",
];

/// Tags whose content is never article text.
fn is_junk_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "nav"
            | "footer"
            | "aside"
            | "iframe"
            | "frame"
            | "frameset"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "template"
            | "object"
            | "embed"
            | "canvas"
            | "map"
            | "menu"
            | "dialog"
            | "audio"
            | "video"
            | "head"
            | "title"
            | "link"
            | "meta"
    )
}

/// Tags that start a new line of text (a new block) when rendered.
fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Where an element sits, as far as classifying it needs.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// Inside an `<article>` or `articleBody`: its `<header>` holds the headline.
    in_article: bool,
    /// Inside a content container: a `<form>` there is a comment form, while
    /// an ASP.NET page wraps the whole page (content included) in one.
    in_content: bool,
    /// Judge by tags only, not by class, id, role or hiding attributes (the
    /// fallback when those hid everything).
    lenient: bool,
}

/// How an element is treated.
struct Class {
    junk: bool,
    /// Rank as the article's container: 1 `<article>`, 2 `articleBody`,
    /// 3 specific class/id, 4 generic class/id or `<main>`, 0 none.
    tier: u8,
    /// Names an author or byline.
    author: bool,
    /// Class names a date or time (a visible date line).
    dateish: bool,
    /// Class names a headline: "post-title", "news-title", "tieu-de".
    headline: bool,
    /// Class names the article's lead (sapo) that a page prints apart from its body:
    /// "post-summary", "sapo", "chapeau".
    lead: bool,
}

/// Lowercased class tokens and id of `e` into `buf`. Class tokens that only
/// describe state (`has-sidebar`, `no-comments`) are left out, as they would
/// otherwise mark a page's main wrapper as furniture.
fn names_into(e: &Element, buf: &mut String) {
    buf.clear();
    if let Some(class) = e.attr("class") {
        for tok in class.split_ascii_whitespace() {
            let l = tok.as_bytes();
            let state = ["has-", "no-", "with-", "is-", "without-"]
                .iter()
                .any(|p| l.len() >= p.len() && l[..p.len()].eq_ignore_ascii_case(p.as_bytes()));
            if !state {
                buf.push_str(tok);
                buf.push(' ');
            }
        }
    }
    if let Some(id) = e.attr("id") {
        buf.push_str(id);
    }
    buf.make_ascii_lowercase();
}

/// A date line by its class: "date", "time", "news-date"; the `<time>` element
/// itself and links stay inline ("Đăng ngày <time>31/12/2022</time>").
fn dateish_names(name: &str, names: &str) -> bool {
    !matches!(name, "time" | "a") && (names.contains("date") || names.contains("time"))
}

fn classify(e: &Element, ctx: Ctx, buf: &mut String) -> Class {
    let name = e.name();
    let mut c = Class {
        junk: false,
        tier: 0,
        author: false,
        dateish: false,
        headline: false,
        lead: false,
    };
    if is_junk_tag(name) || name == "header" && !ctx.in_article || name == "form" && ctx.in_content
    {
        c.junk = true;
        return c;
    }
    // The page's skeleton is never furniture, whatever its attributes say
    // (anti-flicker scripts hide <body> until they run, WordPress puts
    // "sidebar" in <body>'s classes).
    let structural = matches!(name, "html" | "body" | "main");
    let judge_attrs = !structural && !ctx.lenient;
    if judge_attrs
        && (e.attr("hidden").is_some()
            || e.attr("aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true")))
    {
        c.junk = true;
        return c;
    }
    if let Some(style) = e.attr("style").filter(|_| judge_attrs) {
        let s: String = style
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            c.junk = true;
            return c;
        }
    }
    if let Some(role) = e.attr("role").filter(|_| judge_attrs) {
        let role = role.to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "menu"
                | "menubar"
                | "toolbar"
                | "dialog"
        ) {
            c.junk = true;
            return c;
        }
    }
    let itemprop = e.attr("itemprop").unwrap_or("").to_ascii_lowercase();
    let body_prop = itemprop.contains("articlebody");
    names_into(e, buf);
    if judge_attrs && !body_prop && !buf.is_empty() {
        let header_junk = buf.contains("header") && !ctx.in_article && !HEADER_OK.is_match(buf);
        if header_junk || JUNK.is_match(buf) {
            c.junk = true;
            return c;
        }
    }
    c.tier = if name == "article" {
        1
    } else if body_prop {
        2
    } else if buf.is_empty() {
        if name == "main" {
            4
        } else {
            0
        }
    } else if CONTENT_SPECIFIC.is_match(buf) {
        3
    } else if name == "main" || CONTENT_GENERIC.is_match(buf) {
        4
    } else {
        0
    };
    c.author = buf.contains("author")
        || buf.contains("byline")
        || itemprop.contains("author")
        || e.attr("rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
    c.dateish = dateish_names(name, buf);
    c.headline = ["title", "tieu-de", "tieude", "headline"]
        .iter()
        .any(|w| buf.contains(w));
    c.lead = [
        "sapo", "summary", "excerpt", "chapeau", "tom-tat", "tomtat", "mo-ta",
    ]
    .iter()
    .any(|w| buf.contains(w));
    c
}

// ---------------------------------------------------------------------------
// Scan: statistics per element, metadata
// ---------------------------------------------------------------------------

const NONE: usize = usize::MAX;

/// One non-furniture element of the page, in document (pre)order.
struct Elem<'a> {
    el: ElementRef<'a>,
    parent: usize,
    depth: u32,
    /// One past the last descendant's index: `i..end` is the subtree.
    end: usize,
    tier: u8,
    /// Non-space characters in the subtree, and those of them inside links.
    text: u32,
    link: u32,
    /// Characters (links, commas) owned by this block itself: its text outside
    /// nested blocks. Only block-level elements own text.
    inline_text: u32,
    inline_link: u32,
    inline_commas: u32,
    /// Headlines (`<h1>`) in the subtree.
    h1: u32,
    score: f32,
    /// Class names a date or time: a block of its own when extracted.
    dateish: bool,
}

#[derive(Default)]
struct Scan<'a> {
    nodes: Vec<Elem<'a>>,
    body: Option<usize>,
    /// (key, content) of meta tags; key is the lowercased name/property/itemprop.
    metas: Vec<(String, &'a str)>,
    title_tag: Option<String>,
    h1s: Vec<(usize, bool)>,
    /// Elements whose class names a headline, outside links (see `Scan::title`).
    headlines: Vec<usize>,
    /// Elements whose class names a lead, outside links (see `Scan::lead_before`).
    leads: Vec<usize>,
    /// `<time datetime>` and non-meta `itemprop=datePublished` (with its
    /// `content`/`datetime`, else its text is read if needed), by index.
    times: Vec<(usize, &'a str)>,
    date_props: Vec<(usize, Option<&'a str>)>,
    authors: Vec<usize>,
    /// Scanned with class/id names ignored.
    lenient: bool,
}

#[derive(Clone, Copy)]
struct ScanCtx {
    ctx: Ctx,
    parent: usize,
    owner: usize,
    in_link: bool,
    depth: u32,
}

/// Among containers of one rank: agrees with the anchor, depth, text length.
type RankKey = (bool, u32, u32);

impl<'a> Scan<'a> {
    fn run(doc: &'a Html, lenient: bool) -> Self {
        let mut s = Scan {
            lenient,
            ..Scan::default()
        };
        let mut buf = String::new();
        let top = ScanCtx {
            ctx: Ctx {
                lenient,
                ..Ctx::default()
            },
            parent: NONE,
            owner: NONE,
            in_link: false,
            depth: 0,
        };
        let mut stack = vec![(doc.tree.root(), top)];
        while let Some((node, sc)) = stack.pop() {
            match node.value() {
                Node::Text(t) => {
                    if sc.parent == NONE {
                        continue;
                    }
                    let (mut n, mut commas) = (0u32, 0u32);
                    for ch in t.chars() {
                        if !ch.is_whitespace() {
                            n += 1;
                            commas += u32::from(ch == ',');
                        }
                    }
                    let link = if sc.in_link { n } else { 0 };
                    let p = &mut s.nodes[sc.parent];
                    p.text += n;
                    p.link += link;
                    if sc.owner != NONE {
                        let o = &mut s.nodes[sc.owner];
                        o.inline_text += n;
                        o.inline_link += link;
                        o.inline_commas += commas;
                    }
                }
                Node::Element(e) => {
                    let name = e.name();
                    match name {
                        "head" => {
                            s.read_head(node);
                            continue;
                        }
                        "meta" => {
                            s.read_meta(e);
                            continue;
                        }
                        _ => {}
                    }
                    let class = classify(e, sc.ctx, &mut buf);
                    if class.junk {
                        continue;
                    }
                    let Some(el) = ElementRef::wrap(node) else {
                        continue;
                    };
                    let idx = s.nodes.len();
                    s.nodes.push(Elem {
                        el,
                        parent: sc.parent,
                        depth: sc.depth,
                        end: idx + 1,
                        tier: class.tier,
                        dateish: class.dateish,
                        text: 0,
                        link: 0,
                        inline_text: 0,
                        inline_link: 0,
                        inline_commas: 0,
                        h1: u32::from(name == "h1"),
                        score: 0.0,
                    });
                    if name == "body" && s.body.is_none() {
                        s.body = Some(idx);
                    }
                    if name == "h1" {
                        s.h1s.push((idx, sc.ctx.in_article || sc.ctx.in_content));
                    }
                    if class.headline && !sc.in_link && name != "a" && s.headlines.len() < 16 {
                        s.headlines.push(idx);
                    }
                    if class.lead && !sc.in_link && s.leads.len() < 16 {
                        s.leads.push(idx);
                    }
                    if name == "time" {
                        if let Some(dt) = e.attr("datetime").filter(|d| !d.trim().is_empty()) {
                            s.times.push((idx, dt));
                        }
                    }
                    if e.attr("itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
                    {
                        let v = e.attr("content").or_else(|| e.attr("datetime"));
                        s.date_props.push((idx, v));
                    }
                    if class.author && s.authors.len() < 16 {
                        s.authors.push(idx);
                    }
                    let child = ScanCtx {
                        ctx: Ctx {
                            in_article: sc.ctx.in_article || class.tier <= 2 && class.tier > 0,
                            in_content: sc.ctx.in_content || class.tier > 0,
                            lenient,
                        },
                        parent: idx,
                        owner: if is_block_tag(name) { idx } else { sc.owner },
                        in_link: sc.in_link || name == "a",
                        depth: sc.depth.saturating_add(1),
                    };
                    stack.extend(node.children().rev().map(|c| (c, child)));
                }
                Node::Document | Node::Fragment => {
                    stack.extend(node.children().rev().map(|c| (c, sc)));
                }
                _ => {}
            }
        }
        s.sum_up();
        s.score_paragraphs();
        s
    }

    /// Meta tags and the `<title>`; nothing in `<head>` is article text.
    fn read_head(&mut self, head: ego_node::NodeRef<'a>) {
        for d in head.descendants() {
            if let Node::Element(e) = d.value() {
                match e.name() {
                    "meta" => self.read_meta(e),
                    "title" if self.title_tag.is_none() => {
                        let t: String = d
                            .children()
                            .filter_map(|c| c.value().as_text().map(|t| &**t))
                            .collect();
                        self.title_tag = Some(t);
                    }
                    _ => {}
                }
            }
        }
    }

    fn read_meta(&mut self, e: &'a Element) {
        let Some(content) = e.attr("content") else {
            return;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = e.attr(key) {
                self.metas.push((k.trim().to_ascii_lowercase(), content));
            }
        }
    }

    /// Subtree sums and extents, children before parents (reverse preorder).
    fn sum_up(&mut self) {
        for i in (0..self.nodes.len()).rev() {
            let p = self.nodes[i].parent;
            if p == NONE {
                continue;
            }
            let (text, link, h1, end) = {
                let n = &self.nodes[i];
                (n.text, n.link, n.h1, n.end)
            };
            let pn = &mut self.nodes[p];
            pn.text += text;
            pn.link += link;
            pn.h1 += h1;
            pn.end = pn.end.max(end);
        }
    }

    /// Readability's scoring: every paragraph with enough of its own non-link
    /// text scores its container in full and the container's parent by half,
    /// so the element holding the most prose scores highest, and a page
    /// wrapper that merely contains it does not outscore it.
    fn score_paragraphs(&mut self) {
        for i in 0..self.nodes.len() {
            let n = &self.nodes[i];
            let len = n.inline_text;
            if len < 25 || n.inline_link * 2 >= len {
                continue;
            }
            let name = n.el.value().name();
            if matches!(
                name,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "th" | "caption"
            ) {
                continue;
            }
            let s = 1.0 + n.inline_commas as f32 + (len as f32 / 100.0).min(3.0);
            let target = if matches!(name, "p" | "pre" | "blockquote") {
                n.parent
            } else {
                i
            };
            if target == NONE {
                continue;
            }
            self.nodes[target].score += s;
            let gp = self.nodes[target].parent;
            if gp != NONE {
                self.nodes[gp].score += s / 2.0;
            }
        }
    }

    /// Non-link characters of the page's body.
    fn body_value(&self) -> f64 {
        self.body.map_or(0.0, |b| self.value(b))
    }

    fn contains(&self, outer: usize, inner: usize) -> bool {
        outer <= inner && inner < self.nodes[outer].end
    }

    fn value(&self, i: usize) -> f64 {
        f64::from(self.nodes[i].text) - f64::from(self.nodes[i].link)
    }

    /// The article's container.
    ///
    /// The readability winner (the *anchor*) says where the prose is. Named
    /// containers (`<article>`, `articleBody`, `.detail`, `.content`...) are
    /// preferred in that order when they agree with it: one that wraps the
    /// anchor (a named page wrapper only if it adds little), one inside it
    /// that keeps nearly all of its text, or one elsewhere with a fair share
    /// of it. Within a rank one related to the anchor beats one elsewhere, then
    /// the deepest wins: the tightest box around the text.
    /// Finally the container may grow to take in a headline just outside it.
    fn container(&self) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let anchor = self.anchor();
        let at = f64::from(self.nodes[anchor].text);
        let av = self.value(anchor);
        // Per rank: the best (agrees with the anchor, depth, size) and its index.
        let mut best: [Option<(RankKey, usize)>; 5] = [None; 5];
        for (i, n) in self.nodes.iter().enumerate() {
            if n.tier == 0 || self.value(i) <= 0.0 {
                continue;
            }
            let (good, related) = if self.contains(i, anchor) {
                let extra = f64::from(n.text) - at;
                (n.tier <= 2 || extra <= (0.5 * at).max(150.0), true)
            } else if self.contains(anchor, i) {
                (self.value(i) >= 0.85 * av, true)
            } else {
                (self.value(i) >= 0.6 * av, false)
            };
            if !good {
                continue;
            }
            let key = (related, n.depth, n.text);
            let slot = &mut best[usize::from(n.tier)];
            if slot.is_none_or(|(k, _)| key > k) {
                *slot = Some((key, i));
            }
        }
        let chosen = best[1..]
            .iter()
            .flatten()
            .next()
            .map_or(anchor, |&(_, i)| i);
        Some(self.grow_to_headline(chosen))
    }

    /// The readability winner, or the body when nothing reads as prose.
    fn anchor(&self) -> usize {
        let mut best = (0.0f32, NONE);
        for (i, n) in self.nodes.iter().enumerate() {
            if n.score <= 0.0 {
                continue;
            }
            let density = if n.text == 0 {
                0.0
            } else {
                n.link as f32 / n.text as f32
            };
            let s = n.score * (1.0 - density);
            if s > best.0 {
                best = (s, i);
            }
        }
        if best.1 != NONE {
            best.1
        } else {
            self.body.unwrap_or(0)
        }
    }

    /// Sites often put the headline and date line in a wrapper just outside
    /// the body text. Climb (up to three levels) to the first ancestor with an
    /// `<h1>` if what that adds is small and not a list of links.
    fn grow_to_headline(&self, c: usize) -> usize {
        let base = &self.nodes[c];
        if base.h1 > 0 {
            return c;
        }
        let limit = (0.3 * f64::from(base.text)).max(400.0);
        let mut p = base.parent;
        for _ in 0..3 {
            if p == NONE {
                break;
            }
            let pn = &self.nodes[p];
            if matches!(pn.el.value().name(), "body" | "html" | "form") {
                break;
            }
            let extra = f64::from(pn.text - base.text);
            let extra_link = f64::from(pn.link - base.link);
            if extra > limit || extra_link > 0.4 * extra {
                break;
            }
            if pn.h1 > 0 {
                return p;
            }
            p = pn.parent;
        }
        c
    }

    fn meta(&self, key: &str) -> Option<&'a str> {
        self.metas
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// `og:title`, then the article's `<h1>`, then `<title>` without the site's name.
    fn title(&self, ex: &Extractor) -> Option<String> {
        let site = self
            .meta("og:site_name")
            .or_else(|| self.meta("application-name"));
        let is_site = |t: &str| site.is_some_and(|s| s.trim().eq_ignore_ascii_case(t));
        for key in ["og:title", "twitter:title"] {
            if let Some(t) = self
                .meta(key)
                .map(collapse)
                .filter(|t| !t.is_empty() && !is_site(t))
            {
                return Some(strip_known_site(&t, site));
            }
        }
        if let Some(h) = &ex.h1 {
            return Some(h.clone());
        }
        let in_article = self.h1s.iter().filter(|(_, a)| *a).take(8);
        for &(i, _) in in_article {
            let t = collapse(&bounded_text(self.nodes[i].el, 1000));
            if !t.is_empty() {
                return Some(t);
            }
        }
        // "<div class="post-title"><span>Cụm thi đua ... tổng kết năm 2016</span>" on a
        // page whose <title> is the site's name: the first element so named that reads like
        // a headline (five words or more, no links; a list of related articles is links).
        let named = self.headlines.iter().find_map(|&i| {
            let n = &self.nodes[i];
            let t = collapse(&bounded_text(n.el, 400));
            (n.link == 0 && t.split_whitespace().count() >= 5 && t.len() <= 300).then_some(t)
        });
        if named.is_some() {
            return named;
        }
        // "<span>16/12/2024</span><h2>Khối thi đua ... tổng kết năm 2024</h2><p>..." on a
        // page without an `<h1>`: the heading that opens the article.
        if let Some(h) = &ex.opening_heading {
            return Some(h.clone());
        }
        let t = collapse(self.title_tag.as_deref()?);
        let t = clean_title(&t, site);
        (!t.is_empty()).then_some(t)
    }

    /// The lead a page prints just before the article's body, apart from it: "<div
    /// class="post-summary">Sáng 19/12, ...</div><div class="post-content">" (its dated
    /// first sentence is the meeting's).
    fn lead_before(&self, container: usize) -> Option<String> {
        let &i = self
            .leads
            .iter()
            .rev()
            .find(|&&i| i < container && self.nodes[i].end <= container)?;
        // Nothing of substance between it and the body.
        let between: u32 = (self.nodes[i].end..container)
            .map(|j| self.nodes[j].inline_text)
            .sum();
        let text = collapse(&bounded_text(self.nodes[i].el, 2000));
        (between < 200 && (40..=1500).contains(&text.chars().count())).then_some(text)
    }

    /// A short line with a date between the headline and the container, where a page puts
    /// "Cập nhật lúc 08:12 ngày 04/01/2017 | Tác giả: Minh Nguyễn" outside the article's
    /// body: the next stage reads the date (and a byline) from it.
    fn date_line_before(&self, container: usize) -> Option<String> {
        static DATE: LazyLock<Regex> = LazyLock::new(|| {
            crate::patterns::regex(r"\b\d{1,2}/\d{1,2}/\d{4}\b").expect("valid regex")
        });
        let headline = self
            .h1s
            .iter()
            .map(|&(i, _)| i)
            .chain(self.headlines.iter().copied())
            .filter(|&i| i < container)
            .min()?;
        let line = |i: usize| {
            let t = collapse(&bounded_text(self.nodes[i].el, 200));
            (t.chars().count() <= 150 && DATE.is_match(&t)).then_some(t)
        };
        let short = |i: &usize| self.nodes[*i].end == i + 1 || self.nodes[*i].dateish;
        // Under the headline; else just above it, beside it in its parent ("<div
        // class="post-date">20/12/2024</div><div class="post-title">").
        let parent = self.nodes[headline].parent;
        let above = match parent {
            NONE => headline..headline,
            p => p + 1..headline,
        };
        (self.nodes[headline].end..container)
            .filter(short)
            .find_map(line)
            .or_else(|| {
                above
                    .rev()
                    .filter(|&i| self.nodes[i].end <= headline)
                    .filter(short)
                    .find_map(line)
            })
    }

    /// The publication date as the page states it in markup; a date that is
    /// only visible as text stays in the blocks for the next stage.
    fn published(&self, container: Option<usize>) -> Option<String> {
        let trimmed = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        for key in ["article:published_time", "pubdate", "datepublished"] {
            if let Some(v) = self.meta(key) {
                return trimmed(v);
            }
        }
        if let Some((i, v)) = self.prefer_in(container, &self.date_props) {
            let v = match v {
                Some(v) => trimmed(v),
                None => trimmed(&collapse(&bounded_text(self.nodes[i].el, 200))),
            };
            if v.is_some() {
                return v;
            }
        }
        if let Some(v) = self
            .prefer_in(container, &self.times)
            .and_then(|(_, v)| trimmed(v))
        {
            return Some(v);
        }
        for key in [
            "date",
            "publishdate",
            "publish-date",
            "publish_date",
            "og:published_time",
            "article:published",
            "dc.date.issued",
            "dcterms.issued",
            "dc.date",
            "dcterms.date",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
        ] {
            if let Some(v) = self.meta(key) {
                return trimmed(v);
            }
        }
        None
    }

    /// The first of `items` inside the container, else the first at all.
    fn prefer_in<T: Copy>(
        &self,
        container: Option<usize>,
        items: &[(usize, T)],
    ) -> Option<(usize, T)> {
        container
            .and_then(|c| items.iter().find(|(i, _)| self.contains(c, *i)))
            .or_else(|| items.first())
            .copied()
    }

    /// `meta[name=author]` when it names a person (sites often put their own
    /// name there), else an element marked author/byline, the container's first.
    fn author(&self, container: Option<usize>) -> Option<String> {
        for key in [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ] {
            if let Some(v) = self.meta(key) {
                let v = collapse(v);
                if looks_like_person(&v) {
                    return Some(v);
                }
            }
        }
        let in_container = |i: usize| container.is_some_and(|c| self.contains(c, i));
        let mut order: Vec<usize> = self
            .authors
            .iter()
            .copied()
            .filter(|&i| in_container(i))
            .collect();
        order.extend(self.authors.iter().copied().filter(|&i| !in_container(i)));
        order.into_iter().find_map(|i| self.author_text(i))
    }

    fn author_text(&self, i: usize) -> Option<String> {
        let el = self.nodes[i].el;
        // schema.org: itemprop=author wrapping itemprop=name.
        let name = el.descendants().filter_map(ElementRef::wrap).find(|d| {
            d.value()
                .attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("name"))
        });
        let raw = bounded_text(name.unwrap_or(el), 400);
        if raw.len() >= 400 {
            return None; // an author box with a biography, not a byline
        }
        let name = strip_byline_label(&collapse(&raw));
        looks_like_person(&name).then_some(name)
    }
}

/// scraper does not re-export ego_tree; name its node type through `ElementRef`'s `Deref`.
mod ego_node {
    pub type NodeRef<'a> = <scraper::ElementRef<'a> as std::ops::Deref>::Target;
}

// ---------------------------------------------------------------------------
// Extraction: the container's blocks
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Extractor {
    blocks: Vec<String>,
    /// The first `<h1>` inside the container: the article's headline.
    h1: Option<String>,
    /// An `<h2>` or `<h3>` that opens the container, before any paragraph (a date line may
    /// stand above it): the headline of a page without an `<h1>`.
    opening_heading: Option<String>,
    buf: String,
    chars: usize,
    link_chars: usize,
}

impl Extractor {
    /// Walk the container (`scan.nodes[root]`) in document order, cutting a
    /// block at every block element's start and end so that one paragraph
    /// gives one block.
    ///
    /// The scan already classified every element: its non-furniture elements
    /// are `scan.nodes` in the same (pre)order as this walk, so a cursor into
    /// it tells which elements were kept, and class names are matched again
    /// only under elements the scan dropped but the article keeps (its
    /// `<header>`).
    fn run(&mut self, scan: &Scan<'_>, root: usize) {
        enum Step<'a> {
            /// A node; whether it is inside a link; whether it may be in `scan.nodes`.
            Enter(ego_node::NodeRef<'a>, bool, bool),
            Exit(&'a str),
        }
        let nodes = &scan.nodes;
        let root_el = nodes[root].el;
        let root_name = root_el.value().name();
        // Everything inside an article's container belongs to the article: its
        // <header> holds the headline, a <form> in it is a comment form. When
        // the whole body is walked, headers and forms are the page's own.
        let whole_page = matches!(root_name, "body" | "html" | "form");
        let ctx = Ctx {
            in_article: !whole_page,
            in_content: !whole_page,
            lenient: scan.lenient,
        };
        let mut names = String::new();
        let mut next = root + 1;
        // The container itself was chosen, so it is not classified again.
        let mut stack = vec![Step::Exit(root_name)];
        let in_link = root_name == "a";
        stack.extend(
            root_el
                .children()
                .rev()
                .map(|c| Step::Enter(c, in_link, true)),
        );
        let mut open: Vec<&str> = vec![root_name];
        while let Some(step) = stack.pop() {
            let (node, in_link, scanned) = match step {
                Step::Exit(name) => {
                    self.flush(name);
                    open.pop();
                    continue;
                }
                Step::Enter(node, in_link, scanned) => (node, in_link, scanned),
            };
            let e = match node.value() {
                Node::Text(t) => {
                    self.push_text(t, in_link);
                    continue;
                }
                Node::Element(e) => e,
                _ => continue,
            };
            let name = e.name();
            let kept = scanned && next < nodes.len() && nodes[next].el.id() == node.id();
            let dateish = if kept {
                let i = next;
                next += 1;
                if name == "form" && ctx.in_content {
                    next = nodes[i].end;
                    continue;
                }
                nodes[i].dateish
            } else {
                if name == "br" {
                    // (A <br> the scan saw is handled below.)
                } else {
                    let class = classify(e, ctx, &mut names);
                    if class.junk {
                        continue;
                    }
                }
                name != "br" && dateish_names(name, &names)
            };
            if name == "br" {
                self.line_break(open.last().copied().unwrap_or("div"));
                continue;
            }
            if is_block_tag(name) || dateish {
                self.flush(open.last().copied().unwrap_or("div"));
                open.push(name);
                stack.push(Step::Exit(name));
            }
            let in_link = in_link || name == "a";
            stack.extend(node.children().rev().map(|c| Step::Enter(c, in_link, kept)));
        }
    }

    fn push_text(&mut self, t: &str, in_link: bool) {
        for ch in t.chars() {
            if ch.is_ascii_whitespace() {
                self.buf.push(' ');
            } else {
                self.buf.push(ch);
                if !ch.is_whitespace() {
                    self.chars += 1;
                    if in_link {
                        self.link_chars += 1;
                    }
                }
            }
        }
    }

    /// `<br>` ends a line; two in a row (maybe with a `&nbsp;` between) end a
    /// paragraph, as old layouts write paragraphs as text separated by `<br><br>`.
    fn line_break(&mut self, name: &str) {
        let blank_line = self
            .buf
            .rfind('\n')
            .is_some_and(|i| self.buf[i + 1..].chars().all(char::is_whitespace));
        if blank_line {
            self.flush(name);
        } else {
            self.buf.push('\n');
        }
    }

    /// Close the current block: collapse whitespace (ASCII only; NBSP is kept
    /// for the normalize stage) and keep it unless it is empty or furniture.
    fn flush(&mut self, name: &str) {
        if self.buf.is_empty() {
            return;
        }
        let (chars, link_chars) = (self.chars, self.link_chars);
        let raw = std::mem::take(&mut self.buf);
        self.chars = 0;
        self.link_chars = 0;
        let mut text = String::with_capacity(raw.len());
        for line in raw.split('\n') {
            if !line.chars().any(is_visible) {
                continue;
            }
            let mut words = line.split_ascii_whitespace();
            let Some(first) = words.next() else { continue };
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(first);
            for w in words {
                text.push(' ');
                text.push_str(w);
            }
        }
        self.buf = raw; // keep the allocation
        self.buf.clear();

        if text.is_empty() {
            return;
        }
        if name == "h1" {
            if self.h1.is_none() {
                self.h1 = Some(text.replace('\n', " "));
            }
        } else if is_furniture(&text, name, chars, link_chars) {
            return;
        }
        if matches!(name, "h2" | "h3")
            && self.opening_heading.is_none()
            && link_chars == 0
            && (5..=60).contains(&text.split_whitespace().count())
            && self
                .blocks
                .iter()
                .all(|b| b.split_whitespace().count() <= 8)
        {
            self.opening_heading = Some(text.replace('\n', " "));
        }
        self.blocks.push(text);
    }
}

/// Not white space (NBSP included) nor an invisible zero-width character:
/// `<p>&nbsp;</p>` is an empty paragraph.
fn is_visible(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// Unmarked furniture inside the container: lists of links (related news,
/// menus), labels such as "Tin liên quan" or "Chia sẻ", visitor counters.
fn is_furniture(text: &str, tag: &str, chars: usize, link_chars: usize) -> bool {
    if chars > 0 && link_chars * 5 >= chars * 4 {
        // A byline may be a lone link to the author's page; a related-news
        // headline or a list item of links is not.
        let words = text.split_whitespace().count();
        if matches!(tag, "li" | "td" | "th" | "dt" | "dd") || words >= 4 {
            return true;
        }
    }
    if text.chars().count() <= 60 {
        let label = text
            .trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '.' | '»' | '›' | '>' | '|' | '-')
            })
            .to_lowercase();
        if BOILERPLATE.contains(&label.as_str()) || COUNTER_TEXT.is_match(&label) {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

/// The element's text, cut off once it passes `limit` bytes.
fn bounded_text(el: ElementRef<'_>, limit: usize) -> String {
    let mut t = String::new();
    for piece in el.text() {
        t.push_str(piece);
        if t.len() >= limit {
            break;
        }
    }
    t
}

/// Collapse runs of ASCII whitespace to one space and trim; NBSP is kept.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Separators between a headline and a site's name in `<title>`. " | " and
/// " :: " never occur inside Vietnamese headlines; dashes do
/// ("kinh tế - xã hội"), so they are only tried when no strong one is there.
const STRONG_SEPS: &[&str] = &[" | ", " :: ", " || ", " » "];
const WEAK_SEPS: &[&str] = &[" - ", " – ", " — "];

/// `<title>` without the site's name: drop the known site name if it is one
/// end of the title, else split on the separators and keep the longest part,
/// as a headline is longer than a site name.
fn clean_title(t: &str, site: Option<&str>) -> String {
    let stripped = strip_known_site(t, site);
    if stripped.len() != t.len() {
        return stripped;
    }
    for seps in [STRONG_SEPS, WEAK_SEPS] {
        let parts = split_any(t, seps);
        if parts.len() > 1 {
            return parts
                .into_iter()
                .max_by_key(|p| p.chars().count())
                .unwrap_or(t)
                .to_string();
        }
    }
    t.to_string()
}

/// `t` without `site` at either end (with its separator), when `site` is known.
fn strip_known_site(t: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return t.to_string();
    };
    for sep in STRONG_SEPS.iter().chain(WEAK_SEPS) {
        let suffix = format!("{sep}{site}");
        if t.len() > suffix.len() && t.is_char_boundary(t.len() - suffix.len()) {
            let (head, tail) = t.split_at(t.len() - suffix.len());
            if tail.eq_ignore_ascii_case(&suffix) {
                return head.trim().to_string();
            }
        }
        let prefix = format!("{site}{sep}");
        if t.len() > prefix.len() && t.is_char_boundary(prefix.len()) {
            let (head, tail) = t.split_at(prefix.len());
            if head.eq_ignore_ascii_case(&prefix) {
                return tail.trim().to_string();
            }
        }
    }
    t.to_string()
}

fn split_any<'s>(t: &'s str, seps: &[&str]) -> Vec<&'s str> {
    let mut parts = Vec::new();
    let mut rest = t;
    loop {
        let next = seps
            .iter()
            .filter_map(|s| rest.find(s).map(|i| (i, s.len())))
            .min();
        match next {
            Some((i, l)) => {
                parts.push(rest[..i].trim());
                rest = &rest[i + l..];
            }
            None => {
                parts.push(rest.trim());
                break;
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// "Bài và ảnh: Minh Thu", "bởi Minh Thu", "Tác giả: Minh Thu" → "Minh Thu".
fn strip_byline_label(s: &str) -> String {
    const LABELS: &[&str] = &["bài", "ảnh", "tác giả", "người viết", "author", "by", "pv"];
    const PREFIXES: &[&str] = &[
        "bởi ",
        "by ",
        "đăng bởi ",
        "viết bởi ",
        "posted by ",
        "written by ",
    ];
    if let Some(colon) = s.find(':') {
        let label = s[..colon].trim().to_lowercase();
        if label.split_whitespace().count() <= 4 && LABELS.iter().any(|w| label.starts_with(w)) {
            return s[colon + 1..].trim().to_string();
        }
    }
    for prefix in PREFIXES {
        // Compare the original's own prefix: lowercasing may change byte lengths.
        if s.get(..prefix.len())
            .is_some_and(|h| h.to_lowercase() == *prefix)
        {
            return s[prefix.len()..].trim().to_string();
        }
    }
    s.to_string()
}

/// Whether a short string reads as a person's (or pen) name rather than a
/// site, an organisation or a URL.
fn looks_like_person(s: &str) -> bool {
    let n = s.chars().count();
    let words = s.split_whitespace().count();
    if !(2..=60).contains(&n) || !(1..=6).contains(&words) {
        return false;
    }
    if !s.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let l = s.to_lowercase();
    const NOT_A_PERSON: &[&str] = &[
        "http",
        "www",
        "://",
        "@",
        ".com",
        ".vn",
        ".net",
        ".org",
        "/",
        "báo ",
        "tạp chí",
        "cổng",
        "thông tin",
        "điện tử",
        "trang tin",
        "tin tức",
        "đài ",
        "truyền hình",
        "online",
        "news",
        "admin",
        "ubnd",
        "sở ",
        "ban biên tập",
        "bbt",
        "portal",
        "website",
        "văn phòng",
        "ủy ban",
        "uỷ ban",
        "tỉnh ",
        "thành phố",
        "theo ",
    ];
    !NOT_A_PERSON.iter().any(|w| l.contains(w) || l == w.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORTAL: &str = include_str!("../fixtures/html/portal_sharepoint.html");
    const NEWS: &str = include_str!("../fixtures/html/news_article.html");
    const TABLE: &str = include_str!("../fixtures/html/old_table.html");
    const TITLE_ONLY: &str = include_str!("../fixtures/html/title_only.html");
    const WORDPRESS: &str = include_str!("../fixtures/html/wordpress.html");

    const HEADLINE_A: &str =
        "Khối thi đua các huyện phía Bắc tổng kết phong trào thi đua, khen thưởng năm 2018";
    const HEADLINE_B: &str = "Khối thi đua các sở, ngành kinh tế ký kết giao ước thi đua năm 2023";

    /// Story A's body paragraphs, by their openings.
    const BODY_A: &[&str] = &[
        "Sáng 1/12, tại Trung tâm Hội nghị huyện Tân Lạc",
        "Khối gồm 5 đơn vị: huyện Tân Lạc",
        "Theo báo cáo, tổng giá trị sản xuất",
        "Qua bình xét, hội nghị thống nhất",
        "Dịp này, đại diện 5 đơn vị",
    ];
    const BODY_B: &[&str] = &[
        "Chiều 30/12, Khối thi đua các sở, ngành kinh tế",
        "Năm 2022, các thành viên trong Khối",
        "Tại hội nghị, Khối đã bình xét",
        "Năm 2023, Sở Tài chính được bầu làm Trưởng khối",
    ];

    /// Index of the block starting with each opening, asserting they are in order.
    fn assert_in_order(blocks: &[String], openings: &[&str]) -> Vec<usize> {
        let mut at = Vec::new();
        for o in openings {
            let i = blocks
                .iter()
                .position(|b| b.starts_with(o))
                .unwrap_or_else(|| panic!("no block starts with {o:?} in {blocks:#?}"));
            at.push(i);
        }
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "out of order {at:?}: {blocks:#?}"
        );
        at
    }

    fn assert_absent(blocks: &[String], clutter: &[&str]) {
        for c in clutter {
            assert!(
                !blocks.iter().any(|b| b.contains(c)),
                "{c:?} leaked into {blocks:#?}"
            );
        }
    }

    #[test]
    fn portal_sharepoint_layout() {
        let p = parse(PORTAL);
        assert_eq!(p.title.as_deref(), Some(HEADLINE_A));
        assert_eq!(
            p.published, None,
            "a visible date only: the text stage reads it"
        );
        assert_eq!(
            p.author, None,
            "meta author is the site; the byline is the last block"
        );
        assert_eq!(p.blocks[0], HEADLINE_A);
        assert_eq!(p.blocks[1], "02/12/2018 08:58");
        assert_in_order(&p.blocks, BODY_A);
        assert_eq!(p.blocks.last().map(String::as_str), Some("Minh Châu"));
        assert_absent(
            &p.blocks,
            &[
                "Tin liên quan",
                "phía Nam ký kết",
                "Số lượt xem",
                "Lượt truy cập",
                "Thời tiết",
                "Trang chủ",
                "Thi đua - Khen thưởng",
                "Đăng nhập",
                "Cơ quan chủ quản",
                "CỔNG THÔNG TIN",
                "_spPageContextInfo",
            ],
        );
        assert!(!p.blocks.iter().any(|b| b.trim_matches('\u{a0}').is_empty()));
    }

    #[test]
    fn newspaper_with_og_and_article() {
        let p = parse(NEWS);
        assert_eq!(p.title.as_deref(), Some(HEADLINE_B));
        assert_eq!(p.published.as_deref(), Some("2022-12-31T02:48:49+07:00"));
        assert_eq!(p.author.as_deref(), Some("Hoàng Lan"));
        assert_eq!(p.blocks[0], HEADLINE_B);
        assert_eq!(p.blocks[1], "31/12/2022 02:48:49");
        assert_in_order(&p.blocks, BODY_B);
        assert!(p.blocks.iter().any(|b| b == "Quang cảnh hội nghị."));
        assert_absent(
            &p.blocks,
            &[
                "Chia sẻ",
                "Facebook",
                "In bài",
                "Quảng cáo",
                "Tin liên quan",
                "văn hóa - xã hội tổng kết",
                "Bình luận",
                "Rất đáng khen",
                "Đọc nhiều",
                "Thời sự",
                "Từ khóa",
                "Giấy phép",
            ],
        );
    }

    #[test]
    fn old_table_layout() {
        let p = parse(TABLE);
        assert_eq!(
            p.title.as_deref(),
            Some(HEADLINE_A),
            "longest part of the <title>"
        );
        assert_eq!(p.published, None);
        assert_eq!(p.author, None);
        assert_eq!(p.blocks[0], HEADLINE_A);
        assert_eq!(p.blocks[1], "Cập nhật: 02/12/2018 08:58");
        assert_in_order(&p.blocks, BODY_A);
        assert_eq!(p.blocks.last().map(String::as_str), Some("Minh Châu"));
        assert_absent(
            &p.blocks,
            &[
                "Trang chủ",
                "Giới thiệu chung",
                "Văn bản pháp quy",
                "In bài viết",
                "Các bài khác",
                "sơ kết 6 tháng",
                "Thống kê truy cập",
                "1.234.567",
                "Bản quyền",
            ],
        );
    }

    #[test]
    fn title_only_page() {
        let p = parse(TITLE_ONLY);
        assert_eq!(p.title.as_deref(), Some(HEADLINE_A));
        assert_eq!(p.published, None);
        assert_eq!(p.author, None);
        assert_in_order(&p.blocks, BODY_A);
        assert_eq!(p.blocks.len(), 6, "{:#?}", p.blocks);
        assert_eq!(p.blocks.last().map(String::as_str), Some("Minh Châu"));
        assert_absent(
            &p.blocks,
            &["Trang chủ", "Xem thêm", "Tập huấn", "Trang tin Sở Nội vụ"],
        );
        // &ldquo; &rdquo; decoded.
        assert!(p.blocks[2].contains("“Cả nước chung sức xây dựng nông thôn mới”"));
    }

    #[test]
    fn wordpress_entry_content() {
        let p = parse(WORDPRESS);
        assert_eq!(
            p.title.as_deref(),
            Some(HEADLINE_B),
            "h1 inside the article"
        );
        assert_eq!(p.published.as_deref(), Some("2022-12-31T09:15:00+07:00"));
        assert_eq!(p.author.as_deref(), Some("Hoàng Lan"));
        assert_eq!(p.blocks[0], HEADLINE_B);
        assert_eq!(p.blocks[1], "Đăng ngày 31/12/2022 bởi Hoàng Lan");
        assert_in_order(&p.blocks, BODY_B);
        assert_absent(
            &p.blocks,
            &[
                "Chuyển đến nội dung",
                "Chia sẻ",
                "Facebook",
                "Bài viết cùng chuyên mục",
                "Tập huấn nghiệp vụ",
                "Chuyên mục",
                "giao ước</a>",
                "Bài trước",
                "Trả lời",
                "Email của bạn",
                "Bài viết mới",
                "Bản quyền",
            ],
        );
    }

    /// A theme of divs: the date above the headline, the lead beside the body.
    #[test]
    fn date_above_the_headline_and_a_lead_beside_the_body() {
        let p = parse(
            r#"<html><body><div class="menu"><a href="/">Trang chủ</a></div><div class="wrap">
            <div class="post-date">20/12/2024 | 14:05 GMT+7</div>
            <div class="post-title">Cụm thi đua số 1 tổng kết năm 2024</div>
            <div class="post-summary">Sáng thứ Năm (19/12), Đài PT-TH Yên Bái đã tổ chức Hội nghị tổng kết công tác thi đua năm 2024.</div>
            <div class="post-content"><p>Cụm thi đua số 1 gồm Đài PT-TH 6 tỉnh của khu vực miền núi phía Bắc, các đơn vị đã hoàn thành tốt nhiệm vụ được giao trong năm.</p>
            <p>Hội nghị đã bình xét, suy tôn đơn vị dẫn đầu phong trào thi đua năm 2024 của Cụm.</p></div>
            </div></body></html>"#,
        );
        assert_eq!(p.blocks[0], "20/12/2024 | 14:05 GMT+7");
        assert!(
            p.blocks[1].starts_with("Sáng thứ Năm (19/12)"),
            "{:?}",
            p.blocks
        );
        assert!(p.blocks[2].starts_with("Cụm thi đua số 1 gồm"));
    }

    /// The same story on different layouts gives the same body paragraphs.
    #[test]
    fn same_story_same_blocks() {
        fn body(p: &Page, openings: &[&str]) -> Vec<String> {
            let first = p
                .blocks
                .iter()
                .position(|b| b.starts_with(openings[0]))
                .unwrap();
            p.blocks[first..].to_vec()
        }
        let a: Vec<Vec<String>> = [PORTAL, TABLE, TITLE_ONLY]
            .iter()
            .map(|h| body(&parse(h), BODY_A))
            .collect();
        assert_eq!(a[0], a[1]);
        assert_eq!(a[0], a[2]);
        let b: Vec<Vec<String>> = [NEWS, WORDPRESS]
            .iter()
            .map(|h| body(&parse(h), BODY_B))
            .collect();
        // The newspaper has a photo caption the WordPress copy lacks.
        let news: Vec<&String> = b[0]
            .iter()
            .filter(|s| *s != "Quang cảnh hội nghị.")
            .collect();
        assert_eq!(news, b[1].iter().collect::<Vec<_>>());
    }

    #[test]
    fn looks_like_html_cases() {
        for f in [PORTAL, NEWS, TABLE, TITLE_ONLY, WORDPRESS] {
            assert!(looks_like_html(f));
        }
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><p>x</p>"));
        assert!(looks_like_html("<p>Đoạn một</p>\n<p>Đoạn hai</p>"));
        assert!(looks_like_html("<div class=\"content\"><p>Một</p></div>"));
        assert!(looks_like_html(
            "Warning: x\n<html><head></head><body></body></html>"
        ));
        assert!(!looks_like_html("Khối thi đua có 5 < 6 đơn vị"));
        assert!(!looks_like_html("<3 Hội nghị tổng kết"));
        assert!(!looks_like_html(
            "Thẻ <p> dùng để viết đoạn văn, thẻ <div> để nhóm."
        ));
        assert!(!looks_like_html("<p> là thẻ đoạn văn."));
        assert!(!looks_like_html(""));
        // Cut inside a multibyte letter at the 1 KiB mark.
        let long = format!("{}<p>", "ạ".repeat(600));
        assert!(!looks_like_html(&long));
    }

    #[test]
    fn blocks_and_inline_elements() {
        let p = parse(
            "<html><body><div class=\"noidung\"><p>Hội  nghị <b>tổng</b><i>kết</i>\n năm <a href=\"#\">2018</a>.</p>\
             <p>&nbsp;</p><p>Dòng một<br>Dòng hai<br><br>Đoạn sau<br>&nbsp;<br>Đoạn cuối</p>\
             <div>Chữ trực tiếp <span>trong div</span><p>Đoạn con</p>đuôi</div>\
             <p>Giá&nbsp;trị &amp; tỷ lệ</p></div></body></html>",
        );
        assert_eq!(
            p.blocks,
            [
                "Hội nghị tổngkết năm 2018.",
                "Dòng một\nDòng hai",
                "Đoạn sau",
                "Đoạn cuối",
                "Chữ trực tiếp trong div",
                "Đoạn con",
                "đuôi",
                "Giá\u{a0}trị & tỷ lệ",
            ]
        );
    }

    #[test]
    fn title_cleaning() {
        assert_eq!(
            clean_title("Tiêu đề bài báo rất dài ở đây | Báo X", None),
            "Tiêu đề bài báo rất dài ở đây"
        );
        assert_eq!(
            clean_title("Báo X :: Tiêu đề bài báo dài", None),
            "Tiêu đề bài báo dài"
        );
        assert_eq!(
            clean_title("Tiêu đề bài - Báo Hòa Phong điện tử", None),
            "Báo Hòa Phong điện tử"
        );
        assert_eq!(
            clean_title(
                "Tiêu đề bài - Báo Hòa Phong điện tử",
                Some("Báo Hòa Phong điện tử")
            ),
            "Tiêu đề bài"
        );
        assert_eq!(
            clean_title(
                "Phát triển kinh tế - xã hội các huyện phía Bắc | Báo X",
                None
            ),
            "Phát triển kinh tế - xã hội các huyện phía Bắc"
        );
        assert_eq!(clean_title("Chỉ một tiêu đề", None), "Chỉ một tiêu đề");
    }

    #[test]
    fn author_heuristics() {
        assert!(looks_like_person("Minh Châu"));
        assert!(looks_like_person("Nguyễn Văn An"));
        assert!(looks_like_person("HOÀNG LONG"));
        assert!(!looks_like_person("Báo Hòa Phong điện tử"));
        assert!(!looks_like_person("https://facebook.com/baohoaphong"));
        assert!(!looks_like_person("Cổng thông tin điện tử tỉnh Hòa Phong"));
        assert!(!looks_like_person("admin"));
        assert_eq!(strip_byline_label("Bài và ảnh: Minh Thu"), "Minh Thu");
        assert_eq!(strip_byline_label("bởi Hoàng Lan"), "Hoàng Lan");
        let p = parse(
            "<html><head><meta name=\"author\" content=\"Trần Thị Hoa\"></head>\
             <body><article><p>Nội dung bài viết đủ dài để được chọn làm thân bài.</p></article></body></html>",
        );
        assert_eq!(p.author.as_deref(), Some("Trần Thị Hoa"));
    }

    #[test]
    fn published_sources() {
        let p = parse("<html><head><meta name=\"pubdate\" content=\"2018-12-02 08:58\"></head><body><p>x</p></body></html>");
        assert_eq!(p.published.as_deref(), Some("2018-12-02 08:58"));
        let p = parse(
            "<html><body><div class=\"other\"><time datetime=\"2017-01-01\">cũ</time></div>\
             <article><time datetime=\" 2018-12-02T08:58:00 \">2/12</time>\
             <p>Nội dung bài viết đủ dài để được chọn làm thân bài, có dấu phẩy, nhiều chữ.</p></article></body></html>",
        );
        assert_eq!(p.published.as_deref(), Some("2018-12-02T08:58:00"));
        let p = parse("<html><body><span itemprop=\"datePublished\" content=\"2019-01-05\">5/1</span><p>x</p></body></html>");
        assert_eq!(p.published.as_deref(), Some("2019-01-05"));
    }

    /// A wrapper whose name reads as furniture does not lose the article.
    #[test]
    fn misnamed_wrapper_falls_back_to_tags() {
        let p = parse(
            "<html><body><div class=\"menu\"><a href=\"/\">Trang chủ</a></div>\
             <div id=\"print-area\"><h1>Tiêu đề</h1>\
             <p>Hội nghị tổng kết phong trào thi đua của Khối các huyện phía Bắc năm 2018.</p>\
             <p>Các đơn vị trong Khối đã hoàn thành và vượt nhiều chỉ tiêu giao ước thi đua.</p>\
             <p>Khối bầu huyện Thanh Hà làm Trưởng khối, huyện Mỹ Lộc làm Phó Trưởng khối.</p>\
             </div></body></html>",
        );
        assert_eq!(p.title.as_deref(), Some("Tiêu đề"));
        assert_eq!(p.blocks.len(), 4, "{:#?}", p.blocks);
    }

    #[test]
    fn hidden_body_is_still_read() {
        let p = parse("<html><body style=\"display:none\" class=\"has-sidebar\"><p>Nội dung</p></body></html>");
        assert_eq!(p.blocks, ["Nội dung"]);
    }

    #[test]
    fn degenerate_inputs() {
        for s in [
            "",
            "   ",
            "plain text only",
            "<",
            "<<<>>>",
            "<p>",
            "</div></div>",
            "<html>",
            "<!-- x",
        ] {
            let _ = parse(s);
        }
        assert_eq!(parse("Chỉ là văn bản.").blocks, ["Chỉ là văn bản."]);
        let deep = format!("{}chữ{}", "<div>".repeat(3_000), "</div>".repeat(3_000));
        assert_eq!(parse(&deep).blocks, ["chữ"]);
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        fn tag_soup() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("<p>".to_string()),
                Just("</p>".to_string()),
                Just("<div class=\"content\">".to_string()),
                Just("<div id=\"menu\">".to_string()),
                Just("</div>".to_string()),
                Just("<article>".to_string()),
                Just("</article>".to_string()),
                Just("<h1>".to_string()),
                Just("</h1>".to_string()),
                Just("<a href=x>".to_string()),
                Just("</a>".to_string()),
                Just("<br>".to_string()),
                Just("<table><tr><td>".to_string()),
                Just("</td></tr></table>".to_string()),
                Just("<script>".to_string()),
                Just("<meta property=\"og:title\" content=\"".to_string()),
                Just("<title>".to_string()),
                Just("<span class=\"author\">".to_string()),
                Just("<time datetime=\"".to_string()),
                Just("&nbsp;".to_string()),
                Just("&amp;".to_string()),
                Just("\"".to_string()),
                Just(">".to_string()),
                Just("<".to_string()),
                Just("Hội nghị, tổng kết thi đua năm 2018 ".to_string()),
                Just(" Minh Châu ".to_string()),
                Just("Bài: İẞ ".to_string()),
                "[a-zA-Zàáạảãđ ,.<>/=\"]{0,12}",
            ];
            prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn arbitrary_strings_never_panic(s in any::<String>()) {
                let _ = looks_like_html(&s);
                let _ = parse(&s);
            }

            #[test]
            fn tag_soup_never_panics(s in tag_soup()) {
                let _ = looks_like_html(&s);
                let p = parse(&s);
                for b in &p.blocks {
                    prop_assert!(!b.is_empty());
                    prop_assert!(!b.starts_with(' ') && !b.ends_with(' '));
                }
            }
        }
    }
}
