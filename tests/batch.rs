//! Batch runs of `thidua extract` over a generated corpus of a few hundred inputs: the same
//! output whatever the number of jobs, a list on standard input streamed one line per input
//! in order, and an interrupted run resumed into the same file as one uninterrupted run.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{json_lines, temp_dir, thidua, Server};

const A: &str = "/2023/12/khoi-thi-dua-van-hoa-xa-hoi-tong-ket-2023.html";
const C: &str = "/2024/07/khoi-noi-chinh-so-ket-6-thang.html";

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    for dir in ["seeds", "articles", "html"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")) {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// A WARC file (plain, WARC/1.1) with `pages` HTML responses and a request record.
fn warc_file(path: &Path, pages: &[(String, Vec<u8>)]) {
    let mut out = Vec::new();
    let mut record = |kind: &str, uri: &str, n: usize, block: &[u8]| {
        let head = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-0{}T08:00:00Z\r\nContent-Type: application/http;msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            1 + n % 9,
            block.len()
        );
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
    };
    for (n, (uri, body)) in pages.iter().enumerate() {
        let request = b"GET / HTTP/1.1\r\nHost: bao.example.vn\r\n\r\n";
        record("request", uri, 2 * n, request);
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        http.extend_from_slice(body);
        record("response", uri, 2 * n + 1, &http);
    }
    std::fs::write(path, out).unwrap();
}

/// A corpus of `n` articles made from the fixtures with small variations (a line of
/// their own, so that every file has its own bytes), a WARC file (`warc_pages`) in the
/// middle, and two missing files: the list of their paths, one a line.
fn corpus(dir: &Path, n: usize) -> Vec<String> {
    let fixtures = fixture_files();
    let mut list = Vec::new();
    for i in 0..n {
        let source = &fixtures[i % fixtures.len()];
        let mut bytes = std::fs::read(source).unwrap();
        let html = source.extension().unwrap() == "html";
        let name = format!("{i:04}-{}", source.file_name().unwrap().to_str().unwrap());
        if html {
            bytes.extend_from_slice(format!("\n<!-- bản {i} -->\n").as_bytes());
        } else {
            bytes.extend_from_slice(format!("\n\nBản lưu số {i}.\n").as_bytes());
        }
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        list.push(path.display().to_string());
        if i == n / 3 {
            let pages: Vec<(String, Vec<u8>)> = fixtures
                .iter()
                .filter(|p| p.extension().unwrap() == "html")
                .chain(fixtures.iter().take(3))
                .enumerate()
                .map(|(k, p)| {
                    let mut body = std::fs::read(p).unwrap();
                    if p.extension().unwrap() == "txt" {
                        let text = String::from_utf8(body).unwrap();
                        body = format!(
                            "<html><body><p>{}</p></body></html>",
                            text.replace("\n\n", "</p><p>")
                        )
                        .into_bytes();
                    }
                    (format!("http://bao.example.vn/tin/{k}.html"), body)
                })
                .collect();
            let warc = dir.join("archive.warc");
            warc_file(&warc, &pages);
            list.push(warc.display().to_string());
        }
        if i == n / 2 || i == n - 2 {
            list.push(dir.join(format!("missing-{i}.txt")).display().to_string());
        }
    }
    list
}

fn mkdir(path: PathBuf) -> PathBuf {
    std::fs::create_dir_all(&path).unwrap();
    path
}

fn write_list(dir: &Path, name: &str, entries: &[String]) -> PathBuf {
    let path = dir.join(name);
    let mut text = String::from("# generated corpus\n");
    for e in entries {
        text.push_str(e);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn extract(args: &[&str]) -> Output {
    thidua().arg("extract").args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The number of lines a list of inputs gives: one per input, one per page of a WARC.
fn expected_lines(list: &[String]) -> usize {
    list.iter()
        .map(|e| {
            if e.ends_with(".warc") {
                warc_pages()
            } else {
                1
            }
        })
        .sum()
}

/// The pages of the corpus's WARC file: every HTML fixture and three more.
fn warc_pages() -> usize {
    let files = fixture_files();
    files
        .iter()
        .filter(|p| p.extension().unwrap() == "html")
        .count()
        + 3.min(files.len())
}

#[test]
fn the_number_of_jobs_does_not_change_the_output() {
    let dir = temp_dir("batch-jobs");
    let list = corpus(&mkdir(dir.join("in")), 150);
    let list_file = write_list(&dir, "list.txt", &list);
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "7"] {
        let out = dir.join(format!("out-{jobs}.jsonl"));
        let run = extract(&[
            "--urls",
            list_file.to_str().unwrap(),
            "-j",
            jobs,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(outputs[0], outputs[1], "-j 1 and -j 2 differ");
    assert_eq!(outputs[0], outputs[2], "-j 1 and -j 7 differ");
    // One line per input (per page of the WARC file), in the order of the list.
    let lines = json_lines(&outputs[0]);
    assert_eq!(lines.len(), expected_lines(&list));
    let mut inputs: Vec<&str> = lines
        .iter()
        .map(|l| l["source"]["input"].as_str().unwrap())
        .collect();
    inputs.dedup();
    assert_eq!(inputs, list);
    // Records of files are deterministic: nothing in them depends on the time of the run.
    for l in &lines {
        if l["source"]["format"] != "warc" {
            assert!(l["source"]["fetched_at"].is_null(), "{l}");
        }
    }
    let errors: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), 2);
    assert!(errors[0]["error"]
        .as_str()
        .unwrap()
        .contains("no such file"));
    let warc: Vec<&Value> = lines
        .iter()
        .filter(|l| l["source"]["format"] == "warc")
        .collect();
    assert_eq!(warc.len(), warc_pages());
    assert_eq!(warc[0]["source"]["url"], "http://bao.example.vn/tin/0.html");
}

#[test]
fn a_list_on_stdin_streams_one_line_per_input_in_order() {
    let dir = temp_dir("batch-stdin");
    let mut list = corpus(&dir, 12);
    list.retain(|e| !e.ends_with(".warc"));
    let mut child = thidua()
        .args(["extract", "--jsonl", "--urls", "-", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    // A guard: a run that waited for the end of its list would hang this test.
    let guard = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(60));
        let _ = Command::new("kill").arg(pid.to_string()).status();
    });
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for entry in &list {
        // Each line is answered before the next is written: the list streams.
        writeln!(stdin, "{entry}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["source"]["input"], entry.as_str(), "{line}");
        if entry.contains("missing-") {
            assert!(v["error"].as_str().unwrap().contains("no such file"), "{v}");
        } else {
            assert!(v["relevant"].is_boolean(), "{v}");
        }
    }
    drop(stdin);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "");
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "a missing file makes the exit status 1"
    );
    drop(guard);
}

/// The lines of a file, each with its newline.
fn lines_of(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|b| *b == b'\n').collect()
}

#[test]
fn an_interrupted_run_resumed_equals_an_uninterrupted_one() {
    let dir = temp_dir("batch-resume");
    let list = corpus(&mkdir(dir.join("in")), 200);
    let list_file = write_list(&dir, "list.txt", &list);
    let full_path = dir.join("full.jsonl");
    let run = extract(&[
        "--urls",
        list_file.to_str().unwrap(),
        "-o",
        full_path.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let full = std::fs::read(&full_path).unwrap();
    let full_lines = lines_of(&full);
    assert_eq!(full_lines.len(), expected_lines(&list));
    let resume = |out: &Path, list: &Path, extra: &[&str]| {
        let mut args = vec![
            "--urls",
            list.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--resume",
        ];
        args.extend_from_slice(extra);
        extract(&args)
    };

    // The first half of the list, then the whole list resumed into the same file.
    let half = write_list(&dir, "half.txt", &list[..list.len() / 2]);
    let out = dir.join("halves.jsonl");
    let first = extract(&[
        "--urls",
        half.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let second = resume(&out, &list_file, &["--progress"]);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    assert!(
        std::fs::read(&out).unwrap() == full,
        "halves differ from one run"
    );
    let summary = stderr(&second);
    assert!(
        summary.contains(&format!("done: {} inputs", list.len())),
        "{summary}"
    );
    assert!(
        summary.contains("lines were already in the output"),
        "{summary}"
    );

    // Stopped at any line, even inside the WARC file's pages or while writing a line
    // (an incomplete last line): the file is a prefix of the full output.
    let warc_first = full_lines
        .iter()
        .position(|l| l.windows(15).any(|w| w == b"\"format\":\"warc\""))
        .unwrap();
    for (cut, partial) in [
        (warc_first + 3, 0),
        (full_lines.len() / 2, 40),
        (full_lines.len() - 1, 7),
    ] {
        let out = dir.join(format!("cut-{cut}.jsonl"));
        let mut prefix: Vec<u8> = full_lines[..cut].concat();
        prefix.extend_from_slice(&full_lines[cut][..partial]);
        std::fs::write(&out, &prefix).unwrap();
        let run = resume(&out, &list_file, &["-j", "2"]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        if partial > 0 {
            assert!(
                stderr(&run).contains("cut an incomplete last line"),
                "{}",
                stderr(&run)
            );
        }
        assert!(
            std::fs::read(&out).unwrap() == full,
            "resumed after line {cut} differs"
        );
    }

    // A run killed while it writes, then resumed.
    let out = dir.join("killed.jsonl");
    let mut child = thidua()
        .args([
            "extract",
            "-j",
            "1",
            "--urls",
            list_file.to_str().unwrap(),
            "-o",
        ])
        .arg(&out)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::fs::read(&out).map(|b| lines_of(&b).len()).unwrap_or(0) < 40
        && start.elapsed() < Duration::from_secs(30)
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let written = lines_of(&std::fs::read(&out).unwrap()).len();
    eprintln!("killed after {written} of {} lines", full_lines.len());
    let run = resume(&out, &list_file, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        std::fs::read(&out).unwrap() == full,
        "killed after {written} lines and resumed: differs"
    );

    // Resuming a finished file changes nothing.
    let run = resume(&out, &list_file, &["--progress"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(std::fs::read(&out).unwrap() == full);
    assert!(
        stderr(&run).contains(&format!("{} lines were already", full_lines.len())),
        "{}",
        stderr(&run)
    );
}

#[test]
fn resume_skips_urls_already_fetched() {
    let s = Server::start();
    let dir = temp_dir("batch-resume-urls");
    let out = dir.join("out.jsonl");
    let quick = ["--delay", "0.02", "--no-cache"];
    let run = extract(
        &[
            &["--jsonl", "-o", out.to_str().unwrap(), &s.url(A)][..],
            &quick,
        ]
        .concat(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    s.clear();
    let run = extract(
        &[
            &[
                "--resume",
                "-o",
                out.to_str().unwrap(),
                &s.url(A),
                &s.url(C),
            ][..],
            &quick,
        ]
        .concat(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        s.hits_of(A).is_empty(),
        "a URL already in the output is not fetched again"
    );
    assert_eq!(s.hits_of(C).len(), 1);
    let lines = json_lines(&std::fs::read(&out).unwrap());
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"]["url"], s.url(A));
    assert_eq!(lines[1]["source"]["url"], s.url(C));
}

#[test]
fn progress_summary_and_usage() {
    let fixtures = fixture_files();
    let paths: Vec<&str> = fixtures.iter().map(|p| p.to_str().unwrap()).collect();
    // --progress shows a summary even when stderr is not a terminal; -q shows none.
    let run = extract(&[&["--jsonl", "--progress"][..], &paths].concat());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stderr(&run);
    assert!(
        text.contains(&format!(
            "done: {} inputs, {} records (",
            paths.len(),
            paths.len()
        )),
        "{text}"
    );
    assert!(text.contains(" relevant), 0 errors in "), "{text}");
    let run = extract(&[&["--jsonl", "-q"][..], &paths].concat());
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(stderr(&run), "");
    // --resume needs -o; -j 0 is refused; a file that is not thidua's output is left alone.
    let run = extract(&["--resume", paths[0]]);
    assert_eq!(run.status.code(), Some(2));
    let run = extract(&["-j", "0", paths[0]]);
    assert_eq!(run.status.code(), Some(2));
    let dir = temp_dir("batch-usage");
    let other = dir.join("notes.jsonl");
    std::fs::write(&other, "{\"a\": 1}\nhello\n").unwrap();
    let run = extract(&["--resume", "-o", other.to_str().unwrap(), paths[0]]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("notes.jsonl:1: not a line of"),
        "{}",
        stderr(&run)
    );
    assert_eq!(std::fs::read(&other).unwrap(), b"{\"a\": 1}\nhello\n");
}
