//! One spelling for one text: NFC, the modern tone-mark placement, one kind of dash, quote,
//! space and ellipsis, collapsed runs of spaces, and a map back to the decoded text.
//!
//! Patterns are written once against this form, so "Văn hoá" and "Văn hóa", a windows-1258
//! page (combining marks) and an NFC page, "–" and "-" all match the same rules.

use unicode_normalization::char::{compose, decompose_canonical};
use unicode_normalization::UnicodeNormalization;

/// Normalized text with, for every code point of it, the code point of the input it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` is the input code-point offset of the text's code point `i`; one more entry
    /// at the end gives the input's length, so a span `[s, e)` maps to `[origin[s], origin[e])`.
    pub origin: Vec<usize>,
    /// The quotes and apostrophes written straight, with the curly ones the input printed:
    /// (byte offset in `text`, printed character).
    pub printed_quotes: Vec<(usize, char)>,
}

impl Normalized {
    /// The span of the input that the normalized span `[start, end)` came from.
    pub fn input_span(&self, start: usize, end: usize) -> Option<[usize; 2]> {
        Some([*self.origin.get(start)?, *self.origin.get(end)?])
    }
}

/// The quotes an input printed curly, so that the headline and the names read out of the text
/// are written as printed (“Vì An ninh Tổ quốc”, "huyện Ea H’leo") while the patterns read
/// them straight.
#[derive(Debug, Clone)]
pub struct PrintedQuotes {
    text: String,
    at: Vec<(usize, char)>,
}

impl PrintedQuotes {
    /// The input's curly quotes, if it printed any.
    pub fn of(normalized: &Normalized) -> Option<PrintedQuotes> {
        (!normalized.printed_quotes.is_empty()).then(|| PrintedQuotes {
            text: normalized.text.clone(),
            at: normalized.printed_quotes.clone(),
        })
    }

    /// `s` with its straight quotes printed as in the text where `within` (the mention `s`
    /// was read from, or `s`) stands, in order; `None` when the text printed them straight,
    /// or `within` is not found or holds another number of quotes.
    pub fn restore(&self, s: &str, within: &str) -> Option<String> {
        let is_quote = |c: char| c == '"' || c == '\'';
        if !s.contains(is_quote) {
            return None;
        }
        let start = self.text.find(within)?;
        let printed: Vec<char> = within
            .char_indices()
            .filter(|&(_, c)| is_quote(c))
            .map(|(k, c)| {
                self.at
                    .binary_search_by_key(&(start + k), |&(b, _)| b)
                    .map_or(c, |i| self.at[i].1)
            })
            .collect();
        if printed.len() != s.matches(is_quote).count() || !printed.iter().any(|&c| !is_quote(c)) {
            return None;
        }
        let mut printed = printed.into_iter();
        Some(
            s.chars()
                .map(|c| {
                    if is_quote(c) {
                        printed.next().unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect(),
        )
    }
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Lowercase, without Vietnamese diacritics ("đ" as "d"), spaces collapsed: the text as an
/// address or a page without marks writes it ("Khối Thi Đua" → "khoi thi dua").
pub fn without_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            '\u{0300}'..='\u{036f}' => {}
            'đ' | 'Đ' => out.push('d'),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim().to_string()
}

/// A regular expression without Vietnamese diacritics ("đ" as "d"), to match text without
/// marks; its case is kept, since `\W` is not `\w`.
pub fn pattern_without_marks(pattern: &str) -> String {
    pattern
        .nfd()
        .filter(|c| !matches!(c, '\u{0300}'..='\u{036f}'))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// Normalize `input` (see the module docs). Line breaks are kept; blank-line runs shrink to one.
pub fn normalize(input: &str) -> Normalized {
    // 1. NFC per input code point cluster, keeping track of where each output char came from.
    //    A base letter followed by combining marks is composed as one cluster.
    // 2. Map look-alike characters to one form, dropping invisible ones.
    //    Both in one pass; a letter without marks after it (nearly all) is not composed.
    let mut mapped: Vec<(char, usize)> = Vec::with_capacity(input.len());
    // The input offsets of curly quotes written straight, with the quote printed.
    let mut curly: Vec<(usize, char)> = Vec::new();
    let mut cluster = String::new();
    let mut chars = input.chars().enumerate().peekable();
    let mut input_len = 0;
    while let Some((i, c)) = chars.next() {
        input_len = i + 1;
        if !chars.peek().is_some_and(|&(_, next)| is_combining(next)) {
            map_char(c, i, &mut mapped);
            // A quote the input printed curly, written straight.
            if !c.is_ascii() && matches!(mapped.last(), Some(&('"' | '\'', at)) if at == i) {
                curly.push((i, c));
            }
            continue;
        }
        cluster.clear();
        cluster.push(c);
        while let Some(&(j, next)) = chars.peek() {
            if !is_combining(next) {
                break;
            }
            cluster.push(next);
            input_len = j + 1;
            chars.next();
        }
        // A cluster composes to one letter where Unicode has it; leftover marks are kept and
        // point at the same input position.
        for composed in cluster.nfc() {
            map_char(composed, i, &mut mapped);
        }
    }

    // 3. Modern tone placement, word by word ("hoá" → "hóa", "thuỷ" → "thủy", "Uỷ" → "Ủy").
    let mut i = 0;
    while i < mapped.len() {
        if !is_letter(mapped[i].0) {
            i += 1;
            continue;
        }
        let start = i;
        while i < mapped.len() && is_letter(mapped[i].0) {
            i += 1;
        }
        modern_tone(&mut mapped[start..i]);
    }

    // 4. Collapse spaces, trim lines, keep at most one blank line in a row.
    let mut text = String::with_capacity(input.len());
    let mut origin = Vec::with_capacity(mapped.len() + 1);
    let mut pending_space: Option<usize> = None;
    let mut newlines = 0usize;
    let mut line_empty = true;
    let mut printed_quotes = Vec::new();
    let mut curly = curly.into_iter().peekable();
    for (k, &(c, at)) in mapped.iter().enumerate() {
        match c {
            ' ' => {
                if !line_empty && pending_space.is_none() {
                    pending_space = Some(at);
                }
            }
            '\n' => {
                pending_space = None;
                if !origin.is_empty() && newlines < 2 {
                    text.push('\n');
                    origin.push(at);
                }
                newlines += 1;
                line_empty = true;
            }
            c => {
                if let Some(space_at) = pending_space.take() {
                    text.push(' ');
                    origin.push(space_at);
                }
                // "Đảng ủy viên- phó Chủ tịch", "Văn hóa- Xã hội": a dash glued to the word
                // before it and spaced from the one after stands between spaces; not between
                // two names, as a byline's two writers ("Anh Hiếu- Vũ Linh").
                let names = || {
                    let word = text.rsplit(char::is_whitespace).next().unwrap_or("");
                    let next = mapped[k + 1..].iter().map(|&(n, _)| n).find(|&n| n != ' ');
                    word.starts_with(char::is_uppercase) && next.is_some_and(char::is_uppercase)
                };
                if c == '-'
                    && text.ends_with(is_letter)
                    && mapped.get(k + 1).is_some_and(|&(n, _)| n == ' ')
                    && !names()
                {
                    text.push(' ');
                    origin.push(at);
                }
                while curly.next_if(|&(i, _)| i < at).is_some() {}
                if let Some((_, printed)) = curly.next_if(|&(i, _)| i == at) {
                    printed_quotes.push((text.len(), printed));
                }
                text.push(c);
                origin.push(at);
                newlines = 0;
                line_empty = false;
            }
        }
    }
    while text.ends_with('\n') {
        text.pop();
        origin.pop();
    }
    origin.push(input_len);
    Normalized {
        text,
        origin,
        printed_quotes,
    }
}

/// Normalize and return only the text.
pub fn text(input: &str) -> String {
    normalize(input).text
}

fn is_combining(c: char) -> bool {
    // No combining mark comes before U+0300, nor among the precomposed Vietnamese letters:
    // those skip the table.
    c >= '\u{300}'
        && !('\u{1E00}'..='\u{1EFF}').contains(&c)
        && unicode_normalization::char::is_combining_mark(c)
}

/// `char::is_alphabetic`, without the table for ASCII and the Latin letters Vietnamese is
/// written in.
fn is_letter(c: char) -> bool {
    is_vietnamese_letter(c) || !c.is_ascii() && c.is_alphabetic()
}

/// Whether `c` is a letter of the blocks Vietnamese is written in: ASCII, Latin-1 to Latin
/// Extended-B (but "×", "÷") and Latin Extended Additional. All are of the Latin script.
pub(crate) fn is_vietnamese_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{1E00}'..='\u{1EFF}' => true,
        '\u{C0}'..='\u{24F}' => c != '\u{D7}' && c != '\u{F7}',
        _ => false,
    }
}

/// Push `c` in its one form: look-alike dashes, quotes, spaces and ellipses mapped, invisible
/// characters dropped.
fn map_char(c: char, at: usize, out: &mut Vec<(char, usize)>) {
    match c {
        // "Ðà Nẵng": the Icelandic eth, which looks like "Đ", typed for it.
        '\u{D0}' => out.push(('Đ', at)),
        '\u{F0}' => out.push(('đ', at)),
        // Printable ASCII and Latin letters: most of any text.
        '!'..='~' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => out.push((c, at)),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            out.push(('-', at))
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' | '\u{FF02}' => out.push(('"', at)),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push(('\'', at)),
        '\u{2026}' => out.extend([('.', at), ('.', at), ('.', at)]),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
        '\r' => {}
        '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push(('\n', at)),
        c if c.is_whitespace() || c.is_control() => out.push((' ', at)),
        c => out.push((c, at)),
    }
}

/// Split a letter into its base and tone mark ("ỷ" → 'y', U+0309), if it carries only a tone.
fn base_and_tone(c: char) -> Option<(char, char)> {
    if c.is_ascii() {
        return None;
    }
    let mut parts = ['\0'; 4];
    let mut n = 0;
    decompose_canonical(c, |p| {
        if n < parts.len() {
            parts[n] = p;
        }
        n += 1;
    });
    match (n, parts) {
        (2, [base, tone, ..]) if TONES.contains(&tone) => Some((base, tone)),
        _ => None,
    }
}

/// The old placement puts the tone on the second vowel of a final "oa", "oe" or "uy"
/// ("hoá", "khoẻ", "thuỷ"); the modern one on the first ("hóa", "khỏe", "thủy").
/// "quý" keeps its tone: there "u" belongs to the consonant "qu".
fn modern_tone(word: &mut [(char, usize)]) {
    let n = word.len();
    if n < 2 {
        return;
    }
    let (first, second) = (word[n - 2].0, word[n - 1].0);
    // Only "o" and "u" begin a glide: most words stop here, before any table is read.
    if !matches!(first, 'o' | 'O' | 'u' | 'U') {
        return;
    }
    let Some((base, tone)) = base_and_tone(second) else {
        return;
    };
    let pair = (first.to_ascii_lowercase(), base.to_ascii_lowercase());
    let glide = matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'));
    if !glide {
        return;
    }
    if pair.0 == 'u' && n >= 3 && word[n - 3].0.eq_ignore_ascii_case(&'q') {
        return;
    }
    let Some(toned) = compose(first, tone) else {
        return;
    };
    word[n - 2].0 = toned;
    word[n - 1].0 = base;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn composes_nfd_and_combining_tones() {
        let nfd: String = "Khối thi đua Văn hóa".nfd().collect();
        assert_eq!(text(&nfd), "Khối thi đua Văn hóa");
        // windows-1258 style: precomposed base with a separate tone mark.
        assert_eq!(text("Vi\u{00EA}\u{0323}t Nam"), "Việt Nam");
    }

    #[test]
    fn modern_tone_placement() {
        assert_eq!(text("Văn hoá, Thể thao"), "Văn hóa, Thể thao");
        assert_eq!(
            text("Uỷ ban nhân dân, thuỷ lợi, sức khoẻ"),
            "Ủy ban nhân dân, thủy lợi, sức khỏe"
        );
        assert_eq!(text("UỶ BAN"), "ỦY BAN");
        // Already modern, or a final consonant / "qu": unchanged.
        assert_eq!(
            text("hóa quý hoạch khoảng xoáy"),
            "hóa quý hoạch khoảng xoáy"
        );
    }

    #[test]
    fn the_eth_that_looks_like_d_with_stroke_is_it() {
        assert_eq!(text("TP Ðà Nẵng, ðồng"), "TP Đà Nẵng, đồng");
    }

    #[test]
    fn dashes_quotes_spaces_ellipsis() {
        assert_eq!(
            text("Văn hóa –\u{00A0}Xã hội\t “Cả nước”…  xong"),
            "Văn hóa - Xã hội \"Cả nước\"... xong"
        );
    }

    #[test]
    fn a_dash_glued_to_the_word_before_is_spaced() {
        let n = normalize("Ủy viên– phó Chủ tịch");
        assert_eq!(n.text, "Ủy viên - phó Chủ tịch");
        // The space put in points at the dash.
        assert_eq!(n.origin[7], n.origin[8]);
        // Not within a word, nor before a digit or at a line's end.
        for kept in [
            "LĐ-TB&XH",
            "Sở VH-TT",
            "2023- 2024",
            "Văn hóa -",
            "A -B",
            "Anh Hiếu- Vũ Linh",
        ] {
            assert_eq!(text(kept), kept);
        }
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                is_combining(c),
                unicode_normalization::char::is_combining_mark(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn lines_are_trimmed_and_blank_runs_collapse() {
        assert_eq!(text("  a  \r\n\r\n\r\n\n b \n"), "a\n\nb");
    }

    #[test]
    fn origin_maps_back_to_the_input() {
        let input = "Văn hoá\u{00A0}\u{00A0}– Xã";
        let n = normalize(input);
        assert_eq!(n.text, "Văn hóa - Xã");
        let chars: Vec<char> = input.chars().collect();
        // "-" came from the en dash.
        let dash = n.text.chars().position(|c| c == '-').unwrap();
        assert_eq!(chars[n.origin[dash]], '–');
        assert_eq!(
            n.input_span(0, n.text.chars().count()),
            Some([0, chars.len()])
        );
    }

    #[test]
    fn curly_quotes_are_read_straight_and_printed_as_they_were() {
        let n = normalize("Phong trào  “Vì an ninh Tổ quốc”, huyện Ea H’leo, nhà \"Đại đoàn kết\"");
        assert_eq!(
            n.text,
            "Phong trào \"Vì an ninh Tổ quốc\", huyện Ea H'leo, nhà \"Đại đoàn kết\""
        );
        let quotes = PrintedQuotes::of(&n).unwrap();
        let title = "Phong trào \"Vì an ninh Tổ quốc\"";
        assert_eq!(
            quotes.restore(title, title).as_deref(),
            Some("Phong trào “Vì an ninh Tổ quốc”")
        );
        // A name built from its mention takes the mention's quotes.
        assert_eq!(
            quotes
                .restore("Huyện Ea H'leo", "huyện Ea H'leo")
                .as_deref(),
            Some("Huyện Ea H’leo")
        );
        // Printed straight, or not found: nothing to restore.
        assert_eq!(quotes.restore("\"Đại đoàn kết\"", "\"Đại đoàn kết\""), None);
        assert_eq!(quotes.restore("Cư M'gar", "Cư M'gar"), None);
        assert!(PrintedQuotes::of(&normalize("nhà \"Đại đoàn kết\"")).is_none());
    }

    proptest! {
        #[test]
        fn never_panics_and_origin_is_monotone(s in "\\PC{0,200}") {
            let n = normalize(&s);
            prop_assert_eq!(n.origin.len(), n.text.chars().count() + 1);
            prop_assert!(n.origin.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(*n.origin.last().unwrap() == s.chars().count());
        }

        #[test]
        fn idempotent(s in "[a-zA-Zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ \n–“”…]{0,80}") {
            let once = text(&s);
            prop_assert_eq!(text(&once), once);
        }
    }
}
