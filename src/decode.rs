//! Bytes to text without losing a letter.
//!
//! Evidence is weighed strongest first: a byte order mark; a charset named outside the
//! bytes (an HTTP header); a `<meta>` charset inside them; and only then detection.
//!
//! Detection has to know more than the web's registered encodings. Vietnamese pages of
//! the 1990s and 2000s were typed in 8-bit *font* encodings, TCVN3 (ABC) and VNI, and
//! served as Latin-1: the font drew "ViÖt Nam" as "Việt Nam". Their tables are data in
//! `patterns/legacy/*.tsv`; detection decodes with each candidate and keeps the one
//! that reads most like Vietnamese. Valid UTF-8 never goes through that, so the
//! common case costs one validation pass.

use std::collections::HashMap;
use std::sync::OnceLock;

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1258};
use unicode_normalization::char::{canonical_combining_class, compose};
use unicode_normalization::UnicodeNormalization;

use crate::record::Warning;

/// Decoded text and what was learned on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name: "utf-8", "windows-1258", "tcvn3", "vni", ...
    pub encoding: String,
    pub warnings: Vec<Warning>,
}

/// How far into the bytes a `<meta>` charset is looked for. Browsers stop at 1 KB, but
/// CMS pages often put the charset after a long run of scripts and styles.
const META_SCAN_LIMIT: usize = 8 * 1024;

/// Head start of the code page (windows-1258 in detection, a declared windows-1252)
/// over the font encodings: it is a registered charset and the default guess, so a
/// font encoding has to read clearly better to win.
const CODE_PAGE_PRIOR: i64 = 4;

/// What each valid multi-byte sequence adds to the UTF-8 reading: legacy bytes almost
/// never form one by chance.
const UTF8_SEQUENCE_BONUS: i64 = 2;

/// Decode `bytes`; `declared` is a charset named outside the bytes (an HTTP header).
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_standard(encoding, &bytes[bom_len..], bom_len, Vec::new());
    }
    let mut warnings = Vec::new();
    if let Some(label) = declared.map(header_charset).filter(|l| !l.is_empty()) {
        match Charset::from_label(&label) {
            Some(charset) => return decode_declared(bytes, charset, warnings),
            None => warnings.push(unknown_charset("declared", &label)),
        }
    }
    if let Some(label) = meta_charset(bytes) {
        match Charset::from_label(&label) {
            // A <meta> read as ASCII cannot mean UTF-16: the HTML standard reads it as UTF-8.
            Some(Charset::Standard(e)) if e == UTF_16LE || e == UTF_16BE => {
                return decode_declared(bytes, Charset::Standard(UTF_8), warnings)
            }
            Some(charset) => return decode_declared(bytes, charset, warnings),
            None => warnings.push(unknown_charset("<meta>", &label)),
        }
    }
    detect(bytes, warnings)
}

fn done(text: String, encoding: &str, warnings: Vec<Warning>) -> Decoded {
    Decoded {
        text,
        encoding: encoding.to_string(),
        warnings,
    }
}

fn unknown_charset(source: &str, label: &str) -> Warning {
    Warning::new(
        "unknown_charset",
        format!("{source} charset {label:?} is not known; the encoding was detected"),
    )
}

fn charset_mismatch(declared: &str, chosen: &str, why: &str) -> Warning {
    Warning::new(
        "charset_mismatch",
        format!("declared {declared}, but {why}; decoded as {chosen}"),
    )
}

// ---------------------------------------------------------------------------------------
// Charsets and labels

/// A Vietnamese 8-bit font encoding, decoded with a table from `patterns/legacy/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    const ALL: [Legacy; 2] = [Legacy::Tcvn3, Legacy::Vni];

    fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "tcvn3",
            Legacy::Vni => "vni",
        }
    }

    /// The parsed table. The tables are compiled in, so an error here is a bug in the
    /// data that the `tables_parse_cleanly` test catches; at run time it only takes the
    /// candidate out of detection instead of panicking.
    fn table(self) -> Result<&'static LegacyTable, &'static str> {
        static TCVN3: OnceLock<Result<LegacyTable, String>> = OnceLock::new();
        static VNI: OnceLock<Result<LegacyTable, String>> = OnceLock::new();
        let (cell, source) = match self {
            Legacy::Tcvn3 => (&TCVN3, include_str!("../patterns/legacy/tcvn3.tsv")),
            Legacy::Vni => (&VNI, include_str!("../patterns/legacy/vni.tsv")),
        };
        cell.get_or_init(|| LegacyTable::parse(source))
            .as_ref()
            .map_err(String::as_str)
    }

    /// The charset names legacy pages and tools use for these encodings.
    fn from_label(label: &str) -> Option<Legacy> {
        let key: String = label
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match key.as_str() {
            "tcvn3" | "tcvn" | "abc" | "vn3" | "vscii3" | "tcvn5712" | "tcvn57123"
            | "xviettcvn" | "xviettcvn3" | "xviettcvn5712" => Some(Legacy::Tcvn3),
            "vni" | "xvietvni" | "vniwindows" | "vniwin" => Some(Legacy::Vni),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
enum Charset {
    Standard(&'static Encoding),
    Legacy(Legacy),
}

impl Charset {
    fn from_label(label: &str) -> Option<Charset> {
        if let Some(legacy) = Legacy::from_label(label) {
            return Some(Charset::Legacy(legacy));
        }
        match Encoding::for_label(label.as_bytes()) {
            // "replacement" turns the whole document into one U+FFFD: better to detect.
            Some(e) if e != REPLACEMENT => Some(Charset::Standard(e)),
            _ => None,
        }
    }
}

fn encoding_name(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

/// The charset in an HTTP `Content-Type` value, or the value itself when it is a bare
/// charset name; "" for a media type without a charset (`text/html`), which declares
/// nothing.
fn header_charset(value: &str) -> String {
    if let Some(charset) = charset_in_content(value) {
        return charset;
    }
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if value.contains('/') || value.contains(';') {
        return String::new();
    }
    value.to_string()
}

/// `charset=...` inside a `Content-Type` value such as `text/html; charset=utf-8`.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("charset") {
        let after = from + found + "charset".len();
        let rest = content[after..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            let label = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value
                    .split(|c: char| c == ';' || c.is_whitespace())
                    .next()
                    .unwrap_or(""),
            };
            let label = label.trim();
            return (!label.is_empty()).then(|| label.to_string());
        }
        from = after;
    }
    None
}

// ---------------------------------------------------------------------------------------
// <meta> prescan

/// The charset of the first `<meta charset>` or `<meta http-equiv="Content-Type">` in the
/// first [`META_SCAN_LIMIT`] bytes. Bytes are compared ASCII-case-insensitively and
/// comments are skipped; this is a prescan, not an HTML parse.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(META_SCAN_LIMIT)];
    let mut i = 0;
    while i < head.len() {
        let Some(offset) = head[i..].iter().position(|&b| b == b'<') else {
            break;
        };
        let p = i + offset;
        let rest = &head[p..];
        if rest.starts_with(b"<!--") {
            i = find(&head[p + 4..], b"-->").map_or(head.len(), |end| p + 4 + end + 3);
            continue;
        }
        let is_meta = rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/');
        if is_meta {
            let (attributes, end) = tag_attributes(head, p + 5);
            if let Some(label) = charset_in_meta(&attributes) {
                return Some(label);
            }
            i = end;
            continue;
        }
        i = p + 1;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The attributes of a tag whose name ends before `start`, names lowercased, and the
/// index just past the tag.
fn tag_attributes(head: &[u8], start: usize) -> (Vec<(String, String)>, usize) {
    let len = head.len();
    let text = |from: usize, to: usize| String::from_utf8_lossy(&head[from..to]).into_owned();
    let mut attributes = Vec::new();
    let mut i = start;
    loop {
        while i < len && (head[i].is_ascii_whitespace() || head[i] == b'/') {
            i += 1;
        }
        if i >= len {
            return (attributes, len);
        }
        if head[i] == b'>' {
            return (attributes, i + 1);
        }
        let name_start = i;
        while i < len && !head[i].is_ascii_whitespace() && !matches!(head[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = text(name_start, i).to_ascii_lowercase();
        while i < len && head[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < len && head[i] == b'=' {
            i += 1;
            while i < len && head[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < len && (head[i] == b'"' || head[i] == b'\'') {
                let quote = head[i];
                let value_start = i + 1;
                i = value_start;
                while i < len && head[i] != quote {
                    i += 1;
                }
                value = text(value_start, i);
                i = (i + 1).min(len);
            } else {
                let value_start = i;
                while i < len && !head[i].is_ascii_whitespace() && head[i] != b'>' {
                    i += 1;
                }
                value = text(value_start, i);
            }
        }
        if !name.is_empty() {
            attributes.push((name, value));
        }
    }
}

fn charset_in_meta(attributes: &[(String, String)]) -> Option<String> {
    let get = |name: &str| {
        attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
    };
    if let Some(charset) = get("charset").filter(|c| !c.is_empty()) {
        return Some(charset.to_string());
    }
    let content_type = get("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
    if content_type {
        return get("content").and_then(charset_in_content);
    }
    None
}

// ---------------------------------------------------------------------------------------
// Decoding with a known charset

fn decode_declared(bytes: &[u8], charset: Charset, mut warnings: Vec<Warning>) -> Decoded {
    match charset {
        Charset::Legacy(legacy) => match legacy.table() {
            Ok(table) => {
                let decoded = table.decode(bytes, legacy.name());
                warnings.extend(decoded.warning);
                done(decoded.text, legacy.name(), warnings)
            }
            Err(error) => {
                warnings.push(Warning::new(
                    "legacy_table",
                    format!(
                        "the {} table is unusable ({error}); the encoding was detected",
                        legacy.name()
                    ),
                ));
                detect(bytes, warnings)
            }
        },
        // A page labelled UTF-8 whose bytes are mostly not UTF-8 was saved in something
        // else; replacing every Vietnamese letter with U+FFFD would lose the text.
        Charset::Standard(e) if e == UTF_8 => match std::str::from_utf8(bytes) {
            Ok(text) => done(text.to_string(), "utf-8", warnings),
            Err(_) => {
                let mut decoded = detect(bytes, warnings);
                if decoded.encoding != "utf-8" {
                    let why = "most of the bytes are not UTF-8";
                    let warning = charset_mismatch("utf-8", &decoded.encoding, why);
                    decoded.warnings.push(warning);
                }
                decoded
            }
        },
        Charset::Standard(e) if e == WINDOWS_1252 => decode_declared_latin1(bytes, warnings),
        Charset::Standard(e) => decode_standard(e, bytes, 0, warnings),
    }
}

/// `windows-1252` (and the labels the web folds into it: iso-8859-1, latin1, us-ascii) is
/// what servers say by default, and what TCVN3 and VNI pages were served as, the font
/// doing the rest. So this declaration is weak evidence: valid UTF-8 with non-ASCII
/// letters is read as UTF-8, and a font encoding that reads clearly better as
/// Vietnamese beats it.
fn decode_declared_latin1(bytes: &[u8], mut warnings: Vec<Warning>) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.is_ascii() {
            let why = "the bytes are valid UTF-8 with non-ASCII letters";
            warnings.push(charset_mismatch("windows-1252", "utf-8", why));
        }
        let encoding = if text.is_ascii() {
            "windows-1252"
        } else {
            "utf-8"
        };
        return done(text.to_string(), encoding, warnings);
    }
    let sample = detection_sample(bytes);
    let latin1 = Candidate::new(Reading::Windows1252, bytes, sample, CODE_PAGE_PRIOR);
    let best = pick(latin1, legacy_candidates(bytes, sample));
    let reading = best.reading;
    if reading != Reading::Windows1252 {
        let why = "the bytes read as a Vietnamese font encoding";
        warnings.push(charset_mismatch("windows-1252", reading.name(), why));
    }
    let reader = best.read_all(bytes);
    warnings.extend(reader.warning);
    done(reader.text, reading.name(), warnings)
}

/// Decode with an encoding_rs encoding; `offset` is where `bytes` start in the input (the
/// BOM's length), so that warnings point into the original bytes.
fn decode_standard(
    encoding: &'static Encoding,
    bytes: &[u8],
    offset: usize,
    mut warnings: Vec<Warning>,
) -> Decoded {
    if encoding == UTF_8 {
        warnings.extend(Utf8Scan::new(bytes, offset).warning());
        return done(Utf8Scan::text(bytes), "utf-8", warnings);
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let (text, warning) = decode_utf16(bytes, encoding == UTF_16BE, offset);
        warnings.extend(warning);
        return done(text, &encoding_name(encoding), warnings);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let text = if encoding == WINDOWS_1258 {
        compose_clusters(&text)
    } else {
        text.into_owned()
    };
    if had_errors {
        warnings.push(Warning::new(
            "invalid_bytes",
            format!(
                "malformed {} byte sequences were replaced with U+FFFD",
                encoding.name()
            ),
        ));
    }
    done(text, &encoding_name(encoding), warnings)
}

/// windows-1258 is the one common code page that writes tones as separate combining
/// marks (0xF2 is U+0323 COMBINING DOT BELOW), so its bytes decode to "Vie\u{302}\u{323}t"
/// and friends. NFC turns those into the precomposed letters every other encoding
/// yields, so that the same article reads the same whatever it was saved in.
fn decode_windows_1258(bytes: &[u8]) -> String {
    compose_clusters(&WINDOWS_1258.decode_without_bom_handling(bytes).0)
}

/// NFC of windows-1258 output, cluster by cluster. Every character windows-1258 decodes
/// to is NFC on its own and no two of them compose with each other, so NFC only has to
/// act on a letter and the combining marks after it; doing just that (one table lookup
/// for the usual single tone mark) is several times faster than normalizing the whole
/// text, and detection does it for every page that is not UTF-8.
fn compose_clusters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cluster = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !chars.peek().is_some_and(|&m| is_mark(m)) {
            out.push(c);
            continue;
        }
        cluster.clear();
        cluster.push(c);
        while let Some(m) = chars.next_if(|&m| is_mark(m)) {
            cluster.push(m);
        }
        let mut parts = cluster.chars();
        let single = match (parts.next(), parts.next(), parts.next()) {
            (Some(base), Some(mark), None) => compose(base, mark),
            _ => None,
        };
        match single {
            Some(composed) => out.push(composed),
            // ê + dot below and the like: NFC reorders before it composes.
            None => out.extend(cluster.nfc()),
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    c >= '\u{300}' && canonical_combining_class(c) != 0
}

/// UTF-16 code units to text; unpaired surrogates and an odd last byte become U+FFFD.
fn decode_utf16(bytes: &[u8], big_endian: bool, offset: usize) -> (String, Option<Warning>) {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut bad = BadBytes::default();
    let mut position = offset;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                text.push(c);
                position += 2 * c.len_utf16();
            }
            Err(_) => {
                text.push(char::REPLACEMENT_CHARACTER);
                bad.note(position, 2);
                position += 2;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
        bad.note(offset + bytes.len() - 1, 1);
    }
    let name = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
    (text, bad.warning(name))
}

/// Bytes that could not be decoded: how many, in how many places, and where first.
#[derive(Debug, Default, Clone, Copy)]
struct BadBytes {
    bytes: usize,
    places: usize,
    first: Option<usize>,
}

impl BadBytes {
    fn note(&mut self, offset: usize, len: usize) {
        self.bytes += len;
        self.places += 1;
        self.first.get_or_insert(offset);
    }

    fn warning(&self, encoding: &str) -> Option<Warning> {
        let first = self.first?;
        let plural = if self.bytes == 1 { "" } else { "s" };
        Some(Warning::new(
            "invalid_bytes",
            format!(
                "{} invalid {encoding} byte{plural} replaced with U+FFFD in {} place(s), first at byte offset {first}",
                self.bytes, self.places
            ),
        ))
    }
}

/// What detection needs to know about the bytes as UTF-8.
struct Utf8Scan {
    /// Valid multi-byte sequences: each one is evidence for UTF-8.
    multibyte: usize,
    bad: BadBytes,
}

impl Utf8Scan {
    /// `offset` is where `bytes` start in the input, for the warning.
    fn new(bytes: &[u8], offset: usize) -> Utf8Scan {
        let lead_bytes = |valid: &[u8]| valid.iter().filter(|&&b| b >= 0xC0).count();
        let mut multibyte = 0;
        let mut bad = BadBytes::default();
        let mut rest = bytes;
        let mut position = offset;
        loop {
            match std::str::from_utf8(rest) {
                Ok(_) => {
                    multibyte += lead_bytes(rest);
                    break;
                }
                Err(error) => {
                    let good = error.valid_up_to();
                    multibyte += lead_bytes(&rest[..good]);
                    let len = error.error_len().unwrap_or(rest.len() - good);
                    bad.note(position + good, len);
                    position += good + len;
                    rest = &rest[good + len..];
                }
            }
        }
        Utf8Scan { multibyte, bad }
    }

    /// The text, each maximal invalid sequence replaced by one U+FFFD (the places the
    /// scan counted).
    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    /// Mostly UTF-8 with a few broken sequences (a truncated page, a pasted byte): a
    /// legacy encoding almost never forms a valid multi-byte sequence by chance, so two
    /// of them for every error settle it without scoring.
    fn mostly_valid(&self) -> bool {
        self.multibyte >= 2 * self.bad.places
    }

    fn warning(&self) -> Option<Warning> {
        self.bad.warning("UTF-8")
    }
}

// ---------------------------------------------------------------------------------------
// Legacy font encodings

/// A TCVN3 or VNI table: single high bytes, and (VNI) a base byte followed by a
/// modifier byte.
#[derive(Debug)]
struct LegacyTable {
    /// Mappings of the bytes 0x80..=0xFF, indexed by `byte - 0x80`.
    single: [Option<char>; 128],
    /// Two-byte sequences, keyed by `u16::from_be_bytes([base, modifier])`, sorted.
    pairs: Vec<(u16, char)>,
}

/// What a legacy table made of some bytes.
struct LegacyDecoded {
    text: String,
    unmapped: usize,
    warning: Option<Warning>,
}

impl LegacyTable {
    /// Parse a `patterns/legacy/*.tsv` file (its header documents the format). Every
    /// line that is not a comment or blank must be a well-formed, unique mapping: a bad
    /// line is an error, never skipped.
    fn parse(source: &str) -> Result<LegacyTable, String> {
        let mut table = LegacyTable {
            single: [None; 128],
            pairs: Vec::new(),
        };
        let mut pairs = HashMap::new();
        for (index, line) in source.lines().enumerate() {
            let number = index + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [bytes, code_point, literal, _note] = fields[..] else {
                return Err(format!(
                    "line {number}: expected 4 tab-separated fields, found {}",
                    fields.len()
                ));
            };
            let bytes = bytes
                .split(' ')
                .map(|b| {
                    b.strip_prefix("0x")
                        .filter(|hex| hex.len() == 2)
                        .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                })
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(|| format!("line {number}: bytes must be like 0xB8 or 0x61 0xF9"))?;
            let c = code_point
                .strip_prefix("U+")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .and_then(char::from_u32)
                .ok_or_else(|| format!("line {number}: code point must be like U+00E1"))?;
            let mut chars = literal.chars();
            if chars.next() != Some(c) || chars.next().is_some() {
                return Err(format!(
                    "line {number}: literal {literal:?} is not {code_point}"
                ));
            }
            if c.is_ascii() || c.is_control() {
                return Err(format!(
                    "line {number}: {code_point} is ASCII or a control character"
                ));
            }
            let duplicate = match bytes[..] {
                [b] if b >= 0x80 => table.single[usize::from(b - 0x80)].replace(c).is_some(),
                [base, modifier] if modifier >= 0x80 && (base >= 0x80 || base.is_ascii_alphabetic()) => {
                    pairs.insert(u16::from_be_bytes([base, modifier]), c).is_some()
                }
                _ => {
                    return Err(format!(
                        "line {number}: expected one byte 0x80..0xFF, or a letter or high byte followed by a byte 0x80..0xFF"
                    ))
                }
            };
            if duplicate {
                return Err(format!("line {number}: the byte sequence is mapped twice"));
            }
        }
        table.pairs = pairs.into_iter().collect();
        table.pairs.sort_unstable();
        if table.pairs.is_empty() && table.single.iter().all(Option::is_none) {
            return Err("the table has no mappings".to_string());
        }
        Ok(table)
    }

    fn pair(&self, base: u8, modifier: u8) -> Option<char> {
        let key = u16::from_be_bytes([base, modifier]);
        let found = self.pairs.binary_search_by_key(&key, |&(k, _)| k);
        found.ok().map(|i| self.pairs[i].1)
    }

    /// Decode, taking the longest sequence that matches. Bytes the table does not map
    /// are read as windows-1252, which is what a browser showed for them; those at 0xA0
    /// and above (where the table's letters live) are counted as unmapped.
    fn decode(&self, bytes: &[u8], name: &str) -> LegacyDecoded {
        let fallback = windows_1252_high();
        let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
        let mut bad = BadBytes::default();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(&next) = bytes.get(i + 1) {
                if next >= 0x80 {
                    if let Some(c) = self.pair(b, next) {
                        text.push(c);
                        i += 2;
                        continue;
                    }
                }
            }
            if b < 0x80 {
                text.push(char::from(b));
            } else if let Some(c) = self.single[usize::from(b - 0x80)] {
                text.push(c);
            } else {
                text.push(fallback[usize::from(b - 0x80)]);
                if b >= 0xA0 {
                    bad.note(i, 1);
                }
            }
            i += 1;
        }
        let warning = bad.first.map(|first| {
            Warning::new(
                "unmapped_bytes",
                format!(
                    "{} byte(s) have no {name} mapping and were read as windows-1252, first at byte offset {first}",
                    bad.bytes
                ),
            )
        });
        LegacyDecoded {
            text,
            unmapped: bad.bytes,
            warning,
        }
    }
}

/// windows-1252 readings of 0x80..=0xFF, the fallback for bytes a legacy table lacks.
fn windows_1252_high() -> &'static [char; 128] {
    static TABLE: OnceLock<[char; 128]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [char::REPLACEMENT_CHARACTER; 128];
        for (slot, byte) in table.iter_mut().zip(0x80u8..=0xFF) {
            let one = [byte];
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(&one);
            *slot = text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        }
        table
    })
}

// ---------------------------------------------------------------------------------------
// Detection

/// Detection decodes and scores a sample with each candidate; only the winner decodes
/// the whole input. The sample starts at the word holding the first non-ASCII byte
/// (ASCII markup reads the same in every encoding) and ends once it holds
/// [`SAMPLE_HIGH_BYTES`] non-ASCII bytes and [`SAMPLE_MIN`] bytes: a few hundred words,
/// plenty to tell the encodings apart. It never exceeds [`SAMPLE_MAX`].
const SAMPLE_HIGH_BYTES: usize = 400;
const SAMPLE_MIN: usize = 2 * 1024;
const SAMPLE_MAX: usize = 32 * 1024;

fn detection_sample(bytes: &[u8]) -> &[u8] {
    let Some(first) = bytes.iter().position(|&b| b >= 0x80) else {
        return &bytes[..bytes.len().min(SAMPLE_MAX)];
    };
    let start = bytes[..first]
        .iter()
        .rposition(|b| !b.is_ascii_alphanumeric())
        .map_or(0, |p| p + 1);
    let rest = &bytes[start..];
    let mut high = 0;
    let mut end = rest.len().min(SAMPLE_MAX);
    for (i, &b) in rest.iter().enumerate().take(end) {
        if b >= 0x80 {
            high += 1;
            if high >= SAMPLE_HIGH_BYTES && i >= SAMPLE_MIN {
                end = i + 1;
                break;
            }
        }
    }
    &rest[..end]
}

/// A way to read bytes that detection weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Windows1258,
    Windows1252,
    Utf8,
    Legacy(Legacy),
}

/// A reading's text, the warning about bytes it could not map, and how many those were.
struct Reader {
    text: String,
    warning: Option<Warning>,
    unmapped: usize,
}

impl Reading {
    fn name(self) -> &'static str {
        match self {
            Reading::Windows1258 => "windows-1258",
            Reading::Windows1252 => "windows-1252",
            Reading::Utf8 => "utf-8",
            Reading::Legacy(legacy) => legacy.name(),
        }
    }

    fn read(self, bytes: &[u8]) -> Reader {
        let plain = |text| Reader {
            text,
            warning: None,
            unmapped: 0,
        };
        match self {
            Reading::Windows1258 => plain(decode_windows_1258(bytes)),
            Reading::Utf8 => {
                let scan = Utf8Scan::new(bytes, 0);
                Reader {
                    text: Utf8Scan::text(bytes),
                    warning: scan.warning(),
                    unmapped: scan.bad.bytes,
                }
            }
            Reading::Legacy(legacy) => match legacy.table() {
                Ok(table) => {
                    let decoded = table.decode(bytes, legacy.name());
                    Reader {
                        text: decoded.text,
                        warning: decoded.warning,
                        unmapped: decoded.unmapped,
                    }
                }
                // Not reached: legacy candidates exist only for tables that parse.
                Err(_) => plain(decode_windows_1252(bytes)),
            },
            Reading::Windows1252 => plain(decode_windows_1252(bytes)),
        }
    }
}

fn decode_windows_1252(bytes: &[u8]) -> String {
    WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// One reading of (a sample of) the bytes, scored.
struct Candidate {
    reading: Reading,
    score: Score,
    points: i64,
    /// Font encodings may only win with at least one Vietnamese syllable to show: a
    /// Western page full of invalid words must not go to whichever reading turns a "©"
    /// into a one-letter word.
    needs_syllables: bool,
    /// The whole input read, when the sample was the whole input.
    whole: Option<Reader>,
}

impl Candidate {
    /// Score `reading` of `sample`, a [`detection_sample`] of `bytes`; `bonus` is its
    /// prior. Font encodings lose a point for each byte they cannot map.
    fn new(reading: Reading, bytes: &[u8], sample: &[u8], bonus: i64) -> Self {
        let reader = reading.read(sample);
        let score = Score::of(&reader.text);
        let legacy = matches!(reading, Reading::Legacy(_));
        let unmapped = if legacy { count(reader.unmapped) } else { 0 };
        Candidate {
            reading,
            score,
            points: score.points + bonus - unmapped,
            needs_syllables: legacy,
            whole: (sample.len() == bytes.len()).then_some(reader),
        }
    }

    /// The winner's text of the whole input, and its warning.
    fn read_all(self, bytes: &[u8]) -> Reader {
        match self.whole {
            Some(reader) => reader,
            None => self.reading.read(bytes),
        }
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX / 4)
}

fn legacy_candidates(bytes: &[u8], sample: &[u8]) -> Vec<Candidate> {
    Legacy::ALL
        .into_iter()
        .filter(|legacy| legacy.table().is_ok())
        .map(|legacy| Candidate::new(Reading::Legacy(legacy), bytes, sample, 0))
        .collect()
}

/// The best-scoring eligible candidate; `first` is the default and wins ties.
fn pick(first: Candidate, others: Vec<Candidate>) -> Candidate {
    others
        .into_iter()
        .filter(|c| !c.needs_syllables || c.score.syllables > 0)
        .fold(
            first,
            |best, c| if c.points > best.points { c } else { best },
        )
}

/// Decode without a declaration.
///
/// Valid UTF-8 is UTF-8. Mostly valid UTF-8 is lossy UTF-8. Otherwise windows-1258,
/// TCVN3, VNI (and lossy UTF-8, if it has any valid multi-byte sequence) each read a
/// [`detection_sample`] of the bytes, and the reading with the most Vietnamese syllables and the
/// fewest odd characters wins, windows-1258 with a head start. When even the winning
/// windows-1258 reading has no Vietnamese word in it, the page is Western and is
/// called windows-1252, the web's default for unlabelled pages.
fn detect(bytes: &[u8], mut warnings: Vec<Warning>) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return done(text.to_string(), "utf-8", warnings);
    }
    let sample = detection_sample(bytes);
    let scan = Utf8Scan::new(sample, 0);
    if scan.mostly_valid() {
        warnings.extend(Utf8Scan::new(bytes, 0).warning());
        return done(Utf8Scan::text(bytes), "utf-8", warnings);
    }
    let windows_1258 = Candidate::new(Reading::Windows1258, bytes, sample, CODE_PAGE_PRIOR);
    let mut others = Vec::with_capacity(3);
    if scan.multibyte > 0 {
        let bonus = UTF8_SEQUENCE_BONUS * count(scan.multibyte);
        others.push(Candidate::new(Reading::Utf8, bytes, sample, bonus));
    }
    others.extend(legacy_candidates(bytes, sample));
    let best = pick(windows_1258, others);
    if best.reading == Reading::Windows1258 && best.score.syllables == 0 {
        return done(decode_windows_1252(bytes), "windows-1252", warnings);
    }
    let reading = best.reading;
    let reader = best.read_all(bytes);
    warnings.extend(reader.warning);
    done(reader.text, reading.name(), warnings)
}

/// How Vietnamese a text reads. Only words with a non-ASCII letter are judged: ASCII
/// reads the same in every candidate, so it cannot tell them apart.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    points: i64,
    /// Valid Vietnamese syllables of two or more letters, at least one of them non-ASCII.
    syllables: usize,
}

impl Score {
    const SYLLABLE: i64 = 3;
    const SHORT_SYLLABLE: i64 = 1;
    const COMMON_WORD: i64 = 2;
    const NOT_A_SYLLABLE: i64 = -3;
    const ODD_CHARACTER: i64 = -2;

    fn of(text: &str) -> Score {
        let phonology = phonology();
        let mut score = Score::default();
        let mut word = Word::default();
        for c in text.chars() {
            let class = match phonology.class(c) {
                Some(class) => class,
                None if c.is_alphabetic() => Class::OtherLetter,
                None if is_combining_mark(c) => Class::OtherLetter,
                None => Class::NotLetter,
            };
            match class {
                Class::Letter(letter, tone) => word.push(letter, tone, c.is_ascii()),
                Class::OtherLetter => word.spoil(),
                Class::NotLetter => {
                    score.judge(&word, phonology);
                    word = Word::default();
                    if is_odd(c) {
                        score.points += Score::ODD_CHARACTER;
                    }
                }
            }
        }
        score.judge(&word, phonology);
        score
    }

    fn judge(&mut self, word: &Word, phonology: &Phonology) {
        if !word.non_ascii {
            return;
        }
        if word.invalid || !phonology.is_syllable(word.letters(), word.tone) {
            self.points += Score::NOT_A_SYLLABLE;
            return;
        }
        if word.count >= 2 {
            self.points += Score::SYLLABLE;
            self.syllables += 1;
        } else {
            self.points += Score::SHORT_SYLLABLE;
        }
        if phonology.is_common(word.letters(), word.tone) {
            self.points += Score::COMMON_WORD;
        }
    }
}

/// What a character is to the scorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A Vietnamese letter (either case): its lowercase letter index and its tone.
    Letter(u8, u8),
    /// A letter or combining mark that Vietnamese does not use ("ö", "f", "µ", U+0308).
    OtherLetter,
    NotLetter,
}

/// A word being read: its letters as [`Phonology`] indices, tone apart.
#[derive(Default)]
struct Word {
    letters: [u8; Word::MAX],
    count: usize,
    tone: u8,
    /// A letter Vietnamese does not use, a second tone, or too many letters.
    invalid: bool,
    /// Any character other than an ASCII letter: only such words are judged. Every
    /// character outside Vietnamese spelling is non-ASCII except "f", "j", "w", "z".
    non_ascii: bool,
}

impl Word {
    /// "nghiêng", "nguyễn": no syllable is longer.
    const MAX: usize = 7;

    fn push(&mut self, letter: u8, tone: u8, ascii: bool) {
        self.non_ascii |= !ascii;
        if self.invalid {
            return;
        }
        if self.count == Word::MAX || (tone != 0 && self.tone != 0) {
            self.invalid = true;
            return;
        }
        if tone != 0 {
            self.tone = tone;
        }
        self.letters[self.count] = letter;
        self.count += 1;
    }

    fn spoil(&mut self) {
        self.non_ascii = true;
        self.invalid = true;
    }

    fn letters(&self) -> &[u8] {
        &self.letters[..self.count]
    }
}

/// Characters no reading of real text should produce: replacement characters, C0/C1
/// controls, and the soft hyphen (TCVN3's "ư" read as Latin-1).
fn is_odd(c: char) -> bool {
    c == char::REPLACEMENT_CHARACTER
        || c == '\u{AD}'
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{C}'))
}

fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Frequent words of the press articles this crate reads; a reading that produces them
/// is very likely the right one.
const COMMON_WORDS: &[&str] = &[
    "của",
    "và",
    "các",
    "người",
    "đua",
    "năm",
    "được",
    "tỉnh",
    "những",
    "với",
    "trong",
    "công",
    "tác",
    "đã",
    "này",
    "có",
    "không",
    "một",
    "hội",
    "nghị",
    "việt",
    "đồng",
    "chí",
    "tổng",
    "kết",
    "khối",
    "ủy",
    "nhân",
    "dân",
    "sở",
    "giáo",
    "dục",
    "đào",
    "tạo",
    "thưởng",
    "phó",
    "chủ",
    "tịch",
    "trưởng",
    "thành",
    "phố",
    "huyện",
    "xã",
    "đơn",
    "vị",
    "trào",
    "thực",
    "hiện",
    "đại",
    "biểu",
    "để",
    "về",
    "từ",
    "tại",
    "đến",
    "như",
    "nhiều",
    "ngày",
    "tháng",
    "chiều",
    "sáng",
    "là",
];

/// The twelve vowel letters, then the consonants; a letter's index is its position
/// here plus one, so that 0 can mean "none" and vowels are exactly 1..=12.
const ALPHABET: [char; 29] = [
    'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'b', 'c', 'd', 'đ', 'g', 'h', 'k',
    'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x',
];
const VOWELS: u8 = 12;
const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
/// Final consonants, and whether each is a stop (which takes only sắc or nặng).
const CODAS: &[(&str, bool)] = &[
    ("", false),
    ("c", true),
    ("ch", true),
    ("m", false),
    ("n", false),
    ("ng", false),
    ("nh", false),
    ("p", true),
    ("t", true),
];
/// Vowel groups that may be followed by a final consonant (or stand alone).
const CLOSABLE_NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "oa", "oă", "oe", "oo",
    "uâ", "uê", "uô", "ươ", "uy", "uyê",
];
/// Vowel groups ending in a glide, which take no final consonant.
const OPEN_NUCLEI: &[&str] = &[
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "uơ", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya",
    "uyu",
];
/// Tones, numbered as [`Phonology`] stores them: 1 grave, 2 hook, 3 tilde, 4 acute, 5 dot.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];
const TONE_ACUTE: u8 = 4;
const TONE_DOT: u8 = 5;

/// Bits per letter in a key: 29 letters fit in 5.
const KEY_BITS: u32 = 5;
/// U+0000..U+01B0 ends at "ư"; U+1EA0..U+1EF9 are the precomposed letters with tones.
const LATIN_END: u32 = 0x1B1;
const EXTENDED: std::ops::Range<u32> = 0x1EA0..0x1EFA;
/// Packed [`Class`] values in the tables: 0 not a letter, 0xFF another letter, else
/// `letter | tone << 5`.
const NOT_LETTER: u8 = 0;
const OTHER_LETTER: u8 = 0xFF;
/// Nucleus and coda table values.
const CLOSABLE: u8 = 1;
const OPEN: u8 = 2;
const CODA: u8 = 1;
const STOP: u8 = 2;

/// Vietnamese spelling as lookup tables, built once from the lists above, so that
/// judging a character or a word costs a few array reads: detection judges every word
/// of every candidate reading.
struct Phonology {
    /// Packed classes of U+0000..U+01B0, then of U+1EA0..U+1EF9.
    classes: Vec<u8>,
    /// Indexed by key: whether the consonants are an onset.
    onsets: Vec<bool>,
    /// Indexed by key: [`CLOSABLE`], [`OPEN`] or 0.
    nuclei: Vec<u8>,
    /// Indexed by key: [`CODA`], [`STOP`] or 0.
    codas: Vec<u8>,
    /// Keys of [`COMMON_WORDS`] with their tone, sorted.
    common: Vec<u64>,
    g: u8,
    i: u8,
    q: u8,
    u: u8,
}

fn phonology() -> &'static Phonology {
    static PHONOLOGY: OnceLock<Phonology> = OnceLock::new();
    PHONOLOGY.get_or_init(Phonology::new)
}

impl Phonology {
    fn new() -> Phonology {
        let mut lowercase: HashMap<char, (u8, u8)> = HashMap::new();
        for (index, base) in (1u8..).zip(ALPHABET) {
            lowercase.insert(base, (index, 0));
            if index > VOWELS {
                continue;
            }
            for (tone, mark) in (1u8..).zip(TONE_MARKS) {
                let composed: String = [base, mark].into_iter().nfc().collect();
                let mut chars = composed.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    lowercase.insert(c, (index, tone));
                }
            }
        }
        let class = |code: u32| {
            let Some(c) = char::from_u32(code).filter(|c| c.is_alphabetic()) else {
                return NOT_LETTER;
            };
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => lowercase
                    .get(&l)
                    .map_or(OTHER_LETTER, |&(letter, tone)| letter | tone << 5),
                _ => OTHER_LETTER,
            }
        };
        let classes = (0..LATIN_END).chain(EXTENDED).map(class).collect();
        let index = |c: char| lowercase.get(&c).map_or(0, |&(letter, _)| letter);
        let spelled = |s: &str| key(&s.chars().map(index).collect::<Vec<u8>>());
        let table = |entries: &mut dyn Iterator<Item = (u64, u8)>, len: usize| {
            let mut table = vec![0u8; len];
            for (key, value) in entries {
                if let Some(slot) = usize::try_from(key).ok().and_then(|k| table.get_mut(k)) {
                    *slot = value;
                }
            }
            table
        };
        let onsets = table(
            &mut ONSETS.iter().map(|o| (spelled(o), 1)),
            1 << (3 * KEY_BITS),
        );
        let nuclei = table(
            &mut CLOSABLE_NUCLEI
                .iter()
                .map(|n| (spelled(n), CLOSABLE))
                .chain(OPEN_NUCLEI.iter().map(|n| (spelled(n), OPEN))),
            1 << (3 * KEY_BITS),
        );
        let codas = table(
            &mut CODAS
                .iter()
                .map(|&(c, stop)| (spelled(c), if stop { STOP } else { CODA })),
            1 << (2 * KEY_BITS),
        );
        let mut common: Vec<u64> = COMMON_WORDS
            .iter()
            .map(|word| {
                let letters: Vec<(u8, u8)> = word
                    .chars()
                    .filter_map(|c| lowercase.get(&c).copied())
                    .collect();
                let tone = letters.iter().map(|&(_, t)| t).max().unwrap_or(0);
                let letters: Vec<u8> = letters.iter().map(|&(l, _)| l).collect();
                common_key(&letters, tone)
            })
            .collect();
        common.sort_unstable();
        Phonology {
            classes,
            onsets: onsets.into_iter().map(|v| v != 0).collect(),
            nuclei,
            codas,
            common,
            g: index('g'),
            i: index('i'),
            q: index('q'),
            u: index('u'),
        }
    }

    /// The class of `c`, or `None` when it is outside the tables (the caller asks the
    /// Unicode tables).
    fn class(&self, c: char) -> Option<Class> {
        let code = u32::from(c);
        let slot = if code < LATIN_END {
            code
        } else if EXTENDED.contains(&code) {
            code - EXTENDED.start + LATIN_END
        } else {
            return None;
        };
        let packed = *self.classes.get(usize::try_from(slot).ok()?)?;
        Some(match packed {
            NOT_LETTER => Class::NotLetter,
            OTHER_LETTER => Class::OtherLetter,
            packed => Class::Letter(packed & 0x1F, packed >> 5),
        })
    }

    /// Whether the letters and tone make a well-formed syllable: onset, vowel group,
    /// final consonant, and only sắc or nặng before a final stop.
    fn is_syllable(&self, letters: &[u8], tone: u8) -> bool {
        let consonants = letters.iter().take_while(|&&l| l > VOWELS).count();
        let (onset, rhyme) = letters.split_at(consonants);
        if consonants > 3 {
            return false;
        }
        if lookup(&self.onsets, key(onset)) && self.is_rhyme(rhyme, tone) {
            return true;
        }
        // In "gi" and "qu" the vowel letter belongs to the onset: "giữa", "quốc".
        let glide = match onset {
            [g] if *g == self.g => self.i,
            [q] if *q == self.q => self.u,
            _ => return false,
        };
        rhyme.first() == Some(&glide) && self.is_rhyme(&rhyme[1..], tone)
    }

    fn is_rhyme(&self, rhyme: &[u8], tone: u8) -> bool {
        let vowels = rhyme.iter().take_while(|&&l| l <= VOWELS).count();
        let (nucleus, coda) = rhyme.split_at(vowels);
        if vowels == 0 || vowels > 3 || coda.len() > 2 {
            return false;
        }
        let nucleus = lookup(&self.nuclei, key(nucleus));
        match (nucleus, lookup(&self.codas, key(coda))) {
            (CLOSABLE | OPEN, CODA) if coda.is_empty() => true,
            (CLOSABLE, CODA) => true,
            (CLOSABLE, STOP) => tone == TONE_ACUTE || tone == TONE_DOT,
            _ => false,
        }
    }

    fn is_common(&self, letters: &[u8], tone: u8) -> bool {
        self.common
            .binary_search(&common_key(letters, tone))
            .is_ok()
    }
}

/// Letter indices packed [`KEY_BITS`] apiece; indices start at 1, so lengths never collide.
fn key(letters: &[u8]) -> u64 {
    letters
        .iter()
        .fold(0, |key, &letter| key << KEY_BITS | u64::from(letter))
}

fn common_key(letters: &[u8], tone: u8) -> u64 {
    key(letters) | u64::from(tone) << 40
}

fn lookup<T: Copy + Default>(table: &[T], key: u64) -> T {
    usize::try_from(key)
        .ok()
        .and_then(|k| table.get(k))
        .copied()
        .unwrap_or_default()
}

/// Whether a word is a well-formed Vietnamese syllable.
#[cfg(test)]
fn is_syllable(word: &str) -> bool {
    let phonology = phonology();
    let mut letters = Word::default();
    for c in word.chars() {
        match phonology.class(c) {
            Some(Class::Letter(letter, tone)) => letters.push(letter, tone, c.is_ascii()),
            _ => letters.spoil(),
        }
    }
    !letters.invalid && phonology.is_syllable(letters.letters(), letters.tone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TCVN3_SAMPLE: &[u8] = include_bytes!("../fixtures/encodings/tcvn3.txt");
    const TCVN3_UTF8: &str = include_str!("../fixtures/encodings/tcvn3.utf8.txt");
    const VNI_SAMPLE: &[u8] = include_bytes!("../fixtures/encodings/vni.txt");
    const VNI_UTF8: &str = include_str!("../fixtures/encodings/vni.utf8.txt");
    const CP1258_SAMPLE: &[u8] = include_bytes!("../fixtures/encodings/cp1258.txt");
    const CP1258_UTF8: &str = include_str!("../fixtures/encodings/cp1258.utf8.txt");

    const PARAGRAPH: &str = "Sáng 8/12, Khối thi đua các huyện, thành phố tỉnh Bắc Kạn tổ chức \
        Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và ký kết giao ước thi đua \
        năm 2024. ĐỒNG CHÍ Phó Chủ tịch Ủy ban nhân dân tỉnh dự và phát biểu chỉ đạo; \
        Sở Giáo dục và Đào tạo được suy tôn Trưởng khối.";

    const WORDS: &[&str] = &[
        "Việt Nam",
        "Khối thi đua",
        "Sở Giáo dục và Đào tạo",
        "Hội nghị tổng kết",
        "Đồng chí",
        "Ủy ban nhân dân tỉnh Bắc Kạn",
    ];

    /// The way Vietnamese was saved in windows-1258: the code page has ê, ơ, ă, đ ... but
    /// tones only as combining marks, so each letter is split into its toneless letter
    /// and its tone, then encoded with encoding_rs.
    fn to_cp1258(text: &str) -> Vec<u8> {
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mut split = String::new();
        for c in text.nfc() {
            let mut base = String::new();
            let mut tone = None;
            for d in std::iter::once(c).nfd() {
                if tones.contains(&d) {
                    tone = Some(d);
                } else {
                    base.push(d);
                }
            }
            split.extend(base.nfc());
            split.extend(tone);
        }
        let (bytes, _, unmappable) = WINDOWS_1258.encode(&split);
        assert!(!unmappable, "{text:?} does not fit windows-1258");
        bytes.into_owned()
    }

    /// Encode with the inverse of a legacy table. TCVN3 has no uppercase toned letters:
    /// those are written with the lowercase bytes (an all-capitals font drew them).
    fn to_legacy(legacy: Legacy, text: &str) -> Vec<u8> {
        let table = legacy.table().expect("table parses");
        let mut inverse: HashMap<char, Vec<u8>> = HashMap::new();
        for (b, c) in (0x80u8..=0xFF).zip(table.single) {
            if let Some(c) = c {
                inverse.insert(c, vec![b]);
            }
        }
        for &(key, c) in &table.pairs {
            inverse.insert(c, key.to_be_bytes().to_vec());
        }
        let mut out = Vec::new();
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c as u8);
            } else if let Some(bytes) = inverse.get(&c) {
                out.extend(bytes);
            } else {
                let lower = c.to_lowercase().next().unwrap();
                out.extend(&inverse[&lower]);
            }
        }
        out
    }

    fn codes(decoded: &Decoded) -> Vec<&str> {
        decoded.warnings.iter().map(|w| w.code.as_str()).collect()
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        let decoded = decode(b"", None);
        assert_eq!(decoded.text, "");
        assert_eq!(decoded.encoding, "utf-8");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn utf8_nfc_and_nfd_agree_after_nfc() {
        let composed: String = PARAGRAPH.nfc().collect();
        let decomposed: String = PARAGRAPH.nfd().collect();
        assert_ne!(composed, decomposed);
        let a = decode(composed.as_bytes(), None);
        let b = decode(decomposed.as_bytes(), None);
        assert_eq!(
            (a.encoding.as_str(), b.encoding.as_str()),
            ("utf-8", "utf-8")
        );
        // UTF-8 is passed through as is; the normalize stage composes.
        assert_eq!(a.text, composed);
        assert_eq!(b.text, decomposed);
        assert_eq!(
            a.text.nfc().collect::<String>(),
            b.text.nfc().collect::<String>()
        );
        assert!(a.warnings.is_empty() && b.warnings.is_empty());
    }

    #[test]
    fn utf8_bom_is_dropped_and_beats_a_declaration() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(PARAGRAPH.as_bytes());
        for declared in [None, Some("windows-1258"), Some("tcvn3")] {
            let decoded = decode(&bytes, declared);
            assert_eq!(decoded.text, PARAGRAPH, "{declared:?}");
            assert_eq!(decoded.encoding, "utf-8");
        }
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in PARAGRAPH.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let decoded = decode(&le, None);
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding.as_str()),
            (PARAGRAPH, "utf-16le")
        );
        assert!(decoded.warnings.is_empty());
        let decoded = decode(&be, Some("utf-8"));
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding.as_str()),
            (PARAGRAPH, "utf-16be")
        );

        // An unpaired surrogate and an odd last byte are replaced and reported.
        let mut broken = vec![0xFF, 0xFE, b'A', 0, 0x00, 0xD8, b'B', 0, 0x41];
        let decoded = decode(&broken, None);
        assert_eq!(decoded.text, "A\u{FFFD}B\u{FFFD}");
        assert_eq!(codes(&decoded), ["invalid_bytes"]);
        assert!(decoded.warnings[0]
            .message
            .contains("3 invalid UTF-16LE bytes"));
        assert!(decoded.warnings[0].message.contains("offset 4"));
        broken.truncate(8);
        assert_eq!(decode(&broken, None).text, "A\u{FFFD}B");
    }

    #[test]
    fn windows_1258_paragraph_is_detected_and_composed() {
        let bytes = to_cp1258(PARAGRAPH);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert!(
            bytes.contains(&0xF2),
            "the sample uses a combining tone byte"
        );
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.encoding, "windows-1258");
        assert_eq!(decoded.text, PARAGRAPH);
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn windows_1258_letters_and_marks_compose_like_nfc() {
        // Every byte followed by up to two of the tone-mark bytes 0xCC 0xEC 0xD2 0xDE 0xF2.
        let marks = [
            None,
            Some(0xCC),
            Some(0xEC),
            Some(0xD2),
            Some(0xDE),
            Some(0xF2),
        ];
        for byte in 0..=255u8 {
            for first in marks {
                for second in marks {
                    let bytes: Vec<u8> =
                        [Some(byte), first, second].into_iter().flatten().collect();
                    let raw = WINDOWS_1258.decode_without_bom_handling(&bytes).0;
                    assert_eq!(
                        compose_clusters(&raw),
                        raw.nfc().collect::<String>(),
                        "{bytes:X?}"
                    );
                }
            }
        }
    }

    #[test]
    fn windows_1258_fixture_is_detected() {
        let decoded = decode(CP1258_SAMPLE, None);
        assert_eq!(decoded.encoding, "windows-1258");
        assert_eq!(decoded.text, CP1258_UTF8);
    }

    #[test]
    fn meta_charset_is_honoured() {
        let body = to_legacy(Legacy::Vni, PARAGRAPH);
        // Without a declaration the body reads as VNI...
        assert_eq!(decode(&body, None).encoding, "vni");
        // ...but a <meta> saying windows-1258 is believed.
        let mut html = b"<!doctype html><html><head><!-- <meta charset=\"koi8-r\"> -->\n\
            <title>x</title><META\tCharset = 'Windows-1258' /></head><body>"
            .to_vec();
        html.extend(&body);
        let decoded = decode(&html, None);
        assert_eq!(decoded.encoding, "windows-1258");
        assert_eq!(decoded.text, decode_windows_1258(&html));

        let mut html = b"<html><head><meta name=\"viewport\" content=\"width=device-width\">\
            <meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"></head><body>"
            .to_vec();
        html.extend(to_cp1258(PARAGRAPH));
        let decoded = decode(&html, None);
        assert_eq!(decoded.encoding, "windows-1258");
        assert!(decoded.text.ends_with(PARAGRAPH));

        // A legacy font encoding named in a <meta> uses its table.
        let mut html =
            b"<meta http-equiv=content-type content=\"text/html;charset=TCVN-3\">".to_vec();
        html.extend(to_legacy(Legacy::Tcvn3, "Hội nghị tổng kết"));
        let decoded = decode(&html, None);
        assert_eq!(decoded.encoding, "tcvn3");
        assert!(decoded.text.ends_with("Hội nghị tổng kết"));

        // A <meta> cannot switch to UTF-16: the bytes were read as ASCII to find it.
        let html = "<meta charset=utf-16><p>Việt Nam</p>";
        let decoded = decode(html.as_bytes(), None);
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding.as_str()),
            (html, "utf-8")
        );
    }

    #[test]
    fn declared_charset_beats_meta_and_detection() {
        let vni = to_legacy(Legacy::Vni, PARAGRAPH);
        let decoded = decode(&vni, Some("windows-1258"));
        assert_eq!(decoded.encoding, "windows-1258");
        assert_eq!(decoded.text, decode_windows_1258(&vni));

        let mut html = b"<meta charset=\"windows-1258\">".to_vec();
        html.extend(&vni);
        let decoded = decode(&html, Some("text/html; charset=\"x-viet-vni\""));
        assert_eq!(decoded.encoding, "vni");
        assert!(decoded.text.ends_with(PARAGRAPH));

        let decoded = decode(&to_legacy(Legacy::Tcvn3, "Đồng chí"), Some("ABC"));
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding.as_str()),
            ("Đồng chí", "tcvn3")
        );

        let decoded = decode("Việt Nam".as_bytes(), Some("iso-8859-2"));
        assert_eq!(decoded.encoding, "iso-8859-2");
    }

    #[test]
    fn unknown_declaration_falls_back_to_detection() {
        let decoded = decode(TCVN3_SAMPLE, Some("klingon-8"));
        assert_eq!(decoded.encoding, "tcvn3");
        assert_eq!(decoded.text, TCVN3_UTF8);
        assert_eq!(codes(&decoded), ["unknown_charset"]);
    }

    #[test]
    fn declared_utf8_over_legacy_bytes_is_detected_with_a_warning() {
        let decoded = decode(&to_cp1258(PARAGRAPH), Some("utf-8"));
        assert_eq!(decoded.encoding, "windows-1258");
        assert_eq!(decoded.text, PARAGRAPH);
        assert_eq!(codes(&decoded), ["charset_mismatch"]);
    }

    #[test]
    fn declared_latin1_is_weak_evidence() {
        // Font-encoded pages were served as Latin-1.
        let decoded = decode(TCVN3_SAMPLE, Some("ISO-8859-1"));
        assert_eq!(decoded.encoding, "tcvn3");
        assert_eq!(decoded.text, TCVN3_UTF8);
        assert_eq!(codes(&decoded), ["charset_mismatch"]);
        // A Western page stays Western.
        let decoded = decode(b"Caf\xE9 cr\xE8me br\xFBl\xE9e, \xA9 2023", Some("latin1"));
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decoded.text, "Café crème brûlée, © 2023");
        assert!(decoded.warnings.is_empty());
        // UTF-8 is UTF-8 whatever the server says.
        let decoded = decode(PARAGRAPH.as_bytes(), Some("iso-8859-1"));
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding.as_str()),
            (PARAGRAPH, "utf-8")
        );
    }

    #[test]
    fn western_text_without_vietnamese_is_windows_1252() {
        let decoded = decode(b"Caf\xE9 cr\xE8me br\xFBl\xE9e \xD0 \xA9 2023", None);
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decoded.text, "Café crème brûlée Ð © 2023");
    }

    #[test]
    fn long_pages_are_detected_from_a_sample() {
        // 20 KB of ASCII markup first, then the article, then a byte TCVN3 lacks.
        let mut page = b"<html><head><script>".to_vec();
        page.extend(b"var x = 1;\n".repeat(2000));
        page.extend(b"</script></head><body>");
        page.extend(TCVN3_SAMPLE.repeat(40));
        page.extend(b"\xB0</body></html>");
        let sample = detection_sample(&page);
        assert!(sample.len() < page.len() / 4);
        assert!(
            sample.starts_with(b"Chi"),
            "the sample starts at the first word with a high byte"
        );
        let decoded = decode(&page, None);
        assert_eq!(decoded.encoding, "tcvn3");
        assert!(decoded.text.contains(&TCVN3_UTF8.repeat(40)));
        // Warnings are about the whole input, not the sample.
        assert_eq!(codes(&decoded), ["unmapped_bytes"]);
        let offset = page.len() - b"\xB0</body></html>".len();
        assert!(decoded.warnings[0]
            .message
            .ends_with(&format!("offset {offset}")));
    }

    #[test]
    fn legacy_fixtures_are_detected() {
        let decoded = decode(TCVN3_SAMPLE, None);
        assert_eq!(decoded.encoding, "tcvn3");
        assert_eq!(decoded.text, TCVN3_UTF8);
        assert!(decoded.warnings.is_empty());
        let decoded = decode(VNI_SAMPLE, None);
        assert_eq!(decoded.encoding, "vni");
        assert_eq!(decoded.text, VNI_UTF8);
        assert!(decoded.warnings.is_empty());
    }

    /// Byte strings from other people's converters and docs, so the tables are checked
    /// against something they were not generated from.
    #[test]
    fn tables_agree_with_known_samples() {
        let tcvn3: [(&[u8], &str); 4] = [
            (b"Vi\xD6t Nam", "Việt Nam"),
            (b"B\xB6o Th\xBEng", "Bảo Thắng"),
            (b"M\xAD\xEAng Kh\xAD\xACng", "Mường Khương"), // 0xAD (ư) is invisible as Latin-1
            (b"B\xB8t X\xB8t", "Bát Xát"),
        ];
        for (bytes, text) in tcvn3 {
            assert_eq!(decode(bytes, Some("tcvn3")).text, text);
            assert_eq!(decode(bytes, None).text, text, "detected");
        }
        let vni: [(&[u8], &str); 3] = [
            (b"Vie\xE4t Nam", "Việt Nam"),
            (b"Xin cha\xF8o ca\xF9c ba\xEFn", "Xin chào các bạn"),
            (b"ng\xF6\xF4\xF8i Vie\xE4t", "người Việt"),
        ];
        for (bytes, text) in vni {
            assert_eq!(decode(bytes, Some("vni")).text, text);
            assert_eq!(decode(bytes, None).text, text, "detected");
        }
    }

    #[test]
    fn real_words_round_trip_through_the_tables() {
        for words in WORDS {
            let vni = to_legacy(Legacy::Vni, words);
            for declared in [Some("vni"), None] {
                let decoded = decode(&vni, declared);
                assert_eq!(
                    (decoded.text.as_str(), decoded.encoding.as_str()),
                    (*words, "vni")
                );
            }
            // TCVN3 keeps case only for Ă Â Ê Ô Ơ Ư Đ; "Ủy" comes back as "ủy".
            let expected: String = words
                .chars()
                .map(|c| match c {
                    'Ủ' => 'ủ',
                    c => c,
                })
                .collect();
            let tcvn3 = to_legacy(Legacy::Tcvn3, words);
            for declared in [Some("tcvn3"), None] {
                let decoded = decode(&tcvn3, declared);
                assert_eq!(decoded.text, expected);
                assert_eq!(decoded.encoding, "tcvn3");
            }
            let cp1258 = to_cp1258(words);
            if std::str::from_utf8(&cp1258).is_err() {
                let decoded = decode(&cp1258, None);
                assert_eq!(
                    (decoded.text.as_str(), decoded.encoding.as_str()),
                    (*words, "windows-1258")
                );
            }
        }
    }

    #[test]
    fn invalid_bytes_in_mostly_utf8_text_are_replaced_and_reported() {
        let mut bytes = PARAGRAPH.as_bytes().to_vec();
        let second = PARAGRAPH.find("năm 2024").unwrap() + 1;
        bytes.insert(second, 0x80); // a stray continuation byte before "ă"
        let first = PARAGRAPH.find("Khối").unwrap() + 2;
        bytes.remove(first + 2); // "ố" is 0xE1 0xBB 0x91: cut it short
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.encoding, "utf-8");
        assert_eq!(decoded.text.matches('\u{FFFD}').count(), 2);
        assert!(decoded.text.contains("Kh\u{FFFD}i thi đua"));
        assert!(decoded.text.contains("n\u{FFFD}ăm 2024"));
        assert!(decoded.text.contains("Hội nghị tổng kết công tác thi đua"));
        assert_eq!(codes(&decoded), ["invalid_bytes"]);
        let message = &decoded.warnings[0].message;
        assert!(message.contains("3 invalid UTF-8 bytes"), "{message}");
        assert!(message.contains("in 2 place(s)"), "{message}");
        assert!(message.contains(&format!("offset {first}")), "{message}");
        // The same goes when the page says it is UTF-8.
        assert_eq!(decode(&bytes, Some("utf-8")), decoded);
    }

    #[test]
    fn tables_parse_cleanly() {
        let tcvn3 = Legacy::Tcvn3.table().expect("tcvn3.tsv parses");
        let vni = Legacy::Vni.table().expect("vni.tsv parses");
        assert_eq!(tcvn3.single.iter().flatten().count(), 75);
        assert!(tcvn3.pairs.is_empty());
        assert_eq!(vni.single.iter().flatten().count() + vni.pairs.len(), 134);
        // Longest match is unambiguous: no modifier byte is also a letter of its own.
        for (key, _) in &vni.pairs {
            let modifier = key.to_be_bytes()[1];
            assert!(
                vni.single[usize::from(modifier - 0x80)].is_none(),
                "{modifier:#X}"
            );
        }
        // Every letter once, precomposed, and every Vietnamese letter covered.
        for table in [tcvn3, vni] {
            let mut seen: Vec<char> = table.single.iter().flatten().copied().collect();
            seen.extend(table.pairs.iter().map(|&(_, c)| c));
            let count = seen.len();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), count, "a letter is mapped twice");
            for &c in &seen {
                assert_eq!(std::iter::once(c).nfc().collect::<String>(), c.to_string());
            }
            // Every Vietnamese letter; TCVN3 has uppercase only for Ă Â Ê Ô Ơ Ư Đ.
            let letters = (0xC0..0x1EFA).filter_map(char::from_u32).filter(|&c| {
                matches!(phonology().class(c), Some(Class::Letter(..)))
                    && (!table.pairs.is_empty() || c.is_lowercase() || "ĂÂÊÔƠƯĐ".contains(c))
            });
            for c in letters {
                assert!(seen.contains(&c), "{c} is missing");
            }
        }
    }

    #[test]
    fn malformed_table_lines_are_errors() {
        let good = "# comment\n\n0xB8\tU+00E1\tá\tnote\n";
        assert!(LegacyTable::parse(good).is_ok());
        for bad in [
            "0xB8\tU+00E1\tá\n",                        // three fields
            "0xB8\tU+00E1\ta\tnote\n",                  // literal disagrees
            "0xB8\tU+00E1\ta\u{301}\tnote\n",           // decomposed literal
            "B8\tU+00E1\tá\tnote\n",                    // byte without 0x
            "0x41\tU+00E1\tá\tnote\n",                  // ASCII remapped
            "0x61 0x62\tU+00E1\tá\tnote\n",             // modifier in ASCII
            "0xB8\tU+0041\tA\tnote\n",                  // maps to ASCII
            "0xB8\tU+00E1\tá\tx\n0xB8\tU+00E0\tà\tx\n", // duplicate
            "# only comments\n",
        ] {
            let error = LegacyTable::parse(bad).expect_err(bad);
            assert!(!error.is_empty());
        }
        assert!(
            LegacyTable::parse("# x\n0xB8\tU+00E1\tá\tx\n0xZZ\tU+00E0\tà\tx\n")
                .unwrap_err()
                .starts_with("line 3")
        );
    }

    #[test]
    fn labels() {
        for label in ["tcvn3", "TCVN-3", "abc", "x-viet-tcvn5712", "vn3"] {
            assert_eq!(Legacy::from_label(label), Some(Legacy::Tcvn3), "{label}");
        }
        for label in ["vni", "x-viet-vni", "VNI-Windows"] {
            assert_eq!(Legacy::from_label(label), Some(Legacy::Vni), "{label}");
        }
        assert_eq!(Legacy::from_label("utf-8"), None);
        assert_eq!(header_charset("text/html; Charset=\"UTF-8\""), "UTF-8");
        assert_eq!(header_charset(" windows-1258 "), "windows-1258");
        assert_eq!(header_charset("text/html"), "");
        let decoded = decode(TCVN3_SAMPLE, Some("text/html"));
        assert_eq!(
            (decoded.encoding.as_str(), decoded.warnings.len()),
            ("tcvn3", 0)
        );
        assert!(
            Charset::from_label("iso-2022-kr").is_none(),
            "replacement is not a charset"
        );
    }

    #[test]
    fn syllables() {
        for word in [
            "việt",
            "người",
            "khuyến",
            "giữa",
            "quốc",
            "nghiêng",
            "gì",
            "ủy",
            "thưởng",
        ] {
            assert!(is_syllable(word), "{word}");
        }
        for word in [
            "viöt",
            "vieät",
            "viưt",
            "mát-xcơ",
            "été",
            "vµ",
            "thuyềnn",
            "mảt",
        ] {
            assert!(!is_syllable(word), "{word}");
        }
    }

    fn vietnamese_text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 ,.\\n<>=\"àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐÁỦỨỆ]{0,400}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_bytes_decode_without_panicking(
            bytes in proptest::collection::vec(any::<u8>(), 0..4096),
            declared in proptest::option::of("(utf-8|windows-1258|tcvn3|vni|latin1|utf-16be|shift_jis|x)"),
        ) {
            let decoded = decode(&bytes, declared.as_deref());
            prop_assert!(!decoded.encoding.is_empty());
            if declared.is_none() && !bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    prop_assert_eq!(&decoded.text, text);
                    prop_assert_eq!(decoded.encoding.as_str(), "utf-8");
                }
            }
        }

        #[test]
        fn utf8_text_is_returned_unchanged(text in vietnamese_text()) {
            let decoded = decode(text.as_bytes(), None);
            prop_assert_eq!(decoded.text, text);
            prop_assert_eq!(decoded.encoding, "utf-8");
        }

        /// `compose_clusters` relies on windows-1258 output composing only within a
        /// letter and its marks; then it is NFC of the whole.
        #[test]
        fn windows_1258_clusters_compose_like_nfc(
            bytes in proptest::collection::vec(any::<u8>(), 0..512),
        ) {
            let raw = WINDOWS_1258.decode_without_bom_handling(&bytes).0;
            prop_assert_eq!(compose_clusters(&raw), raw.nfc().collect::<String>());
        }

        #[test]
        fn declared_legacy_text_round_trips(text in vietnamese_text()) {
            let vni = decode(&to_legacy(Legacy::Vni, &text), Some("vni"));
            prop_assert_eq!(&vni.text, &text);
            let expected: String = text.chars().map(|c| match c {
                'Á' => 'á', 'Ủ' => 'ủ', 'Ứ' => 'ứ', 'Ệ' => 'ệ', c => c,
            }).collect();
            let tcvn3 = decode(&to_legacy(Legacy::Tcvn3, &text), Some("tcvn3"));
            prop_assert_eq!(&tcvn3.text, &expected);
        }
    }
}
