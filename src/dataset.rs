//! `thidua dataset`: the JSON Lines records of many articles (and many provinces) into
//! normalized tables, in SQLite and CSV, for dashboards.
//!
//! Every table but the two gazetteers (`provinces`, `units`) is keyed to its article, whose
//! key is the hash of its normalized text (`source.text_sha256`): the same article saved or
//! published twice is one article with two rows in `sources`. Writing an article first
//! deletes every row of it, so that running again over the same records replaces rows and
//! never duplicates them. An error line (`{"source": ..., "error": ...}`) becomes a row of
//! `failed_inputs`; a line that is not a record is counted and reported, and the build goes on.

use std::collections::HashSet;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

use crate::patterns::Patterns;
use crate::record::{ErrorLine, Person, Record, Source, Unit};

/// The version of the tables below, kept in the database's `user_version`.
pub const SCHEMA_VERSION: i32 = 1;

/// The tables, in the order CSV files are written, with the columns that order their rows.
pub const TABLES: &[(&str, &str)] = &[
    ("articles", "article"),
    ("sources", "source"),
    ("failed_inputs", "source"),
    ("blocs", "article"),
    ("members", "article, added, position"),
    ("people", "article, person"),
    ("person_titles", "article, person, position"),
    ("person_roles", "article, person, role"),
    ("officers", "article, term, post"),
    ("awards", "article, position"),
    ("documents", "article, position"),
    ("campaigns", "article, position"),
    ("warnings", "article, position"),
    ("provinces", "name"),
    ("units", "id"),
];

/// The tables whose rows belong to one article (deleted and written again with it).
const ARTICLE_TABLES: &[&str] = &[
    "blocs",
    "members",
    "people",
    "person_titles",
    "person_roles",
    "officers",
    "awards",
    "documents",
    "campaigns",
    "warnings",
];

/// The views a dashboard needs.
pub const VIEWS: &[&str] = &[
    "awards_by_province_year",
    "bloc_heads_by_year",
    "members_per_bloc",
];

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS provinces (
    name TEXT PRIMARY KEY,          -- as before the 2025 merger
    successor TEXT NOT NULL         -- the province it belongs to after the merger
);
CREATE TABLE IF NOT EXISTS units (
    id TEXT PRIMARY KEY,            -- the gazetteer's slug
    name TEXT NOT NULL              -- canonical name
);
CREATE TABLE IF NOT EXISTS articles (
    article TEXT PRIMARY KEY,       -- SHA-256 of the normalized text
    relevant INTEGER NOT NULL,      -- 1: the article reports a bloc conference
    title TEXT,
    published TEXT,
    published_year INTEGER,
    author TEXT,
    province TEXT REFERENCES provinces (name) DEFERRABLE INITIALLY DEFERRED,
    province_successor TEXT,
    province_from TEXT,             -- 'url' when read off the site address
    province_mention TEXT,
    province_start INTEGER,
    province_end INTEGER,
    event_kind TEXT NOT NULL,
    event_date TEXT,
    event_year INTEGER,
    part_of_day TEXT,
    venue TEXT,
    event_mention TEXT,
    event_start INTEGER,
    event_end INTEGER,
    review_year INTEGER,
    plan_year INTEGER,
    year INTEGER,                   -- review year, else plan year, else event's, else publication's
    members_stated INTEGER,
    members_listed INTEGER NOT NULL,
    schema_version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_province_year ON articles (province, year);
CREATE INDEX IF NOT EXISTS articles_year ON articles (year);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY,        -- the URL, else the input as given
    article TEXT NOT NULL REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    input TEXT NOT NULL,
    url TEXT,
    sha256 TEXT,
    format TEXT,
    fetched_at TEXT,
    encoding TEXT,
    final_url TEXT,                 -- after redirects (fetched pages, WARC records)
    status INTEGER,                 -- HTTP status (fetched pages, WARC records)
    content_type TEXT
);
CREATE INDEX IF NOT EXISTS sources_article ON sources (article);
CREATE TABLE IF NOT EXISTS failed_inputs (
    source TEXT PRIMARY KEY,        -- the URL, else the input as given
    input TEXT NOT NULL,
    url TEXT,
    status INTEGER,                 -- HTTP status, when a fetch failed with one
    error TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blocs (
    article TEXT PRIMARY KEY REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    bloc TEXT NOT NULL,             -- the same bloc across articles: province/name, folded
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    province TEXT,
    mention TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS blocs_bloc ON blocs (bloc);
CREATE TABLE IF NOT EXISTS members (
    article TEXT NOT NULL REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    added INTEGER NOT NULL,         -- 1: said to join from a later year
    position INTEGER NOT NULL,
    unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
    unit_name TEXT NOT NULL,
    unit_province TEXT,
    mention TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article, added, position)
);
CREATE INDEX IF NOT EXISTS members_unit ON members (unit_id);
CREATE TABLE IF NOT EXISTS people (
    article TEXT NOT NULL REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    person INTEGER NOT NULL,        -- position in the article's list
    name TEXT NOT NULL,
    mention TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article, person)
);
CREATE INDEX IF NOT EXISTS people_name ON people (name);
CREATE TABLE IF NOT EXISTS person_titles (
    article TEXT NOT NULL,
    person INTEGER NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (article, person, position),
    FOREIGN KEY (article, person) REFERENCES people (article, person) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE IF NOT EXISTS person_roles (
    article TEXT NOT NULL,
    person INTEGER NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (article, person, role),
    FOREIGN KEY (article, person) REFERENCES people (article, person) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE IF NOT EXISTS officers (
    article TEXT NOT NULL REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    term TEXT NOT NULL CHECK (term IN ('current', 'next')),
    post TEXT NOT NULL CHECK (post IN ('head', 'deputy')),
    year INTEGER,
    unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
    unit_name TEXT NOT NULL,
    unit_province TEXT,
    mention TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article, term, post)
);
CREATE INDEX IF NOT EXISTS officers_year ON officers (year);
CREATE TABLE IF NOT EXISTS awards (
    article TEXT NOT NULL REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    award TEXT NOT NULL,
    kind TEXT NOT NULL,
    level TEXT,
    status TEXT NOT NULL,
    recipient_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
    recipient_name TEXT NOT NULL,
    recipient_province TEXT,
    recipient_mention TEXT NOT NULL,
    recipient_start INTEGER NOT NULL,
    recipient_end INTEGER NOT NULL,
    mention TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article, position)
);
CREATE INDEX IF NOT EXISTS awards_recipient ON awards (recipient_id);
CREATE TABLE IF NOT EXISTS documents (
    article TEXT NOT NULL REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    number TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT,
    year INTEGER,
    issuer TEXT,
    mention TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article, position)
);
CREATE INDEX IF NOT EXISTS documents_number ON documents (number);
CREATE TABLE IF NOT EXISTS campaigns (
    article TEXT NOT NULL REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    mention TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article, position)
);
CREATE TABLE IF NOT EXISTS warnings (
    article TEXT NOT NULL REFERENCES articles (article) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (article, position)
);
CREATE INDEX IF NOT EXISTS warnings_code ON warnings (code);
"#;

/// The views, made again at every build (so that a database of an earlier build gets the
/// views of this one).
const VIEWS_SQL: &str = r#"
DROP VIEW IF EXISTS awards_by_province_year;
DROP VIEW IF EXISTS bloc_heads_by_year;
DROP VIEW IF EXISTS members_per_bloc;

-- Awards by province (the recipient's, else the article's) and year.
CREATE VIEW awards_by_province_year AS
SELECT COALESCE(w.recipient_province, a.province) AS province,
       p.successor AS successor,
       a.year AS year,
       COUNT(*) AS awards,
       SUM(w.status = 'proposed') AS proposed,
       SUM(w.status = 'conferred') AS conferred,
       COUNT(DISTINCT w.article) AS articles
FROM awards w
JOIN articles a ON a.article = w.article
LEFT JOIN provinces p ON p.name = COALESCE(w.recipient_province, a.province)
GROUP BY 1, 2, 3;

-- The head and deputy of each bloc by year; articles that disagree give a row each.
CREATE VIEW bloc_heads_by_year AS
WITH terms AS (
    SELECT article, term, year,
           MAX(CASE WHEN post = 'head' THEN unit_id END) AS head_id,
           MAX(CASE WHEN post = 'head' THEN unit_name END) AS head,
           MAX(CASE WHEN post = 'head' THEN unit_province END) AS head_province,
           MAX(CASE WHEN post = 'deputy' THEN unit_id END) AS deputy_id,
           MAX(CASE WHEN post = 'deputy' THEN unit_name END) AS deputy,
           MAX(CASE WHEN post = 'deputy' THEN unit_province END) AS deputy_province
    FROM officers
    WHERE year IS NOT NULL
    GROUP BY article, term
)
SELECT b.bloc, MIN(b.name) AS bloc_name, MIN(b.province) AS province, t.year,
       t.head_id, t.head, t.head_province, t.deputy_id, t.deputy, t.deputy_province,
       COUNT(DISTINCT t.article) AS articles
FROM terms t
JOIN blocs b ON b.article = t.article
GROUP BY b.bloc, t.year, t.head, t.head_province, t.deputy, t.deputy_province;

-- The member units of each bloc (a unit of another province, in a cluster of provinces,
-- apart), with the years of the articles that list them.
CREATE VIEW members_per_bloc AS
SELECT b.bloc, MIN(b.name) AS bloc_name, MIN(b.province) AS province,
       m.unit_id, m.unit_name, m.unit_province,
       MIN(a.year) AS first_year, MAX(a.year) AS last_year,
       COUNT(DISTINCT m.article) AS articles
FROM members m
JOIN blocs b ON b.article = m.article
JOIN articles a ON a.article = m.article
-- A gazetteer unit's name is its canonical one; units of one kind in several districts
-- share an id and differ by name ("Viện Kiểm sát nhân dân huyện Yên Định").
GROUP BY b.bloc, m.unit_id, m.unit_name, m.unit_province;
"#;

/// What a build read and wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Records read (lines that are records).
    pub records: usize,
    /// Records whose article an earlier record of the same build already gave (the same
    /// normalized text from another source).
    pub merged: usize,
    /// Error lines read: inputs that `thidua extract` could not read, kept in `failed_inputs`.
    pub failed_inputs: usize,
    /// Lines (or files) that could not be read as a record or an error line, with the
    /// place: `FILE:LINE: message`. They are skipped.
    pub problems: Vec<String>,
    /// Articles in the dataset after the build.
    pub articles: usize,
    /// Sources in the dataset after the build.
    pub sources: usize,
    /// Articles removed because none of their sources is left (a source now gives another
    /// text).
    pub removed: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} records ({} merged with an article of the same text), {} failed inputs, {} unreadable lines; the dataset has {} articles from {} sources",
            self.records,
            self.merged,
            self.failed_inputs,
            self.problems.len(),
            self.articles,
            self.sources
        )?;
        if self.removed > 0 {
            write!(f, " ({} articles without sources removed)", self.removed)?;
        }
        Ok(())
    }
}

/// Why a dataset could not be built.
#[derive(Debug)]
pub enum Error {
    /// Neither SQLite nor CSV output was asked for.
    NoOutput,
    Sqlite(PathBuf, rusqlite::Error),
    /// The database was made by a different version of the tables.
    SchemaVersion(PathBuf, i32),
    Csv(PathBuf, String),
    Patterns(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoOutput => write!(f, "nothing to write: give --sqlite FILE or --csv DIR"),
            Error::Sqlite(path, e) => write!(f, "{}: {e}", path.display()),
            Error::SchemaVersion(path, v) => write!(
                f,
                "{}: made by another version of the dataset tables ({v}, this is {SCHEMA_VERSION}); write a new file",
                path.display()
            ),
            Error::Csv(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Patterns(e) => write!(f, "built-in patterns: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Build (or update) the dataset from JSON Lines files of records (`-` is standard input):
/// into the SQLite file `sqlite`, and as one CSV file a table into the directory `csv`.
/// With CSV only, the tables are built in memory and hold just these records.
pub fn build(
    inputs: &[PathBuf],
    sqlite: Option<&Path>,
    csv: Option<&Path>,
) -> Result<Summary, Error> {
    if sqlite.is_none() && csv.is_none() {
        return Err(Error::NoOutput);
    }
    let db_path = sqlite.map_or_else(|| PathBuf::from(":memory:"), Path::to_path_buf);
    let sql = |e| Error::Sqlite(db_path.clone(), e);
    let mut conn = match sqlite {
        Some(p) => Connection::open(p),
        None => Connection::open_in_memory(),
    }
    .map_err(sql)?;
    open(&conn, &db_path)?;
    let mut summary = Summary::default();
    {
        let patterns = Patterns::builtin().map_err(|e| Error::Patterns(e.to_string()))?;
        let tx = conn.transaction().map_err(sql)?;
        gazetteers(&tx, &patterns).map_err(sql)?;
        let mut writer = Writer {
            tx: &tx,
            seen: HashSet::new(),
            summary: &mut summary,
        };
        for input in inputs {
            writer.read(input).map_err(sql)?;
        }
        summary.removed = remove_orphans(&tx).map_err(sql)?;
        tx.commit().map_err(sql)?;
    }
    summary.articles = count(&conn, "articles").map_err(sql)?;
    summary.sources = count(&conn, "sources").map_err(sql)?;
    if let Some(dir) = csv {
        write_csv(&conn, dir)?;
    }
    Ok(summary)
}

/// Check the version of an existing database and create what is missing.
fn open(conn: &Connection, path: &Path) -> Result<(), Error> {
    let sql = |e| Error::Sqlite(path.to_path_buf(), e);
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql)?;
    let tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .map_err(sql)?;
    if tables > 0 && version != SCHEMA_VERSION {
        return Err(Error::SchemaVersion(path.to_path_buf(), version));
    }
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .map_err(sql)?;
    conn.execute_batch(SCHEMA).map_err(sql)?;
    conn.execute_batch(VIEWS_SQL).map_err(sql)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
        .map_err(sql)?;
    Ok(())
}

/// The provinces (with their 2025 successor) and units of the built-in gazetteers.
fn gazetteers(tx: &Transaction, patterns: &Patterns) -> rusqlite::Result<()> {
    let mut province = tx.prepare_cached(
        "INSERT INTO provinces (name, successor) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET successor = excluded.successor",
    )?;
    for line in patterns.lines("provinces.tsv") {
        province.execute(params![
            crate::normalize::text(line.field(0)),
            crate::normalize::text(line.field(1))
        ])?;
    }
    let mut unit = tx.prepare_cached(
        "INSERT INTO units (id, name) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name",
    )?;
    for line in patterns.lines("units.tsv") {
        unit.execute(params![
            line.field(0),
            crate::normalize::text(line.field(1))
        ])?;
    }
    Ok(())
}

struct Writer<'a> {
    tx: &'a Transaction<'a>,
    /// Articles written by this build.
    seen: HashSet<String>,
    summary: &'a mut Summary,
}

impl Writer<'_> {
    /// Read one JSON Lines file (or a file of pretty-printed records).
    fn read(&mut self, input: &Path) -> rusqlite::Result<()> {
        let name = input.display().to_string();
        let reader: Box<dyn Read> = if input.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(input) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    self.summary.problems.push(format!("{name}: {e}"));
                    return Ok(());
                }
            }
        };
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    self.summary
                        .problems
                        .push(format!("{name}:{}: {e}", number + 1));
                    break;
                }
            }
            number += 1;
            let trimmed = line.trim_ascii();
            if trimmed.is_empty() {
                continue;
            }
            if trimmed == b"{" {
                // Pretty-printed records (`thidua extract` of a single input): the rest of
                // the file is a stream of JSON values.
                let mut rest = line.clone();
                if let Err(e) = reader.read_to_end(&mut rest) {
                    self.summary.problems.push(format!("{name}:{number}: {e}"));
                }
                return self.read_stream(&name, number, &rest);
            }
            match serde_json::from_slice::<serde_json::Value>(trimmed) {
                Ok(value) => self.value(value, &name, number)?,
                Err(e) => self
                    .summary
                    .problems
                    .push(format!("{name}:{number}: not JSON: {e}")),
            }
        }
        Ok(())
    }

    fn read_stream(&mut self, name: &str, first_line: usize, bytes: &[u8]) -> rusqlite::Result<()> {
        let mut stream =
            serde_json::Deserializer::from_slice(bytes).into_iter::<serde_json::Value>();
        loop {
            let at = first_line
                + bytes[..stream.byte_offset()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
            match stream.next() {
                None => return Ok(()),
                Some(Ok(value)) => self.value(value, name, at)?,
                Some(Err(e)) => {
                    self.summary.problems.push(format!(
                        "{name}:{}: not JSON: {e}",
                        first_line + e.line().saturating_sub(1)
                    ));
                    return Ok(());
                }
            }
        }
    }

    /// One JSON value: a record or an error line.
    fn value(&mut self, value: serde_json::Value, name: &str, line: usize) -> rusqlite::Result<()> {
        let fetch = Fetch::of(&value);
        if value.get("error").is_some() {
            match serde_json::from_value::<ErrorLine>(value) {
                Ok(e) => {
                    self.summary.failed_inputs += 1;
                    self.failed(&e, &fetch)?;
                }
                Err(e) => self
                    .summary
                    .problems
                    .push(format!("{name}:{line}: not an error line: {e}")),
            }
            return Ok(());
        }
        match serde_json::from_value::<Record>(value) {
            Ok(record) => {
                self.summary.records += 1;
                self.record(&record, &fetch)
            }
            Err(e) => {
                self.summary
                    .problems
                    .push(format!("{name}:{line}: not a record: {e}"));
                Ok(())
            }
        }
    }

    fn failed(&mut self, e: &ErrorLine, fetch: &Fetch) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO failed_inputs (source, input, url, status, error)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (source) DO UPDATE SET input = excluded.input, url = excluded.url,
                     status = excluded.status, error = excluded.error",
            )?
            .execute(params![
                source_key(&e.source),
                e.source.input,
                e.source.url,
                fetch.status,
                e.error
            ])?;
        Ok(())
    }

    /// Write one record: its article's rows replace any earlier ones, its source points to it.
    fn record(&mut self, r: &Record, fetch: &Fetch) -> rusqlite::Result<()> {
        let article = article_key(r);
        if !self.seen.insert(article.clone()) {
            self.summary.merged += 1;
        }
        let tx = self.tx;
        for table in ARTICLE_TABLES {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE article = ?1"))?
                .execute([&article])?;
        }
        tx.prepare_cached("DELETE FROM articles WHERE article = ?1")?
            .execute([&article])?;

        let province = r.province.as_ref();
        if let Some(p) = province {
            // A province the gazetteer does not know (from patterns of the user's own).
            tx.prepare_cached(
                "INSERT INTO provinces (name, successor) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?
            .execute(params![p.name, p.successor])?;
        }
        let event = &r.event;
        let event_year = event.date.as_deref().and_then(year_of);
        let published_year = r.published.as_deref().and_then(year_of);
        let year = r
            .review_year
            .or(r.plan_year)
            .or(event_year)
            .or(published_year);
        tx.prepare_cached(
            "INSERT INTO articles (article, relevant, title, published, published_year, author,
                 province, province_successor, province_from, province_mention, province_start,
                 province_end, event_kind, event_date, event_year, part_of_day, venue,
                 event_mention, event_start, event_end, review_year, plan_year, year,
                 members_stated, members_listed, schema_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
        )?
        .execute(params![
            article,
            r.relevant,
            r.title,
            r.published,
            published_year,
            r.author,
            province.map(|p| &p.name),
            province.map(|p| &p.successor),
            province.and_then(|p| p.from.as_ref()),
            province.and_then(|p| p.mention.as_ref()),
            province.and_then(|p| p.span).map(|s| s[0] as i64),
            province.and_then(|p| p.span).map(|s| s[1] as i64),
            enum_name(&event.kind),
            event.date,
            event_year,
            event.part_of_day.as_ref().map(enum_name),
            event.venue,
            event.mention,
            event.span.map(|s| s[0] as i64),
            event.span.map(|s| s[1] as i64),
            r.review_year,
            r.plan_year,
            year,
            r.members.count_stated,
            (r.members.units.len() + r.members.added.len()) as i64,
            r.schema_version,
        ])?;

        let source = &r.source;
        tx.prepare_cached(
            "INSERT INTO sources (source, article, input, url, sha256, format, fetched_at, encoding,
                 final_url, status, content_type)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (source) DO UPDATE SET article = excluded.article,
                 input = excluded.input, url = excluded.url, sha256 = excluded.sha256,
                 format = excluded.format, fetched_at = excluded.fetched_at,
                 encoding = excluded.encoding, final_url = excluded.final_url,
                 status = excluded.status, content_type = excluded.content_type",
        )?
        .execute(params![
            source_key(source),
            article,
            source.input,
            source.url,
            source.sha256,
            source.format.as_ref().map(enum_name),
            source.fetched_at,
            source.encoding,
            fetch.final_url,
            fetch.status,
            fetch.content_type,
        ])?;
        tx.prepare_cached("DELETE FROM failed_inputs WHERE source = ?1")?
            .execute([source_key(source)])?;

        if let Some(b) = &r.bloc {
            tx.prepare_cached(
                "INSERT INTO blocs (article, bloc, name, sector, province, mention, span_start,
                     span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                article,
                bloc_key(&b.name, province.map(|p| p.name.as_str())),
                b.name,
                enum_name(&b.sector),
                province.map(|p| &p.name),
                b.mention,
                b.span[0] as i64,
                b.span[1] as i64,
            ])?;
        }

        for (added, units) in [(false, &r.members.units), (true, &r.members.added)] {
            for (i, u) in units.iter().enumerate() {
                self.unit(u)?;
                tx.prepare_cached(
                    "INSERT INTO members (article, added, position, unit_id, unit_name,
                         unit_province, mention, span_start, span_end)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(params![
                    article,
                    added,
                    i as i64,
                    u.id,
                    u.name,
                    u.province,
                    u.mention,
                    u.span[0] as i64,
                    u.span[1] as i64,
                ])?;
            }
        }

        for (i, p) in r.people.iter().enumerate() {
            self.person(&article, i, p)?;
        }

        for (term, t) in [("current", &r.officers.current), ("next", &r.officers.next)] {
            let Some(t) = t else { continue };
            for (post, unit) in [("head", &t.head), ("deputy", &t.deputy)] {
                let Some(u) = unit else { continue };
                self.unit(u)?;
                tx.prepare_cached(
                    "INSERT INTO officers (article, term, post, year, unit_id, unit_name,
                         unit_province, mention, span_start, span_end)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?
                .execute(params![
                    article,
                    term,
                    post,
                    t.year,
                    u.id,
                    u.name,
                    u.province,
                    u.mention,
                    u.span[0] as i64,
                    u.span[1] as i64,
                ])?;
            }
        }

        for (i, a) in r.awards.iter().enumerate() {
            let u = &a.recipient;
            self.unit(u)?;
            tx.prepare_cached(
                "INSERT INTO awards (article, position, award, kind, level, status, recipient_id,
                     recipient_name, recipient_province, recipient_mention, recipient_start,
                     recipient_end, mention, span_start, span_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                article,
                i as i64,
                a.award,
                enum_name(&a.kind),
                a.level.as_ref().map(enum_name),
                enum_name(&a.status),
                u.id,
                u.name,
                u.province,
                u.mention,
                u.span[0] as i64,
                u.span[1] as i64,
                a.mention,
                a.span[0] as i64,
                a.span[1] as i64,
            ])?;
        }

        for (i, d) in r.documents.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO documents (article, position, number, kind, date, year, issuer,
                     mention, span_start, span_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                article,
                i as i64,
                d.number,
                d.kind,
                d.date,
                d.date.as_deref().and_then(year_of),
                d.issuer,
                d.mention,
                d.span[0] as i64,
                d.span[1] as i64,
            ])?;
        }

        for (i, c) in r.campaigns.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO campaigns (article, position, name, mention, span_start, span_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                article,
                i as i64,
                c.name,
                c.mention,
                c.span[0] as i64,
                c.span[1] as i64,
            ])?;
        }

        for (i, w) in r.warnings.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO warnings (article, position, code, message) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![article, i as i64, w.code, w.message])?;
        }
        Ok(())
    }

    fn person(&self, article: &str, i: usize, p: &Person) -> rusqlite::Result<()> {
        let tx = self.tx;
        tx.prepare_cached(
            "INSERT INTO people (article, person, name, mention, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            article,
            i as i64,
            p.name,
            p.mention,
            p.span[0] as i64,
            p.span[1] as i64,
        ])?;
        for (j, title) in p.titles.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO person_titles (article, person, position, title)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![article, i as i64, j as i64, title])?;
        }
        for role in &p.roles {
            tx.prepare_cached(
                "INSERT INTO person_roles (article, person, role) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![article, i as i64, enum_name(role)])?;
        }
        Ok(())
    }

    /// A unit the gazetteer does not hold (from patterns of the user's own) joins `units`.
    fn unit(&self, u: &Unit) -> rusqlite::Result<()> {
        if let Some(id) = &u.id {
            self.tx
                .prepare_cached(
                    "INSERT INTO units (id, name) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                )?
                .execute(params![id, u.name])?;
        }
        Ok(())
    }
}

/// What a fetched page's source adds (read from the JSON, so that records written before
/// and after those fields existed read alike).
#[derive(Default)]
struct Fetch {
    final_url: Option<String>,
    status: Option<i64>,
    content_type: Option<String>,
}

impl Fetch {
    fn of(line: &serde_json::Value) -> Fetch {
        let source = &line["source"];
        let text = |key: &str| source[key].as_str().map(str::to_string);
        Fetch {
            final_url: text("final_url"),
            status: source["status"].as_i64(),
            content_type: text("content_type"),
        }
    }
}

/// Remove the articles no source points to any more, with their rows.
fn remove_orphans(tx: &Transaction) -> rusqlite::Result<usize> {
    for table in ARTICLE_TABLES {
        tx.execute(
            &format!("DELETE FROM {table} WHERE article NOT IN (SELECT article FROM sources)"),
            [],
        )?;
    }
    tx.execute(
        "DELETE FROM articles WHERE article NOT IN (SELECT article FROM sources)",
        [],
    )
}

fn count(conn: &Connection, table: &str) -> rusqlite::Result<usize> {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n as usize)
}

/// Write every table as `DIR/<table>.csv`, with a header row.
pub fn write_csv(conn: &Connection, dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Csv(dir.to_path_buf(), e.to_string()))?;
    for (table, order) in TABLES {
        let path = dir.join(format!("{table}.csv"));
        let csv_err = |e: &dyn fmt::Display| Error::Csv(path.clone(), e.to_string());
        let sql_err = |e| Error::Sqlite(path.clone(), e);
        let mut out = csv::Writer::from_path(&path).map_err(|e| csv_err(&e))?;
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .map_err(sql_err)?;
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        out.write_record(&columns).map_err(|e| csv_err(&e))?;
        let mut rows = stmt.query([]).map_err(sql_err)?;
        let mut fields: Vec<String> = Vec::with_capacity(columns.len());
        while let Some(row) = rows.next().map_err(sql_err)? {
            fields.clear();
            for i in 0..columns.len() {
                fields.push(match row.get_ref(i).map_err(sql_err)? {
                    ValueRef::Null => String::new(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                });
            }
            out.write_record(&fields).map_err(|e| csv_err(&e))?;
        }
        out.flush().map_err(|e| csv_err(&e))?;
    }
    Ok(())
}

/// The key of a record's article: the hash of its normalized text (else of its bytes).
fn article_key(r: &Record) -> String {
    r.source
        .text_sha256
        .clone()
        .or_else(|| r.source.sha256.clone())
        .unwrap_or_else(|| format!("source:{}", source_key(&r.source)))
}

/// The key of a source: the URL where the article was published, else the input as given.
fn source_key(s: &Source) -> String {
    s.url.clone().unwrap_or_else(|| s.input.clone())
}

/// The year of a `YYYY-MM-DD...` date.
fn year_of(date: &str) -> Option<i32> {
    let y = date.get(..4)?;
    if y.bytes().all(|b| b.is_ascii_digit()) {
        y.parse().ok()
    } else {
        None
    }
}

/// The name an enum value has in the records (`"year_end_review"`).
fn enum_name(v: &impl Serialize) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The key of a bloc across articles: its province and name, lowercased without marks, words
/// joined by `-`, a trailing "tỉnh <province>" dropped:
/// `bac-kan/khoi-thi-dua-van-hoa-xa-hoi`.
pub fn bloc_key(name: &str, province: Option<&str>) -> String {
    let mut name = fold(name);
    let province = province.map(fold);
    if let Some(p) = &province {
        for suffix in [
            format!("-tinh-{p}"),
            format!("-thanh-pho-{p}"),
            format!("-{p}"),
        ] {
            if let Some(stripped) = name.strip_suffix(suffix.as_str()) {
                name = stripped.to_string();
                break;
            }
        }
    }
    if let Some(stripped) = name.strip_suffix("-tinh") {
        name = stripped.to_string();
    }
    match province {
        Some(p) => format!("{p}/{name}"),
        None => name,
    }
}

/// Lowercase ASCII words joined by `-`: marks removed, "đ" as "d".
fn fold(text: &str) -> String {
    crate::normalize::without_marks(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bloc_keys_fold_marks_and_drop_the_province_suffix() {
        assert_eq!(
            bloc_key("Khối thi đua Văn hóa- Xã hội", Some("Bắc Ninh")),
            "bac-ninh/khoi-thi-dua-van-hoa-xa-hoi"
        );
        assert_eq!(
            bloc_key(
                "Khối thi đua các cơ quan Nội chính tỉnh Lào Cai",
                Some("Lào Cai")
            ),
            "lao-cai/khoi-thi-dua-cac-co-quan-noi-chinh"
        );
        assert_eq!(bloc_key("Cụm thi đua số 3", None), "cum-thi-dua-so-3");
    }

    #[test]
    fn years_of_dates() {
        assert_eq!(year_of("2023-12-05"), Some(2023));
        assert_eq!(year_of("2024-01-10T08:00+07:00"), Some(2024));
        assert_eq!(year_of("5/12"), None);
    }

    #[test]
    fn an_empty_build_has_every_table_and_view() {
        let dir = std::env::temp_dir().join(format!("thidua-dataset-unit-{}", std::process::id()));
        let summary = build(&[], None, Some(&dir)).unwrap();
        assert_eq!(summary.articles, 0);
        for (table, _) in TABLES {
            let text = std::fs::read_to_string(dir.join(format!("{table}.csv"))).unwrap();
            assert!(text.lines().count() >= 1, "{table} has a header");
        }
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(build(&[], None, None), Err(Error::NoOutput)));
    }
}
