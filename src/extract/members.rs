//! The bloc's members: the count the article states ("Khối gồm 10 đơn vị"), the units it
//! enumerates ("gồm: Sở Giáo dục và Đào tạo; Sở Y tế; ..."), and the units said to join
//! later ("Năm 2023 Khối có thêm 02 đơn vị gồm: ...").

use std::ops::Range;

use regex::Regex;

use super::provinces::Provinces;
use super::units::{is_province, List, Units};
use super::{cue, cue_lines, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::{Members as Found, Unit, Warning};

/// A member list's sentence up to the list's start, and where its list word ("gồm")
/// begins.
struct Lead {
    sentence: Range<usize>,
    word: usize,
}

#[derive(Clone)]
pub struct Members {
    count: Vec<Regex>,
    /// A word before a count's number that makes it none of the members' ("số 2", "thuộc 3").
    not_count_after: Regex,
    /// A word right after a count that makes it no count of members ("19 xã đạt chuẩn").
    not_count_before: Regex,
    list: Regex,
    /// A list in brackets after a bloc's short name: "Cụm Đông Nam bộ (Trường ...".
    bracket: Regex,
    /// After a list's last unit, its office: "..., UBND huyện A làm Cụm trưởng".
    then_office: Regex,
    /// The members taking part, counted: "với sự tham gia của 09 tổ chức: A, B".
    taking_part: Regex,
    added: Regex,
    /// A bare word of joining ("bổ sung"), and what must follow its list ("là thành viên").
    join: Regex,
    joined: Regex,
    /// After a unit that joins the bloc: "Công an tỉnh X sẽ tham gia Cụm thi đua số 5".
    joins_bloc: Regex,
    /// What a sentence must speak of for its list to be the bloc's members.
    about_bloc: Regex,
    /// Between "gồm" and the first unit: a count, a colon ("gồm 10 đơn vị, gồm:").
    lead_in: Regex,
    /// `lead_in` without the `\b` after "là", for a text where no "là" is followed by a
    /// letter: there the two match alike, and this one runs on the fast engine.
    lead_in_quick: Regex,
    /// `lead_in` without its count, for a text whose first character that is not a letter
    /// or a space is no digit: the count cannot match there.
    lead_in_plain: Regex,
    /// "gồm 7 trường chính trị tỉnh A, B": a kind written small, then its provinces.
    small_kind: Regex,
    /// "ngành Văn hóa, Thể thao và Du lịch": the kind of member of a cluster of provinces.
    sector_unit: Vec<Regex>,
    /// "Công an 7 tỉnh Cụm thi đua số II": the kind of member of a cluster of provinces
    /// said elsewhere, before a count of its provinces.
    provinces_count: Regex,
    /// After the one kind of unit of a cluster of provinces: "các tỉnh:", "của các tỉnh",
    /// ":" ("gồm các Sở VHTTDL: Thanh Hóa, Nghệ An").
    provinces_follow: Regex,
    /// After the one kind of unit of a cluster of districts: "các huyện:", "các huyện, thị xã".
    /// A list of departments without "Sở": "gồm các sở:".
    departments: Regex,
    /// What follows a list of award recipients: "được suy tôn", "được đề nghị".
    recipients_after: Regex,
    /// What precedes a list of award recipients: "tặng Cờ thi đua gồm:".
    recipients_lead: Regex,
    /// A list of places: "các địa phương:", "các huyện" (whole words, see `super::words`).
    localities: Regex,
    /// The local governments of a kind of place, as one name: "Ủy ban nhân dân các huyện".
    governments: Regex,
    /// A member named as the local government of one place of a list: "Ủy ban nhân dân
    /// các huyện Mường Lát" (of "UBND các huyện Mường Lát, Quan Hóa").
    government_of: Regex,
    /// "Thanh tra các đơn vị:", "7 đảng ủy:" before the list: a body within each unit.
    part: Regex,
}

impl Members {
    pub fn new(patterns: &Patterns) -> Result<Members, PatternError> {
        let count = cue_lines(patterns, "member_count")?;
        // "gồm 10 đơn vị, gồm:", "có Công an 5 tỉnh là", "gồm 12 thành viên (", "gồm Sở
        // Văn hóa, Thể thao và Du lịch 4 tỉnh:": a count before the first unit, perhaps
        // after the one kind of unit counted, its `\b` given.
        let count_before = |b: &str| {
            format!(
                r"(?:(?:(?-i:[\p{{Lu}}&&\p{{Latin}}])[^:;.()0-9\n]*?\s+)?[0-9]{{1,2}}\s+[^:;.()]*?(?:,\s*(?:gồm|bao gồm)\s*)?(?::|\s+là{b}|\s*\())?"
            )
        };
        // "các huyện:", "các huyện, thị xã:", "các quận/huyện:": the kind of member; a count
        // of them without a colon ("gồm 3 huyện Khánh Vĩnh, ...") when no count took it.
        // "Thanh tra các đơn vị:": a body within each member before its kind (`member_part`).
        let kind = super::cue_source(patterns, "member_kind")?;
        let part = super::cue_source(patterns, "member_part")?;
        let generic = super::cue_source(patterns, "member_generic")?;
        let lead_in = |count: &str| {
            crate::patterns::regex(&format!(
                r"(?i)^\s*(?:có\s+)?{count}\s*:?\s*(?:(?:(?:{part})\s+)?(?:các|[0-9]{{1,2}})\s+(?:{kind})(?:\s*(?:,|/|và)\s*(?:{kind}))*\s*:?\s*|(?:các|[0-9]{{1,2}})\s+(?-i:{generic})\s*:\s*)?"
            ))
            .expect("compiles")
        };
        Ok(Members {
            count,
            list: cue(patterns, "member_list")?,
            not_count_after: super::around_cue(patterns, "not_count_after", r"(?i)\s(?:{})\s*$")?,
            not_count_before: super::around_cue(
                patterns,
                "not_count_before",
                r"(?i)^\s*(?:{})(?:\s|$)",
            )?,
            bracket: cue(patterns, "member_bracket")?,
            then_office: cue(patterns, "member_then_office")?,
            taking_part: cue(patterns, "member_taking_part")?,
            added: cue(patterns, "added")?,
            join: cue(patterns, "join")?,
            joined: cue(patterns, "joined")?,
            joins_bloc: cue(patterns, "joins_bloc")?,
            about_bloc: cue(patterns, "member_of")?,
            small_kind: cue(patterns, "small_kind")?,
            sector_unit: cue_lines(patterns, "sector_unit")?,
            provinces_count: cue(patterns, "provinces_count")?,
            provinces_follow: super::around_cue(
                patterns,
                "provinces_word",
                r"(?i)^\s*(?:(?:của\s+)?(?:{})(?:[^:;.\n]{0,40}?:|(?:\s+(?:trong|thuộc)\s+(?:cụm|khối)(?:\s+thi\s+đua)?)?\s*(?:gồm\s*)?:?)|:)\s*",
            )?,
            // "gồm các sở:", "09 Sở, ngành thuộc Khối thi đua, gồm:".
            departments: crate::patterns::regex(
                r"(?i)(?:các|[0-9]{1,2})\s+sở(?:\s*,\s*(?:ban\s*,\s*)?ngành)?(?:\s+(?:thuộc|trong|của)\s+(?:khối|cụm)[^,:;.]*)?\s*,?\s*(?:(?:bao\s+)?gồm(?:\s+có)?)?\s*:?\s*$",
            )
            .expect("compiles"),
            recipients_after: super::around_cue(
                patterns,
                "recipients_follow",
                r"(?i)^\s*(?:{})\b",
            )?,
            localities: super::around_cue(patterns, "locality_list", r"(?i)(?:{})")?,
            governments: crate::patterns::regex(&format!(
                r"(?i)^(?:{governments})\s+các\s+(?:{places})(?:\s*(?:,|/|và)\s*(?:{places}))*$",
                governments = super::GOVERNMENT_WORDS.join("|"),
                places = super::PLACE_WORDS.join("|")
            ))
            .expect("compiles"),
            government_of: crate::patterns::regex(&format!(
                r"^(?i:{governments})\s+các\s+(?:{places})\s+(?P<place>[\p{{Lu}}&&\p{{Latin}}].*)$",
                governments = super::GOVERNMENT_WORDS.join("|"),
                places = super::PLACE_WORDS.join("|")
            ))
            .expect("compiles"),
            part: super::around_cue(
                patterns,
                "member_part",
                r"(?i)(?:(?:^|\s)(?:các|[0-9]{1,2})\s+(?P<counted>{})|(?:^|\s)(?P<each>{})\s+các\s+(?:đơn vị|cơ quan|sở(?:\s*,\s*(?:ban\s*,\s*)?ngành)?|ngành))\s*:\s*$",
            )?,
            recipients_lead: cue(patterns, "recipients_lead")?,
            lead_in: lead_in(&count_before(r"\b")),
            lead_in_quick: lead_in(&count_before("")),
            lead_in_plain: lead_in(""),
        })
    }

    /// The number of members `text` states ("Khối gồm 10 đơn vị"), two or more.
    fn stated_count(&self, text: &str, provinces: &Provinces) -> Option<u32> {
        self.count.iter().find_map(|rule| {
            let c = rule.captures(text)?;
            let n = c.name("n")?;
            if self.not_count_after.is_match(&text[..n.start()]) {
                return None;
            }
            // The rule may end on the space or mark after its kind. "6/6 đơn vị đều hoàn
            // thành": of a share, the whole is the count, whatever they did.
            let kind_end = c.get(0)?.end();
            let after = text[..kind_end]
                .trim_end_matches(|ch: char| !ch.is_alphanumeric())
                .len();
            if !text[..n.start()].ends_with('/') && self.not_count_before.is_match(&text[after..]) {
                return None;
            }
            // "Khối thi đua 11 thành phố Hồ Chí Minh": the bloc's number, then its city.
            if names_province(text[n.end()..].trim_start(), provinces) {
                return None;
            }
            n.as_str().parse().ok().filter(|&n: &u32| n >= 2)
        })
    }

    /// The length of the lead-in (`lead_in`) that `text` starts with.
    fn lead_in(&self, text: &str) -> usize {
        // The count is read up to a digit, before the end of the clause.
        let counted = text
            .chars()
            .find(|&c| c.is_numeric() || matches!(c, ':' | ';' | '.' | '(' | ')' | '\n'))
            .is_some_and(char::is_numeric);
        // The count runs up to the first of these; "là" ends it only as a word ("là", not
        // "làm"), the `\b` that keeps `lead_in` off the fast engine.
        let head = &text[..text.find([':', ';', '.', '(', ')']).unwrap_or(text.len())];
        let la_word = || {
            head.match_indices(['l', 'L']).all(|(i, _)| {
                head[i + 1..]
                    .strip_prefix(['à', 'À'])
                    .and_then(|r| r.chars().next())
                    .is_none_or(|c| c.is_whitespace() || (c.is_ascii_punctuation() && c != '_'))
            })
        };
        let rule = if !counted {
            &self.lead_in_plain
        } else if la_word() {
            &self.lead_in_quick
        } else {
            &self.lead_in
        };
        rule.find(text).map_or(0, |l| l.end())
    }

    /// In a cluster of provinces the members are one kind of unit in each: "Cụm thi đua gồm
    /// Công an 5 thành phố: Hà Nội, ..." or "Cụm ... ngành Văn hóa, Thể thao và Du lịch gồm
    /// các tỉnh: Kon Tum, Gia Lai" (the provinces' departments of culture).
    fn distribute(
        &self,
        doc: &Doc,
        lead: Lead,
        bloc: Range<usize>,
        list: &mut [Unit],
        units: &Units,
        provinces: &Provinces,
    ) {
        if list.is_empty() || !list.iter().all(|u| is_province(u, provinces)) {
            return;
        }
        // The kind named in the lead: after the list word, else before it in the sentence
        // when the bloc's name names none ("Tham dự có lãnh đạo Sở Nội vụ, lãnh đạo Văn
        // phòng ... của các đơn vị trong Cụm thi đua, gồm: Bắc Giang, ..." in the article on
        // the "Cụm thi đua Sở Nội vụ các tỉnh ...": the departments, not their offices).
        let Lead {
            sentence: lead,
            word,
        } = lead;
        let named_in = |range: Range<usize>| {
            units
                .all_in(doc, range, provinces)
                .into_iter()
                .rev()
                .find(|u| provinces.canonical(&u.name).is_none())
                .map(|u| (u.id.clone(), units.in_province(&u)))
        };
        let word = word.max(lead.start);
        let kind = named_in(word..lead.end)
            .or_else(|| {
                // "ngành Văn hóa, Thể thao và Du lịch", "Bộ TN&MT": the provinces'
                // departments of that sector; the longest name the gazetteer knows.
                let text = &doc.text[..lead.end];
                self.sector_unit
                    .iter()
                    .flat_map(|re| re.captures_iter(text))
                    .find_map(|c| {
                        // The first 60 characters: the rules leave the kind open, a
                        // bounded class of letters being megabytes of automaton.
                        let kind = c.name("kind")?.as_str();
                        let kind =
                            &kind[..kind.char_indices().nth(60).map_or(kind.len(), |(i, _)| i)];
                        let words: Vec<&str> = kind.split_whitespace().collect();
                        (1..=words.len()).rev().find_map(|n| {
                            let written = format!("Sở {}", words[..n].join(" "));
                            units.canonical(&written).map(|(id, name)| (Some(id), name))
                        })
                    })
            })
            .or_else(|| self.kind_before_count(doc, list.len(), units, provinces))
            .or_else(|| {
                // "Cụm thi đua UBMTTQ Việt Nam các tỉnh Bắc sông Hậu gồm 6 tỉnh: ...": the
                // kind the bloc's name gives its provinces.
                units
                    .all_in(doc, bloc.clone(), provinces)
                    .into_iter()
                    .find(|u| {
                        let end = doc.byte_at(u.span[1]);
                        provinces.canonical(&u.name).is_none()
                            && self.provinces_follow.is_match(&doc.text[end..bloc.end])
                    })
                    .map(|u| (u.id.clone(), units.in_province(&u)))
            })
            .or_else(|| named_in(lead.start..word));
        if let Some((id, name)) = kind {
            let name = without_region(name);
            for unit in list.iter_mut() {
                unit.province = Some(std::mem::take(&mut unit.name));
                unit.name = name.clone();
                unit.id = id.clone();
            }
        }
    }

    /// The unit written just before a count of as many provinces as the list holds,
    /// anywhere in the text: "năm 2016, Công an 7 tỉnh Cụm thi đua số II thông qua ...".
    fn kind_before_count(
        &self,
        doc: &Doc,
        listed: usize,
        units: &Units,
        provinces: &Provinces,
    ) -> Option<(Option<String>, String)> {
        self.provinces_count
            .captures_iter(doc.text)
            .filter_map(|c| c.name("n"))
            .filter(|n| n.as_str().parse() == Ok(listed))
            .find_map(|n| {
                let clause = super::start_before(doc.text, n.start(), &['.', ';', ',', ':', '\n']);
                let unit = units
                    .all_in(doc, clause..n.start(), provinces)
                    .pop()
                    .filter(|u| provinces.canonical(&u.name).is_none())?;
                let end = doc.byte_at(unit.span[1]);
                doc.text[end..n.start()]
                    .trim()
                    .is_empty()
                    .then_some((unit.id, unit.name))
            })
    }

    pub fn find(
        &self,
        doc: &Doc,
        sentences: &[Range<usize>],
        bloc: Range<usize>,
        units: &Units,
        provinces: &Provinces,
        warnings: &mut Vec<Warning>,
    ) -> Found {
        let mut found = Found::default();
        // Where the next member list word starts in the whole text (`usize::MAX`: nowhere):
        // sentences before it are passed without a search of their own, since a match within
        // a sentence is one in the text.
        let mut next_list = self.list.find(doc.text).map_or(usize::MAX, |m| m.start());
        let description = member_description(&doc.text[bloc.clone()]);
        for s in sentences {
            let text = &doc.text[s.clone()];
            let has_digit = text.bytes().any(|b| b.is_ascii_digit());
            if found.count_stated.is_none() && has_digit && self.about_bloc.is_match(text) {
                found.count_stated = self.stated_count(text, provinces);
            }
            // The members counted as the bloc's name describes them, then listed, in a
            // sentence that need not name the bloc: "5 huyện, thị đồng bằng gồm: ..." in the
            // article on "Cụm thi đua các huyện, thị đồng bằng" (counted alone, "lãnh đạo 10
            // huyện, thành phố đã tham gia", they may be only those present).
            let described = description
                .as_deref()
                .filter(|_| has_digit)
                .and_then(|d| described_count(text, d))
                .filter(|&(n, end)| {
                    // The list word right after the description: "5 huyện, thị đồng bằng
                    // gồm:", not "3 huyện miền núi đã ..., trong đó các xã gồm:".
                    n >= 2
                        && self.list.find_at(text, end).is_some_and(|m| {
                            text[end..m.start()]
                                .trim_matches(|c: char| c.is_whitespace() || c == ':' || c == ',')
                                .is_empty()
                        })
                });
            if let Some((n, _)) = described.filter(|_| found.count_stated.is_none()) {
                found.count_stated = Some(n);
            }
            if next_list < s.start {
                next_list = self
                    .list
                    .find_at(doc.text, s.start)
                    .map_or(usize::MAX, |m| m.start());
            }
            let bracket = text.contains('(');
            let taking_part = text.contains("sự tham gia");
            if next_list >= s.end && !bracket && !taking_part {
                continue;
            }
            let in_brackets = bracket.then(|| self.bracket.find_iter(text));
            let taking = taking_part.then(|| self.taking_part.find_iter(text));
            for m in self
                .list
                .find_iter(text)
                .chain(in_brackets.into_iter().flatten())
                .chain(taking.into_iter().flatten())
            {
                // The sentence up to the list word, and on from it (within `REACH`).
                let from = super::reach_back(doc.text, s.start + m.start()).max(s.start);
                let before = &doc.text[from..s.start + m.start()];
                // A bare "bổ sung" needs what follows its list instead ("là thành viên").
                let joining = self.join.is_match(m.as_str());
                if !joining
                    && !self.about_bloc.is_match(before)
                    && !self.about_bloc.is_match(m.as_str())
                    && described.is_none_or(|(_, end)| end > m.start())
                {
                    continue;
                }
                // "đề nghị tặng Cờ thi đua gồm: A và B": award recipients, not members.
                if self.recipients_lead.is_match(before) {
                    continue;
                }
                let after = s.start + m.end();
                // "Khối có thêm 02 đơn vị là ...": the list word may end the cue.
                let mut added = self.added.is_match(&doc.text[from..after]);
                let lead =
                    self.lead_in(&doc.text[after..super::reach_ahead(doc.text, after).min(s.end)]);
                let lead_text = &doc.text[s.start..after + lead];
                let localities = super::words(&self.localities, lead_text).next().is_some();
                let list_kind = List {
                    localities,
                    semicolons: true,
                    departments: self.departments.is_match(lead_text),
                    numbered: localities && lead_text.to_lowercase().contains("quận"),
                };
                // "gồm 5 Liên đoàn Lao động thành phố Cần Thơ, ...": a count right before the
                // first unit.
                let count = count_before_unit(&doc.text[after + lead..]);
                // "gồm 7 trường chính trị tỉnh Bắc Giang, Bắc Kạn", "gồm công an 6 tỉnh: A,
                // B", "gồm thanh tra 7 tỉnh biên giới phía Bắc: A, B": one kind written small
                // (which the lead may take for a part of each), then its provinces.
                let (mut list, mut list_end) = self
                    .small_kind_provinces(doc, after, s.end, units, provinces)
                    .unwrap_or_else(|| units.list_at(doc, after + lead, provinces, list_kind));
                let lead = if list.is_empty() && count > 0 {
                    (list, list_end) =
                        units.list_at(doc, after + lead + count, provinces, list_kind);
                    lead + count
                } else {
                    lead
                };
                // "gồm các Trường THPT: Nguyễn Du, Trường Chinh": one kind, then names.
                if list.is_empty() {
                    if let Some(found) =
                        units.list_of_kind_at(doc, after + lead, provinces, list_kind)
                    {
                        (list, list_end) = found;
                    }
                }
                let mut lead_end = after + lead;
                // Places standing for one kind of unit each: "gồm 6 VKSND các huyện, thị xã:
                // Đồng Xoài, Bình Long", "gồm 6 LĐLĐ quận: Hoàn Kiếm" (the kind in the lead,
                // before the kinds of place), "gồm các huyện Đức Linh, Tánh Linh thuộc Liên
                // đoàn Lao động tỉnh Bình Thuận" (a cluster of a provincial body: the
                // districts' bodies).
                if localities && list.iter().all(|u| is_place(u, provinces)) {
                    let in_lead = || {
                        units
                            .all_in(doc, after..lead_end, provinces)
                            .into_iter()
                            .find(|u| {
                                let rest = doc.text[doc.byte_at(u.span[1])..].trim_start();
                                // "Công an các huyện", "Công an 8 huyện".
                                let counted = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                                let rest = rest
                                    .strip_prefix("các ")
                                    .or_else(|| {
                                        counted
                                            .strip_prefix(' ')
                                            .filter(|_| counted.len() < rest.len())
                                    })
                                    .unwrap_or(rest);
                                u.province.is_none()
                                    && super::PLACE_WORDS.iter().any(|w| rest.starts_with(w))
                            })
                    };
                    let body = || {
                        units
                            .all_in(doc, list_end..s.end, provinces)
                            .into_iter()
                            .next()
                            .filter(|u| {
                                doc.text[list_end..doc.byte_at(u.span[0])].trim() == "thuộc"
                            })
                    };
                    if let Some(kind) = in_lead().or_else(body).filter(|u| u.id.is_some()) {
                        let lead = &doc.text[after..lead_end];
                        list = super::units::of_places(doc, &kind, lead, list);
                    }
                }
                // "gồm 4 đơn vị là UBND các huyện: A, B": the districts themselves. (A list
                // may run past its sentence, its items on lines of their own: then nothing of
                // the sentence follows it.)
                if let [one] = &list[..] {
                    let rest = doc.text.get(list_end..s.end).unwrap_or("");
                    if one.id.is_none() && self.governments.is_match(&one.name) {
                        if let Some(colon) = rest.strip_prefix(':').or(rest.strip_prefix(" :")) {
                            let start = s.end - colon.trim_start().len();
                            let places = List {
                                localities: true,
                                ..List::default()
                            };
                            let (found, end) = units.list_at(doc, start, provinces, places);
                            if found.len() > 1 {
                                (lead_end, list, list_end) = (start, found, end);
                            }
                        }
                    }
                }
                // "gồm Sở VH,TT&DL các tỉnh: Phú Thọ, Thái Nguyên", "gồm Trường Chính trị các
                // tỉnh: Lào Cai, Yên Bái": one kind of unit (in the gazetteer or not), then the
                // provinces it stands for.
                if let [kind] = &list[..] {
                    if kind.province.is_none() {
                        if let Some((found, start, end)) =
                            self.provinces_after(doc, list_end, s.end, units, provinces)
                        {
                            if !found.is_empty() {
                                lead_end = start;
                                let groups = self.more_groups(doc, end, units, provinces);
                                if let Some((more, more_end)) = groups {
                                    let mut each = units.in_each_province(kind, found, provinces);
                                    each.extend(more);
                                    (list, list_end) = (each, more_end);
                                } else {
                                    (list, list_end) = (found, end);
                                }
                            }
                        } else if let Some((found, start, end)) =
                            units.of_each_district(doc, kind, list_end, provinces)
                        {
                            (list, lead_end, list_end) = (found, start, end);
                        }
                    }
                }
                // "03 đơn vị gồm: A; B và C được suy tôn ...": award recipients, not members.
                if self.recipients_after.is_match(&doc.text[list_end..]) {
                    continue;
                }
                // A list in brackets fills them: not "12 đơn vị thành viên (Công an tỉnh và
                // Sở Tư pháp vắng mặt)".
                let counted = m.as_str().starts_with(|c: char| c.is_ascii_digit());
                if counted
                    && m.as_str().ends_with('(')
                    && !doc.text[list_end..].trim_start().starts_with(')')
                {
                    continue;
                }
                // "Khối bổ sung Sở X là thành viên": a bare "bổ sung" names members only so.
                if joining {
                    if !self
                        .joined
                        .is_match(doc.text.get(list_end..s.end).unwrap_or(""))
                    {
                        continue;
                    }
                    added = true;
                }
                // "gồm NHNN chi nhánh 5 tỉnh: A, B; NHNN chi nhánh A là Trưởng Cụm": the
                // provinces end the list at a ";" after which a unit begins a clause of its own.
                if let Some(cut) = list.iter().position(|u| !is_province(u, provinces)) {
                    let gap = |i: usize| {
                        &doc.text[doc.byte_at(list[i - 1].span[1])..doc.byte_at(list[i].span[0])]
                    };
                    if cut >= 2 && gap(cut).contains(';') {
                        list.truncate(cut);
                    }
                }
                // "là UBND các huyện Mường Lát, Quan Hóa": each district, by its name.
                for unit in list.iter_mut().filter(|u| u.id.is_none()) {
                    if let Some(place) = self.government_of.captures(&unit.name) {
                        unit.name = place["place"].to_string();
                    }
                }
                let lead = Lead {
                    sentence: s.start..lead_end,
                    word: s.start + m.start(),
                };
                self.distribute(doc, lead, bloc.clone(), &mut list, units, provinces);
                // "gồm Thanh tra các đơn vị: Sở Tài chính, Sở Xây dựng": the inspectorate of
                // each ("Thanh tra Sở Tài chính").
                if let Some(first) = list.first() {
                    let between = &doc.text[s.start + m.start()..doc.byte_at(first.span[0])];
                    if let Some(c) = self.part.captures(between) {
                        let part = c
                            .name("counted")
                            .or(c.name("each"))
                            .map_or("", |m| m.as_str());
                        list = super::units::within_each(part, list);
                    }
                }
                if list.len() < 2 && !(list.len() == 1 && added) {
                    continue;
                }
                if added {
                    // Members may join in two sentences ("kết nạp A ...; bổ sung B ...").
                    add_joining(&mut found.added, list);
                } else if found.units.is_empty() {
                    let lead = &doc.text[s.start + m.start()..lead_end];
                    let counted = self.stated_count(lead, provinces);
                    // "gồm 04 huyện: A, B, C, D, UBND huyện A làm Cụm trưởng": one unit more
                    // than counted, a listed one named again with its office after it, begins
                    // a clause of its own.
                    if let Some((last, listed)) = list
                        .split_last()
                        .filter(|_| counted.is_some_and(|n| list.len() == n as usize + 1))
                    {
                        // Its name ends with a listed one's words ("... huyện Tân Hồng").
                        let words = |name: &str| -> Vec<String> {
                            name.split_whitespace().map(str::to_lowercase).collect()
                        };
                        let again = words(&last.name);
                        let repeats = listed.iter().any(|u| again.ends_with(&words(&u.name)));
                        if repeats
                            && self
                                .then_office
                                .is_match(&doc.text[doc.byte_at(last.span[1])..])
                        {
                            list.pop();
                        }
                    }
                    found.units = list;
                    // "Dự hội nghị có đại diện 8 cơ quan trong Cụm. Cụm gồm 9 cơ quan: ...":
                    // the count that leads the list, from its list word on, is the bloc's
                    // when larger than one said before (those present; a smaller one is those
                    // listed: "Khối gồm 6 cơ quan. ... có 3 đơn vị vắng mặt, có mặt gồm: ...").
                    if let Some(n) = counted {
                        found.count_stated = Some(found.count_stated.map_or(n, |c| c.max(n)));
                    }
                }
            }
        }
        // "Từ năm 2025, Công an tỉnh Bình Thuận sẽ tham gia Cụm": the unit (or the two
        // joined by "và") right before the verb.
        for m in self.joins_bloc.find_iter(doc.text) {
            let clause = super::start_before(doc.text, m.start(), &['.', ';', '\n']);
            let mut named = units.all_in(doc, clause..m.start(), provinces);
            let Some(last) = named.pop() else {
                continue;
            };
            if !doc.text[doc.byte_at(last.span[1])..m.start()]
                .trim()
                .is_empty()
            {
                continue;
            }
            let mut joining = vec![last];
            if let Some(before) = named.pop() {
                let gap = &doc.text[doc.byte_at(before.span[1])..doc.byte_at(joining[0].span[0])];
                if gap.trim() == "và" {
                    joining.insert(0, before);
                }
            }
            add_joining(&mut found.added, joining);
        }
        if let Some(n) = found.count_stated {
            if !found.units.is_empty() && found.units.len() != n as usize {
                warnings.push(Warning::new(
                    "member_count_differs",
                    format!(
                        "the article says the bloc has {n} members but lists {}",
                        found.units.len()
                    ),
                ));
            }
        }
        found
    }

    /// "các tỉnh: Bình Định, Khánh Hòa" after a kind of unit that ends at byte `kind_end`
    /// (within `bound`): the places listed, and the bytes where the list starts and ends;
    /// `None` when no provinces are announced there.
    fn provinces_after(
        &self,
        doc: &Doc,
        kind_end: usize,
        bound: usize,
        units: &Units,
        provinces: &Provinces,
    ) -> Option<(Vec<Unit>, usize, usize)> {
        let m = self
            .provinces_follow
            .find(doc.text.get(kind_end..bound).unwrap_or(""))?;
        let start = kind_end + m.end();
        let (found, end) = units.list_at(doc, start, provinces, List::default());
        Some((found, start, end))
    }

    /// A kind of unit written small at byte `start` (within `bound`), then two provinces
    /// or more: the kind's unit in each, and the byte where the list ends.
    fn small_kind_provinces(
        &self,
        doc: &Doc,
        start: usize,
        bound: usize,
        units: &Units,
        provinces: &Provinces,
    ) -> Option<(Vec<Unit>, usize)> {
        let c = self.small_kind.captures(doc.text.get(start..bound)?)?;
        let kind = c.name("kind")?;
        let kind = units.kind_written_small(doc, start + kind.start(), start + kind.end())?;
        let at = start + c.get(0)?.end();
        let (places, end) = units.list_at(doc, at, provinces, List::default());
        if places.len() < 2 || !places.iter().all(|u| is_province(u, provinces)) {
            return None;
        }
        Some((units.in_each_province(&kind, places, provinces), end))
    }

    /// After a kind's provinces, more kinds with theirs, each after a ";" ("gồm: Sở VHTT
    /// các tỉnh: Bình Định, Khánh Hòa; Sở VHTT&DL các tỉnh: Quảng Nam, Quảng Ngãi"): their
    /// units, and the byte where the last list ends; `None` when no such group follows.
    fn more_groups(
        &self,
        doc: &Doc,
        mut at: usize,
        units: &Units,
        provinces: &Provinces,
    ) -> Option<(Vec<Unit>, usize)> {
        let mut each = Vec::new();
        while let Some(rest) = doc.text[at..].strip_prefix(';') {
            let start = doc.text.len() - rest.trim_start().len();
            let Some((kind, kind_end)) = units.unit_at(doc, start, provinces) else {
                break;
            };
            if kind.id.is_none() || kind.province.is_some() {
                break;
            }
            let Some((places, _, end)) =
                self.provinces_after(doc, kind_end, doc.text.len(), units, provinces)
            else {
                break;
            };
            let more = units.in_each_province(&kind, places, provinces);
            if more.is_empty() {
                break;
            }
            each.extend(more);
            at = end;
        }
        (!each.is_empty()).then_some((each, at))
    }
}

/// Units that join the bloc, each once (by name and province).
fn add_joining(added: &mut Vec<Unit>, joining: Vec<Unit>) {
    for unit in joining {
        if !added
            .iter()
            .any(|u| u.name == unit.name && u.province == unit.province)
        {
            added.push(unit);
        }
    }
}

/// A bare place named as a list item ("Đồng Xoài"), not a province.
fn is_place(unit: &Unit, provinces: &Provinces) -> bool {
    unit.id.is_none() && unit.province.is_none() && provinces.canonical(&unit.name).is_none()
}

/// The length of a count of one or two digits and its space at the start of `text`.
fn count_before_unit(text: &str) -> usize {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    match text[digits..].strip_prefix(' ') {
        Some(_) if (1..=2).contains(&digits) => digits + 1,
        _ => 0,
    }
}

/// A kind of unit without the region the cluster's name gives it: "Cụm thi đua các Trường
/// Chính trị khu vực Nam Trung Bộ và Tây Nguyên gồm: Quảng Nam, ..." has a "Trường Chính
/// trị" in each province. A numbered area names a unit ("TAND khu vực 15").
fn without_region(mut kind: String) -> String {
    if let Some(at) = kind.find(" khu vực ") {
        if kind[at + " khu vực ".len()..].starts_with(char::is_uppercase) {
            kind.truncate(at);
        }
    }
    kind
}

/// The words a bloc's name describes its members with, after its last "các", lowercased,
/// when there are two or more: "Cụm thi đua các huyện, thị đồng bằng" gives "huyện thị
/// đồng bằng".
fn member_description(bloc: &str) -> Option<Vec<String>> {
    let lower = bloc.to_lowercase();
    let at = lower.rfind(" các ")?;
    let words: Vec<String> = word_spans(&lower[at + " các ".len()..])
        .map(|(_, w)| w.to_string())
        .collect();
    (words.len() >= 2 && !words.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())))
        .then_some(words)
}

/// A count of one or two digits followed by the members' `description`, the commas
/// between its words aside ("5 huyện, thị đồng bằng"): the count, and where it ends.
fn described_count(text: &str, description: &[String]) -> Option<(u32, usize)> {
    let words: Vec<(usize, &str)> = word_spans(text).collect();
    words.windows(description.len() + 1).find_map(|w| {
        let (_, count) = w[0];
        let described = w[1..]
            .iter()
            .zip(description)
            .all(|((_, word), d)| word.to_lowercase() == *d);
        let (last_at, last) = w[description.len()];
        // "30/63 sở giáo dục": a part of a whole.
        let whole = text[..w[0].0].ends_with('/');
        (count.len() <= 2 && count.bytes().all(|b| b.is_ascii_digit()) && described && !whole)
            .then(|| Some((count.parse().ok()?, last_at + last.len())))
            .flatten()
    })
}

/// Whether `text` starts with one province's name, in any case ("THÀNH PHỐ HỒ CHÍ MINH SƠ
/// KẾT"), not a list of them ("tỉnh Lào Cai, Yên Bái và Hà Giang": the places counted).
fn names_province(text: &str, provinces: &Provinces) -> bool {
    word_spans(text)
        .take(6)
        .map(|(at, word)| at + word.len())
        .filter(|&end| provinces.canonical(&text[..end]).is_some())
        .last()
        .is_some_and(|end| {
            let rest = text[end..].trim_start();
            !(rest.starts_with(',') || rest.starts_with("và "))
        })
}

/// The words of `text` (runs of letters and digits) and where each starts.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !super::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count `stated_count` reads in a text.
    fn counter() -> impl Fn(&str) -> Option<u32> {
        let patterns = Patterns::builtin().unwrap();
        let members = Members::new(&patterns).unwrap();
        let provinces = Provinces::new(&patterns).unwrap();
        move |text| members.stated_count(text, &provinces)
    }

    #[test]
    fn a_count_of_the_places_the_members_are_in_is_not_theirs() {
        let count = counter();
        assert_eq!(
            count("Cụm thi đua số 8 gồm Công an 8 huyện: Chương Mỹ"),
            Some(8)
        );
        assert_eq!(
            count("Cụm thi đua số 8 gồm UBND các xã thuộc 3 huyện: Mê Linh"),
            None
        );
    }

    #[test]
    fn places_that_reached_a_goal_and_a_verb_after_the_bloc_s_number_are_no_count() {
        let count = counter();
        assert_eq!(
            count("đến nay toàn Cụm có 19 xã đạt chuẩn nông thôn mới"),
            None
        );
        assert_eq!(count("Cụm thi đua số 2 có 5 huyện, thị xã"), Some(5));
        // Of a share, the whole is the count.
        assert_eq!(
            count("có 6/6 đơn vị đều hoàn thành xuất sắc nhiệm vụ"),
            Some(6)
        );
        // "tổ chức" the verb, after the bloc's number.
        assert_eq!(
            count("do Công ty X - Trưởng Khối thi đua 17 tổ chức, các đơn vị trong khối đã"),
            None
        );
        assert_eq!(count("gồm 9 tổ chức trong khối"), Some(9));
    }

    #[test]
    fn a_kind_in_each_province_is_without_the_cluster_s_region() {
        assert_eq!(
            without_region("Trường Chính trị khu vực Nam Trung Bộ và Tây Nguyên".into()),
            "Trường Chính trị"
        );
        assert_eq!(without_region("TAND khu vực 15".into()), "TAND khu vực 15");
        assert_eq!(without_region("Sở Y tế".into()), "Sở Y tế");
    }

    #[test]
    fn a_number_before_a_province_is_the_bloc_s() {
        let count = counter();
        assert_eq!(
            count("Hội nghị Khối thi đua 11 thành phố Hồ Chí Minh"),
            None
        );
        assert_eq!(count("KHỐI THI ĐUA 11 THÀNH PHỐ HỒ CHÍ MINH SƠ KẾT"), None);
        assert_eq!(count("Khối thi đua 5 tỉnh Bình Định sơ kết"), None);
        assert_eq!(count("Cụm thi đua 5 tỉnh Tây Nguyên tổng kết"), Some(5));
        assert_eq!(
            count("Cụm thi đua 3 tỉnh Lào Cai, Yên Bái và Hà Giang họp"),
            Some(3)
        );
        assert_eq!(count("Khối thi đua 12 trường sơ kết"), Some(12));
    }

    #[test]
    fn the_members_counted_as_the_bloc_name_describes_them() {
        let description = member_description("cụm thi đua các huyện, thị đồng bằng").unwrap();
        assert_eq!(description, ["huyện", "thị", "đồng", "bằng"]);
        let text = "lãnh đạo 5 huyện, thị đồng bằng gồm: Diễn Châu";
        assert_eq!(
            described_count(text, &description),
            Some((5, text.find(" gồm").unwrap()))
        );
        // A part of a whole, or the description cut short, is no count of the members.
        assert_eq!(
            described_count("30/63 huyện, thị đồng bằng", &description),
            None
        );
        assert_eq!(described_count("5 huyện, thị xã", &description), None);
        // One word ("các trường") describes too little to be sure of.
        assert_eq!(member_description("Cụm thi đua các trường"), None);
        // Counted, then another list later in the sentence: no count of the members.
        let patterns = Patterns::builtin().unwrap();
        let members = Members::new(&patterns).unwrap();
        let (units, provinces) = crate::extract::units::builtin(&patterns);
        let count = |text: &str| {
            let doc = Doc::new(text);
            let bloc = 0..text.find('.').unwrap();
            members
                .find(
                    &doc,
                    &doc.sentences(),
                    bloc,
                    &units,
                    &provinces,
                    &mut Vec::new(),
                )
                .count_stated
        };
        assert_eq!(
            count("Cụm thi đua các huyện miền núi. Lãnh đạo 4 huyện miền núi gồm: Quế Phong, Quỳ Châu, Kỳ Sơn và Tương Dương."),
            Some(4)
        );
        assert_eq!(
            count("Cụm thi đua các huyện miền núi. Năm nay 3 huyện miền núi đã về đích, trong đó các xã gồm: Châu Phong, Châu Hạnh."),
            None
        );
    }
}
