//! The gazetteer compiler: reads `models/gazetteer.tsv`, its amendments
//! (`models/places_extra.tsv`) and the stop lists into places and patterns
//! (the folded names and what they stand for).
//!
//! It runs at build time: `build.rs` includes this file (with `src/text.rs`
//! and `trie.rs`) and writes its output as Rust tables that `gazetteer.rs`
//! compiles in, so no process parses the gazetteer or builds its trie. The
//! library compiles it for the test that holds those tables to a fresh run.

use crate::text::fold;
use std::collections::HashMap;

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
        gated(self.kind, self.curated, self.country.as_deref())
    }
}

/// [`Place::gated`] from the fields it reads.
pub(crate) fn gated(kind: Kind, curated: bool, country: Option<&str>) -> bool {
    kind == Kind::Locality && !curated && tier(country) < 2
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

/// What one pattern (a folded name) stands for.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PatternSpec {
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
    /// Burkina Faso: looked up only after a place cue, not at every word start.
    pub gated: bool,
}

/// The compiler's output.
pub(crate) struct Compiled {
    pub places: Vec<Place>,
    pub patterns: Vec<PatternSpec>,
    /// Every folded name and its pattern, sorted by name.
    pub names: Vec<(String, usize)>,
}

fn cell<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// A name folded, its runs of whitespace made single spaces and trimmed.
pub(crate) fn folded_name(name: &str) -> String {
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

/// The first word of a folded name: its first run of alphanumeric characters.
pub(crate) fn first_word(name: &str) -> &str {
    name.split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
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

/// The rows of a gazetteer table, read as `models::tsv_rows` does, in a fixed array of cells.
fn rows(data: &str) -> impl Iterator<Item = [&str; 11]> {
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

/// Non-comment, non-blank lines of a word list, trimmed (as `models::lines`).
fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Amends place `p` with a row of the same key: non-empty fields replace, aliases add up.
fn amend<'a>(p: &mut Place, parent: &mut &'a str, row: &[&'a str; 11], curated: bool) {
    if let Some(n) = non_empty(cell(row, 2)) {
        if !p.aliases.iter().any(|a| a == n) {
            p.aliases.insert(0, n.to_string());
        }
        p.name = n.to_string();
    }
    if let Some(c) = non_empty(cell(row, 3)) {
        p.country = Some(c.to_string());
    }
    if let Some(k) = Kind::parse(cell(row, 4)) {
        p.kind = k;
    }
    if let (Ok(la), Ok(lo)) = (cell(row, 5).parse(), cell(row, 6).parse()) {
        p.lat = Some(la);
        p.lon = Some(lo);
    }
    if let Ok(n) = cell(row, 7).parse() {
        p.population = n;
    }
    if let Some(par) = non_empty(cell(row, 8)) {
        *parent = par;
    }
    if let Some(pr) = non_empty(cell(row, 9)) {
        p.precision = pr.to_string();
    }
    for a in aliases(row) {
        if !p.aliases.iter().any(|x| x == a) {
            p.aliases.push(a.to_string());
        }
    }
    p.curated |= curated;
}

fn aliases<'a>(row: &[&'a str; 11]) -> impl Iterator<Item = &'a str> {
    cell(row, 10)
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
}

/// The places of the gazetteer and of its amendments, parents resolved.
fn read_places(gazetteer: &str, extra: &str) -> Vec<Place> {
    let mut places: Vec<Place> = Vec::with_capacity(9000);
    let mut by_key: HashMap<&str, usize> = HashMap::with_capacity(9000);
    let mut parents: Vec<&str> = Vec::with_capacity(9000);
    for (curated, data) in [(false, gazetteer), (true, extra)] {
        for row in rows(data) {
            let key = cell(&row, 0);
            if key.is_empty() {
                continue;
            }
            if let Some(&i) = by_key.get(key) {
                amend(&mut places[i], &mut parents[i], &row, curated);
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
            for a in aliases(&row) {
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
    places
}

/// Compiles the gazetteer, its amendments and the stop lists (phrases that are never places).
pub(crate) fn compile(gazetteer: &str, extra: &str, stops: &[&str]) -> Compiled {
    let places = read_places(gazetteer, extra);
    let mut patterns: Vec<PatternSpec> = Vec::new();
    let mut by_folded: HashMap<String, usize> = HashMap::new();
    let mut add = |key: String, place: Option<usize>, alias: &str, curated: bool, gated: bool| {
        if key.is_empty() {
            return;
        }
        let id = match by_folded.get(&key) {
            Some(&id) => id,
            None => {
                patterns.push(PatternSpec {
                    acronym: true,
                    gated: true,
                    letters: key.chars().filter(|c| c.is_alphabetic()).count(),
                    ..PatternSpec::default()
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
    for stop in stops {
        for l in lines(stop) {
            for v in variants(l) {
                add(v, None, l, true, false);
            }
        }
    }
    let mut names: Vec<(String, usize)> = by_folded.into_iter().collect();
    names.sort_unstable();
    Compiled {
        places,
        patterns,
        names,
    }
}
