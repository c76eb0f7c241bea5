//! The JSONL writer and its schema.
//!
//! Three formats, one JSON object per line, UTF-8, in input order. The JSON
//! Schema of each line is `schema/bilan.schema.json`.
//!
//! ## `--format docs`: one line per document
//! The same shape as the gold files (`corpus/gold/*.jsonl`), so gold and
//! output compare field by field:
//! ```json
//! {"doc":"000_f086defd8e65d2d5","lang":"fr","lang_confidence":0.98,"doc_date":"2019-11",
//!  "sentences":[{"start":14,"end":243}],
//!  "dates":[{"text":"vendredi","start":44,"end":52,"sentence":0,"value":"2019-11-01","type":"DATE","anchor":"event","grain":"day"}],
//!  "numbers":[{"text":"53 soldats","start":..,"end":..,"sentence":0,"value":53,"min":53,"max":53,"approx":false,"unit":"soldats"}],
//!  "places":[{"text":"Indelimane","start":..,"end":..,"sentence":0,"name":"Indelimane","country":"ML","lat":15.5,"lon":1.9,"kind":"locality","parent":"Ansongo","resolved":true}],
//!  "actors":[{"text":"L'armée malienne","start":..,"end":..,"sentence":0,"name":"Forces armées maliennes","type":"military","country":"ML"}],
//!  "claims":[{"kind":"casualties","outcome":"killed","victims":"soldiers","count":53,"min":53,"max":53,"approx":false,
//!             "place":"Indelimane","date":"2019-11-01","source":"Yaya Sangaré","sentence":1,"start":..,"end":..,"text":".."}],
//!  "warnings":[]}
//! ```
//! - every mention: `text` (exactly `original[start..end]`), `start`/`end`
//!   (byte offsets into the document as read, date prefix included),
//!   `sentence` (index into `sentences`);
//! - `dates[].value`: ISO 8601 / ISO-TimeML at the grain of the text
//!   (`2019-11-01`, `2019-11`, `2019`, `2012-03/2012-04`, `2019-11-01T13:00`,
//!   `P3D`, `PRESENT_REF`); `type` ∈ DATE | TIME | DURATION | SET; `anchor` ∈
//!   absolute | document | event | none says how the value was obtained;
//! - `numbers[]`: `value` the best estimate, `min`/`max` the range (null on an
//!   open side: « au moins 50 » → min 50, max null), `approx`, `unit` the head noun;
//! - `places[]`: canonical `name`, ISO 3166 alpha-2 `country`, `lat`/`lon`,
//!   `geonames_id`, `kind`, `parent`; `resolved:false` for a toponym not in
//!   the gazetteer (no coordinates, never invented ones);
//! - `actors[]`: canonical `name`, `type` ∈ person | military | armed_group |
//!   government | international | media | other, `country`, `role`;
//! - `claims[]`: `kind` ∈ casualties | attack; casualties carry `outcome` ∈
//!   killed | wounded | missing | survivors | captured | displaced, `victims` ∈
//!   soldiers | civilians | attackers | peacekeepers | people, `count`/`min`/`max`/`approx`;
//!   `place`/`date` with `place_from`/`date_from` ∈ sentence | document;
//!   `source`; attacks carry `perpetrator`/`target`; `revision`/`revised`
//!   link revised tolls; after `check`, `verdict` and `evidence`.
//!
//! ## `--format claims` (default): one line per claim
//! Each line is self-contained: `doc`, `lang`, `doc_date`, `sentence_text`,
//! then every field of the claim as above.
//!
//! ## `--format mentions`: one line per mention
//! `doc`, `lang`, `category` ∈ date | number | place | actor, then the
//! mention's fields as above.
//!
//! ## Errors, in every format
//! `{"doc":"<id>","error":{"kind":"<kind>","message":"<text>"}}`, one per
//! failed document, in its place in the stream. Kinds: io, empty,
//! invalid_utf8, binary, too_large, malformed_json, unsupported_language,
//! unknown_language, duplicate_id, bad_date, internal.

use crate::document::{Annotations, Claim, Sentence};
use crate::error::DocError;
use crate::pipeline::Processed;
use serde::{Deserialize, Serialize};
use std::io::Write;

mod json;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per claim (default).
    Claims,
    /// One line per document, in the gold schema.
    Docs,
    /// One line per mention.
    Mentions,
}

/// One document in the docs format (and in gold files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub doc: String,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang_confidence: Option<f64>,
    #[serde(default)]
    pub doc_date: Option<String>,
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    #[serde(flatten)]
    pub ann: Annotations,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl DocRecord {
    pub fn from_processed(p: &Processed) -> DocRecord {
        DocRecord {
            doc: p.doc.id.clone(),
            lang: p.doc.lang.map(|l| l.code().to_string()),
            lang_confidence: Some(p.doc.lang_confidence),
            doc_date: p.doc.doc_date.map(|d| d.to_string()),
            sentences: p.doc.sentences.clone(),
            ann: p.ann.clone(),
            warnings: p.doc.warnings.clone(),
        }
    }
}

/// The error line: `{"doc":..,"error":{"kind":..,"message":..}}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub doc: String,
    pub error: ErrorBody,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub kind: crate::error::ErrorKind,
    pub message: String,
}

impl From<&DocError> for ErrorRecord {
    fn from(e: &DocError) -> Self {
        ErrorRecord {
            doc: e.doc.clone(),
            error: ErrorBody {
                kind: e.kind,
                message: e.message.clone(),
            },
        }
    }
}

/// One claim in the claims format.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub doc: String,
    pub lang: Option<String>,
    pub doc_date: Option<String>,
    pub sentence_text: String,
    #[serde(flatten)]
    pub claim: Claim,
}

/// Writes one result (a processed document or an error) in `format`; returns
/// the number of claims written.
pub fn write_result<W: Write>(
    out: &mut W,
    format: Format,
    result: &Result<Processed, DocError>,
) -> std::io::Result<usize> {
    match result {
        Err(e) => {
            write_line(out, &ErrorRecord::from(e))?;
            Ok(0)
        }
        Ok(p) => write_processed(out, format, p),
    }
}

/// Writes one processed document in `format`; returns the number of claims.
/// The lines are written by [`json`] (byte for byte serde_json's lines of
/// [`DocRecord`], [`ClaimRecord`] and the mention records, tested there and below).
pub fn write_processed<W: Write>(
    out: &mut W,
    format: Format,
    p: &Processed,
) -> std::io::Result<usize> {
    use json::{k, Fields, Obj};
    let lang = p.doc.lang.map(|l| l.code());
    let doc_date = p.doc.doc_date.map(|d| d.to_string());
    // the lines are made in a buffer kept by the thread, whose capacity stays
    // from one document to the next, then written in one call
    thread_local! {
        static LINES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut buf = LINES.with(|b| std::mem::take(&mut *b.borrow_mut()));
    buf.clear();
    let head = |o: &mut Obj<'_>| {
        o.field(k!("doc"), p.doc.id.as_str());
        o.field(k!("lang"), &lang);
    };
    match format {
        Format::Docs => {
            let mut o = Obj::new(&mut buf);
            head(&mut o);
            o.field(k!("lang_confidence"), &p.doc.lang_confidence);
            o.field(k!("doc_date"), &doc_date);
            o.field(k!("sentences"), &p.doc.sentences);
            p.ann.fields(&mut o);
            if !p.doc.warnings.is_empty() {
                o.field(k!("warnings"), &p.doc.warnings);
            }
            o.end();
            buf.push(b'\n');
        }
        Format::Claims => {
            for c in &p.ann.claims {
                let mut o = Obj::new(&mut buf);
                head(&mut o);
                o.field(k!("doc_date"), &doc_date);
                o.field(k!("sentence_text"), p.doc.sentence_text(c.sentence));
                c.fields(&mut o);
                o.end();
                buf.push(b'\n');
            }
        }
        Format::Mentions => {
            fn lines<T: Fields>(
                buf: &mut Vec<u8>,
                head: &impl Fn(&mut Obj<'_>),
                category: &str,
                ms: &[T],
            ) {
                for m in ms {
                    let mut o = Obj::new(buf);
                    head(&mut o);
                    o.field(k!("category"), category);
                    m.fields(&mut o);
                    o.end();
                    buf.push(b'\n');
                }
            }
            lines(&mut buf, &head, "date", &p.ann.dates);
            lines(&mut buf, &head, "number", &p.ann.numbers);
            lines(&mut buf, &head, "place", &p.ann.places);
            lines(&mut buf, &head, "actor", &p.ann.actors);
        }
    }
    let written = out.write_all(&buf);
    if buf.capacity() <= 1 << 20 {
        LINES.with(|b| *b.borrow_mut() = buf);
    }
    written?;
    Ok(p.ann.claims.len())
}

/// One JSON value and a newline.
pub fn write_line<W: Write, T: Serialize>(out: &mut W, v: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::pipeline::Pipeline;

    /// The serde record of a mention line, as the writer wrote it before
    /// [`json`]: what each mentions line must equal.
    #[derive(Serialize)]
    struct MentionRecord<'a, T: Serialize> {
        doc: &'a str,
        lang: Option<&'a str>,
        category: &'static str,
        #[serde(flatten)]
        mention: &'a T,
    }

    /// What serde_json writes for `p` in `format`: the lines of the owned records.
    fn serde_lines(p: &Processed, format: Format) -> String {
        let mut want = String::new();
        let mut push = |v: serde_json::Result<String>| {
            want.push_str(&v.expect("json"));
            want.push('\n');
        };
        match format {
            Format::Docs => push(serde_json::to_string(&DocRecord::from_processed(p))),
            Format::Claims => {
                for c in &p.ann.claims {
                    push(serde_json::to_string(&ClaimRecord {
                        doc: p.doc.id.clone(),
                        lang: p.doc.lang.map(|l| l.code().to_string()),
                        doc_date: p.doc.doc_date.map(|d| d.to_string()),
                        sentence_text: p.doc.sentence_text(c.sentence).to_string(),
                        claim: c.clone(),
                    }))
                }
            }
            Format::Mentions => {
                fn lines<T: Serialize>(p: &Processed, category: &'static str, ms: &[T]) -> String {
                    ms.iter()
                        .map(|mention| {
                            let rec = MentionRecord {
                                doc: &p.doc.id,
                                lang: p.doc.lang.map(|l| l.code()),
                                category,
                                mention,
                            };
                            serde_json::to_string(&rec).expect("json") + "\n"
                        })
                        .collect()
                }
                want.push_str(&lines(p, "date", &p.ann.dates));
                want.push_str(&lines(p, "number", &p.ann.numbers));
                want.push_str(&lines(p, "place", &p.ann.places));
                want.push_str(&lines(p, "actor", &p.ann.actors));
            }
        }
        want
    }

    fn written(p: &Processed, format: Format) -> String {
        let mut out = Vec::new();
        write_processed(&mut out, format, p).expect("written");
        String::from_utf8(out).expect("utf-8")
    }

    /// The lines are written by hand ([`json`]): they must stay the lines of
    /// the owned records (what `eval` and `check` read back), byte for byte.
    #[test]
    fn lines_are_the_owned_records() {
        let pipeline = Pipeline::default();
        for (text, lang) in [
            (
                "Au moins 12 soldats ont été tués lundi à Tessit, selon l'armée malienne.",
                None,
            ),
            (
                "At least 30 civilians were killed on Sunday near Diffa, the governor said.",
                Some(crate::document::Lang::En),
            ),
            (
                "« Le bilan est lourd », a déclaré le \"ministre\"\u{1}\tde la Défense, 3,5 km au nord de Mopti.",
                None,
            ),
        ] {
            let mut doc = Document::new("d1\"\n", text);
            doc.lang = lang;
            doc.doc_date = crate::document::DocDate::parse("2021-03");
            doc.warnings.push("a warning".into());
            let p = pipeline.process(doc).expect("processed");
            for format in [Format::Docs, Format::Claims, Format::Mentions] {
                assert_eq!(written(&p, format), serde_lines(&p, format), "{format:?} {text:?}");
            }
            assert!(!p.ann.claims.is_empty() || lang.is_none(), "a toll in {text:?}");
        }
    }

    /// Every document of the corpus, in the three formats.
    #[test]
    fn corpus_lines_are_the_owned_records() {
        let pipeline = Pipeline::default();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let reader = crate::input::Reader::new(&[root], crate::input::InputOptions::default());
        let mut n = 0;
        for doc in reader {
            let Ok(p) = doc.and_then(|d| pipeline.process(d)) else {
                continue;
            };
            for format in [Format::Docs, Format::Claims, Format::Mentions] {
                assert_eq!(written(&p, format), serde_lines(&p, format), "{}", p.doc.id);
            }
            n += 1;
        }
        assert!(n > 50, "{n} corpus documents");
    }
}
