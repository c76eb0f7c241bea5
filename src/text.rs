//! Text helpers shared by the stages: case- and accent-folding that keeps a
//! map back to the original byte offsets (as `tokenizers`' `NormalizedString`),
//! and word-boundary tests.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A folded copy of a text with, for every folded byte, the byte offset of the
/// original character it came from (as `u32`: 4 bytes a byte of text; the
/// reader refuses documents past 4 GiB).
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    map: Vec<u32>,
}

/// An offset as stored in the map (saturating: offsets past 4 GiB never occur).
fn off(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Folded {
    /// Folds `s`, whose first byte sits at offset `base` of the original text.
    pub fn new(s: &str, base: usize) -> Folded {
        let mut text = Vec::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        let mut buf = String::new();
        let latin = &*LATIN_BYTES;
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii() {
                // a run of ASCII bytes in one go
                let run = fold_ascii_run(&bytes[i..], &mut text);
                let from = off(base + i);
                match u32::try_from(run).ok().and_then(|r| from.checked_add(r)) {
                    Some(to) => map.extend(from..to),
                    None => map.extend((0..run).map(|k| from.saturating_add(off(k)))),
                }
                i += run;
                continue;
            }
            // a two-byte character of U+0080–U+024F: its fold from the table
            if let (0xC2..=0xC9, Some(&next)) = (bytes[i], bytes.get(i + 1)) {
                let k = ((usize::from(bytes[i]) & 0x1F) << 6 | (usize::from(next) & 0x3F)) - 0x80;
                if let Some(&(f, len)) = latin.get(k) {
                    let f = &f[..usize::from(len)];
                    text.extend_from_slice(f);
                    map.extend(std::iter::repeat_n(off(base + i), f.len()));
                    i += 2;
                    continue;
                }
            }
            let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
            buf.clear();
            fold_char_into(c, &mut buf);
            text.extend_from_slice(buf.as_bytes());
            map.extend(std::iter::repeat_n(off(base + i), buf.len()));
            i += c.len_utf8();
        }
        map.push(off(base + s.len()));
        Folded {
            text: utf8(text),
            map,
        }
    }

    /// Original offset of folded byte `i` (`i` may be `text.len()`).
    pub fn orig(&self, i: usize) -> usize {
        self.view().orig(i)
    }

    /// Original offsets of the folded range `start..end`: the end maps to the
    /// end of the original character holding folded byte `end - 1`.
    pub fn orig_range(&self, start: usize, end: usize) -> (usize, usize) {
        self.view().orig_range(start, end)
    }

    /// The whole fold, borrowed.
    pub fn view(&self) -> FoldedView<'_> {
        FoldedView {
            text: &self.text,
            map: &self.map,
        }
    }

    /// The fold of original bytes `start..end` (character boundaries of the
    /// folded text), the same as `Folded::new(&text[start..end], start)` would
    /// give: folding goes character by character. `None` when the range is
    /// not on boundaries or outside.
    pub fn slice(&self, start: usize, end: usize) -> Option<FoldedView<'_>> {
        self.view().slice_from(0, start, end).map(|(v, _)| v)
    }
}

/// A borrowed fold: folded text and, for each of its bytes plus one past the
/// end, the original offset (see [`Folded`]).
#[derive(Debug, Clone, Copy)]
pub struct FoldedView<'a> {
    pub text: &'a str,
    map: &'a [u32],
}

impl<'a> FoldedView<'a> {
    /// [`Folded::slice`] on the view of a whole fold, searched for from folded byte
    /// `from` on (any byte at or before the range's: the end of the previous range
    /// when ranges come in order; from 0 when that is not so), with the folded end
    /// of the range, the `from` of the next one.
    pub fn slice_from(
        &self,
        from: usize,
        start: usize,
        end: usize,
    ) -> Option<(FoldedView<'a>, usize)> {
        let map = self.map;
        // the first index at or after `lo` whose offset is at least `o`, given that
        // every offset before `lo` is below `o`: galloping, then halving
        let lower = |mut lo: usize, o: usize| {
            let (mut hi, mut step) = (lo, 1);
            while hi < map.len() && (map[hi] as usize) < o {
                lo = hi + 1;
                hi += step;
                step *= 2;
            }
            let hi = hi.min(map.len());
            lo + map[lo..hi].partition_point(|&m| (m as usize) < o)
        };
        let from = match from.checked_sub(1).map(|i| map.get(i)) {
            Some(Some(&m)) if (m as usize) < start => from,
            _ => 0,
        };
        let at = |lo: usize, o: usize| {
            let i = lower(lo, o);
            (map.get(i).map(|&m| m as usize) == Some(o)).then_some(i)
        };
        let a = at(from, start)?;
        // the end: about as far in the fold as in the text (folding seldom changes
        // lengths), so searched for around there
        let guess = (a + (end - start.min(end))).min(map.len());
        let b = if map.get(guess).is_some_and(|&m| (m as usize) < end) {
            at(guess + 1, end)?
        } else {
            // every offset before `lo` is below `end`, the one at `hi` is not (or `hi`
            // is the length): walk back from the guess, then halve
            let (mut lo, mut hi, mut step) = (a, guess, 1);
            while hi > a {
                let p = hi.saturating_sub(step).max(a);
                if (map[p] as usize) < end {
                    lo = p + 1;
                    break;
                }
                hi = p;
                step *= 2;
            }
            let i = lo + map[lo..hi].partition_point(|&m| (m as usize) < end);
            (map.get(i).map(|&m| m as usize) == Some(end)).then_some(i)?
        };
        // the first folded byte of a character: its map entry differs from the previous one
        let first = |i: usize| i == 0 || map[i - 1] != map[i];
        if !first(a) || !first(b) {
            return None;
        }
        Some((
            FoldedView {
                text: self.text.get(a..b)?,
                map: &map[a..=b],
            },
            b,
        ))
    }

    /// Original offset of folded byte `i` (`i` may be `text.len()`).
    pub fn orig(&self, i: usize) -> usize {
        self.map[i.min(self.map.len() - 1)] as usize
    }

    /// Original offsets of the folded range `start..end`: the end maps to the
    /// end of the original character holding folded byte `end - 1`.
    pub fn orig_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.orig(start);
        if end == 0 || end <= start {
            return (s, s);
        }
        let last = self.orig(end - 1);
        // the original end is the next distinct original offset after `last`
        let mut j = end;
        while j < self.map.len() && self.map[j] as usize == last {
            j += 1;
        }
        (s, self.orig(j))
    }
}

/// Bytes pushed one at a time by the folding fast paths are whole ASCII
/// characters or whole folded characters: the result is always UTF-8.
fn utf8(v: Vec<u8>) -> String {
    String::from_utf8(v).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

const LO7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HI: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// Folds the ASCII bytes at the start of `b` onto `out`, eight at a time
/// (SWAR: [`fold_ascii`] on each byte of a word), and returns how many.
fn fold_ascii_run(b: &[u8], out: &mut Vec<u8>) -> usize {
    let mut k = 0;
    while let Some(chunk) = b.get(k..k + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        if w & HI != 0 {
            break;
        }
        // high bit of each byte: >= 'A' and not >= '['
        let upper =
            (w + ONES * (0x80 - u64::from(b'A'))) & !(w + ONES * (0x80 - u64::from(b'['))) & HI;
        let lower = w | (upper >> 2);
        // high bit of each byte equal to '`'
        let x = lower ^ (ONES * u64::from(b'`'));
        let grave = !(((x & LO7) + LO7) | x | LO7);
        let folded = lower - (grave >> 7) * u64::from(b'`' - b'\'');
        out.extend_from_slice(&folded.to_le_bytes());
        k += 8;
    }
    while let Some(&c) = b.get(k).filter(|c| c.is_ascii()) {
        out.push(fold_ascii(c));
        k += 1;
    }
    k
}

/// Folds one ASCII byte (the fast path of [`fold_char_into`]).
#[inline]
fn fold_ascii(b: u8) -> u8 {
    // branch-free, so that runs of ASCII fold in vector registers
    let upper = u8::from(b.is_ascii_uppercase());
    let grave = u8::from(b == b'`');
    (b | (upper << 5)) - grave * (b'`' - b'\'')
}

/// The folds of U+0080–U+024F (Latin-1 and Latin Extended-A/B, where the
/// accented letters of French news are), made by [`fold_char_into`] itself.
static LATIN: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (0x80u32..0x250)
        .map(|u| {
            let mut o = String::new();
            if let Some(c) = char::from_u32(u) {
                fold_char_into(c, &mut o);
            }
            o
        })
        .collect()
});

/// [`LATIN`] as inline byte arrays, for the hot loop of [`Folded::new`] (the
/// table would end at a fold longer than 4 bytes, the rest taking the slow
/// path; there is none, a test holds it).
static LATIN_BYTES: std::sync::LazyLock<Vec<([u8; 4], u8)>> = std::sync::LazyLock::new(|| {
    LATIN
        .iter()
        .map_while(|f| {
            let mut b = [0u8; 4];
            b.get_mut(..f.len())?.copy_from_slice(f.as_bytes());
            Some((b, u8::try_from(f.len()).ok()?))
        })
        .collect()
});

/// Folds one character: lowercase, accents dropped, typographic variants made plain.
fn fold_char_into(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}' => out.push(' '),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
            out.push('-')
        }
        '\u{0153}' | '\u{0152}' => out.push_str("oe"),
        '\u{00E6}' | '\u{00C6}' => out.push_str("ae"),
        '\u{00DF}' => out.push_str("ss"),
        c if c.is_ascii() => out.push(fold_ascii(c as u8) as char),
        c => {
            let mut any = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                    any = true;
                }
            });
            if !any {
                out.push(c);
            }
        }
    }
}

/// Case- and accent-folds a string (« Ménaka » → « menaka », « l’armée » → « l'armee »).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return utf8(s.bytes().map(fold_ascii).collect());
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match (c as usize).checked_sub(0x80).and_then(|k| LATIN.get(k)) {
            Some(f) => out.push_str(f),
            None => fold_char_into(c, &mut out),
        }
    }
    out
}

/// True when byte `i` of `s` starts an uppercase letter (`char::is_uppercase`), the
/// letters of U+0080–U+00FF read from their bytes; false past the end and
/// inside a character.
#[inline]
pub fn upper_at(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let Some(&x) = b.get(i) else {
        return false;
    };
    match x {
        0..=0x7F => x.is_ascii_uppercase(),
        // U+0080–U+00BF: no uppercase letter
        0xC2 => false,
        // U+00C0–U+00FF: uppercase from U+00C0 to U+00DE, but for « × »
        0xC3 => b
            .get(i + 1)
            .is_some_and(|&y| (0x80..=0x9E).contains(&y) && y != 0x97),
        0xC4..=0xFF => s[i..].chars().next().is_some_and(char::is_uppercase),
        // inside a character
        _ => false,
    }
}

/// Letters, digits and the joiners that belong inside a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `text[start..end]` is not glued to a word character on either side.
pub fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Canonical key for comparing names: folded, leading articles and elision dropped,
/// punctuation turned to single spaces.
pub fn name_key(s: &str) -> String {
    // built in one buffer, without a string a word
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    let mut words = f
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty());
    let mut kept = 0;
    for (i, w) in words.by_ref().enumerate() {
        let w = w
            .strip_prefix("l'")
            .or_else(|| w.strip_prefix("d'"))
            .unwrap_or(w);
        if i == 0
            && matches!(
                w,
                "le" | "la" | "les" | "the" | "un" | "une" | "des" | "a" | "an"
            )
        {
            continue;
        }
        if !w.is_empty() {
            if kept > 0 {
                out.push(' ');
            }
            out.push_str(w.trim_matches('\''));
            kept += 1;
        }
    }
    out
}

/// A set of byte ranges that answers « does one of them cover `start..end`? »
/// in O(log n), for filters over whole documents (a linear scan per query
/// would make them quadratic).
#[derive(Debug, Clone, Default)]
pub struct Cover {
    /// Range starts, sorted.
    starts: Vec<usize>,
    /// The largest end among the ranges up to each index.
    max_end: Vec<usize>,
}

impl Cover {
    /// The cover of `ranges` (empty ranges are ignored).
    pub fn new(ranges: impl IntoIterator<Item = (usize, usize)>) -> Cover {
        let mut r: Vec<(usize, usize)> = ranges.into_iter().filter(|(a, b)| a < b).collect();
        r.sort_unstable();
        let mut max = 0;
        let max_end = r
            .iter()
            .map(|&(_, e)| {
                max = max.max(e);
                max
            })
            .collect();
        Cover {
            starts: r.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }

    /// True when one range holds all of `start..end`.
    pub fn covers(&self, start: usize, end: usize) -> bool {
        let n = self.starts.partition_point(|&s| s <= start);
        n > 0 && self.max_end[n - 1] >= end
    }
}

/// The id [`ShortWords`] gives a word it does not hold.
pub(crate) const NO_ID: u32 = u32::MAX;

/// Words of 1 to 8 bytes → ids, in an open-addressing table keyed by the
/// word's bytes read as one integer (no hashing of strings, no `memcmp`);
/// [`NO_ID`] for any other. Used by the claims and numbers lexicons.
#[derive(Debug, Default)]
pub(crate) struct ShortWords {
    /// (bytes, length, id); `NO_ID` ids mark empty slots. A power of two long.
    slots: Vec<(u64, u32, u32)>,
    /// 64 - log2(slots.len()).
    shift: u32,
}

impl ShortWords {
    pub(crate) fn new<'a>(tokens: impl Iterator<Item = (&'a str, u32)> + Clone) -> ShortWords {
        let short = || tokens.clone().filter(|(t, _)| (1..=8).contains(&t.len()));
        let size = (short().count() * 4).next_power_of_two().max(16);
        let mut table = ShortWords {
            slots: vec![(0, 0, NO_ID); size],
            shift: 64 - size.trailing_zeros(),
        };
        for (t, id) in short() {
            let w = word(t.as_bytes(), 0, t.len());
            let mut h = table.slot(w);
            while table.slots[h].2 != NO_ID {
                h = (h + 1) & (size - 1);
            }
            table.slots[h] = (w, t.len() as u32, id);
        }
        table
    }

    fn slot(&self, w: u64) -> usize {
        (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The id of `text[a..a + n]` ([`NO_ID`] unless `1 <= n <= 8`).
    #[inline]
    pub(crate) fn get(&self, text: &[u8], a: usize, n: usize) -> u32 {
        if self.slots.is_empty() || !(1..=8).contains(&n) {
            return NO_ID;
        }
        let w = word(text, a, n);
        let mask = self.slots.len() - 1;
        let mut h = self.slot(w);
        loop {
            let (x, len, id) = self.slots[h];
            if id == NO_ID || (x == w && len as usize == n) {
                return id;
            }
            h = (h + 1) & mask;
        }
    }
}

/// Bytes `a..a + n` of `text` (`1 <= n <= 8`) as a little-endian integer.
#[inline]
fn word(text: &[u8], a: usize, n: usize) -> u64 {
    let n = n.clamp(1, 8);
    match text.get(a..a + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        Some(c) => u64::from_le_bytes(c) & (u64::MAX >> (64 - 8 * n)),
        None => {
            let mut buf = [0u8; 8];
            let src = text.get(a..a + n).unwrap_or(&[]);
            buf[..src.len()].copy_from_slice(src);
            u64::from_le_bytes(buf)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_back_to_original_offsets() {
        let s = "À Ménaka, l’armée";
        let f = Folded::new(s, 10);
        assert_eq!(f.text, "a menaka, l'armee");
        let i = f.text.find("menaka").unwrap();
        let (a, b) = f.orig_range(i, i + "menaka".len());
        assert_eq!(&s[a - 10..b - 10], "Ménaka");
        let j = f.text.find("armee").unwrap();
        let (a, b) = f.orig_range(j, j + 5);
        assert_eq!(&s[a - 10..b - 10], "armée");
    }

    proptest::proptest! {
        /// The ASCII fast paths fold as the character-by-character rule does,
        /// and every folded byte maps to the start of its original character.
        #[test]
        fn fast_paths_fold_as_each_character(s in "(?s).{0,40}", base in 0usize..100) {
            let mut slow = String::new();
            let mut starts = Vec::new();
            for (i, c) in s.char_indices() {
                let before = slow.len();
                fold_char_into(c, &mut slow);
                starts.extend(std::iter::repeat_n(base + i, slow.len() - before));
            }
            let f = Folded::new(&s, base);
            proptest::prop_assert_eq!(&f.text, &slow);
            proptest::prop_assert_eq!(fold(&s), slow);
            for (k, &o) in starts.iter().enumerate() {
                proptest::prop_assert_eq!(f.orig(k), o);
            }
            proptest::prop_assert_eq!(f.orig(f.text.len()), base + s.len());
        }
    }

    #[test]
    fn short_words_are_found_by_their_bytes() {
        let t = ShortWords::new(
            [("un", 1), ("vingt", 2), ("soixante", 3), ("centaines", 4)].into_iter(),
        );
        let text = b"vingt soixante un";
        assert_eq!(t.get(text, 0, 5), 2);
        assert_eq!(t.get(text, 6, 8), 3);
        assert_eq!(t.get(text, 15, 2), 1, "at the very end of the text");
        assert_eq!(t.get(text, 0, 4), NO_ID, "« ving » is not « vingt »");
        assert_eq!(t.get(text, 0, 0), NO_ID);
        assert_eq!(
            t.get(b"centaines", 0, 9),
            NO_ID,
            "longer than 8 bytes: not held"
        );
    }

    #[test]
    fn every_latin_fold_fits_the_inline_table() {
        assert_eq!(LATIN_BYTES.len(), LATIN.len());
        for ((b, n), f) in LATIN_BYTES.iter().zip(LATIN.iter()) {
            assert_eq!(&b[..usize::from(*n)], f.as_bytes());
        }
    }

    #[test]
    fn ascii_folds_to_lowercase_and_plain_quote() {
        for b in 0u8..=127 {
            let want = if b == b'`' {
                b'\''
            } else {
                b.to_ascii_lowercase()
            };
            assert_eq!(fold_ascii(b), want, "byte {b}");
        }
    }

    proptest::proptest! {
        /// Eight bytes at a time fold as one at a time, up to the first non-ASCII byte.
        #[test]
        fn ascii_runs_fold_byte_by_byte(b in proptest::collection::vec(0u8..=130, 0..40)) {
            let mut out = Vec::new();
            let n = fold_ascii_run(&b, &mut out);
            let want: Vec<u8> = b.iter().take_while(|c| c.is_ascii()).map(|&c| fold_ascii(c)).collect();
            proptest::prop_assert_eq!(n, want.len());
            proptest::prop_assert_eq!(out, want);
        }
    }

    proptest::proptest! {
        /// [`FoldedView::slice_from`] gives [`Folded::slice`]'s view from any start,
        /// for ranges in order or not, on boundaries or not, and long sentences of
        /// letters that fold longer or shorter.
        #[test]
        fn slices_from_a_start_are_slices(
            s in "(?s)([a-zéèœßﬁ’ .ǅ]|[A-Z]{0,30}|.){0,60}",
            cuts in proptest::collection::vec((0usize..200, 0usize..200, 0usize..300), 1..8),
        ) {
            let whole = Folded::new(&s, 0);
            let view = whole.view();
            let mut from = 0;
            for (x, y, f) in cuts {
                let (a, b) = (x % (s.len() + 2), y % (s.len() + 2));
                for start in [from, f] {
                    let want = searched_slice(&whole, a, b).map(|v| (v.text, v.map));
                    let got = view.slice_from(start, a, b);
                    proptest::prop_assert_eq!(got.map(|(v, _)| (v.text, v.map)), want);
                    if let Some((_, next)) = got {
                        proptest::prop_assert_eq!(whole.map[next] as usize, b);
                        from = next;
                    }
                }
            }
        }
    }

    /// [`Folded::slice`] as two binary searches over the whole map: what
    /// [`FoldedView::slice_from`] must give from any start.
    fn searched_slice(f: &Folded, start: usize, end: usize) -> Option<FoldedView<'_>> {
        let at = |o: usize| {
            let i = f.map.partition_point(|&m| (m as usize) < o);
            (f.map.get(i).map(|&m| m as usize) == Some(o)).then_some(i)
        };
        let (a, b) = (at(start)?, at(end)?);
        let first = |i: usize| i == 0 || f.map[i - 1] != f.map[i];
        if a > b || !first(a) || !first(b) {
            return None;
        }
        Some(FoldedView {
            text: f.text.get(a..b)?,
            map: &f.map[a..=b],
        })
    }

    proptest::proptest! {
        /// A slice of a whole text's fold is the fold of that slice of the text.
        #[test]
        fn slices_fold_as_the_slice(s in "(?s).{0,40}", cut in proptest::collection::vec(0usize..50, 2)) {
            let whole = Folded::new(&s, 0);
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let (a, b) = (bounds[cut[0] % bounds.len()], bounds[cut[1] % bounds.len()]);
            let (a, b) = (a.min(b), a.max(b));
            let part = Folded::new(&s[a..b], a);
            let view = whole.slice(a, b).expect("character boundaries");
            proptest::prop_assert_eq!(view.text, part.text.as_str());
            for k in 0..=part.text.len() {
                proptest::prop_assert_eq!(view.orig(k), part.orig(k));
                proptest::prop_assert_eq!(view.orig_range(0, k), part.orig_range(0, k));
            }
        }
    }

    #[test]
    fn upper_at_is_false_past_the_end_and_inside_a_character() {
        assert!(upper_at("Émir", 0));
        assert!(!upper_at("Émir", 1), "inside « É »");
        assert!(upper_at("aB", 1));
        assert!(!upper_at("aB", 2));
        assert!(!upper_at("", 0));
    }

    #[test]
    fn slices_off_boundaries_are_refused() {
        let f = Folded::new("Ménaka", 0);
        assert!(f.slice(0, 2).is_none(), "inside « é »");
        assert!(f.slice(3, 1).is_none());
        assert!(f.slice(0, 99).is_none());
        assert_eq!(f.slice(3, 7).map(|v| v.text), Some("naka"));
    }

    #[test]
    fn ligatures_and_spaces() {
        assert_eq!(fold("Œuvre\u{202F}Côte"), "oeuvre cote");
        let f = Folded::new("cœur", 0);
        assert_eq!(f.orig_range(0, f.text.len()), (0, "cœur".len()));
    }

    #[test]
    fn names_drop_articles() {
        assert_eq!(name_key("l'armée malienne"), "armee malienne");
        assert_eq!(
            name_key("Les Forces armées maliennes"),
            "forces armees maliennes"
        );
        assert_eq!(name_key("the UN"), "un");
    }

    #[test]
    fn cover_answers_containment() {
        let c = Cover::new([(10, 20), (0, 5), (30, 30), (12, 40)]);
        assert!(c.covers(0, 5));
        assert!(c.covers(11, 19));
        assert!(c.covers(15, 40));
        assert!(!c.covers(4, 6));
        assert!(!c.covers(30, 41));
        assert!(!c.covers(5, 9));
        assert!(!Cover::new([]).covers(0, 0));
    }

    #[test]
    fn word_boundaries() {
        let t = "Gao, Gaoua";
        assert!(on_word_boundary(t, 0, 3));
        assert!(!on_word_boundary(t, 5, 8));
    }
}
