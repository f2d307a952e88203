//! `thidua extract` over inputs of every kind: files and stdin (read here), WARC files
//! (every HTML response record in them) and URLs (fetched concurrently, politely). Results
//! come out in the order of the inputs, an error line in the place of each that failed.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::fetch::{self, FetchError, Fetcher};
use crate::record::{ErrorLine, Format, Record, Source};
use crate::source::Input;
use crate::warc::{self, WarcWriter};
use crate::Pipeline;

/// One output line: a record, or the error line of an input that failed.
pub type Output = Result<Record, Box<ErrorLine>>;

/// What a run gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub records: usize,
    pub failed: usize,
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

/// Run `pipeline` on every input, handing each result to `emit` in input order. `url` is
/// where saved files were published (`--url`). The network is touched only when some
/// input is a URL.
pub fn run(
    pipeline: &Pipeline,
    inputs: &[Input],
    url: Option<&str>,
    network: &Network,
    emit: &mut dyn FnMut(&Output) -> io::Result<()>,
) -> Result<Summary, String> {
    let mut summary = Summary::default();
    let mut out = |result: Output| -> Result<(), String> {
        match &result {
            Ok(_) => summary.records += 1,
            Err(e) => {
                eprintln!("thidua: {}", e.error);
                summary.failed += 1;
            }
        }
        emit(&result).map_err(|e| format!("cannot write: {e}"))
    };
    if !inputs.iter().any(|i| matches!(i, Input::Url(_))) {
        for input in inputs {
            local(pipeline, input, url, &mut out)?;
        }
        return Ok(summary);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))?;
    let warc = open_warc(network.warc.as_deref(), &network.config, "thidua extract")?;
    let fetcher = Arc::new(Fetcher::new(network.config.clone(), warc)?);
    // URLs are fetched ahead, at most this many at once waiting for their turn.
    let window = network.config.concurrency.max(1) * 4;
    runtime.block_on(async {
        enum Pending<'a> {
            Local(&'a Input),
            Fetch(
                String,
                tokio::task::JoinHandle<Result<fetch::Page, FetchError>>,
            ),
        }
        let mut pending: VecDeque<Pending> = VecDeque::new();
        let mut inputs = inputs.iter();
        loop {
            let exhausted = match inputs.next() {
                Some(Input::Url(u)) => {
                    let f = Arc::clone(&fetcher);
                    let target = u.clone();
                    let task = tokio::spawn(async move { f.fetch(&target).await });
                    pending.push_back(Pending::Fetch(u.clone(), task));
                    false
                }
                Some(input) => {
                    pending.push_back(Pending::Local(input));
                    false
                }
                None => true,
            };
            // Emit from the front while it is ready, or while the window is full.
            while let Some(front) = pending.front() {
                let ready = match front {
                    Pending::Local(_) => true,
                    Pending::Fetch(_, task) => {
                        task.is_finished() || exhausted || pending.len() > window
                    }
                };
                if !ready {
                    break;
                }
                match pending.pop_front().expect("a front") {
                    Pending::Local(input) => local(pipeline, input, url, &mut out)?,
                    Pending::Fetch(u, task) => {
                        let result = match task.await {
                            Ok(Ok(page)) => fetch::record(pipeline, &page),
                            Ok(Err(e)) => Err(fetch::error_line(&u, &e)),
                            Err(e) => Err(Box::new(ErrorLine {
                                source: Source {
                                    input: u.clone(),
                                    url: Some(u.clone()),
                                    ..Source::default()
                                },
                                error: format!("{u}: the fetch failed: {e}"),
                            })),
                        };
                        out(result)?;
                    }
                }
            }
            if exhausted && pending.is_empty() {
                return Ok::<(), String>(());
            }
        }
    })?;
    Ok(summary)
}

/// A file, stdin or WARC file.
fn local(
    pipeline: &Pipeline,
    input: &Input,
    url: Option<&str>,
    out: &mut dyn FnMut(Output) -> Result<(), String>,
) -> Result<(), String> {
    match input {
        Input::Warc(path) => warc_file(pipeline, path, out),
        _ => out(pipeline.run(input, url)),
    }
}

/// Every HTML response record of a WARC file.
pub fn warc_file(
    pipeline: &Pipeline,
    path: &Path,
    out: &mut dyn FnMut(Output) -> Result<(), String>,
) -> Result<(), String> {
    let name = path.display().to_string();
    let max_bytes = pipeline.options.max_bytes;
    let error = |url: Option<String>, message: String| {
        Err(Box::new(ErrorLine {
            source: Source {
                input: name.clone(),
                url,
                format: Some(Format::Warc),
                ..Source::default()
            },
            error: format!("{name}: {message}"),
        }))
    };
    let reader = match warc::open(path, max_bytes.saturating_add(1 << 20)) {
        Ok(r) => r,
        Err(e) => return out(error(None, e.to_string())),
    };
    let mut pages = 0usize;
    for record in reader {
        let record = match record {
            Ok(r) => r,
            Err(e) => return out(error(None, e.to_string())),
        };
        match warc::html_page(&record, max_bytes) {
            Ok(Some(page)) => {
                pages += 1;
                out(Ok(fetch::warc_record(pipeline, &name, &page)))?;
            }
            Ok(None) => {}
            Err(e) => {
                pages += 1;
                let uri = record.header("WARC-Target-URI").map(str::to_string);
                out(error(
                    uri.clone(),
                    format!("{}: {e}", uri.unwrap_or_default()),
                ))?;
            }
        }
    }
    if pages == 0 {
        return out(error(None, "holds no HTML response record".into()));
    }
    Ok(())
}
