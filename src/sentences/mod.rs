//! Sentence splitting: `unicode-segmentation` sentence bounds, then rules for
//! news text:
//! - no break after an abbreviation of `models/<lang>/abbreviations.txt`
//!   (`M.`, `Gén.`, `Mr.`, `U.S.`) or an initial (`E. Philippe`);
//! - citation marks (`[4]`, `[1],[5]`) stay with the sentence they follow;
//! - no break inside « guillemets » or "quotes" (bounded, so an unclosed
//!   quote cannot swallow the text);
//! - a blank line always ends a sentence.
//!
//! Spans are byte offsets into the original text, trimmed of surrounding
//! whitespace; sentences are ordered and disjoint.

use crate::document::{Document, Lang, Sentence};
use crate::models;
use rustc_hash::FxHashSet as HashSet;

mod bounds;

/// Longest stretch (bytes) a quote may keep open across sentence bounds.
const MAX_QUOTE_SPAN: usize = 1200;

/// Bytes at the end of a sentence searched for its last word (abbreviations are short).
const ABBR_TAIL: usize = 64;

/// The splitter: abbreviation lists per language, loaded once.
#[derive(Debug, Clone)]
pub struct Splitter {
    fr: HashSet<&'static str>,
    en: HashSet<&'static str>,
}

impl Default for Splitter {
    fn default() -> Self {
        let load = |lang| {
            models::lines(models::lang_file(lang, "abbreviations.txt").unwrap_or("")).collect()
        };
        Splitter {
            fr: load(Lang::Fr),
            en: load(Lang::En),
        }
    }
}

impl Splitter {
    /// Sentences of `doc.body()`, as offsets into `doc.text`.
    pub fn split(&self, doc: &Document) -> Vec<Sentence> {
        self.split_text(&doc.text, doc.body_start, doc.language())
    }

    /// Sentences of `text[from..]`, as offsets into `text`.
    pub fn split_text(&self, text: &str, from: usize, lang: Lang) -> Vec<Sentence> {
        let abbr = match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        };
        let body = &text[from..];
        // 1. raw bounds, one paragraph at a time (blank lines always split)
        let mut raw: Vec<(usize, usize)> = Vec::new();
        for (ps, para) in paragraphs(body) {
            bounds::for_each_segment(para, |s, e| {
                let (a, b) = trim(&para[s..e]);
                if a < b {
                    raw.push((from + ps + s + a, from + ps + s + b));
                }
            });
        }
        // 2. citation marks cut by the raw bounds (`attaqué.[` | `4] Le`) go back
        let raw = reattach_citations(text, raw);
        // 3. merge rules
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
        let mut quote_open_since: Option<usize> = None;
        // quote state of the last sentence of `out`, fed incrementally so a
        // long chain of merges stays linear
        let mut quotes = QuoteState::default();
        for (s, e) in raw {
            let seg = &text[s..e];
            if let Some(&(ps, pe)) = out.last() {
                let gap = &text[pe..s];
                let same_para = !gap.contains("\n\n") && !gap.contains("\r\n\r\n");
                let prev = &text[ps..pe];
                let merge = same_para
                    && (starts_with_citation(seg)
                        || (!gap.contains('\n') && ends_with_abbreviation(prev, abbr, seg))
                        || quote_open_since.is_some_and(|q| e - q <= MAX_QUOTE_SPAN)
                        || starts_lowercase_after_quote(prev, seg));
                if merge {
                    if let Some(last) = out.last_mut() {
                        last.1 = e;
                    }
                    quotes.feed(&text[pe..e]);
                    quote_open_since = quotes.is_open().then_some(ps);
                    continue;
                }
            }
            out.push((s, e));
            quotes = QuoteState::default();
            quotes.feed(seg);
            quote_open_since = quotes.is_open().then_some(s);
        }
        out.into_iter()
            .map(|(start, end)| Sentence { start, end })
            .collect()
    }
}

/// Longest run handed to the segmenter of spaces and tabs, or of one
/// character repeated (not a letter, digit or line break): its rule SB8 looks
/// ahead over such a run from every position in it (quadratic: 30,000 spaces,
/// or 40,000 `)`, after a full stop took 6 s and 34 s). The rules see a run
/// only through its first character and `*` repetitions (`Close*`, `Sp*`, SB8's
/// look-ahead), and none breaks between two characters of one run (a break
/// follows a terminator, closing mark, space or separator ending a cluster, and
/// separators are not cut), so cutting it short changes no bound.
const MAX_SPACE_RUN: usize = 16;

/// Whether runs of `c` may be cut (see [`MAX_SPACE_RUN`]).
fn squeezable(c: char) -> bool {
    c == ' ' || c == '\t' || !(c.is_alphanumeric() || c.is_whitespace())
}

/// A text (a segmenter window) with its long runs cut to [`MAX_SPACE_RUN`]
/// characters, and the way back to its offsets.
struct Squeezed<'a> {
    text: std::borrow::Cow<'a, str>,
    /// (end of a cut run in `text`, bytes removed up to there), in order.
    cuts: Vec<(usize, usize)>,
}

impl<'a> Squeezed<'a> {
    fn new(para: &'a str) -> Squeezed<'a> {
        let is_sp = |c: char| c == ' ' || c == '\t';
        // the same run: spaces and tabs mixed, or one character repeated
        let same = |a: char, b: char| a == b || (is_sp(a) && is_sp(b));
        let mut out = String::new();
        let mut cuts = Vec::new();
        let (mut copied, mut removed) = (0, 0);
        let mut chars = para.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !squeezable(c) {
                continue;
            }
            // the run from `i`: its first MAX_SPACE_RUN characters end at `keep`
            let (mut n, mut keep, mut end) = (1, i + c.len_utf8(), i + c.len_utf8());
            while let Some(&(j, d)) = chars.peek() {
                if !same(c, d) {
                    break;
                }
                chars.next();
                n += 1;
                end = j + d.len_utf8();
                if n <= MAX_SPACE_RUN {
                    keep = end;
                }
            }
            if n > MAX_SPACE_RUN {
                out.push_str(&para[copied..keep]);
                removed += end - keep;
                cuts.push((out.len(), removed));
                copied = end;
            }
        }
        if cuts.is_empty() {
            return Squeezed {
                text: std::borrow::Cow::Borrowed(para),
                cuts,
            };
        }
        out.push_str(&para[copied..]);
        Squeezed {
            text: std::borrow::Cow::Owned(out),
            cuts,
        }
    }

    /// The offset in the original text of offset `p` of the squeezed text (a position at
    /// the end of a cut run maps to the end of the whole run).
    fn orig(&self, p: usize) -> usize {
        let n = self.cuts.partition_point(|&(end, _)| end <= p);
        p + n.checked_sub(1).map_or(0, |k| self.cuts[k].1)
    }
}

/// Moves citation marks that follow sentence-final punctuation into the
/// sentence they close.
fn reattach_citations(text: &str, raw: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    for (mut s, e) in raw {
        if let Some(last) = out.last_mut() {
            let prev = &text[last.0..last.1];
            if let Some(p) = prev.rfind(['.', '!', '?']) {
                let from = last.0 + p + 1;
                let m = citation_run(&text[from..]);
                if m > 0 && from + m > last.1 {
                    last.1 = from + m;
                    if last.1 >= e {
                        continue;
                    }
                    s = s.max(last.1);
                    let (a, b) = trim(&text[s..e]);
                    if a >= b {
                        continue;
                    }
                    out.push((s + a, s + b));
                    continue;
                }
            }
        }
        out.push((s, e));
    }
    out
}

/// Length of a run of citation marks (`[4]`, `[1],[5]`) at the start of `s`.
fn citation_run(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut end = 0;
    loop {
        if b.get(i) != Some(&b'[') {
            break;
        }
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_digit() && j - i <= 3 {
            j += 1;
        }
        if j == i + 1 || b.get(j) != Some(&b']') {
            break;
        }
        end = j + 1;
        i = end;
        if b.get(i) == Some(&b',') {
            i += 1;
        }
    }
    end
}

/// Paragraphs separated by blank lines, with their offsets.
fn paragraphs(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut from = 0;
    // `str::find` of one ASCII byte is a word-at-a-time memchr
    while let Some(k) = s[from..].find('\n') {
        let i = from + k;
        // look for another newline with only spaces between
        let mut j = i + 1;
        while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            out.push((start, &s[start..i]));
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            start = j;
            from = j;
            continue;
        }
        from = i + 1;
    }
    if start < s.len() {
        out.push((start, &s[start..]));
    }
    out
}

/// Offsets of `seg` with surrounding whitespace removed.
fn trim(seg: &str) -> (usize, usize) {
    let a = seg.len() - seg.trim_start().len();
    let b = seg.trim_end().len();
    (a, b.max(a))
}

/// `[4]`, `[1],[5]` at the start of a segment.
fn starts_with_citation(seg: &str) -> bool {
    let b = seg.as_bytes();
    if b.first() != Some(&b'[') {
        return false;
    }
    let close = match seg.find(']') {
        Some(c) => c,
        None => return false,
    };
    close > 1 && close <= 5 && seg[1..close].bytes().all(|c| c.is_ascii_digit())
}

/// The previous segment ends with a known abbreviation or an initial, and the
/// next does not look like a new sentence after `etc.`.
fn ends_with_abbreviation(prev: &str, abbr: &HashSet<&'static str>, next: &str) -> bool {
    if !prev.ends_with('.') {
        return false;
    }
    // Only the last word matters; look at a bounded tail so a long run of
    // merges over text without spaces stays linear. A word longer than the
    // tail is no abbreviation.
    let mut from = prev.len().saturating_sub(ABBR_TAIL);
    while !prev.is_char_boundary(from) {
        from += 1;
    }
    let tail = &prev[from..];
    let is_sep = |c: char| c.is_whitespace() || c == '(' || c == '«' || c == '"';
    if from > 0 && !tail.contains(is_sep) {
        return false;
    }
    let last = tail.rsplit(is_sep).next().unwrap_or("");
    let next_lower = next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    if last == "etc." || last == "est." || last == "No." || last == "no." {
        return next_lower;
    }
    if abbr.contains(last) {
        return true;
    }
    // initials: "E.", "J.-C." style, or a chain like "U.S."
    let core = last.trim_end_matches('.');
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    if !core.is_empty()
        && core
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
    {
        return true;
    }
    false
}

/// A closing quote was cut from its text: `« Quoi ?` / `» a-t-il dit`.
fn starts_lowercase_after_quote(prev: &str, next: &str) -> bool {
    let p = prev.trim_end();
    let ends_q = p.ends_with('?')
        || p.ends_with('!')
        || p.ends_with("?»")
        || p.ends_with("!»")
        || p.ends_with("? »")
        || p.ends_with("! »")
        || p.ends_with("?\"")
        || p.ends_with("!\"");
    ends_q && next.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Open « » / “ ” depth and straight-quote parity of a text read so far.
#[derive(Debug, Default, Clone, Copy)]
struct QuoteState {
    depth: u32,
    straight: bool,
}

impl QuoteState {
    /// Reads more text (byte patterns: « C2 AB, » C2 BB, “ E2 80 9C, ” E2 80 9D).
    fn feed(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        loop {
            i += skip_plain_words(&b[i..], [b'"']);
            let end = b.len().min(i + 8);
            if i >= end {
                break;
            }
            while i < end {
                match b[i] {
                    b'"' => self.straight = !self.straight,
                    0xc2 => match b.get(i + 1) {
                        Some(0xab) => self.depth += 1,
                        Some(0xbb) => self.depth = self.depth.saturating_sub(1),
                        _ => {}
                    },
                    0xe2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                        Some(0x9c) => self.depth += 1,
                        Some(0x9d) => self.depth = self.depth.saturating_sub(1),
                        _ => {}
                    },
                    _ => {}
                }
                i += 1;
            }
        }
    }

    /// True when the text read leaves a « or " quote open.
    fn is_open(&self) -> bool {
        self.depth > 0 || self.straight
    }
}

/// Length of the run of whole 8-byte words at the start of `b` that are
/// ASCII and hold none of the bytes `needles` (word-at-a-time: the bytes
/// after it still need a look, one by one).
fn skip_plain_words<const N: usize>(b: &[u8], needles: [u8; N]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(w) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let x = u64::from_le_bytes(w);
        // a byte of `y` is zero where `x` holds the needle
        let has = |n: u8| {
            let y = x ^ (LO * u64::from(n));
            y.wrapping_sub(LO) & !y & HI != 0
        };
        if x & HI != 0 || needles.iter().any(|&n| has(n)) {
            break;
        }
        i += 8;
    }
    i
}

#[cfg(test)]
mod tests;
