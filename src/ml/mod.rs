//! Optional neural stage (cargo feature `ml`): rust-bert over libtorch.
//!
//! - [`ner`]: token classification with any BERT checkpoint in a local folder,
//!   word-level entities with byte offsets, and [`ner::NerStage`], which turns
//!   PER/LOC/ORG entities into actor and place mentions that the rule stages
//!   missed (the model proposes, the lexicon and gazetteer normalize).
//! - [`embed`]: sentence embeddings (mean pooling + L2 normalization, as
//!   all-MiniLM-L6-v2 is trained), cosine ranking, and the embedding evidence
//!   hook for `check`.
//!
//! A model folder holds `config.json` (with `id2label` for NER), `vocab.txt`
//! (WordPiece), optionally `tokenizer_config.json` (`do_lower_case`,
//! `strip_accents`), and the weights as `model.safetensors` or `rust_model.ot`.
//! Set-up: `scripts/setup-ml.sh`.

pub mod embed;
pub mod ner;

use std::path::{Path, PathBuf};

use rust_bert::bert::BertConfig;
use rust_tokenizers::tokenizer::{BertTokenizer, Tokenizer};
use serde::Deserialize;
use tch::{Device, Kind, Tensor};

pub use embed::{embedding_evidence, Embedder, SentenceIndex};
pub use ner::{Entity, Lexicons, NerModel, NerStage};

/// Errors of the neural stage. Loading a model is the only fallible step that
/// depends on user data; inference errors come from libtorch.
#[derive(Debug, thiserror::Error)]
pub enum MlError {
    #[error("model folder {dir}: {what}")]
    Model { dir: PathBuf, what: String },
    #[error("{file}: {source}")]
    Io {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {what}")]
    Config { file: PathBuf, what: String },
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    #[error("rust-bert: {0}")]
    RustBert(#[from] rust_bert::RustBertError),
}

/// The files of a local BERT-family model folder.
pub(crate) struct ModelDir {
    pub dir: PathBuf,
    pub config: BertConfig,
    pub tokenizer: BertTokenizer,
    pub weights: PathBuf,
    /// `max_seq_length` of `sentence_bert_config.json`, when there is one.
    pub seq_len: Option<usize>,
}

#[derive(Deserialize)]
struct SentenceBertConfig {
    max_seq_length: Option<usize>,
}

#[derive(Deserialize, Default)]
struct TokenizerConfig {
    do_lower_case: Option<bool>,
    strip_accents: Option<bool>,
}

impl ModelDir {
    /// Reads `config.json`, the tokenizer (`vocab.txt` and, when present,
    /// `tokenizer_config.json`) and finds the weights.
    pub fn open(dir: &Path) -> Result<ModelDir, MlError> {
        let model_err = |what: String| MlError::Model {
            dir: dir.to_path_buf(),
            what,
        };
        let config_file = dir.join("config.json");
        let config: BertConfig = read_json(&config_file)?;
        let tok_file = dir.join("tokenizer_config.json");
        let tok: TokenizerConfig = if tok_file.is_file() {
            read_json(&tok_file)?
        } else {
            TokenizerConfig::default()
        };
        // Hugging Face's BertTokenizer defaults: lower-case, and strip accents
        // exactly when lower-casing unless said otherwise.
        let lower = tok.do_lower_case.unwrap_or(true);
        let strip = tok.strip_accents.unwrap_or(lower);
        let vocab = dir.join("vocab.txt");
        if !vocab.is_file() {
            return Err(model_err(
                "no vocab.txt (only WordPiece vocabularies are supported; see the README for \
                 sentencepiece models)"
                    .into(),
            ));
        }
        let tokenizer = BertTokenizer::from_file(&vocab, lower, strip)
            .map_err(|e| MlError::Tokenizer(e.to_string()))?;
        let weights = ["model.safetensors", "rust_model.ot"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file())
            .ok_or_else(|| model_err("no model.safetensors or rust_model.ot".into()))?;
        let sbert = dir.join("sentence_bert_config.json");
        let seq_len = if sbert.is_file() {
            read_json::<SentenceBertConfig>(&sbert)?.max_seq_length
        } else {
            None
        };
        Ok(ModelDir {
            dir: dir.to_path_buf(),
            config,
            tokenizer,
            weights,
            seq_len,
        })
    }

    /// Ids of `[CLS]`, `[SEP]` and `[PAD]`.
    pub fn special_ids(&self) -> Result<(i64, i64, i64), MlError> {
        let ids = self
            .tokenizer
            .convert_tokens_to_ids(&["[CLS]", "[SEP]", "[PAD]"]);
        let unk = self.tokenizer.convert_tokens_to_ids(&["[UNK]"]);
        match ids.as_slice() {
            [c, s, p] if !unk.contains(c) && !unk.contains(s) => Ok((*c, *s, *p)),
            _ => Err(MlError::Model {
                dir: self.dir.clone(),
                what: "vocab.txt lacks [CLS] or [SEP]".into(),
            }),
        }
    }

    /// Longest input in tokens, special tokens included: the position
    /// embeddings' size (at most 512), or the sentence-transformers setting.
    pub fn max_len(&self) -> usize {
        let pos = self.config.max_position_embeddings.clamp(8, 512) as usize;
        self.seq_len.map_or(pos, |n| n.clamp(8, pos))
    }
}

fn read_json<T: for<'de> Deserialize<'de>>(file: &Path) -> Result<T, MlError> {
    let text = std::fs::read_to_string(file).map_err(|source| MlError::Io {
        file: file.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| MlError::Config {
        file: file.to_path_buf(),
        what: e.to_string(),
    })
}

/// The device to run on: the GPU when libtorch has one, else the CPU.
pub fn device() -> Device {
    Device::cuda_if_available()
}

/// A padded batch: token ids and attention mask, both `[rows, width]`.
pub(crate) fn batch_tensors(rows: &[Vec<i64>], pad: i64, device: Device) -> (Tensor, Tensor) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut ids = Vec::with_capacity(rows.len() * width);
    let mut mask = Vec::with_capacity(rows.len() * width);
    for row in rows {
        ids.extend_from_slice(row);
        ids.extend(std::iter::repeat_n(pad, width - row.len()));
        mask.extend(std::iter::repeat_n(1i64, row.len()));
        mask.extend(std::iter::repeat_n(0i64, width - row.len()));
    }
    let shape = [rows.len() as i64, width as i64];
    (
        Tensor::from_slice(&ids).view(shape).to_device(device),
        Tensor::from_slice(&mask).view(shape).to_device(device),
    )
}

/// A float tensor's values in row-major order, on the CPU.
pub(crate) fn to_vec(t: &Tensor) -> Result<Vec<f32>, MlError> {
    let flat = t
        .to_kind(Kind::Float)
        .to_device(Device::Cpu)
        .contiguous()
        .view([-1]);
    Ok(Vec::<f32>::try_from(&flat)?)
}
