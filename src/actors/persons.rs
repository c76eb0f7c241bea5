//! Persons: names found from titles and roles, honorifics, the first-name list and
//! capitalization in context; short forms resolved to the full name given earlier.
//!
//! Only the words of [`name_window`] are tokenized for a sentence, and [`judge`] tries
//! its cheap rejections before the look-arounds for roles and reporting verbs.

use super::lexicon::{LangData, Lexicon, SourceKind, LEXICON};
use crate::text::{is_word_char, upper_at, Folded, FoldedView};
use rustc_hash::FxHashMap as HashMap;

/// A word of a sentence, with its original offsets.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    /// The word folded: a slice of the folded text it was cut from.
    pub key: &'a str,
    pub cap: bool,
    /// All letters uppercase, two at least; and no digit. Both are only computed for a
    /// capitalized word or one starting with « al- » / « el- » (false and true elsewhere).
    pub acronym: bool,
    pub alpha: bool,
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` (at offset `base` of the document) into words. Hyphens and apostrophes
/// inside a word stay in it, elided articles and an English `'s` are split off.
/// `folded` is a folded text holding `text` (`Folded::new` of `text` at `base`, or of a
/// sentence around it): folding goes character by character, so each word's key is a
/// slice of it.
///
/// One pass over the bytes, runs of ASCII word bytes read through a table; a word's key
/// is found from where the last one's ended (ASCII folds byte for byte, so that guess is
/// exact up to the next accented letter, and [`FoldPos`] corrects it there).
pub(crate) fn tokenize<'f>(text: &str, base: usize, folded: FoldedView<'f>) -> Vec<Tok<'f>> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut w = Words {
        text,
        base,
        pos: FoldPos {
            f: folded,
            o: base,
            j: fold_pos(folded, base),
        },
        out: &mut out,
    };
    w.split();
    out
}

/// The part of a sentence whose words [`find`] reads, as a byte range of `s`: from the
/// start of the chunk (text between ASCII whitespace) before the one that holds the first
/// uppercase letter, to the end of the chunk that holds the last; `None` without one.
///
/// A name is a run of words that each hold an uppercase letter (a capitalized word, or
/// « al-Sahraoui »; a lowercase particle only between two of them); past a run, `find`
/// reads the next word, whose tests fail without an uppercase letter whether it is there
/// or not, and before it the word before the run. A word never spans whitespace, so the
/// words of the window are the sentence's; its first word comes before any name, so the
/// test for the sentence's first word (index 0) never reads it.
pub(crate) fn name_window(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let first = s.char_indices().find(|&(_, c)| c.is_uppercase())?.0;
    // the last one, back to `first` (an uppercase letter itself): eight bytes at a time
    // while they are ASCII and none is in A–Z, then byte by byte
    const HI: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut last = b.len();
    while last > first {
        if let Some(chunk) = b
            .get(last.wrapping_sub(8)..last)
            .filter(|_| last - first > 8)
        {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            // high bit of each byte: >= 'A' and not >= '[' (no carry: all bytes ASCII)
            let upper = w.wrapping_add(ONES * u64::from(0x80 - b'A'))
                & !w.wrapping_add(ONES * u64::from(0x80 - b'['));
            if w & HI == 0 && upper & HI == 0 {
                last -= 8;
                continue;
            }
        }
        last -= 1;
        if upper_at(s, last) {
            break;
        }
    }
    // the start of the chunk that holds byte `i`
    let chunk_start = |i: usize| {
        b[..i]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |p| p + 1)
    };
    let mut from = chunk_start(first);
    if from > 0 {
        // back to the nearest chunk before it with a word in it
        from = s[..from]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_word_char(c))
            .map_or(0, |(w, _)| chunk_start(w));
    }
    let to = b[last..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(b.len(), |p| last + p);
    Some((from, to))
}

/// Folded positions of original offsets, each found by walking from the last one.
struct FoldPos<'f> {
    f: FoldedView<'f>,
    /// The last original offset asked and its folded position.
    o: usize,
    j: usize,
}

impl<'f> FoldPos<'f> {
    /// Index of the first folded byte at or after original offset `o`.
    #[inline]
    fn at(&mut self, o: usize) -> usize {
        let guess = if o >= self.o {
            self.j + (o - self.o)
        } else {
            self.j.saturating_sub(self.o - o)
        };
        let j = fold_pos_from(self.f, o, guess);
        self.o = o;
        self.j = j;
        j
    }

    /// The folded text of original `from..to`.
    #[inline]
    fn slice(&mut self, from: usize, to: usize) -> &'f str {
        let a = self.at(from);
        let b = self.at(to).max(a);
        let f: FoldedView<'f> = self.f;
        f.text.get(a..b).unwrap_or("")
    }

    /// The folded text of original `from..from + len`, all ASCII: `len` folded bytes
    /// (ASCII folds byte for byte), with no second search for its end.
    #[inline]
    fn slice_ascii(&mut self, from: usize, len: usize) -> &'f str {
        let a = self.at(from);
        let f: FoldedView<'f> = self.f;
        let b = (a + len).min(f.text.len());
        self.o = from + len;
        self.j = b;
        f.text.get(a..b).unwrap_or("")
    }
}

/// Index of the first folded byte at or after original offset `o`, searched from `hint`.
#[inline]
fn fold_pos_from(f: FoldedView<'_>, o: usize, hint: usize) -> usize {
    let mut j = hint.min(f.text.len());
    while j < f.text.len() && f.orig(j) < o {
        j += 1;
    }
    while j > 0 && f.orig(j - 1) >= o {
        j -= 1;
    }
    j
}

/// Index of the first folded byte at or after original offset `o`.
fn fold_pos(f: FoldedView<'_>, o: usize) -> usize {
    let (mut lo, mut hi) = (0, f.text.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if f.orig(mid) < o {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The folded text of original `from..to` (char boundaries inside the folded span):
/// folding goes character by character, so it is a slice of the folded text.
pub(crate) fn folded_range(f: FoldedView<'_>, from: usize, to: usize) -> &str {
    let a = fold_pos(f, from);
    &f.text[a..fold_pos(f, to).max(a)]
}

/// The character at byte `i` of `text` (a char boundary) and its length, ASCII first.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    text[i..].chars().next().map(|c| (c, c.len_utf8()))
}

/// [`is_word_char`] of each ASCII byte (false for the bytes of other characters).
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0u8;
    while b < 0x80 {
        t[b as usize] = b.is_ascii_alphanumeric() || b == b'_';
        b += 1;
    }
    t
};

/// [`is_word_char`] for an ASCII byte.
#[inline]
pub(crate) fn ascii_word(b: u8) -> bool {
    ASCII_WORD[usize::from(b)]
}

/// True when the character at byte `i` of `s` (a char boundary) is a word character.
#[inline]
pub(crate) fn word_char_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => ascii_word(b),
        Some(_) => s[i..].chars().next().is_some_and(is_word_char),
    }
}

/// The tokenizer's state: the text, where its folded keys are, the words so far.
struct Words<'t, 'f, 'o> {
    text: &'t str,
    base: usize,
    pos: FoldPos<'f>,
    out: &'o mut Vec<Tok<'f>>,
}

impl<'f> Words<'_, 'f, '_> {
    /// The folded text of `text[s..e]`.
    #[inline]
    fn key(&mut self, s: usize, e: usize) -> &'f str {
        self.pos.slice(self.base + s, self.base + e)
    }

    fn split(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let start = i;
            // where the word's first character ends; `plain` false once it holds an
            // apostrophe or a character outside ASCII, `apos` true once an apostrophe
            let mut apos = false;
            let (mut end, mut plain) = if b < 0x80 {
                if !ascii_word(b) {
                    i += 1;
                    continue;
                }
                (i + 1, true)
            } else {
                let Some((c, n)) = char_at(text, i) else {
                    break;
                };
                if !is_word_char(c) {
                    i += n;
                    continue;
                }
                (i + n, false)
            };
            loop {
                while bytes.get(end).is_some_and(|&d| ascii_word(d)) {
                    end += 1;
                }
                let Some(&d) = bytes.get(end) else {
                    break;
                };
                if d < 0x80 {
                    if (d == b'-' || d == b'\'') && word_char_at(text, end + 1) {
                        apos |= d == b'\'';
                        plain &= !apos;
                        end += 1;
                        continue;
                    }
                    break;
                }
                match char_at(text, end) {
                    Some((d, m))
                        if is_word_char(d) || (is_apos(d) && word_char_at(text, end + m)) =>
                    {
                        apos |= is_apos(d);
                        plain = false;
                        end += m;
                    }
                    _ => break,
                }
            }
            if plain {
                // ASCII without an apostrophe: one token, no elision or possessive to split off
                let key = self.pos.slice_ascii(self.base + start, end - start);
                self.push(start, end, key);
            } else if apos {
                self.push_word(start, end);
            } else {
                let key = self.key(start, end);
                self.push(start, end, key);
            }
            i = end;
        }
    }

    fn push_word(&mut self, s: usize, e: usize) {
        let w = &self.text[s..e];
        // elision: « l'Armée » → « l' » + « Armée »
        // an apostrophe: ASCII « ' » or « ’ » (its UTF-8 starts with 0xE2)
        let apos = w
            .bytes()
            .position(|b| b == b'\'' || b == 0xE2)
            .and_then(|p| w[p..].find(is_apos).map(|q| p + q));
        if let Some(p) = apos {
            let after = p + w[p..].chars().next().map_or(1, char::len_utf8);
            if after < w.len() && LEXICON.elisions.contains(self.key(s, s + p)) {
                let key = self.key(s, s + after);
                self.push(s, s + after, key);
                self.push_word(s + after, e);
                return;
            }
            // English possessive: « Mali's » → « Mali » + « 's »
            if p > 0 && self.key(s + after, e) == "s" {
                let key = self.key(s, s + p);
                self.push(s, s + p, key);
                let key = self.key(s + p, e);
                self.push(s + p, e, key);
                return;
            }
        }
        let key = self.key(s, e);
        self.push(s, e, key);
    }

    /// Adds the word `text[s..e]`, whose folded text is `key`.
    #[inline(always)]
    fn push(&mut self, s: usize, e: usize, key: &'f str) {
        let w = &self.text[s..e];
        let cap = match w.as_bytes().first() {
            Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
            _ => w.chars().next().is_some_and(char::is_uppercase),
        };
        // the letter counts only matter to a name part: a capitalized word or one
        // glued to a particle (« al-Sahraoui »)
        let (mut acronym, mut alpha) = (false, true);
        if cap || glued_particle(key) {
            let (mut letters, mut upper, mut digit) = (0usize, 0usize, false);
            if w.is_ascii() {
                for &b in w.as_bytes() {
                    letters += usize::from(b.is_ascii_alphabetic());
                    upper += usize::from(b.is_ascii_uppercase());
                    digit |= b.is_ascii_digit();
                }
            } else {
                for c in w.chars() {
                    if c.is_alphabetic() {
                        letters += 1;
                        upper += usize::from(c.is_uppercase());
                    }
                    digit |= c.is_ascii_digit();
                }
            }
            acronym = letters >= 2 && upper == letters;
            alpha = !digit;
        }
        self.out.push(Tok {
            start: self.base + s,
            end: self.base + e,
            key,
            cap,
            acronym,
            alpha,
        });
    }
}

/// True when a folded word starts with « al- » or « el- ».
#[inline]
fn glued_particle(key: &str) -> bool {
    matches!(key.as_bytes(), [b'a' | b'e', b'l', b'-', ..])
}

/// A role found in the text, with its original span.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RoleHit {
    pub start: usize,
    pub end: usize,
}

/// A person found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct PersonHit {
    pub start: usize,
    pub end: usize,
    /// Span with the role before and the appositive after, for source detection.
    pub ext_start: usize,
    pub ext_end: usize,
    pub name: String,
    pub role: Option<String>,
}

/// Names known in a document so far: the folded name or any of its final parts → full name.
#[derive(Debug, Default)]
pub(crate) struct Known {
    names: HashMap<String, String>,
}

impl Known {
    /// Records a full name and its final parts (« Ibrahim Boubacar Keïta » → « keita »,
    /// « boubacar keita »). The most recent person wins an ambiguous short form.
    pub fn add(&mut self, full: &str) {
        let f = Folded::new(full, 0);
        let toks: Vec<&str> = tokenize(full, 0, f.view())
            .into_iter()
            .map(|t| t.key)
            .collect();
        if toks.len() < 2 {
            return;
        }
        for k in 0..toks.len() {
            let key = toks[k..].join(" ");
            if k > 0 && LEXICON.particles.contains(key.as_str()) {
                continue;
            }
            self.names.insert(key, full.to_string());
        }
    }

    /// The full name known for the words `toks` (their keys joined by spaces).
    pub fn get_words(&self, toks: &[Tok]) -> Option<&String> {
        if self.names.is_empty() {
            return None;
        }
        self.names.get(&key_of(toks))
    }

    /// The full name for a name written short before its full form appeared
    /// (« le président Keïta » in a headline, « Ibrahim Boubacar Keïta » below).
    pub fn full(&self, name: &str) -> Option<&String> {
        // words on both sides of a space: two words at least (none spans whitespace)
        if self.names.is_empty() || two_words(name) {
            return None;
        }
        let f = Folded::new(name, 0);
        let key = tokenize(name, 0, f.view());
        if key.len() != 1 {
            return None;
        }
        self.names.get(key[0].key)
    }
}

/// True when `s` has a word character both before and after some ASCII whitespace.
pub(crate) fn two_words(s: &str) -> bool {
    let Some(w) = s.find(is_word_char) else {
        return false;
    };
    s[w..]
        .find(|c: char| c.is_ascii_whitespace())
        .is_some_and(|sp| s[w + sp..].contains(is_word_char))
}

/// The context a person search needs.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub ld: &'a LangData,
    pub sent_start: usize,
    pub sent_end: usize,
    pub toks: &'a [Tok<'a>],
    /// The roles of the sentence (whole words, sorted and disjoint), found when first
    /// asked: most sentences have no name to ask about.
    pub roles: std::cell::OnceCell<Vec<RoleHit>>,
    /// The sentence folded.
    pub folded: FoldedView<'a>,
}

impl Ctx<'_> {
    /// The roles of the sentence.
    fn roles(&self) -> &[RoleHit] {
        self.roles.get_or_init(|| {
            let ft = self.folded.text;
            self.ld
                .roles
                .find_iter(ft)
                .filter(|m| super::whole_words(ft, m.start(), m.end()))
                .map(|m| {
                    let (start, end) = self.folded.orig_range(m.start(), m.end());
                    RoleHit { start, end }
                })
                .collect()
        })
    }

    /// The folded text of `text[from..to]` (char boundaries inside the sentence).
    fn folded_slice(&self, from: usize, to: usize) -> &str {
        folded_range(self.folded, from, to)
    }
}

/// Byte `i` moved back to a char boundary of `s`.
pub(crate) fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte `i` moved forward to a char boundary of `s`.
pub(crate) fn ceil_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A set of characters, ASCII ones tested through a bit mask.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Marks {
    ascii: u128,
    list: &'static str,
}

impl Marks {
    pub(crate) const fn new(list: &'static str) -> Marks {
        let b = list.as_bytes();
        let (mut ascii, mut i) = (0u128, 0);
        while i < b.len() {
            if b[i] < 0x80 {
                ascii |= 1 << b[i];
            }
            i += 1;
        }
        Marks { ascii, list }
    }

    /// True when `c` is one of the characters.
    #[inline]
    pub(crate) fn has(&self, c: char) -> bool {
        match u32::from(c) {
            a @ 0..=0x7F => (self.ascii >> a) & 1 == 1,
            _ => self.list.contains(c),
        }
    }

    /// True when `s` holds one of the characters.
    #[inline]
    pub(crate) fn any_in(&self, s: &str) -> bool {
        s.chars().any(|c| self.has(c))
    }
}

/// Marks that end a role's phrase before a name.
const STOP_MARKS: Marks = Marks::new(".;:!?()[]«»\"“”\n");
/// Marks not allowed between a name's comma and the role after it.
const LEAD_MARKS: Marks = Marks::new(",.;:()«»\"");
/// Marks that end the complement of a role.
const EXTENT_MARKS: Marks = Marks::new(",.;:()«»\"“”\n");

/// Longest look-around window, in bytes, so that long sentences stay linear.
pub(crate) const WINDOW: usize = 240;

fn only_spaces(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '\u{202f}')
}

fn name_part(ctx: &Ctx, t: &Tok, blocked: &dyn Fn(usize, usize) -> bool, first: bool) -> bool {
    if !t.alpha || t.acronym {
        return false;
    }
    let k = t.key;
    // the word's own tests first (a stoplisted capitalized word fails most often), then
    // the roles and the other actors' spans
    let own = if t.cap {
        let stop = ctx.ld.notnames.contains(k) || ctx.lex.demonyms.contains_key(k);
        !stop || (!first && ctx.ld.is("particle", k))
    } else {
        // « al-Sahraoui », « el-Béchir »: a lowercase particle glued to a capitalized name
        !first
            && glued_particle(k)
            && ctx.text[t.start..t.end]
                .chars()
                .nth(3)
                .is_some_and(char::is_uppercase)
    };
    own && !blocked(t.start, t.end) && !ctx.ld.role_words.contains(k) && {
        // roles are sorted and disjoint: only the last one starting at or before
        // the token can cover it
        let roles = ctx.roles();
        let i = roles.partition_point(|r| r.start <= t.start);
        !(i > 0 && t.end <= roles[i - 1].end)
    }
}

/// Finds the persons of one sentence. `blocked` tells whether a range is taken by
/// another actor. Known names grow as full names are found.
pub(crate) fn find(
    ctx: &Ctx,
    blocked: &dyn Fn(usize, usize) -> bool,
    known: &mut Known,
) -> Vec<PersonHit> {
    let toks = ctx.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].cap && name_part(ctx, &toks[i], blocked, true)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && j - i < 6 {
            let gap = &ctx.text[toks[j - 1].end..toks[j].start];
            if !(only_spaces(gap) || gap.is_empty() && toks[j].key.starts_with('\'')) {
                break;
            }
            if name_part(ctx, &toks[j], blocked, false) {
                j += 1;
            } else if ctx.ld.is("particle", toks[j].key)
                && !toks[j].cap
                && j + 1 < toks.len()
                && only_spaces(&ctx.text[toks[j].end..toks[j + 1].start])
                && toks[j + 1].cap
                && name_part(ctx, &toks[j + 1], blocked, false)
            {
                j += 2;
            } else {
                break;
            }
        }
        // a leading capitalized word may be a complement (« de l'Intérieur Hama Souley »)
        // a name opens at a first name when there is one (« Defense Secretary Lloyd … »)
        let firsts = (i..j).filter(|&k| is_first_name(ctx.lex, toks[k].key));
        let order: Vec<usize> = firsts.chain(i..j).collect();
        if let Some(hit) = order.into_iter().find_map(|k| judge(ctx, k, j, known)) {
            out.push(hit);
        }
        i = j;
    }
    out
}

fn key_of(toks: &[Tok]) -> String {
    toks.iter().map(|t| t.key).collect::<Vec<_>>().join(" ")
}

fn is_first_name(lex: &Lexicon, key: &str) -> bool {
    lex.firstnames.contains(key)
        || key
            .split('-')
            .next()
            .is_some_and(|p| p.len() > 1 && lex.firstnames.contains(p))
}

/// Decides whether tokens `i..j` name a person, and which.
fn judge(ctx: &Ctx, mut i: usize, j: usize, known: &mut Known) -> Option<PersonHit> {
    let toks = ctx.toks;
    // a capitalized common word opening the sentence is not part of the name
    let at_start = |i: usize| toks[i].start <= ctx.sent_start + 1 || i == 0;
    if j - i >= 2
        && at_start(i)
        && !is_first_name(ctx.lex, toks[i].key)
        && known.get_words(&toks[i..j]).is_none()
    {
        i += 1;
    }
    let name_toks = &toks[i..j];
    let (start, end) = (name_toks[0].start, name_toks[name_toks.len() - 1].end);
    let n = name_toks.len();
    // Each test below that rejects the name reads only what it needs (the look-arounds
    // have no side effects), the cheap ones first.
    // « stade Modibo Keïta », « boulevard … »: a place named after a person
    if (i > 0 && ctx.ld.place_heads.contains(toks[i - 1].key))
        || ctx.ld.place_heads.contains(toks[j - 1].key)
    {
        return None;
    }
    let known_name = known.get_words(name_toks).cloned();
    let before = role_before(ctx, start);
    let honor = honorific_before(ctx, start);
    if n == 1 && known_name.is_none() && before.is_none() && honor.is_none() {
        return None;
    }
    let first = n >= 2 && is_first_name(ctx.lex, name_toks[0].key);
    // « ministre de la Communication »: a capitalized word after a preposition is a
    // complement, not a name, unless it is a full name with a first name
    let after_prep = i > 0 && ctx.ld.is("prep", toks[i - 1].key);
    if after_prep && known_name.is_none() && !first && honor.is_none() {
        return None;
    }
    let after = role_after(ctx, end);
    let cue = || n >= 2 && !at_start(i) && (verb_after(ctx, end) || prep_before(ctx, start));
    let evidence = before.is_some() || after.is_some() || honor.is_some() || first || cue();
    if known_name.is_none() && !evidence {
        return None;
    }
    let written = &ctx.text[start..end];
    let name = match known_name {
        Some(full) => full,
        None => {
            if n >= 2 {
                known.add(written);
            }
            written.to_string()
        }
    };
    let role = before
        .map(|(s, e)| ctx.text[s..e].to_string())
        .or_else(|| after.map(|(s, e)| ctx.text[s..e].to_string()));
    let span_start = honor.unwrap_or(start);
    Some(PersonHit {
        start: span_start,
        end,
        ext_start: before.map_or(span_start, |(s, _)| role_chain_start(ctx, s)),
        ext_end: after.map_or(end, |(_, e)| e),
        name,
        role,
    })
}

/// The role written just before a name (« le ministre de la Communication, »): its span.
pub(crate) fn role_before(ctx: &Ctx, name_start: usize) -> Option<(usize, usize)> {
    let roles = ctx.roles();
    let i = roles.partition_point(|r| r.end <= name_start);
    let r = roles.get(i.checked_sub(1)?)?;
    let gap = &ctx.text[r.end..name_start];
    if gap.len() > 90 || STOP_MARKS.any_in(gap) {
        return None;
    }
    let trimmed = gap.trim_end().trim_end_matches(',').trim_end();
    if trimmed.contains(',') {
        return None;
    }
    let words: Vec<Tok> = tokenize(trimmed, r.end, ctx.folded);
    if words.len() > 8 {
        return None;
    }
    if words.iter().any(|w| ctx.ld.is("role_bad", w.key)) {
        return None;
    }
    if let Some(w) = words.first() {
        let ok = ctx.lex.demonyms.contains_key(w.key) || ctx.ld.is("prep", w.key);
        if !ok {
            return None;
        }
    }
    let end = r.end + trimmed.len();
    // a demonym right before the head belongs to the role (« Senegalese President »)
    let lead = ctx.text[..r.start].trim_end_matches(' ');
    let lead_start = lead
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(lead.len(), |(i, _)| i);
    let start = if lead_start >= ctx.sent_start
        && lead.len() < r.start
        && ctx
            .lex
            .demonyms
            .contains_key(ctx.folded_slice(lead_start, lead.len()))
    {
        lead_start
    } else {
        r.start
    };
    Some((start, end.max(r.end)))
}

/// The start of a chain of roles ending with the role at `start` (« le porte-parole
/// de l'armée, le colonel » before a name): the source search treats it as one.
pub(crate) fn role_chain_start(ctx: &Ctx, mut start: usize) -> usize {
    for _ in 0..3 {
        let roles = ctx.roles();
        let i = roles.partition_point(|r| r.end <= start);
        let Some(r) = i.checked_sub(1).and_then(|i| roles.get(i)) else {
            break;
        };
        let gap = &ctx.text[r.end..start];
        let words = tokenize(gap, r.end, ctx.folded);
        if gap.len() > 60
            || STOP_MARKS.any_in(gap)
            || gap.matches(',').count() > 1
            || words.len() > 6
            || words.iter().any(|w| ctx.ld.is("role_bad", w.key))
        {
            break;
        }
        start = r.start;
    }
    start
}

/// The role given in apposition just after a name (« , le ministre malien de la Communication »).
pub(crate) fn role_after(ctx: &Ctx, name_end: usize) -> Option<(usize, usize)> {
    let to = floor_char(ctx.text, (name_end + WINDOW).min(ctx.sent_end));
    let rest = &ctx.text[name_end..to];
    let after_comma = rest.trim_start().strip_prefix(',')?;
    let from = to - after_comma.len();
    // up to two words (an article, « France's ») before the role
    let roles = ctx.roles();
    let i = roles.partition_point(|r| r.start < from);
    let r = roles.get(i).filter(|r| r.start <= from + 24)?;
    let lead = tokenize(&ctx.text[from..r.start], from, ctx.folded);
    if lead.len() > 3 || ctx.text[from..r.start].chars().any(|c| LEAD_MARKS.has(c)) {
        return None;
    }
    let lead_ok = lead
        .iter()
        .all(|t| ctx.ld.is("role_lead", t.key) || t.cap || ctx.lex.demonyms.contains_key(t.key));
    if !lead_ok {
        return None;
    }
    Some((r.start, role_extent(ctx, r.end)))
}

/// Extends a role head over a demonym and a short complement (« malien de la Communication »).
fn role_extent(ctx: &Ctx, head_end: usize) -> usize {
    let to = floor_char(ctx.text, (head_end + WINDOW).min(ctx.sent_end));
    let rest = &ctx.text[head_end..to];
    let stop = rest
        .find(|c: char| EXTENT_MARKS.has(c))
        .unwrap_or(rest.len());
    let words = tokenize(&rest[..stop], head_end, ctx.folded);
    let mut end = head_end;
    // an apposition closed by a comma within a few words is taken whole
    // (« , porte-parole militaire, »)
    if rest[stop..].starts_with(',') && words.len() <= 3 {
        return words.last().map_or(end, |w| w.end);
    }
    let mut k = 0;
    if words
        .first()
        .is_some_and(|w| ctx.lex.demonyms.contains_key(w.key))
    {
        end = words[0].end;
        k = 1;
    }

    if words.get(k).is_some_and(|w| ctx.ld.is("prep", w.key)) {
        // a complement closed by a comma within a few words is taken whole
        // (« , le gouverneur de la région de Mopti, »)
        if rest[stop..].starts_with(',') && words.len() - k <= 8 {
            return words.last().map_or(end, |w| w.end);
        }
        let mut last_cap = false;
        for (taken, w) in words[k..].iter().enumerate() {
            if taken >= 6 {
                break;
            }
            if ctx.ld.is("prep", w.key) || ctx.ld.is("role_lead", w.key) {
                last_cap = false;
            } else if w.cap {
                end = w.end;
                last_cap = true;
            } else if last_cap {
                end = w.end;
                last_cap = false;
            } else {
                break;
            }
        }
    }
    end
}

/// The honorific right before a name (« M. », « Mr. »): its start.
fn honorific_before(ctx: &Ctx, name_start: usize) -> Option<usize> {
    let base = ceil_char(ctx.text, name_start.saturating_sub(40).max(ctx.sent_start));
    let before = ctx.text[base..name_start].trim_end();
    // no honorific ends with that byte
    if let Some(&b) = before.as_bytes().last() {
        if !ctx.ld.honorific_ends[usize::from(b)] {
            return None;
        }
    }
    ctx.ld.honorifics.iter().find_map(|h| {
        let s = before.strip_suffix(h)?;
        let ok = !s.chars().next_back().is_some_and(is_word_char);
        ok.then_some(base + s.len())
    })
}

/// True when a reporting verb follows the name (« X a déclaré », « X said »).
fn verb_after(ctx: &Ctx, end: usize) -> bool {
    let to = floor_char(ctx.text, (end + WINDOW).min(ctx.sent_end));
    super::sources::statement_follows(ctx.ld, ctx.folded_slice(end, to))
}

/// True when « selon » / « according to » opens the phrase just before the name.
fn prep_before(ctx: &Ctx, start: usize) -> bool {
    let from = ceil_char(ctx.text, start.saturating_sub(WINDOW).max(ctx.sent_start));
    let before = ctx.folded_slice(from, start).trim_end();
    ctx.ld.sources.find_iter(before).any(|m| {
        m.end() == before.len()
            && ctx.ld.source_kinds[m.pattern().as_usize()] == SourceKind::Prep
            && !before[..m.start()]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
    })
}
