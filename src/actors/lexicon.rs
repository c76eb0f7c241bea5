//! The actors' language data, parsed once: the lexicon (`models/actors.tsv`), demonyms,
//! country names, institution templates, roles, honorifics, reporting verbs, first names
//! and the stoplists; and the automata that find them in folded text.

use crate::document::{ActorType, Lang};
use crate::models::{lines, tsv_rows};
use crate::places::trie::Trie;
use crate::text::{fold, is_word_char};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{LazyLock, OnceLock};

/// Where an actor's country comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Country {
    None,
    Fixed(&'static str),
    /// The document's country (`*` in the lexicon).
    Context,
}

/// How an alias is allowed to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MatchRule {
    Any,
    /// French only after a determiner (« les jihadistes »).
    Det,
    /// Resolved to the document country's actor of the same class.
    Ctx,
    /// Refers back to the last actor of the same class; dropped when none.
    Bare,
    /// The document country's actor of the class; dropped when none.
    Doc,
}

/// One row of `models/actors.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub name: &'static str,
    pub kind: ActorType,
    pub country: Country,
    pub class: Option<&'static str>,
    pub rule: MatchRule,
}

/// What a pattern of the actor trie stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    Entry(usize),
    /// An institution class with a country (« armée malienne » → army, ML).
    Class(&'static str, &'static str),
}

/// One pattern of the actor trie.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub target: Target,
    /// Case flags of the alias's letters (true where uppercase is required).
    pub caps: Vec<bool>,
    /// True when the alias is all uppercase letters (an acronym).
    pub acronym: bool,
    /// True when, in French, it needs a determiner before it (« un militaire malien »,
    /// not « camp militaire malien »).
    pub det: bool,
}

/// Kinds of source patterns (see `models/fr/sources.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceKind {
    Verb,
    Participle,
    Subject,
    Prep,
    Recipient,
    Act,
    Cue,
}

/// A country name or capital.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CountryName {
    pub iso: &'static str,
}

/// The first words of the actor trie's keys, as a bit table of their hashes: a text
/// position whose word is not there starts no key, and the trie is not walked there.
///
/// A key `W rest` (`W` its leading run of word characters) matches at a position only
/// when the text there starts with `W` and, right after it, with `rest`'s first
/// character, a non-word one, or (`rest` empty) with a non-word character or the end:
/// so the text's own run of word characters there is `W`. A key with no leading word
/// character may start anywhere (`loose`).
#[derive(Debug)]
pub(crate) struct FirstWords {
    bits: Vec<u64>,
    loose: bool,
}

/// Bits in [`FirstWords`]'s table (a power of two).
const FIRST_WORD_BITS: usize = 1 << 16;

impl FirstWords {
    fn new<'k>(keys: impl IntoIterator<Item = &'k str>) -> FirstWords {
        let mut t = FirstWords {
            bits: vec![0; FIRST_WORD_BITS / 64],
            loose: false,
        };
        for k in keys {
            let w = &k.as_bytes()[..word_end(k, 0)];
            if w.is_empty() {
                t.loose = true;
            } else {
                let h = first_word_hash(w);
                t.bits[h / 64] |= 1 << (h % 64);
            }
        }
        t
    }

    /// False when no key starts with the word `w` (a whole run of word characters).
    #[inline]
    pub fn may_start(&self, w: &[u8]) -> bool {
        let h = first_word_hash(w);
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }

    /// True when some key starts with a non-word character.
    #[inline]
    pub fn loose(&self) -> bool {
        self.loose
    }
}

/// A hash of a word into [`FirstWords`]'s table: its length, first two and last bytes.
#[inline]
fn first_word_hash(w: &[u8]) -> usize {
    let n = w.len();
    let at = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
    let x = at(0) | at(1) << 8 | at(n.wrapping_sub(1)) << 16 | (n as u32) << 24;
    (x.wrapping_mul(0x9E37_79B1) >> 16) as usize & (FIRST_WORD_BITS - 1)
}

/// The end of the run of word characters of `s` at byte `i` (a char boundary).
#[inline]
pub(crate) fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        while b.get(i).is_some_and(|&c| super::persons::ascii_word(c)) {
            i += 1;
        }
        match b.get(i) {
            Some(&c) if c >= 0x80 => match s[i..].chars().next() {
                Some(ch) if is_word_char(ch) => i += ch.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// The data of one language.
pub(crate) struct LangData {
    /// Folded aliases and institution names → pattern index.
    pub actors: Trie,
    /// The first words of the trie's keys.
    pub first_words: FirstWords,
    pub patterns: Vec<Pattern>,
    pub roles: AhoCorasick,
    pub role_words: HashSet<String>,
    pub honorifics: Vec<&'static str>,
    /// The last bytes of the honorifics (all bytes if one is empty).
    pub honorific_ends: [bool; 256],
    /// The source patterns of more than one byte.
    pub sources: AhoCorasick,
    pub source_kinds: Vec<SourceKind>,
    /// The source patterns of one byte (« à », folded) and their kinds: they are found apart
    /// (`sources::patterns`), since in a leftmost-longest search they match at nearly
    /// every « a ». Leaving them out of `sources` changes none of its other matches: a
    /// one-byte match at `s` is reported only where no other pattern starts at `s` and
    /// no match reported before covers it, and it ends at `s + 1`, where the search goes
    /// on either way; so such a pattern matches wherever no other match covers it. (The
    /// anchored and the prepositional searches of `sources` never wanted its kind.)
    pub source_bytes: Vec<(u8, SourceKind)>,
    pub countries: AhoCorasick,
    pub country_names: Vec<CountryName>,
    pub notnames: HashSet<String>,
    pub determiners: HashSet<String>,
    /// Nouns that make the name after them a place (« stade », « avenue »).
    pub place_heads: HashSet<String>,
    /// Closed word classes of `actor_grammar.tsv` (class → folded words).
    grammar: HashMap<&'static str, HashSet<String>>,
}

impl LangData {
    /// True when folded `word` belongs to the word class `class` of `actor_grammar.tsv`.
    pub fn is(&self, class: &str, word: &str) -> bool {
        self.grammar.get(class).is_some_and(|s| s.contains(word))
    }
}

/// Everything, both languages.
pub(crate) struct Lexicon {
    pub entries: Vec<Entry>,
    pub demonyms: HashMap<String, &'static str>,
    pub firstnames: HashSet<String>,
    /// Elided prefixes and name particles of every language.
    pub elisions: HashSet<String>,
    pub particles: HashSet<String>,
    /// The French and English aliases of each entry, and each language's demonyms,
    /// for the language data.
    aliases: Vec<Aliases>,
    dem_fr: Vec<(&'static str, &'static str)>,
    dem_en: Vec<(&'static str, &'static str)>,
    /// Each language's data, built the first time a document of that language comes.
    fr: OnceLock<LangData>,
    en: OnceLock<LangData>,
}

/// The French and English aliases of a lexicon entry.
type Aliases = (Vec<&'static str>, Vec<&'static str>);

impl Lexicon {
    pub fn lang(&self, lang: Lang) -> &LangData {
        match lang {
            Lang::Fr => self
                .fr
                .get_or_init(|| build_lang(&FR, lang, &self.aliases, &self.dem_fr)),
            Lang::En => self
                .en
                .get_or_init(|| build_lang(&EN, lang, &self.aliases, &self.dem_en)),
        }
    }

    /// The lexicon row of `class` for a country: its own row when it has one,
    /// else the class's `*` row (matched anywhere) with the country filled in.
    pub fn class_entry(&self, class: &str, iso: &str) -> Option<(usize, Option<&'static str>)> {
        let fixed = self.entries.iter().position(|e| {
            e.class == Some(class)
                && matches!(e.country, Country::Fixed(c) if c == iso)
                && e.rule == MatchRule::Any
        });
        if let Some(i) = fixed {
            return Some((i, None));
        }
        let iso: &'static str = self.iso_static(iso)?;
        self.entries
            .iter()
            .position(|e| {
                e.class == Some(class) && e.country == Country::Context && e.rule == MatchRule::Any
            })
            .map(|i| (i, Some(iso)))
    }

    /// The `'static` copy of an ISO code known to the data.
    pub fn iso_static(&self, iso: &str) -> Option<&'static str> {
        self.demonyms
            .values()
            .copied()
            .chain(self.entries.iter().filter_map(|e| match e.country {
                Country::Fixed(c) => Some(c),
                _ => None,
            }))
            .find(|c| *c == iso)
    }
}

static ACTORS_TSV: &str = include_str!("../../models/actors.tsv");
static FIRSTNAMES: &str = include_str!("../../models/firstnames.txt");
static NOTNAMES: &str = include_str!("../../models/notnames.txt");

struct LangFiles {
    demonyms: &'static str,
    countries: &'static str,
    institutions: &'static str,
    roles: &'static str,
    honorifics: &'static str,
    sources: &'static str,
    notnames: &'static str,
    determiners: &'static str,
    place_heads: &'static str,
    grammar: &'static str,
}

const FR: LangFiles = LangFiles {
    demonyms: include_str!("../../models/fr/demonyms.tsv"),
    countries: include_str!("../../models/fr/countries.tsv"),
    institutions: include_str!("../../models/fr/institutions.tsv"),
    roles: include_str!("../../models/fr/roles.txt"),
    honorifics: include_str!("../../models/fr/honorifics.txt"),
    sources: include_str!("../../models/fr/sources.tsv"),
    notnames: include_str!("../../models/fr/notnames.txt"),
    determiners: include_str!("../../models/fr/determiners.txt"),
    place_heads: include_str!("../../models/fr/place_heads.txt"),
    grammar: include_str!("../../models/fr/actor_grammar.tsv"),
};

const EN: LangFiles = LangFiles {
    demonyms: include_str!("../../models/en/demonyms.tsv"),
    countries: include_str!("../../models/en/countries.tsv"),
    institutions: include_str!("../../models/en/institutions.tsv"),
    roles: include_str!("../../models/en/roles.txt"),
    honorifics: include_str!("../../models/en/honorifics.txt"),
    sources: include_str!("../../models/en/sources.tsv"),
    notnames: include_str!("../../models/en/notnames.txt"),
    determiners: "",
    place_heads: include_str!("../../models/en/place_heads.txt"),
    grammar: include_str!("../../models/en/actor_grammar.tsv"),
};

/// The lexicon, built on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

fn actor_type(s: &str) -> ActorType {
    match s {
        "person" => ActorType::Person,
        "military" => ActorType::Military,
        "armed_group" => ActorType::ArmedGroup,
        "government" => ActorType::Government,
        "international" => ActorType::International,
        "media" => ActorType::Media,
        _ => ActorType::Other,
    }
}

fn entries() -> Vec<(Entry, Vec<&'static str>, Vec<&'static str>)> {
    tsv_rows(ACTORS_TSV)
        .filter(|r| r.len() >= 5 && !r[0].is_empty())
        .map(|r| {
            let country = match r[2] {
                "-" | "" => Country::None,
                "*" => Country::Context,
                c => Country::Fixed(c),
            };
            let rule = match r[4] {
                "det" => MatchRule::Det,
                "ctx" => MatchRule::Ctx,
                "bare" => MatchRule::Bare,
                "doc" => MatchRule::Doc,
                _ => MatchRule::Any,
            };
            let split = |i: usize| -> Vec<&'static str> {
                r.get(i)
                    .map(|s| {
                        s.split('|')
                            .map(str::trim)
                            .filter(|a| !a.is_empty())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let entry = Entry {
                name: r[0],
                kind: actor_type(r[1]),
                country,
                class: (r[3] != "-" && !r[3].is_empty()).then_some(r[3]),
                rule,
            };
            (entry, split(5), split(6))
        })
        .collect()
}

/// Case flags of the letters of `s`.
pub(crate) fn caps_of(s: &str) -> Vec<bool> {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .map(char::is_uppercase)
        .collect()
}

/// A leftmost-longest automaton (a DFA: the sets are small and scanned on every sentence),
/// for anchored searches too.
pub(crate) fn automaton<I, P>(patterns: I) -> AhoCorasick
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    automaton_for(patterns, StartKind::Both)
}

/// [`automaton`] for the searches of `start` only (an unanchored one has half the states).
fn automaton_for<I, P>(patterns: I, start: StartKind) -> AhoCorasick
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(start)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty automaton"))
}

fn folded_set(data: &'static str) -> HashSet<String> {
    lines(data).map(fold).collect()
}

/// A piece of an alias lowercased, then folded, with the case flags of its letters: the
/// pieces of « armée {D} » and the demonyms joined as `fold` and `caps_of` would see
/// « armée malienne » lowercased (both go character by character, a test holds it on
/// the data), without writing out each alias.
#[derive(Debug, Clone)]
pub(crate) struct Lowered {
    key: String,
    caps: Vec<bool>,
}

impl Lowered {
    pub(crate) fn new(s: &str) -> Lowered {
        let lower = s.to_lowercase();
        Lowered {
            key: fold(&lower),
            caps: caps_of(&lower),
        }
    }

    /// The pieces of a template around its `{D}`s.
    pub(crate) fn pieces(template: &str) -> Vec<Lowered> {
        template.split("{D}").map(Lowered::new).collect()
    }

    /// The folded alias and case flags of the template of `pieces` with `d` for each `{D}`.
    pub(crate) fn join(pieces: &[Lowered], d: &Lowered) -> (String, Vec<bool>) {
        let mut key = String::new();
        let mut caps = Vec::new();
        for (n, p) in pieces.iter().enumerate() {
            if n > 0 {
                key.push_str(&d.key);
                caps.extend_from_slice(&d.caps);
            }
            key.push_str(&p.key);
            caps.extend_from_slice(&p.caps);
        }
        (key, caps)
    }
}

/// The institution templates with a `{D}` and the demonyms of a language, as written.
#[cfg(test)]
pub(crate) fn demonym_templates(lang: Lang) -> (Vec<&'static str>, Vec<&'static str>) {
    let files = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    let templates = tsv_rows(files.institutions)
        .filter(|r| r.len() >= 2 && r[0].contains("{D}"))
        .map(|r| r[0])
        .collect();
    let demonyms = tsv_rows(files.demonyms)
        .filter(|r| r.len() >= 2)
        .map(|r| r[0])
        .collect();
    (templates, demonyms)
}

/// The folded source patterns of a language (`sources.tsv`) and their kinds, in order.
pub(crate) fn source_patterns(lang: Lang) -> Vec<(String, SourceKind)> {
    let files = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    tsv_rows(files.sources)
        .filter(|r| r.len() >= 2)
        .filter_map(|r| {
            let kind = match r[1] {
                "verb" => SourceKind::Verb,
                "subject" => SourceKind::Subject,
                "participle" => SourceKind::Participle,
                "prep" => SourceKind::Prep,
                "recipient" => SourceKind::Recipient,
                "act" => SourceKind::Act,
                "cue" => SourceKind::Cue,
                _ => return None,
            };
            Some((fold(r[0]), kind))
        })
        .collect()
}

fn build_lang(
    files: &LangFiles,
    lang: Lang,
    rows: &[Aliases],
    demonyms: &[(&'static str, &'static str)],
) -> LangData {
    let mut folded: Vec<String> = Vec::new();
    let mut patterns: Vec<Pattern> = Vec::new();
    // folded alias → its patterns
    let mut seen: HashMap<String, Vec<usize>> = HashMap::default();
    // a folded alias and the case flags of its letters
    let mut push_folded =
        |key: String, caps: Vec<bool>, target: Target, det: bool, folded: &mut Vec<String>| {
            if key.is_empty() {
                return;
            }
            // the same folded alias with the same case flags is kept once (first row wins)
            let n = patterns.len();
            match seen.get_mut(key.as_str()) {
                Some(ids) if ids.iter().any(|&i| patterns[i].caps == caps) => return,
                Some(ids) => ids.push(n),
                None => {
                    seen.insert(key.clone(), vec![n]);
                }
            }
            let acronym = caps.len() >= 2 && caps.iter().all(|c| *c);
            folded.push(key);
            patterns.push(Pattern {
                target,
                caps,
                acronym,
                det,
            });
        };
    for (i, (fr, en)) in rows.iter().enumerate() {
        let (own, other) = match lang {
            Lang::Fr => (fr, en),
            Lang::En => (en, fr),
        };
        for a in own {
            push_folded(fold(a), caps_of(a), Target::Entry(i), false, &mut folded);
        }
        // proper names (an uppercase letter) are shared across languages, but not
        // two-letter acronyms (« UN » in French, « UA » in English)
        let shared = |a: &&&str| {
            a.chars().any(char::is_uppercase) && a.chars().filter(|c| c.is_alphabetic()).count() > 2
        };
        for a in other.iter().filter(shared) {
            push_folded(fold(a), caps_of(a), Target::Entry(i), false, &mut folded);
        }
    }
    // institution templates × demonyms and countries
    let lowered_demonyms: Vec<Lowered> = demonyms.iter().map(|(d, _)| Lowered::new(d)).collect();
    let countries: Vec<Vec<&'static str>> =
        tsv_rows(files.countries).filter(|r| r.len() >= 4).collect();
    for r in tsv_rows(files.institutions).filter(|r| r.len() >= 2) {
        let (template, class) = (r[0], r[1]);
        let det = r.get(2) == Some(&"det");
        if template.contains("{D}") {
            let pieces = Lowered::pieces(template);
            for ((_, iso), d) in demonyms.iter().zip(&lowered_demonyms) {
                let (key, caps) = Lowered::join(&pieces, d);
                push_folded(key, caps, Target::Class(class, iso), det, &mut folded);
            }
        } else {
            for c in countries.iter().filter(|c| c[2] == "country") {
                let t = template.replace("{OF}", c[3]).replace("{C}", c[0]);
                let t = t.to_lowercase();
                let target = Target::Class(class, c[1]);
                push_folded(fold(&t), caps_of(&t), target, det, &mut folded);
            }
        }
    }
    let actors = Trie::new(
        folded
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect(),
    );
    let first_words = FirstWords::new(folded.iter().map(String::as_str));

    let roles_list: Vec<String> = lines(files.roles).map(fold).collect();
    let role_words = roles_list
        .iter()
        .filter(|r| !r.contains(' '))
        .cloned()
        .collect();
    let roles = automaton_for(&roles_list, StartKind::Unanchored);

    let mut src_pats = Vec::new();
    let mut source_kinds = Vec::new();
    let mut source_bytes: Vec<(u8, SourceKind)> = Vec::new();
    for (p, kind) in source_patterns(lang) {
        // a pattern of one byte (ASCII) is found apart (see `LangData::source_bytes`);
        // the first of the same byte wins, as in the automaton
        if let &[b] = p.as_bytes() {
            if !source_bytes.iter().any(|&(x, _)| x == b) {
                source_bytes.push((b, kind));
            }
            continue;
        }
        src_pats.push(p);
        source_kinds.push(kind);
    }
    let sources = automaton(&src_pats);

    let mut country_pats = Vec::new();
    let mut country_names = Vec::new();
    for c in &countries {
        country_pats.push(fold(c[0]));
        country_names.push(CountryName { iso: c[1] });
    }
    let countries_ac = automaton_for(&country_pats, StartKind::Unanchored);

    let mut notnames = folded_set(NOTNAMES);
    notnames.extend(folded_set(files.notnames));

    LangData {
        actors,
        first_words,
        patterns,
        roles,
        role_words,
        honorific_ends: last_bytes(lines(files.honorifics)),
        honorifics: lines(files.honorifics).collect(),
        sources,
        source_kinds,
        source_bytes,
        countries: countries_ac,
        country_names,
        notnames,
        determiners: folded_set(files.determiners),
        place_heads: folded_set(files.place_heads),
        grammar: grammar(files.grammar),
    }
}

/// A table of the last bytes of `words` (every byte when one of them is empty).
fn last_bytes<'w>(words: impl IntoIterator<Item = &'w str>) -> [bool; 256] {
    let mut t = [false; 256];
    for w in words {
        match w.as_bytes().last() {
            Some(&b) => t[usize::from(b)] = true,
            None => t = [true; 256],
        }
    }
    t
}

fn grammar(data: &'static str) -> HashMap<&'static str, HashSet<String>> {
    let mut g: HashMap<&'static str, HashSet<String>> = HashMap::default();
    for r in tsv_rows(data).filter(|r| r.len() >= 2) {
        g.entry(r[1]).or_default().insert(fold(r[0]));
    }
    g
}

fn build() -> Lexicon {
    let rows = entries();
    let dem = |data: &'static str| -> Vec<(&'static str, &'static str)> {
        tsv_rows(data)
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0], r[1]))
            .collect()
    };
    let dem_fr = dem(FR.demonyms);
    let dem_en = dem(EN.demonyms);
    let mut demonyms = HashMap::default();
    for (d, iso) in dem_fr.iter().chain(dem_en.iter()) {
        demonyms.entry(fold(d)).or_insert(*iso);
    }
    let grammars = [grammar(FR.grammar), grammar(EN.grammar)];
    let union = |class: &str| -> HashSet<String> {
        grammars
            .iter()
            .filter_map(|g| g.get(class))
            .flatten()
            .cloned()
            .collect()
    };
    let (entries, aliases) = rows.into_iter().map(|(e, fr, en)| (e, (fr, en))).unzip();
    Lexicon {
        entries,
        demonyms,
        firstnames: folded_set(FIRSTNAMES),
        elisions: union("elision"),
        particles: union("particle"),
        aliases,
        dem_fr,
        dem_en,
        fr: OnceLock::new(),
        en: OnceLock::new(),
    }
}
