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
use crate::text::{fold, is_word_char, Folded, FoldedView, ShortWords};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;
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

/// The lexicon of one language: a trie of phrases over token ids.
///
/// Each distinct folded token of the phrases gets an id; a phrase is the path
/// of its tokens' ids from the root, and its entry sits on the node the path
/// ends at.
#[derive(Debug)]
pub struct Lexicon {
    /// Folded token → id.
    vocab: FxHashMap<Box<str>, u32>,
    /// The ids of the tokens of up to 8 bytes, for fast lookups.
    short: ShortWords,
    /// (node, token id) → child node; node 0 is the root.
    edges: FxHashMap<(u32, u32), u32>,
    /// The children of the root by token id (0: none).
    root: Vec<u32>,
    /// The entry of each node that ends a phrase.
    nodes: Vec<Option<Entry>>,
    /// A token of each phrase of an attack trigger or an outcome (see [`Lexicon::may_event`]).
    event_keys: Option<AhoCorasick>,
    /// A token of each phrase that can make a sentence hold a claim without a
    /// number mention (attack triggers, singular victim and outcome nouns: see
    /// [`Lexicon::may_claim`]).
    claim_keys: Option<AhoCorasick>,
    /// A token of each phrase telling where victims were taken (see [`Lexicon::may_move`]).
    away_keys: Option<AhoCorasick>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            vocab: FxHashMap::default(),
            short: ShortWords::default(),
            edges: FxHashMap::default(),
            root: Vec::new(),
            nodes: vec![None],
            event_keys: None,
            claim_keys: None,
            away_keys: None,
        }
    }
}

/// The id of a token absent from the lexicon.
const UNKNOWN: u32 = crate::text::NO_ID;

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

/// An entry without whose match a sentence holds no claim: an attack trigger, or
/// an outcome (every toll has one).
fn event_cue(e: &Entry) -> bool {
    e.has(ATTACK) || e.outcome.is_some()
}

/// An entry whose match can make a claim without a number mention: an attack
/// trigger, or a singular victim or outcome noun (counted one after an article).
fn claim_cue(e: &Entry) -> bool {
    e.has(ATTACK) || (e.singular && (e.victims.is_some() || e.role(NOUN).is_some()))
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
        lex.finish()
    }

    fn entry(&mut self, phrase: &str) -> &mut Entry {
        let folded = fold(phrase);
        let mut node = 0u32;
        for (a, b) in tokenize(&folded) {
            let next_id = self.vocab.len() as u32;
            let id = *self.vocab.entry(folded[a..b].into()).or_insert(next_id);
            let next_node = self.nodes.len() as u32;
            node = *self.edges.entry((node, id)).or_insert(next_node);
            if node == next_node {
                self.nodes.push(None);
            }
        }
        self.nodes[node as usize].get_or_insert_default()
    }

    /// Builds the lookup tables once every phrase is in.
    fn finish(mut self) -> Lexicon {
        self.short = ShortWords::new(self.vocab.iter().map(|(t, &id)| (&**t, id)));
        self.root = vec![0; self.vocab.len()];
        for (&(node, id), &child) in &self.edges {
            if node == 0 {
                self.root[id as usize] = child;
            }
        }
        self.event_keys = self.key_tokens(event_cue);
        self.claim_keys = self.key_tokens(claim_cue);
        self.away_keys = self.key_tokens(|e| e.has(AWAY));
        self
    }

    /// A searcher for the longest token of each phrase whose entry passes `keep`:
    /// a sentence holds a match of such a phrase only if its folded text holds
    /// that token (`None` when no phrase passes).
    fn key_tokens(&self, keep: impl Fn(&Entry) -> bool) -> Option<AhoCorasick> {
        let mut words: Vec<&str> = vec![""; self.vocab.len()];
        for (t, &id) in &self.vocab {
            words[id as usize] = t;
        }
        // each node's parent and the token leading to it
        let mut up = vec![(0u32, UNKNOWN); self.nodes.len()];
        for (&(node, id), &child) in &self.edges {
            up[child as usize] = (node, id);
        }
        let mut keys: Vec<&str> = Vec::new();
        for (node, e) in self.nodes.iter().enumerate().skip(1) {
            if !e.as_ref().is_some_and(&keep) {
                continue;
            }
            let (mut n, mut best) = (node, "");
            while n != 0 {
                let (parent, id) = up[n];
                let w = words[id as usize];
                if w.len() > best.len() {
                    best = w;
                }
                n = parent as usize;
            }
            keys.push(best);
        }
        keys.sort_unstable();
        keys.dedup();
        // a key holding another is found only where that one is: one searched is enough
        let all = keys.clone();
        keys.retain(|k| !all.iter().any(|o| o.len() < k.len() && k.contains(o)));
        if keys.is_empty() {
            return None;
        }
        // leftmost-first: the same answer to `is_match` as any other kind, with the
        // vectorized prefilter of the packed searchers; a plain NFA, the cheapest to
        // build (searched little past the prefilter)
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(keys)
            .ok()
    }

    /// False when folded sentence `s` can hold no phrase of an attack trigger or
    /// of an outcome: it then holds no claim.
    pub fn may_event(&self, s: &str) -> bool {
        self.event_keys.as_ref().is_some_and(|a| a.is_match(s))
    }

    /// False when folded sentence `s` can hold no phrase of an attack trigger or
    /// of a singular victim or outcome noun (« un civil »): without a number
    /// mention it then holds no claim.
    pub fn may_claim(&self, s: &str) -> bool {
        self.claim_keys.as_ref().is_some_and(|a| a.is_match(s))
    }

    /// False when folded sentence `s` can hold no phrase of the places victims
    /// were taken to (« évacués vers »): no place of it is then pruned.
    pub fn may_move(&self, s: &str) -> bool {
        self.away_keys.as_ref().is_some_and(|a| a.is_match(s))
    }

    /// The id of a folded token (`UNKNOWN` when no phrase has it).
    fn id(&self, token: &str) -> u32 {
        self.id_at(token, 0, token.len())
    }

    /// The id of the folded token `text[a..b]`.
    #[inline(always)]
    fn id_at(&self, text: &str, a: usize, b: usize) -> u32 {
        match b.saturating_sub(a) {
            0 => UNKNOWN,
            n @ 1..=8 => self.short.get(text.as_bytes(), a, n),
            _ => text
                .get(a..b)
                .and_then(|t| self.vocab.get(t))
                .copied()
                .unwrap_or(UNKNOWN),
        }
    }

    /// The child of `node` by token `id`.
    #[inline]
    fn child(&self, node: u32, id: u32) -> Option<u32> {
        if id == UNKNOWN {
            return None;
        }
        if node == 0 {
            return self.root.get(id as usize).copied().filter(|&c| c != 0);
        }
        self.edges.get(&(node, id)).copied()
    }

    /// The entry of a phrase given as folded tokens joined by spaces.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        let mut node = 0;
        for t in key.split(' ').filter(|_| !key.is_empty()) {
            node = self.child(node, self.id(t))?;
        }
        self.nodes[node as usize].as_ref()
    }

    /// The phrase entries.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.nodes.iter().flatten()
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
    each_token(s, |a, b, _| out.push((a, b)));
    out
}

/// The character at byte `i` of `s` (a char boundary, not ASCII) and its length.
#[cold]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let c = s.get(i..).and_then(|t| t.chars().next()).unwrap_or('\0');
    (c, c.len_utf8().max(1))
}

/// Byte classes of the tokenizer: ASCII word bytes ([`is_word_char`]), ASCII
/// spaces (`char::is_whitespace`), other ASCII bytes, bytes of wider characters.
const WORD: u8 = 1;
const SPACE: u8 = 2;
const PUNCT: u8 = 0;
const WIDE: u8 = 3;
static CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 0x80 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// Calls `f(start, end, word)` for each token of [`tokenize`], in order.
#[inline]
fn each_token(s: &str, mut f: impl FnMut(usize, usize, bool)) {
    let bytes = s.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    while i < len {
        let (word, n) = match CLASS[bytes[i] as usize] {
            SPACE => {
                i += 1;
                continue;
            }
            WORD => (true, 1),
            PUNCT => (false, 1),
            _ => {
                let (c, n) = char_at(s, i);
                if c.is_whitespace() {
                    i += n;
                    continue;
                }
                (is_word_char(c), n)
            }
        };
        let start = i;
        i += n;
        if word {
            while i < len {
                match CLASS[bytes[i] as usize] {
                    WORD => i += 1,
                    WIDE => {
                        let (c, n) = char_at(s, i);
                        if !is_word_char(c) {
                            break;
                        }
                        i += n;
                    }
                    _ => {
                        // keep the elision mark when letters follow
                        if bytes[i] == b'\'' {
                            i += 1;
                        }
                        break;
                    }
                }
            }
        }
        f(start, i, word);
    }
}

/// A token of a sentence: original offsets (its folded text is [`Tokens::text`]).
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub word: bool,
    /// Byte range in the folded sentence.
    folded: (usize, usize),
    /// Id in the lexicon.
    id: u32,
}

/// A lexicon match over tokens `first..last` (exclusive).
#[derive(Debug, Clone)]
pub struct Match {
    pub first: usize,
    pub last: usize,
    pub entry: &'static Entry,
}

/// A tokenized sentence with its lexicon matches.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// The folded sentence.
    folded: String,
    pub toks: Vec<Token>,
    /// Matches in order, disjoint.
    pub matches: Vec<Match>,
    /// For each token, the index of the match covering it.
    pub match_at: Vec<Option<usize>>,
}

impl Tokens {
    /// Tokenizes `text` (which starts at byte `base` of the document) and matches `lex`.
    pub fn new(text: &str, base: usize, lex: &'static Lexicon) -> Tokens {
        let mut t = Tokens::default();
        t.fill(text, base, lex);
        t
    }

    /// [`Tokens::new`] reusing this one's buffers.
    pub fn fill(&mut self, text: &str, base: usize, lex: &'static Lexicon) {
        self.fill_folded(Folded::new(text, base).view(), lex);
    }

    /// [`Tokens::fill`] from the sentence's fold (`Document::fold_range`).
    pub fn fill_folded(&mut self, folded: FoldedView<'_>, lex: &'static Lexicon) {
        self.toks.clear();
        // about one token in 5 bytes: few regrowths
        self.toks.reserve(folded.text.len() / 4);
        self.matches.clear();
        self.match_at.clear();
        each_token(folded.text, |a, b, word| {
            let (start, end) = folded.orig_range(a, b);
            self.toks.push(Token {
                start,
                end,
                word,
                folded: (a, b),
                id: lex.id_at(folded.text, a, b),
            });
        });
        let n = self.toks.len();
        self.match_at.resize(n, None);
        // longest phrase first: walk the trie as far as the tokens go
        let mut i = 0;
        while i < n {
            let mut found = None;
            let mut node = 0;
            for (k, t) in self.toks[i..].iter().enumerate() {
                let Some(next) = lex.child(node, t.id) else {
                    break;
                };
                node = next;
                if let Some(e) = &lex.nodes[node as usize] {
                    found = Some((i + k + 1, e));
                }
            }
            match found {
                Some((last, entry)) => {
                    for slot in &mut self.match_at[i..last] {
                        *slot = Some(self.matches.len());
                    }
                    self.matches.push(Match {
                        first: i,
                        last,
                        entry,
                    });
                    i = last;
                }
                None => i += 1,
            }
        }
        self.folded.clear();
        self.folded.push_str(folded.text);
    }

    /// The folded text of token `i` (empty past the end).
    pub fn text(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.folded.get(t.folded.0..t.folded.1))
            .unwrap_or("")
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
    use proptest::strategy::Strategy as _;

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

    /// Whether [`Lexicon::may_claim`] and [`Lexicon::may_move`] see every match of
    /// their phrases in `text`.
    fn cues_seen(lang: Lang, text: &str) -> Result<(), String> {
        let lex = lexicon(lang);
        let t = Tokens::new(text, 0, lex);
        let folded = Folded::new(text, 0).text;
        for m in &t.matches {
            if event_cue(m.entry) && !lex.may_event(&folded) {
                return Err(format!(
                    "event cue {:?} missed in {text:?}",
                    t.text(m.first)
                ));
            }
            if claim_cue(m.entry) && !lex.may_claim(&folded) {
                return Err(format!(
                    "claim cue {:?} missed in {text:?}",
                    t.text(m.first)
                ));
            }
            if m.entry.has(AWAY) && !lex.may_move(&folded) {
                return Err(format!("away cue {:?} missed in {text:?}", t.text(m.first)));
            }
        }
        Ok(())
    }

    #[rstest::rstest]
    #[case::attack(
        Lang::Fr,
        "Une attaque contre le camp militaire de Boulkessy",
        true,
        false
    )]
    #[case::attack_phrase(Lang::Fr, "Des hommes armés ont attaqué le poste", true, false)]
    #[case::suicide(Lang::Fr, "un attentat-suicide à Gao", true, false)]
    #[case::one_soldier(Lang::Fr, "la mort d'un soldat malien", true, false)]
    #[case::away(Lang::Fr, "Les rescapés ont été évacués vers Niamey", false, true)]
    #[case::nothing(Lang::Fr, "Le président a reçu le ministre mardi", false, false)]
    #[case::en_attack(Lang::En, "Gunmen ambushed a convoy near Gao", true, false)]
    #[case::en_away(Lang::En, "The wounded were flown to Bamako", false, true)]
    #[case::en_nothing(Lang::En, "The president met the minister on Tuesday", false, false)]
    fn cue_searches(
        #[case] lang: Lang,
        #[case] text: &str,
        #[case] claim: bool,
        #[case] away: bool,
    ) {
        let lex = lexicon(lang);
        let folded = Folded::new(text, 0).text;
        assert_eq!(lex.may_claim(&folded), claim, "{text}");
        assert_eq!(lex.may_move(&folded), away, "{text}");
        cues_seen(lang, text).unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Random mixes of the lexicons' words (cased or not), other words,
        /// punctuation and odd characters: every cue match is seen by the searches.
        #[test]
        fn cue_searches_miss_no_match(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    (0usize..400, proptest::bool::ANY).prop_map(|(k, upper)| {
                        let mut w: Vec<&str> = lexicon(Lang::Fr).vocab.keys()
                            .chain(lexicon(Lang::En).vocab.keys()).map(|w| &**w).collect();
                        w.sort_unstable();
                        let w = w[k % w.len()];
                        if upper { w.to_uppercase() } else { w.to_string() }
                    }),
                    proptest::sample::select(vec![
                        "évacués", "Attaqué", "piégée", "d'un", "l'", "-", ",", "à", "casque",
                        "bleus", "militaires", "divers", "mortier", "soldats",
                    ]).prop_map(String::from),
                    proptest::string::string_regex("[ ,.'’-]{1,2}").unwrap(),
                    proptest::string::string_regex("\\PC{1,4}").unwrap(),
                ],
                0..30,
            ),
            english in proptest::bool::ANY,
        ) {
            let text = parts.join(" ");
            let lang = if english { Lang::En } else { Lang::Fr };
            proptest::prop_assert!(cues_seen(lang, &text).is_ok(), "{:?}", cues_seen(lang, &text));
        }
    }

    #[test]
    fn every_file_parses() {
        for lang in [Lang::Fr, Lang::En] {
            let lex = lexicon(lang);
            assert!(lex.entries().count() > 40, "{lang}");
            assert!(lex.entries().any(|e| e.victims.is_some()));
            assert!(lex.entries().any(|e| e.has(ATTACK)));
        }
    }
}
