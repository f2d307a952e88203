//! Provinces: their names and other spellings, their successor after the 2025 merger, and
//! the site addresses that are theirs (`patterns/provinces.tsv`).

use std::collections::HashMap;

use regex::Regex;

use super::units::key;
use super::Doc;
use crate::patterns::{PatternError, Patterns};
use crate::record::Unit;

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    successor: String,
    /// The name without marks and spaces ("backan"), and the extra site names.
    hosts: Vec<String>,
    /// A province since a year, and the province its name is a city of before it.
    since: Option<(i32, String)>,
}

#[derive(Debug, Clone)]
pub struct Provinces {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    alternation: String,
    /// A province name standing as a unit (a member of a cluster of provinces), at the start.
    standing: Regex,
    /// Any spelling of any province, as a whole word.
    names: Regex,
    /// A spelling at the start of a text.
    leading: Regex,
    /// The key of each city whose name is not its province's ("Vinh"), and its province.
    cities: HashMap<String, usize>,
    /// "thành phố Vinh", "TP. Buôn Ma Thuột": a city named with its word.
    city: Regex,
    /// The centrally-run cities' canonical names (cue `municipality`).
    municipality: Regex,
}

impl Provinces {
    pub fn new(patterns: &Patterns) -> Result<Provinces, PatternError> {
        let mut entries = Vec::new();
        let mut by_key = HashMap::new();
        let mut spellings = Vec::new();
        let mut cities = HashMap::new();
        for line in patterns.lines("provinces.tsv") {
            let name = crate::normalize::text(line.field(0));
            let successor = crate::normalize::text(line.field(1));
            let index = entries.len();
            let mut hosts = vec![ascii_fold(&name)];
            hosts.extend(line.list(3).into_iter().map(|h| h.to_lowercase()));
            for city in line.list(4) {
                cities.insert(key(&crate::normalize::text(&city)), index);
            }
            for spelling in std::iter::once(name.clone()).chain(line.list(2)) {
                by_key.insert(key(&spelling), index);
                spellings.push(spelling);
            }
            let since = match line.field(5) {
                "" => None,
                f => {
                    let (year, before) = f
                        .split_once(' ')
                        .and_then(|(y, b)| Some((y.parse().ok()?, b)))
                        .ok_or_else(|| line.error(format!("not a year and a province: {f:?}")))?;
                    Some((year, crate::normalize::text(before)))
                }
            };
            entries.push(Entry {
                name,
                successor,
                hosts,
                since,
            });
        }
        spellings.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        let alternation = spellings
            .iter()
            .map(|s| {
                // "Khối thi đua 11 thành phố Hồ Chí Minh": the city's word in either case.
                regex::escape(s)
                    .replace(r"\-", r"\s*-\s*")
                    .replace(' ', r"\s+")
                    .replace(r"Thành\s+phố", r"[Tt]hành\s+[Pp]hố")
            })
            .collect::<Vec<_>>()
            .join("|");
        // The regexes hold no `\b`: with one, the regex crate cannot use its fast engine on
        // Vietnamese text. That a name ends a word is checked in code (`ends_word`).
        // Anchored, read over a few words at a list item: a small cache of its automaton (the
        // default is 2 MiB a thread) costs no speed.
        let standing = regex::RegexBuilder::new(&format!(
            r"^(?:(?:tỉnh|thành phố|tp\.?)\s+)?(?:{alternation})"
        ))
        .dfa_size_limit(256 << 10)
        .build()
        .map_err(|e| PatternError {
            file: "provinces.tsv".into(),
            line: 0,
            message: e.to_string(),
        })?;
        let names =
            crate::patterns::regex(&format!(r"(?:{alternation})")).map_err(|e| PatternError {
                file: "provinces.tsv".into(),
                line: 0,
                message: e.to_string(),
            })?;
        let leading =
            crate::patterns::regex(&format!(r"^(?:{alternation})")).expect("the names compiled");
        let city = crate::patterns::regex(
            r"(?:thành phố|[Tt][Pp]\.?)\s*([\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*(?:(?:\s+|\s*-\s*)[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]*){0,3})",
        )
        .expect("the city rule compiles");
        Ok(Provinces {
            names,
            leading,
            cities,
            city,
            entries,
            by_key,
            alternation,
            standing,
            municipality: super::around_cue(patterns, "municipality", r"^(?:{})$")?,
        })
    }

    /// Whether a province (its canonical name) is a centrally-run city ("Cần Thơ").
    pub fn is_municipality(&self, province: &str) -> bool {
        self.municipality.is_match(province)
    }

    /// Every spelling of a province in `text`, as whole words.
    pub fn find_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'r, 't> {
        super::words(&self.names, text)
    }

    /// The first city of a province named with its word in `text` ("tại thành phố Vinh"),
    /// as the province's name and the byte range of the city's name. A city name may run
    /// on into capitalized words after it, so its words are tried from the longest.
    pub fn city_in(&self, text: &str) -> Option<(String, std::ops::Range<usize>)> {
        self.city.captures_iter(text).find_map(|c| {
            let name = c.get(1)?;
            let words: Vec<(usize, &str)> = name
                .as_str()
                .split_whitespace()
                .scan(0, |at, w| {
                    let start = name.as_str()[*at..].find(w)? + *at;
                    *at = start + w.len();
                    Some((start + w.len(), w))
                })
                .collect();
            words.iter().rev().find_map(|&(end, _)| {
                let index = self.cities.get(&key(&name.as_str()[..end]))?;
                Some((
                    self.entries[*index].name.clone(),
                    name.start()..name.start() + end,
                ))
            })
        })
    }

    /// The end of the province's spelling that `text` starts with ("Bắc Kạn tổ chức").
    pub fn name_at(&self, text: &str) -> Option<usize> {
        self.leading
            .find(text)
            .filter(|m| super::ends_word(text, m.end()))
            .map(|m| m.end())
    }

    /// The province as named in `year`: "Huế", a province since 2025, is before it the city
    /// of Thừa Thiên Huế ("Khối thi đua các huyện, thị xã và thành phố Huế", 2022).
    pub fn as_of(&self, province: &mut crate::record::Province, year: i32) {
        let entry = self
            .by_key
            .get(&key(&province.name))
            .map(|&i| &self.entries[i]);
        if let Some((since, before)) = entry.and_then(|e| e.since.as_ref()) {
            if year < *since {
                if let Some(&i) = self.by_key.get(&key(before)) {
                    province.name = self.entries[i].name.clone();
                    province.successor = self.entries[i].successor.clone();
                }
            }
        }
    }

    /// A regex alternation of every spelling, longest first.
    pub fn alternation(&self) -> &str {
        &self.alternation
    }

    /// The canonical name of a spelling ("TP.HCM" → "Thành phố Hồ Chí Minh").
    pub fn canonical(&self, spelling: &str) -> Option<String> {
        let k = key(spelling);
        let stripped = k
            .strip_prefix("tỉnh")
            .or_else(|| k.strip_prefix("thànhphố"))
            .filter(|r| !r.is_empty());
        self.by_key
            .get(&k)
            .or_else(|| self.by_key.get(stripped?))
            .map(|&i| self.entries[i].name.clone())
    }

    /// A unit's kind and province, when its name is a kind of unit then a province:
    /// "Trường Chính trị Ninh Thuận" is ("Trường Chính trị", "Ninh Thuận"), as is "Trường
    /// Chính trị tỉnh Ninh Thuận". The kind has two words or more.
    pub fn kind_and_province<'n>(&self, name: &'n str) -> Option<(&'n str, String)> {
        let starts: Vec<usize> = name.match_indices(' ').map(|(i, _)| i + 1).collect();
        // The longest province first ("Bà Rịa - Vũng Tàu" before "Vũng Tàu"), of five
        // words at most.
        starts.iter().rev().take(5).rev().find_map(|&at| {
            let kind = name[..at].trim_end();
            (kind.split(' ').count() >= 2)
                .then(|| self.canonical(&name[at..]))
                .flatten()
                .map(|province| (kind, province))
        })
    }

    /// The province after the 2025 merger.
    pub fn successor(&self, name: &str) -> String {
        self.by_key
            .get(&key(name))
            .map(|&i| self.entries[i].successor.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// The province whose site `url` is ("https://baobackan.com.vn/..." → "Bắc Kạn").
    /// The longest matching name wins ("quangnam" is not "nam").
    pub fn from_url(&self, url: &str) -> Option<String> {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(url)
            .split(['/', '?', '#', ':'])
            .next()?
            .to_lowercase();
        let mut best: Option<(usize, &Entry)> = None;
        for entry in &self.entries {
            for h in &entry.hosts {
                let hit = if h.len() >= 6 {
                    host.contains(h.as_str())
                } else {
                    host.split('.')
                        .any(|label| label == h || label.strip_prefix("bao") == Some(h.as_str()))
                };
                if hit && best.is_none_or(|(len, _)| h.len() > len) {
                    best = Some((h.len(), entry));
                }
            }
        }
        best.map(|(_, e)| e.name.clone())
    }

    /// A province standing as a list item ("tỉnh Lai Châu", "Điện Biên", "TP.HCM").
    pub fn unit_at(&self, doc: &Doc, at: usize) -> Option<(Unit, usize)> {
        let rest = &doc.text[at..];
        let len = match self.standing.find(rest) {
            Some(m) => m.end(),
            // "và thành phố Hồ Chí Minh": a name that begins with its word, written in
            // lower case.
            None if rest.starts_with("thành phố ") => {
                let capital = format!("T{}", &rest[1..super::floor_char(rest, 80)]);
                self.standing.find(&capital)?.end()
            }
            None => return None,
        };
        if !super::ends_word(rest, len) {
            return None;
        }
        let name = self.canonical(&rest[..len])?;
        let end = at + len;
        Some((super::units::unknown_unit(doc, name, at, end), end))
    }

    /// A province's name misspelt in its marks at byte `at`, up to the list's next
    /// separator: "Tuyên Quang, Cao Bẳng, Bắc Kạn" has "Cao Bằng". Read only inside a list
    /// of provinces, where nothing else stands.
    pub fn misspelt_at(&self, doc: &Doc, at: usize) -> Option<(Unit, usize)> {
        let rest = &doc.text[at..];
        let stop = rest.find(super::units::ITEM_END).unwrap_or(rest.len());
        let len = rest[..stop].find(" và ").unwrap_or(stop);
        let item = rest[..len].trim_end();
        let words: Vec<&str> = item.split(' ').collect();
        if words.len() > 4 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
            return None;
        }
        let folded = ascii_fold(item);
        let mut found = self.entries.iter().filter(|e| e.hosts[0] == folded);
        let entry = found.next().filter(|_| found.next().is_none())?;
        let end = at + item.len();
        Some((
            super::units::unknown_unit(doc, entry.name.clone(), at, end),
            end,
        ))
    }
}

/// "Bắc Kạn" → "backan": how a province is written in a site's address.
pub fn ascii_fold(name: &str) -> String {
    crate::normalize::without_marks(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provinces() -> Provinces {
        Provinces::new(&Patterns::builtin().unwrap()).unwrap()
    }

    #[test]
    fn a_kind_of_unit_then_a_province() {
        let p = provinces();
        let kind = |name| p.kind_and_province(name);
        assert_eq!(
            kind("Trường Chính trị Bà Rịa - Vũng Tàu"),
            Some(("Trường Chính trị", "Bà Rịa - Vũng Tàu".to_string()))
        );
        assert_eq!(
            kind("Trường Chính trị tỉnh Ninh Thuận"),
            Some(("Trường Chính trị", "Ninh Thuận".to_string()))
        );
        // One word is no kind; a name that ends in no province has none.
        assert_eq!(kind("Báo Ninh Thuận"), None);
        assert_eq!(kind("Trường Chính trị Lê Duẩn"), None);
    }

    #[test]
    fn names_successors_and_sites() {
        let p = provinces();
        assert_eq!(
            p.canonical("TP.HCM").as_deref(),
            Some("Thành phố Hồ Chí Minh")
        );
        assert_eq!(p.canonical("tỉnh Bắc Kạn").as_deref(), Some("Bắc Kạn"));
        assert_eq!(p.successor("Bắc Kạn"), "Thái Nguyên");
        assert_eq!(p.successor("Bà Rịa - Vũng Tàu"), "Thành phố Hồ Chí Minh");
        assert_eq!(p.successor("Nghệ An"), "Nghệ An");
        assert_eq!(
            p.from_url("https://baobackan.com.vn/x-post8228.html")
                .as_deref(),
            Some("Bắc Kạn")
        );
        assert_eq!(
            p.from_url("http://sonoivu.namdinh.gov.vn/thi-dua")
                .as_deref(),
            Some("Nam Định")
        );
        assert_eq!(
            p.from_url("https://baodongkhoi.vn/a.html").as_deref(),
            Some("Bến Tre")
        );
        // A site of the province's own, listed: its Fatherland Front's.
        assert_eq!(
            p.from_url("https://mttqhanoi.org.vn/a.htm").as_deref(),
            Some("Hà Nội")
        );
        // A short name inside another word is none ("thue", "nhanam").
        assert_eq!(p.from_url("https://tapchithue.com.vn/a").as_deref(), None);
        assert_eq!(p.from_url("https://nhanam.vn/a").as_deref(), None);
        assert_eq!(p.from_url("http://cand.com.vn/x").as_deref(), None);
        assert_eq!(ascii_fold("Đắk Lắk"), "daklak");
    }
}
