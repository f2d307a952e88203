//! Referenced official documents that carry a number with its symbol: "Kế hoạch số
//! 03/KH-HĐTĐKT ngày 25/01/2018 của Hội đồng Thi đua, khen thưởng tỉnh", "Chương trình hành
//! động số 56 - CTr/TU". A bare "Chỉ thị 05" has no symbol and is not listed.

use regex::Regex;

use super::dates::{iso, valid};
use super::fold::Folded;
use super::{compile, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::Document;

/// A line of documents.tsv.
#[derive(Clone)]
struct Kind {
    name: String,
    word: Regex,
    /// The kind's code in a number ("KH" in "03/KH-UBND"); `*`: a word of no kind of its own.
    code: String,
}

#[derive(Clone)]
pub struct Documents {
    kinds: Vec<Kind>,
    /// A reference, anchored at its kind: "Kế hoạch số 03/KH-HĐTĐKT ngày 25/01/2018 của ...".
    reference: Regex,
    /// Where a kind is written: where a reference may start.
    starts: Folded,
}

impl Documents {
    pub fn new(patterns: &Patterns) -> Result<Documents, PatternError> {
        let mut kinds = Vec::new();
        let mut words = Vec::new();
        for line in patterns.lines("documents.tsv") {
            kinds.push(Kind {
                name: line.field(0).to_string(),
                word: compile(line, 1)?,
                code: line.field(2).to_string(),
            });
            words.push(format!("(?:{})", line.field(1)));
        }
        let kinds_source = words.join("|");
        // The rule is tried where a kind is written (found over the lowercase text, see
        // `fold`), anchored there; the ASCII word boundary before the kind is checked in code.
        let reference = crate::patterns::regex(&format!(
            r"(?i)^(?P<kind>{kinds_source})\s+(?:số\s*:?\s*)?(?P<num>[0-9]{{1,5}}[a-z]?(?:\s*/\s*[0-9]{{4}})?\s*(?:/|\s-\s|-)\s*(?-i:[[\p{{Lu}}&&\p{{Latin}}]][\p{{Latin}}[0-9]]*)(?:\s*[/\-&]\s*(?-i:[[\p{{Lu}}&&\p{{Latin}}]][\p{{Latin}}[0-9]]*))*|[0-9]{{1,5}}\s+(?-i:[[\p{{Lu}}&&\p{{Latin}}]][\p{{Latin}}[0-9]]*)(?:\s*/\s*(?-i:[[\p{{Lu}}&&\p{{Latin}}]][\p{{Latin}}[0-9]]*))+)(?P<tail>\s*,?\s*ngày\s+(?P<d>[0-9]{{1,2}})(?:\s*[/.\-]\s*(?P<m>[0-9]{{1,2}})\s*[/.\-]\s*|\s+tháng\s+(?P<m2>[0-9]{{1,2}})\s+năm\s+)(?P<y>[0-9]{{4}}))?(?:\s+của\s+(?P<issuer>[^,;.()]{{3}}[^,;.()]*?)(?:\s+về\s|[,;.()]|$))?",
        ))
        .map_err(|e| PatternError {
            file: "documents.tsv".into(),
            line: 0,
            message: format!("the document kinds do not compile: {e}"),
        })?;
        let starts = Folded::new(
            crate::patterns::regex(&format!("(?i)(?:{kinds_source})"))
                .expect("the kinds compiled above"),
        );
        Ok(Documents {
            kinds,
            reference,
            starts,
        })
    }

    pub fn find(&self, doc: &Doc) -> Vec<Document> {
        let mut out: Vec<Document> = Vec::new();
        let mut at = 0;
        while let Some(found) = self.starts.find_at(doc, doc.text, at) {
            let p = found.start;
            let rest = &doc.text[p..];
            let Some(c) = ascii_boundary(doc.text, p)
                .then(|| self.reference.captures(rest))
                .flatten()
            else {
                at = p + rest.chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let whole = c.get(0).expect("a match");
            // The next reference may stand inside this one's issuer: "Quyết định số ... của
            // UBND tỉnh và Kế hoạch số ...".
            at = p + c.name("issuer").map_or(whole.end(), |i| {
                i.start() + self.issuer_alone(i.as_str()).len()
            });
            let raw = &c["num"];
            let mut number: String = raw.split_whitespace().collect::<String>();
            // "Chỉ thị số 05 CT/TW": a number and its symbol written apart keep one space.
            if let Some(i) = raw.find(|c: char| !c.is_ascii_digit()) {
                let rest = &raw[i..];
                if rest.starts_with(char::is_whitespace)
                    && rest.trim_start().starts_with(char::is_alphabetic)
                {
                    number.insert(i, ' ');
                }
            }
            if out.iter().any(|d| d.number == number) {
                continue;
            }
            let word = &c["kind"];
            let kind = match self
                .kinds
                .iter()
                .find(|k| k.word.find(word).is_some_and(|m| m.len() == word.len()))
            {
                // "Văn bản số 478/QĐ-UBND": the kind the number's code names.
                Some(k) if k.code == "*" => {
                    let code = number_code(&number);
                    self.kinds
                        .iter()
                        .find(|other| !code.is_empty() && other.code == code)
                        .unwrap_or(k)
                        .name
                        .clone()
                }
                Some(k) => k.name.clone(),
                None => word.to_string(),
            };
            // "ngày 25/01/2018", "ngày 10 tháng 3 năm 2023".
            let date = match (c.name("d"), c.name("m").or(c.name("m2")), c.name("y")) {
                (Some(d), Some(m), Some(y)) => {
                    let (y, m, d) = (
                        y.as_str().parse().unwrap_or(0),
                        m.as_str().parse().unwrap_or(0),
                        d.as_str().parse().unwrap_or(0),
                    );
                    valid(y, m, d).then(|| iso(y, m, d))
                }
                _ => None,
            };
            let end = c
                .name("tail")
                .map_or(c["num"].len() + c.name("num").unwrap().start(), |t| t.end());
            let (mention, span) = doc.mention(p + whole.start(), p + end);
            out.push(Document {
                number,
                kind,
                date,
                // At most 80 characters: a longer run is a sentence, not an issuer (checked
                // here, since a bounded repetition makes the rule many times slower).
                issuer: c
                    .name("issuer")
                    .map(|i| self.issuer_alone(i.as_str()))
                    .filter(|i| i.chars().count() <= 80)
                    .map(|i| i.trim().to_string()),
                mention,
                span,
            });
        }
        out
    }
}

impl Documents {
    /// An issuer up to a "và" that begins the next reference: "UBND tỉnh và Kế hoạch số
    /// 45/KH-KTĐ" is "UBND tỉnh".
    fn issuer_alone<'t>(&self, issuer: &'t str) -> &'t str {
        issuer
            .match_indices(" và ")
            .map(|(i, _)| i)
            .find(|&i| {
                let next = &issuer[i + " và ".len()..];
                self.kinds
                    .iter()
                    .any(|k| k.word.find(next).is_some_and(|m| m.start() == 0))
            })
            .map_or(issuer, |i| &issuer[..i])
    }
}

/// An ASCII word boundary at byte `at` (as `(?-u:\b)`): a letter or digit of ASCII on one
/// side and none on the other.
fn ascii_boundary(text: &str, at: usize) -> bool {
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let bytes = text.as_bytes();
    word(at.checked_sub(1).and_then(|i| bytes.get(i))) != word(bytes.get(at))
}

/// The code of a kind in a document's number: "QĐ" in "478/QĐ-UBND", "CT" in "34-CT/TW",
/// "KH" in "03/2018/KH-UBND".
fn number_code(number: &str) -> &str {
    number
        .split(['/', '-', ' '])
        .map(str::trim)
        .find(|part| part.starts_with(char::is_alphabetic))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<Document> {
        Documents::new(&Patterns::builtin().unwrap())
            .unwrap()
            .find(&Doc::new(text))
    }

    #[test]
    fn numbers_symbols_dates_and_issuers() {
        let d = find("Thực hiện Kế hoạch số 03/KH-HĐTĐKT ngày 25 /01/2018 của Hội đồng Thi đua, khen thưởng tỉnh về công tác; Chương trình hành động số 56 - CTr/TU ngày 01/11/2021 của Tỉnh ủy.");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].number, "03/KH-HĐTĐKT");
        assert_eq!(d[0].kind, "Kế hoạch");
        assert_eq!(d[0].date.as_deref(), Some("2018-01-25"));
        assert_eq!(d[1].number, "56-CTr/TU");
        assert_eq!(d[1].kind, "Chương trình hành động");
        assert_eq!(d[1].issuer.as_deref(), Some("Tỉnh ủy"));
    }

    #[test]
    fn a_document_named_only_a_text_is_of_its_numbers_kind() {
        let d = find("Theo Văn bản số 478/QĐ-UBND của UBND tỉnh, Văn bản số 34-CT/TW và Công văn số 12/UBND-VX.");
        let kinds: Vec<&str> = d.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["Quyết định", "Chỉ thị", "Công văn"]);
    }

    #[test]
    fn a_kind_in_capitals_or_inside_a_word() {
        let d = find("Căn cứ QUYẾT ĐỊNH SỐ 1650/QĐ-UBND ngày 04/9/2018; xKế hoạch số 03/KH-UBND.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].number, "1650/QĐ-UBND");
        assert_eq!(d[0].date.as_deref(), Some("2018-09-04"));
    }

    #[test]
    fn a_bare_number_is_not_a_document() {
        assert!(find("thực hiện Chỉ thị 05 của Bộ Chính trị").is_empty());
    }
}
