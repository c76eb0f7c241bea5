//! Sources of statements: the actor that says something in its sentence
//! (« a annoncé le ministre … », « selon un responsable du ministère de la Défense »,
//! « a military source told AFP »).

use super::lexicon::{LangData, SourceKind};
use super::persons::{tokenize, Marks};
use crate::text::{is_word_char, FoldedView};

/// An actor of the sentence, as the source search sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    pub start: usize,
    pub ext_start: usize,
    pub ext_end: usize,
    pub media: bool,
}

/// The folded words of `text[from..to]`, inside the sentence `folded`.
fn words<'f>(text: &str, folded: FoldedView<'f>, from: usize, to: usize) -> Vec<&'f str> {
    tokenize(&text[from..to], from, folded)
        .into_iter()
        .map(|t| t.key)
        .collect()
}

fn has_stop_punct(s: &str) -> bool {
    const STOPS: Marks = Marks::new(".;:!?()«»\"“”\n");
    STOPS.any_in(s)
}

/// The source patterns of folded `ft` on whole words (start, end, kind), disjoint and
/// sorted: the leftmost-longest matches of all the patterns, as the automaton of those
/// of more than one byte and the one-byte ones that none of its matches covers give
/// them (see [`LangData::source_bytes`]).
pub(crate) fn patterns(ld: &LangData, ft: &str) -> Vec<(usize, usize, SourceKind)> {
    let mut out = Vec::new();
    let singles = |from: usize, to: usize, out: &mut Vec<(usize, usize, SourceKind)>| {
        let first = out.len();
        for &(b, kind) in &ld.source_bytes {
            for (k, _) in ft[from..to].match_indices(char::from(b)) {
                if super::whole_words(ft, from + k, from + k + 1) {
                    out.push((from + k, from + k + 1, kind));
                }
            }
        }
        if ld.source_bytes.len() > 1 {
            out[first..].sort_unstable_by_key(|m| m.0);
        }
    };
    let mut covered = 0;
    for m in ld.sources.find_iter(ft) {
        singles(covered, m.start(), &mut out);
        if super::whole_words(ft, m.start(), m.end()) {
            out.push((m.start(), m.end(), ld.source_kinds[m.pattern().as_usize()]));
        }
        covered = m.end();
    }
    singles(covered, ft.len(), &mut out);
    out
}

/// Indices of `slots` (sorted by start) that are sources in the sentence `folded`.
/// `src` holds the sentence's source patterns on whole words (folded start, end, kind).
pub(crate) fn mark(
    text: &str,
    folded: FoldedView<'_>,
    ld: &LangData,
    src: &[(usize, usize, SourceKind)],
    slots: &[Slot],
) -> Vec<usize> {
    let ft = folded.text;
    let mut is_source = vec![false; slots.len()];
    for &(fs, fe, kind) in src {
        let (os, oe) = folded.orig_range(fs, fe);
        let found = match kind {
            SourceKind::Verb | SourceKind::Subject => {
                let prev = ft[..fs].split_whitespace().next_back();
                if prev.is_some_and(|w| ld.is("noun_det", w) || w.ends_with("l'")) {
                    continue;
                }
                let inverted = kind == SourceKind::Verb && after_quote_or_comma(ld, &ft[..fs]);
                let inv = if inverted {
                    inverted_subject(ld, text, folded, oe, slots)
                } else {
                    None
                };
                inv.or_else(|| subject_before(ld, text, folded, os, slots))
            }
            SourceKind::Participle => near(slots, os.saturating_sub(400), os)
                .filter(|&i| slots[i].ext_end <= os)
                .max_by_key(|&i| (slots[i].ext_end, std::cmp::Reverse(slots[i].ext_start)))
                .filter(|&i| !has_stop_punct(&text[slots[i].ext_end..os])),
            SourceKind::Prep => first_after(slots, oe, oe + 140).filter(|&i| {
                let gap = &text[oe..slots[i].ext_start];
                !has_stop_punct(gap) && !gap.contains(',')
            }),
            _ => None,
        };
        if let Some(i) = found {
            is_source[i] = true;
        }
    }
    (0..slots.len()).filter(|&i| is_source[i]).collect()
}

/// Indices of the slots that may start in `from..=to` (slots are sorted by start;
/// a person's role may open up to a few hundred bytes before it).
fn near(slots: &[Slot], from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    let a = slots.partition_point(|s| s.start + 300 < from);
    let b = slots.partition_point(|s| s.start <= to + 300);
    a..b.max(a)
}

/// True when folded `rest` opens, past an auxiliary, with a reporting verb
/// (« a déclaré », « said », « says »).
pub(crate) fn statement_follows(ld: &LangData, rest: &str) -> bool {
    let rest = rest.trim_start();
    let rest = rest
        .split_once(' ')
        .filter(|(w, _)| ld.is("aux", w))
        .map_or(rest, |(_, r)| r.trim_start());
    let input = aho_corasick::Input::new(rest).anchored(aho_corasick::Anchored::Yes);
    ld.sources.try_find(input).ok().flatten().is_some_and(|m| {
        m.start() == 0
            && matches!(
                ld.source_kinds[m.pattern().as_usize()],
                SourceKind::Verb | SourceKind::Subject
            )
            && !rest[m.end()..].chars().next().is_some_and(is_word_char)
    })
}

/// True when the text before a verb ends, past auxiliaries, with a comma or a closing quote.
fn after_quote_or_comma(ld: &LangData, before: &str) -> bool {
    let mut b = before.trim_end();
    loop {
        let w = b.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        if !w.is_empty() && ld.is("aux", w) {
            b = b[..b.len() - w.len()].trim_end();
        } else {
            break;
        }
    }
    b.ends_with([',', '"', '»', '\u{201d}', '\'', '-'])
}

/// The actor right after an inverted reporting verb, the addressee skipped.
fn inverted_subject(
    ld: &LangData,
    text: &str,
    folded: FoldedView<'_>,
    verb_end: usize,
    slots: &[Slot],
) -> Option<usize> {
    let mut cursor = verb_end;
    // at most a few hops: an addressee (« à l'AFP ») may be skipped
    for _ in 0..4 {
        let i = first_after(slots, cursor, cursor + 400)?;
        let s = &slots[i];
        let gap = &text[cursor..s.ext_start];
        if gap.len() > 60 || has_stop_punct(gap) {
            return None;
        }
        let w = words(text, folded, cursor, s.ext_start);
        if s.media && w.last().is_some_and(|l| ld.is("recipient", l)) {
            cursor = s.ext_end;
            continue;
        }
        if w.len() <= 5 && w.iter().all(|x| ld.is("filler", x)) && !gap.contains(',') {
            return Some(i);
        }
        return None;
    }
    None
}

/// The actor whose extent opens first at or after `from` (an enclosing one, such as
/// a person with the role before the name, wins over one inside it).
fn first_after(slots: &[Slot], from: usize, to: usize) -> Option<usize> {
    near(slots, from, to)
        .filter(|&i| slots[i].ext_start >= from && slots[i].ext_start <= to)
        .min_by_key(|&i| (slots[i].ext_start, std::cmp::Reverse(slots[i].ext_end)))
}

/// The subject before a reporting verb: the last actor ending before it, with only
/// auxiliaries, adverbs or a parenthetical phrase between.
fn subject_before(
    ld: &LangData,
    text: &str,
    folded: FoldedView<'_>,
    verb_start: usize,
    slots: &[Slot],
) -> Option<usize> {
    // the actor ending last before the verb; an enclosing one (a person with its
    // appositive role) wins over one inside it
    let i = near(slots, verb_start.saturating_sub(400), verb_start)
        .filter(|&i| slots[i].ext_end <= verb_start)
        .max_by_key(|&i| (slots[i].ext_end, std::cmp::Reverse(slots[i].ext_start)))?;
    let gap = &text[slots[i].ext_end..verb_start];
    // « the United Nations mission in Mali (MINUSMA) said »: a closing gloss is no stop
    let gap_open = gap.trim_start().strip_prefix(')').unwrap_or(gap);
    if gap.len() > 120 || has_stop_punct(gap_open) {
        return None;
    }
    let w = words(text, folded, slots[i].ext_end, verb_start);
    if w.iter().any(|x| ld.is("clause", x)) {
        return None;
    }
    let commas = gap.matches(',').count();
    let limit = if commas >= 2 { 14 } else { 5 };
    if (commas == 1 && !gap.trim_start().starts_with(',')) || w.len() > limit {
        return None;
    }
    Some(i)
}
