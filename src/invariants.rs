//! The invariants every processed document keeps, checked by the property
//! tests (`tests/invariants.rs`) and the fuzz target (`fuzz/`):
//! - every span lies on character boundaries inside the text, after the date
//!   header, and `text[start..end]` is the mention's text (dates, numbers,
//!   places, actors, claims); its sentence index exists;
//! - sentences are ordered, disjoint, non-empty, trimmed, inside the body, and
//!   cover it apart from whitespace.
//!
//! [`exercise`] runs the whole extract path (reader, pipeline, every output
//! format) on arbitrary bytes and checks them.

use crate::document::Document;
use crate::error::DocError;
use crate::input::{InputOptions, Reader};
use crate::output::{self, Format};
use crate::pipeline::{Pipeline, Processed};
use std::io::Cursor;

/// Checks one span; `what` names it in the message.
fn check_span(
    doc: &Document,
    what: &str,
    (start, end): (usize, usize),
    text: &str,
    sentence: usize,
) -> Result<(), String> {
    let t = &doc.text;
    if start > end || end > t.len() {
        return Err(format!("{what} {start}..{end} outside 0..{}", t.len()));
    }
    if !t.is_char_boundary(start) || !t.is_char_boundary(end) {
        return Err(format!("{what} {start}..{end} not on char boundaries"));
    }
    if &t[start..end] != text {
        return Err(format!(
            "{what} {start}..{end}: text {:?} != {:?}",
            &t[start..end],
            text
        ));
    }
    if start < doc.body_start {
        return Err(format!("{what} {start}..{end} inside the date header"));
    }
    if sentence >= doc.sentences.len().max(1) {
        return Err(format!(
            "{what} sentence {sentence} of {}",
            doc.sentences.len()
        ));
    }
    Ok(())
}

/// Every invariant of a processed document; the message says which failed.
pub fn check(p: &Processed) -> Result<(), String> {
    let doc = &p.doc;
    let a = &p.ann;
    let spans = a
        .dates
        .iter()
        .map(|m| ("date", &m.span))
        .chain(a.numbers.iter().map(|m| ("number", &m.span)))
        .chain(a.places.iter().map(|m| ("place", &m.span)))
        .chain(a.actors.iter().map(|m| ("actor", &m.span)));
    for (what, s) in spans {
        check_span(doc, what, (s.start, s.end), &s.text, s.sentence)?;
    }
    for c in &a.claims {
        check_span(doc, "claim", (c.start, c.end), &c.text, c.sentence)?;
    }
    let t = &doc.text;
    let mut prev_end = doc.body_start;
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.start < prev_end || s.start >= s.end || s.end > t.len() {
            return Err(format!(
                "sentence {i} {}..{} after {prev_end}",
                s.start, s.end
            ));
        }
        if !t.is_char_boundary(s.start) || !t.is_char_boundary(s.end) {
            return Err(format!(
                "sentence {i} {}..{} not on char boundaries",
                s.start, s.end
            ));
        }
        let st = &t[s.start..s.end];
        if st.trim() != st {
            return Err(format!("sentence {i} {st:?} not trimmed"));
        }
        if !t[prev_end..s.start].trim().is_empty() {
            return Err(format!(
                "text {:?} before sentence {i} is in no sentence",
                &t[prev_end..s.start]
            ));
        }
        prev_end = s.end;
    }
    if !t[prev_end..].trim().is_empty() {
        return Err(format!(
            "text {:?} after the last sentence is in no sentence",
            &t[prev_end..]
        ));
    }
    Ok(())
}

/// Everything written for one result, in every format.
pub fn render_all(r: &Result<Processed, DocError>) -> Vec<u8> {
    let mut out = Vec::new();
    for f in [Format::Docs, Format::Claims, Format::Mentions] {
        // writing into memory cannot fail
        let _ = output::write_result(&mut out, f, r);
    }
    out
}

/// The whole extract path on `bytes` read as a stream (as `-` reads stdin):
/// reader, pipeline, invariants, every output format. Returns the number of
/// results (documents and error records), or the first broken invariant.
pub fn exercise(bytes: &[u8], opts: InputOptions, pipeline: &Pipeline) -> Result<usize, String> {
    let mut n = 0;
    for r in Reader::from_stream("fuzz", Box::new(Cursor::new(bytes.to_vec())), opts) {
        let r = r.and_then(|d| pipeline.process(d));
        if let Ok(p) = &r {
            check(p).map_err(|e| format!("{}: {e}", p.doc.id))?;
        }
        render_all(&r);
        n += 1;
    }
    Ok(n)
}
