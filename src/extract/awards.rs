//! Awards the bloc proposed or handed over, one per (award, recipient):
//! "đề nghị tặng Cờ thi đua của Chính phủ cho X; Cờ thi đua của UBND tỉnh cho: Y, Z",
//! "01 đơn vị đề nghị tặng thưởng Cờ thi đua của Chính phủ là Sở Y tế",
//! "Ban Dân tộc được suy tôn nhận Cờ thi đua", "Y và Z nhận Bằng khen của Chủ tịch UBND tỉnh".

use std::ops::Range;

use regex::Regex;

use super::fold::Folded;
use super::provinces::Provinces;
use super::units::{key, List, Units};
use super::{around_cue, compile, cue, starts_word, words, Doc, Gated};
use crate::patterns::{PatternError, Patterns};
use crate::record::{Award, AwardKind, AwardLevel, AwardStatus, Person, Unit, Warning};

/// How far before the verb a conferrer may end: "đề nghị Chủ tịch UBND tỉnh xem xét, tặng".
const CONFERRER_GAP: usize = 40;
/// How far before the award the recipients a list names may end: "A, B và C được suy tôn
/// là đơn vị dẫn đầu phong trào thi đua, nhận".
const RECEIVE_GAP: usize = 160;

#[derive(Clone)]
pub struct Awards {
    names: Vec<(AwardKind, Option<AwardLevel>, Regex)>,
    any: Folded,
    /// Between the award and its recipients: "cho:", "là:", ":".
    to: Regex,
    /// Between recipients and the award, ending the gap: "được suy tôn nhận", "nhận".
    receive: Regex,
    /// A word alone between a list and an award that says it of the list ("là") ...
    said_of: Regex,
    /// ... when it follows a word of proposing: "đối với".
    said_of_lead: Regex,
    /// Between a unit and an award it only aims at: "phấn đấu đạt".
    aspires: Regex,
    /// After the award, recipients counted and not named: "cho 01 cá nhân".
    counted: Regex,
    /// Right before an award, what turns it down: "xin rút không nhận cờ thi đua".
    declined: Regex,
    /// Who confers it, said before the award: "đề nghị Chủ tịch UBND tỉnh tặng".
    conferrer: Vec<(AwardLevel, Regex)>,
    /// "của <who>" after an award, up to its " cho" in the clause.
    by_conferrer: Regex,
    /// The verb of conferring.
    verb: Regex,
    proposed: Regex,
    conferred: Gated,
    /// Words before a unit that make it the one asked to confer an award, not its
    /// recipient ("đề nghị UBND tỉnh"), at the end of a text.
    asked: Regex,
    /// What the unit asked is asked to do, at the start of a text ("tặng").
    asked_verb: Regex,
    /// A whole gap between a giver and its award: "đã tặng".
    giving: Regex,
    /// "..., thừa ủy quyền của Chủ tịch UBND tỉnh đã trao": the list before gave.
    gave: Regex,
    /// A whole gap between recipients and their award, asking its conferrer: "đề nghị Tổng
    /// LĐLĐ Việt Nam tặng" (of "LĐLĐ huyện A, LĐLĐ thị xã B đề nghị ... tặng Bằng khen").
    proposes: Regex,
    /// What may stand before a person recipient's name: "ông", "Thượng tá".
    person_lead: Regex,
    /// After one kind of unit, the provinces it stands for: "Sở Nội vụ các tỉnh: Sơn La,
    /// Yên Bái" (a cluster of provinces rewards one unit in each).
    provinces_follow: Regex,
}

impl Awards {
    pub fn new(patterns: &Patterns) -> Result<Awards, PatternError> {
        let mut names = Vec::new();
        let mut all = Vec::new();
        for line in patterns.lines("awards.tsv") {
            let kind: AwardKind =
                serde_json::from_value(serde_json::Value::String(line.field(0).into()))
                    .map_err(|_| line.error(format!("unknown award kind {:?}", line.field(0))))?;
            let level: Option<AwardLevel> = match line.field(1) {
                "-" => None,
                l => Some(
                    serde_json::from_value(serde_json::Value::String(l.into()))
                        .map_err(|_| line.error(format!("unknown award level {l:?}")))?,
                ),
            };
            names.push((kind, level, compile(line, 2)?));
            all.push(format!("(?:{})", line.field(2)));
        }
        let any = crate::patterns::regex(&format!(r"(?i)(?:{})", all.join("|"))).map_err(|e| {
            PatternError {
                file: "awards.tsv".into(),
                line: 0,
                message: e.to_string(),
            }
        })?;
        let re = |s: &str| crate::patterns::regex(s).expect("a built-in award regex compiles");
        Ok(Awards {
            names,
            any: Folded::new(any),
            // "cho: A, B", "là A", "cho 2 đơn vị gồm A và B", "cho các tập thể có thành
            // tích xuất sắc, gồm: A", and "Bằng khen của Chủ tịch UBND tỉnh (được đề nghị)
            // tặng (cho:) X"; "Bằng khen đơn vị hoàn thành xuất sắc nhiệm vụ năm 2015 cho X",
            // what the award is for; "tặng “Cờ thi đua xuất sắc” cho X": after the quote
            // closing the award's name. "là" is a word: "cho tập thể X và bầu Y làm Khối
            // trưởng" names X.
            to: re(
                r#"(?i)^"?\s*(?:năm [0-9]{4}\s*)?(?:(?:(?:được\s+)?(?:đề nghị\s+)?(?:tặng|trao)(?:\s+thưởng)?\s+)?(?:(?:(?:đơn vị|tập thể)\s[^.;:,\n]*?\s)?cho\s*(?:(?:[0-9]{1,2}\s+|các\s+)?(?:đơn vị|tập thể|cơ quan)(?:[^.;:,\n]*?,?\s*(?:(?:bao\s+)?gồm|là)(?:\s|:))?\s*)?:?|là\s*:?|:|đối với|gồm\s*:?)|(?:được\s+)?(?:đề nghị\s+)?(?:tặng|trao)(?:\s+thưởng)?\s)\s*(?:(?:tập thể|các|đơn vị|lực lượng)\s+)?"#,
            ),
            // "X được suy tôn là đơn vị xuất sắc ... được đề nghị tặng", "(X, Y) được nhận".
            receive: around_cue(patterns, "award_receive", r"(?i)(?:{})$")?,
            said_of: around_cue(patterns, "award_said_of", r"(?i)^\s*(?:{})\s*$")?,
            said_of_lead: around_cue(
                patterns,
                "award_said_of_lead",
                r"(?i)(?:{})(?:\s+(?:tỉnh|thành phố))?$",
            )?,
            aspires: cue(patterns, "award_aspired")?,
            counted: cue(patterns, "award_counted")?,
            declined: super::around_cue(patterns, "award_declined", r"(?i)(?:{})\s*$")?,
            conferrer: vec![
                (AwardLevel::ChinhPhu, cue(patterns, "conferrer_chinh_phu")?),
                (AwardLevel::UbndTinh, cue(patterns, "conferrer_ubnd_tinh")?),
                (AwardLevel::BoNganh, cue(patterns, "conferrer_bo_nganh")?),
                (AwardLevel::Other, cue(patterns, "conferrer_other")?),
            ],
            by_conferrer: re(r#"^"? của (?P<who>[^.;:\n]{3,}?) cho\b"#),
            verb: cue(patterns, "award_verb")?,
            proposed: cue(patterns, "award_proposed")?,
            conferred: Gated::new(cue(patterns, "award_conferred")?),
            asked: around_cue(patterns, "asked_to_confer", r"(?i)(?:{})$")?,
            asked_verb: around_cue(patterns, "asked_verb", r"^(?:{})")?,
            giving: around_cue(patterns, "award_giving", r"^(?:{})$")?,
            gave: around_cue(patterns, "award_gave", r"(?:^|\s)(?:{})$")?,
            proposes: around_cue(
                patterns,
                "recipients_propose",
                &format!(
                    r"(?i)^\s*,?\s*(?:{{}})\s+(?P<who>[^,;:.\n]{{2,60}}?)\s+(?:xét\s*,?\s+)?(?:{}|{})\s*$",
                    super::cue_source(patterns, "award_verb")?,
                    super::cue_source(patterns, "asked_verb")?
                ),
            )?,
            // The honorifics that stand before a name ("ông", "đồng chí", "Thượng tá").
            person_lead: around_cue(
                patterns,
                "honorific",
                r"(?i)^\s*(?:(?:các\s+)?(?:{}|cá nhân)\s*:?\s*)*$",
            )?,
            provinces_follow: around_cue(
                patterns,
                "provinces_word",
                r"(?i)^\s*(?:của\s+)?(?:{})\s*:?\s*",
            )?,
        })
    }

    pub fn find(
        &self,
        doc: &Doc,
        units: &Units,
        provinces: &Provinces,
        people: &[Person],
        warnings: &mut Vec<Warning>,
    ) -> Vec<Award> {
        let mut out: Vec<Award> = Vec::new();
        let mut taken: Vec<[usize; 2]> = Vec::new();
        // Collected first: a search of the same rule in the loop would otherwise take a
        // second cache of its own while this one is in use.
        let found: Vec<Range<usize>> = self.any.find_iter(doc, doc.text).collect();
        for mut m in found {
            // "Giấy khen cho xã Xuân Lâm": an award's open tail stops before its recipient.
            if let Some(i) = doc.text[m.clone()].find(" cho ") {
                m.end = m.start + i;
            }
            let written = doc.text[m.clone()].trim();
            let Some((kind, mut level)) = self.classify(written) else {
                continue;
            };
            // "Cờ thi đua của Tổng Giám đốc Kho bạc Nhà nước cho X": a conferrer the award
            // names do not know, up to "cho" in the clause; its level from the conferrers.
            if self.to.find(&doc.text[m.end..]).is_none() {
                if let Some(by) = self.by_conferrer.captures(&doc.text[m.end..]) {
                    if let Some(who) = by.name("who") {
                        level = level.or_else(|| self.conferrer_level(who.as_str()));
                        m.end += who.end();
                    }
                }
            }
            // "Bằng khen của Chủ tịch UBND tỉnh Đắk Nông cho X": the province is the name's.
            let lower = written.to_lowercase();
            let of_province = ["tỉnh", "thành phố", "tp", "tp."]
                .iter()
                .any(|w| lower.ends_with(&format!(" {w}")));
            if let Some(end) = of_province
                .then(|| doc.text[m.end..].strip_prefix(' '))
                .flatten()
                .and_then(|rest| provinces.name_at(rest))
            {
                m.end += 1 + end;
            }
            let written = doc.text[m.clone()].trim();
            // The period sentence up to the award, where "đề nghị" or "trao" is said.
            let sentence_start = super::start_before(doc.text, m.start, &['.', '\n']);
            let before = &doc.text[sentence_start..m.start];
            if self.declined.is_match(before) {
                continue;
            }
            if level.is_none() {
                // The conferrer stands before a "tặng"/"trao" of the sentence, the nearest
                // one that names it ("đề nghị Bộ X tặng cờ thi đua cho A, tặng bằng khen
                // cho B"); "đề nghị Thủ tướng Chính phủ, UBND tỉnh tặng" names two: no level.
                let verbs: Vec<usize> = words(&self.verb, before).map(|v| v.start()).collect();
                for verb in verbs.into_iter().rev() {
                    // The conferrer ends at most CONFERRER_GAP characters before the verb,
                    // in the same clause.
                    let clause = before[..verb].rfind([';', '.']).map_or(0, |i| i + 1);
                    let near = chars_back(before, verb, CONFERRER_GAP).max(clause);
                    let scope = chars_back(before, near, 60).max(clause);
                    // Each conferrer said, with where its last mention starts and ends.
                    let said: Vec<(AwardLevel, usize, usize)> = self
                        .conferrer
                        .iter()
                        .filter_map(|(l, re)| {
                            re.find_iter(&before[scope..verb])
                                .filter(|c| scope + c.end() >= near)
                                // "tặng Cờ thi đua cho UBMTTQVN huyện A và đề nghị tặng
                                // Bằng khen": a recipient is no conferrer (nor "MTTQ" inside
                                // a word).
                                .filter(|c| super::starts_word(before, scope + c.start()))
                                .filter(|c| {
                                    let lead = before[..scope + c.start()].trim_end();
                                    let lead = lead.strip_suffix("đơn vị").unwrap_or(lead);
                                    !lead.trim_end().ends_with("cho")
                                })
                                // "Liên đoàn Lao động tỉnh được UBND tỉnh tặng cờ thi đua":
                                // nor is the one given it.
                                .filter(|c| {
                                    !before[scope + c.end()..].trim_start().starts_with("được")
                                })
                                .last()
                                .map(|c| (*l, scope + c.start(), scope + c.end()))
                        })
                        .collect();
                    // "UBND huyện" is a district's, not the province's "UBND".
                    let said: Vec<(AwardLevel, usize, usize)> = said
                        .iter()
                        .filter(|&&(_, start, end)| {
                            !said
                                .iter()
                                .any(|&(_, s, e)| s <= start && end <= e && (s, e) != (start, end))
                        })
                        .copied()
                        .collect();
                    let nearest = said.iter().max_by_key(|s| s.2);
                    if let Some(&(nearest, start, _)) = nearest {
                        // "UBND tỉnh bình chọn đề nghị Chính phủ tặng": the one asked to
                        // confer is the one after the proposing verb.
                        let asked = said.iter().all(|&(l, _, end)| {
                            l == nearest
                                || (end <= start && self.proposed.is_match(&before[end..start]))
                        });
                        level = asked.then_some(nearest);
                        break;
                    }
                }
            }
            // A province confers Bằng khen, never a Giấy khen: "Chủ tịch UBND thành phố tặng
            // Giấy khen" is a provincial city's (a district's) award.
            if kind == AwardKind::GiayKhen && level == Some(AwardLevel::UbndTinh) {
                level = Some(AwardLevel::Other);
            }
            let status = if self.proposed.is_match(before) || !self.conferred.is_match(before) {
                AwardStatus::Proposed
            } else {
                AwardStatus::Conferred
            };
            // Recipients after the award ("... cho: A, B"), else before it ("A và B nhận ...").
            let mut recipients: Vec<Unit> = Vec::new();
            if let Some(to) = self.to.find(&doc.text[m.end..]) {
                let list = List {
                    semicolons: to.as_str().contains(':'),
                    ..List::default()
                };
                let (mut found, mut end) = units.list_at(doc, m.end + to.end(), provinces, list);
                if let [kind] = &found[..] {
                    if let Some(f) = (kind.id.is_some() && kind.province.is_none())
                        .then(|| self.provinces_follow.find(&doc.text[end..]))
                        .flatten()
                    {
                        let (places, places_end) =
                            units.list_at(doc, end + f.end(), provinces, List::default());
                        let each = units.in_each_province(kind, places, provinces);
                        if !each.is_empty() {
                            (found, end) = (each, places_end);
                        }
                    } else if let Some((each, _, each_end)) = (kind.id.is_some()
                        && kind.province.is_none())
                    .then(|| units.of_each_district(doc, kind, end, provinces))
                    .flatten()
                    {
                        // "cho 03 đơn vị Ủy ban MTTQ Việt Nam các huyện: Thống Nhất, Tân Phú".
                        (found, end) = (each, each_end);
                    }
                }
                // "cho Sở Xây dựng; Sở Giao thông vận tải.": a list on over ";" when it runs
                // to the sentence's end ("cho A; B nhận Bằng khen" gives B another award).
                if !list.semicolons && !found.is_empty() {
                    if let Some(rest) = doc.text[end..].strip_prefix(';') {
                        let at = end + 1 + (rest.len() - rest.trim_start().len());
                        let more_list = List {
                            semicolons: true,
                            ..List::default()
                        };
                        let (more, more_end) = units.list_at(doc, at, provinces, more_list);
                        let after = doc.text[more_end..].trim_start();
                        if !more.is_empty() && (after.is_empty() || after.starts_with(['.', '\n']))
                        {
                            found.extend(more);
                            end = more_end;
                        }
                    }
                }
                // "... cho Công an tỉ", "... cho Thanh tra tỉnh, Sở Ngoại": the text is cut
                // within the last recipient (or right after it, without a full stop).
                let tail = doc.text[end..].trim_end();
                if tail.len() < 12 && tail.chars().all(|c| c == ' ' || super::is_alphanumeric(c)) {
                    found.pop();
                }
                recipients = found;
                if recipients.is_empty() {
                    recipients = self.people_at(doc, m.end + to.end(), people);
                }
            }
            // "X được tặng Bằng khen cho 01 cá nhân": X's people, not X, receive it.
            // The award's open tail may say so itself ("giấy khen đối với tập thể và cá nhân").
            let counted_in_tail = doc.text[m.clone()]
                .match_indices(' ')
                .any(|(i, _)| self.counted.is_match(&doc.text[m.start + i..m.end]));
            if recipients.is_empty()
                && !self.counted.is_match(&doc.text[m.end..])
                && !counted_in_tail
            {
                // The list may run across ";" ("03 đơn vị gồm: A; B và C được suy tôn ...").
                recipients = self.before(doc, sentence_start..m.start, &taken, units, provinces);
                // "Thượng tá A, Phó Trưởng phòng Tham mưu Công an tỉnh nhận Bằng khen": the
                // unit ends the titles of the person who receives.
                if let Some(person) = recipients
                    .first()
                    .and_then(|u| self.titled_person(doc, sentence_start, u, people))
                {
                    recipients = vec![person];
                }
            }
            if recipients.is_empty() {
                warnings.push(Warning::new(
                    "award_without_recipient",
                    format!("\"{written}\" has no named recipient"),
                ));
                continue;
            }
            taken.extend(recipients.iter().map(|u| u.span));
            for unit in recipients {
                let duplicate = out.iter().any(|a| {
                    a.kind == kind
                        && a.level == level
                        && key(&a.recipient.name) == key(&unit.name)
                        && a.recipient.province == unit.province
                });
                if duplicate {
                    continue;
                }
                let (mention, span) = doc.mention(m.start, m.end);
                out.push(Award {
                    award: written.to_string(),
                    kind,
                    level,
                    recipient: unit,
                    status,
                    mention,
                    span,
                });
            }
        }
        out
    }

    /// People as recipients, from byte `at` to the clause's end: "tặng Bằng khen cho
    /// Thượng tá Trần Minh Đức, Phó Giám đốc Công an tỉnh và Trung tá Lê Thị Hoa". The first
    /// stands at `at`, after a rank or an honorific at most; those after it are the people
    /// of the clause. A person is reported as a recipient without an id or a province.
    fn people_at(&self, doc: &Doc, at: usize, people: &[Person]) -> Vec<Unit> {
        let end = super::end_after(doc.text, at, &['.', ';', '\n']);
        let clause = &doc.text[at..end];
        let mut found: Vec<(usize, &Person)> = people
            .iter()
            .filter_map(|p| Some((clause.find(&p.name)?, p)))
            .collect();
        found.sort_by_key(|(i, _)| *i);
        match found.first() {
            Some((first, _)) if self.person_lead.is_match(&clause[..*first]) => {}
            _ => return Vec::new(),
        }
        found
            .into_iter()
            .map(|(i, p)| {
                let (mention, span) = doc.mention(at + i, at + i + p.name.len());
                Unit {
                    id: None,
                    name: p.name.clone(),
                    province: None,
                    mention,
                    span,
                }
            })
            .collect()
    }

    /// The person whose titles `unit` stands in, when the person is named before it in the
    /// clause from `from` and only titles stand between: "Đại úy B, Đội trưởng Công an
    /// huyện Gio Linh" for "Công an huyện Gio Linh".
    fn titled_person(
        &self,
        doc: &Doc,
        from: usize,
        unit: &Unit,
        people: &[Person],
    ) -> Option<Unit> {
        let at = doc.byte_at(unit.span[0]);
        let clause = &doc.text[from..at];
        let (i, person) = people
            .iter()
            .filter(|p| !p.titles.is_empty())
            .filter_map(|p| Some((clause.rfind(&p.name)?, p)))
            .max_by_key(|(i, _)| *i)?;
        let between = &clause[i + person.name.len()..];
        let titled = (between.starts_with(", ") || between.starts_with(" - "))
            && !between.contains([';', '.', '(', ':'])
            && person
                .titles
                .iter()
                .any(|t| unit_words_end(t, &unit.mention));
        if !titled {
            return None;
        }
        let (mention, span) = doc.mention(from + i, from + i + person.name.len());
        Some(Unit {
            id: None,
            name: person.name.clone(),
            province: None,
            mention,
            span,
        })
    }

    /// The level of a conferrer named in full: of the conferrers it names, those not within
    /// another ("Thanh tra Chính phủ" is a ministry's, not "Chính phủ"), when they agree.
    fn conferrer_level(&self, conferrer: &str) -> Option<AwardLevel> {
        let said: Vec<(AwardLevel, usize, usize)> = self
            .conferrer
            .iter()
            .flat_map(|(l, re)| re.find_iter(conferrer).map(|m| (*l, m.start(), m.end())))
            .collect();
        let outer: Vec<AwardLevel> = said
            .iter()
            .filter(|&&(_, start, end)| {
                !said
                    .iter()
                    .any(|&(_, s, e)| s <= start && end <= e && (s, e) != (start, end))
            })
            .map(|&(l, _, _)| l)
            .collect();
        let first = *outer.first()?;
        outer.iter().all(|&l| l == first).then_some(first)
    }

    fn classify(&self, written: &str) -> Option<(AwardKind, Option<AwardLevel>)> {
        self.names
            .iter()
            .find(|(_, _, re)| re.find(written).is_some_and(|f| f.start() == 0))
            .map(|(k, l, _)| (*k, *l))
    }

    /// Recipients named before the award: a list of units whose end is joined to the award
    /// by "nhận", "được suy tôn nhận".
    fn before(
        &self,
        doc: &Doc,
        clause: Range<usize>,
        taken: &[[usize; 2]],
        units: &Units,
        provinces: &Provinces,
    ) -> Vec<Unit> {
        let mut found = units.all_in(doc, clause.clone(), provinces);
        // "suy tôn huyện Quan Hóa nhận Cờ thi đua": a place may start the list too.
        found.extend(units.places_in(doc, clause.clone()));
        found.sort_by_key(|u| u.span[0]);
        // A unit that received an earlier award of the sentence does not start this list:
        // "tặng Cờ thi đua cho A; B và C nhận Bằng khen".
        for first in found.iter().filter(|u| !taken.contains(&u.span)) {
            let at = doc.byte_at(first.span[0]);
            // "đề nghị Ủy ban nhân dân tỉnh tặng": the unit asked to confer the award (but
            // "đề nghị Thanh tra tỉnh được nhận" names its recipient).
            let asked = self.asked.is_match(
                doc.text[super::floor_char(doc.text, at.saturating_sub(40))..at].trim_end(),
            );
            let confers = |end: usize| {
                self.asked_verb
                    .is_match(doc.text[end..clause.end].trim_start())
            };
            let (list, end) = units.list_at(
                doc,
                at,
                provinces,
                List {
                    semicolons: true,
                    ..List::default()
                },
            );
            if end > clause.end || asked && confers(end) {
                continue;
            }
            let gap = &doc.text[end..clause.end];
            // "A đề nghị tặng Cờ thi đua, B và C đề nghị tặng Bằng khen": A's award is the
            // one before B, not this one.
            let another = self.any.find_iter(doc, gap).last().is_some_and(|a| {
                !units
                    .all_in(doc, end + a.end..clause.end, provinces)
                    .is_empty()
            });
            if another {
                continue;
            }
            // "đối với tỉnh A và B là Cờ thi đua Chính phủ": the award said of the list.
            let said_of = self.said_of.is_match(gap)
                && self.said_of_lead.is_match(
                    doc.text[super::floor_char(doc.text, at.saturating_sub(40))..at].trim_end(),
                );
            if self.receives(gap) || self.propose_to_conferrer(gap) || said_of {
                return list;
            }
        }
        Vec::new()
    }

    /// Whether the text between a list and the award asks a conferrer to give it: "đề
    /// nghị Tổng LĐLĐ Việt Nam tặng" (the list is the one proposed).
    fn propose_to_conferrer(&self, gap: &str) -> bool {
        self.proposes
            .captures(gap)
            .is_some_and(|c| self.conferrer.iter().any(|(_, re)| re.is_match(&c["who"])))
    }

    /// Whether the text between a list and the award ends with a receiving verb, without a
    /// ";" or ":" and within RECEIVE_GAP characters: "A và B được suy tôn nhận".
    fn receives(&self, gap: &str) -> bool {
        let gap = gap.trim_end();
        if gap.contains([';', ':']) {
            return false;
        }
        // "UBND thị xã Thái Hòa đã tặng Giấy khen": the unit right before an active "tặng"
        // gives the award.
        if self.giving.is_match(gap.trim_start()) || self.gave.is_match(gap) {
            return false;
        }
        // "Sở Y tế phấn đấu đạt danh hiệu Cờ thi đua": a goal, not an award.
        if self.aspires.is_match(gap) {
            return false;
        }
        let last = chars_back(gap, gap.len(), 30);
        self.receive.find(&gap[last..]).is_some_and(|m| {
            let start = last + m.start();
            starts_word(gap, start) && gap[..start].chars().count() <= RECEIVE_GAP
        })
    }
}

/// Whether a title ends in the words of a unit's mention, written out or not ("... Công an
/// tỉnh Quảng Trị" and "Công an tỉnh Quảng Trị").
fn unit_words_end(title: &str, mention: &str) -> bool {
    let last = |s: &str| s.split_whitespace().last().map(str::to_lowercase);
    matches!((last(title), last(mention)), (Some(t), Some(m)) if t == m)
}

/// The byte offset `n` characters before `end` (or 0).
fn chars_back(text: &str, end: usize, n: usize) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Found = (
        AwardKind,
        Option<AwardLevel>,
        String,
        Option<String>,
        AwardStatus,
    );

    fn awards(text: &str) -> Vec<Found> {
        let patterns = Patterns::builtin().unwrap();
        let (units, provinces) = crate::extract::units::builtin(&patterns);
        let doc = Doc::new(text);
        let mut warnings = Vec::new();
        Awards::new(&patterns)
            .unwrap()
            .find(&doc, &units, &provinces, &[], &mut warnings)
            .into_iter()
            .map(|a| {
                (
                    a.kind,
                    a.level,
                    a.recipient.name,
                    a.recipient.province,
                    a.status,
                )
            })
            .collect()
    }

    #[test]
    fn recipients_that_ask_a_conferrer() {
        let found = awards("Kết quả: Hội Nông dân huyện A, Hội Nông dân huyện B đề nghị Trung ương Hội Nông dân Việt Nam tặng Cờ thi đua, Hội Nông dân huyện C đề nghị Hội Nông dân tỉnh tặng Bằng khen.");
        let names: Vec<(AwardKind, Option<AwardLevel>, &str)> =
            found.iter().map(|a| (a.0, a.1, a.2.as_str())).collect();
        assert_eq!(
            names,
            [
                (
                    AwardKind::CoThiDua,
                    Some(AwardLevel::BoNganh),
                    "Hội Nông dân huyện A"
                ),
                (
                    AwardKind::CoThiDua,
                    Some(AwardLevel::BoNganh),
                    "Hội Nông dân huyện B"
                ),
                (
                    AwardKind::BangKhen,
                    Some(AwardLevel::Other),
                    "Hội Nông dân huyện C"
                ),
            ]
        );
    }

    #[test]
    fn an_award_said_of_a_list_after_a_word_of_proposing() {
        let names = |text: &str| -> Vec<String> { awards(text).into_iter().map(|a| a.2).collect() };
        assert_eq!(
            names("Hội nghị đề nghị khen thưởng đối với Sở Y tế và Sở Tư pháp là Cờ thi đua của Chính phủ."),
            ["Sở Y tế", "Sở Tư pháp"]
        );
        // A goal said of them is no award.
        assert!(
            names("Mục tiêu của Sở Y tế và Sở Tư pháp là Cờ thi đua của Chính phủ.").is_empty()
        );
        // "là" is a word: "làm" ends no lead before the recipient.
        assert_eq!(
            names("Hội nghị đề nghị tặng Cờ thi đua cho tập thể Sở Y tế và bầu Sở Tư pháp làm Khối trưởng."),
            ["Sở Y tế"]
        );
    }

    #[test]
    fn recipients_after_and_before_the_award() {
        let found = awards("Các đơn vị bình xét đề nghị Chủ tịch UBND tỉnh tặng Cờ thi đua cho Sở Y tế; Sở Tư pháp và Thanh tra tỉnh nhận Bằng khen của Chủ tịch UBND tỉnh.");
        let names: Vec<(AwardKind, &str)> = found.iter().map(|a| (a.0, a.2.as_str())).collect();
        assert_eq!(
            names,
            [
                (AwardKind::CoThiDua, "Sở Y tế"),
                (AwardKind::BangKhen, "Sở Tư pháp"),
                (AwardKind::BangKhen, "Thanh tra tỉnh")
            ]
        );
        assert!(found.iter().all(|a| a.1 == Some(AwardLevel::UbndTinh)));
        assert!(found.iter().all(|a| a.4 == AwardStatus::Proposed));
    }

    #[test]
    fn conferrer_scope_and_provinces() {
        let found = awards("Hội nghị đề nghị Bộ Tài nguyên và Môi trường tặng cờ thi đua cho Sở Tài nguyên và Môi trường Hà Tĩnh, tặng bằng khen cho các Sở Tài nguyên và Môi trường Quảng Bình, Quảng Trị.");
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|a| a.1 == Some(AwardLevel::BoNganh)));
        let provinces: Vec<&str> = found.iter().filter_map(|a| a.3.as_deref()).collect();
        assert_eq!(provinces, ["Hà Tĩnh", "Quảng Bình", "Quảng Trị"]);
    }

    #[test]
    fn counts_without_names_are_not_awards() {
        assert!(awards(
            "Hội nghị đề nghị tặng Cờ thi đua cho 02 đơn vị và Bằng khen cho 03 đơn vị."
        )
        .is_empty());
        // The unit before the award does not receive what its people do.
        assert!(
            awards("Sở Tư pháp được Bộ trưởng Bộ Tư pháp tặng Bằng khen cho 01 cá nhân.")
                .is_empty()
        );
        // "danh hiệu thi đua" is not an award and does not hide the one after it.
        let found = awards("Hội nghị bình xét danh hiệu thi đua và đề nghị UBND tỉnh trao Bằng khen cho Ban Dân tộc tỉnh.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, "Ban Dân tộc");
    }

    #[test]
    fn a_text_cut_within_a_recipient_names_none() {
        let found = awards("Đề xuất Chính phủ tặng Cờ thi đua cho Sở Y tế, Công an tỉ");
        let names: Vec<&str> = found.iter().map(|a| a.2.as_str()).collect();
        assert_eq!(names, ["Sở Y tế"]);
        assert!(awards("Đề xuất Chính phủ tặng Cờ thi đua cho Công an tỉ").is_empty());
    }

    #[test]
    fn recipients_over_semicolons_to_the_sentences_end() {
        let found = awards("Trao Bằng khen của Chủ tịch UBND tỉnh cho Sở Xây dựng; Sở Giao thông vận tải; Sở Công Thương.");
        let names: Vec<&str> = found.iter().map(|a| a.2.as_str()).collect();
        assert_eq!(
            names,
            ["Sở Xây dựng", "Sở Giao thông vận tải", "Sở Công Thương"]
        );
    }

    #[test]
    fn a_conferrer_named_after_the_award() {
        let found = awards("Đề nghị tặng Cờ thi đua xuất sắc của Thanh tra Chính phủ cho Thanh tra tỉnh; Cờ thi đua của Tổng Giám đốc Kho bạc Nhà nước cho KBNN Cà Mau; Bằng khen của Chủ tịch UBND tỉnh Đắk Nông cho Sở Tư pháp.");
        let got: Vec<(Option<AwardLevel>, &str)> =
            found.iter().map(|a| (a.1, a.2.as_str())).collect();
        assert_eq!(
            got,
            [
                (Some(AwardLevel::BoNganh), "Thanh tra tỉnh"),
                (Some(AwardLevel::BoNganh), "Kho bạc Nhà nước"),
                (Some(AwardLevel::UbndTinh), "Sở Tư pháp"),
            ]
        );
    }

    #[test]
    fn handed_over_at_the_meeting() {
        let found = awards("Nhân dịp này, 3 cơ quan (Ban Dân tộc, Cục Thống kê, Sở Nội vụ) được nhận bằng khen của UBND tỉnh.");
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|a| a.4 == AwardStatus::Conferred));
    }

    #[test]
    fn a_unit_that_won_an_award_and_one_that_aims_at_it() {
        // (Quotes as the text is normalized: straight.)
        let found =
            awards(r#"Tiêu biểu, Hội Luật gia tỉnh đạt danh hiệu "Cờ thi đua" của UBND tỉnh."#);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, Some(AwardLevel::UbndTinh));
        assert_eq!(found[0].4, AwardStatus::Conferred);
        assert!(
            awards(r#"Năm 2024, Sở Y tế phấn đấu đạt danh hiệu "Cờ thi đua" của UBND tỉnh."#)
                .is_empty()
        );
    }

    #[test]
    fn a_national_body_keeps_its_country_where_a_province_s_unit_does_not() {
        let found = awards("Cụm đề nghị tặng Bằng khen cho Hội LHPN Việt Nam; tặng Cờ thi đua cho Hội CCB Việt Nam các tỉnh: Bến Tre, An Giang.");
        let names: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|a| (a.2.as_str(), a.3.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("Hội Liên hiệp Phụ nữ Việt Nam", None),
                ("Hội Cựu chiến binh", Some("Bến Tre")),
                ("Hội Cựu chiến binh", Some("An Giang")),
            ]
        );
    }
}
