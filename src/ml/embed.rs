//! Sentence embeddings (mean pooling over the last hidden states, then L2
//! normalization: how sentence-transformers' all-MiniLM-L6-v2 is used), cosine
//! ranking, and the embedding evidence hook for `bilan check`.

use std::path::Path;
use std::sync::Mutex;

use rust_bert::bert::{BertEmbeddings, BertModel};
use rust_tokenizers::tokenizer::{BertTokenizer, Tokenizer, TruncationStrategy};
use tch::{nn::VarStore, Device};

use super::{batch_tensors, to_vec, MlError, ModelDir};
use crate::document::{Claim, Document, Evidence};

/// A BERT sentence encoder loaded from a local folder (`BertModel` weights,
/// with or without a `bert.` prefix).
pub struct Embedder {
    tokenizer: BertTokenizer,
    model: Mutex<(VarStore, BertModel<BertEmbeddings>)>,
    device: Device,
    max_len: usize,
    pad: i64,
    dim: usize,
    /// Sentences per forward pass.
    pub batch_size: usize,
}

impl Embedder {
    pub fn load(dir: &Path) -> Result<Embedder, MlError> {
        let md = ModelDir::open(dir)?;
        let (_, _, pad) = md.special_ids()?;
        let device = super::device();
        // sentence-transformers saves the bare encoder (`embeddings.…`);
        // Hugging Face task checkpoints nest it under `bert.`.
        let mut last = None;
        for prefix in ["", "bert"] {
            let mut vs = VarStore::new(device);
            let path = if prefix.is_empty() {
                vs.root()
            } else {
                vs.root() / prefix
            };
            let model =
                BertModel::<BertEmbeddings>::new_with_optional_pooler(path, &md.config, false);
            match vs.load(&md.weights) {
                Ok(()) => {
                    vs.freeze();
                    return Ok(Embedder {
                        max_len: md.max_len(),
                        dim: md.config.hidden_size.max(0) as usize,
                        tokenizer: md.tokenizer,
                        model: Mutex::new((vs, model)),
                        device,
                        pad,
                        batch_size: 32,
                    });
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.map(MlError::Torch).unwrap_or_else(|| MlError::Model {
            dir: dir.to_path_buf(),
            what: "no weights".into(),
        }))
    }

    /// Size of the vectors.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// One unit-length vector per text (texts longer than the model's
    /// window are truncated; an empty text gives the vector of `[CLS] [SEP]`).
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, MlError> {
        let rows: Vec<Vec<i64>> = texts
            .iter()
            .map(|t| {
                self.tokenizer
                    .encode(t, None, self.max_len, &TruncationStrategy::LongestFirst, 0)
                    .token_ids
            })
            .collect();
        // Similar lengths together: less padding per batch.
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_key(|&i| rows[i].len());
        let d = self.dim;
        let mut out = vec![Vec::new(); rows.len()];
        for batch in order.chunks(self.batch_size.max(1)) {
            let batch_rows: Vec<Vec<i64>> = batch.iter().map(|&i| rows[i].clone()).collect();
            let width = batch_rows.iter().map(Vec::len).max().unwrap_or(0);
            let (ids, mask) = batch_tensors(&batch_rows, self.pad, self.device);
            let hidden = {
                let guard = self.model.lock().unwrap_or_else(|e| e.into_inner());
                tch::no_grad(|| {
                    guard
                        .1
                        .forward_t(Some(&ids), Some(&mask), None, None, None, None, None, false)
                        .map(|o| o.hidden_state)
                })?
            };
            let values = to_vec(&hidden)?;
            for (r, &i) in batch.iter().enumerate() {
                // Mean pooling over the real tokens; the mean's scale goes
                // away in the normalization, so the sum is enough.
                let mut v = vec![0f32; d];
                for t in 0..rows[i].len() {
                    let at = (r * width + t) * d;
                    if let Some(h) = values.get(at..at + d) {
                        v.iter_mut().zip(h).for_each(|(a, b)| *a += b);
                    }
                }
                normalize(&mut v);
                out[i] = v;
            }
        }
        Ok(out)
    }

    /// The `k` candidates closest to `query` by cosine similarity, best first:
    /// (index into `candidates`, similarity).
    pub fn rank(
        &self,
        query: &str,
        candidates: &[&str],
        k: usize,
    ) -> Result<Vec<(usize, f32)>, MlError> {
        let q = self.embed(&[query])?;
        let c = self.embed(candidates)?;
        Ok(q.first()
            .map(|q| rank_vectors(q, &c, k))
            .unwrap_or_default())
    }
}

/// Scales `v` to unit length (a zero vector stays zero).
fn normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Cosine similarity of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The `k` vectors closest to `query` (unit vectors), best first; ties by index.
pub fn rank_vectors(query: &[f32], vectors: &[Vec<f32>], k: usize) -> Vec<(usize, f32)> {
    let mut scored: Vec<(usize, f32)> = vectors
        .iter()
        .enumerate()
        .map(|(i, v)| (i, cosine(query, v)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(k);
    scored
}

/// The sentences of reference documents with their embeddings, built once
/// and searched for every claim.
pub struct SentenceIndex {
    entries: Vec<(String, usize, String)>,
    vectors: Vec<Vec<f32>>,
}

impl SentenceIndex {
    /// Embeds every sentence of `refs` (documents already split into sentences;
    /// a document without sentences counts as one sentence).
    pub fn build(embedder: &Embedder, refs: &[Document]) -> Result<SentenceIndex, MlError> {
        let mut entries = Vec::new();
        for doc in refs {
            if doc.sentences.is_empty() {
                entries.push((doc.id.clone(), 0, doc.body().trim().to_string()));
            }
            for (i, s) in doc.sentences.iter().enumerate() {
                let text = doc.text.get(s.start..s.end).unwrap_or("").trim();
                entries.push((doc.id.clone(), i, text.to_string()));
            }
        }
        let texts: Vec<&str> = entries.iter().map(|e| e.2.as_str()).collect();
        let vectors = embedder.embed(&texts)?;
        Ok(SentenceIndex { entries, vectors })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// For each claim of `doc`, the `k` reference sentences most similar to the
/// claim's sentence with similarity at least `min_similarity`, as evidence
/// (`similarity` set; counts left for `check` to fill). Most useful for
/// claims that the rule-based check leaves unverified.
pub fn embedding_evidence(
    embedder: &Embedder,
    index: &SentenceIndex,
    doc: &Document,
    claims: &[Claim],
    k: usize,
    min_similarity: f32,
) -> Result<Vec<Vec<Evidence>>, MlError> {
    let texts: Vec<&str> = claims
        .iter()
        .map(|c| doc.sentence_text(c.sentence).trim())
        .collect();
    let queries = embedder.embed(&texts)?;
    Ok(queries
        .iter()
        .map(|q| {
            rank_vectors(q, &index.vectors, k)
                .into_iter()
                .filter(|&(_, s)| s >= min_similarity)
                .map(|(i, s)| {
                    let (doc, sentence, text) = &index.entries[i];
                    Evidence {
                        doc: doc.clone(),
                        sentence: *sentence,
                        text: text.clone(),
                        count: None,
                        min: None,
                        max: None,
                        revised: false,
                        similarity: Some(f64::from((s * 1e4).round() / 1e4)),
                    }
                })
                .collect()
        })
        .collect())
}

/// Similarity under which `bilan check --embed-model` adds no evidence.
pub const MIN_SIMILARITY: f32 = 0.5;

/// Adds to each claim of `doc` the reference sentence most similar to the
/// claim's sentence (at least `min_similarity`); when that sentence is
/// already among the claim's evidence, gives it its similarity.
pub fn add_embedding_evidence(
    embedder: &Embedder,
    index: &SentenceIndex,
    doc: &Document,
    claims: &mut [Claim],
    min_similarity: f32,
) -> Result<(), MlError> {
    let found = embedding_evidence(embedder, index, doc, claims, 1, min_similarity)?;
    for (claim, evs) in claims.iter_mut().zip(found) {
        for ev in evs {
            let known = claim
                .evidence
                .iter_mut()
                .find(|e| e.doc == ev.doc && e.sentence == ev.sentence);
            match known {
                Some(e) => e.similarity = e.similarity.or(ev.similarity),
                None => claim.evidence.push(ev),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_orders_by_cosine_then_index() {
        let mut a = vec![1.0, 0.0];
        let mut b = vec![1.0, 1.0];
        normalize(&mut a);
        normalize(&mut b);
        let vs = vec![b.clone(), a.clone(), vec![0.0, 1.0], a.clone()];
        let r = rank_vectors(&[1.0, 0.0], &vs, 3);
        let idx: Vec<usize> = r.iter().map(|x| x.0).collect();
        assert_eq!(idx, vec![1, 3, 0]);
        assert!((r[2].1 - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    }

    #[test]
    fn zero_vector_stays_zero() {
        let mut z = vec![0.0; 3];
        normalize(&mut z);
        assert_eq!(z, vec![0.0; 3]);
    }
}
