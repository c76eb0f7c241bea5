//! The bundled gazetteer: `models/gazetteer.tsv` (generated from GeoNames by
//! `scripts/build_gazetteer.py`) amended by `models/places_extra.tsv` (hand
//! additions, each with its source). `compile.rs` reads them at build time
//! into a table of places (a parent chain), patterns (what each folded alias
//! stands for) and one byte trie (`trie.rs`) over the folded aliases, for the
//! longest name at a word start; `build.rs` writes them as Rust tables that
//! are compiled in here, so nothing is parsed or built at start-up.

pub(crate) use super::compile::tier;
use super::compile::{folded_name, gated};
pub use super::compile::{Kind, Place};
use super::trie::TrieRef;
use crate::text::{ShortWords, NO_ID};
use std::sync::LazyLock;

/// One gazetteer entry as compiled in ([`Place`] with borrowed text).
#[derive(Debug)]
pub(crate) struct Entry {
    pub key: &'static str,
    pub name: &'static str,
    pub country: Option<&'static str>,
    pub kind: Kind,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    pub geonames_id: Option<u64>,
    pub parent: Option<usize>,
    pub precision: &'static str,
    pub aliases: &'static [&'static str],
    pub curated: bool,
}

impl Entry {
    /// See [`Place::gated`].
    pub(crate) fn gated(&self) -> bool {
        gated(self.kind, self.curated, self.country)
    }

    fn to_place(&self) -> Place {
        Place {
            key: self.key.to_string(),
            name: self.name.to_string(),
            country: self.country.map(str::to_string),
            kind: self.kind,
            lat: self.lat,
            lon: self.lon,
            population: self.population,
            geonames_id: self.geonames_id,
            parent: self.parent,
            precision: self.precision.to_string(),
            aliases: self.aliases.iter().map(|a| a.to_string()).collect(),
            curated: self.curated,
        }
    }
}

/// What one pattern (a folded name) stands for (see `compile::PatternSpec`).
#[derive(Debug)]
pub(crate) struct Pattern {
    /// Candidate places (indices); empty for a blocking phrase.
    pub places: &'static [usize],
    /// A phrase that is never a place (« Agence France-Presse », « malien »).
    pub blocked: bool,
    /// Every alias behind the pattern is an all-capital acronym (« RDC »): the text must be too.
    pub acronym: bool,
    /// Some alias starts with a lowercase letter (« fleuve Niger »).
    pub lower_ok: bool,
    /// Letters in the pattern.
    pub letters: usize,
    /// Every place behind the pattern is a small village outside Mali, Niger and
    /// Burkina Faso: looked up only after a place cue, not at every word start.
    pub gated: bool,
}

// PLACES, PATTERNS, BY_KEY (place keys, sorted, and their indices), NAMES (the
// trie of every folded name, by pattern id) and SPECIAL (the blocking and
// lowercase-allowed names that are not gated), each with its PAIRS (`TrieRef::pairs`),
// and SPECIAL_FIRST_WORDS (the first words of SPECIAL's names, sorted)
include!(concat!(env!("OUT_DIR"), "/gazetteer_tables.rs"));

pub(crate) struct Gazetteer {
    pub places: &'static [Entry],
    pub patterns: &'static [Pattern],
    /// Every folded name, for exact lookups and longest matches at a word start
    /// (the gated names skipped).
    names: TrieRef<'static>,
    /// The blocking and lowercase-allowed names of `names` that are not gated.
    special: TrieRef<'static>,
    /// The first two bytes of `names` and of `special` (`TrieRef::pairs`).
    names_pairs: &'static [u64; 1024],
    special_pairs: &'static [u64; 1024],
}

/// Bit set `pairs` (`TrieRef::pairs`) holds the first two bytes of `ft[at..]`.
#[inline]
fn may_start(pairs: &[u64; 1024], ft: &[u8], at: usize) -> bool {
    let b0 = ft.get(at).map_or(0, |&b| usize::from(b));
    let b1 = ft.get(at + 1).map_or(0, |&b| usize::from(b));
    pairs[b0 << 2 | b1 >> 6] >> (b1 & 63) & 1 == 1
}

pub(crate) static GAZETTEER: Gazetteer = Gazetteer {
    places: &PLACES,
    patterns: &PATTERNS,
    names: NAMES,
    special: SPECIAL,
    names_pairs: &NAMES_PAIRS,
    special_pairs: &SPECIAL_PAIRS,
};

/// The first words of the special names (`compile::first_word`), as short words.
static SPECIAL_FIRST: LazyLock<ShortWords> =
    LazyLock::new(|| ShortWords::new(SPECIAL_FIRST_WORDS.iter().map(|w| (*w, 0))));

/// The places as [`Place`]s, made on first use (for the public lookups).
static PLACE_LIST: LazyLock<Vec<Place>> =
    LazyLock::new(|| PLACES.iter().map(Entry::to_place).collect());

impl Gazetteer {
    /// The longest name (its folded end and pattern id) starting at byte `at` of folded `ft`.
    pub fn find_at(&self, ft: &str, at: usize) -> Option<(usize, usize)> {
        if !may_start(self.names_pairs, ft.as_bytes(), at) {
            return None;
        }
        self.names
            .longest(ft.as_bytes(), at, |id| !self.patterns[id].gated)
    }

    /// [`Gazetteer::find_at`] for a word written in lowercase, where only a blocking
    /// or lowercase-allowed name that ends on a word boundary has any effect: `None`
    /// as soon as the longest name can be no such name. `run`: the length of the run
    /// of ASCII letters and digits at `at` (0 if unknown).
    #[inline]
    pub fn find_lower_at(&self, ft: &str, at: usize, run: usize) -> Option<(usize, usize)> {
        let b = ft.as_bytes();
        // a name that ends on a word boundary starts with the whole word at `at` (its
        // run of letters and digits): most lowercase words are the first word of no
        // special name, as one look in a table of short words tells
        let whole = b.get(at + run).is_none_or(|&c| c < 0x80);
        if whole && (1..=8).contains(&run) && SPECIAL_FIRST.get(b, at, run) == NO_ID {
            return None;
        }
        // then most start none by their first two bytes
        if !may_start(self.special_pairs, b, at) {
            return None;
        }
        let (end, id) = self.special.longest(b, at, |_| true)?;
        // it counts only when no longer name (then not special) starts here
        self.find_at(ft, at)
            .is_some_and(|(longest, _)| longest == end)
            .then_some((end, id))
    }

    /// The index of the place with this key (`ML`, `ML.09`, `2457163`).
    pub fn by_key(&self, key: &str) -> Option<usize> {
        BY_KEY
            .binary_search_by(|(k, _)| k.cmp(&key))
            .ok()
            .map(|i| BY_KEY[i].1)
    }

    /// The pattern of a name (folded, spaces collapsed).
    pub fn pattern_id(&self, name: &str) -> Option<usize> {
        self.names
            .get(folded_name(name).as_bytes())
            .first()
            .copied()
    }

    /// Indices of the places a name may stand for.
    pub fn candidates(&self, name: &str) -> &'static [usize] {
        self.pattern_id(name)
            .map(|id| self.patterns[id].places)
            .unwrap_or(&[])
    }

    /// Ancestors of place `i`, nearest first (the place itself excluded).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = self.places.get(i).and_then(|p| p.parent);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let c = cur?;
            steps += 1;
            if steps > 16 {
                return None;
            }
            cur = self.places[c].parent;
            Some(c)
        })
    }
}

/// Default choice among the places a name may stand for, without context:
/// a town before the area of the same name and country (« Gao » the city),
/// then Mali/Niger/Burkina Faso, their neighbours, larger areas, population.
pub(crate) fn preferred(g: &Gazetteer, cands: &[usize], doc_countries: &[&str]) -> Option<usize> {
    let twin_town = |p: &Entry| {
        p.kind == Kind::Region
            && cands.iter().any(|&j| {
                let q = &g.places[j];
                matches!(q.kind, Kind::City | Kind::Locality) && q.country == p.country
            })
    };
    cands
        .iter()
        .copied()
        .filter(|&i| !twin_town(&g.places[i]))
        .max_by(|&a, &b| {
            let (p, q) = (&g.places[a], &g.places[b]);
            let in_doc = |p: &Entry| p.country.is_some_and(|c| doc_countries.contains(&c));
            in_doc(p)
                .cmp(&in_doc(q))
                .then(tier(p.country).cmp(&tier(q.country)))
                .then(p.kind.admin_rank().cmp(&q.kind.admin_rank()))
                .then(p.population.cmp(&q.population))
                .then(b.cmp(&a))
        })
}

/// Looks a place up by any of its names (French, English, alternate; case and
/// accents ignored), returning the preferred one when several share the name.
pub fn lookup(name: &str) -> Option<&'static Place> {
    let g = &GAZETTEER;
    preferred(g, g.candidates(name), &[]).map(|i| &PLACE_LIST[i])
}

/// Every place known by this name.
pub fn lookup_all(name: &str) -> Vec<&'static Place> {
    GAZETTEER
        .candidates(name)
        .iter()
        .map(|&i| &PLACE_LIST[i])
        .collect()
}

/// The place with this gazetteer key (`ML`, `ML.09`, `X.indelimane`, a GeoNames id).
pub fn by_key(key: &str) -> Option<&'static Place> {
    GAZETTEER.by_key(key).map(|i| &PLACE_LIST[i])
}

/// The parent area of a place.
pub fn parent(place: &Place) -> Option<&'static Place> {
    place.parent.map(|i| &PLACE_LIST[i])
}

/// True when a place named `outer` contains (or is) a place named `inner`,
/// walking `inner`'s parent chain. Names are matched as in [`lookup`]; when a
/// name is shared by several places, any pairing counts (« Mali » contains
/// « Indelimane »; « Gao » contains « Indelimane » through the cercle of Ansongo).
pub fn contains(outer: &str, inner: &str) -> bool {
    let g = &GAZETTEER;
    let outs = g.candidates(outer);
    if outs.is_empty() {
        return false;
    }
    g.candidates(inner)
        .iter()
        .any(|&i| outs.contains(&i) || g.ancestors(i).any(|a| outs.contains(&a)))
}

/// Number of places and of distinct folded names in the gazetteer.
pub fn size() -> (usize, usize) {
    let g = &GAZETTEER;
    (
        g.places.len(),
        g.patterns.iter().filter(|p| !p.blocked).count(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::compile::{compile, first_word, folded_name};
    use super::super::trie::{Trie, TrieRef};
    use super::*;

    fn same_trie(a: TrieRef<'_>, b: TrieRef<'_>) {
        assert_eq!(a.nodes, b.nodes);
        assert_eq!(a.edge_bytes, b.edge_bytes);
        assert_eq!(a.ids, b.ids);
        assert_eq!(a.root, b.root);
    }

    /// [`Gazetteer::find_lower_at`] without its filters.
    fn find_lower_plain(ft: &str, at: usize) -> Option<(usize, usize)> {
        let g = &GAZETTEER;
        let (end, id) = g.special.longest(ft.as_bytes(), at, |_| true)?;
        g.find_at(ft, at)
            .is_some_and(|(longest, _)| longest == end)
            .then_some((end, id))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// The filters of `find_lower_at` drop only names that end inside a word.
        #[test]
        fn find_lower_at_filters_only_names_inside_words(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "le", "de", "malien", "maliens", "mai", "maison", "fleuve niger", "zone", "des",
                "trois", "frontieres", "g5", "sahel", "al", "qaida", "tri-border", "area", "a",
                "francaise", "mme", "é", "ø", "2024", "-", "'", "niger", "lac", "tchad", "x",
            ]), 0..12),
            glue in proptest::sample::select(vec![" ", "", "-", ", ", "'"]),
        ) {
            let ft = words.join(glue);
            for at in 0..ft.len() {
                if !ft.is_char_boundary(at) {
                    continue;
                }
                let plain = find_lower_plain(&ft, at);
                let run = ft.as_bytes()[at..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let fast = GAZETTEER.find_lower_at(&ft, at, run);
                let on_boundary = |(end, _): (usize, usize)| {
                    !ft[end..].chars().next().is_some_and(char::is_alphanumeric)
                };
                let word_start = ft[at..].chars().next().is_some_and(char::is_alphanumeric)
                    && !ft[..at].chars().next_back().is_some_and(char::is_alphanumeric);
                if fast.is_some() || (word_start && plain.is_some_and(on_boundary)) {
                    proptest::prop_assert_eq!(fast, plain, "{:?} at {}", ft, at);
                }
            }
        }
    }

    /// The tables compiled in are those of the sources as they are now.
    #[test]
    fn compiled_tables_match_the_sources() {
        let c = compile(
            include_str!("../../models/gazetteer.tsv"),
            include_str!("../../models/places_extra.tsv"),
            &[
                include_str!("../../models/fr/places_stop.txt"),
                include_str!("../../models/en/places_stop.txt"),
            ],
        );
        let places: Vec<Place> = PLACES.iter().map(Entry::to_place).collect();
        assert!(places == c.places, "places differ: rebuild (build.rs)");
        assert_eq!(PATTERNS.len(), c.patterns.len());
        for (p, q) in PATTERNS.iter().zip(&c.patterns) {
            assert_eq!(p.places, q.places.as_slice());
            assert_eq!(
                (p.blocked, p.acronym, p.lower_ok, p.letters, p.gated),
                (q.blocked, q.acronym, q.lower_ok, q.letters, q.gated)
            );
        }
        for (i, p) in c.places.iter().enumerate() {
            assert_eq!(GAZETTEER.by_key(&p.key), Some(i));
        }
        let all = Trie::new(c.names.iter().map(|(k, id)| (k.as_str(), *id)).collect());
        same_trie(NAMES, all.as_ref());
        // (a name with a spaced hyphen keeps its runs of spaces, which no lookup has)
        for (k, id) in c.names.iter().filter(|(k, _)| folded_name(k) == *k) {
            assert_eq!(GAZETTEER.pattern_id(k), Some(*id), "{k}");
        }
        let special_names: Vec<(&str, usize)> = c
            .names
            .iter()
            .filter(|(_, id)| {
                let p = &c.patterns[*id];
                !p.gated && (p.blocked || p.lower_ok)
            })
            .map(|(k, id)| (k.as_str(), *id))
            .collect();
        let special = Trie::new(special_names.clone());
        same_trie(SPECIAL, special.as_ref());
        assert_eq!(NAMES_PAIRS.as_slice(), all.as_ref().pairs());
        assert_eq!(SPECIAL_PAIRS.as_slice(), special.as_ref().pairs());
        let mut first: Vec<&str> = special_names.iter().map(|(k, _)| first_word(k)).collect();
        first.sort_unstable();
        first.dedup();
        assert_eq!(SPECIAL_FIRST_WORDS.as_slice(), first);
    }
}
