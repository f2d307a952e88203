//! The conference itself: what kind it is, the day, the part of the day and the venue.
//!
//! The day is the first date of the lead that is not a document's date ("Kế hoạch số
//! 03/KH-HĐTĐKT ngày 25/01/2018"): "Chiều 5/12", "Sáng ngày 11/7/2022", "Ngày 8-11",
//! "Ngày 29 tháng 12 năm 2022", "Trong các ngày 04, 05/4/2024" (the first day).

use std::ops::Range;

use regex::Regex;

use super::bloc::Blocs;
use super::dates::{infer_year, iso, parse_iso, valid};
use super::provinces::Provinces;
use super::units::Units;
use super::years::Found as Years;
use super::{compile, cue, Context, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::{Event, EventKind, PartOfDay, Warning};

/// A conference date as the text prints it.
pub struct Dated {
    /// Byte range of the date phrase ("Chiều ngày 30/11").
    pub range: Range<usize>,
    /// "sáng", "chiều", "tối", "trưa".
    pub part: Option<String>,
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
    /// The sentence it stands in.
    pub sentence: Range<usize>,
}

#[derive(Clone)]
pub struct Events {
    kinds: Vec<(EventKind, Regex)>,
    /// The same, for the headline words of the page's address (see [`super::slug`]).
    kinds_without_marks: Vec<(EventKind, Regex)>,
    date: Regex,
    document_before: Regex,
    venue: Regex,
    place_words: Regex,
    /// A room or hall a venue starts with ("Phòng Hội thảo"), whatever follows it.
    room: Regex,
    /// Where a venue stops when no unit names it: a verb ("tại Hà Nội đã diễn ra").
    venue_end: Regex,
    /// Before "tại", that the meeting took place there ("diễn ra tại").
    held: Regex,
    /// A sentence that opens saying where the meeting was held.
    held_in: Regex,
    /// Before "tại", the meeting organised there ("tổ chức hội nghị tổng kết tại").
    organised: Regex,
    /// The same words anywhere in a sentence: it reports organising a meeting.
    organising: Regex,
    not_venue: Regex,
    /// A town, district or province alone ("tại TP. Pleiku"): no venue.
    town: Regex,
    /// The covenant signed: "ký kết giao ước" (not a plan "triển khai").
    signed: Regex,
    /// A sentence that only cites a review: "Theo báo cáo sơ kết của Ban Thi đua ...".
    cited: Regex,
    /// Words that name no kind of this meeting: a review of several years ("tổng kết 10
    /// năm thực hiện Chỉ thị số 34"), what is still to come ("sẽ ký kết giao ước").
    kind_not_said: Regex,
}

impl Events {
    pub fn new(patterns: &Patterns) -> Result<Events, PatternError> {
        let mut kinds = Vec::new();
        for line in patterns.lines("events.tsv") {
            let kind: EventKind =
                serde_json::from_value(serde_json::Value::String(line.field(0).to_string()))
                    .map_err(|_| line.error(format!("unknown event kind {:?}", line.field(0))))?;
            kinds.push((kind, compile(line, 1)?));
        }
        Ok(Events {
            kinds_without_marks: kinds
                .iter()
                .map(|(kind, rule)| Ok((*kind, super::slug::rule_without_marks(rule, "events.tsv")?)))
                .collect::<Result<_, PatternError>>()?,
            kinds,
            // Every word around a date starts or ends in an ASCII letter or digit, so an
            // ASCII word boundary serves and keeps the rule on the fast engine. Days joined
            // ("Ngày 15-16/1/2021") are tried before a day and month ("Ngày 8-11").
            date: crate::patterns::regex(
                r"(?i)(?:(?-u:\b)(?P<part>sáng|chiều|tối|trưa)\s+(?:(?:nay|qua),?\s+)?\(?(?:hôm nay\s+)?(?:(?:ngày\s+)?(?:thứ \w+|chủ nhật),?\s*\(?\s*)?(?:ngày\s+)?(?:(?P<first_of_part>[0-9]{1,2})\s*(?:,|và|-)\s*)?|(?:trong |vào )?(?:(?:các|hai|ba|[2-5]) )?ngày,?\s+(?P<first>[0-9]{1,2})\s*(?:,|và|-)\s*|(?-u:\b)(?:ngày\s+|ngay\s+|hôm\s+(?:(?:nay|qua)\s*,?\s*\(?\s*)?)(?:(?:thứ \w+|chủ nhật),?\s*\(?\s*)?)?(?-u:\b)(?P<d>[0-9]{1,2})\s*(?:(?:[/.\-])\s*(?P<m>[0-9]{1,2})(?:\s*[/.\-]\s*(?P<y>[0-9]{4}))?|\s+tháng\s+(?P<m2>[0-9]{1,2})(?:\s+năm\s+(?P<y2>[0-9]{4}))?)(?-u:\b)",
            )
            .expect("the date regex compiles"),
            document_before: crate::patterns::regex(r"(?i)(?:\bsố\s*\S*|[0-9]+\s*[/-]\s*[\p{Latin}][\p{Latin}[0-9]\-/]*,?|ban hành|\bký)\s*$")
                .expect("compiles"),
            venue: cue(patterns, "venue")?,
            held: super::around_cue(patterns, "venue_held", r"(?i)(?:{})\s*$")?,
            held_in: cue(patterns, "venue_sentence")?,
            organised: super::around_cue(patterns, "venue_organised", r"(?i)(?:{})\s*$")?,
            organising: super::around_cue(patterns, "venue_organised", r"(?i)(?:{})")?,
            place_words: super::around_cue(patterns, "venue_place", r"(?i)^(?:(?:{})\b[^,.;]*?\s)?")?,
            room: super::around_cue(patterns, "venue_place", r"(?i)^(?:{})")?,
            venue_end: super::around_cue(patterns, "venue_end", r"(?i)\s(?:{})(?:\s|$|[,.;:])")?,
            not_venue: super::around_cue(patterns, "not_venue", r"(?i)^(?:{})(?:\s|$|[,.;:])")?,
            town: super::around_cue(patterns, "venue_town", r"(?i)^(?:{})$")?,
            signed: cue(patterns, "signed")?,
            cited: super::around_cue(patterns, "cites", r"(?i)^\s*(?:{})(?:\s|,)")?,
            kind_not_said: cue(patterns, "kind_not_said")?,
        })
    }

    /// The kind of conference: from the sentence that dates it, else the lead, else the
    /// headline (a headline may name only the covenant signed after a year-end review), else
    /// the headline in the page's address (see [`super::slug`]), else the whole text. A text
    /// with no dated sentence has lost its lead (it is cut off, or starts with a caption):
    /// the headlines come before its first sentences, which may be any paragraph's
    /// ("gắn với kiểm tra, tổng kết đánh giá phong trào").
    pub fn kind(
        &self,
        doc: &Doc,
        sentences: &[Range<usize>],
        dated: Option<&Dated>,
        title: Option<&str>,
        slug: Option<&str>,
        blocs: &Blocs,
    ) -> EventKind {
        let title_end = match title {
            Some(t) if doc.text.starts_with(t) => t.len(),
            _ => 0,
        };
        // "sinh hoạt chuyên đề quý III và tổng kết 10 năm thực hiện Chỉ thị số 34": a review
        // of several years is no review of the year; "các đơn vị sẽ ký kết giao ước thi đua"
        // is no signing yet.
        let written = |text: &str| {
            let text = self.kind_not_said.replace_all(text, " ");
            self.kinds.iter().find(|(_, re)| re.is_match(&text))
        };
        let lead_sentence = || {
            sentences
                .iter()
                .filter(|s| s.start >= title_end)
                .take(6)
                .map(|r| &doc.text[r.clone()])
                .filter(|s| blocs.names_meeting(s))
                .find(|s| written(s).is_some())
        };
        let lead = || lead_sentence().and_then(written);
        let headlines = || {
            title.and_then(written).or_else(|| {
                let slug = slug?;
                self.kinds_without_marks
                    .iter()
                    .find(|(_, re)| re.is_match(slug))
            })
        };
        let found = match dated {
            Some(d) => {
                // "Ngày 09/6/2022, Khối gồm 12 đơn vị: A; B; ...; C đã thực hiện ký kết giao
                // ước thi đua": the list's ";" ends the clause, not what it says of the meeting.
                let period = || {
                    let mut end = d.sentence.end;
                    for s in sentences.iter().filter(|s| s.start >= d.sentence.end) {
                        if !doc.text[..end].ends_with(';') {
                            break;
                        }
                        end = s.end;
                    }
                    written(&doc.text[d.sentence.start..end])
                };
                let said = written(&doc.text[d.sentence.clone()])
                    .or_else(period)
                    .or_else(lead);
                // "Tổng kết công tác thi đua năm 2019, ký kết giao ước thi đua 2020" over a
                // lead that names only the signing: the headline names the whole meeting.
                let both = title
                    .filter(|t| self.signs(t))
                    .and_then(written)
                    .filter(|t| !matches!(t.0, EventKind::CovenantSigning | EventKind::Other));
                match (said, both) {
                    (Some(s), Some(t)) if s.0 == EventKind::CovenantSigning => Some(t),
                    _ => said.or_else(headlines),
                }
            }
            // A headline names one part of the meeting ("Ký kết giao ước thi đua năm 2023");
            // a lead that names it too with another ("tổ chức hội nghị tổng kết ... và ký
            // kết giao ước thi đua") says what the meeting was. (The headline may be the
            // page's address, "ky-giao-uoc": the lead is read with the kind's marked rules.)
            // A signing is one held on its own: under a headline that signs nothing ("triển
            // khai công tác thi đua năm 2016"), a lead that names a review ("... đã đề ra tại
            // Hội nghị tổng kết công tác thi đua năm 2015 của Khối") says what the meeting was.
            None => match headlines() {
                Some(h) => lead_sentence()
                    .filter(|s| self.kinds.iter().any(|(k, re)| *k == h.0 && re.is_match(s)))
                    .and_then(written)
                    .or_else(|| {
                        // Not where the text signs, nor a review only cited ("Theo báo cáo sơ
                        // kết của Ban Thi đua - Khen thưởng tỉnh, ...").
                        let weak = h.0 == EventKind::CovenantSigning
                            && !title.or(slug).is_some_and(says_signed)
                            && !self.signed.is_match(doc.text);
                        lead_sentence()
                            .filter(|s| weak && !self.cited.is_match(s))
                            .and_then(written)
                            .filter(|l| {
                                matches!(l.0, EventKind::YearEndReview | EventKind::MidYearReview)
                            })
                    })
                    .or(Some(h)),
                None => lead(),
            },
        };
        found
            .or_else(|| written(doc.text))
            .map_or(EventKind::Other, |(k, _)| *k)
    }

    /// Whether a text names a covenant signing.
    fn signs(&self, text: &str) -> bool {
        self.kinds
            .iter()
            .any(|(k, re)| *k == EventKind::CovenantSigning && re.is_match(text))
    }

    /// The date of the conference as printed: the first date in a sentence about the
    /// meeting that is not a document's date. `documents` are the bytes of the referenced
    /// documents found ("Kế hoạch số 238/KH- KNC ngày 02/3/2022": a symbol with a space the
    /// rule for the words before a date does not see).
    pub fn locate(
        &self,
        doc: &Doc,
        sentences: &[Range<usize>],
        documents: &[Range<usize>],
        blocs: &Blocs,
    ) -> Option<Dated> {
        for (i, s) in sentences.iter().enumerate().take(12) {
            let text = &doc.text[s.clone()];
            // A date said with its part of the day or "ngày", "hôm" ("Sáng 30-1", "ngày 8/11"),
            // or "ngày" typed without its mark ("Ngay 23/1").
            let is_worded = |c: &regex::Captures| {
                c.name("part").is_some()
                    || c.get(0).is_some_and(|w| {
                        let w = w.as_str().to_lowercase();
                        w.contains("ngày") || w.contains("ngay") || w.contains("hôm")
                    })
            };
            // Collected first: a search of the same rule below would otherwise take a second
            // cache of its own while this one is in use.
            let found: Vec<regex::Captures> = self.date.captures_iter(text).collect();
            for c in found {
                let whole = c.get(0).expect("a match");
                let at = s.start + whole.end();
                if self.document_before.is_match(&text[..whole.start()])
                    || documents.iter().any(|d| d.start < at && at <= d.end)
                {
                    continue;
                }
                // "Trong các ngày 04, 05/4/2024": an event of several days is dated by its first.
                let d: u32 = c
                    .name("first")
                    .or_else(|| c.name("first_of_part"))
                    .unwrap_or_else(|| c.name("d").expect("the day takes part"))
                    .as_str()
                    .parse()
                    .unwrap_or(0);
                let Some(m) = c.name("m").or_else(|| c.name("m2")) else {
                    continue;
                };
                let m: u32 = m.as_str().parse().unwrap_or(0);
                let y: Option<i32> = c
                    .name("y")
                    .or_else(|| c.name("y2"))
                    .and_then(|y| y.as_str().parse().ok());
                let worded = is_worded(&c);
                let opens = text[..whole.start()].trim().is_empty();
                if !(worded || opens) || !(1..=12).contains(&m) {
                    continue;
                }
                // "30/01/2024 (GLO)- Sáng 30-1, ...": a bare date the sentence opens with is
                // the page's; a worded one after it in the same sentence is the meeting's.
                if !worded
                    && self
                        .date
                        .captures_iter(&text[whole.end()..])
                        .any(|l| is_worded(&l))
                {
                    continue;
                }
                // A sentence about the meeting, or one that names the bloc ("Ngày 19/4/2021
                // tại ..., đại diện các đơn vị Khối thi đua 17 đã góp ý ...").
                // Or one opened by the date and a place, the bloc named in the next ("Ngày
                // 15/10/2012, tại TTGDTX Bình Minh dưới sự chứng kiến của ông X. Khối ...").
                let next_names_bloc = || {
                    sentences
                        .get(i + 1)
                        .is_some_and(|n| blocs.names_bloc(&doc.text[n.clone()]))
                };
                let about = blocs.names_meeting(text)
                    || blocs.names_bloc(text)
                    || (opens && text.contains(" tại ") && next_names_bloc());
                if !about && c.name("part").is_none() {
                    continue;
                }
                return Some(Dated {
                    range: s.start + whole.start()..s.start + whole.end(),
                    part: c.name("part").map(|p| p.as_str().to_lowercase()),
                    day: d,
                    month: m,
                    year: y,
                    sentence: s.clone(),
                });
            }
        }
        None
    }

    /// For an article that dates the meeting in a sentence naming no place: the first
    /// sentence that opens saying where it was held ("Hội nghị tổ chức tại ...").
    pub fn venue_sentence(&self, doc: &Doc, sentences: &[Range<usize>]) -> Option<Range<usize>> {
        sentences
            .iter()
            .find(|s| self.held_in.is_match(&doc.text[(*s).clone()]))
            .cloned()
    }

    /// For an article that dates no meeting: the first sentence about a meeting of the bloc
    /// that opens with where it was ("Vừa qua, tại Hội trường Huyện ủy, Cụm thi đua ...";
    /// not "phát biểu tại hội nghị"), or says where it took place ("... diễn ra tại X").
    pub fn meeting_sentence(
        &self,
        doc: &Doc,
        sentences: &[Range<usize>],
        blocs: &Blocs,
    ) -> Option<Range<usize>> {
        // Whether no sentence before reports organising a meeting of the bloc.
        let mut first = true;
        sentences
            .iter()
            .take(12)
            .find(|s| {
                let text = &doc.text[(*s).clone()];
                let opens_with_place = self.venue.find(text).is_some_and(|m| {
                    m.start() <= 40
                        && super::starts_word(text, m.start())
                        && !text[m.end()..]
                            .trim_start()
                            .chars()
                            .take(8)
                            .collect::<String>()
                            .to_lowercase()
                            .starts_with("hội nghị")
                });
                // "Lễ ký kết giao ước thi đua Khối ... diễn ra tại Công ty X".
                let held_at = |rule: &Regex| {
                    self.venue
                        .find_iter(text)
                        .any(|m| rule.is_match(&text[..m.start()]))
                };
                let meeting = blocs.names_meeting(text);
                let of_bloc = meeting && blocs.names_bloc(text);
                let organised_at = first && of_bloc && held_at(&self.organised);
                first &= !(of_bloc && self.organising.is_match(text));
                meeting && held_at(&self.held) || opens_with_place && of_bloc || organised_at
            })
            .cloned()
    }

    /// The event: its date with the year the spec's rules give, part of day and venue; and
    /// the bytes the venue is written in. `placed` is a sentence that says where the meeting
    /// was, read when the dated sentence names no place or nothing is dated.
    #[allow(clippy::too_many_arguments)]
    pub fn resolve(
        &self,
        doc: &Doc,
        dated: Option<Dated>,
        placed: Option<Range<usize>>,
        kind: EventKind,
        context: &Context,
        years: &Years,
        units: &Units,
        provinces: &Provinces,
        warnings: &mut Vec<Warning>,
    ) -> (Event, Option<Range<usize>>) {
        let mut event = Event {
            kind,
            ..Event::default()
        };
        let Some(dated) = dated else {
            // "Vừa qua, tại Hội trường Huyện ủy, Cụm thi đua ... tổ chức hội nghị": no date,
            // but the sentence about the meeting still says where.
            let venue = placed.and_then(|s| self.venue(doc, s, units, provinces));
            event.venue = self.venue_named(doc, venue.clone(), provinces);
            return (event, venue);
        };
        let published = context.published.and_then(parse_iso);
        let (d, m) = (dated.day, dated.month);
        // A printed year after the page's own that no year of the text agrees with is a
        // typo ("Ngày 21 tháng 12 năm 2107" on a page of 26/12/2017 that reviews 2017): the
        // year is inferred as if none were printed.
        let told = |y: i32| [years.review, years.plan].contains(&Some(y));
        let printed = dated.year.filter(|&y| {
            valid(y, m, d) && (published.is_none_or(|(py, _, _)| y <= py + 1) || told(y))
        });
        let year = printed.or_else(|| infer_year(m, d, published, years.review, years.plan));
        let (code, message) = match (dated.year, printed, year) {
            (_, Some(_), _) => ("", String::new()),
            (Some(typo), None, inferred) => (
                "date_year_corrected",
                format!(
                    "the event date {d}/{m}/{typo} cannot be right for the page's date; {}",
                    if inferred.is_some() {
                        "its year was inferred"
                    } else {
                        "no year could be inferred"
                    }
                ),
            ),
            (None, None, Some(_)) => (
                "date_year_inferred",
                format!("the event date {d}/{m} has no year; it was inferred"),
            ),
            (None, None, None) => (
                "date_without_year",
                format!("the event date {d}/{m} has no year and none could be inferred"),
            ),
        };
        if !code.is_empty() {
            warnings.push(Warning::new(code, message));
        }
        if let Some(y) = year.filter(|&y| valid(y, m, d)) {
            event.date = Some(iso(y, m, d));
        }
        event.part_of_day = dated.part.as_deref().and_then(|p| match p {
            "sáng" => Some(PartOfDay::Morning),
            "chiều" => Some(PartOfDay::Afternoon),
            "tối" => Some(PartOfDay::Evening),
            _ => None,
        });
        let (mention, span) = doc.mention(dated.range.start, dated.range.end);
        event.mention = Some(mention);
        event.span = Some(span);
        let after = dated.range.end.max(dated.sentence.start)..dated.sentence.end;
        // "Sáng 9/11, Cụm thi đua ... tổng kết năm 2023. Hội nghị tổ chức tại Trường Chính
        // trị tỉnh": the place in a sentence of its own (`placed`).
        let venue = self
            .venue(doc, after, units, provinces)
            .or_else(|| self.venue(doc, placed?, units, provinces));
        event.venue = self.venue_named(doc, venue.clone(), provinces);
        (event, venue)
    }

    /// "tại Phòng họp Sở Lao động - Thương binh và Xã hội, Khối ..." → the place, which
    /// may hold commas when it is a unit's name.
    /// The venue as the record gives it: a town, district or province alone ("tại TP.
    /// Pleiku") is none, though it still tells the host's province (see `resolve`).
    fn venue_named(
        &self,
        doc: &Doc,
        venue: Option<Range<usize>>,
        provinces: &Provinces,
    ) -> Option<String> {
        let venue = &doc.text[venue?];
        let town = self.town.is_match(venue) || provinces.canonical(venue).is_some();
        (!town).then(|| venue.to_string())
    }

    fn venue(
        &self,
        doc: &Doc,
        range: Range<usize>,
        units: &Units,
        provinces: &Provinces,
    ) -> Option<Range<usize>> {
        let text = &doc.text[range.clone()];
        // "tại" right after the date ("Sáng 5/12, tại Sở Y tế, ..."), or further on before a
        // word that names a place or a unit ("... tổ chức hội nghị tổng kết tại Hội trường
        // Sở Y tế", "... đã diễn ra tại Ban Dân vận Tỉnh ủy", "... tại TP. Sơn La").
        let (rest, place) = self.venue.find_iter(text).find_map(|m| {
            let rest = doc.text[range.start + m.end()..range.end].trim_start();
            let place = self.place_words.find(rest).map_or(0, |p| p.end());
            let at = range.end - rest.len();
            let near = m.start() <= 40
                || place > 0
                || units.unit_at(doc, at, provinces).is_some()
                || units.place_at(doc, at).is_some();
            // "Tại lễ ký kết giao ước thi đua năm 2023, ...": an event is no place.
            let event = self.not_venue.is_match(rest);
            (super::starts_word(text, m.start()) && near && !event).then_some((rest, place))
        })?;
        let start = range.end - rest.len();
        // "tại Công an TP.Đà Nẵng", "tại Sở Y tế TP. Hà Nội": a unit's name read up to the
        // dot of "TP." goes on as a place's, to the clause's end.
        let unit_end = units
            .unit_at(doc, start + place, provinces)
            .map(|(_, end)| end)
            .filter(|&end| {
                let before = doc.text[..end].trim_end_matches('.');
                let after = doc.text[end..].trim_start_matches('.').trim_start();
                let dotted = doc.text[..end].ends_with('.') || doc.text[end..].starts_with('.');
                !(dotted && super::is_abbreviation(before) && after.starts_with(char::is_uppercase))
            });
        if let Some(end) = unit_end {
            let venue = doc.text[start..end].trim_end();
            // "hội trường Hội Cựu chiến binh (CCB) tỉnh Bến Tre": a bracket ends the place,
            // as it does a place that is no unit's name.
            let venue = venue.split(" (").next().unwrap_or(venue);
            // "tại Hội trường Huyện ủy Quan Hóa kết hợp trực tuyến đến ...": the hall only.
            let venue = self
                .venue_end
                .find(venue)
                .map_or(venue, |m| &venue[..m.start()]);
            return Some(self.with_owner(doc, start..start + venue.len(), units, provinces));
        }
        let end = rest.find([',', ';', '(']).unwrap_or(rest.len());
        let end = end.min(full_stop(rest));
        let end = self.venue_end.find(&rest[..end]).map_or(end, |m| m.start());
        let venue = rest[..end].trim_end();
        (!venue.is_empty() && venue.split_whitespace().count() <= 15)
            .then(|| self.with_owner(doc, start..start + venue.len(), units, provinces))
    }

    /// A room named alone and the unit whose room it is, between commas: "tại Phòng Hội
    /// thảo, Trường Chính trị tỉnh Đồng Tháp, Ban Thường vụ ... tổ chức" (not "tại hội
    /// trường X, Ban Chấp hành LĐLĐ quận tổ chức", whose unit holds the meeting).
    fn with_owner(
        &self,
        doc: &Doc,
        venue: Range<usize>,
        units: &Units,
        provinces: &Provinces,
    ) -> Range<usize> {
        let alone = self
            .room
            .find(&doc.text[venue.clone()])
            .is_some_and(|m| m.end() == venue.len());
        let owner = (alone && doc.text[venue.end..].starts_with(", "))
            .then(|| units.unit_at(doc, venue.end + 2, provinces))
            .flatten()
            .filter(|&(_, end)| doc.text[end..].starts_with(','));
        match owner {
            Some((_, end)) => venue.start..end,
            None => venue,
        }
    }
}

/// Where a sentence ends in `text`: its first full stop that does not end an abbreviation
/// ("tại TP. Châu Đốc").
fn full_stop(text: &str) -> usize {
    let mut from = 0;
    while let Some(at) = text[from..].find('.') {
        let at = from + at;
        if !super::is_abbreviation(&text[..at]) {
            return at;
        }
        from = at + 1;
    }
    text.len()
}

/// Whether a headline, or a page address's words, says the covenant is signed ("Ký kết giao
/// ước", "ky-giao-uoc"): "ký" or "kí" as a word, with its mark or without.
fn says_signed(headline: &str) -> bool {
    crate::normalize::without_marks(headline)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "ky" || w == "ki")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date `locate` reads as the conference's, as "d/m".
    fn located(text: &str) -> Option<String> {
        let patterns = Patterns::builtin().unwrap();
        let events = Events::new(&patterns).unwrap();
        let blocs = Blocs::new(&patterns).unwrap();
        let doc = Doc::new(text);
        events
            .locate(&doc, &doc.sentences(), &[], &blocs)
            .map(|d| format!("{}/{}", d.day, d.month))
    }

    #[test]
    fn the_date_of_a_sentence_about_the_meeting_or_the_bloc() {
        // A sentence naming the bloc dates its meeting, before a later date of a plan.
        assert_eq!(
            located("Ngày 12/4/2021, tại Công ty X, đại diện các doanh nghiệp thuộc Khối thi đua 12 đã góp ý dự thảo. Ngày 20/4/2021 các đơn vị sẽ ký kết giao ước thi đua.").as_deref(),
            Some("12/4")
        );
        // An event of several days is dated by its first; "Sáng nay, 23/11".
        assert_eq!(
            located("Trong các ngày 04, 05/4/2024, Cụm thi đua số 3 tổ chức hội nghị.").as_deref(),
            Some("4/4")
        );
        // Days joined by a dash, before a day and month joined by one.
        assert_eq!(
            located("Ngày 15-16/1/2021 tại tỉnh Bắc Ninh, Khối thi đua tổ chức hội nghị.")
                .as_deref(),
            Some("15/1")
        );
        assert_eq!(
            located("Ngày 8-11, Khối thi đua tổ chức hội nghị.").as_deref(),
            Some("8/11")
        );
        assert_eq!(
            located("Ngày 30-12/2020, Khối thi đua tổ chức hội nghị.").as_deref(),
            Some("30/12")
        );
        assert_eq!(
            located("Sáng nay, 23/11, Khối thi đua tổ chức hội nghị.").as_deref(),
            Some("23/11")
        );
        // "Hôm qua (15/1)", "hôm nay (28/12)".
        assert_eq!(
            located("Hôm qua (15/1), Khối thi đua tổ chức hội nghị.").as_deref(),
            Some("15/1")
        );
        assert_eq!(
            located("Khối thi đua tổ chức hội nghị hôm nay (28/12).").as_deref(),
            Some("28/12")
        );
        // The weekday after "ngày": "Chiều ngày thứ Tư, 30/12", "Ngày thứ Sáu (15/12)".
        assert_eq!(
            located("Chiều ngày thứ Tư, 30/12, Khối thi đua tổ chức hội nghị.").as_deref(),
            Some("30/12")
        );
        assert_eq!(
            located("Ngày thứ Sáu (15/12), Khối thi đua tổ chức hội nghị.").as_deref(),
            Some("15/12")
        );
        // A date in a sentence about neither is not the conference's.
        assert_eq!(
            located("Ngày 12/4/2021, công ty khánh thành nhà máy. Ngày 20/4/2021 các đơn vị sẽ ký kết giao ước thi đua.").as_deref(),
            Some("20/4")
        );
    }

    #[test]
    fn a_headline_signs_with_the_word_ky() {
        assert!(says_signed("Cụm thi đua số 4 ký kết giao ước thi đua"));
        assert!(says_signed("cum thi dua so 4 ky giao uoc thi dua nam 2024"));
        assert!(!says_signed(
            "cac huyen trien khai cong tac thi dua nam 2016"
        ));
        // "kỳ" without its marks is "ky" too: read as a signing, the headline stays.
        assert!(says_signed("Kỳ họp thứ hai"));
        assert!(!says_signed("Khối kinh tế tổng kết"));
    }
}
