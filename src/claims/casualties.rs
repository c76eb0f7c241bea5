//! Casualty tolls in one sentence: numbers with a counted noun (victims) and
//! an outcome, from the structures wire stories use:
//! - the noun itself gives the outcome: « 14 morts », « 17 blessés », « 54 corps », « 53 dead »;
//! - an outcome follows the noun: « 53 soldats tués », « ont été tués », « were killed »;
//! - an outcome precedes the number: « la mort de 53 soldats », « killing 53 soldiers »,
//!   « le bilan est de 54 », « the number of soldiers killed at around 10 »;
//! - lists share an outcome: « 49 militaires et un civil ont été tués » (from the right),
//!   « Une dizaine de personnes, dont quatre femmes, ont été enlevées » (after the list),
//!   « 54 corps dont un civil », « la mort de 53 soldats et d'un civil » (from the left);
//!   a bare outcome noun in a list takes the victims of the member before it
//!   (« 71 militaires tués, 12 blessés » → 12 wounded soldiers; not survivors);
//! - a part of the toll before it: « 12 soldiers were wounded, four of them seriously »;
//! - two victim classes in one head count people: « hundreds of soldiers and civilians ».
//!
//! A number without an outcome (« 80 soldats », « quatre véhicules ») is no claim,
//! and a toll without a count (« des portés disparus ») neither.

use super::lexicon::{
    Tokens, AFTER, ARTICLE, BEFORE, CONNECTOR, FILLER, MODIFIER, NOUN, PARTITIVE, QUOTE, TOLL,
};
use crate::document::{Lang, NumberMention, Outcome, Victims};

/// The count of a toll: a number mention, or one for an article before a singular noun.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub approx: bool,
}

impl From<&NumberMention> for Count {
    fn from(n: &NumberMention) -> Count {
        Count {
            start: n.span.start,
            end: n.span.end,
            value: n.value,
            min: n.min,
            max: n.max,
            approx: n.approx,
        }
    }
}

/// A toll found in a sentence: byte range of its text (the count and its
/// head noun), count, outcome and victims.
#[derive(Debug, Clone, PartialEq)]
pub struct Toll {
    pub start: usize,
    pub end: usize,
    pub count: Count,
    pub outcome: Outcome,
    pub victims: Victims,
    /// False when the victims are only `people` for want of a victim noun.
    pub explicit: bool,
}

/// A number with what surrounds it.
#[derive(Debug, Clone)]
struct Cand {
    count: Count,
    /// First token of the number.
    first: usize,
    /// Token after the noun phrase (its outcome cue included).
    np_end: usize,
    /// Byte end of the head noun.
    end: usize,
    victims: Option<Victims>,
    /// Outcome given by the noun or a cue after it, and whether from a cue after it.
    own: Option<(Outcome, bool)>,
    before: Option<Outcome>,
    /// The head is an outcome noun right after the number (« 12 blessés »).
    elliptical: bool,
    /// « four of them »: a part of the toll before.
    partitive: bool,
}

/// Tolls of one tokenized sentence, given the counts (number mentions) inside it in order.
pub fn tolls(t: &Tokens, numbers: &[Count], lang: Lang) -> Vec<Toll> {
    // every toll's outcome comes from a cue (a noun, or a phrase after or before it)
    if !t.matches.iter().any(|m| m.entry.outcome.is_some()) {
        return Vec::new();
    }
    let counts = with_articles(t, numbers);
    let firsts: Vec<usize> = counts.iter().map(|c| t.token_at(c.start)).collect();
    let mut cands: Vec<Cand> = Vec::new();
    for (k, c) in counts.iter().enumerate() {
        let limit = firsts.get(k + 1).copied().unwrap_or(t.toks.len());
        if let Some(cand) = candidate(t, c, firsts[k], limit, lang) {
            cands.push(cand);
        }
    }
    let n = cands.len();
    // lists: members joined by connectors only
    let mut group = vec![0usize; n];
    let mut via_dont = vec![false; n];
    for k in 1..n {
        let (a, b) = (cands[k - 1].np_end, cands[k].first);
        let joined = a < b && all_connectors(t, a, b);
        group[k] = if joined {
            group[k - 1]
        } else {
            group[k - 1] + 1
        };
        via_dont[k] = joined && (a..b).any(|i| matches!(t.text(i), "dont" | "including"));
    }
    // an outcome after the whole list: « Une dizaine de personnes, dont quatre femmes, ont été enlevées »
    let mut trailing: Vec<Option<Outcome>> = vec![None; n];
    for k in 0..n {
        let last = k + 1 == n || group[k + 1] != group[k];
        if last && cands[k].own.is_none() {
            let limit = firsts
                .iter()
                .copied()
                .find(|&f| f >= cands[k].np_end)
                .unwrap_or(t.toks.len());
            let mut from = cands[k].np_end;
            while from < limit && t.text(from) == "," {
                from += 1;
            }
            trailing[k] = after_cue(t, from, limit).map(|(o, _)| o);
        }
    }
    let mut outcomes: Vec<Option<Outcome>> = cands.iter().map(|c| c.own.map(|(o, _)| o)).collect();
    let mut victims: Vec<Option<Victims>> = cands.iter().map(|c| c.victims).collect();
    for k in 0..n {
        if outcomes[k].is_some() {
            continue;
        }
        if cands[k].partitive && k > 0 {
            outcomes[k] = outcomes[k - 1];
            victims[k] = victims[k - 1];
            continue;
        }
        // from the right: « 49 militaires et un civil ont été tués »
        let mut right = None;
        for j in k..n {
            if group[j] != group[k] {
                break;
            }
            if j > k {
                match cands[j].own {
                    Some((o, true)) => {
                        right = Some(o);
                        break;
                    }
                    Some(_) => break,
                    None => {}
                }
            }
            if let Some(o) = trailing[j] {
                right = Some(o);
                break;
            }
        }
        outcomes[k] = right.or(cands[k].before);
        if outcomes[k].is_none() && k > 0 && group[k - 1] == group[k] {
            // from the left: « 54 corps dont un civil »
            outcomes[k] = outcomes[k - 1];
        }
    }
    for k in 1..n {
        // an elliptical outcome noun (« 12 blessés », « quatre autres blessés ») in a list
        // counts the victims named before it; survivors are told apart
        if victims[k].is_none()
            && group[k] == group[k - 1]
            && !via_dont[k]
            && cands[k].elliptical
            && outcomes[k] != Some(Outcome::Survivors)
        {
            victims[k] = victims[k - 1];
        }
    }
    cands
        .iter()
        .enumerate()
        .filter_map(|(k, c)| {
            Some(Toll {
                start: c.count.start,
                end: c.end.max(c.count.end),
                count: c.count.clone(),
                outcome: outcomes[k]?,
                victims: victims[k].unwrap_or(Victims::People),
                explicit: victims[k].is_some(),
            })
        })
        .collect()
}

/// The number mentions plus a count of one for each article directly before a
/// singular victim or outcome noun (« d'un civil », « a soldier »), in order.
fn with_articles(t: &Tokens, numbers: &[Count]) -> Vec<Count> {
    let mut out: Vec<Count> = numbers.to_vec();
    for m in &t.matches {
        let e = m.entry;
        if !e.singular || (e.victims.is_none() && e.role(NOUN).is_none()) || m.first == 0 {
            continue;
        }
        let Some(art) = t.match_ending(m.first) else {
            continue;
        };
        if !art.entry.has(ARTICLE) || art.last - art.first != 1 {
            continue;
        }
        let tok = &t.toks[art.first];
        if numbers
            .iter()
            .any(|n| n.start < t.toks[m.first].end && tok.start < n.end)
        {
            continue;
        }
        out.push(Count {
            start: tok.start,
            end: tok.end,
            value: 1.0,
            min: Some(1.0),
            max: Some(1.0),
            approx: false,
        });
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// Reads the noun phrase after a number and the cues around it.
fn candidate(t: &Tokens, c: &Count, first: usize, limit: usize, lang: Lang) -> Option<Cand> {
    let span_end = t.token_at(c.end).min(limit);
    let is_head = |i: usize| {
        t.match_starting(i)
            .filter(|m| m.entry.victims.is_some() || m.entry.role(NOUN).is_some())
    };
    // the head noun: inside the number's span, or after it past modifiers
    let mut head = (first..span_end).find_map(is_head);
    // only modifiers between the number and its head, no « de »
    let mut elliptical = head.is_some();
    let mut partitive = None;
    if head.is_none() {
        elliptical = true;
        let mut unknown = if lang == Lang::En { 1 } else { 0 };
        let mut i = span_end;
        while i < limit {
            if let Some(m) = is_head(i) {
                head = Some(m);
                break;
            }
            if let Some(m) = t.match_starting(i) {
                if i == span_end && m.entry.has(PARTITIVE) {
                    partitive = Some(m.last);
                    break;
                }
                if m.entry.has(MODIFIER) {
                    elliptical &= !m.entry.has(CONNECTOR);
                    i = m.last;
                    continue;
                }
                break;
            }
            let tok = &t.toks[i];
            if tok.word && unknown > 0 && !t.text(i).starts_with(|c: char| c.is_ascii_digit()) {
                unknown -= 1;
                elliptical = false;
                i += 1;
                continue;
            }
            break;
        }
    }
    elliptical &= head.is_some_and(|h| h.entry.victims.is_none());
    let before = before_cue(t, first);
    let Some(head) = head else {
        // « four of them »; « killing 53 », « le bilan est de 54 »: people, outcome before
        if let Some(np_end) = partitive {
            return Some(Cand {
                count: c.clone(),
                first,
                np_end,
                end: c.end,
                victims: None,
                own: None,
                before: None,
                elliptical: false,
                partitive: true,
            });
        }
        let (o, victims) = before?;
        return Some(Cand {
            count: c.clone(),
            first,
            np_end: span_end,
            end: c.end,
            victims,
            own: None,
            before: Some(o),
            elliptical: false,
            partitive: false,
        });
    };
    let mut own = head.entry.role(NOUN).map(|o| (o, false));
    let mut np_end = head.last;
    let mut victims = head.entry.victims;
    // « soldiers and civilians »: people
    if let (Some(v), Some(and), Some(other)) = (
        victims,
        t.match_starting(head.last),
        t.match_starting(head.last + 1),
    ) {
        if and.entry.has(CONNECTOR)
            && and.last == head.last + 1
            && matches!(t.text(head.last), "et" | "and")
            && other.entry.victims.is_some_and(|w| w != v)
        {
            victims = Some(Victims::People);
            np_end = other.last;
        }
    }
    let end = t.toks[np_end - 1].end;
    if own.is_none() || head.entry.victims.is_some() {
        let found = after_cue(t, np_end, limit)
            .or_else(|| after_cue(t, past_aside(t, np_end, limit)?, limit));
        if let Some((o, after)) = found {
            own = Some((o, true));
            np_end = after;
        }
    }
    Some(Cand {
        count: c.clone(),
        first,
        np_end,
        end,
        victims,
        own,
        before: before.map(|(o, _)| o),
        elliptical,
        partitive: false,
    })
}

/// The token after a short aside following a noun: a parenthesis and/or an
/// apposition between commas, without numbers or outcome cues (« Six Volontaires
/// pour la défense de la patrie (VDP), supplétifs civils de l'armée, ont été tués »).
fn past_aside(t: &Tokens, from: usize, limit: usize) -> Option<usize> {
    const MAX: usize = 10;
    let clean = |i: usize| {
        !t.text(i).starts_with(|c: char| c.is_ascii_digit())
            && t.match_starting(i)
                .is_none_or(|m| m.entry.outcome.is_none())
    };
    let mut i = from;
    if t.text(i) == "(" {
        let close = (i + 1..limit.min(i + MAX)).find(|&j| t.text(j) == ")")?;
        if !(i + 1..close).all(clean) {
            return None;
        }
        i = close + 1;
    }
    if t.text(i) == "," {
        let close = (i + 1..limit.min(i + MAX)).find(|&j| t.text(j) == ",")?;
        if !(i + 1..close).all(clean) {
            return None;
        }
        i = close + 1;
    }
    (i > from).then_some(i)
}

/// An outcome cue after the noun, past fillers, quotes and at most two unknown
/// words (« soldats maliens ont été tués »); returns the outcome and the token after the cue.
fn after_cue(t: &Tokens, from: usize, limit: usize) -> Option<(Outcome, usize)> {
    let mut unknown = 2;
    let mut i = from;
    while i < limit {
        if let Some(m) = t.match_starting(i) {
            if let Some(o) = m.entry.role(AFTER) {
                return Some((o, m.last));
            }
            if m.entry.has(QUOTE) || (m.entry.has(FILLER) && !m.entry.has(CONNECTOR)) {
                i = m.last;
                continue;
            }
            return None;
        }
        let tok = &t.toks[i];
        if !tok.word || unknown == 0 || t.text(i).starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        unknown -= 1;
        i += 1;
    }
    None
}

/// An outcome cue before the number, past fillers and quotes (« la mort de »,
/// « killing », « le bilan est de », « avoir « neutralisé » »), with the victims
/// named right before the cue (« soldiers killed at around 10 »).
fn before_cue(t: &Tokens, first: usize) -> Option<(Outcome, Option<Victims>)> {
    let mut i = first;
    for step in 0..5 {
        let m = t.match_ending(i)?;
        if let Some(o) = m.entry.role(BEFORE).or_else(|| m.entry.role(TOLL)) {
            // « soldiers killed at 10 », not « gunmen killed 12 »
            let victims = (step > 0)
                .then(|| t.match_ending(m.first).and_then(|v| v.entry.victims))
                .flatten();
            return Some((o, victims));
        }
        if !m.entry.has(FILLER) && !m.entry.has(QUOTE) {
            return None;
        }
        i = m.first;
    }
    None
}

/// True when tokens `a..b` are all list connectors (« et », « dont », « , », « d' », quotes).
fn all_connectors(t: &Tokens, a: usize, b: usize) -> bool {
    let mut i = a;
    while i < b {
        match t.match_starting(i) {
            Some(m) if (m.entry.has(CONNECTOR) || m.entry.has(QUOTE)) && m.last <= b => i = m.last,
            _ => return false,
        }
    }
    true
}
