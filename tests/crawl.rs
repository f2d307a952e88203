//! `thidua crawl` over the fixture site served on 127.0.0.1 by tests/support: every
//! conference article and nothing else, robots.txt and the per-host delay respected, the
//! cache revalidated, an interrupted crawl resumed.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use support::{json_lines, temp_dir, thidua, Server};

/// The conference articles of the fixture site, and where the crawl finds each.
const ARTICLES: [&str; 6] = [
    "/2023/12/khoi-thi-dua-van-hoa-xa-hoi-tong-ket-2023.html", // category page 1, sitemap
    "/2024/03/cum-thi-dua-so-3-ky-ket-giao-uoc-2024.html",     // category page 1
    "/2024/07/khoi-noi-chinh-so-ket-6-thang.html",             // page 2, windows-1258
    "/2024/01/khoi-kinh-te-tong-ket-2023.html",                // page 3, related link
    "/2023/11/hoi-nghi-tong-ket-khoi-thi-dua-doanh-nghiep-2023.html", // sitemap only
    "/2024/06/bai-viet-12345.html",                            // RSS feed only
];
const CLEANUP: &str = "/2024/04/cum-thi-dua-so-5-ra-quan-ve-sinh.html";
const NEVER: [&str; 3] = [
    "/private/hoi-nghi-cum-thi-dua-so-9.html", // robots.txt Disallow
    "/2023/12/le-tuyen-duong-dien-hinh-tien-tien.html", // not a bloc: anchor has no cue
    "/kinh-te/gia-lua-tang.html",              // market news
];

fn crawl(s: &Server, dir: &Path, extra: &[&str]) -> (Vec<Value>, i32, String) {
    let out = thidua()
        .args(["crawl", &s.url("/"), "--delay", "0.05", "--timeout", "2"])
        .args(["--state", dir.join("state").to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    (
        json_lines(&out.stdout),
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn paths(s: &Server, records: &[Value]) -> BTreeSet<String> {
    records
        .iter()
        .map(|r| {
            r["source"]["url"]
                .as_str()
                .unwrap()
                .trim_start_matches(&s.base)
                .to_string()
        })
        .collect()
}

fn expected() -> BTreeSet<String> {
    ARTICLES.iter().map(|p| p.to_string()).collect()
}

#[test]
fn a_crawl_finds_every_conference_article_and_nothing_else() {
    let s = Server::start();
    let dir = temp_dir("crawl-site");
    let cache = dir.join("cache");
    let warc = dir.join("crawl.warc.gz");
    let (records, code, stderr) = crawl(
        &s,
        &dir,
        &[
            "--cache",
            cache.to_str().unwrap(),
            "--warc",
            warc.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(paths(&s, &records), expected(), "{stderr}");
    assert_eq!(records.len(), ARTICLES.len(), "each article once");
    assert!(records.iter().all(|r| r["relevant"] == true));
    let by_url = |p: &str| {
        records
            .iter()
            .find(|r| r["source"]["url"] == s.url(p))
            .unwrap()
    };
    assert_eq!(by_url(ARTICLES[2])["source"]["encoding"], "windows-1258");

    // The server's log: robots.txt first and once, nothing disallowed or off the cue
    // words, no URL twice, one request at a time, the delay between them.
    let hits = s.hits();
    assert_eq!(hits[0].path, "/robots.txt");
    for p in NEVER {
        assert!(s.hits_of(p).is_empty(), "{p} was requested");
    }
    assert!(
        hits.iter()
            .all(|h| h.header("host") == Some(&format!("127.0.0.1:{}", s.port))),
        "a request left the start host"
    );
    let mut seen = BTreeSet::new();
    for h in &hits {
        assert!(seen.insert(h.path.clone()), "{} fetched twice", h.path);
    }
    assert_eq!(
        s.hits_of(CLEANUP).len(),
        1,
        "a cue-matching link is fetched"
    );
    assert!(s.hits_of("/sitemap.xml").len() == 1 && s.hits_of("/rss/thi-dua.rss").len() == 1);
    assert_eq!(s.max_in_flight(), 1);
    let gap = s.min_gap();
    assert!(gap >= Duration::from_millis(48), "{gap:?}");
    // Progress, then the summary line.
    assert!(
        stderr.contains("6 records") && stderr.contains("1 not relevant"),
        "{stderr}"
    );
    assert!(stderr.contains("0 queued"), "{stderr}");
    assert!(stderr.contains("1 disallowed by robots.txt"), "{stderr}");

    // A second run with the cache sends only revalidation requests, and finds the same.
    s.clear();
    let (again, code, stderr) = crawl(&s, &dir, &["--cache", cache.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(paths(&s, &again), expected());
    let hits = s.hits();
    assert_eq!(hits.len(), seen.len());
    assert!(hits.iter().all(|h| h.conditional()), "{hits:?}");

    // Offline: the same records from the cache, no request at all.
    s.clear();
    let (offline, code, stderr) =
        crawl(&s, &dir, &["--cache", cache.to_str().unwrap(), "--offline"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(paths(&s, &offline), expected());
    assert!(s.hits().is_empty());

    // The WARC holds every exchange of the first run; thidua reads the articles back.
    let out = thidua()
        .args(["extract", "--jsonl", warc.to_str().unwrap()])
        .output()
        .unwrap();
    let from_warc = json_lines(&out.stdout);
    let relevant: Vec<Value> = from_warc
        .iter()
        .filter(|r| r["relevant"] == true)
        .cloned()
        .collect();
    assert_eq!(paths(&s, &relevant), expected());
    for r in &relevant {
        assert_eq!(r["source"]["format"], "warc");
        let fetched = records
            .iter()
            .find(|x| x["source"]["url"] == r["source"]["url"])
            .unwrap();
        assert_eq!(r["source"]["sha256"], fetched["source"]["sha256"]);
        assert_eq!(r["bloc"], fetched["bloc"]);
    }
}

#[test]
fn an_interrupted_crawl_resumes_where_it_stopped() {
    let s = Server::start();
    let dir = temp_dir("crawl-resume");
    let out = dir.join("records.jsonl");
    let common = ["--no-cache", "-o", out.to_str().unwrap()];
    let (_, code, stderr) = crawl(&s, &dir, &[&common[..], &["--max-pages", "6"]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("--resume goes on"), "{stderr}");
    let first = json_lines(&std::fs::read(&out).unwrap());
    assert!(first.len() < ARTICLES.len());
    let (_, code, stderr) = crawl(&s, &dir, &[&common[..], &["--resume"]].concat());
    assert_eq!(code, 0, "{stderr}");
    let all = json_lines(&std::fs::read(&out).unwrap());
    assert_eq!(paths(&s, &all), expected());
    assert_eq!(all.len(), ARTICLES.len(), "nothing written twice");
    // Across both runs, no page was fetched twice (robots.txt is read by each run).
    let mut seen = BTreeSet::new();
    for h in s.hits().iter().filter(|h| h.path != "/robots.txt") {
        assert!(seen.insert(h.path.clone()), "{} fetched twice", h.path);
    }
}

#[test]
fn a_killed_crawl_resumes_without_loss_or_duplicates() {
    let s = Server::start();
    let dir = temp_dir("crawl-kill");
    let out = dir.join("records.jsonl");
    let state = dir.join("state");
    let args = |delay: &'static str| {
        let mut c = thidua();
        c.args([
            "crawl",
            &s.url("/"),
            "--no-cache",
            "--quiet",
            "--delay",
            delay,
        ])
        .args([
            "--state",
            state.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        c
    };
    // About 17 requests 0.15 s apart: killed after a few.
    let mut child = args("0.15").spawn().unwrap();
    std::thread::sleep(Duration::from_millis(900));
    child.kill().unwrap();
    child.wait().unwrap();
    let before = s.hits().len();
    assert!(
        before < 12,
        "{before} requests: the crawl was not interrupted"
    );
    let status = args("0.02").arg("--resume").status().unwrap();
    assert_eq!(status.code(), Some(0));
    let all = json_lines(&std::fs::read(&out).unwrap());
    assert_eq!(paths(&s, &all), expected());
    assert_eq!(all.len(), ARTICLES.len(), "nothing written twice");
}

#[test]
fn max_depth_bounds_the_crawl() {
    let s = Server::start();
    let dir = temp_dir("crawl-depth");
    // Depth 1: the home page's links (the category, the feed, the sitemap), not what
    // they lead to.
    let (records, code, stderr) = crawl(&s, &dir, &["--no-cache", "--max-depth", "1"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(records.is_empty());
    assert!(s.hits_of(ARTICLES[0]).is_empty());
    assert_eq!(s.hits_of("/thi-dua-khen-thuong/").len(), 1);
}
