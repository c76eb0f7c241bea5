//! The per-language date lexicons and rules, read once from `models/<lang>/dates_*.tsv`.
//!
//! - `dates_months.tsv`: month names and abbreviations (`form month ambiguous`);
//! - `dates_weekdays.tsv`: weekday names (`form weekday`, 1 = Monday);
//! - `dates_numbers.tsv`: number words for durations (`form value`);
//! - `dates_units.tsv`: time units (`form unit number cal`);
//! - `dates_words.tsv`: every other date word, by kind (`form kind value offset`);
//! - `dates_patterns.tsv`: the rules (`name handler regex`), written over the folded text
//!   with placeholders filled from the files above.
//!
//! All the rules are compiled once, into one multi-pattern NFA (pattern `i` is `rules[i]`),
//! from which come the engines of `rules.rs`: a lazy DFA telling where each rule matches and a
//! backtracker (a Pike VM past its length limit) reading one rule's captures at one place.
//! Each placeholder is parsed once and its HIR spliced into every rule that has it (the
//! same HIR as the expanded rule parsed whole): placeholders are most of the rules' text.

use super::backtrack::Backtracker;
use crate::models::tsv_rows;
use crate::Lang;
use regex_automata::hybrid::dfa::DFA;
use regex_automata::meta;
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::MatchKind;
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

/// A time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Decade,
    Century,
    Weekend,
    Quarter,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "Y" => Unit::Year,
            "M" => Unit::Month,
            "W" => Unit::Week,
            "D" => Unit::Day,
            "H" => Unit::Hour,
            "MIN" => Unit::Minute,
            "S" => Unit::Second,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "WE" => Unit::Weekend,
            "Q" => Unit::Quarter,
            _ => return None,
        })
    }
}

/// How a rule's captures are read (see `rules.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    DayRange,
    DayPair,
    DayMonthYear,
    Numeric,
    Iso,
    MonthRange,
    YearRange,
    Month,
    Decade,
    Year,
    Night,
    WeekdaySet,
    Weekday,
    Word,
    PartOfDay,
    Time,
    Ago,
    EventRelative,
    LastN,
    Vague,
    Duration,
    UnitRelative,
    Season,
}

impl Handler {
    fn parse(s: &str) -> Option<Handler> {
        Some(match s {
            "drange" => Handler::DayRange,
            "dpair" => Handler::DayPair,
            "dmy" => Handler::DayMonthYear,
            "numeric" => Handler::Numeric,
            "iso" => Handler::Iso,
            "mrange" => Handler::MonthRange,
            "yrange" => Handler::YearRange,
            "month" => Handler::Month,
            "decade" => Handler::Decade,
            "year" => Handler::Year,
            "night" => Handler::Night,
            "wdset" => Handler::WeekdaySet,
            "weekday" => Handler::Weekday,
            "word" => Handler::Word,
            "pod" => Handler::PartOfDay,
            "time" => Handler::Time,
            "ago" => Handler::Ago,
            "evrel" => Handler::EventRelative,
            "lastn" => Handler::LastN,
            "vague" => Handler::Vague,
            "duration" => Handler::Duration,
            "unitrel" => Handler::UnitRelative,
            "season" => Handler::Season,
            _ => return None,
        })
    }
}

/// A date word of `dates_words.tsv`.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub value: &'static str,
    pub offset: i64,
}

/// One rule of `dates_patterns.tsv`.
#[derive(Debug)]
pub struct Rule {
    /// The rule name (read by the tests and handy when debugging).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    pub handler: Handler,
    /// The names of the rule's groups, by index.
    pub names: Vec<Option<Box<str>>>,
    /// The same as [`group_key`]s (0: unnamed or too long a name), compared faster.
    pub keys: Vec<u64>,
}

/// A group name of at most eight bytes packed in a number (never 0), `None` if longer.
pub fn group_key(name: &str) -> Option<u64> {
    let b = name.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    let mut k = [0u8; 8];
    k[..b.len()].copy_from_slice(b);
    Some(u64::from_le_bytes(k)).filter(|&k| k != 0)
}

/// The compiled rules of one language (pattern `i` of each engine is `rules[i]`).
#[derive(Debug)]
pub struct Engines {
    /// Every rule in one lazy DFA, searched anchored to tell which rules match at a given
    /// place and where those matches may end (`None` if it failed to build).
    pub starts: Option<DFA>,
    /// Reads one rule's captures over a known span (leftmost-first, as `regex` does).
    pub backtrack: Backtracker,
    /// Each rule's template and regex, expanded and compiled alone on first use, for spans
    /// too long for the backtracker.
    slow: Vec<(&'static str, OnceLock<Option<meta::Regex>>)>,
    /// The text of each placeholder of the rules, by name.
    fills: Fills,
}

/// The text of placeholders, by name.
type Fills = HashMap<&'static str, String>;

impl Engines {
    /// Rule `i` compiled alone (the backtracker's stand-in for long spans).
    pub fn rule_regex(&self, i: usize) -> Option<&meta::Regex> {
        let (src, re) = self.slow.get(i)?;
        re.get_or_init(|| meta::Regex::new(&fill(src, &self.fills)).ok())
            .as_ref()
    }
}

/// Everything the dates stage knows of one language.
#[derive(Debug)]
pub struct Lexicon {
    months: HashMap<&'static str, (u32, u8)>,
    abbrevs: Vec<&'static str>,
    weekdays: HashMap<&'static str, u32>,
    numbers: HashMap<&'static str, f64>,
    units: HashMap<&'static str, (Unit, bool, bool)>,
    words: HashMap<&'static str, HashMap<&'static str, Word>>,
    pub rules: Vec<Rule>,
    /// The rules compiled (`None` if they failed to: then nothing is found).
    pub engines: Option<Engines>,
    /// Which thread-local engine caches this lexicon uses (see `rules::candidates`).
    pub slot: usize,
}

macro_rules! lang_data {
    ($lang:literal) => {
        [
            include_str!(concat!("../../models/", $lang, "/dates_months.tsv")),
            include_str!(concat!("../../models/", $lang, "/dates_weekdays.tsv")),
            include_str!(concat!("../../models/", $lang, "/dates_numbers.tsv")),
            include_str!(concat!("../../models/", $lang, "/dates_units.tsv")),
            include_str!(concat!("../../models/", $lang, "/dates_words.tsv")),
            include_str!(concat!("../../models/", $lang, "/dates_patterns.tsv")),
        ]
    };
}

static FR: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::load(lang_data!("fr"), 0));
static EN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::load(lang_data!("en"), 1));

/// The lexicon of `lang`, built on first use.
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Collapses runs of whitespace to one space (captures may span line breaks).
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`squash`], borrowed when `s` is squashed already (no whitespace but single spaces
/// between non-spaces).
fn squashed(s: &str) -> Cow<'_, str> {
    let clean = !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.contains(|c: char| c.is_whitespace() && c != ' ')
        && !s.as_bytes().windows(2).any(|w| w == b"  ");
    if clean {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(squash(s))
    }
}

/// The compiler of the rules' NFA.
fn compiler() -> thompson::Compiler {
    let mut c = thompson::Compiler::new();
    c.configure(
        thompson::Config::new()
            .which_captures(WhichCaptures::All)
            .nfa_size_limit(Some(1 << 28)),
    );
    c
}

/// All the rules in one NFA with their captures, pattern `i` being `rules[i]`.
fn compile(rules: &[String]) -> Option<NFA> {
    compiler().build_many(rules).ok()
}

/// ASCII word boundaries: the text is folded (letters are ASCII), and a Unicode `\b`
/// keeps the regex engine off its fast DFA on any non-ASCII byte (« », …), a 25% cost of
/// the whole pipeline.
fn ascii_boundaries(re: &str) -> String {
    re.replace(r"\b", r"(?-u:\b)")
}

/// Rule `src` with its placeholders filled from `fills` and ASCII word boundaries: the
/// regex the rule stands for.
fn fill(src: &str, fills: &Fills) -> String {
    let mut out = String::with_capacity(src.len() * 4);
    each_placeholder(src, |piece| match piece {
        Ok(text) => out.push_str(text),
        Err(name) => out.push_str(fills.get(name).map_or("", String::as_str)),
    });
    ascii_boundaries(&out)
}

/// Adds the text of each placeholder of `src` missing from `fills`.
fn add_fills(lex: &Lexicon, src: &'static str, fills: &mut Fills) {
    each_placeholder(src, |piece| {
        if let Err(name) = piece {
            fills.entry(name).or_insert_with(|| lex.placeholder(name));
        }
    });
}

/// Cuts a rule into its text (`Ok`) and its `{…}` placeholders (`Err`, by name), in order.
fn each_placeholder<'s>(src: &'s str, mut piece: impl FnMut(Result<&'s str, &'s str>)) {
    let mut rest = src;
    while let Some(i) = rest.find('{') {
        piece(Ok(&rest[..i]));
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) if after[..j].chars().all(|c| c.is_ascii_alphabetic()) => {
                piece(Err(&after[..j]));
                rest = &after[j + 1..];
            }
            _ => {
                piece(Ok("{"));
                rest = after;
            }
        }
    }
    piece(Ok(rest));
}

/// The name of the group standing for placeholder `i` of a rule while it is parsed.
const PLACEHOLDER_GROUP: &str = "bilanplaceholder";

/// The rule's HIR from its template, with each `{…}` (its text in `fills`) taken from
/// (or parsed into) `parsed`, by name: the HIR of the expanded rule parsed whole (a test
/// checks), without parsing each placeholder again in every rule that has it (most of the
/// rules' text). `None` if something does not parse or a placeholder has groups.
fn spliced_hir(src: &str, fills: &Fills, parsed: &mut HashMap<String, Hir>) -> Option<Hir> {
    // the template: each placeholder a group of its own (not empty: an empty group
    // would cap a repetition of it at one)
    let mut template = String::with_capacity(src.len() + 64);
    let mut names = Vec::new();
    each_placeholder(src, |piece| match piece {
        Ok(text) => template.push_str(text),
        Err(name) => {
            template.push_str(&format!("(?P<{PLACEHOLDER_GROUP}{}>a)", names.len()));
            names.push(name.to_string());
        }
    });
    for name in &names {
        if !parsed.contains_key(name) {
            let hir = parse(&ascii_boundaries(fills.get(name.as_str())?))?;
            if hir.properties().explicit_captures_len() != 0 {
                return None;
            }
            parsed.insert(name.clone(), hir);
        }
    }
    let hir = parse(&ascii_boundaries(&template))?;
    let mut next_index = 1;
    splice(hir, &names, parsed, &mut next_index)
}

/// `hir` with its placeholder groups replaced, its other groups numbered anew from
/// `next_index` in the order they open (as the parser numbers them).
fn splice(
    hir: Hir,
    names: &[String],
    parsed: &HashMap<String, Hir>,
    next_index: &mut u32,
) -> Option<Hir> {
    let all = |subs: Vec<Hir>, next_index: &mut u32| {
        subs.into_iter()
            .map(|h| splice(h, names, parsed, next_index))
            .collect::<Option<Vec<_>>>()
    };
    Some(match hir.into_kind() {
        HirKind::Capture(c) => {
            let placeholder = c
                .name
                .as_deref()
                .and_then(|n| n.strip_prefix(PLACEHOLDER_GROUP))
                .and_then(|i| i.parse::<usize>().ok());
            if let Some(i) = placeholder {
                return parsed.get(names.get(i)?).cloned();
            }
            let index = *next_index;
            *next_index += 1;
            Hir::capture(Capture {
                index,
                name: c.name,
                sub: Box::new(splice(*c.sub, names, parsed, next_index)?),
            })
        }
        HirKind::Concat(subs) => Hir::concat(all(subs, next_index)?),
        HirKind::Alternation(subs) => Hir::alternation(all(subs, next_index)?),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(splice(*r.sub, names, parsed, next_index)?),
            ..r
        }),
        kind @ (HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_)) => {
            // no groups below: rebuilt as is
            match kind {
                HirKind::Empty => Hir::empty(),
                HirKind::Literal(l) => Hir::literal(l.0),
                HirKind::Class(c) => Hir::class(c),
                HirKind::Look(l) => Hir::look(l),
                _ => return None,
            }
        }
    })
}

/// `re` parsed as the NFA compiler parses it.
fn parse(re: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new().build().parse(re).ok()
}

fn alternation<'a>(forms: impl Iterator<Item = &'a str>) -> String {
    let mut forms: Vec<&str> = forms.collect();
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms.dedup();
    let alts: Vec<String> = forms
        .iter()
        .map(|f| regex::escape(f).replace(' ', r"\s+"))
        .collect();
    if alts.is_empty() {
        // matches nothing
        return r"(?:[^\s\S])".to_string();
    }
    format!("(?:{})", alts.join("|"))
}

impl Lexicon {
    fn load(data: [&'static str; 6], slot: usize) -> Lexicon {
        let [months_d, weekdays_d, numbers_d, units_d, words_d, patterns_d] = data;
        let mut months = HashMap::default();
        let mut abbrevs = Vec::new();
        for r in tsv_rows(months_d) {
            if let (Some(f), Some(Ok(m))) = (r.first(), r.get(1).map(|m| m.parse::<u32>())) {
                let amb = r.get(2).and_then(|a| a.parse::<u8>().ok()).unwrap_or(0);
                months.insert(*f, (m, amb));
                if r.get(3) == Some(&"1") {
                    abbrevs.push(*f);
                }
            }
        }
        let mut weekdays = HashMap::default();
        for r in tsv_rows(weekdays_d) {
            if let (Some(f), Some(Ok(w))) = (r.first(), r.get(1).map(|m| m.parse::<u32>())) {
                weekdays.insert(*f, w);
            }
        }
        let mut numbers = HashMap::default();
        for r in tsv_rows(numbers_d) {
            if let (Some(f), Some(Ok(v))) = (r.first(), r.get(1).map(|m| m.parse::<f64>())) {
                numbers.insert(*f, v);
            }
        }
        let mut units = HashMap::default();
        for r in tsv_rows(units_d) {
            if let (Some(f), Some(u)) = (r.first(), r.get(1).and_then(|u| Unit::parse(u))) {
                let plural = r.get(2) == Some(&"p");
                let cal = r.get(3) == Some(&"1");
                units.insert(*f, (u, plural, cal));
            }
        }
        let mut words: HashMap<&'static str, HashMap<&'static str, Word>> = HashMap::default();
        for r in tsv_rows(words_d) {
            if let (Some(f), Some(k)) = (r.first(), r.get(1)) {
                let value = r.get(2).copied().unwrap_or("-");
                let offset = r.get(3).and_then(|o| o.parse().ok()).unwrap_or(0);
                words
                    .entry(*k)
                    .or_default()
                    .insert(*f, Word { value, offset });
            }
        }
        let mut lex = Lexicon {
            months,
            abbrevs,
            weekdays,
            numbers,
            units,
            words,
            rules: Vec::new(),
            engines: None,
            slot,
        };
        let mut rules = Vec::new();
        let mut templates = Vec::new();
        let mut fills = HashMap::default();
        for r in tsv_rows(patterns_d) {
            let (Some(name), Some(h), Some(src)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let Some(handler) = Handler::parse(h) else {
                continue;
            };
            add_fills(&lex, src, &mut fills);
            templates.push(*src);
            rules.push((*name, handler));
        }
        let mut parsed = HashMap::default();
        let hirs: Option<Vec<Hir>> = templates
            .iter()
            .map(|src| spliced_hir(src, &fills, &mut parsed))
            .collect();
        let nfa = match hirs.and_then(|h| compiler().build_many_from_hir(&h).ok()) {
            Some(nfa) => nfa,
            None => {
                // a rule that does not compile is a data error, caught by the tests:
                // the others still run
                let mut expanded_rules: Vec<String> =
                    templates.iter().map(|t| fill(t, &fills)).collect();
                let ok: Vec<bool> = expanded_rules
                    .iter()
                    .map(|e| compile(std::slice::from_ref(e)).is_some())
                    .collect();
                let mut keep = ok.iter();
                rules.retain(|_| keep.next().copied().unwrap_or(false));
                let mut keep = ok.iter();
                templates.retain(|_| keep.next().copied().unwrap_or(false));
                let mut keep = ok.iter();
                expanded_rules.retain(|_| keep.next().copied().unwrap_or(false));
                match compile(&expanded_rules) {
                    Some(nfa) => nfa,
                    None => return lex,
                }
            }
        };
        let groups = nfa.group_info();
        lex.rules = rules
            .into_iter()
            .enumerate()
            .map(|(i, (name, handler))| {
                let names: Vec<Option<Box<str>>> = regex_automata::PatternID::new(i)
                    .map(|pid| {
                        groups
                            .pattern_names(pid)
                            .map(|n| n.map(Box::from))
                            .collect()
                    })
                    .unwrap_or_default();
                let keys = names
                    .iter()
                    .map(|n| n.as_deref().and_then(group_key).unwrap_or(0))
                    .collect();
                Rule {
                    name,
                    handler,
                    names,
                    keys,
                }
            })
            .collect();
        let starts = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(1 << 24),
            )
            .build_from_nfa(nfa.clone())
            .ok();
        lex.engines = Some(Engines {
            starts,
            backtrack: Backtracker::new(nfa),
            slow: templates
                .into_iter()
                .map(|t| (t, OnceLock::new()))
                .collect(),
            fills,
        });
        lex
    }

    /// Fills the `{…}` placeholders of a rule, each anew (the tests' reference).
    #[cfg(test)]
    fn expand(&self, src: &str) -> String {
        let mut out = String::with_capacity(src.len() * 4);
        each_placeholder(src, |piece| match piece {
            Ok(text) => out.push_str(text),
            Err(name) => out.push_str(&self.placeholder(name)),
        });
        out
    }

    fn placeholder(&self, name: &str) -> String {
        match name {
            "MONTH" => alternation(self.months.keys().copied()),
            "WD" => alternation(self.weekdays.keys().copied()),
            "NUM" => alternation(self.numbers.keys().copied()),
            "UNIT" => alternation(self.units.keys().copied()),
            "UNITP" => alternation(self.units.iter().filter(|u| u.1 .1).map(|u| *u.0)),
            "UNITCAL" => alternation(self.units.iter().filter(|u| u.1 .2).map(|u| *u.0)),
            // one `\d\d` for both: the same years, half the (Unicode) digit classes
            "Y" => r"(?:(?:1[5-9]|20)\d\d)".to_string(),
            kind => alternation(
                self.words
                    .get(kind)
                    .into_iter()
                    .flat_map(|m| m.keys().copied()),
            ),
        }
    }

    /// The month of a month form (a trailing dot allowed) and its ambiguity level.
    pub fn month(&self, s: &str) -> Option<(u32, u8)> {
        self.months.get(s.trim_end_matches('.').trim()).copied()
    }

    /// True for an abbreviated month form (« sept », « nov »).
    pub fn is_abbrev(&self, s: &str) -> bool {
        self.abbrevs.contains(&s)
    }

    pub fn weekday(&self, s: &str) -> Option<u32> {
        self.weekdays.get(s.trim()).copied()
    }

    /// A number written in digits (`30,4`) or words (`trois`).
    pub fn number(&self, s: &str) -> Option<f64> {
        let s = squashed(s);
        if s.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            return if s.contains(',') {
                s.replace(',', ".").parse().ok()
            } else {
                s.parse().ok()
            };
        }
        self.numbers.get(s.as_ref()).copied()
    }

    /// The unit of a unit form and whether it is plural.
    pub fn unit(&self, s: &str) -> Option<(Unit, bool)> {
        self.units.get(s.trim()).map(|u| (u.0, u.1))
    }

    /// The word `form` of `kind`, whitespace-insensitive.
    pub fn word(&self, kind: &str, form: &str) -> Option<Word> {
        let m = self.words.get(kind)?;
        if let Some(w) = m.get(form) {
            return Some(*w);
        }
        // without whitespace, or with single spaces between words, `squash` gives `form` back
        if form.bytes().all(|b| b > b' ' && b < 0x80) {
            return None;
        }
        if !form.contains(|c: char| c.is_whitespace() && c != ' ')
            && !form.starts_with(' ')
            && !form.ends_with(' ')
            && !form.as_bytes().windows(2).any(|w| w == b"  ")
        {
            return None;
        }
        m.get(squash(form).as_str()).copied()
    }

    /// True when `s` starts with a word of `kind` followed by a space.
    pub fn starts_with_kind(&self, kind: &str, s: &str) -> bool {
        self.words.get(kind).is_some_and(|m| {
            m.keys().any(|f| {
                s.strip_prefix(f)
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
            })
        })
    }

    /// The words of `kind`, to look up many forms without whitespace (as [`Lexicon::has`]).
    pub fn words_of(&self, kind: &str) -> Option<&HashMap<&'static str, Word>> {
        self.words.get(kind)
    }

    pub fn has(&self, kind: &str, form: &str) -> bool {
        self.word(kind, form).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_compiles_and_is_known() {
        for (lang, data) in [(Lang::Fr, lang_data!("fr")), (Lang::En, lang_data!("en"))] {
            let lex = lexicon(lang);
            let declared = tsv_rows(data[5]).count();
            assert_eq!(lex.rules.len(), declared, "{lang}: a rule failed to load");
            assert!(lex.month("sept.").is_some());
            let mut names: Vec<&str> = lex.rules.iter().map(|r| r.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(
                names.len(),
                lex.rules.len(),
                "{lang}: rule names must be unique"
            );
        }
    }

    /// The rules' HIRs, placeholders parsed once and spliced in, are those of the
    /// expanded rules parsed whole.
    #[test]
    fn spliced_rules_are_the_rules_parsed_whole() {
        for (lang, data) in [(Lang::Fr, lang_data!("fr")), (Lang::En, lang_data!("en"))] {
            let lex = lexicon(lang);
            let mut parsed = HashMap::default();
            let mut n = 0;
            for r in tsv_rows(data[5]) {
                let (Some(name), Some(src)) = (r.first(), r.get(2)) else {
                    continue;
                };
                if Handler::parse(r[1]).is_none() {
                    continue;
                }
                let whole = parse(&ascii_boundaries(&lex.expand(src))).expect("it parses");
                let mut fills = HashMap::default();
                add_fills(lex, src, &mut fills);
                assert_eq!(fill(src, &fills), ascii_boundaries(&lex.expand(src)));
                let spliced = spliced_hir(src, &fills, &mut parsed).expect("it splices");
                assert_eq!(spliced, whole, "{lang} {name}");
                n += 1;
            }
            assert_eq!(n, lex.rules.len());
        }
    }

    /// Placeholders anywhere: repeated, in alternations, next to literals, around groups.
    #[rstest::rstest]
    #[case::repeated(r"(?P<a>x)?{WD}+\s*{Y}{1,2}")]
    #[case::alternation(r"(?:{MONTH}|{WD}|le)(?P<b>{Y})")]
    #[case::literals(r"le{MONTH}s\b{pod}(?P<c>z)")]
    #[case::nested(r"((?P<d>{WD})|(a(?P<e>{Y}))){MONTH}?")]
    #[case::unknown_kind(r"a{nosuchkind}b{NUM}")]
    #[case::braces(r"a{2}b{1,3}{NUM}")]
    fn spliced_templates_are_parsed_whole(#[case] src: &'static str) {
        for lang in [Lang::Fr, Lang::En] {
            let lex = lexicon(lang);
            let whole = parse(&ascii_boundaries(&lex.expand(src))).expect("it parses");
            let mut fills = HashMap::default();
            add_fills(lex, src, &mut fills);
            assert_eq!(fill(src, &fills), ascii_boundaries(&lex.expand(src)));
            let spliced = spliced_hir(src, &fills, &mut HashMap::default()).expect("it splices");
            assert_eq!(spliced, whole, "{lang} {src}");
        }
    }

    #[rstest::rstest]
    #[case::empty("")]
    #[case::word("douze")]
    #[case::words("vingt et un")]
    #[case::two_spaces("vingt  et un")]
    #[case::edges(" 12 ")]
    #[case::line_break("trois\njours")]
    #[case::tab("3\t000")]
    #[case::nbsp("3\u{a0}000")]
    #[case::comma("1,5")]
    fn squashed_is_squash(#[case] s: &str) {
        assert_eq!(squashed(s), squash(s));
        let lex = lexicon(Lang::Fr);
        let old = |s: &str| {
            let s = squash(s);
            if s.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                return s.replace(',', ".").parse::<f64>().ok();
            }
            lex.numbers.get(s.as_str()).copied()
        };
        assert_eq!(lex.number(s), old(s));
    }

    #[test]
    fn abbreviations_are_the_right_month() {
        assert_eq!(lexicon(Lang::Fr).month("sept.").map(|m| m.0), Some(9));
        assert_eq!(lexicon(Lang::Fr).month("janv").map(|m| m.0), Some(1));
        assert_eq!(
            lexicon(Lang::En)
                .month("Sept.".to_lowercase().as_str())
                .map(|m| m.0),
            Some(9)
        );
        assert_eq!(lexicon(Lang::En).month("nov.").map(|m| m.0), Some(11));
    }
}
