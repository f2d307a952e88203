//! Property tests of the whole pipeline: whatever the bytes, no panic, and every span of a
//! record points inside its text with the mention it claims.

use proptest::prelude::*;
use serde_json::Value;
use thidua::{Options, Pipeline};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        let options = Options {
            with_text: true,
            ..Options::default()
        };
        Pipeline::new(&thidua::patterns::Patterns::builtin().unwrap(), options).unwrap()
    })
}

fn check_spans(v: &Value, text: &[char]) -> Result<(), TestCaseError> {
    match v {
        Value::Object(o) => {
            if let (Some(Value::String(m)), Some(Value::Array(s))) =
                (o.get("mention"), o.get("span"))
            {
                let (a, b) = (
                    s[0].as_u64().unwrap() as usize,
                    s[1].as_u64().unwrap() as usize,
                );
                prop_assert!(a <= b && b <= text.len(), "span {a}..{b} of {}", text.len());
                prop_assert_eq!(text[a..b].iter().collect::<String>(), m.clone());
            }
            for v in o.values() {
                check_spans(v, text)?;
            }
        }
        Value::Array(a) => {
            for v in a {
                check_spans(v, text)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let record = pipeline().extract("prop", bytes, None, None);
    let value = serde_json::to_value(&record).unwrap();
    let text: Vec<char> = record.text.as_deref().unwrap_or("").chars().collect();
    check_spans(&value, &text)
}

/// Pieces of the articles' language, so that random text reaches the extractors' rules.
const PIECES: &[&str] = &[
    "Khối thi đua Văn hóa - Xã hội",
    "Cụm thi đua số 1",
    " tổ chức Hội nghị tổng kết ",
    "năm 2023",
    "Chiều 5/12, ",
    "Sáng ngày 11/7/2022, ",
    " gồm: ",
    " gồm 10 đơn vị: ",
    "Sở Y tế",
    "Sở VHTT&DL",
    "Đài PT-TH",
    "Bảo hiểm xã hội tỉnh",
    "; ",
    ", ",
    " và ",
    ".",
    "\n",
    "đồng chí Phạm Duy Hưng, Phó Chủ tịch UBND tỉnh",
    " phát biểu",
    " dự.",
    "bầu ",
    " làm Trưởng khối",
    " là Phó khối",
    "đề nghị tặng Cờ thi đua của Chính phủ cho ",
    " nhận Bằng khen",
    "Kế hoạch số 03/KH-UBND ngày 25/01/2018",
    "phong trào \"Thi đua yêu nước\"",
    "tỉnh Bắc Kạn",
    "huyện Phú Tân",
    "(",
    ")",
    ":",
    "“",
    "”",
    "–",
    "Ủy ban",
    "hoá",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_strings(s in "\\PC{0,300}") {
        check(s.as_bytes())?;
    }

    #[test]
    fn article_like_text(pieces in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
        check(text.as_bytes())?;
    }
}
