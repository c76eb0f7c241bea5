//! The numbers stage's language data, read once from `models/<lang>/numbers_*.tsv`.

use super::tokens::tokenize;
use crate::models::tsv_rows;
use crate::text::fold;
use crate::Lang;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A phrase as a sequence of folded tokens.
pub(crate) type Seq = Vec<String>;

/// Splits a data phrase into tokens the way the text is split.
pub(crate) fn seq_of(phrase: &str) -> Seq {
    let f = fold(phrase);
    tokenize(&f)
        .into_iter()
        .map(|t| f[t.start..t.end].to_string())
        .collect()
}

/// What must surround an approximate noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Needs {
    pub article: bool,
    pub det: bool,
    pub of: bool,
}

/// One row of `numbers_approx.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct ApproxRow {
    pub key: Seq,
    pub value: f64,
    pub min: f64,
    pub max: f64,
    pub needs: Needs,
}

impl ApproxRow {
    /// Vague plurals (« des dizaines ») take their value at the bottom of their range.
    pub fn vague(&self) -> bool {
        self.value == self.min
    }
}

/// Kinds of modifiers (`numbers_modifiers.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ModKind {
    Approx,
    Near,
    AtLeast,
    Over,
    Under,
    UpTo,
}

#[derive(Debug, Clone)]
pub(crate) struct Modifier {
    pub key: Seq,
    pub kind: ModKind,
    pub weak: bool,
}

/// Kinds of head nouns (`numbers_units.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Toll,
    Person,
    Thing,
    Time,
    Money,
    Measure,
}

/// Context classes (`numbers_context.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Month,
    Weekday,
    DayChain,
    YearBefore,
    DecadeBefore,
    TimeBefore,
    TimeUnit,
    TimeMarker,
    Percent,
    Label,
    NotNumber,
    OneWord,
    OneCue,
    NeedsNoun,
    Article,
    Filler,
    VagueDet,
    Linker,
    Scale,
    GluedUnit,
    RangeTo,
    RangeOpen,
    RangeAnd,
    RangeFrom,
    ChangeVerb,
    SkipAdj,
    Anaphor,
    Plural,
    Stop,
    WordBreak,
    DayBefore,
    HyphenCount,
    Fraction,
    TollVerb,
    TollBefore,
    Ratio,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        use Class::*;
        Some(match s {
            "month" => Month,
            "weekday" => Weekday,
            "day_chain" => DayChain,
            "year_before" => YearBefore,
            "decade_before" => DecadeBefore,
            "time_before" => TimeBefore,
            "time_unit" => TimeUnit,
            "time_marker" => TimeMarker,
            "percent" => Percent,
            "label" => Label,
            "not_number" => NotNumber,
            "one_word" => OneWord,
            "one_cue" => OneCue,
            "needs_noun" => NeedsNoun,
            "article" => Article,
            "filler" => Filler,
            "vague_det" => VagueDet,
            "linker" => Linker,
            "scale" => Scale,
            "glued_unit" => GluedUnit,
            "range_to" => RangeTo,
            "range_open" => RangeOpen,
            "range_and" => RangeAnd,
            "range_from" => RangeFrom,
            "change_verb" => ChangeVerb,
            "skip_adj" => SkipAdj,
            "anaphor" => Anaphor,
            "plural" => Plural,
            "stop" => Stop,
            "word_break" => WordBreak,
            "day_before" => DayBefore,
            "hyphen_count" => HyphenCount,
            "fraction" => Fraction,
            "toll_verb" => TollVerb,
            "toll_before" => TollBefore,
            "ratio" => Ratio,
            _ => return None,
        })
    }
}

/// One context entry: its token sequence and its argument.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub key: Seq,
    /// `cap`: only when capitalized in the text.
    pub cap: bool,
    /// For scales: the power of ten.
    pub exp: u32,
    /// The raw argument column.
    pub arg: &'static str,
}

/// Everything the stage knows about one language.
pub(crate) struct Lexicon {
    pub lang: Lang,
    pub approx: Vec<ApproxRow>,
    /// Modifiers, longest first.
    pub modifiers: Vec<Modifier>,
    /// Head nouns, longest first.
    pub units: Vec<(Seq, UnitKind)>,
    /// Context entries by class, longest first.
    pub context: HashMap<Class, Vec<Entry>>,
    /// Rows that failed to parse (checked by a test; never a panic).
    #[cfg_attr(not(test), allow(dead_code))]
    pub bad_rows: Vec<String>,
    pub interp: text2num::Language,
}

const FR_APPROX: &str = include_str!("../../models/fr/numbers_approx.tsv");
const FR_MODIFIERS: &str = include_str!("../../models/fr/numbers_modifiers.tsv");
const FR_UNITS: &str = include_str!("../../models/fr/numbers_units.tsv");
const FR_CONTEXT: &str = include_str!("../../models/fr/numbers_context.tsv");
const EN_APPROX: &str = include_str!("../../models/en/numbers_approx.tsv");
const EN_MODIFIERS: &str = include_str!("../../models/en/numbers_modifiers.tsv");
const EN_UNITS: &str = include_str!("../../models/en/numbers_units.tsv");
const EN_CONTEXT: &str = include_str!("../../models/en/numbers_context.tsv");

static FR: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::load(
        Lang::Fr,
        [FR_APPROX, FR_MODIFIERS, FR_UNITS, FR_CONTEXT],
        text2num::Language::french(),
    )
});
static EN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::load(
        Lang::En,
        [EN_APPROX, EN_MODIFIERS, EN_UNITS, EN_CONTEXT],
        text2num::Language::english(),
    )
});

/// The lexicon of a language.
pub(crate) fn lexicon(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

fn by_length_desc<T>(v: &mut [T], key: impl Fn(&T) -> usize) {
    v.sort_by_key(|x| std::cmp::Reverse(key(x)));
}

impl Lexicon {
    fn load(lang: Lang, files: [&'static str; 4], interp: text2num::Language) -> Lexicon {
        let [approx_f, mod_f, units_f, ctx_f] = files;
        let mut bad_rows = Vec::new();
        let mut approx = Vec::new();
        for row in tsv_rows(approx_f) {
            let parsed = (|| {
                let needs_s = *row.get(4)?;
                let mut needs = Needs::default();
                for n in needs_s.split(',').map(str::trim) {
                    match n {
                        "article" => needs.article = true,
                        "det" => needs.det = true,
                        "of" => needs.of = true,
                        "-" | "" => {}
                        _ => return None,
                    }
                }
                Some(ApproxRow {
                    key: seq_of(row.first()?),
                    value: row.get(1)?.parse().ok()?,
                    min: row.get(2)?.parse().ok()?,
                    max: row.get(3)?.parse().ok()?,
                    needs,
                })
            })();
            match parsed {
                Some(r) if !r.key.is_empty() => approx.push(r),
                _ => bad_rows.push(row.join("\t")),
            }
        }
        by_length_desc(&mut approx, |r| r.key.len());

        let mut modifiers = Vec::new();
        for row in tsv_rows(mod_f) {
            let kind = match row.get(1).copied() {
                Some("approx") => Some(ModKind::Approx),
                Some("near") => Some(ModKind::Near),
                Some("atleast") => Some(ModKind::AtLeast),
                Some("over") => Some(ModKind::Over),
                Some("under") => Some(ModKind::Under),
                Some("upto") => Some(ModKind::UpTo),
                _ => None,
            };
            let key = seq_of(row[0]);
            match kind {
                Some(kind) if !key.is_empty() => modifiers.push(Modifier {
                    key,
                    kind,
                    weak: row.get(2).is_some_and(|w| *w == "yes"),
                }),
                _ => bad_rows.push(row.join("\t")),
            }
        }
        by_length_desc(&mut modifiers, |m| m.key.len());

        let mut units = Vec::new();
        for row in tsv_rows(units_f) {
            let kind = match row.get(1).copied() {
                Some("toll") => Some(UnitKind::Toll),
                Some("person") => Some(UnitKind::Person),
                Some("thing") => Some(UnitKind::Thing),
                Some("time") => Some(UnitKind::Time),
                Some("money") => Some(UnitKind::Money),
                Some("measure") => Some(UnitKind::Measure),
                _ => None,
            };
            let key = seq_of(row[0]);
            match kind {
                Some(kind) if !key.is_empty() => units.push((key, kind)),
                _ => bad_rows.push(row.join("\t")),
            }
        }
        by_length_desc(&mut units, |u| u.0.len());

        let mut context: HashMap<Class, Vec<Entry>> = HashMap::new();
        for row in tsv_rows(ctx_f) {
            let class = row.get(1).and_then(|c| Class::parse(c));
            let arg = row.get(2).copied().unwrap_or("");
            let key = seq_of(row[0]);
            match class {
                Some(class) if !key.is_empty() => {
                    let exp = if class == Class::Scale {
                        match arg.parse() {
                            Ok(e) => e,
                            Err(_) => {
                                bad_rows.push(row.join("\t"));
                                continue;
                            }
                        }
                    } else {
                        0
                    };
                    context.entry(class).or_default().push(Entry {
                        key,
                        cap: arg == "cap",
                        exp,
                        arg,
                    })
                }
                _ => bad_rows.push(row.join("\t")),
            }
        }
        for v in context.values_mut() {
            by_length_desc(v, |e| e.key.len());
        }
        Lexicon {
            lang,
            approx,
            modifiers,
            units,
            context,
            bad_rows,
            interp,
        }
    }

    /// The entries of a class (empty when the language has none).
    pub fn entries(&self, class: Class) -> &[Entry] {
        self.context.get(&class).map_or(&[], Vec::as_slice)
    }
}
