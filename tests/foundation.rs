//! Issue 2: the pipeline end to end on the bundled corpus — schema, provenance,
//! the essentials of both seeds, and `eval`.

mod common;

use common::{bilan, json_lines, read, root, schema::Schema};
use serde_json::Value;

fn seeds_docs() -> Vec<Value> {
    let out = bilan(&["extract", "corpus/seeds", "--format", "docs", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out)
}

#[test]
fn every_line_of_every_format_follows_the_schema() {
    let schema = Schema::load();
    for format in ["docs", "claims", "mentions"] {
        let out = bilan(&["extract", "corpus/seeds", "--format", format, "--quiet"]);
        assert!(out.status.success());
        let lines = json_lines(&out);
        assert!(!lines.is_empty(), "{format}: no output");
        for l in &lines {
            let errs = schema.validate(l);
            assert!(errs.is_empty(), "{format}: {errs:#?}");
        }
    }
}

#[test]
fn spans_point_into_the_original_text() {
    for d in seeds_docs() {
        let id = d["doc"].as_str().unwrap();
        let bytes = read(format!("corpus/seeds/{id}.txt"));
        let text = std::str::from_utf8(&bytes).unwrap();
        let n_sent = d["sentences"].as_array().unwrap().len();
        for cat in ["dates", "numbers", "places", "actors", "claims"] {
            for m in d[cat].as_array().unwrap() {
                let (s, e) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&text[s..e], m["text"].as_str().unwrap(), "{id} {cat}");
                let si = m["sentence"].as_u64().unwrap() as usize;
                assert!(si < n_sent);
                let sent = &d["sentences"][si];
                assert!(
                    sent["start"].as_u64().unwrap() as usize <= s
                        && e <= sent["end"].as_u64().unwrap() as usize,
                    "{id} {cat}: {m}"
                );
            }
        }
        // the date prefix is not text
        if text.starts_with(" date ") {
            assert!(d["sentences"][0]["start"].as_u64().unwrap() >= " date 2019-11 ".len() as u64);
        }
    }
}

fn has_claim(d: &Value, outcome: &str, victims: &str, count: f64) -> bool {
    d["claims"].as_array().unwrap().iter().any(|c| {
        c["kind"] == "casualties"
            && c["outcome"] == outcome
            && c["victims"] == victims
            && c["count"].as_f64() == Some(count)
    })
}

#[test]
fn both_seeds_come_out_in_french_with_their_tolls() {
    let docs = seeds_docs();
    assert_eq!(docs.len(), 2);
    for d in &docs {
        assert_eq!(d["lang"], "fr");
        for cat in ["dates", "numbers", "places", "actors", "claims"] {
            assert!(
                !d[cat].as_array().unwrap().is_empty(),
                "{}: no {cat}",
                d["doc"]
            );
        }
    }
    assert_eq!(docs[0]["doc_date"], "2019-11");
    assert!(
        has_claim(&docs[0], "killed", "soldiers", 53.0),
        "seed 000: 53 soldiers killed"
    );
    assert!(
        has_claim(&docs[1], "killed", "soldiers", 49.0),
        "seed 001: 49 soldiers killed"
    );
    assert!(docs[0]["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Indelimane" && p["country"] == "ML"));
}

#[test]
fn summary_line_and_exit_code() {
    let out = bilan(&["extract", "corpus/seeds"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 documents read, 2 ok, 0 failed"), "{err}");
    let out = bilan(&["extract"]);
    assert_eq!(out.status.code(), Some(2), "usage error");
}

fn eval_json(gold: &str, pred: &str) -> Value {
    let out = bilan(&["eval", "--gold", gold, "--pred", pred, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn gold_against_itself_scores_one() {
    let gold = "corpus/gold/seeds.jsonl";
    let r = eval_json(gold, gold);
    for (cat, s) in r["scores"].as_object().unwrap() {
        assert_eq!(s["f1"].as_f64(), Some(1.0), "{cat}");
    }
}

#[test]
fn removing_gold_items_lowers_recall_as_computed_by_hand() {
    let text = std::fs::read_to_string(root().join("corpus/gold/seeds.jsonl")).unwrap();
    let gold: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // drop the first two dates and the first number of every document
    let mut pred = gold.clone();
    let (mut n_dates, mut n_numbers, mut kept_dates, mut kept_numbers) = (0, 0, 0, 0);
    for d in &mut pred {
        let dates = d["dates"].as_array_mut().unwrap();
        n_dates += dates.len();
        let drop = dates.len().min(2);
        dates.drain(..drop);
        kept_dates += dates.len();
        let nums = d["numbers"].as_array_mut().unwrap();
        n_numbers += nums.len();
        if !nums.is_empty() {
            nums.remove(0);
        }
        kept_numbers += nums.len();
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pred.jsonl");
    std::fs::write(
        &p,
        pred.iter()
            .map(|v| v.to_string() + "\n")
            .collect::<String>(),
    )
    .unwrap();
    let gold_path = root().join("corpus/gold/seeds.jsonl");
    let r = eval_json(gold_path.to_str().unwrap(), p.to_str().unwrap());
    let s = &r["scores"];
    assert_eq!(s["dates"]["precision"].as_f64(), Some(1.0));
    let want = (kept_dates as f64 / n_dates as f64 * 1000.0).round() / 1000.0;
    assert_eq!(s["dates"]["recall"].as_f64(), Some(want));
    assert_eq!(
        s["dates"]["fn"].as_u64(),
        Some((n_dates - kept_dates) as u64)
    );
    let want = (kept_numbers as f64 / n_numbers as f64 * 1000.0).round() / 1000.0;
    assert_eq!(s["numbers"]["recall"].as_f64(), Some(want));
    assert_eq!(s["places"]["f1"].as_f64(), Some(1.0));
}

#[test]
fn eval_extracts_and_prints_a_table() {
    let out = bilan(&["eval", "--gold", "corpus/gold/seeds.jsonl", "corpus/seeds"]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    for cat in ["dates", "numbers", "places", "actors", "claims"] {
        assert!(table.lines().any(|l| l.starts_with(cat)), "{table}");
    }
}
