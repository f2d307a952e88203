//! The conference record of `RECORD.md`: the types that serialize every output line and
//! generate `thidua schema`, so that the two can never disagree.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `[start, end)` in Unicode code points of the normalized text.
pub type Span = [usize; 2];

pub const SCHEMA_VERSION: u32 = 1;

/// One article, as one JSON object.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Record {
    pub schema_version: u32,
    pub source: Source,
    /// The article reports a conference of an emulation bloc or cluster.
    pub relevant: bool,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]+07:00` when the time is printed.
    pub published: Option<String>,
    pub author: Option<String>,
    pub province: Option<Province>,
    pub bloc: Option<Bloc>,
    pub event: Event,
    pub review_year: Option<i32>,
    pub plan_year: Option<i32>,
    pub members: Members,
    pub people: Vec<Person>,
    pub officers: Officers,
    pub awards: Vec<Award>,
    pub documents: Vec<Document>,
    pub campaigns: Vec<Campaign>,
    pub warnings: Vec<Warning>,
    /// The normalized text every `span` points into (only with `--with-text`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
}

/// Where the article came from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Source {
    /// The path or URL as given on the command line (`-` for standard input).
    pub input: String,
    pub url: Option<String>,
    /// SHA-256 of the raw bytes, hex.
    pub sha256: Option<String>,
    /// SHA-256 of the normalized text, hex: the same article saved twice has the same one.
    pub text_sha256: Option<String>,
    pub format: Option<Format>,
    /// RFC 3339, when the page was fetched.
    pub fetched_at: Option<String>,
    /// The encoding the bytes were decoded from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub encoding: Option<String>,
    /// The URL after redirects (fetched pages and WARC records).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub final_url: Option<String>,
    /// The HTTP status of the response (fetched pages and WARC records).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub status: Option<u16>,
    /// The HTTP `Content-Type` header (fetched pages and WARC records).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Warc,
}

/// A line of JSON Lines output for an input that could not be read.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ErrorLine {
    pub source: Source,
    pub error: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Province {
    /// Canonical name as of the article, e.g. "Bắc Kạn".
    pub name: String,
    /// The province it belongs to after the 2025 merger.
    pub successor: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mention: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<Span>,
    /// `"url"` when read off the site address rather than the text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub from: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Bloc {
    pub name: String,
    pub sector: Sector,
    pub mention: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    VanHoaXaHoi,
    KinhTe,
    NoiChinh,
    Dang,
    MatTranDoanThe,
    TongHop,
    DoanhNghiep,
    DiaPhuong,
    Nganh,
    #[default]
    Other,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    /// `YYYY-MM-DD`: the conference day.
    pub date: Option<String>,
    pub part_of_day: Option<PartOfDay>,
    pub venue: Option<String>,
    pub mention: Option<String>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    YearEndReview,
    MidYearReview,
    CovenantSigning,
    #[default]
    Other,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Members {
    /// The number of members the article states ("gồm 10 đơn vị").
    pub count_stated: Option<u32>,
    /// The members the article enumerates.
    pub units: Vec<Unit>,
    /// Members said to join from a later year.
    pub added: Vec<Unit>,
}

/// A unit (department, agency, school, province ...) named in the text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Unit {
    /// Stable slug from the gazetteer, or null for a unit it does not know.
    pub id: Option<String>,
    /// Canonical full name without the province suffix.
    pub name: String,
    /// The province the mention names, else null.
    pub province: Option<String>,
    pub mention: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Person {
    pub name: String,
    pub titles: Vec<String>,
    pub roles: Vec<Role>,
    pub mention: String,
    pub span: Span,
}

#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chaired,
    Attended,
    Spoke,
    Reported,
    Awarded,
    Received,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Officers {
    /// Head and deputy of the year the conference is about.
    pub current: Option<OfficerTerm>,
    /// Head and deputy elected or announced for the following year.
    pub next: Option<OfficerTerm>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct OfficerTerm {
    pub year: Option<i32>,
    pub head: Option<Unit>,
    pub deputy: Option<Unit>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Award {
    /// The award as written, normalized ("Cờ thi đua của Chính phủ").
    pub award: String,
    pub kind: AwardKind,
    pub level: Option<AwardLevel>,
    pub recipient: Unit,
    pub status: AwardStatus,
    pub mention: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AwardKind {
    CoThiDua,
    BangKhen,
    GiayKhen,
    HuanChuong,
    DanhHieu,
    Other,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AwardLevel {
    ChinhPhu,
    UbndTinh,
    BoNganh,
    NhaNuoc,
    Other,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AwardStatus {
    Proposed,
    Conferred,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Document {
    /// Number and symbol, "03/KH-HĐTĐKT".
    pub number: String,
    /// "Kế hoạch", "Quyết định", ...
    pub kind: String,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub mention: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Campaign {
    /// The movement's name without its quotes.
    pub name: String,
    pub mention: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Warning {
    pub code: String,
    pub message: String,
}

impl Warning {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// The JSON Schema of [`Record`], as `thidua schema` prints it.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Record)).expect("a schema serializes")
}
