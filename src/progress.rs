//! Progress of a batch run on standard error: a bar (indicatif) when standard error is a
//! terminal, a plain line every few seconds when `--progress` asks for it elsewhere (a log),
//! and a summary line at the end.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::batch::Summary;

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Nothing but the error messages of the inputs that failed.
    Off,
    /// A bar redrawn in place (standard error is a terminal).
    Bar,
    /// A line now and then, for a log (`--progress` when standard error is not a terminal).
    Lines,
}

impl Mode {
    /// The mode a command line asks for: `quiet` wins, `forced` (`--progress`) shows
    /// progress even when standard error is not a terminal.
    pub fn choose(quiet: bool, forced: bool) -> Mode {
        use std::io::IsTerminal;
        let terminal = std::io::stderr().is_terminal();
        match (quiet, forced, terminal) {
            (true, _, _) => Mode::Off,
            (false, _, true) => Mode::Bar,
            (false, true, false) => Mode::Lines,
            (false, false, false) => Mode::Off,
        }
    }
}

/// How often the plain lines of [`Mode::Lines`] are written.
const LINE_EVERY: Duration = Duration::from_secs(5);

/// The progress display of one run.
pub struct Progress {
    mode: Mode,
    bar: Option<ProgressBar>,
    total: Option<u64>,
    start: Instant,
    last: Instant,
}

impl Progress {
    /// A display for a run over `total` inputs (`None` when the count is not known, as for
    /// a list read from standard input).
    pub fn new(mode: Mode, total: Option<u64>) -> Progress {
        let bar = (mode == Mode::Bar).then(|| {
            let (bar, template) = match total {
                Some(n) => (
                    ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
                    "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} inputs, {msg}, {eta} left",
                ),
                None => (
                    ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                    "{spinner} {elapsed_precise} {pos} inputs, {msg}",
                ),
            };
            let style = ProgressStyle::with_template(template)
                .expect("a valid template")
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(counts(&Summary::default(), 0.0));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let now = Instant::now();
        Progress {
            mode,
            bar,
            total,
            start: now,
            last: now,
        }
    }

    /// No display at all (errors are still reported).
    pub fn off() -> Progress {
        Progress::new(Mode::Off, None)
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Write a message line on standard error, above the bar.
    pub fn message(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{text}")),
            None => eprintln!("{text}"),
        }
    }

    /// Show the counts so far.
    pub fn update(&mut self, summary: &Summary) {
        if self.mode == Mode::Off {
            return;
        }
        let now = Instant::now();
        let rate = rate(summary.inputs, now - self.start);
        if let Some(bar) = &self.bar {
            bar.set_position(summary.inputs as u64);
            if now - self.last >= Duration::from_millis(100) {
                self.last = now;
                bar.set_message(counts(summary, rate));
            }
        } else if now - self.last >= LINE_EVERY {
            self.last = now;
            let done = match self.total {
                Some(n) => format!("{}/{n} inputs", summary.inputs),
                None => count(summary.inputs, "input"),
            };
            let left = match self.total {
                Some(n) if rate > 0.0 => {
                    let secs = n.saturating_sub(summary.inputs as u64) as f64 / rate;
                    format!(", {} left", duration(Duration::from_secs_f64(secs)))
                }
                _ => String::new(),
            };
            eprintln!(
                "thidua: {done}, {}, {} elapsed{left}",
                counts(summary, rate),
                duration(now - self.start)
            );
        }
    }

    /// Clear the bar and write the summary line (not in [`Mode::Off`]).
    pub fn finish(&mut self, summary: &Summary) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if self.mode == Mode::Off {
            return;
        }
        eprintln!("thidua: {}", self.summary_line(summary));
    }

    /// The summary of a run: inputs, records, relevant, errors, time.
    pub fn summary_line(&self, summary: &Summary) -> String {
        let elapsed = self.start.elapsed();
        let mut line = format!(
            "done: {}, {} ({} relevant), {} in {} ({:.1} inputs/s)",
            count(summary.inputs, "input"),
            count(summary.records, "record"),
            summary.relevant,
            count(summary.failed, "error"),
            duration(elapsed),
            rate(summary.inputs, elapsed)
        );
        match summary.resumed {
            0 => {}
            1 => line.push_str("; 1 line was already in the output"),
            n => line.push_str(&format!("; {n} lines were already in the output")),
        }
        line
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

fn rate(inputs: usize, elapsed: Duration) -> f64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 {
        inputs as f64 / secs
    } else {
        0.0
    }
}

fn counts(summary: &Summary, rate: f64) -> String {
    format!(
        "{rate:.1}/s, {}, {} relevant, {}",
        count(summary.records, "record"),
        summary.relevant,
        count(summary.failed, "error")
    )
}

/// `1 error`, `2 errors`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `4.2 s`, `3 min 05 s`, `2 h 07 min`.
fn duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else if secs < 3600.0 {
        let s = secs as u64;
        format!("{} min {:02} s", s / 60, s % 60)
    } else {
        let m = secs as u64 / 60;
        format!("{} h {:02} min", m / 60, m % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(Duration::from_millis(4200)), "4.2 s");
        assert_eq!(duration(Duration::from_secs(185)), "3 min 05 s");
        assert_eq!(duration(Duration::from_secs(7620)), "2 h 07 min");
    }

    #[test]
    fn the_summary_names_every_count() {
        let p = Progress::off();
        let line = p.summary_line(&Summary {
            inputs: 3,
            records: 2,
            relevant: 1,
            failed: 1,
            resumed: 2,
        });
        assert!(line.starts_with("done: 3 inputs, 2 records (1 relevant), 1 error in "));
        assert!(
            line.ends_with("; 2 lines were already in the output"),
            "{line}"
        );
    }
}
