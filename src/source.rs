//! Where articles come from: files, directories (walked for .txt, .html, .htm, and WARC
//! files), stdin, WARC files (`.warc`, `.warc.gz`) and URLs (fetched by [`crate::fetch`]).
//! Reading checks what a user would want told rather than silently mis-extracted: a missing,
//! unreadable, empty, binary or oversized input is an [`InputError`] naming the reason.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default limit on an input's size.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// One input as the user named it (a path, `-`, a WARC file or a URL).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Stdin,
    /// A WARC file: every HTML response record in it is an article.
    Warc(PathBuf),
    /// An `http` or `https` URL, fetched.
    Url(String),
}

impl Input {
    /// The input as given, for the record's `source.input`.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) | Input::Warc(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Url(u) => u.clone(),
        }
    }
}

/// Why an input could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Missing,
    Unreadable(String),
    Empty,
    Binary(&'static str),
    TooLarge { size: u64, limit: u64 },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Missing => write!(f, "no such file or directory"),
            InputError::Unreadable(e) => write!(f, "cannot be read: {e}"),
            InputError::Empty => write!(f, "is empty"),
            InputError::Binary(what) => write!(f, "is not text ({what})"),
            InputError::TooLarge { size, limit } => {
                write!(
                    f,
                    "is too large ({size} bytes; the limit is {limit}, see --max-bytes)"
                )
            }
        }
    }
}

/// Expand the paths the user gave into inputs: files as they are, directories walked
/// recursively (sorted, so the output order is stable) for article files.
/// A path that does not exist is kept, so that reading it reports the error in its place.
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if let Some(url) = path.to_str().filter(|p| is_url(p)) {
            inputs.push(Input::Url(url.trim().to_string()));
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            inputs.extend(found.into_iter().map(file_input));
        } else {
            inputs.push(file_input(path.clone()));
        }
    }
    inputs
}

/// Whether an argument is a URL to fetch (`http://`, `https://`) rather than a path.
pub fn is_url(arg: &str) -> bool {
    let a = arg.trim_start().as_bytes();
    let starts = |p: &str| a.len() >= p.len() && a[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    starts("http://") || starts("https://")
}

fn file_input(path: PathBuf) -> Input {
    if crate::warc::is_warc_path(&path) {
        Input::Warc(path)
    } else {
        Input::File(path)
    }
}

/// The entries of a list file (`--urls FILE`, `-` for stdin): one path, WARC file or URL a
/// line; blank lines and lines starting with `#` are skipped.
pub fn read_list(list: &Path) -> Result<Vec<PathBuf>, String> {
    let text = if list.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read the list from standard input: {e}"))?;
        s
    } else {
        std::fs::read_to_string(list)
            .map_err(|e| format!("cannot read the list {}: {e}", list.display()))?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(PathBuf::from)
        .collect())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // An unreadable directory is reported as an input of its own.
        out.push(dir.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if is_article_file(&path) || crate::warc::is_warc_path(&path) {
            out.push(path);
        }
    }
}

/// Whether a file in a walked directory is an article: `.txt`, `.html`, `.htm`.
pub fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "html" | "htm")
    )
}

/// Read an input's bytes, at most `limit` of them.
pub fn read(input: &Input, limit: u64) -> Result<Vec<u8>, InputError> {
    let bytes = match input {
        Input::Stdin => read_limited(std::io::stdin().lock(), limit)?,
        Input::Url(_) => {
            return Err(InputError::Unreadable(
                "is a URL: it is fetched, not read".into(),
            ))
        }
        Input::File(path) | Input::Warc(path) => {
            let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => InputError::Missing,
                _ => InputError::Unreadable(e.to_string()),
            })?;
            if meta.is_dir() {
                return Err(InputError::Unreadable("is a directory".into()));
            }
            if meta.len() > limit {
                return Err(InputError::TooLarge {
                    size: meta.len(),
                    limit,
                });
            }
            let file =
                std::fs::File::open(path).map_err(|e| InputError::Unreadable(e.to_string()))?;
            read_limited(file, limit)?
        }
    };
    check(&bytes)?;
    Ok(bytes)
}

fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Refuse what is not an article's text: nothing, images and other binary files.
pub fn check(bytes: &[u8]) -> Result<(), InputError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Empty);
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1F\x8B", "gzip-compressed data"),
        (b"RIFF", "a RIFF (WebP, WAV) file"),
        (b"\x7FELF", "an executable"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Err(InputError::Binary(what));
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && bytes.contains(&0) {
        return Err(InputError::Binary("it contains NUL bytes"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_oversized() {
        assert_eq!(check(b"  \n"), Err(InputError::Empty));
        assert_eq!(
            check(b"\x89PNG\r\n"),
            Err(InputError::Binary("a PNG image"))
        );
        assert!(matches!(check(b"abc\0def"), Err(InputError::Binary(_))));
        assert_eq!(check(b"\xFF\xFEa\0"), Ok(()));
        assert!(matches!(
            read_limited(&b"0123456789"[..], 5),
            Err(InputError::TooLarge { .. })
        ));
        assert_eq!(read_limited(&b"01234"[..], 5).unwrap(), b"01234");
    }

    #[test]
    fn missing_file_is_reported() {
        let input = Input::File(PathBuf::from("/nonexistent/thidua/x.txt"));
        assert_eq!(read(&input, 100), Err(InputError::Missing));
    }

    #[test]
    fn urls_and_warc_files_are_inputs_of_their_own() {
        let args: Vec<PathBuf> = [
            "https://baobackan.com.vn/a.html",
            "HTTP://x.vn/",
            "a.warc.gz",
            "b.WARC",
            "c.html",
            "-",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            expand(&args),
            [
                Input::Url("https://baobackan.com.vn/a.html".into()),
                Input::Url("HTTP://x.vn/".into()),
                Input::Warc("a.warc.gz".into()),
                Input::Warc("b.WARC".into()),
                Input::File("c.html".into()),
                Input::Stdin,
            ]
        );
        assert!(read(&Input::Url("http://x.vn/".into()), 10).is_err());
        let list = std::env::temp_dir().join(format!("thidua-list-{}.txt", std::process::id()));
        std::fs::write(&list, "# urls\nhttp://x.vn/a\n\n  saved.html  \n").unwrap();
        assert_eq!(
            read_list(&list).unwrap(),
            [PathBuf::from("http://x.vn/a"), PathBuf::from("saved.html")]
        );
        std::fs::remove_file(&list).unwrap();
    }

    #[test]
    fn directories_are_walked_in_order() {
        let dir = std::env::temp_dir().join(format!("thidua-walk-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for name in ["b.txt", "a.html", "sub/c.htm", "skip.json"] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let inputs = expand(std::slice::from_ref(&dir));
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                i.name()
                    .trim_start_matches(&dir.display().to_string())
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["/a.html", "/b.txt", "/sub/c.htm"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
