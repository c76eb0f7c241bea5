//! The sentence bounds of `unicode-segmentation` (UAX #29 as its
//! `split_sentence_bound_indices` computes them), for far less work: the
//! segmenter only runs on small windows around the characters that can end
//! a sentence.
//!
//! Why the windows give the same bounds (the segmenter's state machine,
//! `unicode-segmentation` 1.13):
//! - it breaks inside the text only by SB4 (after a ParaSep: CR, LF, Sep) or
//!   SB11 (after STerm/ATerm Close* Sp* ParaSep?), so it needs one of those
//!   "trigger" characters ([`is_trigger`]) in its recent state; every other
//!   character leaves a state without one unable to break;
//! - after an ASCII letter or digit (Upper, Lower, Numeric) its state only
//!   remembers that character: every rule looks back from the newest part
//!   and stops at it, so the segmenter started at that character (SB1's
//!   break there set aside) decides every later position as it would on the
//!   whole text;
//! - its only look-ahead (SB8) stops at the first Upper or Lower character,
//!   so a window ending just after an ASCII letter decides every position
//!   inside it as the whole text would.
//!
//! A window thus runs from the last ASCII letter or digit before a trigger
//! (or the previous window's last letter, or the start) to just after the
//! first ASCII letter after it (or the end); the text between windows has no
//! bound.

use super::{skip_plain_words, Squeezed, MAX_SPACE_RUN};
use unicode_segmentation::UnicodeSegmentation;

/// Characters of sentence-break category STerm, ATerm, Sep, CR or LF in the
/// Unicode tables of `unicode-segmentation` 1.13 (inclusive ranges, sorted).
/// A test checks every character against the segmenter.
const TRIGGERS: &[(u32, u32)] = &[
    (0xa, 0xa),
    (0xd, 0xd),
    (0x21, 0x21),
    (0x2e, 0x2e),
    (0x3f, 0x3f),
    (0x85, 0x85),
    (0x589, 0x589),
    (0x61d, 0x61f),
    (0x6d4, 0x6d4),
    (0x700, 0x702),
    (0x7f9, 0x7f9),
    (0x837, 0x837),
    (0x839, 0x839),
    (0x83d, 0x83e),
    (0x964, 0x965),
    (0x104a, 0x104b),
    (0x1362, 0x1362),
    (0x1367, 0x1368),
    (0x166e, 0x166e),
    (0x1735, 0x1736),
    (0x17d4, 0x17d5),
    (0x1803, 0x1803),
    (0x1809, 0x1809),
    (0x1944, 0x1945),
    (0x1aa8, 0x1aab),
    (0x1b4e, 0x1b4f),
    (0x1b5a, 0x1b5b),
    (0x1b5e, 0x1b5f),
    (0x1b7d, 0x1b7f),
    (0x1c3b, 0x1c3c),
    (0x1c7e, 0x1c7f),
    (0x2024, 0x2024),
    (0x2028, 0x2029),
    (0x203c, 0x203d),
    (0x2047, 0x2049),
    (0x2cf9, 0x2cfb),
    (0x2e2e, 0x2e2e),
    (0x2e3c, 0x2e3c),
    (0x2e53, 0x2e54),
    (0x3002, 0x3002),
    (0xa4ff, 0xa4ff),
    (0xa60e, 0xa60f),
    (0xa6f3, 0xa6f3),
    (0xa6f7, 0xa6f7),
    (0xa876, 0xa877),
    (0xa8ce, 0xa8cf),
    (0xa92f, 0xa92f),
    (0xa9c8, 0xa9c9),
    (0xaa5d, 0xaa5f),
    (0xaaf0, 0xaaf1),
    (0xabeb, 0xabeb),
    (0xfe12, 0xfe12),
    (0xfe15, 0xfe16),
    (0xfe52, 0xfe52),
    (0xfe56, 0xfe57),
    (0xff01, 0xff01),
    (0xff0e, 0xff0e),
    (0xff1f, 0xff1f),
    (0xff61, 0xff61),
    (0x10a56, 0x10a57),
    (0x10f55, 0x10f59),
    (0x10f86, 0x10f89),
    (0x11047, 0x11048),
    (0x110be, 0x110c1),
    (0x11141, 0x11143),
    (0x111c5, 0x111c6),
    (0x111cd, 0x111cd),
    (0x111de, 0x111df),
    (0x11238, 0x11239),
    (0x1123b, 0x1123c),
    (0x112a9, 0x112a9),
    (0x113d4, 0x113d5),
    (0x1144b, 0x1144c),
    (0x115c2, 0x115c3),
    (0x115c9, 0x115d7),
    (0x11641, 0x11642),
    (0x1173c, 0x1173e),
    (0x11944, 0x11944),
    (0x11946, 0x11946),
    (0x11a42, 0x11a43),
    (0x11a9b, 0x11a9c),
    (0x11c41, 0x11c42),
    (0x11ef7, 0x11ef8),
    (0x11f43, 0x11f44),
    (0x16a6e, 0x16a6f),
    (0x16af5, 0x16af5),
    (0x16b37, 0x16b38),
    (0x16b44, 0x16b44),
    (0x16d6e, 0x16d6f),
    (0x16e98, 0x16e98),
    (0x1bc9f, 0x1bc9f),
    (0x1da88, 0x1da88),
];

/// True for a character that can let the segmenter break (see [`TRIGGERS`]).
pub(super) fn is_trigger(c: char) -> bool {
    let c = c as u32;
    TRIGGERS
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Bytes that may start a trigger: the ASCII ones and the UTF-8 lead bytes
/// of the non-ASCII ones (checked in full by [`is_trigger`]).
const MAY_TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < TRIGGERS.len() {
        let (lo, hi) = TRIGGERS[i];
        let mut c = lo;
        while c <= hi {
            let lead = if c < 0x80 {
                c
            } else if c < 0x800 {
                0xc0 | (c >> 6)
            } else if c < 0x10000 {
                0xe0 | (c >> 12)
            } else {
                0xf0 | (c >> 18)
            };
            t[lead as usize] = true;
            c += 1;
        }
        i += 1;
    }
    t
};

/// The ASCII triggers (the ASCII bytes of [`MAY_TRIGGER`]).
pub(super) const ASCII_TRIGGERS: [u8; 5] = [b'\n', b'\r', b'!', b'.', b'?'];

/// Start of the first trigger character of `text` at or after byte `from`
/// (a char boundary).
fn next_trigger(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    loop {
        i += skip_plain_words(&b[i..], ASCII_TRIGGERS);
        let end = b.len().min(i + 8);
        if i >= end {
            return None;
        }
        while i < end {
            let c = b[i];
            // a non-ASCII byte of the table is a lead byte: `i` is a char boundary
            if MAY_TRIGGER[c as usize]
                && (c < 0x80 || text[i..].chars().next().is_some_and(is_trigger))
            {
                return Some(i);
            }
            i += 1;
        }
    }
}

/// The segments of `text` exactly as `text.split_sentence_bound_indices()`
/// gives them, as (start, end) byte offsets, passed in order to `f`. Each
/// window has its long runs (of spaces, or of one repeated mark) cut ([`Squeezed`]) before the segmenter
/// sees it.
pub(super) fn for_each_segment(text: &str, mut f: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let n = b.len();
    if n == 0 {
        return;
    }
    let mut last = 0;
    let mut emit = |x: usize| {
        if x > last {
            f(last, x);
            last = x;
        }
    };
    // windows start at or after `floor`: 0, then the previous window's last letter
    let mut floor = 0;
    let mut from = 0;
    while let Some(t) = next_trigger(text, from) {
        let p = b[floor..t]
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(floor, |k| floor + k);
        let q = b[t + 1..]
            .iter()
            .position(u8::is_ascii_alphabetic)
            .map_or(n, |k| t + 1 + k + 1);
        if let Some(k) = plain_break(&b[p..q]) {
            if let Some(k) = k {
                emit(p + k);
            }
        } else {
            let window = Squeezed::new(&text[p..q]);
            for (s, _) in window.text.split_sentence_bound_indices() {
                if s > 0 {
                    emit(p + window.orig(s));
                }
            }
        }
        if q == n {
            break;
        }
        floor = q - 1;
        from = q;
    }
    emit(n);
}

/// The bounds the segmenter finds in the commonest windows, without it
/// (`Some(Some(k))`: one bound at `k`; `Some(None)`: none; `None`: ask the
/// segmenter). A window here is an ASCII letter or digit and a full stop,
/// `!` or `?`, then up to [`MAX_SPACE_RUN`] spaces, a line break (`\n`, `\r`,
/// `\r\n`) or both, then an ASCII letter or the end: `soldats. Le`,
/// `soldats.\nLe`, `blessés.`; or a line break and a letter (`\nLe`). The
/// bound falls before a capital after spaces (UAX #29's SB11) and after a
/// line break (SB4); SB7 and SB8 keep « U.S » and « etc. le » whole, so a
/// lowercase letter after spaces goes to the segmenter. A test checks every
/// such window, and its near misses, against the segmenter.
pub(super) fn plain_break(w: &[u8]) -> Option<Option<usize>> {
    let term = w.len() >= 2 && w[0].is_ascii_alphanumeric() && matches!(w[1], b'.' | b'!' | b'?');
    let mut i = if term { 2 } else { 0 };
    let spaces = w[i..].iter().take_while(|&&c| c == b' ').count();
    if spaces > MAX_SPACE_RUN || (spaces > 0 && !term) {
        return None;
    }
    i += spaces;
    let sep = match w.get(i..) {
        Some([b'\r', b'\n', ..]) => 2,
        Some([b'\n' | b'\r', ..]) => 1,
        _ => 0,
    };
    if !term && sep == 0 {
        return None;
    }
    i += sep;
    match w.get(i..)? {
        [] => Some(None),
        [c] if sep > 0 && c.is_ascii_alphabetic() => Some(Some(i)),
        [c] if spaces > 0 && c.is_ascii_uppercase() => Some(Some(i)),
        _ => None,
    }
}
