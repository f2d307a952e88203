//! `thidua dataset` over the records of the bundled fixtures: the SQLite tables and the CSV
//! files hold what the records say, once.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use rusqlite::Connection;
use serde_json::Value;
use support::{fixture, temp_dir, thidua};

fn count(db: &Connection, sql: &str) -> usize {
    db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

fn csv_rows(path: &Path) -> (Vec<String>, usize) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    (header, reader.records().map(Result::unwrap).count())
}

/// Run `thidua dataset`, returning its exit code and standard error.
fn dataset(args: &[&Path]) -> (i32, String) {
    let out = thidua().arg("dataset").args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn dataset_of_the_fixtures() {
    let dir = temp_dir("dataset");

    // The same article saved twice, under another name.
    let copy = dir.join("copy-of-khoi-noi-chinh.txt");
    std::fs::copy(fixture("articles/khoi-noi-chinh-2024.txt"), &copy).unwrap();
    let missing = dir.join("missing.txt");
    let jsonl = dir.join("records.jsonl");
    let status = thidua()
        .args(["extract", "--jsonl", "-o"])
        .arg(&jsonl)
        .arg(fixture("seeds"))
        .arg(fixture("articles"))
        .arg(&copy)
        .arg(&missing)
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(1), "the missing input fails");

    let lines: Vec<Value> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let records: Vec<&Value> = lines.iter().filter(|v| v.get("error").is_none()).collect();
    assert_eq!(records.len() + 1, lines.len());
    let mut articles: BTreeMap<&str, &Value> = BTreeMap::new();
    for r in &records {
        articles.insert(r["source"]["text_sha256"].as_str().unwrap(), r);
    }
    assert_eq!(articles.len() + 1, records.len(), "the copy is merged");
    let total =
        |field: &dyn Fn(&Value) -> usize| articles.values().map(|r| field(r)).sum::<usize>();
    let len = |v: &Value| v.as_array().unwrap().len();

    let db_path = dir.join("out.db");
    let csv_dir = dir.join("csv");
    let (code, stderr) = dataset(&[
        &jsonl,
        Path::new("--sqlite"),
        &db_path,
        Path::new("--csv"),
        &csv_dir,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 failed inputs"), "{stderr}");

    let expected: Vec<(&str, usize)> = vec![
        ("articles", articles.len()),
        ("sources", records.len()),
        ("failed_inputs", 1),
        (
            "blocs",
            articles.values().filter(|r| !r["bloc"].is_null()).count(),
        ),
        (
            "members",
            total(&|r| len(&r["members"]["units"]) + len(&r["members"]["added"])),
        ),
        ("people", total(&|r| len(&r["people"]))),
        (
            "person_titles",
            total(&|r| {
                r["people"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| len(&p["titles"]))
                    .sum()
            }),
        ),
        ("awards", total(&|r| len(&r["awards"]))),
        ("documents", total(&|r| len(&r["documents"]))),
        ("campaigns", total(&|r| len(&r["campaigns"]))),
        ("warnings", total(&|r| len(&r["warnings"]))),
        (
            "officers",
            total(&|r| {
                ["current", "next"]
                    .iter()
                    .map(|t| &r["officers"][t])
                    .filter(|t| !t.is_null())
                    .map(|t| {
                        usize::from(!t["head"].is_null()) + usize::from(!t["deputy"].is_null())
                    })
                    .sum()
            }),
        ),
    ];
    let check = |db: &Connection| {
        for (table, n) in &expected {
            assert_eq!(
                count(db, &format!("SELECT COUNT(*) FROM {table}")),
                *n,
                "{table}"
            );
            let (header, rows) = csv_rows(&csv_dir.join(format!("{table}.csv")));
            assert_eq!(rows, *n, "{table}.csv");
            assert!(header.len() > 2, "{table}.csv has a header: {header:?}");
        }
    };
    let db = Connection::open(&db_path).unwrap();
    check(&db);
    assert!(expected.iter().all(|(_, n)| *n > 0), "{expected:?}");
    assert!(count(&db, "SELECT COUNT(*) FROM provinces") >= 63);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM pragma_foreign_key_check"),
        0
    );

    // The copy: one article, two sources.
    let sources: BTreeSet<String> = db
        .prepare(
            "SELECT input FROM sources WHERE article IN
                 (SELECT article FROM sources GROUP BY article HAVING COUNT(*) > 1)",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources
        .iter()
        .any(|s| s.ends_with("articles/khoi-noi-chinh-2024.txt")));
    assert!(sources
        .iter()
        .any(|s| s.ends_with("copy-of-khoi-noi-chinh.txt")));

    // A few values against the records.
    let lao_cai = records
        .iter()
        .find(|r| {
            r["source"]["input"]
                .as_str()
                .unwrap()
                .ends_with("khoi-noi-chinh-2024.txt")
        })
        .unwrap();
    let key = lao_cai["source"]["text_sha256"].as_str().unwrap();
    let (province, successor, year, kind): (String, String, i64, String) = db
        .query_row(
            "SELECT province, province_successor, year, event_kind FROM articles WHERE article = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(province, lao_cai["province"]["name"].as_str().unwrap());
    assert_eq!(
        successor,
        lao_cai["province"]["successor"].as_str().unwrap()
    );
    assert_eq!(Some(year), lao_cai["review_year"].as_i64());
    assert_eq!(kind, lao_cai["event"]["kind"].as_str().unwrap());
    let head: (Option<String>, String, i64) = db
        .query_row(
            "SELECT unit_id, unit_name, year FROM officers
             WHERE article = ?1 AND term = 'next' AND post = 'head'",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let next = &lao_cai["officers"]["next"];
    assert_eq!(head.0.as_deref(), next["head"]["id"].as_str());
    assert_eq!(head.1, next["head"]["name"].as_str().unwrap());
    assert_eq!(Some(head.2), next["year"].as_i64());
    let first_member: String = db
        .query_row(
            "SELECT unit_name FROM members WHERE article = ?1 AND added = 0 AND position = 0",
            [key],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        first_member,
        lao_cai["members"]["units"][0]["name"].as_str().unwrap()
    );
    let failed: String = db
        .query_row("SELECT input FROM failed_inputs", [], |r| r.get(0))
        .unwrap();
    assert!(failed.ends_with("missing.txt"));

    // The views a dashboard reads.
    let awards: i64 = db
        .query_row("SELECT SUM(awards) FROM awards_by_province_year", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(awards as usize, total(&|r| len(&r["awards"])));
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM bloc_heads_by_year WHERE year IS NOT NULL"
        ) > 0
    );
    assert!(count(&db, "SELECT COUNT(*) FROM members_per_bloc") > 0);
    // One office in five districts: five members with one gazetteer id.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM members_per_bloc WHERE bloc_name = 'Cụm thi đua số 2 ngành Kiểm sát'"
        ),
        5
    );
    drop(db);

    // The sqlite3 shell, where there is one, opens the file too.
    if let Ok(out) = Command::new("sqlite3")
        .arg(&db_path)
        .arg("SELECT COUNT(*) FROM articles;")
        .output()
    {
        assert!(out.status.success(), "{out:?}");
        let n = String::from_utf8_lossy(&out.stdout);
        assert_eq!(n.trim(), articles.len().to_string());
    }

    // Again, over the same records: the same rows.
    let (code, stderr) = dataset(&[
        &jsonl,
        Path::new("--sqlite"),
        &db_path,
        Path::new("--csv"),
        &csv_dir,
    ]);
    assert_eq!(code, 0, "{stderr}");
    check(&Connection::open(&db_path).unwrap());

    // A line that is not a record is reported and skipped; the rest is still read.
    let broken = dir.join("broken.jsonl");
    let mut text = std::fs::read_to_string(&jsonl).unwrap();
    text.insert_str(0, "{\"not\": \"a record\"}\nnot json at all\n");
    std::fs::write(&broken, text).unwrap();
    let fresh = dir.join("fresh.db");
    let (code, stderr) = dataset(&[&broken, Path::new("--sqlite"), &fresh]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("broken.jsonl:1: not a record"), "{stderr}");
    assert!(stderr.contains("broken.jsonl:2: not JSON"), "{stderr}");
    let db = Connection::open(&fresh).unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM articles"), articles.len());
}

#[test]
fn dataset_reads_a_pretty_record() {
    let dir = temp_dir("dataset-pretty");
    let json = dir.join("one.json");
    let out = thidua()
        .arg("extract")
        .arg(fixture("seeds/seed-004.txt"))
        .output()
        .unwrap();
    std::fs::write(&json, out.stdout).unwrap();
    let csv_dir = dir.join("csv");
    let (code, stderr) = dataset(&[&json, Path::new("--csv"), &csv_dir]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(csv_rows(&csv_dir.join("articles.csv")).1, 1);
    assert_eq!(csv_rows(&csv_dir.join("sources.csv")).1, 1);
}
