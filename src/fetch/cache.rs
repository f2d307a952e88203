//! The on-disk HTTP cache: one entry per URL, its response as received (status, headers,
//! body still content-encoded), so that a later run revalidates it with `If-None-Match` /
//! `If-Modified-Since` instead of downloading it again, and `--offline` can serve it.
//!
//! Layout: `DIR/ab/abcdef....json` (metadata) and `DIR/ab/abcdef....body`, named by the
//! SHA-256 of the URL. Files are written to a temporary name and renamed, and the metadata
//! holds the body's digest, so a torn write reads as a miss, never as a wrong page.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A cached response.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub url: String,
    pub status: u16,
    /// The response headers as received, in order.
    pub headers: Vec<(String, String)>,
    /// RFC 3339: when the response was received (or last revalidated).
    pub fetched_at: String,
    /// SHA-256 of the body, hex.
    pub body_sha256: String,
    #[serde(skip)]
    pub body: Vec<u8>,
}

impl Entry {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn etag(&self) -> Option<&str> {
        self.header("ETag")
    }

    pub fn last_modified(&self) -> Option<&str> {
        self.header("Last-Modified")
    }
}

/// The cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// Open (creating) the cache in `dir`.
    pub fn open(dir: &Path) -> io::Result<Cache> {
        std::fs::create_dir_all(dir)?;
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = hex(&Sha256::digest(url.as_bytes()));
        let sub = self.dir.join(&key[..2]);
        (
            sub.join(format!("{key}.json")),
            sub.join(format!("{key}.body")),
        )
    }

    /// The entry of `url`, if there is a whole one.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let (meta, body) = self.paths(url);
        let mut entry: Entry = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
        if entry.url != url {
            return None;
        }
        entry.body = std::fs::read(body).ok()?;
        if hex(&Sha256::digest(&entry.body)) != entry.body_sha256 {
            return None;
        }
        Some(entry)
    }

    /// Store `entry` (its `body_sha256` is computed here).
    pub fn put(&self, entry: &Entry) -> io::Result<()> {
        let (meta, body) = self.paths(&entry.url);
        if let Some(parent) = meta.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut entry = entry.clone();
        entry.body_sha256 = hex(&Sha256::digest(&entry.body));
        write_atomic(&body, &entry.body)?;
        let json = serde_json::to_vec_pretty(&entry).map_err(io::Error::other)?;
        write_atomic(&meta, &json)
    }

    /// Record that `url` was revalidated now, keeping its body.
    pub fn touch(&self, entry: &Entry, fetched_at: &str) -> io::Result<()> {
        let mut entry = entry.clone();
        entry.fetched_at = fetched_at.to_string();
        self.put(&entry)
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension(format!("tmp.{}.{}", std::process::id(), fastrand::u64(..)));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_torn_bodies_miss() {
        let dir = std::env::temp_dir().join(format!("thidua-cache-{}", std::process::id()));
        let cache = Cache::open(&dir).unwrap();
        let entry = Entry {
            url: "http://127.0.0.1/a".into(),
            status: 200,
            headers: vec![("ETag".into(), "\"x\"".into())],
            fetched_at: "2024-01-01T00:00:00Z".into(),
            body_sha256: String::new(),
            body: b"<p>a</p>".to_vec(),
        };
        cache.put(&entry).unwrap();
        let got = cache.get(&entry.url).unwrap();
        assert_eq!(got.body, entry.body);
        assert_eq!(got.etag(), Some("\"x\""));
        assert!(cache.get("http://127.0.0.1/b").is_none());
        let (_, body) = cache.paths(&entry.url);
        std::fs::write(body, b"torn").unwrap();
        assert!(cache.get(&entry.url).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
