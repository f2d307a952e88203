//! `thidua extract URL...`: fetching politely and robustly, against the fixture site served
//! on 127.0.0.1 by tests/support.

mod support;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;
use support::{json_lines, temp_dir, thidua, Server, FAULT_ARTICLE};

const A: &str = "/2023/12/khoi-thi-dua-van-hoa-xa-hoi-tong-ket-2023.html";
const C: &str = "/2024/07/khoi-noi-chinh-so-ket-6-thang.html";
const D: &str = "/2024/01/khoi-kinh-te-tong-ket-2023.html";
const PRIVATE: &str = "/private/hoi-nghi-cum-thi-dua-so-9.html";

/// `thidua extract --jsonl` with quick network settings (unless `args` set them) and a
/// cache of the test's own.
fn extract(cache: &Path, args: &[&str]) -> (Vec<Value>, i32, String) {
    let mut command = thidua();
    command.args(["extract", "--jsonl", "--cache", cache.to_str().unwrap()]);
    for (flag, value) in [
        ("--delay", "0.02"),
        ("--backoff", "0.02"),
        ("--timeout", "2"),
    ] {
        if !args.contains(&flag) {
            command.args([flag, value]);
        }
    }
    let out: Output = command.args(args).output().unwrap();
    (
        json_lines(&out.stdout),
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn error_of(line: &Value) -> &str {
    line["error"].as_str().unwrap_or("")
}

#[test]
fn fetched_pages_are_extracted_with_their_source() {
    let s = Server::start();
    let cache = temp_dir("fetch-source");
    let (lines, code, stderr) = extract(
        &cache,
        &[
            "--contact",
            "mailto:lab@example.vn",
            &s.url(A),
            &s.url(C),
            &s.url(D),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 3);
    for (line, path) in lines.iter().zip([A, C, D]) {
        let src = &line["source"];
        assert_eq!(src["url"], s.url(path));
        assert_eq!(src["final_url"], s.url(path));
        assert_eq!(src["status"], 200);
        assert!(src["fetched_at"].as_str().unwrap().ends_with('Z'));
        assert_eq!(line["relevant"], true, "{path}");
    }
    // The charset from the header (windows-1258), or from the page's meta.
    assert_eq!(lines[1]["source"]["encoding"], "windows-1258");
    assert_eq!(
        lines[1]["source"]["content_type"],
        "text/html; charset=windows-1258"
    );
    assert!(lines[1]["bloc"]["name"]
        .as_str()
        .unwrap()
        .contains("Nội chính"));
    assert_eq!(lines[2]["source"]["content_type"], "text/html");
    assert_eq!(lines[2]["source"]["encoding"], "utf-8");
    let hit = &s.hits_of(A)[0];
    let agent = hit.header("user-agent").unwrap();
    assert!(agent.starts_with("thidua/"), "{agent}");
    assert!(agent.contains("mailto:lab@example.vn"), "{agent}");
    assert!(hit.header("accept-encoding").unwrap().contains("gzip"));
    // robots.txt was read once, before anything else.
    assert_eq!(s.hits()[0].path, "/robots.txt");
    assert_eq!(s.hits_of("/robots.txt").len(), 1);
}

#[test]
fn a_url_list_mixes_files_and_urls_in_order() {
    let s = Server::start();
    let cache = temp_dir("fetch-list");
    let list = cache.join("urls.txt");
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles/not-a-bloc.txt");
    std::fs::write(
        &list,
        format!(
            "# a comment\n{}\n\n{}\n{}\n",
            s.url(A),
            local.display(),
            s.url("/missing.html")
        ),
    )
    .unwrap();
    let (lines, code, _) = extract(&cache, &["--urls", list.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["source"]["url"], s.url(A));
    assert_eq!(lines[1]["source"]["input"], local.display().to_string());
    // A page that fails gives its error line in its place: URL, status, attempts.
    assert_eq!(lines[2]["source"]["status"], 404);
    let e = error_of(&lines[2]);
    assert!(e.contains("/missing.html") && e.contains("HTTP 404"), "{e}");
    assert!(e.contains("after 1 attempt"), "{e}");
}

#[test]
fn robots_txt_disallow_is_obeyed() {
    let s = Server::start();
    let cache = temp_dir("fetch-robots");
    let (lines, code, _) = extract(&cache, &[&s.url(PRIVATE), &s.url(A)]);
    assert_eq!(code, 1);
    let e = error_of(&lines[0]);
    assert!(e.contains("disallowed by robots.txt"), "{e}");
    assert_eq!(lines[1]["relevant"], true);
    assert!(
        s.hits_of(PRIVATE).is_empty(),
        "a disallowed URL was requested"
    );
}

#[test]
fn an_unreachable_robots_txt_stops_the_host() {
    let s = Server::start_with(Some("<500>"));
    let cache = temp_dir("fetch-robots-500");
    let (lines, code, _) = extract(&cache, &["--retries", "1", &s.url(A), &s.url(D)]);
    assert_eq!(code, 1);
    for line in &lines {
        let e = error_of(line);
        assert!(
            e.contains("robots.txt could not be fetched (HTTP 500)"),
            "{e}"
        );
    }
    // robots.txt was tried (and retried) once for the host; no page was requested.
    assert_eq!(s.hits_of("/robots.txt").len(), 2);
    assert_eq!(s.hits().len(), 2);
}

#[test]
fn one_request_at_a_time_per_host_with_the_delay_between() {
    let s = Server::start();
    let cache = temp_dir("fetch-delay");
    let paths = [
        A,
        C,
        D,
        "/",
        "/thi-dua-khen-thuong/",
        "/kinh-te/gia-lua-tang.html",
    ];
    let urls: Vec<String> = paths.iter().map(|p| s.url(p)).collect();
    let mut args: Vec<&str> = vec!["--delay", "0.15", "--concurrency", "8"];
    args.extend(urls.iter().map(String::as_str));
    let (lines, code, stderr) = extract(&cache, &args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), paths.len());
    assert_eq!(s.hits().len(), paths.len() + 1);
    assert_eq!(s.max_in_flight(), 1);
    let gap = s.min_gap();
    assert!(gap >= Duration::from_millis(140), "{gap:?}");
}

#[test]
fn robots_crawl_delay_is_honoured() {
    let s = Server::start_with(Some("User-agent: *\nCrawl-delay: 0.3\n"));
    let cache = temp_dir("fetch-crawl-delay");
    let (lines, code, _) = extract(&cache, &[&s.url(A), &s.url(D)]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 2);
    let gap = s.min_gap();
    assert!(gap >= Duration::from_millis(290), "{gap:?}");
}

#[test]
fn server_errors_and_429_are_retried() {
    let s = Server::start();
    let cache = temp_dir("fetch-retry");
    let (lines, code, stderr) = extract(
        &cache,
        &[
            "--max-wait",
            "5",
            &s.url("/fault/500-then-200"),
            &s.url("/fault/429"),
            &s.url("/fault/429-long"),
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(lines[0]["relevant"], true);
    assert_eq!(s.hits_of("/fault/500-then-200").len(), 2);
    // 429 with Retry-After: 1 waits at least that second before asking again.
    assert_eq!(lines[1]["relevant"], true);
    let hits = s.hits_of("/fault/429");
    assert_eq!(hits.len(), 2);
    assert!(hits[1].at - hits[0].at >= Duration::from_millis(990));
    // Retry-After beyond --max-wait gives up at once.
    let e = error_of(&lines[2]);
    assert!(
        e.contains("retry after 3600 s") && e.contains("after 1 attempt"),
        "{e}"
    );
    assert_eq!(lines[2]["source"]["status"], 429);
    assert_eq!(s.hits_of("/fault/429-long").len(), 1);
}

#[test]
fn timeouts_and_cut_connections_are_retried_then_reported() {
    let s = Server::start();
    let cache = temp_dir("fetch-timeout");
    let (lines, code, _) = extract(
        &cache,
        &[
            "--timeout",
            "0.2",
            "--retries",
            "1",
            &s.url("/fault/slow"),
            &s.url("/fault/cut"),
            &s.url("/fault/cut-always"),
            &s.url("/fault/500"),
        ],
    );
    assert_eq!(code, 1);
    let e = error_of(&lines[0]);
    assert!(e.contains("timed out after 2 attempts"), "{e}");
    assert_eq!(s.hits_of("/fault/slow").len(), 2);
    assert_eq!(lines[1]["relevant"], true, "cut once, then whole");
    assert_eq!(s.hits_of("/fault/cut").len(), 2);
    let e = error_of(&lines[2]);
    assert!(e.contains("after 2 attempts"), "{e}");
    let e = error_of(&lines[3]);
    assert!(
        e.contains("HTTP 500") && e.contains("after 2 attempts"),
        "{e}"
    );
    assert_eq!(lines[3]["source"]["status"], 500);
}

#[test]
fn bodies_over_the_limit_are_refused() {
    let s = Server::start();
    let cache = temp_dir("fetch-limit");
    let (lines, code, _) = extract(
        &cache,
        &[
            "--max-bytes",
            "100000",
            &s.url("/fault/big"),
            &s.url("/fault/big-declared"),
            &s.url("/fault/bomb"),
            &s.url(A),
        ],
    );
    assert_eq!(code, 1);
    for line in &lines[..3] {
        let e = error_of(line);
        assert!(e.contains("larger than the limit of 100000 bytes"), "{e}");
    }
    assert_eq!(lines[3]["relevant"], true);
    // Not retried.
    assert_eq!(s.hits_of("/fault/big").len(), 1);
    assert_eq!(s.hits_of("/fault/bomb").len(), 1);
}

#[test]
fn redirects_are_followed_and_loops_stopped() {
    let s = Server::start();
    let cache = temp_dir("fetch-redirect");
    let (lines, code, _) = extract(
        &cache,
        &[&s.url("/fault/redirect"), &s.url("/fault/loop-a")],
    );
    assert_eq!(code, 1);
    assert_eq!(lines[0]["source"]["url"], s.url("/fault/redirect"));
    assert_eq!(
        lines[0]["source"]["final_url"],
        s.url(&format!("/{FAULT_ARTICLE}"))
    );
    assert_eq!(lines[0]["relevant"], true);
    let e = error_of(&lines[1]);
    assert!(e.contains("redirect loop"), "{e}");
    assert_eq!(s.hits_of("/fault/loop-a").len(), 1);
    assert_eq!(s.hits_of("/fault/loop-b").len(), 1);
}

#[test]
fn compressed_and_chunked_bodies_are_read() {
    let s = Server::start();
    let cache = temp_dir("fetch-encodings");
    let paths = [
        "/fault/500-then-200",
        "/fault/gzip",
        "/fault/deflate",
        "/fault/brotli",
        "/fault/chunked",
        "/fault/image",
    ];
    let urls: Vec<String> = paths.iter().map(|p| s.url(p)).collect();
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let (lines, code, _) = extract(&cache, &args);
    assert_eq!(code, 1);
    let sha = lines[0]["source"]["sha256"].clone();
    assert!(sha.is_string());
    for (line, path) in lines[1..5].iter().zip(&paths[1..5]) {
        assert_eq!(line["source"]["sha256"], sha, "{path}");
        assert_eq!(line["relevant"], true, "{path}");
    }
    let e = error_of(&lines[5]);
    assert!(
        e.contains("not an article") && e.contains("image/png"),
        "{e}"
    );
}

#[test]
fn the_cache_revalidates_and_serves_offline() {
    let s = Server::start();
    let cache = temp_dir("fetch-cache");
    let (first, code, _) = extract(&cache, &[&s.url(A), &s.url(C)]);
    assert_eq!(code, 0);
    assert!(s.hits().iter().all(|h| !h.conditional()));
    s.clear();
    // A second run sends only revalidation requests.
    let (second, code, _) = extract(&cache, &[&s.url(A), &s.url(C)]);
    assert_eq!(code, 0);
    let hits = s.hits();
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert!(hits.iter().all(|h| h.conditional()), "{hits:?}");
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a["source"]["sha256"], b["source"]["sha256"]);
        assert_eq!(a["bloc"], b["bloc"]);
    }
    // Offline: no request at all, and an uncached URL is an error line.
    s.clear();
    let (offline, code, _) = extract(&cache, &["--offline", &s.url(A), &s.url(C), &s.url(D)]);
    assert_eq!(code, 1);
    assert!(s.hits().is_empty());
    assert_eq!(offline[0]["source"]["sha256"], first[0]["source"]["sha256"]);
    assert_eq!(offline[1]["source"]["encoding"], "windows-1258");
    assert!(error_of(&offline[2]).contains("not in the cache (--offline)"));
}
