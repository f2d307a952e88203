//! Case-insensitive rules run over a lowercase copy of the text.
//!
//! A rule written `(?i)cờ thi đua` has to match "Cờ thi đua", "CỜ THI ĐUA" and every mix:
//! the regex crate turns it into one literal per mix of cases, too many to look for at once,
//! so it gives up its fast literal search and walks the whole text byte by byte. The same
//! rule with its letters in lowercase, run over a lowercase copy of the text whose byte
//! offsets are those of the text, finds the same spans with a plain literal search.
//!
//! A rule is folded only when folding cannot change what it matches: it holds no
//! case-sensitive part (`(?-i:...)`), no Unicode class (`\p{Lu}` means nothing in lowercase
//! text), and no letter or range whose lowercase is written with another number of bytes.
//! Any other rule runs as written over the text itself. The copy lowercases a character
//! only where its lowercase is one character of the same length in UTF-8, which is every
//! Vietnamese letter; for the few others (the Kelvin sign, dotted capital I) a folded rule
//! may miss a match the written rule would make.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use regex_syntax::ast::{self, Ast, ClassSetItem};

use super::{Doc, Gated};

/// The lowercase copy of `text`, with the same byte offsets.
pub(crate) fn fold_text(text: &str) -> String {
    let mut out = text.to_ascii_lowercase();
    // Then the other capitals, which are few: "Đ", "Ủy", "Ở".
    let mut i = 0;
    while let Some(at) = out.as_bytes()[i..].iter().position(|b| *b >= 0xC0) {
        let start = i + at;
        let c = out[start..]
            .chars()
            .next()
            .expect("a character starts here");
        let end = start + c.len_utf8();
        if let Some(l) = lower(c).filter(|&l| l != c) {
            out.replace_range(start..end, l.encode_utf8(&mut [0; 4]));
        }
        i = end;
    }
    out
}

/// The lowercase of `c` when it is one character as long as `c` in UTF-8.
pub(crate) fn lower(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    // The Vietnamese letters (Latin-1, Latin Extended-A and B, Latin Extended Additional)
    // from a table made once; any other character from the standard library.
    static TABLE: OnceLock<Vec<Option<char>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        VIETNAMESE
            .iter()
            .flat_map(|r| r.clone())
            .map(|u| char::from_u32(u).and_then(lower_of))
            .collect()
    });
    let u = c as u32;
    let [latin, additional] = VIETNAMESE;
    if latin.contains(&u) {
        table[(u - latin.start) as usize]
    } else if additional.contains(&u) {
        table[latin.len() + (u - additional.start) as usize]
    } else {
        lower_of(c)
    }
}

/// The blocks of Unicode that hold the Vietnamese letters.
const VIETNAMESE: [Range<u32>; 2] = [0x80..0x250, 0x1E00..0x1F00];

fn lower_of(c: char) -> Option<char> {
    let mut it = c.to_lowercase();
    let l = it.next()?;
    (it.next().is_none() && l.len_utf8() == c.len_utf8()).then_some(l)
}

/// The source of a case-insensitive rule rewritten for lowercase text (its `(?i)` taken out
/// and its letters lowered), or `None` when that could change what it matches.
pub(crate) fn fold_rule(source: &str) -> Option<String> {
    let rest = source.strip_prefix("(?i)")?;
    let mut ast = ast::parse::Parser::new().parse(rest).ok()?;
    fold_ast(&mut ast)?;
    let mut out = String::new();
    ast::print::Printer::new().print(&ast, &mut out).ok()?;
    Some(out)
}

fn fold_ast(ast: &mut Ast) -> Option<()> {
    match ast {
        Ast::Empty(_) | Ast::Dot(_) | Ast::Assertion(_) | Ast::ClassPerl(_) => Some(()),
        Ast::Flags(flags) => no_case_flag(&flags.flags),
        Ast::ClassUnicode(_) => None,
        Ast::Literal(lit) => fold_literal(lit),
        Ast::ClassBracketed(class) => fold_class(&mut class.kind),
        Ast::Repetition(rep) => fold_ast(&mut rep.ast),
        Ast::Group(group) => {
            if let ast::GroupKind::NonCapturing(flags) = &group.kind {
                no_case_flag(flags)?;
            }
            fold_ast(&mut group.ast)
        }
        Ast::Alternation(alt) => alt.asts.iter_mut().try_for_each(fold_ast),
        Ast::Concat(concat) => concat.asts.iter_mut().try_for_each(fold_ast),
    }
}

/// A rule that sets or clears `i` inside has parts of another case rule: not folded.
fn no_case_flag(flags: &ast::Flags) -> Option<()> {
    let sets_case = flags
        .items
        .iter()
        .any(|item| item.kind == ast::FlagsItemKind::Flag(ast::Flag::CaseInsensitive));
    (!sets_case).then_some(())
}

fn fold_literal(lit: &mut ast::Literal) -> Option<()> {
    let l = lower(lit.c)?;
    if l != lit.c {
        lit.c = l;
        lit.kind = ast::LiteralKind::Verbatim;
    }
    Some(())
}

fn fold_class(set: &mut ast::ClassSet) -> Option<()> {
    match set {
        ast::ClassSet::Item(item) => fold_item(item),
        ast::ClassSet::BinaryOp(op) => {
            fold_class(&mut op.lhs)?;
            fold_class(&mut op.rhs)
        }
    }
}

fn fold_item(item: &mut ClassSetItem) -> Option<()> {
    match item {
        ClassSetItem::Empty(_) | ClassSetItem::Perl(_) => Some(()),
        ClassSetItem::Unicode(_) | ClassSetItem::Ascii(_) => None,
        ClassSetItem::Literal(lit) => fold_literal(lit),
        // "[a-z]" stays; "[A-Z]" becomes "[a-z]"; a range whose ends fold apart is not folded.
        ClassSetItem::Range(range) => {
            let (start, end) = (range.start.c, range.end.c);
            let (ls, le) = (lower(start)?, lower(end)?);
            if (ls, le) == (start, end) {
                Some(())
            } else if start.is_ascii_uppercase() && end.is_ascii_uppercase() {
                fold_literal(&mut range.start)?;
                fold_literal(&mut range.end)
            } else {
                None
            }
        }
        ClassSetItem::Bracketed(class) => fold_class(&mut class.kind),
        ClassSetItem::Union(union) => union.items.iter_mut().try_for_each(fold_item),
    }
}

/// A case-insensitive rule, run over the lowercase copy of the article when it can be
/// (see the module's documentation), else over the text as written. Its matches are
/// read from the text as written.
#[derive(Clone, Debug)]
pub(crate) struct Folded {
    re: Regex,
    on_folded: bool,
    /// For a rule with a `\b`: the rule without them, which the lazy DFA runs, to find
    /// where the rule may match (see [`Gated`]). Made at the first `is_match`, since most
    /// folded rules are only searched for their spans; and not a clone of `re` for other
    /// rules, since a clone of a regex has caches of its own.
    gate: OnceLock<Option<Gated>>,
}

impl Folded {
    pub(crate) fn new(rule: Regex) -> Folded {
        let (re, on_folded) =
            match fold_rule(rule.as_str()).and_then(|s| crate::patterns::regex(&s).ok()) {
                Some(re) => (re, true),
                None => (rule, false),
            };
        Folded {
            gate: OnceLock::new(),
            re,
            on_folded,
        }
    }

    /// What the rule reads of `part`, a slice of the article's text.
    fn haystack<'d>(&self, doc: &'d Doc, part: &'d str) -> &'d str {
        if self.on_folded {
            doc.folded_of(part)
        } else {
            part
        }
    }

    pub(crate) fn is_match(&self, doc: &Doc, part: &str) -> bool {
        self.matches(self.haystack(doc, part))
    }

    fn matches(&self, haystack: &str) -> bool {
        let gate = self.gate.get_or_init(|| {
            self.re
                .as_str()
                .contains(r"\b")
                .then(|| Gated::new(self.re.clone()))
        });
        match gate {
            Some(gate) => gate.is_match(haystack),
            None => self.re.is_match(haystack),
        }
    }

    /// Whether the rule matches `text`, a string of its own whose lowercase copy
    /// ([`fold_text`]) is `folded`.
    pub(crate) fn is_match_in(&self, text: &str, folded: &str) -> bool {
        self.matches(if self.on_folded { folded } else { text })
    }

    /// The span of the first match in `part`, as a byte range of `part`.
    pub(crate) fn find(&self, doc: &Doc, part: &str) -> Option<Range<usize>> {
        self.re.find(self.haystack(doc, part)).map(|m| m.range())
    }

    /// The span of the first match in `part` from byte `at` on, as a byte range of `part`.
    pub(crate) fn find_at(&self, doc: &Doc, part: &str, at: usize) -> Option<Range<usize>> {
        self.re
            .find_at(self.haystack(doc, part), at)
            .map(|m| m.range())
    }

    /// The spans of the matches in `part`, as byte ranges of `part`.
    pub(crate) fn find_iter<'d>(
        &'d self,
        doc: &'d Doc,
        part: &'d str,
    ) -> impl Iterator<Item = Range<usize>> + 'd {
        self.re
            .find_iter(self.haystack(doc, part))
            .map(|m| m.range())
    }

    /// The spans of the matches over `part` and of their named group `name` (byte ranges
    /// of `part`), for matches where it took part.
    pub(crate) fn group_iter<'d>(
        &'d self,
        doc: &'d Doc,
        part: &'d str,
        name: &'d str,
    ) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + 'd {
        self.re
            .captures_iter(self.haystack(doc, part))
            .filter_map(move |c| Some((c.get(0)?.range(), c.name(name)?.range())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letters_keeping_offsets() {
        let text = "CỜ Thi Đua của UBND tỉnh ĐẮK LẮK";
        let folded = fold_text(text);
        assert_eq!(folded, "cờ thi đua của ubnd tỉnh đắk lắk");
        assert_eq!(folded.len(), text.len());
        // The Kelvin sign's lowercase is one byte long: it stays.
        assert_eq!(fold_text("\u{212A}"), "\u{212A}");
    }

    #[test]
    fn folds_rules_that_mean_the_same_in_lowercase() {
        assert_eq!(
            fold_rule(r"(?i)(?:Cờ thi đua|UBND)\s+(?P<y>\d{4})[^.;\n]*?[A-Z]").as_deref(),
            Some(r"(?:cờ thi đua|ubnd)\s+(?P<y>\d{4})[^.;\n]*?[a-z]")
        );
        // Case-sensitive parts, Unicode classes, rules without (?i): as written.
        assert_eq!(fold_rule(r"(?i)Bộ\s+(?-i:\p{Lu})"), None);
        assert_eq!(fold_rule(r"(?i)\p{Lu}"), None);
        assert_eq!(fold_rule(r"Sở Y tế"), None);
        assert_eq!(fold_rule(r"(?i)[À-Ỹ]"), None);
    }

    /// Every built-in cue, award and document line, folded, finds what it finds as written,
    /// over the fixture articles as written, in capitals and in lowercase.
    #[test]
    fn built_in_rules_find_the_same_folded() {
        let patterns = crate::patterns::Patterns::builtin().unwrap();
        let mut rules = Vec::new();
        for (file, field) in [("cues.tsv", 1), ("awards.tsv", 2), ("documents.tsv", 1)] {
            for line in patterns.lines(file) {
                rules.push(format!("(?i){}", line.field(field)));
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            texts.push(text.to_uppercase());
            texts.push(text.to_lowercase());
            texts.push(text);
        }
        let mut folded_rules = 0;
        for source in &rules {
            let written = crate::patterns::regex(source).unwrap();
            let folded = Folded::new(written.clone());
            folded_rules += usize::from(folded.on_folded);
            for text in &texts {
                let doc = Doc::new(text);
                let expected: Vec<Range<usize>> =
                    written.find_iter(text).map(|m| m.range()).collect();
                let got: Vec<Range<usize>> = folded.find_iter(&doc, text).collect();
                assert_eq!(got, expected, "{source}");
            }
        }
        assert!(folded_rules * 2 > rules.len(), "most rules fold");
    }

    #[test]
    fn a_folded_rule_finds_what_the_rule_finds() {
        let text = "Đề nghị tặng CỜ THI ĐUA của Chính phủ; cờ thi đua của UBND tỉnh.";
        let doc = Doc::new(text);
        let source = r"(?i)cờ thi đua của (?:chính phủ|ubnd tỉnh)";
        let written = crate::patterns::regex(source).unwrap();
        let folded = Folded::new(written.clone());
        assert!(folded.on_folded);
        let expected: Vec<Range<usize>> = written.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(expected.len(), 2);
        assert_eq!(folded.find_iter(&doc, text).collect::<Vec<_>>(), expected);
        // Over a part of the text, the spans are the part's.
        let part = &text[2..];
        assert_eq!(
            folded.find_iter(&doc, part).next(),
            Some(expected[0].start - 2..expected[0].end - 2)
        );
    }
}
