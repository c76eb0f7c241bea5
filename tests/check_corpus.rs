//! `check` end to end: the wire-style articles of `corpus/check/` (French and
//! English, about the Indelimane attack) checked against `corpus/seeds/`, with
//! the verdicts listed in `corpus/check/expected.tsv`.

use bilan::check::{check_claims, References, Summary};
use bilan::eval::claim_key;
use bilan::input::{InputOptions, Reader};
use bilan::pipeline::{Pipeline, Processed};
use common::{bilan, json_lines, root};
use std::collections::BTreeMap;
use std::process::Command;

mod common;

fn process(dir: &str) -> Vec<Processed> {
    let pipeline = Pipeline::new();
    Reader::new(&[root().join(dir)], InputOptions::default())
        .filter_map(|d| d.ok())
        .map(|d| pipeline.process(d).expect("processing"))
        .collect()
}

fn references() -> References {
    let mut refs = References::new();
    for p in process("corpus/seeds") {
        refs.add(&p.doc, &p.ann);
    }
    refs
}

/// doc → sorted `key verdict` lines of `corpus/check/gold.jsonl`.
fn expected() -> BTreeMap<String, Vec<String>> {
    let gold = bilan::eval::read_records(&root().join("corpus/check/gold.jsonl")).unwrap();
    gold.into_iter()
        .map(|d| {
            let mut v: Vec<String> = d.ann.claims.iter().map(key_verdict).collect();
            v.sort();
            (d.doc, v)
        })
        .collect()
}

fn key_verdict(c: &bilan::document::Claim) -> String {
    let v = serde_json::to_value(c.verdict).unwrap();
    format!("{} {}", claim_key(c), v.as_str().unwrap_or("none"))
}

#[test]
fn articles_get_the_expected_verdicts() {
    let refs = references();
    assert!(refs.len() >= 8, "the seeds give reference claims");
    let want = expected();
    let docs = process("corpus/check/texts");
    assert_eq!(docs.len(), want.len());
    let mut summary = Summary::new(refs.len());
    for mut p in docs {
        check_claims(&mut p.ann.claims, p.doc.doc_date, &refs);
        summary.add(&p.ann.claims);
        let mut got: Vec<String> = p.ann.claims.iter().map(key_verdict).collect();
        got.sort();
        assert_eq!(Some(&got), want.get(&p.doc.id), "{}", p.doc.id);
        for c in &p.ann.claims {
            assert!(
                c.place.is_some(),
                "{}: every claim has a place: {c:?}",
                p.doc.id
            );
            for e in &c.evidence {
                assert!(!e.text.is_empty());
            }
        }
    }
    assert!(summary.verdicts["contradicted"] >= 3);
    assert!(summary.verdicts["unverified"] >= 2);
}

#[test]
fn seeds_give_revised_tolls() {
    let docs = process("corpus/seeds");
    let wiki = docs.iter().find(|p| p.doc.id.starts_with("001")).unwrap();
    let soldiers: Vec<_> = wiki
        .ann
        .claims
        .iter()
        .filter(|c| claim_key(c).starts_with("killed/soldiers/"))
        .collect();
    assert!(soldiers.iter().any(|c| c.count == Some(53.0) && c.revised));
    assert!(soldiers.iter().any(|c| c.count == Some(49.0) && c.revision));
}

#[test]
fn cli_check_writes_claims_and_summary() {
    let out = bilan(&["check", "corpus/check/texts", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 23);
    for v in &lines {
        assert!(v.get("verdict").is_some(), "{v}");
        assert!(v.get("sentence_text").is_some(), "{v}");
    }
    let err = String::from_utf8(out.stderr).unwrap();
    let summary: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(summary["documents"], 3);
    assert!(summary["verdicts"].get("supported").is_some());
}

#[test]
fn cli_check_docs_format_round_trips_through_claims_file() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.jsonl");
    std::fs::write(
        &claims,
        r#"{"doc":"x","lang":"en","doc_date":null,"sentence_text":"","kind":"casualties","outcome":"killed","victims":"soldiers","count":12,"min":12,"max":12,"approx":false,"place":"Nowhere","date":null,"source":null,"sentence":0,"start":0,"end":2,"text":"12"}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bilan"))
        .args(["check", "--claims"])
        .arg(&claims)
        .args(["--format", "docs", "-q"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["doc"], "x");
    assert_eq!(v["claims"][0]["verdict"], "unverified");
    assert!(out.stderr.is_empty());
}
