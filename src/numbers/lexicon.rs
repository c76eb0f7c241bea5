//! The numbers stage's language data, read once from `models/<lang>/numbers_*.tsv`.

use super::tokens::tokenize;
use crate::models::tsv_rows;
use crate::text::{fold, ShortWords};
use crate::Lang;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// A phrase as a sequence of folded tokens.
pub(crate) type Seq = Vec<String>;

/// Splits a data phrase into tokens the way the text is split.
pub(crate) fn seq_of(phrase: &str) -> Seq {
    let f = fold(phrase);
    tokenize(&f)
        .into_iter()
        .map(|t| f[t.start..t.end].to_string())
        .collect()
}

/// What must surround an approximate noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Needs {
    pub article: bool,
    pub det: bool,
    pub of: bool,
}

/// One row of `numbers_approx.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct ApproxRow {
    pub key: Seq,
    /// `key` as word ids (see [`Lexicon::id`]).
    pub ids: Vec<u32>,
    pub value: f64,
    pub min: f64,
    pub max: f64,
    pub needs: Needs,
}

impl ApproxRow {
    /// Vague plurals (« des dizaines ») take their value at the bottom of their range.
    pub fn vague(&self) -> bool {
        self.value == self.min
    }
}

/// Kinds of modifiers (`numbers_modifiers.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ModKind {
    Approx,
    Near,
    AtLeast,
    Over,
    Under,
    UpTo,
}

#[derive(Debug, Clone)]
pub(crate) struct Modifier {
    pub key: Seq,
    /// `key` as word ids.
    pub ids: Vec<u32>,
    pub kind: ModKind,
    pub weak: bool,
}

/// Kinds of head nouns (`numbers_units.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Toll,
    Person,
    Thing,
    Time,
    Money,
    Measure,
}

/// Context classes (`numbers_context.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Class {
    Month,
    Weekday,
    DayChain,
    YearBefore,
    DecadeBefore,
    TimeBefore,
    TimeUnit,
    TimeMarker,
    Percent,
    Label,
    NotNumber,
    OneWord,
    OneCue,
    NeedsNoun,
    Article,
    Filler,
    VagueDet,
    Linker,
    Scale,
    GluedUnit,
    RangeTo,
    RangeOpen,
    RangeAnd,
    RangeFrom,
    ChangeVerb,
    SkipAdj,
    Anaphor,
    Plural,
    Stop,
    WordBreak,
    DayBefore,
    HyphenCount,
    Fraction,
    TollVerb,
    TollBefore,
    Ratio,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        use Class::*;
        Some(match s {
            "month" => Month,
            "weekday" => Weekday,
            "day_chain" => DayChain,
            "year_before" => YearBefore,
            "decade_before" => DecadeBefore,
            "time_before" => TimeBefore,
            "time_unit" => TimeUnit,
            "time_marker" => TimeMarker,
            "percent" => Percent,
            "label" => Label,
            "not_number" => NotNumber,
            "one_word" => OneWord,
            "one_cue" => OneCue,
            "needs_noun" => NeedsNoun,
            "article" => Article,
            "filler" => Filler,
            "vague_det" => VagueDet,
            "linker" => Linker,
            "scale" => Scale,
            "glued_unit" => GluedUnit,
            "range_to" => RangeTo,
            "range_open" => RangeOpen,
            "range_and" => RangeAnd,
            "range_from" => RangeFrom,
            "change_verb" => ChangeVerb,
            "skip_adj" => SkipAdj,
            "anaphor" => Anaphor,
            "plural" => Plural,
            "stop" => Stop,
            "word_break" => WordBreak,
            "day_before" => DayBefore,
            "hyphen_count" => HyphenCount,
            "fraction" => Fraction,
            "toll_verb" => TollVerb,
            "toll_before" => TollBefore,
            "ratio" => Ratio,
            _ => return None,
        })
    }
}

/// One context entry: its token sequence and its argument.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub key: Seq,
    /// `key` as word ids.
    pub ids: Vec<u32>,
    /// `cap`: only when capitalized in the text.
    pub cap: bool,
    /// For scales: the power of ten.
    pub exp: u32,
    /// The raw argument column.
    pub arg: &'static str,
}

/// Everything the stage knows about one language.
pub(crate) struct Lexicon {
    pub lang: Lang,
    pub approx: Vec<ApproxRow>,
    /// Modifiers, longest first.
    pub modifiers: Vec<Modifier>,
    /// Head nouns, longest first.
    pub units: Vec<(Seq, UnitKind)>,
    /// `units` keys as word ids.
    pub unit_ids: Vec<Vec<u32>>,
    /// By first word id: the indexes in `units` of the keys starting with it, in order.
    pub units_by_first: FxHashMap<u32, Vec<usize>>,
    /// Context entries by class (indexed by `Class as usize`), longest first.
    context: Vec<Vec<Entry>>,
    /// Every word of every key, numbered.
    word_ids: FxHashMap<String, u32>,
    /// The words of `word_ids` shorter than 8 bytes, by [`pack`]ed key (open addressing).
    short: ShortWords,
    /// The letter runs of the words that may start a quantity, with their [`Piece`] bits
    /// (those shorter than 8 bytes in `pieces_short`).
    pieces: FxHashMap<String, u32>,
    pieces_short: ShortWords,
    /// One bit per [`sketch`] of the `pieces` (a Bloom filter with one hash).
    pieces_sketch: Vec<u64>,
    /// False when some such word holds no letter run (then [`Lexicon::may_count`] is
    /// always true).
    prefilter: bool,
    /// By word id: which keys start with it (bits [`Class`], [`FIRST_UNIT`], [`FIRST_APPROX`])
    /// and which contain it (bit [`IN_NOT_NUMBER`]).
    first: Vec<u64>,
    /// By word id: which keys end with it (bits [`Class`], [`LAST_MODIFIER`]).
    last: Vec<u64>,
    /// By word id: the word's value read alone as a spelled number (see [`Lexicon::word_value`]).
    values: Vec<Option<f64>>,
    /// Rows that failed to parse (checked by a test; never a panic).
    #[cfg_attr(not(test), allow(dead_code))]
    pub bad_rows: Vec<String>,
    pub interp: text2num::Language,
}

const FR_APPROX: &str = include_str!("../../models/fr/numbers_approx.tsv");
const FR_MODIFIERS: &str = include_str!("../../models/fr/numbers_modifiers.tsv");
const FR_UNITS: &str = include_str!("../../models/fr/numbers_units.tsv");
const FR_CONTEXT: &str = include_str!("../../models/fr/numbers_context.tsv");
const EN_APPROX: &str = include_str!("../../models/en/numbers_approx.tsv");
const EN_MODIFIERS: &str = include_str!("../../models/en/numbers_modifiers.tsv");
const EN_UNITS: &str = include_str!("../../models/en/numbers_units.tsv");
const EN_CONTEXT: &str = include_str!("../../models/en/numbers_context.tsv");

static FR: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::load(
        Lang::Fr,
        [FR_APPROX, FR_MODIFIERS, FR_UNITS, FR_CONTEXT],
        text2num::Language::french(),
    )
});
static EN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::load(
        Lang::En,
        [EN_APPROX, EN_MODIFIERS, EN_UNITS, EN_CONTEXT],
        text2num::Language::english(),
    )
});

/// The lexicon of a language.
pub(crate) fn lexicon(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

fn by_length_desc<T>(v: &mut [T], key: impl Fn(&T) -> usize) {
    v.sort_by_key(|x| std::cmp::Reverse(key(x)));
}

impl Lexicon {
    fn load(lang: Lang, files: [&'static str; 4], interp: text2num::Language) -> Lexicon {
        let [approx_f, mod_f, units_f, ctx_f] = files;
        let mut bad_rows = Vec::new();
        let mut approx = Vec::new();
        for row in tsv_rows(approx_f) {
            let parsed = (|| {
                let needs_s = *row.get(4)?;
                let mut needs = Needs::default();
                for n in needs_s.split(',').map(str::trim) {
                    match n {
                        "article" => needs.article = true,
                        "det" => needs.det = true,
                        "of" => needs.of = true,
                        "-" | "" => {}
                        _ => return None,
                    }
                }
                Some(ApproxRow {
                    key: seq_of(row.first()?),
                    ids: Vec::new(),
                    value: row.get(1)?.parse().ok()?,
                    min: row.get(2)?.parse().ok()?,
                    max: row.get(3)?.parse().ok()?,
                    needs,
                })
            })();
            match parsed {
                Some(r) if !r.key.is_empty() => approx.push(r),
                _ => bad_rows.push(row.join("\t")),
            }
        }
        by_length_desc(&mut approx, |r| r.key.len());

        let mut modifiers = Vec::new();
        for row in tsv_rows(mod_f) {
            let kind = match row.get(1).copied() {
                Some("approx") => Some(ModKind::Approx),
                Some("near") => Some(ModKind::Near),
                Some("atleast") => Some(ModKind::AtLeast),
                Some("over") => Some(ModKind::Over),
                Some("under") => Some(ModKind::Under),
                Some("upto") => Some(ModKind::UpTo),
                _ => None,
            };
            let key = seq_of(row[0]);
            match kind {
                Some(kind) if !key.is_empty() => modifiers.push(Modifier {
                    key,
                    ids: Vec::new(),
                    kind,
                    weak: row.get(2).is_some_and(|w| *w == "yes"),
                }),
                _ => bad_rows.push(row.join("\t")),
            }
        }
        by_length_desc(&mut modifiers, |m| m.key.len());

        let mut units = Vec::new();
        for row in tsv_rows(units_f) {
            let kind = match row.get(1).copied() {
                Some("toll") => Some(UnitKind::Toll),
                Some("person") => Some(UnitKind::Person),
                Some("thing") => Some(UnitKind::Thing),
                Some("time") => Some(UnitKind::Time),
                Some("money") => Some(UnitKind::Money),
                Some("measure") => Some(UnitKind::Measure),
                _ => None,
            };
            let key = seq_of(row[0]);
            match kind {
                Some(kind) if !key.is_empty() => units.push((key, kind)),
                _ => bad_rows.push(row.join("\t")),
            }
        }
        by_length_desc(&mut units, |u| u.0.len());

        let mut context: Vec<Vec<Entry>> = (0..CLASSES).map(|_| Vec::new()).collect();
        for row in tsv_rows(ctx_f) {
            let class = row.get(1).and_then(|c| Class::parse(c));
            let arg = row.get(2).copied().unwrap_or("");
            let key = seq_of(row[0]);
            match class {
                Some(class) if !key.is_empty() => {
                    let exp = if class == Class::Scale {
                        match arg.parse() {
                            Ok(e) => e,
                            Err(_) => {
                                bad_rows.push(row.join("\t"));
                                continue;
                            }
                        }
                    } else {
                        0
                    };
                    context[class as usize].push(Entry {
                        key,
                        ids: Vec::new(),
                        cap: arg == "cap",
                        exp,
                        arg,
                    })
                }
                _ => bad_rows.push(row.join("\t")),
            }
        }
        for v in context.iter_mut() {
            by_length_desc(v, |e| e.key.len());
        }
        let mut lex = Lexicon {
            lang,
            approx,
            modifiers,
            unit_ids: Vec::new(),
            units_by_first: FxHashMap::default(),
            units,
            context,
            word_ids: FxHashMap::default(),
            short: ShortWords::default(),
            pieces: FxHashMap::default(),
            pieces_short: ShortWords::default(),
            pieces_sketch: Vec::new(),
            prefilter: false,
            first: Vec::new(),
            last: Vec::new(),
            values: Vec::new(),
            bad_rows,
            interp,
        };
        lex.number_words();
        lex
    }

    /// Numbers every word of every key and fills the `ids` fields and the bit tables.
    fn number_words(&mut self) {
        let mut words = std::mem::take(&mut self.word_ids);
        let mut first: Vec<u64> = Vec::new();
        let mut last: Vec<u64> = Vec::new();
        let mut ids_of =
            |key: &[String], first_bit: u64, last_bit: u64, any_bit: u64| -> Vec<u32> {
                let ids: Vec<u32> = key
                    .iter()
                    .map(|w| {
                        let n = words.len() as u32;
                        let id = *words.entry(w.clone()).or_insert(n);
                        if id as usize == first.len() {
                            first.push(0);
                            last.push(0);
                        }
                        first[id as usize] |= any_bit;
                        id
                    })
                    .collect();
                if let (Some(&a), Some(&b)) = (ids.first(), ids.last()) {
                    first[a as usize] |= first_bit;
                    last[b as usize] |= last_bit;
                }
                ids
            };
        for r in &mut self.approx {
            r.ids = ids_of(&r.key, FIRST_APPROX, 0, 0);
        }
        for m in &mut self.modifiers {
            m.ids = ids_of(&m.key, 0, LAST_MODIFIER, 0);
        }
        self.unit_ids = self
            .units
            .iter()
            .map(|u| ids_of(&u.0, FIRST_UNIT, 0, 0))
            .collect();
        for (u, ids) in self.unit_ids.iter().enumerate() {
            if let Some(&f) = ids.first() {
                self.units_by_first.entry(f).or_default().push(u);
            }
        }
        for (c, entries) in self.context.iter_mut().enumerate() {
            let any = if c == Class::NotNumber as usize {
                IN_NOT_NUMBER
            } else {
                0
            };
            for e in entries {
                e.ids = ids_of(&e.key, 1 << c, 1 << c, any);
            }
        }
        // the words `text2num` may read as (part of) a number, with their values alone
        for w in number_vocabulary(self.lang) {
            ids_of(&[w], NUMBER_PART, 0, 0);
        }
        for w in [
            "et", "ets", "and", "ands", "virgule", "virgules", "point", "points",
        ] {
            if let Some(&id) = words.get(w) {
                first[id as usize] |= NUMBER_LINK;
            }
        }
        self.word_ids = words;
        self.first = first;
        self.last = last;
        // « un » as `Seg::is(Class::OneWord)` always reads it
        let ones = self.entries(Class::OneWord);
        let alone: Vec<u32> = ones
            .iter()
            .filter(|e| e.ids.len() == 1 && !e.cap && e.arg != "dot")
            .map(|e| e.ids[0])
            .filter(|id| !ones.iter().any(|o| o.ids.len() > 1 && o.ids[0] == *id))
            .collect();
        for id in alone {
            self.first[id as usize] |= ONE_ALONE;
        }
        self.short = short_words(&self.word_ids);
        let mut values = vec![None; self.first.len()];
        for (w, &id) in &self.word_ids {
            if self.maybe_number(id, w, false) {
                values[id as usize] = self.compute_value(w);
            }
        }
        self.values = values;
        self.number_pieces();
    }

    /// Fills `pieces`, `pieces_short` and `prefilter` from the words' bits.
    fn number_pieces(&mut self) {
        let mut pieces: FxHashMap<String, u32> = FxHashMap::default();
        let mut ok = true;
        for (w, &id) in &self.word_ids {
            let bits = self.first_bits(id);
            // only word tokens start with a letter or digit (approximate nouns and number
            // parts are words)
            let word = w.starts_with(char::is_alphanumeric);
            let plain = w.is_ascii() && !w.contains('-');
            let part = word && self.maybe_number(id, w, plain);
            let mut fl = 0;
            if (word && bits & FIRST_APPROX != 0) || (part && bits & (ONE_ALONE | NUMBER_LINK) == 0)
            {
                fl |= Piece::STRONG;
            }
            if bits & bit(Class::OneWord) != 0 {
                fl |= Piece::ONE;
            }
            if bits & FIRST_UNIT != 0 {
                fl |= Piece::UNIT;
            }
            if part {
                fl |= Piece::PART;
                if bits & ONE_ALONE != 0 {
                    fl |= Piece::RUN_ONE;
                }
            }
            if fl == 0 {
                continue;
            }
            // the distance from « un » to a noun counts the runs starting a token
            let letter_first = w.starts_with(|c: char| c.is_ascii_alphabetic());
            ok &= letter_first || fl & (Piece::ONE | Piece::UNIT) == 0;
            let mut any = false;
            for p in w
                .split(|c: char| !c.is_alphabetic())
                .filter(|p| !p.is_empty())
            {
                *pieces.entry(p.to_string()).or_default() |= fl;
                any = true;
            }
            ok &= any || fl == 0;
        }
        let mut sketches = vec![0u64; 1 << (SKETCH_BITS - 6)];
        for p in pieces.keys() {
            let h = sketch(p.as_bytes());
            sketches[h >> 6] |= 1 << (h & 63);
        }
        self.pieces_sketch = sketches;
        self.pieces_short = short_words(&pieces);
        self.pieces = pieces;
        self.prefilter = ok;
    }

    /// The [`Piece`] bits of a letter run.
    #[inline]
    fn piece(&self, p: &str) -> u32 {
        let h = sketch(p.as_bytes());
        if self
            .pieces_sketch
            .get(h >> 6)
            .is_none_or(|w| w & (1 << (h & 63)) == 0)
        {
            return 0;
        }
        let v = if p.len() < 8 {
            self.pieces_short.get(p.as_bytes(), 0, p.len())
        } else {
            self.pieces.get(p).copied().unwrap_or(NO_WORD)
        };
        if v == NO_WORD {
            0
        } else {
            v
        }
    }

    /// False when folded sentence `s` has nothing that can start a quantity: no digit
    /// at a byte where `digit_counts`, no approximate noun, no spelled number other than
    /// lone « un », no « un » with a lexicon noun right after it. Reads only the runs of
    /// letters, each word's first run numbered, so that it is true whenever
    /// `Seg::look_up` finds such a token (a test checks it on random text).
    pub fn may_count(&self, s: &str, digit_counts: impl Fn(usize) -> bool) -> bool {
        if !self.prefilter {
            return true;
        }
        #[derive(PartialEq)]
        enum Before {
            Sep,
            Alnum,
            Dash,
        }
        let b = s.as_bytes();
        let mut i = 0;
        let mut before = Before::Sep;
        // the number of runs starting a token so far, the last « un », the « un » in a row
        let mut idx = 0usize;
        let mut last_one: Option<usize> = None;
        let mut ones = 0;
        while i < b.len() {
            let c = b[i];
            if LETTER[c as usize] {
                let start = i;
                i += 1;
                while i < b.len() && LETTER[b[i] as usize] {
                    i += 1;
                }
                let p = &s[start..i];
                let fl = self.piece(p);
                let compound = before == Before::Dash || b.get(i) == Some(&b'-');
                if fl == 0 && !compound && !p.ends_with("ss") {
                    // the usual word, in no list
                    idx += usize::from(before == Before::Sep);
                    ones = 0;
                    before = Before::Alnum;
                    continue;
                }
                let lemma = || self.piece(p.trim_end_matches('s'));
                if fl & Piece::STRONG != 0 || (p.ends_with("ss") && lemma() & Piece::PART != 0) {
                    return true;
                }
                if compound && (fl | lemma()) & Piece::PART != 0 {
                    return true;
                }
                if before == Before::Sep {
                    idx += 1;
                }
                if fl & Piece::ONE != 0 {
                    last_one = Some(idx);
                }
                if fl & Piece::UNIT != 0 && last_one.is_some_and(|o| idx - o <= 3) {
                    return true;
                }
                if fl & Piece::RUN_ONE != 0 {
                    ones += 1;
                    if ones > 1 {
                        return true;
                    }
                } else if fl & Piece::PART == 0 {
                    ones = 0;
                }
                before = Before::Alnum;
            } else if c < 0x80 {
                before = if c.is_ascii_digit() {
                    if digit_counts(i) {
                        return true;
                    }
                    Before::Alnum
                } else if c == b'-' && before == Before::Alnum {
                    Before::Dash
                } else {
                    Before::Sep
                };
                i += 1;
            } else {
                let ch = s[i..].chars().next().unwrap_or(' ');
                if ch.is_alphanumeric() {
                    // a word that is not ASCII may be a number part
                    return true;
                }
                before = Before::Sep;
                i += ch.len_utf8();
            }
        }
        false
    }

    /// `text2num`'s reading of `w` alone as a spelled number.
    fn compute_value(&self, w: &str) -> Option<f64> {
        text2num::text2digits(w, &self.interp)
            .ok()
            .and_then(|s| s.parse().ok())
    }

    /// The entries of a class (empty when the language has none).
    pub fn entries(&self, class: Class) -> &[Entry] {
        self.context.get(class as usize).map_or(&[], Vec::as_slice)
    }

    /// The id of a folded word, [`NO_WORD`] when no key holds it.
    pub fn id(&self, w: &str) -> u32 {
        if w.len() < 8 {
            return self.short.get(w.as_bytes(), 0, w.len());
        }
        self.word_ids.get(w).copied().unwrap_or(NO_WORD)
    }

    /// The id of the folded word at `start..end` in `text` ([`Lexicon::id`]), reading
    /// short words as one integer.
    #[inline]
    pub fn id_at(&self, text: &str, start: usize, end: usize) -> u32 {
        let b = text.as_bytes();
        let len = end.wrapping_sub(start);
        if len < 8 {
            return self.short.get(b, start, len);
        }
        text.get(start..end).map_or(NO_WORD, |w| self.id(w))
    }

    /// The bits of [`Lexicon::first`] for a word id (none for [`NO_WORD`]).
    pub fn first_bits(&self, id: u32) -> u64 {
        self.first.get(id as usize).copied().unwrap_or(0)
    }

    /// The bits of [`Lexicon::last`] for a word id.
    pub fn last_bits(&self, id: u32) -> u64 {
        self.last.get(id as usize).copied().unwrap_or(0)
    }

    /// True when folded word `w` (lexicon id `id`) may be read by `text2num` as a number
    /// or a part of one (« et », « virgule » included): a sound over-approximation, so that
    /// every other word ends any number being read (see [`number_vocabulary`]).
    /// `plain`: known to be ASCII without a hyphen.
    #[inline]
    pub fn maybe_number(&self, id: u32, w: &str, plain: bool) -> bool {
        if self.first_bits(id) & NUMBER_PART != 0 {
            return true;
        }
        if plain && !w.ends_with("ss") {
            return false;
        }
        self.maybe_number_slow(w, plain)
    }

    /// [`Lexicon::maybe_number`] for the words outside the vocabulary that may still be
    /// number parts.
    #[cold]
    fn maybe_number_slow(&self, w: &str, plain: bool) -> bool {
        let b = w.as_bytes();
        if plain {
            return self.part_lemma_known(w);
        }
        if !b.is_ascii() {
            return true;
        }
        if b.contains(&b'-') {
            return w.split('-').all(|p| self.part_lemma_known(p));
        }
        b.ends_with(b"ss") && self.part_lemma_known(w)
    }

    /// True when `p` without its final `s`s is in the number vocabulary.
    fn part_lemma_known(&self, p: &str) -> bool {
        [p, p.trim_end_matches('s')]
            .iter()
            .any(|w| self.first_bits(self.id(w)) & NUMBER_PART != 0)
    }

    /// The value of folded word `w` (lexicon id `id`) read alone as a spelled number
    /// (`text2num`): from the table for the vocabulary, computed for compounds
    /// (« cinquante-trois »).
    pub fn word_value(&self, id: u32, w: &str) -> Option<f64> {
        if id != NO_WORD {
            return self.values.get(id as usize).copied().flatten();
        }
        if self.maybe_number(id, w, false) {
            self.compute_value(w)
        } else {
            None
        }
    }
}

/// The words `text2num` (2.8) knows in a language (its interpreters' `apply` arms, the
/// decimal separators), each also with one final `s` (its lemmatizer strips them): any
/// word it reads as a number part is one of these, holds a hyphen, ends with « ss » or
/// is not ASCII. A test checks this against the crate.
fn number_vocabulary(lang: Lang) -> Vec<String> {
    const FR: &str = "zéro un une unième premier première deux deuxième trois troisième \
        quatre quatrième cinq cinquième six sixième sept septième huit huitième neuf \
        neuvième dix dixième onze onzième douze douzième treize treizième quatorze \
        quatorzième quinze quinzième seize seizième dix-sept dix-septième dix-huit \
        dix-huitième dix-neuf dix-neuvième vingt vingtième trente trentième quarante \
        quarantième cinquante cinquantième soixante soixantième septante septantième \
        huitante huitantiène octante octantième nonante nonantième cent centième mille mil \
        millième million millionième milliard milliardième et virgule";
    const EN: &str = "zero o nought one first oneth two second three third four fourth \
        five fifth six sixth seven seventh eight eighth nine ninth ten tenth eleven \
        eleventh twelve twelfth thirteen thirteenth fourteen fourteenth fifteen fifteenth \
        sixteen sixteenth seventeen seventeenth eighteen eighteenth nineteen nineteenth \
        twenty twentieth thirty thirtieth fourty forty fortieth fourtieth fifty fiftieth \
        sixty sixteeth seventy seventieth eighty eightieth ninety ninetieth hundred \
        hundredth thousand thousandth million millionth billion billionth and point";
    let words = match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    };
    words
        .split_whitespace()
        .flat_map(|w| [w.to_string(), format!("{w}s")])
        .collect()
}

/// Number of context classes (bits 0..CLASSES of the bit tables).
const CLASSES: usize = Class::Ratio as usize + 1;
const _: () = assert!(CLASSES <= 58, "class bits must not reach the flag bits");
/// A word that no key holds.
pub(crate) const NO_WORD: u32 = crate::text::NO_ID;

/// The words shorter than 8 bytes of `words`, for lookups by integer ([`ShortWords`]).
fn short_words(words: &FxHashMap<String, u32>) -> ShortWords {
    ShortWords::new(
        words
            .iter()
            .filter(|(w, _)| w.len() < 8)
            .map(|(w, &id)| (w.as_str(), id)),
    )
}
pub(crate) const FIRST_UNIT: u64 = 1 << 63;
pub(crate) const FIRST_APPROX: u64 = 1 << 62;
pub(crate) const IN_NOT_NUMBER: u64 = 1 << 61;
/// Bits of a [`sketch`].
const SKETCH_BITS: u32 = 16;

/// A hash of a nonempty word from its length and its first two and last bytes.
#[inline]
fn sketch(b: &[u8]) -> usize {
    let (first, second, last) = match b {
        [] => (0, 0, 0),
        [x] => (*x, 0, *x),
        [x, y] => (*x, *y, *y),
        [x, y, .., z] => (*x, *y, *z),
    };
    let k = u64::from(first)
        | u64::from(second) << 8
        | u64::from(last) << 16
        | (b.len() as u64 & 0xff) << 24;
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SKETCH_BITS)) as usize
}

/// True for the ASCII letters.
static LETTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphabetic();
        b += 1;
    }
    t
};

/// Bits of a letter run in [`Lexicon::may_count`]: a run of a word that may start a
/// quantity, of a « un », of a head noun, of a possible number part, of a « un » that is
/// a number part.
struct Piece;

impl Piece {
    const STRONG: u32 = 1;
    const ONE: u32 = 2;
    const UNIT: u32 = 4;
    const PART: u32 = 8;
    const RUN_ONE: u32 = 16;
}

/// A word of [`number_vocabulary`].
pub(crate) const NUMBER_PART: u64 = 1 << 60;
/// A word of [`number_vocabulary`] that never starts a number (« et », « virgule »).
pub(crate) const NUMBER_LINK: u64 = 1 << 59;
/// A one-word entry of [`Class::OneWord`] that is always one (« un »).
pub(crate) const ONE_ALONE: u64 = 1 << 58;
pub(crate) const LAST_MODIFIER: u64 = 1 << 63;

/// The bit of a class in the bit tables.
pub(crate) fn bit(class: Class) -> u64 {
    1 << (class as u32)
}
