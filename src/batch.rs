//! `thidua extract` over inputs of every kind: files and stdin (read here), WARC files
//! (every HTML response record in them) and URLs (fetched concurrently, politely). Results
//! come out in the order of the inputs, an error line in the place of each that failed.
//!
//! How a run goes: a feeder thread takes the inputs one after another (the paths given,
//! then the lines of each list as they are read, so that a list on standard input streams)
//! and cuts them into slots, one per output line: a file is one slot, a WARC file one per
//! HTML response in it, a URL one (fetched on a small tokio runtime, politely, by
//! [`Fetcher`]). `jobs` worker threads read and extract the slots; the calling thread
//! writes their lines in slot order, each as soon as every line before it is written. At
//! most [`Config::window`] slots are between the feeder and the output at once, so memory
//! does not grow with the number of inputs.
//!
//! Resuming ([`Done`]): the lines already in an output file are matched to the inputs that
//! gave them (a URL by itself, a file by its path and the SHA-256 of its bytes, a WARC
//! record by the file, its target URI and the SHA-256 of its body), and those inputs give
//! no line again.

use std::collections::{HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::fetch::{self, Fetcher};
use crate::pipeline::{sha256_hex, Prepared};
use crate::progress::Progress;
use crate::record::{ErrorLine, Format, Record, Source};
use crate::source::{self, Input};
use crate::warc::{self, WarcWriter};
use crate::Pipeline;

/// One output line: a record, or the error line of an input that failed.
pub type Output = Result<Record, Box<ErrorLine>>;

/// What a run gave. With `--resume`, the lines already in the output count too (and
/// `resumed` says how many they were), so that the counts are those of the whole file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub records: usize,
    pub failed: usize,
    /// Records about a bloc conference.
    pub relevant: usize,
    /// Inputs done (a WARC file is one input, however many lines it gives).
    pub inputs: usize,
    /// Lines that were already in the output (`--resume`).
    pub resumed: usize,
}

/// How URLs are fetched and archived.
#[derive(Debug, Clone, Default)]
pub struct Network {
    pub config: fetch::Config,
    /// Write every request and response to this WARC file.
    pub warc: Option<PathBuf>,
}

/// The `warcinfo` record of a run.
pub fn warcinfo(config: &fetch::Config, command: &str) -> String {
    format!(
        "software: thidua/{}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\nhttp-header-user-agent: {}\r\nrobots: obey\r\ndescription: {command}\r\n",
        env!("CARGO_PKG_VERSION"),
        config.user_agent
    )
}

/// Open the WARC output of a run, when one is asked for.
pub fn open_warc(
    path: Option<&Path>,
    config: &fetch::Config,
    command: &str,
) -> Result<Option<Arc<WarcWriter>>, String> {
    match path {
        None => Ok(None),
        Some(p) => WarcWriter::create(p, &warcinfo(config, command))
            .map(|w| Some(Arc::new(w)))
            .map_err(|e| format!("cannot write the WARC file {}: {e}", p.display())),
    }
}

/// The number of inputs extracted at once by default: one per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// How a batch run goes.
#[derive(Debug)]
pub struct Config<'a> {
    /// Where saved files were published (`--url`).
    pub url: Option<&'a str>,
    pub network: &'a Network,
    /// Worker threads extracting at once.
    pub jobs: usize,
    /// The lines already in the output (`--resume`); empty for a fresh run.
    pub done: Done,
}

impl<'a> Config<'a> {
    pub fn new(url: Option<&'a str>, network: &'a Network) -> Config<'a> {
        Config {
            url,
            network,
            jobs: default_jobs(),
            done: Done::default(),
        }
    }

    /// The most slots (output lines) between the feeder and the output at once: enough to
    /// keep every worker and every allowed request busy while the line at the head waits.
    /// Each worker may hold a chunk of them (`CHUNK`).
    pub fn window(&self) -> usize {
        self.jobs.max(self.network.config.concurrency).max(1) * 4 + self.jobs.max(1) * CHUNK
    }
}

// ---------------------------------------------------------------------------------------
// Inputs

/// The inputs of a run, taken as the run goes: the inputs given, then the entries of each
/// list (`--urls FILE`, `-` for standard input: one path, directory, WARC file or URL a
/// line; blank lines and `#` comments skipped), read line by line by a thread of their own.
pub struct Inputs {
    given: std::vec::IntoIter<Input>,
    lists: std::vec::IntoIter<(String, Box<dyn Read + Send>)>,
    lines: Option<(String, Receiver<Result<String, String>>)>,
    expanded: VecDeque<Input>,
    stdin_is_list: bool,
}

impl Inputs {
    /// Inputs known up front.
    pub fn given(given: Vec<Input>) -> Inputs {
        Inputs {
            given: given.into_iter(),
            lists: Vec::new().into_iter(),
            lines: None,
            expanded: VecDeque::new(),
            stdin_is_list: false,
        }
    }

    /// `given`, then the entries of `lists`. Every list is opened now, so that a missing
    /// one is reported before anything is done.
    pub fn with_lists(given: Vec<Input>, lists: &[PathBuf]) -> Result<Inputs, String> {
        let mut opened: Vec<(String, Box<dyn Read + Send>)> = Vec::new();
        let mut stdin_is_list = false;
        for list in lists {
            if list.as_os_str() == "-" {
                if stdin_is_list {
                    return Err("standard input can be read as a list only once".into());
                }
                stdin_is_list = true;
                opened.push(("from standard input".into(), Box::new(io::stdin())));
            } else {
                let file = File::open(list)
                    .map_err(|e| format!("cannot read the list {}: {e}", list.display()))?;
                opened.push((list.display().to_string(), Box::new(file)));
            }
        }
        if stdin_is_list && given.contains(&Input::Stdin) {
            return Err(
                "`-` cannot be both an input and the list (--urls -): standard input is read once"
                    .into(),
            );
        }
        Ok(Inputs {
            lists: opened.into_iter(),
            stdin_is_list,
            ..Inputs::given(given)
        })
    }

    /// The number of inputs, when it can be known without reading standard input: the
    /// given ones and the entries of the list files (directories counted as walked).
    pub fn count(given: &[Input], lists: &[PathBuf]) -> Option<u64> {
        let mut n = given.len() as u64;
        for list in lists {
            if list.as_os_str() == "-" {
                return None;
            }
            for line in BufReader::new(File::open(list).ok()?).lines() {
                let line = line.ok()?;
                let entry = line.trim();
                if entry.is_empty() || entry.starts_with('#') {
                    continue;
                }
                n += if !source::is_url(entry) && Path::new(entry).is_dir() {
                    source::expand(&[PathBuf::from(entry)]).len() as u64
                } else {
                    1
                };
            }
        }
        Some(n)
    }

    /// The next input; `None` at the end, or once `stop` is set (checked while waiting for
    /// a line of a list).
    fn next_input(&mut self, stop: &AtomicBool) -> Option<Result<Input, String>> {
        loop {
            if let Some(input) = self.expanded.pop_front() {
                return Some(Ok(input));
            }
            if let Some(input) = self.given.next() {
                return Some(Ok(input));
            }
            if let Some((name, lines)) = &self.lines {
                match lines.recv_timeout(Duration::from_millis(100)) {
                    Ok(Ok(entry)) => {
                        self.expanded
                            .extend(source::expand(&[PathBuf::from(entry)]));
                    }
                    Ok(Err(e)) => {
                        let message = format!("cannot read the list {name}: {e}");
                        self.lines = None;
                        return Some(Err(message));
                    }
                    Err(RecvTimeoutError::Timeout) => {
                        if stop.load(Ordering::Relaxed) {
                            return None;
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => self.lines = None,
                }
                continue;
            }
            let (name, reader) = self.lists.next()?;
            let (tx, rx) = mpsc::sync_channel(256);
            // Not joined: a thread waiting for standard input must not hold up the end of
            // a run that stopped (the output was closed).
            std::thread::spawn(move || read_lines(reader, tx));
            self.lines = Some((name, rx));
        }
    }
}

/// Send the entries of a list, one a line, until its end or an error.
fn read_lines(reader: Box<dyn Read + Send>, tx: SyncSender<Result<String, String>>) {
    let mut reader = BufReader::new(reader);
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        let entry = match reader.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => match std::str::from_utf8(&line) {
                Ok(text) => {
                    let entry = text.trim();
                    if entry.is_empty() || entry.starts_with('#') {
                        continue;
                    }
                    Ok(entry.to_string())
                }
                Err(_) => Err(format!("line {number} is not UTF-8")),
            },
            Err(e) => Err(e.to_string()),
        };
        let failed = entry.is_err();
        if tx.send(entry).is_err() || failed {
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Resuming

/// The lines already in an output file, by the input that gave them (`--resume`).
#[derive(Debug, Default)]
pub struct Done {
    lines: Mutex<HashMap<Key, Vec<Kind>>>,
    len: usize,
}

/// What identifies the input of a line, hashed (16 bytes a line, however long its names):
/// a URL as given (it is not fetched again to compare its content); a file, stdin or WARC
/// record by the input as given, the URL (`--url`, or the record's target URI) and the
/// SHA-256 of its bytes (none for an error line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key([u8; 16]);

impl Key {
    fn of(input: &str, url: Option<&str>, sha256: Option<&str>, format: Option<Format>) -> Key {
        let mut h = Sha256::new();
        if format != Some(Format::Warc) && source::is_url(input) {
            h.update(b"url\0");
            h.update(input.as_bytes());
        } else {
            h.update(b"local\0");
            for part in [Some(input), url, sha256] {
                match part {
                    Some(p) => {
                        h.update(b"\x01");
                        h.update(p.as_bytes());
                        h.update(b"\0");
                    }
                    None => h.update(b"\x02"),
                }
            }
        }
        let mut key = [0u8; 16];
        key.copy_from_slice(&h.finalize()[..16]);
        Key(key)
    }

    fn url(url: &str) -> Key {
        Key::of(url, None, None, None)
    }

    fn of_error(line: &ErrorLine) -> Key {
        let s = &line.source;
        Key::of(&s.input, s.url.as_deref(), s.sha256.as_deref(), s.format)
    }
}

/// What a line already written was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kind {
    error: bool,
    relevant: bool,
}

/// The fields of an output line that say where it came from.
#[derive(Deserialize)]
struct Line {
    source: LineSource,
    relevant: Option<bool>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct LineSource {
    input: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    format: Option<Format>,
}

impl Done {
    /// Read the output of an earlier run (none when `path` does not exist). An incomplete
    /// last line (the run was stopped while writing it) is cut off the file: the number of
    /// bytes cut is returned, and its input is done again. A line that is not a record or
    /// an error line of `thidua extract` is an error: nothing is appended to such a file.
    pub fn load(path: &Path) -> Result<(Done, u64), String> {
        let file = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Done::default(), 0)),
            Err(e) => return Err(format!("cannot resume into {}: {e}", path.display())),
        };
        let size = file
            .metadata()
            .map_err(|e| format!("cannot resume into {}: {e}", path.display()))?
            .len();
        let mut reader = BufReader::new(&file);
        let mut done = Done::default();
        let lines = done.lines.get_mut().expect("not poisoned");
        let mut complete = 0u64;
        let mut buf = Vec::new();
        let mut number = 0usize;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if n == 0 || buf.last() != Some(&b'\n') {
                break;
            }
            number += 1;
            complete += n as u64;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let not_ours = |why: String| {
                format!(
                    "{}:{number}: not a line of `thidua extract --jsonl` ({why}); not resuming into it",
                    path.display()
                )
            };
            let line: Line = serde_json::from_slice(&buf).map_err(|e| not_ours(e.to_string()))?;
            let kind = match (&line.error, line.relevant) {
                (Some(_), _) => Kind {
                    error: true,
                    relevant: false,
                },
                (None, Some(relevant)) => Kind {
                    error: false,
                    relevant,
                },
                (None, None) => return Err(not_ours("neither a record nor an error".into())),
            };
            let s = &line.source;
            let key = Key::of(&s.input, s.url.as_deref(), s.sha256.as_deref(), s.format);
            lines.entry(key).or_default().push(kind);
            done.len += 1;
        }
        let cut = size - complete;
        if cut > 0 {
            file.set_len(complete).map_err(|e| {
                format!(
                    "cannot cut the incomplete last line of {}: {e}",
                    path.display()
                )
            })?;
        }
        Ok((done, cut))
    }

    /// How many lines there are.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Take one line of `key`, when there is one left.
    fn take(&self, key: &Key) -> Option<Kind> {
        if self.len == 0 {
            return None;
        }
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        let kinds = lines.get_mut(key)?;
        let kind = kinds.remove(0);
        if kinds.is_empty() {
            lines.remove(key);
        }
        Some(kind)
    }

    /// An error line, or nothing when it is already in the output.
    fn check_error(&self, line: Box<ErrorLine>) -> Filled {
        match self.take(&Key::of_error(&line)) {
            Some(kind) => (None, Some(kind)),
            None => (Some(Err(line)), None),
        }
    }
}

/// What fills a slot: its line, or what the line already written for it was.
type Filled = (Option<Output>, Option<Kind>);

// ---------------------------------------------------------------------------------------
// The run

/// Work for the extracting threads.
enum Job {
    /// A file or stdin: read and extract.
    Read { slot: u64, input: Input },
    /// An HTML page of a WARC file.
    Warc {
        slot: u64,
        name: String,
        page: warc::Page,
    },
    /// A URL's page, or the error line of its fetch.
    Fetched {
        slot: u64,
        url: String,
        page: Result<fetch::Page, Box<ErrorLine>>,
    },
}

impl Job {
    fn slot(&self) -> u64 {
        match self {
            Job::Read { slot, .. } | Job::Warc { slot, .. } | Job::Fetched { slot, .. } => *slot,
        }
    }

    /// The input, for an error line (`source.input`) and its URL.
    fn source(&self) -> Source {
        match self {
            Job::Read { input, .. } => Source {
                input: input.name(),
                ..Source::default()
            },
            Job::Warc { name, page, .. } => Source {
                input: name.clone(),
                url: Some(page.target_uri.clone()),
                format: Some(Format::Warc),
                ..Source::default()
            },
            Job::Fetched { url, .. } => Source {
                input: url.clone(),
                url: Some(url.clone()),
                ..Source::default()
            },
        }
    }
}

/// One output line's place, and what fills it.
struct Slot {
    index: u64,
    line: Option<Output>,
    /// The line was already in the output (`--resume`).
    resumed: Option<Kind>,
    /// The last slot of its input.
    ends_input: bool,
}

/// The network part of a run, started at the first URL.
struct Net {
    runtime: tokio::runtime::Runtime,
    fetcher: Arc<Fetcher>,
}

fn start_network(network: &Network) -> Result<Net, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))?;
    let warc = open_warc(network.warc.as_deref(), &network.config, "thidua extract")?;
    let fetcher = Arc::new(Fetcher::new(network.config.clone(), warc)?);
    Ok(Net { runtime, fetcher })
}

/// Run `pipeline` on every input, handing each result to `emit` in input order, with
/// [`Config::new`]'s defaults (all cores, no resuming) and error messages on stderr.
pub fn run(
    pipeline: &Pipeline,
    inputs: &[Input],
    url: Option<&str>,
    network: &Network,
    emit: &mut dyn FnMut(&Output) -> io::Result<()>,
) -> Result<Summary, String> {
    let config = Config::new(url, network);
    run_with(
        pipeline,
        Inputs::given(inputs.to_vec()),
        &config,
        &mut Progress::off(),
        emit,
    )
}

/// Run `pipeline` on every input with `config`, handing each line to `emit` in input order
/// as soon as the lines before it are out. The network is touched only when some input is
/// a URL. The error of each input that failed goes to `progress` (standard error).
pub fn run_with(
    pipeline: &Pipeline,
    mut inputs: Inputs,
    config: &Config,
    progress: &mut Progress,
    emit: &mut dyn FnMut(&Output) -> io::Result<()>,
) -> Result<Summary, String> {
    let stop = AtomicBool::new(false);
    let net: OnceLock<Result<Net, String>> = OnceLock::new();
    let mut summary = Summary::default();
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(config.window());
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (result_tx, result_rx) = mpsc::channel::<Slot>();
    let job_rx = Mutex::new(job_rx);
    let outcome = std::thread::scope(|scope| {
        let feeder = {
            let (stop, net, result_tx) = (&stop, &net, result_tx.clone());
            std::thread::Builder::new()
                .name("thidua-feeder".into())
                .spawn_scoped(scope, move || {
                    let mut feeder = Feeder {
                        pipeline,
                        config,
                        tokens: token_tx,
                        next: 0,
                        jobs: job_tx,
                        results: result_tx,
                        net,
                        stdin_is_list: inputs.stdin_is_list,
                    };
                    while let Some(input) = inputs.next_input(stop) {
                        if feeder.input(input?)?.is_none() {
                            break;
                        }
                    }
                    Ok::<(), String>(())
                })
                .map_err(|e| format!("cannot start a thread: {e}"))?
        };
        for n in 0..config.jobs.max(1) {
            let (stop, job_rx, result_tx) = (&stop, &job_rx, result_tx.clone());
            std::thread::Builder::new()
                .name(format!("thidua-worker-{n}"))
                .spawn_scoped(scope, move || {
                    // A worker of its own copy: the regex crate gives the first thread that
                    // searches with a regex its cache without a lock, and every other thread
                    // takes one from a shared pool at each search (a tenth of a worker's time
                    // with two). The copies share the compiled rules.
                    let pipeline = pipeline.clone();
                    work(&pipeline, config, job_rx, result_tx, stop)
                })
                .map_err(|e| format!("cannot start a thread: {e}"))?;
        }
        drop(result_tx);
        let written = write_in_order(result_rx, token_rx, progress, &mut summary, emit);
        if written.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        let fed = feeder
            .join()
            .unwrap_or_else(|_| Err("internal error: the feeder thread panicked".into()));
        written.and(fed)
    });
    if let Some(Ok(net)) = net.into_inner() {
        if outcome.is_err() {
            net.runtime.shutdown_background();
        }
    }
    outcome.map(|()| summary)
}

/// Write the lines in slot order, as soon as each is there; counts and progress.
fn write_in_order(
    results: Receiver<Slot>,
    tokens: Receiver<()>,
    progress: &mut Progress,
    summary: &mut Summary,
    emit: &mut dyn FnMut(&Output) -> io::Result<()>,
) -> Result<(), String> {
    let mut waiting: HashMap<u64, Slot> = HashMap::new();
    let mut next = 0u64;
    for slot in results.iter() {
        waiting.insert(slot.index, slot);
        while let Some(slot) = waiting.remove(&next) {
            next += 1;
            // A place in the window is free again.
            let _ = tokens.try_recv();
            if let Some(kind) = slot.resumed {
                summary.resumed += 1;
                if kind.error {
                    summary.failed += 1;
                } else {
                    summary.records += 1;
                    summary.relevant += usize::from(kind.relevant);
                }
            }
            if let Some(line) = slot.line {
                match &line {
                    Ok(record) => {
                        summary.records += 1;
                        summary.relevant += usize::from(record.relevant);
                    }
                    Err(e) => {
                        progress.message(&format!("thidua: {}", e.error));
                        summary.failed += 1;
                    }
                }
                emit(&line).map_err(|e| format!("cannot write: {e}"))?;
            }
            summary.inputs += usize::from(slot.ends_input);
            progress.update(summary);
        }
    }
    if !waiting.is_empty() {
        return Err(format!(
            "internal error: {} results came after one that never came",
            waiting.len()
        ));
    }
    Ok(())
}

/// How many queued jobs a worker takes at once. It runs the stages before the field
/// extractors (decode, html, normalize, layout) over all of them, then the extractors over
/// all of them: the extractors' regex tables stay in the CPU's cache from one article to the
/// next instead of being pushed out by the HTML parser's at every article, which makes a
/// run about a fifth faster (README, "Speed"). Only jobs already waiting are taken, so a
/// slow list of inputs (a mapper's standard input) is not held back.
pub const CHUNK: usize = 32;

/// The extracting threads: take jobs until there are no more (or the run stopped).
fn work(
    pipeline: &Pipeline,
    config: &Config,
    jobs: &Mutex<Receiver<Job>>,
    results: Sender<Slot>,
    stop: &AtomicBool,
) {
    loop {
        let chunk = {
            let jobs = jobs.lock().unwrap_or_else(|e| e.into_inner());
            let first = match jobs.recv_timeout(Duration::from_millis(100)) {
                Ok(job) => job,
                Err(RecvTimeoutError::Timeout) if !stop.load(Ordering::Relaxed) => continue,
                Err(_) => return,
            };
            let mut chunk = vec![first];
            while chunk.len() < CHUNK {
                match jobs.try_recv() {
                    Ok(job) => chunk.push(job),
                    Err(_) => break,
                }
            }
            chunk
        };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let begun: Vec<(u64, Source, bool, Begun)> = chunk
            .into_iter()
            .map(|job| {
                let index = job.slot();
                let source = job.source();
                let ends_input = !matches!(job, Job::Warc { .. });
                let begun = guarded(&source, || begin(pipeline, config, job))
                    .unwrap_or_else(|line| Begun::Done((Some(Err(line)), None)));
                (index, source, ends_input, begun)
            })
            .collect();
        for (index, source, ends_input, begun) in begun {
            let (line, resumed) = match begun {
                Begun::Done(filled) => filled,
                Begun::Prepared(prepared) => {
                    (Some(guarded(&source, || pipeline.finish(prepared))), None)
                }
            };
            let slot = Slot {
                index,
                line,
                resumed,
                ends_input,
            };
            if results.send(slot).is_err() {
                return;
            }
        }
    }
}

/// A step of one job, whose panic (a bug in an extractor) costs its input a line, not
/// the run: the error line.
fn guarded<T>(source: &Source, step: impl FnOnce() -> T) -> Result<T, Box<ErrorLine>> {
    catch_unwind(AssertUnwindSafe(step)).map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Box::new(ErrorLine {
            source: source.clone(),
            error: format!("{}: internal error: {why}", source.input),
        })
    })
}

/// A job after its first half: its line, or its article ready for the extractors.
enum Begun {
    Done(Filled),
    Prepared(Prepared),
}

/// Read (or take) one job's article and run the stages before the extractors; a job
/// fetched from the network is done whole.
fn begin(pipeline: &Pipeline, config: &Config, job: Job) -> Begun {
    let done = &config.done;
    match job {
        Job::Read { input, .. } => {
            let bytes = match pipeline.read(&input, config.url) {
                Ok(bytes) => bytes,
                Err(line) => return Begun::Done(done.check_error(line)),
            };
            let name = input.name();
            if !done.is_empty() {
                let sha256 = sha256_hex(&bytes);
                let key = Key::of(&name, config.url, Some(&sha256), None);
                if let Some(kind) = done.take(&key) {
                    return Begun::Done((None, Some(kind)));
                }
            }
            Begun::Prepared(pipeline.prepare(&name, &bytes, config.url, None))
        }
        Job::Warc { name, page, .. } => {
            if !done.is_empty() {
                let sha256 = sha256_hex(&page.body);
                let key = Key::of(
                    &name,
                    Some(&page.target_uri),
                    Some(&sha256),
                    Some(Format::Warc),
                );
                if let Some(kind) = done.take(&key) {
                    return Begun::Done((None, Some(kind)));
                }
            }
            Begun::Prepared(fetch::warc_prepare(pipeline, &name, &page))
        }
        // Whether the URL was done is known before it is fetched.
        Job::Fetched { page, .. } => {
            Begun::Done((Some(page.and_then(|p| fetch::record(pipeline, &p))), None))
        }
    }
}

/// Takes the inputs one after another and cuts them into slots. Its methods give `None`
/// when the run stopped (the output was closed).
struct Feeder<'a> {
    pipeline: &'a Pipeline,
    config: &'a Config<'a>,
    /// One token a slot in flight: sending blocks while the window is full.
    tokens: SyncSender<()>,
    next: u64,
    jobs: Sender<Job>,
    results: Sender<Slot>,
    net: &'a OnceLock<Result<Net, String>>,
    stdin_is_list: bool,
}

impl Feeder<'_> {
    /// The next slot, once there is room for it in the window.
    fn slot(&mut self) -> Option<u64> {
        self.tokens.send(()).ok()?;
        self.next += 1;
        Some(self.next - 1)
    }

    /// A slot filled here.
    fn fill(&mut self, (line, resumed): Filled, ends_input: bool) -> Option<()> {
        let index = self.slot()?;
        self.results
            .send(Slot {
                index,
                line,
                resumed,
                ends_input,
            })
            .ok()
    }

    fn input(&mut self, input: Input) -> Result<Option<()>, String> {
        match input {
            Input::Url(url) => self.url(url),
            Input::Warc(path) => Ok(self.warc(&path)),
            Input::Stdin if self.stdin_is_list => {
                let line = Box::new(ErrorLine {
                    source: Source {
                        input: "-".into(),
                        url: self.config.url.map(str::to_string),
                        ..Source::default()
                    },
                    error: "-: standard input is the list of inputs (--urls -), not an article"
                        .into(),
                });
                let filled = self.config.done.check_error(line);
                Ok(self.fill(filled, true))
            }
            input => {
                let slot = self.slot();
                Ok(slot.and_then(|slot| self.jobs.send(Job::Read { slot, input }).ok()))
            }
        }
    }

    /// A URL: fetched on the runtime, then extracted by a worker.
    fn url(&mut self, url: String) -> Result<Option<()>, String> {
        if let Some(kind) = self.config.done.take(&Key::url(&url)) {
            return Ok(self.fill((None, Some(kind)), true));
        }
        let Some(slot) = self.slot() else {
            return Ok(None);
        };
        let net = self
            .net
            .get_or_init(|| start_network(self.config.network))
            .as_ref()
            .map_err(Clone::clone)?;
        let fetcher = Arc::clone(&net.fetcher);
        let target = url.clone();
        let fetching = net
            .runtime
            .spawn(async move { fetcher.fetch(&target).await });
        let jobs = self.jobs.clone();
        net.runtime.spawn(async move {
            let page = match fetching.await {
                Ok(Ok(page)) => Ok(page),
                Ok(Err(e)) => Err(fetch::error_line(&url, &e)),
                Err(e) => Err(Box::new(ErrorLine {
                    source: Source {
                        input: url.clone(),
                        url: Some(url.clone()),
                        ..Source::default()
                    },
                    error: format!("{url}: the fetch failed: {e}"),
                })),
            };
            let _ = jobs.send(Job::Fetched { slot, url, page });
        });
        Ok(Some(()))
    }

    /// A WARC file: a slot for every HTML response record (extracted by the workers), then
    /// one that ends the input (an error line when the file cannot be read on or holds no
    /// HTML response).
    fn warc(&mut self, path: &Path) -> Option<()> {
        let name = path.display().to_string();
        let max_bytes = self.pipeline.options.max_bytes;
        let error = |url: Option<String>, message: String| {
            Box::new(ErrorLine {
                source: Source {
                    input: name.clone(),
                    url,
                    format: Some(Format::Warc),
                    ..Source::default()
                },
                error: format!("{name}: {message}"),
            })
        };
        let reader = match warc::open(path, max_bytes.saturating_add(1 << 20)) {
            Ok(r) => r,
            Err(e) => {
                let filled = self.config.done.check_error(error(None, e.to_string()));
                return self.fill(filled, true);
            }
        };
        let mut pages = 0usize;
        for record in reader {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let filled = self.config.done.check_error(error(None, e.to_string()));
                    return self.fill(filled, true);
                }
            };
            match warc::html_page(&record, max_bytes) {
                Ok(Some(page)) => {
                    pages += 1;
                    let slot = self.slot()?;
                    self.jobs
                        .send(Job::Warc {
                            slot,
                            name: name.clone(),
                            page,
                        })
                        .ok()?;
                }
                Ok(None) => {}
                Err(e) => {
                    pages += 1;
                    let uri = record.header("WARC-Target-URI").map(str::to_string);
                    let message = format!("{}: {e}", uri.clone().unwrap_or_default());
                    let filled = self.config.done.check_error(error(uri, message));
                    self.fill(filled, false)?;
                }
            }
        }
        if pages == 0 {
            let line = error(None, "holds no HTML response record".into());
            let filled = self.config.done.check_error(line);
            return self.fill(filled, true);
        }
        self.fill((None, None), true)
    }
}
