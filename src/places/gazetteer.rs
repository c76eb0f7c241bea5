//! The bundled gazetteer: `models/gazetteer.tsv` (generated from GeoNames by
//! `scripts/build_gazetteer.py`) amended by `models/places_extra.tsv` (hand
//! additions, each with its source). Parsed once, on first use, into a table
//! of places, a parent chain, and one byte trie (`trie.rs`) over the
//! folded aliases, for the longest name at a word start.

use super::trie::Trie;
use crate::text::fold;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

static GAZETTEER_TSV: &str = include_str!("../../models/gazetteer.tsv");
static EXTRA_TSV: &str = include_str!("../../models/places_extra.tsv");
static STOP_FR: &str = include_str!("../../models/fr/places_stop.txt");
static STOP_EN: &str = include_str!("../../models/en/places_stop.txt");

/// Feature kind of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Country,
    Region,
    City,
    Locality,
    Water,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::City => "city",
            Kind::Locality => "locality",
            Kind::Water => "water",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "country" => Kind::Country,
            "region" => Kind::Region,
            "city" => Kind::City,
            "locality" => Kind::Locality,
            "water" => Kind::Water,
            "other" => Kind::Other,
            _ => return None,
        })
    }

    /// Administrative level, higher for larger areas (used to rank candidates).
    pub(crate) fn admin_rank(self) -> u8 {
        match self {
            Kind::Country => 5,
            Kind::Region => 4,
            Kind::City => 3,
            Kind::Locality => 2,
            Kind::Water => 1,
            Kind::Other => 0,
        }
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Unique key: ISO code, GeoNames id, admin code (`ML.09`) or `X.<name>`.
    pub key: String,
    pub name: String,
    /// ISO 3166 alpha-2 (none for zones and rivers spanning several countries).
    pub country: Option<String>,
    pub kind: Kind,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    pub geonames_id: Option<u64>,
    /// Index of the parent area in the gazetteer.
    pub parent: Option<usize>,
    /// `geonames`, `seat:<town>`, `country-centroid`, `approx-25km`, `zone`…
    pub precision: String,
    /// Every name the place is known by (the canonical name first).
    pub aliases: Vec<String>,
    /// True for places added by hand (models/places_extra.tsv).
    pub curated: bool,
}

impl Place {
    /// A small village outside Mali, Niger and Burkina Faso, from GeoNames:
    /// named in the press only after a place cue.
    pub(crate) fn gated(&self) -> bool {
        self.kind == Kind::Locality && !self.curated && tier(self.country.as_deref()) < 2
    }
}

/// What one pattern (a folded name) stands for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pattern {
    /// Candidate places (indices); empty for a blocking phrase.
    pub places: Vec<usize>,
    /// A phrase that is never a place (« Agence France-Presse », « malien »).
    pub blocked: bool,
    /// Every alias behind the pattern is an all-capital acronym (« RDC »): the text must be too.
    pub acronym: bool,
    /// Some alias starts with a lowercase letter (« fleuve Niger »).
    pub lower_ok: bool,
    /// Letters in the pattern.
    pub letters: usize,
    /// Every place behind the pattern is a small village outside Mali, Niger and
    /// Burkina Faso: looked up only after a place cue, not in the trie.
    pub gated: bool,
}

pub(crate) struct Gazetteer {
    pub places: Vec<Place>,
    by_key: HashMap<&'static str, usize>,
    pub patterns: Vec<Pattern>,
    by_folded: HashMap<String, usize>,
    /// Every folded name but the gated ones, for longest matches at a word start.
    trie: Trie,
    /// The blocking and lowercase-allowed names of `trie`, with the same ids.
    special: Trie,
}

pub(crate) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

fn cell<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// A name folded, its runs of whitespace made single spaces and trimmed.
fn folded_name(name: &str) -> String {
    let f = fold(name);
    let b = f.as_bytes();
    let plain = f.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.iter().any(|c| (0x09..=0x0d).contains(c))
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        return f;
    }
    f.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folded forms an alias is matched under: as folded, and with hyphens and spaces swapped.
fn variants(alias: &str) -> Vec<String> {
    let f = folded_name(alias);
    if f.contains('-') {
        let spaced = f.replace('-', " ");
        vec![f, spaced]
    } else {
        vec![f]
    }
}

/// The rows of a gazetteer table, read as [`crate::models::tsv_rows`] does, in a fixed array of cells.
fn rows(data: &'static str) -> impl Iterator<Item = [&'static str; 11]> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let mut r = [""; 11];
            for (c, v) in r.iter_mut().zip(l.split('\t')) {
                *c = v.trim();
            }
            r
        })
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut places: Vec<Place> = Vec::with_capacity(9000);
        let mut by_key: HashMap<&'static str, usize> =
            HashMap::with_capacity_and_hasher(9000, Default::default());
        let mut parents: Vec<&'static str> = Vec::with_capacity(9000);
        for (curated, data) in [(false, GAZETTEER_TSV), (true, EXTRA_TSV)] {
            for row in rows(data) {
                let key = cell(&row, 0);
                if key.is_empty() {
                    continue;
                }
                let aliases = cell(&row, 10)
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty());
                if let Some(&i) = by_key.get(key) {
                    // an amendment: non-empty fields replace, aliases add up
                    let p = &mut places[i];
                    if let Some(n) = non_empty(cell(&row, 2)) {
                        if !p.aliases.iter().any(|a| a == n) {
                            p.aliases.insert(0, n.to_string());
                        }
                        p.name = n.to_string();
                    }
                    if let Some(c) = non_empty(cell(&row, 3)) {
                        p.country = Some(c.to_string());
                    }
                    if let Some(k) = Kind::parse(cell(&row, 4)) {
                        p.kind = k;
                    }
                    if let (Ok(la), Ok(lo)) = (cell(&row, 5).parse(), cell(&row, 6).parse()) {
                        p.lat = Some(la);
                        p.lon = Some(lo);
                    }
                    if let Ok(n) = cell(&row, 7).parse() {
                        p.population = n;
                    }
                    if let Some(par) = non_empty(cell(&row, 8)) {
                        parents[i] = par;
                    }
                    if let Some(pr) = non_empty(cell(&row, 9)) {
                        p.precision = pr.to_string();
                    }
                    for a in aliases {
                        if !p.aliases.iter().any(|x| x == a) {
                            p.aliases.push(a.to_string());
                        }
                    }
                    p.curated |= curated;
                    continue;
                }
                let name = cell(&row, 2);
                let Some(kind) = Kind::parse(cell(&row, 4)) else {
                    continue;
                };
                if name.is_empty() {
                    continue;
                }
                let mut all = vec![name.to_string()];
                for a in aliases {
                    if !all.iter().any(|x| x == a) {
                        all.push(a.to_string());
                    }
                }
                by_key.insert(key, places.len());
                parents.push(cell(&row, 8));
                places.push(Place {
                    key: key.to_string(),
                    name: name.to_string(),
                    country: non_empty(cell(&row, 3)).map(str::to_string),
                    kind,
                    lat: cell(&row, 5).parse().ok(),
                    lon: cell(&row, 6).parse().ok(),
                    population: cell(&row, 7).parse().unwrap_or(0),
                    geonames_id: cell(&row, 1).parse().ok(),
                    parent: None,
                    precision: cell(&row, 9).to_string(),
                    aliases: all,
                    curated,
                });
            }
        }
        // parent keys → indices; an unknown admin key falls back to the country
        for (i, par) in parents.iter().enumerate() {
            let p = by_key.get(par).copied().or_else(|| {
                let c = places[i].country.as_deref()?;
                by_key.get(c).copied()
            });
            places[i].parent = p.filter(|&p| p != i);
        }

        let mut patterns: Vec<Pattern> = Vec::new();
        let mut by_folded: HashMap<String, usize> = HashMap::default();
        let mut add =
            |key: String, place: Option<usize>, alias: &str, curated: bool, gated: bool| {
                if key.is_empty() {
                    return;
                }
                let id = match by_folded.get(&key) {
                    Some(&id) => id,
                    None => {
                        patterns.push(Pattern {
                            acronym: true,
                            gated: true,
                            letters: key.chars().filter(|c| c.is_alphabetic()).count(),
                            ..Pattern::default()
                        });
                        by_folded.insert(key, patterns.len() - 1);
                        patterns.len() - 1
                    }
                };
                let pat = &mut patterns[id];
                pat.gated &= gated;
                let (mut n, mut upper, mut first_lower) = (0usize, 0usize, false);
                for c in alias.chars().filter(|c| c.is_alphabetic()) {
                    if n == 0 {
                        first_lower = c.is_lowercase();
                    }
                    n += 1;
                    upper += usize::from(c.is_uppercase());
                }
                pat.acronym &= n >= 2 && upper == n;
                pat.lower_ok |= curated && first_lower;
                match place {
                    Some(p) => {
                        if !pat.places.contains(&p) {
                            pat.places.push(p);
                        }
                    }
                    None => pat.blocked = true,
                }
            };
        for (i, p) in places.iter().enumerate() {
            for a in &p.aliases {
                for v in variants(a) {
                    add(v, Some(i), a, p.curated, p.gated());
                }
            }
        }
        for stop in [STOP_FR, STOP_EN] {
            for l in crate::models::lines(stop) {
                for v in variants(l) {
                    add(v, None, l, true, false);
                }
            }
        }
        let keys: Vec<(&String, &usize)> = by_folded
            .iter()
            .filter(|(_, &id)| !patterns[id].gated)
            .collect();
        let trie = Trie::new(keys.iter().map(|(k, &id)| (k.as_str(), id)).collect());
        let special = Trie::new(
            keys.iter()
                .filter(|(_, &id)| patterns[id].blocked || patterns[id].lower_ok)
                .map(|(k, &id)| (k.as_str(), id))
                .collect(),
        );
        Gazetteer {
            places,
            by_key,
            patterns,
            by_folded,
            special,
            trie,
        }
    }

    /// The longest name (its folded end and pattern id) starting at byte `at` of folded `ft`.
    pub fn find_at(&self, ft: &str, at: usize) -> Option<(usize, usize)> {
        let mut best = None;
        self.trie.prefixes(ft.as_bytes(), at, |end, ids| {
            best = ids.first().map(|&id| (end, id));
        });
        best
    }

    /// [`Gazetteer::find_at`] for a word written in lowercase, where only a blocking
    /// or lowercase-allowed name has any effect: `None` as soon as the longest name can
    /// be no such name.
    pub fn find_lower_at(&self, ft: &str, at: usize) -> Option<(usize, usize)> {
        // the longest special name, looked up among the few special ones: most
        // lowercase words leave that small trie at once
        let mut best = None;
        self.special.prefixes(ft.as_bytes(), at, |end, ids| {
            best = ids.first().map(|&id| (end, id));
        });
        let (end, id) = best?;
        // it counts only when no longer name (then not special) starts here
        self.find_at(ft, at)
            .is_some_and(|(longest, _)| longest == end)
            .then_some((end, id))
    }

    /// The place with this key (`ML`, `ML.09`, `2457163`).
    pub fn by_key(&self, key: &str) -> Option<&Place> {
        self.by_key.get(key).map(|&i| &self.places[i])
    }

    /// The pattern of a name (folded, spaces collapsed).
    pub fn pattern_id(&self, name: &str) -> Option<usize> {
        self.by_folded.get(&folded_name(name)).copied()
    }

    /// Indices of the places a name may stand for.
    pub fn candidates(&self, name: &str) -> &[usize] {
        self.pattern_id(name)
            .map(|id| self.patterns[id].places.as_slice())
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

/// Rank of a country for the Sahel press: 2 for Mali, Niger, Burkina Faso;
/// 1 for their neighbours kept whole in the gazetteer; 0 elsewhere.
pub(crate) fn tier(country: Option<&str>) -> u8 {
    match country {
        Some("ML" | "NE" | "BF") => 2,
        Some("MR" | "SN" | "GN" | "CI" | "GH" | "TG" | "BJ" | "NG" | "TD" | "DZ" | "LY" | "CM") => {
            1
        }
        _ => 0,
    }
}

/// Default choice among the places a name may stand for, without context:
/// a town before the area of the same name and country (« Gao » the city),
/// then Mali/Niger/Burkina Faso, their neighbours, larger areas, population.
pub(crate) fn preferred(g: &Gazetteer, cands: &[usize], doc_countries: &[String]) -> Option<usize> {
    let twin_town = |p: &Place| {
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
            let in_doc = |p: &Place| {
                p.country
                    .as_ref()
                    .is_some_and(|c| doc_countries.iter().any(|d| d == c))
            };
            in_doc(p)
                .cmp(&in_doc(q))
                .then(tier(p.country.as_deref()).cmp(&tier(q.country.as_deref())))
                .then(p.kind.admin_rank().cmp(&q.kind.admin_rank()))
                .then(p.population.cmp(&q.population))
                .then(b.cmp(&a))
        })
}

/// Looks a place up by any of its names (French, English, alternate; case and
/// accents ignored), returning the preferred one when several share the name.
pub fn lookup(name: &str) -> Option<&'static Place> {
    let g = &*GAZETTEER;
    preferred(g, g.candidates(name), &[]).map(|i| &g.places[i])
}

/// Every place known by this name.
pub fn lookup_all(name: &str) -> Vec<&'static Place> {
    let g = &*GAZETTEER;
    g.candidates(name).iter().map(|&i| &g.places[i]).collect()
}

/// The place with this gazetteer key (`ML`, `ML.09`, `X.indelimane`, a GeoNames id).
pub fn by_key(key: &str) -> Option<&'static Place> {
    GAZETTEER.by_key(key)
}

/// The parent area of a place.
pub fn parent(place: &Place) -> Option<&'static Place> {
    let g = &*GAZETTEER;
    place.parent.map(|i| &g.places[i])
}

/// True when a place named `outer` contains (or is) a place named `inner`,
/// walking `inner`'s parent chain. Names are matched as in [`lookup`]; when a
/// name is shared by several places, any pairing counts (« Mali » contains
/// « Indelimane »; « Gao » contains « Indelimane » through the cercle of Ansongo).
pub fn contains(outer: &str, inner: &str) -> bool {
    let g = &*GAZETTEER;
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
    let g = &*GAZETTEER;
    (
        g.places.len(),
        g.patterns.iter().filter(|p| !p.blocked).count(),
    )
}
