//! WARC files: thidua writes every exchange to one (`--warc`), reads it back, and reads
//! those of other tools (wget and Heritrix write WARC/1.0 with chunked, gzipped bodies;
//! Common Crawl adds request, metadata and non-HTML records). warcio, when installed,
//! checks what thidua writes.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;
use support::{json_lines, temp_dir, thidua, Server};

const A: &str = "/2023/12/khoi-thi-dua-van-hoa-xa-hoi-tong-ket-2023.html";
const C: &str = "/2024/07/khoi-noi-chinh-so-ket-6-thang.html";

fn site_file(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/site")
            .join(path.trim_start_matches('/')),
    )
    .unwrap()
}

fn extract(args: &[&str]) -> (Vec<Value>, i32, String) {
    let out = thidua()
        .args(["extract", "--jsonl"])
        .args(args)
        .output()
        .unwrap();
    (
        json_lines(&out.stdout),
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Fetch a few pages (plain, gzip, chunked, windows-1258, a 404) into a WARC file.
fn fetch_into(s: &Server, dir: &Path, name: &str) -> (PathBuf, Vec<Value>) {
    let warc = dir.join(name);
    let (fetched, code, stderr) = extract(&[
        "--no-cache",
        "--delay",
        "0.01",
        "--warc",
        warc.to_str().unwrap(),
        &s.url(A),
        &s.url("/fault/gzip"),
        &s.url("/fault/chunked"),
        &s.url(C),
        &s.url("/missing.html"),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(fetched.len(), 5);
    (warc, fetched)
}

#[test]
fn the_warc_written_is_read_back() {
    let s = Server::start();
    let dir = temp_dir("warc-roundtrip");
    for name in ["run.warc.gz", "run.warc"] {
        let (warc, fetched) = fetch_into(&s, &dir, name);
        let bytes = std::fs::read(&warc).unwrap();
        if name.ends_with(".gz") {
            assert_eq!(&bytes[..2], b"\x1f\x8b");
        } else {
            assert!(bytes.starts_with(b"WARC/1.1\r\n"));
        }
        let (read, code, stderr) = extract(&[warc.to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        // The four HTML pages (robots.txt is text, the 404 is no article).
        assert_eq!(read.len(), 4, "{read:?}");
        // In the order they were fetched, which need not be the order asked.
        for r in &read {
            let f = fetched
                .iter()
                .find(|f| f["source"]["url"] == r["source"]["url"])
                .unwrap();
            assert_eq!(r["source"]["format"], "warc");
            assert_eq!(r["source"]["status"], 200);
            assert_eq!(r["source"]["sha256"], f["source"]["sha256"]);
            assert_eq!(r["source"]["encoding"], f["source"]["encoding"]);
            assert_eq!(r["bloc"], f["bloc"]);
            assert!(r["source"]["fetched_at"].as_str().unwrap().ends_with('Z'));
        }
        assert!(read
            .iter()
            .any(|r| r["source"]["encoding"] == "windows-1258" && r["relevant"] == true));
        // The headers are archived as received: the gzip page keeps its encoding.
        let raw = if name.ends_with(".gz") {
            let plain = support::read_all(flate2::read::MultiGzDecoder::new(&bytes[..]));
            String::from_utf8_lossy(&plain).into_owned()
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        for needle in [
            "WARC-Type: warcinfo",
            "WARC-Type: request",
            "WARC-Type: response",
            "WARC-Target-URI: ",
            "WARC-Date: ",
            "WARC-Payload-Digest: sha1:",
            "WARC-Block-Digest: sha1:",
            "content-encoding: gzip",
            "HTTP/1.1 404 Not Found",
            "GET /robots.txt HTTP/1.1",
        ] {
            assert!(raw.contains(needle), "{name}: no {needle:?}");
        }
    }
}

#[test]
fn warcio_reads_the_warc_written() {
    let python_has_warcio = Command::new("python3")
        .args(["-c", "import warcio"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !python_has_warcio {
        println!("skipped: python3 with warcio is not installed (pip install warcio)");
        return;
    }
    let s = Server::start();
    let dir = temp_dir("warc-warcio");
    let (warc, _) = fetch_into(&s, &dir, "run.warc.gz");
    let check = Command::new("python3")
        .args(["-m", "warcio.cli", "check", "-v", warc.to_str().unwrap()])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "warcio check: {report}");
    assert!(!report.contains("digest failed"), "{report}");
    assert!(report.matches("digest pass").count() >= 10, "{report}");
    let script = r#"
import sys
from warcio.archiveiterator import ArchiveIterator
kinds, pages = {}, []
with open(sys.argv[1], "rb") as f:
    for record in ArchiveIterator(f):
        kinds[record.rec_type] = kinds.get(record.rec_type, 0) + 1
        if record.rec_type == "response":
            body = record.content_stream().read()
            status = record.http_headers.get_statuscode()
            if status == "200" and "text/html" in (record.http_headers.get_header("Content-Type") or ""):
                pages.append((record.rec_headers.get_header("WARC-Target-URI"), len(body), body[:15]))
print(kinds["warcinfo"], kinds["request"], kinds["response"])
for uri, n, head in pages:
    print(uri, n, head)
"#;
    let out = Command::new("python3")
        .args(["-c", script, warc.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines = text.lines();
    // robots.txt and five pages: six requests, six responses.
    assert_eq!(lines.next(), Some("1 6 6"), "{text}");
    let pages: Vec<&str> = lines.collect();
    assert_eq!(pages.len(), 4, "{text}");
    // warcio undoes the gzip content encoding: every page starts as HTML.
    assert!(
        pages.iter().all(|p| p.ends_with("b'<!doctype html>'")),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------
// WARC files of other tools, made here byte by byte.

fn record(version: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut r = format!("{version}\r\n").into_bytes();
    for (n, v) in headers {
        r.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
    }
    r.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn chunked(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in bytes.chunks(700) {
        out.extend_from_slice(format!("{:X}\r\n", part.len()).as_bytes());
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn response(uri: &str, date: &str, http: &[u8]) -> Vec<u8> {
    record(
        "WARC/1.0",
        &[
            ("WARC-Type", "response"),
            (
                "WARC-Record-ID",
                "<urn:uuid:3b1c9a40-0d8a-4c4e-9d2e-2f8a1c1e0001>",
            ),
            (
                "WARC-Warcinfo-ID",
                "<urn:uuid:3b1c9a40-0d8a-4c4e-9d2e-2f8a1c1e0000>",
            ),
            ("WARC-Target-URI", uri),
            ("WARC-Date", date),
            ("WARC-IP-Address", "127.0.0.1"),
            ("Content-Type", "application/http;msgtype=response"),
        ],
        http,
    )
}

#[test]
fn warcs_of_other_tools_are_read() {
    let dir = temp_dir("warc-foreign");
    let warcinfo = record(
        "WARC/1.0",
        &[
            ("WARC-Type", "warcinfo"),
            (
                "WARC-Record-ID",
                "<urn:uuid:3b1c9a40-0d8a-4c4e-9d2e-2f8a1c1e0000>",
            ),
            ("WARC-Date", "2024-01-02T03:04:05Z"),
            ("Content-Type", "application/warc-fields"),
        ],
        b"software: Wget/1.21.3 (linux-gnu)\r\nformat: WARC File Format 1.0\r\n",
    );
    // wget / Heritrix: the body as it came over the wire, chunked and gzipped.
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend(chunked(&gzip(&site_file(A))));
    let wget_response = response(
        "http://baolaocai.vn/khoi-thi-dua-van-hoa-xa-hoi.html",
        "2024-01-02T03:04:06Z",
        &http,
    );
    let request = record(
        "WARC/1.0",
        &[
            ("WARC-Type", "request"),
            (
                "WARC-Target-URI",
                "<http://baolaocai.vn/khoi-thi-dua-van-hoa-xa-hoi.html>",
            ),
            ("WARC-Date", "2024-01-02T03:04:06Z"),
            ("Content-Type", "application/http;msgtype=request"),
        ],
        b"GET /khoi-thi-dua-van-hoa-xa-hoi.html HTTP/1.1\r\nHost: baolaocai.vn\r\n\r\n",
    );
    // One WARC per record-gzip (as wget and Heritrix write it).
    let wget = dir.join("wget.warc.gz");
    let mut bytes = Vec::new();
    for r in [&warcinfo, &request, &wget_response] {
        bytes.extend(gzip(r));
    }
    std::fs::write(&wget, &bytes).unwrap();
    let (read, code, stderr) = extract(&[wget.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read.len(), 1);
    let r = &read[0];
    assert_eq!(r["relevant"], true);
    assert_eq!(
        r["source"]["url"],
        "http://baolaocai.vn/khoi-thi-dua-van-hoa-xa-hoi.html"
    );
    assert_eq!(r["source"]["fetched_at"], "2024-01-02T03:04:06Z");
    assert_eq!(r["source"]["format"], "warc");

    // Common Crawl style, whole-file plain: metadata, an image, a 404, a revisit, and a
    // windows-1258 page declared in the HTTP header.
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1258\r\n\r\n".to_vec();
    http.extend(site_file(C));
    let page = response(
        "https://baoyenbai.com.vn/noi-chinh.html",
        "2024-07-13T00:00:00Z",
        &http,
    );
    let image = response(
        "https://baoyenbai.com.vn/logo.png",
        "2024-07-13T00:00:01Z",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n",
    );
    let missing = response(
        "https://baoyenbai.com.vn/x.html",
        "2024-07-13T00:00:02Z",
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body>404</body></html>",
    );
    let metadata = record(
        "WARC/1.0",
        &[
            ("WARC-Type", "metadata"),
            ("WARC-Target-URI", "https://baoyenbai.com.vn/noi-chinh.html"),
            ("Content-Type", "application/warc-fields"),
        ],
        b"fetchTimeMs: 120\r\n",
    );
    let revisit = record(
        "WARC/1.0",
        &[
            ("WARC-Type", "revisit"),
            ("WARC-Target-URI", "https://baoyenbai.com.vn/noi-chinh.html"),
            (
                "WARC-Profile",
                "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
            ),
            ("Content-Type", "application/http;msgtype=response"),
        ],
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
    );
    let cc = dir.join("cc.warc");
    let mut bytes = Vec::new();
    for r in [&warcinfo, &page, &metadata, &image, &missing, &revisit] {
        bytes.extend_from_slice(r);
    }
    std::fs::write(&cc, &bytes).unwrap();
    // And the same gzipped as one stream.
    let cc_gz = dir.join("cc-whole.warc.gz");
    std::fs::write(&cc_gz, gzip(&bytes)).unwrap();
    for path in [&cc, &cc_gz] {
        let (read, code, stderr) = extract(&[path.to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(read.len(), 1, "{read:?}");
        assert_eq!(read[0]["source"]["encoding"], "windows-1258");
        assert_eq!(
            read[0]["source"]["url"],
            "https://baoyenbai.com.vn/noi-chinh.html"
        );
        assert_eq!(read[0]["relevant"], true);
    }

    // A truncated WARC: the records before the cut, then an error line.
    let cut = dir.join("cut.warc");
    let mut bytes = page.clone();
    bytes.extend_from_slice(&page[..page.len() / 2]);
    std::fs::write(&cut, &bytes).unwrap();
    let (read, code, _) = extract(&[cut.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(read.len(), 2);
    assert_eq!(read[0]["relevant"], true);
    let e = read[1]["error"].as_str().unwrap();
    assert!(e.contains("ends inside a record"), "{e}");

    // Not a WARC at all.
    let junk = dir.join("junk.warc");
    std::fs::write(&junk, "hello\n").unwrap();
    let (read, code, _) = extract(&[junk.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(read[0]["error"]
        .as_str()
        .unwrap()
        .contains("not a valid WARC file"));
}
