//! Named emulation movements quoted in the text: phong trào thi đua "Cả nước chung sức xây
//! dựng nông thôn mới", cuộc vận động "...". A quoted theme (chủ đề "...") or slogan (khẩu
//! hiệu "...") is not one, nor is a quote that no cue introduces.

use regex::Regex;

use super::{cue, floor_char, Doc};
use crate::patterns::{PatternError, Patterns};
use crate::record::Campaign;

#[derive(Clone)]
pub struct Campaigns {
    cue: Regex,
    not: Regex,
    /// A quoted name that is a meeting's, not a movement's: chương trình “Hội nghị Tổng
    /// kết Khối thi đua 4 ...”.
    not_name: Regex,
    /// What may stand between two quoted names of one list: ", ", "và", "gắn với việc"
    /// (phong trào "A", "B" gắn với việc "C").
    between: Regex,
}

impl Campaigns {
    pub fn new(patterns: &Patterns) -> Result<Campaigns, PatternError> {
        Ok(Campaigns {
            cue: cue(patterns, "campaign")?,
            not: cue(patterns, "not_campaign")?,
            not_name: super::around_cue(patterns, "not_campaign_name", r"(?i)^\s*(?:{})(?:\s|$)")?,
            between: super::around_cue(
                patterns,
                "campaign_joined",
                r#"(?i)^[\s,;:"]*(?:{})?[\s,;:"]*(?:(?:giai đoạn|năm)\s+[0-9]{4}(?:\s*-\s*[0-9]{4})?[\s,;:"]*)?$"#,
            )?,
        })
    }

    pub fn find(&self, doc: &Doc) -> Vec<Campaign> {
        let mut out: Vec<Campaign> = Vec::new();
        let mut last_end: Option<usize> = None;
        for (open, close) in quotes(doc.text) {
            let inner = &doc.text[open + 1..close];
            let before_start = floor_char(doc.text, open.saturating_sub(90));
            let before = &doc.text[before_start..open];
            let before = before.rsplit(['.', '\n']).next().unwrap_or(before);
            let chained = last_end.is_some_and(|e| self.between.is_match(&doc.text[e..open]));
            // "Chủ đề của Khối thi đua là “...”": the words of a bloc's name are no cue.
            let cue = self
                .cue
                .find_iter(before)
                .filter(|m| {
                    let lead = before[..m.start()].trim_end().to_lowercase();
                    !(m.as_str().eq_ignore_ascii_case("thi đua")
                        && (lead.ends_with("khối") || lead.ends_with("cụm")))
                })
                .last();
            let introduced = cue.is_some_and(|m| {
                let gap = &before[m.end()..];
                !gap.contains('"') && !self.not.is_match(gap) && gap.chars().count() <= 60
            });
            // Refused by a word after the cue, or just before it: "chủ đề thi đua"; not by
            // one of the cue's own words ("phong trào thi đua chuyên đề").
            let refused = self.not.find_iter(before).last().is_some_and(|n| {
                cue.is_none_or(|c| {
                    let within = n.start() > c.start() && n.end() <= c.end();
                    // (A refusing word that overlaps the cue is "just before" it too.)
                    !within
                        && (n.start() > c.start()
                            || before
                                .get(n.end()..c.start())
                                .is_none_or(|gap| gap.trim().is_empty()))
                })
            });
            // A name may start in lowercase where a cue introduces it: phong trào thi đua
            // "tham mưu giỏi, phục vụ tốt"; or with a number, right after its cue or another
            // of its list: phong trào "90 ngày đêm", "..., “5 có 3 sạch”" (not "Cụm thi
            // đua hoàn thành “100% chỉ tiêu”").
            let next_to_cue = cue.is_some_and(|m| before[m.end()..].trim().is_empty());
            let first = inner.chars().next();
            let looks_like_name = (first.is_some_and(char::is_alphabetic)
                || first.is_some_and(|c| c.is_ascii_digit()) && (chained || next_to_cue))
                && inner.split_whitespace().count() >= 2;
            // A name chained to the one before is in its list, whatever stands before that.
            if (chained || introduced && !refused)
                && looks_like_name
                && !self.not_name.is_match(inner)
            {
                let name = inner
                    .trim()
                    .trim_end_matches(['.', ',', ';'])
                    .trim_end_matches("...")
                    .trim();
                // Once, however it is capitalized: "Vì An ninh Tổ quốc", "Vì an ninh Tổ quốc".
                let lower = name.to_lowercase();
                if !out.iter().any(|c| c.name.to_lowercase() == lower) {
                    let (mention, span) = doc.mention(open + 1, open + 1 + inner.trim_end().len());
                    out.push(Campaign {
                        name: name.to_string(),
                        mention,
                        span,
                    });
                }
                last_end = Some(close + 1);
            } else {
                last_end = None;
            }
        }
        out
    }
}

/// Pairs of quote marks. A mark before a word opens, one after a word closes; a stray
/// closing mark (a typo, common in saved pages) is skipped.
fn quotes(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // Both marks are ASCII, so a byte equal to one is that character.
    for i in memchr::memchr2_iter(b'"', b'\n', text.as_bytes()) {
        if text.as_bytes()[i] == b'\n' {
            open = None;
            continue;
        }
        let prev = text[..i].chars().next_back();
        let next = text[i + 1..].chars().next();
        let opens = next.is_some_and(|n| !n.is_whitespace())
            && prev.is_none_or(|p| p.is_whitespace() || "([:,;-".contains(p));
        if opens {
            open = Some(i);
        } else if let Some(o) = open.take() {
            out.push((o, i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        Campaigns::new(&Patterns::builtin().unwrap())
            .unwrap()
            .find(&Doc::new(text))
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn campaigns_lists_and_stray_quotes() {
        assert_eq!(
            names(
                r#"Triển khai các phong trào thi đua: "Cả nước chung sức xây dựng nông thôn mới"; "Doanh nghiệp Việt Nam hội nhập và phát triển" "Cán bộ thi đua thực hiện văn hóa công sở" giai đoạn 2019-2025"; "Xây dựng con người thân thiện" giai đoạn 2021-2025; cổ vũ nêu gương "người tốt, việc tốt"."#
            ),
            [
                "Cả nước chung sức xây dựng nông thôn mới",
                "Doanh nghiệp Việt Nam hội nhập và phát triển",
                "Cán bộ thi đua thực hiện văn hóa công sở",
                "Xây dựng con người thân thiện"
            ]
        );
    }

    #[test]
    fn themed_campaigns_in_a_list() {
        assert_eq!(
            names(
                r#"Các đơn vị hưởng ứng các phong trào thi đua chuyên đề: "Toàn dân chung sức xây dựng đô thị văn minh", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", "Công chức thi đua thực hiện văn hóa công sở"."#
            ),
            [
                "Toàn dân chung sức xây dựng đô thị văn minh",
                "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
                "Công chức thi đua thực hiện văn hóa công sở"
            ]
        );
        assert!(names(
            r#"Khối thi đua tổ chức hội thảo chuyên đề "Nâng cao chất lượng phong trào thi đua", "Đổi mới công tác khen thưởng"."#
        )
        .is_empty());
    }

    #[test]
    fn a_campaign_is_listed_once_and_may_start_in_lowercase() {
        assert_eq!(
            names(
                r#"phong trào thi đua "Vì An ninh Tổ quốc" và phong trào "Vì an ninh Tổ quốc"; phong trào thi đua "tham mưu giỏi, phục vụ tốt"."#
            ),
            ["Vì An ninh Tổ quốc", "tham mưu giỏi, phục vụ tốt"]
        );
    }

    #[test]
    fn a_campaign_may_start_with_a_number() {
        assert_eq!(
            names(r#"Cuộc vận động "Gia đình 5 không, 3 sạch", "5 có 3 sạch" ở nông thôn."#),
            ["Gia đình 5 không, 3 sạch", "5 có 3 sạch"]
        );
        assert_eq!(
            names(r#"phong trào thi đua "90 ngày đêm""#),
            ["90 ngày đêm"]
        );
        // A number in quotes is no campaign, but right after its cue.
        assert!(names(r#"đạt "100 điểm" trong năm"#).is_empty());
        assert!(
            names(r#"các đơn vị trong Cụm thi đua hoàn thành "100% chỉ tiêu" được giao"#)
                .is_empty()
        );
        assert!(names(r#"kết quả chấm điểm thi đua, đơn vị đạt "98,5 điểm""#).is_empty());
    }

    #[test]
    fn themes_and_slogans_are_not_campaigns() {
        assert!(names(
            r#"Đại hội có chủ đề "Đoàn kết, sáng tạo, đổi mới" và khẩu hiệu "Ra sức thi đua""#
        )
        .is_empty());
        assert!(names(r#"xây dựng quỹ "Tiếp sức đến trường" cho học sinh"#).is_empty());
        assert!(names(r#"với chủ đề thi đua "Đoàn kết, kỷ cương, sáng tạo""#).is_empty());
        assert!(names(r#"tổ chức hội thảo "Nâng cao chất lượng phong trào thi đua""#).is_empty());
        assert!(names(r#"phong trào thi đua sôi nổi, như mô hình: "Tra cứu một cửa""#).is_empty());
        // An award's title.
        assert!(names(
            r#"đề nghị Hội đồng Thi đua - Khen thưởng xét, tặng danh hiệu "Tập thể lao động xuất sắc""#
        )
        .is_empty());
        assert!(names(r#"tặng cờ "Đơn vị dẫn đầu công tác thi đua" năm 2017"#).is_empty());
        // A quality: "Bộ đội Cụ Hồ".
        assert!(names(
            r#"Hội CCB trong cụm giao ước thi đua số 02 đã phát huy phẩm chất truyền thống "Bộ đội Cụ Hồ""#
        )
        .is_empty());
    }
}
