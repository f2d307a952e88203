//! The year a conference reviews and the year it plans for.
//!
//! "tổng kết công tác thi đua, khen thưởng năm 2023" reviews 2023; "phương hướng, nhiệm vụ
//! năm 2024", "bầu Trưởng khối năm 2024" and "ký kết giao ước thi đua năm 2024" plan 2024.
//! A covenant signing reviews nothing; a mid-year review plans the rest of its own year.

use regex::Regex;

use super::{cue, cue_lines, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::EventKind;

pub struct Found {
    pub review: Option<i32>,
    pub plan: Option<i32>,
}

pub struct Years {
    review: Vec<Regex>,
    plan: Vec<Regex>,
    rest_of_year: Regex,
    review_fallback: Vec<Regex>,
}

impl Years {
    pub fn new(patterns: &Patterns) -> Result<Years, PatternError> {
        Ok(Years {
            review: cue_lines(patterns, "review_year")?,
            plan: cue_lines(patterns, "plan_year")?,
            rest_of_year: cue(patterns, "rest_of_year")?,
            review_fallback: cue_lines(patterns, "review_year_fallback")?,
        })
    }

    fn years(res: &[Regex], text: &str) -> Vec<(usize, i32)> {
        let mut out: Vec<(usize, i32)> = res
            .iter()
            .flat_map(|re| {
                re.captures_iter(text).filter_map(|c| {
                    let y = c.name("y")?;
                    Some((y.start(), y.as_str().parse().ok()?))
                })
            })
            .filter(|(_, y)| (1990..=2100).contains(y))
            .collect();
        out.sort();
        out
    }

    /// Whether a mid-year review plans the rest of its year ("6 tháng cuối năm").
    pub fn plans_rest_of_year(&self, doc: &Doc) -> bool {
        self.rest_of_year.is_match(doc.text)
    }

    /// The first review year and the plan years of the text. The rules stop at a clause's
    /// end, so the first match in the text is also the first of its lead.
    pub fn find(&self, doc: &Doc, kind: EventKind) -> Found {
        let review = match kind {
            EventKind::CovenantSigning => None,
            _ => Self::years(&self.review, doc.text)
                .first()
                .map(|(_, y)| *y)
                .or_else(|| match kind {
                    // "Năm 2023, các đơn vị trong Khối đã ...": the year behind a review.
                    EventKind::YearEndReview => Self::years(&self.review_fallback, doc.text)
                        .first()
                        .map(|(_, y)| *y),
                    _ => None,
                }),
        };
        let plans = Self::years(&self.plan, doc.text);
        let plan = match kind {
            EventKind::CovenantSigning => plans.first().map(|(_, y)| *y),
            EventKind::MidYearReview => review.filter(|&r| {
                self.rest_of_year.is_match(doc.text) || plans.iter().any(|(_, y)| *y == r)
            }),
            _ => review.and_then(|r| plans.iter().map(|(_, y)| *y).find(|&y| y == r + 1)),
        };
        Found { review, plan }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, kind: EventKind) -> (Option<i32>, Option<i32>) {
        let years = Years::new(&Patterns::builtin().unwrap()).unwrap();
        let doc = Doc::new(text);
        let f = years.find(&doc, kind);
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
