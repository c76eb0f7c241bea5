//! Token classification (NER) with a BERT checkpoint, at the word level.
//!
//! The text is cut into words first (runs of letters, digits and combining
//! marks; every other non-space character is a word of its own, as BERT's
//! basic tokenizer does), each word is cut into WordPiece tokens, and a
//! word takes the label of its first token. Entities are runs of words merged
//! by their BIO / BIOES / IO labels; their offsets are BYTE offsets into the
//! text given, always on character boundaries.

use std::path::Path;
use std::sync::Mutex;

use rust_bert::bert::BertForTokenClassification;
use rust_tokenizers::tokenizer::{BertTokenizer, Tokenizer};
use tch::{nn::VarStore, Device};

use super::{batch_tensors, to_vec, MlError, ModelDir};
use crate::document::{ActorMention, ActorType, Annotations, Document, PlaceMention, Span};
use crate::pipeline::Stage;

/// One entity found by the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Byte offsets into the text given to [`NerModel::predict`].
    pub start: usize,
    pub end: usize,
    /// The entity type, without its B-/I- prefix (`PER`, `LOC`, `ORG`, …).
    pub label: String,
    /// Mean probability of the words' labels.
    pub score: f32,
}

/// Byte spans of the words of `text`.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        if in_word {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s, i));
        }
        if !c.is_whitespace() && !c.is_control() {
            out.push((i, i + c.len_utf8()));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Splits a label into its scheme prefix and its type: `B-PER` → (`B`, `PER`),
/// `PER` → (`I`, `PER`) (IO scheme), `O` → None.
fn split_label(label: &str) -> Option<(char, &str)> {
    if label.is_empty() || label == "O" {
        return None;
    }
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(p @ ('B' | 'I' | 'E' | 'S' | 'L' | 'U')), Some('-' | '_')) => {
            Some((p, &label[2..])).filter(|(_, t)| !t.is_empty())
        }
        _ => Some(('I', label)),
    }
}

/// Merges word labels into entities. `words[i]` has label `labels[i]` with
/// probability `scores[i]`. A B/S/U prefix, a change of type or an O starts a
/// new entity; an E/L/S/U prefix ends one. An entity spans from its first
/// word's start to its last word's end.
pub fn merge_labels(words: &[(usize, usize)], labels: &[&str], scores: &[f32]) -> Vec<Entity> {
    struct Open<'a> {
        ty: &'a str,
        start: usize,
        end: usize,
        sum: f32,
        n: usize,
        closed: bool,
    }
    let finish = |o: Open| Entity {
        start: o.start,
        end: o.end,
        label: o.ty.to_string(),
        score: o.sum / o.n as f32,
    };
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    for ((&(ws, we), &label), &score) in words.iter().zip(labels).zip(scores) {
        let Some((prefix, ty)) = split_label(label) else {
            out.extend(open.take().map(finish));
            continue;
        };
        let extend = matches!(&open, Some(o) if o.ty == ty && !o.closed)
            && !matches!(prefix, 'B' | 'S' | 'U');
        match open.as_mut() {
            Some(o) if extend => {
                o.end = we;
                o.sum += score;
                o.n += 1;
            }
            _ => {
                out.extend(open.take().map(finish));
                open = Some(Open {
                    ty,
                    start: ws,
                    end: we,
                    sum: score,
                    n: 1,
                    closed: false,
                });
            }
        }
        if let Some(o) = open.as_mut() {
            o.closed = matches!(prefix, 'E' | 'L' | 'S' | 'U');
        }
    }
    out.extend(open.map(finish));
    out
}

/// A BERT token-classification model loaded from a local folder.
pub struct NerModel {
    tokenizer: BertTokenizer,
    model: Mutex<(VarStore, BertForTokenClassification)>,
    labels: Vec<String>,
    device: Device,
    max_len: usize,
    cls: i64,
    sep: i64,
    pad: i64,
    /// Sequences per forward pass.
    pub batch_size: usize,
}

/// One model input: the token ids, and for each word its index in the text's
/// word list and the position of its first token.
struct Chunk {
    text: usize,
    ids: Vec<i64>,
    firsts: Vec<(usize, usize)>,
}

impl NerModel {
    /// Loads `config.json` (with `id2label`), `vocab.txt` and the weights
    /// (Hugging Face `BertForTokenClassification` names: `bert.…`, `classifier.…`).
    pub fn load(dir: &Path) -> Result<NerModel, MlError> {
        let md = ModelDir::open(dir)?;
        let id2label = md.config.id2label.clone().unwrap_or_default();
        let n = id2label.len();
        let labels: Vec<String> = (0..n as i64)
            .map(|i| id2label.get(&i).cloned())
            .collect::<Option<_>>()
            .filter(|l: &Vec<String>| !l.is_empty())
            .ok_or_else(|| MlError::Model {
                dir: dir.to_path_buf(),
                what: "config.json: id2label must map 0..n to labels".into(),
            })?;
        let (cls, sep, pad) = md.special_ids()?;
        let device = super::device();
        let mut vs = VarStore::new(device);
        let model = BertForTokenClassification::new(vs.root(), &md.config)?;
        vs.load(&md.weights)?;
        vs.freeze();
        Ok(NerModel {
            max_len: md.max_len(),
            tokenizer: md.tokenizer,
            model: Mutex::new((vs, model)),
            labels,
            device,
            cls,
            sep,
            pad,
            batch_size: 16,
        })
    }

    /// The labels, by id.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Entities of each text, with byte offsets into that text.
    pub fn predict(&self, texts: &[&str]) -> Result<Vec<Vec<Entity>>, MlError> {
        let words: Vec<Vec<(usize, usize)>> = texts.iter().map(|t| words(t)).collect();
        let mut chunks = self.chunks(texts, &words);
        // Similar lengths together: less padding per batch.
        chunks.sort_by_key(|c| c.ids.len());
        // (label id, probability) of each word, O by default.
        let mut preds: Vec<Vec<(usize, f32)>> = words
            .iter()
            .map(|w| vec![(usize::MAX, 0.0); w.len()])
            .collect();
        for batch in chunks.chunks(self.batch_size.max(1)) {
            let rows: Vec<Vec<i64>> = batch.iter().map(|c| c.ids.clone()).collect();
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            let (ids, mask) = batch_tensors(&rows, self.pad, self.device);
            let logits = {
                let guard = self.model.lock().unwrap_or_else(|e| e.into_inner());
                tch::no_grad(|| {
                    guard
                        .1
                        .forward_t(Some(&ids), Some(&mask), None, None, None, false)
                        .logits
                })
            };
            let values = to_vec(&logits)?;
            let nl = self.labels.len();
            for (r, chunk) in batch.iter().enumerate() {
                for &(w, pos) in &chunk.firsts {
                    let at = (r * width + pos) * nl;
                    if let Some(row) = values.get(at..at + nl) {
                        preds[chunk.text][w] = argmax_softmax(row);
                    }
                }
            }
        }
        Ok(words
            .iter()
            .zip(&preds)
            .map(|(ws, ps)| {
                let labels: Vec<&str> = ps
                    .iter()
                    .map(|&(l, _)| self.labels.get(l).map_or("O", String::as_str))
                    .collect();
                let scores: Vec<f32> = ps.iter().map(|&(_, s)| s).collect();
                merge_labels(ws, &labels, &scores)
            })
            .collect())
    }

    /// Cuts each text's words into model inputs of at most `max_len` tokens.
    fn chunks(&self, texts: &[&str], words: &[Vec<(usize, usize)>]) -> Vec<Chunk> {
        let room = self.max_len.saturating_sub(2).max(1);
        let mut out = Vec::new();
        for (t, (text, ws)) in texts.iter().zip(words).enumerate() {
            let mut cur = Chunk {
                text: t,
                ids: vec![self.cls],
                firsts: Vec::new(),
            };
            for (w, &(s, e)) in ws.iter().enumerate() {
                let pieces = self.tokenizer.tokenize(&text[s..e]);
                let mut ids = self.tokenizer.convert_tokens_to_ids(&pieces);
                if ids.is_empty() {
                    continue;
                }
                ids.truncate(room);
                if cur.ids.len() - 1 + ids.len() > room {
                    cur.ids.push(self.sep);
                    out.push(std::mem::replace(
                        &mut cur,
                        Chunk {
                            text: t,
                            ids: vec![self.cls],
                            firsts: Vec::new(),
                        },
                    ));
                }
                cur.firsts.push((w, cur.ids.len()));
                cur.ids.extend(ids);
            }
            if !cur.firsts.is_empty() {
                cur.ids.push(self.sep);
                out.push(cur);
            }
        }
        out
    }
}

/// The most probable label of a row of logits, and its probability.
fn argmax_softmax(row: &[f32]) -> (usize, f32) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = row.iter().map(|v| (v - max).exp()).sum();
    let best =
        row.iter().enumerate().fold(
            (0, f32::NEG_INFINITY),
            |b, (i, &v)| if v > b.1 { (i, v) } else { b },
        );
    (best.0, if sum > 0.0 { 1.0 / sum } else { 0.0 })
}

/// What an entity type means for the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Place,
    Organization,
}

impl EntityKind {
    /// `PER`/`PERS`/`PERSON`, `LOC`/`GPE`/`LOCATION`, `ORG`/`ORGANIZATION`; others
    /// (MISC, DATE…) are left to the rule stages.
    pub fn from_label(label: &str) -> Option<EntityKind> {
        match label.to_ascii_uppercase().as_str() {
            "PER" | "PERS" | "PERSON" => Some(EntityKind::Person),
            "LOC" | "GPE" | "LOCATION" => Some(EntityKind::Place),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityKind::Organization),
            _ => None,
        }
    }
}

/// Turns a span the model proposed into a mention: the lexicon and the
/// gazetteer normalize, or drop the proposal by returning None.
pub trait Normalize: Send + Sync {
    fn place(&self, doc: &Document, span: Span) -> Option<PlaceMention>;
    fn actor(&self, doc: &Document, span: Span, kind: EntityKind) -> Option<ActorMention>;
}

/// Keeps every proposal as written: places unresolved (`resolved: false`),
/// persons as persons, organizations with type `other`.
#[derive(Debug, Default, Clone, Copy)]
pub struct AsWritten;

impl Normalize for AsWritten {
    fn place(&self, _doc: &Document, span: Span) -> Option<PlaceMention> {
        Some(PlaceMention::unresolved(span, None))
    }
    fn actor(&self, _doc: &Document, span: Span, kind: EntityKind) -> Option<ActorMention> {
        let kind = match kind {
            EntityKind::Person => ActorType::Person,
            _ => ActorType::Other,
        };
        Some(ActorMention {
            name: span.text.clone(),
            span,
            kind,
            country: None,
            role: None,
            source: false,
        })
    }
}

/// The project's own knowledge: places through the gazetteer
/// ([`crate::places::lookup`]; unknown names are kept unresolved, as the
/// places stage does), organizations through the actor lexicon (names it does
/// not know are dropped: a wrong actor costs more than a missing one), persons
/// as written (or the full name of a person already found, see [`NerStage`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Lexicons;

impl Normalize for Lexicons {
    fn place(&self, doc: &Document, span: Span) -> Option<PlaceMention> {
        let mut m = AsWritten.place(doc, span)?;
        if let Some(p) = crate::places::lookup(&m.span.text) {
            m.name = p.name.clone();
            m.country = p.country.clone();
            m.lat = p.lat;
            m.lon = p.lon;
            m.geonames_id = p.geonames_id;
            m.kind = Some(p.kind.as_str().to_string());
            m.parent = crate::places::parent(p).map(|q| q.name.clone());
            m.resolved = true;
        }
        Some(m)
    }

    fn actor(&self, doc: &Document, span: Span, kind: EntityKind) -> Option<ActorMention> {
        let mut m = AsWritten.actor(doc, span, kind)?;
        if kind == EntityKind::Person {
            return Some(m);
        }
        // The lexicon reads the name alone, as a one-sentence document.
        let text = m.span.text.clone();
        let mut alone = Document::new(doc.id.clone(), text.clone());
        alone.lang = doc.lang;
        alone.sentences = vec![crate::document::Sentence {
            start: 0,
            end: text.len(),
        }];
        let known = crate::actors::extract(&alone, &[])
            .into_iter()
            .find(|a| a.span.start == 0 && a.span.end == text.len())?;
        m.name = known.name;
        m.kind = known.kind;
        m.country = known.country;
        Some(m)
    }
}

/// The NER stage: runs the model on each sentence and adds the PER/LOC/ORG
/// entities that overlap no place or actor found before as mentions, through
/// a [`Normalize`] ([`Lexicons`] by default). A person found by its surname
/// alone gets the full name of the one person already found with that
/// surname. Put it after the places and actors stages, before claims
/// (`Pipeline::insert_before("claims", …)`).
pub struct NerStage {
    model: NerModel,
    normalize: Box<dyn Normalize>,
    /// Entities scoring below this are dropped (default 0.5).
    pub min_score: f32,
    /// Sentences per call to the model.
    pub sentences_per_call: usize,
}

impl NerStage {
    /// The stage with the gazetteer and the actor lexicon ([`Lexicons`]).
    pub fn new(model: NerModel) -> NerStage {
        NerStage::with_normalizer(model, Box::new(Lexicons))
    }

    pub fn with_normalizer(model: NerModel, normalize: Box<dyn Normalize>) -> NerStage {
        NerStage {
            model,
            normalize,
            min_score: 0.5,
            sentences_per_call: 64,
        }
    }

    /// Loads the model in `dir`, with [`Lexicons`].
    pub fn load(dir: &Path) -> Result<NerStage, MlError> {
        Ok(NerStage::new(NerModel::load(dir)?))
    }

    /// The entities of `doc`, offsets into `doc.text`, in text order.
    pub fn entities(&self, doc: &Document) -> Result<Vec<Entity>, MlError> {
        let whole = [crate::document::Sentence {
            start: doc.body_start.min(doc.text.len()),
            end: doc.text.len(),
        }];
        let sentences = if doc.sentences.is_empty() {
            &whole[..]
        } else {
            &doc.sentences[..]
        };
        let mut out = Vec::new();
        for group in sentences.chunks(self.sentences_per_call.max(1)) {
            let texts: Vec<&str> = group
                .iter()
                .map(|s| doc.text.get(s.start..s.end).unwrap_or(""))
                .collect();
            for (s, ents) in group.iter().zip(self.model.predict(&texts)?) {
                out.extend(ents.into_iter().map(|e| Entity {
                    start: e.start + s.start,
                    end: e.end + s.start,
                    ..e
                }));
            }
        }
        Ok(out)
    }

    /// Adds the mentions for `entities` to `ann`, skipping those that overlap
    /// a place or actor already there.
    pub fn merge(&self, doc: &Document, entities: &[Entity], ann: &mut Annotations) {
        let mut taken: Vec<(usize, usize)> = ann
            .places
            .iter()
            .map(|p| (p.span.start, p.span.end))
            .chain(ann.actors.iter().map(|a| (a.span.start, a.span.end)))
            .collect();
        taken.sort_unstable();
        let ends = prefix_max_ends(&taken);
        for e in entities {
            if e.score < self.min_score || overlaps(&taken, &ends, e.start, e.end) {
                continue;
            }
            let Some(kind) = EntityKind::from_label(&e.label) else {
                continue;
            };
            if doc.text.get(e.start..e.end).is_none() {
                continue;
            }
            let span = Span::new(doc, e.start, e.end);
            match kind {
                EntityKind::Place => ann.places.extend(self.normalize.place(doc, span)),
                _ => {
                    let Some(mut m) = self.normalize.actor(doc, span, kind) else {
                        continue;
                    };
                    if m.kind == ActorType::Person {
                        if let Some(full) = full_name(&ann.actors, &m.span.text) {
                            m.name = full;
                        }
                    }
                    ann.actors.push(m);
                }
            }
        }
    }
}

/// The full name of a person already found whose name ends with `short`
/// (« Sangaré » → « Yaya Sangaré »), when exactly one does.
fn full_name(actors: &[ActorMention], short: &str) -> Option<String> {
    let mut names = actors
        .iter()
        .filter(|a| a.kind == ActorType::Person && a.name != short)
        .map(|a| a.name.as_str())
        .filter(|n| {
            n.strip_suffix(short)
                .is_some_and(|head| head.ends_with(' ') || head.ends_with('-'))
        });
    let first = names.next()?;
    names.all(|n| n == first).then(|| first.to_string())
}

/// `ends[i]` = the largest end among `spans[..=i]` (spans sorted by start).
fn prefix_max_ends(spans: &[(usize, usize)]) -> Vec<usize> {
    spans
        .iter()
        .scan(0, |m, &(_, e)| {
            *m = (*m).max(e);
            Some(*m)
        })
        .collect()
}

/// Whether `[start, end)` overlaps one of `spans` (sorted by start).
fn overlaps(spans: &[(usize, usize)], ends: &[usize], start: usize, end: usize) -> bool {
    // Spans starting before `end`; the last of them with the largest end decides.
    let n = spans.partition_point(|&(s, _)| s < end);
    n > 0 && ends[n - 1] > start
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn run(&self, doc: &Document, ann: &mut Annotations) {
        match self.entities(doc) {
            Ok(entities) => self.merge(doc, &entities, ann),
            // The rule stages' results stand; a model failure loses only proposals.
            Err(e) => eprintln!("warning: {}: ner: {e}", doc.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::fr_accents("À Ménaka, l'armée", &["À", "Ménaka", ",", "l", "'", "armée"])]
    #[case::en_hyphen("Al-Qaeda's men", &["Al", "-", "Qaeda", "'", "s", "men"])]
    #[case::fr_guillemets("« Tillabéri »", &["«", "Tillabéri", "»"])]
    #[case::combining("Me\u{301}naka 12", &["Me\u{301}naka", "12"])]
    #[case::emoji("Gao 🙂!", &["Gao", "🙂", "!"])]
    #[case::empty("", &[])]
    fn words_cut(#[case] text: &str, #[case] want: &[&str]) {
        let got: Vec<&str> = words(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, want);
    }

    fn ents(text: &str, labels: &[&str]) -> Vec<(String, String)> {
        let ws = words(text);
        assert_eq!(ws.len(), labels.len(), "test labels must match words");
        merge_labels(&ws, labels, &vec![0.9; labels.len()])
            .into_iter()
            .map(|e| (text[e.start..e.end].to_string(), e.label))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[rstest]
    #[case::fr_bio_person(
        "Le ministre Yaya Sangaré a dit",
        &["O", "O", "B-PER", "I-PER", "O", "O"],
        &[("Yaya Sangaré", "PER")]
    )]
    #[case::en_bio_two_places(
        "in Gao and Menaka",
        &["O", "B-LOC", "O", "B-LOC"],
        &[("Gao", "LOC"), ("Menaka", "LOC")]
    )]
    #[case::fr_bio_adjacent_b(
        "Bamako Niamey",
        &["B-LOC", "B-LOC"],
        &[("Bamako", "LOC"), ("Niamey", "LOC")]
    )]
    #[case::fr_io_hyphen(
        "selon Al-Qaïda hier",
        &["O", "ORG", "ORG", "ORG", "O"],
        &[("Al-Qaïda", "ORG")]
    )]
    #[case::en_io_type_change(
        "Reuters Niamey",
        &["I-ORG", "I-LOC"],
        &[("Reuters", "ORG"), ("Niamey", "LOC")]
    )]
    #[case::en_bioes(
        "Ibrahim Boubacar Keita Bamako",
        &["B-PER", "I-PER", "E-PER", "S-LOC"],
        &[("Ibrahim Boubacar Keita", "PER"), ("Bamako", "LOC")]
    )]
    #[case::fr_bioes_closed(
        "Gao Tombouctou",
        &["S-LOC", "I-LOC"],
        &[("Gao", "LOC"), ("Tombouctou", "LOC")]
    )]
    #[case::fr_stray_i_starts(
        "à Tombouctou .",
        &["O", "I-LOC", "O"],
        &[("Tombouctou", "LOC")]
    )]
    fn merge(#[case] text: &str, #[case] labels: &[&str], #[case] want: &[(&str, &str)]) {
        assert_eq!(ents(text, labels), pairs(want));
    }

    #[test]
    fn scores_are_means() {
        let ws = words("Yaya Sangaré");
        let e = merge_labels(&ws, &["B-PER", "I-PER"], &[0.5, 1.0]);
        assert_eq!(e.len(), 1);
        assert!((e[0].score - 0.75).abs() < 1e-6);
    }

    fn person(name: &str) -> ActorMention {
        AsWritten
            .actor(
                &Document::new("d", name),
                Span {
                    text: name.into(),
                    start: 0,
                    end: name.len(),
                    sentence: 0,
                },
                EntityKind::Person,
            )
            .unwrap()
    }

    #[rstest]
    #[case::fr_surname(&["Yaya Sangaré"], "Sangaré", Some("Yaya Sangaré"))]
    #[case::fr_hyphenated(&["Jean-Marie Traoré"], "Marie Traoré", Some("Jean-Marie Traoré"))]
    #[case::en_not_a_suffix_word(&["Ann Arbor"], "bor", None)]
    #[case::en_ambiguous(&["Ali Touré", "Amadou Touré"], "Touré", None)]
    #[case::en_same_twice(&["Ali Touré", "Ali Touré"], "Touré", Some("Ali Touré"))]
    #[case::fr_none(&[], "Keïta", None)]
    fn full_names(#[case] known: &[&str], #[case] short: &str, #[case] want: Option<&str>) {
        let actors: Vec<ActorMention> = known.iter().map(|n| person(n)).collect();
        assert_eq!(full_name(&actors, short).as_deref(), want);
    }

    #[rstest]
    #[case::inside(&[(10, 20)], 12, 14, true)]
    #[case::touching_left(&[(10, 20)], 5, 10, false)]
    #[case::touching_right(&[(10, 20)], 20, 25, false)]
    #[case::long_earlier(&[(0, 50), (30, 35)], 40, 45, true)]
    #[case::none(&[], 0, 5, false)]
    fn overlap(
        #[case] spans: &[(usize, usize)],
        #[case] s: usize,
        #[case] e: usize,
        #[case] want: bool,
    ) {
        assert_eq!(overlaps(spans, &prefix_max_ends(spans), s, e), want);
    }
}
