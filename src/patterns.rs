//! Gazetteers and phrase lists, kept as data in `patterns/`.
//!
//! Every file is compiled into the binary as the default and can be extended or replaced from
//! a directory (`--patterns DIR`): a file there with a known name adds its lines to the
//! built-in ones, or replaces them when its first line is `# replace`. Lines starting with `#`
//! are comments; fields are separated by tabs; a list inside a field by ` | `.

mod dialect;

pub use dialect::{dialect, regex, regex_set};

use std::fmt;
use std::path::{Path, PathBuf};

/// A pattern file that could not be read or parsed, with the place of the fault.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

impl std::error::Error for PatternError {}

/// One data line: its fields and where it came from (for error messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub file: PathBuf,
    pub number: usize,
    pub fields: Vec<String>,
}

impl Line {
    /// The field at `i`, or "" when the line has fewer.
    pub fn field(&self, i: usize) -> &str {
        self.fields.get(i).map(String::as_str).unwrap_or("")
    }

    /// The field at `i` split on ` | `, empty items dropped.
    pub fn list(&self, i: usize) -> Vec<String> {
        self.field(i)
            .split(" | ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(crate::normalize::text)
            .collect()
    }

    /// An error about this line.
    pub fn error(&self, message: impl Into<String>) -> PatternError {
        PatternError {
            file: self.file.clone(),
            line: self.number,
            message: message.into(),
        }
    }
}

/// The pattern files: name, minimum and maximum number of fields, built-in content.
const FILES: &[(&str, usize, usize, &str)] = &[
    ("clutter.tsv", 1, 2, include_str!("../patterns/clutter.tsv")),
    ("units.tsv", 2, 4, include_str!("../patterns/units.tsv")),
    (
        "unit_heads.tsv",
        1,
        1,
        include_str!("../patterns/unit_heads.tsv"),
    ),
    (
        "provinces.tsv",
        2,
        6,
        include_str!("../patterns/provinces.tsv"),
    ),
    ("sectors.tsv", 2, 2, include_str!("../patterns/sectors.tsv")),
    ("events.tsv", 2, 2, include_str!("../patterns/events.tsv")),
    ("cues.tsv", 2, 2, include_str!("../patterns/cues.tsv")),
    ("crawl.tsv", 2, 2, include_str!("../patterns/crawl.tsv")),
    ("roles.tsv", 2, 2, include_str!("../patterns/roles.tsv")),
    ("titles.tsv", 1, 1, include_str!("../patterns/titles.tsv")),
    (
        "surnames.tsv",
        1,
        2,
        include_str!("../patterns/surnames.tsv"),
    ),
    (
        "abbreviations.tsv",
        2,
        3,
        include_str!("../patterns/abbreviations.tsv"),
    ),
    ("awards.tsv", 3, 3, include_str!("../patterns/awards.tsv")),
    (
        "documents.tsv",
        2,
        3,
        include_str!("../patterns/documents.tsv"),
    ),
];

/// All pattern files, parsed into lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Patterns {
    files: Vec<(&'static str, Vec<Line>)>,
}

impl Patterns {
    /// The patterns compiled into the binary.
    pub fn builtin() -> Result<Patterns, PatternError> {
        let mut files = Vec::with_capacity(FILES.len());
        for &(name, min, max, text) in FILES {
            let path = PathBuf::from("patterns").join(name);
            files.push((name, parse(&path, text, min, max)?));
        }
        Ok(Patterns { files })
    }

    /// The built-in patterns extended (or replaced, file by file) by those in `dir`.
    pub fn with_dir(dir: &Path) -> Result<Patterns, PatternError> {
        let mut patterns = Patterns::builtin()?;
        let entries = std::fs::read_dir(dir).map_err(|e| PatternError {
            file: dir.to_path_buf(),
            line: 0,
            message: format!("cannot read the patterns directory: {e}"),
        })?;
        let mut known = 0;
        let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for path in names {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(&(_, min, max, _)) = FILES.iter().find(|f| f.0 == name) else {
                continue;
            };
            known += 1;
            let text = std::fs::read_to_string(&path).map_err(|e| PatternError {
                file: path.clone(),
                line: 0,
                message: format!("cannot read: {e}"),
            })?;
            let lines = parse(&path, &text, min, max)?;
            let slot = patterns
                .files
                .iter_mut()
                .find(|f| f.0 == name)
                .expect("every known file has a slot");
            if text.lines().next().map(str::trim) == Some("# replace") {
                slot.1 = lines;
            } else {
                // A line the built-in file holds already (a copy of the file with lines
                // added) is read once: a rule written twice would match twice, and two
                // copies of a named group make no regex.
                let new: Vec<Line> = lines
                    .into_iter()
                    .filter(|l| !slot.1.iter().any(|b| b.fields == l.fields))
                    .collect();
                slot.1.extend(new);
            }
        }
        if known == 0 {
            return Err(PatternError {
                file: dir.to_path_buf(),
                line: 0,
                message: format!(
                    "no pattern file found; known names: {}",
                    FILES.iter().map(|f| f.0).collect::<Vec<_>>().join(", ")
                ),
            });
        }
        Ok(patterns)
    }

    /// The lines of one file, by name ("units.tsv").
    pub fn lines(&self, name: &str) -> &[Line] {
        self.files
            .iter()
            .find(|f| f.0 == name)
            .map(|f| f.1.as_slice())
            .unwrap_or(&[])
    }
}

fn parse(path: &Path, text: &str, min: usize, max: usize) -> Result<Vec<Line>, PatternError> {
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<String> = raw.split('\t').map(|f| f.trim().to_string()).collect();
        let line = Line {
            file: path.to_path_buf(),
            number: i + 1,
            fields,
        };
        let n = line.fields.len();
        if n < min || n > max {
            let want = if min == max {
                format!("{min}")
            } else {
                format!("{min} to {max}")
            };
            return Err(line.error(format!(
                "expected {want} tab-separated fields, found {n}: {raw:?}"
            )));
        }
        if line.fields[..min].iter().any(String::is_empty) {
            return Err(line.error(format!("an empty required field: {raw:?}")));
        }
        lines.push(line);
    }
    Ok(lines)
}

/// A rule's source with its word-boundary assertions (`\b`, `\B`) taken out; an escaped
/// backslash stays. The copy matches wherever the rule does, and more. With a Unicode
/// `\b` the regex crate's lazy DFA gives up at the first accented letter, so a rule is
/// first looked for by such a copy, which it runs.
pub fn without_word_boundaries(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b' | 'B') => {}
                Some(next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a rule repeats a part a counted number of times, more than once (".{0,60}",
/// "[0-9]{2,4}"): the lazy DFA keeps a state per count. A rule that does not parse counts
/// nothing (compiling it reports the error).
pub fn counts_repeats(source: &str) -> bool {
    use regex_syntax::hir::{Hir, HirKind};
    fn walk(hir: &Hir) -> bool {
        match hir.kind() {
            HirKind::Repetition(r) => r.max.is_some_and(|max| max > 1) || walk(&r.sub),
            HirKind::Capture(c) => walk(&c.sub),
            HirKind::Concat(all) | HirKind::Alternation(all) => all.iter().any(walk),
            _ => false,
        }
    }
    regex_syntax::parse(source).is_ok_and(|hir| walk(&hir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_repeats_are_seen() {
        assert!(counts_repeats(r"^[^.]{0,80}(>>|»)$"));
        assert!(counts_repeats(r"^(a|b(c{2}))$"));
        assert!(!counts_repeats(r"^[^|]+(\|[^|]+){3,}x?$"));
    }

    #[test]
    fn word_boundaries_come_out() {
        assert_eq!(without_word_boundaries(r"\bcụm\b\s\\b\B"), r"cụm\s\\b");
    }

    #[test]
    fn builtin_patterns_parse() {
        let p = Patterns::builtin().unwrap();
        assert!(p.lines("units.tsv").len() > 10);
        assert!(p.lines("provinces.tsv").len() >= 63);
    }

    /// A gap bounded by a count ("[^.;\n]{0,60}?") makes the lazy DFA keep a state per
    /// count: before they were written unbounded they held 13 MiB of the bench's peak (README,
    /// Speed). The clutter and crawl rules are exempt: they test one short line or address,
    /// where the bound is what they mean ("a line of at most 80 characters").
    #[test]
    fn builtin_rules_leave_gaps_unbounded() {
        let bounded =
            crate::patterns::regex(r"(?:\[\^[^\]]*\]|(?:^|[^\\])\.)\{[0-9]+,[0-9]+\}").unwrap();
        for &(name, _, _, text) in FILES {
            if name == "clutter.tsv" || name == "crawl.tsv" {
                continue;
            }
            for (i, line) in text.lines().enumerate() {
                assert!(
                    line.starts_with('#') || !bounded.is_match(line),
                    "patterns/{name}:{}: a bounded gap: {line}",
                    i + 1
                );
            }
        }
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        let err = parse(
            Path::new("x/units.tsv"),
            "# c\nso-a\tSở A\nonly-one\n",
            2,
            3,
        )
        .unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err
            .to_string()
            .starts_with("x/units.tsv:3: expected 2 to 3"));
    }

    #[test]
    fn directory_extends_or_replaces() {
        let dir = std::env::temp_dir().join(format!("thidua-patterns-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("units.tsv"), "so-x\tSở X mới\tSở XM\n").unwrap();
        std::fs::write(dir.join("clutter.tsv"), "# replace\n^Quảng cáo$\n").unwrap();
        let base = Patterns::builtin().unwrap();
        let p = Patterns::with_dir(&dir).unwrap();
        assert_eq!(
            p.lines("units.tsv").len(),
            base.lines("units.tsv").len() + 1
        );
        assert_eq!(p.lines("clutter.tsv").len(), 1);
        // A copy of a built-in file with a line added adds that line alone.
        let copy = format!("{}\nvoted\tbầu lại\n", include_str!("../patterns/cues.tsv"));
        std::fs::write(dir.join("cues.tsv"), copy).unwrap();
        let p = Patterns::with_dir(&dir).unwrap();
        assert_eq!(p.lines("cues.tsv").len(), base.lines("cues.tsv").len() + 1);
        std::fs::write(dir.join("units.tsv"), "so-x\n").unwrap();
        let err = Patterns::with_dir(&dir).unwrap_err();
        assert!(err.to_string().contains("units.tsv:1"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn directory_without_pattern_files_is_an_error() {
        let dir = std::env::temp_dir().join(format!("thidua-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(Patterns::with_dir(&dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
