//! WARC files (ISO 28500, WARC/1.1): the format web archives use.
//!
//! The writer puts every HTTP exchange thidua makes on record: a `request` record with the
//! request as sent and a `response` record with the response as received, each one gzip
//! member (so the file is a valid `.warc.gz` even when a crawl is interrupted), with
//! `WARC-Target-URI`, `WARC-Date`, `WARC-Block-Digest` and `WARC-Payload-Digest`.
//!
//! The reader takes any WARC (thidua's, wget's, Heritrix's, Common Crawl's), gzipped per
//! record, gzipped whole or plain, and yields the HTML pages of its `response` (and
//! `resource`) records with their target URI, date and HTTP headers, the body de-chunked
//! and decompressed.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use sha1::{Digest, Sha1};

/// Whether a path names a WARC file (`.warc`, `.warc.gz`), by its extension.
pub fn is_warc_path(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

// ---------------------------------------------------------------------------------------
// Dates and digests

/// `YYYY-MM-DDThh:mm:ssZ` (with `.ffffff` when `micros`), in UTC.
pub fn format_utc(t: SystemTime, micros: bool) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs();
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let (y, m, day) = civil_from_days(days);
    let (hh, mm, ss) = (rem / 3600, rem % 3600 / 60, rem % 60);
    if micros {
        format!(
            "{y:04}-{m:02}-{day:02}T{hh:02}:{mm:02}:{ss:02}.{:06}Z",
            d.subsec_micros()
        )
    } else {
        format!("{y:04}-{m:02}-{day:02}T{hh:02}:{mm:02}:{ss:02}Z")
    }
}

/// Year, month, day of a count of days since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// RFC 4648 base32 (upper case, padded), as WARC digests write SHA-1.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = u64::from_be_bytes([0, 0, 0, buf[0], buf[1], buf[2], buf[3], buf[4]]);
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                out.push(ALPHABET[((n >> (35 - 5 * i)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `sha1:BASE32`, the digest of a WARC block or payload.
pub fn sha1_digest(bytes: &[u8]) -> String {
    format!("sha1:{}", base32(&Sha1::digest(bytes)))
}

fn record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

// ---------------------------------------------------------------------------------------
// Writer

/// One HTTP exchange to put on record.
#[derive(Debug, Clone)]
pub struct Exchange<'a> {
    pub target_uri: &'a str,
    /// When the request was sent.
    pub date: SystemTime,
    pub ip: Option<IpAddr>,
    /// The request line and headers, ending with the blank line.
    pub request_head: &'a [u8],
    /// The status line and headers, ending with the blank line.
    pub response_head: &'a [u8],
    /// The response body as received (content-encoded, de-chunked).
    pub payload: &'a [u8],
}

/// A WARC file being written; shared between tasks (each record is written whole).
pub struct WarcWriter {
    path: PathBuf,
    gzip: bool,
    warcinfo_id: String,
    file: Mutex<File>,
}

impl fmt::Debug for WarcWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WarcWriter")
            .field("path", &self.path)
            .finish()
    }
}

impl WarcWriter {
    /// Open `path` for writing (gzip per record when it ends in `.gz`), appending when it
    /// exists, and write the `warcinfo` record of this run.
    pub fn create(path: &Path, info: &str) -> io::Result<WarcWriter> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        let gzip = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let writer = WarcWriter {
            path: path.to_path_buf(),
            gzip,
            warcinfo_id: record_id(),
            file: Mutex::new(file),
        };
        let filename = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let headers = vec![
            ("WARC-Type", "warcinfo".to_string()),
            ("WARC-Record-ID", writer.warcinfo_id.clone()),
            ("WARC-Date", format_utc(SystemTime::now(), true)),
            ("WARC-Filename", filename),
            ("Content-Type", "application/warc-fields".to_string()),
        ];
        writer.write_record(&headers, info.as_bytes())?;
        Ok(writer)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write the request and response records of one exchange.
    pub fn write_exchange(&self, ex: &Exchange<'_>) -> io::Result<()> {
        let date = format_utc(ex.date, true);
        let request_id = record_id();
        let response_id = record_id();
        let mut request = vec![
            ("WARC-Type", "request".to_string()),
            ("WARC-Record-ID", request_id.clone()),
            ("WARC-Date", date.clone()),
            ("WARC-Target-URI", ex.target_uri.to_string()),
            ("WARC-Warcinfo-ID", self.warcinfo_id.clone()),
            ("WARC-Concurrent-To", response_id.clone()),
            (
                "Content-Type",
                "application/http; msgtype=request".to_string(),
            ),
            ("WARC-Block-Digest", sha1_digest(ex.request_head)),
        ];
        let mut block = Vec::with_capacity(ex.response_head.len() + ex.payload.len());
        block.extend_from_slice(ex.response_head);
        block.extend_from_slice(ex.payload);
        let mut response = vec![
            ("WARC-Type", "response".to_string()),
            ("WARC-Record-ID", response_id),
            ("WARC-Date", date),
            ("WARC-Target-URI", ex.target_uri.to_string()),
            ("WARC-Warcinfo-ID", self.warcinfo_id.clone()),
            (
                "Content-Type",
                "application/http; msgtype=response".to_string(),
            ),
            ("WARC-Block-Digest", sha1_digest(&block)),
            ("WARC-Payload-Digest", sha1_digest(ex.payload)),
        ];
        if let Some(ip) = ex.ip {
            request.push(("WARC-IP-Address", ip.to_string()));
            response.push(("WARC-IP-Address", ip.to_string()));
        }
        // The two records go out together, so that a reader never sees one without the other.
        let mut bytes = self.encode(&request, ex.request_head)?;
        bytes.extend(self.encode(&response, &block)?);
        self.append(&bytes)
    }

    fn write_record(&self, headers: &[(&str, String)], block: &[u8]) -> io::Result<()> {
        let bytes = self.encode(headers, block)?;
        self.append(&bytes)
    }

    fn encode(&self, headers: &[(&str, String)], block: &[u8]) -> io::Result<Vec<u8>> {
        let mut record = Vec::with_capacity(block.len() + 512);
        record.extend_from_slice(b"WARC/1.1\r\n");
        for (name, value) in headers {
            // A header value never spans lines.
            let value = value.replace(['\r', '\n'], " ");
            record.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        record.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        if !self.gzip {
            return Ok(record);
        }
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&record)?;
        gz.finish()
    }

    fn append(&self, bytes: &[u8]) -> io::Result<()> {
        let mut file = self
            .file
            .lock()
            .map_err(|_| io::Error::other("the WARC writer was poisoned"))?;
        file.write_all(bytes)?;
        file.flush()
    }
}

// ---------------------------------------------------------------------------------------
// Reader

/// One WARC record: its headers in order and its block (`None` when it was larger than
/// the reader's limit and skipped).
#[derive(Debug, Clone)]
pub struct Record {
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub block: Option<Vec<u8>>,
    pub length: u64,
}

impl Record {
    /// The value of a header, by name (ignoring case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn kind(&self) -> &str {
        self.header("WARC-Type").unwrap_or("")
    }
}

/// Why a WARC file could not be read on.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    Format { offset: u64, message: String },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot be read: {e}"),
            ReadError::Format { offset, message } => {
                write!(f, "is not a valid WARC file at byte {offset}: {message}")
            }
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The records of a WARC stream, one after another.
pub struct Reader<R> {
    input: R,
    /// Bytes read so far (of the uncompressed stream), for error messages.
    offset: u64,
    /// Blocks larger than this are skipped, not held in memory.
    max_block: u64,
    done: bool,
}

/// Open a WARC file, gzipped (per record or whole) or plain.
pub fn open(path: &Path, max_block: u64) -> Result<Reader<Box<dyn BufRead>>, ReadError> {
    let mut file = BufReader::new(File::open(path)?);
    let gzipped = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let input: Box<dyn BufRead> = if gzipped {
        Box::new(BufReader::new(MultiGzDecoder::new(file)))
    } else {
        Box::new(file)
    };
    Ok(Reader::new(input, max_block))
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R, max_block: u64) -> Reader<R> {
        Reader {
            input,
            offset: 0,
            max_block,
            done: false,
        }
    }

    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let n = self.input.read_until(b'\n', &mut line)?;
        self.offset += n as u64;
        if n == 0 {
            return Ok(None);
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        Ok(Some(line))
    }

    fn format_error(&self, message: impl Into<String>) -> ReadError {
        ReadError::Format {
            offset: self.offset,
            message: message.into(),
        }
    }

    fn next_record(&mut self) -> Result<Option<Record>, ReadError> {
        // Blank lines end the previous record.
        let version = loop {
            match self.line()? {
                None => return Ok(None),
                Some(l) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Some(l) => break l,
            }
        };
        let version = String::from_utf8_lossy(&version).into_owned();
        if !version.starts_with("WARC/") {
            return Err(self.format_error(format!(
                "expected a WARC version line, found {:?}",
                version.chars().take(40).collect::<String>()
            )));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let Some(line) = self.line()? else {
                return Err(self.format_error("the file ends inside a record's headers"));
            };
            if line.is_empty() {
                break;
            }
            let line = String::from_utf8_lossy(&line).into_owned();
            if line.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
                continue;
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(self.format_error(format!("a header line without a colon: {line:?}")));
            };
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        let length: u64 = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| self.format_error("a record without a valid Content-Length"))?;
        let block = if length > self.max_block {
            let skipped = io::copy(&mut (&mut self.input).take(length), &mut io::sink())?;
            self.offset += skipped;
            if skipped < length {
                return Err(self.format_error("the file ends inside a record"));
            }
            None
        } else {
            let mut block = Vec::with_capacity(length as usize);
            (&mut self.input).take(length).read_to_end(&mut block)?;
            self.offset += block.len() as u64;
            if (block.len() as u64) < length {
                return Err(self.format_error("the file ends inside a record"));
            }
            Some(block)
        };
        Ok(Some(Record {
            version,
            headers,
            block,
            length,
        }))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Record, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// HTTP messages inside records

/// An HTTP response as stored in a `response` record.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The entity body, de-chunked and decompressed (as stored when neither applied).
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Parse the HTTP response in a record's block; `None` when it is not one.
/// The body is de-chunked when the headers say `Transfer-Encoding: chunked` and it parses
/// as chunks, then decompressed (`Content-Encoding`, at most `max_bytes` out).
pub fn parse_http_response(block: &[u8], max_bytes: u64) -> Result<HttpResponse, String> {
    let head_end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("no end of the HTTP headers")?;
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!("not an HTTP status line: {status_line:?}"));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status code in {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut response = HttpResponse {
        status,
        headers,
        body: block[head_end.1..].to_vec(),
    };
    let chunked = response
        .header("Transfer-Encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        if let Some(body) = dechunk(&response.body) {
            response.body = body;
        }
    }
    if let Some(encoding) = response.header("Content-Encoding").map(str::to_string) {
        // Some archives store the decompressed body under the original header: keep the
        // body as it is when it does not decompress.
        if let Ok(body) = decompress(&encoding, &response.body, max_bytes) {
            response.body = body;
        }
    }
    Ok(response)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Decode a chunked body; `None` when it is not one.
pub fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    loop {
        let eol = find(bytes, b"\n")?;
        let size_line = std::str::from_utf8(&bytes[..eol]).ok()?.trim();
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        bytes = &bytes[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        if bytes.len() < size {
            return None;
        }
        out.extend_from_slice(&bytes[..size]);
        bytes = &bytes[size..];
        // The CRLF after the chunk.
        if bytes.starts_with(b"\r\n") {
            bytes = &bytes[2..];
        } else if bytes.starts_with(b"\n") {
            bytes = &bytes[1..];
        } else if !bytes.is_empty() {
            return None;
        }
        if bytes.is_empty() {
            // A body cut after a chunk: what there is.
            return Some(out);
        }
    }
}

/// Undo a `Content-Encoding` (gzip, x-gzip, deflate, br, identity; a list applies last
/// first), giving at most `max_bytes`.
pub fn decompress(encoding: &str, body: &[u8], max_bytes: u64) -> Result<Vec<u8>, String> {
    let mut data = body.to_vec();
    for coding in encoding.split(',').rev() {
        let coding = coding.trim().to_ascii_lowercase();
        data = match coding.as_str() {
            "" | "identity" | "none" => data,
            "gzip" | "x-gzip" => read_limited(MultiGzDecoder::new(&data[..]), max_bytes)?,
            "deflate" => {
                // "deflate" is zlib-wrapped by the standard, raw by some servers.
                read_limited(flate2::read::ZlibDecoder::new(&data[..]), max_bytes).or_else(
                    |_| read_limited(flate2::read::DeflateDecoder::new(&data[..]), max_bytes),
                )?
            }
            "br" => read_limited(
                brotli_decompressor::Decompressor::new(&data[..], 4096),
                max_bytes,
            )?,
            other => return Err(format!("unsupported content encoding {other:?}")),
        };
    }
    Ok(data)
}

fn read_limited(reader: impl Read, max_bytes: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot be decompressed: {e}"))?;
    if out.len() as u64 > max_bytes {
        return Err(format!(
            "decompresses to more than the limit of {max_bytes} bytes"
        ));
    }
    Ok(out)
}

/// An HTML page found in a WARC file.
#[derive(Debug, Clone)]
pub struct Page {
    pub target_uri: String,
    pub record_id: Option<String>,
    /// The record's `WARC-Date`.
    pub date: Option<String>,
    pub status: Option<u16>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Whether a media type is an HTML page.
pub fn is_html_type(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(media.as_str(), "text/html" | "application/xhtml+xml")
}

/// The HTML page a record holds: `Ok(None)` for a record that holds none (request,
/// metadata, warcinfo, a redirect, an image ...), `Err` for an HTML response that cannot
/// be read (too large, malformed).
pub fn html_page(record: &Record, max_bytes: u64) -> Result<Option<Page>, String> {
    let kind = record.kind().to_ascii_lowercase();
    let uri = record
        .header("WARC-Target-URI")
        .unwrap_or("")
        .trim_matches(['<', '>'])
        .to_string();
    let record_type = record.header("Content-Type").unwrap_or("").to_string();
    let page = |status, content_type: Option<String>, body| Page {
        target_uri: uri.clone(),
        record_id: record.header("WARC-Record-ID").map(str::to_string),
        date: record.header("WARC-Date").map(str::to_string),
        status,
        content_type,
        body,
    };
    match kind.as_str() {
        "response" => {
            let is_http = record_type
                .to_ascii_lowercase()
                .starts_with("application/http");
            if !is_http {
                return Ok(None);
            }
            let Some(block) = &record.block else {
                let payload_type = record.header("WARC-Identified-Payload-Type").unwrap_or("");
                if is_html_type(payload_type) {
                    return Err(format!(
                        "the record is too large ({} bytes; the limit is {max_bytes}, see --max-bytes)",
                        record.length
                    ));
                }
                return Ok(None);
            };
            let response = parse_http_response(block, max_bytes)?;
            if !(200..300).contains(&response.status) {
                return Ok(None);
            }
            let content_type = response.header("Content-Type").map(str::to_string);
            let html = match &content_type {
                Some(t) => is_html_type(t),
                None => {
                    let head = &response.body[..response.body.len().min(1024)];
                    crate::html::looks_like_html(&String::from_utf8_lossy(head))
                }
            };
            if !html || response.body.is_empty() {
                return Ok(None);
            }
            if response.body.len() as u64 > max_bytes {
                return Err(format!(
                    "the page is too large ({} bytes; the limit is {max_bytes}, see --max-bytes)",
                    response.body.len()
                ));
            }
            Ok(Some(page(
                Some(response.status),
                content_type,
                response.body,
            )))
        }
        "resource" if is_html_type(&record_type) => match &record.block {
            Some(block) => Ok(Some(page(None, Some(record_type.clone()), block.clone()))),
            None => Err(format!(
                "the record is too large ({} bytes; the limit is {max_bytes}, see --max-bytes)",
                record.length
            )),
        },
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY======");
        assert_eq!(base32(b"fo"), "MZXQ====");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
        // The SHA-1 of nothing, as WARC tools print it.
        assert_eq!(sha1_digest(b""), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
    }

    #[test]
    fn dates_are_utc() {
        assert_eq!(format_utc(UNIX_EPOCH, false), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + std::time::Duration::from_micros(1_709_251_199_123_456);
        assert_eq!(format_utc(t, true), "2024-02-29T23:59:59.123456Z");
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"<html>").is_none());
    }

    #[test]
    fn records_round_trip() {
        let dir = std::env::temp_dir().join(format!("thidua-warc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["a.warc", "a.warc.gz"] {
            let path = dir.join(name);
            let _ = std::fs::remove_file(&path);
            let w = WarcWriter::create(&path, "software: test\r\n").unwrap();
            let body = "<html><body><p>Khối thi đua</p></body></html>".as_bytes();
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            w.write_exchange(&Exchange {
                target_uri: "http://127.0.0.1/a.html",
                date: SystemTime::now(),
                ip: None,
                request_head: b"GET /a.html HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n",
                response_head: head.as_bytes(),
                payload: body,
            })
            .unwrap();
            let records: Vec<Record> = open(&path, 1 << 20)
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let kinds: Vec<&str> = records.iter().map(Record::kind).collect();
            assert_eq!(kinds, ["warcinfo", "request", "response"]);
            let page = html_page(&records[2], 1 << 20).unwrap().unwrap();
            assert_eq!(page.body, body);
            assert_eq!(page.target_uri, "http://127.0.0.1/a.html");
            assert_eq!(
                records[2].header("WARC-Payload-Digest").unwrap(),
                sha1_digest(body)
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
