//! `thidua crawl`: from start pages (a site's home or its "thi đua - khen thưởng"
//! category) to every bloc conference article of the site.
//!
//! The crawl stays on the start hosts. It reads the sitemaps robots.txt names (or
//! `/sitemap.xml`) and the RSS/Atom feeds the start and listing pages link to, follows
//! listing pages (the category, "Xem thêm", page 2, 3 ...), and fetches the links whose
//! anchor text or address looks like a bloc conference article — the cue words are
//! `patterns/crawl.tsv`. Each article is extracted; a record the extractor finds relevant
//! is written, any other is dropped. No URL is fetched twice in a run.
//!
//! The frontier is a log on disk (`frontier.jsonl` in the state directory: one line per
//! URL queued, one per URL done), so an interrupted crawl resumes where it stopped.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use regex::{Regex, RegexBuilder};
use scraper::{Html, Selector};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;

use crate::batch::{Network, Output, Summary};
use crate::fetch::{self, ErrorKind, FetchError, Fetcher, Page};
use crate::normalize::{pattern_without_marks, without_marks};
use crate::patterns::{PatternError, Patterns};
use crate::Pipeline;

/// What to crawl and how far.
#[derive(Debug, Clone)]
pub struct Config {
    pub start: Vec<String>,
    /// The most pages fetched in this run (robots.txt not counted).
    pub max_pages: usize,
    /// The most links followed from a start page.
    pub max_depth: u32,
    /// Where the frontier is kept.
    pub state_dir: PathBuf,
    /// Go on from the frontier in `state_dir` instead of starting afresh.
    pub resume: bool,
    /// Show progress on stderr.
    pub progress: bool,
    /// The URLs whose records an earlier run already wrote (when resuming into the same
    /// output): not written again.
    pub written: HashSet<String>,
}

pub const DEFAULT_MAX_PAGES: usize = 1000;
pub const DEFAULT_MAX_DEPTH: u32 = 20;

/// The default state directory of a crawl: by its start URLs, under the user's cache.
pub fn default_state_dir(start: &[String]) -> Option<PathBuf> {
    let mut urls = start.to_vec();
    urls.sort();
    let key: String = Sha256::digest(urls.join("\n").as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    dirs::cache_dir().map(|d| d.join("thidua").join("crawl").join(key))
}

// ---------------------------------------------------------------------------------------
// Link cues

/// The cues of `patterns/crawl.tsv`, compiled.
pub struct Cues {
    article: Vec<Regex>,
    listing: Vec<Regex>,
    listing_url: Vec<Regex>,
    skip: Vec<Regex>,
}

/// What a link is to the crawl.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Article,
    Listing,
    Ignore,
}

impl Cues {
    pub fn new(patterns: &Patterns) -> Result<Cues, PatternError> {
        let mut cues = Cues {
            article: Vec::new(),
            listing: Vec::new(),
            listing_url: Vec::new(),
            skip: Vec::new(),
        };
        for line in patterns.lines("crawl.tsv") {
            let (source, list) = match line.field(0) {
                "article" => (pattern_without_marks(line.field(1)), &mut cues.article),
                "listing" => (pattern_without_marks(line.field(1)), &mut cues.listing),
                "listing_url" => (pattern_without_marks(line.field(1)), &mut cues.listing_url),
                "skip" => (line.field(1).to_string(), &mut cues.skip),
                other => {
                    return Err(line.error(format!(
                        "unknown kind {other:?} (article, listing, listing_url, skip)"
                    )))
                }
            };
            let re = RegexBuilder::new(&crate::patterns::dialect(&source))
                .case_insensitive(true)
                .build()
                .map_err(|e| line.error(format!("bad regular expression: {e}")))?;
            list.push(re);
        }
        Ok(cues)
    }

    /// Whether an address is never fetched.
    pub fn skipped(&self, url: &str) -> bool {
        let url = url.to_lowercase();
        self.skip.iter().any(|r| r.is_match(&url))
    }

    /// What a link with anchor `text` to `url` is.
    pub fn classify(&self, url: &Url, text: &str) -> LinkKind {
        if self.skipped(url.as_str()) {
            return LinkKind::Ignore;
        }
        let text = without_marks(text);
        let address = fold_address(url);
        if self
            .article
            .iter()
            .any(|r| r.is_match(&text) || r.is_match(&address))
        {
            LinkKind::Article
        } else if self.listing.iter().any(|r| r.is_match(&text))
            || self.listing_url.iter().any(|r| r.is_match(&address))
        {
            LinkKind::Listing
        } else {
            LinkKind::Ignore
        }
    }
}

/// The path and query of an address, percent-decoded and folded, separators as spaces.
fn fold_address(url: &Url) -> String {
    let mut s = url.path().to_string();
    if let Some(q) = url.query() {
        s.push('?');
        s.push_str(q);
    }
    let decoded = percent_encoding::percent_decode_str(&s).decode_utf8_lossy();
    let spaced: String = decoded
        .chars()
        .map(|c| {
            if matches!(c, '-' | '_' | '/' | '.' | '=' | '&' | '?' | '+' | ',') {
                ' '
            } else {
                c
            }
        })
        .collect();
    without_marks(&spaced)
}

// ---------------------------------------------------------------------------------------
// What pages hold: links, feeds, sitemap entries

/// A link found on a page, in a feed or in a sitemap.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub url: Url,
    pub text: String,
}

/// The links and feeds of an HTML page.
pub fn html_links(html: &str, base: &Url) -> (Vec<Link>, Vec<Url>) {
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).expect("a valid selector");
    let base = doc
        .select(&sel("base[href]"))
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|h| base.join(h).ok())
        .unwrap_or_else(|| base.clone());
    let mut links = Vec::new();
    for a in doc.select(&sel("a[href]")) {
        let Some(href) = a.value().attr("href") else {
            continue;
        };
        let Ok(mut url) = base.join(href.trim()) else {
            continue;
        };
        url.set_fragment(None);
        let mut text: String = a.text().collect::<Vec<_>>().join(" ");
        if text.trim().is_empty() {
            text = a.value().attr("title").unwrap_or("").to_string();
        }
        links.push(Link {
            url,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    let mut feeds = Vec::new();
    for l in doc.select(&sel("link[href][type]")) {
        let kind = l.value().attr("type").unwrap_or("").to_ascii_lowercase();
        let rel = l.value().attr("rel").unwrap_or("").to_ascii_lowercase();
        if rel.contains("alternate") && (kind.contains("rss") || kind.contains("atom")) {
            if let Some(u) = l.value().attr("href").and_then(|h| base.join(h).ok()) {
                feeds.push(u);
            }
        }
    }
    (links, feeds)
}

/// What an XML document lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listed {
    /// Pages (of a urlset, or items of a feed), with their titles when given.
    pub pages: Vec<Link>,
    /// Further sitemaps (of a sitemap index).
    pub sitemaps: Vec<Url>,
}

/// Whether a body is a sitemap or a feed (by its root element).
pub fn is_xml_listing(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect::<String>().to_lowercase();
    ["<urlset", "<sitemapindex", "<rss", "<feed", "<rdf:rdf"]
        .iter()
        .any(|t| head.contains(t))
}

/// The pages and sitemaps a sitemap, sitemap index, RSS or Atom feed lists.
pub fn xml_listing(text: &str, base: &Url) -> Listed {
    let mut listed = Listed::default();
    let join = |s: &str| base.join(s.trim()).ok();
    match roxmltree::Document::parse(text.trim_start_matches('\u{feff}')) {
        Ok(doc) => {
            let root = doc.root_element();
            let child_text = |n: roxmltree::Node, name: &str| {
                n.children()
                    .find(|c| c.is_element() && c.tag_name().name() == name)
                    .map(|c| {
                        c.descendants()
                            .filter(|d| d.is_text())
                            .filter_map(|d| d.text())
                            .collect::<String>()
                    })
            };
            match root.tag_name().name() {
                "sitemapindex" => {
                    for s in root.children().filter(|c| c.tag_name().name() == "sitemap") {
                        if let Some(u) = child_text(s, "loc").and_then(|l| join(&l)) {
                            listed.sitemaps.push(u);
                        }
                    }
                }
                "urlset" => {
                    for u in root.children().filter(|c| c.tag_name().name() == "url") {
                        let Some(loc) = child_text(u, "loc").and_then(|l| join(&l)) else {
                            continue;
                        };
                        // A news sitemap gives the title.
                        let title = u
                            .descendants()
                            .find(|d| d.tag_name().name() == "title")
                            .and_then(|t| t.text())
                            .unwrap_or("")
                            .to_string();
                        listed.pages.push(Link {
                            url: loc,
                            text: title,
                        });
                    }
                }
                _ => {
                    // RSS (item/link) and Atom (entry/link@href).
                    for item in root
                        .descendants()
                        .filter(|d| matches!(d.tag_name().name(), "item" | "entry"))
                    {
                        let title = child_text(item, "title").unwrap_or_default();
                        let link = item
                            .children()
                            .filter(|c| c.tag_name().name() == "link")
                            .find_map(|l| {
                                let rel = l.attribute("rel").unwrap_or("alternate");
                                match l.attribute("href") {
                                    Some(h) if rel == "alternate" => Some(h.to_string()),
                                    Some(_) => None,
                                    None => l.text().map(str::to_string),
                                }
                            })
                            .or_else(|| child_text(item, "guid"));
                        if let Some(u) = link.and_then(|l| join(&l)) {
                            listed.pages.push(Link {
                                url: u,
                                text: title.split_whitespace().collect::<Vec<_>>().join(" "),
                            });
                        }
                    }
                }
            }
        }
        Err(_) => {
            // Malformed XML, as feeds often are: take the addresses it holds.
            let loc = crate::patterns::regex(r"(?is)<(loc|link)>\s*(?:<!\[CDATA\[)?\s*([^<\s\]]+)")
                .expect("a valid regex");
            let index = text.contains("<sitemapindex");
            for c in loc.captures_iter(text) {
                if let Some(u) = join(&c[2]) {
                    if index {
                        listed.sitemaps.push(u);
                    } else {
                        listed.pages.push(Link {
                            url: u,
                            text: String::new(),
                        });
                    }
                }
            }
        }
    }
    listed
}

// ---------------------------------------------------------------------------------------
// The frontier

/// What a queued URL is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Start,
    Listing,
    Article,
    Sitemap,
    /// `/sitemap.xml` tried when robots.txt names none: its absence is no error.
    SitemapProbe,
    Feed,
}

/// A URL in the frontier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub url: String,
    pub kind: Kind,
    pub depth: u32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum LogLine {
    Add(Entry),
    Done(String),
}

/// The queue, the URLs seen, and the log that keeps them on disk.
struct Frontier {
    queue: VecDeque<Entry>,
    /// Every URL queued or fetched (final URLs after redirects too).
    seen: HashSet<String>,
    /// The URLs fetched in this run, and where their redirects led.
    fetched: HashSet<String>,
    log: File,
}

impl Frontier {
    /// A new frontier, or the one left in `dir` (with `resume`).
    fn open(dir: &Path, resume: bool) -> Result<(Frontier, bool), String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the crawl state {}: {e}", dir.display()))?;
        let path = dir.join("frontier.jsonl");
        let mut queue = VecDeque::new();
        let mut seen = HashSet::new();
        let mut resumed = false;
        if resume && path.exists() {
            let file = File::open(&path)
                .map_err(|e| format!("cannot read the crawl state {}: {e}", path.display()))?;
            let mut added: Vec<Entry> = Vec::new();
            let mut done = HashSet::new();
            for line in BufReader::new(file).lines() {
                let Ok(line) = line else { break };
                // A line cut by the interruption is skipped.
                match serde_json::from_str::<LogLine>(&line) {
                    Ok(LogLine::Add(e)) => {
                        seen.insert(e.url.clone());
                        added.push(e);
                    }
                    Ok(LogLine::Done(u)) => {
                        seen.insert(u.clone());
                        done.insert(u);
                    }
                    Err(_) => {}
                }
            }
            queue.extend(added.into_iter().filter(|e| !done.contains(&e.url)));
            resumed = true;
        }
        let log = if resumed {
            OpenOptions::new().append(true).open(&path)
        } else {
            File::create(&path)
        }
        .map_err(|e| format!("cannot write the crawl state {}: {e}", path.display()))?;
        Ok((
            Frontier {
                queue,
                seen,
                fetched: HashSet::new(),
                log,
            },
            resumed,
        ))
    }

    fn write(&mut self, line: &LogLine) {
        if let Ok(mut json) = serde_json::to_string(line) {
            json.push('\n');
            let _ = self.log.write_all(json.as_bytes());
        }
    }

    /// Queue `entry` unless its URL was seen; whether it was queued.
    fn add(&mut self, entry: Entry) -> bool {
        if !self.seen.insert(entry.url.clone()) {
            return false;
        }
        self.write(&LogLine::Add(entry.clone()));
        self.queue.push_back(entry);
        true
    }

    fn done(&mut self, url: &str) {
        self.seen.insert(url.to_string());
        self.write(&LogLine::Done(url.to_string()));
        let _ = self.log.flush();
    }
}

// ---------------------------------------------------------------------------------------
// Progress

#[derive(Debug, Default)]
struct Progress {
    fetched: usize,
    records: usize,
    errors: usize,
    skipped: usize,
    not_relevant: usize,
    tty: bool,
    shown: Option<Instant>,
}

impl Progress {
    fn line(&self, queued: usize) -> String {
        format!(
            "crawl: {} pages fetched, {queued} queued, {} records, {} errors, {} not relevant, {} disallowed by robots.txt",
            self.fetched, self.records, self.errors, self.not_relevant, self.skipped
        )
    }

    fn show(&mut self, queued: usize, enabled: bool) {
        if !enabled {
            return;
        }
        let due = self
            .shown
            .is_none_or(|t| t.elapsed() >= Duration::from_secs(if self.tty { 0 } else { 5 }));
        if due {
            if self.tty {
                eprint!("\r\x1b[K{}", self.line(queued));
            } else {
                eprintln!("{}", self.line(queued));
            }
            self.shown = Some(Instant::now());
        }
    }

    fn finish(&self, queued: usize) {
        if self.tty {
            eprint!("\r\x1b[K");
        }
        eprintln!("{}", self.line(queued));
    }
}

// ---------------------------------------------------------------------------------------
// The crawl

fn same_site(url: &Url, hosts: &HashSet<(String, Option<u16>)>) -> bool {
    let host = url.host_str().unwrap_or("").trim_start_matches("www.");
    matches!(url.scheme(), "http" | "https")
        && hosts.contains(&(host.to_string(), url.port_or_known_default()))
}

/// Crawl, handing each record and error line to `emit` as soon as it is found.
pub fn run(
    pipeline: &Pipeline,
    patterns: &Patterns,
    config: &Config,
    network: &Network,
    emit: &mut dyn FnMut(&Output) -> io::Result<()>,
) -> Result<Summary, String> {
    let cues = Cues::new(patterns).map_err(|e| format!("bad pattern file: {e}"))?;
    let mut starts = Vec::new();
    for s in &config.start {
        let url = fetch::parse_url(s).map_err(|e| {
            format!(
                "{s}: {}",
                match e {
                    ErrorKind::InvalidUrl(m) => m,
                    other => format!("{other:?}"),
                }
            )
        })?;
        starts.push(url);
    }
    if starts.is_empty() {
        return Err("no start URL".into());
    }
    let hosts: HashSet<(String, Option<u16>)> = starts
        .iter()
        .map(|u| {
            (
                u.host_str()
                    .unwrap_or("")
                    .trim_start_matches("www.")
                    .to_string(),
                u.port_or_known_default(),
            )
        })
        .collect();
    let (mut frontier, resumed) = Frontier::open(&config.state_dir, config.resume)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))?;
    let warc = crate::batch::open_warc(network.warc.as_deref(), &network.config, "thidua crawl")?;
    let fetcher = Arc::new(Fetcher::new(network.config.clone(), warc)?);
    let mut summary = Summary::default();
    let mut progress = Progress {
        tty: io::stderr().is_terminal(),
        ..Progress::default()
    };
    if config.resume && !resumed {
        eprintln!(
            "thidua: no crawl to resume in {}; starting afresh",
            config.state_dir.display()
        );
    }
    runtime.block_on(async {
        if !resumed {
            for url in &starts {
                frontier.add(Entry {
                    url: url.to_string(),
                    kind: Kind::Start,
                    depth: 0,
                });
            }
            // Sitemaps: those robots.txt names, or /sitemap.xml.
            for url in &starts {
                let robots = fetcher.robots(url).await;
                let named: Vec<Url> = robots
                    .sitemaps()
                    .iter()
                    .filter_map(|s| Url::parse(s).ok())
                    .filter(|u| same_site(u, &hosts))
                    .collect();
                if named.is_empty() {
                    if let Ok(probe) = url.join("/sitemap.xml") {
                        frontier.add(Entry {
                            url: probe.to_string(),
                            kind: Kind::SitemapProbe,
                            depth: 1,
                        });
                    }
                }
                for s in named {
                    frontier.add(Entry {
                        url: s.to_string(),
                        kind: Kind::Sitemap,
                        depth: 1,
                    });
                }
            }
        }
        let concurrency = network.config.concurrency.max(1);
        let mut tasks: tokio::task::JoinSet<(Entry, Result<Page, FetchError>)> =
            tokio::task::JoinSet::new();
        let mut started = 0usize;
        let mut running: HashMap<tokio::task::Id, Entry> = HashMap::new();
        loop {
            while tasks.len() < concurrency && started < config.max_pages {
                let Some(entry) = frontier.queue.pop_front() else {
                    break;
                };
                if !frontier.fetched.insert(entry.url.clone()) {
                    // Reached before through a redirect.
                    frontier.done(&entry.url);
                    continue;
                }
                started += 1;
                let f = Arc::clone(&fetcher);
                let task_entry = entry.clone();
                let handle = tasks.spawn(async move {
                    let result = f.fetch(&task_entry.url).await;
                    (task_entry, result)
                });
                running.insert(handle.id(), entry);
            }
            let Some(joined) = tasks.join_next_with_id().await else {
                break;
            };
            let (entry, result) = match joined {
                Ok((id, done)) => {
                    running.remove(&id);
                    done
                }
                Err(e) => {
                    // A task that failed is an error line, never a silent gap.
                    let entry = running.remove(&e.id()).ok_or("a crawl task vanished")?;
                    let message = format!("{}: the fetch failed: {e}", entry.url);
                    let failure = FetchError {
                        url: entry.url.clone(),
                        final_url: None,
                        status: None,
                        attempts: 0,
                        kind: ErrorKind::Connection(message),
                    };
                    (entry, Err(failure))
                }
            };
            let mut out = |result: Output| -> Result<(), String> {
                match &result {
                    Ok(_) => summary.records += 1,
                    Err(e) => {
                        if progress.tty {
                            eprint!("\r\x1b[K");
                        }
                        eprintln!("thidua: {}", e.error);
                        summary.failed += 1;
                    }
                }
                emit(&result).map_err(|e| format!("cannot write: {e}"))
            };
            match result {
                Ok(page) => {
                    progress.fetched += 1;
                    if let Ok(final_url) = Url::parse(&page.final_url) {
                        frontier.seen.insert(final_url.to_string());
                        frontier.fetched.insert(final_url.to_string());
                    }
                    let found = visit(
                        pipeline,
                        &cues,
                        &entry,
                        &page,
                        &hosts,
                        &config.written,
                        &mut out,
                    )?;
                    match found.record {
                        Some(true) => progress.records += 1,
                        Some(false) => progress.not_relevant += 1,
                        None => {}
                    }
                    progress.errors += found.errors;
                    for (link, kind) in found.links {
                        let depth = entry.depth + 1;
                        if depth <= config.max_depth {
                            frontier.add(Entry {
                                url: link.to_string(),
                                kind,
                                depth,
                            });
                        }
                    }
                }
                Err(e) => match (&e.kind, entry.kind) {
                    (ErrorKind::Disallowed, _) => {
                        progress.skipped += 1;
                    }
                    (_, Kind::SitemapProbe) => {}
                    _ => {
                        progress.fetched += usize::from(e.attempts > 0);
                        progress.errors += 1;
                        out(Err(fetch::error_line(&entry.url, &e)))?;
                    }
                },
            }
            frontier.done(&entry.url);
            progress.show(frontier.queue.len(), config.progress);
        }
        Ok::<(), String>(())
    })?;
    if config.progress {
        progress.finish(frontier.queue.len());
    }
    if !frontier.queue.is_empty() {
        eprintln!(
            "thidua: stopped at --max-pages {} with {} URLs still queued; --resume goes on",
            config.max_pages,
            frontier.queue.len()
        );
    }
    Ok(summary)
}

/// What a fetched page gave.
#[derive(Default)]
struct Found {
    /// Whether an article gave a relevant record (`None`: not an article).
    record: Option<bool>,
    errors: usize,
    links: Vec<(Url, Kind)>,
}

fn visit(
    pipeline: &Pipeline,
    cues: &Cues,
    entry: &Entry,
    page: &Page,
    hosts: &HashSet<(String, Option<u16>)>,
    written: &HashSet<String>,
    out: &mut dyn FnMut(Output) -> Result<(), String>,
) -> Result<Found, String> {
    let mut found = Found::default();
    let base = Url::parse(&page.final_url).map_err(|e| e.to_string())?;
    let mut body = page.body.clone();
    // A gzipped sitemap (sitemap.xml.gz) served as application/gzip.
    if body.starts_with(&[0x1f, 0x8b]) {
        if let Ok(b) = crate::warc::decompress("gzip", &body, pipeline.options.max_bytes) {
            body = b;
        }
    }
    let text = crate::decode::decode(&body, page.charset().as_deref()).text;
    let xml = matches!(entry.kind, Kind::Sitemap | Kind::SitemapProbe | Kind::Feed)
        || is_xml_listing(&text) && !crate::html::looks_like_html(&text);
    if xml {
        let listed = xml_listing(&text, &base);
        for s in listed.sitemaps {
            if same_site(&s, hosts) {
                found.links.push((s, Kind::Sitemap));
            }
        }
        for link in listed.pages {
            if same_site(&link.url, hosts)
                && cues.classify(&link.url, &link.text) == LinkKind::Article
            {
                found.links.push((link.url, Kind::Article));
            }
        }
        return Ok(found);
    }
    if entry.kind == Kind::Article {
        match fetch::record(pipeline, page) {
            Ok(record) => {
                found.record = Some(record.relevant);
                if record.relevant && !written.contains(&page.url) {
                    out(Ok(record))?;
                }
            }
            Err(e) => {
                found.errors += 1;
                out(Err(e))?;
            }
        }
    }
    if !crate::html::looks_like_html(&text) {
        return Ok(found);
    }
    let (links, feeds) = html_links(&text, &base);
    let listing = matches!(entry.kind, Kind::Start | Kind::Listing);
    if listing {
        for f in feeds {
            if same_site(&f, hosts) {
                found.links.push((f, Kind::Feed));
            }
        }
    }
    for link in links {
        if !same_site(&link.url, hosts) {
            continue;
        }
        match cues.classify(&link.url, &link.text) {
            LinkKind::Article => found.links.push((link.url, Kind::Article)),
            LinkKind::Listing if listing => found.links.push((link.url, Kind::Listing)),
            _ => {}
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_takes_off_diacritics() {
        assert_eq!(without_marks("Khối Thi Đua  VH-XH"), "khoi thi dua vh-xh");
        let u = Url::parse("http://x.vn/tin-tuc/hoi-nghi_khoi-thi-dua.html?page=2").unwrap();
        assert_eq!(
            fold_address(&u),
            "tin tuc hoi nghi khoi thi dua html page 2"
        );
        let u = Url::parse("http://x.vn/Kh%E1%BB%91i%20thi").unwrap();
        assert_eq!(fold_address(&u), "khoi thi");
    }

    #[test]
    fn links_are_classified_by_the_builtin_cues() {
        let cues = Cues::new(&Patterns::builtin().unwrap()).unwrap();
        let url = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            cues.classify(
                &url("http://x.vn/a.html"),
                "Khối thi đua Văn hóa - Xã hội tổng kết năm 2023"
            ),
            LinkKind::Article
        );
        assert_eq!(
            cues.classify(&url("http://x.vn/hoi-nghi-cum-thi-dua-so-3.html"), ""),
            LinkKind::Article
        );
        assert_eq!(
            cues.classify(&url("http://x.vn/thi-dua/"), "Thi đua - Khen thưởng"),
            LinkKind::Listing
        );
        assert_eq!(
            cues.classify(&url("http://x.vn/thi-dua/trang-2.html"), "2"),
            LinkKind::Listing
        );
        assert_eq!(
            cues.classify(&url("http://x.vn/kinh-te/gia-lua.html"), "Giá lúa tăng"),
            LinkKind::Ignore
        );
        assert_eq!(
            cues.classify(&url("http://x.vn/khoi-thi-dua.pdf"), "Khối thi đua"),
            LinkKind::Ignore
        );
    }

    #[test]
    fn sitemaps_and_feeds_list_their_pages() {
        let base = Url::parse("http://x.vn/").unwrap();
        let sitemap = r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.vn/a.html</loc></url></urlset>"#;
        assert_eq!(
            xml_listing(sitemap, &base).pages[0].url.as_str(),
            "http://x.vn/a.html"
        );
        let index = r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>"#;
        assert_eq!(
            xml_listing(index, &base).sitemaps[0].as_str(),
            "http://x.vn/s1.xml"
        );
        let rss = "<rss><channel><item><title>Khối thi đua</title><link>http://x.vn/b.html</link></item></channel></rss>";
        let listed = xml_listing(rss, &base);
        assert_eq!(listed.pages[0].text, "Khối thi đua");
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><link rel="alternate" href="/c.html"/></entry></feed>"#;
        assert_eq!(
            xml_listing(atom, &base).pages[0].url.as_str(),
            "http://x.vn/c.html"
        );
        let broken = "<rss><item><link>http://x.vn/d.html</link></item>";
        assert_eq!(
            xml_listing(broken, &base).pages[0].url.as_str(),
            "http://x.vn/d.html"
        );
    }
}
