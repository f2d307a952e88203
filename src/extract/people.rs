//! People at the conference, with the titles printed beside their names and what they did.
//!
//! A name is a family name (`patterns/surnames.tsv`) and one to three capitalized words.
//! Titles stand after it ("Đồng chí Phạm Duy Hưng, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ
//! tịch UBND tỉnh") or before it ("Phó Giám đốc Sở Y tế Đào Khắc Hùng"); a title list is
//! split where a new title word begins, not at every comma ("Giám đốc Sở Văn hóa, Thể thao
//! và Du lịch"). Roles come from the verbs around the mention ("chủ trì", "dự", "phát
//! biểu", "trình bày báo cáo"), and a later mention ("đồng chí Phó Chủ tịch UBND tỉnh",
//! "đồng chí Hưng") adds roles to the same person.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use regex::{Regex, RegexSet};

use super::{around_cue, compile, cue, Abbreviations, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::{Person, Role};

#[derive(Clone)]
pub struct People {
    /// A middle name written small after a family name ("Nguyễn văn Vẽ"), anchored after
    /// the family name's spaces: see `name_at`.
    middle_small: Regex,
    /// A capital and a small letter of the Latin script, for the letters outside the
    /// Vietnamese ones that `latin_case` knows without them.
    latin_upper: Regex,
    latin_lower: Regex,
    /// A name whose family name is joined to the next word by an apostrophe ("H'Loan Niê").
    joined_name: Option<Regex>,
    /// A name of four words after a family name marked "long" in surnames.tsv.
    long_name: Option<Regex>,
    /// A title word at the start of a text, a whole word.
    title_head: Regex,
    /// A title word at the start of a text, without the word boundary after it: see
    /// `starts_title`.
    title_start: Regex,
    /// A title word anywhere, to find where `title_head` may match.
    title_head_anywhere: Regex,
    honorific: Regex,
    roles: Vec<RoleRule>,
    /// Every role's rule without its Unicode `\b` (`\bnhận\b`), in one set: a `\b` sends
    /// the regex crate off its DFA, and the set, on the DFA and in one search, tells which
    /// rules may match a text (a rule matches only where it does without `\b`).
    role_cues: RegexSet,
    abbreviations: Arc<Abbreviations>,
    /// Words before a capitalized run that make it a place, not a person ("huyện Lâm Hà").
    place_before: Regex,
    /// A body whose name starts as a person's would ("Đoàn Thanh niên").
    not_person: Regex,
    /// The bloc's offices written small, after a space: " cụm trưởng", " phó khối".
    small_office: Regex,
    /// A list of places after a plural place word: "các huyện Châu Thành, Lý Nhân, " (the
    /// next capitalized run is one more place).
    place_list: Regex,
    /// The first word of every province's name ("Đồng" of "Đồng Nai"): only a name that
    /// begins with one may begin with a province.
    province_first_words: std::collections::HashSet<String>,
    /// What stands before a place that a name may follow: "huyện", "Huyện ủy".
    place_before_name: Regex,
    /// A middle name ("Văn", "Thị").
    middle: Regex,
    /// Each family name's place in surnames.tsv, commonest first.
    surname_rank: std::collections::HashMap<String, usize>,
    /// The letters family names begin with, sorted, and the longest one's length in bytes:
    /// `name_at` looks a word up only when both allow it.
    surname_initials: Vec<char>,
    longest_surname: usize,
    /// Before a title that is another's: "Thừa ủy quyền của Bộ trưởng Bộ Công an, Thiếu
    /// tướng X" (only "Thiếu tướng" is X's).
    on_behalf: Regex,
    /// Ranks, degrees and honours right before a name: "Thượng tướng ", "PGS.TS ",
    /// "NGƯT.TS. ", "ThS.GVC.".
    rank: Regex,
    /// One of them, to read a run of them one by one.
    rank_piece: Regex,
    /// "đồng chí ", "ông ": a later mention of a person met before may follow. That it
    /// begins a word (not "ông" inside "Đông") is checked in `later_mentions`: a Unicode
    /// `\b` would send the regex crate off its DFA.
    addressed: Regex,
    /// Titles that end at "và ông", "và bà": the next person is the same subject.
    joined: Regex,
    /// "và lãnh đạo Sở ... các tỉnh": others who share the person's verb, named by office.
    joined_group: Regex,
    /// "(thứ 2 từ trái sang)": where the person stands in the photo, after the name.
    photo_position: Regex,
    /// "- đơn vị Khối trưởng Khối thi đua", ", đại diện trưởng khối thi đua ngân hàng I"
    /// after a person's titles: the unit's office, after which the person's verb may come.
    office_note: Regex,
    /// "(Cụm trưởng Cụm thi đua ...)" after a person's titles: one more title.
    office_in_brackets: Regex,
    /// A word before a title word that makes it a common word ("tăng trưởng").
    not_title_after: Regex,
    /// Where a list of titles may end: a full stop, ";", a line's end, "(", or a word that
    /// begins the next clause ("và ông", "phát biểu"), here without the word boundary after it.
    titles_end: Regex,
    /// The words that end a list of titles, with their word boundaries, at the start of a text.
    titles_end_words: Regex,
    /// "với sự", "có sự": the lead-in of a sentence's people begins after the last one.
    role_clause: Regex,
    /// Between an award-giving verb and a name, the word that makes the person its
    /// recipient (cue `awarded_to`).
    awarded_to: Regex,
    /// Before a person who awards: the award is only proposed (cue `proposes`).
    proposes: Regex,
    /// Right after a person: the verbs after it are done to the person (cue `passive`).
    passive: Regex,
    /// A title's words that hold an end word ("cơ quan đại diện"), at the end of a text.
    titles_not_end: Regex,
    /// What begins a title of its own after a comma, though no title word does ("Khối
    /// trưởng", "Thường trực Hội đồng ...").
    title_after_comma: Regex,
    provinces: Regex,
    /// A character the regex crate counts as part of a word (`\w`).
    word: Regex,
}

/// The words that end a list of titles: "và ông", "cùng Thường trực Hội đồng thi đua"
/// (`{joined}`: the `titles_end_joined` cue), "và Trung tá" (`{rank}`: the `rank` cue), "và
/// 07 trường" (a count of units), ", lãnh đạo", "- đơn vị", ", Bà Nguyễn" (the next person;
/// not ", Bà Rịa"), ", đơn vị Trưởng khối" (the office of the unit, not the person's), or one
/// of the `titles_end` cues ("phát biểu", "trao"). A list also ends at a full stop, ";", "("
/// or a line's end.
const TITLES_END_WORDS: &str = r"\s(?:và|cùng)\s+(?:(?:các\s+)?(?:{joined})\b|{rank}\s|[0-9])|,\s*(?:lãnh đạo|đại diện|cán bộ|công chức|các|cùng|đồng chí|đ/c|đơn vị|(?-i:ông|bà))\b|\s-\s*đơn vị\b|,[\s,]*(?-i:Ông\s+[\p{Lu}&&\p{Latin}]|Bà\s+(?:[\p{Lu}&&\p{Latin}&&[^R]]|R[^ị]))|\s(?:{})(?:\b|\s|$)";

/// A name with its middle name in capitals, as it is written everywhere else ("Nguyễn văn
/// Vẽ" → "Nguyễn Văn Vẽ"): the `name` rule lets only such a middle name (the cue
/// `name_middle_small`) begin in a small letter.
fn capital_middle(name: &str) -> Cow<'_, str> {
    match name.split_once(' ') {
        Some((first, rest)) if rest.starts_with(char::is_lowercase) => {
            Cow::Owned(format!("{first} {}", super::capitalize(rest)))
        }
        _ => Cow::Borrowed(name),
    }
}

impl People {
    pub(crate) fn new(
        patterns: &Patterns,
        abbreviations: Arc<Abbreviations>,
    ) -> Result<People, PatternError> {
        // A family name ending in an apostrophe is joined to the next word ("H'Loan Niê").
        let (joined, surnames): (Vec<&str>, Vec<&str>) = patterns
            .lines("surnames.tsv")
            .iter()
            .map(|l| l.field(0))
            .partition(|s| s.ends_with(['\'', '’']));
        let mut surname_initials: Vec<char> =
            surnames.iter().filter_map(|s| s.chars().next()).collect();
        surname_initials.sort_unstable();
        surname_initials.dedup();
        let longest_surname = surnames.iter().map(|s| s.len()).max().unwrap_or(0);
        let mut surname_rank = std::collections::HashMap::new();
        for (i, name) in surnames.iter().enumerate() {
            surname_rank.entry(name.to_string()).or_insert(i);
        }
        // A family name marked "long" may be followed by four words ("Y Giang Gry Niê
        // Knơng"), the names of the Central Highlands.
        let long: Vec<&str> = patterns
            .lines("surnames.tsv")
            .iter()
            .filter(|l| l.field(1) == "long")
            .map(|l| l.field(0))
            .collect();
        let escaped = |names: Vec<&str>, trim: bool| {
            names
                .iter()
                .map(|n| {
                    regex::escape(if trim {
                        n.trim_end_matches(['\'', '’'])
                    } else {
                        n
                    })
                })
                .collect::<Vec<_>>()
                .join("|")
        };
        // Two rules: one alternation of both would lose the regex crate's fast search for
        // the family names (a fifth of `extract`), and the joined form is rare.
        let word = r"[\p{Lu}&&\p{Latin}](?:['’][\p{Lu}&&\p{Latin}])?[\p{Ll}&&\p{Latin}]*";
        // A rule of surnames.tsv's that only some family names take (none: no rule).
        let rule_of = |names: Vec<&str>, trim: bool, form: &dyn Fn(String) -> String| {
            (!names.is_empty())
                .then(|| crate::patterns::regex(&form(escaped(names, trim))))
                .transpose()
                .map_err(|e| PatternError {
                    file: "surnames.tsv".into(),
                    line: 0,
                    message: e.to_string(),
                })
        };
        let joined_name = rule_of(joined, true, &|names| {
            format!("(?:{names})['’]{word}(?:[ ]+{word}){{1,3}}")
        })?;
        let plain_word = r"[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*";
        let long_name = rule_of(long, false, &|names| {
            format!("^(?:{names})(?:[ ]+{plain_word}){{4}}")
        })?;
        // "Nguyễn văn Vẽ": a middle name "Văn" or "Thị" is at times written in small letters.
        let middle_small = crate::patterns::regex(&format!(
            "^[ ]+(?:{})",
            super::cue_source(patterns, "name_middle_small")?
        ))
        .map_err(|e| PatternError {
            file: "cues.tsv".into(),
            line: 0,
            message: e.to_string(),
        })?;
        let mut heads = Vec::new();
        for line in patterns.lines("titles.tsv") {
            compile(line, 0)?;
            heads.push(format!("(?:{})", line.field(0)));
        }
        let heads = heads.join("|");
        let title_error = |e: regex::Error| PatternError {
            file: "titles.tsv".into(),
            line: 0,
            message: e.to_string(),
        };
        let title_head =
            crate::patterns::regex(&format!(r"(?i)^(?:{heads})\b")).map_err(title_error)?;
        let title_start =
            crate::patterns::regex(&format!(r"(?i)^(?:{heads})")).map_err(title_error)?;
        let title_head_anywhere =
            crate::patterns::regex(&format!(r"(?i)(?:{heads})")).map_err(title_error)?;
        let titles_end_words = TITLES_END_WORDS
            .replace("{rank}", &super::cue_source(patterns, "rank")?)
            .replace(
                "{joined}",
                &super::cue_source(patterns, "titles_end_joined")?,
            );
        // The bloc's offices ("Cụm trưởng", "Phó khối"), the deputy's first: "phó trưởng
        // khối" holds "trưởng khối".
        let offices = format!(
            "{}|{}",
            super::cue_source(patterns, "deputy")?,
            super::cue_source(patterns, "head")?
        );
        let mut roles = Vec::new();
        for line in patterns.lines("roles.tsv") {
            // "none": words that hold a role's cue and are no role ("nhận nhiệm vụ").
            let role: Option<Role> = match line.field(0) {
                "none" => None,
                name => Some(
                    serde_json::from_value(serde_json::Value::String(name.into()))
                        .map_err(|_| line.error(format!("unknown role {name:?}")))?,
                ),
            };
            let rule = compile(line, 1)?;
            roles.push(RoleRule { role, rule });
        }
        let role_cues = crate::patterns::regex_set(
            roles
                .iter()
                .map(|r| crate::patterns::without_word_boundaries(r.rule.as_str())),
        )
        .map_err(|e| PatternError {
            file: "roles.tsv".into(),
            line: 0,
            message: e.to_string(),
        })?;
        let province_names: Vec<String> = patterns
            .lines("provinces.tsv")
            .iter()
            .map(|l| crate::normalize::text(l.field(0)))
            .collect();
        let province_first_words = province_names
            .iter()
            .filter_map(|p| p.split(' ').next().map(str::to_string))
            .collect();
        let provinces: Vec<String> = province_names.iter().map(|p| regex::escape(p)).collect();
        Ok(People {
            middle_small,
            latin_upper: crate::patterns::regex(r"^[\p{Lu}&&\p{Latin}]$").expect("compiles"),
            latin_lower: crate::patterns::regex(r"^[\p{Ll}&&\p{Latin}]$").expect("compiles"),
            joined_name,
            long_name,
            title_head,
            title_start,
            title_head_anywhere,
            honorific: crate::patterns::regex(&format!(
                r"(?i)(?:{})\s*:?\s*(?:các đồng chí\s*:?\s*)?$",
                cue(patterns, "honorific")?.as_str()
            ))
            .map_err(|e| PatternError {
                file: "cues.tsv".into(),
                line: 0,
                message: e.to_string(),
            })?,
            roles,
            role_cues,
            abbreviations,
            place_before: around_cue(patterns, "not_person_before", r"(?i)(?:{})\s*:?\s*$")?,
            not_person: around_cue(patterns, "not_person", r"^(?:{})")?,
            small_office: crate::patterns::regex(&format!(" (?:{offices})"))
                .expect("the bloc offices compile"),
            place_list: around_cue(
                patterns,
                "not_person_before",
                r"(?i:các\s+(?:{}))\s*:?\s*(?:[\p{Latin}&&\p{Lu}]\p{Latin}*(?:\s+[\p{Latin}&&\p{Lu}]\p{Latin}*)*\s*,\s*)+$",
            )?,
            on_behalf: around_cue(patterns, "on_behalf", r"(?i)(?:{})\s*$")?,
            // "PGS TS, Đại tá X": ranks and degrees stand apart or with commas.
            rank: around_cue(patterns, "rank", r"(?:\b(?:{})[\s,]*)+$")?,
            rank_piece: around_cue(patterns, "rank", r"\b(?:{})")?,
            addressed: crate::patterns::regex(r"(?i:đồng chí|đ/c|ông|bà)\s+").expect("compiles"),
            // "Thiếu tá A, Hải đội trưởng ... và Đại tá B, ... đồng chủ trì": a rank stands
            // for the honorific.
            joined: around_cue(
                patterns,
                "rank",
                r"(?i)^(?:\s*[-–,]\s*đơn vị\s[^;.\n]*|\s*\([^()\n]*\))?\s*(?:(?:và|cùng)\s+(?:(?:ông|bà|đồng chí|đ/c)\b|(?:{})\s)|(?P<semicolon>;)(?:\s*và)?\s+(?:(?:ông|bà|đồng chí|đ/c)\b|(?-i:[\p{Lu}&&\p{Latin}]))|(?P<comma>,)\s*(?:ông|bà|đồng chí|đ/c)\b)",
            )?,
            not_title_after: around_cue(patterns, "not_title_after", r"(?i)(?:^|\s)(?:{})\s+$")?,
            office_in_brackets: crate::patterns::regex(&format!(
                r"(?i)^\s*\(((?:{offices})\s+(?:khối|cụm)\b[^()]*)\)"
            ))
            .expect("the bloc offices compile in brackets"),
            photo_position: super::cue(patterns, "photo_position")?,
            office_note: crate::patterns::regex(&format!(
                r"(?i)^\s*(?:[-–,]\s*)?(?:là\s+)?(?:đơn vị|đại diện)\s+(?:{offices})(?:\s+(?:khối|cụm)\s+thi\s+đua)?"
            ))
            .expect("the bloc offices compile after a dash"),
            joined_group: crate::patterns::regex(
                r"(?i)^\s*[,;]?\s*(?:và|cùng)\s+(?:với\s+)?(?:các\s+)?(?:lãnh đạo|đại diện|thủ trưởng)\s",
            )
            .expect("compiles"),
            // A Unicode `\b` sends the regex crate off its DFA at the first accented letter:
            // `titles_end` finds where the list may end without them, `titles_end_words`
            // checks them there.
            titles_end: around_cue(
                patterns,
                "titles_end",
                &format!(
                    r"(?i)[;\n(]|\.(?:\s|$|\w)|{}",
                    titles_end_words.replace(r"\b", "")
                ),
            )?,
            titles_end_words: around_cue(
                patterns,
                "titles_end",
                &format!("(?i)^(?:{titles_end_words})"),
            )?,
            role_clause: around_cue(patterns, "role_clause", "(?i){}")?,
            awarded_to: cue(patterns, "awarded_to")?,
            proposes: cue(patterns, "proposes")?,
            passive: cue(patterns, "passive")?,
            titles_not_end: around_cue(patterns, "titles_not_end", r"(?i)(?:{})\s?$")?,
            title_after_comma: around_cue(patterns, "title_after_comma", r"^(?:{})")?,
            provinces: crate::patterns::regex(&format!(r"^(?:(?:{})$|Hồ Chí Minh\b)", provinces.join("|")))
                .expect("compiles"),
            province_first_words,
            place_before_name: around_cue(patterns, "place_before_name", r"(?i)(?:^|\s)(?:{})\s+$")?,
            middle: around_cue(patterns, "name_middle_small", r"^(?i:{})$")?,
            surname_initials,
            longest_surname,
            surname_rank,
            word: crate::patterns::regex(r"\w").expect("compiles"),
        })
    }

    pub fn find(&self, doc: &Doc, sentences: &[std::ops::Range<usize>]) -> Vec<Person> {
        let mut people: Vec<Person> = Vec::new();
        // Each mention: the person's index, the roles said after it, and whether the next
        // person shares them ("Ông A - Chủ tịch X và ông B - Chủ tịch Y đồng chủ trì").
        let mut mentions: Vec<(usize, Vec<Role>, Link)> = Vec::new();
        let names: Vec<Range<usize>> = self
            .names(doc.text)
            .into_iter()
            // "UBND tỉnh Hải Dương Nguyễn Minh Hùng": a family name that ends a province's
            // name ("Dương") is the province's, when a name of two words or more follows.
            .map(|m| {
                let name = &doc.text[m.clone()];
                let Some((first, rest)) = name.split_once(' ') else {
                    return m;
                };
                let before = tail(&doc.text[..m.start], 40).trim_end();
                let word = before.rsplit(' ').next().unwrap_or("");
                let province = !word.is_empty()
                    && rest.split_whitespace().count() >= 2
                    && self.provinces.is_match(&format!("{word} {first}"));
                if province {
                    m.start + first.len() + 1..m.end
                } else {
                    m
                }
            })
            .filter(|m| !self.provinces.is_match(&doc.text[m.clone()]))
            // "Ủy viên Đoàn Chủ tịch Tổng Liên đoàn": a last word that begins a title with
            // the words after it ("Chủ tịch") is no name's.
            .filter(|m| {
                let last = doc.text[m.clone()].rsplit(' ').next().unwrap_or("");
                let at = m.end - last.len();
                self.title_start
                    .find(&doc.text[at..])
                    .is_none_or(|t| t.end() <= last.len())
            })
            // "báo Thanh Niên" is a newspaper, "nhà báo Trần Trọng Dũng" a journalist.
            .filter(|m| {
                let before = tail(&doc.text[..m.start], 80);
                !self.place_before.is_match(before) || self.is_honored(before)
            })
            .filter(|m| {
                let before = tail(&doc.text[..m.start], 200);
                !((before.contains("các ") || before.contains("Các "))
                    && self.place_list.is_match(before))
            })
            // "... và ông Lù Seo": a name the cut-off text ends in may be cut too.
            .filter(|m| !doc.text[m.end..].trim().is_empty())
            // "huyện Si Ma Cai" is no "Ma Cai": one word of the place may stand between its
            // word and a name of two words ("huyện Bác Ái Nguyễn Văn Tâm" is a person).
            .filter(|m| {
                let before = tail(&doc.text[..m.start], 80).trim_end();
                let word = before.rsplit(' ').next().unwrap_or("");
                doc.text[m.clone()].split_whitespace().count() > 2
                    || !word.starts_with(char::is_uppercase)
                    || !self
                        .place_before
                        .is_match(&before[..before.len() - word.len()])
            })
            .collect();
        let mut previous_titles_end = 0;
        for (k, m) in names.iter().enumerate() {
            let name = &*capital_middle(&doc.text[m.clone()]);
            // What stands just before the name: an honorific, a rank, a place word.
            let before = tail(&doc.text[..m.start], 80);
            let sentence = sentences
                .iter()
                .find(|s| s.start <= m.start && m.start < s.end)
                .cloned()
                .unwrap_or(0..doc.text.len());
            // The period sentence, across the ";" of a list of people.
            let period_start = period_start(doc.text, m.start);
            let period_end = super::end_after(doc.text, m.end, &['\n']).max(sentence.end);
            let (mut titles, mut titles_end) = self.titles_after(doc.text, m.end);
            // A text cut off among the titles of a person named before ("..., phụ trách Cụm
            // thi đua số 2 biểu d"): the last one is not whole.
            let whole = doc.text.trim_end();
            if titles_end >= whole.len()
                && whole.ends_with(super::is_alphanumeric)
                && doc.text[..m.start].contains(&doc.text[m.start..m.end])
            {
                titles.pop();
            }
            // "A – Chủ tịch Hội X tỉnh Gia Lai, Phó Chủ tịch Hội X tỉnh Kon Tum B, ...": the
            // titles run to the next person's, which stand before that person's name.
            let listed = names.get(k + 1).filter(|n| n.start < titles_end);
            if let Some(next) = listed {
                (titles, titles_end) = self.titles_before_next(doc.text, m.end, next.start);
            }
            let honored = self.is_honored(before);
            // The titles before the name begin after the last person's.
            let others_end = k
                .checked_sub(1)
                .map_or(0, |j| previous_titles_end.max(names[j].end));
            let clause_start = sentence.start.max(period_start).max(others_end);
            let clause = &doc.text[clause_start.min(m.start)..m.start];
            if titles.is_empty() {
                titles = self.titles_before(clause);
            } else if !honored && clause.trim_end().ends_with(super::is_alphanumeric) {
                // "Tổng Kiểm toán nhà nước Ngô Văn Tuấn - Khối trưởng Khối thi đua": a title
                // right before the name, with titles after it too.
                let mut before_titles = self.titles_before(clause);
                before_titles.retain(|t| !titles.contains(t));
                titles.splice(0..0, before_titles);
            }
            // Ranks and degrees just before the name are the first titles ("Thiếu tướng X",
            // "ThS.GVC.Lê Thị Thu Hiền": "Thạc sĩ", "Giảng viên chính"), after the titles of
            // the person before ("A, ..., Giảng viên cao cấp, PGS TS B": B's are "PGS TS"),
            // though a sentence may seem to end within them ("NGƯT.TS. Phạm Ngọc Hải").
            let own = &before[others_end
                .saturating_sub(m.start - before.len())
                .min(before.len())..];
            if let Some(run) = self.rank.find(own) {
                let mut ranks: Vec<String> = Vec::new();
                for rank in self.rank_piece.find_iter(run.as_str()) {
                    let rank = rank.as_str().trim().trim_end_matches([':', '.']).trim();
                    ranks.extend(self.expand_rank(rank));
                }
                ranks.retain(|r| !titles.contains(r));
                titles.splice(0..0, ranks);
            }
            previous_titles_end = titles_end;
            if titles.is_empty() && !honored {
                continue;
            }
            // The sentence's first person: its lead-in speaks of everyone in the sentence.
            let first = names[..k]
                .iter()
                .rev()
                .take_while(|p| p.start >= period_start)
                .last()
                .map_or(m.start, |p| p.start);
            let mut lead = &doc.text[period_start..first];
            if let Some(c) = self.role_clause.find_iter(lead).last() {
                lead = &lead[c.start()..];
            }
            // A guest's line under "Hội nghị vinh dự được đón tiếp:" says nothing itself;
            // the line above says they attended. (What else a colon line does, "biểu dương
            // các cá nhân sau:", it does to those listed, who do nothing.)
            if self.cues(lead).is_empty()
                && self.cues(&doc.text[period_start..period_end]).is_empty()
            {
                let attended = |l: &&str| {
                    let roles = self.roles_in(l);
                    !roles.is_empty() && roles.iter().all(|r| *r == Role::Attended)
                };
                lead = list_lead(doc.text, &names, k)
                    .filter(attended)
                    .unwrap_or(lead);
            }
            let mut roles = self.roles_before(lead, &doc.text[period_start..m.start]);
            let after_roles = self.roles_after(doc.text, titles_end.max(m.end), period_end);
            roles.extend(after_roles.iter().copied());
            // "Hội nghị đề nghị Chủ tịch UBND tỉnh X tặng Bằng khen": X is asked to award.
            if self.proposes.is_match(lead) {
                roles.retain(|r| *r != Role::Awarded);
            }
            roles.sort();
            roles.dedup();
            // One of a list of people that a verb after the last one speaks of: "ông A và
            // bà B chủ trì", "ông A - Chủ tịch X - đơn vị Cụm trưởng; bà B - ... chủ trì",
            // "Các đồng chí: A, ...; B, ...; C, ... chủ trì" (after a semicolon, only when
            // nothing is said of A: in "Dự có ông A, ...; ông B, Cụm trưởng chủ trì", A
            // attended and B chaired).
            // "Đồng chí A, ..., đồng chí B, ... và đồng chí C, ... đồng chủ trì": after a
            // comma, only in a list that a "và" closes, and when nothing is said of A.
            let after = &doc.text[titles_end.max(m.end)..period_end];
            let link = self.joined.captures(after);
            let comma = link.as_ref().is_some_and(|c| c.name("comma").is_some());
            let joined = listed.is_some()
                || link.is_some_and(|c| {
                    (c.name("semicolon").is_none() && c.name("comma").is_none())
                        || roles.is_empty()
                })
                // "Phó Chủ tịch UBND thành phố Huế A và Phó Chủ tịch UBND tỉnh Hà Tĩnh B chủ
                // trì": the next person's titles stand before the name; not where a verb
                // before the first makes them its objects ("B trao cờ cho ... A và ... C").
                || after
                    .strip_prefix(" và ")
                    .is_some_and(|rest| self.starts_title(rest))
                    && self.cues(&doc.text[period_start..m.start]).is_empty();
            let joined = match (joined, comma && listed.is_none()) {
                (false, _) => Link::None,
                (true, true) => Link::Comma,
                (true, false) => Link::And,
            };
            // "TS Cầm Thị Lai": the rank is read twice, as a rank and as a title word, and
            // is kept once.
            let mut expanded: Vec<String> = Vec::new();
            add_titles(
                &mut expanded,
                titles
                    .iter()
                    .flat_map(|t| match self.rank.find(t) {
                        Some(r) if r.start() == 0 => self.expand_rank(t),
                        _ => vec![self.expand(t)],
                    })
                    .collect(),
            );
            let titles = expanded;
            // "Đồng chí Hà Phương" after "Nguyễn Thị Hà Phương": a given name of two words
            // (whose first may be a family name too) names the person already met.
            let same = |p: &Person| {
                p.name == name
                    || (titles.is_empty()
                        && name.contains(' ')
                        && p.name.strip_suffix(name).is_some_and(|r| r.ends_with(' ')))
            };
            if let Some(index) = people.iter().position(same) {
                let p = &mut people[index];
                add_titles(&mut p.titles, titles);
                for r in roles {
                    if !p.roles.contains(&r) {
                        p.roles.push(r);
                    }
                }
                p.roles.sort();
                mentions.push((index, after_roles, joined));
                continue;
            }
            mentions.push((people.len(), after_roles, joined));
            let (mention, span) = doc.mention(m.start, m.end);
            people.push(Person {
                name: name.to_string(),
                titles,
                roles,
                mention,
                span,
            });
        }
        // "A và B đồng chủ trì": A does what B is said to do; in "A, B, C đồng chủ trì",
        // B does what C does, and A what B then does. A comma joins only a list that goes
        // on to a "và".
        let mut closed = false;
        for i in (1..mentions.len()).rev() {
            closed = match mentions[i - 1].2 {
                Link::None => false,
                Link::And => true,
                Link::Comma => closed && mentions[i].2 != Link::None,
            };
            if !closed {
                continue;
            }
            let after = mentions[i].1.clone();
            let a = mentions[i - 1].0;
            for r in &after {
                if !people[a].roles.contains(r) {
                    people[a].roles.push(*r);
                }
                if !mentions[i - 1].1.contains(r) {
                    mentions[i - 1].1.push(*r);
                }
            }
            people[a].roles.sort();
        }
        self.later_mentions(doc, &mut people);
        people
    }

    /// Whether `before` ends in an honorific that begins a word ("Công " is no "ông").
    fn is_honored(&self, before: &str) -> bool {
        self.honorific
            .find(before)
            .is_some_and(|h| super::starts_word(before, h.start()))
    }

    /// The names in `text`: those `find_name` and the joined and long family names find,
    /// with the word boundaries around them checked here.
    fn names(&self, text: &str) -> Vec<Range<usize>> {
        let mut names = Vec::new();
        let mut at = 0;
        let joined = self
            .joined_name
            .as_ref()
            .filter(|_| text.contains('\'') || text.contains('’'));
        let find = |at: usize| {
            let common = self.find_name(text, at);
            let joined = joined.and_then(|j| j.find_at(text, at)).map(|m| m.range());
            let first = match (common, joined) {
                (Some(c), Some(j)) if j.start < c.start => Some(j),
                (None, j) => j,
                (c, _) => c,
            }?;
            // The longer name where a family name marked "long" begins one of four words.
            let long = self
                .long_name
                .as_ref()
                .and_then(|l| l.find(&text[first.start..]))
                .map(|l| (first.start, first.start + l.end()));
            Some(long.unwrap_or((first.start, first.end)))
        };
        while let Some((m_start, m_end)) = find(at) {
            let starts_word = !text[..m_start]
                .chars()
                .next_back()
                .is_some_and(|c| self.is_word(c));
            // A last word running on in capitals or digits ("Lê Văn ABC") is left out, and
            // the name ends a word earlier if a word still follows the family name.
            let end = if text[m_end..]
                .chars()
                .next()
                .is_some_and(|c| self.is_word(c))
            {
                let shorter = text[m_start..m_end]
                    .trim_end_matches(|c| c != ' ')
                    .trim_end();
                shorter.contains(' ').then(|| m_start + shorter.len())
            } else {
                Some(m_end)
            };
            // "Nguyễn Văn Du Phó Chánh án": a title written without a comma ends the name.
            let end = end.map(|end| {
                let name = &text[m_start..end];
                name.match_indices(' ')
                    .skip(1)
                    .map(|(i, _)| i)
                    .find(|&i| self.starts_title(&text[m_start + i + 1..]))
                    .map_or(end, |i| m_start + i)
            });
            // A place before the name, its words family names too.
            if let Some(p) = end
                .filter(|_| starts_word)
                .and_then(|end| self.name_after_place(text, m_start, end))
            {
                at = p;
                continue;
            }
            // "UBND tỉnh Đồng Nai Đoàn Thị Thu Thủy": a province's name ("Đồng Nai", whose
            // first word is a family name too) is no part of the name after it.
            let province = end.filter(|_| starts_word).and_then(|end| {
                let run = &text[m_start..end];
                let first = run.split(' ').next().unwrap_or(run);
                if !self.province_first_words.contains(first) {
                    return None;
                }
                run.match_indices(' ')
                    .map(|(i, _)| i)
                    .find(|&i| self.provinces.is_match(&run[..i]))
            });
            if let Some(i) = province {
                at = m_start + i + 1;
                continue;
            }
            if self.not_person.is_match(&text[m_start..]) {
                at = m_end;
                continue;
            }
            match end.filter(|_| starts_word) {
                Some(end) => {
                    names.push(m_start..end);
                    at = end;
                }
                None => at = next_char(text, m_start),
            }
        }
        names
    }

    /// Where the name begins in a run of capitals after a place word that holds the place
    /// and then the name: "huyện Gia Lâm Nguyễn Thị Kim Dung", "Huyện ủy Thạch Thất Lê Văn
    /// Thành", "quận Hoàng Mai Nguyễn Văn Hùng" (the place's words family names too). The
    /// place is two words or more, the name three or more and reaches the run's end (not into
    /// a title). Of the names that would, the one with the middle name "Văn" or "Thị", else
    /// the one with the commoner family name (surnames.tsv lists them commonest first).
    /// None where the name found at `start..end` is the one.
    fn name_after_place(&self, text: &str, start: usize, end: usize) -> Option<usize> {
        let mut run_start = start;
        while let Some(before) = text[..run_start].strip_suffix(' ') {
            let word = before.rsplit(' ').next().unwrap_or(before);
            if !super::units::is_proper(word) {
                break;
            }
            run_start -= word.len() + 1;
        }
        if !self
            .place_before_name
            .is_match(tail(&text[..run_start], 40))
        {
            return None;
        }
        let capitalized = |at: usize| {
            let rest = &text[at..];
            rest.starts_with(' ')
                && rest[1..].starts_with(|c: char| c.is_uppercase())
                && !self.starts_title(&rest[1..])
        };
        let mut run_end = end;
        while capitalized(run_end) {
            let word = &text[run_end + 1..];
            let len = word.find(|c: char| !self.is_word(c)).unwrap_or(word.len());
            if len == 0 {
                break;
            }
            run_end += 1 + len;
        }
        let run = &text[run_start..run_end];
        // "Trường Đại học Nông Lâm Hồ Chí Minh": a run that ends in a province's name.
        if run
            .match_indices(' ')
            .any(|(i, _)| self.provinces.is_match(&run[i + 1..]))
        {
            return None;
        }
        let rank = |p: usize| {
            let name = &text[p..run_end];
            let mut words = name.split(' ');
            let family = words.next().unwrap_or("");
            let middle = words.next().is_some_and(|w| self.middle.is_match(w));
            (
                !middle,
                self.surname_rank.get(family).copied().unwrap_or(usize::MAX),
            )
        };
        let best = run
            .match_indices(' ')
            .skip(1)
            .map(|(i, _)| run_start + i + 1)
            .filter(|&p| text[p..run_end].split(' ').count() >= 3)
            .filter(|&p| self.name_at(text, p) == Some(run_end))
            .min_by_key(|&p| rank(p))?;
        (best != start || run_end != end).then_some(best)
    }

    /// The first name at or after byte `at`: a family name of surnames.tsv, at any capital
    /// (`names` checks the word boundaries around it), then one to three capitalized words.
    fn find_name(&self, text: &str, at: usize) -> Option<Range<usize>> {
        text[at..]
            .char_indices()
            .filter(|(_, c)| self.surname_initials.binary_search(c).is_ok())
            .find_map(|(i, _)| Some(at + i..self.name_at(text, at + i)?))
    }

    /// Where the name that begins at byte `start` ends: its family name, then a middle name
    /// written small ("Nguyễn văn Vẽ") if words follow it, then one to three words, each a
    /// capital ("Điểu K'Ré": or two joined by an apostrophe) and small letters, after spaces.
    fn name_at(&self, text: &str, start: usize) -> Option<usize> {
        let family = text[start..]
            .bytes()
            .take(self.longest_surname + 1)
            .position(|b| b == b' ')?;
        if !self.surname_rank.contains_key(&text[start..start + family]) {
            return None;
        }
        let after = start + family;
        self.middle_small
            .find(&text[after..])
            .and_then(|m| self.given_words(text, after + m.end()))
            .or_else(|| self.given_words(text, after))
    }

    /// Where one to three capitalized words after byte `at`, each after spaces, end.
    fn given_words(&self, text: &str, mut at: usize) -> Option<usize> {
        let mut end = None;
        for _ in 0..3 {
            let spaces = text[at..].len() - text[at..].trim_start_matches(' ').len();
            let Some(len) = (spaces > 0)
                .then(|| self.word_len(&text[at + spaces..]))
                .flatten()
            else {
                break;
            };
            at += spaces + len;
            end = Some(at);
        }
        end
    }

    /// The length of the capitalized word `text` begins with: a capital, an apostrophe and
    /// a capital if they follow, then small letters, all of the Latin script.
    fn word_len(&self, text: &str) -> Option<usize> {
        let mut chars = text.chars();
        let first = chars.next().filter(|&c| self.latin_case(c) == Some(true))?;
        let mut len = first.len_utf8();
        let mut next = text[len..].chars();
        if let (Some(mark @ ('\'' | '’')), Some(capital)) = (next.next(), next.next()) {
            if self.latin_case(capital) == Some(true) {
                len += mark.len_utf8() + capital.len_utf8();
            }
        }
        let small: usize = text[len..]
            .chars()
            .take_while(|&c| self.latin_case(c) == Some(false))
            .map(char::len_utf8)
            .sum();
        Some(len + small)
    }

    /// Whether `c` is a capital (`Some(true)`) or a small letter (`Some(false)`) of the
    /// Latin script: `\p{Lu}` or `\p{Ll}` and `\p{Latin}`. The Vietnamese letters are
    /// answered without the regexes.
    fn latin_case(&self, c: char) -> Option<bool> {
        if crate::normalize::is_vietnamese_letter(c) {
            return if c.is_uppercase() {
                Some(true)
            } else {
                c.is_lowercase().then_some(false)
            };
        }
        if c.is_ascii() {
            return None;
        }
        let mut bytes = [0; 4];
        let s = c.encode_utf8(&mut bytes);
        if self.latin_upper.is_match(s) {
            Some(true)
        } else {
            self.latin_lower.is_match(s).then_some(false)
        }
    }

    /// Whether the regex crate counts `c` as part of a word.
    fn is_word(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '_'
        } else {
            self.word.is_match(c.encode_utf8(&mut [0; 4]))
        }
    }

    /// Where a list of titles at the start of `text` ends, if it does.
    fn titles_end(&self, text: &str) -> Option<usize> {
        let mut at = 0;
        while let Some(m) = self.titles_end.find_at(text, at) {
            let rest = &text[m.start()..];
            // The word boundaries of the rule all stand at its end: a space or the end of the
            // text after a match satisfies them; anything else is checked with the full rule.
            let ends = if rest.starts_with('.') {
                ends_sentence(text, m.start())
            } else {
                rest.starts_with([';', '\n'])
                    || rest.starts_with('(') && abbreviation_note(rest).is_none()
                    || (text[m.end()..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace)
                        || self.titles_end_words.is_match(rest))
                        // "Giám đốc cơ quan đại diện Bộ ...": the title goes on.
                        && !self.titles_not_end.is_match(tail(&text[..m.end()], 48))
            };
            if ends {
                return Some(m.start());
            }
            at = next_char(text, m.start());
        }
        None
    }

    /// ", Phó Chủ tịch UBND tỉnh, Ủy viên ..." after a name: the titles, and where they end.
    fn titles_after(&self, text: &str, at: usize) -> (Vec<String>, usize) {
        let rest = &text[at..];
        // "Ông Nguyễn Tấn Đức-Giám đốc Sở ..." is written without spaces too, and with the
        // dash against one side: "Đặng Văn Đào- Giám đốc", "Mạc Thị Yến -Phó Giám đốc".
        let unspaced = rest
            .strip_prefix('-')
            .or_else(|| rest.strip_prefix('–'))
            .or_else(|| rest.strip_prefix(" -"))
            .or_else(|| rest.strip_prefix(" –"))
            .map(|r| r.strip_prefix(' ').unwrap_or(r))
            .filter(|r| r.starts_with(char::is_uppercase));
        let Some(after_sep) = unspaced
            .or_else(|| rest.strip_prefix(", "))
            .or_else(|| rest.strip_prefix(" - "))
            .or_else(|| rest.strip_prefix(" – "))
            .or_else(|| rest.strip_prefix(" ("))
            // "Nguyễn Văn Du Phó Chánh án ...": a title word right after the name.
            .or_else(|| rest.strip_prefix(' ').filter(|r| self.starts_title(r)))
        else {
            return (Vec::new(), at);
        };
        let start = at + (rest.len() - after_sep.len());
        let end = self.titles_end(after_sep).unwrap_or(after_sep.len());
        // "Quách Thị Tươi (cụm trưởng cụm thi đua số 8) phát biểu": the bracket ends them,
        // unless more follow it ("A (Phó Chủ tịch UBND huyện), Cụm trưởng ... phát biểu").
        let close = after_sep[..end]
            .find(')')
            .filter(|_| rest.starts_with(" ("));
        let (segment, end): (Cow<str>, usize) = match close {
            Some(close) => {
                let after_close = &after_sep[close + 1..end];
                if self.starts_title(after_close.trim_start_matches([',', ' '])) {
                    let joined = format!("{}{after_close}", &after_sep[..close]);
                    (Cow::Owned(joined), end)
                } else {
                    (Cow::Borrowed(&after_sep[..close]), close)
                }
            }
            None => (Cow::Borrowed(&after_sep[..end]), end),
        };
        let mut titles = self.split_titles(&segment);
        let mut used = if titles.is_empty() { 0 } else { end };
        // "..., Chủ tịch Ủy ban MTTQ tỉnh Bình Thuận (Cụm trưởng Cụm thi đua các tỉnh miền
        // Đông Nam bộ)": the bloc office in brackets is one more title (a bare "(Khối phó)"
        // is the unit's).
        if let Some(c) = self
            .office_in_brackets
            .captures(&after_sep[used..])
            .filter(|_| used > 0)
        {
            titles.push(c[1].trim().to_string());
            used += c.get(0).map_or(0, |m| m.end());
        }
        (titles, start + used)
    }

    /// The titles after the name at `at` when the next name, at `next`, stands among them:
    /// those before the comma or "và" where the next person's own begin ("A, Chủ tịch Hội
    /// X, Phó Chủ tịch Hội Y B"; "A, Chủ tịch X và Phó Chủ tịch Y B"), none if the next
    /// person's begin at once.
    fn titles_before_next(&self, text: &str, at: usize, next: usize) -> (Vec<String>, usize) {
        let upto = &text[..next];
        // The last comma or "và" before the next name after which a title begins, or which
        // stands right before the name ("A - Trưởng Ban Tôn giáo, B - Phó Chánh Văn phòng").
        let seps = upto[at..]
            .rmatch_indices(", ")
            .chain(upto[at..].rmatch_indices(" và "));
        let Some((i, _)) = seps
            .filter(|(i, sep)| {
                let after = &upto[at + i + sep.len()..];
                after.trim().is_empty() || self.starts_title(after)
            })
            .max_by_key(|(i, _)| *i)
        else {
            return (Vec::new(), at);
        };
        let cut = at + i;
        let (titles, end) = self.titles_after(&text[..cut], at);
        (titles, end.min(cut))
    }

    /// "Phó Giám đốc Sở Y tế " before a name.
    fn titles_before(&self, clause: &str) -> Vec<String> {
        // "Phó Chủ tịch UBND tỉnh – Trần Văn Nam": the dash is not part of the title.
        let trimmed = clause.trim_end();
        let dashed = trimmed.ends_with(['-', '–']);
        let clause = trimmed.trim_end_matches(['-', '–']).trim_end();
        if !dashed {
            return self.titles_ending(clause, 160);
        }
        // Before a dash and the name the titles run from the clause's start.
        let titles = self.titles_ending(clause, 400);
        if !titles.is_empty() {
            return titles;
        }
        // "Phó Chủ tịch UBTƯ MTTQ Việt Nam, chỉ đạo Cụm thi đua các tỉnh X - Nguyễn Hữu
        // Dũng": a duty after the titles is none of them.
        match clause.rfind(", ") {
            Some(comma) if self.titles_end(&clause[comma + 1..]) == Some(0) => {
                self.titles_ending(&clause[..comma], 400)
            }
            _ => Vec::new(),
        }
    }

    /// The titles that end `clause`: they begin at the first place, in its last `window`
    /// bytes, where a title word starts with nothing after it that ends a title.
    fn titles_ending(&self, clause: &str, window: usize) -> Vec<String> {
        let mut at = clause.len().saturating_sub(window);
        while !clause.is_char_boundary(at) {
            at += 1;
        }
        while let Some(m) = self.title_head_anywhere.find_at(clause, at) {
            let i = m.start();
            if clause[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !super::is_alphanumeric(c))
                && self.title_at(&clause[i..], m.end() - i)
                && self.titles_end(&clause[i..]).is_none()
                && !self.not_title_after.is_match(&clause[..i])
                && !closes_a_bracket(&clause[i..])
            {
                if !self.on_behalf.is_match(&clause[..i]) {
                    return self.split_titles(&clause[i..]);
                }
                // Another's title runs to the comma: the person's own may follow it.
                match clause[i..].find(", ") {
                    Some(comma) => at = i + comma + 2,
                    None => break,
                }
                continue;
            }
            at = next_char(clause, i);
        }
        Vec::new()
    }

    /// Whether a title word begins `text`, a whole word (`title_head`).
    fn starts_title(&self, text: &str) -> bool {
        self.title_start
            .find(text)
            .is_some_and(|m| self.title_at(text, m.end()))
    }

    /// Whether `title_head` matches `text`, given that `title_start` matches `text[..end]`:
    /// with a Unicode `\b` the regex crate leaves its DFA, so the word boundary at `end` is
    /// checked here, and only where it fails ("TS." before a space) does the full rule look
    /// for another title word that ends a word.
    fn title_at(&self, text: &str, end: usize) -> bool {
        let before = text[..end]
            .chars()
            .next_back()
            .is_some_and(|c| self.is_word(c));
        let after = text[end..].chars().next().is_some_and(|c| self.is_word(c));
        before != after || self.title_head.is_match(text)
    }

    /// Split a run of titles at the commas where a new title begins.
    fn split_titles(&self, segment: &str) -> Vec<String> {
        // "Phó Chủ tịch UBND tỉnh – dự": the dash closing the titles is not theirs.
        let segment = segment
            .trim()
            .trim_end_matches([',', ' ', '-', '–'])
            .trim_end();
        // "Giám đốc Sở Nông nghiệp và PTNT và đồng chủ trì": nor the "và" before a verb.
        let segment = segment.strip_suffix(" và").map_or(segment, str::trim_end);
        if !self.starts_title(segment) {
            return Vec::new();
        }
        let mut titles: Vec<String> = Vec::new();
        let mut current = String::new();
        // Titles are separated by commas, or by a dash with a space on either side before a
        // title word: "Trưởng Ban Tuyên giáo Tỉnh ủy – Trưởng khối năm 2023", "Chủ tịch Hội
        // Liên hiệp Văn học Nghệ thuật tỉnh- Trưởng khối", or by a bare dash or comma after
        // a title in capitals: "UVBCH-Phó chủ tịch UBND huyện", "UVBCH,PCT UBND huyện".
        let parts = segment.split(", ").flat_map(|part| {
            let mut pieces = Vec::new();
            let mut from = 0;
            for (j, mark) in part.match_indices(['-', '–', ',']) {
                let spaced_before = part[..j].ends_with(' ');
                let spaced_after = part[j..].chars().nth(1).is_some_and(char::is_whitespace);
                let initials = part[..j]
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.chars().count() >= 2 && w.chars().all(char::is_uppercase));
                if !(initials || mark != "," && (spaced_before || spaced_after)) {
                    continue;
                }
                let cut = if spaced_before { j - 1 } else { j };
                let next = part[j..].trim_start_matches(['-', '–', ',']).trim_start();
                if cut >= from && self.starts_title(next) {
                    pieces.push(&part[from..cut]);
                    from = part.len() - next.len();
                }
            }
            // "chủ tịch UBND xã Cai Kinh cụm trưởng": the bloc's office, small, right after
            // a name, is a title of its own.
            match office_after_name(&self.small_office, &part[from..]) {
                Some(at) => pieces.extend([&part[from..from + at], &part[from + at + 1..]]),
                None => pieces.push(&part[from..]),
            }
            pieces
        });
        for part in parts {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            // "Trưởng ban, Ban Dân vận Tỉnh ủy" is one title: "Trưởng ban Dân vận Tỉnh ủy".
            if current.to_lowercase().ends_with(" ban") && part.starts_with("Ban ") {
                current.push(' ');
                current.push_str(&part["Ban ".len()..]);
                continue;
            }
            if self.starts_title(part) || self.title_after_comma.is_match(part) {
                if !current.is_empty() {
                    titles.push(std::mem::take(&mut current));
                }
                current.push_str(part);
            } else {
                current.push_str(", ");
                current.push_str(part);
            }
        }
        if !current.is_empty() {
            titles.push(current);
        }
        titles
            .into_iter()
            .map(|t| without_abbreviation_notes(t.trim_end_matches([',', ' ', ':'])))
            .filter(|t| t.split_whitespace().count() <= 25)
            .collect()
    }

    /// Roles said before a name: every cue of the sentence's lead-in, before its first
    /// person ("Tới dự và phát biểu chỉ đạo hội nghị có Thượng tướng X"; "Tham dự Hội nghị
    /// có các đồng chí: A, ...; B, ..." gives both A and B), and a cue just before the name.
    fn roles_before(&self, lead: &str, close: &str) -> Vec<Role> {
        // "Cụm trao Bằng khen cho Thượng tá X": the award is given to the person after it,
        // who gave none (and may only be proposed for it: "đề nghị ... tặng Bằng khen cho").
        let to_them = |text: &str, m: &Range<usize>, role: Role| {
            role == Role::Awarded && self.awarded_to.is_match(&text[m.start..])
        };
        let mut roles: Vec<Role> = self
            .cues(lead)
            .into_iter()
            .filter(|(m, role)| !to_them(lead, m, *role))
            .map(|(_, role)| role)
            .collect();
        for (m, role) in self.cues(close) {
            // "A, Trưởng khối chủ trì; bà B ...": a verb that ends the clause before is A's.
            if close[m.end..].len() < 12
                && !close[m.end..].contains(';')
                && !to_them(close, &m, role)
            {
                roles.push(role);
            }
        }
        roles
    }

    /// Every role a cue of `text` speaks of.
    fn roles_in(&self, text: &str) -> Vec<Role> {
        self.cues(text).into_iter().map(|(_, role)| role).collect()
    }

    /// The role cues of `text`, where they stand, without a cue inside another of another
    /// role ("nhận" in "ghi nhận" is not "received").
    fn cues(&self, text: &str) -> Vec<(Range<usize>, Role)> {
        let found: Vec<(Range<usize>, Option<Role>)> = self
            .role_cues
            .matches(text)
            .iter()
            .map(|i| &self.roles[i])
            .flat_map(|r| r.rule.find_iter(text).map(|m| (m.range(), r.role)))
            .collect();
        found
            .iter()
            .filter(|(m, role)| {
                !found.iter().any(|(o, other)| {
                    other != role && o.start <= m.start && m.end <= o.end && o.len() > m.len()
                })
            })
            .filter_map(|(m, role)| Some((m.clone(), (*role)?)))
            .collect()
    }

    /// Roles said right after the titles: "... dự và phát biểu chỉ đạo".
    fn roles_after(&self, text: &str, after: usize, end: usize) -> Vec<Role> {
        // "Ông X (thứ nhất từ trái sang) đại diện khối trưởng trao tặng": the verb follows
        // where the person stands in the photo.
        let after = self
            .photo_position
            .find(&text[after.min(end)..end])
            .map_or(after, |m| after.min(end) + m.end());
        // "X, Cụm trưởng Cụm thi đua số 3 và lãnh đạo Sở ... các tỉnh A, B đồng chủ trì": the
        // verb of the joined subject comes after its longer name.
        // "A, Tổng Biên tập Báo X - đơn vị Khối trưởng Khối thi đua các cơ quan Đảng Trung
        // ương chủ trì": the verb comes after the unit's office and the bloc's name.
        let joined = self
            .joined_group
            .find(&text[after.min(end)..end])
            .or_else(|| self.office_note.find(&text[after.min(end)..end]))
            .map(|j| j.end());
        let reach = if joined.is_some() { 200 } else { 80 };
        let window_end = (after + reach).min(end);
        let window_end = (window_end..=end)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(end);
        let after_text = &text[after.min(window_end)..window_end];
        // "A - ...; B - ...; cùng đại diện các phòng ... dự hội nghị": the ";" before the
        // joined group ends no clause.
        let skipped = match joined {
            Some(_) => after_text.len() - after_text.trim_start_matches([';', ' ']).len(),
            None => 0,
        };
        // The clause ends at ";" or a full stop that ends a sentence (not "huyện...dự").
        let start = after.min(window_end) + skipped;
        let after_text = &text[start..window_end];
        let clause_end = after_text
            .match_indices(['.', ';'])
            .find(|&(i, mark)| mark == ";" || ends_sentence(text, start + i))
            .map_or(after_text.len(), |(i, _)| i);
        let after_text = &after_text[..clause_end];
        let mut found: Vec<(usize, Role)> = self
            .cues(after_text)
            .into_iter()
            .map(|(m, role)| (after_text[..m.start].chars().count(), role))
            .collect();
        found.sort();
        let mut roles = Vec::new();
        let first = joined.map_or(40, |j| {
            after_text[..j.saturating_sub(skipped).min(after_text.len())]
                .chars()
                .count()
                + 80
        });
        // "X, Giám đốc Sở Tư pháp được Chủ tịch UBND tỉnh tặng Bằng khen": X received it.
        if self.passive.is_match(after_text) {
            for (_, role) in &mut found {
                if *role == Role::Awarded {
                    *role = Role::Received;
                }
            }
        }
        if found.first().is_some_and(|(s, _)| *s < first) {
            // A run of verbs, each within 20 characters of the one before: "phát biểu khai
            // mạc và chủ trì hội nghị" (a role said twice carries the run on).
            let mut reach = found[0].0;
            for (s, role) in found {
                if s <= reach + 20 {
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                    reach = s;
                }
            }
        }
        roles
    }

    /// Roles around a later mention ("đồng chí Hưng nhấn mạnh").
    fn roles_around(
        &self,
        text: &str,
        start: usize,
        at: usize,
        after: usize,
        end: usize,
    ) -> Vec<Role> {
        // A cue near the mention is a cue of the text before it: `roles_in` finds both.
        let mut roles = self.roles_in(&text[start..at]);
        roles.extend(self.roles_after(text, after, end));
        roles
    }

    /// "đồng chí Phó Chủ tịch UBND tỉnh", "đồng chí Hưng": roles for a person met before.
    fn later_mentions(&self, doc: &Doc, people: &mut [Person]) {
        if people.is_empty() {
            return;
        }
        let mut addressed = Vec::new();
        let mut at = 0;
        // An address begins a word: at the start of the text or after a non-word character.
        while let Some(h) = self.addressed.find_at(doc.text, at) {
            if doc.text[..h.start()]
                .chars()
                .next_back()
                .is_some_and(|c| self.is_word(c))
            {
                at = next_char(doc.text, h.start());
            } else {
                addressed.push(h.range());
                at = h.end();
            }
        }
        for person in people.iter_mut() {
            let given = person
                .name
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_string();
            // "Đồng chí Ngọc Lan" for "Trần Thị Ngọc Lan": the last two words too.
            let words: Vec<&str> = person.name.split_whitespace().collect();
            let mut forms = match words.len() {
                3.. => vec![words[words.len() - 2..].join(" "), given.clone()],
                _ => vec![given.clone()],
            };
            for t in &person.titles {
                forms.push(self.abbreviate(t));
                forms.push(t.clone());
            }
            forms.retain(|f| !f.is_empty());
            let mut extra = Vec::new();
            for h in &addressed {
                let rest = &doc.text[h.end..];
                let Some(form) = forms.iter().find(|f| {
                    rest.starts_with(f.as_str())
                        && !rest[f.len()..].starts_with(super::is_alphanumeric)
                }) else {
                    continue;
                };
                let m = h.start..h.end + form.len();
                let start = period_start(doc.text, m.start);
                let end = period_end(doc.text, m.end);
                extra.extend(self.roles_around(doc.text, start, m.start, m.end, end));
            }
            // "Viện trưởng Phước đề nghị ...": the head of a title of the person, then the
            // given name, with no honorific.
            let heads = person
                .titles
                .iter()
                .filter_map(|t| self.title_start.find(t).map(|m| &t[..m.end()]));
            for head in heads {
                let form = format!("{head} {given}");
                for (at, _) in doc.text.match_indices(&form) {
                    let end_at = at + form.len();
                    if doc.text[end_at..].starts_with(super::is_alphanumeric)
                        || !super::starts_word(doc.text, at)
                    {
                        continue;
                    }
                    let start = period_start(doc.text, at);
                    let end = period_end(doc.text, end_at);
                    extra.extend(self.roles_around(doc.text, start, at, end_at, end));
                }
            }
            for r in extra {
                if !person.roles.contains(&r) {
                    person.roles.push(r);
                }
            }
            person.roles.sort();
        }
    }

    /// Abbreviations written out: "Phó Chủ tịch UBND tỉnh" → "Phó Chủ tịch Ủy ban nhân dân tỉnh".
    fn expand(&self, title: &str) -> String {
        self.abbreviations.expand_title(title)
    }

    /// A rank or degree written out, as one title each: "PGS.TS" and "PGS TS" are
    /// "Phó Giáo sư", "Tiến sĩ" ("PGS. TS" too).
    fn expand_rank(&self, rank: &str) -> Vec<String> {
        let rank = rank.trim_end_matches([' ', ',']).replace(". ", ".");
        // "đại tá Phạm Thanh Hùng": a rank in lower case is reported as a title.
        self.expand(&rank)
            .split(", ")
            .map(super::capitalize)
            .collect()
    }

    /// The usual abbreviated form of a written-out title, to find it again in the text.
    fn abbreviate(&self, title: &str) -> String {
        title
            .replace("Ủy ban nhân dân", "UBND")
            .replace("Hội đồng nhân dân", "HĐND")
    }
}

/// How a mention of a person is joined to the next one, whose verbs it shares.
#[derive(Clone, Copy, PartialEq)]
enum Link {
    None,
    /// "A và B", "A; B" (a list joined as a whole).
    And,
    /// "A, đồng chí B": joined only when the list goes on to an `And`.
    Comma,
}

/// A role and the rule of its cue (`patterns/roles.tsv`).
#[derive(Clone)]
struct RoleRule {
    /// None for words that are no role but hold a role's cue.
    role: Option<Role>,
    rule: Regex,
}

/// The byte of the space before a bloc's office (cues `head`, `deputy`) written small
/// right after a capitalized word ("xã Cai Kinh cụm trưởng", "huyện Tân Phú khối phó").
fn office_after_name(small_office: &Regex, part: &str) -> Option<usize> {
    small_office
        .find_iter(part)
        .filter(|m| super::ends_word(part, m.end()))
        .map(|m| m.start())
        .find(|&at| {
            part[..at]
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase) && w != "Phó")
        })
}

/// The last `max` bytes of `text` or fewer, cut at a character boundary: rules anchored at
/// the end of a text look back only this far.
fn tail(text: &str, max: usize) -> &str {
    let mut start = text.len().saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// Whether the full stop at `dot` ends a sentence: before a space or the end of the text,
/// or before a capital after a word ("... Trung ương.Năm 2023", written without the space);
/// not in an abbreviation or a number ("TP.HCM", "Tp.Hồ Chí Minh", "T.Ư", "10.000").
fn ends_sentence(text: &str, dot: usize) -> bool {
    let next = text[dot + 1..].chars().next();
    // "Chủ tịch UBND TP. Cần Thơ": the dot of an abbreviation before a name.
    let abbreviated = super::is_abbreviation(&text[..dot])
        && text[dot + 1..].trim_start().starts_with(char::is_uppercase);
    next.is_none_or(char::is_whitespace) && !abbreviated
        || next.is_some_and(char::is_uppercase) && {
            let word: Vec<char> = text[..dot]
                .chars()
                .rev()
                .take_while(|&c| super::is_alphanumeric(c))
                .take(3)
                .collect();
            word.len() >= 3 && word[0].is_lowercase() && word[1].is_lowercase()
        }
}

/// Where the sentence around `at` begins: after a line's end or a full stop that ends a
/// sentence (`ends_sentence`).
fn period_start(text: &str, mut at: usize) -> usize {
    loop {
        let start = super::start_before(text, at, &['.', '\n']);
        if start > 0 && text[..start].ends_with('.') && !ends_sentence(text, start - 1) {
            at = start - 1;
        } else {
            return start;
        }
    }
}

/// "Hội nghị vinh dự được đón tiếp:" over a line a guest: the line ending in a colon
/// above the line that the `k`th name begins (after a bullet, a rank or an honorific), and
/// any lines between that other names begin. Its verbs speak of every guest under it.
fn list_lead<'t>(text: &'t str, names: &[Range<usize>], k: usize) -> Option<&'t str> {
    // At most this many characters before the name on its line: "- PGS.TS. ", "Đồng chí ".
    const MARKS: usize = 24;
    let begins_line = |name: &Range<usize>| {
        let start = super::start_before(text, name.start, &['\n']);
        (name.start - start <= MARKS && !text[start..name.start].contains(':')).then_some(start)
    };
    let mut line_start = begins_line(&names[k])?;
    for _ in 0..30 {
        let above = text[..line_start].trim_end_matches('\n');
        let start = super::start_before(text, above.len(), &['\n']);
        let line = &text[start..above.len()];
        if line.ends_with(':') {
            return Some(line);
        }
        names[..k]
            .iter()
            .rev()
            .find(|n| (start..above.len()).contains(&n.start) && begins_line(n) == Some(start))?;
        line_start = start;
    }
    None
}

/// Where the sentence around `at` ends (see `period_start`).
fn period_end(text: &str, mut at: usize) -> usize {
    loop {
        let end = super::end_after(text, at, &['.', '\n']);
        if text[end..].starts_with('.') && !ends_sentence(text, end) {
            at = end + 1;
        } else {
            return end;
        }
    }
}

/// "(VH-TT&DL)" at the start of `text`, an abbreviation repeating the words before it: its
/// length. A title goes on after it ("Giám đốc cơ quan đại diện Bộ Văn hóa, Thể thao và Du
/// lịch (VH-TT&DL) tại TP.HCM").
fn abbreviation_note(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('(')?;
    let close = inner.find(')')?;
    let note = &inner[..close];
    (note.chars().count() >= 2
        && note.chars().count() <= 16
        && note.chars().any(char::is_uppercase)
        && note
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || " &-,.".contains(c)))
    .then_some(close + 2)
}

/// A title without its abbreviation notes: "Sở Tư pháp (STP) tỉnh" → "Sở Tư pháp tỉnh".
fn without_abbreviation_notes(title: &str) -> String {
    let mut out = String::new();
    let mut rest = title;
    while let Some(i) = rest.find(" (") {
        match abbreviation_note(&rest[i + 1..]) {
            Some(len) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + 1 + len..];
            }
            None => {
                out.push_str(&rest[..i + 2]);
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `text` closes a bracket it did not open: "Cụm trưởng), Yên Bình, Văn Yên" in
/// "Lục Yên (đơn vị Cụm trưởng), Yên Bình, Văn Yên" is no title of a person "Văn Yên".
fn closes_a_bracket(text: &str) -> bool {
    let mut depth = 0i32;
    text.chars().any(|c| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        depth < 0
    })
}

/// The byte offset of the character after the one at `at`.
fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// A later mention's titles added to a person's: of two titles said in different mentions,
/// the shorter is dropped when all its words are in the longer and they begin alike
/// ("Chủ tịch UBMTTQ tỉnh" after "Chủ tịch UBMTTQ Việt Nam tỉnh Long An"), unless the
/// longer only rewords a list of the first mention's (below). Titles said
/// together are distinct offices, kept both: "Phó Chủ tịch UBTƯ MTTQ Việt Nam, Phó Chủ
/// tịch Hội đồng Thi đua - Khen thưởng UBTƯ MTTQ Việt Nam".
fn add_titles(titles: &mut Vec<String>, new: Vec<String>) {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !super::is_alphanumeric(c))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let fuller = |longer: &[String], shorter: &[String]| {
        longer.len() > shorter.len()
            && longer.iter().take(2).eq(shorter.iter().take(2))
            && shorter.iter().all(|w| longer.contains(w))
    };
    let said: Vec<Vec<String>> = titles.iter().map(|t| words(t)).collect();
    let mut dropped = vec![false; titles.len()];
    let mut added: Vec<Vec<String>> = Vec::new();
    for t in new {
        let w = words(&t);
        // The same title written twice in other cases ("Hội khuyến học", "Hội Khuyến
        // học"): the first is kept.
        if said.iter().chain(&added).any(|s| *s == w) || said.iter().any(|s| fuller(s, &w)) {
            continue;
        }
        // A later mention's title replaces one it carries on ("Phó Chủ tịch UBND tỉnh" by
        // "... tỉnh Thái Bình", "Phó Bí thư Thường trực Tỉnh ủy"), not a list it rewords
        // within the same ends ("Trưởng Ban tổ chức Hội nghị, Hội thao" and "Trưởng Ban tổ
        // chức Hội nghị sơ kết thi đua, Hội thao").
        let reworded = |s: &Vec<String>| fuller(&w, s) && w.last() == s.last() && t.contains(',');
        if said.iter().any(reworded) {
            continue;
        }
        for (i, s) in said.iter().enumerate() {
            dropped[i] |= fuller(&w, s);
        }
        titles.push(t);
        added.push(w);
    }
    let mut i = 0;
    titles.retain(|_| {
        i += 1;
        !dropped.get(i - 1).copied().unwrap_or(false)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules of the built-in patterns.
    fn builtin() -> People {
        let patterns = Patterns::builtin().unwrap();
        let abbreviations = Arc::new(Abbreviations::new(&patterns).unwrap());
        People::new(&patterns, abbreviations).unwrap()
    }

    #[test]
    fn a_name_is_a_family_name_and_one_to_three_capitalized_words() {
        let people = builtin();
        let name = |text: &'static str| people.find_name(text, 0).map(|r| &text[r]);
        assert_eq!(name("ông Nguyễn Văn An phát biểu"), Some("Nguyễn Văn An"));
        // At most three words after the family name; spaces may be doubled.
        assert_eq!(name("Lê  Thị Thu Hà Giang"), Some("Lê  Thị Thu Hà"));
        // A middle name written small, where a capitalized word follows it.
        assert_eq!(name("Nguyễn văn Vẽ"), Some("Nguyễn văn Vẽ"));
        assert_eq!(name("Nguyễn văn bản"), None);
        // A given name with an apostrophe before a capital.
        assert_eq!(name("Điểu K'Ré dự"), Some("Điểu K'Ré"));
        // Not a family name, or one with no capitalized word after it.
        assert_eq!(name("Tổng Giám đốc"), None);
        assert_eq!(name("Trần."), None);
        // Any capital may begin one: `names` checks that it begins a word.
        assert_eq!(name("XLê Văn Tâm"), Some("Lê Văn Tâm"));
        assert_eq!(people.name_at("Lê Văn Tâm", 0), Some("Lê Văn Tâm".len()));
    }

    #[test]
    fn growth_is_no_title_and_a_place_after_it_no_person() {
        let people = builtin();
        let text = "Tốc độ tăng trưởng kinh tế ở các huyện Cầu Ngang, Trà Cú và Châu Thành đạt 8%.";
        let doc = Doc::new(text);
        assert!(people.find(&doc, &doc.sentences()).is_empty());
        let text = "Phát biểu có ông Lê Văn Tâm, Trưởng ban Thi đua - Khen thưởng tỉnh.";
        let doc = Doc::new(text);
        assert_eq!(people.find(&doc, &doc.sentences()).len(), 1);
    }

    #[test]
    fn a_journalist_is_a_person_and_a_newspaper_no_person() {
        let people = builtin();
        let text = "Dự có nhà báo Trần Văn Lộc - Phó Chủ tịch Hội Nhà báo tỉnh và nhà báo Lê Thị Mai - Ủy viên Ban Thường vụ Hội.";
        let doc = Doc::new(text);
        let found = people.find(&doc, &doc.sentences());
        let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Trần Văn Lộc", "Lê Thị Mai"]);
        assert_eq!(found[0].titles, ["Phó Chủ tịch Hội Nhà báo tỉnh"]);
        let text = "Tin bài đăng trên báo Trần Phú, Chủ nhiệm câu lạc bộ.";
        let doc = Doc::new(text);
        assert!(people.find(&doc, &doc.sentences()).is_empty());
        // An honorific begins a word: "Công" holds no "ông".
        assert!(people.is_honored("Dự có đồng chí "));
        assert!(!people.is_honored("Khu Công "));
    }

    #[test]
    fn a_place_whose_words_are_family_names_is_no_part_of_the_name_after_it() {
        let people = builtin();
        let names = |text: &str| {
            people
                .names(text)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("Chủ tịch Ủy ban MTTQ huyện Gia Lâm Nguyễn Thị Kim Dung trình bày"),
            ["Nguyễn Thị Kim Dung"]
        );
        assert_eq!(
            names("Bí thư Huyện ủy Thạch Thất Lê Văn Thành dự"),
            ["Lê Văn Thành"]
        );
        // The place's last word a family name too, and the name three words.
        assert_eq!(
            names("Phó Chủ tịch UBND quận Hoàng Mai Nguyễn Văn Hùng dự"),
            ["Nguyễn Văn Hùng"]
        );
        assert_eq!(
            names("Chủ tịch UBND huyện Gia Lâm Nguyễn Xuân Tuấn dự"),
            ["Nguyễn Xuân Tuấn"]
        );
        assert_eq!(
            names("Phó Chủ tịch UBND huyện Lâm Hà Lương Văn Sơn dự"),
            ["Lương Văn Sơn"]
        );
        // Capitals running on into a unit after the name, with no place word before it.
        assert_eq!(
            names("Tham dự có bà Nguyễn Thị Hà Ban Tuyên giáo Huyện ủy")[0],
            "Nguyễn Thị Hà Ban"
        );
        // A school named after its city, and a name followed by a title.
        assert!(!names("Trường Đại học Nông Lâm Hồ Chí Minh tại Ninh Thuận")
            .iter()
            .any(|n| n.starts_with("Lâm")));
        assert_eq!(names("ông Trần Văn Nam Phó Giám đốc Sở"), ["Trần Văn Nam"]);
    }

    #[test]
    fn titles_and_roles_around_brackets_ranks_and_joined_names() {
        let people = builtin();
        let found = |text: &str| {
            let doc = Doc::new(text);
            people
                .find(&doc, &doc.sentences())
                .into_iter()
                .map(|p| (p.name, p.titles, p.roles))
                .collect::<Vec<_>>()
        };
        // A title begins after the bracket it is in has closed: "Cụm trưởng), Yên Bình" is
        // no title of a person "Văn Yên", a district in the list.
        assert!(
            found("Cụm gồm Công an 3 huyện: Lục Yên (đơn vị Cụm trưởng), Yên Bình, Văn Yên.")
                .is_empty()
        );
        // A bracket ends the titles, unless more follow it.
        let found_in = found(
            "Đồng chí Nguyễn Văn An (Phó Chủ tịch UBND huyện Mê Linh), Cụm trưởng Cụm thi đua số 3 phát biểu.",
        );
        assert_eq!(
            found_in[0].1,
            [
                "Phó Chủ tịch Ủy ban nhân dân huyện Mê Linh",
                "Cụm trưởng Cụm thi đua số 3"
            ]
        );
        let found_in = found("Bà Quách Thị Tươi (cụm trưởng cụm thi đua số 8) phát biểu.");
        assert_eq!(found_in[0].1, ["cụm trưởng cụm thi đua số 8"]);
        // The previous person's last title is not the next one's rank.
        let found_in = found(
            "Tham dự có ông Nguyễn Văn An, Phó Giám đốc Học viện, Giảng viên cao cấp, PGS TS Lê Văn Bình, Trưởng khoa Luật.",
        );
        assert_eq!(
            found_in[1].1,
            ["Phó Giáo sư", "Tiến sĩ", "Trưởng khoa Luật"]
        );
        // Two subjects, the second's titles before the name; not two objects of a verb.
        let found_in = found(
            "Phó Chủ tịch UBND tỉnh Phú Yên Đào Mỹ và Phó Chủ tịch UBND tỉnh Khánh Hòa Lê Hữu Hoàng chủ trì hội nghị.",
        );
        assert_eq!(found_in[0].2, [Role::Chaired]);
        let found_in = found(
            "Chủ tịch UBND huyện Mê Linh Lê Văn Cường trao Cờ cho Chủ tịch UBND xã Tiền Phong Nguyễn Văn An và Chủ tịch UBND xã Tráng Việt Trần Văn Bình trao Giấy khen cho các tập thể.",
        );
        assert_eq!(found_in[1].0, "Nguyễn Văn An");
        assert!(!found_in[1].2.contains(&Role::Awarded));
        // People listed with commas share the verb of a list that "và" closes; a comma
        // alone joins no one.
        let found_in = found(
            "Đồng chí Lê Văn An, Hiệu trưởng Trường Chính trị tỉnh - Cụm trưởng, đồng chí Trần Thị Bình, Hiệu trưởng Trường Chính trị tỉnh - Cụm phó và đồng chí Phạm Văn Cường, Hiệu trưởng Trường Chính trị tỉnh đồng chủ trì Hội nghị.",
        );
        assert!(found_in.iter().all(|p| p.2 == [Role::Chaired]));
        let found_in = found(
            "Đồng chí Lê Văn An, Giám đốc Sở Nội vụ, đồng chí Trần Thị Bình, Trưởng Ban Thi đua - Khen thưởng tỉnh phát biểu chỉ đạo.",
        );
        assert_eq!(found_in[0].2, []);
        assert_eq!(found_in[1].2, [Role::Spoke]);
    }

    #[test]
    fn a_standing_office_after_a_comma_is_a_title_of_its_own() {
        let people = builtin();
        assert_eq!(
            people.split_titles(
                "Trưởng Ban Thi đua - Khen thưởng, Thường trực Hội đồng Thi đua - Khen thưởng tỉnh"
            ),
            [
                "Trưởng Ban Thi đua - Khen thưởng",
                "Thường trực Hội đồng Thi đua - Khen thưởng tỉnh"
            ]
        );
        // Within a title it is the title's: "Phó Bí thư Thường trực Tỉnh ủy".
        assert_eq!(
            people.split_titles("Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh"),
            ["Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh"]
        );
        // The bloc's office written small right after a name is a title of its own; not
        // inside a title ("Phó cụm trưởng").
        assert_eq!(
            people.split_titles("chủ tịch UBND xã Cai Kinh cụm trưởng"),
            ["chủ tịch UBND xã Cai Kinh", "cụm trưởng"]
        );
        assert_eq!(
            people.split_titles("Chủ tịch UBND huyện, Phó cụm trưởng"),
            ["Chủ tịch UBND huyện", "Phó cụm trưởng"]
        );
        // A bare dash or comma after a title in capitals; not a comma inside a unit's
        // initials ("Sở VH,TT&DL").
        assert_eq!(
            people.split_titles("UVBCH,PCT UBND huyện"),
            ["UVBCH", "PCT UBND huyện"]
        );
        assert_eq!(
            people.split_titles("UVBCH-Trưởng phòng Nội vụ huyện"),
            ["UVBCH", "Trưởng phòng Nội vụ huyện"]
        );
        assert_eq!(
            people.split_titles("Giám đốc Sở VH,TT&DL, Trưởng khối"),
            ["Giám đốc Sở VH,TT&DL", "Trưởng khối"]
        );
    }

    #[test]
    fn a_later_fuller_title_replaces_a_shorter_one_but_titles_said_together_stay() {
        let owned = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let together = owned(&[
            "Phó Chủ tịch Ủy ban Trung ương",
            "Phó Chủ tịch Hội đồng Thi đua Ủy ban Trung ương",
        ]);
        let mut titles = Vec::new();
        add_titles(&mut titles, together.clone());
        assert_eq!(titles, together);
        let mut titles = owned(&["Chủ tịch UBMTTQ tỉnh", "Trưởng cụm"]);
        add_titles(
            &mut titles,
            owned(&["Chủ tịch UBMTTQ Việt Nam tỉnh Long An", "trưởng Cụm"]),
        );
        assert_eq!(
            titles,
            owned(&["Trưởng cụm", "Chủ tịch UBMTTQ Việt Nam tỉnh Long An"])
        );
        // Reworded within the same ends: the first stays.
        let mut titles = owned(&["Trưởng Ban tổ chức Hội nghị, Hội thi"]);
        add_titles(
            &mut titles,
            owned(&["Trưởng Ban tổ chức Hội nghị tổng kết thi đua, Hội thi"]),
        );
        assert_eq!(titles, owned(&["Trưởng Ban tổ chức Hội nghị, Hội thi"]));
        let mut titles = owned(&["Phó Bí thư Tỉnh ủy"]);
        add_titles(&mut titles, owned(&["Phó Bí thư Thường trực Tỉnh ủy"]));
        assert_eq!(titles, owned(&["Phó Bí thư Thường trực Tỉnh ủy"]));
    }

    #[test]
    fn a_full_stop_without_a_space_ends_a_sentence_after_a_word_only() {
        let dot = |t: &str| t.find('.').unwrap();
        for t in ["Trung ương.Năm 2023", "của tỉnh. Sáng", "hết."] {
            assert!(ends_sentence(t, dot(t)), "{t}");
        }
        for t in ["tại TP.HCM", "Tp.Hồ Chí Minh", "T.Ư Đảng", "10.000 người"] {
            assert!(!ends_sentence(t, dot(t)), "{t}");
        }
    }

    #[test]
    fn an_abbreviation_in_parentheses_is_left_out_of_a_title() {
        assert_eq!(
            without_abbreviation_notes("Giám đốc Sở Văn hóa, Thể thao và Du lịch (VH-TT&DL) tỉnh"),
            "Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh"
        );
        assert_eq!(
            without_abbreviation_notes("Trưởng đoàn (phụ trách Khối)"),
            "Trưởng đoàn (phụ trách Khối)"
        );
        assert_eq!(abbreviation_note("(Nguyễn Văn A)"), None);
    }
}
