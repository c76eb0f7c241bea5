//! The claims stage: casualty tolls and attack events, assembled from what
//! the earlier stages found (numbers, places, dates, actors) and the claim
//! lexicons of `models/<lang>/claims_*.tsv`.
//!
//! - **Casualties** (see [`casualties`]): a count (number or approximation)
//!   with an outcome and victims. Only tolls with a count are claims.
//! - **Attacks**: a trigger (« attaque », « assaut », « embuscade »,
//!   « attacked ») gives one event per distinct place and date; mentions
//!   without their own place and date are the document's main event.
//!   A plural trigger (« deux assauts ») counts only with its own place.
//!   Perpetrator: the armed group named in the sentence; target: the attacked
//!   site (« contre un camp militaire » → `military camp`), else a military actor.
//! - **Slots**: place and date from the claim's sentence (the most specific
//!   place, nearest first; the nearest calendar date), else from the
//!   document's main event (the first event sentence that has one), with
//!   `place_from`/`date_from`. A toll in a revision sentence (« le lendemain,
//!   l'armée revoit le bilan ») keeps the event's date, not the report's.
//!   A lone country in the sentence gives way to the main event's place when
//!   that place lies in the same country.
//! - **Source**: the actor marked as a source in the sentence, else the
//!   nearest such actor in the document (earlier first on ties).
//! - **Revisions**: a toll in a sentence with a revision cue, after a toll of
//!   the same outcome, victims and place, is the `revision`; the earlier is `revised`.

pub mod casualties;
pub mod lexicon;

#[cfg(test)]
mod tests;

use crate::document::{
    ActorMention, ActorType, Annotations, Claim, ClaimKind, DateMention, DateType, Document,
    Outcome, PlaceMention, SlotSource, Span, Victims,
};
use crate::pipeline::Stage;
use crate::text::name_key;
use casualties::Count;
use lexicon::{lexicon, Tokens, ATTACK, ATTACK_PLURAL, AWAY, PREVIOUS, REPORT, REVISION, TARGET};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{Cell, LazyCell, RefCell};

/// The claims stage.
#[derive(Debug, Clone, Copy)]
pub struct ClaimStage {
    /// Also emit `attack` event claims (on by default).
    pub attacks: bool,
}

impl Default for ClaimStage {
    fn default() -> Self {
        ClaimStage { attacks: true }
    }
}

impl Stage for ClaimStage {
    fn name(&self) -> &'static str {
        "claims"
    }
    fn run(&self, doc: &Document, ann: &mut Annotations) {
        let mut claims = extract(doc, ann);
        if !self.attacks {
            claims.retain(|c| c.kind != ClaimKind::Attack);
        }
        ann.claims.extend(claims);
    }
}

/// What one sentence holds for claims.
struct SentenceClaims {
    index: usize,
    claims: Vec<(Claim, Meta)>,
    /// Position of the first event word (toll or trigger), for slot choice.
    anchor: Option<usize>,
}

/// What the text around a claim says of it, beyond the claim itself.
#[derive(Debug, Clone, Copy, Default)]
struct Meta {
    /// After a revision cue of its sentence (« l'armée revoit le bilan : 49 … »).
    after_revision: bool,
    /// After an earlier-toll cue of its sentence (« un premier bilan … 11 soldats »).
    initial: bool,
    /// The victims are only `people` for want of a victim noun (« 40 morts »).
    generic: bool,
    /// A general toll: a vague plural (« des centaines de morts ») or a count of
    /// 100 or more; no place or date from the main event.
    general: bool,
    /// The first claim of its outcome and victims in its sentence (on its side
    /// of a revision cue).
    first_of_key: bool,
    /// An attack told by a plural trigger (« deux assauts »): one event per place.
    plural_attack: bool,
}

thread_local! {
    /// Token buffers reused from one document to the next.
    static TOKENS: RefCell<Tokens> = RefCell::default();
}

/// The claims of a document, from its annotations (numbers, places, dates, actors).
pub fn extract(doc: &Document, ann: &Annotations) -> Vec<Claim> {
    let lang = doc.language();
    let lex = lexicon(lang);
    let mut numbers: Vec<&crate::document::NumberMention> = ann.numbers.iter().collect();
    numbers.sort_by_key(|n| (n.span.start, n.span.end));
    let mut slots = Slots::new(doc, ann);
    let mut per_sentence: Vec<SentenceClaims> = Vec::new();
    let mut ni = 0;
    let mut toks = TOKENS.take();
    let mut counts: Vec<Count> = Vec::new();
    let mut folds = doc.fold_ranges();
    // sentences without claims whose places are not pruned yet
    let mut unpruned: Vec<(usize, usize, usize)> = Vec::new();
    for (index, s) in doc.sentences.iter().enumerate() {
        let (Some(_), true) = (doc.text.get(s.start..s.end), s.start <= s.end) else {
            continue;
        };
        while ni < numbers.len() && numbers[ni].span.start < s.start {
            ni += 1;
        }
        counts.clear();
        let mut last_end = 0;
        let mut j = ni;
        while j < numbers.len() && numbers[j].span.start < s.end {
            let n = numbers[j];
            if n.span.end <= s.end && n.span.start >= last_end {
                counts.push(Count::from(n));
                last_end = n.span.end;
            }
            j += 1;
        }
        let mut own = None;
        let folded = folds.get(s.start, s.end, &mut own);
        // most sentences hold no claim and prune no place: cheap looks first (a toll
        // needs an outcome and a count, a number mention or an article before a
        // singular noun; an attack needs its trigger)
        let claim = if counts.is_empty() {
            lex.may_claim(folded.text)
        } else {
            lex.may_event(folded.text)
        };
        if !claim {
            // its places are pruned only if the main place is looked for among all (below)
            if slots.places.contains_key(&index) {
                unpruned.push((index, s.start, s.end));
            }
            continue;
        }
        toks.fill_folded(folded, lex);
        slots.prune(index, &toks);
        let cue = |class| {
            toks.matches
                .iter()
                .find(|m| m.entry.has(class))
                .map(|m| toks.toks[m.first].start)
        };
        let (revision_at, previous_at) = (cue(REVISION), cue(PREVIOUS));
        let mut claims: Vec<(Claim, Meta)> = Vec::new();
        // first of its outcome and victims on its side of a revision cue
        let mut keys_seen: Vec<(Outcome, Victims, bool)> = Vec::new();
        for toll in casualties::tolls(&toks, &counts, lang) {
            let mut c = Claim::new(ClaimKind::Casualties, &span(doc, toll.start, toll.end));
            c.outcome = Some(toll.outcome);
            c.victims = Some(toll.victims);
            c.count = Some(toll.count.value);
            c.min = toll.count.min;
            c.max = toll.count.max;
            c.approx = toll.count.approx;
            let after_revision = revision_at.is_some_and(|r| r < toll.start);
            let key = (toll.outcome, toll.victims, after_revision);
            let meta = Meta {
                after_revision,
                initial: previous_at.is_some_and(|r| r < toll.start),
                generic: !toll.explicit,
                general: is_general(&toll.count),
                first_of_key: !keys_seen.contains(&key),
                plural_attack: false,
            };
            keys_seen.push(key);
            claims.push((c, meta));
        }
        if let Some((c, plural)) = attack(doc, &slots, index, &toks, !claims.is_empty()) {
            let meta = Meta {
                plural_attack: plural,
                ..Meta::default()
            };
            claims.push((c, meta));
        }
        if claims.is_empty() {
            continue;
        }
        let anchor = claims.iter().map(|(c, _)| c.start).min();
        per_sentence.push(SentenceClaims {
            index,
            claims,
            anchor,
        });
    }
    // the main event: the first event sentence with a place (not a country when
    // another has one), the first with a date (not a revision's report date)
    let event_sentences = || {
        per_sentence
            .iter()
            .filter(|s| s.claims.iter().any(|(_, m)| !m.general))
    };
    let main_place = {
        let event_places =
            || event_sentences().filter_map(|s| slots.place(s.index, s.anchor.unwrap_or(0)));
        event_places()
            .find(|p| !is_country(p))
            .or_else(|| event_places().next())
    };
    if main_place.is_some_and(|m| !is_country(m)) {
        // every place is looked at below: the other sentences' places pruned first
        for (index, a, b) in unpruned {
            let mut own = None;
            let folded = doc.fold_range(a, b, &mut own);
            if lex.may_move(folded.text) {
                toks.fill_folded(folded, lex);
                slots.prune(index, &toks);
            }
        }
    }
    // keep the buffers for the next document, unless a huge sentence grew them
    if toks.toks.capacity() <= 1 << 16 {
        TOKENS.set(toks);
    }
    // built on first use: many documents never compare places
    let tree = LazyCell::new(|| {
        let mut tree = PlaceTree::default();
        tree.learn(&ann.places);
        tree
    });
    let main_place = main_place.map(|m| {
        if is_country(m) {
            return m;
        }
        // a place inside it named elsewhere in the text is more precise
        // (« la région de Mopti » … « près de Djenné »)
        let key = tree.key(&m.name);
        // each name once: the test depends on names only
        let mut tried: FxHashSet<&str> = FxHashSet::default();
        slots
            .all_places()
            .find(|p| {
                if !tried.insert(&p.name) {
                    return false;
                }
                let k = tree.key(&p.name);
                k != key && tree.contains_keyed(&m.name, &key, &p.name, &k)
            })
            .unwrap_or(m)
    });
    let main_date = event_sentences()
        .filter(|s| !s.claims.iter().any(|(_, m)| m.after_revision))
        .find_map(|s| slots.date(s.index, s.anchor.unwrap_or(0)));
    let mut out: Vec<Claim> = Vec::new();
    let mut metas: Vec<Meta> = Vec::new();
    for s in per_sentence {
        let has_toll = s
            .claims
            .iter()
            .any(|(c, _)| c.kind == ClaimKind::Casualties);
        for (mut c, meta) in s.claims {
            if meta.general {
                // a general toll keeps the one place its sentence names, and its own date
                let places = slots.places.get(&s.index).unwrap_or(&[]);
                if let Some(p) = places.first() {
                    if places
                        .iter()
                        .all(|q| name_key(&q.name) == name_key(&p.name))
                    {
                        c.place = Some(p.name.clone());
                        c.place_from = Some(SlotSource::Sentence);
                    }
                }
                if let Some(d) = slots.date(s.index, c.start) {
                    c.date = Some(d.value.clone());
                    c.date_from = Some(SlotSource::Sentence);
                }
            } else {
                fill_slots(&mut c, &slots, s.index, &meta, main_place, main_date);
            }
            // an attack told without a toll is the main event's, or no claim
            // (« après celles de Boulkessy et de Mondoro »)
            if c.kind == ClaimKind::Attack
                && !has_toll
                && !(tree.agree(c.place.as_deref(), main_place.map(|p| p.name.as_str()))
                    && dates_agree(c.date.as_deref(), main_date.map(|d| d.value.as_str())))
            {
                continue;
            }
            c.source = slots.source(s.index, c.start);
            if meta.plural_attack {
                if let Some(events) = split_plural_attack(&c, &slots, s.index) {
                    for e in events {
                        out.push(e);
                        metas.push(meta);
                    }
                    continue;
                }
            }
            out.push(c);
            metas.push(meta);
        }
    }
    restatements(&mut out, &metas);
    link_revisions(&mut out, &metas, &tree);
    merge_attacks(out, &tree)
}

/// A vague plural (« des centaines », value = min, max 99, 999…) or a count of 100 or more.
fn is_general(c: &Count) -> bool {
    let vague = c.approx
        && c.min == Some(c.value)
        && c.max
            .is_some_and(|m| m >= 99.0 && ((m + 1.0).log10().fract()).abs() < 1e-9);
    vague || c.value >= 100.0
}

/// Place and date from the sentence, else from the main event.
fn fill_slots(
    c: &mut Claim,
    slots: &Slots,
    sentence: usize,
    meta: &Meta,
    main_place: Option<&PlaceMention>,
    main_date: Option<&DateMention>,
) {
    let own_place = slots.place(sentence, c.start).filter(|p| {
        // a lone country gives way to a main place inside it
        !(is_country(p)
            && main_place
                .is_some_and(|m| !is_country(m) && m.country.is_some() && m.country == p.country))
    });
    match (own_place, main_place) {
        (Some(p), _) => {
            c.place = Some(p.name.clone());
            c.place_from = Some(SlotSource::Sentence);
        }
        (None, Some(p)) => {
            c.place = Some(p.name.clone());
            c.place_from = Some(SlotSource::Document);
        }
        _ => {}
    }
    // a revised toll is dated by its event, not by the report of the revision
    let own_date = if meta.after_revision {
        None
    } else {
        slots.date(sentence, c.start)
    };
    match (own_date, main_date) {
        (Some(d), _) => {
            c.date = Some(d.value.clone());
            c.date_from = Some(SlotSource::Sentence);
        }
        (None, Some(d)) => {
            c.date = Some(d.value.clone());
            c.date_from = Some(SlotSource::Document);
        }
        _ => {}
    }
}

/// A toll without a victim noun that repeats the count and outcome of a toll of
/// the two sentences before (« Quarante soldats avaient été tués … ce bilan
/// officiel de 40 morts ») is that toll again: it takes its victims, place and date.
fn restatements(claims: &mut [Claim], metas: &[Meta]) {
    for i in 0..claims.len() {
        if !metas[i].generic || claims[i].kind != ClaimKind::Casualties {
            continue;
        }
        let s = claims[i].sentence;
        let found = (0..i)
            .rev()
            .take_while(|&j| claims[j].sentence + 2 >= s)
            .find(|&j| {
                let (a, b) = (&claims[j], &claims[i]);
                a.kind == ClaimKind::Casualties
                    && !metas[j].generic
                    && a.sentence < s
                    && a.outcome == b.outcome
                    && a.count == b.count
            });
        if let Some(j) = found {
            let from = claims[j].clone();
            let c = &mut claims[i];
            c.victims = from.victims;
            c.place_from = from.place.as_ref().map(|_| SlotSource::Document);
            c.place = from.place;
            c.date_from = from.date.as_ref().map(|_| SlotSource::Document);
            c.date = from.date;
            if from.source.is_some() {
                c.source = from.source;
            }
        }
    }
}

fn span(doc: &Document, start: usize, end: usize) -> Span {
    if doc.text.is_char_boundary(start) && doc.text.is_char_boundary(end) && start <= end {
        Span::new(doc, start, end)
    } else {
        Span::default()
    }
}

fn is_country(p: &PlaceMention) -> bool {
    p.kind.as_deref() == Some("country")
}

/// The attack event of sentence `index`, from its first qualifying trigger; a
/// plural trigger (« deux assauts ») counts only in a sentence with a toll.
fn attack(
    doc: &Document,
    slots: &Slots,
    index: usize,
    toks: &Tokens,
    has_toll: bool,
) -> Option<(Claim, bool)> {
    let m = toks.matches.iter().find(|m| {
        m.entry.has(ATTACK)
            && (!m.entry.has(ATTACK_PLURAL) || has_toll)
            // « contre-attaque » is no attack
            && !(m.first > 0 && toks.text(m.first - 1) == "-")
    })?;
    let (a, b) = (toks.toks[m.first].start, toks.toks[m.last - 1].end);
    let mut c = Claim::new(ClaimKind::Attack, &span(doc, a, b));
    let actors = slots.actors.get(&index).unwrap_or(&[]);
    let nearest = |kind: ActorType| {
        actors
            .iter()
            .filter(|x| x.kind == kind)
            .min_by_key(|x| x.span.start.abs_diff(a))
            .map(|x| x.name.clone())
    };
    c.perpetrator = nearest(ActorType::ArmedGroup);
    c.target = toks
        .matches
        .iter()
        .filter(|t| t.entry.has(TARGET) && t.entry.target.is_some())
        .min_by_key(|t| {
            if t.first >= m.last {
                t.first - m.last
            } else {
                m.first - t.last
            }
        })
        .and_then(|t| t.entry.target.map(str::to_string))
        .or_else(|| nearest(ActorType::Military));
    Some((c, m.entry.has(ATTACK_PLURAL)))
}

/// A plural attack (« deux assauts jihadistes le 30 septembre à Boulkessy et le
/// 1er octobre à Mondoro ») split into one event per place named after its
/// trigger, each dated by the last date before its place; `None` when the
/// sentence names fewer than two such places.
fn split_plural_attack(c: &Claim, slots: &Slots, index: usize) -> Option<Vec<Claim>> {
    let places: Vec<&PlaceMention> = slots
        .places
        .get(&index)?
        .iter()
        .copied()
        .filter(|p| p.span.start >= c.start && !is_country(p))
        .collect();
    let mut names: Vec<String> = places.iter().map(|p| name_key(&p.name)).collect();
    names.dedup();
    if names.len() < 2 {
        return None;
    }
    let dates = slots.dates.get(&index).unwrap_or(&[]);
    let mut out: Vec<Claim> = Vec::new();
    for p in places {
        if out
            .iter()
            .any(|e: &Claim| e.place.as_deref().map(name_key) == Some(name_key(&p.name)))
        {
            continue;
        }
        let mut e = c.clone();
        e.place = Some(p.name.clone());
        e.place_from = Some(SlotSource::Sentence);
        if let Some(d) = dates
            .iter()
            .filter(|d| d.span.start >= c.start && d.span.start < p.span.start)
            .max_by_key(|d| d.span.start)
        {
            e.date = Some(d.value.clone());
            e.date_from = Some(SlotSource::Sentence);
        }
        out.push(e);
    }
    Some(out)
}

/// Mentions by sentence index, as a map that holds only non-empty lists: all in
/// one vector, grouped by sentence (in the order given within one), with the
/// range of each sentence.
struct BySentence<T> {
    items: Vec<T>,
    /// (first item, count) of each sentence.
    ranges: Vec<(usize, usize)>,
}

impl<T: Copy> BySentence<T> {
    /// The mentions `(sentence, mention)` of `all`.
    fn new(all: impl Iterator<Item = (usize, T)>) -> Self {
        let mut all: Vec<(usize, T)> = all.collect();
        // mentions come in order: then nothing moves (a stable sort otherwise)
        if !all.is_sorted_by_key(|&(s, _)| s) {
            all.sort_by_key(|&(s, _)| s);
        }
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for (k, &(s, _)) in all.iter().enumerate() {
            if s >= ranges.len() {
                ranges.resize(s + 1, (k, 0));
            }
            ranges[s].1 += 1;
        }
        BySentence {
            items: all.into_iter().map(|(_, x)| x).collect(),
            ranges,
        }
    }

    fn get(&self, s: &usize) -> Option<&[T]> {
        let &(a, n) = self.ranges.get(*s)?;
        (n > 0).then(|| &self.items[a..a + n])
    }

    fn contains_key(&self, s: &usize) -> bool {
        self.get(s).is_some()
    }

    /// Keeps the mentions of sentence `s` that pass `keep`.
    fn retain(&mut self, s: usize, mut keep: impl FnMut(&T) -> bool) {
        let Some(&(a, n)) = self.ranges.get(s) else {
            return;
        };
        let mut kept = 0;
        for k in a..a + n {
            if keep(&self.items[k]) {
                self.items[a + kept] = self.items[k];
                kept += 1;
            }
        }
        self.ranges[s].1 = kept;
    }

    /// Every mention kept, sentence by sentence.
    fn all(&self) -> impl Iterator<Item = T> + '_ {
        self.ranges
            .iter()
            .flat_map(|&(a, n)| self.items[a..a + n].iter().copied())
    }
}

/// [`Document::sentence_of`] for positions that mostly come in order: a cursor
/// moved forward over sentences whose starts increase (a search otherwise).
struct SentenceOf<'d> {
    doc: &'d Document,
    /// Every sentence starts after the one before it.
    increasing: bool,
    cur: Cell<usize>,
}

impl<'d> SentenceOf<'d> {
    fn new(doc: &'d Document) -> Self {
        let increasing = doc.sentences.windows(2).all(|w| w[0].start < w[1].start);
        SentenceOf {
            doc,
            increasing,
            cur: Cell::new(0),
        }
    }

    fn get(&self, pos: usize) -> usize {
        let ss = &self.doc.sentences;
        let mut c = self.cur.get();
        if !self.increasing || ss.get(c).is_some_and(|s| s.start > pos) {
            c = self.doc.sentence_of(pos);
        } else {
            // the last sentence starting at or before `pos`
            while ss.get(c + 1).is_some_and(|s| s.start <= pos) {
                c += 1;
            }
        }
        self.cur.set(c);
        c
    }
}

/// Place, date and source lookups by sentence.
struct Slots<'a> {
    places: BySentence<&'a PlaceMention>,
    dates: BySentence<&'a DateMention>,
    actors: BySentence<&'a ActorMention>,
    /// (sentence, position, name) of actors stated as sources, in order.
    sources: Vec<(usize, usize, &'a str)>,
}

impl<'a> Slots<'a> {
    fn new(doc: &Document, ann: &'a Annotations) -> Slots<'a> {
        let sentence_of = SentenceOf::new(doc);
        let sentence_of = |pos: usize| sentence_of.get(pos);
        // the dateline of the last sentence asked (mentions come in order)
        let last = Cell::new(None);
        let in_dateline = |span: &Span| {
            let s = sentence_of(span.start);
            let end = match last.get() {
                Some((t, end)) if t == s => end,
                _ => {
                    let end = dateline_end(doc, s);
                    last.set(Some((s, end)));
                    end
                }
            };
            end.is_some_and(|e| span.start < e)
        };
        let places = BySentence::new(
            ann.places
                .iter()
                .filter(|p| !in_dateline(&p.span))
                .map(|p| (sentence_of(p.span.start), p)),
        );
        let dates = BySentence::new(
            ann.dates
                .iter()
                .filter(|d| is_calendar(d) && !in_dateline(&d.span))
                .map(|d| (sentence_of(d.span.start), d)),
        );
        let actors = BySentence::new(ann.actors.iter().map(|a| (sentence_of(a.span.start), a)));
        let mut sources: Vec<(usize, usize, &str)> = ann
            .actors
            .iter()
            .filter(|a| a.source)
            .map(|a| (sentence_of(a.span.start), a.span.start, a.name.as_str()))
            .collect();
        sources.sort();
        Slots {
            places,
            dates,
            actors,
            sources,
        }
    }

    /// Every place kept, in document order.
    fn all_places(&self) -> impl Iterator<Item = &'a PlaceMention> + '_ {
        self.places.all()
    }

    /// Drops from sentence `s` the places the victims were taken to (« évacués
    /// vers Niamey ») and the dates of reports (« a affirmé mercredi »).
    fn prune(&mut self, s: usize, toks: &Tokens) {
        let after = |pos: usize, class: u16| {
            toks.match_ending(toks.token_at(pos))
                .is_some_and(|m| m.entry.has(class))
        };
        self.places.retain(s, |p| !after(p.span.start, AWAY));
        self.dates.retain(s, |d| !after(d.span.start, REPORT));
    }

    /// The most specific place of sentence `s`, nearest to `pos` among equals.
    fn place(&self, s: usize, pos: usize) -> Option<&'a PlaceMention> {
        let rank = |p: &PlaceMention| match p.kind.as_deref() {
            Some("country") => 0,
            Some("region") => 1,
            _ => 2,
        };
        self.places.get(&s)?.iter().copied().min_by_key(|p| {
            (
                std::cmp::Reverse(rank(p)),
                p.span.start.abs_diff(pos),
                p.span.start,
            )
        })
    }

    /// The calendar date of sentence `s` nearest to `pos`.
    fn date(&self, s: usize, pos: usize) -> Option<&'a DateMention> {
        self.dates
            .get(&s)?
            .iter()
            .copied()
            .min_by_key(|d| (d.span.start.abs_diff(pos), d.span.start))
    }

    /// The source of a claim at `pos` in sentence `s`.
    fn source(&self, s: usize, pos: usize) -> Option<String> {
        let i = self.sources.partition_point(|&(x, _, _)| x < s);
        let here = self.sources[i..]
            .iter()
            .take_while(|&&(x, _, _)| x == s)
            .min_by_key(|&&(_, p, _)| p.abs_diff(pos));
        if let Some(&(_, _, name)) = here {
            return Some(name.to_string());
        }
        let before = i.checked_sub(1).map(|k| self.sources[k]);
        let after = self.sources.get(i).copied();
        match (before, after) {
            (Some(b), Some(a)) => Some(if s - b.0 <= a.0 - s { b.2 } else { a.2 }),
            (Some(b), None) => Some(b.2),
            (None, Some(a)) => Some(a.2),
            (None, None) => None,
        }
        .map(str::to_string)
    }
}

/// The end of a sentence's dateline (« BAMAKO (AFP) - », « Bamako, 2 novembre
/// 2019 (AFP) - », « BAMAKO, Nov 2 - »): a dash within the first 80 bytes.
/// Places and dates before it say where and when the story was filed.
fn dateline_end(doc: &Document, s: usize) -> Option<usize> {
    let sent = doc.sentences.get(s)?;
    let mut end = (sent.start + 80).min(sent.end);
    while !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    let head = doc.text.get(sent.start..end)?.as_bytes();
    // the first dash between spaces, in one pass
    let dash = |rest: &[u8]| match rest.first() {
        Some(b'-') => rest.get(1) == Some(&b' '),
        Some(0xE2) => ["– ", "— "].iter().any(|d| rest.starts_with(d.as_bytes())),
        _ => false,
    };
    let mut i = 0;
    while i < head.len() {
        // no dash at the next 8 bytes: no match at the 8 bytes before them either
        if !head.get(i + 1..i + 9).is_none_or(may_dash) {
            i += 8;
            continue;
        }
        if head[i] == b' ' && dash(&head[i + 1..]) {
            return Some(sent.start + i);
        }
        i += 1;
    }
    None
}

/// False when none of the 8 bytes `b` is `-` or the first byte of `–` or `—`.
fn may_dash(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w = u64::from_le_bytes(b.try_into().unwrap_or([b'-'; 8]));
    // a zero byte of `w ^ c` is a byte `c` of `w` (the usual test for a zero byte)
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    zero(w ^ (ONES * u64::from(b'-'))) || zero(w ^ (ONES * 0xE2))
}

/// A date usable as an event date: a calendar value with at least one digit.
fn is_calendar(d: &DateMention) -> bool {
    matches!(d.kind, DateType::Date | DateType::Time)
        && !d.value.starts_with('P')
        && d.value.bytes().any(|b| b.is_ascii_digit())
        && d.value
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_digit() || *b == b'X')
}

/// Marks revised tolls, over the first toll of each outcome and victims in a
/// sentence (« 53 soldats et un civil »: the civilian is no revision):
/// - a toll after a revision cue (« revoit le bilan », « revised its count to »)
///   revises the latest earlier toll of the same outcome, victims and place with
///   another count: it is the `revision`, that one is `revised`;
/// - a toll after an earlier-toll cue (« un premier bilan … 11 soldats ») is
///   `revised` by the other tolls of that outcome, victims and place with
///   another count, which are `revision`s.
///
/// A restated toll (same count) is no revision, and a toll from another
/// source with no cue (« 35 soldiers ») neither.
fn link_revisions(claims: &mut [Claim], metas: &[Meta], tree: &PlaceTree) {
    let mut by_key: FxHashMap<(Outcome, Victims), Vec<usize>> = FxHashMap::default();
    for (i, c) in claims.iter().enumerate() {
        if let (Some(o), Some(v), true) = (c.outcome, c.victims, metas[i].first_of_key) {
            by_key.entry((o, v)).or_default().push(i);
        }
    }
    for list in by_key.values() {
        let differs = |claims: &[Claim], a: usize, b: usize| {
            claims[a].count != claims[b].count
                && tree.agree(claims[a].place.as_deref(), claims[b].place.as_deref())
                && dates_agree(claims[a].date.as_deref(), claims[b].date.as_deref())
        };
        for (k, &i) in list.iter().enumerate() {
            if metas[i].after_revision {
                // the latest earlier toll, among the last few (linear time)
                let earlier = list[..k]
                    .iter()
                    .rev()
                    .take(WINDOW)
                    .copied()
                    .find(|&j| differs(claims, i, j));
                if let Some(j) = earlier {
                    claims[j].revised = true;
                    claims[i].revision = true;
                }
            }
            if metas[i].initial {
                let near = &list[k.saturating_sub(WINDOW)..(k + WINDOW).min(list.len())];
                let later: Vec<usize> = near
                    .iter()
                    .copied()
                    .filter(|&j| j != i && !metas[j].initial && differs(claims, i, j))
                    .collect();
                if !later.is_empty() {
                    claims[i].revised = true;
                }
                for j in later {
                    claims[j].revision = true;
                }
            }
        }
    }
}

/// How many earlier tolls or events a toll or attack is compared with.
const WINDOW: usize = 64;

/// Attack mentions of the same event (same place, agreeing dates) become one
/// claim, the first mention's, with slots filled from later ones.
fn merge_attacks(claims: Vec<Claim>, tree: &PlaceTree) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::with_capacity(claims.len());
    let mut events: Vec<usize> = Vec::new();
    for c in claims {
        if c.kind != ClaimKind::Attack {
            out.push(c);
            continue;
        }
        let same = events.iter().rev().take(WINDOW).copied().find(|&k| {
            let e = &out[k];
            tree.agree(e.place.as_deref(), c.place.as_deref())
                && dates_agree(e.date.as_deref(), c.date.as_deref())
        });
        match same {
            Some(k) => {
                let e = &mut out[k];
                if e.perpetrator.is_none() {
                    e.perpetrator = c.perpetrator;
                }
                if e.target.is_none() {
                    e.target = c.target;
                }
                // the most specific place names the event
                if let (Some(outer), Some(inner)) = (&e.place, &c.place) {
                    let (ko, ki) = (tree.key(outer), tree.key(inner));
                    if ko != ki && tree.contains_keyed(outer, &ko, inner, &ki) {
                        e.place = c.place;
                        e.place_from = c.place_from;
                    }
                }
                if e.date.is_none() {
                    e.date = c.date;
                    e.date_from = c.date_from;
                }
            }
            None => {
                events.push(out.len());
                out.push(c);
            }
        }
    }
    out
}

/// Whether one place lies in another: the gazetteer's hierarchy
/// ([`crate::places::contains`]), completed by the parents place mentions give
/// (places read from a claims file, places outside the gazetteer).
#[derive(Debug, Clone, Default)]
pub struct PlaceTree {
    /// Folded name → folded parent name.
    parents: FxHashMap<String, String>,
    /// The [`name_key`] of each name asked so far (the same few names come back
    /// in every comparison of a document).
    keys: RefCell<FxHashMap<Box<str>, Box<str>>>,
}

impl PlaceTree {
    /// Learns the parents of `places`.
    pub fn learn(&mut self, places: &[PlaceMention]) {
        // a name and parent told again teach nothing new
        let mut seen: FxHashSet<(&str, &str)> = FxHashSet::default();
        for p in places {
            if let Some(parent) = &p.parent {
                if !seen.insert((&p.name, parent)) {
                    continue;
                }
                let (k, v) = (self.key(&p.name), self.key(parent));
                if !k.is_empty() && !v.is_empty() && k != v {
                    self.parents.entry(k).or_insert(v);
                }
            }
        }
    }

    /// [`name_key`] of `name`, computed once.
    fn key(&self, name: &str) -> String {
        if let Some(k) = self.keys.borrow().get(name) {
            return String::from(&**k);
        }
        let k = name_key(name);
        self.keys
            .borrow_mut()
            .insert(name.into(), k.as_str().into());
        k
    }

    /// True when place `outer` is or contains `inner`: by the gazetteer's
    /// hierarchy, else by the parents the place mentions gave.
    pub fn contains(&self, outer: &str, inner: &str) -> bool {
        crate::places::contains(outer, inner)
            || self.parents_contain(&self.key(outer), &self.key(inner))
    }

    /// [`PlaceTree::contains`] given the names' [`name_key`]s too.
    fn contains_keyed(&self, outer: &str, outer_key: &str, inner: &str, inner_key: &str) -> bool {
        crate::places::contains(outer, inner) || self.parents_contain(outer_key, inner_key)
    }

    /// True when the place of key `outer` is or contains that of key `inner`
    /// by the parents the place mentions gave.
    fn parents_contain(&self, outer: &str, inner: &str) -> bool {
        let mut cur = inner;
        for _ in 0..8 {
            if cur == outer {
                return true;
            }
            match self.parents.get(cur) {
                Some(p) => cur = p,
                None => return false,
            }
        }
        false
    }

    /// Places equal or one containing the other; an unknown place agrees.
    pub fn agree(&self, a: Option<&str>, b: Option<&str>) -> bool {
        match (a, b) {
            (Some(x), Some(y)) => {
                crate::places::contains(x, y) || crate::places::contains(y, x) || {
                    let (kx, ky) = (self.key(x), self.key(y));
                    self.parents_contain(&kx, &ky) || self.parents_contain(&ky, &kx)
                }
            }
            _ => true,
        }
    }
}

/// The calendar part of a date value as (year, month, day), each `None` when
/// unknown (`X`) and absent beyond the value's grain; `None` for values that
/// are no calendar date (durations, `PRESENT_REF`).
fn calendar(v: &str) -> Option<([Option<u32>; 3], usize)> {
    let v = v.split(['T', '/']).next()?;
    let mut out = [None; 3];
    let mut n = 0;
    for (i, p) in v.split('-').enumerate() {
        if i >= 3 || (i == 0 && p.len() != 4) || (i > 0 && p.len() != 2) {
            return None;
        }
        out[i] = if p.bytes().all(|b| b == b'X') {
            None
        } else {
            Some(p.parse::<u32>().ok()?)
        };
        n = i + 1;
    }
    Some((out, n))
}

/// Two optional date values agree at their common grain, `X` matching anything:
/// `XXXX-11-01` agrees with `2019-11-01`, `2019-11` with `2019-11-01`. Days one
/// apart agree too (an event overnight, or dated by its report). Unknown or
/// non-calendar values agree with everything.
pub fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some((a, na)), Some((b, nb))) = (a.and_then(calendar), b.and_then(calendar)) else {
        return true;
    };
    for (i, (x, y)) in a[..na].iter().zip(b[..nb].iter()).enumerate() {
        if let (Some(x), Some(y)) = (x, y) {
            let ok = if i == 2 { x.abs_diff(*y) <= 1 } else { x == y };
            if !ok {
                return false;
            }
        }
    }
    true
}
