//! `bench`: how fast each stage of the pipeline runs, over a generated corpus.
//!
//! The corpus is made from the bundled fixtures (`fixtures/seeds`, `fixtures/articles`,
//! `fixtures/html`, `fixtures/encodings`): each article takes a fixture, shifts its years and
//! days, swaps its province and unit names for others of the gazetteers, reorders its middle
//! paragraphs, and (for the HTML corpus) is wrapped into one of three page layouts, a news
//! portal, an old table layout and a WordPress theme, of about 8 KB; a share of the HTML
//! pages are the HTML fixtures themselves, varied the same way. Articles are generated in
//! batches just before they are timed, so memory does not grow with the corpus.
//!
//! ```sh
//! cargo run --release --bin bench -- [--articles N] [--threads N] [--only text|html]
//! cargo run --release --bin bench -- --write-corpus DIR   # the corpus as files, for `thidua extract`
//! cargo run --release --bin bench -- --patterns DIR        # with your pattern files, as `extract --patterns`
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use regex::Regex;

use thidua::article::Hints;
use thidua::extract::Context;
use thidua::patterns::Patterns;
use thidua::record::{Record, SCHEMA_VERSION};
use thidua::{Options, Pipeline};

const BATCH: usize = 64;

fn main() {
    let mut articles = 10_000usize;
    let mut threads = 2usize;
    let mut only: Option<Kind> = None;
    let mut write: Option<PathBuf> = None;
    let mut pattern_dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--articles" => articles = value().parse().unwrap_or_else(|_| usage("--articles N")),
            "--threads" => threads = value().parse().unwrap_or_else(|_| usage("--threads N")),
            "--only" => {
                only = Some(match value().as_str() {
                    "text" => Kind::Text,
                    "html" => Kind::Html,
                    _ => usage("--only text|html"),
                })
            }
            "--write-corpus" => write = Some(PathBuf::from(value())),
            "--patterns" => pattern_dir = Some(PathBuf::from(value())),
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let generator = Generator::new(fixtures());
    if let Some(dir) = write {
        write_corpus(&generator, &dir, articles, only);
        return;
    }
    let patterns = match &pattern_dir {
        Some(dir) => Patterns::with_dir(dir).unwrap_or_else(|e| usage(&e.to_string())),
        None => Patterns::builtin().expect("built-in patterns"),
    };
    let new_stages = || Stages {
        pipeline: Pipeline::new(&patterns, Options::default()).expect("pipeline"),
    };
    let stages = new_stages();
    println!(
        "thidua bench: {articles} generated articles of each kind, batches of {BATCH}, {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "memory with the rules compiled: {:.1} MiB resident",
        memory_kib("VmRSS") as f64 / 1024.0
    );
    let mut stages = Some(stages);
    for kind in [Kind::Text, Kind::Html] {
        if only.is_some_and(|o| o != kind) {
            continue;
        }
        // Each kind runs with a pipeline of its own, as one run of `thidua extract` has one.
        // A regex keeps each thread's caches in a slot chosen by the thread's id, so the
        // second kind's new worker threads would otherwise add a set of caches beside the
        // first kind's, which no single run holds.
        let stages = stages.take().unwrap_or_else(new_stages);
        run(&generator, &stages, kind, articles, threads);
        println!(
            "  memory: {:.1} MiB resident now, {:.1} MiB at the peak so far",
            memory_kib("VmRSS") as f64 / 1024.0,
            memory_kib("VmHWM") as f64 / 1024.0
        );
        drop(stages);
        release_freed_memory();
    }
    println!(
        "peak memory (VmHWM): {:.1} MiB",
        memory_kib("VmHWM") as f64 / 1024.0
    );
}

fn usage(message: &str) -> ! {
    if !message.is_empty() {
        eprintln!("bench: {message}");
    }
    eprintln!("usage: bench [--articles N] [--threads N] [--only text|html] [--write-corpus DIR] [--patterns DIR]");
    std::process::exit(2)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "html",
        }
    }
}

/// The pipeline, whose stages are also run one by one.
struct Stages {
    pipeline: Pipeline,
}

/// Time and bytes of one stage.
#[derive(Default, Clone, Copy)]
struct Meter {
    /// Wall-clock time.
    time: Duration,
    /// CPU time of the threads doing the work (which other processes on the machine do not
    /// inflate).
    cpu: Duration,
    bytes: usize,
    items: usize,
}

impl Meter {
    fn line(&self, name: &str) -> String {
        let s = self.time.as_secs_f64();
        format!(
            "  {name:<11} {:>8.0} articles/s {:>7.1} MB/s | {:>8.0} articles per CPU-s | {:.2} s, {:.1} MB in",
            self.items as f64 / s,
            self.bytes as f64 / 1e6 / s,
            self.items as f64 / self.cpu.as_secs_f64(),
            s,
            self.bytes as f64 / 1e6
        )
    }
}

/// Wall-clock and this thread's CPU time at a start.
struct Clock {
    wall: Instant,
    cpu: Duration,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu(),
        }
    }
}

/// Give the memory freed so far back to the system (glibc keeps it for later allocations),
/// so that the next kind's run starts from what a process of its own would hold.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    extern "C" {
        fn malloc_trim(pad: usize) -> i32;
    }
    // SAFETY: malloc_trim only returns free heap memory to the system.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// The CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec of the platform's layout (64-bit Linux).
    if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(t.sec as u64, t.nsec as u32)
}

/// Elsewhere, no CPU time: the per-CPU-second column is then meaningless.
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu() -> Duration {
    Duration::ZERO
}

fn run(generator: &Generator, stages: &Stages, kind: Kind, articles: usize, threads: usize) {
    let batches = articles.div_ceil(BATCH);
    let batch_range = |b: usize| b * BATCH..((b + 1) * BATCH).min(articles);

    // Each stage alone, one thread.
    let mut meters = [Meter::default(); 7];
    let mut sink = Sink::default();
    for b in 0..batches {
        let batch: Vec<Vec<u8>> = batch_range(b).map(|i| generator.article(kind, i)).collect();
        stage_batch(stages, &batch, &mut meters, &mut sink);
    }
    println!(
        "{} corpus: {} articles, {:.1} MB, {:.1} KB an article",
        kind.name(),
        articles,
        meters[6].bytes as f64 / 1e6,
        meters[6].bytes as f64 / 1e3 / articles as f64
    );
    println!(" stages, one thread (MB/s of each stage's own input):");
    for (i, name) in [
        "decode",
        "html",
        "normalize",
        "article",
        "extract",
        "json",
        "end to end",
    ]
    .iter()
    .enumerate()
    {
        println!("{}", meters[i].line(name));
    }

    // End to end, on 1 and on `threads` threads.
    let one = end_to_end(generator, stages, kind, articles, 1);
    println!("{}", one.line("1 thread"));
    if threads > 1 {
        let many = end_to_end(generator, stages, kind, articles, threads);
        println!("{}", many.line(&format!("{threads} threads")));
        // On a machine where other work competes for the cores, the wall-clock ratio says
        // little; the CPU time an article takes on `threads` threads against on one does.
        println!(
            "  speed-up    {:.2}x with {threads} threads (wall clock); CPU time an article takes: {:.2}x that of one thread",
            one.time.as_secs_f64() / many.time.as_secs_f64(),
            (many.cpu.as_secs_f64() / many.items as f64) / (one.cpu.as_secs_f64() / one.items as f64)
        );
    }
    std::hint::black_box(sink.bytes);
}

/// Run every stage over a batch, one stage at a time, then the whole pipeline.
fn stage_batch(stages: &Stages, batch: &[Vec<u8>], meters: &mut [Meter; 7], sink: &mut Sink) {
    let n = batch.len();
    let t = Clock::start();
    let decoded: Vec<_> = batch
        .iter()
        .map(|b| thidua::decode::decode(b, None))
        .collect();
    add(&mut meters[0], t, batch.iter().map(Vec::len).sum(), n);

    let t = Clock::start();
    let raw: Vec<(String, Hints)> = decoded
        .iter()
        .map(|d| {
            if thidua::html::looks_like_html(&d.text) {
                let page = thidua::html::parse(&d.text);
                let hints = Hints {
                    title: page.title,
                    published: page.published,
                    author: page.author,
                };
                (page.blocks.join("\n"), hints)
            } else {
                (d.text.clone(), Hints::default())
            }
        })
        .collect();
    add(
        &mut meters[1],
        t,
        decoded.iter().map(|d| d.text.len()).sum(),
        n,
    );
    drop(decoded);

    let t = Clock::start();
    let normalized: Vec<_> = raw
        .iter()
        .map(|(text, _)| thidua::normalize::normalize(text))
        .collect();
    add(&mut meters[2], t, raw.iter().map(|r| r.0.len()).sum(), n);

    let t = Clock::start();
    let articles: Vec<_> = normalized
        .iter()
        .zip(raw)
        .map(|(norm, (_, hints))| stages.pipeline.layout().article(&norm.text, hints))
        .collect();
    add(
        &mut meters[3],
        t,
        normalized.iter().map(|x| x.text.len()).sum(),
        n,
    );
    drop(normalized);

    let t = Clock::start();
    let records: Vec<Record> = articles
        .iter()
        .map(|a| {
            let mut record = Record {
                schema_version: SCHEMA_VERSION,
                title: a.title.clone(),
                published: a.published.clone(),
                author: a.author.clone(),
                ..Record::default()
            };
            let context = Context {
                url: None,
                published: a.published.as_deref(),
                title: a.title.as_deref(),
            };
            stages
                .pipeline
                .extractor()
                .extract(&a.text, &context, &mut record);
            record
        })
        .collect();
    add(
        &mut meters[4],
        t,
        articles.iter().map(|a| a.text.len()).sum(),
        n,
    );

    let t = Clock::start();
    let before = sink.bytes;
    for r in &records {
        serde_json::to_writer(&mut *sink, r).expect("a record serializes");
        sink.write_all(b"\n").unwrap();
    }
    add(&mut meters[5], t, 0, n);
    meters[5].bytes += sink.bytes - before;
    drop(records);

    let t = Clock::start();
    for (i, bytes) in batch.iter().enumerate() {
        let record = stages
            .pipeline
            .extract(&format!("article-{i}"), bytes, None, None);
        serde_json::to_writer(&mut *sink, &record).expect("a record serializes");
        sink.write_all(b"\n").unwrap();
    }
    add(&mut meters[6], t, batch.iter().map(Vec::len).sum(), n);
}

fn add(meter: &mut Meter, start: Clock, bytes: usize, items: usize) {
    meter.time += start.wall.elapsed();
    meter.cpu += thread_cpu().saturating_sub(start.cpu);
    meter.bytes += bytes;
    meter.items += items;
}

/// The whole pipeline and JSON output over the corpus on `threads` threads, each taking every
/// `threads`-th batch. The time is the longest any thread spent in the pipeline (generating
/// the articles is not counted).
fn end_to_end(
    generator: &Generator,
    stages: &Stages,
    kind: Kind,
    articles: usize,
    threads: usize,
) -> Meter {
    let batches = articles.div_ceil(BATCH);
    // Thread `t` of `threads` takes every `threads`-th batch.
    let work = |t: usize| {
        // As `thidua extract` does, a thread other than this one works with a copy of the
        // pipeline of its own (see `batch`); this one already searched with the original.
        let copy = (t > 0).then(|| stages.pipeline.clone());
        let pipeline = copy.as_ref().unwrap_or(&stages.pipeline);
        let mut meter = Meter::default();
        let mut sink = Sink::default();
        for b in (t..batches).step_by(threads) {
            let batch: Vec<Vec<u8>> = (b * BATCH..((b + 1) * BATCH).min(articles))
                .map(|i| generator.article(kind, i))
                .collect();
            let start = Clock::start();
            // As `thidua extract` does: the stages before the extractors over a chunk of
            // articles, then the extractors over the chunk.
            for (c, chunk) in batch.chunks(thidua::batch::CHUNK).enumerate() {
                let prepared: Vec<_> = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, bytes)| {
                        let name = format!("article-{}", c * thidua::batch::CHUNK + i);
                        pipeline.prepare(&name, bytes, None, None)
                    })
                    .collect();
                for prepared in prepared {
                    let record = pipeline.finish(prepared);
                    serde_json::to_writer(&mut sink, &record).unwrap();
                    sink.write_all(b"\n").unwrap();
                }
            }
            add(
                &mut meter,
                start,
                batch.iter().map(Vec::len).sum(),
                batch.len(),
            );
        }
        std::hint::black_box(sink.bytes);
        meter
    };
    // Thread 0 is this one, as in `thidua extract`: a regex keeps a cache for each thread
    // that uses it, so a thread more than needed would cost memory.
    let results: Vec<Meter> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|t| scope.spawn(move || work(t))).collect();
        let mut results = vec![work(0)];
        results.extend(handles.into_iter().map(|h| h.join().unwrap()));
        results
    });
    Meter {
        time: results.iter().map(|m| m.time).max().unwrap_or_default(),
        cpu: results.iter().map(|m| m.cpu).sum(),
        bytes: results.iter().map(|m| m.bytes).sum(),
        items: results.iter().map(|m| m.items).sum(),
    }
}

/// Counts what is written to it, like `/dev/null` with a meter.
#[derive(Default)]
struct Sink {
    bytes: usize,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A line of `/proc/self/status` in KiB: `VmHWM` (the peak resident set), `VmRSS` (now).
fn memory_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn write_corpus(generator: &Generator, dir: &Path, articles: usize, only: Option<Kind>) {
    std::fs::create_dir_all(dir).expect("the corpus directory can be made");
    let mut bytes = 0;
    for kind in [Kind::Text, Kind::Html] {
        if only.is_some_and(|o| o != kind) {
            continue;
        }
        for i in 0..articles {
            let article = generator.article(kind, i);
            bytes += article.len();
            let path = dir.join(format!("{}-{i:06}.{}", kind.name(), kind_ext(kind)));
            std::fs::write(&path, article).expect("a corpus file can be written");
        }
    }
    println!(
        "wrote {} articles, {:.1} MB, to {}",
        articles * if only.is_some() { 1 } else { 2 },
        bytes as f64 / 1e6,
        dir.display()
    );
}

fn kind_ext(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "txt",
        Kind::Html => "html",
    }
}

/// The bundled fixtures the corpus is made from.
struct Fixtures {
    texts: Vec<String>,
    pages: Vec<String>,
    legacy: Vec<Vec<u8>>,
}

fn fixtures() -> Fixtures {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let files = |dir: &str, ext: &str| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{}: {e}", root.join(dir).display()))
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().and_then(|e| e.to_str()) == Some(ext)
                    && !p.to_string_lossy().ends_with(".utf8.txt")
            })
            .collect();
        v.sort();
        v
    };
    let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap();
    let mut texts: Vec<String> = files("seeds", "txt").iter().map(read).collect();
    texts.extend(files("articles", "txt").iter().map(read));
    let pages: Vec<String> = files("html", "html").iter().map(read).collect();
    // The articles of the HTML fixtures, as text, are bases too.
    for page in &pages {
        let parsed = thidua::html::parse(page);
        let mut text = parsed.title.unwrap_or_default();
        for block in parsed.blocks {
            text.push('\n');
            text.push_str(&block);
        }
        texts.push(text);
    }
    let legacy = files("encodings", "txt")
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    Fixtures {
        texts,
        pages,
        legacy,
    }
}

/// SplitMix64: a small, fast, deterministic generator.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5851_F42D_4C95_7F2D)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Generator {
    fixtures: Fixtures,
    provinces: Vec<String>,
    units: Vec<String>,
    province_re: Regex,
    unit_re: Regex,
    year_re: Regex,
    day_re: Regex,
    headlines: Vec<String>,
}

impl Generator {
    fn new(fixtures: Fixtures) -> Generator {
        let patterns = Patterns::builtin().expect("built-in patterns");
        let mut provinces: Vec<String> = patterns
            .lines("provinces.tsv")
            .iter()
            .map(|l| l.field(0).to_string())
            .collect();
        let mut units: Vec<String> = patterns
            .lines("units.tsv")
            .iter()
            .map(|l| l.field(1).to_string())
            .filter(|n| n.starts_with("Sở ") || n.starts_with("Ban ") || n.starts_with("Đài "))
            .collect();
        // Longest first, so that the alternation prefers whole names.
        let alternation = |names: &mut Vec<String>| {
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
            names
                .iter()
                .map(|n| regex::escape(n))
                .collect::<Vec<_>>()
                .join("|")
        };
        let province_re = Regex::new(&format!(
            r"\b(?:{}|Hòa Phong)\b",
            alternation(&mut provinces)
        ))
        .expect("province regex");
        let unit_re =
            Regex::new(&format!(r"\b(?:{})\b", alternation(&mut units))).expect("unit regex");
        let mut headlines: Vec<String> = fixtures
            .texts
            .iter()
            .filter_map(|t| t.lines().next())
            .map(|l| l.chars().take(90).collect())
            .collect();
        headlines.extend(
            [
                "Giá xăng dầu hôm nay giảm nhẹ",
                "Tăng cường công tác phòng chống dịch bệnh mùa mưa",
                "Khai mạc Hội báo Xuân năm nay",
                "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
                "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15",
                "Thời tiết ngày mai: mưa rào và dông rải rác",
                "Kỳ họp thứ 12 Hội đồng nhân dân tỉnh bế mạc",
                "Trao học bổng cho học sinh nghèo vượt khó",
                "Ra quân tháng thanh niên",
                "Nông dân phấn khởi vì được mùa được giá",
            ]
            .map(String::from),
        );
        Generator {
            fixtures,
            provinces,
            units,
            province_re,
            unit_re,
            year_re: Regex::new(r"\b20[012]\d\b").unwrap(),
            day_re: Regex::new(r"\b(\d{1,2})/(\d{1,2})\b").unwrap(),
            headlines,
        }
    }

    /// Article `i` of a corpus: the same `i` always gives the same bytes.
    fn article(&self, kind: Kind, i: usize) -> Vec<u8> {
        let mut rng = Rng::new(i as u64 * 2 + u64::from(kind == Kind::Html));
        match kind {
            Kind::Text => {
                if rng.below(25) == 0 {
                    // An article typed in a legacy encoding: only its digits change.
                    let bytes = rng.pick(&self.fixtures.legacy);
                    let shift = rng.below(7) as u8;
                    return bytes
                        .iter()
                        .map(|&b| {
                            if b.is_ascii_digit() {
                                b'0' + (b - b'0' + shift) % 10
                            } else {
                                b
                            }
                        })
                        .collect();
                }
                let mut text = self.varied_text(&mut rng);
                if rng.below(3) == 0 {
                    // Saved with the site's clutter around it.
                    let views = rng.below(5000);
                    text = format!(
                        "Trang chủ > Tin tức > Thi đua\n{text}\nSố lượt xem: {views}\nChia sẻ\nIn bài\nTin liên quan\n{}\n{}\n",
                        rng.pick(&self.headlines),
                        rng.pick(&self.headlines)
                    );
                }
                text.into_bytes()
            }
            Kind::Html => {
                if rng.below(4) == 0 {
                    let page = rng.pick(&self.fixtures.pages).clone();
                    return self.vary(&mut rng, &page).into_bytes();
                }
                let text = self.varied_text(&mut rng);
                let layout = rng.below(3);
                self.page(&mut rng, &text, layout).into_bytes()
            }
        }
    }

    /// A text fixture with its middle paragraphs reordered, years, days, provinces and units
    /// changed.
    fn varied_text(&self, rng: &mut Rng) -> String {
        let base = rng.pick(&self.fixtures.texts);
        let mut lines: Vec<&str> = base.lines().filter(|l| !l.trim().is_empty()).collect();
        let n = lines.len();
        if n > 4 {
            // Keep the headline, lead and byline; shuffle some of the rest.
            for _ in 0..rng.below(4) {
                let a = 2 + rng.below(n - 3);
                let b = 2 + rng.below(n - 3);
                lines.swap(a, b);
            }
        }
        // Some articles are longer: a paragraph of another article appended before the end.
        let extra;
        if rng.below(3) == 0 && n > 2 {
            let other = rng.pick(&self.fixtures.texts);
            let paragraphs: Vec<&str> = other.lines().filter(|l| l.len() > 200).collect();
            if !paragraphs.is_empty() {
                extra = rng.pick(&paragraphs).to_string();
                lines.insert(n - 1, &extra);
            }
        }
        self.vary(rng, &lines.join("\n"))
    }

    /// Shift years and days, swap province and unit names.
    fn vary(&self, rng: &mut Rng, text: &str) -> String {
        let shift = rng.below(7) as i32 - 4;
        let text = self.year_re.replace_all(text, |c: &regex::Captures| {
            let y: i32 = c[0].parse().unwrap();
            (y + shift).to_string()
        });
        let day_shift = rng.below(20);
        let text = self.day_re.replace_all(&text, |c: &regex::Captures| {
            let d: usize = c[1].parse().unwrap();
            let m: usize = c[2].parse().unwrap();
            if (1..=31).contains(&d) && (1..=12).contains(&m) {
                format!("{}/{}", (d + day_shift) % 28 + 1, &c[2])
            } else {
                c[0].to_string()
            }
        });
        let province = rng.pick(&self.provinces).clone();
        let text = self.province_re.replace_all(&text, province.as_str());
        let offset = rng.below(self.units.len());
        let text = self.unit_re.replace_all(&text, |c: &regex::Captures| {
            let at = self.units.iter().position(|u| u == &c[0]).unwrap_or(0);
            self.units[(at + offset) % self.units.len()].clone()
        });
        text.into_owned()
    }

    /// A text article as a page of one of three layouts.
    fn page(&self, rng: &mut Rng, text: &str, layout: usize) -> String {
        let mut lines = text.lines();
        let title = escape(lines.next().unwrap_or(""));
        let body: Vec<String> = lines.map(escape).collect();
        let year = 2018 + rng.below(8);
        let (day, month) = (1 + rng.below(28), 1 + rng.below(12));
        let (hour, minute) = (7 + rng.below(12), rng.below(60));
        let site = rng.pick(&self.provinces).clone();
        let menu = |rng: &mut Rng, n: usize, open: &str, close: &str| -> String {
            (0..n)
                .map(|k| {
                    format!(
                        "{open}<a href=\"/chuyen-muc/{k}\">{}</a>{close}",
                        [
                            "Thời sự",
                            "Chính trị",
                            "Kinh tế",
                            "Xã hội",
                            "Văn hóa",
                            "Thể thao",
                            "Pháp luật",
                            "Giáo dục",
                            "Y tế",
                            "Quốc phòng - An ninh",
                            "Nông nghiệp",
                            "Du lịch",
                            "Thi đua - Khen thưởng",
                            "Media",
                            "Ảnh",
                            "Video",
                        ][(k + rng.below(3)) % 16]
                    )
                })
                .collect()
        };
        let links = |rng: &mut Rng, n: usize| -> String {
            (0..n)
                .map(|k| {
                    format!(
                        "<li><a href=\"/tin/{}-{k}.html\">{}</a></li>",
                        rng.below(99999),
                        escape(rng.pick::<String>(&self.headlines))
                    )
                })
                .collect()
        };
        let paragraphs: String = body
            .iter()
            .enumerate()
            .map(|(k, p)| {
                if k == 1 {
                    format!("<p>{p}</p>\n<figure class=\"image\"><img src=\"/uploads/{year}/{month:02}/hoi-nghi-{k}.jpg\" alt=\"Hội nghị\"><figcaption>Quang cảnh hội nghị.</figcaption></figure>\n")
                } else {
                    format!("<p>{p}</p>\n")
                }
            })
            .collect();
        match layout {
            0 => format!(
                r##"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title} - Báo {site} điện tử</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="Báo {site} điện tử">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{year}-{month:02}-{day:02}T{hour:02}:{minute:02}:00+07:00">
<link rel="stylesheet" href="/static/css/main.min.css?v=20240311">
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','G-8XK2M4Z');</script>
</head>
<body class="detail-page">
<header class="site-header">
 <a class="logo" href="/"><img src="/static/logo.png" alt="Báo {site}"></a>
 <div class="top-bar"><span class="today">Thứ Hai, {day:02}/{month:02}/{year}</span> <a href="/dang-nhap">Đăng nhập</a></div>
 <nav class="main-nav"><ul>{nav}</ul></nav>
</header>
<main class="container">
 <div class="row">
  <div class="col-main">
   <ul class="breadcrumbs"><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li></ul>
   <article class="article">
    <header class="article-header">
     <h1 class="article-title">{title}</h1>
     <div class="article-meta"><span class="date">{day:02}/{month:02}/{year} {hour:02}:{minute:02}</span></div>
    </header>
    <div class="share-bar"><span>Chia sẻ</span> <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#" class="print">In bài</a></div>
    <div class="article-body">
{paragraphs}    </div>
    <div class="article-tags"><span>Từ khóa:</span> <a href="/tag/thi-dua">thi đua</a> <a href="/tag/khen-thuong">khen thưởng</a></div>
    <section class="related-news"><h3>Tin liên quan</h3><ul>{related}</ul></section>
   </article>
   <div id="comments" class="comment-box"><h3>Bình luận</h3><form action="/comment"><textarea placeholder="Ý kiến của bạn"></textarea><button>Gửi bình luận</button></form></div>
  </div>
  <aside class="col-side">
   <div class="most-read"><h3>Đọc nhiều</h3><ol>{most_read}</ol></div>
   <div class="latest-news"><h3>Tin mới</h3><ul>{latest}</ul></div>
   <div class="banner"><a href="https://dichvucong.gov.vn"><img src="/static/banner-dvc.png" alt="Dịch vụ công"></a></div>
  </aside>
 </div>
</main>
<footer class="site-footer"><nav><ul>{footer_nav}</ul></nav><p>© Báo {site} điện tử. Giấy phép số {permit}/GP-BTTTT. Tổng biên tập: Nguyễn Văn An.</p><p>Địa chỉ: Số 8, đường Trần Hưng Đạo, tỉnh {site}. Điện thoại: 0209 3870 123.</p></footer>
<script src="/static/js/app.min.js?v=20240311" defer></script>
</body>
</html>
"##,
                nav = menu(rng, 24, "<li>", "</li>"),
                related = links(rng, 6),
                most_read = links(rng, 10),
                latest = links(rng, 8),
                footer_nav = menu(rng, 10, "<li>", "</li>"),
                permit = 100 + rng.below(900),
            ),
            1 => format!(
                r##"<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Cổng thông tin điện tử tỉnh {site}</title>
<style>body{{font-family:Arial;font-size:13px}} .title{{font-weight:bold;font-size:16px;color:#003399}} td.menu a{{display:block;padding:3px}}</style>
</head>
<body>
<table width="980" align="center" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="2" class="banner"><img src="/images/banner.jpg" width="980" height="150" alt="Cổng thông tin điện tử tỉnh {site}"></td></tr>
<tr>
<td class="menu" width="200" valign="top">{menu}</td>
<td class="content" valign="top">
<span class="title">{title}</span><br>
<span class="date">Cập nhật ngày: {day:02}/{month:02}/{year}</span><br>
{paragraphs}
<br><a href="javascript:window.print()">In trang</a> | <a href="javascript:history.back()">Quay lại</a>
<p><b>Các tin khác:</b></p><ul>{others}</ul>
</td>
</tr>
<tr><td colspan="2" class="footer" align="center">Cơ quan chủ quản: Ủy ban nhân dân tỉnh {site}<br>Địa chỉ: Số 1, đường Lê Lợi<br>Số lượt truy cập: {visits}</td></tr>
</table>
</body>
</html>
"##,
                menu = menu(rng, 30, "", "<br>"),
                others = links(rng, 12),
                visits = rng.below(9_000_000),
            ),
            _ => format!(
                r##"<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<title>{title} &#8211; Trang tin {site}</title>
<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3' type='text/css' media='all' />
<link rel='stylesheet' id='theme-style-css' href='/wp-content/themes/news/style.css?ver=1.2' type='text/css' media='all' />
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"Article","headline":"{title}","datePublished":"{year}-{month:02}-{day:02}T{hour:02}:{minute:02}:00+07:00"}}</script>
</head>
<body class="post-template-default single single-post postid-{post} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">Trang tin {site}</a></p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{menu}</ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{post}" class="post-{post} post type-post status-publish format-standard hentry category-tin-tuc">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{year}-{month:02}-{day:02}T{hour:02}:{minute:02}:00+07:00">{day:02}/{month:02}/{year}</time></span></div></header>
<div class="entry-content">
{paragraphs}</div>
<footer class="entry-footer"><span class="cat-links">Chuyên mục: <a href="/category/tin-tuc" rel="category tag">Tin tức</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/p/{prev}" rel="prev">{prev_title}</a></div></div></nav>
</main></div>
<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form role="search" method="get" class="search-form" action="/"><input type="search" class="search-field" placeholder="Tìm kiếm &hellip;" name="s"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>{recent}</ul></section>
<section class="widget widget_top_posts"><h2 class="widget-title">Xem nhiều</h2><ul>{popular}</ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Trang tin {site} &copy; {year}. Vận hành bởi WordPress.</div></footer>
</div>
<script src='/wp-content/themes/news/js/navigation.js?ver=1.2' id='news-navigation-js'></script>
</body>
</html>
"##,
                menu = menu(rng, 20, "<li class=\"menu-item\">", "</li>"),
                post = 1000 + rng.below(90000),
                prev = rng.below(90000),
                prev_title = escape(rng.pick::<String>(&self.headlines)),
                recent = links(rng, 10),
                popular = links(rng, 8),
            ),
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
