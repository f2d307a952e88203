//! The year a conference reviews and the year it plans for.
//!
//! "tổng kết công tác thi đua, khen thưởng năm 2023" reviews 2023; "phương hướng, nhiệm vụ
//! năm 2024", "bầu Trưởng khối năm 2024" and "ký kết giao ước thi đua năm 2024" plan 2024.
//! A covenant signing reviews nothing; a mid-year review plans the rest of its own year.

use std::ops::Range;

use regex::Regex;

use super::fold::Folded;
use super::slug::rule_without_marks;
use super::{cue, cue_lines, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::EventKind;

pub struct Found {
    pub review: Option<i32>,
    pub plan: Option<i32>,
}

#[derive(Clone)]
pub struct Years {
    review: Vec<Folded>,
    plan: Vec<Folded>,
    /// The review and plan rules for the headline words of the page's address.
    review_without_marks: Vec<Regex>,
    plan_without_marks: Vec<Regex>,
    rest_of_year: Folded,
    review_fallback: Vec<Folded>,
    /// A second event joined to a review: "và ký kết giao ước".
    then_plan: Folded,
    /// A review of "năm qua", the year before the one planned.
    past_year: Folded,
    /// What makes the work of a year its plan when said just before it: "triển khai công
    /// tác thi đua, khen thưởng trong Cụm năm 2021".
    planned_before: Regex,
}

/// `rules` of `cues.tsv` for text without marks.
fn without_marks(rules: &[Regex]) -> Result<Vec<Regex>, PatternError> {
    rules
        .iter()
        .map(|rule| rule_without_marks(rule, "cues.tsv"))
        .collect()
}

impl Years {
    pub fn new(patterns: &Patterns) -> Result<Years, PatternError> {
        let review = cue_lines(patterns, "review_year")?;
        let plan = cue_lines(patterns, "plan_year")?;
        Ok(Years {
            review_without_marks: without_marks(&review)?,
            plan_without_marks: without_marks(&plan)?,
            review: folded(review),
            plan: folded(plan),
            rest_of_year: Folded::new(cue(patterns, "rest_of_year")?),
            review_fallback: folded(cue_lines(patterns, "review_year_fallback")?),
            then_plan: Folded::new(cue(patterns, "review_then_plan")?),
            past_year: Folded::new(cue(patterns, "review_past_year")?),
            planned_before: super::around_cue(patterns, "planned_before", r"(?i)(?:{})\s*$")?,
        })
    }

    /// The years (group `y`) one rule finds, with their offsets, in the order of the text.
    fn years<'d>(rule: &'d Folded, doc: &'d Doc) -> impl Iterator<Item = (usize, i32)> + 'd {
        Self::matches(rule, doc).map(|(_, at, y)| (at, y))
    }

    /// The matches of one rule, each with the offset of its year and the year.
    fn matches<'d>(
        rule: &'d Folded,
        doc: &'d Doc,
    ) -> impl Iterator<Item = (Range<usize>, usize, i32)> + 'd {
        rule.group_iter(doc, doc.text, "y")
            .filter_map(|(whole, y)| Some((whole, y.start, doc.text[y].parse().ok()?)))
            .filter(|(_, _, y)| (1990..=2100).contains(y))
    }

    /// The first year the review rules find, unless it belongs to a second event joined by
    /// "và": in "tổng kết công tác thi đua và ký kết giao ước thi đua năm 2014" the year is
    /// the covenant's. Of the headline's (before byte `body`) and the body's, the earlier: a
    /// headline may give the year it is published in ("TỔNG KẾT CỤM THI ĐUA ... NĂM 2026"
    /// over "Hội nghị tổng kết thi đua năm 2025").
    fn first_review(&self, doc: &Doc, body: usize, mid_year: bool) -> Option<i32> {
        let mut in_headline: Option<(usize, i32)> = None;
        let mut in_body: Option<(usize, i32)> = None;
        for rule in &self.review {
            for (whole, at, y) in Self::matches(rule, doc) {
                if self.then_plan.is_match(doc, &doc.text[whole.clone()]) {
                    continue;
                }
                // "sơ kết 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2022": at a
                // mid-year review, the rest of a year is planned in the year reviewed.
                let lead = super::floor_char(doc.text, whole.start.saturating_sub(30));
                if self.planned_before.is_match(&doc.text[lead..whole.start])
                    && !(mid_year && self.rest_of_year.is_match(doc, &doc.text[whole.clone()]))
                {
                    continue;
                }
                let first = if whole.start >= body {
                    &mut in_body
                } else {
                    &mut in_headline
                };
                if first.is_none_or(|(a, _)| at < a) {
                    *first = Some((at, y));
                }
                if whole.start >= body {
                    break;
                }
            }
        }
        match (in_headline, in_body) {
            (Some((_, h)), Some((_, b))) => Some(b.min(h)),
            (h, b) => h.or(b).map(|(_, y)| y),
        }
    }

    /// The year the rules find first in the text. Each rule's matches come in the order of
    /// the text, so only the first of each is read.
    fn first(rules: &[Folded], doc: &Doc) -> Option<i32> {
        rules
            .iter()
            .filter_map(|rule| Self::years(rule, doc).next())
            .min()
            .map(|(_, y)| y)
    }

    /// Whether the rules find `year` anywhere in the text.
    fn mentions(rules: &[Folded], doc: &Doc, year: i32) -> bool {
        rules
            .iter()
            .any(|rule| Self::years(rule, doc).any(|(_, y)| y == year))
    }

    /// Whether a mid-year review plans the rest of its year ("6 tháng cuối năm").
    pub fn plans_rest_of_year(&self, doc: &Doc) -> bool {
        self.rest_of_year.is_match(doc, doc.text)
    }

    /// The first review year and the plan years of the text, else of the headline in the
    /// page's address (`slug`, see [`super::slug`]). The rules stop at a clause's end, so the
    /// first match in the text is also the first of its lead.
    pub fn find(&self, doc: &Doc, kind: EventKind, slug: Option<&str>, body: usize) -> Found {
        let in_slug = |rules: &[Regex]| -> Vec<i32> {
            let Some(slug) = slug else { return Vec::new() };
            rules
                .iter()
                .flat_map(|rule| rule.captures_iter(slug))
                .filter_map(|c| c.name("y")?.as_str().parse().ok())
                .filter(|y| (1990..=2100).contains(y))
                .collect()
        };
        let review = match kind {
            EventKind::CovenantSigning => None,
            _ => self
                .first_review(doc, body, kind == EventKind::MidYearReview)
                .or_else(|| in_slug(&self.review_without_marks).first().copied())
                .or_else(|| match kind {
                    // "Năm 2023, các đơn vị trong Khối đã ...": the year behind a review.
                    EventKind::YearEndReview => Self::first(&self.review_fallback, doc),
                    _ => None,
                }),
        };
        let planned = |year: i32| {
            Self::mentions(&self.plan, doc, year)
                || in_slug(&self.plan_without_marks).contains(&year)
        };
        let plan = match kind {
            // The headline's year first: in the address when the text has no headline
            // (".../ky-giao-uoc-thi-dua-vi-an-ninh-to-quoc-nam-2019" over a text that opens
            // "Trong năm 2018, ...").
            EventKind::CovenantSigning => {
                let in_text = || Self::first(&self.plan, doc);
                let in_address = || in_slug(&self.plan_without_marks).first().copied();
                if body == 0 {
                    in_address().or_else(in_text)
                } else {
                    in_text().or_else(in_address)
                }
            }
            EventKind::MidYearReview => {
                review.filter(|&r| self.rest_of_year.is_match(doc, doc.text) || planned(r))
            }
            // "tổng kết ... và ký kết giao ước thi đua năm 2014": no year reviewed, one planned.
            _ => match review {
                Some(r) => Some(r + 1).filter(|&p| planned(p)),
                None => Self::first(&self.plan, doc),
            },
        };
        // "tổng kết ... năm qua và phương hướng, nhiệm vụ năm 2020" reviews 2019.
        let review = review.or_else(|| {
            (kind == EventKind::YearEndReview && self.past_year.is_match(doc, doc.text))
                .then(|| plan.map(|p| p - 1))
                .flatten()
        });
        Found { review, plan }
    }
}

fn folded(rules: Vec<regex::Regex>) -> Vec<Folded> {
    rules.into_iter().map(Folded::new).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, kind: EventKind) -> (Option<i32>, Option<i32>) {
        let years = Years::new(&Patterns::builtin().unwrap()).unwrap();
        let doc = Doc::new(text);
        let f = years.find(&doc, kind, None, 0);
        (f.review, f.plan)
    }

    #[test]
    fn year_end_review() {
        assert_eq!(
            find("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và triển khai phương hướng, nhiệm vụ năm 2024.", EventKind::YearEndReview),
            (Some(2023), Some(2024))
        );
        assert_eq!(
            find(
                "Khối tổng kết phong trào thi đua năm 2019.",
                EventKind::YearEndReview
            ),
            (Some(2019), None)
        );
        assert_eq!(
            find(
                "Khối tổng kết công tác thi đua năm qua và phương hướng, nhiệm vụ năm 2020.",
                EventKind::YearEndReview
            ),
            (Some(2019), Some(2020))
        );
    }

    #[test]
    fn a_headline_may_give_the_year_it_is_published_in() {
        let years = Years::new(&Patterns::builtin().unwrap()).unwrap();
        let headline = "TỔNG KẾT CỤM THI ĐUA CÁC TỈNH NAM BỘ NĂM 2026";
        let text =
            format!("{headline}\nHội nghị tổng kết thi đua năm 2025 và phương hướng năm 2026.");
        let doc = Doc::new(&text);
        let f = years.find(&doc, EventKind::YearEndReview, None, headline.len());
        assert_eq!((f.review, f.plan), (Some(2025), Some(2026)));
    }

    #[test]
    fn a_covenant_s_year_from_the_address_when_the_text_has_no_headline() {
        let years = Years::new(&Patterns::builtin().unwrap()).unwrap();
        let text = "Trong năm 2023, các đơn vị trong Cụm đã hoàn thành nhiệm vụ. Tại hội nghị, các đơn vị ký kết giao ước thi đua.";
        let doc = Doc::new(text);
        let slug = "cum thi dua so 3 ky ket giao uoc thi dua nam 2024";
        let f = years.find(&doc, EventKind::CovenantSigning, Some(slug), 0);
        assert_eq!(f.plan, Some(2024));
        // A headline in the text comes first, as written.
        let text = format!("Cụm thi đua số 3 ký kết giao ước thi đua năm 2023\n{text}");
        let doc = Doc::new(&text);
        let f = years.find(&doc, EventKind::CovenantSigning, Some(slug), 50);
        assert_eq!(f.plan, Some(2023));
    }

    #[test]
    fn covenant_and_mid_year() {
        assert_eq!(
            find(
                "Cụm thi đua số 1 ký kết giao ước thi đua năm 2021.",
                EventKind::CovenantSigning
            ),
            (None, Some(2021))
        );
        assert_eq!(
            find(
                "Hội nghị sơ kết 6 tháng đầu năm 2022. Trong 6 tháng cuối năm, Khối tập trung.",
                EventKind::MidYearReview
            ),
            (Some(2022), Some(2022))
        );
    }
}
