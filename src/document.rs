//! The shared types every stage reads and writes.
//!
//! A [`Document`] keeps the original text exactly as read; every span in the
//! program is a pair of byte offsets into that text (`text[start..end]` is the
//! mention's text), never into a normalized copy.

use crate::text::{Folded, FoldedView};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Languages bilan processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" => Some(Lang::Fr),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The date of a document, at the grain it was given: a month (`2019-11`) or a day (`2019-11-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocDate {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

impl DocDate {
    /// Parses `YYYY-MM` or `YYYY-MM-DD`, checking the calendar.
    pub fn parse(s: &str) -> Option<DocDate> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() < 2 || parts.len() > 3 {
            return None;
        }
        if parts[0].len() != 4 || parts[1].len() != 2 || parts.get(2).is_some_and(|d| d.len() != 2)
        {
            return None;
        }
        let year: i32 = parts[0].parse().ok()?;
        let month: u32 = parts[1].parse().ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        let day = match parts.get(2) {
            Some(d) => {
                let d: u32 = d.parse().ok()?;
                chrono::NaiveDate::from_ymd_opt(year, month, d)?;
                Some(d)
            }
            None => None,
        };
        Some(DocDate { year, month, day })
    }

    /// The day as a calendar date, when the document date has one.
    pub fn naive(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month, self.day?)
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl Serialize for DocDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DocDate::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

/// A sentence: byte offsets into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Provenance shared by every mention: the matched text, its byte offsets
/// into the original text and the index of its sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub sentence: usize,
}

impl Span {
    /// A span over `doc.text[start..end]`, with its sentence looked up.
    pub fn new(doc: &Document, start: usize, end: usize) -> Span {
        Span {
            text: doc.text[start..end].to_string(),
            start,
            end,
            sentence: doc.sentence_of(start),
        }
    }
}

/// Longest text folded whole and kept for the stages (the fold takes five bytes
/// a byte): a longer document is folded range by range, as the stages ask,
/// so that its memory stays that of one range at a time.
pub const SHARED_FOLD_MAX: usize = 8 << 20;

/// The views [`Document::fold_range`] gives, for ranges taken in order: each is
/// found in the shared fold from the end of the previous one on, not searched
/// for in the whole of it.
pub struct FoldRanges<'a> {
    doc: &'a Document,
    /// The view of the whole shared fold, when there is one.
    whole: Option<FoldedView<'a>>,
    /// Folded end of the last range found.
    from: usize,
}

impl<'a> FoldRanges<'a> {
    /// The same view as `doc.fold_range(start, end, own)`.
    pub fn get<'b>(
        &mut self,
        start: usize,
        end: usize,
        own: &'b mut Option<Folded>,
    ) -> FoldedView<'b>
    where
        'a: 'b,
    {
        if let Some((v, next)) = self.whole.and_then(|w| w.slice_from(self.from, start, end)) {
            self.from = next;
            return v;
        }
        self.doc.fold_range(start, end, own)
    }
}

/// One document as read: its id, the original text, and what is known of it.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    /// The text exactly as read (the date prefix included, when there was one).
    pub text: String,
    /// Byte offset where the content starts (after a ` date YYYY-MM ` prefix).
    pub body_start: usize,
    pub doc_date: Option<DocDate>,
    /// The language, given by the input or detected.
    pub lang: Option<Lang>,
    /// Detection confidence in 0..=1 (1 when the input gave the language).
    pub lang_confidence: f64,
    /// Sentences in order, disjoint, covering `body_start..text.len()` apart from whitespace.
    pub sentences: Vec<Sentence>,
    /// Problems that did not stop processing (garbled header, renamed id, lossy decoding).
    pub warnings: Vec<String>,
    /// The case- and accent-folded text, made on first use and shared by the
    /// stages (see [`Document::folded`]).
    folded: std::sync::OnceLock<Folded>,
}

impl Document {
    /// A document with no date and no language yet; `body_start` is 0.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            body_start: 0,
            doc_date: None,
            lang: None,
            lang_confidence: 0.0,
            sentences: Vec::new(),
            warnings: Vec::new(),
            folded: std::sync::OnceLock::new(),
        }
    }

    /// The fold of `text[start..end]` (as `Folded::new(&text[start..end], start)`),
    /// cut from one fold of the whole text made on first use, so that the
    /// stages fold each document once. `None` when the range is not on
    /// character boundaries or outside the text, when the text changed
    /// length since the fold was made, or when the text is longer than
    /// [`SHARED_FOLD_MAX`] (then use [`Document::fold_range`]).
    pub fn folded(&self, start: usize, end: usize) -> Option<FoldedView<'_>> {
        if self.text.len() > SHARED_FOLD_MAX {
            return None;
        }
        let f = self.folded.get_or_init(|| Folded::new(&self.text, 0));
        if f.orig(f.text.len()) != self.text.len() {
            return None;
        }
        f.slice(start, end)
    }

    /// Frees the shared fold (five bytes a byte of text) once the stages are done.
    pub fn drop_fold(&mut self) {
        self.folded.take();
    }

    /// [`Document::folded`], or when it has none, a fold of `text[start..end]`
    /// made into `own` (an empty one when the range is not in the text).
    pub fn fold_range<'a>(
        &'a self,
        start: usize,
        end: usize,
        own: &'a mut Option<Folded>,
    ) -> FoldedView<'a> {
        match self.folded(start, end) {
            Some(v) => v,
            None => own
                .insert(Folded::new(self.text.get(start..end).unwrap_or(""), start))
                .view(),
        }
    }

    /// [`Document::fold_range`] for ranges taken in order (sentences): see [`FoldRanges`].
    pub fn fold_ranges(&self) -> FoldRanges<'_> {
        FoldRanges {
            doc: self,
            whole: self.folded(0, self.text.len()),
            from: 0,
        }
    }

    /// The content after the date prefix.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Index of the sentence holding byte `pos` (the last sentence starting at or before it).
    pub fn sentence_of(&self, pos: usize) -> usize {
        match self.sentences.binary_search_by(|s| s.start.cmp(&pos)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// The text of sentence `i` (empty when out of range).
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences
            .get(i)
            .map(|s| &self.text[s.start..s.end])
            .unwrap_or("")
    }

    /// The language, French when unknown (stages run only on detected documents).
    pub fn language(&self) -> Lang {
        self.lang.unwrap_or(Lang::Fr)
    }
}

/// How a date value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Fully given by the text.
    Absolute,
    /// Completed from the document date (a year-less date, « hier », « vendredi »).
    Document,
    /// Resolved against the previous event date in the text (« le lendemain »).
    Event,
    /// Not anchored (durations, unknown references).
    None,
}

/// TimeML type of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DateType {
    Date,
    Time,
    Duration,
    Set,
}

/// A date, time, interval or duration with its ISO 8601 / ISO-TimeML value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    #[serde(flatten)]
    pub span: Span,
    /// `2019-11-01`, `2019-11`, `2019`, `2012-03/2012-04`, `2019-11-01T13:00`, `P3D`, `PRESENT_REF`…
    pub value: String,
    #[serde(rename = "type", default = "default_date_type")]
    pub kind: DateType,
    #[serde(default = "default_anchor", skip_serializing_if = "is_gold_anchor")]
    pub anchor: Anchor,
    /// `year`, `month`, `day`, `minute`, `interval`, `duration`…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub grain: String,
    /// ISO-TimeML modifier: `START` (« début 2020 »), `MID` (« mi-novembre »),
    /// `END` (« fin 2019 »), `APPROX` (« vers 6h »), `BEFORE`, `AFTER`.
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Gold only: other acceptable values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alt: Vec<String>,
}

fn default_date_type() -> DateType {
    DateType::Date
}
fn default_anchor() -> Anchor {
    Anchor::None
}
fn is_gold_anchor(_: &Anchor) -> bool {
    false
}

/// A cardinal quantity. `min`/`max` are the range (null on an open side);
/// `approx` marks approximations (« une vingtaine », « environ 15 »).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    #[serde(flatten)]
    pub span: Span,
    #[serde(serialize_with = "ser_num")]
    pub value: f64,
    #[serde(serialize_with = "ser_opt_num")]
    pub min: Option<f64>,
    #[serde(serialize_with = "ser_opt_num")]
    pub max: Option<f64>,
    #[serde(default)]
    pub approx: bool,
    /// The head noun counted (« soldats », « morts »), as written.
    #[serde(default)]
    pub unit: Option<String>,
}

/// Serializes integral floats as JSON integers (`53`, not `53.0`).
pub fn ser_num<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    match as_integer(*v) {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(*v),
    }
}

/// The integer [`ser_num`] writes for `v`: `Some` when `v` is integral and
/// exactly representable.
pub fn as_integer(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64)
}

/// [`ser_num`] for optional values (`null` when absent).
pub fn ser_opt_num<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser_num(v, s),
        None => s.serialize_none(),
    }
}

/// A place, resolved against the gazetteer or marked unresolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    #[serde(flatten)]
    pub span: Span,
    /// Canonical name (the text itself when unresolved).
    pub name: String,
    /// ISO 3166 alpha-2.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// country | region | city | locality | water | other
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Canonical name of the parent area (region of a town, country of a region).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default = "yes")]
    pub resolved: bool,
}

impl PlaceMention {
    /// A toponym the gazetteer does not know: its name is the text as written,
    /// with no country, coordinates or parent.
    pub fn unresolved(span: Span, kind: Option<String>) -> PlaceMention {
        PlaceMention {
            name: span.text.clone(),
            span,
            country: None,
            lat: None,
            lon: None,
            geonames_id: None,
            kind,
            parent: None,
            resolved: false,
        }
    }
}

fn yes() -> bool {
    true
}

/// Actor types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorType {
    Person,
    Military,
    ArmedGroup,
    Government,
    International,
    Media,
    Other,
}

/// An actor with its canonical name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    #[serde(flatten)]
    pub span: Span,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ActorType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The role the text gives (« ministre de la Communication »).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// True when the actor is the source of a statement in its sentence.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub source: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Casualties,
    Attack,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Killed,
    Wounded,
    Missing,
    Survivors,
    Captured,
    Displaced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Victims {
    Soldiers,
    Civilians,
    Attackers,
    Peacekeepers,
    People,
}

/// Where a claim's place or date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotSource {
    /// Stated in the claim's own sentence.
    Sentence,
    /// Taken from the document's main event.
    Document,
}

/// Verdict of `check` on one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Supported,
    Compatible,
    Contradicted,
    Unverified,
}

/// A reference sentence that a verdict rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: String,
    pub sentence: usize,
    pub text: String,
    #[serde(default, serialize_with = "ser_opt_num")]
    pub count: Option<f64>,
    #[serde(default, serialize_with = "ser_opt_num")]
    pub min: Option<f64>,
    #[serde(default, serialize_with = "ser_opt_num")]
    pub max: Option<f64>,
    /// True when the reference later revised this value.
    #[serde(default)]
    pub revised: bool,
    /// Cosine similarity, when the evidence was ranked by embeddings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
}

/// A claim: a casualty toll or an attack event, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub victims: Option<Victims>,
    #[serde(
        default,
        serialize_with = "ser_opt_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<f64>,
    #[serde(
        default,
        serialize_with = "ser_opt_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub min: Option<f64>,
    #[serde(
        default,
        serialize_with = "ser_opt_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub max: Option<f64>,
    #[serde(default)]
    pub approx: bool,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_from: Option<SlotSource>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<SlotSource>,
    /// Canonical name of the actor who states the claim.
    #[serde(default)]
    pub source: Option<String>,
    /// Attack events: who attacked, and whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perpetrator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// True when this claim revises an earlier toll of the same document.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revision: bool,
    /// True when a later claim of the same document revises this one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revised: bool,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// The matched text of the claim (the count and its head, or the event phrase).
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Claim {
    /// A claim of `kind` over `span`, every slot empty.
    pub fn new(kind: ClaimKind, span: &Span) -> Claim {
        Claim {
            kind,
            outcome: None,
            victims: None,
            count: None,
            min: None,
            max: None,
            approx: false,
            place: None,
            place_from: None,
            date: None,
            date_from: None,
            source: None,
            perpetrator: None,
            target: None,
            revision: false,
            revised: false,
            sentence: span.sentence,
            start: span.start,
            end: span.end,
            text: span.text.clone(),
            verdict: None,
            evidence: Vec::new(),
        }
    }
}

/// Everything the stages found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    #[serde(default)]
    pub dates: Vec<DateMention>,
    #[serde(default)]
    pub numbers: Vec<NumberMention>,
    #[serde(default)]
    pub places: Vec<PlaceMention>,
    #[serde(default)]
    pub actors: Vec<ActorMention>,
    #[serde(default)]
    pub claims: Vec<Claim>,
}

impl Annotations {
    /// Sorts every list by position, so output does not depend on stage internals.
    pub fn sort(&mut self) {
        self.dates.sort_by_key(|m| (m.span.start, m.span.end));
        self.numbers.sort_by_key(|m| (m.span.start, m.span.end));
        self.places.sort_by_key(|m| (m.span.start, m.span.end));
        self.actors.sort_by_key(|m| (m.span.start, m.span.end));
        self.claims.sort_by_key(|c| (c.start, c.end, c.kind as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_fold_is_each_range_folded() {
        let text = "À Ménaka, l’armée a dit : « 12 morts ». Œuvre";
        let doc = Document::new("d", text);
        for (a, b) in [
            (0, text.len()),
            (3, 10),
            (text.find('«').unwrap(), text.len()),
        ] {
            let want = Folded::new(&text[a..b], a);
            let got = doc.folded(a, b).expect("on boundaries");
            assert_eq!(got.text, want.text);
            assert_eq!(
                got.orig_range(0, got.text.len()),
                want.orig_range(0, want.text.len())
            );
        }
        assert!(doc.folded(1, 4).is_none(), "inside « À »");
    }

    #[test]
    fn a_huge_text_is_folded_range_by_range() {
        let text = "Gao. ".repeat(SHARED_FOLD_MAX / 5 + 1);
        let doc = Document::new("d", text);
        assert!(doc.folded(0, 4).is_none(), "no whole fold kept");
        let mut own = None;
        assert_eq!(doc.fold_range(5, 9, &mut own).text, "gao.");
        assert!(own.is_some(), "folded here");
    }

    #[test]
    fn a_changed_text_is_folded_again() {
        let mut doc = Document::new("d", "Gao");
        assert_eq!(doc.folded(0, 3).map(|f| f.text), Some("gao"));
        doc.text.push_str(" et Kidal");
        assert!(doc.folded(0, 12).is_none(), "stale fold refused");
        let mut own = None;
        assert_eq!(doc.fold_range(4, 12, &mut own).text, "et kidal");
        doc.drop_fold();
        assert_eq!(doc.folded(4, 12).map(|f| f.text), Some("et kidal"));
    }
}
