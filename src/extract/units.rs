//! Units (departments, agencies, schools, provinces) named in the text: the gazetteer of
//! `patterns/units.tsv`, names the gazetteer does not know ("Trường Cao đẳng Kỹ thuật và
//! Công nghệ Hà Giang", from the head words of `patterns/unit_heads.tsv`), and lists of
//! them ("gồm: A; B, C và D"), which are segmented by unit, not by comma, since a name may
//! hold commas itself ("Sở Văn hóa, Thể thao và Du lịch").

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use regex::Regex;

use super::dictionary::Dictionary;
use super::provinces::Provinces;
use super::{ends_word, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::{Sector, Unit};

#[derive(Debug, Clone)]
struct Entry {
    id: String,
    name: String,
    sector: Option<Sector>,
}

/// The compiled unit rules.
#[derive(Debug, Clone)]
pub struct Units {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    /// Every known name and alias, longest first, found at the start of the lowercase copy
    /// of the text; its value is the entry's index.
    known: Dictionary,
    /// A unit head word the gazetteer does not know, anchored at the start.
    head: Regex,
    /// A name that opens with a level of schooling is a school's ("ĐH Nha Trang"), and one
    /// of the university systems that is not ("Đại học Huế").
    school_level: Regex,
    university_system: Regex,
    /// "tỉnh", "tỉnh Bắc Kạn", "thành phố Hà Nội" after a unit's name.
    suffix: Regex,
    /// `suffix` without its word boundaries, tried first: a Unicode `\b` keeps a regex off
    /// the fast engine. Where this one fails, `suffix` fails too; where the boundary holds
    /// at the end of its `w` or `q`, its match is `suffix`'s.
    suffix_quick: Regex,
    /// Words that end a name the gazetteer does not know.
    stop: Regex,
    /// `stop` without its word boundary, tried first (as `suffix_quick`).
    stop_quick: Regex,
    /// The rest of a list counted before it goes on ("và 3 đơn vị thành viên là:"): no
    /// last item follows it.
    list_rest: Regex,
    /// Separators between the items of a list.
    separator: Regex,
    /// The number or bullet before a list's first item ("1. ", "(1) ", "- ").
    item_mark: Regex,
    /// Between two items of a list that starts on a line of its own: a line break.
    line_break: Regex,
    /// Known names of departments without their head word, for "các sở: Y tế, Ngoại vụ".
    known_bare: Dictionary,
    /// A list of departments named once as "Sở": "lãnh đạo các Sở: Y tế, Tư pháp".
    departments_lead: Regex,
    /// An item of a list that shares the unit of the item before it in another district:
    /// "VKSND thành phố Long Xuyên và các huyện Phú Tân, Châu Thành"; "Quận 3", by number.
    district_item: Regex,
    /// The lowercase first words of the gazetteer's names ("ngành").
    lowercase_starts: Vec<String>,
    /// A leader's office word before a known unit written small: "Trưởng" of "Trưởng ban
    /// Tuyên giáo Tỉnh ủy".
    leads_small_unit: Regex,
    /// "và các huyện", ", huyện": districts follow a unit's place.
    districts_follow: Regex,
    /// "các huyện:" after one kind of unit, before the districts it stands for.
    each_district: Regex,
    /// One kind of unit before a colon and the proper names of its units: "các Trường
    /// THPT: Nguyễn Du, Trường Chinh".
    kind_lead: Regex,
    /// Abbreviations written out in names the gazetteer does not know.
    abbreviations: Arc<super::Abbreviations>,
    /// Names with a head word that are not units ("Hội nghị").
    not_unit: Regex,
    /// The country after a known unit's name: the national body ("Hội LHPN Việt Nam").
    national: Regex,
    /// The head of an enterprise's name ("Công ty", "Tổng công ty").
    enterprise: Regex,
    /// "huyện Phú Tân" after a unit's name.
    district: Regex,
    /// The family names (`surnames.tsv`): a person's name after a unit is no place.
    family_names: HashSet<String>,
    /// A locality standing as a list item ("huyện Đức Trọng", "Di Linh").
    locality: Regex,
    /// An urban district or ward named by its number with its word: "Quận 7", "phường 3".
    numbered_place: Regex,
    /// Where a place named with its word starts: "huyện Quan Hóa", "thị xã Nghi Sơn".
    place: Regex,
}

/// What a list may hold.
#[derive(Debug, Clone, Copy, Default)]
pub struct List {
    /// Bare place names are items ("các địa phương: Đức Trọng, Di Linh").
    pub localities: bool,
    /// Items may be separated by ";" (a list after a colon), not only by "," and "và".
    pub semicolons: bool,
    /// Items are departments named without "Sở" ("gồm các sở: Y tế, Ngoại vụ").
    pub departments: bool,
    /// With `localities`, a number is an urban district: "các quận: 7, 12" (Quận 7, Quận 12).
    pub numbered: bool,
}

/// A key that ignores case and separators: "Sở Văn hóa - Thể thao và Du lịch" and
/// "Sở Văn hóa, Thể thao và Du lịch" have the same one.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    // The word being read: where it starts in `name` and in `out`, and whether it holds a
    // capital sigma.
    let (mut word, mut at, mut sigma) = (0, 0, false);
    for (i, c) in name.char_indices() {
        if super::dictionary::separator(c) {
            end_word(&mut out, &name[word..i], at, sigma);
            (word, at, sigma) = (i + c.len_utf8(), out.len(), false);
            continue;
        }
        sigma |= c == 'Σ';
        match super::fold::lower(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
    end_word(&mut out, &name[word..], at, sigma);
    out
}

/// The end of a word of `key`, lowercased a letter at a time into `out` from byte `at`:
/// "và" is no part of a key, and a word with a capital sigma is lowercased whole
/// (`str::to_lowercase` differs from a letter at a time only in a Greek final sigma, which
/// it reads from the word around it).
fn end_word(out: &mut String, word: &str, at: usize, sigma: bool) {
    if word == "và" {
        out.truncate(at);
    } else if sigma {
        out.truncate(at);
        out.push_str(&word.to_lowercase());
    }
}

impl Units {
    pub(crate) fn new(
        patterns: &Patterns,
        provinces: &Provinces,
        abbreviations: Arc<super::Abbreviations>,
    ) -> Result<Units, PatternError> {
        let mut entries = Vec::new();
        let mut by_key = HashMap::new();
        let mut aliases: Vec<(String, usize)> = Vec::new();
        for line in patterns.lines("units.tsv") {
            let index = entries.len();
            let name = crate::normalize::text(line.field(1));
            let sector = match line.field(3) {
                "" => None,
                s => Some(
                    serde_json::from_value(serde_json::Value::String(s.to_string()))
                        .map_err(|_| line.error(format!("unknown sector {s:?}")))?,
                ),
            };
            entries.push(Entry {
                id: line.field(0).to_string(),
                name: name.clone(),
                sector,
            });
            for alias in std::iter::once(name).chain(line.list(2)) {
                by_key.insert(key(&alias), index);
                aliases.push((alias, index));
            }
        }
        aliases.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
        // Each alias leads to its entry: the index of its key, which is that of any text
        // the dictionary matches with it.
        let entry_of = |alias: &str| by_key[&key(alias)];
        let known_bare = Dictionary::new(
            aliases
                .iter()
                .filter_map(|(a, _)| Some((a.strip_prefix("Sở ")?, entry_of(a)))),
        );
        let known = Dictionary::new(aliases.iter().map(|(a, _)| (a.as_str(), entry_of(a))));
        let mut heads = Vec::new();
        for line in patterns.lines("unit_heads.tsv") {
            crate::patterns::regex(line.field(0))
                .map_err(|e| line.error(format!("not a regular expression: {e}")))?;
            heads.push(title_case_tolerant(line.field(0)));
        }
        let head = crate::patterns::regex(&format!(r"^(?:{})", heads.join("|"))).map_err(|e| {
            PatternError {
                file: "unit_heads.tsv".into(),
                line: 0,
                message: e.to_string(),
            }
        })?;
        let kind_lead = crate::patterns::regex(&format!(
            r"^\s*(?:các\s+)?(?P<kind>(?:{})[^\s:,;.]*(?:\s+[^\s:,;.]+){{0,3}}?)\s*:",
            heads.join("|")
        ))
        .map_err(|e| PatternError {
            file: "unit_heads.tsv".into(),
            line: 0,
            message: e.to_string(),
        })?;
        // A unit's province suffix is read up to the next clause mark, so no province may be
        // written with one.
        if provinces.alternation().contains(CLAUSE_END) {
            return Err(PatternError {
                file: "provinces.tsv".into(),
                line: 0,
                message: format!("a province is written with one of {CLAUSE_END:?}"),
            });
        }
        // "Ngân hàng Nhà nước chi nhánh Kiên Giang": a branch in a province is the unit there;
        // "TAND khu vực 15 - TP.HCM": a court of an area, the province after a dash.
        // Read at the end of every unit, over a few words: a small cache of its automaton
        // (the default, 2 MiB a thread, filled to 0.7 MiB) costs no speed.
        let suffix = |b: &str| {
            regex::RegexBuilder::new(&format!(
                r"(?i)^\s*(?:(?:của\s+)?(?P<w>(?:chi nhánh\s+)?(?:tỉnh|thành phố|tp\.?)|chi nhánh){b}(?:\s+(?P<p>{names}))?|\s+(?:[-–]\s+)?(?P<q>{names}){b})",
                names = provinces.alternation()
            ))
            .dfa_size_limit(256 << 10)
            .build()
            .expect("the province suffix compiles")
        };
        // A name ends at a stop word, or at its unit's office after a dash ("Trại giam Đắk
        // Tân – Khối trưởng").
        let office = super::cue_source(patterns, "unit_office_note")?;
        let stop = super::around_cue(
            patterns,
            "unit_name_end",
            &format!(r"^(?:{{}}|(?i:{office}))\b"),
        )?;
        let stop_quick = super::around_cue(
            patterns,
            "unit_name_end",
            &format!(r"^(?:{{}}|(?i:{office}))"),
        )?;
        // Items may be numbered or bulleted: "gồm:\n1. Văn phòng Tỉnh ủy;\n2. ...",
        // "(1) Sở Y tế; (2) ...", "gồm:\n- Hội Nông dân tỉnh\n- ..."; a line break then
        // separates items only before such a mark. A number ending its line is no mark, but
        // the last of a series: "Hải đoàn 18, 28, 38 và 48.".
        let mark = r"(?:(?:[0-9]{1,2}[.)]|[-–•+*])[ \t]+|\([0-9]{1,2}\)\s*)";
        // An item's office may follow it in brackets, after a dash or alone: "Sở Y tế (Khối
        // trưởng)", "Chi cục Thuế huyện Phú Tân - Trưởng khối". The rest of a list may be
        // counted before it goes on: "A, B và 3 đơn vị thành viên là: C, D".
        let rest = super::cue_source(patterns, "list_rest")?;
        let separator = super::around_cue(
            patterns,
            "unit_office_note",
            &format!(
                r"^(?:\s*\([^()]*\)|\s*(?i:{{}}))?(?:(?:(?:\s*[;,]\s*)+(?:và\s+)?|\s+(?i:{rest})\s*|\s+và\s+|\s*&\s*|\s+cùng\s+){mark}?|\s*\n\s*{mark})"
            ),
        )?;
        // A list may open with a quote: "bao gồm: “ Công ty CP ...; Công ty ...".
        let item_mark = crate::patterns::regex(&format!(r"^\s*(?:{mark}|[“\x22]\s*)"))
            .expect("the item mark compiles");
        let line_break =
            crate::patterns::regex(r"^[ \t]*[,.]?[ \t]*\n\s*").expect("the line break compiles");
        // A word may hold an apostrophe ("Ea H'leo") or, where a space was lost, a second
        // capital ("huyện IaGrai", "huyện ChưPrông").
        let locality = crate::patterns::regex(
            r"^(?:(?P<many>(?i:các)\s+)?(?P<w>(?i:thành phố|huyện|thị xã|thị trấn|quận|xã|phường|tỉnh|tp\.?))\s+)?(?P<name>[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:(?:['’][\p{L}&&\p{Latin}]|[\p{Lu}&&\p{Latin}])[\p{Ll}&&\p{Latin}]*)?(?:\s+[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:['’][\p{L}&&\p{Latin}][\p{Ll}&&\p{Latin}]*)?){0,3})\b",
        )
        .expect("the locality regex compiles");
        let numbered_place =
            crate::patterns::regex(r"^(?P<w>(?i:quận|phường))\s+(?P<name>[0-9]{1,2})(?-u:\b)")
                .expect("the numbered place regex compiles");
        let place = crate::patterns::regex(
            r"(?i:thành phố|huyện|thị xã|thị trấn|quận|xã|phường|tỉnh)\s+[\p{Lu}&&\p{Latin}]",
        )
        .expect("the place regex compiles");
        // "TAND khu vực 15": a court or procuracy of a numbered area.
        let district = crate::patterns::regex(
            r"^(\s+(?i:huyện|thị xã|thị trấn|quận|thành phố|tp\.?|xã|phường)\s+[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:['’][\p{L}&&\p{Latin}][\p{Ll}&&\p{Latin}]*)?(?:[ ]+[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:['’][\p{L}&&\p{Latin}][\p{Ll}&&\p{Latin}]*)?){0,2}(?:[ ][0-9]{1,2}(?-u:\b))?|\s+(?i:khu vực)\s+[0-9]{1,2}(?-u:\b))",
        )
        .expect("the district regex compiles");
        let district_item = crate::patterns::regex(
            r"^(?:các\s+)?(?:(?P<w>(?i:huyện|thị xã|quận|thành phố|xã|phường|thị trấn))\s+)?(?P<n>[0-9]{1,2}|[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:['’][\p{L}&&\p{Latin}][\p{Ll}&&\p{Latin}]*)?(?:[ ]+[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:['’][\p{L}&&\p{Latin}][\p{Ll}&&\p{Latin}]*)?){0,2})\b",
        )
        .expect("the district item regex compiles");
        let districts_follow =
            crate::patterns::regex(r"(?i)^\s*(?:,|và)\s*(?:các\s+)?(?:huyện|thị xã|quận)\b")
                .expect("compiles");
        let mut lowercase_starts: Vec<String> = aliases
            .iter()
            .filter_map(|(a, _)| a.split_whitespace().next())
            .filter(|w| w.starts_with(char::is_lowercase))
            .map(str::to_string)
            .collect();
        lowercase_starts.sort();
        lowercase_starts.dedup();
        let family_names = patterns
            .lines("surnames.tsv")
            .iter()
            .map(|l| crate::normalize::text(l.field(0)))
            .collect();
        Ok(Units {
            family_names,
            lowercase_starts,
            leads_small_unit: super::around_cue(patterns, "leads_small_unit", r"(?i)^(?:{})$")?,
            districts_follow,
            kind_lead,
            each_district: crate::patterns::regex(
                r"(?i)^\s*(?:của\s+)?(?:các|[0-9]{1,2})\s+(?P<w>huyện|thị xã|quận|thành phố)(?:\s*(?:,|và)\s*(?:thị xã|thành phố|quận|huyện))*(?:\s+(?:trong|thuộc)\s+(?:cụm|khối)(?:\s+thi\s+đua)?)?\s*(?:gồm\s*)?:?\s*",
            )
            .expect("compiles"),
            abbreviations,
            known_bare,
            departments_lead: crate::patterns::regex(r"^các\s+[Ss]ở(?:\s*,\s*(?:ban\s*,\s*)?ngành)?\s*:\s*")
                .expect("compiles"),
            district_item,
            // "Thanh tra các đơn vị": a body within each unit of a list, no unit.
            not_unit: crate::patterns::regex(&format!(
                r"(?i)(?:{})|^(?:{})\s+các\b",
                super::cue_source(patterns, "not_unit")?,
                super::cue_source(patterns, "member_part")?
            ))
            .expect("two checked cues compile as one"),
            national: super::cue(patterns, "national")?,
            enterprise: super::cue(patterns, "enterprise")?,
            school_level: super::cue(patterns, "school_level")?,
            university_system: super::cue(patterns, "university_system")?,
            district,
            locality,
            numbered_place,
            place,
            entries,
            by_key,
            known,
            head,
            suffix: suffix(r"\b"),
            suffix_quick: suffix(""),
            stop,
            stop_quick,
            separator,
            list_rest: super::cue(patterns, "list_rest")?,
            item_mark,
            line_break,
        })
    }

    /// The gazetteer's id and canonical name for a name ("Sở Văn hóa, Thể thao và Du lịch").
    pub fn canonical(&self, name: &str) -> Option<(String, String)> {
        self.by_key
            .get(&key(name))
            .map(|&i| (self.entries[i].id.clone(), self.entries[i].name.clone()))
    }

    /// One kind of unit in each province of a list ("Sở VHTT&DL các tỉnh: Quảng Nam,
    /// Quảng Ngãi"): the kind's unit of each, at the province's mention. Items that are not
    /// provinces are left out.
    pub fn in_each_province(
        &self,
        kind: &Unit,
        places: Vec<Unit>,
        provinces: &Provinces,
    ) -> Vec<Unit> {
        places
            .into_iter()
            .filter_map(|place| {
                Some(Unit {
                    province: Some(provinces.canonical(&place.name)?),
                    name: self.in_province(kind),
                    mention: place.mention,
                    span: place.span,
                    ..kind.clone()
                })
            })
            .collect()
    }

    /// A kind of unit written small before the provinces it stands for ("gồm 7 trường chính
    /// trị tỉnh A, B", "gồm công an 6 tỉnh: A, B"), at bytes `[start, end)`: the unit its
    /// words name once capitalized, if the gazetteer knows it or a head word begins it.
    pub fn kind_written_small(&self, doc: &Doc, start: usize, end: usize) -> Option<Unit> {
        let mut words = doc.text.get(start..end)?.chars();
        let written: String = words.next()?.to_uppercase().chain(words).collect();
        // "thanh tra 7 tỉnh" names the gazetteer's "Thanh tra tỉnh" of each.
        let known = self
            .canonical(&written)
            .or_else(|| self.canonical(&format!("{written} tỉnh")));
        let (id, name) = match known {
            Some((id, name)) => (Some(id), name),
            None => {
                let head = self.head.find(&written)?;
                word_boundary(&written, head.end()).then_some(())?;
                (None, written)
            }
        };
        Some(Unit {
            id,
            ..unknown_unit(doc, name, start, end)
        })
    }

    /// The name of a unit's kind in one province: a national body's without its country
    /// ("Hội CCB Việt Nam cụm số 11, gồm các tỉnh: Bến Tre, ..." has "Hội Cựu chiến binh"
    /// of Bến Tre as a member; "Hội Người mù Việt Nam gồm các tỉnh: ...", "Hội Người mù").
    pub fn in_province(&self, unit: &Unit) -> String {
        match unit.id.as_deref().and_then(|id| self.name_of(id)) {
            Some(name)
                if unit.name.starts_with(name)
                    && self.national.is_match(&unit.name[name.len()..]) =>
            {
                name.to_string()
            }
            None if unit.id.is_none() => {
                let country = unit
                    .name
                    .rmatch_indices(' ')
                    .nth(1)
                    .map(|(i, _)| i)
                    .filter(|&i| self.national.is_match(&unit.name[i..]));
                country.map_or_else(|| unit.name.clone(), |i| unit.name[..i].to_string())
            }
            _ => unit.name.clone(),
        }
    }

    /// The units the text names again by a short name it gives them in brackets: "Trường
    /// Đại học Kinh tế Tài chính TP.HCM (UEF)", then "UEF với vai trò là Khối trưởng". A
    /// short name is two to eight capitals, digits, "&" or "-" that the gazetteer does not
    /// know, right after a unit's name.
    pub fn acronyms(&self, doc: &Doc, provinces: &Provinces) -> Vec<(String, Unit)> {
        let mut out: Vec<(String, Unit)> = Vec::new();
        for (p, _) in doc.text.match_indices('(') {
            let rest = &doc.text[p + 1..];
            let Some(short) = rest.find(')').map(|close| &rest[..close]) else {
                continue;
            };
            let is_short = (2..=8).contains(&short.len())
                && short.starts_with(|c: char| c.is_ascii_uppercase())
                && short
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&' || c == '-');
            if !is_short
                || out.iter().any(|(s, _)| s == short)
                || self.unit_at(doc, p + 1, provinces).is_some()
            {
                continue;
            }
            // The name ends right before the bracket; it is read from a window before it
            // (a sentence's start is no bound: "TP.HCM" holds a full stop).
            let end = doc.text[..p].trim_end().len();
            let start = super::floor_char(doc.text, end.saturating_sub(300));
            let unit = self
                .all_in(doc, start..end, provinces)
                .pop()
                .filter(|u| doc.byte_at(u.span[1]) == end);
            if let Some(unit) = unit {
                out.push((short.to_string(), unit));
            }
        }
        out
    }

    /// The unit whose name starts at byte `at` of the text, with the byte where it ends.
    pub fn unit_at(&self, doc: &Doc, at: usize, provinces: &Provinces) -> Option<(Unit, usize)> {
        if let Some((short, unit)) = doc.acronym_at(at) {
            let end = at + short.len();
            let (mention, span) = doc.mention(at, end);
            return Some((
                Unit {
                    mention,
                    span,
                    ..unit.clone()
                },
                end,
            ));
        }
        // A name ends within its line: the anchored rules look no further.
        let line_end = super::end_after(doc.text, at, &['\n']);
        let rest = &doc.text[at..line_end];
        let known = self
            .known
            .find(doc.folded_of(rest))
            .filter(|&(end, _)| ends_word(rest, end));
        let (id, name, mut end) = if let Some((len, entry)) = known {
            let e = &self.entries[entry];
            (Some(e.id.clone()), e.name.clone(), at + len)
        } else if let Some(head) = self
            .head
            .find(rest)
            .filter(|m| ends_word(rest, m.end()) && !self.not_unit.is_match(rest))
        {
            let (len, words) = self.name_end(rest, head.end())?;
            let end = at + len;
            // "BIDV chi nhánh Đồng Nai": a one-word name stands as a branch in a province.
            if words < 2 && !self.branch_follows(&doc.text[end..line_end]) {
                return None;
            }
            // A level of schooling alone names no school ("Trung cấp (TC) Kinh tế"), where a
            // head word alone may name a unit of the province ("Bưu điện tỉnh"); nor does a
            // head word alone in brackets ("Cụm trưởng (Công đoàn)", the cluster's kind).
            let head_only = doc.text[at..end].trim_end().len() <= head.end();
            let bracketed =
                doc.text[..at].ends_with('(') && doc.text[end..].trim_start().starts_with(')');
            if head_only && (self.school_level.is_match(rest) || bracketed) {
                return None;
            }
            let mut name = self.expand(doc.text[at..end].trim_end());
            // "ĐH Nha Trang", "Đại học Kinh tế Tài chính": a school's full name begins with
            // "Trường".
            if self.school_level.is_match(&name) && !self.university_system.is_match(&name) {
                name.insert_str(0, "Trường ");
            }
            (None, name, at + doc.text[at..end].trim_end().len())
        } else {
            return None;
        };
        let mut province = None;
        let mut name = name;
        // "VKSND huyện Phú Tân": a district's unit keeps its district in its name.
        // (The rule begins with a space: after a comma it is not tried.)
        let district = if doc.text[end..line_end].starts_with(char::is_whitespace) {
            self.district.captures(&doc.text[end..line_end])
        } else {
            None
        };
        if let Some(c) = district {
            let len = self.place_before_person(&doc.text[end..], c.get(0).map_or(0, |m| m.end()));
            // "VKSND TP Gia Nghĩa": the city written out.
            let written = doc.text[end..end + len].trim();
            let written = match written.split_once(' ') {
                Some((tp, rest)) if super::is_city_abbreviation(tp) => {
                    format!("thành phố {}", rest.trim_start())
                }
                _ => written.to_string(),
            };
            let place = written.split_once(' ').map_or("", |(_, p)| p);
            let place = place.strip_prefix("phố ").unwrap_or(place).trim();
            // "thành phố Cà Mau" is the city, not the province, when districts follow it:
            // "VKSND thành phố Cà Mau và các huyện Năm Căn, Ngọc Hiển".
            let after = &doc.text[end + len..];
            let city = self.districts_follow.is_match(after);
            let province = provinces
                .canonical(place)
                .or_else(|| provinces.canonical(&written));
            if id.is_some() && (city || province.is_none()) {
                name = format!("{name} {written}");
                end += len;
            }
        }
        // "Sở Giáo dục và Đào tạo (GDĐT) tỉnh Ninh Bình": a short name in brackets between
        // a name and its province is passed over.
        if let Some(n) = bracket_note(&doc.text[end..line_end]) {
            let after = clause(&doc.text[end + n..line_end]);
            if self
                .suffix
                .captures(after)
                .is_some_and(|c| c.name("p").is_some())
            {
                end += n;
            }
        }
        let tail = clause(&doc.text[end..line_end]);
        let suffix = match self.suffix_quick.captures(tail) {
            Some(c) if word_boundary(tail, c.name("w").or(c.name("q")).map_or(0, |m| m.end())) => {
                Some(c)
            }
            // "TP. Hồ Chí Minh": the boundary `suffix` wants after "TP." is not there.
            Some(_) => self.suffix.captures(tail),
            None => None,
        };
        if let Some(c) = suffix {
            // "TP.HCM", "TP. Hồ Chí Minh": a spelling that holds its "TP." names the province,
            // where the rule read "TP." alone.
            // "thành phố Hồ Chí Minh" is spelt so too, its word small.
            let spelled = c.name("w").filter(|_| c.name("p").is_none()).and_then(|w| {
                let at = &tail[w.start()..];
                let len = provinces.name_at(at).or_else(|| {
                    let rest = at.strip_prefix("thành phố ")?;
                    provinces.name_at(&format!("Thành phố {rest}"))
                })?;
                provinces
                    .canonical(&tail[w.start()..w.start() + len])
                    .map(|p| (p, w.start() + len))
            });
            // A name the gazetteer does not know keeps it, as it keeps "Bắc Kạn" in
            // "Trường Cao đẳng Bắc Kạn": "Trường Đại học Kinh tế Tài chính TP.HCM".
            if let Some((spelled, len)) = spelled {
                if id.is_some() {
                    province = Some(spelled);
                } else {
                    name = format!("{name} {}", self.expand(tail[..len].trim()));
                }
                end += len;
                // "Phân hiệu Trường Đại học Nông lâm TP. Hồ Chí Minh tại Gia Lai": a branch
                // named by its town after the city.
                if let Some(place) = doc.text[end..line_end]
                    .strip_prefix(' ')
                    .filter(|_| id.is_none())
                    .and_then(|rest| Some(&rest[..branch_place(rest)?]))
                {
                    name = format!("{name} {place}");
                    end += 1 + place.len();
                }
            }
            // "tỉnh Bạc Liêu" always names the province; a bare province name only after a
            // name the gazetteer knows ("Sở Tài nguyên và Môi trường Quảng Bình"), since an
            // unknown name may end in one ("Trường Cao đẳng Bắc Kạn").
            // "TYT Phường 3 TP Sa Đéc": a city the gazetteer does not know as a province
            // stays after the unit, with its word.
            else if !unknown_city(&c, tail)
                && (c.name("p").is_some() || id.is_some() || c.name("q").is_none())
            {
                province = c
                    .name("p")
                    .or_else(|| c.name("q"))
                    .and_then(|p| provinces.canonical(p.as_str()));
                end += c.get(0).map_or(0, |m| m.end());
            }
        }
        // "Chi cục Thi hành án dân sự huyện Tân Thạnh, tỉnh Long An": a unit of a district
        // with its province after a comma.
        if province.is_none() && PLACE_IN_NAME.iter().any(|w| name.contains(w)) {
            let tail = &doc.text[end..line_end];
            let after = tail.trim_start().strip_prefix(',').map(str::trim_start);
            let place = after.and_then(|a| {
                ["tỉnh ", "Tỉnh ", "thành phố ", "Thành phố "]
                    .iter()
                    .find_map(|w| a.strip_prefix(w))
            });
            if let Some(place) = place {
                let at = tail.len() - place.len();
                if let Some(len) = provinces.name_at(place) {
                    province = provinces.canonical(&place[..len]);
                    end += at + len;
                }
            }
        }
        if id.is_some() && province.is_none() {
            if let Some(m) = self.national.find(&doc.text[end..line_end]) {
                name = format!("{name} {}", m.as_str().trim());
                end += m.end();
            } else if let Some((len, person)) =
                self.place_alone(&doc.text[end..line_end], provinces)
            {
                // "Liên đoàn Lao động Hàm Tân, Liên đoàn Lao động thị xã La Gi": the place a
                // known unit serves, named without its word, which the article may give it
                // elsewhere ("LĐLĐ huyện Hàm Tân"); a person's name when it looks like one
                // and the article writes no such place.
                let place = doc.text[end..end + len].trim();
                let word = super::PLACE_WORDS.iter().find(|w| {
                    super::words_at(doc.text, &format!("{w} {place}"))
                        .next()
                        .is_some()
                });
                if word.is_some() || !person {
                    name = match word {
                        Some(word) => format!("{name} {word} {place}"),
                        None => format!("{name} {place}"),
                    };
                    end += len;
                }
            }
        }
        let (mention, span) = doc.mention(at, end);
        Some((
            Unit {
                id,
                name,
                province,
                mention,
                span,
            },
            end,
        ))
    }

    /// The length of " Hàm Tân" at the start of `text` when one to three words written
    /// with a capital then small letters ("TX." is no place) end an item there (see
    /// `closed_item`), no province and no unit; and whether it may be a person's name
    /// instead ("Sở Y tế Nguyễn Văn An, ...": a family name begins two words or more).
    fn place_alone(&self, text: &str, provinces: &Provinces) -> Option<(usize, bool)> {
        let rest = text.strip_prefix(' ')?;
        let (end, words) = closed_item(rest, 3, |w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && chars.all(char::is_lowercase)
        })?;
        let place = &rest[..end];
        let person = words.len() >= 2 && self.family_names.contains(words[0]);
        (provinces.canonical(place).is_none() && !self.head.is_match(place))
            .then_some((1 + end, person))
    }

    /// The length of a place of `len` bytes at the start of `text`, up to the person's
    /// name it may have run into: " phường Hạc Thành" of " phường Hạc Thành Mai Văn Xuân"
    /// (the last family name after the place's first word with a capital after it: "Lâm
    /// Viên" of "Lâm Viên Trần Thị Mai", where "Viên" may be one too).
    fn place_before_person(&self, text: &str, len: usize) -> usize {
        // "Công an huyện Krông Pắc 2 năm liền": a number is the place's only before a mark.
        let len = match text[..len].rsplit_once(' ') {
            Some((place, n))
                if n.bytes().all(|b| b.is_ascii_digit())
                    && !place.to_lowercase().ends_with("khu vực") =>
            {
                let after = &text[len..];
                let ends = after.is_empty()
                    || after.starts_with([',', ';', '.', ')', '(', '\n'])
                    || after.starts_with(" (")
                    || after.starts_with(" và ");
                if ends {
                    len
                } else {
                    place.len()
                }
            }
            _ => len,
        };
        // The place runs into a name only when the rule stopped inside one ("Hạc Thành Mai|
        // Văn Xuân"), not at its end ("phường Phan Chu Trinh (Cụm trưởng)").
        let cut_off = text[len..]
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(char::is_uppercase));
        if !cut_off {
            return len;
        }
        let mut named = false;
        let mut cut = len;
        // (The first word is the place's kind: "TP Hà Nội".)
        for (i, word) in word_starts(&text[..len]).skip(1) {
            let capital = word.starts_with(char::is_uppercase);
            let end = i + word.len();
            let more = text[end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(char::is_uppercase));
            if named && capital && more && self.family_names.contains(word) {
                cut = text[..i].trim_end().len();
            }
            named |= capital;
        }
        cut
    }

    /// Where a name the gazetteer does not know ends: at punctuation or a stop word, but
    /// not within its first `head` bytes, the words that begin it ("Ban đại diện Hội Người
    /// cao tuổi", where "đại diện" alone would end a name).
    ///
    /// Gives the end and the number of words, none when not a word was read.
    fn name_end(&self, rest: &str, head: usize) -> Option<(usize, usize)> {
        let mut end = 0;
        let mut words = 0;
        for (i, word) in word_starts(rest) {
            if i < head {
                end = i + word.len();
                words += 1;
                continue;
            }
            // A stop word may begin with the dash before it: "Trại giam Đắk Tân – Khối
            // trưởng Khối thi đua số 3" (the dash alone joins a name's parts).
            let dashed = !rest[end..i].trim().is_empty() && self.stops(rest[end..].trim_start());
            // A number that ends an item is the name's last word ("Công ty TNHH MTV Ia Sao
            // 2, ...", with a letter "Bệnh viện Quân y 7 B;", before a dash "... Quận 1 –
            // Khối trưởng", or a word that ends a name: "Trường THCS Trần Quốc Toản 1 tổ
            // chức"), where a number elsewhere ends the name ("Sở Y tế 2 năm liền").
            let mut after = &rest[i + word.len()..];
            if let Some(a) = after
                .strip_prefix(' ')
                .and_then(|a| a.strip_prefix(|c: char| c.is_ascii_uppercase()))
                .filter(|a| a.starts_with([',', ';', '.', ')']))
            {
                after = a;
            }
            if words > 0
                && !dashed
                && word.bytes().all(|b| b.is_ascii_digit())
                && (after.is_empty()
                    || after.starts_with([',', ';', '.', ')'])
                    || after.starts_with(" và ")
                    || after.starts_with(" (")
                    || after.starts_with(" – ")
                    || after.starts_with(" - ")
                    || after
                        .strip_prefix(' ')
                        .is_some_and(|a| !a.starts_with(char::is_numeric) && self.stops(a)))
            {
                end = rest.len() - after.len();
                words += 1;
                break;
            }
            // "Công ty CP Xây dựng số 1 Thái Nguyên": a number after "số" is the name's, and
            // so is one right after the head word when a capital follows ("Phân hiệu 2
            // Trường Sĩ quan Kỹ thuật quân sự").
            if words > 0
                && !dashed
                && word.bytes().all(|b| b.is_ascii_digit())
                && (rest[..end].ends_with(" số")
                    || (rest[..i].trim_end().len() <= head
                        && after
                            .strip_prefix(' ')
                            .is_some_and(|a| a.starts_with(char::is_uppercase))))
            {
                end = i + word.len();
                words += 1;
                continue;
            }
            if words > 0 && (self.stops(&rest[i..]) || dashed) {
                // "Công ty Cổ phần Du lịch tại Nha Trang, ...": a branch named by its town.
                if let Some(len) = branch_place(&rest[i..]).filter(|_| !dashed) {
                    end = i + len;
                    words += 1;
                }
                break;
            }
            if words > 0 && word.starts_with(|c: char| !super::is_alphanumeric(c)) {
                break;
            }
            // "và" joins two capitalized parts of one name ("Kỹ thuật và Công nghệ"), or two
            // small ones ("Đầu tư Phát triển nhà và đô thị"), but ends the name when a new
            // unit or a stop word begins after it ("... cao su và Bằng khen UBND tỉnh cho").
            if word == "và" {
                let next = &rest[i + word.len()..].trim_start();
                let small = |w: &str| w.starts_with(char::is_lowercase);
                let before = rest[..end].rsplit(' ').next().unwrap_or("");
                let joins = next.starts_with(char::is_uppercase) || (small(before) && small(next));
                if self.head.is_match(next) || !joins || self.stops(next) {
                    break;
                }
            }
            end = i + word.len();
            words += 1;
            if words > 24 {
                return None;
            }
        }
        (words >= 1).then_some((end, words))
    }

    /// Whether the word before `at` is a leader's office that writes its unit small after it
    /// ("Trưởng" of "Trưởng ban Tuyên giáo Tỉnh ủy"): a unit the gazetteer knows may start
    /// there.
    fn leader_before(&self, text: &str, at: usize) -> bool {
        let before = text[..at].trim_end_matches(' ');
        if before.len() == at {
            return false;
        }
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.leads_small_unit.is_match(&before[start..])
    }

    /// Whether `text` starts with a branch in a province: " chi nhánh Đồng Nai".
    fn branch_follows(&self, text: &str) -> bool {
        self.suffix_quick.captures(clause(text)).is_some_and(|c| {
            c.name("p").is_some()
                && c.name("w")
                    .is_some_and(|w| w.as_str().to_lowercase().starts_with("chi nhánh"))
        })
    }

    /// Whether `text` starts with a word that ends a name: `stop`, whose `\b` is checked in
    /// code where `stop_quick` matches (and `stop` asked only where the check cannot tell).
    fn stops(&self, text: &str) -> bool {
        self.stop_quick
            .find(text)
            .is_some_and(|m| word_boundary(text, m.end()) || self.stop.is_match(text))
    }

    /// One kind of unit ending at byte `end`, then the districts it stands for: "Viện kiểm
    /// sát nhân dân các huyện: Yên Định, Thiệu Hóa" is the procuracy of each district, named
    /// with it. The units, and the bytes where the districts start and end.
    pub fn of_each_district(
        &self,
        doc: &Doc,
        kind: &Unit,
        end: usize,
        provinces: &Provinces,
    ) -> Option<(Vec<Unit>, usize, usize)> {
        let c = self.each_district.captures(&doc.text[end..])?;
        let start = end + c.get(0).map_or(0, |m| m.end());
        // "các quận 4, 6, Bình Thạnh": urban districts may be numbers.
        let localities = List {
            localities: true,
            numbered: c["w"].eq_ignore_ascii_case("quận"),
            ..List::default()
        };
        let (found, list_end) = self.list_at(doc, start, provinces, localities);
        if found.is_empty() {
            return None;
        }
        let each = of_places(doc, kind, &c[0], found);
        Some((each, start, list_end))
    }

    /// A list of units starting at byte `at`: units joined by separators. The list ends at
    /// the first item that is not a unit. Duplicates are reported once. A bare province after
    /// a unit of a province is that unit in another province ("Hội CCB tỉnh Vĩnh Long, Bến
    /// Tre" is two associations).
    pub fn list_at(
        &self,
        doc: &Doc,
        at: usize,
        provinces: &Provinces,
        list: List,
    ) -> (Vec<Unit>, usize) {
        self.list_of(doc, at, provinces, list, None)
    }

    /// A list written as one kind of unit and the proper names of its units, at byte `at`:
    /// "các Trường THPT: Nguyễn Du, Trường Chinh, Lê Duẩn" (where "Trường Chinh" is a
    /// name, not a school named "Chinh"). `None` when the text there is not so.
    pub fn list_of_kind_at(
        &self,
        doc: &Doc,
        at: usize,
        provinces: &Provinces,
        list: List,
    ) -> Option<(Vec<Unit>, usize)> {
        let line_end = super::end_after(doc.text, at, &['\n']);
        // The kind ends at a colon within a few words: look no further than that.
        let window = &doc.text[at..line_end];
        let colon = window.find(':').filter(|&c| c <= 80)?;
        let c = self.kind_lead.captures(&window[..=colon])?;
        let kind = self.expand(&c["kind"]);
        // "Thanh tra các đơn vị: Sở Tài chính, ...": no kind of unit, a body within each.
        if kind
            .rsplit_once(" các ")
            .is_some_and(|(_, of)| of.split(' ').count() <= 2)
        {
            return None;
        }
        let after = &window[c.get(0)?.end()..];
        let start = line_end - after.trim_start().len();
        let (units, end) = self.list_of(doc, start, provinces, list, Some(kind));
        (!units.is_empty()).then_some((units, end))
    }

    /// The byte where the next unit begins when the text at `at` goes on with the name of
    /// the item before it: a few words up to a comma, the first small, none a head word
    /// ("vật nuôi và thủy sản, " of "Trung tâm Giống cây trồng, vật nuôi và thủy sản,
    /// Công ty ...", "giáo dục pháp luật và Trợ giúp pháp lý, " of "Cục Phổ biến, ..."),
    /// then a unit. With `small_name` (the item's name is small words after its head,
    /// "Ban bảo vệ"), the words may end the list instead, at its mark, when the province's
    /// word ends them as it ends a unit's name: "..., Ban bảo vệ, chăm sóc sức khỏe cán bộ
    /// tỉnh." (the byte before " tỉnh"); not "..., Ban quản lý dự án, nhìn chung hoàn thành
    /// tốt nhiệm vụ."
    fn name_goes_on(
        &self,
        doc: &Doc,
        at: usize,
        provinces: &Provinces,
        small_name: bool,
    ) -> Option<usize> {
        let rest = &doc.text[at..];
        let comma = rest.find(',');
        let mark = rest.find(['.', ';', '\n']);
        let (words, at_end) = match (comma, mark) {
            (Some(c), m) if m.is_none_or(|m| c < m) => (&rest[..c], false),
            (_, Some(m)) if small_name => (rest[..m].strip_suffix(" tỉnh")?, true),
            _ => return None,
        };
        let goes_on = words.starts_with(char::is_lowercase)
            && words.split_whitespace().count() <= 10
            && word_starts(words).all(|(i, w)| {
                w.chars().all(char::is_alphabetic)
                    && !self.head.is_match(&words[i..])
                    && !self.stops(&words[i..])
            });
        if !goes_on {
            return None;
        }
        if at_end {
            return Some(at + words.len());
        }
        let next = at + words.len() + 1;
        let next = next + (doc.text[next..].len() - doc.text[next..].trim_start().len());
        self.unit_at(doc, next, provinces).map(|_| next)
    }

    /// [`Units::list_at`], with the kind of unit a lead gave for the bare names of the list.
    fn list_of(
        &self,
        doc: &Doc,
        mut at: usize,
        provinces: &Provinces,
        list: List,
        given: Option<String>,
    ) -> (Vec<Unit>, usize) {
        let mut units: Vec<Unit> = Vec::new();
        // The key of each unit's name, for duplicates.
        let mut keys: Vec<String> = Vec::new();
        let mut end = at;
        // The unit and district word of an item with a district, for the items after it.
        let mut district: Option<(String, Option<String>, String)> = None;
        // The kind of an unknown unit named by a proper name, for bare names after it.
        let mut kind: Option<String> = given.clone();
        // The item after "và", the last of the list, which its verb may follow.
        let mut last = false;
        // Whether the last item read was a new one (not a repeat, left out).
        let mut pushed = false;
        // "gồm 12 đơn vị:" and then one unit a line, without marks (an HTML list's items):
        // a list that starts on a line of its own may be separated by line breaks alone.
        let rest = &doc.text[at..];
        let lead = rest.len() - rest.trim_start().len();
        let by_lines = rest[..lead].contains('\n');
        if by_lines {
            at += lead;
        }
        if let Some(m) = self.item_mark.find(&doc.text[at..]) {
            at += m.end();
        }
        // The place word of the last item of the lead's kind: "Văn phòng Đảng ủy: phường Bến
        // Cát, Tân Uyên" names "Văn phòng Đảng ủy phường Tân Uyên".
        let mut place_word: Option<String> = None;
        let mut localities = list.localities;
        let mut departments = list.departments;
        loop {
            // "Văn phòng điều phối nông thôn mới và các Sở: Xây dựng, Công thương": the
            // items after it are departments named without "Sở".
            if let Some(m) = self.departments_lead.find(&doc.text[at..]) {
                departments = true;
                last = false;
                at += m.end();
            }
            // After a kind the lead gave, a proper name is tried first.
            let named = given.as_deref().and_then(|base| {
                // "các Hội: ..., Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh": an item with a
                // head word of another kind is a unit of its own ("Trường Chinh", of "các
                // Trường THPT:", is a name).
                let rest = &doc.text[at..];
                if let Some(head) = self.head.find(rest) {
                    let kind_head = base.split_once(' ').map_or(base, |(head, _)| head);
                    if word_boundary(rest, head.end()) {
                        if head.as_str() != kind_head {
                            return None;
                        }
                        // "các Hội: Chữ thập đỏ, ..., Hội Nhà báo": the kind's own word
                        // begins a name the gazetteer knows whole.
                        if let Some(found) = self.unit_at(doc, at, provinces) {
                            return Some(found);
                        }
                    }
                }
                let (mut unit, end) = self.named_of_kind_at(doc, at, base, true, true)?;
                // "các Hội: Chữ thập đỏ, Luật gia": small words run on to the item's end, where
                // a mark, the next item ("và Đông y") or a word that ends a name stands.
                // (Not "..., phường Phú Lợi tổ chức hội nghị": no capital, no such name.)
                let small_after = doc.text[end..]
                    .strip_prefix(' ')
                    .is_some_and(|a| a.starts_with(char::is_lowercase));
                if small_after {
                    let common = self
                        .common_named_at(doc, at, base)
                        .filter(|&(_, common_end)| self.item_ends(&doc.text[common_end..]));
                    if common.is_some() {
                        return common;
                    }
                }
                let word = super::place_word_of(&unit.mention);
                match (word, &place_word) {
                    (Some(w), _) => place_word = Some(w.to_string()),
                    (None, Some(w)) => {
                        let name = &unit.name[base.len()..];
                        unit.name = format!("{base} {w}{name}");
                    }
                    (None, None) => {}
                }
                Some((unit, end))
            });
            let item = named
                .or_else(|| self.unit_at(doc, at, provinces))
                .or_else(|| {
                    departments
                        .then(|| self.department_at(doc, at, false))
                        .flatten()
                })
                // "gồm 8 đơn vị: Sở Giáo dục và Đào tạo, Y tế, Lao động - Thương binh và Xã
                // hội, ...": "Sở" written once, before the first department.
                .or_else(|| {
                    units
                        .last()
                        .is_some_and(|u| u.name.starts_with("Sở "))
                        .then(|| self.department_at(doc, at, true))
                        .flatten()
                })
                .or_else(|| {
                    let (base, id, word) = district.as_ref()?;
                    let c = self.district_item.captures(clause(&doc.text[at..]))?;
                    // A number is a place's only with its word ("Quận 3"; not the "2" of
                    // "và 2 đơn vị trực thuộc").
                    if c.name("w").is_none() && c["n"].starts_with(|c: char| c.is_ascii_digit()) {
                        return None;
                    }
                    // "Hội Nông dân xã Ea Kao, huyện Cư M'gar": a larger place is the
                    // address of the unit before, not another unit.
                    if c.name("w")
                        .is_some_and(|w| place_rank(w.as_str()) > place_rank(word))
                    {
                        return None;
                    }
                    let word = c
                        .name("w")
                        .map_or(word.clone(), |w| w.as_str().to_lowercase());
                    let end = at + c.get(0)?.end();
                    // "Công an phường Bến Nghé, Bến Thành, Đội Cảnh sát giao thông": a name
                    // that runs on in small words is no place's. (The last item may end
                    // before any verb, "... và Thoại Sơn long trọng tổ chức", but not run
                    // into a unit of its own, "... và Đội Cảnh sát giao thông".)
                    let unit_word = || {
                        let rest = &doc.text[at..];
                        self.head
                            .find(rest)
                            .is_some_and(|h| word_boundary(rest, h.end()))
                    };
                    let after = &doc.text[end..];
                    let closes = self.item_ends(after) || after.trim_start().starts_with("và ");
                    if !(closes || (last && !unit_word())) {
                        return None;
                    }
                    let (mention, span) = doc.mention(at, end);
                    Some((
                        Unit {
                            id: id.clone(),
                            name: format!("{base} {word} {}", &c["n"]),
                            province: None,
                            mention,
                            span,
                        },
                        end,
                    ))
                })
                .or_else(|| {
                    // After two provinces or more, one misspelt ("Cao Bẳng") is one more.
                    let after_provinces = || {
                        units.len() >= 2
                            && units
                                .iter()
                                .rev()
                                .take(2)
                                .all(|u| u.province.is_some() || is_province(u, provinces))
                    };
                    let (place, after) = provinces
                        .unit_at(doc, at)
                        .or_else(|| after_provinces().then(|| provinces.misspelt_at(doc, at))?)?;
                    match units.last() {
                        Some(prev) if prev.province.is_some() => Some((
                            Unit {
                                province: Some(place.name),
                                mention: place.mention,
                                span: place.span,
                                ..prev.clone()
                            },
                            after,
                        )),
                        _ => Some((place, after)),
                    }
                })
                // "Hải đoàn 18, 28, 38 và 48": a bare number after a unit whose name ends in
                // one is one more unit of its kind.
                .or_else(|| {
                    let prev = units.last()?;
                    let (base, number) = prev.name.rsplit_once(' ')?;
                    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    let rest = &doc.text[at..];
                    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                    if digits == 0 || rest[digits..].starts_with(super::is_alphanumeric) {
                        return None;
                    }
                    let end = at + digits;
                    let (mention, span) = doc.mention(at, end);
                    Some((
                        Unit {
                            name: format!("{base} {}", &rest[..digits]),
                            mention,
                            span,
                            ..prev.clone()
                        },
                        end,
                    ))
                });
            // "Hội Chữ thập đỏ quận Gò Vấp, Bình Tân": after a unit named with its place, a
            // bare name is one more of its kind, though the list be of places. (Not after
            // "Trường THCS Ngô Sĩ Liên quận Tân Bình", a name before the place; nor after
            // "Hợp tác xã".)
            let of_place = kind.as_deref().filter(|k| {
                !k.to_lowercase().ends_with("hợp tác xã")
                    && ending_place_word(k)
                        .is_some_and(|(stem, _)| !stem.rsplit(' ').next().is_some_and(is_proper))
            });
            let of_kind = match (&item, of_place) {
                (None, Some(k)) => self.named_of_kind_at(doc, at, k, last, false),
                _ => None,
            };
            // "thành phố Kon Tum và các huyện Sa Thầy, Kon Plông": the names after "các
            // huyện" are places too.
            let item = item
                .or(of_kind.clone())
                .or_else(|| {
                    let (place, end, many) = self.locality_at(doc, at, localities)?;
                    localities |= many;
                    Some((place, end))
                })
                .or_else(|| {
                    (list.localities && list.numbered)
                        .then(|| self.numbered_district_at(doc, at))
                        .flatten()
                });
            // "Huyện ủy Ea H'leo, Krông Pắc và Thị ủy Buôn Hồ", "Trường THPT Nguyễn Du, Lê
            // Lợi": a bare proper name after such a unit is one more of its kind.
            let bare = item.is_none() || of_kind.is_some();
            let item =
                item.or_else(|| self.named_of_kind_at(doc, at, kind.as_deref()?, last, false));
            let Some((unit, after)) = item else {
                // "Trung tâm Giống cây trồng, vật nuôi và thủy sản, Công ty ...": small words
                // after a comma, then another unit, end the name before them.
                let small_name = units.last().is_some_and(|u| {
                    u.name
                        .split_once(' ')
                        .is_some_and(|(_, rest)| !rest.contains(char::is_uppercase))
                });
                match self.name_goes_on(doc, at, provinces, small_name) {
                    Some(next) if doc.text[end..at].trim() == "," && pushed => {
                        let Some(prev) = units.last_mut().filter(|u| u.id.is_none()) else {
                            break;
                        };
                        let seg_end = doc.text[..next].trim_end_matches([',', ' ']).len();
                        let start = doc.byte_at(prev.span[0]);
                        prev.name = format!("{}, {}", prev.name, doc.text[at..seg_end].trim());
                        (prev.mention, prev.span) = doc.mention(start, seg_end);
                        if let Some(k) = keys.last_mut() {
                            *k = key(&prev.name);
                        }
                        (end, at) = (seg_end, next);
                        continue;
                    }
                    _ => break,
                }
            };
            // "Phòng Văn hóa - Thông tin các huyện Krông Bông, Krông Pắc": the office of
            // each district, named with it.
            let mut unit = unit;
            if let Some(name) = unit
                .id
                .is_none()
                .then(|| of_each_place(&unit.name))
                .flatten()
            {
                unit.name = name;
            }
            if !bare {
                kind = unit
                    .id
                    .is_none()
                    .then(|| kind_of_proper_name(&unit.name))
                    .flatten();
            }
            if let Some(base) = unit.id.as_deref().and_then(|id| self.name_of(id)) {
                if let Some(rest) = unit.name.strip_prefix(base) {
                    let rest = rest.trim_start().to_lowercase();
                    let word = super::PLACE_WORDS
                        .into_iter()
                        .find(|w| rest.strip_prefix(w).is_some_and(|r| r.starts_with(' ')));
                    if let Some(word) = word {
                        district = Some((base.to_string(), unit.id.clone(), word.to_string()));
                    }
                }
            }
            let mut k = key(&unit.name);
            // "huyện Cai Lậy, thị xã Cai Lậy": two places of one name, told apart by their
            // kind, keep it in their names.
            if let Some(i) = (0..units.len()).find(|&i| {
                keys[i] == k
                    && units[i].province == unit.province
                    && units[i].id.is_none()
                    && unit.id.is_none()
                    && key(&units[i].mention) != key(&unit.mention)
                    && units[i].mention.ends_with(&units[i].name)
                    && unit.mention.ends_with(&unit.name)
            }) {
                units[i].name = units[i].mention.clone();
                keys[i] = key(&units[i].name);
                unit.name = unit.mention.clone();
                k = key(&unit.name);
            }
            pushed = !units
                .iter()
                .zip(&keys)
                .any(|(u, uk)| *uk == k && u.province == unit.province);
            if pushed {
                units.push(unit);
                keys.push(k);
            }
            end = after;
            match self.separator.find(&doc.text[after..]) {
                // "..., Trung đoàn Cảnh sát cơ động và Lữ đoàn 198, Bộ Tư lệnh Đặc công": the
                // item after "và" is the last; a unit after its comma says whose it is. (Not
                // after "và các huyện Phú Tân, Châu Thành", whose places go on; nor when two
                // more units follow, the "và" inside an item: "gồm: Đài Phát thanh - Truyền
                // hình và Báo Bình Phước, Ban Dân tộc tỉnh, Sở Y tế".)
                Some(m)
                    if last && m.as_str().trim() == "," && !doc.text[at..].starts_with("các ") =>
                {
                    if !self.two_units_at(doc, after + m.end(), provinces) {
                        break;
                    }
                    at = after + m.end();
                    last = false;
                }
                Some(m) if list.semicolons || !m.as_str().contains(';') => {
                    at = after + m.end();
                    last = m.as_str().contains("và") && !self.list_rest.is_match(m.as_str());
                }
                None if by_lines => match self.line_break.find(&doc.text[after..]) {
                    Some(m) => at = after + m.end(),
                    None => break,
                },
                _ => break,
            }
        }
        // "gồm: Văn Quan, ..., Hữu Lũng và thành phố Lạng Sơn": in a list of districts, the
        // city named like its province keeps its word (in a list of provinces, "thành phố
        // Cần Thơ" is the province).
        let provinces_listed = units.iter().filter(|u| is_province(u, provinces)).count();
        if provinces_listed == 1 && units.len() >= 3 {
            for unit in units.iter_mut().filter(|u| is_province(u, provinces)) {
                let written = unit.mention.to_lowercase();
                let city = written.starts_with("thành phố ")
                    || written
                        .split([' ', '.'])
                        .next()
                        .is_some_and(super::is_city_abbreviation);
                if city && unit.mention.ends_with(&unit.name) {
                    unit.name = format!("thành phố {}", unit.name);
                }
            }
        }
        (units, end)
    }

    /// Whether a unit begins at `at` and another after a separator behind it.
    fn two_units_at(&self, doc: &Doc, at: usize, provinces: &Provinces) -> bool {
        self.unit_at(doc, at, provinces).is_some_and(|(_, end)| {
            self.separator
                .find(&doc.text[end..])
                .is_some_and(|m| self.unit_at(doc, end + m.end(), provinces).is_some())
        })
    }

    /// A name the gazetteer does not know, with its abbreviations written out
    /// ("Hải đoàn 18 BĐBP" → "Hải đoàn 18 Bộ đội Biên phòng").
    pub(crate) fn expand(&self, name: &str) -> String {
        self.abbreviations.expand(name)
    }

    /// The sector of the blocs a unit usually belongs to.
    pub fn sector_of(&self, id: &str) -> Option<Sector> {
        self.entries.iter().find(|e| e.id == id)?.sector
    }

    /// Whether a member is named by a place alone, as a cluster of districts lists them
    /// ("gồm: Tri Tôn, Châu Phú, Phú Tân"): two words or more, each a capital and small
    /// letters, and no head word.
    pub fn is_bare_place(&self, unit: &Unit) -> bool {
        let words: Vec<&str> = unit.name.split(' ').collect();
        unit.id.is_none()
            && unit.province.is_none()
            && words.len() >= 2
            && words.iter().all(|w| {
                let mut chars = w.chars();
                chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
            })
            && !self.head.is_match(&unit.name)
    }

    /// The sector a unit belongs to: the gazetteer's, or for a unit it does not know, that
    /// of an enterprise ("Công ty TNHH MTV Cà phê 706").
    pub fn sector_of_unit(&self, unit: &Unit) -> Option<Sector> {
        match unit.id.as_deref() {
            Some(id) => self.sector_of(id),
            None => self
                .enterprise
                .is_match(&unit.name)
                .then_some(Sector::DoanhNghiep),
        }
    }

    /// The canonical name of a gazetteer id.
    fn name_of(&self, id: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.as_str())
    }

    /// A department named without "Sở" in "các sở: Y tế, Văn hóa và Thể thao".
    fn department_at(&self, doc: &Doc, at: usize, known_only: bool) -> Option<(Unit, usize)> {
        let rest = &doc.text[at..];
        let (id, name, len) = match self
            .known_bare
            .find(doc.folded_of(rest))
            .filter(|&(len, _)| ends_word(rest, len))
        {
            Some((len, entry)) => {
                let e = &self.entries[entry];
                (Some(e.id.clone()), e.name.clone(), len)
            }
            None => {
                if known_only || !rest.starts_with(char::is_uppercase) {
                    return None;
                }
                let len = self
                    .name_end(rest, 0)
                    .filter(|&(_, words)| words >= 2)
                    .map(|(end, _)| end)
                    .or_else(|| {
                        let word = rest.split(|c: char| !super::is_alphanumeric(c)).next()?;
                        (!word.is_empty()).then_some(word.len())
                    })?;
                (None, format!("Sở {}", rest[..len].trim_end()), len)
            }
        };
        let unit = Unit {
            id,
            ..unknown_unit(doc, name, at, at + len)
        };
        Some((unit, at + len))
    }

    /// A locality as a list item: its name without "huyện", "thành phố". Outside a list
    /// of localities only a place named with its word is one: "đề nghị tặng Cờ thi đua
    /// cho huyện Quan Hóa và thị xã Nghi Sơn".
    /// Also whether the place word was plural ("các huyện Sa Thầy"): then bare names go on.
    fn locality_at(&self, doc: &Doc, at: usize, bare: bool) -> Option<(Unit, usize, bool)> {
        let text = clause(&doc.text[at..]);
        let c = self.locality.captures(text)?;
        // A bare name is no determiner: "...; Các đồng chí trong Ban Thường vụ".
        if c.name("w").is_none() && (!bare || self.not_unit.is_match(text)) {
            return None;
        }
        let name = c.name("name")?.as_str().to_string();
        let end = at + c.get(0)?.end();
        Some((
            unknown_unit(doc, name, at, end),
            end,
            c.name("many").is_some(),
        ))
    }

    /// A proper name alone as a list item, up to the separator or the end of the clause
    /// after it, as a unit of the kind `base`: "Krông Pắc" in "Huyện ủy Ea H'leo, Krông
    /// Pắc, ..." is "Huyện ủy Krông Pắc".
    /// With `last`, the name may end the list before its verb ("... và Bác Ái đã tổ chức").
    /// With `places`, a name after its place word is one too: "gồm các Văn phòng Đảng ủy:
    /// phường Bến Cát, ..." gives "Văn phòng Đảng ủy phường Bến Cát".
    fn named_of_kind_at(
        &self,
        doc: &Doc,
        at: usize,
        base: &str,
        last: bool,
        places: bool,
    ) -> Option<(Unit, usize)> {
        // "Trường THPT Lê Duẩn, THPT Bác Ái": the item may repeat the end of the kind.
        let rest = &doc.text[at..];
        let words: Vec<&str> = base.split(' ').collect();
        let repeated = (1..words.len())
            .map(|k| words[k..].join(" "))
            .find(|tail| {
                rest.strip_prefix(tail.as_str())
                    .is_some_and(|r| r.starts_with(' '))
            })
            .map(|tail| tail.len() + 1)
            // "Trường Trung học phổ thông Lê Duẩn, THPT Bác Ái": or its abbreviation.
            .or_else(|| {
                let first = rest.split(' ').next()?;
                let written = self.expand(first);
                (written != first && base.ends_with(&written) && rest.len() > first.len())
                    .then_some(first.len() + 1)
            })
            .unwrap_or(0);
        let from = at + repeated;
        // "Hội Chữ thập đỏ quận Gò Vấp, Bình Tân, Quận 7 và Quận 12": a numbered urban
        // district is a name too.
        let rest = clause(&doc.text[from..]);
        let c = self
            .numbered_place
            .captures(rest)
            .or_else(|| self.locality.captures(rest))?;
        let (w, name) = (c.name("w"), c.name("name")?);
        // "Hội CCB xã Yang Tao, xã Buôn Triết", "Ủy ban MTTQ huyện A, thị xã B": an item
        // with its own place word takes it for the kind's.
        // (Not "Hội Nông dân xã Ea Kao, huyện Cư M'gar": a larger place is the address of
        // the unit before.)
        let base = match (w, ending_place_word(base)) {
            (Some(w), _) if places => format!("{base} {}", w.as_str().to_lowercase()),
            (Some(w), Some((_, word))) if place_rank(w.as_str()) > place_rank(word) => {
                return None;
            }
            (Some(w), Some((stem, _))) => format!("{stem} {}", w.as_str().to_lowercase()),
            (Some(_), None) => return None,
            (None, _) => base.to_string(),
        };
        let end = from + name.end();
        let after = doc.text[end..].trim_start();
        // "..., THPT Tôn Đức Thắng tổ chức ký kết": the list's last item may end at a verb.
        let closes = last
            || after.is_empty()
            || after.starts_with([',', ';', '.', '\n', ')'])
            || after.starts_with("và ")
            || self.stops(after);
        if !closes {
            return None;
        }
        let (mention, span) = doc.mention(at, end);
        Some((
            Unit {
                id: None,
                name: format!("{base} {}", name.as_str()),
                province: None,
                mention,
                span,
            },
            end,
        ))
    }

    /// After a kind the lead gave ("các Hội:"), an item named in common words: "Chữ thập
    /// đỏ", "Người cao tuổi", "Bảo trợ người khuyết tật và trẻ mồ côi" give "Hội Chữ thập
    /// đỏ", ... (the gazetteer's name where it knows one). The item starts with a capital
    /// and ends where a unit's name would.
    fn common_named_at(&self, doc: &Doc, at: usize, base: &str) -> Option<(Unit, usize)> {
        let rest = clause(&doc.text[at..]);
        if !rest.starts_with(char::is_uppercase) || self.head.is_match(rest) {
            return None;
        }
        // "Người mù và Đông y": the next item after "và" and a capital.
        let next_item = rest
            .match_indices(" và ")
            .find(|(i, w)| rest[i + w.len()..].starts_with(char::is_uppercase));
        let rest = next_item.map_or(rest, |(i, _)| &rest[..i]);
        // "Đông y thống nhất suy tôn Hội Luật gia": nor past a unit named after it.
        let unit_after = word_starts(rest)
            .skip(1)
            .find(|(i, _)| self.head.is_match(&rest[*i..]));
        let rest = unit_after.map_or(rest, |(i, _)| rest[..i].trim_end());
        let (mut len, words) = self.name_end(rest, 0)?;
        let item = rest[..len].trim_end();
        // "Người mù tỉnh": the province's own, as the other members.
        if let Some(after) = rest[len..].strip_prefix(" tỉnh") {
            if !after.starts_with(super::is_alphanumeric) {
                len += " tỉnh".len();
            }
        }
        if words > COMMON_NAME_WORDS || item.is_empty() {
            return None;
        }
        let name = format!("{base} {item}");
        let (id, name) = match self.canonical(&name) {
            Some((id, name)) => (Some(id), name),
            None => (None, name),
        };
        let unit = Unit {
            id,
            ..unknown_unit(doc, name, at, at + len)
        };
        Some((unit, at + len))
    }

    /// Whether an item of a list ends before `after`: at a mark, at the next item after
    /// "và" and a capital, or at a word that ends a name ("luôn", "được").
    fn item_ends(&self, after: &str) -> bool {
        let next = after.trim_start();
        next.is_empty()
            || next.starts_with(ITEM_END)
            || next
                .strip_prefix("và ")
                .is_some_and(|n| n.starts_with(char::is_uppercase))
            || self.stops(next)
    }

    /// A place named with its word, as a unit: "huyện Quan Hóa" gives "Quan Hóa".
    pub fn place_at(&self, doc: &Doc, at: usize) -> Option<(Unit, usize)> {
        let (place, end, many) = self.locality_at(doc, at, false)?;
        (!many).then_some((place, end))
    }

    /// An urban district named by its number in "các quận: 7, 12": "Quận 7".
    fn numbered_district_at(&self, doc: &Doc, at: usize) -> Option<(Unit, usize)> {
        let rest = &doc.text[at..];
        let rest = rest
            .strip_prefix("quận ")
            .or_else(|| rest.strip_prefix("Quận "))
            .unwrap_or(rest);
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if !(1..=2).contains(&digits) || !ends_word(rest, digits) {
            return None;
        }
        let end = at + (doc.text.len() - at - rest.len()) + digits;
        let name = format!("Quận {}", &rest[..digits]);
        Some((unknown_unit(doc, name, at, end), end))
    }

    /// Every place named with its word in `range` ("huyện Quan Hóa"), as a unit.
    pub fn places_in(&self, doc: &Doc, range: std::ops::Range<usize>) -> Vec<Unit> {
        self.place
            .find_iter(&doc.text[range.clone()])
            .map(|m| range.start + m.start())
            .filter(|&at| super::starts_word(doc.text, at))
            .filter_map(|at| self.place_at(doc, at))
            .filter(|(_, end)| *end <= range.end)
            .map(|(unit, _)| unit)
            .collect()
    }

    /// Every unit mentioned in `range` of the text, left to right.
    pub fn all_in(
        &self,
        doc: &Doc,
        range: std::ops::Range<usize>,
        provinces: &Provinces,
    ) -> Vec<Unit> {
        let mut out = Vec::new();
        let mut i = range.start;
        // Whether a word starts at `i`: no letter or digit before it.
        let mut at_word = super::starts_word(doc.text, i);
        while i < range.end {
            let Some(c) = doc.text[i..].chars().next() else {
                break;
            };
            // A name starts with a capital ("Sở", "Ban") or with one of the few lowercase
            // words the gazetteer's names begin with ("ngành Y tế"): only there is it tried.
            let candidate = at_word
                && (c.is_uppercase()
                    || self
                        .lowercase_starts
                        .iter()
                        .any(|w| doc.text[i..].starts_with(w.as_str()))
                    || self.leader_before(doc.text, i));
            if candidate {
                if let Some((unit, end)) = self.unit_at(doc, i, provinces) {
                    if end <= range.end {
                        out.push(unit);
                        i = end;
                        at_word = super::starts_word(doc.text, i);
                        continue;
                    }
                }
            }
            // "lãnh đạo các Sở: Lao động, Thương binh và Xã hội (Khối trưởng), Tư pháp": the
            // departments of the list, as far as the range reaches.
            if at_word && c == 'c' {
                if let Some(lead) = self.departments_lead.find(&doc.text[i..range.end]) {
                    let list = List {
                        departments: true,
                        semicolons: true,
                        ..List::default()
                    };
                    let (found, end) = self.list_at(doc, i + lead.end(), provinces, list);
                    if !found.is_empty() {
                        out.extend(
                            found
                                .into_iter()
                                .take_while(|u| doc.byte_at(u.span[1]) <= range.end),
                        );
                        i = end.min(range.end);
                        at_word = super::starts_word(doc.text, i);
                        continue;
                    }
                }
            }
            at_word = !super::is_alphanumeric(c);
            i += c.len_utf8();
        }
        out
    }
}

/// "tại Nha Trang" and where it ends, at the start of `text`, when the name ends there: one
/// to four capitalized words after "tại" that close an item (see `closed_item`).
fn branch_place(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("tại ")?;
    let (end, _) = closed_item(rest, 4, |w| {
        w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic)
    })?;
    Some("tại ".len() + end)
}

/// The words at the start of `text` (at most `max`, each one `is_word` accepts, the
/// punctuation after it aside) when an item of a list ends after them: before ",", ";",
/// ")", " và ", a full stop, or the end of the line. Gives where they end, and the words.
fn closed_item(
    text: &str,
    max: usize,
    is_word: impl Fn(&str) -> bool,
) -> Option<(usize, Vec<&str>)> {
    let line = text.split('\n').next().unwrap_or(text);
    let mut end = 0;
    let mut words = Vec::new();
    let starts = line.split(' ').scan(0, |at, w| {
        let i = *at;
        *at += w.len() + 1;
        Some((i, w))
    });
    for (i, word) in starts.take(max) {
        let bare = word.trim_end_matches([',', ';', ')', '.']);
        if !is_word(bare) {
            break;
        }
        words.push(bare);
        end = i + bare.len();
        if bare.len() < word.len() {
            break;
        }
    }
    let after = &line[end..];
    let closed = after.is_empty()
        || after.starts_with([',', ';', ')'])
        || after.starts_with(" và ")
        || after
            .strip_prefix('.')
            .is_some_and(|a| a.chars().next().is_none_or(char::is_whitespace));
    (!words.is_empty() && closed).then_some((end, words))
}

/// The words of a district or town within a unit's name: "Công an huyện Tân Thạnh".
const PLACE_IN_NAME: [&str; 3] = [" huyện ", " thị xã ", " quận "];

/// A unit the gazetteer does not know, named by the bytes `[start, end)` of the text.
pub(crate) fn unknown_unit(doc: &Doc, name: String, start: usize, end: usize) -> Unit {
    let (mention, span) = doc.mention(start, end);
    Unit {
        id: None,
        name,
        province: None,
        mention,
        span,
    }
}

/// The length of a short note in brackets at the start of `text` (spaces before it
/// included): " (GDĐT)".
fn bracket_note(text: &str) -> Option<usize> {
    let rest = text.trim_start();
    let inner = rest.strip_prefix('(')?;
    let close = inner.find(')')?;
    (1..=12)
        .contains(&inner[..close].chars().count())
        .then_some(text.len() - rest.len() + 1 + close + 1)
}

/// Where an item of a list ends at the latest.
pub(crate) const ITEM_END: [char; 7] = [',', ';', '.', ':', '(', ')', '\n'];

/// The most words of a name in common words after a kind ("Bảo trợ người khuyết tật và trẻ
/// mồ côi").
const COMMON_NAME_WORDS: usize = 12;

/// What no name or place the anchored rules read runs over.
const CLAUSE_END: [char; 5] = [',', ';', ':', '(', ')'];

/// `text` up to its first comma, semicolon, colon or bracket: the rules with a Unicode `\b`
/// run on the slow engine, whose cost grows with the text it is given. None of these
/// characters is part of a word, so a word boundary reads the same at the cut.
fn clause(text: &str) -> &str {
    &text[..text.find(CLAUSE_END).unwrap_or(text.len())]
}

/// A bare province named as a list item ("Kon Tum"): a cluster's member province.
pub(crate) fn is_province(unit: &Unit, provinces: &Provinces) -> bool {
    unit.id.is_none() && provinces.canonical(&unit.name).is_some()
}

/// Whether a Unicode `\b` (as the regex crate reads it) holds at byte `at` of `text`. A
/// character this cannot class for sure (a mark, a symbol) counts as holding no boundary,
/// so that the caller asks the regex with the `\b`.
fn word_boundary(text: &str, at: usize) -> bool {
    let word = |c: Option<char>| match c {
        None => Some(false),
        Some(c) if c.is_ascii() => Some(c.is_ascii_alphanumeric() || c == '_'),
        Some(c) if c.is_alphabetic() => Some(true),
        Some(c) if c.is_whitespace() => Some(false),
        Some(_) => None,
    };
    match (
        word(text[..at].chars().next_back()),
        word(text[at..].chars().next()),
    ) {
        (Some(before), Some(after)) => before != after,
        _ => false,
    }
}

/// Words with their byte offsets; punctuation comes as words of its own, and a full stop
/// that ends a word ("Sở Y tế.") too. Read lazily: a name ends within a few words.
fn word_starts(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &s[pos..];
        let start = pos + rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == '-' || c == '–')
                .len();
        let c = s[start..].chars().next()?;
        pos = if super::is_alphanumeric(c) || c == '&' {
            s[start..]
                // "Ea H’leo": an apostrophe inside a name of the highlands is part of a word.
                .find(|c: char| {
                    !(super::is_alphanumeric(c) || matches!(c, '&' | '.' | '\'' | '’' | '/'))
                })
                .map_or(s.len(), |n| start + n)
        } else {
            start + c.len_utf8()
        };
        Some((start, &s[start..pos]))
    })
    .flat_map(|(i, w)| {
        let full_stop = w.len() > 1 && w.ends_with('.') && !w[..w.len() - 1].contains('.');
        let (word, stop) = if full_stop {
            (&w[..w.len() - 1], Some((i + w.len() - 1, ".")))
        } else {
            (w, None)
        };
        std::iter::once((i, word)).chain(stop)
    })
}

/// A name of one kind of unit for many places, without its "các": "Phòng Văn hóa - Thông
/// tin huyện Krông Bông" of "Phòng Văn hóa - Thông tin các huyện Krông Bông". `None` when
/// the name holds no "các" before a place's word and a capital, or is a local government's
/// ("UBND các huyện Mường Lát, Quan Hóa" names the districts themselves).
fn of_each_place(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    if super::GOVERNMENT_WORDS.iter().any(|g| lower.starts_with(g)) {
        return None;
    }
    super::PLACE_WORDS.iter().find_map(|w| {
        let at = name.find(&format!(" các {w} "))?;
        let rest = &name[at + " các ".len()..];
        rest[w.len()..]
            .trim_start()
            .starts_with(char::is_uppercase)
            .then(|| format!("{} {rest}", &name[..at]))
    })
}

/// A head word's rule that also takes its later words capitalized: "Trung tâm" matches
/// "Trung Tâm Khuyến Nông" too, as some sites write every word of a name so. (Its first
/// word stays as written: a capital begins a name.)
fn title_case_tolerant(head: &str) -> String {
    let mut words = head.split(' ');
    let first = words.next().unwrap_or("").to_string();
    words.fold(first, |mut rule, word| {
        rule.push(' ');
        let mut chars = word.chars();
        match chars.next() {
            Some(c) if c.is_lowercase() => {
                let upper: String = c.to_uppercase().collect();
                rule.push_str(&format!("[{c}{upper}]{}", chars.as_str()));
            }
            _ => rule.push_str(word),
        }
        rule
    })
}

/// Whether a suffix match is a city's word ("TP", "thành phố") with no province after it,
/// though a capitalized name follows: "TP Sa Đéc", a city the gazetteer does not know.
fn unknown_city(c: &regex::Captures, tail: &str) -> bool {
    let city_word = c.name("w").is_some_and(|w| super::is_city_word(w.as_str()));
    c.name("p").is_none()
        && city_word
        && c.get(0).is_some_and(|m| {
            tail[m.end()..]
                .strip_prefix(' ')
                .is_some_and(|a| a.starts_with(char::is_uppercase))
        })
}

/// A text that starts with a unit's head word (`patterns/unit_heads.tsv`) and a space: a
/// line that names a unit ("Đảng ủy Khối CCQ tỉnh"), or what follows a bloc's number after
/// a dash ("Cụm thi đua 6- Trường THCS A").
pub(crate) fn head_word_rule(patterns: &Patterns) -> Result<Regex, PatternError> {
    let heads: Vec<String> = patterns
        .lines("unit_heads.tsv")
        .iter()
        .map(|l| format!("(?:{})", l.field(0)))
        .collect();
    crate::patterns::regex(&format!(r"^(?:{})\s", heads.join("|"))).map_err(|e| PatternError {
        file: "unit_heads.tsv".into(),
        line: 0,
        message: e.to_string(),
    })
}

/// Whether `word` is written as a proper name's: a capital, then small letters ("Liên",
/// "H'leo"; not "đỏ", nor "MTTQ").
pub(crate) fn is_proper(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && word.chars().skip(1).any(char::is_lowercase)
}

/// A name that ends in a place's word, split before it: "Hội Chữ thập đỏ" and "thị xã" of
/// "Hội Chữ thập đỏ thị xã".
fn ending_place_word(name: &str) -> Option<(&str, &'static str)> {
    super::PLACE_WORDS.iter().find_map(|word| {
        let stem = name.strip_suffix(word)?.strip_suffix(' ')?;
        Some((stem, *word))
    })
}

/// How large a place its word names: a commune, ward or township (1) lies in a district,
/// town or city (2).
fn place_rank(word: &str) -> u8 {
    match word.to_lowercase().as_str() {
        "xã" | "phường" | "thị trấn" => 1,
        _ => 2,
    }
}

/// The kind in the name of a unit called by a proper name: "Huyện ủy" of "Huyện ủy Ea
/// H'leo", "Trường THPT" of "Trường THPT Nguyễn Du" (the capitalized words at the end, not
/// an abbreviation in capitals). `None` when the name does not end so.
/// A dash between capitalized words is the proper name's ("Ban quản lý rừng phòng hộ" of
/// "Ban quản lý rừng phòng hộ Bình Chánh - Củ Chi").
fn kind_of_proper_name(name: &str) -> Option<String> {
    let mut base = name;
    let mut tail = 0;
    // Back over the capitalized words; the word that stops it is part of the kind.
    while let Some((before, word)) = base.rsplit_once(' ') {
        let dash = matches!(word, "-" | "–") && tail > 0;
        if dash && before.rsplit(' ').next().is_some_and(is_proper) {
            base = before;
            continue;
        }
        if !is_proper(word) {
            // "Trường THCS Ngô Sĩ Liên quận Tân Bình": a place after the unit's own name is
            // its address; the kind is before that name ("Trường THCS").
            let named_before_place = ending_place_word(base)
                .map(|(stem, _)| stem)
                .filter(|stem| stem.rsplit(' ').next().is_some_and(is_proper));
            if let Some(stem) = named_before_place.filter(|_| tail > 0) {
                return kind_of_proper_name(stem);
            }
            return (tail > 0).then(|| base.to_string());
        }
        base = before;
        tail += 1;
    }
    (tail > 0 && !is_proper(base)).then(|| base.to_string())
}

/// The body `part` within each unit of a list, a unit the gazetteer does not know:
/// "Thanh tra" and "Sở Tài chính" give "Thanh tra Sở Tài chính", "đảng ủy" and "Công an"
/// give "Đảng ủy Công an".
pub fn within_each(part: &str, list: Vec<Unit>) -> Vec<Unit> {
    let part = super::capitalize(part);
    list.into_iter()
        .map(|unit| {
            if unit.name.to_lowercase().starts_with(&part.to_lowercase()) {
                return unit;
            }
            Unit {
                id: None,
                name: format!("{part} {}", unit.name),
                ..unit
            }
        })
        .collect()
}

/// Each place of a list as the unit of one kind there: "Viện kiểm sát nhân dân" and the
/// places after "các huyện, thị xã: Đồng Xoài, Bình Long" (`lead`, which names the kinds of
/// place) give "Viện kiểm sát nhân dân huyện Đồng Xoài", .... Where the lead names several
/// kinds, a place takes the kind the article writes it with elsewhere ("VKSND thành phố
/// Đồng Xoài", "thị xã Bình Long"), else the first.
pub fn of_places(doc: &Doc, kind: &Unit, lead: &str, places: Vec<Unit>) -> Vec<Unit> {
    let lead = lead.to_lowercase();
    let mut words: Vec<(usize, &str)> = super::PLACE_WORDS
        .iter()
        .flat_map(|w| super::words_at(&lead, w).map(move |i| (i, *w)))
        .collect();
    words.sort();
    // "thị xã" holds the word "xã": a word within one before it is no word of its own.
    let mut covered = 0;
    words.retain(|&(i, w)| {
        let own = i >= covered;
        covered = covered.max(i + w.len());
        own
    });
    let kinds: Vec<&str> = words.into_iter().map(|(_, w)| w).collect();
    let Some(&first) = kinds.first() else {
        return places;
    };
    // The text in lower case, where a place is looked for after each word (read only where
    // the lead names several).
    let lower = if kinds.len() > 1 {
        doc.text.to_lowercase()
    } else {
        String::new()
    };
    let written_with = |word: &str, name: &str| {
        super::words_at(&lower, &format!("{word} {name}"))
            .next()
            .is_some()
    };
    places
        .into_iter()
        .map(|place| {
            let name = place.name.to_lowercase();
            let word = match &kinds[..] {
                [one] => one,
                _ => kinds
                    .iter()
                    .find(|w| written_with(w, &name))
                    .unwrap_or(&first),
            };
            district_unit(kind, word, place)
        })
        .collect()
}

/// The unit of one district, from the kind of unit and the district as a list item:
/// "Viện kiểm sát nhân dân" and "Yên Định" give "Viện kiểm sát nhân dân huyện Yên Định";
/// an item with its own word ("thị xã Nghi Sơn") keeps it.
fn district_unit(kind: &Unit, word: &str, place: Unit) -> Unit {
    let written = place.mention.trim();
    let place_name = if written.starts_with(char::is_lowercase) || written.len() > place.name.len()
    {
        written.to_string()
    } else {
        // "các quận 4, 6": the numbered district read as "Quận 4" is "quận 4".
        let capital: String = word
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .chain(word.chars().skip(1))
            .collect();
        let bare = place
            .name
            .strip_prefix(&format!("{capital} "))
            .unwrap_or(&place.name);
        format!("{word} {bare}")
    };
    Unit {
        id: kind.id.clone(),
        name: format!("{} {place_name}", kind.name),
        province: None,
        ..place
    }
}

/// The built-in gazetteers of units and of provinces, for the extractors' tests.
#[cfg(test)]
pub(crate) fn builtin(patterns: &Patterns) -> (Units, Provinces) {
    let provinces = Provinces::new(patterns).unwrap();
    let abbreviations = Arc::new(super::Abbreviations::new(patterns).unwrap());
    let units = Units::new(patterns, &provinces, abbreviations).unwrap();
    (units, provinces)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `key` as first written: the words split apart, "và" dropped, each lowercased.
    fn key_by_words(name: &str) -> String {
        let mut out = String::new();
        for word in name
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '&'))
            .filter(|w| !w.is_empty() && *w != "và")
        {
            if word.contains('Σ') {
                out.push_str(&word.to_lowercase());
            } else {
                for c in word.chars() {
                    match crate::extract::fold::lower(c) {
                        Some(l) => out.push(l),
                        None => out.extend(c.to_lowercase()),
                    }
                }
            }
        }
        out
    }

    #[test]
    fn a_head_word_takes_its_later_words_capitalized() {
        assert_eq!(title_case_tolerant("Trung tâm"), "Trung [tT]âm");
        assert_eq!(title_case_tolerant("Ban đại diện"), "Ban [đĐ]ại [dD]iện");
        assert_eq!(title_case_tolerant("UBND"), "UBND");
        assert_eq!(title_case_tolerant("Bộ Chỉ huy"), "Bộ Chỉ [hH]uy");
    }

    #[test]
    fn a_dash_between_capitalized_words_is_the_proper_names() {
        assert_eq!(
            kind_of_proper_name("Ban quản lý rừng phòng hộ Bình Chánh - Củ Chi").as_deref(),
            Some("Ban quản lý rừng phòng hộ")
        );
        assert_eq!(
            kind_of_proper_name("Trường THPT Nguyễn Du").as_deref(),
            Some("Trường THPT")
        );
        // A place after the unit's own name is its address; a place alone names the unit.
        assert_eq!(
            kind_of_proper_name("Trường THCS Ngô Sĩ Liên thành phố Bà Rịa").as_deref(),
            Some("Trường THCS")
        );
        assert_eq!(
            kind_of_proper_name("Hội Chữ thập đỏ thị xã Kỳ Anh").as_deref(),
            Some("Hội Chữ thập đỏ thị xã")
        );
    }

    #[test]
    fn a_branch_is_named_by_its_town_before_the_next_item() {
        let len = Some("tại Nha Trang".len());
        assert_eq!(branch_place("tại Nha Trang, Tổng công ty"), len);
        assert_eq!(branch_place("tại Nha Trang và Tổng công ty"), len);
        assert_eq!(branch_place("tại Nha Trang"), len);
        assert_eq!(branch_place("tại Nha Trang.\nKhối"), len);
        // A hall, or a place the sentence goes on after, is where something happened.
        assert_eq!(branch_place("tại Hội trường công ty, ..."), None);
        assert_eq!(branch_place("tại Nha Trang đã tổ chức"), None);
    }

    #[test]
    fn a_small_name_runs_on_past_its_comma_to_the_lists_end() {
        let (units, provinces) = builtin(&Patterns::builtin().unwrap());
        let names = |text: &str| {
            let doc = Doc::new(text);
            let (found, _) = units.list_at(&doc, 0, &provinces, List::default());
            found.into_iter().map(|u| u.name).collect::<Vec<_>>()
        };
        assert_eq!(
            names("Báo Nam Định, Ban bảo vệ, chăm sóc sức khỏe cán bộ tỉnh. Năm 2011"),
            ["Báo Nam Định", "Ban bảo vệ, chăm sóc sức khỏe cán bộ"]
        );
        // Not into the verb after the list, nor after a name of capitals.
        assert_eq!(
            names("Báo Nam Định, Ban bảo vệ, đã tổ chức hội nghị."),
            ["Báo Nam Định", "Ban bảo vệ"]
        );
        assert_eq!(
            names("Báo Nam Định, Ban quản lý dự án, nhìn chung hoàn thành tốt nhiệm vụ năm."),
            ["Báo Nam Định", "Ban quản lý dự án"]
        );
        assert_eq!(
            names("Ban Dân vận, Báo Nam Định, chăm sóc sức khỏe cán bộ."),
            ["Ban Dân vận", "Báo Nam Định"]
        );
    }

    /// The name of the unit a text starts with, read with the built-in gazetteers.
    fn unit_name_at_start() -> impl Fn(&str) -> Option<String> {
        let (units, provinces) = builtin(&Patterns::builtin().unwrap());
        move |text: &str| {
            let doc = Doc::new(text);
            units.unit_at(&doc, 0, &provinces).map(|(u, _)| u.name)
        }
    }

    #[test]
    fn a_place_after_a_known_unit_ends_where_a_persons_name_begins() {
        let name = unit_name_at_start();
        assert_eq!(
            name("Công an xã Bảo Lâm 1 (Cụm trưởng)").as_deref(),
            Some("Công an xã Bảo Lâm 1")
        );
        assert_eq!(
            name("Ủy ban MTTQ phường Hạc Thành Mai Văn Xuân, cụm trưởng").as_deref(),
            Some("Ủy ban Mặt trận Tổ quốc Việt Nam phường Hạc Thành")
        );
        // "Hoàng Mai" ends the place: no name follows "Mai".
        assert_eq!(
            name("Công an quận Hoàng Mai, Công an quận Đống Đa").as_deref(),
            Some("Công an quận Hoàng Mai")
        );
        // "Chu" is a family name, but the place ends where the rule stopped.
        assert_eq!(
            name("Công an phường Phan Chu Trinh (Cụm trưởng)").as_deref(),
            Some("Công an phường Phan Chu Trinh")
        );
        // A number before words is a count, not the place's.
        assert_eq!(
            name("Công an huyện Krông Pắc 2 năm liền dẫn đầu").as_deref(),
            Some("Công an huyện Krông Pắc")
        );
    }

    #[test]
    fn one_kind_for_many_places_is_named_with_each() {
        assert_eq!(
            of_each_place("Phòng Văn hóa - Thông tin các huyện Krông Bông").as_deref(),
            Some("Phòng Văn hóa - Thông tin huyện Krông Bông")
        );
        assert_eq!(of_each_place("Ủy ban nhân dân các huyện Mường Lát"), None);
        assert_eq!(of_each_place("Phòng Văn hóa các huyện"), None);
    }

    #[test]
    fn a_place_alone_after_a_known_unit_is_its_place_but_a_person_is_not() {
        let name = unit_name_at_start();
        assert_eq!(
            name("Liên đoàn Lao động Hàm Tân, Liên đoàn Lao động huyện Tánh Linh").as_deref(),
            Some("Liên đoàn Lao động Hàm Tân")
        );
        // The article writes the place with its word elsewhere.
        assert_eq!(
            name("Liên đoàn Lao động Hàm Tân và huyện Hàm Tân.").as_deref(),
            Some("Liên đoàn Lao động huyện Hàm Tân")
        );
        assert_eq!(
            name("Sở Y tế Nguyễn Văn An, Giám đốc").as_deref(),
            Some("Sở Y tế")
        );
        // "Châu" is a family name, but the article writes "huyện Châu Thành".
        assert_eq!(
            name("Liên đoàn Lao động Châu Thành, tại huyện Châu Thành.").as_deref(),
            Some("Liên đoàn Lao động huyện Châu Thành")
        );
        // Abbreviations are no places: "TX." (thị xã), "BV".
        assert_eq!(
            name("Liên đoàn Lao động TX. La Gi.").as_deref(),
            Some("Liên đoàn Lao động")
        );
        // A place the sentence goes on after is no item's end.
        assert_eq!(
            name("Liên đoàn Lao động Hàm Tân đề nghị").as_deref(),
            Some("Liên đoàn Lao động")
        );
    }

    #[test]
    fn keys_ignore_case_and_separators() {
        assert_eq!(
            key("Sở Văn hóa - Thể thao và Du lịch"),
            key("Sở VĂN HÓA, Thể thao và Du lịch")
        );
        assert_eq!(
            key("Sở Văn hóa, Thể thao và Du lịch"),
            "sởvănhóathểthaodulịch"
        );
        // Every sequence of up to four of these pieces gets the key it got word by word.
        let pieces = [
            "Sở", "và", "VÀ", "Và", "ΣΑΣ", "Σ", "-", ",", "&", " ", "\u{3000}", "İ", "\u{212A}",
            "Đ", "Ủy", "x",
        ];
        let n = pieces.len();
        for i in 0..n.pow(4) {
            let name: String = (0..4).map(|d| pieces[i / n.pow(d) % n]).collect();
            assert_eq!(key(&name), key_by_words(&name), "{name:?}");
        }
    }
}
