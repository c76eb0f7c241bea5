//! Issue 10: invariants of the whole pipeline, tested with proptest over
//! generated text (French and English wire words, digits, punctuation, « »,
//! newlines, date headers and random unicode):
//! - every span lies on character boundaries inside the text and
//!   `text[start..end]` is the mention's text (dates, numbers, places, actors, claims);
//! - sentences are ordered, disjoint, inside the body and cover it apart from whitespace;
//! - the output is identical with one worker thread and with two;
//! - every input document yields exactly one record or one error;
//! - nothing panics on arbitrary bytes through the reader and the pipeline.

use bilan::document::Document;
use bilan::input::{self, InputOptions, Reader};
use bilan::invariants::{check, exercise, render_all as rendered};
use bilan::pipeline::Pipeline;
use bilan::{DocError, Lang};
use proptest::prelude::*;
use rayon::prelude::*;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

const WORDS: &[&str] = &[
    "L'armée",
    "malienne",
    "a",
    "perdu",
    "53",
    "soldats",
    "vendredi",
    "1er",
    "novembre",
    "2019",
    "dans",
    "l'attaque",
    "du",
    "camp",
    "d'Indelimane",
    "près",
    "de",
    "Ménaka",
    "Mopti",
    "Gao",
    "selon",
    "une",
    "source",
    "militaire",
    "au",
    "moins",
    "plus",
    "d'une",
    "vingtaine",
    "centaine",
    "environ",
    "trois",
    "jours",
    "hier",
    "lendemain",
    "mi-novembre",
    "fin",
    "début",
    "FAMa",
    "JNIM",
    "EIGS",
    "Barkhane",
    "MINUSMA",
    "M.",
    "Gén.",
    "Sangaré",
    "Yaya",
    "ministre",
    "tués",
    "blessés",
    "civils",
    "jihadistes",
    "djihadistes",
    "terroristes",
    "hommes",
    "armés",
    "The",
    "Malian",
    "army",
    "said",
    "gunmen",
    "killed",
    "at",
    "least",
    "12",
    "dozens",
    "of",
    "on",
    "Friday",
    "November",
    "U.S.",
    "Mr.",
    "30-32",
    "entre",
    "et",
    "à",
    "1.000",
    "4.000",
    "1,8",
    "million",
    "déplacés",
    "[4]",
    "RPG7",
    "G5",
    "Sahel",
    "Burkina",
    "Faso",
    "Niger",
    "13h00",
    "6h",
    "l'AFP",
    "Reuters",
    "cinquante-trois",
    "deux",
    "mille",
    "dont",
    "un",
    "civil",
    "mort",
    "morts",
    "disparus",
];
const PUNCT: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "…", "«", "»", "« ", " »", "\"", "“", "”", "(", ")", "-", "–",
    "’", "'", "/", "%", "...", "?»", ".»", "[1],[5]",
];
const SEPS: &[&str] = &[
    " ", " ", " ", "", "\n", "\n\n", "\u{a0}", "\u{202f}", "\t", "\r\n",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(WORDS).prop_map(String::from),
        2 => (0u32..200_000).prop_map(|n| n.to_string()),
        3 => prop::sample::select(PUNCT).prop_map(String::from),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "\\PC{1,6}",
    ]
}

/// Generated text, sometimes with a ` date … ` header (valid or garbled).
fn text() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        4 => Just(String::new()),
        1 => Just(" date 2019-11 ".to_string()),
        1 => Just(" date 1999-05-17 ".to_string()),
        1 => Just(" date 2019-13 ".to_string()),
        1 => Just(" date hier ".to_string()),
    ];
    (
        header,
        prop::collection::vec((token(), prop::sample::select(SEPS)), 0..150),
    )
        .prop_map(|(h, toks)| {
            let mut s = h;
            for (t, sep) in toks {
                s.push_str(&t);
                s.push_str(sep);
            }
            s
        })
}

fn lang() -> impl Strategy<Value = Option<Lang>> {
    prop_oneof![Just(None), Just(Some(Lang::Fr)), Just(Some(Lang::En))]
}

/// A document read as the CLI reads a text file, with the language forced or not.
fn document(text: &str, lang: Option<Lang>) -> Result<Document, DocError> {
    let mut d = input::text_document(
        "gen".into(),
        text.as_bytes().to_vec(),
        &InputOptions::default(),
    )?;
    d.lang = lang;
    Ok(d)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn spans_and_sentences_hold_their_invariants(t in text(), l in lang()) {
        if let Ok(doc) = document(&t, l) {
            if let Ok(p) = PIPELINE.process(doc) {
                if let Err(e) = check(&p) {
                    prop_assert!(false, "{e}\ntext: {t:?}");
                }
            }
        }
    }

    #[test]
    fn nothing_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600), lossy: bool) {
        let opts = InputOptions { lossy, ..InputOptions::default() };
        if let Err(e) = exercise(&bytes, opts, &PIPELINE) {
            prop_assert!(false, "{e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn one_thread_and_two_give_the_same_output(texts in prop::collection::vec((text(), lang()), 1..24)) {
        let run = |threads: usize| -> Vec<Vec<u8>> {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| {
                texts
                    .par_iter()
                    .map(|(t, l)| rendered(&document(t, *l).and_then(|d| PIPELINE.process(d))))
                    .collect()
            })
        };
        prop_assert_eq!(run(1), run(2));
    }

    #[test]
    fn every_document_yields_one_record_or_one_error(
        files in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 0..8),
        lines in prop::collection::vec("[^\n]{0,120}", 0..12),
        good in prop::collection::vec(text(), 0..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (i, f) in files.iter().enumerate() {
            std::fs::write(dir.path().join(format!("f{i:02}.txt")), f).unwrap();
        }
        let mut jsonl = String::new();
        let mut expected = files.len();
        for l in &lines {
            jsonl.push_str(l);
            jsonl.push('\n');
            expected += usize::from(!l.trim().is_empty());
        }
        for (i, t) in good.iter().enumerate() {
            jsonl.push_str(&serde_json::json!({"id": format!("g{i}"), "text": t}).to_string());
            jsonl.push('\n');
            expected += 1;
        }
        std::fs::write(dir.path().join("lines.jsonl"), jsonl).unwrap();
        // a file the reader skips inside a directory (neither .txt nor .jsonl)
        std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        let results: Vec<_> = Reader::new(&[dir.path().to_path_buf()], InputOptions::default())
            .map(|r| r.and_then(|d| PIPELINE.process(d)))
            .collect();
        prop_assert_eq!(results.len(), expected);
        // ids are unique, so each record is told apart
        let mut ids: Vec<String> = results
            .iter()
            .map(|r| match r { Ok(p) => p.doc.id.clone(), Err(e) => e.doc.clone() })
            .collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), expected);
    }
}
