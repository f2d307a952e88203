//! `thidua eval`: field-level precision, recall and F1 against gold records.
//!
//! A corpus folder holds, per article ID, `ID.txt` or `ID.html`, an optional `ID.url` and
//! `ID.gold.json` (keys as in RECORD.md, units as plain canonical names). Only the keys a
//! gold file holds are scored. Names are compared as the shared scorer compares them: NFC,
//! lower case, one dash, tone marks lifted off, a unit's "tỉnh ..." suffix ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::pipeline::Pipeline;
use crate::record::Record;

/// Counts for one field: sets (tp, fp, fn) or values (right of total).
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub right: usize,
    pub total: usize,
    is_value: bool,
}

impl Tally {
    pub fn f1(&self) -> Option<f64> {
        if self.is_value {
            return (self.total > 0).then(|| self.right as f64 / self.total as f64);
        }
        if self.tp + self.fp + self.fn_ == 0 {
            return None;
        }
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        Some(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The fields the headline macro F1 averages.
pub const MAIN: &[&str] = &[
    "relevant",
    "event.date",
    "province",
    "review_year",
    "plan_year",
    "members.count_stated",
    "members.units",
    "people.name",
    "people.title",
    "officers",
    "awards",
    "documents",
];

#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub fields: BTreeMap<String, Tally>,
    pub misses: Vec<String>,
}

impl Report {
    pub fn macro_f1(&self) -> f64 {
        let scores: Vec<f64> = MAIN
            .iter()
            .filter_map(|f| self.fields.get(*f).and_then(Tally::f1))
            .collect();
        if scores.is_empty() {
            0.0
        } else {
            scores.iter().sum::<f64>() / scores.len() as f64
        }
    }

    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        if verbose {
            for m in &self.misses {
                let _ = writeln!(s, "  {m}");
            }
        }
        let _ = writeln!(s, "{:24} {:>6}  detail", "field", "score");
        for (name, t) in &self.fields {
            let score = t.f1().map_or("-".to_string(), |f| format!("{f:.3}"));
            let detail = if t.is_value {
                format!("accuracy {}/{}", t.right, t.total)
            } else {
                format!(
                    "P {:.3} R {:.3} (tp {} fp {} fn {})",
                    ratio(t.tp, t.tp + t.fp),
                    ratio(t.tp, t.tp + t.fn_),
                    t.tp,
                    t.fp,
                    t.fn_
                )
            };
            let _ = writeln!(s, "{name:24} {score:>6}  {detail}");
        }
        let _ = writeln!(s, "articles {}", self.articles);
        let _ = writeln!(s, "macro F1 over main fields = {:.3}", self.macro_f1());
        s
    }

    fn value(&mut self, id: &str, field: &str, gold: Value, got: Value) {
        let t = self.fields.entry(field.to_string()).or_default();
        t.is_value = true;
        t.total += 1;
        if gold == got {
            t.right += 1;
        } else {
            self.misses
                .push(format!("{id} {field}: gold {gold} got {got}"));
        }
    }

    fn sets(&mut self, id: &str, field: &str, gold: BTreeSet<String>, got: BTreeSet<String>) {
        let t = self.fields.entry(field.to_string()).or_default();
        t.tp += gold.intersection(&got).count();
        t.fp += got.difference(&gold).count();
        t.fn_ += gold.difference(&got).count();
        for x in gold.difference(&got) {
            self.misses.push(format!("{id} {field}: missed {x}"));
        }
        for x in got.difference(&gold) {
            self.misses.push(format!("{id} {field}: extra {x}"));
        }
    }
}

/// Score `pipeline` on every article of the corpora.
/// `gold` is where the gold records are, when not beside the articles.
pub fn evaluate(
    pipeline: &Pipeline,
    corpora: &[PathBuf],
    gold: Option<&Path>,
) -> Result<Report, String> {
    let mut report = Report::default();
    for corpus in corpora {
        for (id, path, url, gold) in articles(corpus, gold)? {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let record =
                pipeline.extract(&path.display().to_string(), &bytes, url.as_deref(), None);
            let got = serde_json::to_value(&record).map_err(|e| e.to_string())?;
            score(&mut report, &id, &gold, &got, &record);
            report.articles += 1;
        }
    }
    Ok(report)
}

type Article = (String, PathBuf, Option<String>, Value);

fn articles(corpus: &Path, gold_dir: Option<&Path>) -> Result<Vec<Article>, String> {
    let gold_dir = gold_dir.unwrap_or(corpus);
    let mut names: Vec<String> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".gold.json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let id = name.trim_end_matches(".gold.json").to_string();
        let Some(path) = ["html", "htm", "txt"]
            .iter()
            .map(|ext| corpus.join(format!("{id}.{ext}")))
            .find(|p| p.exists())
        else {
            continue;
        };
        let url = std::fs::read_to_string(corpus.join(format!("{id}.url")))
            .ok()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        let gold_path = gold_dir.join(&name);
        let text = std::fs::read_to_string(&gold_path)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?;
        let gold: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", gold_path.display()))?;
        out.push((id, path, url, gold));
    }
    Ok(out)
}

/// NFC, lower case, one dash, comma and space, tone marks lifted off each word.
pub fn norm(text: &str) -> String {
    let plain = plain(text);
    plain.split(' ').map(word_key).collect::<Vec<_>>().join(" ")
}

fn plain(text: &str) -> String {
    let text: String = text
        .nfc()
        .map(|c| {
            if ('\u{2010}'..='\u{2015}').contains(&c) || c == '\u{2212}' {
                '-'
            } else {
                c
            }
        })
        .collect::<String>()
        .to_lowercase()
        .replace('&', " và ");
    let text = regex_replace(r"\s*-\s*", &text, " - ");
    let text = regex_replace(r"\s*,\s*", &text, ", ");
    let text = regex_replace(r"\s+", &text, " ");
    text.trim_matches(|c: char| c == ' ' || c == '.' || c == ';' || c == ':')
        .to_string()
}

fn regex_replace(pattern: &str, text: &str, with: &str) -> String {
    regex::Regex::new(pattern)
        .expect("a scorer regex compiles")
        .replace_all(text, with)
        .into_owned()
}

fn word_key(word: &str) -> String {
    let mut tone = 0;
    let mut base = String::new();
    for c in word.nfd() {
        match c {
            '\u{300}' => tone = 1,
            '\u{301}' => tone = 2,
            '\u{309}' => tone = 3,
            '\u{303}' => tone = 4,
            '\u{323}' => tone = 5,
            c => base.push(c),
        }
    }
    let base: String = base.nfc().collect();
    if tone > 0 {
        format!("{base}{tone}")
    } else {
        base
    }
}

/// A unit's key: its name without the trailing "tỉnh ...", separators alike.
pub fn unit_key(name: &str) -> String {
    let text = plain(name);
    let text = regex_replace(r"\s+(của\s+)?tỉnh(\s+.*)?$", &text, "");
    let text = text.replace(" - ", " và ").replace(", ", " và ");
    let text = regex_replace(r"( và )+", &text, " và ");
    text.split(' ').map(word_key).collect::<Vec<_>>().join(" ")
}

fn title_key(title: &str) -> String {
    let expanded: Vec<String> = plain(title)
        .split(' ')
        .map(|w| match w {
            "ubnd" => "ủy ban nhân dân".to_string(),
            "hđnd" => "hội đồng nhân dân".to_string(),
            "ubmttq" => "ủy ban mặt trận tổ quốc".to_string(),
            "mttq" => "mặt trận tổ quốc".to_string(),
            "tđkt" => "thi đua - khen thưởng".to_string(),
            w => w.to_string(),
        })
        .collect();
    unit_key(&expanded.join(" "))
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn opt_norm(v: Option<&Value>) -> Value {
    match v.and_then(name_of) {
        Some(s) => Value::String(norm(&s)),
        None => Value::Null,
    }
}

fn first_byline(s: &str) -> &str {
    s.split(" - ")
        .next()
        .unwrap_or(s)
        .split(" – ")
        .next()
        .unwrap_or(s)
}

fn score(report: &mut Report, id: &str, gold: &Value, got: &Value, record: &Record) {
    let g = |k: &str| gold.get(k);
    if let Some(v) = g("relevant") {
        report.value(id, "relevant", v.clone(), Value::Bool(record.relevant));
    }
    if let Some(v) = g("title") {
        report.value(id, "title", opt_norm(Some(v)), opt_norm(got.get("title")));
    }
    if let Some(v) = g("published") {
        let p = record
            .published
            .as_ref()
            .map(|p| Value::String(p[..10.min(p.len())].to_string()));
        report.value(id, "published", v.clone(), p.unwrap_or(Value::Null));
    }
    if let Some(v) = g("author") {
        let gold_author = v
            .as_str()
            .map(|s| Value::String(norm(first_byline(s))))
            .unwrap_or(Value::Null);
        let got_author = record
            .author
            .as_deref()
            .map(|s| Value::String(norm(first_byline(s))))
            .unwrap_or(Value::Null);
        report.value(id, "author", gold_author, got_author);
    }
    if let Some(v) = g("province") {
        report.value(
            id,
            "province",
            opt_norm(Some(v)),
            opt_norm(got.get("province")),
        );
    }
    if let Some(v) = g("bloc_sector") {
        let p = got.pointer("/bloc/sector").cloned().unwrap_or(Value::Null);
        report.value(id, "bloc.sector", v.clone(), p);
    }
    if let Some(ev) = g("event").and_then(Value::as_object) {
        for key in ["kind", "date", "part_of_day"] {
            if let Some(v) = ev.get(key) {
                let p = got
                    .pointer(&format!("/event/{key}"))
                    .cloned()
                    .unwrap_or(Value::Null);
                report.value(id, &format!("event.{key}"), v.clone(), p);
            }
        }
        if let Some(v) = ev.get("venue") {
            let k = |v: Option<&Value>| {
                v.and_then(Value::as_str)
                    .map_or(Value::Null, |s| Value::String(unit_key(s)))
            };
            report.value(
                id,
                "event.venue",
                k(Some(v)),
                k(got.pointer("/event/venue")),
            );
        }
    }
    for key in ["review_year", "plan_year"] {
        if let Some(v) = g(key) {
            report.value(
                id,
                key,
                v.clone(),
                got.get(key).cloned().unwrap_or(Value::Null),
            );
        }
    }
    if let Some(mem) = g("members").and_then(Value::as_object) {
        if let Some(v) = mem.get("count_stated") {
            let p = got
                .pointer("/members/count_stated")
                .cloned()
                .unwrap_or(Value::Null);
            report.value(id, "members.count_stated", v.clone(), p);
        }
        for key in ["units", "added"] {
            if let Some(v) = mem.get(key) {
                let gold_units = v.as_array().cloned().unwrap_or_default();
                let with_province = gold_units
                    .iter()
                    .any(|u| u.get("province").is_some_and(|p| !p.is_null()));
                let keyed = |u: &Value| unit_id(u, with_province);
                let gs = gold_units.iter().filter_map(keyed).collect();
                let ps = got
                    .pointer(&format!("/members/{key}"))
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(keyed).collect())
                    .unwrap_or_default();
                report.sets(id, &format!("members.{key}"), gs, ps);
            }
        }
    }
    if let Some(people) = g("people") {
        let gp = people.as_array().cloned().unwrap_or_default();
        let pp = got
            .get("people")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let names = |a: &[Value]| {
            a.iter()
                .filter_map(|p| p.get("name")?.as_str().map(norm))
                .collect()
        };
        report.sets(id, "people.name", names(&gp), names(&pp));
        let titles = |a: &[Value]| person_pairs(a, "titles", title_key);
        report.sets(id, "people.title", titles(&gp), titles(&pp));
        let roles = |a: &[Value]| person_pairs(a, "roles", |r| r.to_string());
        report.sets(id, "people.role", roles(&gp), roles(&pp));
    }
    if let Some(off) = g("officers") {
        let collect = |o: &Value| {
            let mut set = BTreeSet::new();
            for which in ["current", "next"] {
                if let Some(t) = o.get(which).filter(|t| t.is_object()) {
                    for role in ["head", "deputy"] {
                        if let Some(k) = t.get(role).and_then(|u| unit_id(u, false)) {
                            set.insert(format!("{which} {role} {k}"));
                        }
                    }
                    if let Some(y) = t.get("year").and_then(Value::as_i64) {
                        set.insert(format!("{which} year {y}"));
                    }
                }
            }
            set
        };
        let p = got.get("officers").cloned().unwrap_or(Value::Null);
        report.sets(id, "officers", collect(off), collect(&p));
    }
    if let Some(awards) = g("awards") {
        // Recipients that differ only by province are compared with it.
        let with_province = awards.as_array().is_some_and(|a| {
            a.iter().any(|a| {
                a.pointer("/recipient/province")
                    .is_some_and(|p| !p.is_null())
            })
        });
        let keyed = |a: &Value| {
            let kind = a.get("kind").and_then(Value::as_str).unwrap_or("");
            let recipient = a
                .get("recipient")
                .and_then(|r| unit_id(r, with_province))
                .unwrap_or_default();
            format!("{kind} | {recipient}")
        };
        let ga = awards.as_array().cloned().unwrap_or_default();
        let pa = got
            .get("awards")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        report.sets(
            id,
            "awards",
            ga.iter().map(keyed).collect(),
            pa.iter().map(keyed).collect(),
        );
        for a in &ga {
            let Some(hit) = pa.iter().find(|p| keyed(p) == keyed(a)) else {
                continue;
            };
            if let Some(level) = a.get("level").filter(|l| !l.is_null()) {
                let p = pa
                    .iter()
                    .find(|p| keyed(p) == keyed(a) && p.get("level") == Some(level))
                    .unwrap_or(hit);
                report.value(
                    id,
                    "awards.level",
                    level.clone(),
                    p.get("level").cloned().unwrap_or(Value::Null),
                );
            }
            if let Some(status) = a.get("status") {
                report.value(
                    id,
                    "awards.status",
                    status.clone(),
                    hit.get("status").cloned().unwrap_or(Value::Null),
                );
            }
        }
    }
    if let Some(docs) = g("documents") {
        let numbers = |a: &Value| -> BTreeSet<String> {
            a.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|d| d.get("number")?.as_str().map(norm))
                        .collect()
                })
                .unwrap_or_default()
        };
        let pd = got.get("documents").cloned().unwrap_or(Value::Null);
        report.sets(id, "documents", numbers(docs), numbers(&pd));
        for d in docs.as_array().cloned().unwrap_or_default() {
            let Some(number) = d.get("number").and_then(Value::as_str).map(norm) else {
                continue;
            };
            let hit = pd.as_array().and_then(|a| {
                a.iter().find(|p| {
                    p.get("number").and_then(Value::as_str).map(norm).as_deref() == Some(&number)
                })
            });
            if let (Some(hit), Some(date)) = (hit, d.get("date")) {
                report.value(
                    id,
                    "documents.date",
                    date.clone(),
                    hit.get("date").cloned().unwrap_or(Value::Null),
                );
            }
        }
    }
    if let Some(c) = g("campaigns") {
        let names = |a: &Value| -> BTreeSet<String> {
            a.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| name_of(c).map(|n| norm(&n)))
                        .collect()
                })
                .unwrap_or_default()
        };
        report.sets(
            id,
            "campaigns",
            names(c),
            names(got.get("campaigns").unwrap_or(&Value::Null)),
        );
    }
}

/// "name | item" for every title (or role) of every person, the item keyed by `key`.
fn person_pairs(people: &[Value], field: &str, key: fn(&str) -> String) -> BTreeSet<String> {
    people
        .iter()
        .flat_map(|p| {
            let name = p
                .get("name")
                .and_then(Value::as_str)
                .map(norm)
                .unwrap_or_default();
            p.get(field)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|item| item.as_str())
                .map(move |item| format!("{name} | {}", key(item)))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn unit_id(u: &Value, with_province: bool) -> Option<String> {
    let key = unit_key(&name_of(u)?);
    if !with_province {
        return Some(key);
    }
    let province = u.get("province").and_then(|p| match p {
        Value::String(s) => Some(norm(s)),
        Value::Object(_) => name_of(p).map(|n| norm(&n)),
        _ => None,
    });
    Some(format!("{key} @ {}", province.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_like_the_scorer() {
        assert_eq!(norm("Văn hoá – Xã hội"), norm("văn hóa - xã hội"));
        assert_eq!(
            unit_key("Bảo hiểm xã hội tỉnh Bắc Kạn"),
            unit_key("Bảo hiểm xã hội")
        );
        assert_eq!(
            unit_key("Sở Lao động, Thương binh & Xã hội"),
            unit_key("Sở Lao động - Thương binh và Xã hội")
        );
        assert_eq!(
            title_key("Phó Chủ tịch UBND tỉnh"),
            title_key("Phó Chủ tịch Ủy ban nhân dân tỉnh")
        );
    }

    #[test]
    fn tallies() {
        let mut r = Report::default();
        r.sets(
            "a",
            "f",
            ["x".into(), "y".into()].into(),
            ["y".into(), "z".into()].into(),
        );
        let t = &r.fields["f"];
        assert_eq!((t.tp, t.fp, t.fn_), (1, 1, 1));
        assert!((t.f1().unwrap() - 0.5).abs() < 1e-9);
        assert_eq!(r.misses.len(), 2);
    }
}
