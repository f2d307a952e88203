//! The whole pipeline for one input: bytes → decode → html → normalize → article →
//! extract → record. Compiled once, then run on any number of inputs.

use sha2::{Digest, Sha256};

use crate::article::{Hints, Layout};
use crate::extract::{Context, Extractor};
use crate::normalize::PrintedQuotes;
use crate::patterns::{PatternError, Patterns};
use crate::record::{ErrorLine, Format, Record, Source, Warning, SCHEMA_VERSION};
use crate::source::{self, Input};

/// Options that change what a record holds.
#[derive(Debug, Clone)]
pub struct Options {
    /// Add the normalized text to each record.
    pub with_text: bool,
    /// The largest input read, in bytes.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            with_text: false,
            max_bytes: source::DEFAULT_MAX_BYTES,
        }
    }
}

#[derive(Clone)]
pub struct Pipeline {
    layout: Layout,
    extractor: Extractor,
    pub options: Options,
}

impl Pipeline {
    /// Compile every rule of `patterns`.
    pub fn new(patterns: &Patterns, options: Options) -> Result<Pipeline, PatternError> {
        Ok(Pipeline {
            layout: Layout::new(patterns)?,
            extractor: Extractor::new(patterns)?,
            options,
        })
    }

    /// The compiled article layout rules (the `article` stage alone, for the benchmark).
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The compiled field extractors (the `extract` stage alone, for the benchmark).
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// The pipeline with the built-in patterns and default options.
    pub fn builtin() -> Result<Pipeline, PatternError> {
        Pipeline::new(&Patterns::builtin()?, Options::default())
    }

    /// Read and extract one input; an input that cannot be read gives an error line.
    pub fn run(&self, input: &Input, url: Option<&str>) -> Result<Record, Box<ErrorLine>> {
        let bytes = self.read(input, url)?;
        Ok(self.extract(&input.name(), &bytes, url, None))
    }

    /// Read one input's bytes (at most `options.max_bytes`); an input that cannot be read
    /// gives its error line.
    pub fn read(&self, input: &Input, url: Option<&str>) -> Result<Vec<u8>, Box<ErrorLine>> {
        source::read(input, self.options.max_bytes).map_err(|e| {
            Box::new(ErrorLine {
                source: Source {
                    input: input.name(),
                    url: url.map(str::to_string),
                    ..Source::default()
                },
                error: format!("{}: {e}", input.name()),
            })
        })
    }

    /// Extract the record of an article's raw bytes. `charset` is one declared outside the
    /// bytes (an HTTP header).
    pub fn extract(
        &self,
        name: &str,
        bytes: &[u8],
        url: Option<&str>,
        charset: Option<&str>,
    ) -> Record {
        self.finish(self.prepare(name, bytes, url, charset))
    }

    /// The stages before the field extractors: decode, html, normalize and the article
    /// layout, with the record's source, title, date and author filled in.
    pub fn prepare(
        &self,
        name: &str,
        bytes: &[u8],
        url: Option<&str>,
        charset: Option<&str>,
    ) -> Prepared {
        let decoded = crate::decode::decode(bytes, charset);
        let mut warnings: Vec<Warning> = decoded.warnings;
        let (format, raw_text, hints) = if crate::html::looks_like_html(&decoded.text) {
            let page = crate::html::parse(&decoded.text);
            let hints = Hints {
                title: page.title,
                published: page.published,
                author: page.author,
            };
            (Format::Html, page.blocks.join("\n"), hints)
        } else {
            (Format::Text, decoded.text, Hints::default())
        };
        let normalized = crate::normalize::normalize(&raw_text);
        let quotes = PrintedQuotes::of(&normalized);
        let article = self.layout.article(&normalized.text, hints);
        let record = Record {
            schema_version: SCHEMA_VERSION,
            source: Source {
                input: name.to_string(),
                url: url.map(str::to_string),
                sha256: Some(hex(&Sha256::digest(bytes))),
                text_sha256: Some(hex(&Sha256::digest(article.text.as_bytes()))),
                format: Some(format),
                fetched_at: None,
                encoding: Some(decoded.encoding),
                ..Source::default()
            },
            title: article.title.clone(),
            published: article.published.clone(),
            author: article.author.clone(),
            ..Record::default()
        };
        if article.text.is_empty() {
            warnings.push(Warning::new(
                "no_text",
                "no article text was found in the input",
            ));
        }
        Prepared {
            record,
            text: article.text,
            warnings,
            quotes,
        }
    }

    /// The field extractors over a prepared article: its record.
    pub fn finish(&self, prepared: Prepared) -> Record {
        let Prepared {
            mut record,
            text,
            mut warnings,
            quotes,
        } = prepared;
        // What the extractors read of the page besides its text.
        let (url, published, title) = (
            record.source.url.clone(),
            record.published.clone(),
            record.title.clone(),
        );
        let context = Context {
            url: url.as_deref(),
            published: published.as_deref(),
            title: title.as_deref(),
        };
        self.extractor.extract(&text, &context, &mut record);
        if let Some(quotes) = &quotes {
            print_quotes(&mut record, quotes);
        }
        warnings.append(&mut record.warnings);
        record.warnings = warnings;
        if self.options.with_text {
            record.text = Some(text);
        }
        record
    }
}

/// The headline and the names read out of the text with the quotes the input printed: a
/// headline “Vì An ninh Tổ quốc”, a district "Ea H’leo" (the gazetteer's names have none).
fn print_quotes(record: &mut Record, quotes: &PrintedQuotes) {
    let restore = |s: &mut String, within: &str| {
        if let Some(printed) = quotes.restore(s, within) {
            *s = printed;
        }
    };
    if let Some(title) = record.title.as_mut() {
        let within = title.clone();
        restore(title, &within);
    }
    if let Some(venue) = record.event.venue.as_mut() {
        let within = venue.clone();
        restore(venue, &within);
    }
    let terms = [&mut record.officers.current, &mut record.officers.next];
    let officers = terms
        .into_iter()
        .flatten()
        .flat_map(|t| [t.head.as_mut(), t.deputy.as_mut()])
        .flatten();
    let units = record
        .members
        .units
        .iter_mut()
        .chain(record.members.added.iter_mut())
        .chain(officers)
        .chain(record.awards.iter_mut().map(|a| &mut a.recipient));
    for unit in units {
        restore(&mut unit.name, &unit.mention);
    }
    for person in &mut record.people {
        restore(&mut person.name, &person.mention);
    }
    for campaign in &mut record.campaigns {
        restore(&mut campaign.name, &campaign.mention);
    }
}

/// An article through the stages before the field extractors (`Pipeline::prepare`).
pub struct Prepared {
    record: Record,
    text: String,
    warnings: Vec<Warning>,
    quotes: Option<PrintedQuotes>,
}

impl Prepared {
    /// Where the article comes from, as its record will say.
    pub fn source_mut(&mut self) -> &mut Source {
        &mut self.record.source
    }
}

/// SHA-256 of `bytes`, hex, as in a record's `source.sha256`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}
