//! The actors stage: who acts and who speaks.
//!
//! Every actor gets one canonical name, a type and, where the text says so, a
//! country and a role:
//! - the lexicon `models/actors.tsv` (armies, armed groups, governments,
//!   ministries, juntas, missions, media, NGOs, known persons, generic and
//!   anonymous actors) is matched at word starts with a byte trie
//!   (`places/trie.rs`) over accent- and case-folded sentences
//!   ([`crate::text::Folded`] maps offsets back to the original text); an
//!   uppercase letter of an alias must be uppercase in the text (« UN » is not
//!   « un »);
//! - institution templates × demonyms and country names
//!   (`models/<lang>/institutions.tsv`, `demonyms.tsv`, `countries.tsv`) give
//!   « l'armée malienne », « soldats nigériens », « the Burkinabe army » their
//!   actor and country; « Forces de défense et de sécurité » and bare heads
//!   (« l'armée », « the government ») take the last actor of their class or the
//!   document's country;
//! - persons come from roles (`roles.txt`), honorifics (`honorifics.txt`), the
//!   first-name list (`models/firstnames.txt`) and capitalization next to a
//!   reporting verb, never from stoplisted words (`notnames.txt`, places named
//!   after people: `place_heads.txt`); short forms (« M. Sangaré », « Keïta »)
//!   take the full name given in the document, and share its role and country;
//! - a country or capital acting (« à l'initiative de la France », « Bamako a
//!   annoncé ») is its government;
//! - the source of a statement (`sources.tsv`: « a annoncé le ministre »,
//!   « selon … », « told AFP ») is flagged with `source: true`.
//!
//! The closed word classes the rules use (determiners, particles, fillers…) are
//! in `models/<lang>/actor_grammar.tsv` and `determiners.txt`. Work is per
//! sentence, with bounded look-arounds, so time is linear in the document.
//!
//! What keeps it cheap (each shortcut proven in its doc and held by a test against the
//! straightforward code, `tests.rs`'s `fast_paths`): the trie is walked only at words
//! some alias starts with (`lexicon::FirstWords`); persons read the words of one window
//! of the sentence, from just before its first uppercase letter to its last
//! (`persons::name_window`), tokenized in one pass; the roles are found only when a
//! name asks for them; the one-byte source pattern « à » is found apart from the
//! automaton; each language's data is built the first time a document needs it.

mod lexicon;
mod persons;
mod sources;
#[cfg(test)]
mod tests;

/// A switch for the tests that hold the persons' window to the whole sentence's words.
mod tests_hooks {
    #[cfg(test)]
    thread_local! {
        pub(super) static FULL_WINDOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// True when a test asks `scan_sentence` to tokenize whole sentences.
    #[inline]
    pub(super) fn full_window() -> bool {
        #[cfg(test)]
        return FULL_WINDOW.with(std::cell::Cell::get);
        #[cfg(not(test))]
        false
    }
}

use crate::document::{ActorMention, ActorType, Annotations, Document, Lang, PlaceMention, Span};
use crate::pipeline::Stage;
use crate::text::{fold, is_word_char, Cover, Folded, FoldedView};
use lexicon::{Country, LangData, Lexicon, MatchRule, SourceKind, Target, LEXICON};
use persons::Known;
use rustc_hash::FxHashMap as HashMap;

/// The country (ISO 3166 alpha-2) of a French or English demonym, in any gender and
/// number: « maliennes » → `ML`, « nigérien » → `NE`, « Nigerian » → `NG`.
pub fn demonym_country(word: &str) -> Option<&'static str> {
    LEXICON.demonyms.get(&fold(word.trim())).copied()
}

/// The actors stage.
#[derive(Debug, Default)]
pub struct ActorStage;

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn run(&self, doc: &Document, ann: &mut Annotations) {
        let found = extract(doc, &ann.places);
        // A place name inside an army or government (« Mali army ») or a country
        // that acts (« à l'initiative de la France ») is the actor, not a place;
        // « the UN mission in Mali » keeps its place.
        let institutions = Cover::new(
            found
                .iter()
                .filter(|a| matches!(a.kind, ActorType::Government | ActorType::Military))
                .map(|a| (a.span.start, a.span.end)),
        );
        ann.places
            .retain(|p| !institutions.covers(p.span.start, p.span.end));
        ann.actors.extend(found);
    }
}

/// An actor found, before the document-level resolutions.
#[derive(Debug, Clone)]
struct Cand {
    start: usize,
    end: usize,
    ext_start: usize,
    ext_end: usize,
    name: String,
    kind: ActorType,
    country: Option<String>,
    role: Option<String>,
    class: Option<&'static str>,
    rule: MatchRule,
    /// The country is the document's.
    ctx_country: bool,
    /// For a bare head: the index of the actor it refers to.
    refers: Option<usize>,
    /// Matched as a bare head (« l'armée »).
    bare: bool,
    source: bool,
}

impl Cand {
    fn new(start: usize, end: usize, name: &str, kind: ActorType) -> Cand {
        Cand {
            start,
            end,
            ext_start: start,
            ext_end: end,
            name: name.to_string(),
            kind,
            country: None,
            role: None,
            class: None,
            rule: MatchRule::Any,
            ctx_country: false,
            refers: None,
            bare: false,
            source: false,
        }
    }
}

/// The actors of a document, in text order.
pub fn extract(doc: &Document, places: &[PlaceMention]) -> Vec<ActorMention> {
    let lex: &Lexicon = &LEXICON;
    let lang = doc.language();
    let ld = lex.lang(lang);
    let sents: Vec<(usize, usize)> = if doc.sentences.is_empty() {
        vec![(doc.body_start.min(doc.text.len()), doc.text.len())]
    } else {
        doc.sentences
            .iter()
            .filter(|s| s.start <= s.end && s.end <= doc.text.len())
            .filter(|s| doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end))
            .map(|s| (s.start, s.end))
            .collect()
    };
    let mut all: Vec<Cand> = Vec::new();
    let mut known = Known::default();
    // the last actor of each class (and of each family `*_x` of classes `…_x`)
    let mut last_of_class: HashMap<String, usize> = HashMap::default();
    // countries and capitals named in the text, for the document's country
    let mut named: Vec<(usize, &'static str)> = Vec::new();
    for (a, b) in sents {
        let found = scan_sentence(doc, lex, ld, lang, (a, b), &mut known, &mut named);
        for mut c in found {
            if c.rule == MatchRule::Bare {
                // a bare head refers back; with nothing to refer to, it is the
                // document country's (resolved below, dropped without one)
                match c.class.and_then(|k| last_of_class.get(k)) {
                    Some(&j) => c.refers = Some(j),
                    None => c.rule = MatchRule::Ctx,
                }
            } else if let Some(k) = c.class {
                last_of_class.insert(k.to_string(), all.len());
                if let Some(i) = k.rfind('_') {
                    last_of_class.insert(format!("*{}", &k[i..]), all.len());
                }
            }
            all.push(c);
        }
    }
    // a short form seen before the full name takes it too
    for c in all.iter_mut().filter(|c| c.kind == ActorType::Person) {
        if let Some(full) = known.full(&c.name) {
            c.name = full.clone();
        }
    }
    let doc_country = document_country(&all, places, &named);
    // a bare head with no antecedent and no actor for the document's country says nothing
    let mut drop = vec![false; all.len()];
    for (n, c) in all.iter_mut().enumerate() {
        if c.rule == MatchRule::Ctx {
            let entry = c
                .class
                .zip(doc_country.as_deref())
                .and_then(|(k, iso)| lex.class_entry(k, iso));
            drop[n] = c.bare && entry.is_none();
            if let Some((i, fill)) = entry {
                let e = &lex.entries[i];
                c.name = e.name.to_string();
                c.kind = e.kind;
                c.country = fill.map(str::to_string).or(match e.country {
                    Country::Fixed(x) => Some(x.to_string()),
                    _ => None,
                });
            }
        } else if c.ctx_country && c.country.is_none() {
            c.country = doc_country.clone();
        }
    }
    // persons: a demonym in the role gives the country, shared by every mention of
    // the person; the role stays the one written at each mention
    let mut countries: HashMap<String, String> = HashMap::default();
    for c in all.iter_mut().filter(|c| c.kind == ActorType::Person) {
        if c.country.is_none() {
            c.country = c.role.as_deref().and_then(role_country);
        }
        if let Some(iso) = &c.country {
            countries
                .entry(c.name.clone())
                .or_insert_with(|| iso.clone());
        }
    }
    for c in all.iter_mut().filter(|c| c.kind == ActorType::Person) {
        if c.country.is_none() {
            c.country = countries.get(&c.name).cloned();
        }
    }
    for i in 0..all.len() {
        if let Some(j) = all[i].refers {
            let (name, kind, country) = (all[j].name.clone(), all[j].kind, all[j].country.clone());
            let c = &mut all[i];
            c.name = name;
            c.kind = kind;
            c.country = country;
        }
    }
    all.into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(c, _)| ActorMention {
            span: Span::new(doc, c.start, c.end),
            name: c.name,
            kind: c.kind,
            country: c.country,
            role: c.role,
            source: c.source,
        })
        .collect()
}

/// The country of a demonym in a role (« président malien » → ML).
fn role_country(role: &str) -> Option<String> {
    let f = Folded::new(role, 0);
    persons::tokenize(role, 0, f.view())
        .iter()
        .find_map(|t| demonym_country(t.key))
        .map(str::to_string)
}

/// The country the document is mostly about: the most frequent country of its
/// places and of its national institutions (first seen wins a tie).
fn document_country(
    cands: &[Cand],
    places: &[PlaceMention],
    named: &[(usize, &'static str)],
) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut add = |iso: &str| match counts.iter_mut().find(|(c, _)| c == iso) {
        Some(e) => e.1 += 1,
        None => counts.push((iso.to_string(), 1)),
    };
    let mut events: Vec<(usize, &str)> = places
        .iter()
        .filter_map(|p| Some((p.span.start, p.country.as_deref()?)))
        .collect();
    events.extend(cands.iter().filter_map(|c| {
        let iso = c.country.as_deref()?;
        (c.class.is_some() && !c.ctx_country && c.rule == MatchRule::Any).then_some((c.start, iso))
    }));
    events.extend(named.iter().copied());
    events.sort();
    for (_, iso) in events {
        add(iso);
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(c, _)| c)
}

/// True when `s..e` overlaps one of `taken`, sorted by start and disjoint.
fn overlaps(taken: &[(usize, usize)], s: usize, e: usize) -> bool {
    let i = taken.partition_point(|&(x, _)| x < e);
    taken[..i].iter().rev().take(4).any(|&(_, y)| s < y)
}

/// True when a folded match `fs..fe` is a whole word sequence.
fn whole_words(ft: &str, fs: usize, fe: usize) -> bool {
    !ft[..fs].chars().next_back().is_some_and(is_word_char)
        && !ft[fe..].chars().next().is_some_and(is_word_char)
}

/// True when the letters of `text` have an uppercase wherever `caps` requires one.
fn caps_agree(text: &str, caps: &[bool]) -> bool {
    let letters = || text.chars().filter(|c| c.is_alphabetic());
    if letters().count() != caps.len() {
        return true;
    }
    letters()
        .zip(caps)
        .all(|(g, need)| !*need || g.is_uppercase())
}

/// The word before folded byte `fs`, punctuation dropped (elided articles kept: « d' »).
fn word_before(ft: &str, fs: usize) -> &str {
    let b = ft[..fs].trim_end();
    let start = b
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) || c == '\'')
        .last()
        .map_or(b.len(), |(i, _)| i);
    &b[start..]
}

/// How many folded bytes of a definite article stand right before `fs`.
fn article_len(ft: &str, fs: usize) -> usize {
    let b = &ft[..fs];
    for art in ["l'", "le ", "la ", "les ", "the "] {
        if let Some(rest) = b.strip_suffix(art) {
            if !rest.chars().next_back().is_some_and(is_word_char) {
                return art.len();
            }
        }
    }
    0
}

/// Every lexicon match on whole words of folded `ft` (start, end, pattern): at each
/// start after a non-word character, each key the text starts with there. A word no
/// key starts with is skipped whole.
fn lexicon_matches(ld: &LangData, ft: &str) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    let fb = ft.as_bytes();
    let mut fs = 0;
    // `fs`: the start, or a char boundary after a non-word character
    while fs < fb.len() {
        let we = lexicon::word_end(ft, fs);
        let at_word = we > fs;
        if (at_word && ld.first_words.may_start(&fb[fs..we]))
            || (!at_word && ld.first_words.loose())
        {
            ld.actors.prefixes(fb, fs, |fe, ids| {
                if !persons::word_char_at(ft, fe) {
                    found.extend(ids.iter().map(|&id| (fs, fe, id)));
                }
            });
        }
        // past the word, and past the non-word character after it (or at `fs`)
        fs = we + ft[we..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

fn scan_sentence(
    doc: &Document,
    lex: &Lexicon,
    ld: &LangData,
    lang: Lang,
    (a, b): (usize, usize),
    known: &mut Known,
    named: &mut Vec<(usize, &'static str)>,
) -> Vec<Cand> {
    let fr = lang == Lang::Fr;
    let text = doc.text.as_str();
    let mut own = None;
    let folded = doc.fold_range(a, b, &mut own);
    let ft = folded.text;
    let s = &text[a..b];
    let shouting = std::cell::OnceCell::new();
    let shouting = || {
        *shouting.get_or_init(|| {
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            let upper = s.chars().filter(|c| c.is_uppercase()).count();
            letters >= 12 && upper * 10 >= letters * 6
        })
    };

    // 1. lexicon and institution matches, longest first at each start
    let mut raw: Vec<(usize, usize, usize, usize, Target)> = Vec::new();
    let found = lexicon_matches(ld, ft);
    for (fs, fe, pid) in found {
        let p = &ld.patterns[pid];
        let (os, oe) = folded.orig_range(fs, fe);
        if !caps_agree(&text[os..oe], &p.caps) || (p.acronym && shouting()) {
            continue;
        }
        let det_rule = match p.target {
            Target::Entry(i) => lex.entries[i].rule == MatchRule::Det && !ft[fs..fe].contains(' '),
            Target::Class(..) => p.det,
        };
        if det_rule && fr {
            let w = word_before(ft, fs);
            let ok =
                w.is_empty() || ld.determiners.contains(w) || w.chars().all(|c| c.is_ascii_digit());
            if !ok {
                continue;
            }
        }
        // « Malian military camp »: an adjective before a noun
        let next = ft[fe..]
            .split(|c: char| !(is_word_char(c) || c == '\''))
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let last = ft[fs..fe].rsplit(' ').next().unwrap_or("");
        if ft[fe..].starts_with(' ') && ld.is("adj_head", last) && ld.is("noun_after", next) {
            continue;
        }
        raw.push((os, oe, fs, fe, p.target));
    }
    raw.sort_by_key(|r| (r.0, std::cmp::Reverse(r.1)));
    let mut cands: Vec<Cand> = Vec::new();
    let mut last_end = a;
    for (os, oe, fs, fe, target) in raw {
        if os < last_end {
            continue;
        }
        let Some(mut c) = cand_of(lex, target, os, oe) else {
            continue;
        };
        let k = article_len(ft, fs);
        // a bare head (« l'armée ») needs its definite article: « une armée » is no one
        if c.rule == MatchRule::Bare
            && k == 0
            && !ld.is("bare_det", word_before(ft, fs))
            && !sources::statement_follows(
                ld,
                &ft[fe..persons::floor_char(ft, fe + persons::WINDOW)],
            )
        {
            continue;
        }
        if c.kind != ActorType::Person && k > 0 {
            c.start = folded.orig(fs - k);
            c.ext_start = c.start;
        }
        last_end = oe;
        cands.push(c);
    }

    // source patterns, whole words (leftmost-longest: disjoint and sorted), found
    // when an actor needs them
    let src_found = std::cell::OnceCell::new();
    let src =
        || -> &[(usize, usize, SourceKind)] { src_found.get_or_init(|| sources::patterns(ld, ft)) };

    // 2. countries and capitals acting as governments
    country_actors(text, lex, ld, folded, &src, &mut cands, named);

    // 3. persons
    // the words of the part of the sentence that may hold a name
    let toks = match persons::name_window(s) {
        Some((from, to)) if !tests_hooks::full_window() => {
            persons::tokenize(&s[from..to], a + from, folded)
        }
        Some(_) => persons::tokenize(s, a, folded),
        None => Vec::new(),
    };
    let ctx = persons::Ctx {
        text,
        lex,
        ld,
        sent_start: a,
        sent_end: b,
        toks: &toks,
        roles: std::cell::OnceCell::new(),
        folded,
    };
    for c in cands.iter_mut().filter(|c| c.kind == ActorType::Person) {
        known.add(&c.name);
        if let Some((rs, re)) = persons::role_before(&ctx, c.start) {
            c.role = Some(text[rs..re].to_string());
            c.ext_start = persons::role_chain_start(&ctx, rs);
        } else if let Some((rs, re)) = persons::role_after(&ctx, c.end) {
            c.role = Some(text[rs..re].to_string());
            c.ext_end = re;
        }
    }
    let taken: Vec<(usize, usize)> = cands.iter().map(|c| (c.start, c.end)).collect();
    let blocked = |s: usize, e: usize| overlaps(&taken, s, e);
    let hits = persons::find(&ctx, &blocked, known);
    for h in hits {
        let mut c = Cand::new(h.start, h.end, &h.name, ActorType::Person);
        c.ext_start = h.ext_start;
        c.ext_end = h.ext_end;
        c.role = h.role;
        cands.push(c);
    }
    // a bare head inside a person's role (« le porte-parole de l'armée, X ») is the role
    let role_spans = Cover::new(
        cands
            .iter()
            .filter(|c| c.kind == ActorType::Person)
            .flat_map(|c| [(c.ext_start, c.start), (c.end, c.ext_end)]),
    );
    cands.retain(|c| c.rule != MatchRule::Bare || !role_spans.covers(c.start, c.end));
    cands.sort_by_key(|c| (c.start, c.end));

    // 4. sources
    let slots: Vec<sources::Slot> = cands
        .iter()
        .map(|c| sources::Slot {
            start: c.start,
            ext_start: c.ext_start,
            ext_end: c.ext_end,
            media: c.kind == ActorType::Media,
        })
        .collect();
    if !slots.is_empty() {
        for i in sources::mark(text, folded, ld, src(), &slots) {
            cands[i].source = true;
        }
    }
    cands
}

/// The candidate for a lexicon or institution match.
fn cand_of(lex: &Lexicon, target: Target, os: usize, oe: usize) -> Option<Cand> {
    let (i, fill) = match target {
        Target::Entry(i) => (i, None),
        Target::Class(class, iso) => lex.class_entry(class, iso)?,
    };
    let e = lex.entries.get(i)?;
    let mut c = Cand::new(os, oe, e.name, e.kind);
    c.class = e.class;
    c.rule = e.rule;
    c.bare = matches!(e.rule, MatchRule::Bare | MatchRule::Doc);
    if e.rule == MatchRule::Doc {
        c.rule = MatchRule::Ctx;
    }
    match (fill, e.country) {
        (Some(iso), _) => c.country = Some(iso.to_string()),
        (None, Country::Fixed(iso)) => c.country = Some(iso.to_string()),
        (None, Country::Context) => c.ctx_country = e.rule == MatchRule::Any,
        (None, Country::None) => {}
    }
    Some(c)
}

/// Countries and capitals that act (« à l'initiative de la France », « Bamako a
/// annoncé »): their government, flagged as a source when they make a statement.
fn country_actors<'s>(
    text: &str,
    lex: &Lexicon,
    ld: &LangData,
    folded: FoldedView<'_>,
    src: &dyn Fn() -> &'s [(usize, usize, SourceKind)],
    cands: &mut Vec<Cand>,
    named: &mut Vec<(usize, &'static str)>,
) {
    let ft = folded.text;
    let taken: Vec<(usize, usize)> = cands.iter().map(|c| (c.start, c.end)).collect();
    let mut add = Vec::new();
    for m in ld.countries.find_iter(ft) {
        let (fs, fe) = (m.start(), m.end());
        if !whole_words(ft, fs, fe) {
            continue;
        }
        let (os, oe) = folded.orig_range(fs, fe);
        if !text[os..oe].chars().next().is_some_and(char::is_uppercase) || overlaps(&taken, os, oe)
        {
            continue;
        }
        named.push((os, ld.country_names[m.pattern().as_usize()].iso));
        // « à Bamako », « in Niamey »: a place
        let prev = word_before(ft, fs);
        if ld.is("loc", prev) {
            continue;
        }
        let iso = ld.country_names[m.pattern().as_usize()].iso;
        // source patterns are disjoint and sorted: the one before and the one after
        let src = src();
        let at = src.partition_point(|&(s, _, _)| s < fs);
        let cue = at > 0 && {
            let (s, e, k) = src[at - 1];
            k == SourceKind::Cue && e <= fs && fs - e <= 1 && s < fs
        };
        // past an auxiliary, the next word opens an act or a statement
        let rest = ft[fe..].trim_start();
        let off = ft.len() - rest.len();
        let skip = ["a ", "ont ", "has ", "have ", "had "]
            .iter()
            .find(|x| rest.starts_with(*x))
            .map_or(0, |x| x.len());
        let verb_at = off + skip;
        let act = src[at..]
            .iter()
            .take(2)
            .find(|&&(s, _, k)| {
                (s == verb_at || s == off)
                    && matches!(k, SourceKind::Act | SourceKind::Verb | SourceKind::Subject)
            })
            .map(|&(_, _, k)| k);
        if !cue && act.is_none() {
            continue;
        }
        let Some((i, fill)) = lex.class_entry("government", iso) else {
            continue;
        };
        let Some(mut c) = cand_of(lex, Target::Entry(i), os, oe) else {
            continue;
        };
        if let Some(f) = fill {
            c.country = Some(f.to_string());
        }
        c.source = matches!(act, Some(SourceKind::Verb | SourceKind::Subject));
        add.push(c);
    }
    cands.extend(add);
    cands.sort_by_key(|c| (c.start, c.end));
}
