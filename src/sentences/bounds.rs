//! Raw sentence bounds (Unicode UAX #29), the same as `unicode-segmentation`'s
//! `split_sentence_bound_indices`, for a fraction of the work.
//!
//! UAX #29 breaks a sentence only after a terminator cluster
//! (`SATerm Close* Sp* ParaSep?`, rules SB8–SB11) or a paragraph separator
//! (SB4). So text without a terminator or separator holds no bound, and a
//! bound after one is decided by the characters around it: back to the
//! character before the cluster (SB7), forward over its look-ahead, which stops
//! at the first letter (SB8). Between two ASCII letters no rule can break and
//! every rule's context is cut: the segmenter's state there depends on the
//! letters alone. So the text is cut between ASCII letters into windows
//! around each terminator or separator, and the segmenter runs on those
//! windows only; stretches without one are skipped at a few instructions a
//! byte. A property test holds the bounds to the segmenter's on the whole text.

use std::cell::RefCell;
use unicode_segmentation::UnicodeSegmentation;

/// Per ASCII byte: 1 for a terminator or separator (`.`, `!`, `?`, CR, LF),
/// 2 for a letter, 0 otherwise; bytes from 0x80 are 3 (looked at as characters).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'.' | b'!' | b'?' | b'\n' | b'\r' => 1,
            b'a'..=b'z' | b'A'..=b'Z' => 2,
            0x80..=0xFF => 3,
            _ => 0,
        };
        b += 1;
    }
    t
};

const TRIGGER: u8 = 1;
const LETTER: u8 = 2;
const WIDE: u8 = 3;

/// Whether a non-ASCII character ends sentences (a terminator or a
/// separator), asked of the segmenter itself: after « a », before « A »,
/// a terminator or separator makes a bound and nothing else does.
fn probe(c: char) -> bool {
    let mut s = String::with_capacity(8);
    s.push('a');
    s.push(c);
    s.push_str(" A");
    s.split_sentence_bound_indices().nth(1).is_some()
}

/// Slots of the per-thread cache of [`probe`] answers (direct-mapped).
const CACHE: usize = 512;

thread_local! {
    static PROBED: RefCell<[(char, bool); CACHE]> = const { RefCell::new([('\0', false); CACHE]) };
}

/// [`probe`], remembered per thread (news text uses few distinct characters).
fn ends_sentences(c: char) -> bool {
    let slot = c as usize % CACHE;
    PROBED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let (k, v) = cache[slot];
        if k == c {
            return v;
        }
        let v = probe(c);
        cache[slot] = (c, v);
        v
    })
}

/// Byte offset of the first terminator or separator at or after `from`.
fn next_trigger(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() {
        match CLASS[usize::from(b[i])] {
            TRIGGER => return Some(i),
            WIDE => {
                // a character's first byte (`i` stays on boundaries)
                let c = text[i..].chars().next()?;
                if ends_sentences(c) {
                    return Some(i);
                }
                i += c.len_utf8();
            }
            _ => i += 1,
        }
    }
    None
}

/// True when bytes `i - 1` and `i` are both ASCII letters.
fn letter_pair(b: &[u8], i: usize) -> bool {
    i >= 1
        && i < b.len()
        && CLASS[usize::from(b[i - 1])] == LETTER
        && CLASS[usize::from(b[i])] == LETTER
}

/// The bounds of `text` inside it (neither 0 nor `text.len()`), in order,
/// appended to `out`: the segmenter's on the whole text.
pub(crate) fn inner_bounds(text: &str, out: &mut Vec<usize>) {
    let b = text.as_bytes();
    let mut floor = 0; // where the last window ended: a cut, or the start
    while let Some(t) = next_trigger(text, floor) {
        // the window starts at the last cut between letters before the trigger
        let mut start = t;
        while start > floor && !letter_pair(b, start) {
            start -= 1;
        }
        // and ends at the first cut after it
        let mut end = t + 1;
        while end < b.len() && !letter_pair(b, end) {
            end += 1;
        }
        // cuts fall between ASCII bytes: `start` and `end` are boundaries
        let window = &text[start..end];
        out.extend(
            window
                .split_sentence_bound_indices()
                .map(|(s, _)| start + s)
                .filter(|&s| s > start),
        );
        if end >= b.len() {
            break;
        }
        floor = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The segmenter's own bounds inside `text`.
    fn reference(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(s, _)| s)
            .filter(|&s| s > 0)
            .collect()
    }

    fn fast(text: &str) -> Vec<usize> {
        let mut v = Vec::new();
        inner_bounds(text, &mut v);
        v
    }

    #[rstest::rstest]
    #[case::fr_wire("Au moins 53 soldats ont été tués. L'armée a riposté! Pourquoi? « Non. »")]
    #[case::en_wire("At least 30 were killed on Nov. 1. The U.S. said so.\nNew line here.")]
    #[case::abbreviation_lowercase("Il est arrivé vers 10 h. environ et a parlé.")]
    #[case::upper_aterm_upper("Le N.B.A. et la F.I.F.A. Puis rien.")]
    #[case::numbers_after_dot("Il y a 3.5 millions. 4 morts.")]
    #[case::closes_and_spaces("« Fin. »  ) Suite.  (Il part.) ok")]
    #[case::separators("Un\u{2029}Deux\u{2028}Trois\u{85}Quatre\r\nCinq\rSix")]
    #[case::wide_terminators("終わり。次の文。Fin\u{2024} Suite‼ Encore\u{FF0E} fin")]
    #[case::no_letters_after(". . . ! ? ...")]
    #[case::empty("")]
    fn bounds_are_the_segmenters(#[case] text: &str) {
        assert_eq!(fast(text), reference(text));
    }

    #[test]
    fn ascii_and_wide_terminators_are_found() {
        assert!(ends_sentences('。'));
        assert!(ends_sentences('\u{2029}'));
        assert!(!ends_sentences('é'));
        assert!(!ends_sentences('»'));
        assert_eq!(next_trigger("Mali « fin » ici", 0), None);
        assert_eq!(next_trigger("Mali. Niger", 0), Some(4));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Any text at all.
        #[test]
        fn same_bounds_on_any_text(text in "(?s).{0,80}") {
            proptest::prop_assert_eq!(fast(&text), reference(&text));
        }

        /// News-like text: an alphabet rich in terminators, closing marks,
        /// spaces, separators, digits, letters of both cases, combining marks.
        #[test]
        fn same_bounds_on_news_like_text(
            text in "[aAbZéÉ .!?…,;:«»\"'’)(\\]\\[0-9\n\r\t\u{a0}\u{202f}\u{2029}\u{85}\u{301}\u{ad}。‼؟\u{2024}\u{fe52}-]{0,60}"
        ) {
            proptest::prop_assert_eq!(fast(&text), reference(&text));
        }
    }
}
