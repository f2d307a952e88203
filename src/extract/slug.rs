//! The headline as a site's address writes it: most Vietnamese news sites end an article's
//! address with its headline in lowercase, without marks, words joined by "-"
//! (".../khoi-noi-chinh-tinh-ky-ket-giao-uoc-thi-dua-nam-2017-27112.html"). A saved text
//! cut off before its headline, or whose headline lost its marks, still has it there.

use regex::Regex;

use crate::normalize::{pattern_without_marks, without_marks};
use crate::patterns::PatternError;

/// The words of the headline in `url`'s last path segment ("khoi noi chinh tinh ky ket giao
/// uoc thi dua nam 2017"), or `None` when the segment is not one (an id, "View_Detail.aspx",
/// fewer than three words).
pub fn headline(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let segment = path.split('/').skip(1).filter(|s| !s.is_empty()).last()?;
    let segment = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
    // Without its file extension (".html", ".aspx", ".tpo", ".antd").
    let stem = match segment.rsplit_once('.') {
        Some((stem, ext)) if ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric()) => {
            stem
        }
        _ => &segment,
    };
    let folded = without_marks(stem);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !is_id(w))
        .collect();
    let letters = words
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()));
    (letters.count() >= 3).then(|| words.join(" "))
}

/// An article number rather than a word: "27112", "a130813", "post8228", "c21019", a hash.
fn is_id(word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let letters = word.len() - digits;
    (digits >= 5 && letters <= 4)
        || (word.len() >= 12 && word.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `rule` for text without marks: the same regular expression with its letters' marks taken
/// off, ignoring case. `file` names the rule's pattern file in the error, should the rule
/// without marks not compile.
pub fn rule_without_marks(rule: &Regex, file: &str) -> Result<Regex, PatternError> {
    let pattern = pattern_without_marks(rule.as_str());
    crate::patterns::regex(&format!("(?i){pattern}")).map_err(|e| PatternError {
        file: file.into(),
        line: 0,
        message: format!(
            "the rule {:?} without marks does not compile: {e}",
            rule.as_str()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_words_from_an_address() {
        assert_eq!(
            headline("https://thainguyentv.vn/khoi-noi-chinh-tinh-ky-ket-giao-uoc-thi-dua-nam-2017-27112.html")
                .as_deref(),
            Some("khoi noi chinh tinh ky ket giao uoc thi dua nam 2017")
        );
        assert_eq!(
            headline("https://x.vn/c%E1%BB%A5m-thi-%C4%91ua-t%E1%BB%95ng-k%E1%BA%BFt/").as_deref(),
            Some("cum thi dua tong ket")
        );
        assert_eq!(
            headline("https://x.vn/kiem-sat/cum-thi-dua-so-1-binh-xet-nam-2023-149580.html?a=b")
                .as_deref(),
            Some("cum thi dua so 1 binh xet nam 2023")
        );
        assert_eq!(
            headline("https://x.vn/tin/post-a130813.html").as_deref(),
            None
        );
        assert_eq!(
            headline("http://sonoivu.vinhphuc.gov.vn/ct/Lists/View_Detail.aspx?ItemID=300"),
            None
        );
        assert_eq!(headline("https://baobackan.com.vn/"), None);
        assert_eq!(headline("not a url"), None);
    }

    #[test]
    fn rules_lose_their_marks() {
        let rule = crate::patterns::regex(r"(?:ký|kí) (?:kết )?giao ước thi đua năm (?P<y>\d{4})")
            .unwrap();
        let bare = rule_without_marks(&rule, "cues.tsv").unwrap();
        let c = bare
            .captures("khoi noi chinh ky ket giao uoc thi dua nam 2017")
            .unwrap();
        assert_eq!(&c["y"], "2017");
        // A word's end written `\W`, whose class holds the combining marks.
        let rule = crate::patterns::regex(r"sơ kết quý\s+(?:[1-4]|I{1,3}|IV)(?:\W|$)").unwrap();
        let bare = rule_without_marks(&rule, "events.tsv").unwrap();
        assert!(bare.is_match("so ket quy 1 nam 2016"));
        assert!(!bare.is_match("so ket quy 12"));
    }
}
