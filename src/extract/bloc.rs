//! The bloc (Khối thi đua) or cluster (Cụm thi đua), its sector, whether the article reports
//! one of its conferences at all, and the province whose bloc it is.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use regex::Regex;

use super::fold::{fold_text, Folded};
use super::provinces::Provinces;
use super::{around_cue, compile, cue, ends_word, floor_char, Context, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::{Bloc, Province, Sector, Span};

/// A bloc as found in the text.
pub struct Found {
    pub name: String,
    pub sector: Sector,
    /// Whether the bloc's name says its sector, not only the words around it.
    pub named: bool,
    pub mention: String,
    pub span: Span,
    /// Byte range of the mention.
    pub range: Range<usize>,
    /// Where the text first names the bloc.
    pub first: usize,
}

impl Found {
    pub fn into_record(self) -> Bloc {
        Bloc {
            name: self.name,
            sector: self.sector,
            mention: self.mention,
            span: self.span,
        }
    }
}

#[derive(Clone)]
pub struct Blocs {
    head: Regex,
    /// A bloc named without "thi đua" ("Khối các tổ chức Chính trị - Xã hội - Nghề
    /// nghiệp"): read only in an article that names no bloc with it.
    unnamed: Regex,
    /// Where a bloc's name stops: a verb, a clause, punctuation.
    stop: Regex,
    sectors: Vec<(Sector, Folded)>,
    meeting: Regex,
    not_meeting: Regex,
    province_after: Regex,
    /// The lowercase words a bloc's name is made of.
    name_word: Regex,
    /// Kinds of unit a bloc's name lists after a comma ("các Bộ, ngành").
    name_list: Regex,
    /// Family names and the commonest middle names: a province name after one is part of
    /// a person's name ("Phó Thủ tướng Trương Hòa Bình").
    name_words: HashSet<String>,
    /// A unit's head word (`unit_heads.tsv`) that a text starts with: "Trường" of "Trường
    /// THCS A", after a bloc's number and a dash.
    unit_head: Regex,
    /// "các tỉnh" in a bloc's name: a cluster of provinces.
    provinces_word: Regex,
    /// "các Bộ, ngành" in a bloc's name: a bloc of ministries (cue `central_bloc`).
    central: Regex,
    /// A word that speaks of blocs in general ("các"), the whole of a lowercase word.
    general: Regex,
    /// Words that end a text before a bloc named in a unit's office ("Trưởng").
    in_office: Regex,
    /// Words that end a text before a bloc named in an organization of its own, which is
    /// no emulation bloc ("Đảng ủy Khối các cơ quan tỉnh").
    body: Regex,
    /// A cluster of another kind, numbered: "Cụm hoạt động số 4", which the text may then
    /// call "Cụm số 4".
    other_cluster: Regex,
}

impl Blocs {
    pub fn new(patterns: &Patterns) -> Result<Blocs, PatternError> {
        let mut sectors = Vec::new();
        for line in patterns.lines("sectors.tsv") {
            let sector: Sector =
                serde_json::from_value(serde_json::Value::String(line.field(0).to_string()))
                    .map_err(|_| line.error(format!("unknown sector {:?}", line.field(0))))?;
            sectors.push((sector, Folded::new(compile(line, 1)?)));
        }
        let name_words = patterns
            .lines("surnames.tsv")
            .iter()
            .map(|l| crate::normalize::text(l.field(0)))
            .chain(["Văn", "Thị"].map(String::from))
            .collect();
        Ok(Blocs {
            name_words,
            unit_head: super::units::head_word_rule(patterns)?,
            head: cue(patterns, "bloc")?,
            unnamed: cue(patterns, "bloc_unnamed")?,
            general: around_cue(patterns, "bloc_general", r"^(?:{})$")?,
            in_office: around_cue(patterns, "bloc_in_office", r"(?i)(?:{})$")?,
            body: around_cue(patterns, "bloc_body", r"(?i)(?:{})\s*$")?,
            other_cluster: around_cue(
                patterns,
                "other_cluster",
                r"(?i)(?-u:\b)cụm\s+(?:{})\s+số\s+(?P<n>[0-9]{1,2}|[IVX]{1,4})(?-u:\b)",
            )?,
            stop: around_cue(
                patterns,
                "bloc_name_end",
                r"(?i)\s*(?:[,.;:(\n\x22]|\s(?:{}))",
            )?,
            sectors,
            name_word: around_cue(patterns, "bloc_name_word", r"(?i)^(?:{})$")?,
            name_list: around_cue(patterns, "bloc_name_list", r"(?i)^\s*(?:{})(?:\s|,|$)")?,
            provinces_word: cue(patterns, "provinces_word")?,
            central: cue(patterns, "central_bloc")?,
            meeting: cue(patterns, "meeting")?,
            not_meeting: cue(patterns, "not_meeting")?,
            province_after: crate::patterns::regex(
                r"^\s*(?:\([^)]{1,20}\)\s*)?(?:tỉnh|thành phố|TP\.?)\s+",
            )
            .expect("compiles"),
        })
    }

    /// Whether a bloc's name says it is a cluster of provinces: "Cụm thi đua các tỉnh Đồng
    /// bằng sông Hồng".
    pub fn of_provinces(&self, name: &str) -> bool {
        self.provinces_word.is_match(name)
    }

    /// Whether a bloc's name is of ministries or central bodies (cue `central_bloc`): like
    /// a cluster of provinces, its province is the host's.
    pub fn is_central(&self, name: &str) -> bool {
        self.central.is_match(name)
    }

    /// The bloc the article is about: the first bloc named in the title or lead, its name
    /// run on to the verb ("Khối thi đua các cơ quan Nội chính tỉnh tổ chức ...").
    pub fn find(
        &self,
        doc: &Doc,
        sentences: &[Range<usize>],
        provinces: &Provinces,
    ) -> Option<Found> {
        let mut found: Vec<(Range<usize>, String)> = Vec::new();
        // Blocs spoken of in general: not the bloc, but their words may tell its sector
        // ("Trưởng cụm các cụm thi đua thuộc Sở").
        let mut general: Vec<String> = Vec::new();
        let mut general_end = None;
        // "Cụm số 4" after "Cụm hoạt động số 4" is that cluster, no emulation bloc.
        let other: Vec<(usize, String)> = self
            .other_cluster
            .captures_iter(doc.text)
            .filter_map(|c| {
                Some((
                    c.get(0)?.start(),
                    format!("cụm số {}", c["n"].to_lowercase()),
                ))
            })
            .collect();
        for m in self.mentions(doc.text) {
            let at_word = doc.text[..m.start]
                .chars()
                .next_back()
                .is_none_or(|c| !super::is_alphanumeric(c));
            // "các Khối thi đua của tỉnh", "từng Cụm": blocs in general, not one bloc.
            let (word_before, of_two_kinds) = general_word_before(doc.text, m.start);
            if !at_word {
                continue;
            }
            let near = &doc.text[floor_char(doc.text, m.start.saturating_sub(40))..m.start];
            if self.body.is_match(near) {
                continue;
            }
            let end = self.name_end(doc.text, m.end, provinces);
            if !other.is_empty() {
                let name = doc.text[m.start..end].to_lowercase();
                if other.iter().any(|(at, o)| *at < m.start && *o == name) {
                    continue;
                }
            }
            // "các Khối thi đua, Cụm thi đua": the determiner covers the whole list.
            let listed = general_end.is_some_and(|e: usize| {
                e <= m.start
                    && matches!(
                        doc.text[e..m.start].trim(),
                        "," | "và" | "/" | "-" | ", các" | "và các"
                    )
            });
            // "21 Khối, Cụm thi đua": a number of blocs is blocs in general too.
            // (A year before it is not: "năm 2021 Cụm thi đua ...".)
            let counted = (1..=3).contains(&word_before.len())
                && word_before.chars().all(|c| c.is_ascii_digit());
            if self.general.is_match(&word_before) || counted || listed || of_two_kinds {
                general.push(doc.text[m.start..end].to_string());
                general_end = Some(end);
                continue;
            }
            found.push((m.start..end, doc.text[m.start..end].to_string()));
        }
        let (first, _) = found.first()?.clone();
        // The fullest mention of the first bloc: one with every word of its first name but
        // the bloc words ("Khối Nội chính" is "Khối thi đua các cơ quan Nội chính"), not
        // another bloc's ("Khối thi đua các sở, ngành kinh tế" named in passing). A kicker
        // line in capitals ("KHỐI THI ĐUA VĂN HÓA - XÃ HỘI") is the last choice.
        // A kicker in capitals gives way to the first mention written in lowercase.
        let first_written = found
            .iter()
            .find(|(_, name)| name.chars().any(char::is_lowercase))
            .map_or(&first, |(r, _)| r);
        // An abbreviation ("Khối MTTQ và các đoàn thể") may be written out in the fuller
        // mention ("Khối thi đua Mặt trận Tổ quốc và các đoàn thể"): the other words decide.
        let first_written = &doc.text[first_written.clone()];
        let abbreviations: Vec<String> = first_written
            .split(|c: char| !super::is_alphanumeric(c))
            .filter(|w| {
                w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !w.chars().any(char::is_lowercase)
            })
            .map(str::to_lowercase)
            .collect();
        let spelled: Vec<String> = content_words(first_written)
            .into_iter()
            .filter(|w| !abbreviations.contains(w))
            .collect();
        let first_words = if !spelled.iter().any(|w| w.chars().any(char::is_alphabetic)) {
            content_words(first_written)
        } else {
            spelled
        };
        let best = found
            .iter()
            .filter(|(_, name)| {
                let words = content_words(name);
                first_words.iter().all(|w| words.contains(w))
            })
            .max_by_key(|(r, name)| (name.chars().any(char::is_lowercase), r.len()))
            .map(|(r, _)| r.clone())
            .unwrap_or(first.clone());
        // The words around the bloc: the headline and lead, and every sentence naming it.
        let context: String = sentences
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                *i < 3
                    || found
                        .iter()
                        .any(|(r, _)| s.start <= r.start && r.start < s.end)
            })
            .map(|(_, s)| &doc.text[s.clone()])
            .collect::<Vec<_>>()
            .join(" ");
        // The bloc's own name decides first; the words around it when the name says nothing.
        let names: String = found
            .iter()
            .map(|(_, n)| n.as_str())
            .chain(general.iter().map(String::as_str))
            .collect::<Vec<_>>()
            // Apart, so that one name's end and the next one's start make no phrase ("...
            // Tây Nam Bộ" and "Cụm ..." are not "Bộ Cụm").
            .join(";\n");
        let (sector, named) = [names, context]
            .iter()
            .enumerate()
            .find_map(|(i, text)| {
                let folded = fold_text(text);
                self.sectors
                    .iter()
                    .find(|(_, re)| re.is_match_in(text, &folded))
                    .map(|(s, _)| (*s, i == 0))
            })
            .unwrap_or((Sector::Other, false));
        let (mention, span) = doc.mention(best.start, best.end);
        Some(Found {
            name: canonical_name(&mention),
            sector,
            named,
            mention,
            span,
            range: best,
            first: first.start,
        })
    }

    fn name_end(&self, text: &str, from: usize, provinces: &Provinces) -> usize {
        // The first stop within 160 bytes; a stop word must end a word ("có" but not "cơ").
        let limit = floor_char(text, (from + 160).min(text.len()));
        let window = &text[from..floor_char(text, (limit + 64).min(text.len()))];
        let mut i = limit;
        let mut at = 0;
        while let Some(m) = self.stop.find_at(window, at) {
            if from + m.start() >= limit {
                break;
            }
            let stop = m.as_str().trim_start();
            let punctuation = !stop.ends_with(super::is_alphanumeric);
            // "các Bộ, ngành Nội chính", "các trường đại học, cao đẳng": a list of kinds of
            // unit goes on past its commas; so does "các tổ chức chính trị - xã hội", or
            // "tổ chức chính trị - xã hội" without "các" (where "tổ chức hội nghị" is the verb).
            let goes_on = if stop == "," {
                self.name_list.is_match(&window[m.end()..])
            } else {
                let before = &window[..m.start()];
                stop.eq_ignore_ascii_case("tổ chức")
                    && (before.ends_with("các")
                        || before.ends_with("Các")
                        || window[m.end()..].trim_start().starts_with("chính trị"))
            };
            if !goes_on && (punctuation || ends_word(text, from + m.end())) {
                i = from + m.start();
                break;
            }
            at = m.start() + window[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        let mut name = text[from..i].trim_end();
        // A lowercase word that names no part of a bloc ends the name: "Khối Kinh tế - Kỹ
        // thuật đỡ đầu các xã" is "Khối Kinh tế - Kỹ thuật".
        // The second syllable of a capitalized word stays ("Tài nguyên", "Chính phủ").
        let mut at = 0;
        let mut after_capital = false;
        for word in name.split([' ', '-']) {
            let bare = word.trim_matches(|c: char| !super::is_alphanumeric(c));
            let lowercase = bare.chars().next().is_some_and(char::is_lowercase);
            if at > 0 && lowercase && !after_capital && !self.name_word.is_match(bare) {
                name = name[..at].trim_end_matches([' ', '-']);
                break;
            }
            after_capital = bare.chars().next().is_some_and(char::is_uppercase);
            at += word.len() + 1;
        }
        // "Cụm thi đua các tỉnh Bắc sông Hậu - Nguyễn Hữu Dũng": a person's name after a
        // dash (a family name and one to three capitalized words, where a bloc's name goes
        // on in lowercase: "Văn hóa - Xã hội", "Mặt trận - Đoàn thể") ends it.
        let dash = [" - ", " – "]
            .iter()
            .filter_map(|d| name.rfind(d).map(|i| (i, i + d.len())))
            .max();
        if let Some((i, after)) = dash {
            let tail: Vec<&str> = name[after..]
                .split_whitespace()
                .take_while(|w| w.starts_with(char::is_uppercase))
                .collect();
            let person = (2..=4).contains(&tail.len()) && self.name_words.contains(tail[0]);
            if person {
                name = name[..i].trim_end();
            }
        }
        // "Cụm thi đua 6- Trường THCS Trần Quốc Toản 1 tổ chức": after the bloc's number, a
        // dash glued to it and a unit's head word names its head unit (not "Cụm thi đua số 6-
        // Tây Nguyên").
        if let Some(end) = number_then_dash(name).filter(|&end| {
            let after = name[end..].trim_start_matches(['-', '–', ' ']);
            self.unit_head.is_match(after)
        }) {
            name = &name[..end];
        }
        // "Khối thi đua Văn hóa - Xã hội tỉnh": the province is not part of the name.
        let name = strip_province_word(name, provinces);
        from + name.len()
    }

    /// Where the blocs' names begin and their head words end: "thi đua Cụm 1" names "Cụm 1"
    /// (see the `bloc` cue).
    fn mentions(&self, text: &str) -> Vec<Range<usize>> {
        let named: Vec<Range<usize>> = self
            .head
            .find_iter(text)
            .map(|m| {
                let lead = m
                    .as_str()
                    .get(..3)
                    .is_some_and(|w| w.eq_ignore_ascii_case("thi"));
                match m.as_str().find('C') {
                    Some(at) if lead => m.start() + at..m.end(),
                    _ => m.range(),
                }
            })
            .collect();
        if !named.is_empty() {
            return named;
        }
        self.unnamed.find_iter(text).map(|m| m.range()).collect()
    }

    /// Whether the article reports a conference of the bloc: the headline or the lead names
    /// the bloc and a meeting, and nothing says it is another kind of event (an article on a
    /// province's commendation ceremony may name the blocs in passing, further down).
    pub fn is_meeting(&self, doc: &Doc, bloc: &Found, title: Option<&str>) -> bool {
        // The lead: the first 1,000 characters, so that a page without its headline whose
        // first paragraph reviews the year names the meeting in the second ("Thiếu tướng
        // X, Cụm trưởng Cụm thi đua số 1, chủ trì Hội nghị").
        let lead_end = doc.byte_at(1000);
        let lead = &doc.text[..lead_end];
        let first_line = title.unwrap_or_else(|| lead.lines().next().unwrap_or(""));
        if self.not_meeting.is_match(first_line) || bloc.first >= lead_end {
            return false;
        }
        // "Sở Y tế tổng kết năm 2023 ... Sở Y tế là Trưởng Khối thi đua Văn hóa - Xã hội":
        // a unit's own meeting, whose headline names no bloc and whose text names one only
        // in the unit's office (or as the bloc it leads: "dẫn đầu Khối thi đua ...").
        let in_office = |at: usize| {
            self.in_office
                .is_match(doc.text[floor_char(doc.text, at.saturating_sub(30))..at].trim_end())
        };
        let only_offices = self
            .mentions(doc.text)
            .iter()
            .all(|m| m.start < bloc.first || in_office(m.start));
        if only_offices && !self.head.is_match(first_line) {
            return false;
        }
        self.meeting.is_match(lead)
    }

    /// The province whose bloc it is: named after the bloc ("Khối thi đua VHXH tỉnh Bắc
    /// Kạn"), else the one the text names most (a host, a unit, a campaign), else the site.
    pub fn province(
        &self,
        doc: &Doc,
        sentences: &[Range<usize>],
        bloc: &Found,
        provinces: &Provinces,
        context: &Context,
    ) -> Option<Province> {
        let after = &doc.text[bloc.range.end..];
        if let Some(m) = self.province_after.find(after) {
            if let Some(end) = provinces.name_at(&after[m.end()..]) {
                let start = bloc.range.end + m.end();
                return Some(self.make(doc, provinces, start, start + end));
            }
        }
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        for m in provinces.find_iter(doc.text) {
            let word_before = doc.text[..m.start()]
                .strip_suffix(' ')
                .and_then(|t| t.rsplit(' ').next());
            if word_before.is_some_and(|w| self.name_words.contains(w)) {
                continue;
            }
            if let Some(name) = provinces.canonical(m.as_str()) {
                let entry = counts.entry(name).or_insert((0, m.start()));
                entry.0 += 1;
            }
        }
        let from_url = context.url.and_then(|url| provinces.from_url(url));
        if let Some((name, (n, at))) = counts
            .iter()
            .max_by_key(|(_, (n, at))| (*n, std::cmp::Reverse(*at)))
        {
            // A province named once, in passing, in a sentence that is not about the bloc
            // ("... tăng cường cán bộ cho BĐBP tỉnh An Giang" on baobariavungtau.com.vn)
            // does not outweigh the site's own province, which its own press leaves unnamed.
            let in_passing = *n == 1 && !self.names_bloc(sentence_around(sentences, *at, doc));
            if !(in_passing && from_url.as_ref().is_some_and(|u| u != name)) {
                let end = *at + provinces.name_at(&doc.text[*at..])?;
                return Some(self.make(doc, provinces, *at, end));
            }
        }
        let name = from_url?;
        Some(Province {
            successor: provinces.successor(&name),
            name,
            mention: None,
            span: None,
            from: Some("url".into()),
        })
    }

    /// Whether a sentence names a bloc or cluster.
    pub(crate) fn names_bloc(&self, sentence: &str) -> bool {
        self.head.is_match(sentence)
    }

    /// Whether a text names a meeting ("hội nghị", "tổng kết", "ký kết giao ước").
    pub(crate) fn names_meeting(&self, text: &str) -> bool {
        self.meeting.is_match(text)
    }

    /// The first province named within `range` of the text, or else of a city named there.
    pub fn province_in(
        &self,
        doc: &Doc,
        range: std::ops::Range<usize>,
        provinces: &Provinces,
    ) -> Option<Province> {
        provinces
            .find_iter(&doc.text[range.clone()])
            .filter(|m| provinces.canonical(m.as_str()).is_some())
            .find_map(|m| {
                let start = range.start + m.start();
                let end = start + provinces.name_at(&doc.text[start..])?;
                Some(self.make(doc, provinces, start, end))
            })
            .or_else(|| {
                // "tại thành phố Vinh": a city of the province, its mention the city's name.
                let (name, at) = provinces.city_in(&doc.text[range.clone()])?;
                let (mention, span) = doc.mention(range.start + at.start, range.start + at.end);
                Some(Province {
                    successor: provinces.successor(&name),
                    name,
                    mention: Some(mention),
                    span: Some(span),
                    from: None,
                })
            })
    }

    fn make(&self, doc: &Doc, provinces: &Provinces, start: usize, end: usize) -> Province {
        let (mention, span) = doc.mention(start, end);
        let name = provinces
            .canonical(&mention)
            .unwrap_or_else(|| mention.clone());
        Province {
            successor: provinces.successor(&name),
            name,
            mention: Some(mention),
            span: Some(span),
            from: None,
        }
    }
}

/// The sentence holding byte `at` (the whole text when no sentence does).
fn sentence_around<'t>(sentences: &[Range<usize>], at: usize, doc: &Doc<'t>) -> &'t str {
    let k = sentences.partition_point(|s| s.end <= at);
    match sentences.get(k) {
        Some(s) if s.start <= at => &doc.text[s.clone()],
        _ => doc.text,
    }
}

/// The lowercase words of a bloc's name but those every bloc's name may hold.
fn content_words(name: &str) -> Vec<String> {
    const BLOC_WORDS: [&str; 9] = ["khối", "cụm", "thi", "đua", "các", "cơ", "quan", "số", "và"];
    name.split(|c: char| !super::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !BLOC_WORDS.contains(&w.as_str()))
        .collect()
}

/// The word before a bloc word at `at`, lowercase, skipping a list of other bloc words:
/// "các" in "các Khối thi đua", and in "các khối, cụm thi đua" or "các cụm khối thi đua"
/// before "cụm"; and whether there was such a list (blocs of two kinds are blocs in
/// general: "69 đơn vị thuộc cụm, khối thi đua do tỉnh tổ chức").
fn general_word_before(text: &str, at: usize) -> (String, bool) {
    let mut before = text[..at].trim_end();
    // A word of the line before is not this one's ("... năm 2016\n\nKhối thi đua").
    if text[before.len()..at].contains('\n') {
        return (String::new(), false);
    }
    let mut of_two_kinds = false;
    loop {
        let rest = before
            .strip_suffix(',')
            .or_else(|| before.strip_suffix(" và"))
            .or_else(|| before.strip_suffix('/'))
            .map_or(before, str::trim_end);
        // Only the last word is lowercased: the text before may be the whole article.
        let word_start = rest.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let lower = rest[word_start..].to_lowercase();
        match ["khối", "cụm"].iter().find(|w| lower == **w) {
            Some(w) => {
                before = rest[..word_start].trim_end();
                // Not the same word again: "Trưởng khối Khối thi đua ..." is one bloc.
                let bloc_word: String = text[at..]
                    .chars()
                    .take(4)
                    .flat_map(char::to_lowercase)
                    .collect();
                of_two_kinds |= !bloc_word.starts_with(w);
            }
            None => break,
        }
    }
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    (word, of_two_kinds)
}

/// "Khối thi đua Văn hóa - Xã hội tỉnh Bắc Kạn", "... huyện", "Khối thi đua 8 và": the
/// place and a dangling connector are not part of the name. After "tỉnh" only a province's
/// name is a place: "Cụm thi đua 7 tỉnh Trung du và miền núi phía Bắc" keeps its words.
fn strip_province_word<'n>(name: &'n str, provinces: &Provinces) -> &'n str {
    let mut name = name;
    for place in [" tỉnh", " Tỉnh", " TỈNH", " thành phố", " TP", " huyện"] {
        if let Some(i) = name.find(place) {
            let rest = &name[i + place.len()..];
            // "UBND TPHCM": a word that only starts so.
            if rest.starts_with(super::is_alphanumeric) {
                continue;
            }
            let named = rest.starts_with(' ')
                && rest.trim_start().starts_with(char::is_uppercase)
                && (!place.ends_with(['h', 'H']) || provinces.name_at(rest.trim_start()).is_some());
            // "các cơ quan cấp tỉnh", "các đơn vị Y tế tuyến tỉnh" name a level, not a place.
            let level =
                rest.is_empty() && (name[..i].ends_with(" cấp") || name[..i].ends_with(" tuyến"));
            // "Khối thi đua số 3 thuộc UBND tỉnh (Bình Định)": the body the bloc belongs to
            // keeps its word, without the province's name.
            let body = [" UBND", " Ủy ban nhân dân"]
                .iter()
                .any(|w| name[..i].ends_with(w));
            // "các huyện, thị xã, thành phố" lists kinds of unit, not a place.
            let kind = [",", " các", " và"].iter().any(|w| name[..i].ends_with(w));
            if body {
                name = &name[..i + place.len()];
            } else if (rest.is_empty() && !level && !kind) || named {
                name = &name[..i];
            }
        }
    }
    loop {
        let trimmed = name.trim_end_matches([' ', '-', ',']);
        let trimmed = ["và", "các", "của"]
            .iter()
            .find_map(|w| trimmed.strip_suffix(w).filter(|t| t.ends_with(' ')))
            .unwrap_or(trimmed);
        if trimmed.len() == name.len() {
            return name;
        }
        name = trimmed;
    }
}

/// The bloc's name as the record gives it: "Khối thi đua ..." with the common
/// abbreviation written out ("Khối VHXH" → "Khối thi đua Văn hóa - Xã hội").
fn canonical_name(mention: &str) -> String {
    let mut name = mention
        .replace("VHXH", "Văn hóa - Xã hội")
        .replace("VH-XH", "Văn hóa - Xã hội");
    // "khối thi đua, khen thưởng các huyện" is the "Khối thi đua các huyện".
    if name.contains("hen thưởng") {
        let lower = name.to_lowercase();
        // (Offsets of the lowercase copy are the name's where no letter changed length.)
        let found = ["thi đua, khen thưởng", "thi đua khen thưởng"]
            .iter()
            .find_map(|w| Some((lower.find(w)?, w.len())))
            .filter(|_| lower.len() == name.len());
        if let Some((at, len)) = found {
            name.replace_range(at..at + len, "thi đua");
        }
    }
    let lower = name.to_lowercase();
    if !lower.contains("thi đua") {
        for head in ["Khối", "Cụm", "khối", "cụm"] {
            if let Some(rest) = name.strip_prefix(head) {
                name = format!("{} thi đua{}", super::capitalize(head), rest);
                break;
            }
        }
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace("Thi đua", "thi đua"),
        None => name,
    }
}

/// The end of a number the dash after it is glued to, before a capital ("Cụm thi đua 6-
/// Trường THCS A"): the end of the bloc's name. A spaced dash may go on with the name
/// ("Cụm thi đua số 2 - Bảo hiểm xã hội Việt Nam").
fn number_then_dash(name: &str) -> Option<usize> {
    name.char_indices().find_map(|(i, c)| {
        let digit = name.as_bytes()[..i].last().is_some_and(u8::is_ascii_digit);
        let after = name[i + c.len_utf8()..].strip_prefix(' ')?;
        (matches!(c, '-' | '–') && digit && after.starts_with(char::is_uppercase)).then_some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bloc's name the text gives.
    fn name(text: &str) -> String {
        let patterns = Patterns::builtin().unwrap();
        let blocs = Blocs::new(&patterns).unwrap();
        let provinces = Provinces::new(&patterns).unwrap();
        let doc = Doc::new(text);
        blocs
            .find(&doc, &doc.sentences(), &provinces)
            .map(|b| b.name)
            .unwrap_or_default()
    }

    #[test]
    fn names_run_on_past_lists_of_kinds_of_unit() {
        assert_eq!(
            name("Khối thi đua các Bộ, ngành Nội chính Trung ương tổ chức hội nghị."),
            "Khối thi đua các Bộ, ngành Nội chính Trung ương"
        );
        assert_eq!(
            name("Cụm thi đua các trường đại học, cao đẳng tỉnh Nghệ An họp."),
            "Cụm thi đua các trường đại học, cao đẳng"
        );
        assert_eq!(
            name("Khối thi đua Mặt trận và các tổ chức chính trị - xã hội tổ chức hội nghị."),
            "Khối thi đua Mặt trận và các tổ chức chính trị - xã hội"
        );
        // A comma before anything else ends the name.
        assert_eq!(
            name("Khối thi đua Kinh tế, các đơn vị đã ký giao ước."),
            "Khối thi đua Kinh tế"
        );
    }

    #[test]
    fn only_a_province_after_tinh_is_a_place() {
        assert_eq!(
            name("Cụm thi đua 6 tỉnh Trung du và miền núi phía Bắc tổ chức hội nghị."),
            "Cụm thi đua 6 tỉnh Trung du và miền núi phía Bắc"
        );
        assert_eq!(
            name("Khối thi đua Nội chính tỉnh Điện Biên tổ chức hội nghị."),
            "Khối thi đua Nội chính"
        );
        assert_eq!(
            name("Khối thi đua các cơ quan cấp tỉnh tổ chức hội nghị."),
            "Khối thi đua các cơ quan cấp tỉnh"
        );
        assert_eq!(
            name("Khối thi đua số 3 thuộc UBND tỉnh Bình Định tổ chức hội nghị."),
            "Khối thi đua số 3 thuộc UBND tỉnh"
        );
    }

    #[test]
    fn the_fullest_mention_of_the_first_bloc() {
        // Not another bloc's longer name, nor a kicker line in capitals.
        assert_eq!(
            name("KHỐI THI ĐUA NỘI CHÍNH\nKhối Nội chính tổng kết. Khối thi đua các cơ quan Nội chính tỉnh tổ chức hội nghị. Khối thi đua các sở, ngành kinh tế tham dự."),
            "Khối thi đua các cơ quan Nội chính"
        );
    }

    #[test]
    fn a_bloc_named_without_emulation_only_where_none_is_named_with_it() {
        assert_eq!(
            name("Khối các tổ chức Chính trị - Xã hội - Nghề nghiệp tỉnh Gia Lai ký giao ước."),
            "Khối thi đua các tổ chức Chính trị - Xã hội - Nghề nghiệp"
        );
        // Named with "thi đua" elsewhere: that name.
        assert_eq!(
            name("Khối các tổ chức chính trị - xã hội ký giao ước. Khối thi đua các đoàn thể tỉnh Gia Lai tổ chức lễ ký."),
            "Khối thi đua các đoàn thể"
        );
        // In small letters, in passing; a council; the bloc organizing.
        for text in [
            "Tỉnh ủy chỉ đạo khối các tổ chức chính trị - xã hội thực hiện tốt nhiệm vụ.",
            "Thường trực HĐND huyện giao ban với Khối các hội đồng nhân dân xã.",
            "Khối tổ chức hội nghị giao ban.",
        ] {
            assert_eq!(name(text), "", "{text}");
        }
    }
}
