//! Fetching pages over HTTP, politely and without losing any.
//!
//! - Politeness: robots.txt is read once per host and obeyed (Disallow and Crawl-delay);
//!   one request at a time per host, with at least the configured delay (or the site's
//!   Crawl-delay, when longer) between the end of one and the start of the next; at most
//!   `concurrency` requests in flight overall; an honest User-Agent.
//! - Robustness: connect and read timeouts; retries with exponential backoff and jitter on
//!   timeouts, connection errors, 429 and 5xx, waiting at least what `Retry-After` asks;
//!   redirects followed one hop at a time (each obeying robots.txt and the delay) up to a
//!   limit, loops detected; a body limit enforced while the body streams in and again
//!   after decompression (gzip, deflate, brotli).
//! - Every exchange goes to the WARC file when there is one, and 200 responses to the
//!   on-disk [`cache`], revalidated with their ETag / Last-Modified on the next run.
//!
//! A URL that finally fails gives a [`FetchError`] naming the URL, the status or error and
//! the number of attempts.

pub mod cache;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::net::IpAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tokio::sync::{OnceCell, Semaphore};
use tokio::time::Instant;
use url::Url;

use crate::pipeline::Prepared;
use crate::record::{ErrorLine, Format, Record, Source};
use crate::warc::{self, Exchange, WarcWriter};
use crate::Pipeline;
use cache::{Cache, Entry};

/// The product token robots.txt rules are matched against.
pub const ROBOTS_AGENT: &str = "thidua";

/// What the fetcher does, and how politely.
#[derive(Debug, Clone)]
pub struct Config {
    pub user_agent: String,
    /// The least time between two requests to one host.
    pub delay: Duration,
    /// The most requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// The connect timeout, and the longest wait for the next bytes of a response.
    pub timeout: Duration,
    /// Attempts after the first on a timeout, a connection error, 429 or 5xx.
    pub retries: u32,
    /// The wait before the first retry; doubled for each further one, with jitter.
    pub backoff: Duration,
    /// The longest wait before a retry; a `Retry-After` asking for more gives up.
    pub max_wait: Duration,
    pub max_redirects: usize,
    /// The largest body, in bytes, as received and after decompression.
    pub max_bytes: u64,
    /// The on-disk cache; `None` for no cache.
    pub cache_dir: Option<PathBuf>,
    /// Serve from the cache only; never touch the network.
    pub offline: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            user_agent: user_agent(None),
            delay: Duration::from_secs(1),
            concurrency: 8,
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(120),
            max_redirects: 10,
            max_bytes: crate::source::DEFAULT_MAX_BYTES,
            cache_dir: default_cache_dir(),
            offline: false,
        }
    }
}

/// The User-Agent: the tool, its version, and how to reach whoever runs it.
pub fn user_agent(contact: Option<&str>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    match contact.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("thidua/{version} (emulation-bloc conference records; +{c})"),
        None => format!(
            "thidua/{version} (emulation-bloc conference records; no contact given, see --contact)"
        ),
    }
}

/// `thidua/http` in the user's cache directory (`~/.cache` on Linux).
pub fn default_cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("thidua").join("http"))
}

/// Where a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Downloaded in this run.
    Network,
    /// In the cache, and the server said it has not changed (304).
    Revalidated,
    /// In the cache, served without asking (`--offline`).
    Cache,
}

/// A page fetched.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL as asked for.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// RFC 3339.
    pub fetched_at: String,
    /// Requests made for the last hop (1 when it went through at once; 0 from the cache).
    pub attempts: u32,
    pub origin: Origin,
}

impl Page {
    /// The charset of the `Content-Type` header.
    pub fn charset(&self) -> Option<String> {
        charset_of(self.content_type.as_deref()?)
    }

    /// The media type, lowercased, without parameters.
    pub fn media_type(&self) -> String {
        media_type(self.content_type.as_deref().unwrap_or(""))
    }
}

/// The media type of a `Content-Type` value, lowercased, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// Why a URL gave no page.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    InvalidUrl(String),
    /// robots.txt disallows it: it was not requested.
    Disallowed,
    /// robots.txt could not be fetched (5xx, no connection): nothing on the host is requested.
    RobotsUnreachable(String),
    Status(u16),
    Timeout,
    Connection(String),
    /// The body is larger than the limit (bytes).
    TooLarge(u64),
    Body(String),
    TooManyRedirects(usize),
    RedirectLoop,
    /// `--offline` and not in the cache.
    NotCached,
    /// The server asked to wait longer than the limit (seconds).
    RetryAfterTooLong(u64),
}

/// A URL that gave no page, with what is known of why.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchError {
    pub url: String,
    /// Where the redirects led, when they led elsewhere.
    pub final_url: Option<String>,
    pub status: Option<u16>,
    /// Requests made for the failing hop.
    pub attempts: u32,
    pub kind: ErrorKind,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.url)?;
        match &self.kind {
            ErrorKind::InvalidUrl(e) => write!(f, "not a URL thidua can fetch ({e})")?,
            ErrorKind::Disallowed => write!(f, "disallowed by robots.txt, not requested")?,
            ErrorKind::RobotsUnreachable(e) => write!(
                f,
                "robots.txt could not be fetched ({e}), so nothing on the host is requested"
            )?,
            ErrorKind::Status(s) => write!(
                f,
                "HTTP {s} {}",
                reqwest::StatusCode::from_u16(*s)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("")
            )?,
            ErrorKind::Timeout => write!(f, "timed out")?,
            ErrorKind::Connection(e) => write!(f, "connection failed: {e}")?,
            ErrorKind::TooLarge(limit) => write!(
                f,
                "the body is larger than the limit of {limit} bytes (see --max-bytes)"
            )?,
            ErrorKind::Body(e) => write!(f, "the body cannot be read: {e}")?,
            ErrorKind::TooManyRedirects(n) => write!(f, "more than {n} redirects")?,
            ErrorKind::RedirectLoop => write!(f, "a redirect loop")?,
            ErrorKind::NotCached => write!(f, "not in the cache (--offline)")?,
            ErrorKind::RetryAfterTooLong(s) => write!(
                f,
                "the server asked to retry after {s} s, longer than the longest wait"
            )?,
        }
        if let Some(final_url) = &self.final_url {
            if final_url != &self.url {
                write!(f, " (at {final_url})")?;
            }
        }
        match self.attempts {
            0 => Ok(()),
            1 => write!(f, " after 1 attempt"),
            n => write!(f, " after {n} attempts"),
        }
    }
}

impl std::error::Error for FetchError {}

/// What robots.txt says for one host.
#[derive(Debug)]
pub enum Robots {
    /// No robots.txt (4xx), or an unreadable one: everything is allowed.
    AllowAll,
    /// robots.txt could not be fetched: nothing is requested (RFC 9309).
    Unreachable(String),
    Rules(texting_robots::Robot),
}

impl Robots {
    pub fn allowed(&self, url: &Url) -> bool {
        match self {
            Robots::AllowAll => true,
            Robots::Unreachable(_) => false,
            Robots::Rules(r) => r.allowed(url.as_str()),
        }
    }

    /// The `Crawl-delay`.
    pub fn delay(&self) -> Option<Duration> {
        match self {
            Robots::Rules(r) => r
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d.min(3600.0))),
            _ => None,
        }
    }

    /// The `Sitemap:` lines.
    pub fn sitemaps(&self) -> &[String] {
        match self {
            Robots::Rules(r) => &r.sitemaps,
            _ => &[],
        }
    }
}

/// One host's politeness state.
#[derive(Debug)]
struct Host {
    /// Held while a request is in flight, so that the host sees one request at a time.
    slot: tokio::sync::Mutex<Slot>,
    robots: OnceCell<Arc<Robots>>,
}

#[derive(Debug)]
struct Slot {
    /// When the last request to the host ended.
    last_end: Option<Instant>,
    /// No request before this (a retry's backoff, a Retry-After).
    hold_until: Instant,
}

/// A response as received (body not yet decompressed).
#[derive(Debug, Clone)]
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    fetched_at: String,
    origin: Origin,
    attempts: u32,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn from_entry(entry: Entry, origin: Origin, attempts: u32, fetched_at: String) -> Raw {
        Raw {
            status: entry.status,
            headers: entry.headers,
            body: entry.body,
            fetched_at,
            origin,
            attempts,
        }
    }
}

/// How one attempt went.
enum Attempt {
    Response(Raw, Option<Duration>),
    /// A failure worth retrying (timeout, connection).
    Retry(ErrorKind),
    /// A failure not worth retrying.
    Fail(ErrorKind),
}

/// The HTTP client, shared by every task of a run.
pub struct Fetcher {
    client: reqwest::Client,
    config: Config,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    permits: Semaphore,
    cache: Option<Cache>,
    warc: Option<Arc<WarcWriter>>,
    requests: AtomicU64,
}

impl fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.config)
            .finish()
    }
}

impl Fetcher {
    /// A fetcher with `config`, writing every exchange to `warc` when given.
    pub fn new(config: Config, warc: Option<Arc<WarcWriter>>) -> Result<Fetcher, String> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.timeout)
            .read_timeout(config.timeout)
            .timeout(config.timeout.saturating_mul(10))
            .pool_max_idle_per_host(2)
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let cache = match &config.cache_dir {
            Some(dir) => Some(
                Cache::open(dir)
                    .map_err(|e| format!("cannot open the cache {}: {e}", dir.display()))?,
            ),
            None => None,
        };
        if config.offline && cache.is_none() {
            return Err("--offline needs a cache (it serves pages from it only)".into());
        }
        Ok(Fetcher {
            client,
            permits: Semaphore::new(config.concurrency.max(1)),
            config,
            hosts: Mutex::new(HashMap::new()),
            cache,
            warc,
            requests: AtomicU64::new(0),
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The number of HTTP requests sent so far.
    pub fn requests_sent(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Fetch `url`, following redirects; robots.txt is obeyed on every hop.
    pub async fn fetch(&self, url: &str) -> Result<Page, FetchError> {
        self.fetch_with(url, true).await
    }

    /// What robots.txt of `url`'s host says (fetched once per host and run).
    pub async fn robots(&self, url: &Url) -> Arc<Robots> {
        let host = self.host(url);
        host.robots
            .get_or_init(|| async { Arc::new(self.load_robots(url).await) })
            .await
            .clone()
    }

    async fn load_robots(&self, url: &Url) -> Robots {
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        match self.fetch_boxed(robots_url.as_str(), false).await {
            // A robots.txt that cannot be parsed (or that trips the parser) allows all.
            Ok(page) => match std::panic::catch_unwind(|| {
                texting_robots::Robot::new(ROBOTS_AGENT, &page.body)
            }) {
                Ok(Ok(r)) => Robots::Rules(r),
                _ => Robots::AllowAll,
            },
            Err(e) => match e.kind {
                ErrorKind::Status(s) if (400..500).contains(&s) => Robots::AllowAll,
                ErrorKind::TooLarge(_) | ErrorKind::Body(_) => Robots::AllowAll,
                ErrorKind::Status(s) => Robots::Unreachable(format!("HTTP {s}")),
                ErrorKind::Timeout => Robots::Unreachable("timed out".into()),
                ErrorKind::Connection(e) => Robots::Unreachable(e),
                ErrorKind::TooManyRedirects(_) | ErrorKind::RedirectLoop => Robots::AllowAll,
                // Offline, with no robots.txt in the cache: nothing is requested anyway.
                ErrorKind::NotCached => Robots::AllowAll,
                other => Robots::Unreachable(format!("{other:?}")),
            },
        }
    }

    /// [`Fetcher::fetch_with`] behind a pointer, for the recursion robots.txt makes.
    fn fetch_boxed<'a>(
        &'a self,
        url: &'a str,
        obey_robots: bool,
    ) -> Pin<Box<dyn Future<Output = Result<Page, FetchError>> + Send + 'a>> {
        Box::pin(self.fetch_with(url, obey_robots))
    }

    fn host(&self, url: &Url) -> Arc<Host> {
        let key = url.origin().ascii_serialization();
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(key)
            .or_insert_with(|| {
                Arc::new(Host {
                    slot: tokio::sync::Mutex::new(Slot {
                        last_end: None,
                        hold_until: Instant::now(),
                    }),
                    robots: OnceCell::new(),
                })
            })
            .clone()
    }

    async fn fetch_with(&self, url: &str, obey_robots: bool) -> Result<Page, FetchError> {
        let error = |kind, attempts, final_url: Option<&Url>, status| FetchError {
            url: url.to_string(),
            final_url: final_url.map(|u| u.to_string()),
            status,
            attempts,
            kind,
        };
        let mut current = parse_url(url).map_err(|e| error(e, 0, None, None))?;
        let mut visited: Vec<Url> = Vec::new();
        loop {
            if visited.contains(&current) {
                return Err(error(ErrorKind::RedirectLoop, 0, Some(&current), None));
            }
            if visited.len() > self.config.max_redirects {
                return Err(error(
                    ErrorKind::TooManyRedirects(self.config.max_redirects),
                    0,
                    Some(&current),
                    None,
                ));
            }
            let host = self.host(&current);
            let mut delay = self.config.delay;
            if obey_robots {
                let robots = self.robots(&current).await;
                match &*robots {
                    Robots::Unreachable(why) => {
                        return Err(error(
                            ErrorKind::RobotsUnreachable(why.clone()),
                            0,
                            Some(&current),
                            None,
                        ))
                    }
                    r if !r.allowed(&current) => {
                        return Err(error(ErrorKind::Disallowed, 0, Some(&current), None))
                    }
                    r => delay = delay.max(r.delay().unwrap_or_default()),
                }
            }
            let raw = self.exchange(&current, &host, delay).await.map_err(
                |(kind, attempts, status)| error(kind, attempts, Some(&current), status),
            )?;
            if matches!(raw.status, 301 | 302 | 303 | 307 | 308) {
                if let Some(next) = raw.header("Location").and_then(|l| current.join(l).ok()) {
                    if matches!(next.scheme(), "http" | "https") {
                        visited.push(current);
                        current = next;
                        continue;
                    }
                }
            }
            if !(200..300).contains(&raw.status) {
                return Err(error(
                    ErrorKind::Status(raw.status),
                    raw.attempts,
                    Some(&current),
                    Some(raw.status),
                ));
            }
            let body = match raw.header("Content-Encoding") {
                Some(encoding) => warc::decompress(encoding, &raw.body, self.config.max_bytes)
                    .map_err(|e| {
                        let kind = if e.contains("more than the limit") {
                            ErrorKind::TooLarge(self.config.max_bytes)
                        } else {
                            ErrorKind::Body(e)
                        };
                        error(kind, raw.attempts, Some(&current), Some(raw.status))
                    })?,
                None => raw.body.clone(),
            };
            return Ok(Page {
                url: url.to_string(),
                final_url: current.to_string(),
                status: raw.status,
                content_type: raw.header("Content-Type").map(str::to_string),
                body,
                fetched_at: raw.fetched_at,
                attempts: raw.attempts,
                origin: raw.origin,
            });
        }
    }

    /// One hop: from the cache, or over the network with retries.
    async fn exchange(
        &self,
        url: &Url,
        host: &Host,
        delay: Duration,
    ) -> Result<Raw, (ErrorKind, u32, Option<u16>)> {
        let cached = self.cache.as_ref().and_then(|c| c.get(url.as_str()));
        if self.config.offline {
            return match cached {
                Some(entry) => {
                    let at = entry.fetched_at.clone();
                    Ok(Raw::from_entry(entry, Origin::Cache, 0, at))
                }
                None => Err((ErrorKind::NotCached, 0, None)),
            };
        }
        let max_attempts = self.config.retries + 1;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt == max_attempts;
            let outcome = self.attempt(url, host, delay, cached.as_ref()).await;
            let (kind, status, retry_after) = match outcome {
                Attempt::Response(raw, retry_after) => {
                    let status = raw.status;
                    if status == 304 {
                        if let Some(entry) = cached {
                            if let Some(cache) = &self.cache {
                                let _ = cache.touch(&entry, &raw.fetched_at);
                            }
                            let at = raw.fetched_at.clone();
                            return Ok(Raw::from_entry(entry, Origin::Revalidated, attempt, at));
                        }
                    }
                    if status == 429 || (500..600).contains(&status) {
                        (ErrorKind::Status(status), Some(status), retry_after)
                    } else {
                        self.store(url, &raw);
                        return Ok(Raw {
                            attempts: attempt,
                            ..raw
                        });
                    }
                }
                Attempt::Retry(kind) => (kind, None, None),
                Attempt::Fail(kind) => return Err((kind, attempt, None)),
            };
            if last {
                return Err((kind, attempt, status));
            }
            // Exponential backoff with jitter, or what the server asked for when longer.
            let exp = self
                .config
                .backoff
                .saturating_mul(1 << (attempt - 1).min(16))
                .min(self.config.max_wait);
            let mut wait = exp.mul_f64(0.5 + fastrand::f64() * 0.5);
            if let Some(after) = retry_after {
                if after > self.config.max_wait {
                    return Err((
                        ErrorKind::RetryAfterTooLong(after.as_secs()),
                        attempt,
                        status,
                    ));
                }
                wait = wait.max(after);
            }
            // The wait holds back every request to the host, not only this one.
            let mut slot = host.slot.lock().await;
            slot.hold_until = slot.hold_until.max(Instant::now() + wait);
        }
    }

    fn store(&self, url: &Url, raw: &Raw) {
        let Some(cache) = &self.cache else { return };
        if !matches!(raw.status, 200 | 203 | 301 | 308) {
            return;
        }
        let no_store = raw
            .header("Cache-Control")
            .is_some_and(|v| v.to_ascii_lowercase().contains("no-store"));
        if no_store {
            return;
        }
        let _ = cache.put(&Entry {
            url: url.to_string(),
            status: raw.status,
            headers: raw.headers.clone(),
            fetched_at: raw.fetched_at.clone(),
            body_sha256: String::new(),
            body: raw.body.clone(),
        });
    }

    /// One request, in the host's turn and within the global limit.
    async fn attempt(
        &self,
        url: &Url,
        host: &Host,
        delay: Duration,
        cached: Option<&Entry>,
    ) -> Attempt {
        let mut slot = host.slot.lock().await;
        let mut start = slot.hold_until;
        if let Some(end) = slot.last_end {
            start = start.max(end + delay);
        }
        tokio::time::sleep_until(start).await;
        let permit = self.permits.acquire().await;
        let outcome = self.send(url, cached).await;
        drop(permit);
        slot.last_end = Some(Instant::now());
        drop(slot);
        outcome
    }

    async fn send(&self, url: &Url, cached: Option<&Entry>) -> Attempt {
        let mut headers = HeaderMap::new();
        let mut put = |name: &'static str, value: &str| {
            if let Ok(v) = HeaderValue::from_str(value) {
                headers.insert(HeaderName::from_static(name), v);
            }
        };
        put("user-agent", &self.config.user_agent);
        put(
            "accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        );
        put("accept-encoding", "gzip, deflate, br");
        put("accept-language", "vi,en;q=0.5");
        if let Some(entry) = cached {
            if let Some(etag) = entry.etag() {
                put("if-none-match", etag);
            }
            if let Some(lm) = entry.last_modified() {
                put("if-modified-since", lm);
            }
        }
        let request_head = request_head(url, &headers);
        let started = SystemTime::now();
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut response = match self.client.get(url.clone()).headers(headers).send().await {
            Ok(r) => r,
            Err(e) => return Attempt::Retry(classify(&e)),
        };
        let status = response.status().as_u16();
        let ip = response.remote_addr().map(|a| a.ip());
        let version = format!("{:?}", response.version());
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let limit = self.config.max_bytes;
        if response.content_length().is_some_and(|n| n > limit) {
            return Attempt::Fail(ErrorKind::TooLarge(limit));
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > limit {
                        return Attempt::Fail(ErrorKind::TooLarge(limit));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Attempt::Retry(classify(&e)),
            }
        }
        let retry_after = headers
            .iter()
            .find(|(n, _)| n == "retry-after")
            .and_then(|(_, v)| parse_retry_after(v));
        self.archive(
            url,
            started,
            ip,
            &request_head,
            &version,
            status,
            &headers,
            &body,
        );
        Attempt::Response(
            Raw {
                status,
                headers,
                body,
                fetched_at: warc::format_utc(started, false),
                origin: Origin::Network,
                attempts: 1,
            },
            retry_after,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn archive(
        &self,
        url: &Url,
        started: SystemTime,
        ip: Option<IpAddr>,
        request_head: &[u8],
        version: &str,
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
    ) {
        let Some(warc) = &self.warc else { return };
        let reason = reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        let mut head = format!("{version} {status} {reason}\r\n").into_bytes();
        for (name, value) in headers {
            // The body is stored de-chunked, so its transfer coding is not.
            if name.eq_ignore_ascii_case("transfer-encoding") {
                continue;
            }
            head.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        head.extend_from_slice(b"\r\n");
        let exchange = Exchange {
            target_uri: url.as_str(),
            date: started,
            ip,
            request_head,
            response_head: &head,
            payload: body,
        };
        if let Err(e) = warc.write_exchange(&exchange) {
            eprintln!("thidua: cannot write to {}: {e}", warc.path().display());
        }
    }
}

/// The request line and headers as sent, for the WARC request record.
fn request_head(url: &Url, headers: &HeaderMap) -> Vec<u8> {
    let mut target = url.path().to_string();
    if let Some(q) = url.query() {
        target.push('?');
        target.push_str(q);
    }
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or("")),
        None => url.host_str().unwrap_or("").to_string(),
    };
    let mut head = format!("GET {target} HTTP/1.1\r\nhost: {host}\r\n");
    for (name, value) in headers {
        head.push_str(&format!(
            "{}: {}\r\n",
            name.as_str(),
            String::from_utf8_lossy(value.as_bytes())
        ));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

fn classify(e: &reqwest::Error) -> ErrorKind {
    if e.is_timeout() {
        return ErrorKind::Timeout;
    }
    // The innermost cause says the most ("connection refused", "unexpected EOF").
    let mut source: &dyn std::error::Error = e;
    while let Some(inner) = source.source() {
        source = inner;
    }
    let message = if std::ptr::eq(
        source as *const dyn std::error::Error as *const u8,
        e as *const reqwest::Error as *const u8,
    ) {
        e.to_string()
    } else {
        format!("{e}: {source}")
    };
    if message.to_ascii_lowercase().contains("timed out") {
        ErrorKind::Timeout
    } else {
        ErrorKind::Connection(message)
    }
}

/// `Retry-After`: seconds, or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

/// A URL thidua can fetch: http or https, with a host.
pub fn parse_url(url: &str) -> Result<Url, ErrorKind> {
    let parsed = Url::parse(url.trim()).map_err(|e| ErrorKind::InvalidUrl(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(ErrorKind::InvalidUrl(format!(
            "only http and https URLs are fetched, not {:?}",
            parsed.scheme()
        )));
    }
    let mut parsed = parsed;
    parsed.set_fragment(None);
    Ok(parsed)
}

/// Whether a fetched page can be an article: a text media type (or none).
pub fn is_text_page(page: &Page) -> bool {
    let media = page.media_type();
    media.is_empty()
        || media.starts_with("text/")
        || media == "application/xhtml+xml"
        || media.ends_with("+xml")
        || media == "application/xml"
}

/// The record of a fetched page, its `source` telling where and when it was fetched; an
/// error line when the page is not text.
pub fn record(pipeline: &Pipeline, page: &Page) -> Result<Record, Box<ErrorLine>> {
    let source = || Source {
        input: page.url.clone(),
        url: Some(page.url.clone()),
        fetched_at: Some(page.fetched_at.clone()),
        final_url: Some(page.final_url.clone()),
        status: Some(page.status),
        content_type: page.content_type.clone(),
        ..Source::default()
    };
    let refuse = |why: String| {
        Err(Box::new(ErrorLine {
            source: source(),
            error: format!("{}: {why}", page.url),
        }))
    };
    if !is_text_page(page) {
        return refuse(format!(
            "not an article: the content type is {}",
            page.content_type.as_deref().unwrap_or("")
        ));
    }
    if let Err(e) = crate::source::check(&page.body) {
        return refuse(format!("the body {e}"));
    }
    let mut record = pipeline.extract(
        &page.url,
        &page.body,
        Some(&page.final_url),
        page.charset().as_deref(),
    );
    let extracted = std::mem::take(&mut record.source);
    record.source = Source {
        sha256: extracted.sha256,
        text_sha256: extracted.text_sha256,
        format: extracted.format,
        encoding: extracted.encoding,
        ..source()
    };
    Ok(record)
}

/// The error line of a URL that gave no page.
pub fn error_line(input: &str, e: &FetchError) -> Box<ErrorLine> {
    Box::new(ErrorLine {
        source: Source {
            input: input.to_string(),
            url: Some(e.url.clone()),
            final_url: e.final_url.clone(),
            status: e.status,
            ..Source::default()
        },
        error: e.to_string(),
    })
}

/// The record of an HTML page read from a WARC file.
pub fn warc_record(pipeline: &Pipeline, input: &str, page: &warc::Page) -> Record {
    pipeline.finish(warc_prepare(pipeline, input, page))
}

/// `warc_record` up to the field extractors (`Pipeline::prepare`).
pub fn warc_prepare(pipeline: &Pipeline, input: &str, page: &warc::Page) -> Prepared {
    let charset = page.content_type.as_deref().and_then(charset_of);
    let mut prepared = pipeline.prepare(
        input,
        &page.body,
        Some(&page.target_uri),
        charset.as_deref(),
    );
    let source = prepared.source_mut();
    source.url = Some(page.target_uri.clone());
    source.final_url = Some(page.target_uri.clone());
    source.fetched_at = page.date.clone();
    source.status = page.status;
    source.content_type = page.content_type.clone();
    source.format = Some(Format::Warc);
    prepared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_and_media_types() {
        assert_eq!(
            charset_of("text/html; charset=\"Windows-1258\"").as_deref(),
            Some("Windows-1258")
        );
        assert_eq!(charset_of("text/html"), None);
        assert_eq!(media_type("Text/HTML; charset=utf-8"), "text/html");
    }

    #[test]
    fn retry_after_in_seconds_or_a_date() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn only_http_urls() {
        assert!(parse_url("https://baobackan.com.vn/a.html#x").is_ok());
        assert!(parse_url("ftp://x/y").is_err());
        assert!(parse_url("not a url").is_err());
        assert_eq!(
            parse_url("http://EXAMPLE.vn/a#frag").unwrap().as_str(),
            "http://example.vn/a"
        );
    }

    #[test]
    fn user_agent_names_the_tool_and_contact() {
        assert!(user_agent(Some("mailto:a@b.vn")).contains("+mailto:a@b.vn"));
        assert!(user_agent(None).starts_with("thidua/"));
    }
}
