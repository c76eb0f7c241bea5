//! The dates stage: dates, times, intervals and durations in French and English news,
//! normalized to ISO 8601 / ISO-TimeML values and anchored on the event timeline.
//!
//! How it works:
//! 1. the body is case- and accent-folded ([`crate::text::Folded`], offsets kept);
//! 2. every rule of `models/<lang>/dates_patterns.tsv` runs over it; overlapping
//!    matches are settled leftmost-longest (`rules.rs`). All the rules are one NFA
//!    (`lexicon.rs`); one anchored walk of its lazy DFA, at each place not glued to a word,
//!    tells where each rule can start and how far its matches reach; a backtracker over
//!    that rule alone reads its captures only there (`backtrack.rs`);
//! 3. matches are resolved in text order (`resolve.rs`): year-less dates take their year from
//!    the document date with a past bias, « hier » and « vendredi » are counted from the
//!    document date, « le lendemain » and bare times from the last event day in the text.
//!
//! More anchoring rules: a weekday in a month-dated document takes the full date given for
//! the same weekday elsewhere in the text, else only the month (`2019-11`); a dateline
//! (« BAMAKO, 2 nov 2019 (AFP) ») gives a month-dated document its day; a weekday right
//! after a reporting verb (« a annoncé vendredi ») is the day of a statement and does not
//! move the event timeline; a future clause (« doit », « will ») turns a bare weekday forward.
//!
//! Each mention records how its value was obtained (`anchor`) and its `grain`
//! (`year`, `month`, `week`, `day`, `minute`, `part_of_day`, `interval`, `duration`,
//! `season`, `decade`, `ref`, `set`…); `mod` holds START/MID/END/APPROX/BEFORE/AFTER.
//!
//! Left out on purpose: time zones (`T12:30-07`), generic readings (`XXXX-SU` for « l'été »
//! in a timeless text), and adjectives as sets (« quotidien », « annuel »).

mod backtrack;
mod lexicon;
mod resolve;
mod rules;
#[cfg(test)]
mod tests;

use crate::document::{Annotations, DateMention, DateType, DocDate, Document, Span};
use crate::pipeline::Stage;
use crate::text::{fold, FoldedView};
use std::borrow::Cow;
use std::collections::HashMap;

pub use resolve::pick_year;

/// The dates stage.
#[derive(Debug, Default)]
pub struct DateStage;

impl Stage for DateStage {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn run(&self, doc: &Document, ann: &mut Annotations) {
        ann.dates.extend(extract(doc));
    }
}

/// How far before a mention (in bytes, same sentence) a future cue counts.
const FUTURE_WINDOW: usize = 60;

/// Where a mention starts: original offset `start`, folded byte `fstart` of the body.
#[derive(Clone, Copy)]
struct At<'a> {
    doc: &'a Document,
    folded: FoldedView<'a>,
    start: usize,
    fstart: usize,
}

impl<'a> At<'a> {
    /// The folded text of the original bytes from `from` (moved on to a char boundary) to
    /// the mention: a slice of the folded body when it holds them, else folded anew.
    fn folded_from(&self, mut from: usize) -> Cow<'a, str> {
        let (doc, folded, start, fstart) = (self.doc, self.folded, self.start, self.fstart);
        while !doc.text.is_char_boundary(from) {
            from += 1;
        }
        if from < folded.orig(0) || folded.orig(fstart) != start {
            return Cow::Owned(fold(&doc.text[from..start]));
        }
        // the first folded byte of the first char at or after `from`
        let (mut lo, mut hi) = (0, fstart);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if folded.orig(mid) < from {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        match folded.text.get(lo..fstart) {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(fold(&doc.text[from..start])),
        }
    }
}

/// The clause before the mention holds a future cue.
fn future_clause(lex: &lexicon::Lexicon, at: At) -> bool {
    let (doc, start) = (at.doc, at.start);
    let s = doc.sentence_of(start);
    let sent_start = doc
        .sentences
        .get(s)
        .map(|x| x.start)
        .unwrap_or(doc.body_start)
        .min(start);
    let clause = at.folded_from(start.saturating_sub(FUTURE_WINDOW).max(sent_start));
    // only the clause the mention is in
    let clause = clause
        .rsplit([',', ';', '.', '!', '?', '«', '»', '"', '(', ')'])
        .next()
        .unwrap_or("");
    let Some(cues) = lex.words_of("futurecue") else {
        return false;
    };
    clause
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|w| !w.is_empty() && cues.contains_key(w))
}

/// The two words before the mention hold a reporting verb (« a annoncé vendredi », « said on
/// Friday »).
fn after_reporting_verb(lex: &lexicon::Lexicon, at: At) -> bool {
    let Some(cues) = lex.words_of("reportcue") else {
        return false;
    };
    let before = at.folded_from(at.start.saturating_sub(40).max(at.doc.body_start));
    before
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| cues.contains_key(w))
}

/// How far into the body a dateline (« BAMAKO, 2 nov 2019 (AFP) - ») may end.
const DATELINE_BYTES: usize = 120;

/// A month-only document date made a day by the dateline: the first match, when it is a
/// full date of that month near the top of the text.
fn dateline_day(
    doc_date: Option<DocDate>,
    cands: &[rules::Cand],
    folded: FoldedView<'_>,
) -> Option<DocDate> {
    let dd = doc_date?;
    if dd.day.is_some() {
        return Some(dd);
    }
    let first = cands.first()?;
    let rules::Expr::Day {
        base: rules::DayBase::Abs { y, m, d, .. },
        time: None,
        pod: None,
        ..
    } = first.expr
    else {
        return Some(dd);
    };
    if first.end <= DATELINE_BYTES.min(folded.text.len())
        && y.unwrap_or(dd.year) == dd.year
        && m == dd.month
    {
        return Some(DocDate {
            year: dd.year,
            month: m,
            day: Some(d),
        });
    }
    Some(dd)
}

/// Every date mention of `doc`, in text order.
pub fn extract(doc: &Document) -> Vec<DateMention> {
    let lex = lexicon::lexicon(doc.language());
    let body_start = doc.body_start.min(doc.text.len());
    if !doc.text.is_char_boundary(body_start) {
        return Vec::new();
    }
    let mut own = None;
    let folded = doc.fold_range(body_start, doc.text.len(), &mut own);
    let cands = rules::select(rules::candidates(lex, folded, &doc.text[body_start..]));

    let mut ctx = resolve::Ctx {
        doc: dateline_day(doc.doc_date, &cands, folded),
        ..Default::default()
    };
    let mut counts: HashMap<u32, Vec<chrono::NaiveDate>> = HashMap::new();
    for c in &cands {
        if let Some((wd, date)) = resolve::weekday_date(&c.expr, doc.doc_date) {
            counts.entry(wd).or_default().push(date);
        }
    }
    for (wd, mut dates) in counts {
        dates.sort();
        dates.dedup();
        if dates.len() == 1 {
            ctx.weekday_dates.insert(wd, dates[0]);
        }
    }

    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        let (s, e) = folded.orig_range(c.start, c.end);
        if s >= e || e > doc.text.len() {
            continue;
        }
        let at = At {
            doc,
            folded,
            start: s,
            fstart: c.start,
        };
        ctx.future = future_clause(lex, at);
        let Some(r) = resolve::resolve(&c.expr, &ctx) else {
            continue;
        };
        // « a annoncé vendredi »: the day of a statement, not of the event
        let statement = matches!(
            c.expr,
            rules::Expr::Day {
                base: rules::DayBase::Weekday { .. } | rules::DayBase::Doc(_),
                time: None,
                ..
            }
        ) && after_reporting_verb(lex, at);
        if !statement || ctx.last.is_none() {
            ctx.last = r.day;
        }
        out.push(DateMention {
            span: Span::new(doc, s, e),
            value: r.value,
            kind: r.kind,
            anchor: r.anchor,
            grain: r.grain.to_string(),
            modifier: r.modifier.map(str::to_string),
            alt: Vec::new(),
        });
    }
    out
}

/// True for a value naming one day (`2019-11-01`, `2019-11-01T06:00`).
fn is_day_value(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || b[10] == b'T')
}

/// How many sentences of the lead are searched for the event date.
const LEAD_SENTENCES: usize = 2;

/// The document's main event date, for the claims stage.
///
/// The first date of the lead (the first two sentences) that names a day or a month
/// (a weekday that only says `2019-11` counts), cut to the day; otherwise the most
/// frequent day value in the document (the earliest on a tie); `None` when nothing fits.
/// Durations, intervals, sets and references never count.
pub fn main_event_date(doc: &Document, dates: &[DateMention]) -> Option<String> {
    let lead_end = doc.sentences.get(LEAD_SENTENCES).map(|s| s.start);
    let point = |d: &&DateMention| {
        matches!(d.kind, DateType::Date | DateType::Time)
            && !d.value.contains('/')
            && d.value.as_bytes().first().is_some_and(u8::is_ascii_digit)
    };
    let in_lead = dates.iter().filter(point).find(|d| {
        lead_end.is_none_or(|e| d.span.start < e)
            && (is_day_value(&d.value) || d.grain == "month" && d.value.len() == 7)
            && !matches!(d.grain.as_str(), "year")
    });
    if let Some(d) = in_lead {
        return Some(d.value.chars().take(10).collect());
    }
    let mut freq: Vec<(String, usize, usize)> = Vec::new();
    for (i, d) in dates.iter().filter(point).enumerate() {
        if !is_day_value(&d.value) {
            continue;
        }
        let day: String = d.value.chars().take(10).collect();
        match freq.iter_mut().find(|f| f.0 == day) {
            Some(f) => f.1 += 1,
            None => freq.push((day, 1, i)),
        }
    }
    freq.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|f| f.0)
}
