//! A small tokenizer over folded text (see [`crate::text::Folded`]): words,
//! numbers, codes mixing letters and digits, and single punctuation marks,
//! each with its byte range in the folded text.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, with inner hyphens (« quatre-vingt-dix », « mi-novembre »);
    /// an elided word keeps its apostrophe (« d' », « jusqu' »).
    Word,
    /// Digits with inner `.`/`,` separators, or space-grouped thousands (« 4 000 »).
    Num,
    /// Letters and digits glued (« RPG7 », « 1er », « B-52 », « 19h30 »), or
    /// digits glued by `:` or `/` (« 06:00 », « 12/03/2019 »): never a quantity.
    Code,
    /// One punctuation or symbol character.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// True when whitespace separates this token from the previous one.
    pub space_before: bool,
    /// True when the token is ASCII without a hyphen.
    pub plain: bool,
}

fn is_num_sep(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/')
}

/// Classes of ASCII bytes: whitespace, letter, digit (as `char`'s methods say).
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
static ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The char starting at byte `i` of `text` (a char boundary), if any, with its class
/// bits (0 for a non-ASCII char: see [`non_ascii_class`]).
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, u8)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some((b as char, ASCII[b as usize]))
    } else {
        let c = text.get(i..)?.chars().next()?;
        Some((c, non_ascii_class(c)))
    }
}

/// The class bits of a non-ASCII char.
#[cold]
fn non_ascii_class(c: char) -> u8 {
    if c.is_whitespace() {
        SPACE
    } else if c.is_alphabetic() {
        LETTER
    } else if c.is_alphanumeric() {
        DIGIT | LETTER
    } else {
        0
    }
}

/// Splits folded text into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    tokenize_into(text, &mut toks);
    toks
}

/// [`tokenize`] into `toks` (cleared first), reusing its buffer.
pub(crate) fn tokenize_into(text: &str, toks: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    toks.clear();
    toks.reserve(text.len() / 5 + 1);
    let mut i = 0;
    let mut space = false;
    let mut nums = 0;
    loop {
        // plain spaces first
        while bytes.get(i) == Some(&b' ') {
            space = true;
            i += 1;
        }
        let Some((c, class)) = char_at(text, i) else {
            break;
        };
        let pos = i;
        i += c.len_utf8();
        if class & SPACE != 0 {
            space = true;
            continue;
        }
        if class & (LETTER | DIGIT) == 0 {
            toks.push(Tok {
                kind: Kind::Punct,
                start: pos,
                end: i,
                space_before: space,
                plain: c.is_ascii() && c != '-',
            });
            space = false;
            continue;
        }
        // a chunk of alphanumerics with inner joiners; `prev` is the char before `j`
        let mut j = i;
        let mut prev = c;
        let mut elided = false;
        let mut has_digit = c.is_ascii_digit();
        let mut plain = c.is_ascii();
        loop {
            // ASCII letters and digits first
            let run = j;
            while let Some(&b) = bytes.get(j) {
                let cl = if b < 0x80 { ASCII[b as usize] } else { 0 };
                if cl & (LETTER | DIGIT) == 0 {
                    break;
                }
                has_digit |= cl == DIGIT;
                j += 1;
            }
            if j > run {
                prev = bytes[j - 1] as char;
            }
            let Some((c, class)) = char_at(text, j) else {
                break;
            };
            if class & (LETTER | DIGIT) != 0 {
                plain = false;
                prev = c;
                j += c.len_utf8();
                continue;
            }
            // the joiners are one byte long
            if c == '\'' && prev.is_alphabetic() {
                // elision: « d'un » → « d' » + « un »
                j += 1;
                elided = true;
                break;
            }
            if c == '-' || (is_num_sep(c) && prev.is_ascii_digit()) {
                if let Some((n, nclass)) = char_at(text, j + 1) {
                    let joins = (c == '-' && nclass & (LETTER | DIGIT) != 0)
                        || (is_num_sep(c) && n.is_ascii_digit());
                    if joins {
                        has_digit |= n.is_ascii_digit();
                        plain &= c != '-' && n.is_ascii();
                        prev = n;
                        j += 1 + n.len_utf8();
                        continue;
                    }
                }
            }
            break;
        }
        if elided || !has_digit {
            toks.push(Tok {
                kind: Kind::Word,
                start: pos,
                end: j,
                space_before: space,
                plain,
            });
        } else {
            nums += 1;
            push_chunk(text, (pos, j), (space, plain), toks);
        }
        space = false;
        i = j;
    }
    if nums > 1 {
        merge_thousands(text, toks);
    }
}

/// Classifies one chunk holding a digit and not elided (`start..end`, after
/// whitespace or not, plain or not: see [`Tok`]) and pushes its token(s).
fn push_chunk(
    text: &str,
    (start, end): (usize, usize),
    (space, plain): (bool, bool),
    toks: &mut Vec<Tok>,
) {
    let tok = |kind, s, e, sp| Tok {
        kind,
        start: s,
        end: e,
        space_before: sp,
        plain,
    };
    let chunk = &text[start..end];
    let has_letter = chunk.chars().any(char::is_alphabetic);
    let numeric = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    if !has_letter && chunk.contains('-') {
        // « 30-32 », « 2012-2013 »: numbers joined by hyphens
        let parts: Vec<&str> = chunk.split('-').collect();
        if parts.iter().all(|p| numeric(p)) {
            let mut s = start;
            for (k, p) in parts.iter().enumerate() {
                if k > 0 {
                    toks.push(tok(Kind::Punct, s, s + 1, false));
                    s += 1;
                }
                toks.push(tok(Kind::Num, s, s + p.len(), k == 0 && space));
                s += p.len();
            }
            return;
        }
    }
    let kind = if numeric(chunk) {
        Kind::Num
    } else {
        Kind::Code
    };
    toks.push(tok(kind, start, end, space));
}

/// Joins space-grouped thousands: « 4 000 », « 1 200 000 » (one space between
/// groups; no-break spaces are plain spaces after folding).
fn merge_thousands(text: &str, toks: &mut Vec<Tok>) {
    // compacted in place: `kept` tokens are final; `last_ok`: the last kept token passes
    // `last_group_ok` (kept up to date as groups join, in constant time)
    let mut kept = 0;
    let mut last_ok = false;
    for r in 0..toks.len() {
        let t = toks[r];
        if kept > 0 {
            let last = &mut toks[kept - 1];
            let joinable = t.kind == Kind::Num
                && last.kind == Kind::Num
                && &text[last.end..t.start] == " "
                && last_ok
                && next_group_ok(&text[t.start..t.end]);
            if joinable {
                last.end = t.end;
                // a group with a decimal part ends the run
                last_ok = t.end - t.start == 3;
                continue;
            }
        }
        toks[kept] = t;
        kept += 1;
        last_ok = t.kind == Kind::Num && last_group_ok(&text[t.start..t.end]);
    }
    toks.truncate(kept);
}

/// The number before a space group: 1 to 3 digits, or already a grouped number.
fn last_group_ok(s: &str) -> bool {
    let mut groups = s.split(' ');
    let first = groups.next().unwrap_or("");
    let first_ok = first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit());
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A group after a space: exactly 3 digits, then maybe a decimal part.
fn next_group_ok(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && (b.len() == 3 || (b.len() > 4 && b[3] == b',' && b[4..].iter().all(u8::is_ascii_digit)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(Kind, String)> {
        tokenize(s)
            .into_iter()
            .map(|t| (t.kind, s[t.start..t.end].to_string()))
            .collect()
    }

    #[test]
    fn words_numbers_codes() {
        use Kind::*;
        let k = kinds("d'un rpg7, 4 000 et 30-32 a 19h30 [4] cinquante-trois 1,8");
        let got: Vec<(Kind, &str)> = k.iter().map(|(k, s)| (*k, s.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (Word, "d'"),
                (Word, "un"),
                (Code, "rpg7"),
                (Punct, ","),
                (Num, "4 000"),
                (Word, "et"),
                (Num, "30"),
                (Punct, "-"),
                (Num, "32"),
                (Word, "a"),
                (Code, "19h30"),
                (Punct, "["),
                (Num, "4"),
                (Punct, "]"),
                (Word, "cinquante-trois"),
                (Num, "1,8"),
            ]
        );
    }

    #[test]
    fn thousands_groups_need_three_digits() {
        let k = kinds("20 22 33 2019 150 1 200 000");
        let texts: Vec<&str> = k.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, vec!["20", "22", "33", "2019", "150", "1 200 000"]);
    }
}
