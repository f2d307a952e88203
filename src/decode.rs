//! Bytes to text without losing a letter.
use crate::record::Warning;

/// Decoded text and what was learned on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name: "utf-8", "windows-1258", "tcvn3", "vni", ...
    pub encoding: String,
    pub warnings: Vec<Warning>,
}

/// Decode `bytes`; `declared` is a charset named outside the bytes (an HTTP header).
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let _ = declared;
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "utf-8".into(),
        warnings: vec![],
    }
}
