//! The dates stage on the development half of the French TimeBank (`corpus/fr-timebank-dev`,
//! a copy of `shared/fr-timebank-dev` with its LICENSE): value F1 must stay at or above 0.80.

use bilan::input::parse_prefix;
use bilan::output::DocRecord;
use bilan::{Document, Lang, Pipeline};
use std::path::PathBuf;

fn dev_dir() -> Option<PathBuf> {
    ["corpus/fr-timebank-dev", "../shared/fr-timebank-dev"]
        .iter()
        .map(|p| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p))
        .find(|p| p.join("gold.jsonl").is_file())
}

#[test]
fn french_timebank_dev_value_f1() {
    let dir = dev_dir().expect("corpus/fr-timebank-dev is bundled");
    let gold = bilan::eval::read_records(&dir.join("gold.jsonl")).expect("gold");
    assert!(!gold.is_empty());
    let pipe = Pipeline::with_stages(vec![Box::new(bilan::dates::DateStage)]);
    let mut pred = Vec::new();
    for g in &gold {
        let path = dir.join("texts").join(format!("{}.txt", g.doc));
        let text = std::fs::read_to_string(&path).expect("text");
        let mut doc = Document::new(g.doc.clone(), text);
        parse_prefix(&mut doc);
        doc.lang = Some(Lang::Fr);
        doc.lang_confidence = 1.0;
        let p = pipe.process(doc).expect("processed");
        for m in &p.ann.dates {
            assert_eq!(&p.doc.text[m.span.start..m.span.end], m.span.text);
        }
        pred.push(DocRecord::from_processed(&p));
    }
    let report = bilan::eval::evaluate(&gold, &pred);
    let strict = report.counts["dates"];
    let relaxed = report.counts["dates_relaxed"];
    eprintln!("{}", report.table());
    assert!(strict.f1() >= 0.80, "value F1 {:.3}", strict.f1());
    assert!(relaxed.f1() >= strict.f1());
    assert!(
        strict.precision() >= 0.85,
        "precision {:.3}",
        strict.precision()
    );
}
