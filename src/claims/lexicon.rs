//! The claim lexicons of `models/<lang>/claims_*.tsv`, parsed once, and the
//! tokenizer that matches them on folded text.
//!
//! A sentence is folded (case and accents, with a map back to the original
//! offsets) and cut into tokens: words (letters and digits, an elided
//! article keeps its apostrophe: « d' ») and single punctuation marks.
//! Lexicon phrases are tokenized the same way and matched greedily, longest
//! first, on whole tokens, so « portés disparus » wins over « disparus » and
//! no phrase matches inside a word.

use crate::document::{Lang, Outcome, Victims};
use crate::models::tsv_rows;
use crate::text::{fold, is_word_char, Folded};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Roles of an outcome cue.
pub const NOUN: u8 = 1;
pub const AFTER: u8 = 2;
pub const BEFORE: u8 = 4;
pub const TOLL: u8 = 8;

/// Classes of structure words.
pub const FILLER: u16 = 1;
pub const MODIFIER: u16 = 2;
pub const CONNECTOR: u16 = 4;
pub const ARTICLE: u16 = 8;
pub const REVISION: u16 = 16;
pub const ATTACK: u16 = 32;
pub const ATTACK_PLURAL: u16 = 64;
pub const TARGET: u16 = 128;
pub const QUOTE: u16 = 256;
pub const PREVIOUS: u16 = 512;
pub const PARTITIVE: u16 = 1024;
pub const AWAY: u16 = 2048;
pub const REPORT: u16 = 4096;

/// What a lexicon phrase means (one phrase may carry several meanings).
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub outcome: Option<(Outcome, u8)>,
    pub victims: Option<Victims>,
    /// A singular noun: an article before it counts one.
    pub singular: bool,
    pub class: u16,
    /// The canonical target of a `target` phrase.
    pub target: Option<&'static str>,
}

impl Entry {
    pub fn has(&self, class: u16) -> bool {
        self.class & class != 0
    }
    pub fn role(&self, role: u8) -> Option<Outcome> {
        self.outcome.filter(|(_, r)| r & role != 0).map(|(o, _)| o)
    }
}

/// The lexicon of one language: phrases keyed by their tokens joined with spaces.
#[derive(Debug, Default)]
pub struct Lexicon {
    entries: HashMap<String, Entry>,
    max_tokens: usize,
}

fn outcome_of(s: &str) -> Option<Outcome> {
    Some(match s {
        "killed" => Outcome::Killed,
        "wounded" => Outcome::Wounded,
        "missing" => Outcome::Missing,
        "survivors" => Outcome::Survivors,
        "captured" => Outcome::Captured,
        "displaced" => Outcome::Displaced,
        _ => return None,
    })
}

fn victims_of(s: &str) -> Option<Victims> {
    Some(match s {
        "soldiers" => Victims::Soldiers,
        "civilians" => Victims::Civilians,
        "attackers" => Victims::Attackers,
        "peacekeepers" => Victims::Peacekeepers,
        "people" => Victims::People,
        _ => return None,
    })
}

impl Lexicon {
    fn parse(outcomes: &'static str, victims: &'static str, cues: &'static str) -> Lexicon {
        let mut lex = Lexicon::default();
        for row in tsv_rows(outcomes) {
            let (Some(o), Some(roles)) = (row.get(1).and_then(|s| outcome_of(s)), row.get(2))
            else {
                continue;
            };
            let mut r = 0u8;
            for part in roles.split(',') {
                r |= match part.trim() {
                    "noun" => NOUN,
                    "after" => AFTER,
                    "before" => BEFORE,
                    "toll" => TOLL,
                    _ => 0,
                };
            }
            let e = lex.entry(row[0]);
            // a phrase listed twice adds roles
            let before = e.outcome.filter(|&(x, _)| x == o).map_or(0, |(_, r)| r);
            e.outcome = Some((o, r | before));
            e.singular |= row.get(3) == Some(&"sg");
        }
        for row in tsv_rows(victims) {
            let Some(v) = row.get(1).and_then(|s| victims_of(s)) else {
                continue;
            };
            let e = lex.entry(row[0]);
            e.victims = Some(v);
            e.singular |= row.get(2) == Some(&"sg");
        }
        for row in tsv_rows(cues) {
            let value = row.get(2).copied().filter(|s| !s.is_empty());
            let class = match row.get(1).copied() {
                Some("filler") => FILLER,
                Some("modifier") => MODIFIER,
                Some("connector") => CONNECTOR,
                Some("article") => ARTICLE,
                Some("revision") => REVISION,
                Some("attack") if value == Some("plural") => ATTACK | ATTACK_PLURAL,
                Some("attack") => ATTACK,
                Some("target") => TARGET,
                Some("quote") => QUOTE,
                Some("previous") => PREVIOUS,
                Some("partitive") => PARTITIVE,
                Some("away") => AWAY,
                Some("report") => REPORT,
                _ => continue,
            };
            let e = lex.entry(row[0]);
            e.class |= class;
            if class == TARGET {
                e.target = value;
            }
        }
        lex
    }

    fn entry(&mut self, phrase: &str) -> &mut Entry {
        let toks: Vec<String> = tokenize(&fold(phrase))
            .into_iter()
            .map(|(a, b)| fold(phrase).get(a..b).unwrap_or("").to_string())
            .collect();
        self.max_tokens = self.max_tokens.max(toks.len());
        self.entries.entry(toks.join(" ")).or_default()
    }

    /// The entry of a phrase given as folded tokens joined by spaces.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }
}

static FR: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(
        include_str!("../../models/fr/claims_outcomes.tsv"),
        include_str!("../../models/fr/claims_victims.tsv"),
        include_str!("../../models/fr/claims_cues.tsv"),
    )
});
static EN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(
        include_str!("../../models/en/claims_outcomes.tsv"),
        include_str!("../../models/en/claims_victims.tsv"),
        include_str!("../../models/en/claims_cues.tsv"),
    )
});

/// The lexicon of `lang`.
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Token byte ranges of a folded text: words (an apostrophe after letters
/// stays with them: « d' », « l' ») and single punctuation marks.
pub fn tokenize(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else if d == '\'' {
                    // keep the elision mark when letters follow
                    end = j + 1;
                    it.next();
                    break;
                } else {
                    break;
                }
            }
            out.push((i, end));
        } else {
            out.push((i, i + c.len_utf8()));
        }
    }
    out
}

/// A token of a sentence: folded text and original offsets.
#[derive(Debug, Clone)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

/// A lexicon match over tokens `first..last` (exclusive).
#[derive(Debug, Clone)]
pub struct Match {
    pub first: usize,
    pub last: usize,
    pub entry: &'static Entry,
}

/// A tokenized sentence with its lexicon matches.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub toks: Vec<Token>,
    /// Matches in order, disjoint.
    pub matches: Vec<Match>,
    /// For each token, the index of the match covering it.
    pub match_at: Vec<Option<usize>>,
}

impl Tokens {
    /// Tokenizes `text` (which starts at byte `base` of the document) and matches `lex`.
    pub fn new(text: &str, base: usize, lex: &'static Lexicon) -> Tokens {
        let folded = Folded::new(text, base);
        let toks: Vec<Token> = tokenize(&folded.text)
            .into_iter()
            .map(|(a, b)| {
                let (start, end) = folded.orig_range(a, b);
                let t = &folded.text[a..b];
                Token {
                    word: t.chars().next().is_some_and(is_word_char),
                    text: t.to_string(),
                    start,
                    end,
                }
            })
            .collect();
        let mut matches = Vec::new();
        let mut match_at = vec![None; toks.len()];
        let mut i = 0;
        let mut key = String::new();
        while i < toks.len() {
            let mut found = None;
            let max = lex.max_tokens.min(toks.len() - i);
            for n in (1..=max).rev() {
                key.clear();
                for (k, t) in toks[i..i + n].iter().enumerate() {
                    if k > 0 {
                        key.push(' ');
                    }
                    key.push_str(&t.text);
                }
                if let Some(e) = lex.get(&key) {
                    found = Some((n, e));
                    break;
                }
            }
            match found {
                Some((n, entry)) => {
                    for slot in &mut match_at[i..i + n] {
                        *slot = Some(matches.len());
                    }
                    matches.push(Match {
                        first: i,
                        last: i + n,
                        entry,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        Tokens {
            toks,
            matches,
            match_at,
        }
    }

    /// The match starting at token `i`.
    pub fn match_starting(&self, i: usize) -> Option<&Match> {
        let m = &self.matches[self.match_at.get(i).copied().flatten()?];
        (m.first == i).then_some(m)
    }

    /// The match ending just before token `i` (its last token is `i - 1`).
    pub fn match_ending(&self, i: usize) -> Option<&Match> {
        let m = &self.matches[self.match_at.get(i.checked_sub(1)?).copied().flatten()?];
        (m.last == i).then_some(m)
    }

    /// First token starting at or after byte `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_elision() {
        let s = "d'un civil, l'armée";
        let t: Vec<&str> = tokenize(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(t, vec!["d'", "un", "civil", ",", "l'", "armée"]);
    }

    #[test]
    fn longest_phrase_wins() {
        let lex = lexicon(Lang::Fr);
        let t = Tokens::new("des militaires Portés disparus", 0, lex);
        assert_eq!(t.matches.len(), 2);
        let m = &t.matches[1];
        assert_eq!((m.first, m.last), (2, 4));
        assert_eq!(m.entry.role(NOUN), Some(Outcome::Missing));
    }

    #[test]
    fn every_file_parses() {
        for lang in [Lang::Fr, Lang::En] {
            let lex = lexicon(lang);
            assert!(lex.entries.len() > 40, "{lang}");
            assert!(lex.entries.values().any(|e| e.victims.is_some()));
            assert!(lex.entries.values().any(|e| e.has(ATTACK)));
        }
    }
}
