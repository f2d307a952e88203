//! Calendar dates as Vietnamese articles print them, and the spec's rule for the year of a
//! date printed without one.

/// Whether `y-m-d` is a real calendar day.
pub fn valid(y: i32, m: u32, d: u32) -> bool {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

/// `YYYY-MM-DD`.
pub fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day of the week of `y-m-d`: 0 for Sunday ("Chủ nhật"), 1 for Monday ("Thứ Hai",
/// "T2"), ..., 6 for Saturday ("Thứ Bảy", "T7").
pub fn weekday(y: i32, m: u32, d: u32) -> u32 {
    // 1970-01-01 (day 719468 of the count below) was a Thursday.
    ((day_number(y, m, d) - 719_468 + 4).rem_euclid(7)) as u32
}

/// Days since an epoch, for comparing how near two dates are.
fn day_number(y: i32, m: u32, d: u32) -> i64 {
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe
}

/// The year of a day and month printed without one ("Chiều 5/12"), by the spec's rules:
/// the year that puts it nearest the publication date; else from the review year (January
/// to April belong to the year after it); else the plan year ("Chiều ngày 16-5" of a
/// covenant for 2022 is 2022-05-16). `None` when nothing tells.
pub fn infer_year(
    m: u32,
    d: u32,
    published: Option<(i32, u32, u32)>,
    review_year: Option<i32>,
    plan_year: Option<i32>,
) -> Option<i32> {
    let by_review = review_year.map(|r| if m <= 4 { r + 1 } else { r });
    if let Some((py, pm, pd)) = published {
        let target = day_number(py, pm, pd);
        let nearest = [py - 1, py, py + 1]
            .into_iter()
            .filter(|&y| valid(y, m, d))
            .min_by_key(|&y| (day_number(y, m, d) - target).abs());
        // A page's date that contradicts the year under review is the site's date of
        // today, not the article's ("Thứ ba, 20/04/2021" above a 2017 review).
        return match (nearest, by_review) {
            (Some(n), Some(r)) if n != r && valid(r, m, d) => Some(r),
            (n, _) => n,
        };
    }
    let year = if let Some(r) = review_year {
        if m <= 4 {
            r + 1
        } else {
            r
        }
    } else {
        plan_year?
    };
    valid(year, m, d).then_some(year)
}

/// Parse the date part of a record's `published` ("2018-12-02" or "2018-12-02T08:58+07:00").
pub fn parse_iso(s: &str) -> Option<(i32, u32, u32)> {
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10)?.parse().ok()?;
    valid(y, m, d).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    #[test]
    fn weekdays() {
        assert_eq!(weekday(1970, 1, 1), 4);
        assert_eq!(weekday(2021, 1, 9), 6); // a Saturday ("T7")
        assert_eq!(weekday(2021, 9, 1), 3);
        assert_eq!(weekday(2024, 3, 3), 0); // a Sunday
    }

    use super::*;

    #[test]
    fn calendar() {
        assert!(valid(2024, 2, 29));
        assert!(!valid(2023, 2, 29));
        assert!(!valid(2023, 4, 31));
        assert!(!valid(2023, 13, 1));
    }

    #[test]
    fn year_nearest_the_publication_date() {
        // A report of 27/12 published on 02/01/2019 is about 2018-12-27.
        assert_eq!(
            infer_year(12, 27, Some((2019, 1, 2)), None, None),
            Some(2018)
        );
        // An announcement of 15/3 published on 13/03/2019 is about 2019-03-15.
        assert_eq!(
            infer_year(3, 15, Some((2019, 3, 13)), None, None),
            Some(2019)
        );
    }

    #[test]
    fn year_from_review_or_plan_year() {
        assert_eq!(infer_year(12, 5, None, Some(2023), Some(2024)), Some(2023));
        assert_eq!(infer_year(1, 19, None, Some(2014), Some(2015)), Some(2015));
        assert_eq!(infer_year(7, 8, None, Some(2022), None), Some(2022));
        assert_eq!(infer_year(3, 11, None, None, Some(2022)), Some(2022));
        assert_eq!(infer_year(5, 16, None, None, Some(2022)), Some(2022));
        assert_eq!(infer_year(12, 20, None, None, Some(2023)), Some(2023));
        assert_eq!(infer_year(3, 11, None, None, None), None);
    }
}
