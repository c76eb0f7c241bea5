//! The numbers stage: cardinal quantities with a value and a range.
//!
//! Reads digits with French and English separators (« 4 000 », « 4,500 »,
//! « 1,8 million »), spelled numbers (through the `text2num` crate:
//! « cinquante-trois », « soixante et onze », « septante », « twenty-one »),
//! approximate nouns (« une vingtaine », « des centaines », « a dozen »),
//! modifiers (« environ », « au moins », « plus de », « up to »), ranges
//! (« 30 à 32 », « entre 30 et 32 », « 30-32 ») and the head noun counted
//! (« 53 soldats »: unit « soldats »). Every convention on ranges is data:
//! `models/<lang>/numbers_approx.tsv` and `numbers_modifiers.tsv`.
//!
//! Not quantities: anything inside a date or time found by the dates stage
//! (durations excepted: « trois jours » is also the number 3), and, by this
//! stage's own rules, day numbers beside a month or weekday, year-shaped
//! numbers without a head noun, clock times, ordinals, codes glued to letters
//! (« RPG7 », « G5 », « 4X4 », « B-52 »), citation marks « [4] »,
//! percentages, labels (« article 5 »), phone numbers and scores (« 2-1 »).
//!
//! « un »/« une » (« a/an/one ») count only where they are quantities: right
//! before a casualty noun (« un mort »), after a bound (« au moins un
//! soldat »), coordinated with an earlier quantity of the sentence
//! (« 49 militaires et un civil », « 54 corps dont un civil »), or counting
//! a person in a casualty context (« un soldat a été tué », « la mort d'un
//! gendarme », « killing a civilian »); « one » also before any person noun
//! (« one civilian »). Never as articles (« un camp », « une de ses pertes »).
//!
//! Years: a 4-digit number 1900–2099 is a year after « en/in/depuis/since… »,
//! and elsewhere unless it counts people, money or a measure (« 2000 soldats »).
//! Bare decimals without a head noun (« 4,5 ») are scores or rates, not counts.
//!
//! « trois autres » (« three others »): no head noun follows, so the unit is
//! taken from the previous quantity of the same sentence when it has one
//! (« quatre véhicules détruits et trois autres emportés » → « véhicules »;
//! « deux autres blessés » → the earlier noun too, « blessés » being the
//! outcome), and is `None` otherwise; the mention's text is « trois autres ».
//!
//! Language data: `models/<lang>/numbers_approx.tsv` (approximate nouns and
//! their ranges), `numbers_modifiers.tsv` (approximations and bounds),
//! `numbers_units.tsv` (head nouns), `numbers_context.tsv` (every other
//! context word, by class; each file documents its columns).

mod digits;
mod lexicon;
#[cfg(test)]
mod tests;
mod tokens;

use crate::document::{
    Annotations, DateMention, DateType, Document, FoldRanges, NumberMention, Span,
};
use crate::pipeline::Stage;
use crate::text::FoldedView;
use crate::Lang;
use lexicon::{
    bit, lexicon, Class, Entry, Lexicon, ModKind, UnitKind, FIRST_APPROX, FIRST_UNIT,
    IN_NOT_NUMBER, LAST_MODIFIER, NO_WORD, NUMBER_LINK, ONE_ALONE,
};
use std::borrow::Cow;
use tokens::{Kind, Tok};

#[derive(Debug, Default)]
pub struct NumberStage;

impl Stage for NumberStage {
    fn name(&self) -> &'static str {
        "numbers"
    }
    fn run(&self, doc: &Document, ann: &mut Annotations) {
        let found = find_numbers(doc, &ann.dates);
        ann.numbers.extend(found);
    }
}

/// Every quantity of `doc`, skipping the dates and times in `dates`.
pub fn find_numbers(doc: &Document, dates: &[DateMention]) -> Vec<NumberMention> {
    let lex = lexicon(doc.language());
    let blocked = Blocked::new(dates);
    let mut out = Vec::new();
    let mut bufs = Buffers::default();
    let mut folds = doc.fold_ranges();
    let start = doc.body_start.min(doc.text.len());
    if doc.sentences.is_empty() {
        if doc.text.is_char_boundary(start) {
            let range = (start, doc.text.len());
            scan(doc, lex, &blocked, range, &mut folds, &mut bufs, &mut out);
        }
    } else {
        for s in &doc.sentences {
            let (a, b) = (s.start.max(start), s.end.min(doc.text.len()));
            if a < b && doc.text.is_char_boundary(a) && doc.text.is_char_boundary(b) {
                scan(doc, lex, &blocked, (a, b), &mut folds, &mut bufs, &mut out);
            }
        }
    }
    out
}

/// The per-token vectors of a [`Seg`], kept from one sentence to the next of a
/// document so that each is allocated once.
#[derive(Default)]
struct Buffers {
    toks: Vec<Tok>,
    ids: Vec<u32>,
    vals: Vec<Option<f64>>,
    parts: Vec<bool>,
    starts: Vec<usize>,
}

/// Spans taken by dates and times (durations excepted), for overlap tests in
/// logarithmic time.
struct Blocked {
    /// (start, end), sorted by start.
    spans: Vec<(usize, usize)>,
    /// Running maximum of the ends.
    max_end: Vec<usize>,
}

impl Blocked {
    fn new(dates: &[DateMention]) -> Blocked {
        let mut spans: Vec<(usize, usize)> = dates
            .iter()
            .filter(|d| d.kind != DateType::Duration)
            .map(|d| (d.span.start, d.span.end))
            .collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for s in &spans {
            m = m.max(s.1);
            max_end.push(m);
        }
        Blocked { spans, max_end }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        let idx = self.spans.partition_point(|s| s.0 < end);
        idx > 0 && self.max_end[idx - 1] > start
    }
}

/// What a candidate quantity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CoreKind {
    /// An exact number (digits or words).
    Exact,
    /// An approximate noun (« une vingtaine »).
    Approx,
    /// A spelled number that is something else unless a head noun follows (« neuf »).
    NeedsNoun,
    /// « un/une », « a/an »: decided in context.
    One,
}

/// A candidate quantity, over tokens.
#[derive(Debug, Clone)]
struct Core {
    /// First token of the mention (determiner or article included).
    first: usize,
    /// First token of the number itself.
    num_first: usize,
    /// One past the last token of the number (scale word included).
    last: usize,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
    approx: bool,
    kind: CoreKind,
    /// A linker may stand between the number and its head noun
    /// (« une vingtaine de rescapés », « 2 millions de personnes »).
    linkable: bool,
    /// Power of ten of a trailing scale word (« 2 millions » → 6).
    scale_exp: u32,
    /// Written as 4 plain digits between 1900 and 2099.
    year_shaped: bool,
    /// Joined to the next core by a hyphen without spaces (« 30-32 »).
    hyphen_next: bool,
    dead: bool,
}

impl Core {
    fn exact(first: usize, last: usize, value: f64, kind: CoreKind) -> Core {
        Core {
            first,
            num_first: first,
            last,
            value,
            min: Some(value),
            max: Some(value),
            approx: false,
            kind,
            linkable: false,
            scale_exp: 0,
            year_shaped: false,
            hyphen_next: false,
            dead: false,
        }
    }
}

/// A head noun found after a number.
#[derive(Debug, Clone, Copy)]
struct Head {
    /// Tokens of the noun itself.
    first: usize,
    last: usize,
    /// The lexicon's kind, `None` for a plural noun outside the lexicon.
    kind: Option<UnitKind>,
}

/// One sentence being scanned.
struct Seg<'a> {
    doc: &'a Document,
    lex: &'static Lexicon,
    f: FoldedView<'a>,
    toks: Vec<Tok>,
    /// The lexicon's word id of each token.
    ids: Vec<u32>,
    /// Each word token's value read alone as a spelled number.
    vals: Vec<Option<f64>>,
    /// True for the word tokens `text2num` may read as a number part
    /// (see [`Lexicon::maybe_number`]).
    parts: Vec<bool>,
    /// False when `text2num` can find nothing but lone « un » (see [`Seg::look_up`]).
    spelled: bool,
    /// The tokens that may start a candidate: numbers, and the words starting a percent
    /// phrase, an approximate noun or a « un » (in order).
    starts: Vec<usize>,
}

fn scan(
    doc: &Document,
    lex: &'static Lexicon,
    blocked: &Blocked,
    (start, end): (usize, usize),
    folds: &mut FoldRanges<'_>,
    bufs: &mut Buffers,
    out: &mut Vec<NumberMention>,
) {
    let mut own = None;
    let f = folds.get(start, end, &mut own);
    // most sentences count nothing: one cheap look first (a digit counts outside a date)
    let digit_counts = |i: usize| {
        let o = f.orig(i);
        !blocked.overlaps(o, o + 1)
    };
    if !lex.may_count(f.text, digit_counts) {
        return;
    }
    let mut seg = Seg::new(doc, lex, f, std::mem::take(bufs));
    if seg.look_up(blocked) {
        seg.find(blocked, out);
    }
    *bufs = Buffers {
        toks: seg.toks,
        ids: seg.ids,
        vals: seg.vals,
        parts: seg.parts,
        starts: seg.starts,
    };
}

impl<'a> Seg<'a> {
    /// The tokens of folded sentence `f`, glued units split (see
    /// [`Seg::split_glued_units`]); nothing looked up yet.
    fn new(doc: &'a Document, lex: &'static Lexicon, f: FoldedView<'a>, bufs: Buffers) -> Seg<'a> {
        let mut toks = bufs.toks;
        tokens::tokenize_into(f.text, &mut toks);
        let mut seg = Seg {
            doc,
            lex,
            f,
            toks,
            ids: bufs.ids,
            vals: bufs.vals,
            parts: bufs.parts,
            spelled: false,
            starts: bufs.starts,
        };
        seg.split_glued_units();
        seg
    }

    /// Fills `ids`, `vals`, `parts`, `starts` and `spelled` (a possible number part
    /// other than « et » or one lone « un » in a run of them); false when no token can
    /// start a quantity, so that the sentence has none: no number in digits outside the
    /// dates and times in `blocked`, no approximate noun, no spelled number other than
    /// a lone « un » (never a quantity alone), and no « un » with a lexicon noun to
    /// count right after it (past two adjectives at most: see [`Seg::head_at`]).
    fn look_up(&mut self, blocked: &Blocked) -> bool {
        let n = self.toks.len();
        let (mut ids, mut vals, mut parts, mut starts) = (
            std::mem::take(&mut self.ids),
            std::mem::take(&mut self.vals),
            std::mem::take(&mut self.parts),
            std::mem::take(&mut self.starts),
        );
        ids.clear();
        vals.clear();
        parts.clear();
        starts.clear();
        ids.reserve(n);
        vals.reserve(n);
        parts.reserve(n);
        let (mut any, mut spelled) = (false, false);
        let start_bits = bit(Class::Percent) | bit(Class::OneWord) | FIRST_APPROX;
        // the last « un », and the « un » tokens in the current run of possible number parts
        let mut last_one = None;
        let mut ones_in_run = 0;
        for (k, t) in self.toks.iter().enumerate() {
            let w = &self.f.text[t.start..t.end];
            let id = self.lex.id_at(self.f.text, t.start, t.end);
            let bits = self.lex.first_bits(id);
            if bits & start_bits != 0 || t.kind == Kind::Num {
                starts.push(k);
            }
            if bits & bit(Class::OneWord) != 0 {
                last_one = Some(k);
            }
            if bits & FIRST_UNIT != 0 {
                any |= last_one.is_some_and(|o| k - o <= 3);
            }
            let part = t.kind == Kind::Word && self.lex.maybe_number(id, w, t.plain);
            let val = if part {
                self.lex.word_value(id, w)
            } else {
                None
            };
            match t.kind {
                Kind::Num => {
                    let (a, b) = self.f.orig_range(t.start, t.end);
                    any |= !blocked.overlaps(a, b);
                    ones_in_run = 0;
                }
                Kind::Word => {
                    any |= bits & FIRST_APPROX != 0;
                    if !part {
                        ones_in_run = 0;
                    } else if bits & ONE_ALONE != 0 {
                        ones_in_run += 1;
                        spelled |= ones_in_run > 1;
                    } else {
                        spelled |= bits & NUMBER_LINK == 0;
                    }
                }
                Kind::Punct if w == "-" => {}
                _ => ones_in_run = 0,
            }
            ids.push(id);
            vals.push(val);
            parts.push(part);
        }
        (self.ids, self.vals, self.parts, self.spelled) = (ids, vals, parts, spelled);
        self.starts = starts;
        any || spelled
    }

    /// Folded text of token `i` (empty past the end).
    fn w(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map_or("", |t| &self.f.text[t.start..t.end])
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Original byte range of tokens `i..j`.
    fn orig(&self, i: usize, j: usize) -> (usize, usize) {
        let a = self.toks[i].start;
        let b = self.toks[j - 1].end;
        self.f.orig_range(a, b)
    }

    /// Original text of tokens `i..j`.
    fn orig_text(&self, i: usize, j: usize) -> &'a str {
        let (a, b) = self.orig(i, j);
        &self.doc.text[a..b]
    }

    /// True when token `i` starts with a capital letter in the text.
    fn capitalized(&self, i: usize) -> bool {
        if i >= self.toks.len() {
            return false;
        }
        let (a, _) = self.f.orig_range(self.toks[i].start, self.toks[i].end);
        self.doc.text[a..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// True when the tokens from `i` are the words `ids`.
    fn seq_at(&self, i: usize, ids: &[u32]) -> bool {
        self.ids.get(i..i + ids.len()) == Some(ids)
    }

    /// The lexicon's bits for keys starting with (or holding) token `i`.
    fn first_bits(&self, i: usize) -> u64 {
        self.lex
            .first_bits(self.ids.get(i).copied().unwrap_or(NO_WORD))
    }

    /// The lexicon's bits for keys ending with the token before `end`.
    fn last_bits(&self, end: usize) -> u64 {
        match end.checked_sub(1).and_then(|j| self.ids.get(j)) {
            Some(&id) => self.lex.last_bits(id),
            None => 0,
        }
    }

    fn entry_ok(&self, e: &Entry, i: usize) -> bool {
        (!e.cap || self.capitalized(i)) && (e.arg != "dot" || self.w(i + e.key.len()) == ".")
    }

    /// The longest entry of `class` starting at token `i`.
    fn class_at(&self, class: Class, i: usize) -> Option<&'static Entry> {
        if self.first_bits(i) & bit(class) == 0 {
            return None;
        }
        self.lex
            .entries(class)
            .iter()
            .find(|e| self.seq_at(i, &e.ids) && self.entry_ok(e, i))
    }

    /// The longest entry of `class` ending right before token `end`.
    fn class_before(&self, class: Class, end: usize) -> Option<&'static Entry> {
        if self.last_bits(end) & bit(class) == 0 {
            return None;
        }
        self.lex.entries(class).iter().find(|e| {
            e.key.len() <= end
                && self.seq_at(end - e.key.len(), &e.ids)
                && self.entry_ok(e, end - e.key.len())
        })
    }

    fn is(&self, class: Class, i: usize) -> bool {
        self.class_at(class, i).is_some_and(|e| e.key.len() == 1)
    }

    /// The value of token `i` read alone as a spelled number.
    fn word_value(&self, i: usize) -> Option<f64> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        self.vals[i]
    }

    /// « 50km » → « 50 » + « km ».
    fn split_glued_units(&mut self) {
        if !self.toks.iter().any(|t| t.kind == Kind::Code) {
            return;
        }
        let mut out = Vec::with_capacity(self.toks.len());
        for t in &self.toks {
            if t.kind == Kind::Code {
                let s = &self.f.text[t.start..t.end];
                let cut = s.find(|c: char| c.is_alphabetic()).unwrap_or(s.len());
                let (num, unit) = s.split_at(cut);
                let num_ok = !num.is_empty()
                    && num
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
                let unit_ok = self
                    .lex
                    .entries(Class::GluedUnit)
                    .iter()
                    .any(|e| e.key.len() == 1 && e.key[0] == unit);
                // « 13,000-strong »
                if let Some((num, rest)) = s.split_once('-') {
                    let count = self
                        .lex
                        .entries(Class::HyphenCount)
                        .iter()
                        .any(|e| e.key.len() == 1 && e.key[0] == rest);
                    if count
                        && !num.is_empty()
                        && num
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                    {
                        let cut = t.start + num.len();
                        out.push(Tok {
                            kind: Kind::Num,
                            end: cut,
                            ..*t
                        });
                        out.push(Tok {
                            kind: Kind::Punct,
                            start: cut,
                            end: cut + 1,
                            space_before: false,
                            plain: t.plain,
                        });
                        out.push(Tok {
                            kind: Kind::Word,
                            start: cut + 1,
                            end: t.end,
                            space_before: false,
                            plain: t.plain,
                        });
                        continue;
                    }
                }
                if num_ok && unit_ok {
                    out.push(Tok {
                        kind: Kind::Num,
                        end: t.start + cut,
                        ..*t
                    });
                    out.push(Tok {
                        kind: Kind::Word,
                        start: t.start + cut,
                        end: t.end,
                        space_before: false,
                        plain: t.plain,
                    });
                    continue;
                }
            }
            out.push(*t);
        }
        self.toks = out;
    }

    fn find(&self, blocked: &Blocked, out: &mut Vec<NumberMention>) {
        let n = self.toks.len();
        let mut used = vec![false; n];
        self.mark_phrases(&mut used);
        let mut cores = self.approx_cores(&mut used);
        cores.extend(self.digit_cores(&mut used));
        cores.extend(self.word_cores(&mut used));
        cores.extend(self.one_cores(&used));
        cores.sort_by_key(|c| c.num_first);
        self.exclude(&mut cores, blocked);
        let cores = self.ranges(cores);
        self.emit(cores, out);
    }

    /// Tokens inside percent phrases (« pour cent ») are never numbers.
    fn mark_phrases(&self, used: &mut [bool]) {
        for &i in &self.starts {
            if let Some(e) = self.class_at(Class::Percent, i) {
                for u in used.iter_mut().skip(i).take(e.key.len()) {
                    *u = true;
                }
            }
        }
    }

    /// A number standing right before token `k`: (its token, its value).
    fn number_before(&self, k: usize, used: &[bool]) -> Option<(usize, f64)> {
        let j = k.checked_sub(1)?;
        if used[j] {
            return None;
        }
        match self.kind(j)? {
            Kind::Num => digits::parse(self.w(j), self.lex.lang, false).map(|d| (j, d.value())),
            Kind::Word if !self.is(Class::OneWord, j) && !self.is(Class::Article, j) => {
                self.word_value(j).map(|v| (j, v))
            }
            _ => None,
        }
    }

    /// « une vingtaine », « des centaines », « des dizaines de milliers », « a dozen ».
    fn approx_cores(&self, used: &mut [bool]) -> Vec<Core> {
        let mut cores = Vec::new();
        for &i in &self.starts {
            if used[i] || self.toks[i].kind != Kind::Word || self.first_bits(i) & FIRST_APPROX == 0
            {
                continue;
            }
            for row in &self.lex.approx {
                if !self.seq_at(i, &row.ids) {
                    continue;
                }
                let end = i + row.key.len();
                let mut first = i;
                let mut mult = None;
                if row.needs.article {
                    let mut k = i;
                    if k > 0 && self.is(Class::Filler, k - 1) {
                        k -= 1;
                    }
                    if let Some(e) = self.class_before(Class::Article, k) {
                        first = k - e.key.len();
                    } else if let Some((j, v)) = self.number_before(k, used) {
                        first = j;
                        mult = Some(v);
                    } else {
                        continue;
                    }
                } else {
                    if self.number_before(i, used).is_some() {
                        continue;
                    }
                    match self.class_before(Class::VagueDet, i) {
                        Some(e) => first = i - e.key.len(),
                        None if row.needs.det => continue,
                        None => {}
                    }
                }
                if (first..end).any(|k| used[k]) {
                    continue;
                }
                if row.needs.of && self.class_at(Class::Linker, end).is_none() {
                    continue;
                }
                let (mut v, mut lo, mut hi) = (row.value, row.min, row.max);
                if let Some(m) = mult {
                    (v, lo, hi) = (v * m, lo * m, hi * m);
                }
                let mut last = end;
                if let Some(l) = self.class_at(Class::Linker, end) {
                    if let Some(s) = self.class_at(Class::Scale, end + l.key.len()) {
                        let f = 10f64.powi(s.exp as i32);
                        hi = if row.vague() {
                            (hi + 1.0) * f - 1.0
                        } else {
                            hi * f
                        };
                        (v, lo) = (v * f, lo * f);
                        last = end + l.key.len() + s.key.len();
                    }
                }
                for u in &mut used[first..last] {
                    *u = true;
                }
                cores.push(Core {
                    min: Some(lo),
                    max: Some(hi),
                    approx: true,
                    linkable: true,
                    ..Core::exact(first, last, v, CoreKind::Approx)
                });
                break;
            }
        }
        cores
    }

    /// Numbers in digits, with a scale word (« 1,8 million »).
    fn digit_cores(&self, used: &mut [bool]) -> Vec<Core> {
        let mut cores = Vec::new();
        for &i in &self.starts {
            if used[i] || self.toks[i].kind != Kind::Num {
                continue;
            }
            let scale = self
                .class_at(Class::Scale, i + 1)
                .filter(|_| self.toks.get(i + 1).is_some_and(|t| t.space_before))
                .filter(|s| !(i + 1..i + 1 + s.key.len()).any(|k| used[k]));
            let text = self.w(i);
            let Some(dec) = digits::parse(text, self.lex.lang, scale.is_some()) else {
                continue;
            };
            let exp = scale.map_or(0, |s| s.exp);
            let last = i + 1 + scale.map_or(0, |s| s.key.len());
            let value = dec.scaled(exp);
            for u in &mut used[i..last] {
                *u = true;
            }
            let hyphen_next = self.w(i + 1) == "-"
                && self.toks.get(i + 1).is_some_and(|t| !t.space_before)
                && self
                    .toks
                    .get(i + 2)
                    .is_some_and(|t| !t.space_before && t.kind == Kind::Num);
            cores.push(Core {
                linkable: scale.is_some(),
                scale_exp: exp,
                year_shaped: scale.is_none()
                    && dec.is_plain_integer(text)
                    && text.len() == 4
                    && (1900.0..=2099.0).contains(&value),
                hyphen_next: hyphen_next && scale.is_none(),
                ..Core::exact(i, last, value, CoreKind::Exact)
            });
        }
        cores
    }

    /// Spelled numbers, read by `text2num`.
    fn word_cores(&self, used: &mut [bool]) -> Vec<Core> {
        if !self.spelled {
            // a lone « un » is decided in `one_cores`
            return Vec::new();
        }
        let n = self.toks.len();
        // only the possible number parts matter to `text2num`: any other word or mark
        // ends the number being read (a hyphen is skipped)
        let blocked: Vec<bool> = (0..n)
            .map(|i| self.parts[i] && (used[i] || self.is(Class::WordBreak, i)))
            .collect();
        let (blocked, any_number) = guard_long_runs(self, blocked);
        if !any_number {
            // every spelled number holds a word that is a number on its own (ordinals,
            // never kept, excepted)
            return Vec::new();
        }
        // `text2num` reads each run of possible parts from a fresh state, as it would
        // read the whole sentence: it is back to that state after any other token
        let interp = &self.lex.interp;
        let inside = |i: usize| {
            (self.parts[i] && !blocked[i]) || (self.toks[i].kind == Kind::Punct && self.w(i) == "-")
        };
        // text2num computes on u64 and panics on overflow in debug builds:
        // never let that escape (values that large are dropped below anyway).
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut found = Vec::new();
            let mut i = 0;
            while i < n {
                if !inside(i) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < n && inside(i) {
                    i += 1;
                }
                if !(start..i).any(|k| self.parts[k]) {
                    continue;
                }
                if i == start + 1 && self.toks[start].plain {
                    // one plain word: `text2num` reads it as it reads it alone (an
                    // ordinal, whose value is `None`, is never kept)
                    if let Some(value) = self.vals[start] {
                        found.push(text2num::Occurence {
                            start,
                            end: i,
                            text: String::new(),
                            value,
                            is_ordinal: false,
                        });
                    }
                    continue;
                }
                let stream = (start..i).map(|k| T2n { text: self.w(k) });
                for mut occ in text2num::find_numbers(stream, interp, 0.0) {
                    occ.start += start;
                    occ.end += start;
                    found.push(occ);
                }
            }
            found
        }))
        .unwrap_or_default();
        let mut cores = Vec::new();
        for occ in found {
            let (s, e) = (occ.start, occ.end);
            if occ.is_ordinal
                || e <= s
                || e > self.toks.len()
                || (s..e).any(|k| used[k] || self.toks[k].kind == Kind::Punct && self.w(k) != "-")
                || !occ.value.is_finite()
                || occ.value > 1e13
            {
                continue;
            }
            // « un » is decided later; a plural scale alone (« millions ») is no count
            if e - s == 1
                && (self.is(Class::OneWord, s) || self.is(Class::Scale, s) && self.plural_word(s))
            {
                continue;
            }
            let lone_needs_noun = e - s == 1 && self.is(Class::NeedsNoun, s);
            let mut core = Core::exact(
                s,
                e,
                occ.value,
                if lone_needs_noun {
                    CoreKind::NeedsNoun
                } else {
                    CoreKind::Exact
                },
            );
            // « a hundred », « a thousand »
            if self.is(Class::Scale, s)
                && s > 0
                && !used[s - 1]
                && self.is(Class::Article, s - 1)
                && self.is(Class::OneWord, s - 1)
            {
                core.first = s - 1;
                core.num_first = s - 1;
            }
            if let Some(sc) = self.class_at(Class::Scale, e - 1) {
                core.linkable = true;
                core.scale_exp = sc.exp;
            }
            for u in &mut used[core.first..e] {
                *u = true;
            }
            cores.push(core);
        }
        cores
    }

    /// Candidates « un/une », « a/an », decided when emitting.
    fn one_cores(&self, used: &[bool]) -> Vec<Core> {
        self.starts
            .iter()
            .copied()
            .filter(|&i| !used[i] && self.is(Class::OneWord, i))
            .map(|i| Core::exact(i, i + 1, 1.0, CoreKind::One))
            .collect()
    }

    /// A head noun after token `end`: the lexicon's nouns (after skipped
    /// adjectives), or a plural common noun.
    fn head(&self, end: usize, linkable: bool) -> Option<Head> {
        if linkable {
            if let Some(l) = self.class_at(Class::Linker, end) {
                if let Some(h) = self.head_at(end + l.key.len()) {
                    return Some(h);
                }
            }
        }
        self.head_at(end)
    }

    fn head_at(&self, j: usize) -> Option<Head> {
        if let Some(h) = self.unit_at(j) {
            return Some(h);
        }
        // skipped adjectives (« trois autres soldats »), and in English
        // capitalized modifiers (« 53 Malian soldiers »)
        let mut k = j;
        while k < j + 2
            && self.kind(k) == Some(Kind::Word)
            && (self.is(Class::SkipAdj, k) || (self.lex.lang == Lang::En && self.capitalized(k)))
        {
            k += 1;
        }
        if k > j {
            // « deux autres blessés »: the casualty word is the outcome, the
            // unit is the earlier noun (see `emit`)
            let outcome_only = self.is(Class::Anaphor, j);
            return self
                .unit_at(k)
                .filter(|h| !(outcome_only && h.kind == Some(UnitKind::Toll)));
        }
        self.plural_at(j)
    }

    /// A lexicon noun at token `i` (longest match).
    fn unit_at(&self, i: usize) -> Option<Head> {
        if self.first_bits(i) & FIRST_UNIT == 0 {
            return None;
        }
        let first = self.ids.get(i)?;
        let u = *self
            .lex
            .units_by_first
            .get(first)?
            .iter()
            .find(|&&u| self.seq_at(i, &self.lex.unit_ids[u]))?;
        let (key, kind) = &self.lex.units[u];
        Some(Head {
            first: i,
            last: i + key.len(),
            kind: Some(*kind),
        })
    }

    /// True when token `i` has a plural ending.
    fn plural_word(&self, i: usize) -> bool {
        let w = self.w(i);
        self.lex
            .entries(Class::Plural)
            .iter()
            .any(|e| e.key.len() == 1 && w.ends_with(e.key[0].as_str()))
    }

    /// A plural common noun outside the lexicon (« deux assauts »).
    fn plural_at(&self, i: usize) -> Option<Head> {
        let w = self.w(i);
        let ok = self.kind(i) == Some(Kind::Word)
            && w.chars().count() >= 3
            && !w.contains('\'')
            && !self.capitalized(i)
            && self.plural_word(i)
            && ![
                Class::Stop,
                Class::Month,
                Class::Weekday,
                Class::Linker,
                Class::SkipAdj,
                Class::Anaphor,
                Class::Percent,
                Class::TimeMarker,
            ]
            .iter()
            .any(|c| self.is(*c, i))
            && self.word_value(i).is_none();
        ok.then_some(Head {
            first: i,
            last: i + 1,
            kind: None,
        })
    }

    /// Applies the rules that make a candidate a non-quantity.
    fn exclude(&self, cores: &mut [Core], blocked: &Blocked) {
        let nums: Vec<usize> = self
            .starts
            .iter()
            .copied()
            .filter(|&i| self.toks[i].kind == Kind::Num)
            .collect();
        // by token: in a phone-like run (a lookup in constant time: runs can be long)
        let mut phone = vec![false; self.toks.len()];
        for i in self.phone_tokens(&nums) {
            phone[i] = true;
        }
        for idx in 0..cores.len() {
            let c = &cores[idx];
            let (a, b) = self.orig(c.first, c.last);
            let mut dead = blocked.overlaps(a, b) || self.is_not_quantity(c);
            if !dead && c.kind == CoreKind::Exact && c.num_first + 1 == c.last {
                dead = phone.get(c.num_first).copied().unwrap_or(false);
            }
            if dead {
                cores[idx].dead = true;
                continue;
            }
            if self.is_day(c) {
                cores[idx].dead = true;
                // « les 4 et 5 novembre »: the day numbers chained before
                let mut k = idx;
                while k > 0 {
                    let (prev, cur) = (&cores[k - 1], &cores[k]);
                    if self.chained_day(prev, cur) {
                        cores[k - 1].dead = true;
                        k -= 1;
                    } else {
                        break;
                    }
                }
            }
        }
        // days chained after a month or weekday (« Nov. 4 and 5 »), labels
        // chained after a label (« les numéros 17 et 18 »)
        let mut chaining = false;
        for k in 1..cores.len() {
            let (prev, cur) = (&cores[k - 1], &cores[k]);
            chaining = prev.dead
                && (chaining
                    || self.is_day_after_month(prev)
                    || self.class_before(Class::Label, prev.num_first).is_some());
            if chaining && self.chained_day(prev, cur) {
                cores[k].dead = true;
            } else {
                chaining = false;
            }
        }
        // « 30-32 » is a range or nothing (« 2012-2013 », scores « 2-1 »)
        for k in 0..cores.len().saturating_sub(1) {
            if cores[k].hyphen_next && cores[k + 1].num_first == cores[k].last + 1 {
                let ok = !cores[k].dead
                    && !cores[k + 1].dead
                    && cores[k].value < cores[k + 1].value
                    && !cores[k + 1].year_shaped;
                if !ok {
                    cores[k].dead = true;
                    cores[k + 1].dead = true;
                }
            } else {
                cores[k].hyphen_next = false;
            }
        }
    }

    /// Numbers that are labels, times, percentages, citations, years, codes.
    fn is_not_quantity(&self, c: &Core) -> bool {
        let (f, l) = (c.num_first, c.last);
        let glued_before = f > 0 && !self.toks[f].space_before;
        let glued_after = self.toks.get(l).is_some_and(|t| !t.space_before);
        let prev = if f > 0 { self.w(f - 1) } else { "" };
        let next = self.w(l);
        if c.kind != CoreKind::Approx && c.kind != CoreKind::One {
            if glued_before && matches!(prev, "[" | "+" | "/" | ":" | "#" | "°" | "§" | "n°") {
                return true;
            }
            if glued_after && matches!(next, "/" | ":" | "]" | "°") {
                return true;
            }
            if self.class_at(Class::Percent, l).is_some()
                || self.class_at(Class::Fraction, l).is_some()
                || self.class_before(Class::Label, f).is_some()
                || self.class_before(Class::DecadeBefore, f).is_some()
                || self.in_fixed_phrase(f)
                || self.is_month_word(c)
                || self.class_at(Class::TimeMarker, l).is_some()
            {
                return true;
            }
            // the minutes of « 17 h 30 »
            let unit_before = self
                .class_before(Class::TimeUnit, f)
                .or_else(|| self.class_before(Class::TimeMarker, f));
            if let Some(u) = unit_before {
                if f > u.key.len() && self.kind(f - u.key.len() - 1) == Some(Kind::Num) {
                    return true;
                }
            }
            if let Some(u) = self.class_at(Class::TimeUnit, l) {
                let minutes = self.kind(l + u.key.len()) == Some(Kind::Num);
                if minutes || self.class_before(Class::TimeBefore, c.first).is_some() {
                    return true;
                }
            }
            // a year unless it counts people, money or a measure (« 2000 soldats »)
            let counts = || {
                self.head(l, false).and_then(|h| h.kind).is_some_and(|k| {
                    matches!(
                        k,
                        UnitKind::Person | UnitKind::Toll | UnitKind::Money | UnitKind::Measure
                    )
                })
            };
            if c.year_shaped && (self.class_before(Class::YearBefore, f).is_some() || !counts()) {
                return true;
            }
            // « du 5 au 6 », « jusqu'au 15 »
            if c.value <= 31.0
                && self.class_before(Class::DayBefore, f).is_some()
                && self.head(l, false).is_none()
            {
                return true;
            }
            // proportions: « un sur cinq », « 3 out of 12 »
            // (« 3 sur 4 » always; « 3 écoles sur 4 » when the 4 counts nothing else)
            let head = self.head(l, false);
            if let Some(r) = self.class_at(Class::Ratio, l) {
                if self.small_number_at(l + r.key.len()) {
                    return true;
                }
            }
            if let Some(h) = head {
                if let Some(r) = self.class_at(Class::Ratio, h.last) {
                    let d = h.last + r.key.len();
                    if self.small_number_at(d) && self.head(d + 1, false).is_none() {
                        return true;
                    }
                }
            }
            if let Some(r) = self.class_before(Class::Ratio, f) {
                let k = f - r.key.len();
                let counted = |i: usize| self.small_number_at(i) || self.is(Class::OneWord, i);
                let noun_between = k > 1
                    && self.kind(k - 1) == Some(Kind::Word)
                    && counted(k - 2)
                    && head.is_none();
                if k > 0 && (counted(k - 1) || noun_between) {
                    return true;
                }
            }
            // a bare decimal (« 4,5 ») is a score, a rate or a magnitude
            let decimal = c.value.fract() != 0.0 && c.scale_exp == 0;
            if (c.kind == CoreKind::NeedsNoun || decimal) && self.head(l, c.linkable).is_none() {
                return true;
            }
        }
        false
    }

    /// A number at token `i` that is not year-shaped (digits up to 1000, or a
    /// spelled number).
    fn small_number_at(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(Kind::Num) => {
                digits::parse(self.w(i), self.lex.lang, false).is_some_and(|d| d.value() <= 1000.0)
            }
            Some(Kind::Word) => self.word_value(i).is_some(),
            _ => false,
        }
    }

    /// True when a fixed phrase holding a number (« France 24 », « trois
    /// frontières ») covers token `i`.
    fn in_fixed_phrase(&self, i: usize) -> bool {
        // a phrase covering token `i` holds its word
        self.first_bits(i) & IN_NOT_NUMBER != 0
            && self
                .lex
                .entries(Class::NotNumber)
                .iter()
                .any(|e| (i.saturating_sub(e.key.len() - 1)..=i).any(|k| self.seq_at(k, &e.ids)))
    }

    /// A spelled number that is here a month (« sept. »).
    fn is_month_word(&self, c: &Core) -> bool {
        c.num_first + 1 == c.last && self.class_at(Class::Month, c.num_first).is_some()
    }

    /// A day number: right before a month, or right after a month or weekday.
    fn is_day(&self, c: &Core) -> bool {
        if c.kind == CoreKind::Approx || c.kind == CoreKind::One {
            return false;
        }
        self.class_at(Class::Month, c.last).is_some() || self.is_day_after_month(c)
    }

    /// Two numbers joined by a day-chaining word (« 4 et 5 », « 5 au 6 »)
    /// where neither is followed by a head noun.
    fn chained_day(&self, prev: &Core, cur: &Core) -> bool {
        let exactish = |c: &Core| matches!(c.kind, CoreKind::Exact | CoreKind::NeedsNoun);
        exactish(prev)
            && exactish(cur)
            && self
                .class_at(Class::DayChain, prev.last)
                .is_some_and(|l| prev.last + l.key.len() == cur.num_first)
            && self.head(cur.last, false).is_none()
    }

    fn is_day_after_month(&self, c: &Core) -> bool {
        let f = c.num_first;
        let f = if f > 0 && self.w(f - 1) == "." {
            f - 1
        } else {
            f
        };
        self.class_before(Class::Month, f).is_some()
            || self.class_before(Class::Weekday, f).is_some()
    }

    /// Number tokens of phone-like runs: three or more numbers separated by
    /// spaces only, or a number glued after « + ».
    fn phone_tokens(&self, nums: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        let flush = |run: &mut Vec<usize>, out: &mut Vec<usize>| {
            let plus = run
                .first()
                .is_some_and(|&i| i > 0 && self.w(i - 1) == "+" && !self.toks[i].space_before);
            if run.len() >= 3 || (plus && run.len() >= 2) {
                out.extend(run.iter().copied());
            }
            run.clear();
        };
        for &i in nums {
            let joined = run
                .last()
                .is_some_and(|&p| p + 1 == i && self.toks[i].space_before);
            if !joined {
                flush(&mut run, &mut out);
            }
            run.push(i);
        }
        flush(&mut run, &mut out);
        out
    }

    /// Joins pairs of exact numbers into ranges: « 30 à 32 », « entre 30 et
    /// 32 », « 30-32 »; « passé de 30 à 40 » stays two numbers.
    fn ranges(&self, cores: Vec<Core>) -> Vec<Core> {
        let mut out: Vec<Core> = Vec::with_capacity(cores.len());
        let mut it = cores.into_iter().filter(|c| !c.dead).peekable();
        while let Some(a) = it.next() {
            if let Some(b) = it.peek() {
                if let Some(r) = self.range(&a, b) {
                    it.next();
                    out.push(r);
                    continue;
                }
            }
            out.push(a);
        }
        out
    }

    fn range(&self, a: &Core, b: &Core) -> Option<Core> {
        let exactish = |c: &Core| matches!(c.kind, CoreKind::Exact | CoreKind::NeedsNoun);
        if !exactish(a) || !exactish(b) {
            return None;
        }
        let mut first = a.first;
        let joined = if a.hyphen_next {
            true
        } else if let Some(to) = self.class_at(Class::RangeTo, a.last) {
            let change = self
                .class_before(Class::RangeFrom, a.first)
                .is_some_and(|fr| {
                    self.class_before(Class::ChangeVerb, a.first - fr.key.len())
                        .is_some()
                });
            a.last + to.key.len() == b.first && !change
        } else if let (Some(open), Some(and)) = (
            self.class_before(Class::RangeOpen, a.first),
            self.class_at(Class::RangeAnd, a.last),
        ) {
            first = a.first - open.key.len();
            a.last + and.key.len() == b.first
        } else {
            false
        };
        if !joined {
            return None;
        }
        let mut lo = a.value;
        if b.scale_exp > a.scale_exp {
            let f = 10f64.powi((b.scale_exp - a.scale_exp) as i32);
            if lo * f <= b.value {
                lo *= f;
            }
        }
        let hi = b.value;
        if lo >= hi {
            return None;
        }
        Some(Core {
            first,
            num_first: a.num_first,
            last: b.last,
            value: ((lo + hi) / 2.0).floor(),
            min: Some(lo),
            max: Some(hi),
            approx: false,
            kind: CoreKind::Exact,
            linkable: b.linkable,
            scale_exp: b.scale_exp,
            year_shaped: false,
            hyphen_next: false,
            dead: false,
        })
    }

    /// Decides the « un/une » candidates, applies modifiers, finds head
    /// nouns and writes the mentions.
    fn emit(&self, cores: Vec<Core>, out: &mut Vec<NumberMention>) {
        let seg_start = out.len();
        for mut c in cores {
            let head = self.head(c.last, c.linkable);
            let modifier = self.modifier_before(c.first);
            if c.kind == CoreKind::One {
                let Some(kind) = head.and_then(|h| h.kind) else {
                    continue;
                };
                let arg = self.class_at(Class::OneWord, c.first).map_or("", |e| e.arg);
                let person = matches!(kind, UnitKind::Person | UnitKind::Toll);
                let toll = kind == UnitKind::Toll && arg == "toll";
                let strong = person && arg == "strong";
                let cued = person && self.one_cued(c.first, &out[seg_start..]);
                let casualty = person && head.is_some_and(|h| self.toll_context(c.first, h.last));
                if !(toll || strong || cued || casualty || modifier.is_some()) {
                    continue;
                }
            }
            let mut first = c.first;
            if let Some(m) = modifier {
                let time = head.is_some_and(|h| h.kind == Some(UnitKind::Time));
                if !(m.weak && time) {
                    apply_modifier(&mut c, m.kind);
                    first -= m.key.len();
                }
            }
            let mut end = c.last;
            let mut unit = None;
            if let Some(h) = head {
                end = h.last;
                unit = Some(self.orig_text(h.first, h.last).to_string());
            } else if self.is(Class::Anaphor, c.last) {
                end = c.last + 1;
                unit = out[seg_start..].last().and_then(|m| m.unit.clone());
            }
            let (a, b) = self.orig(first, end);
            out.push(NumberMention {
                span: Span::new(self.doc, a, b),
                value: c.value,
                min: c.min,
                max: c.max,
                approx: c.approx,
                unit,
            });
        }
    }

    /// « et (d')un civil », « dont un civil »: a cue before token `first`
    /// and an earlier quantity in the sentence, before the cue.
    fn one_cued(&self, first: usize, earlier: &[NumberMention]) -> bool {
        let mut k = first;
        if let Some(l) = self.class_before(Class::Linker, k) {
            k -= l.key.len();
        }
        let Some(cue) = self.class_before(Class::OneCue, k) else {
            return false;
        };
        let cue_start = self.orig(k - cue.key.len(), k).0;
        earlier.last().is_some_and(|m| m.span.end <= cue_start)
    }

    /// « la mort d'un soldat », « un soldat (malien) a été tué »: a casualty
    /// word right before `first` (past a linker) or within four words after
    /// the head noun ending at `head_end`, in the same clause.
    fn toll_context(&self, first: usize, head_end: usize) -> bool {
        let mut k = first;
        if let Some(l) = self.class_before(Class::Linker, k) {
            k -= l.key.len();
        }
        if self.class_before(Class::TollBefore, k).is_some() {
            return true;
        }
        (head_end..(head_end + 4).min(self.toks.len()))
            .take_while(|&i| self.toks[i].kind == Kind::Word)
            .any(|i| self.is(Class::TollVerb, i))
    }

    /// The longest modifier ending right before token `first`.
    fn modifier_before(&self, first: usize) -> Option<&'static lexicon::Modifier> {
        if self.last_bits(first) & LAST_MODIFIER == 0 {
            return None;
        }
        self.lex
            .modifiers
            .iter()
            .find(|m| m.key.len() <= first && self.seq_at(first - m.key.len(), &m.ids))
    }
}

/// Rounds half away from zero, as the conventions' `round`.
fn round(x: f64) -> f64 {
    x.round()
}

/// Applies a modifier to a candidate (see `numbers_modifiers.tsv`).
fn apply_modifier(c: &mut Core, kind: ModKind) {
    let n = c.value;
    let ranged = c.min != c.max;
    if c.kind == CoreKind::Approx {
        // « plus d'une centaine »: bounded at the noun's value, still approximate
        match kind {
            ModKind::Approx => {}
            ModKind::Near => c.max = Some(n),
            ModKind::AtLeast | ModKind::Over => (c.min, c.max) = (Some(n), None),
            ModKind::Under | ModKind::UpTo => (c.min, c.max) = (None, Some(n)),
        }
        c.approx = true;
        return;
    }
    if ranged {
        // « environ 30 à 40 »
        if kind == ModKind::Approx {
            c.approx = true;
        }
        return;
    }
    match kind {
        ModKind::Approx => {
            (c.min, c.max, c.approx) = (
                Some(round(n * 9.0 / 10.0)),
                Some(round(n * 11.0 / 10.0)),
                true,
            )
        }
        ModKind::Near => (c.min, c.max, c.approx) = (Some(round(n * 9.0 / 10.0)), Some(n), true),
        ModKind::AtLeast => (c.min, c.max) = (Some(n), None),
        ModKind::Over => (c.min, c.max) = (Some(n + 1.0), None),
        ModKind::Under => (c.min, c.max) = (None, Some(n - 1.0)),
        ModKind::UpTo => (c.min, c.max) = (None, Some(n)),
    }
}

/// Blocks runs of more than 10 spelled-number words in a row: no real
/// number is that long, and `text2num` would read digit sequences as one.
/// Also tells whether any word left unblocked is a number on its own.
fn guard_long_runs(seg: &Seg, mut blocked: Vec<bool>) -> (Vec<bool>, bool) {
    let mut run_start = None;
    let mut any = false;
    for i in 0..=seg.toks.len() {
        let numeric = i < seg.toks.len() && !blocked[i] && seg.word_value(i).is_some();
        any |= numeric;
        match (numeric, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                if i - s > 10 {
                    for b in &mut blocked[s..i] {
                        *b = true;
                    }
                }
                run_start = None;
            }
            _ => {}
        }
    }
    (blocked, any)
}

/// A token as `text2num` sees it: a possible number part, or a hyphen.
struct T2n<'a> {
    text: &'a str,
}

impl text2num::Token for T2n<'_> {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text)
    }
    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text)
    }
}
