//! A small HTTP/1.1 server for the network tests, on 127.0.0.1 at a port the OS picks.
//!
//! It serves the fixture site `fixtures/site/` ({{BASE}} and {{PORT}} filled in), with
//! ETag / Last-Modified and 304s, gzip when the client accepts it, and fault endpoints under
//! `/fault/`. Every request is logged with the time it arrived, so that tests can check
//! robots.txt, the per-host delay and revalidation from the server's side.
//! No test reaches beyond the loopback address.

#![allow(dead_code)]

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flate2::write::{GzEncoder, ZlibEncoder};
use flate2::Compression;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub at: Instant,
    pub path: String,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
}

impl Hit {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the request revalidates a cached copy.
    pub fn conditional(&self) -> bool {
        self.header("if-none-match").is_some() || self.header("if-modified-since").is_some()
    }
}

#[derive(Default)]
struct State {
    hits: Mutex<Vec<Hit>>,
    counts: Mutex<HashMap<String, u32>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// A running fixture server.
pub struct Server {
    pub port: u16,
    pub base: String,
    root: PathBuf,
    robots: Option<String>,
    state: Arc<State>,
}

pub const LAST_MODIFIED: &str = "Mon, 01 Jan 2024 00:00:00 GMT";

/// The article the fault endpoints serve once they give a page.
pub const FAULT_ARTICLE: &str = "2023/12/khoi-thi-dua-van-hoa-xa-hoi-tong-ket-2023.html";

impl Server {
    /// Serve `fixtures/site`.
    pub fn start() -> Server {
        Server::start_with(None)
    }

    /// Serve `fixtures/site` with another robots.txt (`<500>`: a server error instead).
    pub fn start_with(robots: Option<&str>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().unwrap().port();
        let server = Server {
            port,
            base: format!("http://127.0.0.1:{port}"),
            root: Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/site"),
            robots: robots.map(str::to_string),
            state: Arc::new(State::default()),
        };
        let shared = server.shared();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let shared = shared.clone();
                std::thread::spawn(move || {
                    let _ = shared.handle(stream);
                });
            }
        });
        server
    }

    fn shared(&self) -> Shared {
        Shared {
            port: self.port,
            base: self.base.clone(),
            root: self.root.clone(),
            robots: self.robots.clone(),
            state: self.state.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.state.hits.lock().unwrap().clone()
    }

    pub fn hits_of(&self, path: &str) -> Vec<Hit> {
        self.hits().into_iter().filter(|h| h.path == path).collect()
    }

    pub fn clear(&self) {
        self.state.hits.lock().unwrap().clear();
    }

    /// The most requests the server was handling at once.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }

    /// The shortest time between the arrivals of two consecutive requests.
    pub fn min_gap(&self) -> Duration {
        let mut times: Vec<Instant> = self.hits().iter().map(|h| h.at).collect();
        times.sort();
        times
            .windows(2)
            .map(|w| w[1] - w[0])
            .min()
            .unwrap_or(Duration::MAX)
    }
}

#[derive(Clone)]
struct Shared {
    port: u16,
    base: String,
    root: PathBuf,
    robots: Option<String>,
    state: Arc<State>,
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    fn with(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

impl Shared {
    fn handle(&self, mut stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut request_line = String::new();
        reader.read_line(&mut request_line)?;
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                break;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((n, v)) = line.split_once(':') {
                headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let path = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .to_string();
        let hit = Hit {
            at: Instant::now(),
            path: path.clone(),
            headers,
        };
        let now = self.state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.state.max_in_flight.fetch_max(now, Ordering::SeqCst);
        self.state.hits.lock().unwrap().push(hit.clone());
        let count = {
            let mut counts = self.state.counts.lock().unwrap();
            let c = counts.entry(path.clone()).or_insert(0);
            *c += 1;
            *c
        };
        let result = self.respond(&mut stream, &hit, count);
        self.state.in_flight.fetch_sub(1, Ordering::SeqCst);
        result
    }

    fn respond(&self, stream: &mut TcpStream, hit: &Hit, count: u32) -> std::io::Result<()> {
        let path = hit.path.split('?').next().unwrap_or("/");
        let response = match path {
            "/fault/500-then-200" if count == 1 => Response::new(500, "text/plain", b"oops".into()),
            "/fault/500-then-200" => self.article(),
            "/fault/500" => Response::new(500, "text/plain", b"oops".into()),
            "/fault/429" if count == 1 => {
                Response::new(429, "text/plain", b"slow down".into()).with("Retry-After", "1")
            }
            "/fault/429" => self.article(),
            "/fault/429-long" => {
                Response::new(429, "text/plain", b"slow down".into()).with("Retry-After", "3600")
            }
            "/fault/slow" => {
                std::thread::sleep(Duration::from_millis(1500));
                self.article()
            }
            "/fault/cut" if count == 1 => return self.cut(stream),
            "/fault/cut" => self.article(),
            "/fault/cut-always" => return self.cut(stream),
            "/fault/big" => return self.big(stream),
            "/fault/big-declared" => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 52428800\r\nConnection: close\r\n\r\n";
                stream.write_all(head.as_bytes())?;
                let _ = stream.write_all(&vec![b'a'; 65536]);
                return Ok(());
            }
            "/fault/bomb" => {
                let mut gz = GzEncoder::new(Vec::new(), Compression::best());
                gz.write_all(&vec![b' '; 4 << 20])?;
                Response::new(200, "text/html", gz.finish()?).with("Content-Encoding", "gzip")
            }
            "/fault/loop-a" => {
                Response::new(302, "text/plain", Vec::new()).with("Location", "/fault/loop-b")
            }
            "/fault/loop-b" => {
                Response::new(302, "text/plain", Vec::new()).with("Location", "/fault/loop-a")
            }
            "/fault/redirect" => Response::new(301, "text/plain", Vec::new())
                .with("Location", &format!("/{FAULT_ARTICLE}")),
            "/fault/gzip" => {
                let mut r = self.article();
                let mut gz = GzEncoder::new(Vec::new(), Compression::default());
                gz.write_all(&r.body)?;
                r.body = gz.finish()?;
                r.with("Content-Encoding", "gzip")
            }
            "/fault/deflate" => {
                let mut r = self.article();
                let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
                z.write_all(&r.body)?;
                r.body = z.finish()?;
                r.with("Content-Encoding", "deflate")
            }
            "/fault/brotli" => {
                let mut r = self.article();
                r.body = brotli_stored(&r.body);
                r.with("Content-Encoding", "br")
            }
            "/fault/chunked" => return self.chunked(stream),
            "/fault/image" => Response::new(200, "image/png", b"\x89PNG\r\n\x1a\n".to_vec()),
            _ => self.file(path, hit),
        };
        self.write(stream, response)
    }

    fn article(&self) -> Response {
        let body = std::fs::read(self.root.join(FAULT_ARTICLE)).unwrap();
        Response::new(200, "text/html; charset=utf-8", body)
    }

    fn file(&self, path: &str, hit: &Hit) -> Response {
        let mut rel = path.trim_start_matches('/').to_string();
        if rel.is_empty() || rel.ends_with('/') {
            rel.push_str("index.html");
        }
        if rel.contains("..") {
            return Response::new(404, "text/plain", b"not found".into());
        }
        if rel == "robots.txt" && self.robots.as_deref() == Some("<500>") {
            return Response::new(500, "text/plain", b"oops".into());
        }
        let body = if rel == "robots.txt" && self.robots.is_some() {
            self.robots.clone().unwrap().into_bytes()
        } else {
            match std::fs::read(self.root.join(&rel)) {
                Ok(b) => b,
                Err(_) => return Response::new(404, "text/html", b"<h1>404</h1>".into()),
            }
        };
        let body = fill(body, &self.base, self.port);
        let utf8 = std::str::from_utf8(&body).is_ok();
        let content_type = match rel.rsplit('.').next().unwrap_or("") {
            // One page declares its charset in <meta> only.
            "html" if rel.contains("khoi-kinh-te") => "text/html",
            "html" if utf8 => "text/html; charset=utf-8",
            "html" => "text/html; charset=windows-1258",
            "xml" => "application/xml",
            "rss" => "application/rss+xml",
            _ => "text/plain; charset=utf-8",
        };
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let etag = format!("\"{:016x}\"", hasher.finish());
        let fresh = hit.header("if-none-match") == Some(etag.as_str())
            || hit.header("if-none-match").is_none()
                && hit.header("if-modified-since") == Some(LAST_MODIFIED);
        if fresh {
            return Response {
                status: 304,
                headers: vec![("ETag".into(), etag)],
                body: Vec::new(),
            };
        }
        let gzip = rel.ends_with(".html")
            && hit
                .header("accept-encoding")
                .is_some_and(|v| v.contains("gzip"));
        let mut response = Response::new(200, content_type, body)
            .with("ETag", &etag)
            .with("Last-Modified", LAST_MODIFIED);
        if gzip {
            let mut gz = GzEncoder::new(Vec::new(), Compression::default());
            gz.write_all(&response.body).unwrap();
            response.body = gz.finish().unwrap();
            response = response.with("Content-Encoding", "gzip");
        }
        response
    }

    fn write(&self, stream: &mut TcpStream, r: Response) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
        for (n, v) in &r.headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            r.body.len()
        ));
        stream.write_all(head.as_bytes())?;
        stream.write_all(&r.body)?;
        stream.flush()
    }

    /// Headers promising more than is sent, then the connection closed.
    fn cut(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let body = self.article().body;
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes())?;
        stream.write_all(&body[..body.len() / 3])?;
        stream.flush()?;
        stream.shutdown(std::net::Shutdown::Both)
    }

    /// A body with no length, larger than the tests' limit.
    fn big(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n";
        stream.write_all(head.as_bytes())?;
        let chunk = vec![b'x'; 16 * 1024];
        for _ in 0..64 {
            if stream.write_all(&chunk).is_err() {
                break;
            }
        }
        Ok(())
    }

    fn chunked(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let body = self.article().body;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        stream.write_all(head.as_bytes())?;
        for part in body.chunks(500) {
            stream.write_all(format!("{:x}\r\n", part.len()).as_bytes())?;
            stream.write_all(part)?;
            stream.write_all(b"\r\n")?;
        }
        stream.write_all(b"0\r\n\r\n")?;
        stream.flush()
    }
}

fn fill(body: Vec<u8>, base: &str, port: u16) -> Vec<u8> {
    let Ok(text) = String::from_utf8(body.clone()) else {
        return body;
    };
    text.replace("{{BASE}}", base)
        .replace("{{PORT}}", &port.to_string())
        .into_bytes()
}

/// A valid brotli stream that stores `data` uncompressed (RFC 7932: WBITS 16, stored
/// meta-blocks of at most 65536 bytes, then an empty last one).
pub fn brotli_stored(data: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.n;
            self.n += bits;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        fn align(&mut self) {
            if self.n > 0 {
                self.put(0, 8 - self.n);
            }
        }
    }
    let mut w = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    w.put(0, 1); // WBITS = 16
    for chunk in data.chunks(65536) {
        w.put(0, 1); // ISLAST = 0
        w.put(0, 2); // MNIBBLES = 4
        w.put(chunk.len() as u64 - 1, 16); // MLEN - 1
        w.put(1, 1); // ISUNCOMPRESSED
        w.align();
        w.out.extend_from_slice(chunk);
    }
    w.put(1, 1); // ISLAST
    w.put(1, 1); // ISLASTEMPTY
    w.align();
    w.out
}

/// The thidua binary, with no proxy from the environment (requests stay on 127.0.0.1).
pub fn thidua() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_thidua"));
    for var in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        c.env_remove(var);
    }
    c.env("NO_PROXY", "*");
    c
}

/// A file of the bundled fixtures.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(path)
}

/// A fresh temporary directory for one test, removed when the test ends
/// (also when it fails), so runs leave nothing behind in the system's temp.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh temporary directory for one test; see [`TempDir`].
pub fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("thidua-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// Read a stream to the end (for tests that read raw bytes).
pub fn read_all(mut r: impl Read) -> Vec<u8> {
    let mut v = Vec::new();
    r.read_to_end(&mut v).unwrap();
    v
}

/// The JSON lines of an output.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}
