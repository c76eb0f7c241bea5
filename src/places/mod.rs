//! The places stage: finds place names, resolves them against the bundled
//! gazetteer to a canonical name, country, coordinates, kind and parent area,
//! and keeps toponyms introduced as places but unknown to the gazetteer
//! (« près de Tin Akoff ») as unresolved mentions, without coordinates.
//!
//! Matching takes the longest gazetteer name (a byte trie, `trie.rs`) at
//! every word start of each folded sentence (« Menaka » = « Ménaka »,
//! « Tombouctou » = « Timbuktu »); a bit set of the names' first two bytes, and
//! for a lowercase word a table of the first words of the names that count in
//! lowercase, skip the walk at most word starts. Precision guards: a place name must be
//! capitalized as written, not glued by a hyphen or a capitalized word to a
//! larger name (« Radio France », « Amadou Koufa »), not a blocked phrase
//! (demonyms, « Agence France-Presse », « État islamique au Sahel »); names
//! that are also common words or person names (`models/<lang>/places_ambiguous.txt`),
//! names of three letters or fewer and small villages outside Mali, Niger and
//! Burkina Faso need a place cue before them (« à », « près de », « in »…).
//!
//! Resolution, for a name shared by several places: the kind the context asks
//! for (« région de Gao », « fleuve Niger »), else a town before the area of the
//! same name (« Gao » the city), then the document's countries, then Mali, Niger,
//! Burkina Faso and their neighbours, then the larger area, then population.

#[cfg_attr(not(test), allow(dead_code))]
mod compile;
mod gazetteer;
#[cfg(test)]
mod tests;
pub(crate) mod trie;

pub use gazetteer::{by_key, contains, lookup, lookup_all, parent, size, Kind, Place};

use crate::document::{Annotations, Document, Lang, PlaceMention, Span};
use crate::models::{lines, tsv_rows};
use crate::pipeline::Stage;
use crate::text::{fold, upper_at};
use gazetteer::{preferred, tier, Gazetteer, GAZETTEER};
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Intro,
    Weak,
    Context,
    Compound,
}

#[derive(Debug)]
struct Cue {
    words: String,
    after: bool,
    /// Matched right against the name, spaces not required (« l' », compounds).
    tight: bool,
    role: Role,
    kind: Option<Kind>,
    /// The last four bytes of `words` (fewer when shorter), see [`tail4`], and the mask of as many bytes.
    tail: u32,
    mask: u32,
}

/// The last four bytes of `b` (fewer when shorter), the last one lowest.
fn tail4(b: &[u8]) -> u32 {
    b.iter()
        .rev()
        .take(4)
        .rev()
        .fold(0, |t, &x| t << 8 | u32::from(x))
}

/// The language knowledge of the stage: cues, ambiguous names, stop words.
struct Lexicon {
    /// Cues, longest first.
    cues: Vec<Cue>,
    /// Indices of the cues before a name, by the last byte of their words (256: none),
    /// in list order; a cue with no words is in every list.
    before_by_last: Vec<Vec<usize>>,
    /// Pattern ids of names that need a cue.
    ambiguous: HashSet<usize>,
    /// Folded words that never start an unresolved toponym.
    stop: HashSet<String>,
}

impl Lexicon {
    fn load(cues: &'static str, ambiguous: &'static str, stop: &'static str) -> Lexicon {
        let mut list: Vec<Cue> = tsv_rows(cues)
            .filter_map(|r| {
                let words = fold(r.first()?);
                let role = match r.get(2).copied().unwrap_or("") {
                    "intro" => Role::Intro,
                    "weak" => Role::Weak,
                    "context" => Role::Context,
                    "compound" => Role::Compound,
                    _ => return None,
                };
                let n = words.len().min(4);
                Some(Cue {
                    tight: words.ends_with('\'') || role == Role::Compound,
                    tail: tail4(words.as_bytes()),
                    mask: if n == 4 {
                        u32::MAX
                    } else {
                        (1u32 << (8 * n)) - 1
                    },
                    words,
                    after: r.get(1).copied() == Some("after"),
                    role,
                    kind: r.get(3).and_then(|k| Kind::parse(k)),
                })
            })
            .collect();
        list.sort_by(|a, b| {
            b.words
                .len()
                .cmp(&a.words.len())
                .then(a.words.cmp(&b.words))
        });
        let g = &GAZETTEER;
        let ambiguous = lines(ambiguous).filter_map(|l| g.pattern_id(l)).collect();
        let mut stop: HashSet<String> = lines(stop).map(fold).collect();
        for c in &list {
            stop.insert(c.words.clone());
        }
        let mut before_by_last = vec![Vec::new(); 257];
        for (i, c) in list.iter().enumerate().filter(|(_, c)| !c.after) {
            match c.words.as_bytes().last() {
                Some(&b) => before_by_last[usize::from(b)].push(i),
                None => before_by_last.iter_mut().for_each(|l| l.push(i)),
            }
        }
        Lexicon {
            before_by_last,
            cues: list,
            ambiguous,
            stop,
        }
    }
}

static FR: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::load(
        include_str!("../../models/fr/places_cues.tsv"),
        include_str!("../../models/fr/places_ambiguous.txt"),
        include_str!("../../models/fr/places_stop.txt"),
    )
});
static EN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::load(
        include_str!("../../models/en/places_cues.tsv"),
        include_str!("../../models/en/places_ambiguous.txt"),
        include_str!("../../models/en/places_stop.txt"),
    )
});

fn lexicon(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Loads the word lists now (they load lazily otherwise; the gazetteer is compiled in).
pub fn warm_up() {
    LazyLock::force(&FR);
    LazyLock::force(&EN);
}

/// The places stage.
#[derive(Debug, Default)]
pub struct PlaceStage;

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }

    fn run(&self, doc: &Document, ann: &mut Annotations) {
        ann.places.extend(find_places(doc));
    }
}

/// What the words just before (and after) a name say.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    /// Some cue stands right before or after the name.
    any: bool,
    /// The cue before introduces places (intro or weak).
    role: Option<Role>,
    kind: Option<Kind>,
}

/// A gazetteer name found in the text, before resolution.
struct Hit {
    start: usize,
    end: usize,
    pattern: usize,
    ctx: Context,
}

/// An unresolved toponym.
struct Unknown {
    start: usize,
    end: usize,
    kind: Option<Kind>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// The cue ending right before folded byte `at`, if any (longest first).
fn cue_before<'a>(lex: &'a Lexicon, f: &str, at: usize) -> Option<&'a Cue> {
    let before = &f[..at];
    let trimmed = before.trim_end_matches(' ');
    let bucket = |s: &str| s.as_bytes().last().map_or(256, |&b| usize::from(b));
    let fits = |rest: &str, tail: u32, c: &Cue| {
        // the last four bytes first (one comparison), then the whole cue
        tail & c.mask == c.tail
            && rest
                .strip_suffix(c.words.as_str())
                .is_some_and(|head| !head.chars().next_back().is_some_and(is_word))
    };
    // a tight cue ends the text right before the name; another one, past spaces
    let tail = tail4(before.as_bytes());
    let tight = lex.before_by_last[bucket(before)]
        .iter()
        .copied()
        .find(|&i| lex.cues[i].tight && fits(before, tail, &lex.cues[i]));
    let spaced = if trimmed.len() == before.len() {
        None
    } else {
        let trimmed_tail = tail4(trimmed.as_bytes());
        lex.before_by_last[bucket(trimmed)]
            .iter()
            .copied()
            .take_while(|&i| tight.is_none_or(|t| i < t))
            .find(|&i| !lex.cues[i].tight && fits(trimmed, trimmed_tail, &lex.cues[i]))
    };
    spaced.or(tight).map(|i| &lex.cues[i])
}

fn cue_after<'a>(lex: &'a Lexicon, f: &str, at: usize) -> Option<&'a Cue> {
    let after = &f[at..];
    let t = after.trim_start_matches(' ');
    if t.len() == after.len() {
        return None;
    }
    lex.cues.iter().filter(|c| c.after).find(|c| {
        t.strip_prefix(c.words.as_str())
            .is_some_and(|tail| !tail.chars().next().is_some_and(is_word))
    })
}

fn context(lex: &Lexicon, f: &str, ms: usize, me: usize) -> Context {
    let mut ctx = Context::default();
    if let Some(c) = cue_before(lex, f, ms).filter(|c| c.role != Role::Compound) {
        ctx.any = true;
        ctx.kind = c.kind;
        if matches!(c.role, Role::Intro | Role::Weak) {
            ctx.role = Some(c.role);
        }
    }
    if let Some(c) = cue_after(lex, f, me) {
        ctx.any = true;
        ctx.kind = ctx.kind.or(c.kind);
    }
    ctx
}

/// The first character of `s` is uppercase.
fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A headline-like sentence: nine in ten long words capitalized.
fn title_case(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut long, mut upper) = (0usize, 0usize);
    let (mut n, mut first_upper) = (0usize, false);
    let mut i = 0;
    while i <= b.len() {
        let (alpha, up, len) = match b.get(i) {
            None => (false, false, 1),
            Some(&c) if c < 0x80 => (c.is_ascii_alphabetic(), c.is_ascii_uppercase(), 1),
            Some(_) => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_alphabetic(), c.is_uppercase(), c.len_utf8())
            }
        };
        if alpha {
            if n == 0 {
                first_upper = up;
            }
            n += 1;
        } else {
            if n >= 4 {
                long += 1;
                upper += usize::from(first_upper);
                // done once even four-letter words in all the bytes left could not
                // bring the lowercase ones under one in ten
                if (long - upper) * 10 > long + (b.len() - i) / 4 {
                    return false;
                }
            }
            n = 0;
        }
        i += len;
    }
    long >= 4 && upper * 10 >= long * 9
}

/// [`title_case`] as first written, char by char and to the end (for the tests).
#[cfg(test)]
fn title_case_plain(s: &str) -> bool {
    let (mut long, mut upper) = (0usize, 0usize);
    let (mut n, mut first_upper) = (0usize, false);
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() {
            if n == 0 {
                first_upper = c.is_uppercase();
            }
            n += 1;
        } else {
            if n >= 4 {
                long += 1;
                upper += usize::from(first_upper);
            }
            n = 0;
        }
    }
    long >= 4 && upper * 10 >= long * 9
}

/// The word starts of `s`: each word character (byte offset, char) after a non-word
/// one, with the length of the run of ASCII letters and digits starting there (0 for
/// a non-ASCII character).
fn word_starts(s: &str) -> impl Iterator<Item = (usize, char, usize)> + '_ {
    let b = s.as_bytes();
    let (mut i, mut prev) = (0, false);
    std::iter::from_fn(move || {
        while i < b.len() {
            let at = i;
            let (c, w) = if b[at] < 0x80 {
                i += 1;
                let w = b[at].is_ascii_alphanumeric();
                if w && !prev {
                    // the rest of an ASCII run starts nothing
                    while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                        i += 1;
                    }
                    prev = true;
                    return Some((at, char::from(b[at]), i - at));
                }
                (char::from(b[at]), w)
            } else {
                let c = s[at..].chars().next()?;
                i += c.len_utf8();
                (c, is_word(c))
            };
            let start = w && !prev;
            prev = w;
            if start {
                return Some((at, c, 0));
            }
        }
        None
    })
}

/// The word (letters, digits, inner hyphens and apostrophes) starting at byte `at` of `s`.
fn word_at(s: &str, at: usize) -> &str {
    let rest = &s[at..];
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word(c) {
            end = i + c.len_utf8();
        } else if matches!(c, '-' | '\'' | '\u{2019}')
            && chars.peek().is_some_and(|&(_, n)| is_word(n))
        {
            continue;
        } else {
            break;
        }
    }
    &rest[..end]
}

/// The word ending right before byte `at` of `s` (spaces skipped), and whether
/// it starts its sentence (nothing but punctuation before it).
fn word_before(s: &str, at: usize) -> Option<(&str, bool)> {
    let head = s[..at].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    if head.len() == at || head.is_empty() {
        return None;
    }
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c) || c == '.' || c == '-')
        .last()
        .map(|(i, _)| i)?;
    let w = &head[start..];
    let initial = head[..start]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_none_or(|c| !is_word(c) && !matches!(c, ',' | ';'));
    Some((w, initial))
}

/// The capitalized word right after byte `at` of `s` (after exactly one space), if any.
fn capitalized_after(s: &str, at: usize) -> Option<&str> {
    let rest = s[at..].strip_prefix(' ')?;
    let w = word_at(rest, 0);
    (starts_upper(w)).then_some(w)
}

fn acronym_like(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    (letters.len() >= 2 && upper == letters.len())
        || (upper >= 2 && !w.contains(['-', '\'', '\u{2019}']))
}

/// Scans one sentence (`doc.text[start..end]`), appending gazetteer hits and unknown toponyms.
#[inline(never)]
fn scan_sentence(
    g: &Gazetteer,
    lex: &Lexicon,
    doc: &Document,
    start: usize,
    end: usize,
    hits: &mut Vec<Hit>,
    unknown: &mut Vec<Unknown>,
) {
    let orig = &doc.text[start..end];
    let mut own = None;
    let f = doc.fold_range(start, end, &mut own);
    let ft = f.text;
    // computed on the first name that needs it
    let headline = std::cell::OnceCell::new();
    let headline = || *headline.get_or_init(|| title_case(orig));
    let mut covered_to = 0usize; // folded offset up to which words are taken
    let mut last_hit_end: Option<usize> = None; // folded end of the last name taken
    for (i, c, run) in word_starts(ft) {
        if i < covered_to {
            continue;
        }
        // a name written in lowercase only counts when it blocks or may be lowercase
        let upper = upper_at(&doc.text, f.orig(i));
        let m = if upper {
            g.find_at(ft, i)
        } else {
            g.find_lower_at(ft, i, run)
        };
        if let Some((me, pid)) = m {
            let ms = i;
            // a hyphen glues names into a larger one (« France-Presse »), except between
            // countries (« la frontière Mali-Niger ») and after a compass prefix (« nord-Mali »)
            let hyphen_after =
                ft[me..].starts_with('-') && ft[me + 1..].chars().next().is_some_and(is_word);
            let after_ok = !ft[me..].chars().next().is_some_and(is_word)
                && (!hyphen_after || country_at(g, ft, me + 1));
            let glued_before = ft[..ms].ends_with('-')
                && ft[..ms - 1].chars().next_back().is_some_and(is_word)
                && last_hit_end != Some(ms - 1)
                && cue_before(lex, ft, ms).is_none_or(|c| c.role != Role::Compound);
            if after_ok && !glued_before {
                let pat = &g.patterns[pid];
                if pat.blocked {
                    covered_to = me;
                    continue;
                }
                let (a, b) = f.orig_range(ms, me);
                let text = &doc.text[a..b];
                if accept_hit(lex, pat, text, orig, a - start, b - start, &headline) {
                    hits.push(Hit {
                        start: a,
                        end: b,
                        pattern: pid,
                        ctx: context(lex, ft, ms, me),
                    });
                    covered_to = me;
                    last_hit_end = Some(me);
                    continue;
                }
            }
        }
        // not a known name: a village looked up after a cue, or an unknown toponym
        // (both capitalized, as `unknown_at` checks first)
        if !upper {
            continue;
        }
        let (a, _) = f.orig_range(i, i + c.len_utf8());
        if let Some(u) = unknown_at(lex, ft, i, orig, a - start) {
            let (ua, ub) = (start + u.0, start + u.1);
            if let Some(pid) = g
                .pattern_id(&doc.text[ua..ub])
                .filter(|&p| g.patterns[p].gated)
            {
                hits.push(Hit {
                    start: ua,
                    end: ub,
                    pattern: pid,
                    ctx: context(lex, ft, i, i + fold(&doc.text[ua..ub]).len()),
                });
                covered_to = i + fold(&doc.text[ua..ub]).len();
                continue;
            }
            covered_to = i + fold(&orig[u.0..u.1]).len();
            unknown.push(Unknown {
                start: start + u.0,
                end: start + u.1,
                kind: u.2,
            });
        }
    }
}

/// True when a country's name starts at folded byte `at` and ends on a word boundary.
fn country_at(g: &Gazetteer, ft: &str, at: usize) -> bool {
    g.find_at(ft, at).is_some_and(|(end, pid)| {
        !ft[end..].chars().next().is_some_and(is_word)
            && g.patterns[pid]
                .places
                .iter()
                .any(|&p| g.places[p].kind == Kind::Country)
    })
}

/// The guards on a gazetteer name written `text` at `orig[a..b]`.
fn accept_hit(
    lex: &Lexicon,
    pat: &gazetteer::Pattern,
    text: &str,
    orig: &str,
    a: usize,
    b: usize,
    headline: &dyn Fn() -> bool,
) -> bool {
    if pat.places.is_empty() {
        return false;
    }
    if !starts_upper(text) && !pat.lower_ok {
        return false;
    }
    if pat.acronym && text.chars().any(char::is_lowercase) {
        return false;
    }
    if headline() {
        return true;
    }
    if let Some((w, initial)) = word_before(orig, a) {
        if starts_upper(w) && !initial && !acronym_like(w) {
            return false;
        }
    }
    // glued to a following capitalized word (« Niger Delta »), unless that word is a cue (« Niger River »)
    capitalized_after(orig, b).is_none_or(|w| lex.stop.contains(&fold(w)))
}

/// An unknown toponym starting at folded byte `i` (original byte `a` of the
/// sentence): (start, end, kind) in sentence offsets.
fn unknown_at(
    lex: &Lexicon,
    ft: &str,
    i: usize,
    orig: &str,
    a: usize,
) -> Option<(usize, usize, Option<Kind>)> {
    if !orig[a..].chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let cue = cue_before(lex, ft, i)?;
    if !matches!(cue.role, Role::Intro | Role::Weak) {
        return None;
    }
    let good = |w: &str| {
        !w.is_empty()
            && starts_upper(w)
            && !acronym_like(w)
            && !w.chars().any(|c| c.is_ascii_digit())
            && !lex.stop.contains(&fold(w))
            && !lex.stop.contains(&fold(w.trim_end_matches("'s")))
    };
    let first = word_at(orig, a);
    if !good(first) {
        return None;
    }
    let mut end = a + first.len();
    if cue.role == Role::Weak {
        if capitalized_after(orig, end).is_some() {
            return None;
        }
        return Some((a, end, cue.kind));
    }
    for _ in 0..3 {
        match capitalized_after(orig, end) {
            Some(w) if good(w) => end += 1 + w.len(),
            _ => break,
        }
    }
    Some((a, end, cue.kind))
}

/// Longest stretch of text folded at once.
const MAX_SPAN: usize = 1 << 16;

/// Finds and resolves the places of a document.
pub fn find_places(doc: &Document) -> Vec<PlaceMention> {
    let g = &GAZETTEER;
    let lex = lexicon(doc.language());
    let mut hits = Vec::new();
    let mut unknown = Vec::new();
    let body = doc.body_start.min(doc.text.len());
    let ranges: Vec<(usize, usize)> = if doc.sentences.is_empty() {
        vec![(body, doc.text.len())]
    } else {
        doc.sentences
            .iter()
            .filter(|s| s.start <= s.end && s.end <= doc.text.len())
            .filter(|s| doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end))
            .map(|s| (s.start, s.end))
            .collect()
    };
    for (s, e) in ranges {
        // a run-on « sentence » (a document without punctuation) is scanned in pieces cut at spaces
        let mut from = s;
        while from < e {
            let mut to = e;
            if e - from > MAX_SPAN {
                let mut cut = from + MAX_SPAN;
                while !doc.text.is_char_boundary(cut) {
                    cut -= 1;
                }
                to = doc.text[from..cut]
                    .rfind(char::is_whitespace)
                    .map(|k| from + k)
                    .filter(|&k| k > from)
                    .unwrap_or(cut);
            }
            scan_sentence(g, lex, doc, from, to, &mut hits, &mut unknown);
            from = to;
        }
    }

    // candidates allowed by the guards and the context
    let cands: Vec<Vec<usize>> = hits.iter().map(|h| candidates(g, lex, h)).collect();
    // the document's countries: those of names with a single possible country
    let mut doc_countries: Vec<&str> = Vec::new();
    for c in &cands {
        let mut cs = c.iter().filter_map(|&i| g.places[i].country);
        if let Some(first) = cs.next() {
            if cs.all(|x| x == first) && !doc_countries.contains(&first) {
                doc_countries.push(first);
            }
        }
    }
    doc_countries.sort();

    let mut out = Vec::with_capacity(hits.len() + unknown.len());
    for (h, c) in hits.iter().zip(&cands) {
        let Some(i) = preferred(g, c, &doc_countries) else {
            continue;
        };
        let p = &g.places[i];
        out.push(PlaceMention {
            span: Span::new(doc, h.start, h.end),
            name: p.name.to_string(),
            country: p.country.map(str::to_string),
            lat: p.lat,
            lon: p.lon,
            geonames_id: p.geonames_id,
            kind: Some(p.kind.as_str().to_string()),
            parent: p.parent.map(|j| g.places[j].name.to_string()),
            resolved: true,
        });
    }
    for u in unknown {
        out.push(PlaceMention::unresolved(
            Span::new(doc, u.start, u.end),
            u.kind.map(|k| k.as_str().to_string()),
        ));
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

/// The places a hit may stand for, after the ambiguity guards and the context's kind.
fn candidates(g: &Gazetteer, lex: &Lexicon, h: &Hit) -> Vec<usize> {
    let pat = &g.patterns[h.pattern];
    // short names need a cue, unless they name a country or a town of Mali, Niger, Burkina Faso (« Gao »)
    let short = pat.letters <= 3
        && !pat.places.iter().any(|&i| {
            let p = &g.places[i];
            p.kind == Kind::Country || (p.kind == Kind::City && tier(p.country) >= 2)
        });
    if (lex.ambiguous.contains(&h.pattern) || short) && !h.ctx.any {
        return Vec::new();
    }
    let mut c: Vec<usize> = pat
        .places
        .iter()
        .copied()
        .filter(|&i| h.ctx.any || !g.places[i].gated())
        .collect();
    if let Some(k) = h.ctx.kind {
        let fits = |p: &gazetteer::Entry| match k {
            Kind::City | Kind::Locality => matches!(p.kind, Kind::City | Kind::Locality),
            k => p.kind == k,
        };
        if c.iter().any(|&i| fits(&g.places[i])) {
            c.retain(|&i| fits(&g.places[i]));
        }
    } else {
        // without a cue, a river or a zone does not take a country's name
        if c.iter().any(|&i| g.places[i].kind == Kind::Country) {
            c.retain(|&i| g.places[i].kind != Kind::Water);
        }
    }
    c
}
