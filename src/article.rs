//! The article inside a saved page: its headline, publication date, byline and body, with
//! the site's clutter (menus, counters, weather boxes, "Xem thêm", share bars) dropped.
//!
//! Works on normalized lines, so it serves plain text and the blocks of an HTML page alike.
//! The clutter phrases are data (`patterns/clutter.tsv`); what is code here is the layout of
//! a news page: a headline near a date line at the top, a short byline at the end.

use regex::{Regex, RegexSet};

use crate::patterns::{counts_repeats, without_word_boundaries, PatternError, Patterns};

/// What the page layout tells about the article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub title: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]+07:00`.
    pub published: Option<String>,
    pub author: Option<String>,
    /// The normalized text: the headline, then the body's paragraphs, one a line.
    pub text: String,
}

/// Metadata a page gave outside its text (HTML meta tags).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    pub title: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
}

/// The compiled layout rules.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The clutter rules, in sets: those without a word boundary run as a lazy DFA; one
    /// `\b` would make the whole set fall back to a far slower engine on Vietnamese text,
    /// so the set with them is tried only on lines where the same rules without them
    /// match (`(gate, Some(rules))`). A rule that counts (".{0,60}") runs alone: in one DFA
    /// with others, each of its counts would multiply their states.
    clutter: Vec<(RegexSet, Option<RegexSet>)>,
    /// The clutter lines that head a list of links to other articles ("Tin liên quan:"):
    /// the list's items after one are dropped too.
    related: Option<RegexSet>,
    /// The clutter lines after which the page's own part may begin (a share bar): where
    /// the byline is looked for above.
    page_part: Option<RegexSet>,
    /// An item of such a list: a list mark, or a headline without a full stop.
    link_mark: Regex,
    /// A time of day run into the next line's first word: "Đã đăng vào 22/02/2024 lúc
    /// 14:14Sáng 22/2, tại Nha Trang", "14:14 (GMT+7)Sáng 22/2" (not "9:30AM", "14:14GMT+7").
    glued_time: Regex,
    date: Regex,
    date_words: Regex,
    /// A weekday on a date line ("T7, 01/09/2021", "Thứ Bảy"): the day it names.
    weekday: Regex,
    time: Regex,
    iso: Regex,
    /// A saved page's month in front of its headline, without a day ("date 2021-12 Cụm
    /// thi đua ..."): it dates nothing, and is no part of the headline.
    month_marker: Regex,
    label: Regex,
    /// A date and time after a headline, on its line: the page's stamp.
    stamp_after: Regex,
    lead: Regex,
    /// A headline's words on the subject ("thi đua", "hội nghị"), which a breadcrumb lacks.
    subject: Regex,
    /// The start of a slogan in a banner: "NHIỆT LIỆT CHÀO MỪNG", "TOÀN ĐẢNG, TOÀN DÂN".
    slogan: Regex,
    /// The label that opens a photo's caption: "ảnh: Quang cảnh hội nghị".
    caption_label: Regex,
    /// A publication's name ("TẠP CHÍ LANGBIAN"), which signs no article.
    publication: Regex,
    byline_prefix: Regex,
    /// A byline's own label, which marks one in the page's header too ("Tác giả: Minh").
    byline_label: Regex,
    /// The provinces' names, spellings and cities, lowercase: "... năm 2021./. Quảng Nam"
    /// ends in a place, not a byline.
    places: std::collections::HashSet<String>,
    /// The family names, lowercase: a writer's name away from the article's end begins
    /// with one ("Lê Na - Hoàng Vũ"), where a section's name does not ("Thời Sự").
    family_names: std::collections::HashSet<String>,
    photo_credit: Regex,
    /// A line that begins with a unit's head word (`patterns/unit_heads.tsv`): the writer's
    /// unit printed under a byline ("Bá Tài" / "Đảng ủy Khối CCQ tỉnh").
    unit_line: Regex,
}

impl Layout {
    pub fn new(patterns: &Patterns) -> Result<Layout, PatternError> {
        let lines = patterns.lines("clutter.tsv");
        let (mut plain, mut bounded, mut counting) = (Vec::new(), Vec::new(), Vec::new());
        let (mut related, mut page_part) = (Vec::new(), Vec::new());
        for line in lines {
            let rule = format!("(?i){}", line.field(0));
            crate::patterns::regex(&rule)
                .map_err(|e| line.error(format!("not a regular expression: {e}")))?;
            match line.field(1) {
                "" => {}
                "related" => related.push(rule.clone()),
                "page" => page_part.push(rule.clone()),
                other => {
                    return Err(line.error(format!(
                        "unknown kind of clutter {other:?} (the kinds are \"related\" and \"page\")"
                    )))
                }
            }
            if counts_repeats(&rule) {
                counting.push(rule);
            } else if without_word_boundaries(&rule) != rule {
                bounded.push(rule);
            } else {
                plain.push(rule);
            }
        }
        let set = |rules: &[String]| {
            crate::patterns::regex_set(rules).map_err(|e| PatternError {
                file: "clutter.tsv".into(),
                line: 0,
                message: e.to_string(),
            })
        };
        let mut clutter = Vec::new();
        if !plain.is_empty() {
            clutter.push((set(&plain)?, None));
        }
        // Each counting rule alone: in one set, the counts of one multiply another's.
        let mut groups = vec![bounded];
        groups.extend(counting.into_iter().map(|rule| vec![rule]));
        for rules in groups {
            if rules.is_empty() {
                continue;
            }
            let gate: Vec<String> = rules.iter().map(|r| without_word_boundaries(r)).collect();
            let checked = (gate != rules).then(|| set(&rules)).transpose()?;
            clutter.push((set(&gate)?, checked));
        }
        let optional_set = |rules: &[String]| match rules.is_empty() {
            true => Ok(None),
            false => set(rules).map(Some),
        };
        let related = optional_set(&related)?;
        let page_part = optional_set(&page_part)?;
        let unit_line = crate::extract::units::head_word_rule(patterns)?;
        let re = |s: &str| crate::patterns::regex(s).expect("a built-in layout regex compiles");
        Ok(Layout {
            clutter,
            related,
            page_part,
            link_mark: crate::patterns::regex(r"^(?:[-–•+*»›>]|\d{1,2}[.)])\s").expect("compiles"),
            glued_time: re(
                r"(?-u:\b)(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:\s*\((?:GMT|UTC)[+0-9]*\))?[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]",
            ),
            date: re(r"(?-u:\b)([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})(?-u:\b)"),
            date_words: re(
                r"(?i)(?-u:\b)([0-9]{1,2}) tháng ([0-9]{1,2}),? (?:năm )?([0-9]{4})(?-u:\b)",
            ),
            weekday: re(
                r"(?i)(?:^|[^\p{Latin}0-9])(?:thứ\s*(?P<word>hai|ba|tư|năm|sáu|bảy|[2-7])|t(?P<digit>[2-7])|(?P<sunday>chủ nhật|cn))(?:$|[^\p{Latin}0-9])",
            ),
            time: re(r"(?i)(?-u:\b)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?:\s*(AM|PM))?(?-u:\b)"),
            iso: re(
                r"(?-u:\b)([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?",
            ),
            month_marker: re(r"^\s*date [0-9]{4}-[0-9]{2}\s+"),
            label: re(
                r"(?i)^(?:date|ngày đăng|đăng ngày|cập nhật( lúc| ngày)?|ngày cập nhật|thời gian đăng|đăng lúc|xuất bản|ngày xuất bản|posted)\b",
            ),
            stamp_after: re(r"\s+[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\s+[0-9]{1,2}:[0-9]{2}\s*$"),
            lead: re(
                r"(?i)^(?:\(?[[\p{Lu}&&\p{Latin}][0-9]]{2,10}\)?\s*-\s*)?(?:sáng|chiều|tối|trưa|ngày|hôm nay|vừa qua|trong (?:hai )?ngày)\b",
            ),
            byline_prefix: re(
                r"(?i)^(?:(?:tin,? ảnh|tin và ảnh|bài,? ảnh|bài và ảnh|bài|tin|ảnh|theo|nguồn|tác giả(?: bài viết)?|người viết|(?:nhóm )?thực hiện|pv)\s*:\s*|(?-i:CTV|PV|BTV)\.?\s+)",
            ),
            places: patterns
                .lines("provinces.tsv")
                .iter()
                .flat_map(|l| {
                    let mut names = vec![l.field(0).to_string()];
                    names.extend(l.list(2));
                    names.extend(l.list(4));
                    names
                })
                .chain(["Việt Nam".to_string()])
                .map(|n| crate::normalize::text(&n).to_lowercase())
                .collect(),
            family_names: patterns
                .lines("surnames.tsv")
                .iter()
                .map(|l| crate::normalize::text(l.field(0)).to_lowercase())
                .collect(),
            byline_label: re(
                r"(?i)^(?:tác giả(?: bài viết)?|người viết|(?:nhóm )?thực hiện|tin,? ảnh|tin và ảnh|bài,? ảnh|bài và ảnh|bài|tin|pv)\s*:\s*[\p{Lu}&&\p{Latin}]",
            ),
            // "Bài: Minh Hà, ảnh: Quốc Việt", "Bài: Đinh Tuyên, ảnh Ngọc Dũng": the
            // photographer is not the writer.
            photo_credit: re(
                r"(?i)\s*(?:[,;.–-]?\s*(?:ảnh|video|đồ họa)\s*:|[,;]\s*(?:ảnh|video|đồ họa)\s).*$",
            ),
            subject: crate::extract::cue(patterns, "headline_subject")?,
            slogan: crate::extract::around_cue(patterns, "slogan", r"(?i)^(?:{})")?,
            caption_label: crate::extract::around_cue(
                patterns,
                "caption_label",
                r"(?i)^\s*(?:{}):+(?:\s|$)",
            )?,
            publication: crate::extract::around_cue(patterns, "publication", r"(?i)^(?:{})\s")?,
            unit_line,
        })
    }

    fn is_clutter(&self, line: &str) -> bool {
        self.clutter.iter().any(|(gate, rules)| {
            gate.is_match(line) && rules.as_ref().is_none_or(|rules| rules.is_match(line))
        })
    }

    /// A line as two when a time of day runs into a capital: "lúc 14:14" and "Sáng 22/2, ...".
    fn unglued<'a>(&self, line: &'a str) -> [&'a str; 2] {
        // The match ends in the capital and the small letter after it.
        let capital = self.glued_time.find(line).and_then(|m| {
            let mut back = line[..m.end()].char_indices().rev();
            back.nth(1).map(|(at, _)| at)
        });
        match capital {
            Some(at) => line.split_at(at).into(),
            None => [line, ""],
        }
    }

    /// Split normalized text into the article's parts.
    pub fn article(&self, normalized: &str, hints: Hints) -> Article {
        let mut lines: Vec<String> = Vec::new();
        // After "Tin liên quan:", its items: "- Khối thi đua Nội chính ký kết giao ước".
        let mut in_related = false;
        for line in normalized
            .lines()
            .flat_map(|l| self.unglued(l))
            .map(str::trim)
        {
            if line.is_empty() {
                continue;
            }
            // "null Ký kết giao ước thi đua ...": a portal's template printed an empty field.
            let line = line
                .strip_prefix("null ")
                .filter(|rest| rest.starts_with(char::is_uppercase))
                .unwrap_or(line);
            let related = self.related.as_ref().is_some_and(|r| r.is_match(line));
            if related || self.page_part.as_ref().is_some_and(|r| r.is_match(line)) {
                in_related = related;
                // Its place, kept through the joining of broken lines below.
                let mark = if related { RELATED_LIST } else { PAGE_PART };
                if lines.last().is_some_and(|l| !is_mark(l)) {
                    lines.push(mark.to_string());
                }
                continue;
            }
            // An item: a list mark, a headline, or a short title with a figure ("Giá vàng
            // hôm nay 9-1"), none a sentence; a byline has no figure.
            let item = || {
                self.link_mark.is_match(line)
                    || self.headline(line)
                    || (line.bytes().any(|b| b.is_ascii_digit()) && !is_sentence(line))
            };
            if in_related && item() {
                continue;
            }
            in_related = false;
            if self.is_clutter(line) {
                continue;
            }
            // A repeated photo caption or headline: keep the first.
            if lines.last().map(String::as_str) == Some(line) {
                continue;
            }
            lines.push(line.to_string());
        }
        let mut lines = unwrap(lines, &self.caption_label);
        // "Cập nhật lúc 08:12 ngày 04/01/2017 | Tác giả: Minh Nguyễn | 375 lượt xem": a
        // header line of parts, one of them a date, is read as lines of their own (unless
        // the whole is a date line: "Thứ 6, 20/12/2024 | 10:15:02").
        let mut i = 0;
        while i < lines.len().min(8) {
            let parts: Vec<String> = lines[i]
                .split(" | ")
                .map(str::trim)
                .filter(|p| !p.is_empty() && !self.is_clutter(p))
                .map(str::to_string)
                .collect();
            let split = parts.len() > 1
                && self.date_line(&lines[i]).is_none()
                && parts.iter().any(|p| self.date_line(p).is_some());
            if split {
                let n = parts.len();
                lines.splice(i..=i, parts);
                i += n;
            } else {
                i += 1;
            }
        }
        // The last list of links to other articles ("Các tin khác") with two lines or more
        // after it, or share bar with one or more, and no sentence among them: the page's
        // menus follow, and the byline is looked for above it (one line after a list may be
        // the byline itself).
        let marks: Vec<usize> = (0..lines.len()).filter(|&i| is_mark(&lines[i])).collect();
        let last_mark = marks.last().map(|&at| {
            let least = if lines[at] == RELATED_LIST { 2 } else { 1 };
            (at - (marks.len() - 1), least)
        });
        // Where each mark stood, once the marks are gone: before the line it was above.
        let mark_at: Vec<usize> = marks.iter().enumerate().map(|(k, &m)| m - k).collect();
        lines.retain(|l| !is_mark(l));
        let ends_at = last_mark
            .filter(|&(at, least)| {
                lines.len() >= at + least && lines[at..].iter().all(|l| !is_sentence(l))
            })
            .map(|(at, _)| at);

        // The publication date: a short date line at the top; the one just under the
        // headline is the article's, one above it may be the site's date of today.
        let head = lines.len().min(8);
        let dated: Vec<(usize, String, bool)> = (0..head)
            .filter_map(|i| {
                self.date_line(&lines[i])
                    .map(|(d, labelled)| (i, d, labelled))
            })
            .collect();
        // "Thứ tư, 05/10/2022" above "Thứ hai, 18/04/2022": the site's date of today, then
        // the article's (not "Ngày đăng: ..." above "Cập nhật: ..."). A breadcrumb and the
        // headline may stand between them ("Thứ năm, 29/01/2026 | 00:41" / "Thi đua" /
        // headline / "28/01/2026").
        let today_above = |i: usize| {
            let Some((_, date, false)) = dated.iter().find(|d| d.0 == i) else {
                return false;
            };
            dated
                .iter()
                .find(|d| d.0 > i)
                .is_some_and(|(k, below, labelled)| {
                    !labelled
                        && below < date
                        && (k - i == 1
                            || k - i <= 3 && (i + 1..*k).all(|j| !is_sentence(&lines[j])))
                })
        };
        let mut title_at = None;
        let mut published = None;
        let mut date_at = None;
        for (i, date, labelled) in &dated {
            if today_above(*i) {
                continue;
            }
            let before = (i.saturating_sub(3)..*i).rev().find(|&j| {
                // The first line, right above the date, may be a longer headline with a full
                // stop.
                let most = if j == 0 && *i == 1 { 30 } else { 20 };
                (self.headline(&lines[j]) || self.stopped_headline(&lines[j], most))
                    && !dated.iter().any(|d| d.0 == j)
            });
            if before.is_some() || *labelled || dated.len() == 1 {
                published = Some(date.clone());
                date_at = Some(*i);
                // "Biên giới - biển đảo Thông tin về biển đảo", a breadcrumb above the date,
                // gives way to the headline below it that names the subject.
                let below = Some(i + 1).filter(|&j| {
                    lines
                        .get(j)
                        .is_some_and(|l| self.headline(l) && self.subject.is_match(l))
                });
                // So does the site's name ("Ban Thi đua-Khen thưởng tỉnh Gia Lai").
                title_at = match before {
                    Some(j) if !self.subject.is_match(&lines[j]) || self.unit_line(&lines[j]) => {
                        below.or(before)
                    }
                    _ => before,
                };
                break;
            }
        }
        if published.is_none() {
            if let Some((i, date, _)) = dated.iter().find(|d| !today_above(d.0)) {
                published = Some(date.clone());
                date_at = Some(*i);
            }
        }
        // None at the top: a labelled one at the foot ("Cập nhật: 21/12/2024").
        if published.is_none() {
            let foot = lines.len().saturating_sub(6).max(head)..lines.len();
            // Or the writers in capitals in front of it ("HỒNG HOA 22/11/2021 14:34").
            let dated_foot =
                |i: usize| self.label.is_match(&lines[i]) || self.dated_byline(&lines[i]).is_some();
            if let Some(i) = foot.rev().find(|&i| dated_foot(i)) {
                if let Some((date, _)) = self.date_line(&lines[i]) {
                    published = Some(date);
                    date_at = Some(i);
                }
            }
        }
        if let Some(m) = lines.first().and_then(|l| self.month_marker.find(l)) {
            lines[0] = lines[0][m.end()..].to_string();
        }
        // A saved page may put the date in front of the headline ("date 2025-09-26 Nghệ An
        // ...") or after it ("... Khối thi đua 8   18/7/2022").
        let mut inline_title = None;
        if published.is_none() {
            if let Some(first) = lines.first() {
                if let Some((date, rest)) = self.inline_date(first) {
                    published = Some(date);
                    if self.headline(&rest) {
                        inline_title = Some(rest);
                        date_at = Some(0);
                    } else if is_sentence(&rest) || self.lead.is_match(&rest) {
                        // "date 2024-01-30 (GLO)- Sáng 30-1, Cụm thi đua ...": the lead.
                        lines[0] = rest;
                    } else {
                        date_at = Some(0);
                    }
                }
            }
        }
        // "date 2025-08-27 Nông thôn Tây Bắc: ..." over "27/08/2025 16:33": the saved page's
        // date in front of a headline dated under it is no part of the headline.
        if inline_title.is_none() && title_at == Some(0) {
            if let Some((_, rest)) = lines[0]
                .starts_with("date ")
                .then(|| self.inline_date(&lines[0]))
                .flatten()
            {
                lines[0] = rest;
            }
        }
        if title_at.is_none() && inline_title.is_none() {
            let from = date_at.map(|d| d + 1).unwrap_or(0);
            let search: Vec<usize> = if date_at.is_some() {
                (from..lines.len().min(from + 3)).collect()
            } else {
                (0..lines.len().min(4)).collect()
            };
            // Whether a line above has words in lowercase (the first such line may be a
            // headline with a full stop; banners in capitals above it do not count).
            let mut below_text = false;
            for j in search {
                let lowercase = lines[j].chars().any(char::is_lowercase);
                // A kicker above the headline ("CỤM THI ĐUA SỐ 8 – BỘ CÔNG AN:", "Khối thi
                // đua các cơ quan Đảng tỉnh Bắc Kạn:") is not it.
                let kicker = lines[j].ends_with(':')
                    && lines.get(j + 1).is_some_and(|next| self.headline(next));
                // A section's name or a slogan in capitals ("TIN HOẠT ĐỘNG TIN HOẠT ĐỘNG",
                // "TOÀN ĐẢNG, TOÀN DÂN ...") over a headline that names the subject (not a
                // headline in capitals over a caption: "CÔNG AN TỈNH DẪN ĐẦU ...").
                let banner = !lowercase
                    && (self.slogan.is_match(&lines[j]) || repeats_itself(&lines[j]))
                    && !self.subject.is_match(&lines[j])
                    && lines[j + 1..lines.len().min(j + 4)]
                        .iter()
                        .any(|l| self.headline(l) && self.subject.is_match(l));
                if (self.headline(&lines[j]) || !below_text && self.stopped_headline(&lines[j], 20))
                    && !kicker
                    && !banner
                {
                    title_at = Some(j);
                    break;
                }
                below_text |= lowercase;
                // The lead ends the search; a slogan in capitals above the headline ("NHIỆT
                // LIỆT CHÀO MỪNG ... CỦA ĐẢNG!") does not.
                if is_sentence(&lines[j]) && lowercase {
                    break;
                }
            }
            // "Tổng kết Khối thi đua ..." over "Cập nhật lúc 16:15 - 27/12/2019": a page
            // that stamps its date under the headline.
            if let Some(d) = date_at.filter(|&d| d > 0 && title_at.is_none()) {
                if self.headline(&lines[d - 1]) {
                    title_at = Some(d - 1);
                }
            }
        }

        let title = hints
            .title
            .map(|t| crate::normalize::text(&t))
            .filter(|t| !t.is_empty())
            .or(inline_title)
            // "• Cụm thi đua số 4, ...": a headline kept with the mark of a list of links.
            .or_else(|| title_at.map(|i| lines[i].trim_start_matches(['•', '·', ' ']).to_string()))
            // "... giải quyết hơn 240.000 vụ việc 16/10/2025 14:34": the page's time stamp
            // after the headline is not part of it.
            .map(|t| match self.stamp_after.find(&t) {
                Some(m) => t[..m.start()].to_string(),
                None => t,
            });
        let published = hints
            .published
            .as_deref()
            .and_then(|p| self.date_line(p).map(|d| d.0))
            .or(published);

        // The byline: a short name line at the end.
        let mut author_at = None;
        let mut author = None;
        let mut unit_at = None;
        if let Some(mut last) = ends_at.unwrap_or(lines.len()).checked_sub(1) {
            // "Hoàng Lâm" over "Cập nhật: 21/12/2024", the date read at the foot; "T.H" over
            // the headline printed again under the article.
            if Some(last) == date_at && last > 0 {
                last -= 1;
            }
            let repeated = last > 0
                && Some(last) != title_at
                && title
                    .as_deref()
                    .is_some_and(|t| t.trim() == lines[last].trim());
            if repeated {
                last -= 1;
            }
            // "Bá Tài" over "Đảng ủy Khối CCQ tỉnh": the writer's unit on a line of its own.
            if last > 0 && self.byline(&lines[last]).is_none() && self.unit_line(&lines[last]) {
                unit_at = Some(last);
                last -= 1;
            }
            // "Tác giả: Trung tâm Truyền thông giáo dục" over "Nguồn: Bộ GDĐT": the source
            // the article was taken from is not its writer, who is named above it.
            if last > 0
                && names_source(&lines[last])
                && self.byline_label.is_match(&lines[last - 1])
            {
                last -= 1;
            }
            // "Bình - Trí" over "ĐỒNG HÀNH CÙNG DOANH NGHIỆP": a banner in capitals under a
            // byline written in small letters is the site's.
            let capitals = |l: &str| !l.chars().any(char::is_lowercase);
            if last > 0
                && capitals(&lines[last])
                && !capitals(&lines[last - 1])
                && Some(last - 1) != title_at
                && self.byline(&lines[last - 1]).is_some()
            {
                last -= 1;
            }
            if Some(last) != title_at && Some(last) != date_at {
                if let Some(name) = self
                    .byline(&lines[last])
                    .filter(|n| !repeated || self.writer_like(n))
                {
                    author = Some(name);
                    author_at = Some(last);
                }
            }
            // "... năm 2021./.            Ngọc Pháp": the byline on the end mark's line, after
            // it (a row of spaces in the page, one space here).
            if author.is_none() && Some(last) != title_at {
                let line = &lines[last];
                let signed = line.rfind("./.").and_then(|at| {
                    let tail = line[at + 3..].trim();
                    // Not a source ("Theo Báo Quảng Nam"), a place, or one bare word ("TTĐT").
                    if names_source(tail)
                        || self.places.contains(&tail.to_lowercase())
                        || !tail.contains([' ', '.'])
                    {
                        return None;
                    }
                    Some((at + 3, self.byline(tail)?))
                });
                if let Some((end, name)) = signed {
                    lines[last].truncate(end);
                    author = Some(name);
                }
            }
            // "... trong thời gian tới./." over "Hoàng": one name under the article's end mark.
            let word = lines[last].trim();
            if author.is_none()
                && last > 0
                && lines[last - 1].trim_end().ends_with("./.")
                && word.chars().count() >= 2
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().all(char::is_alphabetic)
            {
                author = Some(word.to_string());
                author_at = Some(last);
            }
            if author_at.is_none() {
                unit_at = None;
            }
        }
        // No byline at the end: a labelled one in the page's header ("Tác giả: Minh Nguyễn").
        if author.is_none() {
            let head = (0..lines.len().min(8))
                .filter(|&i| Some(i) != title_at && Some(i) != date_at)
                .find_map(|i| {
                    self.byline_label
                        .is_match(&lines[i])
                        .then(|| self.byline(&lines[i]))
                        .flatten()
                        .map(|name| (i, name))
                });
            if let Some((i, name)) = head {
                author = Some(name);
                author_at = Some(i);
            }
        }
        // "HÀ VY - VĂN NAM 13/03/2024 15:45": writers in capitals in front of the date line,
        // at the top or as the last line.
        if author.is_none() {
            if let Some(i) = date_at {
                author = self.byline_before_date(&lines[i]);
            }
        }
        // "Lê Na - Hoàng Vũ" between the headline and a date line under it.
        if author.is_none() {
            let between = title_at.map(|t| t + 1).filter(|&b| {
                lines
                    .get(b + 1)
                    .is_some_and(|l| self.date_line(l).is_some())
            });
            if let Some(b) = between {
                if let Some(name) = self.byline(&lines[b]).filter(|n| self.writer_like(n)) {
                    author = Some(name);
                    author_at = Some(b);
                }
            }
        }
        if author.is_none() {
            let end = ends_at.unwrap_or(lines.len());
            if let Some(last) = end.checked_sub(1).filter(|&l| l > 0) {
                author = self.dated_byline(&lines[last]);
                if author.is_some() {
                    author_at = Some(last);
                }
            }
        }
        // "Bá Thăng" over "Ý kiến bạn đọc" or "Các tin khác", under a sentence: a byline
        // above the first such mark, though the page goes on with sentences of its own (the
        // teasers of other articles).
        if author.is_none() {
            let above_mark = mark_at.iter().find_map(|&at| {
                let line = at
                    .checked_sub(1)
                    .filter(|&l| l > 0 && Some(l) != title_at)?;
                if !is_sentence(&lines[line - 1]) {
                    return None;
                }
                self.byline(&lines[line]).map(|name| (line, name))
            });
            if let Some((line, name)) = above_mark {
                author = Some(name);
                author_at = Some(line);
            }
        }
        // A page's author field that names a unit ("Trường THCS Hoàng Lương") names the site
        // that published it, not a writer.
        let author = hints
            .author
            .map(|a| crate::normalize::text(&a))
            .filter(|a| !a.is_empty() && !self.unit_line(a))
            .or(author);

        let mut text = String::new();
        if let Some(t) = &title {
            text.push_str(t);
        }
        for (i, line) in lines.iter().enumerate() {
            if Some(i) == title_at
                || Some(i) == date_at
                || Some(i) == author_at
                || Some(i) == unit_at
            {
                continue;
            }
            if title.as_deref() == Some(line.as_str()) {
                continue;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
        Article {
            title,
            published,
            author,
            text,
        }
    }

    /// The day of the week (0: Sunday) a weekday in `text` names.
    fn weekday_named(&self, text: &str) -> Option<u32> {
        let c = self.weekday.captures(text)?;
        if c.name("sunday").is_some() {
            return Some(0);
        }
        if let Some(digit) = c.name("digit") {
            return digit.as_str().parse::<u32>().ok().map(|n| n - 1);
        }
        let word = c.name("word")?.as_str().to_lowercase();
        let n = ["hai", "ba", "tư", "năm", "sáu", "bảy"]
            .iter()
            .position(|w| *w == word)
            .map(|i| i as u32 + 1);
        n.or_else(|| word.parse::<u32>().ok().map(|n| n - 1))
    }

    /// A line that is only a date (with a time, weekday, label or counter around it).
    /// Returns the date in the record's form and whether the line was labelled.
    fn date_line(&self, line: &str) -> Option<(String, bool)> {
        // A date has digits; most lines have none, and the rules below are slow on them.
        if !line.bytes().any(|b| b.is_ascii_digit()) || line.chars().count() > 90 {
            return None;
        }
        // An ISO date-time ("2023-12-05T10:00:00+07:00", from a page's meta) keeps its own
        // time when it is Vietnam's; another offset keeps only the date.
        let mut iso_time = None;
        let (ymd, span) = if let Some(c) = self.iso.captures(line) {
            let m = c.get(0)?;
            let offset = line[m.end()..].trim_start();
            let local =
                offset.is_empty() || offset.starts_with("+07") || offset.starts_with("+0700");
            if let (Some(h), Some(mi), true) = (c.get(4), c.get(5), local) {
                iso_time = Some(format!(
                    "T{}:{}{}+07:00",
                    h.as_str(),
                    mi.as_str(),
                    c.get(6)
                        .map_or(String::new(), |s| format!(":{}", s.as_str()))
                ));
            }
            (
                (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?),
                m.range(),
            )
        } else if let Some(c) = self
            .date
            .captures(line)
            .or_else(|| self.date_words.captures(line))
        {
            let m = c.get(0)?;
            (
                (c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?),
                m.range(),
            )
        } else {
            return None;
        };
        let (y, mut mo, mut d): (i32, u32, u32) = ymd;
        // "Submitted by admin on T7, 01/09/2021": a site printing month first, which the
        // weekday tells (9 January 2021 was a Saturday, 1 September a Wednesday).
        let numeric = iso_time.is_none() && !self.iso.is_match(line);
        if let Some(day) = numeric
            .then(|| self.weekday_named(&line[..span.start]))
            .flatten()
        {
            let days = crate::extract::dates::weekday;
            if !(crate::extract::dates::valid(y, mo, d) && days(y, mo, d) == day)
                && crate::extract::dates::valid(y, d, mo)
                && days(y, d, mo) == day
            {
                (mo, d) = (d, mo);
            }
        }
        // "12-28-2023 14:39:23 GMT+7": a month past 12 is the day of a date printed month first.
        if numeric && mo > 12 && crate::extract::dates::valid(y, d, mo) {
            (mo, d) = (d, mo);
        }
        if !crate::extract::dates::valid(y, mo, d) {
            return None;
        }
        // "Ngày 15/12/2024, Khối ..." is the lead sentence, not a date line.
        if line.contains(',')
            && line.split_whitespace().count() > 6
            && self.lead.is_match(line)
            && !line.to_lowercase().starts_with("ngày đăng")
        {
            return None;
        }
        let labelled = self.label.is_match(line);
        // What is left besides date, time, weekday and label must be short: a counter or
        // a "Xem cỡ chữ" button, not a sentence.
        let rest = format!("{} {}", &line[..span.start], &line[span.end..]);
        let time = self.time.captures(&rest);
        let rest = self.time.replace_all(&rest, " ");
        let words = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .filter(|w| {
                let w = w.to_lowercase();
                !DATE_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
            })
            .count();
        if words > 5 {
            return None;
        }
        let mut out = format!("{y:04}-{mo:02}-{d:02}");
        if self.iso.is_match(line) {
            out.push_str(iso_time.as_deref().unwrap_or(""));
            return Some((out, labelled));
        }
        if let Some(t) = time {
            let mut h: u32 = t[1].parse().ok()?;
            let mi: u32 = t[2].parse().ok()?;
            match t.get(4).map(|m| m.as_str().to_ascii_uppercase()) {
                Some(ref p) if p == "PM" && h < 12 => h += 12,
                Some(ref p) if p == "AM" && h == 12 => h = 0,
                _ => {}
            }
            if h < 24 && mi < 60 {
                out.push_str(&format!("T{h:02}:{mi:02}"));
                if let Some(s) = t.get(3) {
                    out.push(':');
                    out.push_str(s.as_str());
                }
                out.push_str("+07:00");
            }
        }
        Some((out, labelled))
    }

    /// The writers' names in capitals that a date line begins with: "HÀ VY - VĂN NAM
    /// 13/03/2024 15:45" (not a weekday or a label: "THỨ TƯ, 13/03/2024").
    fn byline_before_date(&self, line: &str) -> Option<String> {
        let at = self.date.find(line)?.start();
        let before = line[..at].trim_end_matches([' ', '-', '|', ',']).trim();
        // "Thiên An - Mỹ Dung - 19:55, 04/08/2022": the time before the date.
        let before = before
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ':')
            .trim_end_matches([' ', '-', '|', ','])
            .trim();
        let first = before
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let label = self.label.is_match(before)
            || self.publication.is_match(before)
            || DATE_WORDS.contains(&first.as_str());
        // Writers in capitals ("HỒNG HOA"), or each word of their names capitalized ("Thiên An
        // - Mỹ Dung"), not a sentence.
        let names = before
            .split_whitespace()
            .filter(|w| !matches!(*w, "-" | "–" | "và"))
            .all(|w| w.starts_with(char::is_uppercase));
        if before.split_whitespace().count() < 2 || !names || label {
            return None;
        }
        self.byline(before)
    }

    /// A date line that begins with its writers in capitals ("HỒNG HOA 22/11/2021 14:34"):
    /// the writers.
    fn dated_byline(&self, line: &str) -> Option<String> {
        self.date_line(line)?;
        self.byline_before_date(line)
    }

    /// A headline with a date glued to it, in front ("date 2025-09-26 Nghệ An ...") or at
    /// the end ("... Khối thi đua 8   18/7/2022").
    fn inline_date(&self, line: &str) -> Option<(String, String)> {
        let lower = line.to_lowercase();
        if let Some(rest) = lower.strip_prefix("date ") {
            let c = self.iso.captures(rest)?;
            let m = c.get(0)?;
            let (y, mo, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            if !crate::extract::dates::valid(y, mo, d) {
                return None;
            }
            let title = line["date ".len() + m.end()..].trim().to_string();
            return Some((format!("{y:04}-{mo:02}-{d:02}"), title));
        }
        let c = self.date.captures(line)?;
        let m = c.get(0)?;
        // "... tổng kết phong trào thi đua 07/10/2025 15:57": a time may follow the date.
        let after = line[m.end()..].trim_start_matches([' ', '-', '|']);
        let timed = self
            .time
            .find(after)
            .is_some_and(|t| t.start() == 0 && t.end() == after.len());
        if !(after.is_empty() || timed) || m.start() == 0 {
            return None;
        }
        let (y, mo, d) = (c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?);
        if !crate::extract::dates::valid(y, mo, d) {
            return None;
        }
        let title = line[..m.start()].trim().to_string();
        Some((format!("{y:04}-{mo:02}-{d:02}"), title))
    }

    /// A headline: a short line of six words or more, not a sentence of the lead.
    fn headline(&self, line: &str) -> bool {
        let words = line.split_whitespace().count();
        let len = line.chars().count();
        // A line without a Vietnamese letter is a banner ("Truong chinh tri Nguyen Van Cu");
        // so is one with a link (a logo's "https://.../logo.png") or a row of slogans, which
        // has more commas than a headline ("dân giàu, nước mạnh, dân chủ, công bằng, ...").
        (6..=60).contains(&words)
            && len <= 300
            && !line.is_ascii()
            && !line.contains("://")
            && line.matches(',').count() <= 6
            && !is_sentence(line)
            && !self.lead.is_match(line)
            && self.date_line(line).is_none()
    }

    /// A headline that ends in a full stop, as the first line: one short sentence, not
    /// the lead ("Khối thi đua Mặt trận - Đoàn thể tỉnh: sơ kết công tác thi đua 6 tháng
    /// đầu năm 2020.").
    fn stopped_headline(&self, line: &str, most: usize) -> bool {
        let Some(words) = line.strip_suffix('.').filter(|l| !l.ends_with('.')) else {
            return false;
        };
        // A dash between words is no word ("chính trị - xã hội").
        let count = words
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        (6..=most).contains(&count) && !words.contains(". ") && self.headline(words)
    }

    /// A short line that names a unit and nothing else: "Đảng ủy Khối CCQ tỉnh".
    fn unit_line(&self, line: &str) -> bool {
        line.chars().count() <= 60
            && line.split_whitespace().count() <= 10
            && !is_sentence(line)
            && !line.contains([':', ',', ';'])
            && self.unit_line.is_match(line)
    }

    /// Whether a byline read away from the article's end names a writer: a family name
    /// first ("Lê Na"), initials ("T.H") or a short abbreviation ("PV"), not a place
    /// ("Lâm Đồng") or a section ("Thời Sự", "CHÍNH TRỊ").
    fn writer_like(&self, name: &str) -> bool {
        let first = name
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ','))
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        let short_caps = letters <= 4 && !name.chars().any(char::is_lowercase);
        !self.places.contains(&name.to_lowercase())
            && (self.family_names.contains(&first.to_lowercase())
                || first.contains('.')
                || short_caps)
    }

    /// A byline: one or a few names, possibly with the writer's unit after a dash.
    fn byline(&self, line: &str) -> Option<String> {
        // "Tác giả: Trung tâm Truyền thông giáo dục": what the label names is the writer,
        // whatever its shape.
        let lower = line.to_lowercase();
        let by_writer = lower.starts_with("tác giả") || lower.starts_with("người viết");
        let line = self.byline_prefix.replace(line, "");
        let line = self.photo_credit.replace(&line, "");
        let line = line.trim().trim_end_matches("./.").trim();
        // "Việt Thịnh (VP Sở)": the writer's unit in parentheses is not part of the name.
        let line = match line.rfind(" (") {
            Some(i) if line.ends_with(')') => line[..i].trim(),
            _ => line,
        };
        // An editorial board signs as a whole: "Ban biên tập Cổng TTĐT Sở".
        if (by_writer || line.starts_with("Ban biên tập"))
            && (1..=50).contains(&line.chars().count())
        {
            let name = line.split(" - ").next().unwrap_or(line).trim();
            return Some(name.to_string());
        }
        let name_part = line
            .split(" - ")
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| c == '(' || c == ')');
        if line.chars().count() > 70 || name_part.is_empty() {
            return None;
        }
        let words: Vec<&str> = name_part
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() || words.len() > 8 {
            return None;
        }
        let connector = |w: &str| matches!(w, "và" | "-" | "–");
        // "Anh Hiếu- Vũ Linh": two writers, the dash against the first name.
        let capitalized = words.iter().all(|w| {
            let w = w.trim_matches(|c| c == '-' || c == '–');
            w.is_empty()
                || connector(w)
                || w.chars().next().is_some_and(|c| c.is_uppercase())
                    && w.chars().all(|c| c.is_alphabetic() || c == '.')
        });
        if !capitalized {
            return None;
        }
        // A lone word must look like an abbreviated byline ("PV", "V.G"), not a heading.
        if words.len() == 1 {
            let w = words[0];
            // One letter is the cut-off start of a line ("C"), not a byline.
            let short_caps = (2..=4).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            // "P.TRUNG", "P.Trung", "T.Hà": an initial and a name.
            let mut chars = w.chars();
            let initialed = chars.next().is_some_and(char::is_uppercase)
                && chars.next() == Some('.')
                && chars.next().is_some_and(char::is_uppercase)
                && chars.clone().next().is_some()
                && chars.all(char::is_alphabetic);
            // "Bình - Trí": two writers by one name each.
            let one_name = |p: &str| {
                let p = p.trim();
                p.chars().next().is_some_and(char::is_uppercase)
                    && p.chars().count() >= 2
                    && p.chars().all(char::is_alphabetic)
            };
            let pair = line
                .split_once(" - ")
                .is_some_and(|(a, b)| one_name(a) && one_name(b));
            if !short_caps && !initialed && !pair {
                return None;
            }
        }
        if name_part.ends_with('.') && !name_part.contains(". ") && name_part.len() > 6 {
            return None;
        }
        // "Thanh Tình - Văn phòng Sở": the writer's unit after a dash is not part of the
        // byline; a second name is ("Thu Dung – Ngọc Sánh").
        let mut kept = line;
        for (i, _) in line.match_indices([' ']).filter(|&(i, _)| {
            line[i + 1..].starts_with(['-', '–']) && line[i + 1..].get(1..).is_some()
        }) {
            let part = line[i + 1..].trim_start_matches(['-', '–']).trim_start();
            let unit = self.unit_line.is_match(part)
                || part
                    .split_whitespace()
                    .any(|w| w.starts_with(char::is_lowercase) && w != "và");
            if unit {
                kept = line[..i].trim_end();
                break;
            }
        }
        Some(kept.to_string())
    }
}

/// Lines a saved page broke inside a sentence, joined again. A line that does not end in
/// punctuation runs on into a next line that starts in lowercase ("Tham dự hội" over "nghị
/// có ...") or into the number its last word asks for ("... cụm thi đua số II năm" over
/// "2023."); and once a paragraph is known to be broken so, into a next line that starts
/// with a capital ("cho đơn vị Ủy ban MTTQ" over "Việt Nam huyện Cẩm Mỹ"). A headline over
/// the lead, a caption in brackets and a list item stay lines of their own.
fn unwrap(lines: Vec<String>, caption_label: &Regex) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    // The last line of `out` was joined from broken ones, and the length of its last part.
    let mut broken = false;
    let mut part = 0;
    for line in lines {
        if let Some(last) = out.last_mut() {
            let open = last.ends_with(|c: char| c.is_alphanumeric() || c == ',');
            // A year after "năm", not a date line under a headline that ends in "năm"
            // ("... 6 tháng đầu năm" over "12/07/2024 - 17:30").
            let asks_number = ["ngày", "tháng", "số"].iter().any(|w| {
                last.strip_suffix(w)
                    .is_some_and(|before| before.ends_with(' '))
            }) || last.ends_with(" năm") && is_year(&line);
            // "ảnh: ..." under a headline is a caption, not the headline's end.
            let runs_on = open
                && !caption_label.is_match(&line)
                && match line.chars().next() {
                    Some(c) if c.is_lowercase() => true,
                    Some(c) if c.is_ascii_digit() => asks_number,
                    // A line broken for width is long: "năm học 2017 - 2018", the second
                    // line of a headline, is not broken before "Chiều ngày 19 ...".
                    Some(c) if c.is_uppercase() => broken && part >= 50,
                    _ => false,
                };
            if runs_on {
                last.push(' ');
                last.push_str(&line);
                broken = true;
                part = line.chars().count();
                continue;
            }
        }
        broken = false;
        part = line.chars().count();
        out.push(line);
    }
    out
}

/// Whether `line` begins with a year standing alone ("2023.", "2023 là ...").
fn is_year(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && !b.get(4).is_some_and(|c| {
            c.is_ascii_digit() || b"/-.:".contains(c) && b.get(5).is_some_and(u8::is_ascii_digit)
        })
}

/// The words a date line may hold besides its date and time: weekdays ("Thứ Năm", "Chủ
/// nhật"), labels ("Ngày đăng", "Cập nhật lúc"), "GMT".
const DATE_WORDS: &[&str] = &[
    "thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "ngày", "gmt", "đăng", "cập",
    "lúc", "date", "tháng",
];

/// Where a list of links to other articles stood, and where a share bar stood, among the
/// lines (no line of text is empty or a control character).
const RELATED_LIST: &str = "";
const PAGE_PART: &str = "\u{1}";

fn is_mark(line: &str) -> bool {
    line == RELATED_LIST || line == PAGE_PART
}

/// A line that is one phrase printed twice: "TIN HOẠT ĐỘNG TIN HOẠT ĐỘNG".
fn repeats_itself(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let half = words.len() / 2;
    half > 0 && words.len().is_multiple_of(2) && words[..half] == words[half..]
}

/// A line that ends like a sentence.
fn is_sentence(line: &str) -> bool {
    let line = line.trim_end();
    (line.ends_with('.') && !line.ends_with("...")) || line.ends_with("./.") || line.ends_with('!')
}

/// Whether a line names where the article was taken from: "Nguồn: Bộ GDĐT", "Theo Báo
/// Quảng Nam".
fn names_source(line: &str) -> bool {
    let line = line.to_lowercase();
    line.starts_with("nguồn") || line.starts_with("theo")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout::new(&Patterns::builtin().unwrap()).unwrap()
    }

    fn article(text: &str) -> Article {
        layout().article(&crate::normalize::text(text), Hints::default())
    }

    #[test]
    fn headline_date_line_and_byline() {
        let a = article(
            "Tin Hoạt động >> Tin tức tổng hợp\n\nKhối thi đua Văn hóa - Xã hội tổng kết công tác năm 2024\n\n02/12/2024 08:58 Số lượt xem: 213\n\nChiều 30/11, Khối thi đua tổ chức hội nghị.\n\nNguyễn Văn An\n\nThống kê truy cập\nTrực tuyến : 2790\nĐã truy cập : 43101951\nXem thêm",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Khối thi đua Văn hóa - Xã hội tổng kết công tác năm 2024")
        );
        assert_eq!(a.published.as_deref(), Some("2024-12-02T08:58+07:00"));
        assert_eq!(a.author.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(
            a.text,
            "Khối thi đua Văn hóa - Xã hội tổng kết công tác năm 2024\nChiều 30/11, Khối thi đua tổ chức hội nghị."
        );
    }

    #[test]
    fn writers_in_capitals_before_a_date_at_the_foot() {
        // The page's date at the top; the writers and their time on the last line, over the
        // site's software.
        let lead = "Chiều 5/7, Khối thi đua tổ chức hội nghị sơ kết.\n".repeat(9);
        let a = article(&format!(
            "Khối thi đua các hội đặc thù sơ kết 6 tháng đầu năm\n06/07/2021\n{lead}HỒNG HOA 06/07/2021 14:34\nPOWERED BY ONECMS"
        ));
        assert_eq!(a.published.as_deref(), Some("2021-07-06"));
        assert_eq!(a.author.as_deref(), Some("HỒNG HOA"));
        assert!(a.text.ends_with("sơ kết."), "{}", a.text);
        // With no date at the top, the foot's is the page's.
        let a = article(&format!(
            "Khối thi đua các hội đặc thù sơ kết 6 tháng đầu năm\n{lead}HỒNG HOA 06/07/2021 14:34"
        ));
        assert_eq!(a.published.as_deref(), Some("2021-07-06T14:34+07:00"));
        assert_eq!(a.author.as_deref(), Some("HỒNG HOA"));
    }

    #[test]
    fn a_lead_after_the_date_of_a_saved_page() {
        let a = article(
            "date 2024-01-31 (NTO)- Sáng 30-1, Cụm thi đua số 4 tổ chức hội nghị.\nVăn Nam",
        );
        assert_eq!(a.published.as_deref(), Some("2024-01-31"));
        assert_eq!(a.title, None);
        assert!(a.text.starts_with("(NTO)- Sáng 30-1, Cụm"), "{}", a.text);
    }

    #[test]
    fn a_page_author_naming_a_unit_is_the_site() {
        let text = crate::normalize::text(
            "Khối thi đua họp\n\nChiều 5/7, Khối thi đua tổ chức hội nghị.\n\nHoàng Vũ",
        );
        let hints = |author: &str| Hints {
            author: Some(author.to_string()),
            ..Hints::default()
        };
        let a = layout().article(&text, hints("Trường THCS Hoàng Lương"));
        assert_eq!(a.author.as_deref(), Some("Hoàng Vũ"));
        let a = layout().article(&text, hints("Minh Anh"));
        assert_eq!(a.author.as_deref(), Some("Minh Anh"));
    }

    #[test]
    fn menus_and_lists_of_related_articles_go() {
        let a = article(
            "Thời sự | Chính trị | Kinh tế | Xã hội | Quốc tế\n\nKhối thi đua các cơ quan Đảng tỉnh sơ kết 6 tháng đầu năm 2024\n\nChiều 5/7, Khối thi đua tổ chức hội nghị.\n\nHoàng Vũ\n\nXem thêm:\n- Khối thi đua Nội chính ký kết giao ước thi đua năm 2024\nCụm thi đua số 3 sơ kết 6 tháng đầu năm 2023 tại tỉnh nhà\nBản quyền © Báo Tỉnh",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Khối thi đua các cơ quan Đảng tỉnh sơ kết 6 tháng đầu năm 2024")
        );
        assert_eq!(a.author.as_deref(), Some("Hoàng Vũ"));
        assert!(!a.text.contains("Nội chính"), "{}", a.text);
        // A short item with a figure goes too, and a site's footer.
        let a = article("Khối thi đua họp\n\nChiều 5/7, Khối thi đua tổ chức hội nghị.\n\nTHANH HƯƠNG\n\nĐọc nhiều\nGiá vàng hôm nay 9-1\nCơ quan chủ quản: Tỉnh ủy | Giấy phép số 39/GP-BTTTT");
        assert_eq!(a.author.as_deref(), Some("THANH HƯƠNG"));
        // A labelled date at the foot, under the byline.
        let a = article("Khối thi đua họp\n\nChiều 20/12, Khối thi đua tổ chức hội nghị.\n\nHoàng Lâm\n\nCập nhật: 21/12/2024");
        assert_eq!(a.published.as_deref(), Some("2024-12-21"));
        assert_eq!(a.author.as_deref(), Some("Hoàng Lâm"));
        // A paragraph after the list is the article's again.
        let a = article("Khối thi đua họp\n\nTin liên quan\n- Cụm thi đua số 3 sơ kết năm 2023\nChiều 5/7, Khối thi đua tổ chức hội nghị.");
        assert!(a
            .text
            .ends_with("Chiều 5/7, Khối thi đua tổ chức hội nghị."));
    }

    #[test]
    fn the_date_under_the_headline_beats_the_sites_date_of_today() {
        let a = article(
            "Thứ 7, 04/02/2023, 13:43[GMT+7]\n\nKhối thi đua các sở, ngành khoa học ký kết giao ước thi đua năm 2023\n\nThứ 2, 12/12/2022 | 17:58:17\n\nChiều ngày 12/12, Khối thi đua tổ chức hội nghị.",
        );
        assert_eq!(a.published.as_deref(), Some("2022-12-12T17:58:17+07:00"));
        assert!(a.title.unwrap().starts_with("Khối thi đua các sở"));
    }

    #[test]
    fn of_two_date_lines_a_later_one_above_is_the_sites_date_of_today() {
        let a = article(
            "Thứ tư, 05/10/2022\n\nThứ hai, 18/04/2022\n\nGiao nhiệm vụ Cụm trưởng Cụm thi đua năm 2022\n\nNgày 11/02/2022, Bộ đã giao nhiệm vụ.",
        );
        assert_eq!(a.published.as_deref(), Some("2022-04-18"));
        assert!(a.title.unwrap().starts_with("Giao nhiệm vụ"));
        // Posted, then updated: the first is the article's date.
        let a = article(
            "Khối thi đua số 2 sơ kết 9 tháng năm 2024\n\nNgày đăng: 21/10/2024\n\nCập nhật: 25/10/2024\n\nChiều 18/10, Khối thi đua số 2 tổ chức hội nghị.",
        );
        assert_eq!(a.published.as_deref(), Some("2024-10-21"));
    }

    #[test]
    fn a_kicker_in_capitals_is_not_the_headline() {
        let a = article(
            "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH:\n\nKý kết giao ước thi đua thực hiện nhiệm vụ năm 2012\n\nNgày 8-3, các đơn vị thuộc Khối đã ký kết giao ước thi đua.",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Ký kết giao ước thi đua thực hiện nhiệm vụ năm 2012")
        );
    }

    #[test]
    fn a_breadcrumb_above_the_date_gives_way_to_the_headline_below_it() {
        let a = article(
            "Quốc phòng - an ninh Tin tức về biên giới\n\n22/02/2016 - 21:42\n\nCụm thi đua tuyến biển ký kết giao ước thi đua\n\nNgày 22/2, tại Đồn Biên phòng, Cụm thi đua tuyến biển ký kết giao ước.\n\nBình - Trí\n\nĐỒNG HÀNH CÙNG DOANH NGHIỆP",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Cụm thi đua tuyến biển ký kết giao ước thi đua")
        );
        // The writers by one name each, over the site's banner in capitals.
        assert_eq!(a.author.as_deref(), Some("Bình - Trí"));
    }

    #[test]
    fn the_site_s_date_of_today_over_a_breadcrumb_and_the_headline() {
        let a = article(
            "Công đoàn Ngành Nông nghiệp tỉnh\n\nThứ sáu, 30/01/2026 | 08:15\n\nHoạt động\n\nCụm thi đua số 5 tổng kết công tác thi đua năm 2025\n\n29/01/2026\n\nSáng 28/01/2026, Cụm thi đua số 5 tổ chức hội nghị.",
        );
        assert_eq!(a.published.as_deref(), Some("2026-01-29"));
        assert_eq!(
            a.title.as_deref(),
            Some("Cụm thi đua số 5 tổng kết công tác thi đua năm 2025")
        );
    }

    #[test]
    fn the_byline_stands_above_the_page_s_menus_and_hashtags() {
        let body = "Cụm thi đua số 4 tổng kết năm 2025\n\n12/12/2025\n\nSáng 11/12, Cụm thi đua số 4 tổ chức hội nghị.";
        // "Thực hiện:" labels the writers; hashtags follow.
        let a = article(&format!(
            "{body}\n\nThực hiện: Minh Khoa - Thu Trang\n#conganhagiang\n#thidua"
        ));
        assert_eq!(a.author.as_deref(), Some("Minh Khoa - Thu Trang"));
        // A share bar, then the site's banner in capitals.
        let a = article(&format!(
            "{body}\n\nTHANH HUYỀN\n\nChia sẻ bài viết\n\nVÌ CỘNG ĐỒNG PHÁT TRIỂN BỀN VỮNG"
        ));
        assert_eq!(a.author.as_deref(), Some("THANH HUYỀN"));
        // The other articles' list, then the site's menu: no byline.
        let a = article(&format!(
            "{body}\n\nCác tin khác\n\nVĂN BẢN CHỈ ĐẠO\n\nHỎI ĐÁP PHÁP LUẬT\n\nCÔNG TÁC DÂN VẬN"
        ));
        assert_eq!(a.author, None);
        // A list of other articles, then the byline.
        let a = article(&format!(
            "{body}\n\nTin liên quan\n\n- Cụm thi đua số 4 ký kết giao ước thi đua năm 2025\n\nMinh Khoa"
        ));
        assert_eq!(a.author.as_deref(), Some("Minh Khoa"));
        // A share bar over the headline is no end.
        let a = article(
            "Chia sẻ bài viết\n\nCụm thi đua số 4 tổng kết công tác thi đua năm 2025\n\n12/12/2025\n\nSáng 11/12, Cụm thi đua số 4 tổ chức hội nghị.\n\nMinh Khoa",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Cụm thi đua số 4 tổng kết công tác thi đua năm 2025")
        );
        assert_eq!(a.published.as_deref(), Some("2025-12-12"));
        assert_eq!(a.author.as_deref(), Some("Minh Khoa"));
    }

    #[test]
    fn site_names_logos_slogans_and_portal_labels_are_no_headline() {
        let cases = [
            // The site's name above the date, the headline under it.
            (
                "Ban Thi đua - Khen thưởng tỉnh Kon Tum\n\n09:10:05 , 12/05/2015\n\nMột số kinh nghiệm tổ chức phong trào thi đua ở cơ sở\n\nThời gian qua, công tác thi đua ở cơ sở có nhiều chuyển biến.",
                Some("Một số kinh nghiệm tổ chức phong trào thi đua ở cơ sở"),
            ),
            // A logo's address under the headline.
            (
                "Khối thi đua các trường đại học tổng kết công tác thi đua năm 2025\nTrường Đại học Văn hóa Hà Nộihttps://example.edu.vn/logo.png\nThứ hai - 15/12/2025 09:20\nSáng 15/12/2025, Khối thi đua tổ chức hội nghị.",
                Some("Khối thi đua các trường đại học tổng kết công tác thi đua năm 2025"),
            ),
            // A row of slogans and no headline at all.
            (
                "Đoàn kết, kỷ cương, trách nhiệm, hiệu quả Công tâm, khách quan, thận trọng, khiêm tốn, chính trực, liêm chính\n\nNgày 20/3/2024, Cụm thi đua số 2 tổ chức hội nghị.",
                None,
            ),
            // A section's name printed twice, then the headline.
            (
                "TIN TỨC SỰ KIỆN TIN TỨC SỰ KIỆN\n\nKý kết giao ước thi đua Khối thi đua số 4 năm 2023\nChiều ngày 10-3, Khối thi đua số 4 tổ chức hội nghị.",
                Some("Ký kết giao ước thi đua Khối thi đua số 4 năm 2023"),
            ),
            // A slogan in capitals, then the headline.
            (
                "NHIỆT LIỆT CHÀO MỪNG KỶ NIỆM NGÀY THÀNH LẬP ĐẢNG CỘNG SẢN VIỆT NAM\n\nKý kết giao ước thi đua Khối thi đua số 4 năm 2023\nChiều ngày 10-3, Khối thi đua số 4 tổ chức hội nghị.",
                Some("Ký kết giao ước thi đua Khối thi đua số 4 năm 2023"),
            ),
            // A headline in capitals over a photo caption stays the headline.
            (
                "CÔNG AN TỈNH DẪN ĐẦU PHONG TRÀO BẢO VỆ AN NINH TỔ QUỐC\n\nQuang cảnh hội nghị tổng kết Cụm thi đua số 1 năm 2024\n\nNgày 10/12, Cụm thi đua số 1 tổ chức hội nghị.",
                Some("CÔNG AN TỈNH DẪN ĐẦU PHONG TRÀO BẢO VỆ AN NINH TỔ QUỐC"),
            ),
            // A portal's box title, an empty field printed "null", its heading over the article.
            (
                "Xuất bản thông tin\n\nnull Cụm thi đua số 2 ký kết giao ước thi đua năm 2022\n\nChi tiết bài viết Tin tức\n\nCụm thi đua số 2 ký kết giao ước thi đua năm 2022\n\nNgày 10/01/2022, Cụm thi đua số 2 tổ chức hội nghị.",
                Some("Cụm thi đua số 2 ký kết giao ước thi đua năm 2022"),
            ),
            // The saved page's date in front of a headline dated under it.
            (
                "date 2024-09-05 Sơn La: Cụm thi đua số 3 sơ kết 6 tháng đầu năm\n05/09/2024 10:20 GMT +7\nSáng 4/9, Cụm thi đua số 3 tổ chức hội nghị.",
                Some("Sơn La: Cụm thi đua số 3 sơ kết 6 tháng đầu năm"),
            ),
        ];
        for (page, title) in cases {
            assert_eq!(article(page).title.as_deref(), title, "{page}");
        }
    }

    #[test]
    fn banners_without_marks_and_colour_pickers_are_no_headline() {
        let a = article(
            "Thứ 6 - 26/02/2016\nMàu đỏ Màu xanh nước biển Màu vàng Màu xanh lá cây\nKhối thi đua số 1 ký giao ước thi đua năm 2025\n\n(CTT)- Chiều 13-3, Khối thi đua số 1 tổ chức hội nghị.\n\nCTV Lâm Hiền",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Khối thi đua số 1 ký giao ước thi đua năm 2025")
        );
        assert_eq!(a.author.as_deref(), Some("Lâm Hiền"));
        let a = article(
            "Truong chinh tri tinh Truong chinh tri tinh Truong chinh tri tinh\nKhối thi đua các trường ký giao ước thi đua năm 2020\n\nChiều 13-3, Khối thi đua tổ chức hội nghị.",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Khối thi đua các trường ký giao ước thi đua năm 2020")
        );
    }

    #[test]
    fn a_long_first_line_with_a_full_stop_over_the_date_is_the_headline() {
        let title = "Hội nghị Tổng kết công tác thi đua, khen thưởng năm 2019 của Khối thi đua các xã, thị trấn trên địa bàn huyện Tam Dương.";
        let a = article(&format!(
            "{title}\n\n26/12/2019\n\nNgày 25/12/2019, tại xã Kim Long, Khối thi đua các xã tổ chức hội nghị."
        ));
        assert_eq!(a.title.as_deref(), Some(title));
    }

    #[test]
    fn a_lead_sentence_is_not_a_headline() {
        let a = article("Chiều 5/12, Khối thi đua Văn hóa - Xã hội tổ chức Hội nghị tổng kết năm 2023.\nTuấn Đạt\nÝ kiến bạn đọc");
        assert_eq!(a.title, None);
        assert_eq!(a.published, None);
        assert_eq!(a.author.as_deref(), Some("Tuấn Đạt"));
    }

    #[test]
    fn the_page_s_time_stamp_after_the_headline_is_not_part_of_it() {
        let a = article(" date 2025-10-16 Cụm thi đua số I tổng kết năm 2025 16/10/2025 14:34\n\nNgày 16-10, Cụm thi đua số I tổ chức hội nghị.");
        assert_eq!(
            a.title.as_deref(),
            Some("Cụm thi đua số I tổng kết năm 2025")
        );
    }

    #[test]
    fn a_month_in_front_of_the_headline_dates_nothing() {
        let a = article(" date 2021-12 Cụm thi đua Liên đoàn Lao động tổng kết năm 2021\n\nSáng 4-12, Cụm thi đua tổ chức hội nghị.");
        assert_eq!(
            a.title.as_deref(),
            Some("Cụm thi đua Liên đoàn Lao động tổng kết năm 2021")
        );
        assert_eq!(a.published, None);
    }

    #[test]
    fn dates_glued_to_the_headline() {
        let a = article(" date 2025-09-26 Nghệ An đại hội thi đua yêu nước năm 2025 tại thành phố Vinh\n\nTPO - Sáng 26/9, tỉnh Nghệ An tổ chức đại hội.");
        assert_eq!(a.published.as_deref(), Some("2025-09-26"));
        assert_eq!(
            a.title.as_deref(),
            Some("Nghệ An đại hội thi đua yêu nước năm 2025 tại thành phố Vinh")
        );
        let b = article("Hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2022 của Khối thi đua 8   18/7/2022\n\nSáng ngày 11/7/2022, Khối thi đua 8 tổ chức hội nghị.");
        assert_eq!(b.published.as_deref(), Some("2022-07-18"));
        assert!(b.title.unwrap().ends_with("Khối thi đua 8"));
    }

    #[test]
    fn lines_broken_inside_a_sentence_are_joined() {
        let a = article(
            "Tham dự hội\nnghị có Ban Thường trực Ủy ban MTTQ Việt Nam các huyện trong cụm thi đua số II, Ban Thường trực Ủy\nban MTTQ Việt Nam huyện Cẩm Mỹ chủ trì.\nHội nghị bầu cụm trưởng năm\n2023.\nMinh Châu - Ủy\nban MTTQ huyện",
        );
        assert_eq!(a.author.as_deref(), Some("Minh Châu"));
        assert_eq!(
            a.text,
            "Tham dự hội nghị có Ban Thường trực Ủy ban MTTQ Việt Nam các huyện trong cụm thi đua số II, Ban Thường trực Ủy ban MTTQ Việt Nam huyện Cẩm Mỹ chủ trì.\nHội nghị bầu cụm trưởng năm 2023."
        );
        // A headline over its date line, and over the lead, stays a line of its own.
        let a = article(
            "Cụm thi đua số 7 sơ kết thi đua 6 tháng đầu năm\n12/07/2024 - 17:30\nHôm nay, Cụm thi đua số 7 tổ chức hội nghị.",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Cụm thi đua số 7 sơ kết thi đua 6 tháng đầu năm")
        );
        assert_eq!(a.published.as_deref(), Some("2024-07-12T17:30+07:00"));
    }

    #[test]
    fn banners_toolbars_and_a_headline_with_a_full_stop() {
        let a = article(
            "NHIỆT LIỆT CHÀO MỪNG NĂM MỚI!\nimage advertisement\nA- A A+ | Tăng tương phản Giảm tương phản\nKhối thi đua Mặt trận - Đoàn thể tỉnh: sơ kết công tác 6 tháng đầu năm 2020.\nSáng 30/6, Khối thi đua tổ chức hội nghị.\nThu Hà\n• Từ khóa",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Khối thi đua Mặt trận - Đoàn thể tỉnh: sơ kết công tác 6 tháng đầu năm 2020.")
        );
        assert_eq!(a.author.as_deref(), Some("Thu Hà"));
        assert!(!a.text.contains("image"), "{}", a.text);
        // A portal's header: its name and its date of today with the language links.
        let a = article(
            "Đăng nhập\nCổng thông tin điện tử tỉnh Hòa Phong\n23/4/2023 | English | 中文\nKhối thi đua các hội đặc thù ký giao ước thi đua năm 2024\nSáng ngày 01/3, Khối thi đua tổ chức hội nghị.",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Khối thi đua các hội đặc thù ký giao ước thi đua năm 2024")
        );
        assert_eq!(a.published, None);
    }

    #[test]
    fn a_writer_away_from_the_end_has_a_writer_s_name() {
        let layout = layout();
        assert!(layout.writer_like("Lê Na - Hoàng Vũ"));
        assert!(layout.writer_like("T.H"));
        assert!(layout.writer_like("PV"));
        assert!(!layout.writer_like("Thời Sự"));
        assert!(!layout.writer_like("CHÍNH TRỊ"));
        assert!(!layout.writer_like("Lâm Đồng"));
    }

    #[test]
    fn bylines_with_units_and_prefixes() {
        let l = layout();
        assert_eq!(
            l.byline("Thanh Tình - Văn phòng Sở").as_deref(),
            Some("Thanh Tình")
        );
        assert_eq!(
            l.byline("Hoài Thương - Ủy ban MTTQ tỉnh").as_deref(),
            Some("Hoài Thương")
        );
        assert_eq!(
            l.byline("Thu Dung – Ngọc Sánh").as_deref(),
            Some("Thu Dung – Ngọc Sánh")
        );
        assert_eq!(
            l.byline("Bài: Minh Hà, ảnh: Quốc Việt").as_deref(),
            Some("Minh Hà")
        );
        assert_eq!(
            l.byline("Tin, ảnh: Hoàng Anh").as_deref(),
            Some("Hoàng Anh")
        );
        assert_eq!(
            l.byline("Bài: Đinh Tuyên, ảnh Ngọc Dũng").as_deref(),
            Some("Đinh Tuyên")
        );
        assert_eq!(
            l.byline("Tác giả bài viết: Ninh Minh Tân - Hoàng Tân")
                .as_deref(),
            Some("Ninh Minh Tân")
        );
        assert_eq!(
            l.byline_before_date("HÀ VY - VĂN NAM 13/03/2024 15:45")
                .as_deref(),
            Some("HÀ VY - VĂN NAM")
        );
        assert_eq!(l.byline_before_date("THỨ TƯ, 13/03/2024 15:45"), None);
        assert_eq!(l.byline_before_date("Thứ tư, 13/03/2024"), None);
        assert_eq!(l.byline("PV").as_deref(), Some("PV"));
        assert_eq!(l.byline("P.TRUNG").as_deref(), Some("P.TRUNG"));
        assert_eq!(l.byline("Q.Anh").as_deref(), Some("Q.Anh"));
        assert_eq!(l.byline("T.Hà").as_deref(), Some("T.Hà"));
        assert_eq!(l.byline("T."), None);
        assert_eq!(l.byline("NHẬT MINH").as_deref(), Some("NHẬT MINH"));
        assert_eq!(l.byline("Hội nghị kết thúc thành công."), None);
        assert_eq!(l.byline("Toàn cảnh"), None);
        assert_eq!(
            l.byline("Hải Vân- Quốc Toàn").as_deref(),
            Some("Hải Vân- Quốc Toàn")
        );
    }

    #[test]
    fn a_time_run_into_the_lead_and_a_byline_on_the_end_mark_s_line() {
        let a = article(
            "Khối thi đua ký kết giao ước năm 2024\nĐã đăng vào 05/03/2024 lúc 09:20Chiều 4/3, Khối thi đua tổ chức hội nghị.\nCác đơn vị ký kết giao ước thi đua./.          Hoài Nam",
        );
        assert_eq!(a.published.as_deref(), Some("2024-03-05T09:20+07:00"));
        assert_eq!(a.author.as_deref(), Some("Hoài Nam"));
        assert!(a.text.ends_with("\nChiều 4/3, Khối thi đua tổ chức hội nghị.\nCác đơn vị ký kết giao ước thi đua./."), "{}", a.text);
        // A sentence after the end mark is no byline; a time before a small word, or a
        // space, stays on its line.
        let a = article(
            "Khối thi đua ký kết giao ước năm 2024\nChiều 4/3, lúc 14:30 tại hội trường, Khối thi đua họp.\nCác đơn vị ký kết./. Hội nghị kết thúc lúc 17:00.",
        );
        assert_eq!(a.author, None);
        assert!(a.text.ends_with("lúc 14:30 tại hội trường, Khối thi đua họp.\nCác đơn vị ký kết./. Hội nghị kết thúc lúc 17:00."), "{}", a.text);
        // Nor is a place, a source, or one bare word; "9:30AM" is one time.
        for place in ["Quảng Nam", "Theo Báo Quảng Nam", "TTĐT"] {
            let a = article(&format!(
                "Khối thi đua ký kết giao ước năm 2024\nChiều 4/3, Khối thi đua họp.\nCác đơn vị ký kết./. {place}"
            ));
            assert_eq!(a.author, None, "{place}");
        }
        let a = article(
            "Khối thi đua ký kết giao ước năm 2024\nCập nhật: 9:30AM 05/03/2024\nChiều 4/3, Khối thi đua họp.",
        );
        assert_eq!(a.published.as_deref(), Some("2024-03-05T09:30+07:00"));
        let a = article(
            "Khối thi đua ký kết giao ước năm 2024\nThứ Ba, 05/03/2024, 09:20 (GMT+7)Chiều 4/3, Khối thi đua họp.",
        );
        assert_eq!(a.published.as_deref(), Some("2024-03-05T09:20+07:00"));
        assert!(
            a.text.ends_with("\nChiều 4/3, Khối thi đua họp."),
            "{}",
            a.text
        );
    }

    #[test]
    fn a_unit_line_under_the_byline() {
        let a =
            article("Chiều 5/12, Khối thi đua tổ chức hội nghị.\nThu Hằng\nVăn phòng Sở Tư pháp");
        assert_eq!(a.author.as_deref(), Some("Thu Hằng"));
        assert_eq!(a.text, "Chiều 5/12, Khối thi đua tổ chức hội nghị.");
        // Without a byline over it, the line stays in the text.
        let a = article("Chiều 5/12, Khối thi đua tổ chức hội nghị.\nVăn phòng Sở Tư pháp");
        assert_eq!(a.author, None);
    }

    #[test]
    fn labelled_and_worded_dates() {
        let l = layout();
        assert_eq!(
            l.date_line("Ngày đăng: 10:28 AM 12/01/2015").unwrap().0,
            "2015-01-12T10:28+07:00"
        );
        assert_eq!(
            l.date_line("Cập nhật ngày: 26/02/2021 - 20:57").unwrap().0,
            "2021-02-26T20:57+07:00"
        );
        assert_eq!(
            l.date_line("Thứ Bảy, 25 tháng 6, 2016").unwrap().0,
            "2016-06-25"
        );
        assert_eq!(
            l.date_line("Ngày 15/12/2022, Khối thi đua các cơ quan văn hóa tổ chức hội nghị"),
            None
        );
        assert_eq!(l.date_line("31/02/2022"), None);
        assert_eq!(
            l.date_line("2023-12-05T10:00:00+07:00").unwrap().0,
            "2023-12-05T10:00:00+07:00"
        );
        assert_eq!(l.date_line("2023-12-05T03:00:00Z").unwrap().0, "2023-12-05");
    }
}
