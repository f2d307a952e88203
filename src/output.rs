//! Records out: one pretty JSON object for a single input, JSON Lines for several.

use std::io::Write;

use crate::record::{ErrorLine, Record};

/// How records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// One indented JSON object (a single input).
    Pretty,
    /// One JSON object a line.
    Lines,
}

/// Write one result: a record, or the error line of an input that failed.
pub fn write(
    out: &mut impl Write,
    style: Style,
    result: &Result<Record, Box<ErrorLine>>,
) -> std::io::Result<()> {
    let json = match (result, style) {
        (Ok(r), Style::Pretty) => serde_json::to_string_pretty(r),
        (Ok(r), Style::Lines) => serde_json::to_string(r),
        (Err(e), Style::Pretty) => serde_json::to_string_pretty(e),
        (Err(e), Style::Lines) => serde_json::to_string(e),
    }
    .map_err(std::io::Error::other)?;
    // One write for the whole line, newline included: a run stopped while writing leaves
    // at most an incomplete last line, which `--resume` drops.
    let mut line = json.into_bytes();
    line.push(b'\n');
    out.write_all(&line)
}
