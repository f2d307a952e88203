//! The rules' dialect: `\d` is an ASCII digit, and `\w` and `\p{Latin}` are letters of the
//! Latin script as Vietnamese writes them.
//!
//! In the regex crate `\d` is every script's decimal digit (some 70 ranges of code points)
//! and `\w` every script's letters, marks and digits (some 700): in UTF-8 each becomes an
//! automaton of hundreds of states, in every rule that writes it. A rule ending in
//! `(?:\W|$)` took 750 KiB compiled and 35 KiB of each thread's cache, ten times the same
//! rule without it. Vietnamese is written in the Latin script with ASCII digits, so before
//! a rule is compiled its `\d` becomes `[0-9]` and its `\w` the Latin letters, the
//! combining marks (U+0300–U+036F), `0-9` and `_` (`\D`, `\W` their complements), which
//! match the same in an article. `\p{Latin}` itself (some 40 ranges) becomes the six an
//! article uses: ASCII, Latin-1, Extended-A and -B, and Extended Additional, where "ạ",
//! "ế", "ỹ" are; the rules' 880 automata took 1.2 MiB less, and a peak of two threads
//! 3 MiB less. Under `(?-u)` the classes are ASCII already and stay as written.

use std::borrow::Cow;

use regex::{Regex, RegexSet};
use regex_syntax::ast::{
    self, Ast, ClassBracketed, ClassPerl, ClassPerlKind, ClassSet, ClassSetItem, ClassSetRange,
    ClassSetUnion, ClassUnicode, ClassUnicodeKind, Literal, LiteralKind, Span,
};

/// A rule compiled in the dialect. An error is the one of the rule as written.
pub fn regex(source: &str) -> Result<Regex, regex::Error> {
    match dialect(source) {
        Cow::Borrowed(_) => Regex::new(source),
        Cow::Owned(rewritten) => Regex::new(&rewritten).or_else(|_| Regex::new(source)),
    }
}

/// Rules compiled together in the dialect, as [`regex`] compiles one.
pub fn regex_set<I, S>(sources: I) -> Result<RegexSet, regex::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let sources: Vec<String> = sources
        .into_iter()
        .map(|s| s.as_ref().to_string())
        .collect();
    RegexSet::new(sources.iter().map(|s| dialect(s))).or_else(|_| RegexSet::new(&sources))
}

/// A rule's source in the dialect: borrowed when it has nothing to rewrite or does not
/// parse (compiling it then reports the error).
pub fn dialect(source: &str) -> Cow<'_, str> {
    if !["\\d", "\\D", "\\w", "\\W", "{Latin}"]
        .iter()
        .any(|p| source.contains(p))
    {
        return Cow::Borrowed(source);
    }
    let Ok(mut tree) = ast::parse::Parser::new().parse(source) else {
        return Cow::Borrowed(source);
    };
    let mut unicode = true;
    if !rewrite(&mut tree, &mut unicode) {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len() + 16);
    match ast::print::Printer::new().print(&tree, &mut out) {
        Ok(()) => Cow::Owned(out),
        Err(_) => Cow::Borrowed(source),
    }
}

/// Rewrites the Perl classes under `ast`; `unicode` is the `u` flag where `ast` starts,
/// and where it ends after a flag group such as `(?-u)`. Whether anything changed.
fn rewrite(tree: &mut Ast, unicode: &mut bool) -> bool {
    match tree {
        Ast::ClassPerl(perl) if *unicode => match members_of(perl) {
            Some(members) => {
                *tree = Ast::class_bracketed(bracketed(perl, members));
                true
            }
            None => false,
        },
        Ast::ClassUnicode(class) if *unicode && is_latin(class) => {
            *tree = Ast::class_bracketed(ClassBracketed {
                span: class.span,
                negated: class.negated,
                kind: ClassSet::Item(latin(class.span)),
            });
            true
        }
        Ast::ClassBracketed(class) if *unicode => rewrite_set(&mut class.kind),
        Ast::Flags(set) => {
            set_unicode(&set.flags, unicode);
            false
        }
        Ast::Repetition(rep) => rewrite(&mut rep.ast, unicode),
        Ast::Group(group) => {
            // A group's own flags hold inside it only.
            let mut inner = *unicode;
            if let ast::GroupKind::NonCapturing(flags) = &group.kind {
                set_unicode(flags, &mut inner);
            }
            rewrite(&mut group.ast, &mut inner)
        }
        Ast::Alternation(alt) => alt
            .asts
            .iter_mut()
            .fold(false, |changed, a| rewrite(a, unicode) | changed),
        Ast::Concat(concat) => concat
            .asts
            .iter_mut()
            .fold(false, |changed, a| rewrite(a, unicode) | changed),
        _ => false,
    }
}

/// `(?u)`, `(?-u)` and `(?i-u)` set the flag; other flags leave it.
fn set_unicode(flags: &ast::Flags, unicode: &mut bool) {
    let mut negated = false;
    for item in &flags.items {
        match item.kind {
            ast::FlagsItemKind::Negation => negated = true,
            ast::FlagsItemKind::Flag(ast::Flag::Unicode) => *unicode = !negated,
            ast::FlagsItemKind::Flag(_) => {}
        }
    }
}

fn rewrite_set(set: &mut ClassSet) -> bool {
    match set {
        ClassSet::Item(item) => rewrite_item(item),
        ClassSet::BinaryOp(op) => rewrite_set(&mut op.lhs) | rewrite_set(&mut op.rhs),
    }
}

fn rewrite_item(item: &mut ClassSetItem) -> bool {
    match item {
        ClassSetItem::Perl(perl) => match members_of(perl) {
            // "[\W_]": a complement inside a class is a class of its own.
            Some(members) if perl.negated => {
                *item = ClassSetItem::Bracketed(Box::new(bracketed(perl, members)));
                true
            }
            Some(members) => {
                *item = members;
                true
            }
            None => false,
        },
        ClassSetItem::Unicode(class) if is_latin(class) => {
            let span = class.span;
            *item = if class.negated {
                ClassSetItem::Bracketed(Box::new(ClassBracketed {
                    span,
                    negated: true,
                    kind: ClassSet::Item(latin(span)),
                }))
            } else {
                latin(span)
            };
            true
        }
        ClassSetItem::Bracketed(class) => rewrite_set(&mut class.kind),
        ClassSetItem::Union(union) => union
            .items
            .iter_mut()
            .fold(false, |changed, i| rewrite_item(i) | changed),
        _ => false,
    }
}

/// The members of the class a Perl class stands for in the dialect, without its
/// complement; `None` for `\s`, which stays.
fn members_of(perl: &ClassPerl) -> Option<ClassSetItem> {
    let span = perl.span;
    let digits = ClassSetItem::Range(ClassSetRange {
        span,
        start: literal(span, '0'),
        end: literal(span, '9'),
    });
    let members = match perl.kind {
        ClassPerlKind::Space => return None,
        ClassPerlKind::Digit => digits,
        ClassPerlKind::Word => ClassSetItem::Union(ClassSetUnion {
            span,
            items: vec![
                latin(span),
                range(span, '\u{300}', '\u{36F}'),
                digits,
                ClassSetItem::Literal(literal(span, '_')),
            ],
        }),
    };
    Some(members)
}

/// `[members]`, or `[^members]` for `\D`, `\W`.
fn bracketed(perl: &ClassPerl, members: ClassSetItem) -> ClassBracketed {
    ClassBracketed {
        span: perl.span,
        negated: perl.negated,
        kind: ClassSet::Item(members),
    }
}

/// The letters of the Latin script Vietnamese is written in: ASCII, Latin-1, Latin
/// Extended-A and -B ("Đ", "ơ", "ư") and Latin Extended Additional ("ạ", "ế", "ỹ").
/// `\p{Latin}` adds some thirty ranges no article uses (phonetic letters, Roman numerals,
/// ligatures, full-width forms).
fn latin(span: Span) -> ClassSetItem {
    ClassSetItem::Union(ClassSetUnion {
        span,
        items: vec![
            range(span, 'a', 'z'),
            range(span, 'A', 'Z'),
            range(span, '\u{C0}', '\u{D6}'),
            range(span, '\u{D8}', '\u{F6}'),
            range(span, '\u{F8}', '\u{24F}'),
            range(span, '\u{1E00}', '\u{1EFF}'),
        ],
    })
}

/// `\p{Latin}` and `\P{Latin}`.
fn is_latin(class: &ClassUnicode) -> bool {
    matches!(&class.kind, ClassUnicodeKind::Named(name) if name.eq_ignore_ascii_case("latin"))
}

fn range(span: Span, start: char, end: char) -> ClassSetItem {
    ClassSetItem::Range(ClassSetRange {
        span,
        start: literal(span, start),
        end: literal(span, end),
    })
}

/// A class bound: a letter beyond ASCII as its code point ("\x{300}"), so that a rule whose
/// letters lose their marks (to be read on an address's words) keeps its ranges whole.
fn literal(span: Span, c: char) -> Literal {
    let kind = if c.is_ascii() {
        LiteralKind::Verbatim
    } else {
        LiteralKind::HexBrace(ast::HexLiteralKind::X)
    };
    Literal { span, kind, c }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_classes_become_latin_and_ascii() {
        assert_eq!(dialect(r"\d{4}"), "[0-9]{4}");
        const LATIN: &str = r"a-zA-Z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}\x{1E00}-\x{1EFF}";
        assert_eq!(
            dialect(r"(?:\W|$)"),
            format!("(?:[^{LATIN}\\x{{300}}-\\x{{36F}}0-9_]|$)")
        );
        assert_eq!(
            dialect(r"[\w.-]+"),
            format!("[{LATIN}\\x{{300}}-\\x{{36F}}0-9_.-]+")
        );
        assert_eq!(dialect(r"[^\d,]"), "[^0-9,]");
        assert_eq!(
            dialect(r"[\W_]"),
            format!("[[^{LATIN}\\x{{300}}-\\x{{36F}}0-9_]_]")
        );
        // "\p{Latin}" alone, in a class, negated, and intersected with a capital.
        assert_eq!(dialect(r"\p{Latin}+"), format!("[{LATIN}]+"));
        assert_eq!(dialect(r"\P{Latin}"), format!("[^{LATIN}]"));
        assert_eq!(dialect(r"[\p{Latin}&]"), format!("[{LATIN}&]"));
        assert_eq!(dialect(r"[^\p{Latin}.]"), format!("[^{LATIN}.]"));
        assert_eq!(
            dialect(r"[\p{Lu}&&\p{Latin}]"),
            format!("[\\p{{Lu}}&&{LATIN}]")
        );
        // Nothing to rewrite, an escaped backslash, `\s`, and ASCII mode stay as written.
        assert!(matches!(dialect(r"cụm\s+\\d"), Cow::Borrowed(_)));
        assert!(matches!(dialect(r"(?-u:\w)+"), Cow::Borrowed(_)));
        assert_eq!(dialect(r"(?-u)\d(?u)\d"), "(?-u)\\d(?u)[0-9]");
        assert_eq!(dialect(r"(?-u:\d)\d"), "(?-u:\\d)[0-9]");
    }

    #[test]
    fn the_dialect_matches_as_written_on_vietnamese_text() {
        let text = "Ngày 15/12/2023, Khối thi đua số 3 — gồm 09 đơn vị (Sở Y tế; Sở Tư pháp…) \
                    đạt “xuất sắc”: người_dùng ĐẮK LẮK, Ủy ban; e-mail a.b@c.vn 100%";
        for rule in [
            r"\d+",
            r"\w+",
            r"\W+",
            r"[\w.-]+@[\w-]+(?:\.[\w-]+)+",
            r"(?i)(?:^|\W)(\d{1,2})\s+đơn vị(?:\W|$)",
            r"[^\w\s]",
            r"\D+",
            r"\p{Latin}+",
            r"[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]+",
            r"[^\p{Latin}\s]+",
        ] {
            let written: Vec<_> = Regex::new(rule)
                .unwrap()
                .find_iter(text)
                .map(|m| m.range())
                .collect();
            let ours: Vec<_> = regex(rule)
                .unwrap()
                .find_iter(text)
                .map(|m| m.range())
                .collect();
            assert_eq!(ours, written, "{rule}");
        }
    }

    #[test]
    fn an_error_is_the_rule_as_written() {
        let err = regex(r"\d(").unwrap_err().to_string();
        assert!(err.contains(r"\d("), "{err}");
        assert!(regex_set([r"\d+", r"\w("]).is_err());
        assert!(regex_set([r"\d+", r"\w"]).unwrap().is_match("x"));
    }
}
