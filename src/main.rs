//! The `thidua` command line: a thin layer over the library's [`thidua::Pipeline`].

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use thidua::output::{self, Style};
use thidua::patterns::Patterns;
use thidua::source::{self, Input};
use thidua::{Options, Pipeline};

/// Turn Vietnamese press articles about emulation-bloc conferences (Khối thi đua, Cụm thi
/// đua) into structured, traceable JSON records.
#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    after_help = "Exit status: 0 when every input gave a record, 1 when some input could not be read (its error is printed in its place), 2 for bad usage or bad pattern files."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the record of each article (plain text or HTML, any Vietnamese encoding).
    #[command(
        after_help = "Examples:\n  thidua extract fixtures/articles/bac-kan-2023.txt\n  thidua extract --jsonl -o records.jsonl fixtures/\n  thidua extract --jsonl -o records.jsonl --resume fixtures/   # go on after an interruption\n  thidua extract --url https://baobackan.com.vn/x.html --with-text saved.html\n  cat page.html | thidua extract -\n  find archive/ -name '*.warc.gz' | thidua extract --jsonl --urls -   # a mapper: one line per input\n\nExit status: 0 when every input gave a record, 1 when some input failed (its error line is in its place), 2 for bad usage."
    )]
    Extract {
        /// Files, directories (walked for .txt, .html, .htm, .warc, .warc.gz), WARC files,
        /// http(s) URLs (fetched), or `-` for standard input.
        #[arg(required_unless_present = "urls")]
        paths: Vec<PathBuf>,
        /// Read more inputs from FILE (`-` for standard input), one path, WARC file or URL
        /// a line; may be given several times.
        #[arg(long, value_name = "FILE")]
        urls: Vec<PathBuf>,
        /// Where the saved page was published (gives the province when the text names none).
        #[arg(long)]
        url: Option<String>,
        /// Add the normalized text, so that every mention can be checked against its span.
        #[arg(long)]
        with_text: bool,
        /// Print JSON Lines even for a single input.
        #[arg(long)]
        jsonl: bool,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Extend (or, with a first line "# replace", replace) the built-in pattern files
        /// with the files of the same name in DIR.
        #[arg(long, value_name = "DIR")]
        patterns: Option<PathBuf>,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, value_name = "BYTES", default_value_t = source::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Extract this many inputs at once [default: the number of cores].
        #[arg(short, long, value_name = "N")]
        jobs: Option<usize>,
        /// Append to the output file (-o) and skip the inputs already in it (by path or
        /// URL, and content hash); an incomplete last line is cut off first.
        #[arg(long, requires = "output")]
        resume: bool,
        /// Show progress on standard error even when it is not a terminal (a line every
        /// few seconds), and a summary at the end.
        #[arg(long, conflicts_with = "quiet")]
        progress: bool,
        /// No progress bar and no summary on standard error (errors are still reported).
        #[arg(short, long)]
        quiet: bool,
        #[command(flatten)]
        net: NetArgs,
    },
    /// Crawl news sites from start pages (a home page, a "thi đua - khen thưởng"
    /// category): sitemaps, feeds and listing pages lead to the links that look like bloc
    /// conference articles (cues in patterns/crawl.tsv); each is extracted and the relevant
    /// records written as JSON Lines.
    #[command(
        after_help = "Examples:\n  thidua crawl https://baobackan.com.vn/thi-dua-khen-thuong/ -o records.jsonl --warc crawl.warc.gz\n  thidua crawl --resume https://baobackan.com.vn/thi-dua-khen-thuong/ -o records.jsonl\n\nExit status: 0 when every page fetched gave its record, 1 when some page failed (its error line is in the output), 2 for bad usage."
    )]
    Crawl {
        /// Where to start; the crawl stays on these hosts.
        #[arg(required = true, value_name = "START_URL")]
        start: Vec<String>,
        /// The most pages fetched in this run (robots.txt not counted).
        #[arg(long, value_name = "N", default_value_t = thidua::crawl::DEFAULT_MAX_PAGES)]
        max_pages: usize,
        /// The most links followed from a start page.
        #[arg(long, value_name = "D", default_value_t = thidua::crawl::DEFAULT_MAX_DEPTH)]
        max_depth: u32,
        /// Write the records to FILE (appended to with --resume) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Go on with the crawl an interruption (or --max-pages) stopped.
        #[arg(long)]
        resume: bool,
        /// Where the frontier is kept [default: a folder per set of start URLs in the
        /// user's cache directory].
        #[arg(long, value_name = "DIR")]
        state: Option<PathBuf>,
        /// No progress line on standard error.
        #[arg(short, long)]
        quiet: bool,
        /// Add the normalized text to each record.
        #[arg(long)]
        with_text: bool,
        /// Extra pattern files, as for `extract` (crawl.tsv holds the link cues).
        #[arg(long, value_name = "DIR")]
        patterns: Option<PathBuf>,
        /// Refuse pages larger than this many bytes.
        #[arg(long, value_name = "BYTES", default_value_t = source::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        #[command(flatten)]
        net: NetArgs,
    },
    /// Print the JSON Schema of the record.
    #[command(after_help = "Example:\n  thidua schema > record.schema.json")]
    Schema,
    /// Build normalized tables (SQLite and/or CSV) of the records of many articles, for
    /// dashboards: articles, sources, blocs, members, people, officers, awards, documents,
    /// campaigns. Running again over the same records replaces rows, never duplicates them.
    #[command(
        after_help = "Examples:\n  thidua extract --jsonl -o records.jsonl fixtures/\n  thidua dataset records.jsonl --sqlite thidua.db --csv tables/\n\nExit status: 0 when every line was a record or an error line (kept in the table failed_inputs), 1 when some line or file could not be read (reported, and skipped), 2 when the dataset could not be written."
    )]
    Dataset {
        /// JSON Lines files written by `thidua extract` (`-` for standard input).
        #[arg(required = true, value_name = "RECORDS")]
        records: Vec<PathBuf>,
        /// Create or update this SQLite database.
        #[arg(long, value_name = "FILE", required_unless_present = "csv")]
        sqlite: Option<PathBuf>,
        /// Write each table as DIR/<table>.csv, with a header row.
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
    },
    /// Score extraction against a corpus with gold records (ID.txt or ID.html, optional
    /// ID.url, ID.gold.json): precision, recall and F1 per field, and the misses.
    #[command(after_help = "Example:\n  thidua eval --corpus ../shared/corpus/dev --verbose")]
    Eval {
        /// A corpus folder; may be given several times.
        #[arg(long, required = true)]
        corpus: Vec<PathBuf>,
        /// List every miss.
        #[arg(long)]
        verbose: bool,
        /// Read the gold records (ID.gold.json) from DIR instead of beside the articles.
        #[arg(long, value_name = "DIR")]
        gold: Option<PathBuf>,
        /// Extra pattern files, as for `extract`.
        #[arg(long, value_name = "DIR")]
        patterns: Option<PathBuf>,
    },
}

/// How pages are fetched: URLs given to `extract`, and `crawl`.
#[derive(clap::Args)]
struct NetArgs {
    /// Seconds between two requests to one host (longer when robots.txt asks for a
    /// Crawl-delay).
    #[arg(long, value_name = "SECONDS", default_value_t = 1.0)]
    delay: f64,
    /// The most requests in flight at once, over all hosts.
    #[arg(long, value_name = "N", default_value_t = 8)]
    concurrency: usize,
    /// Seconds to wait for a connection, or for the next bytes of a response.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
    /// Attempts after the first, on a timeout, a lost connection, 429 or 5xx.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Seconds before the first retry, doubled for each further one (with jitter).
    #[arg(long, value_name = "SECONDS", default_value_t = 0.5)]
    backoff: f64,
    /// The longest wait before a retry; a Retry-After asking for more gives up.
    #[arg(long, value_name = "SECONDS", default_value_t = 120.0)]
    max_wait: f64,
    /// The most redirects followed for one URL.
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_redirects: usize,
    /// How site owners can reach you (an email or a URL), put in the User-Agent; the
    /// environment variable THIDUA_CONTACT gives a default.
    #[arg(long, value_name = "CONTACT")]
    contact: Option<String>,
    /// The HTTP cache [default: thidua/http in the user's cache directory].
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Use no cache.
    #[arg(long, conflicts_with_all = ["cache", "offline"])]
    no_cache: bool,
    /// Serve pages from the cache only; send no request.
    #[arg(long)]
    offline: bool,
    /// Write every request and response to this WARC file (gzip per record when it ends
    /// in .gz; appended to when it exists).
    #[arg(long, value_name = "FILE")]
    warc: Option<PathBuf>,
}

impl NetArgs {
    fn network(&self, max_bytes: u64) -> Result<thidua::batch::Network, String> {
        let seconds = |name: &str, v: f64| {
            std::time::Duration::try_from_secs_f64(v)
                .map_err(|_| format!("--{name} must be a number of seconds, not {v}"))
        };
        let contact = self
            .contact
            .clone()
            .or_else(|| std::env::var("THIDUA_CONTACT").ok());
        let cache_dir = if self.no_cache {
            None
        } else {
            self.cache.clone().or_else(thidua::fetch::default_cache_dir)
        };
        let config = thidua::fetch::Config {
            user_agent: thidua::fetch::user_agent(contact.as_deref()),
            delay: seconds("delay", self.delay)?,
            concurrency: self.concurrency.max(1),
            timeout: seconds("timeout", self.timeout)?,
            retries: self.retries,
            backoff: seconds("backoff", self.backoff)?,
            max_wait: seconds("max-wait", self.max_wait)?,
            max_redirects: self.max_redirects,
            max_bytes,
            cache_dir,
            offline: self.offline,
        };
        Ok(thidua::batch::Network {
            config,
            warc: self.warc.clone(),
        })
    }
}

fn load_patterns(dir: Option<&PathBuf>) -> Result<Patterns, String> {
    match dir {
        Some(d) => Patterns::with_dir(d),
        None => Patterns::builtin(),
    }
    .map_err(|e| format!("bad pattern file: {e}"))
}

/// The pipeline over `patterns`, failing with a message a user can act on.
fn pipeline(patterns: &Patterns, options: Options) -> Result<Pipeline, String> {
    Pipeline::new(patterns, options).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("thidua: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Schema => {
            let schema = thidua::record::schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            corpus,
            verbose,
            gold,
            patterns,
        } => {
            let patterns = load_patterns(patterns.as_ref())?;
            let pipeline = pipeline(&patterns, Options::default())?;
            let report = thidua::eval::evaluate(&pipeline, &corpus, gold.as_deref())
                .map_err(|e| e.to_string())?;
            print!("{}", report.render(verbose));
            Ok(ExitCode::SUCCESS)
        }
        Command::Dataset {
            records,
            sqlite,
            csv,
        } => {
            let summary = thidua::dataset::build(&records, sqlite.as_deref(), csv.as_deref())
                .map_err(|e| e.to_string())?;
            for problem in &summary.problems {
                eprintln!("thidua: {problem}");
            }
            eprintln!("thidua: {summary}");
            Ok(if summary.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Crawl {
            start,
            max_pages,
            max_depth,
            output,
            resume,
            state,
            quiet,
            with_text,
            patterns,
            max_bytes,
            net,
        } => {
            let patterns = load_patterns(patterns.as_ref())?;
            let pipeline = pipeline(
                &patterns,
                Options {
                    with_text,
                    max_bytes,
                },
            )?;
            let network = net.network(max_bytes)?;
            let state_dir = state
                .or_else(|| thidua::crawl::default_state_dir(&start))
                .ok_or("no cache directory for the crawl state: give --state DIR")?;
            // Resuming into the same output: the records already there are not written again.
            let written = match (&output, resume) {
                (Some(path), true) => std::fs::read_to_string(path)
                    .unwrap_or_default()
                    .lines()
                    .filter_map(|l| serde_json::from_str::<thidua::record::Record>(l).ok())
                    .filter_map(|r| r.source.url)
                    .collect(),
                _ => Default::default(),
            };
            let config = thidua::crawl::Config {
                start,
                max_pages,
                max_depth,
                state_dir,
                resume,
                progress: !quiet,
                written,
            };
            let mut out: Box<dyn Write> = match &output {
                Some(path) => Box::new(BufWriter::new(
                    std::fs::OpenOptions::new()
                        .create(true)
                        .write(true)
                        .append(resume)
                        .truncate(!resume)
                        .open(path)
                        .map_err(|e| format!("cannot create {}: {e}", path.display()))?,
                )),
                None => Box::new(BufWriter::new(std::io::stdout().lock())),
            };
            let summary =
                thidua::crawl::run(&pipeline, &patterns, &config, &network, &mut |result| {
                    output::write(&mut out, Style::Lines, result)?;
                    out.flush()
                })?;
            out.flush().map_err(|e| format!("cannot write: {e}"))?;
            if summary.failed > 0 {
                eprintln!("thidua: {} pages failed", summary.failed);
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract {
            paths,
            urls,
            url,
            with_text,
            jsonl,
            output,
            patterns,
            max_bytes,
            jobs,
            resume,
            progress,
            quiet,
            net,
        } => {
            let patterns = load_patterns(patterns.as_ref())?;
            let pipeline = pipeline(
                &patterns,
                Options {
                    with_text,
                    max_bytes,
                },
            )?;
            let given = source::expand(&paths);
            if given.is_empty() && urls.is_empty() {
                return Err(
                    "no article files (.txt, .html, .htm, .warc, .warc.gz) or URLs in the given inputs"
                        .into(),
                );
            }
            let network = net.network(max_bytes)?;
            // One pretty object for one article given alone; JSON Lines for everything else
            // (several inputs, a list, a WARC file, --jsonl, --resume).
            let single = given.len() == 1 && urls.is_empty() && !matches!(given[0], Input::Warc(_));
            let style = if jsonl || resume || !single {
                Style::Lines
            } else {
                Style::Pretty
            };
            let mode = thidua::progress::Mode::choose(quiet, progress);
            let total = match mode {
                thidua::progress::Mode::Off => None,
                _ => thidua::batch::Inputs::count(&given, &urls),
            };
            let inputs = thidua::batch::Inputs::with_lists(given, &urls)?;
            let mut config = thidua::batch::Config::new(url.as_deref(), &network);
            if let Some(n) = jobs {
                if n == 0 {
                    return Err("--jobs must be at least 1".into());
                }
                config.jobs = n;
            }
            let mut out: Box<dyn Write> = match &output {
                Some(path) => {
                    if resume {
                        let (done, cut) = thidua::batch::Done::load(path)?;
                        if cut > 0 {
                            eprintln!(
                                "thidua: {}: cut an incomplete last line ({cut} bytes); its input is extracted again",
                                path.display()
                            );
                        }
                        config.done = done;
                    }
                    let file = std::fs::OpenOptions::new()
                        .create(true)
                        .write(true)
                        .append(resume)
                        .truncate(!resume)
                        .open(path)
                        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
                    Box::new(BufWriter::new(file))
                }
                None => Box::new(BufWriter::new(std::io::stdout().lock())),
            };
            let mut progress = thidua::progress::Progress::new(mode, total);
            // Every line is flushed as it is written: a reader downstream (a pipe, a
            // mapper's framework) gets it at once, and a run stopped loses at most the line
            // being written.
            let summary = thidua::batch::run_with(
                &pipeline,
                inputs,
                &config,
                &mut progress,
                &mut |result| {
                    output::write(&mut out, style, result)?;
                    out.flush()
                },
            )?;
            out.flush().map_err(|e| format!("cannot write: {e}"))?;
            progress.finish(&summary);
            if summary.failed > 0 {
                eprintln!(
                    "thidua: {} of {} inputs failed",
                    summary.failed,
                    summary.failed + summary.records
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
