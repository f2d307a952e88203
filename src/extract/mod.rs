//! From the normalized text of one article to the conference fields of its record.
//!
//! Every rule is compiled once, in [`Extractor::new`], from the pattern files; extracting
//! an article only runs compiled regexes over its text. One module per field; they share
//! [`Doc`], the text with its byte-to-code-point map, so that every item carries a
//! `mention` and a `span` in code points.

pub mod awards;
pub mod bloc;
pub mod campaigns;
pub mod dates;
mod dictionary;
pub mod documents;
pub mod event;
mod fold;
pub mod members;
pub mod officers;
pub mod people;
pub mod provinces;
pub mod slug;
pub mod units;
pub mod years;

use std::cell::OnceCell;
use std::ops::Range;

use regex::{Regex, RegexSet};
use regex_automata::{meta, Anchored, Input};

use crate::patterns::{Line, PatternError, Patterns};
use crate::record::{Record, Sector, Span, Warning};

/// The text an article's fields are read from.
pub struct Doc<'a> {
    pub text: &'a str,
    /// How many code points start before each block of [`BLOCK`] bytes: a code-point offset
    /// is that count plus the starts counted within the block.
    blocks: Vec<u32>,
    /// How many code points the text has.
    chars: usize,
    /// The text in lowercase, byte for byte at the same offsets (made when first read).
    folded: OnceCell<String>,
    /// The short names the text gives its units in brackets ("... Tài chính TP.HCM (UEF)"),
    /// set once they are read (`Units::acronyms`).
    acronyms: OnceCell<Vec<(String, crate::record::Unit)>>,
}

const BLOCK: usize = 64;

/// Whether a byte starts a code point: it is not a continuation byte (10xxxxxx).
fn starts_char(b: &u8) -> bool {
    (*b as i8) >= -0x40
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut n = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            blocks.push(n as u32);
            n += block.iter().filter(|b| starts_char(b)).count();
        }
        Doc {
            text,
            blocks,
            chars: n,
            folded: OnceCell::new(),
            acronyms: OnceCell::new(),
        }
    }

    /// Sets the short names the text gives its units (once; later calls change nothing).
    pub fn set_acronyms(&self, acronyms: Vec<(String, crate::record::Unit)>) {
        let _ = self.acronyms.set(acronyms);
    }

    /// The unit whose short name, given earlier in brackets, is the word at byte `at`.
    pub fn acronym_at(&self, at: usize) -> Option<(&str, &crate::record::Unit)> {
        let rest = &self.text[at..];
        self.acronyms
            .get()?
            .iter()
            .find(|(short, _)| {
                rest.starts_with(short.as_str())
                    && starts_word(self.text, at)
                    && ends_word(self.text, at + short.len())
            })
            .map(|(short, unit)| (short.as_str(), unit))
    }

    /// The byte offset of a code-point offset (the end of the text past its last one).
    pub fn byte_at(&self, char_offset: usize) -> usize {
        if char_offset >= self.chars {
            return self.text.len();
        }
        let k = self.blocks.partition_point(|&n| n as usize <= char_offset) - 1;
        let mut n = self.blocks[k] as usize;
        for (i, b) in self.text.as_bytes().iter().enumerate().skip(k * BLOCK) {
            if starts_char(b) {
                if n == char_offset {
                    return i;
                }
                n += 1;
            }
        }
        self.text.len()
    }

    /// The lowercase copy of `part`, a slice of the text (see [`fold`]).
    pub(crate) fn folded_of(&self, part: &str) -> &str {
        let start = (part.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        assert!(
            start <= self.text.len() && part.len() <= self.text.len() - start,
            "a folded rule reads a slice of the article's text"
        );
        &self.folded.get_or_init(|| fold::fold_text(self.text))[start..start + part.len()]
    }

    /// The code-point offset of a byte offset (of the character it falls in).
    pub fn char_at(&self, byte: usize) -> usize {
        let bytes = self.text.as_bytes();
        let byte = byte.min(bytes.len());
        let Some(&before) = self.blocks.get(byte / BLOCK) else {
            return self.chars;
        };
        let block = byte / BLOCK * BLOCK;
        let starts = before as usize + bytes[block..byte].iter().filter(|b| starts_char(b)).count();
        match bytes.get(byte) {
            Some(b) if !starts_char(b) => starts - 1,
            _ => starts,
        }
    }

    /// The mention and span of the bytes `[start, end)`, trimmed of spaces and punctuation
    /// around it.
    pub fn mention(&self, start: usize, end: usize) -> (String, Span) {
        let raw = &self.text[start..end];
        let lead = raw.len() - raw.trim_start_matches(trim_char).len();
        let trimmed = raw.trim_matches(trim_char);
        let (s, e) = (start + lead, start + lead + trimmed.len());
        (trimmed.to_string(), [self.char_at(s), self.char_at(e)])
    }

    /// Sentences (and lines) as byte ranges. A full stop after an abbreviation such as
    /// "TP." or "PGS.TS." does not end a sentence.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let bytes = self.text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while let Some(at) = bytes[i..]
            .iter()
            .position(|b| matches!(b, b'\n' | b'.' | b'!' | b'?' | b';'))
        {
            i += at;
            let b = bytes[i];
            let end_here = match b {
                b'\n' => true,
                b'.' | b'!' | b'?' | b';' => {
                    let next = self.text[i + 1..].chars().next();
                    let after = self.text[i + 1..].trim_start().chars().next();
                    let spaced = next.is_none_or(char::is_whitespace);
                    let abbreviation = b == b'.' && is_abbreviation(&self.text[..i]);
                    spaced
                        && !abbreviation
                        && (b == b';' || after.is_none_or(|c| !c.is_lowercase()))
                }
                _ => false,
            };
            if end_here {
                if i > start {
                    out.push(start..i + usize::from(b != b'\n'));
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < bytes.len() {
            out.push(start..bytes.len());
        }
        out.into_iter()
            .filter(|r| !self.text[r.clone()].trim().is_empty())
            .collect()
    }
}

/// Whether the text ends in an abbreviation of capitals: at most three ("TP"; "UBND" does
/// not: it is longer; "Sở" does not: not all capitals), or a degree after another with its
/// dots, the last of two letters ("PGS.TS"; "TP.HCM" does not: a place ends its sentence).
/// The last letters of a name joined by a dash are none: "Sở GD-ĐT." ends its sentence.
pub(crate) fn is_abbreviation(before: &str) -> bool {
    let mut count = 0;
    let mut last = None;
    let mut upper = false;
    let mut chars = before.chars().rev();
    for c in chars.by_ref() {
        if !(c.is_alphabetic() || c == '.') {
            if matches!(c, '-' | '–' | '&' | '/') {
                return false;
            }
            break;
        }
        if c == '.' {
            last = last.or(Some(count));
            count = 0;
        } else {
            count += 1;
        }
        if count > 3 || last.is_some_and(|l| l > 2) || (c.is_alphabetic() && !c.is_uppercase()) {
            return false;
        }
        upper |= c.is_alphabetic();
    }
    upper
}

fn trim_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '"' | '\'')
}

/// `s` with its first letter in capitals ("đảng ủy" → "Đảng ủy").
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The words that name a kind of place before its name ("huyện Bá Thước").
pub(crate) const PLACE_WORDS: [&str; 7] = [
    "huyện",
    "thị xã",
    "thành phố",
    "quận",
    "xã",
    "phường",
    "thị trấn",
];

/// The place word a mention begins with ("thị xã Cửa Lò": "thị xã").
pub(crate) fn place_word_of(mention: &str) -> Option<&'static str> {
    let lower = mention.to_lowercase();
    PLACE_WORDS
        .iter()
        .copied()
        .find(|w| lower.strip_prefix(w).is_some_and(|r| r.starts_with(' ')))
}

/// The words that name a place's government before the place ("UBND huyện Bá Thước").
pub(crate) const GOVERNMENT_WORDS: [&str; 2] = ["ủy ban nhân dân", "ubnd"];

/// Whether a word is "TP" (thành phố), with or without its dot, in any case.
pub(crate) fn is_city_abbreviation(word: &str) -> bool {
    word.trim_end_matches('.').eq_ignore_ascii_case("tp")
}

/// Whether `word` names a city: "thành phố", "TP", "TP." (in any case).
pub(crate) fn is_city_word(word: &str) -> bool {
    word.to_lowercase() == "thành phố" || is_city_abbreviation(word)
}

/// Compile the regular expression of one pattern line, case-insensitive.
pub(crate) fn compile(line: &Line, field: usize) -> Result<Regex, PatternError> {
    crate::patterns::regex(&format!("(?i){}", line.field(field)))
        .map_err(|e| line.error(format!("not a regular expression: {e}")))
}

/// All lines of `cues.tsv` with one name, as the source of one alternation (checked), for
/// rules that put a cue inside a structure of their own (`^\s*(?:{cue})`).
pub(crate) fn cue_source(patterns: &Patterns, name: &str) -> Result<String, PatternError> {
    Ok(cue(patterns, name)?
        .as_str()
        .trim_start_matches("(?i)")
        .to_string())
}

/// A rule of code around a cue: `template` with `{}` replaced by the cue's alternation.
pub(crate) fn around_cue(
    patterns: &Patterns,
    name: &str,
    template: &str,
) -> Result<Regex, PatternError> {
    let source = template.replace("{}", &cue_source(patterns, name)?);
    crate::patterns::regex(&source).map_err(|e| PatternError {
        file: "cues.tsv".into(),
        line: 0,
        message: format!("cue {name:?} does not fit its rule: {e}"),
    })
}

/// A rule with Unicode word boundaries, for `is_match`. With a `\b` the regex crate cannot
/// use its fast engine on Vietnamese text, and its slow ones read the whole text: so a copy
/// of the rule without them, which matches wherever the rule does (and more), finds where a
/// match may start, and the rule itself is tried only there, anchored ("ông" in "công": the
/// `\b` fails at once). Most texts have no such place at all.
#[derive(Clone, Debug)]
pub(crate) enum Gated {
    Plain(Regex),
    Gated {
        fast: Regex,
        /// The rule, anchored, by the backtracker: over the copy's match only, where the
        /// rule matches too in all but odd texts.
        within: meta::Regex,
        /// The rule, anchored, by the PikeVM over the rest of the text, which stops as
        /// soon as it fails (the backtracker would first clear a bitset that long).
        beyond: meta::Regex,
        exact: Regex,
    },
}

impl Gated {
    pub(crate) fn new(exact: Regex) -> Gated {
        let source = exact.as_str();
        if !source.contains(r"\b") {
            return Gated::Plain(exact);
        }
        // The DFAs give up at the first accented letter: not tried.
        let engine = |backtrack: bool| {
            meta::Regex::builder()
                .configure(
                    meta::Config::new()
                        .hybrid(false)
                        .dfa(false)
                        .onepass(false)
                        .backtrack(backtrack),
                )
                .build(source)
                .ok()
        };
        match (
            crate::patterns::regex(&crate::patterns::without_word_boundaries(source)).ok(),
            engine(true),
            engine(false),
        ) {
            (Some(fast), Some(within), Some(beyond)) => Gated::Gated {
                fast,
                within,
                beyond,
                exact,
            },
            _ => Gated::Plain(exact),
        }
    }

    /// The rule's leftmost match. No match of the rule starts before the copy's first, so
    /// the rule is searched from there, with the text before it still read by its `\b`.
    /// Fast for a rule anchored at the end (`(?:\s|,|\blà\b)*$`), whose search is then
    /// as short as its match; a rule that is not reads the rest of the text.
    pub(crate) fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        match self {
            Gated::Plain(exact) => exact.find(text),
            Gated::Gated { fast, exact, .. } => exact.find_at(text, fast.find(text)?.start()),
        }
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        let (fast, within, beyond) = match self {
            Gated::Plain(exact) => return exact.is_match(text),
            Gated::Gated {
                fast,
                within,
                beyond,
                ..
            } => (fast, within, beyond),
        };
        let mut at = 0;
        while let Some(m) = fast.find_at(text, at) {
            let input = Input::new(text)
                .range(m.range())
                .anchored(Anchored::Yes)
                .earliest(true);
            if within.is_match(input.clone()) || beyond.is_match(input.range(m.start()..)) {
                return true;
            }
            match text[m.start()..].chars().next() {
                Some(c) => at = m.start() + c.len_utf8(),
                None => break,
            }
        }
        false
    }
}

/// Whether a word starts at byte `at`: no letter or digit just before it.
pub(crate) fn starts_word(text: &str, at: usize) -> bool {
    !text[..at].ends_with(is_alphanumeric)
}

/// `char::is_alphanumeric`, answered without the Unicode tables for the blocks Vietnamese
/// is written in (every character of Latin-1 from "À" but "×" and "÷", of Latin
/// Extended-A and B, and of Latin Extended Additional, "ạ" to "ỹ", is a letter). The
/// tables are searched for each character, and the text is read a character at a time.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7f}' | '×' | '÷' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// How far from a match the extractors look for the start or end of its sentence or
/// clause: longer than any sentence of a real article (the longest seen is 1,300 bytes), so
/// that a page without full stops costs time in proportion to its length, not its square.
pub(crate) const REACH: usize = 2_000;

/// Where the sentence or clause around byte `at` starts: just after the last of `marks`
/// before `at`, or `REACH` bytes back when there is none that close. A full stop with a
/// letter or digit right after it ends nothing: "TP.HCM", "PGS.TS", "1.500".
pub(crate) fn start_before(text: &str, at: usize, marks: &[char]) -> usize {
    let from = reach_back(text, at);
    let mut to = at;
    loop {
        // A fixed number of marks makes the standard library's search a few times faster.
        let hay = &text[from..to];
        let found = match *marks {
            [a] => hay.rfind(a),
            [a, b] => hay.rfind([a, b]),
            [a, b, c] => hay.rfind([a, b, c]),
            [a, b, c, d] => hay.rfind([a, b, c, d]),
            _ => hay.rfind(marks),
        };
        match found.map(|i| from + i) {
            Some(i) if inside_word(text, i) => to = i,
            Some(i) => return i + 1,
            None => return from,
        }
    }
}

/// `REACH` bytes before `at`, on a character boundary (or the start of the text).
pub(crate) fn reach_back(text: &str, at: usize) -> usize {
    floor_char(text, at.saturating_sub(REACH))
}

/// `REACH` bytes after `at`, on a character boundary (or the end of the text).
pub(crate) fn reach_ahead(text: &str, at: usize) -> usize {
    floor_char(text, (at + REACH).min(text.len()))
}

/// Where the sentence or clause around byte `at` ends: at the first of `marks` after `at`
/// (a full stop inside a word, as in [`start_before`], is none), or `REACH` bytes on.
pub(crate) fn end_after(text: &str, at: usize, marks: &[char]) -> usize {
    let to = reach_ahead(text, at);
    let mut from = at;
    loop {
        let hay = &text[from..to];
        let found = match *marks {
            [a] => hay.find(a),
            [a, b] => hay.find([a, b]),
            [a, b, c] => hay.find([a, b, c]),
            [a, b, c, d] => hay.find([a, b, c, d]),
            _ => hay.find(marks),
        };
        match found.map(|i| from + i) {
            Some(i) if inside_word(text, i) => from = i + 1,
            Some(i) => return i,
            None => return to,
        }
    }
}

/// Whether the mark at byte `i` is a full stop between two letters or digits.
fn inside_word(text: &str, i: usize) -> bool {
    text.as_bytes()[i] == b'.'
        && text[i + 1..].chars().next().is_some_and(is_alphanumeric)
        && text[..i].chars().next_back().is_some_and(is_alphanumeric)
}

/// The largest character boundary at or before byte `at`.
pub(crate) fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether a word ends at byte `at`: no letter or digit just after it.
pub(crate) fn ends_word(text: &str, at: usize) -> bool {
    !text[at..].starts_with(is_alphanumeric)
}

/// Where `needle` occurs in `text` as whole words.
pub(crate) fn words_at<'t>(text: &'t str, needle: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(move |&i| starts_word(text, i) && ends_word(text, i + needle.len()))
}

/// The matches of `re` that are whole words. This is a Unicode `\b` at both ends, checked
/// here rather than in the regex: with a Unicode `\b` the regex crate cannot use its fast
/// engine on Vietnamese text, where every other word holds a non-ASCII letter.
pub(crate) fn words<'r, 't>(
    re: &'r Regex,
    text: &'t str,
) -> impl Iterator<Item = regex::Match<'t>> + use<'r, 't> {
    re.find_iter(text)
        .filter(move |m| starts_word(text, m.start()) && ends_word(text, m.end()))
}

/// All lines of `cues.tsv` with one name, as one case-insensitive alternation.
pub(crate) fn cue(patterns: &Patterns, name: &str) -> Result<Regex, PatternError> {
    let parts: Vec<&Line> = patterns
        .lines("cues.tsv")
        .iter()
        .filter(|l| l.field(0) == name)
        .collect();
    for line in &parts {
        compile(line, 1)?;
    }
    if parts.is_empty() {
        return Err(PatternError {
            file: "cues.tsv".into(),
            line: 0,
            message: format!("no cue named {name:?}"),
        });
    }
    let alternation = parts
        .iter()
        .map(|l| format!("(?:{})", l.field(1)))
        .collect::<Vec<_>>()
        .join("|");
    crate::patterns::regex(&format!("(?i)(?:{alternation})"))
        .map_err(|e| parts[0].error(e.to_string()))
}

/// The abbreviations of `patterns/abbreviations.tsv`, written out as whole words:
/// "Phó Chủ tịch UBND tỉnh" → "Phó Chủ tịch Ủy ban nhân dân tỉnh". One is built for the
/// extractor and shared by the stages that write titles and names out.
#[derive(Debug, Clone)]
pub(crate) struct Abbreviations {
    /// Each abbreviation and its full form, in the order of the file (the longer
    /// "BCH Quân sự" before "BCH").
    all: Vec<(String, String)>,
    /// Every abbreviation as written: which of them a text holds, in one pass.
    written: RegexSet,
    /// The abbreviations some full form holds: written out again after it.
    in_full_forms: Vec<bool>,
    /// The abbreviations of titles only ("PCT": in "Công ty TNHH PCT" a name's letters).
    title_only: Vec<bool>,
}

impl Abbreviations {
    pub(crate) fn new(patterns: &Patterns) -> Result<Abbreviations, PatternError> {
        let mut all = Vec::new();
        let mut title_only = Vec::new();
        for line in patterns.lines("abbreviations.tsv") {
            if line.field(0).trim().is_empty() {
                return Err(line.error("an abbreviation is empty"));
            }
            all.push((line.field(0).to_string(), line.field(1).to_string()));
            title_only.push(match line.field(2) {
                "" => false,
                "title" => true,
                other => return Err(line.error(format!("unknown use {other:?} (only \"title\")"))),
            });
        }
        let written = crate::patterns::regex_set(all.iter().map(|(short, _)| regex::escape(short)))
            .map_err(|e| PatternError {
                file: "abbreviations.tsv".into(),
                line: 0,
                message: e.to_string(),
            })?;
        let in_full_forms = all
            .iter()
            .map(|(short, _)| all.iter().any(|(_, full)| full.contains(short.as_str())))
            .collect();
        Ok(Abbreviations {
            all,
            written,
            in_full_forms,
            title_only,
        })
    }

    /// `text`, a unit's name, with its abbreviations written out.
    pub(crate) fn expand(&self, text: &str) -> String {
        self.expand_some(text, false)
    }

    /// `text`, a person's title, with its abbreviations written out, those of titles only
    /// too ("PCT UBND huyện").
    pub(crate) fn expand_title(&self, text: &str) -> String {
        self.expand_some(text, true)
    }

    fn expand_some(&self, text: &str, title: bool) -> String {
        let mut out = text.to_string();
        // Most texts hold few of the abbreviations: only those written are looked for.
        let written = self.written.matches(text);
        for (i, (short, full)) in self.all.iter().enumerate() {
            if (title || !self.title_only[i])
                && (written.matched(i) || self.in_full_forms[i])
                && out.contains(short.as_str())
            {
                out = replace_word(&out, short, full);
            }
        }
        out
    }
}

/// `text` with each occurrence of `word` that stands as a whole word ("UBND tỉnh", not
/// "TUBND") replaced by `by`. A word that ends in a mark needs no boundary after it, and
/// gets a space there ("TP.Hồ Chí Minh" → "thành phố Hồ Chí Minh").
fn replace_word(text: &str, word: &str, by: &str) -> String {
    let open_end = word.ends_with(|c: char| !is_alphanumeric(c));
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, _) in text.match_indices(word) {
        let end = at + word.len();
        if !starts_word(text, at) || !(open_end || ends_word(text, end)) {
            continue;
        }
        out.push_str(&text[copied..at]);
        out.push_str(by);
        if !ends_word(text, end) {
            out.push(' ');
        }
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Each line of one cue, compiled alone (for lines that name their groups, like `y`).
pub(crate) fn cue_lines(patterns: &Patterns, name: &str) -> Result<Vec<Regex>, PatternError> {
    patterns
        .lines("cues.tsv")
        .iter()
        .filter(|l| l.field(0) == name)
        .map(|l| compile(l, 1))
        .collect()
}

/// The sector most of the member units belong to, when the bloc's name says none.
fn majority(sectors: impl Iterator<Item = Sector>) -> Sector {
    let mut counts: Vec<(Sector, usize)> = Vec::new();
    for s in sectors {
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n >= 2)
        .map_or(Sector::Other, |(s, _)| s)
}

/// Every rule, compiled.
#[derive(Clone)]
pub struct Extractor {
    provinces: provinces::Provinces,
    units: units::Units,
    bloc: bloc::Blocs,
    event: event::Events,
    years: years::Years,
    members: members::Members,
    people: people::People,
    officers: officers::Officers,
    awards: awards::Awards,
    documents: documents::Documents,
    campaigns: campaigns::Campaigns,
}

/// What the page told before extraction: for the year of a date and the province.
pub struct Context<'a> {
    pub url: Option<&'a str>,
    pub published: Option<&'a str>,
    pub title: Option<&'a str>,
}

impl Extractor {
    pub fn new(patterns: &Patterns) -> Result<Extractor, PatternError> {
        let provinces = provinces::Provinces::new(patterns)?;
        let abbreviations = std::sync::Arc::new(Abbreviations::new(patterns)?);
        let units = units::Units::new(patterns, &provinces, abbreviations.clone())?;
        Ok(Extractor {
            bloc: bloc::Blocs::new(patterns)?,
            event: event::Events::new(patterns)?,
            years: years::Years::new(patterns)?,
            members: members::Members::new(patterns)?,
            people: people::People::new(patterns, abbreviations)?,
            officers: officers::Officers::new(patterns)?,
            awards: awards::Awards::new(patterns)?,
            documents: documents::Documents::new(patterns)?,
            campaigns: campaigns::Campaigns::new(patterns)?,
            provinces,
            units,
        })
    }

    /// The kind of unit every member is, each named with its own province ("Trường Chính
    /// trị Ninh Thuận, Trường Chính trị Bình Dương"): two members or more, none the
    /// gazetteer knows.
    fn kind_in_each(&self, members: &[crate::record::Unit]) -> Option<String> {
        let mut kinds = members.iter().map(|u| {
            (u.id.is_none() && u.province.is_none())
                .then(|| self.provinces.kind_and_province(&u.name))
                .flatten()
        });
        let (first, _) = kinds.next()??;
        let all = kinds.all(|k| k.is_some_and(|(kind, _)| kind == first));
        (all && members.len() >= 2).then(|| first.to_string())
    }

    /// `unit` as `kind` in the province its name ends with, if it is so named.
    fn as_kind_in_province(&self, unit: &mut crate::record::Unit, kind: &str) {
        if unit.id.is_some() || unit.province.is_some() {
            return;
        }
        if let Some((_, province)) = self
            .provinces
            .kind_and_province(&unit.name)
            .filter(|(k, _)| *k == kind)
        {
            unit.name = kind.to_string();
            unit.province = Some(province);
        }
    }

    fn sector_of_members(&self, members: &crate::record::Members) -> Sector {
        majority(members.units.iter().chain(&members.added).filter_map(|u| {
            self.units.sector_of_unit(u).or_else(|| {
                // "Thành phố Vinh, Thị xã Thái Hòa, ...": localities themselves (not "Huyện
                // ủy Nam Đàn").
                let named = |w: &str| {
                    let after = u.mention.chars().nth(w.chars().count() + 1);
                    after.is_some_and(char::is_uppercase)
                };
                let place = u.id.is_none() && place_word_of(&u.mention).is_some_and(named);
                (place || self.units.is_bare_place(u)).then_some(Sector::DiaPhuong)
            })
        }))
    }

    /// Fill the conference fields of `record` from `text`.
    pub fn extract(&self, text: &str, context: &Context, record: &mut Record) {
        let doc = Doc::new(text);
        doc.set_acronyms(self.units.acronyms(&doc, &self.provinces));
        let sentences = doc.sentences();
        let mut warnings: Vec<Warning> = Vec::new();

        let bloc = self.bloc.find(&doc, &sentences, &self.provinces);
        record.relevant = bloc
            .as_ref()
            .is_some_and(|b| self.bloc.is_meeting(&doc, b, context.title));
        record.documents = self.documents.find(&doc);
        if !record.relevant {
            record.warnings = warnings;
            return;
        }
        let bloc = bloc.expect("relevant implies a bloc");
        let documents: Vec<Range<usize>> = record
            .documents
            .iter()
            .map(|d| doc.byte_at(d.span[0])..doc.byte_at(d.span[1]))
            .collect();
        let dated = self.event.locate(&doc, &sentences, &documents, &self.bloc);
        let slug = context.url.and_then(slug::headline);
        let mut kind = self.event.kind(
            &doc,
            &sentences,
            dated.as_ref(),
            context.title,
            slug.as_deref(),
            &self.bloc,
        );
        // Where the body starts: past the headline the text begins with.
        let body = context
            .title
            .filter(|t| doc.text.starts_with(t))
            .map_or(0, str::len);
        let years = self.years.find(&doc, kind, slug.as_deref(), body);
        record.review_year = years.review;
        record.plan_year = years.plan;
        // The sentence that says where the meeting was: about the bloc's meeting when no
        // sentence dates it, else one that opens saying so.
        let placed = match dated {
            None => self.event.meeting_sentence(&doc, &sentences, &self.bloc),
            Some(_) => self.event.venue_sentence(&doc, &sentences),
        };
        // "triển khai nhiệm vụ 6 tháng cuối năm 2025" plans the rest of the year it is held
        // in: a day and month printed alone take that year, as a review's would.
        let dating = match (years.review, years.plan) {
            (None, Some(plan)) if self.years.plans_rest_of_year(&doc) => years::Found {
                review: Some(plan),
                plan: Some(plan),
            },
            (review, plan) => years::Found { review, plan },
        };
        let (event, venue) = self.event.resolve(
            &doc,
            dated,
            placed,
            kind,
            context,
            &dating,
            &self.units,
            &self.provinces,
            &mut warnings,
        );
        record.event = event;
        // The year the meeting is held in: its date's, else the page's.
        let held_in = record
            .event
            .date
            .as_deref()
            .or(context.published)
            .and_then(dates::parse_iso)
            .map(|(y, _, _)| y);
        // "Chiều ngày 23/01/2024, Khối thi đua số 2 họp sơ kết giao ước thi đua năm 2023 và
        // phương hướng nhiệm vụ năm 2024": a "sơ kết" dated after the year it reviews is of
        // the whole year.
        let dated_year = record.event.date.as_deref().and_then(dates::parse_iso);
        if kind == crate::record::EventKind::MidYearReview
            && dated_year
                .zip(record.review_year)
                .is_some_and(|((y, _, _), r)| y > r)
        {
            kind = crate::record::EventKind::YearEndReview;
            record.event.kind = kind;
            let years = self.years.find(&doc, kind, slug.as_deref(), body);
            record.review_year = years.review;
            record.plan_year = years.plan;
        }
        // A mid-year review that prints no year reviews the year it is held in.
        if kind == crate::record::EventKind::MidYearReview && record.review_year.is_none() {
            record.review_year = held_in;
            if record.review_year.is_some() && self.years.plans_rest_of_year(&doc) {
                record.plan_year = record.review_year;
            }
        }
        record.province = self
            .bloc
            .province(&doc, &sentences, &bloc, &self.provinces, context);
        record.members = self.members.find(
            &doc,
            &sentences,
            bloc.range.clone(),
            &self.units,
            &self.provinces,
            &mut warnings,
        );
        // "gồm: Trường Chính trị Ninh Thuận, Trường Chính trị Bình Dương, ...": one kind of
        // unit named with each province is that kind in each (RECORD.md: the members of a
        // cluster of provinces differ by their province alone).
        let kind_in_each = self.kind_in_each(&record.members.units);
        if let Some(kind) = &kind_in_each {
            for unit in &mut record.members.units {
                self.as_kind_in_province(unit, kind);
            }
        }
        // A cluster of several provinces (its members, or its name: "Cụm thi đua các tỉnh
        // ...") is the province of the host, when the venue names it ("tại Tòa án nhân dân
        // tỉnh Hà Tĩnh", "tại TP Thái Bình"), not the province the text names most.
        // So is a bloc of ministries ("Ngày 24/7/2019, tại Hải Phòng, Khối thi đua các Bộ,
        // ngành Khoa học - Văn hóa - Xã hội ...", whose members hold "Hà Nội" in their names).
        if self.bloc.of_provinces(&bloc.name)
            || self.bloc.is_central(&bloc.name)
            || spans_provinces(&record.members.units)
        {
            // "tại thành phố Quy Nhơn, tỉnh Bình Định": the province after the venue's comma.
            let venue = venue.map(|v| {
                let rest = &doc.text[v.end..];
                let named = [", tỉnh ", ", thành phố "]
                    .iter()
                    .any(|w| rest.starts_with(w));
                let end = if named {
                    v.end + end_after(rest, 2, &[',', '.', ';', '\n'])
                } else {
                    v.end
                };
                v.start..end
            });
            if let Some(host) = venue.and_then(|v| self.bloc.province_in(&doc, v, &self.provinces))
            {
                record.province = Some(host);
            }
        }
        if let (Some(province), Some(year)) =
            (record.province.as_mut(), held_in.or(record.review_year))
        {
            self.provinces.as_of(province, year);
        }
        record.people = self.people.find(&doc, &sentences);
        let held = record.event.date.as_deref().and_then(dates::parse_iso);
        let (officers, next_year_written) = self.officers.find(
            &doc,
            &years,
            kind,
            held.map(|(y, _, _)| y),
            officers::Known {
                units: &self.units,
                provinces: &self.provinces,
                people: &record.people,
                members: &record.members.units,
            },
            &mut warnings,
        );
        // Electing next year's officers ("giới thiệu Sở X làm Khối phó năm 2021") plans for
        // that year, as "phương hướng, nhiệm vụ năm 2021" does (RECORD.md).
        record.officers = officers;
        if record.plan_year.is_none() {
            record.plan_year = next_year_written;
        }
        record.awards = self.awards.find(
            &doc,
            &self.units,
            &self.provinces,
            &record.people,
            &mut warnings,
        );
        // "đề nghị tặng Cờ thi đua gồm Bắc Kạn, Bắc Giang" in a cluster whose members are
        // one kind of unit in each province: a province named alone is its member. So is a
        // province named alone as an officer ("giới thiệu tỉnh Quảng Nam làm Cụm trưởng").
        let members = &record.members.units;
        if spans_provinces(members) && members.iter().all(|u| u.id == members[0].id) {
            let as_member = |r: &mut crate::record::Unit| {
                let place = (r.id.is_none() && r.province.is_none())
                    .then(|| self.provinces.canonical(&r.name))
                    .flatten();
                if let Some(member) = members
                    .iter()
                    .find(|u| place.is_some() && u.province == place)
                {
                    *r = crate::record::Unit {
                        mention: r.mention.clone(),
                        span: r.span,
                        ..member.clone()
                    };
                }
            };
            officers_and_recipients(&mut record.officers, &mut record.awards, as_member);
        }
        if let Some(kind) = &kind_in_each {
            let as_member = |unit: &mut crate::record::Unit| self.as_kind_in_province(unit, kind);
            officers_and_recipients(&mut record.officers, &mut record.awards, as_member);
        }
        // "Chủ tịch UBND huyện Bá Thước, Cụm trưởng" in a cluster whose members are listed
        // as places ("gồm các huyện: Bá Thước, ..."): the head is the member "Bá Thước".
        let places = &record.members.units;
        if !places.is_empty()
            && places
                .iter()
                .all(|u| u.id.is_none() && u.province.is_none())
        {
            let as_member = |unit: &mut crate::record::Unit| {
                // Only the place or its government: "Công an huyện Hiệp Đức" in a bloc of
                // police listed by place stays the police, as written.
                let member = places.iter().find(|m| {
                    unit.name.strip_suffix(m.name.as_str()).is_some_and(|rest| {
                        let rest = rest.trim_end().to_lowercase();
                        PLACE_WORDS.iter().any(|w| {
                            rest.strip_suffix(w).is_some_and(|before| {
                                let before = before.trim_end();
                                before.is_empty() || GOVERNMENT_WORDS.contains(&before)
                            })
                        })
                    })
                });
                if let Some(member) = member {
                    unit.name = member.name.clone();
                    unit.id = None;
                }
            };
            officers_and_recipients(&mut record.officers, &mut record.awards, as_member);
        }
        // "Khối gồm: Công ty TNHH MTV Xổ số kiến thiết Khánh Hòa, ..., Tổng công ty Khánh
        // Việt", then "do Tổng công ty làm Khối trưởng": a short name whose words stand in
        // order in one member's name, and in no other's, is that member.
        let members = &record.members.units;
        let as_member = |unit: &mut crate::record::Unit| {
            if unit.id.is_some() || members.iter().any(|m| m.name == unit.name) {
                return;
            }
            let mut found = members
                .iter()
                .filter(|m| m.id.is_none() && words_in_order(&unit.name, &m.name));
            if let (Some(member), None) = (found.next(), found.next()) {
                unit.name = member.name.clone();
                unit.province = member.province.clone();
            }
        };
        officers_and_recipients(&mut record.officers, &mut record.awards, as_member);
        // "Liên đoàn Lao động Hàm Tân" in a cluster of "Liên đoàn Lao động huyện Hàm Tân",
        // ...: a member's kind, then its place without the place word, is that member.
        let members = &record.members.units;
        let as_member = |unit: &mut crate::record::Unit| {
            if unit.id.is_none() || unit.province.is_some() {
                return;
            }
            let end = doc.byte_at(unit.span[1]);
            let Some(after) = doc.text[end..].strip_prefix(' ') else {
                return;
            };
            let member = members.iter().filter(|m| m.id == unit.id).find_map(|m| {
                let rest = m.name.strip_prefix(unit.name.as_str())?.strip_prefix(' ')?;
                let place = PLACE_WORDS
                    .iter()
                    .find_map(|w| rest.strip_prefix(w)?.strip_prefix(' '))?;
                let place_end = end + 1 + place.len();
                (after.starts_with(place) && ends_word(doc.text, place_end))
                    .then_some((m, place_end))
            });
            if let Some((member, place_end)) = member {
                let (mention, span) = doc.mention(doc.byte_at(unit.span[0]), place_end);
                *unit = crate::record::Unit {
                    mention,
                    span,
                    ..member.clone()
                };
            }
        };
        officers_and_recipients(&mut record.officers, &mut record.awards, as_member);
        // "Hội Kế hoạch hóa gia đình thành phố" in an article of Đà Nẵng: the city's own
        // unit, named as a province's is with "tỉnh" (`municipality` in cues.tsv); in a
        // province's article "Phòng Văn hóa và Thông tin thành phố" is its city's, and keeps
        // the word.
        if record
            .province
            .as_ref()
            .is_some_and(|p| self.provinces.is_municipality(&p.name))
        {
            let of_city = |unit: &mut crate::record::Unit| {
                let name = unit.name.strip_suffix(" thành phố");
                // "Liên hiệp Hợp tác xã Thương mại Thành phố": capitalized too.
                let name = name.or_else(|| unit.name.strip_suffix(" Thành phố"));
                if let Some(name) = name.filter(|_| unit.id.is_none()) {
                    unit.name = name.to_string();
                }
            };
            let members = &mut record.members;
            members
                .units
                .iter_mut()
                .chain(members.added.iter_mut())
                .for_each(of_city);
            officers_and_recipients(&mut record.officers, &mut record.awards, of_city);
        }
        record.campaigns = self.campaigns.find(&doc);
        let named = bloc.named;
        let mut bloc = bloc.into_record();
        // One kind of unit in several provinces ("các sở VH-TT&DL thuộc Cụm gồm: Bình
        // Dương, Đồng Nai"): a sector's own cluster, also where its text counts provinces
        // ("các Sở GDĐT của 9 tỉnh", read as a cluster of local governments). Kinds of one
        // sector are one ("Sở VHTT các tỉnh: A, B; Sở VHTT&DL các tỉnh: C, D").
        let units = &record.members.units;
        let sector = |u: &crate::record::Unit| u.id.as_ref().and(self.units.sector_of_unit(u));
        let one_kind = spans_provinces(units)
            && units.iter().all(|u| {
                u.id == units[0].id || sector(u).is_some() && sector(u) == sector(&units[0])
            });
        let known_kind = one_kind && units[0].id.is_some();
        if bloc.sector == Sector::Other || bloc.sector == Sector::DiaPhuong && known_kind {
            bloc.sector = if one_kind {
                Sector::Nganh
            } else {
                self.sector_of_members(&record.members)
            };
        } else if !named && !spans_provinces(units) {
            // "Cụm thi đua số 7 gồm: Ủy ban MTTQ, Hội Nông dân, Hội LHPN, ...": the words
            // around a name that says no sector ("phụ nữ", as of a cluster of one union
            // across provinces) give way to a list of three kinds of unit or more, of one
            // province, three in four of another sector.
            let mut kinds: Vec<&str> = units.iter().filter_map(|u| u.id.as_deref()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            let of_members = self.sector_of_members(&record.members);
            let agree = units
                .iter()
                .filter(|u| sector(u) == Some(of_members))
                .count();
            // So does a list of three places or more named alone ("gồm: Tri Tôn, Châu Phú,
            // Phú Tân"): a cluster of districts.
            let places = units.len() >= 3 && units.iter().all(|u| self.units.is_bare_place(u));
            if places {
                bloc.sector = Sector::DiaPhuong;
            } else if kinds.len() >= 3
                && agree * 4 >= units.len() * 3
                && of_members != Sector::Other
            {
                bloc.sector = of_members;
            }
        }
        record.bloc = Some(bloc);
        record.warnings = warnings;
    }
}

/// Calls `f` on every officer of both years and every award's recipient.
fn officers_and_recipients(
    officers: &mut crate::record::Officers,
    awards: &mut [crate::record::Award],
    mut f: impl FnMut(&mut crate::record::Unit),
) {
    for term in [&mut officers.current, &mut officers.next]
        .into_iter()
        .flatten()
    {
        term.head
            .iter_mut()
            .chain(term.deputy.iter_mut())
            .for_each(&mut f);
    }
    awards.iter_mut().for_each(|a| f(&mut a.recipient));
}

/// Whether the words of `short` (two or more) stand in `long` in the same order, as whole
/// words, ignoring case: "Công ty Xổ số kiến thiết" in "Công ty TNHH MTV Xổ số kiến thiết
/// Khánh Hòa".
fn words_in_order(short: &str, long: &str) -> bool {
    let short: Vec<String> = short.split_whitespace().map(str::to_lowercase).collect();
    if short.len() < 2 {
        return false;
    }
    let mut long = long.split_whitespace().map(str::to_lowercase);
    short.iter().all(|w| long.any(|l| l == *w))
}

/// Whether the units are of several provinces: a cluster of provinces ("Công an" of each).
fn spans_provinces(units: &[crate::record::Unit]) -> bool {
    let mut provinces = units.iter().filter_map(|u| u.province.as_deref());
    provinces
        .next()
        .is_some_and(|first| provinces.any(|p| p != first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_stop_after_a_degree_ends_no_sentence_after_a_place_it_does() {
        assert!(is_abbreviation("có PGS.TS"));
        assert!(is_abbreviation("UBND TP"));
        assert!(!is_abbreviation("UBND TP.HCM"));
        assert!(!is_abbreviation("của UBND"));
        assert!(!is_abbreviation("Sở GD-ĐT"));
    }

    #[test]
    fn a_short_name_is_the_member_holding_its_words_in_order() {
        let long = "Công ty TNHH MTV Xổ số kiến thiết Khánh Hòa";
        assert!(words_in_order("Công ty Xổ số kiến thiết", long));
        assert!(words_in_order("Tổng công ty", "Tổng công ty Yến sào"));
        assert!(!words_in_order("Tổng công ty", long));
        assert!(!words_in_order("Xổ số Công ty", long));
        // One word says too little.
        assert!(!words_in_order("Công", long));
    }

    #[test]
    fn gated_rules_match_as_the_rule_does() {
        // "ông" is in "Đông Hà", but not as a word.
        let rule = Gated::new(crate::patterns::regex(r"(?i)\bông\b").unwrap());
        assert!(rule.is_match("Phát biểu của ông Hưng"));
        // The first place ("Không") fails; the rule is tried again at the next one.
        assert!(rule.is_match("Không có ông Hưng"));
        assert!(!rule.is_match("Khối thi đua Đông Hà"));
        assert!(!rule.is_match("Sở Y tế trao cờ"));
        // The copy matches at "xa b" first, where the rule does not.
        let rule = Gated::new(crate::patterns::regex(r"\ba+ b").unwrap());
        assert!(rule.is_match("xa b a b"));
        assert!(!rule.is_match("xa b xa b"));
        assert_eq!(rule.find("xa b a b").map(|m| m.start()), Some(5));
        // The copy's match ("a xb") is too short for the rule, which goes on to "a xb b".
        let rule = Gated::new(crate::patterns::regex(r"\ba[^.]*?\bb").unwrap());
        assert!(rule.is_match("a xb b"));
        assert!(!rule.is_match("a xb. b"));
        // A rule at the end: "là" of "Hà Nội là" is a word, "à" of "Hà" is not.
        let rule = Gated::new(crate::patterns::regex(r"(?i)(?:\s|,|\b(?:là|à)\b)*$").unwrap());
        assert_eq!(rule.find("do Hà Nội là").map(|m| m.as_str()), Some(" là"));
        assert_eq!(rule.find("do Hà").map(|m| m.as_str()), Some(""));
        assert_eq!(rule.find("do à, ").map(|m| m.as_str()), Some(" à, "));
    }

    #[test]
    fn the_letters_of_a_title_are_a_name_s_letters_in_a_unit_s_name() {
        let abbreviations = Abbreviations::new(&Patterns::builtin().unwrap()).unwrap();
        assert_eq!(
            abbreviations.expand_title("PBT, CT.UBND huyện"),
            "Phó Bí thư, Chủ tịch Ủy ban nhân dân huyện"
        );
        assert_eq!(abbreviations.expand("Công ty TNHH PCT"), "Công ty TNHH PCT");
        // "TP." ends in a mark: it is a word before a letter too, and a space comes after it.
        assert_eq!(
            abbreviations.expand_title("Chủ tịch UBND TP.Vinh, TP. Hà Tĩnh, TP.HCM"),
            "Chủ tịch Ủy ban nhân dân thành phố Vinh, thành phố Hà Tĩnh, Thành phố Hồ Chí Minh"
        );
        assert_eq!(
            abbreviations.expand("Đại học Kinh tế TP.Vinh"),
            "Đại học Kinh tế TP.Vinh"
        );
        assert_eq!(
            abbreviations.expand_title("Trưởng ATP.Vinh"),
            "Trưởng ATP.Vinh"
        );
        assert_eq!(
            abbreviations.expand_title("Giám đốc Sở TP, Chủ tịch UBND TP. HCM"),
            "Giám đốc Sở Tư pháp, Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh"
        );
        assert_eq!(
            abbreviations.expand("Trung tâm GDNN-GDTX huyện"),
            "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện"
        );
    }

    #[test]
    fn abbreviations_are_written_out_as_words() {
        let abbreviations = Abbreviations::new(&Patterns::builtin().unwrap()).unwrap();
        assert_eq!(
            abbreviations.expand("Phó Chủ tịch UBND tỉnh, BCH Quân sự tỉnh"),
            "Phó Chủ tịch Ủy ban nhân dân tỉnh, Bộ Chỉ huy Quân sự tỉnh"
        );
        assert_eq!(abbreviations.expand("Trưởng TUBND"), "Trưởng TUBND");
        // A user's abbreviation whose full form holds another one: both are written out.
        let dir = std::env::temp_dir().join(format!("thidua-abbr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("abbreviations.tsv"),
            "# replace\nTTX\tTrung tâm XT\nXT\tXúc tiến\n",
        )
        .unwrap();
        let patterns = Patterns::with_dir(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let abbreviations = Abbreviations::new(&patterns.unwrap()).unwrap();
        assert_eq!(
            abbreviations.expand("Giám đốc TTX"),
            "Giám đốc Trung tâm Xúc tiến"
        );
    }

    /// The rules write a letter as `\p{Latin}` and a capital as `[\p{Lu}&&\p{Latin}]`
    /// (small automata), not `\p{L}` and `\p{Lu}`: every Vietnamese letter must be one.
    #[test]
    fn every_vietnamese_letter_is_a_latin_letter() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ\
                     pqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz";
        let latin = crate::patterns::regex(r"^\p{Latin}+$").unwrap();
        let small = crate::patterns::regex(r"^[\p{Ll}&&\p{Latin}]+$").unwrap();
        let capital = crate::patterns::regex(r"^[\p{Lu}&&\p{Latin}]+$").unwrap();
        let upper = lower.to_uppercase();
        assert_eq!(upper.chars().count(), lower.chars().count());
        assert!(latin.is_match(lower) && latin.is_match(&upper));
        assert!(small.is_match(lower) && capital.is_match(&upper));
    }

    #[test]
    fn mentions_are_code_point_spans() {
        let doc = Doc::new("Sở Y tế, Đài PT-TH.");
        let (m, span) = doc.mention(0, "Sở Y tế,".len());
        assert_eq!(m, "Sở Y tế");
        assert_eq!(span, [0, 7]);
        let start = "Sở Y tế, ".len();
        let (m, span) = doc.mention(start, doc.text.len());
        assert_eq!(m, "Đài PT-TH");
        assert_eq!(span, [9, 18]);
    }

    #[test]
    fn code_point_and_byte_offsets_agree() {
        let text = "Đài PT-TH tỉnh Bắc Kạn";
        let doc = Doc::new(text);
        for (k, (i, _)) in text.char_indices().enumerate() {
            assert_eq!(doc.char_at(i), k);
            assert_eq!(doc.byte_at(k), i);
        }
        let chars = text.chars().count();
        assert_eq!(doc.char_at(text.len()), chars);
        assert_eq!(doc.byte_at(chars), text.len());
        assert_eq!(doc.byte_at(chars + 5), text.len());
        assert_eq!(Doc::new("").byte_at(0), 0);
        assert_eq!(Doc::new("").char_at(0), 0);
        // Across blocks, and inside a character.
        let text =
            "Khối thi đua các cơ quan Đảng tỉnh Đắk Lắk tổ chức hội nghị tổng kết năm 2023. "
                .repeat(3);
        let doc = Doc::new(&text);
        for i in 0..=text.len() {
            let expected = text[..floor_char(&text, i)].chars().count();
            assert_eq!(doc.char_at(i), expected, "byte {i}");
        }
        for (k, (i, _)) in text.char_indices().enumerate() {
            assert_eq!(doc.byte_at(k), i);
        }
    }

    #[test]
    fn sentences_around_a_match_reach_no_further_than_reach() {
        let text = "Câu một. Sở Y tế là Trưởng khối; Sở Tư pháp là Phó khối.";
        let at = text.find("Trưởng").unwrap();
        assert_eq!(&text[start_before(text, at, &['.'])..at], " Sở Y tế là ");
        assert_eq!(
            &text[start_before(text, at, &['.', ';'])..at],
            " Sở Y tế là "
        );
        let at = text.find("Phó").unwrap();
        assert_eq!(&text[start_before(text, at, &[';'])..at], " Sở Tư pháp là ");
        assert_eq!(&text[at..end_after(text, at, &['.'])], "Phó khối");
        // A page with no full stop: the search stops `REACH` bytes away, on a character.
        let long = "Sở Y tế là Trưởng khối, ".repeat(400);
        let at = long.len() / 2;
        let at = floor_char(&long, at);
        let start = start_before(&long, at, &['.']);
        assert!(
            at - start <= REACH && at - start > REACH - 4,
            "{}",
            at - start
        );
        let end = end_after(&long, at, &['.']);
        assert!(end - at <= REACH && end - at > REACH - 4, "{}", end - at);
        assert_eq!(end_after(text, text.len() - 1, &['!']), text.len());
        assert_eq!(start_before(text, 3, &['!']), 0);
        // A full stop inside a word ends nothing: "TP.HCM", "PGS.TS".
        let text = "Câu một. TAND khu vực 15 - TP.HCM (Cụm trưởng), PGS.TS Hà. Câu ba";
        let at = text.find("Cụm").unwrap();
        assert_eq!(
            &text[start_before(text, at, &['.'])..at],
            " TAND khu vực 15 - TP.HCM ("
        );
        let at = text.find("TAND").unwrap();
        assert_eq!(
            &text[at..end_after(text, at, &['.'])],
            "TAND khu vực 15 - TP.HCM (Cụm trưởng), PGS.TS Hà"
        );
    }

    #[test]
    fn letters_and_digits_are_those_of_the_standard_library() {
        let differ: Vec<char> = (0..0x2000)
            .filter_map(char::from_u32)
            .filter(|&c| is_alphanumeric(c) != c.is_alphanumeric())
            .collect();
        assert_eq!(differ, Vec::<char>::new());
    }

    #[test]
    fn sentences_keep_abbreviations() {
        let doc = Doc::new("Cụm gồm TP. Hồ Chí Minh và Hà Nội. Hội nghị diễn ra; sau đó\nDòng mới");
        let s: Vec<&str> = doc.sentences().into_iter().map(|r| &doc.text[r]).collect();
        assert_eq!(
            s,
            [
                "Cụm gồm TP. Hồ Chí Minh và Hà Nội.",
                " Hội nghị diễn ra;",
                " sau đó",
                "Dòng mới"
            ]
        );
    }
}
