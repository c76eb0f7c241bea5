//! The neural stage (feature `ml`), end to end on models the tests build:
//! a tiny BERT token classifier written to a temporary folder (config.json
//! with id2label, vocab.txt, model.safetensors) and loaded back like any
//! checkpoint. With `BILAN_MINILM` set (scripts/setup-ml.sh), the
//! all-MiniLM-L6-v2 embedding tests run too.
#![cfg(feature = "ml")]

use std::path::Path;

use bilan::document::{
    ActorType, Annotations, Claim, ClaimKind, Document, PlaceMention, Sentence, Span,
};
use bilan::ml::ner::{AsWritten, EntityKind, Normalize};
use bilan::ml::{embedding_evidence, Embedder, NerModel, NerStage, SentenceIndex};
use rstest::rstest;
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use tch::{nn::VarStore, Device, Kind, Tensor};

const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];

/// The vocabulary and the label each token is wired to (index into LABELS).
const VOCAB: &[(&str, usize)] = &[
    ("[PAD]", 0),
    ("[UNK]", 0),
    ("[CLS]", 0),
    ("[SEP]", 0),
    ("[MASK]", 0),
    (",", 0),
    (".", 0),
    ("'", 0),
    ("-", 6),
    ("«", 0),
    ("»", 0),
    ("à", 0),
    ("À", 0),
    ("de", 0),
    ("Des", 0),
    ("le", 0),
    ("Le", 0),
    ("l", 0),
    ("a", 0),
    ("ont", 0),
    ("été", 0),
    ("tués", 0),
    ("près", 0),
    ("soldats", 0),
    ("armée", 0),
    ("dit", 0),
    ("ministre", 0),
    ("selon", 0),
    ("Yaya", 1),
    ("Sang", 2),
    ("##aré", 2),
    ("Ménaka", 3),
    ("Tomb", 3),
    ("##ouctou", 4),
    ("Al", 5),
    ("Qaïda", 6),
    ("in", 0),
    ("the", 0),
    ("were", 0),
    ("killed", 0),
    ("soldiers", 0),
    ("near", 0),
    ("said", 0),
    ("Gao", 3),
    ("Niger", 3),
    ("Reuters", 5),
    ("Mohamed", 1),
    ("Bazoum", 2),
    ("Zorgbala", 3),
    ("reste", 0),
    ("calme", 0),
];

const HIDDEN: i64 = 32;

fn config(max_pos: i64) -> serde_json::Value {
    let id2label: serde_json::Map<String, serde_json::Value> = LABELS
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), serde_json::Value::from(*l)))
        .collect();
    serde_json::json!({
        "architectures": ["BertForTokenClassification"],
        "model_type": "bert",
        "hidden_act": "gelu",
        "attention_probs_dropout_prob": 0.1,
        "hidden_dropout_prob": 0.1,
        "hidden_size": HIDDEN,
        "initializer_range": 0.02,
        "intermediate_size": 64,
        "max_position_embeddings": max_pos,
        "num_attention_heads": 2,
        "num_hidden_layers": 2,
        "type_vocab_size": 2,
        "vocab_size": VOCAB.len(),
        "id2label": id2label,
    })
}

/// Writes a tiny BERT token classifier to `dir`. With `wired`, the random
/// weights are overwritten so that each word gets the label its vocabulary
/// entry is wired to: one-hot word embeddings on the label's dimension, zero
/// encoder layers (each layer then leaves its input as it is, through the
/// residual connections and layer norms), an identity classifier.
fn tiny_model(dir: &Path, max_pos: i64, wired: bool) {
    std::fs::write(dir.join("config.json"), config(max_pos).to_string()).unwrap();
    let vocab: String = VOCAB.iter().map(|(t, _)| format!("{t}\n")).collect();
    std::fs::write(dir.join("vocab.txt"), vocab).unwrap();
    std::fs::write(
        dir.join("tokenizer_config.json"),
        r#"{"do_lower_case": false}"#,
    )
    .unwrap();
    let cfg: BertConfig = serde_json::from_value(config(max_pos)).unwrap();
    tch::manual_seed(7);
    let vs = VarStore::new(Device::Cpu);
    let _model = BertForTokenClassification::new(vs.root(), &cfg).unwrap();
    if wired {
        let mut vars = vs.variables();
        tch::no_grad(|| {
            for (name, t) in vars.iter_mut() {
                let is_norm = name.contains("LayerNorm");
                if name.starts_with("bert.encoder.") && !is_norm {
                    let _ = t.zero_();
                }
            }
            let mut we = vec![0f32; VOCAB.len() * HIDDEN as usize];
            for (i, (_, l)) in VOCAB.iter().enumerate() {
                we[i * HIDDEN as usize + l] = 10.0;
            }
            let src = Tensor::from_slice(&we).view([VOCAB.len() as i64, HIDDEN]);
            vars.get_mut("bert.embeddings.word_embeddings.weight")
                .unwrap()
                .copy_(&src);
            let _ = vars
                .get_mut("bert.embeddings.position_embeddings.weight")
                .unwrap()
                .zero_();
            let _ = vars
                .get_mut("bert.embeddings.token_type_embeddings.weight")
                .unwrap()
                .zero_();
            let n = LABELS.len() as i64;
            let eye = Tensor::eye(n, (Kind::Float, Device::Cpu));
            let w = Tensor::cat(
                &[
                    eye,
                    Tensor::zeros([n, HIDDEN - n], (Kind::Float, Device::Cpu)),
                ],
                1,
            );
            vars.get_mut("classifier.weight").unwrap().copy_(&w);
            let _ = vars.get_mut("classifier.bias").unwrap().zero_();
        });
    }
    vs.save(dir.join("model.safetensors")).unwrap();
}

fn wired_model(max_pos: i64) -> (tempfile::TempDir, NerModel) {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), max_pos, true);
    let model = NerModel::load(dir.path()).unwrap();
    (dir, model)
}

fn found(text: &str, model: &NerModel) -> Vec<(String, String)> {
    let ents = model.predict(&[text]).unwrap();
    ents[0]
        .iter()
        .map(|e| {
            assert!(e.score > 0.5 && e.score <= 1.0, "score {}", e.score);
            (text[e.start..e.end].to_string(), e.label.clone())
        })
        .collect()
}

#[rstest]
#[case::fr_place_accent(
    "Des soldats ont été tués à Ménaka.",
    &[("Ménaka", "LOC")]
)]
#[case::fr_subwords_person(
    "Le ministre Yaya Sangaré a dit « Tombouctou ».",
    &[("Yaya Sangaré", "PER"), ("Tombouctou", "LOC")]
)]
#[case::fr_hyphen_org(
    "selon Al-Qaïda, près de Gao",
    &[("Al-Qaïda", "ORG"), ("Gao", "LOC")]
)]
#[case::fr_unknown_words_and_emoji(
    "À Ménaka 🙂 hier, l'armée…",
    &[("Ménaka", "LOC")]
)]
#[case::en_two_places(
    "Soldiers were killed near Gao, Niger, Reuters said.",
    &[("Gao", "LOC"), ("Niger", "LOC"), ("Reuters", "ORG")]
)]
#[case::en_person(
    "Mohamed Bazoum said.",
    &[("Mohamed Bazoum", "PER")]
)]
#[case::en_no_entity("the soldiers were killed", &[])]
fn wired_model_finds_words(#[case] text: &str, #[case] want: &[(&str, &str)]) {
    let (_dir, model) = wired_model(64);
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(found(text, &model), want);
}

#[test]
fn long_sentences_are_cut_into_windows() {
    // 16 positions: 14 tokens per window, so the place sits in a later window.
    let (_dir, model) = wired_model(16);
    let text = format!(
        "{} à Ménaka, près de Tombouctou.",
        "des soldats ont été tués ".repeat(6)
    );
    let got = found(&text, &model);
    assert_eq!(
        got,
        vec![
            ("Ménaka".to_string(), "LOC".to_string()),
            ("Tombouctou".to_string(), "LOC".to_string())
        ]
    );
}

#[test]
fn batches_give_the_same_as_one_by_one() {
    let (_dir, model) = wired_model(64);
    let texts = [
        "Des soldats à Ménaka.",
        "",
        "Mohamed Bazoum said in Gao, Niger.",
    ];
    let together = model.predict(&texts).unwrap();
    for (t, ents) in texts.iter().zip(&together) {
        assert_eq!(&model.predict(&[t]).unwrap()[0], ents);
    }
    assert!(together[1].is_empty());
}

#[test]
fn random_weights_load_and_give_sound_offsets() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), 16, false);
    let model = NerModel::load(dir.path()).unwrap();
    assert_eq!(model.labels(), LABELS);
    let texts = [
        "Des soldats ont été tués à Ménaka, près de Tombouctou, selon Al-Qaïda.",
        "« Niger » — 🙂 ﬁ Ⅻ e\u{301}té",
        "",
        "   ",
        &"Gao Niger Reuters ".repeat(40),
    ];
    for (t, ents) in texts.iter().zip(model.predict(&texts).unwrap()) {
        for e in ents {
            assert!(e.start < e.end && e.end <= t.len());
            assert!(t.is_char_boundary(e.start) && t.is_char_boundary(e.end));
            assert!(
                ["PER", "LOC", "ORG"].contains(&e.label.as_str()),
                "{}",
                e.label
            );
        }
    }
}

#[rstest]
#[case::no_config("config.json")]
#[case::no_vocab("vocab.txt")]
#[case::no_weights("model.safetensors")]
fn missing_files_are_errors(#[case] file: &str) {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), 16, false);
    std::fs::remove_file(dir.path().join(file)).unwrap();
    let err = NerModel::load(dir.path()).err().expect("load must fail");
    assert!(!err.to_string().is_empty());
}

#[test]
fn config_without_labels_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), 16, false);
    let mut cfg = config(16);
    cfg.as_object_mut().unwrap().remove("id2label");
    std::fs::write(dir.path().join("config.json"), cfg.to_string()).unwrap();
    assert!(NerModel::load(dir.path()).is_err());
}

/// A document whose body starts at `body_start`, one sentence per '.'.
fn doc_from(text: &str, body_start: usize) -> Document {
    let mut doc = Document::new("t", text);
    doc.body_start = body_start;
    let mut start = body_start;
    for (i, c) in text.char_indices().filter(|&(i, _)| i >= body_start) {
        if c == '.' {
            doc.sentences.push(Sentence { start, end: i + 1 });
            start = (i + 1..=text.len())
                .find(|&j| !text[j..].starts_with(' '))
                .unwrap_or(text.len());
        }
    }
    if start < text.len() {
        doc.sentences.push(Sentence {
            start,
            end: text.len(),
        });
    }
    doc
}

fn doc_with_sentences(text: &str) -> Document {
    doc_from(text, 0)
}

/// A normalizer standing in for the gazetteer and the actor lexicon.
struct Lexicon;

impl Normalize for Lexicon {
    fn place(&self, _doc: &Document, span: Span) -> Option<PlaceMention> {
        let (name, country) = match span.text.as_str() {
            "Tombouctou" => ("Tombouctou", "ML"),
            "Ménaka" => ("Ménaka", "ML"),
            _ => return None,
        };
        let mut m = AsWritten.place(_doc, span)?;
        m.name = name.into();
        m.country = Some(country.into());
        m.resolved = true;
        Some(m)
    }
    fn actor(
        &self,
        doc: &Document,
        span: Span,
        kind: EntityKind,
    ) -> Option<bilan::document::ActorMention> {
        let mut m = AsWritten.actor(doc, span, kind)?;
        if m.span.text == "Al-Qaïda" {
            m.name = "Al-Qaïda".into();
            m.kind = ActorType::ArmedGroup;
        }
        Some(m)
    }
}

#[derive(Clone, Copy)]
enum Norm {
    AsWritten,
    Local,
    Project,
}

#[rstest]
#[case::fr_as_written(Norm::AsWritten)]
#[case::fr_local_lexicon(Norm::Local)]
#[case::fr_project_lexicons(Norm::Project)]
fn stage_adds_mentions_that_do_not_overlap(#[case] norm: Norm) {
    let (_dir, model) = wired_model(64);
    let stage = match norm {
        Norm::AsWritten => NerStage::with_normalizer(model, Box::new(AsWritten)),
        Norm::Local => NerStage::with_normalizer(model, Box::new(Lexicon)),
        Norm::Project => NerStage::new(model),
    };
    let text = " date 2019-11  Des soldats ont été tués à Ménaka. Le ministre Yaya Sangaré a dit. \
                selon Al-Qaïda, près de Tombouctou.";
    assert!(text[..15].ends_with("  "));
    let mut doc = doc_from(text, 15);
    doc.lang = Some(bilan::Lang::Fr);
    assert_eq!(doc.sentences.len(), 3);
    let mut ann = Annotations::default();
    // The gazetteer already found Ménaka: the model's Ménaka must not be added again.
    let m = text.find("Ménaka").unwrap();
    let first = AsWritten
        .place(&doc, Span::new(&doc, m, m + "Ménaka".len()))
        .unwrap();
    ann.places.push(first.clone());
    bilan::Stage::run(&stage, &doc, &mut ann);

    for p in &ann.places {
        assert_eq!(&text[p.span.start..p.span.end], p.span.text);
    }
    let places: Vec<(&str, bool)> = ann
        .places
        .iter()
        .map(|p| (p.span.text.as_str(), p.resolved))
        .collect();
    let resolved = !matches!(norm, Norm::AsWritten);
    assert_eq!(places, vec![("Ménaka", false), ("Tombouctou", resolved)]);
    if resolved {
        assert_eq!(ann.places[1].country.as_deref(), Some("ML"));
    }
    let actors: Vec<(&str, &str, ActorType, usize)> = ann
        .actors
        .iter()
        .map(|a| {
            (
                a.span.text.as_str(),
                a.name.as_str(),
                a.kind,
                a.span.sentence,
            )
        })
        .collect();
    let org = if resolved {
        ActorType::ArmedGroup
    } else {
        ActorType::Other
    };
    assert_eq!(
        actors,
        vec![
            ("Yaya Sangaré", "Yaya Sangaré", ActorType::Person, 1),
            ("Al-Qaïda", "Al-Qaïda", org, 2)
        ]
    );
    for a in &ann.actors {
        assert_eq!(&text[a.span.start..a.span.end], a.span.text);
    }
}

#[test]
fn project_lexicon_drops_unknown_organizations() {
    let (_dir, model) = wired_model(64);
    let stage = NerStage::new(model);
    // « Reuters » is wired to ORG and is in the lexicon; the hyphen alone is
    // wired to I-ORG and is no actor.
    let mut doc = doc_with_sentences("Soldiers were killed near Gao, Reuters said - near Niger.");
    doc.lang = Some(bilan::Lang::En);
    let mut ann = Annotations::default();
    bilan::Stage::run(&stage, &doc, &mut ann);
    let actors: Vec<&str> = ann.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(actors, vec!["Reuters"]);
    assert_eq!(ann.actors[0].kind, ActorType::Media);
}

#[test]
fn stage_min_score_drops_everything_above_one() {
    let (_dir, model) = wired_model(64);
    let mut stage = NerStage::new(model);
    stage.min_score = 1.01;
    let doc = doc_with_sentences("Des soldats ont été tués à Ménaka.");
    let mut ann = Annotations::default();
    bilan::Stage::run(&stage, &doc, &mut ann);
    assert!(ann.places.is_empty() && ann.actors.is_empty());
}

#[test]
fn pipeline_runs_ner_before_claims() {
    let (_dir, model) = wired_model(64);
    let mut p = bilan::Pipeline::new();
    p.insert_before("claims", Box::new(NerStage::new(model)));
    let names: Vec<&str> = p.stages().iter().map(|s| s.name()).collect();
    let ner = names.iter().position(|n| *n == "ner").unwrap();
    assert_eq!(names.get(ner + 1), Some(&"claims"));
    let out = p
        .process(Document::new(
            "d",
            "Des soldats ont été tués à Ménaka, près de Tombouctou.",
        ))
        .unwrap();
    let places: Vec<&str> = out
        .ann
        .places
        .iter()
        .map(|p| p.span.text.as_str())
        .collect();
    assert!(
        places.contains(&"Ménaka") && places.contains(&"Tombouctou"),
        "{places:?}"
    );
}

fn minilm() -> Option<Embedder> {
    match std::env::var_os("BILAN_MINILM") {
        Some(dir) => Some(Embedder::load(Path::new(&dir)).expect("loading BILAN_MINILM")),
        None => {
            eprintln!("BILAN_MINILM is not set: skipping (run scripts/setup-ml.sh --env)");
            None
        }
    }
}

#[rstest]
#[case::en_attack(
    "Gunmen killed twelve soldiers in an attack on an army camp in northern Mali.",
    "Twelve soldiers died when armed men attacked a military base in the north of Mali.",
    "The central bank raised its interest rate by half a point on Tuesday."
)]
#[case::en_displaced(
    "Thousands of people fled their villages after the jihadist raids.",
    "After the jihadist attacks, thousands of villagers were forced to leave their homes.",
    "The football team won the championship after a penalty shoot-out."
)]
fn minilm_paraphrase_is_closer(#[case] s: &str, #[case] para: &str, #[case] other: &str) {
    let Some(emb) = minilm() else { return };
    assert_eq!(emb.dim(), 384);
    let v = emb.embed(&[s, para, other]).unwrap();
    for x in &v {
        let norm: f32 = x.iter().map(|a| a * a).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4);
    }
    let close = bilan::ml::embed::cosine(&v[0], &v[1]);
    let far = bilan::ml::embed::cosine(&v[0], &v[2]);
    assert!(close > far + 0.2, "paraphrase {close} vs unrelated {far}");
    let ranked = emb.rank(s, &[other, para], 2).unwrap();
    assert_eq!(ranked[0].0, 1);
}

#[test]
fn minilm_embedding_evidence_picks_the_matching_reference() {
    let Some(emb) = minilm() else { return };
    let refs = vec![
        doc_with_sentences(
            "The weather was hot in Bamako. Twelve soldiers died when armed men attacked a \
             military base in northern Mali. The market reopened.",
        ),
        Document::new("r2", "The football team won the championship."),
    ];
    let index = SentenceIndex::build(&emb, &refs).unwrap();
    assert_eq!(index.len(), 4);
    let doc = doc_with_sentences(
        "It rained. Gunmen killed twelve soldiers in an attack on an army camp in northern Mali.",
    );
    let at = doc.text.find("killed twelve").unwrap();
    let mut claim = Claim::new(
        ClaimKind::Casualties,
        &Span::new(&doc, at, at + "killed twelve".len()),
    );
    claim.count = Some(12.0);
    assert_eq!(claim.sentence, 1);
    let ev = embedding_evidence(&emb, &index, &doc, &[claim], 2, 0.3).unwrap();
    assert_eq!(ev.len(), 1);
    let best = &ev[0][0];
    assert_eq!((best.doc.as_str(), best.sentence), ("t", 1));
    assert!(best.text.starts_with("Twelve soldiers died"));
    assert!(best.similarity.unwrap() > 0.5);
    assert!(ev[0].iter().all(|e| e.similarity.unwrap() >= 0.3));
}

/// Sentences for the throughput figures: wire-style, French and English.
fn bench_sentences(n: usize) -> Vec<String> {
    let base = [
        "Des soldats ont été tués à Ménaka, près de Tombouctou, selon une source militaire.",
        "Le ministre Yaya Sangaré a dit que l'armée avait repoussé l'attaque.",
        "Twelve soldiers were killed near Gao on Tuesday, Reuters said, citing a security source.",
        "Al-Qaïda au Maghreb islamique a revendiqué l'attaque du camp de Boulkessi.",
        "Mohamed Bazoum said the army had regained control of the area after heavy fighting.",
    ];
    (0..n)
        .map(|i| format!("{} ({i})", base[i % base.len()]))
        .collect()
}

fn per_second(n: usize, f: impl FnOnce()) -> f64 {
    let t = std::time::Instant::now();
    f();
    n as f64 / t.elapsed().as_secs_f64()
}

/// Throughput figures, not a check (nothing timed is asserted):
/// `cargo test --features ml --test ml -- --ignored --nocapture throughput`.
/// Set BILAN_NER_BENCH_DIR to keep the MiniLM-size NER model for the CLI.
#[test]
#[ignore]
fn throughput() {
    let n = 256;
    let owned = bench_sentences(n);
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    eprintln!("threads: {}", tch::get_num_threads());
    let (_dir, tiny) = wired_model(128);
    let sps = per_second(n, || {
        tiny.predict(&texts).unwrap();
    });
    eprintln!("ner tiny (2 layers, 32 hidden): {sps:.0} sentences/s");
    let Some(minilm_dir) = std::env::var_os("BILAN_MINILM") else {
        eprintln!("BILAN_MINILM is not set: no MiniLM-size figures");
        return;
    };
    let minilm_dir = Path::new(&minilm_dir);
    // A MiniLM-size token classifier: MiniLM's config and vocabulary, random weights.
    let keep = std::env::var_os("BILAN_NER_BENCH_DIR");
    let tmp = tempfile::tempdir().unwrap();
    let dir = keep.as_ref().map(Path::new).unwrap_or(tmp.path());
    std::fs::create_dir_all(dir).unwrap();
    let mut cfg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(minilm_dir.join("config.json")).unwrap())
            .unwrap();
    cfg["id2label"] = config(16)["id2label"].clone();
    std::fs::write(dir.join("config.json"), cfg.to_string()).unwrap();
    std::fs::copy(minilm_dir.join("vocab.txt"), dir.join("vocab.txt")).unwrap();
    let bert_cfg: BertConfig = serde_json::from_value(cfg).unwrap();
    let vs = VarStore::new(Device::Cpu);
    let _m = BertForTokenClassification::new(vs.root(), &bert_cfg).unwrap();
    vs.save(dir.join("model.safetensors")).unwrap();
    let ner = NerModel::load(dir).unwrap();
    let sps = per_second(n, || {
        ner.predict(&texts).unwrap();
    });
    eprintln!("ner MiniLM-size (6 layers, 384 hidden): {sps:.0} sentences/s");
    let emb = Embedder::load(minilm_dir).unwrap();
    let sps = per_second(n, || {
        emb.embed(&texts).unwrap();
    });
    eprintln!("embeddings all-MiniLM-L6-v2: {sps:.0} sentences/s");
}

fn bilan_extract(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bilan"))
        .args(["extract", "-q", "--format", "mentions"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_extract_with_ner_model() {
    let (dir, _model) = wired_model(64);
    let input = dir.path().join("doc.txt");
    // The rules do not take « Zorgbala » (an invented town) for a place; the model does.
    std::fs::write(&input, "Des soldats ont été tués. Zorgbala reste calme.").unwrap();
    let flag = std::ffi::OsStr::new("--ner-model");
    let plain = bilan_extract(&[input.as_os_str()]);
    assert!(plain.status.success());
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("Zorgbala"));
    let out = bilan_extract(&[flag, dir.path().as_os_str(), input.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("Zorgbala"))
        .unwrap_or_else(|| panic!("no Zorgbala in {text}"));
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["category"], "place");
    assert_eq!(v["resolved"], false);
    assert_eq!(v["start"], "Des soldats ont été tués. ".len());
    let missing = dir.path().join("missing");
    let bad = bilan_extract(&[flag, missing.as_os_str(), input.as_os_str()]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("NER model"));
}

#[test]
fn cli_check_with_embed_model() {
    let Some(model) = std::env::var_os("BILAN_MINILM") else {
        eprintln!("BILAN_MINILM is not set: skipping (run scripts/setup-ml.sh --env)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("refs");
    std::fs::create_dir(&refs).unwrap();
    std::fs::write(
        refs.join("r1.txt"),
        "The market reopened on Monday. Twelve soldiers died when gunmen attacked an army \
         base in northern Mali on Sunday, the army said.",
    )
    .unwrap();
    let input = dir.path().join("doc.txt");
    std::fs::write(
        &input,
        "Twelve soldiers were killed in an attack on a military camp in northern Mali, \
         officials said.",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bilan"))
        .args(["check", "-q", "--format", "claims", "--against"])
        .arg(&refs)
        .arg("--embed-model")
        .arg(&model)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let claim: serde_json::Value =
        serde_json::from_str(text.lines().next().expect("a claim")).unwrap();
    let evidence = claim["evidence"].as_array().expect("evidence");
    let by_embedding: Vec<&serde_json::Value> = evidence
        .iter()
        .filter(|e| e.get("similarity").is_some())
        .collect();
    // The check found that sentence too: it gets its similarity, once.
    assert_eq!(by_embedding.len(), 1, "{text}");
    assert_eq!(by_embedding[0]["sentence"], 1);
    assert_eq!(by_embedding[0]["count"], 12);
    assert!(by_embedding[0]["similarity"].as_f64().unwrap() > 0.5);
    let same = evidence
        .iter()
        .filter(|e| e["doc"] == "r1" && e["sentence"] == 1)
        .count();
    assert_eq!(same, 1);
}
