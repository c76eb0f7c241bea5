//! `bilan check`: claims checked against reference documents.
//!
//! The references (by default `corpus/seeds`) are extracted with the same
//! pipeline, so their claims are normalized like the claims checked: outcome
//! and victims are enums, places canonical names, dates ISO values. An
//! English claim checks against French references as well as a French one.
//!
//! For each casualty claim, the **candidates** are the reference casualty
//! claims with a count, the same outcome, and:
//! - the same victims; a claim about `people` (« 54 corps », « 53 dead »)
//!   counts every victim class but attackers (a total may be told as soldiers
//!   or as people); a claim about soldiers, civilians or peacekeepers needs the
//!   same class, or, when the references give no toll of that class, their
//!   `people` totals (« 20 soldiers found alive » against « une vingtaine de rescapés »);
//! - the same event: both claims placed (a general toll without a place, « des
//!   centaines de morts », speaks to no event), places equal or one containing
//!   the other (Indelimane lies in Ansongo, in Ménaka, in Mali:
//!   [`crate::places::contains`], completed by the parents of place mentions),
//!   dates agreeing at their common grain (`X` unknown, days one apart agree;
//!   see [`crate::claims::dates_agree`]); a claim without a date is dated by its
//!   document's year, a reference from an undated document agrees with any date.
//!
//! Counts compare as ranges (an open side is unbounded):
//! - **supported**: a candidate has the same value and the same range
//!   (53 against 53; « une cinquantaine » against « une cinquantaine »);
//! - **compatible**: else one range holds the other's value (« au moins 50 »,
//!   « une cinquantaine » against 53);
//! - **contradicted**: candidates exist and none fits (15 or 35 against 53 and 49);
//! - **unverified**: no candidate.
//!
//! A value later revised still supports (53 is supported by 000's 53 and by
//! 001's revised 53; the evidence says `revised`). An attack claim is supported
//! when a reference attack of the same event exists, else unverified
//! (perpetrators are too often unnamed to contradict). The evidence lists the
//! candidates the verdict rests on: reference document, sentence index and
//! text, count and range, and whether the reference later revised that value.

#[cfg(test)]
mod tests;

use crate::claims::{dates_agree, PlaceTree};
use crate::document::{
    Annotations, Claim, ClaimKind, DocDate, Document, Evidence, Verdict, Victims,
};
use crate::error::Error;
use crate::output::{ClaimRecord, DocRecord};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// One reference claim with where it was found.
#[derive(Debug, Clone)]
pub struct Reference {
    pub doc: String,
    pub sentence_text: String,
    pub claim: Claim,
    /// The date of the reference's document, for claims without a date of their own.
    pub doc_date: Option<DocDate>,
}

/// The reference claims, and the place hierarchy their documents showed.
#[derive(Debug, Clone, Default)]
pub struct References {
    pub claims: Vec<Reference>,
    /// The place hierarchy of the references' (and checked documents') place mentions.
    places: PlaceTree,
}

impl References {
    pub fn new() -> References {
        References::default()
    }

    /// Adds the claims of one processed reference document.
    pub fn add(&mut self, doc: &Document, ann: &Annotations) {
        self.learn_places(ann);
        for c in &ann.claims {
            self.claims.push(Reference {
                doc: doc.id.clone(),
                sentence_text: doc.sentence_text(c.sentence).to_string(),
                claim: c.clone(),
                doc_date: doc.doc_date,
            });
        }
    }

    /// Learns the parents of the places of `ann` (claims checked may use them too).
    pub fn learn_places(&mut self, ann: &Annotations) {
        self.places.learn(&ann.places);
    }

    pub fn len(&self) -> usize {
        self.claims.len()
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// Same event: places and dates agree.
    /// Same event: both placed, places agreeing, dates agreeing (a claim
    /// without a date is dated by its document's year).
    fn same_event(&self, a: &Claim, a_doc: Option<DocDate>, b: &Reference) -> bool {
        let year = |d: Option<DocDate>| d.map(|d| format!("{:04}", d.year));
        let da = a.date.clone().or_else(|| year(a_doc));
        let db = b.claim.date.clone().or_else(|| year(b.doc_date));
        a.place.is_some()
            && b.claim.place.is_some()
            && self
                .places
                .agree(a.place.as_deref(), b.claim.place.as_deref())
            && dates_agree(da.as_deref(), db.as_deref())
    }
}

/// Whether a reference's victims speak to a claim's.
fn victims_match(claim: Option<Victims>, reference: Option<Victims>) -> bool {
    match (claim, reference) {
        (Some(Victims::People), Some(r)) => r != Victims::Attackers,
        (c, r) => c == r,
    }
}

/// A count range with open sides unbounded.
fn range(c: &Claim) -> Option<(f64, f64, f64)> {
    let v = c.count?;
    Some((
        c.min.unwrap_or(f64::NEG_INFINITY),
        v,
        c.max.unwrap_or(f64::INFINITY),
    ))
}

fn evidence(r: &Reference) -> Evidence {
    Evidence {
        doc: r.doc.clone(),
        sentence: r.claim.sentence,
        text: r.sentence_text.clone(),
        count: r.claim.count,
        min: r.claim.min,
        max: r.claim.max,
        revised: r.claim.revised,
        similarity: None,
    }
}

/// The verdict on one claim (of a document dated `doc_date`) and the evidence it rests on.
pub fn check_claim(
    claim: &Claim,
    doc_date: Option<DocDate>,
    refs: &References,
) -> (Verdict, Vec<Evidence>) {
    let same_kind = || {
        refs.claims
            .iter()
            .filter(move |r| r.claim.kind == claim.kind && refs.same_event(claim, doc_date, r))
    };
    if claim.kind == ClaimKind::Attack {
        let ev: Vec<Evidence> = same_kind().map(evidence).collect();
        let v = if ev.is_empty() {
            Verdict::Unverified
        } else {
            Verdict::Supported
        };
        return (v, ev);
    }
    let Some((cmin, cv, cmax)) = range(claim) else {
        return (Verdict::Unverified, Vec::new());
    };
    let with_victims =
        |ok: &dyn Fn(Option<Victims>) -> bool| -> Vec<(&Reference, (f64, f64, f64))> {
            same_kind()
                .filter(|r| r.claim.outcome == claim.outcome && ok(r.claim.victims))
                .filter_map(|r| Some((r, range(&r.claim)?)))
                .collect()
        };
    let mut cands = with_victims(&|v| victims_match(claim.victims, v));
    if cands.is_empty() && claim.victims != Some(Victims::Attackers) {
        // no toll of that class: the references' totals speak to it
        // (« 20 soldiers found alive » against « une vingtaine de rescapés »)
        cands = with_victims(&|v| v == Some(Victims::People));
    }
    if cands.is_empty() {
        return (Verdict::Unverified, Vec::new());
    }
    let supported: Vec<Evidence> = cands
        .iter()
        .filter(|(_, (rmin, rv, rmax))| *rv == cv && *rmin == cmin && *rmax == cmax)
        .map(|(r, _)| evidence(r))
        .collect();
    if !supported.is_empty() {
        return (Verdict::Supported, supported);
    }
    let compatible: Vec<Evidence> = cands
        .iter()
        .filter(|(_, (rmin, rv, rmax))| {
            (cmin <= *rv && *rv <= cmax) || (*rmin <= cv && cv <= *rmax)
        })
        .map(|(r, _)| evidence(r))
        .collect();
    if !compatible.is_empty() {
        return (Verdict::Compatible, compatible);
    }
    (
        Verdict::Contradicted,
        cands.iter().map(|(r, _)| evidence(r)).collect(),
    )
}

/// Sets `verdict` and `evidence` on every claim of a document dated `doc_date`.
pub fn check_claims(claims: &mut [Claim], doc_date: Option<DocDate>, refs: &References) {
    for c in claims {
        let (v, ev) = check_claim(c, doc_date, refs);
        c.verdict = Some(v);
        c.evidence = ev;
    }
}

/// Verdict counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub references: usize,
    pub claims: usize,
    /// Verdict → count, over all claims.
    pub verdicts: BTreeMap<String, usize>,
    /// Claim kind → verdict → count.
    pub by_kind: BTreeMap<String, BTreeMap<String, usize>>,
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "supported",
        Verdict::Compatible => "compatible",
        Verdict::Contradicted => "contradicted",
        Verdict::Unverified => "unverified",
    }
}

const VERDICTS: [Verdict; 4] = [
    Verdict::Supported,
    Verdict::Compatible,
    Verdict::Contradicted,
    Verdict::Unverified,
];

impl Summary {
    /// A summary over `references` reference claims.
    pub fn new(references: usize) -> Summary {
        let mut s = Summary {
            references,
            ..Summary::default()
        };
        for v in VERDICTS {
            s.verdicts.insert(verdict_name(v).to_string(), 0);
        }
        s
    }

    /// Counts the checked claims of one document.
    pub fn add(&mut self, claims: &[Claim]) {
        self.documents += 1;
        for c in claims {
            let Some(v) = c.verdict else { continue };
            self.claims += 1;
            *self
                .verdicts
                .entry(verdict_name(v).to_string())
                .or_default() += 1;
            let kind = match c.kind {
                ClaimKind::Casualties => "casualties",
                ClaimKind::Attack => "attack",
            };
            *self
                .by_kind
                .entry(kind.to_string())
                .or_default()
                .entry(verdict_name(v).to_string())
                .or_default() += 1;
        }
    }

    /// The summary as a text table.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} documents, {} claims checked against {} reference claims",
            self.documents, self.claims, self.references
        );
        let _ = writeln!(
            s,
            "{:<14} {:>8} {:>11} {:>7}",
            "verdict", "claims", "casualties", "attack"
        );
        for v in VERDICTS {
            let name = verdict_name(v);
            let of = |k: &str| {
                self.by_kind
                    .get(k)
                    .and_then(|m| m.get(name))
                    .copied()
                    .unwrap_or(0)
            };
            let _ = writeln!(
                s,
                "{:<14} {:>8} {:>11} {:>7}",
                name,
                self.verdicts.get(name).copied().unwrap_or(0),
                of("casualties"),
                of("attack")
            );
        }
        s
    }
}

/// Reads claims to check: JSONL of `extract`'s docs format (one document per
/// line) or claims format (one claim per line, grouped back by document in
/// order of first appearance). Error lines are skipped.
pub fn read_claims(path: &std::path::Path) -> Result<Vec<DocRecord>, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: name.clone(),
        source: e,
    })?;
    parse_claims(&text, &name)
}

/// [`read_claims`] on a string.
pub fn parse_claims(text: &str, name: &str) -> Result<Vec<DocRecord>, Error> {
    let mut docs: Vec<DocRecord> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |e: serde_json::Error| Error::Parse {
            path: name.to_string(),
            line: i + 1,
            message: e.to_string(),
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(bad)?;
        if v.get("error").is_some() {
            continue;
        }
        if v.get("kind").is_some() {
            let rec: ClaimRecord = serde_json::from_value(v).map_err(bad)?;
            let k = *index.entry(rec.doc.clone()).or_insert_with(|| {
                docs.push(DocRecord {
                    doc: rec.doc.clone(),
                    lang: rec.lang.clone(),
                    lang_confidence: None,
                    doc_date: rec.doc_date.clone(),
                    sentences: Vec::new(),
                    ann: Annotations::default(),
                    warnings: Vec::new(),
                });
                docs.len() - 1
            });
            docs[k].ann.claims.push(rec.claim);
        } else {
            let rec: DocRecord = serde_json::from_value(v).map_err(bad)?;
            index.insert(rec.doc.clone(), docs.len());
            docs.push(rec);
        }
    }
    Ok(docs)
}

/// Writes a checked record read by [`read_claims`]: one line per claim
/// (`sentence_text` is empty: the record has no text) or the record itself.
pub fn write_record<W: std::io::Write>(
    out: &mut W,
    format: crate::output::Format,
    rec: &DocRecord,
) -> std::io::Result<()> {
    use crate::output::write_line;
    match format {
        crate::output::Format::Docs => write_line(out, rec),
        _ => {
            for c in &rec.ann.claims {
                write_line(
                    out,
                    &ClaimRecord {
                        doc: rec.doc.clone(),
                        lang: rec.lang.clone(),
                        doc_date: rec.doc_date.clone(),
                        sentence_text: String::new(),
                        claim: c.clone(),
                    },
                )?;
            }
            Ok(())
        }
    }
}
