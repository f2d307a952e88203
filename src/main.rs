//! The `thidua` command line: a thin layer over the library's [`thidua::Pipeline`].

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use thidua::output::{self, Style};
use thidua::patterns::Patterns;
use thidua::{source, Options, Pipeline};

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
        after_help = "Examples:\n  thidua extract fixtures/articles/bac-kan-2023.txt\n  thidua extract --jsonl -o records.jsonl fixtures/\n  thidua extract --url https://baobackan.com.vn/x.html --with-text saved.html\n  cat page.html | thidua extract -"
    )]
    Extract {
        /// Files, directories (walked for .txt, .html, .htm) or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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

fn load_patterns(dir: Option<&PathBuf>) -> Result<Patterns, String> {
    match dir {
        Some(d) => Patterns::with_dir(d),
        None => Patterns::builtin(),
    }
    .map_err(|e| format!("bad pattern file: {e}"))
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
            let pipeline =
                Pipeline::new(&patterns, Options::default()).map_err(|e| e.to_string())?;
            let report = thidua::eval::evaluate(&pipeline, &corpus, gold.as_deref()).map_err(|e| e.to_string())?;
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
        Command::Extract {
            paths,
            url,
            with_text,
            jsonl,
            output,
            patterns,
            max_bytes,
        } => {
            let patterns = load_patterns(patterns.as_ref())?;
            let options = Options {
                with_text,
                max_bytes,
            };
            let pipeline = Pipeline::new(&patterns, options).map_err(|e| e.to_string())?;
            let inputs = source::expand(&paths);
            if inputs.is_empty() {
                return Err("no article files (.txt, .html, .htm) found in the given paths".into());
            }
            let style = if jsonl || inputs.len() > 1 {
                Style::Lines
            } else {
                Style::Pretty
            };
            let mut out: Box<dyn Write> = match &output {
                Some(path) => Box::new(BufWriter::new(
                    std::fs::File::create(path)
                        .map_err(|e| format!("cannot create {}: {e}", path.display()))?,
                )),
                None => Box::new(BufWriter::new(std::io::stdout().lock())),
            };
            let mut failed = 0usize;
            for input in &inputs {
                let result = pipeline.run(input, url.as_deref());
                if let Err(e) = &result {
                    eprintln!("thidua: {}", e.error);
                    failed += 1;
                }
                output::write(&mut out, style, &result)
                    .map_err(|e| format!("cannot write: {e}"))?;
                if output.is_some() {
                    out.flush().map_err(|e| format!("cannot write: {e}"))?;
                }
            }
            out.flush().map_err(|e| format!("cannot write: {e}"))?;
            if failed > 0 {
                eprintln!("thidua: {failed} of {} inputs failed", inputs.len());
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
