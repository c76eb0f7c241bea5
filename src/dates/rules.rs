//! Reading rule matches into unresolved date expressions ([`Expr`]).
//!
//! Every rule of `dates_patterns.tsv` runs over the folded text; its handler reads the
//! named captures. A handler may refuse a match (a count, not a year) or shorten it
//! (a two-digit « year » that is really a count).

use super::backtrack;
use super::lexicon::{group_key, Engines, Handler, Lexicon, Unit};
use crate::document::DateType;
#[cfg(test)]
use crate::text::Folded;
use crate::text::FoldedView;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::util::captures::Captures;
use regex_automata::util::start;
use regex_automata::{Anchored, Input, PatternID};
use std::cell::RefCell;

/// The day a day-grain expression refers to, before anchoring.
#[derive(Debug, Clone, PartialEq)]
pub enum DayBase {
    /// A month and day, with the year when given; `rel` -1 « dernier », 1 « prochain ».
    Abs {
        y: Option<i32>,
        m: u32,
        d: u32,
        rel: i32,
    },
    /// A weekday (with a day number but no month: « vendredi 8 »).
    Weekday {
        wd: u32,
        rel: Option<i32>,
        d: Option<u32>,
    },
    /// Days from the document date (« hier »).
    Doc(i64),
    /// Days from the last event date (« le lendemain »).
    Event(i64),
    /// The last day mentioned (bare times and parts of day).
    Last,
}

/// An unresolved temporal expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Day {
        base: DayBase,
        wd: Option<u32>,
        time: Option<(u32, u32)>,
        pod: Option<&'static str>,
        modifier: Option<&'static str>,
    },
    Month {
        y: Option<i32>,
        m: u32,
        rel: i32,
        modifier: Option<&'static str>,
    },
    Year {
        y: i32,
        modifier: Option<&'static str>,
    },
    /// A calendar unit counted from the document date (« la semaine dernière », « il y a deux ans »).
    UnitRel {
        unit: Unit,
        offset: i64,
        modifier: Option<&'static str>,
    },
    /// Counted from the last event date (« deux jours plus tard »).
    EventOffset {
        unit: Unit,
        offset: i64,
    },
    Range(Box<Expr>, Box<Expr>),
    Season {
        s: &'static str,
        y: Option<i32>,
        rel: i32,
    },
    /// A value known as is (durations, sets, references, decades).
    Lit {
        value: String,
        kind: DateType,
        grain: &'static str,
        modifier: Option<&'static str>,
    },
}

/// A match: folded-text offsets and its expression.
#[derive(Debug, Clone)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    pub rule: usize,
    pub expr: Expr,
}

fn lit(value: impl Into<String>, kind: DateType, grain: &'static str) -> Expr {
    Expr::Lit {
        value: value.into(),
        kind,
        grain,
        modifier: None,
    }
}

/// ISO duration of `n` units (`P3D`, `PT30M`, `PT30.4S`).
pub fn duration_value(n: f64, unit: Unit) -> String {
    let num = |x: f64| {
        if x.fract() == 0.0 {
            format!("{}", x as i64)
        } else {
            let s = format!("{x:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    match unit {
        Unit::Year => format!("P{}Y", num(n)),
        Unit::Month => format!("P{}M", num(n)),
        Unit::Week => format!("P{}W", num(n)),
        Unit::Day => format!("P{}D", num(n)),
        Unit::Hour if n.fract() == 0.5 => format!("PT{}H30M", n.trunc() as i64),
        Unit::Hour => format!("PT{}H", num(n)),
        Unit::Minute => format!("PT{}M", num(n)),
        Unit::Second => format!("PT{}S", num(n)),
        Unit::Decade => format!("P{}Y", num(n * 10.0)),
        Unit::Century => format!("P{}Y", num(n * 100.0)),
        Unit::Weekend => format!("P{}WE", num(n)),
        Unit::Quarter => format!("P{}M", num(n * 3.0)),
    }
}

fn vague_value(unit: Unit) -> &'static str {
    match unit {
        Unit::Year | Unit::Decade | Unit::Century => "PXY",
        Unit::Month | Unit::Quarter => "PXM",
        Unit::Week | Unit::Weekend => "PXW",
        Unit::Day => "PXD",
        Unit::Hour => "PTXH",
        Unit::Minute => "PTXM",
        Unit::Second => "PTXS",
    }
}

/// The char after folded byte `i` that is not a space, if any.
fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().find(|c| !c.is_whitespace())
}

/// The word (letters and apostrophes) starting at the first non-space after `i`, with its start.
fn next_word(text: &str, i: usize) -> Option<(usize, &str)> {
    let rest = text.get(i..)?;
    let skip = rest.len() - rest.trim_start().len();
    let start = i + skip;
    let w = &text[start..];
    let end = w
        .char_indices()
        .find(|(_, c)| !(c.is_alphabetic() || *c == '\''))
        .map(|(j, _)| j)
        .unwrap_or(w.len());
    (end > 0).then(|| (start, &w[..end]))
}

/// The one or two words before folded byte `i`.
fn previous_words(text: &str, i: usize) -> (String, String) {
    let before = text.get(..i).unwrap_or("");
    let mut words = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty());
    let w1 = words.next().unwrap_or("").to_string();
    let w2 = words.next().unwrap_or("").to_string();
    (
        w1.clone(),
        if w2.is_empty() {
            w1
        } else {
            format!("{w2} {w1}")
        },
    )
}

/// « 2002/2003 »: a slash at `i` between two four-digit years (a season, two dates).
fn year_slash_year(text: &str, i: usize) -> bool {
    let four = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    let (l, r) = if text[i..].starts_with('/') {
        (&text[..i], &text[i + 1..])
    } else if text[..i].ends_with('/') {
        (&text[..i - 1], &text[i..])
    } else {
        return false;
    };
    let lw = l.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
    let rw = r.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
    four(lw) && four(rw)
}

/// True when the whitespace-delimited token around `i` looks like a path or a URL.
fn in_url(text: &str, i: usize) -> bool {
    let a = text[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let b = text[i..]
        .find(char::is_whitespace)
        .map_or(text.len(), |p| i + p);
    let tok = &text[a..b];
    tok.contains("://") || tok.contains("www.") || tok.matches('/').count() >= 2
}

/// True when the match is glued to a token it belongs to (`après-midi`, a URL, `10.12` pieces).
fn glued(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let mut back = before.chars().rev();
    if let Some(c) = back.next() {
        let c2 = back.next();
        if glued_after(c)
            || (c == '/' && (in_url(text, start) || !year_slash_year(text, start)))
            || (matches!(c, '.' | ',' | ':') && c2.is_some_and(|p| p.is_ascii_digit()))
        {
            return true;
        }
    }
    let mut fwd = text[end..].chars();
    if let Some(c) = fwd.next() {
        let c2 = fwd.next();
        let last = text[..end].chars().next_back();
        if (c.is_alphanumeric() && last.is_some_and(|l| l.is_alphanumeric()))
            || matches!(c, '@' | '_' | '=' | '\\' | '%')
            || (c == '/' && (in_url(text, end) || !year_slash_year(text, end)))
            || (c == '-' && c2.is_some_and(|n| n.is_alphanumeric()))
            || (matches!(c, '.' | ',' | ':') && c2.is_some_and(|n| n.is_ascii_digit()))
        {
            return true;
        }
    }
    false
}

/// A capture group of a match: its span of the folded text.
#[derive(Debug, Clone, Copy)]
struct Group<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Group<'a> {
    fn as_str(&self) -> &'a str {
        &self.text[self.start..self.end]
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

/// Reads one rule's captures.
struct Reader<'a> {
    lex: &'a Lexicon,
    caps: &'a Captures,
    /// The rule's group names, by group index.
    names: &'a [Option<Box<str>>],
    /// The same as [`group_key`]s.
    keys: &'a [u64],
    folded: FoldedView<'a>,
    original: &'a str,
}

impl<'a> Reader<'a> {
    /// The capture group `name` (the rule's names are few: a scan beats hashing).
    fn group(&self, name: &str) -> Option<Group<'a>> {
        let i = match group_key(name) {
            Some(k) => self.keys.iter().position(|&n| n == k)?,
            None => self.names.iter().position(|n| n.as_deref() == Some(name))?,
        };
        self.at(i)
    }
    /// The capture group of index `i` (0: the whole match).
    fn at(&self, i: usize) -> Option<Group<'a>> {
        let sp = self.caps.get_group(i)?;
        Some(Group {
            text: self.folded.text,
            start: sp.start,
            end: sp.end,
        })
    }
    fn g(&self, name: &str) -> Option<&'a str> {
        self.group(name).map(|m| m.as_str())
    }
    fn end_of(&self, name: &str) -> Option<usize> {
        self.group(name).map(|m| m.end())
    }
    fn day(&self, name: &str) -> Option<u32> {
        let s = self.g(name)?;
        let s = ["er", "st", "nd", "rd", "th"]
            .iter()
            .fold(s, |s, suffix| trim_end_all(s, suffix));
        let d = if s == "premi" || s == "premier" {
            1
        } else {
            s.parse().ok()?
        };
        (1..=31).contains(&d).then_some(d)
    }
    fn year(&self, name: &str) -> Option<i32> {
        let s = self.g(name)?.trim_start_matches('\'');
        let y: i32 = s.parse().ok()?;
        Some(match s.len() {
            4 => y,
            2 if y >= 50 => 1900 + y,
            2 => 2000 + y,
            _ => return None,
        })
    }
    fn weekday(&self, name: &str) -> Option<u32> {
        self.lex.weekday(self.g(name)?)
    }
    fn word_value(&self, kind: &str, name: &str) -> Option<&'static str> {
        let w = self.lex.word(kind, self.g(name)?)?;
        (w.value != "-").then_some(w.value)
    }
    fn rel(&self, name: &str) -> Option<i32> {
        self.word_value("rel", name)?.parse().ok()
    }
    /// The first letter of the group in the original text is a capital.
    fn capitalized(&self, name: &str) -> bool {
        self.group(name).is_some_and(|m| {
            let o = self.folded.orig(m.start()) - self.folded.orig(0);
            self.original[o..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
    }
    /// The month of group `name`, checking ambiguous forms (« sept », English « May »).
    fn month(&self, name: &str, supported: bool, date_word: bool) -> Option<u32> {
        let (m, amb) = self.lex.month(self.g(name)?)?;
        let ok = match amb {
            0 => true,
            1 => supported,
            _ => self.capitalized(name) && (supported || date_word),
        };
        ok.then_some(m)
    }
    /// A two-digit « year » followed by a word is a count: the end to cut the match at.
    fn short_year_is_count(&self, name: &str) -> bool {
        match self.group(name) {
            Some(y) if y.as_str().trim_start_matches('\'').len() == 2 => {
                next_char(self.folded.text, y.end()).is_some_and(|c| c.is_ascii_digit())
                    || count_word_follows(self, y.end())
            }
            _ => false,
        }
    }
    fn modifier(&self) -> Option<&'static str> {
        self.word_value("mod", "mod")
            .or_else(|| self.word_value("dpre", "pre"))
            .or_else(|| self.word_value("tmod", "tm"))
            .or_else(|| self.word_value("podpre", "pp"))
            .or_else(|| self.word_value("dmod", "tm"))
    }
    fn pod(&self) -> Option<&'static str> {
        let p = self.g("pod")?;
        let p = trim_start_all(trim_start_all(p, "du "), "de l'").trim();
        self.lex.word("pod", p).map(|w| w.value)
    }
}

/// `s` without the repeats of `suffix` at its end: `str::trim_end_matches`, without setting
/// up a substring searcher.
fn trim_end_all<'s>(mut s: &'s str, suffix: &str) -> &'s str {
    while let Some(t) = s.strip_suffix(suffix).filter(|_| !suffix.is_empty()) {
        s = t;
    }
    s
}

/// `s` without the repeats of `prefix` at its start: `str::trim_start_matches`, without
/// setting up a substring searcher.
fn trim_start_all<'s>(mut s: &'s str, prefix: &str) -> &'s str {
    while let Some(t) = s.strip_prefix(prefix).filter(|_| !prefix.is_empty()) {
        s = t;
    }
    s
}

/// A four-digit number read as a year unless it looks like a count or a measure.
fn year_is_count(r: &Reader, y_start: usize, match_start: usize, end: usize) -> bool {
    let text = &r.folded.text;
    if y_start == match_start {
        let (w1, w2) = previous_words(text, y_start);
        if r.lex.has("yearblock", &w1) || r.lex.has("yearblock", &w2) {
            // « dès 2019 » folds to « des 2019 »: look at the original word
            return true;
        }
    }
    count_word_follows(r, end)
}

/// The word after `end` is a measure (« km ») or a lower-case plural noun (« soldats »).
fn count_word_follows(r: &Reader, end: usize) -> bool {
    let text = &r.folded.text;
    let Some((ws, w)) = next_word(text, end) else {
        return false;
    };
    if ws == end {
        return false;
    }
    if r.lex.has("yearunit", w) {
        return true;
    }
    let orig_upper = r.original[r.folded.orig(ws) - r.folded.orig(0)..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    !orig_upper
        && w.chars().count() > 2
        && (w.ends_with('s') || w.ends_with('x'))
        && !r.lex.has("yearok", w)
}

/// « un homme de 38 ans », « Florian D., 26 ans, », « 38 years old »: an age, not a duration.
fn is_age(r: &Reader, start: usize, end: usize) -> bool {
    let text = &r.folded.text;
    let n_start = r.group("n").map(|g| g.start()).unwrap_or(start);
    if text[..n_start].trim_end().ends_with(',') {
        return true;
    }
    let (w1, w2) = previous_words(text, n_start);
    let before_w1 = w2.split(' ').next().unwrap_or("");
    if r.lex.has("agecue", &w1) || (r.lex.has("agecue", before_w1) && w1 == "de") {
        return true;
    }
    let after_de = (w1 == "de" || w1 == "d'" || w1 == "of") && w2 != w1;
    if after_de && r.lex.has("agenoun", before_w1) {
        return true;
    }
    // « un chauffeur de bus de 38 ans »: digits after « de » are an age unless a duration
    // noun comes first (« une peine de 10 ans », « plus de 10 ans »)
    let digits = r
        .g("n")
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    if after_de && digits && w1 != "of" && !r.lex.has("agekeep", before_w1) {
        return true;
    }
    next_word(text, end).is_some_and(|(_, w)| r.lex.has("agenext", w))
        || text[end..].starts_with("-old")
}

/// True when a match starting right after `c` is always refused as glued (see [`glued`]).
#[inline]
fn glued_after(c: char) -> bool {
    if c.is_ascii() {
        ASCII_CLASS[c as usize] != 0
    } else {
        c.is_alphanumeric() || matches!(c, '°' | '§' | '€')
    }
}

/// [`ASCII_CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`ASCII_CLASS`] of the other ASCII chars a match may not follow ([`glued_after`]).
const GLUED: u8 = 2;

/// By ASCII byte: [`ALNUM`], [`GLUED`] or 0 (a match may start right after it).
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b'-' | b'@' | b'_' | b'=' | b'#' | b'\\' | b'$') {
            GLUED
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Where a rule's match at a place may end: at most here (`UNKNOWN`: anywhere).
const UNKNOWN: usize = usize::MAX;

/// A place where a rule may match: its start (folded byte) and the end of its longest
/// match there ([`UNKNOWN`]: not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    rule: u32,
    start: usize,
    end: usize,
}

/// By byte: true for an ASCII letter or digit (the rest of a word that is glued to its
/// first byte).
const WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ASCII_CLASS[b] == ALNUM;
        b += 1;
    }
    t
};

/// For each rule, the places where one of its matches may start and is not glued to what
/// comes before, with the end of the longest of them: one anchored walk of the all-rules
/// DFA at each such place, in `out` (cleared first), by rule then start. A place is never
/// missed; a failed walk (or no DFA) lists the place for every rule with an [`UNKNOWN`]
/// end (the search there settles it).
fn starts(n: usize, mut walk: Option<(&DFA, &mut Walker)>, text: &str, out: &mut Vec<Place>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    // a refused match would only move the search one char on
    let mut glued = false;
    while let Some(&b) = bytes.get(i) {
        if !glued {
            let from = out.len();
            let ok = match walk.as_mut() {
                Some((dfa, w)) => w.walk(dfa, bytes, i, out).is_ok(),
                None => false,
            };
            if !ok {
                out.truncate(from);
                out.extend((0..n).map(|rule| Place {
                    rule: rule as u32,
                    start: i,
                    end: UNKNOWN,
                }));
            }
        }
        if b < 0x80 {
            i += 1;
            let class = ASCII_CLASS[usize::from(b)];
            glued = class != 0;
            if class == ALNUM {
                // the rest of an ASCII word: glued places all
                while bytes.get(i).is_some_and(|&b| WORD_BYTE[usize::from(b)]) {
                    i += 1;
                }
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            glued = glued_after(c);
            i += c.len_utf8();
        }
    }
    // (rule, start) is unique: the order is that of a stable sort by rule
    out.sort_unstable_by_key(|p| (p.rule, p.start));
}

/// A thread's cache for the all-rules DFA, with what it learnt of first bytes: the
/// anchored start states, one by class of byte before, and the state after each first
/// byte from each of them (both valid while the cache is not cleared).
struct Walker {
    cache: Cache,
    /// `cache.clear_count()` when `starts` and `first` were last emptied.
    clears: usize,
    /// By byte before (256: none): its class, the index of its start state in `starts`.
    class: [u16; 257],
    starts: Vec<Option<LazyStateID>>,
    /// By (class, first byte): the state after that byte, if known.
    first: Vec<Option<LazyStateID>>,
    /// Walks that died within their first four bytes without a match, by (class, those
    /// bytes) (see [`Walker::short_key`]): a direct-mapped cache, 0 empty. They hold no
    /// state, so they outlive cache clears.
    short: Vec<u64>,
}

impl Walker {
    /// log2 of the size of [`Walker::short`].
    const SHORT_BITS: u32 = 14;

    /// The key of a walk at `i` from start class `class` by its first four bytes (never 0),
    /// and its place in [`Walker::short`]; `None` near the end of the text.
    fn short_key(bytes: &[u8], i: usize, class: usize) -> Option<(u64, usize)> {
        let four: [u8; 4] = bytes.get(i..i + 4)?.try_into().ok()?;
        let key = 1 << 63 | (class as u64) << 32 | u64::from(u32::from_le_bytes(four));
        let at = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::SHORT_BITS);
        Some((key, at as usize))
    }

    fn new(dfa: &DFA) -> Walker {
        let mut cache = dfa.create_cache();
        // bytes before with the same start state (the same look-behind) share a class;
        // states are told apart by their content, so the classes outlive cache clears
        let mut class = [0; 257];
        let mut seen: Vec<Option<LazyStateID>> = Vec::new();
        for (key, c) in class.iter_mut().enumerate() {
            let before = u8::try_from(key).ok();
            let config = start::Config::new()
                .anchored(Anchored::Yes)
                .look_behind(before);
            let sid = dfa.start_state(&mut cache, &config).ok();
            let at = match seen.iter().position(|&s| sid.is_some() && s == sid) {
                Some(at) => at,
                None => {
                    seen.push(sid);
                    seen.len() - 1
                }
            };
            *c = u16::try_from(at).unwrap_or(u16::MAX);
        }
        let classes = usize::from(class.iter().copied().max().unwrap_or(0)) + 1;
        let mut w = Walker {
            clears: cache.clear_count(),
            cache,
            class,
            starts: vec![None; classes],
            first: vec![None; classes * 256],
            short: vec![0; 1 << Self::SHORT_BITS],
        };
        w.reset();
        w
    }

    /// Forgets the states kept (after the cache is cleared).
    fn reset(&mut self) {
        self.starts.iter_mut().for_each(|s| *s = None);
        self.first.iter_mut().for_each(|s| *s = None);
        self.clears = self.cache.clear_count();
    }

    /// Adds the match of rule `rule` at `i` ending at `end` to `out`, whose places from
    /// `from` on are those of this walk (one by rule: the last end, the longest).
    fn record(out: &mut Vec<Place>, from: usize, rule: usize, i: usize, end: usize) {
        let Ok(rule) = u32::try_from(rule) else {
            return;
        };
        match out[from..].iter_mut().find(|p| p.rule == rule) {
            Some(p) => p.end = end,
            None => out.push(Place {
                rule,
                start: i,
                end,
            }),
        }
    }

    /// Adds `i` (a char boundary) to `out` for every rule with a match starting there,
    /// with the end of its longest match.
    fn walk(&mut self, dfa: &DFA, bytes: &[u8], i: usize, out: &mut Vec<Place>) -> Result<(), ()> {
        let Some(&b0) = bytes.get(i) else {
            return Ok(());
        };
        let key = i.checked_sub(1).map_or(256, |j| usize::from(bytes[j]));
        let class = usize::from(self.class[key]);
        let slot = class * 256 + usize::from(b0);
        let mut sid = match self.first.get(slot).copied().flatten() {
            Some(sid) => sid,
            None => {
                let start = match self.starts.get(class).copied().flatten() {
                    Some(sid) => sid,
                    None => {
                        let config = start::Config::new()
                            .anchored(Anchored::Yes)
                            .look_behind(i.checked_sub(1).map(|j| bytes[j]));
                        dfa.start_state(&mut self.cache, &config).map_err(drop)?
                    }
                };
                let sid = dfa.next_state(&mut self.cache, start, b0).map_err(drop)?;
                if self.cache.clear_count() != self.clears {
                    // `start` was computed before the clear: computed again next time
                    self.reset();
                } else if let Some(s) = self.starts.get_mut(class) {
                    *s = Some(start);
                }
                if let Some(f) = self.first.get_mut(slot) {
                    *f = Some(sid);
                }
                sid
            }
        };
        // the first byte and the one before decide whether any rule is alive
        if sid.is_dead() {
            return Ok(());
        }
        // and the first four bytes, when a walk with them died there
        let short = Self::short_key(bytes, i, class);
        if let Some((key, at)) = short {
            if self.short.get(at) == Some(&key) {
                return Ok(());
            }
        }
        let from = out.len();
        // a match state is one byte late: it tells of the matches ending before `end`
        let mut end = i;
        let result = loop {
            if sid.is_tagged() {
                if sid.is_match() {
                    self.record_all(dfa, sid, out, from, i, end);
                }
                if sid.is_dead() {
                    // dead within the bytes of its key, matchless: so is every walk with it
                    if let Some((key, at)) = short.filter(|_| end < i + 4 && out.len() == from) {
                        if let Some(s) = self.short.get_mut(at) {
                            *s = key;
                        }
                    }
                    break Ok(());
                }
                if sid.is_quit() {
                    break Err(());
                }
            }
            end += 1;
            let Some(&b) = bytes.get(end) else {
                break match dfa.next_eoi_state(&mut self.cache, sid) {
                    Ok(sid) => {
                        if sid.is_match() {
                            self.record_all(dfa, sid, out, from, i, bytes.len());
                        }
                        Ok(())
                    }
                    Err(_) => Err(()),
                };
            };
            // the common case: a known transition from a state that is not a match
            let known = if sid.is_tagged() {
                None
            } else {
                Some(dfa.next_state_untagged(&self.cache, sid, b)).filter(|n| !n.is_unknown())
            };
            sid = match known {
                Some(next) => next,
                None => match dfa.next_state(&mut self.cache, sid, b) {
                    Ok(next) => next,
                    Err(_) => break Err(()),
                },
            };
        };
        if self.cache.clear_count() != self.clears {
            self.reset();
        }
        result
    }

    /// Records the matches that match state `sid` tells of, for the walk at `i`.
    fn record_all(
        &self,
        dfa: &DFA,
        sid: LazyStateID,
        out: &mut Vec<Place>,
        from: usize,
        i: usize,
        end: usize,
    ) {
        for k in 0..dfa.match_len(&self.cache, sid) {
            let rule = dfa.match_pattern(&self.cache, sid, k).as_usize();
            Self::record(out, from, rule, i, end);
        }
    }
}

/// A thread's caches for one lexicon's engines, and the captures they fill.
struct Scratch {
    walker: Option<Walker>,
    /// The places of [`starts`], kept for their memory.
    places: Vec<Place>,
    backtrack: backtrack::Cache,
    caps: Captures,
    /// The captures of a rule's own regex (see [`Engines::rule_regex`]).
    slow: Option<Captures>,
}

impl Scratch {
    fn new(eng: &Engines) -> Scratch {
        Scratch {
            walker: eng.starts.as_ref().map(Walker::new),
            places: Vec::new(),
            backtrack: backtrack::Cache::default(),
            caps: eng.backtrack.create_captures(),
            slow: None,
        }
    }

    /// The captures of the match of rule `rule` starting at `at` and ending by `end`
    /// (leftmost-first: the match `regex` would give), if any.
    fn search(
        &mut self,
        eng: &Engines,
        text: &str,
        rule: usize,
        at: usize,
        end: usize,
    ) -> Option<&Captures> {
        let pid = PatternID::new(rule).ok()?;
        let end = end.min(text.len());
        if at > end {
            return None;
        }
        let found = eng.backtrack.search(
            &mut self.backtrack,
            text.as_bytes(),
            at,
            end,
            pid,
            &mut self.caps,
        );
        if let Some(found) = found {
            return found.then_some(&self.caps);
        }
        // a long span: the rule alone, its group indices the same
        let re = eng.rule_regex(rule)?;
        let caps = self.slow.insert(re.create_captures());
        let input = Input::new(text).range(at..end).anchored(Anchored::Yes);
        re.search_captures(&input, caps);
        caps.is_match().then_some(&*caps)
    }
}

thread_local! {
    static SCRATCH: RefCell<[Option<Scratch>; 2]> = const { RefCell::new([None, None]) };
}

/// Every match of every rule, unfiltered for overlaps.
pub fn candidates(lex: &Lexicon, folded: FoldedView<'_>, original: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let Some(eng) = lex.engines.as_ref() else {
        return out;
    };
    let text = folded.text;
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let sc = scratch[lex.slot % 2].get_or_insert_with(|| Scratch::new(eng));
        let walk = eng.starts.as_ref().zip(sc.walker.as_mut());
        let mut places = std::mem::take(&mut sc.places);
        starts(lex.rules.len(), walk, text, &mut places);
        for group in places.chunk_by(|a, b| a.rule == b.rule) {
            let ri = group[0].rule as usize;
            let Some(rule) = lex.rules.get(ri) else {
                continue;
            };
            let mut pos = 0;
            for &Place { start: at, end, .. } in group {
                if at < pos {
                    continue;
                }
                // the next place where this rule matches
                let Some(caps) = sc.search(eng, text, ri, at, end) else {
                    continue;
                };
                let Some(m0) = caps.get_match() else {
                    continue;
                };
                let mut found = false;
                if !text[m0.start()..m0.end()].trim().is_empty()
                    && !glued(text, m0.start(), m0.end())
                {
                    let r = Reader {
                        lex,
                        caps,
                        names: &rule.names,
                        keys: &rule.keys,
                        folded,
                        original,
                    };
                    for (s, e, expr) in read(&r, rule.handler, m0.start(), m0.end()) {
                        let (mut s, e) = trim(lex, text, s, e);
                        if !matches!(expr, Expr::Lit { .. }) {
                            s = skip_preposition(lex, text, s, e);
                        }
                        if s < e {
                            found = true;
                            out.push(Cand {
                                start: s,
                                end: e,
                                rule: ri,
                                expr,
                            });
                        }
                    }
                }
                pos = if found && m0.end() > m0.start() {
                    m0.end()
                } else {
                    // refused: look again from the next character (« annonce mardi »)
                    m0.start() + text[m0.start()..].chars().next().map_or(1, char::len_utf8)
                };
            }
        }
        sc.places = places;
    });
    out
}

/// Leaves a leading preposition out of the span (« en 2018 » → « 2018 », as TimeML does).
fn skip_preposition(lex: &Lexicon, text: &str, s: usize, e: usize) -> usize {
    let span = &text[s..e];
    let mut best = s;
    if lex.starts_with_kind("dpre", span) {
        return s;
    }
    for (i, c) in span.char_indices() {
        if c.is_whitespace() || (c == '\'' && i > 0) {
            let cut = if c == '\'' { i + 1 } else { i };
            if lex.has("prep", span[..cut].trim()) {
                let rest = &span[cut..];
                best = s + cut + (rest.len() - rest.trim_start().len());
            }
            if i > 12 {
                break;
            }
        }
    }
    best
}

fn trim(lex: &Lexicon, text: &str, s: usize, e: usize) -> (usize, usize) {
    let t = &text[s..e];
    let lead = t.len() - t.trim_start().len();
    let mut t2 = t
        .trim_start()
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    if t2.ends_with(')') && !t2.contains('(') {
        t2 = t2[..t2.len() - 1].trim_end();
    }
    // a sentence full stop after a full word (« novembre. »), not an abbreviation (« sept. »)
    if let Some(body) = t2.strip_suffix('.') {
        let last = body
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if !lex.is_abbrev(last) && last.chars().count() > 1 {
            t2 = body;
        }
    }
    (s + lead, s + lead + t2.len())
}

fn day_expr(base: DayBase, wd: Option<u32>, modifier: Option<&'static str>) -> Expr {
    Expr::Day {
        base,
        wd,
        time: None,
        pod: None,
        modifier,
    }
}

fn read(r: &Reader, h: Handler, start: usize, end: usize) -> Vec<(usize, usize, Expr)> {
    let one = |e: Option<Expr>| e.map(|e| vec![(start, end, e)]).unwrap_or_default();
    match h {
        Handler::DayMonthYear => {
            let Some(d) = r.day("d") else { return vec![] };
            let (mut y, mut end) = (r.year("y"), end);
            let mut rel = r.rel("rel").unwrap_or(0);
            if r.short_year_is_count("y") {
                y = None;
                rel = 0;
                end = r.end_of("m").unwrap_or(end);
                if r.folded.text[end..].starts_with('.') {
                    end += 1;
                }
            }
            let Some(m) = r.month("m", true, true) else {
                return vec![];
            };
            let pod = if end == r.end_of("pod").unwrap_or(0) {
                r.pod()
            } else {
                None
            };
            let e = Expr::Day {
                base: DayBase::Abs { y, m, d, rel },
                wd: r.weekday("wd"),
                time: None,
                pod,
                modifier: r.modifier(),
            };
            vec![(start, end, e)]
        }
        Handler::Numeric | Handler::Iso => {
            let (Some(mut d), Some(mut mo), Some(y)) = (
                r.g("d").and_then(|s| s.parse::<u32>().ok()),
                r.g("mo").and_then(|s| s.parse::<u32>().ok()),
                r.year("y"),
            ) else {
                return vec![];
            };
            if h == Handler::Numeric && mo > 12 && d <= 12 {
                std::mem::swap(&mut d, &mut mo);
            }
            if chrono::NaiveDate::from_ymd_opt(y, mo, d).is_none() {
                return vec![];
            }
            let base = DayBase::Abs {
                y: Some(y),
                m: mo,
                d,
                rel: 0,
            };
            one(Some(day_expr(base, r.weekday("wd"), None)))
        }
        Handler::DayRange => {
            let (Some(d), Some(d2)) = (r.day("d"), r.day("d2")) else {
                return vec![];
            };
            let m2 = r.g("m2").and_then(|_| r.month("m2", true, true));
            let m1 = r.g("m").and_then(|_| r.month("m", true, true));
            let y = r.year("y").or(r.year("y2"));
            let (wd, wd2) = (r.weekday("wd"), r.weekday("wd2"));
            let (left, right) = match (m1, m2) {
                (None, None) => match (wd, wd2) {
                    (Some(a), Some(b)) => (
                        DayBase::Weekday {
                            wd: a,
                            rel: None,
                            d: Some(d),
                        },
                        DayBase::Weekday {
                            wd: b,
                            rel: None,
                            d: Some(d2),
                        },
                    ),
                    _ => return vec![],
                },
                (a, b) => {
                    let mr = b.or(a).unwrap_or(1);
                    let ml = a.unwrap_or(if d > d2 && mr > 1 { mr - 1 } else { mr });
                    let yl = match (y, ml > mr) {
                        (Some(y), true) => Some(y - 1),
                        (y, _) => y,
                    };
                    (
                        DayBase::Abs {
                            y: yl,
                            m: ml,
                            d,
                            rel: 0,
                        },
                        DayBase::Abs {
                            y,
                            m: mr,
                            d: d2,
                            rel: 0,
                        },
                    )
                }
            };
            one(Some(Expr::Range(
                Box::new(day_expr(left, wd, None)),
                Box::new(day_expr(right, wd2, None)),
            )))
        }
        Handler::DayPair => {
            let (Some(d), Some(d2), Some(m)) = (r.day("d"), r.day("d2"), r.month("m", true, true))
            else {
                return vec![];
            };
            let y = r.year("y");
            let rel = r.rel("rel").unwrap_or(0);
            let first_end = r.end_of("d").unwrap_or(end);
            let second_start = r.group("d2").map(|g| g.start()).unwrap_or(start);
            vec![
                (
                    start,
                    first_end,
                    day_expr(DayBase::Abs { y, m, d, rel }, None, None),
                ),
                (
                    second_start,
                    end,
                    day_expr(DayBase::Abs { y, m, d: d2, rel }, None, None),
                ),
            ]
        }
        Handler::MonthRange => {
            let y = r.year("y");
            let (Some(a), Some(b)) = (
                r.month("m", y.is_some(), true),
                r.month("m2", y.is_some(), true),
            ) else {
                return vec![];
            };
            if a == b {
                return vec![];
            }
            let ya = match (y, a > b) {
                (Some(y), true) => Some(y - 1),
                (y, _) => y,
            };
            let mk = |y, m| Expr::Month {
                y,
                m,
                rel: 0,
                modifier: None,
            };
            one(Some(Expr::Range(Box::new(mk(ya, a)), Box::new(mk(y, b)))))
        }
        Handler::YearRange => {
            let (Some(y), Some(y2s)) = (r.year("y"), r.g("y2")) else {
                return vec![];
            };
            let y2 = match y2s.len() {
                4 => y2s.parse().ok(),
                2 => y2s.parse::<i32>().ok().map(|v| y / 100 * 100 + v),
                _ => None,
            };
            match y2 {
                Some(y2) if y2 > y && y2 - y <= 100 => one(Some(Expr::Range(
                    Box::new(Expr::Year { y, modifier: None }),
                    Box::new(Expr::Year {
                        y: y2,
                        modifier: None,
                    }),
                ))),
                _ => vec![],
            }
        }
        Handler::Month => {
            let (mut y, mut end) = (r.year("y"), end);
            let mut rel = r.rel("rel").or_else(|| r.rel("rel0")).unwrap_or(0);
            if r.short_year_is_count("y") {
                y = None;
                rel = 0;
                end = r.end_of("m").unwrap_or(end);
            }
            let date_word = ["prep", "mod", "rel0", "rel", "pre"]
                .iter()
                .any(|g| r.g(g).is_some());
            let Some(m) = r.month("m", y.is_some(), date_word) else {
                return vec![];
            };
            vec![(
                start,
                end,
                Expr::Month {
                    y,
                    m,
                    rel,
                    modifier: r.modifier(),
                },
            )]
        }
        Handler::Decade => {
            let Some(dd) = r.g("dd") else { return vec![] };
            let (w1, _) = previous_words(r.folded.text, start);
            if r.lex.has("agecue", &w1) {
                // « in his 90s »: an age
                return vec![];
            }
            let c = r.g("c").unwrap_or(if dd.parse::<u32>().unwrap_or(0) >= 2 {
                "19"
            } else {
                "20"
            });
            one(Some(lit(format!("{c}{dd}"), DateType::Date, "decade")))
        }
        Handler::Year => {
            let Some(y) = r.year("y") else { return vec![] };
            let ys = r.group("y").map(|g| g.start()).unwrap_or(start);
            if year_is_count(r, ys, start, end) {
                return vec![];
            }
            one(Some(Expr::Year {
                y,
                modifier: r.modifier(),
            }))
        }
        Handler::Night => {
            let y = r.year("y");
            let base = match (r.day("d").or(r.day("d2")), r.weekday("wd")) {
                (Some(d), wd) => {
                    let m = r
                        .g("m")
                        .or(r.g("m2"))
                        .and_then(|s| r.lex.month(s))
                        .map(|m| m.0);
                    match (m, wd) {
                        (Some(m), _) => DayBase::Abs { y, m, d, rel: 0 },
                        (None, Some(wd)) => DayBase::Weekday {
                            wd,
                            rel: None,
                            d: Some(d),
                        },
                        _ => return vec![],
                    }
                }
                (None, Some(wd)) => DayBase::Weekday {
                    wd,
                    rel: None,
                    d: None,
                },
                _ => return vec![],
            };
            one(Some(Expr::Day {
                base,
                wd: None,
                time: None,
                pod: Some("NI"),
                modifier: None,
            }))
        }
        Handler::WeekdaySet => {
            let Some(wd) = r.weekday("wd") else {
                return vec![];
            };
            one(Some(lit(format!("XXXX-WXX-{wd}"), DateType::Set, "set")))
        }
        Handler::Weekday => {
            let Some(wd) = r.weekday("wd") else {
                return vec![];
            };
            let mut end = end;
            let mut d = r.day("d");
            let mut pod = r.pod();
            let mut rel = r.rel("rel").or_else(|| r.rel("rel0"));
            if let Some(dend) = r.end_of("d") {
                if next_char(r.folded.text, dend).is_some_and(|c| c.is_alphanumeric())
                    && r.g("rel").is_none()
                    && r.g("pod").is_none()
                {
                    d = None;
                    pod = None;
                    rel = r.rel("rel0");
                    end = r.end_of("wd").unwrap_or(end);
                }
            }
            let e = Expr::Day {
                base: DayBase::Weekday { wd, rel, d },
                wd: Some(wd),
                time: None,
                pod,
                modifier: r.word_value("podpre", "pp"),
            };
            vec![(start, end, e)]
        }
        Handler::Word => one(word_expr(r)),
        Handler::PartOfDay => {
            if r.g("pp").is_none() && r.g("det").is_none() && r.g("tm").is_none() {
                return vec![];
            }
            let Some(pod) = r.pod() else { return vec![] };
            let this = r
                .g("det")
                .is_some_and(|d| r.lex.word("rel", d).is_some_and(|w| w.value == "0"));
            let base = if this { DayBase::Doc(0) } else { DayBase::Last };
            // « le soir du 5 novembre », « the morning of Friday »
            let base = match (
                r.day("d"),
                r.g("m").and_then(|_| r.month("m", true, true)),
                r.weekday("wd"),
            ) {
                (Some(d), Some(m), _) => DayBase::Abs {
                    y: r.year("y"),
                    m,
                    d,
                    rel: 0,
                },
                (_, _, Some(wd)) => DayBase::Weekday {
                    wd,
                    rel: None,
                    d: None,
                },
                _ => base,
            };
            one(Some(Expr::Day {
                base,
                wd: None,
                time: None,
                pod: Some(pod),
                modifier: r.modifier(),
            }))
        }
        Handler::Time => one(time_expr(r)),
        Handler::Ago => {
            let Some((unit, _)) = r.g("u").and_then(|u| r.lex.unit(u)) else {
                return vec![];
            };
            match r.g("n").and_then(|n| r.lex.number(n)) {
                Some(n) if n.fract() == 0.0 => one(Some(Expr::UnitRel {
                    unit,
                    offset: -(n as i64),
                    modifier: None,
                })),
                Some(_) => vec![],
                None => {
                    // « il y a quelques mois »: TimeML marks the duration
                    let ns = r.group("n").map(|g| g.start()).unwrap_or(start);
                    vec![(
                        ns,
                        end,
                        lit(vague_value(unit), DateType::Duration, "duration"),
                    )]
                }
            }
        }
        Handler::EventRelative => {
            let (Some((unit, _)), Some(n), Some(dir)) = (
                r.g("u").and_then(|u| r.lex.unit(u)),
                r.g("n").and_then(|n| r.lex.number(n)),
                r.g("dir").and_then(|d| r.lex.word("dir", d)),
            ) else {
                return vec![];
            };
            if n.fract() != 0.0 {
                return vec![];
            }
            let word_one = n == 1.0 && r.g("n").is_some_and(|x| !x.starts_with('1'));
            let word_follows = next_char(r.folded.text, end).is_some_and(|c| c.is_alphanumeric());
            if word_one && unit == Unit::Day && dir.offset == 1 && word_follows {
                // « a day after the summit »: the day after something unnamed
                return vec![];
            }
            let sub_day = matches!(unit, Unit::Hour | Unit::Minute | Unit::Second);
            if sub_day || dir.offset == 1 && word_follows {
                // « deux jours après l'attaque »: anchored on something unknown; keep the duration
                let uend = r.end_of("u").unwrap_or(end);
                return vec![(
                    start,
                    uend,
                    lit(duration_value(n, unit), DateType::Duration, "duration"),
                )];
            }
            let sign: i64 = dir.value.parse().unwrap_or(1);
            one(Some(Expr::EventOffset {
                unit,
                offset: sign * n as i64,
            }))
        }
        Handler::LastN => {
            let (Some((unit, _)), Some(n)) = (
                r.g("u").and_then(|u| r.lex.unit(u)),
                r.g("n").and_then(|n| r.lex.number(n)),
            ) else {
                return vec![];
            };
            one(Some(lit(
                duration_value(n, unit),
                DateType::Duration,
                "duration",
            )))
        }
        Handler::Vague => {
            let (Some((unit, _)), Some(q)) = (
                r.g("u").and_then(|u| r.lex.unit(u)),
                r.g("q").and_then(|q| r.lex.word("vague", q)),
            ) else {
                return vec![];
            };
            let small = matches!(unit, Unit::Hour | Unit::Minute | Unit::Second);
            if small && r.g("q").is_some_and(|q| q.len() <= 3) {
                // « des heures », « des minutes »: too often not a duration
                return vec![];
            }
            if q.value == "X" {
                one(Some(lit(vague_value(unit), DateType::Duration, "duration")))
            } else {
                one(Some(lit(q.value, DateType::Date, "ref")))
            }
        }
        Handler::Duration => {
            let (Some((unit, _)), Some(ns)) = (r.g("u").and_then(|u| r.lex.unit(u)), r.g("n"))
            else {
                return vec![];
            };
            let Some(mut n) = r.lex.number(ns) else {
                return vec![];
            };
            if unit == Unit::Year && is_age(r, start, end) {
                return vec![];
            }
            let word_one = n == 1.0 && !ns.starts_with('1');
            if word_one && matches!(unit, Unit::Day | Unit::Second) {
                // « un jour », « one day »: someday; « a second term », « une seconde attaque »
                return vec![];
            }
            if r.g("half").is_some() {
                n += 0.5;
            }
            one(Some(Expr::Lit {
                value: duration_value(n, unit),
                kind: DateType::Duration,
                grain: "duration",
                modifier: r.word_value("dmod", "tm"),
            }))
        }
        Handler::UnitRelative => {
            let Some((unit, _)) = r.g("u").or(r.g("det")).and_then(|u| r.lex.unit(u)) else {
                return vec![];
            };
            let rel_word = r.g("rel").and_then(|w| r.lex.word("rel", w));
            let det_this = r
                .g("det")
                .and_then(|w| r.lex.word("rel", w))
                .is_some_and(|w| w.value == "0");
            let modifier = r.word_value("mod", "mod");
            let offset = match rel_word {
                Some(w) if w.value == "P" => {
                    return one(Some(lit(
                        duration_value(1.0, unit),
                        DateType::Duration,
                        "duration",
                    )));
                }
                Some(w) => w.value.parse().unwrap_or(0),
                None if det_this || modifier.is_some() => 0,
                // « over the weekend », « pendant le week-end »: the one just past
                None if unit == Unit::Weekend && r.g("det").is_some() => 0,
                None => return vec![],
            };
            one(Some(Expr::UnitRel {
                unit,
                offset,
                modifier,
            }))
        }
        Handler::Season => {
            let Some(s) = r.word_value("season", "s") else {
                return vec![];
            };
            let rel = r.rel("rel").or_else(|| r.rel("det")).unwrap_or(0);
            one(Some(Expr::Season {
                s,
                y: r.year("y"),
                rel,
            }))
        }
    }
}

fn word_expr(r: &Reader) -> Option<Expr> {
    let w = r.g("w")?;
    let pod = r.pod();
    let modifier = r.word_value("podpre", "pp");
    if let Some(x) = r.lex.word("day", w) {
        let base = DayBase::Doc(x.value.parse().ok()?);
        return Some(Expr::Day {
            base,
            wd: r.weekday("wd"),
            time: None,
            pod,
            modifier,
        });
    }
    if let Some(x) = r.lex.word("event", w) {
        let off: i64 = x.value.parse().ok()?;
        let end = r.at(0).map_or(0, |m| m.end());
        let named = next_word(r.folded.text, end).is_some_and(|(_, n)| r.lex.has("eventof", n));
        if off < 0 && pod.is_none() && named {
            // « à la veille du sommet », « the day before the vote »: counted from something
            // the text names, not from the last date
            return None;
        }
        let base = DayBase::Event(off);
        return Some(Expr::Day {
            base,
            wd: None,
            time: None,
            pod,
            modifier,
        });
    }
    if let Some(x) = r.lex.word("podday", w) {
        return Some(Expr::Day {
            base: DayBase::Doc(x.offset),
            wd: None,
            time: None,
            pod: Some(x.value),
            modifier: None,
        });
    }
    if let Some(x) = r.lex.word("ref", w) {
        return Some(lit(x.value, DateType::Date, "ref"));
    }
    if let Some(x) = r.lex.word("dur", w) {
        return Some(lit(x.value, DateType::Duration, "duration"));
    }
    if let Some(x) = r.lex.word("set", w) {
        return Some(lit(x.value, DateType::Set, "set"));
    }
    None
}

/// The time was written with « heures » / « o'clock », not « 5 h » or « 5:00 ».
fn time_in_words(r: &Reader) -> bool {
    r.at(0)
        .is_some_and(|m| m.as_str().contains("heure") || m.as_str().contains("o'clock"))
}

fn time_expr(r: &Reader) -> Option<Expr> {
    let modifier = r.word_value("tmod", "tm");
    let (mut h, min): (u32, u32) = if let Some(w) = r.g("w") {
        let c = r.lex.word("clock", w)?.value;
        let (a, b) = c.split_once(':')?;
        (a.parse().ok()?, b.parse().ok()?)
    } else if let Some(hm) = r.g("hm") {
        (hm.get(..2)?.parse().ok()?, hm.get(2..)?.parse().ok()?)
    } else {
        let h = r.lex.number(r.g("h")?)?;
        if h.fract() != 0.0 || h < 0.0 {
            return None;
        }
        (
            h as u32,
            r.g("min").and_then(|m| m.parse().ok()).unwrap_or(0),
        )
    };
    if let Some(ap) = r.g("ampm") {
        if h == 0 || h > 12 {
            return None;
        }
        let pm = ap.starts_with('p');
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, x) => x + 12,
            (false, x) => x,
        };
    }
    if let Some(p) = r.g("pod") {
        if (p.contains("soir") || p.contains("midi")) && h < 12 {
            h += 12;
        }
    }
    let spelled = r.g("h").is_some() && time_in_words(r);
    if spelled
        && next_word(r.folded.text, r.at(0).map_or(0, |m| m.end()))
            .is_some_and(|(_, w)| w == "de" || w == "d'" || w == "from")
    {
        // « à cinq heures de route de Gao »: a distance
        return None;
    }
    if h >= 24 || min >= 60 {
        // « 48h »: a duration written like a time
        if r.g("min").is_none() && r.g("w").is_none() && r.g("hm").is_none() && h < 1000 {
            return Some(lit(
                duration_value(h as f64, Unit::Hour),
                DateType::Duration,
                "duration",
            ));
        }
        return None;
    }
    // « vers 15 h 30, hier »: the time of that day
    let base = match r.g("dw").and_then(|w| r.lex.word("day", w)) {
        Some(w) => DayBase::Doc(w.value.parse().unwrap_or(0)),
        None => DayBase::Last,
    };
    Some(Expr::Day {
        base,
        wd: None,
        time: Some((h, min)),
        pod: None,
        modifier,
    })
}

/// Picks non-overlapping candidates: leftmost first, then the longest, then the earliest rule.
pub fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.rule.cmp(&b.rule))
    });
    let mut out: Vec<Cand> = Vec::new();
    let mut taken_to = 0usize;
    for c in cands {
        if c.start < taken_to {
            continue;
        }
        taken_to = c.end;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod engine_tests {
    use super::super::lexicon::lexicon;
    use super::*;
    use crate::Lang;

    const TEXTS: [&str; 9] = [
        "Le 1er novembre 2019, vendredi soir vers 15 h 30, l'armée a été attaquée. \
         Du 3 au 5 mai 2020 et entre le 2 et le 4 juin, puis le lendemain matin.",
        "Il y a deux ans, la semaine dernière, depuis 2015 ; les 12 et 13 mars derniers \
         à 8h, dans la nuit de samedi à dimanche (heure locale) et le 14/07/2019.",
        "Pendant  le\u{a0}week-end, en mars  2018,\n au printemps 2021, les années 90, \
         trois jours plus tard, ces 10 derniers jours, un homme de 38 ans, 2002/2003.",
        "Mardi 5 novembre à 14:30 GMT, mi-novembre, début 2019, hier, aujourd'hui même, \
         http://x.fr/2019/11/05 et 10.12 ou 1.2.2019-2020 ; 48h de garde à vue.",
        "le le le le le le le le 2019 2019 2019 le 2019. La veille du sommet, à midi.",
        "On Friday, November 1, 2019, at 3:30 p.m., two days later, last week; \
         from May to June 2020, in the 1990s, a 38-year-old man, since 2015.",
        "The attack happened on Nov. 3 and 4, between 2 and 4 June, early Monday morning, \
         three years ago, every Sunday, the day before the vote, in 2019-2020.",
        "",
        "2019",
    ];

    /// The prefix and suffix trims are `str`'s.
    #[rstest::rstest]
    #[case::none("12", "er")]
    #[case::one("1er", "er")]
    #[case::repeated("1ererer", "er")]
    #[case::whole("erer", "er")]
    #[case::overlapping("aaaaa", "aa")]
    #[case::phrase("du du 3", "du ")]
    #[case::empty_pattern("abc", "")]
    #[case::empty_text("", "th")]
    #[case::non_ascii("3éé", "é")]
    fn trims_are_those_of_str(#[case] s: &str, #[case] pat: &str) {
        assert_eq!(trim_end_all(s, pat), s.trim_end_matches(pat));
        assert_eq!(trim_start_all(s, pat), s.trim_start_matches(pat));
    }

    /// The walks list every place (not glued) where a rule matches alone, and the
    /// backtracker (and its cache, the second time) reads the same groups as the rule's
    /// own regex there.
    #[test]
    fn walks_and_backtracker_agree_with_each_rule_alone() {
        for lang in [Lang::Fr, Lang::En] {
            let lex = lexicon(lang);
            let eng = lex.engines.as_ref().expect("the rules compile");
            let dfa = eng.starts.as_ref().expect("the DFA builds");
            let mut walker = Walker::new(dfa);
            let mut sc = Scratch::new(eng);
            for text in TEXTS.iter().chain(&TEXTS) {
                let folded = Folded::new(text, 0);
                let t = folded.text.as_str();
                let mut found = Vec::new();
                starts(lex.rules.len(), Some((dfa, &mut walker)), t, &mut found);
                for (ri, rule) in lex.rules.iter().enumerate() {
                    let re = eng.rule_regex(ri).expect("each rule compiles alone");
                    let mut expect = Vec::new();
                    for (i, _) in t.char_indices() {
                        if t[..i].chars().next_back().is_some_and(glued_after) {
                            continue;
                        }
                        let mut caps = re.create_captures();
                        let input = Input::new(t).range(i..).anchored(Anchored::Yes);
                        re.search_captures(&input, &mut caps);
                        if caps.is_match() {
                            expect.push((i, caps));
                        }
                    }
                    let found: Vec<(usize, usize)> = found
                        .iter()
                        .filter(|p| p.rule as usize == ri)
                        .map(|p| (p.start, p.end))
                        .collect();
                    let places: Vec<usize> = found.iter().map(|p| p.0).collect();
                    let want: Vec<usize> = expect.iter().map(|e| e.0).collect();
                    assert_eq!(places, want, "{lang} {} in {t:?}", rule.name);
                    for (&(at, end), (_, caps)) in found.iter().zip(&expect) {
                        assert!(caps.get_match().is_some_and(|m| m.end() <= end));
                        for _ in 0..2 {
                            let got = sc.search(eng, t, ri, at, end).expect("a match");
                            for g in 0..caps.group_len() {
                                assert_eq!(
                                    got.get_group(g),
                                    caps.get_group(g),
                                    "{lang} {} group {g} at {at} in {t:?}",
                                    rule.name
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
