//! The bloc head (Trưởng khối, Khối trưởng, Cụm trưởng) and deputy (Phó khối, Phó Trưởng
//! khối, Khối phó, Cụm phó), of the year the conference is about and of the next one:
//! "Năm 2023, Sở Giáo dục và Đào tạo là đơn vị Trưởng khối", "Sở Y tế làm Trưởng Khối thi
//! đua năm 2023", "bầu Sở VHTT&DL làm Trưởng khối; Sở Giáo dục và Đào tạo là Phó khối",
//! "bầu Trưởng khối năm 2023 là Bảo hiểm xã hội tỉnh, Phó Trưởng khối là ...", and a
//! person's title ("Giám đốc Sở Văn hóa, Thể thao và Du lịch, Khối Trưởng Khối thi đua").

use std::ops::Range;

use regex::{Captures, Regex};

use super::fold::Folded;
use super::provinces::Provinces;
use super::units::{key, List, Units};
use super::years::Found as Years;
use super::{cue, end_after, start_before, Doc, Gated};
use crate::patterns::{PatternError, Patterns};
use crate::record::{EventKind, OfficerTerm, Officers as Found, Person, Unit, Warning};

/// What the extractors before this one know: the gazetteers, the people and the members
/// found.
#[derive(Clone, Copy)]
pub struct Known<'a> {
    pub units: &'a Units,
    pub provinces: &'a Provinces,
    pub people: &'a [Person],
    pub members: &'a [Unit],
}

#[derive(Clone)]
pub struct Officers {
    head: Folded,
    deputy: Folded,
    elect: Regex,
    /// A vote among the election words ("bầu"), not a handover.
    voted: Regex,
    /// Between a unit and the office: "là đơn vị", "làm", ", ".
    unit_then_office: Regex,
    /// Who assigned a unit its office, said between them (`assigned_by`).
    assigned_by: Regex,
    /// Between the office and a unit: "năm 2023 là", ":".
    office_then_unit: Folded,
    /// The same with an open gap: the regex engine runs it in a fraction of the time.
    office_then_unit_open: Folded,
    year: Regex,
    /// A date's day and month before its year: "14 tháng 10 " of "Ngày 14 tháng 10 năm
    /// 2020".
    day_and_month: Regex,
    /// A person's name between a unit and an office: " Nguyễn Văn Tuấn, ", or " Nguyễn Thị
    /// Minh (" before an office that closes its bracket (`office_alone`).
    name_between: Regex,
    /// The rest of a bracket that holds an office alone: "(Trưởng Khối)", "(đơn vị Khối
    /// trưởng Khối thi đua)", "(cụm trưởng năm 2025)"; not "(cụm trưởng cụm thi đua số 8)",
    /// another bloc's.
    office_alone: Regex,
    /// "Với vai trò": an office held in the role, its unit after a comma.
    in_role: Regex,
    /// After an office held "in the role": "Cụm trưởng năm 2023, " (the unit follows).
    role_then_unit: Regex,
    /// A leader's title before the unit: "Khối trưởng: Chủ tịch Hội Chữ thập đỏ tỉnh".
    leader_of_unit: Regex,
    /// A clause that opens speaking for the office ("thay mặt đơn vị Trưởng khối"): its
    /// speaker's unit, named just before, holds it.
    on_behalf: Regex,
    /// After "Khối trưởng do X": the verb of X taking the office on ("đảm nhận").
    takes_office: Regex,
    /// A link from an office straight to its unit: "năm 2023 là", ":", " - ".
    direct_link: Regex,
    /// The link words that end a clause before its office ("là đơn vị ", "làm ").
    link_tail: Gated,
    /// A place that ends a text: "huyện Cẩm Thủy", "Đồng Nai".
    place_tail: Regex,
    /// "và" between two units of one office: "Phó khối là Sở Tài chính và Sở Công Thương".
    and_then: Regex,
    /// "lần lượt": offices and units paired in order.
    respectively: Folded,
    /// Between "lần lượt" and what it pairs: "là các Sở:", "làm".
    respectively_link: Regex,
    /// Before a place, where a unit stands: "đóng tại huyện Xuân Lộc".
    stationed: Regex,
    /// Between an office and the unit handing it over: "chuyển giao cụm trưởng từ".
    handed_from: Regex,
}

#[derive(Clone, Copy, PartialEq)]
enum Office {
    Head,
    Deputy,
}

impl Officers {
    pub fn new(patterns: &Patterns) -> Result<Officers, PatternError> {
        let re = |s: &str| crate::patterns::regex(s).expect("a built-in officer regex compiles");
        Ok(Officers {
            head: Folded::new(cue(patterns, "head")?),
            deputy: Folded::new(cue(patterns, "deputy")?),
            elect: cue(patterns, "elect")?,
            voted: cue(patterns, "voted")?,
            // "Sở Y tế làm", "Sở KH&CN - đơn vị", "Ban Dân tộc tỉnh (đơn vị", "Giám đốc Sở X,",
            // "Công ty ... (URENCO NB) là": a short name in brackets may stand in the gap, and
            // an address between commas ("Công ty X, huyện Chư Prông, đơn vị đăng cai làm"),
            // or where it stands ("Lữ đoàn 46, đóng tại huyện Châu Thành là").
            unit_then_office: super::around_cue(
                patterns,
                "officer_link",
                &format!(
                    r"(?i)^(?:\s|,|-|–|\(|\([^()]{{1,20}}\)|,\s*(?:{place}\s*,|(?:{stationed})\s+{place}\s*,?)|\b(?:{{}})\b)*$",
                    place = format!(
                        r"(?:tỉnh|{})\s+(?-i:[\p{{Lu}}&&\p{{Latin}}][\p{{Latin}}]*)(?:\s+(?-i:[\p{{Lu}}&&\p{{Latin}}][\p{{Latin}}]*)){{0,3}}",
                        super::PLACE_WORDS.join("|")
                    ),
                    stationed = super::cue_source(patterns, "stationed")?,
                ),
            )?,
            // "Trưởng khối năm 2023 là", "Trưởng khối - Sở X", "vai trò cụm trưởng cho".
            office_then_unit: Folded::new(re(&office_link(&format!("{{0,{LINK_GAP}}}?")))),
            office_then_unit_open: Folded::new(re(&office_link("*?"))),
            year: re(r"(?i)năm ([0-9]{4})"),
            day_and_month: re(r"(?i)[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s*$"),
            name_between: re(
                r"^\s+(?:[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*\s+){1,3}[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*\s*(?:,|-|–|(?P<open>\())\s*(?:đơn vị\s+)?$",
            ),
            office_alone: re(
                r"(?i)^\s*(?:(?:khối|cụm)(?:\s+thi\s+đua)?\s*)?(?:năm\s+[0-9]{4}\s*)?\)",
            ),
            in_role: cue(patterns, "in_role")?,
            assigned_by: cue(patterns, "assigned_by")?,
            // ", Sở Y tế", "cụm thi đua năm 2021, đại diện lãnh đạo UBND huyện Đại Từ",
            // "khối thi đua các cơ quan Đảng tỉnh, đồng chí Trưởng Ban Tuyên giáo" (the unit
            // after its leader's title: `leader_of_unit`).
            role_then_unit: re(
                r"(?i)^(?:\s+thi đua(?:\s[^,.;\n]*?)?)?(?:\s+năm [0-9]{4})?\s*,\s*(?:đại diện\s+)?(?:lãnh đạo\s+)?(?:(?:đồng chí|đ/c|ông|bà)\s+)?",
            ),
            leader_of_unit: super::around_cue(patterns, "leader_of_unit", r"(?i)^(?:{})")?,
            on_behalf: super::around_cue(patterns, "on_behalf", r"(?i)^\s*(?:{})\s")?,
            takes_office: super::around_cue(patterns, "takes_office", r"(?i)^(?:{})")?,
            direct_link: re(
                r"(?i)^\s*(?:của\s+)?(?:(?:khối|cụm)(?:\s+thi\s+đua)?\s*)?(?:năm (?:học )?[0-9]{4}(?:\s*-\s*[0-9]{4})?\s*)?(?:[0-9]{1,2}\s*:|là|:|cho|do|-|–|\()\s*(?:đơn vị\s*)?$",
            ),
            link_tail: Gated::new(super::around_cue(
                patterns,
                "officer_link",
                r"(?i)(?:\s|,|-|–|\(|\b(?:{})\b)*$",
            )?),
            place_tail: re(
                r"(?:(?P<w>(?i:huyện|thị xã|thị trấn|quận|thành phố|tỉnh|xã|phường|tp\.?))\s*)?(?P<n>[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:['’][\p{Ll}&&\p{Latin}]+)?(?:[ ]+[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:['’][\p{Ll}&&\p{Latin}]+)?){0,3})$",
            ),
            and_then: re(r"^\s+và\s+"),
            respectively: Folded::new(cue(patterns, "respectively")?),
            respectively_link: cue(patterns, "respectively_link")?,
            stationed: super::around_cue(patterns, "stationed", r"(?i)(?:{})\s*$")?,
            handed_from: super::around_cue(patterns, "handed_from", r"(?i)^\s*(?:{})\s+")?,
        })
    }

    /// The officers of this year and the next, and the year written with the next ones
    /// ("giới thiệu Sở X làm Khối phó năm 2021"), which is a year the meeting plans for.
    pub fn find(
        &self,
        doc: &Doc,
        years: &Years,
        kind: EventKind,
        held: Option<i32>,
        known: Known,
        warnings: &mut Vec<Warning>,
    ) -> (Found, Option<i32>) {
        let Known {
            units, provinces, ..
        } = known;
        // The year the meeting is about: the one reviewed, else the one in progress (a
        // handover on 20/12/2017 from the head of 2017 to the head of 2018). Another kind of
        // meeting: the year it is held in, else the one it reviews (an undated "giao ban
        // công tác thi đua năm 2015" that hands the head of 2016 over), else the one planned.
        let this_year = match kind {
            EventKind::YearEndReview => years.review.or(years.plan.map(|p| p - 1)),
            EventKind::Other => held.or(years.review).or(years.plan),
            _ => years.plan.or(years.review),
        };
        // "triển khai nhiệm vụ năm 2016 ... bầu tỉnh A là cụm trưởng năm 2016", undated and
        // reviewing no year: the units voted for the year planned are the next ones.
        let only_planned = kind == EventKind::Other && held.is_none() && years.review.is_none();
        let mut current = Term::default();
        let mut next = Term::default();
        let mut offices: Vec<(Range<usize>, Office)> = self
            .deputy
            .find_iter(doc, doc.text)
            .map(|m| (m, Office::Deputy))
            .collect();
        for m in self.head.find_iter(doc, doc.text) {
            if !offices
                .iter()
                .any(|(r, _)| r.start <= m.start && m.start < r.end)
            {
                offices.push((m, Office::Head));
            }
        }
        offices.sort_by_key(|(r, _)| r.start);
        let paired = self.pairs(doc, &offices, known);
        // The office written in brackets right after a unit: "bầu cụm trưởng và cụm phó
        // năm 2023 là A (Cụm trưởng) và B (Cụm phó)".
        let labels: Vec<(usize, Office)> = offices
            .iter()
            .filter_map(|(r, o)| {
                let open = doc.text[..r.start].trim_end().strip_suffix('(')?;
                Some((open.trim_end().len(), *o))
            })
            .collect();
        for (i, (range, office)) in offices.into_iter().enumerate() {
            let clause_start = start_before(doc.text, range.start, &['.', ';', '\n']);
            let sentence_start = start_before(doc.text, range.start, &['.', '\n']);
            let clause_end = end_after(doc.text, range.end, &['.', ';', '\n', ')']);
            let mut before = false;
            let unit = match paired.iter().find(|(o, _)| *o == i) {
                Some((_, unit)) => Some(unit.clone()),
                None => match self.unit_after(doc, range.clone(), known) {
                    Some((unit, true)) => Some(unit),
                    // "Sở Y tế - đơn vị Cụm trưởng năm 2023 đã bàn giao cho Sở Nội vụ": a
                    // unit linked right before the office beats one some words after it.
                    loose => {
                        let clause = clause_start..range.start;
                        let alone = self.office_alone.is_match(&doc.text[range.end..]);
                        match (self.unit_before(doc, clause, alone, known), loose) {
                            (Some(unit), _) => {
                                before = true;
                                Some(unit)
                            }
                            (None, Some((unit, _))) => Some(unit),
                            (None, None) => None,
                        }
                    }
                },
            };
            let Some(unit) = unit.map(|u| self.government_as_place(doc, u, provinces)) else {
                continue;
            };
            // A unit labelled with another office is not this one's.
            let end = doc.byte_at(unit.span[1]);
            if !before && labels.iter().any(|&(at, o)| at == end && o != office) {
                continue;
            }
            // "Hội nghị ... năm 2019 do Đồng Nai làm Cụm trưởng": the unit that holds the
            // meeting is this year's head, whatever year the clause names.
            // Not "Năm 2024, do Tổng công ty làm Khối trưởng", nor "ký kết giao ước thi đua
            // năm 2023, do Sở X làm Cụm trưởng" at the review of 2022: the clause names a
            // later year, and not this one ("tổng kết ... năm 2018 và ký kết giao ước thi
            // đua năm 2019 do Đồng Nai làm Cụm trưởng" is hosted).
            let hosted = before && {
                let lead = doc.text[clause_start..doc.byte_at(unit.span[0])].trim();
                let named: Vec<i32> = self
                    .year
                    .captures_iter(lead)
                    .filter_map(|c| c[1].parse::<i32>().ok())
                    .collect();
                let later =
                    this_year.is_some_and(|t| named.iter().any(|&y| y > t) && !named.contains(&t));
                !later
                    && lead
                        .strip_suffix("do")
                        .is_some_and(|l| l.is_empty() || l.ends_with(char::is_whitespace))
            };
            // The year: said right after the office, or in the clause before it.
            let after = &doc.text[range.end..clause_end];
            // "Trưởng Khối thi đua Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tỉnh
            // năm 2018": the bloc's name may stand between, and be long.
            let start: String = after.trim_start().chars().take(8).collect();
            let start = start.to_lowercase();
            let named = ["thi đua", "khối", "cụm"]
                .iter()
                .any(|w| start.starts_with(w));
            let reach = if named { 120 } else { 60 };
            let said_after = self
                .year
                .captures(after)
                .filter(|c| c.get(0).is_some_and(|m| m.start() < reach))
                .filter(|c| {
                    !after[..c.get(0).map_or(0, |m| m.start())]
                        .trim_end()
                        .ends_with("năm học")
                });
            // "gồm: A (Cụm trưởng năm 2022), B (Cụm trưởng năm 2023)" at the review of 2023:
            // A's term is over.
            let past = said_after
                .as_ref()
                .and_then(|c| c[1].parse::<i32>().ok())
                .zip(this_year)
                .is_some_and(|(y, t)| y < t);
            if past {
                continue;
            }
            let year = said_after
                .or_else(|| self.years_in(&doc.text[clause_start..range.start]).last())
                // "Đơn vị trưởng khối năm 2016: A; Phó khối 1: B": the year of the sentence.
                .or_else(|| {
                    self.years_in(&doc.text[sentence_start..clause_start])
                        .last()
                })
                // "A được giao làm Khối trưởng, B làm Khối phó Khối thi đua ... năm 2024":
                // one year at the sentence's end for both.
                .or_else(|| {
                    let sentence_end = end_after(doc.text, range.end, &['.', '\n']);
                    let rest = &doc.text[range.end..sentence_end];
                    self.year.captures_iter(rest).find(|c| {
                        let before = &rest[..c.get(0).map_or(0, |m| m.start())];
                        self.head.is_match(doc, before) || self.deputy.is_match(doc, before)
                    })
                })
                .and_then(|c| c[1].parse::<i32>().ok());
            let elected = self.elect.is_match(&doc.text[sentence_start..range.start]);
            // Voted for, not handed over ("Sở A bàn giao nhiệm vụ Trưởng khối năm 2024 cho
            // Sở B" at a handover names the head of the year in progress).
            let voted = self.voted.is_match(&doc.text[sentence_start..range.start]);
            let year = if hosted { None } else { year };
            // Units elected at a covenant signing serve in the year it opens, the one in
            // progress ("Lễ ký kết giao ước thi đua năm 2020 ... A được chỉ định là Cụm
            // trưởng"); at a review, in the next one.
            let elected = elected && kind != EventKind::CovenantSigning;
            let is_next = !hosted
                && match (year, this_year) {
                    (Some(y), Some(t)) => y > t || (voted && y == t && only_planned),
                    (Some(_), None) => elected,
                    (None, _) => elected,
                };
            // "Sở Xây dựng và Cục Thuế tỉnh làm Phó Trưởng khối", "xã A và xã B là Cụm phó",
            // "2 Phó khối là Sở Tài chính và Sở Công Thương": two units for one office.
            let joined = if before {
                let clause = clause_start..doc.byte_at(unit.span[0]);
                last_unit(doc, clause.clone(), units, provinces)
                    .or_else(|| {
                        let place = units.places_in(doc, clause.clone()).pop()?;
                        let end = doc.byte_at(place.span[1]);
                        Some((place, &doc.text[end..clause.end]))
                    })
                    // "Long An và Bến Tre là Phó Cụm trưởng": two provinces.
                    .or_else(|| {
                        let m = provinces.find_iter(&doc.text[clause.clone()]).last()?;
                        let (place, end) = provinces.unit_at(doc, clause.start + m.start())?;
                        Some((place, &doc.text[end..clause.end]))
                    })
                    .filter(|(_, gap)| gap.trim() == "và")
                    .map(|(other, _)| other)
            } else if office == Office::Deputy {
                let end = doc.byte_at(unit.span[1]);
                self.and_then
                    .find(&doc.text[end..])
                    .and_then(|m| {
                        let at = end + m.end();
                        units
                            .unit_at(doc, at, provinces)
                            .or_else(|| units.place_at(doc, at))
                    })
                    .map(|(other, _)| other)
            } else {
                None
            };
            // "Năm 2025: Trưởng khối: A; Phó khối: B. Năm 2026: Trưởng khối: C; ...": a
            // rotation written on past next year's officers; the years after are not theirs.
            if let (Some(y), Some(t)) = (year, this_year) {
                if y > t + 1 && next.year == Some(t + 1) {
                    continue;
                }
            }
            // "chuyển giao cụm trưởng từ TYT xã Tân Phú Đông cho TYT xã Mỹ An Hưng A": the
            // unit handing the office over holds it in the year in progress.
            if is_next && !before {
                if let Some(from) = self.handed_from(doc, range.end, &unit, units, provinces) {
                    current.add(office, from);
                }
            }
            let term = if is_next { &mut next } else { &mut current };
            term.year = term.year.or(year);
            term.add(office, unit);
            if let Some(other) = joined {
                term.add(office, other);
            }
        }
        let current_year = this_year;
        let next_year = this_year.map(|y| y + 1);
        let written = next.year;
        let found = Found {
            current: current.finish(current_year, warnings),
            next: next.finish(next_year, warnings),
        };
        (found, written)
    }

    /// The unit after "từ" between an office ending at `from` and the unit `to` it is
    /// given to, when only "cho" stands between the two units.
    fn handed_from(
        &self,
        doc: &Doc,
        from: usize,
        to: &Unit,
        units: &Units,
        provinces: &Provinces,
    ) -> Option<Unit> {
        let to_start = doc.byte_at(to.span[0]);
        let gap = doc.text.get(from..to_start)?;
        let at = from + self.handed_from.find(gap)?.end();
        let (unit, end) = units
            .unit_at(doc, at, provinces)
            .or_else(|| units.place_at(doc, at))?;
        // "từ TYT xã Tân Phú Đông TP Sa Đéc cho": a town may follow the unit.
        let between = doc.text.get(end..to_start)?.trim().to_lowercase();
        let words: Vec<&str> = between.split_whitespace().collect();
        let town = words.len() <= 4 && !between.contains([',', ';', '(']);
        (words.last() == Some(&"cho") && town).then_some(unit)
    }

    /// Offices and units said "respectively" (lần lượt), paired in order: the offices before
    /// it and a list after ("Trưởng khối, Phó khối năm 2023 lần lượt là các Sở: Giáo dục
    /// và Đào tạo; Khoa học và Công nghệ"), or the units before it and the offices after
    /// ("Sở Y tế và Sở Tư pháp lần lượt làm Trưởng khối và Phó khối"). Only where there are
    /// as many units as offices. Without "lần lượt", two units joined by "và" before two
    /// offices joined by "và" ("A và B được bầu làm Cụm trưởng và Cụm phó"). Each pair is
    /// the index of an office in `offices`.
    fn pairs(
        &self,
        doc: &Doc,
        offices: &[(Range<usize>, Office)],
        known: Known,
    ) -> Vec<(usize, Unit)> {
        let Known {
            units, provinces, ..
        } = known;
        let mut pairs = Vec::new();
        for said in self.respectively.find_iter(doc, doc.text) {
            let sentence_start = start_before(doc.text, said.start, &['.', ';', '\n']);
            let sentence_end = end_after(doc.text, said.end, &['.', '\n']);
            let within = |from: usize, to: usize| -> Vec<usize> {
                (0..offices.len())
                    .filter(|&i| from <= offices[i].0.start && offices[i].0.end <= to)
                    .collect()
            };
            let before = within(sentence_start, said.start);
            let after = within(said.end, sentence_end);
            let Some(link) = self.respectively_link.captures(&doc.text[said.end..]) else {
                continue;
            };
            let link_end = said.end + link.get(0).map_or(0, |m| m.end());
            if before.len() >= 2 {
                let list = List {
                    semicolons: true,
                    departments: link.name("departments").is_some(),
                    ..List::default()
                };
                let (found, _) = units.list_at(doc, link_end, provinces, list);
                if found.len() == before.len() {
                    pairs.extend(before.into_iter().zip(found));
                }
            } else if after.len() >= 2 && offices[after[0]].0.start == link_end {
                let found = units.all_in(doc, sentence_start..said.start, provinces);
                if found.len() >= after.len() {
                    let last = found[found.len() - after.len()..].to_vec();
                    pairs.extend(after.into_iter().zip(last));
                }
            }
        }
        // "Huyện Quảng Điền và huyện Phong Điền được bầu làm Trưởng khối và Phó Trưởng khối
        // năm 2023": two units joined by "và", then their two offices, in order.
        for i in 1..offices.len() {
            let ((a, first), (b, second)) = (&offices[i - 1], &offices[i]);
            if first == second
                || doc.text[a.end..b.start].trim() != "và"
                || pairs.iter().any(|(o, _)| *o == i - 1 || *o == i)
            {
                continue;
            }
            let clause_start = start_before(doc.text, a.start, &['.', ';', '\n']);
            let Some(y) = self.unit_before(doc, clause_start..a.start, false, known) else {
                continue;
            };
            let y_start = doc.byte_at(y.span[0]);
            let Some(joined) = doc.text[clause_start..y_start]
                .trim_end()
                .strip_suffix(" và")
            else {
                continue;
            };
            let x_end = clause_start + joined.len();
            let x = last_unit(doc, clause_start..x_end, units, provinces)
                .filter(|(_, gap)| gap.trim().is_empty())
                .map(|(x, _)| x)
                .or_else(|| self.place_ending(doc, clause_start..x_end, provinces));
            if let Some(x) = x {
                pairs.push((i - 1, x));
                pairs.push((i, y));
            }
        }
        pairs
    }

    /// The years written in `text` ("năm 2023"), but not a date's ("Ngày 14 tháng 10 năm
    /// 2020, Sở Công Thương (đơn vị Trưởng khối) tổ chức": the day the meeting is held; "Từ
    /// tháng 1 năm 2024, Sở X là đơn vị Trưởng khối" names no day, and its year stands).
    fn years_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 't {
        self.year.captures_iter(text).filter(move |c| {
            let start = c.get(0).map_or(0, |m| m.start());
            !self.day_and_month.is_match(&text[..start])
        })
    }

    /// The unit after an office, and whether the link is direct ("Trưởng khối năm 2023 là
    /// X", "Trưởng khối: X") rather than across other words ("Trưởng khối ... cho X").
    fn unit_after(&self, doc: &Doc, office: Range<usize>, known: Known) -> Option<(Unit, bool)> {
        let at = office.end;
        let Known {
            units, provinces, ..
        } = known;
        // The link is short: look no further than a window, so that the regex engine does
        // not prepare for the whole rest of the text.
        let window = window(doc.text, at, 400);
        let Some(m) = self.link(doc, window) else {
            // "đơn vị cụm trưởng Công an tỉnh BR-VT": the unit stands right after.
            let office_start = start_before(doc.text, at, &[',', '.', ';', '\n']);
            let said = doc.text[office_start..at].to_lowercase();
            // "Với vai trò Cụm trưởng năm 2023, Sở Y tế đã ...": the unit after the comma.
            if self.in_role.is_match(&said) {
                if let Some(m) = self.role_then_unit.find(window) {
                    let leader = self
                        .leader_of_unit
                        .find(&window[m.end()..])
                        .map_or(0, |l| l.end());
                    if let Some((unit, _)) = units.unit_at(doc, at + m.end() + leader, provinces) {
                        return Some((unit, true));
                    }
                }
                // "Bà X, Chánh văn phòng Sở Y tế, thay mặt đơn vị Trưởng khối báo cáo": the
                // unit of the title just before, when no unit follows.
                if self.on_behalf.is_match(&said) {
                    let sentence = start_before(doc.text, office_start, &['.', ';', '\n']);
                    let before = doc.text[sentence..office_start].trim_end();
                    if before.ends_with(',') {
                        if let Some((unit, gap)) =
                            last_unit(doc, sentence..office_start, units, provinces)
                        {
                            if gap.trim() == "," {
                                return Some((unit, true));
                            }
                        }
                    }
                }
            }
            if let Some(unit) = self.unit_of_holder(doc, at, known) {
                return Some((unit, true));
            }
            // "Cụm trưởng xã Đắk Rơ Ông phối hợp với ...": a place right after the office.
            let place_follows = super::PLACE_WORDS.iter().any(|w| {
                window
                    .strip_prefix(' ')
                    .and_then(|r| r.strip_prefix(w))
                    .is_some_and(|r| r.starts_with(' '))
            });
            if place_follows {
                if let Some((unit, _)) = units.place_at(doc, at + 1) {
                    return Some((unit, true));
                }
            }
            // "... cho TYT xã Mỹ An Hưng A, cụm phó TYT Phường 3": a clause opening with the
            // office, the unit right after it (not "nguyên khối trưởng Sở X", a former head).
            let opens = doc.text[office_start..office.start].trim().is_empty();
            if !said.contains("đơn vị") && !opens {
                return None;
            }
            if window.starts_with(' ') {
                return units
                    .unit_at(doc, at + 1, provinces)
                    .map(|(u, _)| (u, true));
            }
            // "tại đơn vị trưởng Khối, huyện Trấn Yên.": the place of the meeting, and the
            // unit in apposition closing the sentence (not "đại diện đơn vị Trưởng khối, Ban
            // Thi đua - Khen thưởng tỉnh", a list of who came).
            if !said.contains("tại đơn vị") {
                return None;
            }
            window.strip_prefix(", ")?;
            let named = at + 2;
            let (unit, end) = units
                .unit_at(doc, named, provinces)
                .or_else(|| units.place_at(doc, named))?;
            let closes = doc.text[end..]
                .trim_start_matches(' ')
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '.' | ';' | '\n'));
            return closes.then_some((unit, true));
        };
        // Not across another office: "Trưởng khối, Phó khối là X" names the deputy.
        let link = &window[m.clone()];
        if self.head.is_match(doc, link) || self.deputy.is_match(doc, link) {
            return None;
        }
        let direct = self.direct_link.is_match(link);
        let at = at
            + m.end
            + self
                .leader_of_unit
                .find(&window[m.end..])
                .map_or(0, |l| l.end());
        let (unit, end) = units
            .unit_at(doc, at, provinces)
            .or_else(|| provinces.unit_at(doc, at))
            .or_else(|| units.place_at(doc, at))?;
        // "Khối trưởng năm 2024 do Sở Y tế đảm nhận": the unit after "do" holds the office
        // only when a verb of taking it on follows (not "... do UBND tỉnh phân công").
        let by = link.trim_end().to_lowercase().ends_with(" do");
        if by && !self.takes_office.is_match(doc.text[end..].trim_start()) {
            return None;
        }
        Some((unit, direct))
    }

    /// The unit of the person named right after an office, from the titles after the name:
    /// "Khối trưởng Nguyễn Thị Kim Chi, Ủy viên BCH Đảng bộ tỉnh, Giám đốc Sở Giáo dục".
    fn unit_of_holder(&self, doc: &Doc, at: usize, known: Known) -> Option<Unit> {
        let Known {
            units,
            provinces,
            people,
            ..
        } = known;
        let holder = people.iter().find(|p| {
            let start = doc.byte_at(p.span[0]);
            start >= at && doc.text[at..start].trim().is_empty()
        })?;
        let name_end = doc.byte_at(holder.span[1]);
        let said = &doc.text[name_end..end_after(doc.text, name_end, &['.', ';', '\n'])];
        // The last title that names a unit: a leader's post follows the Party's ("Ủy viên
        // Ban Thường vụ Tỉnh ủy, Giám đốc Sở Y tế").
        holder.titles.iter().rev().find_map(|title| {
            let start = name_end + said.find(title.as_str())?;
            units
                .all_in(doc, start..start + title.len(), provinces)
                .into_iter()
                .next()
        })
    }

    /// The words from an office to its unit at the start of `window` (a slice of the text).
    fn link(&self, doc: &Doc, window: &str) -> Option<Range<usize>> {
        // A match of the open rule no longer than the gap has a gap no longer than that:
        // the bounded rule makes the same match. A longer one is checked with the bounded rule.
        let m = self.office_then_unit_open.find(doc, window)?;
        let m = if window[m.clone()].chars().count() <= LINK_GAP {
            m
        } else {
            self.office_then_unit.find(doc, window)?
        };
        Some(without_mark(window, m))
    }

    /// The last unit of the clause, when only "là", "làm", "là đơn vị" stand between it
    /// and the office; or the unit in a person's other title ("Giám đốc Sở X, Khối trưởng",
    /// and with `alone`, an office that closes a bracket of its own: "Sở X Nguyễn Văn A
    /// (Khối trưởng)").
    fn unit_before(
        &self,
        doc: &Doc,
        clause: Range<usize>,
        alone: bool,
        known: Known,
    ) -> Option<Unit> {
        let Known {
            units,
            provinces,
            people,
            members,
        } = known;
        // "Xã Sông Trầu được UBND huyện phân công làm Cụm trưởng": the unit before "được",
        // not the one that assigned it.
        let clause = match self.assigned_by.find(&doc.text[clause.clone()]) {
            Some(m) => clause.start..clause.start + m.start() + "được".len(),
            None => clause,
        };
        if let Some((last, gap)) = last_unit(doc, clause.clone(), units, provinces) {
            let (last, gap) = before_person(doc, last, gap, clause.end, people, units);
            // "Chánh án TAND tỉnh Nguyễn Văn Tuấn, Trưởng Khối": the unit of the title
            // before the name of the person who holds the office.
            let named = self
                .name_between
                .captures(gap)
                .is_some_and(|c| alone || c.name("open").is_none());
            if self.unit_then_office.is_match(gap) || named {
                // "Trưởng Ban Tuyên giáo Tỉnh ủy, Trưởng Đoàn Đại biểu Quốc hội tỉnh (Trưởng
                // Khối thi đua)": of the units a leader's titles name, the bloc's member.
                let member = |u: &Unit| {
                    members.iter().any(|m| match (&m.id, &u.id) {
                        (Some(a), Some(b)) => a == b && m.province == u.province,
                        _ => m.name == u.name,
                    })
                };
                if !members.is_empty() && !member(&last) {
                    // The titles of the person named last before it.
                    let last_start = doc.byte_at(last.span[0]);
                    let titles_start = people
                        .iter()
                        .map(|p| doc.byte_at(p.span[1]))
                        .filter(|&end| end <= last_start && end >= clause.start)
                        .max()
                        .unwrap_or(clause.start);
                    let titled = units.all_in(doc, titles_start..clause.end, provinces);
                    if let Some(unit) = titled.into_iter().rev().find(member) {
                        return Some(unit);
                    }
                }
                return Some(last);
            }
        }
        let named_end = self.named_end(doc, clause.clone())?;
        // "gồm Công an 8 huyện: Chương Mỹ (đơn vị Cụm trưởng), ...": a member named just
        // before its office is that member, as the list named it.
        if let Some(member) = members.iter().find(|m| doc.byte_at(m.span[1]) == named_end) {
            return Some(member.clone());
        }
        self.place_ending(doc, clause.start..named_end, provinces)
    }

    /// Where the name ends that its office follows in `clause`: "do Đồng Nai làm Cụm
    /// trưởng", "UBND TP. Cần Thơ - Cụm trưởng", "gồm: Quảng Nam (Cụm trưởng), Quảng Ngãi
    /// (Cụm phó)"; not before a bare comma.
    fn named_end(&self, doc: &Doc, clause: Range<usize>) -> Option<usize> {
        let text = &doc.text[clause.clone()];
        let link = self.link_tail.find(text)?;
        link.as_str()
            .contains(|c: char| c.is_alphabetic() || matches!(c, '-' | '–' | '('))
            .then_some(clause.start + link.start())
    }

    /// A place's government holds an office as the place: "UBND huyện Đại Từ" is "Đại Từ",
    /// as a list of the cluster's districts names it.
    fn government_as_place(&self, doc: &Doc, unit: Unit, provinces: &Provinces) -> Unit {
        let lower = unit.name.to_lowercase();
        let government = unit.id.is_none()
            && super::GOVERNMENT_WORDS
                .iter()
                .any(|g| lower.strip_prefix(g).is_some_and(|r| r.starts_with(' ')));
        if !government {
            return unit;
        }
        let span = doc.byte_at(unit.span[0])..doc.byte_at(unit.span[1]);
        match self.place_ending(doc, span, provinces) {
            Some(place) => Unit {
                name: place.name,
                ..unit
            },
            None => unit,
        }
    }

    /// The place that ends `clause`: "huyện Cẩm Thủy", "Đồng Nai" (a province, as the unit
    /// of a cluster of provinces).
    fn place_ending(&self, doc: &Doc, clause: Range<usize>, provinces: &Provinces) -> Option<Unit> {
        let text = &doc.text[clause.clone()];
        let c = self.place_tail.captures(text)?;
        let name = c.name("n")?;
        let start = clause.start + c.get(0)?.start();
        let end = clause.start + name.end();
        // "Trường bắn Quốc gia khu vực 3, đóng tại huyện Xuân Lộc là khối trưởng": where the
        // unit before stands, not the unit.
        if self.stationed.is_match(&doc.text[clause.start..start]) {
            return None;
        }
        let district = c.name("w").is_some_and(|w| {
            matches!(
                w.as_str().to_lowercase().as_str(),
                "huyện" | "thị xã" | "quận" | "xã" | "phường" | "thị trấn"
            )
        });
        // "TP Tuy Hòa", "TP. Tuy Hòa": a city.
        let city = c.name("w").is_some_and(|w| super::is_city_word(w.as_str()));
        if let Some(province) = provinces.canonical(name.as_str()).filter(|_| !district) {
            // "bầu thành phố Hưng Yên là trưởng khối": the province's city, named with its
            // word; "thành phố Cần Thơ" is the province.
            if city && !provinces.is_municipality(&province) {
                let name = format!("thành phố {}", name.as_str());
                return Some(super::units::unknown_unit(doc, name, start, end));
            }
            return Some(super::units::unknown_unit(doc, province, start, end));
        }
        (district || city)
            .then(|| super::units::unknown_unit(doc, name.as_str().to_string(), start, end))
    }
}

/// The last unit mentioned in `clause`, and the text from it to the clause's end.
fn last_unit<'t>(
    doc: &Doc<'t>,
    clause: Range<usize>,
    units: &Units,
    provinces: &Provinces,
) -> Option<(Unit, &'t str)> {
    let last = units.all_in(doc, clause.clone(), provinces).pop()?;
    let end = doc.byte_at(last.span[1]);
    Some((last, &doc.text[end..clause.end]))
}

/// A name the gazetteer does not know, read on into the name of a person after it ("Tổng
/// Biên tập Báo Quảng Ngãi Huỳnh Đức Minh, Khối phó"): the unit ends where the name begins,
/// and the gap to `end` starts there. Its abbreviations are written out ("UBND huyện A").
fn before_person<'t>(
    doc: &Doc<'t>,
    unit: Unit,
    gap: &'t str,
    end: usize,
    people: &[Person],
    units: &Units,
) -> (Unit, &'t str) {
    let inside = people
        .iter()
        .map(|p| p.span[0])
        .find(|&s| unit.id.is_none() && unit.span[0] < s && s < unit.span[1]);
    let Some(name_start) = inside else {
        return (unit, gap);
    };
    let start = doc.byte_at(unit.span[0]);
    let cut = doc.byte_at(name_start);
    let name = doc.text[start..cut].trim_end();
    let unit = super::units::unknown_unit(doc, units.expand(name), start, start + name.len());
    (unit, &doc.text[start + name.len()..end])
}

/// How many characters may stand between an office and the "là" that names its unit:
/// "Trưởng khối thi đua các cơ quan Đảng năm 2024 là".
const LINK_GAP: usize = 70;

/// The rule from an office to its unit, with `gap` the repetition of the words between.
///
/// "là" and "cho" must be whole words ("làm" is not "là"). A Unicode `\b` would keep the
/// rule off the regex crate's DFA, so the rule says what may follow the word instead:
/// spaces (then "đơn vị", "lãnh đạo", "đại diện": "bàn giao ... cho lãnh đạo Công an tỉnh
/// X"), the end of the window, or one mark of punctuation, which `link` gives back ("là: Sở
/// Y tế" links with "là").
fn office_link(gap: &str) -> String {
    let year = r"(?:năm (?:học )?[0-9]{4}(?:\s*-\s*[0-9]{4})?\s*)?";
    // "Trưởng khối Thi đua, khen thưởng năm 2023 (Sở Xây dựng)": the bloc's words; its
    // number before a colon or a dash ("Trưởng Cụm thi đua 6- Trường THCS A").
    let bloc = r"(?:thi đua(?:\s*[,-]?\s*khen thưởng)?\s*)?";
    format!(
        r"(?i)^\s*(?:(?:[^.;:()\n]{gap}\s)??{year}(?:là|cho)(?:\s+(?:(?:đơn vị|lãnh đạo|đại diện)\s*)?|$|[^\w\s])|{bloc}{year}(?:(?:số\s+)?[0-9]{{1,2}}\s*(?::|-|–)|là|:|cho|do|-|–|\()\s*(?:đơn vị\s*)?)"
    )
}

/// `m` without the mark of punctuation that the rule reads after a final "là" or "cho"
/// (see `office_link`). Nothing else the rule matches ends in a mark after those words.
fn without_mark(window: &str, m: Range<usize>) -> Range<usize> {
    let linked = &window[m.clone()];
    match linked.chars().next_back() {
        Some(c) if !c.is_whitespace() && !super::is_alphanumeric(c) => {
            let before = linked[..linked.len() - c.len_utf8()].to_lowercase();
            if before.ends_with("là") || before.ends_with("cho") {
                m.start..m.end - c.len_utf8()
            } else {
                m
            }
        }
        _ => m,
    }
}

/// At most `len` bytes of `text` from `at`, cut at a character boundary.
fn window(text: &str, at: usize, len: usize) -> &str {
    &text[at..super::floor_char(text, (at + len).min(text.len()))]
}

#[derive(Default)]
struct Term {
    year: Option<i32>,
    heads: Vec<Unit>,
    deputies: Vec<Unit>,
}

impl Term {
    fn add(&mut self, office: Office, unit: Unit) {
        let list = match office {
            Office::Head => &mut self.heads,
            Office::Deputy => &mut self.deputies,
        };
        // One unit said twice is one; "Trường Chính trị tỉnh Bến Tre và Trường Chính trị
        // tỉnh Đồng Tháp" are two.
        let same = |u: &Unit| {
            key(&u.name) == key(&unit.name)
                && (u.province == unit.province || u.province.is_none() || unit.province.is_none())
        };
        if !list.iter().any(same) {
            list.push(unit);
        }
    }

    fn finish(self, default_year: Option<i32>, warnings: &mut Vec<Warning>) -> Option<OfficerTerm> {
        if self.heads.is_empty() && self.deputies.is_empty() {
            return None;
        }
        let deputy = match self.deputies.len() {
            1 => self.deputies.into_iter().next(),
            0 => None,
            n => {
                warnings.push(Warning::new(
                    "two_deputies",
                    format!("{n} deputies are named for one year; deputy is left empty"),
                ));
                None
            }
        };
        let head = self.heads.into_iter().next();
        // "bầu LĐLĐ huyện Hàm Tân làm cụm trưởng và thị xã La Gi làm cụm phó": a place
        // alone stands for the unit of the other office's kind there.
        let (head, deputy) = match (head, deputy) {
            (Some(head), Some(deputy)) => {
                let deputy = of_kind_of(deputy, &head);
                (Some(of_kind_of(head, &deputy)), Some(deputy))
            }
            pair => pair,
        };
        Some(OfficerTerm {
            year: self.year.or(default_year),
            head,
            deputy,
        })
    }
}

/// `place`, a place named with its word ("thị xã La Gi"), as the unit of `other`'s kind
/// there when `other` is a known unit of a district ("Liên đoàn Lao động huyện Hàm Tân"
/// gives "Liên đoàn Lao động thị xã La Gi"); else `place` as it is.
fn of_kind_of(place: Unit, other: &Unit) -> Unit {
    let word = super::place_word_of(&place.mention).filter(|_| place.id.is_none());
    // Where the first place word of `other`'s name begins ("Công an phường 1 quận 3").
    let kind = other.id.as_ref().and(
        super::PLACE_WORDS
            .iter()
            .filter_map(|w| other.name.find(&format!(" {w} ")))
            .min(),
    );
    match (word, kind) {
        (Some(word), Some(at)) if place.province.is_none() => Unit {
            id: other.id.clone(),
            name: format!("{} {word} {}", &other.name[..at], place.name),
            province: other.province.clone(),
            ..place
        },
        _ => place,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_from_an_office_to_its_unit_is_short() {
        let officers = Officers::new(&Patterns::builtin().unwrap()).unwrap();
        let link = |text: &str| {
            let doc = Doc::new(text);
            officers.link(&doc, doc.text).map(|m| text[m].to_string())
        };
        assert_eq!(
            link(" năm 2024 là Sở Y tế").as_deref(),
            Some(" năm 2024 là ")
        );
        assert_eq!(
            link(" thi đua các cơ quan Đảng năm 2024 là đơn vị Sở Y tế").as_deref(),
            Some(" thi đua các cơ quan Đảng năm 2024 là đơn vị ")
        );
        // The nearest "là" or "cho", not one past the next office's name.
        assert_eq!(
            link(" cho Sở Tư pháp, cụm phó là Sở Tài chính").as_deref(),
            Some(" cho ")
        );
        // "là" is a whole word, followed by a space, a mark or nothing.
        assert_eq!(
            link(" thi đua làm việc là Sở Y tế").as_deref(),
            Some(" thi đua làm việc là ")
        );
        assert_eq!(
            link(" khóa mới là: Sở Y tế").as_deref(),
            Some(" khóa mới là")
        );
        assert_eq!(link(" năm 2024 cho").as_deref(), Some(" năm 2024 cho"));
        assert_eq!(link(": Sở Y tế").as_deref(), Some(": "));
        // More than LINK_GAP characters before the "là": no link.
        let far = format!(" {} là Sở Y tế", "xa ".repeat(30));
        assert_eq!(link(&far), None);
    }

    /// The officers of `text`, with the year written for the next ones and the warnings.
    fn officers_in(text: &str, review: i32, plan: i32) -> (Found, Option<i32>, Vec<Warning>) {
        let patterns = Patterns::builtin().unwrap();
        let officers = Officers::new(&patterns).unwrap();
        let (units, provinces) = crate::extract::units::builtin(&patterns);
        let doc = Doc::new(text);
        let years = Years {
            review: Some(review),
            plan: Some(plan),
        };
        let mut warnings = Vec::new();
        let (found, written) = officers.find(
            &doc,
            &years,
            EventKind::YearEndReview,
            None,
            Known {
                units: &units,
                provinces: &provinces,
                people: &[],
                members: &[],
            },
            &mut warnings,
        );
        (found, written, warnings)
    }

    /// The head of 2023 at the review of 2023.
    fn head(text: &str) -> Option<String> {
        let (found, _, _) = officers_in(text, 2023, 2024);
        found.current.and_then(|t| t.head).map(|u| u.name)
    }

    #[test]
    fn an_office_in_brackets_after_a_holders_name_is_the_unit_of_the_title() {
        assert_eq!(
            head("Dự có Thứ trưởng Bộ Tài chính Lê Văn Khiêm (Trưởng Khối) và nhiều đại biểu.")
                .as_deref(),
            Some("Bộ Tài chính")
        );
        assert_eq!(
            head("Dự có Giám đốc Sở Y tế Lê Văn Khiêm (đơn vị Khối trưởng Khối thi đua).")
                .as_deref(),
            Some("Sở Y tế")
        );
        // The head of another bloc, named by its number.
        assert_eq!(
            head("Dự có Giám đốc Sở Y tế Lê Văn Khiêm (Khối trưởng Khối thi đua số 8).").as_deref(),
            None
        );
    }

    #[test]
    fn a_leaders_board_written_small_is_the_unit_of_the_title() {
        // "Trưởng ban Dân vận Tỉnh ủy": the board a head leads, its word small.
        assert_eq!(
            head("Bà Lê Thị Hoa, Trưởng ban Dân vận Tỉnh ủy, Trưởng Khối thi đua chủ trì.")
                .as_deref(),
            Some("Ban Dân vận Tỉnh ủy")
        );
        assert_eq!(
            head("Ông Trần Văn Bình, Chánh văn phòng Tỉnh ủy, Khối trưởng chủ trì.").as_deref(),
            Some("Văn phòng Tỉnh ủy")
        );
        // Speaking for the office: the unit of the speaker's title.
        assert_eq!(
            head("Bà Lê Thị Hoa, Chánh văn phòng Sở Y tế, thay mặt đơn vị Trưởng khối báo cáo.")
                .as_deref(),
            Some("Sở Y tế")
        );
        assert_eq!(
            head("Tại hội nghị, thay mặt đơn vị Trưởng khối, bà Lê Thị Hoa báo cáo.").as_deref(),
            None
        );
        // Only after a leader's word: "ban" alone opens no unit.
        assert_eq!(
            head("Ông Trần Văn Bình, thành viên ban Dân vận Tỉnh ủy, Khối trưởng chủ trì.")
                .as_deref(),
            None
        );
    }

    #[test]
    fn the_unit_handing_an_office_over_holds_it_this_year() {
        let terms = |text: &str| {
            let (found, _, _) = officers_in(text, 2023, 2024);
            let names = |t: Option<OfficerTerm>| {
                t.map(|t| {
                    let name = |u: Option<Unit>| u.map(|u| u.name).unwrap_or_default();
                    (name(t.head), name(t.deputy))
                })
            };
            (names(found.current), names(found.next))
        };
        let (current, next) = terms(
            "Hội nghị chuyển giao cụm trưởng từ TYT xã Mỹ Long huyện Cao Lãnh cho Trạm Y tế xã \
             Mỹ Hiệp, cụm phó Trạm Y tế xã Bình Thạnh.",
        );
        assert_eq!(
            current,
            Some(("Trạm Y tế xã Mỹ Long huyện Cao Lãnh".into(), String::new()))
        );
        assert_eq!(
            next,
            Some((
                "Trạm Y tế xã Mỹ Hiệp".into(),
                "Trạm Y tế xã Bình Thạnh".into()
            ))
        );
        // A former head, named after a comma, holds no office.
        assert_eq!(
            head("Dự hội nghị có đồng chí Lê Văn Tâm, nguyên khối trưởng Sở Tài chính."),
            None
        );
        // A time, not a unit, after "từ"; a clause between the two units.
        let (current, _) = terms("Hội nghị chuyển giao cụm trưởng từ năm 2024 cho Sở Y tế.");
        assert_eq!(current, None);
        let (current, _) = terms(
            "Hội nghị chuyển giao cụm trưởng từ Sở Nội vụ, đơn vị đã hoàn thành tốt nhiệm vụ, cho Sở Y tế.",
        );
        assert_eq!(current, None);
    }

    #[test]
    fn a_unit_in_apposition_or_a_place_right_after_the_heads_office() {
        assert_eq!(
            head("Hội nghị được tổ chức tại đơn vị trưởng Khối, Sở Y tế.").as_deref(),
            Some("Sở Y tế")
        );
        // A place right after the office.
        assert_eq!(
            head(
                "Sáng 14/02/2023, Cụm trưởng xã Ea Tu phối hợp với xã Hòa Thuận tổ chức hội nghị."
            )
            .as_deref(),
            Some("Ea Tu")
        );
        // Who came, listed: not the place of the meeting.
        assert_eq!(
            head("Dự hội nghị có đại diện lãnh đạo đơn vị Trưởng khối, Ban Thi đua - Khen thưởng tỉnh.")
                .as_deref(),
            None
        );
        // The unit goes on with a verb: it is the subject of the next clause.
        assert_eq!(
            head("Hội nghị được tổ chức tại đơn vị trưởng Khối, Sở Y tế báo cáo kết quả.")
                .as_deref(),
            None
        );
    }

    #[test]
    fn a_date_names_no_officers_year() {
        // The day the meeting was held, not the year of the head (reviewed: 2023).
        let (found, _, _) = officers_in(
            "Ngày 12 tháng 3 năm 2024, Sở Y tế (đơn vị Trưởng khối) tổ chức hội nghị.",
            2023,
            2024,
        );
        assert_eq!(found.current.map(|t| t.year), Some(Some(2023)));
        assert!(found.next.is_none());
        // A month alone names no day: its year is the head's.
        let (found, _, _) = officers_in(
            "Từ tháng 1 năm 2024, Sở Tư pháp là đơn vị Trưởng khối.",
            2023,
            2024,
        );
        assert_eq!(found.next.map(|t| t.year), Some(Some(2024)));
    }

    #[test]
    fn a_head_of_a_general_department_is_the_department_and_a_past_head_none() {
        // "Tổng cục trưởng" is the person's office, not a unit's name.
        assert_eq!(
            head("Dự có ông Nguyễn Văn Thành, Phó Tổng cục trưởng Tổng cục Thủy lợi, Trưởng khối.")
                .as_deref(),
            Some("Tổng cục Thủy lợi")
        );
        // At the review of 2023, the head of 2022 is no officer of it.
        assert_eq!(
            head("Khối gồm: Sở Y tế (Khối trưởng năm 2022), Sở Tư pháp (Khối trưởng năm 2023), Sở Nội vụ.")
                .as_deref(),
            Some("Sở Tư pháp")
        );
    }

    #[test]
    fn a_place_alone_is_the_other_officers_kind_of_unit_there() {
        let unit = |id: Option<&str>, name: &str, mention: &str| Unit {
            id: id.map(str::to_string),
            name: name.into(),
            province: None,
            mention: mention.into(),
            span: [0, 0],
        };
        let head = unit(
            Some("ldld"),
            "Liên đoàn Lao động huyện Hàm Tân",
            "LĐLĐ huyện Hàm Tân",
        );
        let deputy = of_kind_of(unit(None, "La Gi", "Thị xã La Gi"), &head);
        assert_eq!(deputy.name, "Liên đoàn Lao động thị xã La Gi");
        assert_eq!(deputy.id.as_deref(), Some("ldld"));
        // A unit of its own, or a head that is no unit of a place, changes nothing.
        let own = unit(
            Some("congan"),
            "Công an huyện Tuy Phong",
            "Công an huyện Tuy Phong",
        );
        assert_eq!(of_kind_of(own, &head).name, "Công an huyện Tuy Phong");
        let province = unit(Some("so-yte"), "Sở Y tế", "Sở Y tế");
        let place = unit(None, "La Gi", "thị xã La Gi");
        assert_eq!(of_kind_of(place, &province).name, "La Gi");
    }

    #[test]
    fn two_units_joined_before_one_office_leave_it_empty() {
        let (found, written, warnings) = officers_in(
            "Năm 2024, Sở Công Thương làm Trưởng khối; Sở Xây dựng và Sở Tài chính làm Phó Trưởng khối.",
            2023,
            2024,
        );
        assert_eq!(written, Some(2024));
        let next = found.next.unwrap();
        assert_eq!(next.head.unwrap().name, "Sở Công Thương");
        assert!(next.deputy.is_none());
        assert!(warnings.iter().any(|w| w.code == "two_deputies"));
    }

    #[test]
    fn two_provinces_joined_before_one_office_leave_it_empty() {
        let (found, _, warnings) = officers_in(
            "Các tỉnh thống nhất chọn Cà Mau là Cụm trưởng Cụm thi đua năm 2024; Hậu Giang và Bạc Liêu là Phó Cụm trưởng.",
            2023,
            2024,
        );
        let next = found.next.unwrap();
        assert_eq!(next.head.unwrap().name, "Cà Mau");
        assert!(next.deputy.is_none());
        assert!(warnings.iter().any(|w| w.code == "two_deputies"));
    }

    #[test]
    fn a_clause_that_opens_with_the_office_names_its_unit_after_the_comma() {
        let (found, _, _) = officers_in(
            "Là đơn vị Trưởng cụm thi đua năm 2024, đại diện lãnh đạo UBND huyện Võ Nhai đã phát động thi đua.",
            2023,
            2024,
        );
        // A district's government holds the office as the district.
        assert_eq!(found.next.unwrap().head.unwrap().name, "Võ Nhai");
        // Not a unit before the office in the same clause.
        let (found, _, _) = officers_in(
            "Sở Y tế là đơn vị Trưởng khối năm 2024, Sở Nội vụ là Phó khối.",
            2023,
            2024,
        );
        let next = found.next.unwrap();
        assert_eq!(next.head.unwrap().name, "Sở Y tế");
        assert_eq!(next.deputy.unwrap().name, "Sở Nội vụ");
    }

    #[test]
    fn a_rotation_past_next_year_gives_next_years_officers_only() {
        let (found, _, warnings) = officers_in(
            "Năm 2025: Trưởng khối: Sở Công Thương; Phó khối: Sở Xây dựng.\nNăm 2026: Trưởng khối: Cục Thuế tỉnh; Phó khối: Sở Tài chính.",
            2024,
            2025,
        );
        let next = found.next.unwrap();
        assert_eq!(next.year, Some(2025));
        assert_eq!(next.head.unwrap().name, "Sở Công Thương");
        assert_eq!(next.deputy.unwrap().name, "Sở Xây dựng");
        assert!(warnings.is_empty());
    }
}
