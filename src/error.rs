//! Typed errors. A document that cannot be processed yields one [`DocError`]
//! record in the output stream; every other document is still processed.

use serde::{Deserialize, Serialize};

/// What went wrong with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file or line could not be read (permissions, I/O error, symlink loop).
    Io,
    /// The document holds no text (empty or whitespace only).
    Empty,
    /// The bytes are not valid UTF-8 (the message names the byte offset).
    InvalidUtf8,
    /// The bytes look like binary data, not text.
    Binary,
    /// The document is larger than the configured limit.
    TooLarge,
    /// A JSONL line is not valid JSON, or lacks a string `text`.
    MalformedJson,
    /// The document's language is not one bilan processes.
    UnsupportedLanguage,
    /// The document's language could not be detected.
    UnknownLanguage,
    /// A document id was seen twice in the same run.
    DuplicateId,
    /// The date header or `date` field is not a valid date.
    BadDate,
    /// A stage failed on this document (a bug in bilan: please report it);
    /// the other documents are still processed.
    Internal,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Empty => "empty",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::Binary => "binary",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::MalformedJson => "malformed_json",
            ErrorKind::UnsupportedLanguage => "unsupported_language",
            ErrorKind::UnknownLanguage => "unknown_language",
            ErrorKind::DuplicateId => "duplicate_id",
            ErrorKind::BadDate => "bad_date",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error attached to one document: `{"doc":id,"error":{"kind":..,"message":..}}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{doc}: {} ({message})", kind.as_str())]
pub struct DocError {
    pub doc: String,
    pub kind: ErrorKind,
    pub message: String,
}

impl DocError {
    pub fn new(doc: impl Into<String>, kind: ErrorKind, message: impl Into<String>) -> Self {
        DocError {
            doc: doc.into(),
            kind,
            message: message.into(),
        }
    }
}

/// Errors of the library outside single documents (bad gold file, bad arguments).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
}
