//! `bilan eval`: scores predictions against gold annotations.
//!
//! For each document in the gold file, each category is a multiset of keys,
//! paired one to one between gold and prediction:
//! - `dates`: the value (strict); `dates_relaxed` also accepts a value in the
//!   gold item's `alt` list or a coarser value consistent with the gold one
//!   (`2019-11` for `2019-11-01`);
//! - `numbers`: the value; `numbers_range`: (value, min, max);
//! - `places`: folded canonical name or text equal to the gold's folded name
//!   or text, and countries equal (or one unknown);
//! - `actors`: the same on names with leading articles dropped;
//! - `claims`: casualty claims on (outcome, victims, count);
//! - `attacks`: attack claims whose places and dates agree (reported only
//!   when the gold file annotates attacks).
//!
//! Scores are micro precision, recall and F1 over all documents. When gold
//! claims carry a `verdict`, verdict accuracy is reported over the claims
//! paired on both sides.

use crate::document::{Claim, ClaimKind, DateMention, NumberMention};
use crate::output::DocRecord;
use crate::text::name_key;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Counts for one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        // nothing to find and nothing found: perfect
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The categories, in report order.
pub const CATEGORIES: [&str; 8] = [
    "dates",
    "dates_relaxed",
    "numbers",
    "numbers_range",
    "places",
    "actors",
    "claims",
    "attacks",
];

/// One false positive or miss.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub doc: String,
    pub category: &'static str,
    /// `fp` (predicted, not in gold) or `fn` (in gold, not predicted).
    pub error: &'static str,
    pub text: String,
    pub key: String,
}

/// The scores of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub documents: usize,
    pub counts: BTreeMap<&'static str, Counts>,
    /// Verdict accuracy over paired claims whose gold carries a verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdicts_compared: Option<usize>,
    #[serde(skip)]
    pub errors: Vec<Miss>,
}

#[derive(Serialize)]
struct JsonRow {
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl Report {
    /// The report as JSON: `{"documents":n,"scores":{"dates":{"precision":..,"recall":..,"f1":..,"tp":..},..}}`.
    pub fn to_json(&self) -> serde_json::Value {
        let scores: BTreeMap<&str, JsonRow> = self
            .counts
            .iter()
            .map(|(k, c)| {
                (
                    *k,
                    JsonRow {
                        tp: c.tp,
                        fp: c.fp,
                        fn_: c.fn_,
                        precision: round3(c.precision()),
                        recall: round3(c.recall()),
                        f1: round3(c.f1()),
                    },
                )
            })
            .collect();
        serde_json::json!({
            "documents": self.documents,
            "scores": scores,
            "verdict_accuracy": self.verdict_accuracy.map(round3),
            "verdicts_compared": self.verdicts_compared,
        })
    }

    /// Drops every category not named in `families` (`dates` keeps
    /// `dates_relaxed` too, `numbers` keeps `numbers_range`, `claims` keeps `attacks`).
    pub fn keep_only(&mut self, families: &[String]) {
        let keep = |cat: &str| {
            families.iter().any(|f| {
                cat == f || cat.starts_with(&format!("{f}_")) || (f == "claims" && cat == "attacks")
            })
        };
        self.counts.retain(|k, _| keep(k));
        self.errors.retain(|m| keep(m.category));
        if !families.iter().any(|f| f == "claims") {
            self.verdict_accuracy = None;
            self.verdicts_compared = None;
        }
    }

    /// The report as a text table.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} documents", self.documents);
        let _ = writeln!(
            s,
            "{:<14} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}",
            "category", "precision", "recall", "F1", "tp", "fp", "fn"
        );
        for cat in CATEGORIES {
            if let Some(c) = self.counts.get(cat) {
                let _ = writeln!(
                    s,
                    "{:<14} {:>9.3} {:>9.3} {:>9.3} {:>6} {:>6} {:>6}",
                    cat,
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.tp,
                    c.fp,
                    c.fn_
                );
            }
        }
        if let (Some(a), Some(n)) = (self.verdict_accuracy, self.verdicts_compared) {
            let _ = writeln!(s, "verdict accuracy {a:.3} over {n} paired claims");
        }
        s
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Scores `pred` against `gold`. Documents are paired by id; gold documents
/// without a prediction count every gold item as missed; predicted documents
/// absent from gold are ignored.
pub fn evaluate(gold: &[DocRecord], pred: &[DocRecord]) -> Report {
    let by_id: BTreeMap<&str, &DocRecord> = pred.iter().map(|d| (d.doc.as_str(), d)).collect();
    let empty = |id: &str| DocRecord {
        doc: id.to_string(),
        lang: None,
        lang_confidence: None,
        doc_date: None,
        sentences: vec![],
        ann: Default::default(),
        warnings: vec![],
    };
    let mut report = Report::default();
    for cat in CATEGORIES {
        report.counts.insert(cat, Counts::default());
    }
    let (mut v_ok, mut v_n, mut gold_attacks) = (0usize, 0usize, 0usize);
    for g in gold {
        report.documents += 1;
        let placeholder;
        let p = match by_id.get(g.doc.as_str()) {
            Some(p) => *p,
            None => {
                placeholder = empty(&g.doc);
                &placeholder
            }
        };
        let doc = g.doc.as_str();
        let mut score = |cat: &'static str,
                         gold_items: Vec<(String, String)>,
                         pred_items: Vec<(String, String)>,
                         eq: &dyn Fn(usize, usize) -> bool| {
            let (c, pairs) = pair(gold_items.len(), pred_items.len(), eq);
            report.counts.get_mut(cat).unwrap().add(c);
            let gm: Vec<bool> = (0..gold_items.len())
                .map(|i| pairs.iter().any(|&(gi, _)| gi == i))
                .collect();
            let pm: Vec<bool> = (0..pred_items.len())
                .map(|i| pairs.iter().any(|&(_, pi)| pi == i))
                .collect();
            for (i, (t, k)) in gold_items.into_iter().enumerate() {
                if !gm[i] {
                    report.errors.push(Miss {
                        doc: doc.to_string(),
                        category: cat,
                        error: "fn",
                        text: t,
                        key: k,
                    });
                }
            }
            for (i, (t, k)) in pred_items.into_iter().enumerate() {
                if !pm[i] {
                    report.errors.push(Miss {
                        doc: doc.to_string(),
                        category: cat,
                        error: "fp",
                        text: t,
                        key: k,
                    });
                }
            }
            pairs
        };

        // dates
        let gd = &g.ann.dates;
        let pd = &p.ann.dates;
        let show_d = |d: &DateMention| (d.span.text.clone(), d.value.clone());
        score(
            "dates",
            gd.iter().map(show_d).collect(),
            pd.iter().map(show_d).collect(),
            &|i, j| gd[i].value == pd[j].value,
        );
        score(
            "dates_relaxed",
            gd.iter().map(show_d).collect(),
            pd.iter().map(show_d).collect(),
            &|i, j| date_relaxed(&gd[i], &pd[j].value),
        );

        // numbers
        let gn = &g.ann.numbers;
        let pn = &p.ann.numbers;
        let show_n = |n: &NumberMention| {
            (
                n.span.text.clone(),
                format!("{} [{:?}, {:?}]", n.value, n.min, n.max),
            )
        };
        score(
            "numbers",
            gn.iter().map(show_n).collect(),
            pn.iter().map(show_n).collect(),
            &|i, j| gn[i].value == pn[j].value,
        );
        score(
            "numbers_range",
            gn.iter().map(show_n).collect(),
            pn.iter().map(show_n).collect(),
            &|i, j| gn[i].value == pn[j].value && gn[i].min == pn[j].min && gn[i].max == pn[j].max,
        );

        // places
        let gp = &g.ann.places;
        let pp = &p.ann.places;
        let show_p = |x: &crate::document::PlaceMention| {
            (
                x.span.text.clone(),
                format!("{} ({})", x.name, x.country.as_deref().unwrap_or("?")),
            )
        };
        score(
            "places",
            gp.iter().map(show_p).collect(),
            pp.iter().map(show_p).collect(),
            &|i, j| {
                let (a, b) = (&gp[i], &pp[j]);
                let names_meet = names_agree(
                    &a.name,
                    &a.span.text,
                    &b.name,
                    &b.span.text,
                    crate::text::fold,
                );
                let countries = match (&a.country, &b.country) {
                    (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
                    _ => true,
                };
                names_meet && countries
            },
        );

        // actors
        let ga = &g.ann.actors;
        let pa = &p.ann.actors;
        let show_a = |x: &crate::document::ActorMention| (x.span.text.clone(), x.name.clone());
        score(
            "actors",
            ga.iter().map(show_a).collect(),
            pa.iter().map(show_a).collect(),
            &|i, j| {
                names_agree(
                    &ga[i].name,
                    &ga[i].span.text,
                    &pa[j].name,
                    &pa[j].span.text,
                    name_key,
                )
            },
        );

        // claims: casualty tolls on (outcome, victims, count)
        let gc: Vec<&Claim> = g
            .ann
            .claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Casualties)
            .collect();
        let pc: Vec<&Claim> = p
            .ann
            .claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Casualties)
            .collect();
        let show_c = |c: &&Claim| (c.text.clone(), claim_key(c));
        let mut pairs = score(
            "claims",
            gc.iter().map(show_c).collect(),
            pc.iter().map(show_c).collect(),
            &|i, j| claim_key(gc[i]) == claim_key(pc[j]),
        );
        let mut verdict_pairs: Vec<(&Claim, &Claim)> =
            pairs.drain(..).map(|(i, j)| (gc[i], pc[j])).collect();

        // attacks: place and date agree
        let ga: Vec<&Claim> = g
            .ann
            .claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Attack)
            .collect();
        let pa: Vec<&Claim> = p
            .ann
            .claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Attack)
            .collect();
        gold_attacks += ga.len();
        let show_a = |c: &&Claim| {
            (
                c.text.clone(),
                format!(
                    "{}/{}",
                    c.place.as_deref().unwrap_or("?"),
                    c.date.as_deref().unwrap_or("?")
                ),
            )
        };
        let pairs = score(
            "attacks",
            ga.iter().map(show_a).collect(),
            pa.iter().map(show_a).collect(),
            &|i, j| attacks_agree(ga[i], pa[j]),
        );
        verdict_pairs.extend(pairs.into_iter().map(|(i, j)| (ga[i], pa[j])));
        for (gold_claim, pred_claim) in verdict_pairs {
            if let Some(gv) = gold_claim.verdict {
                v_n += 1;
                if pred_claim.verdict == Some(gv) {
                    v_ok += 1;
                }
            }
        }
    }
    if gold_attacks == 0 {
        // the gold set does not annotate attack events: nothing to score them on
        report.counts.remove("attacks");
        report.errors.retain(|m| m.category != "attacks");
    }
    if v_n > 0 {
        report.verdict_accuracy = Some(v_ok as f64 / v_n as f64);
        report.verdicts_compared = Some(v_n);
    }
    report
}

/// Two attack claims agree when their places agree (folded names equal, or
/// one unknown) and their dates agree (equal, one coarser, or one unknown).
fn attacks_agree(g: &Claim, p: &Claim) -> bool {
    let place = match (&g.place, &p.place) {
        (Some(a), Some(b)) => same_place(a, b),
        _ => true,
    };
    let date = match (&g.date, &p.date) {
        (Some(a), Some(b)) => a == b || coarser(a, b) || coarser(b, a),
        _ => true,
    };
    place && date
}

/// Two place names name the same place: equal once folded, or one of the
/// gazetteer's places goes by both (« Arbinda » and « Aribinda »).
fn same_place(a: &str, b: &str) -> bool {
    if name_key(a) == name_key(b) {
        return true;
    }
    let bs = crate::places::lookup_all(b);
    crate::places::lookup_all(a)
        .iter()
        .any(|pa| bs.iter().any(|pb| std::ptr::eq(*pa, *pb)))
}

/// The claim key: `outcome/victims/count`.
pub fn claim_key(c: &Claim) -> String {
    let o = c
        .outcome
        .map(|o| format!("{o:?}").to_lowercase())
        .unwrap_or_else(|| format!("{:?}", c.kind).to_lowercase());
    let v = c
        .victims
        .map(|v| format!("{v:?}").to_lowercase())
        .unwrap_or_default();
    let n = c.count.map(|n| n.to_string()).unwrap_or_default();
    format!("{o}/{v}/{n}")
}

fn names_agree(
    gname: &str,
    gtext: &str,
    pname: &str,
    ptext: &str,
    key: fn(&str) -> String,
) -> bool {
    let g = [key(gname), key(gtext)];
    let p = [key(pname), key(ptext)];
    g.iter().any(|a| !a.is_empty() && p.iter().any(|b| a == b))
}

/// A predicted value is relaxed-correct when it equals the gold value or an
/// `alt`, or is a coarser value consistent with one of them.
pub fn date_relaxed(gold: &DateMention, pred: &str) -> bool {
    std::iter::once(&gold.value)
        .chain(gold.alt.iter())
        .any(|g| g == pred || coarser(pred, g))
}

/// `2019-11` is coarser than `2019-11-01` and `2019-11-01T13:00`; `2019` than `2019-11`.
fn coarser(pred: &str, gold: &str) -> bool {
    pred.len() >= 4
        && gold.len() > pred.len()
        && gold.starts_with(pred)
        && matches!(gold.as_bytes()[pred.len()], b'-' | b'T')
        && pred.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// Pairs gold and predicted items one to one (greedy, in order); returns the counts and the pairs.
fn pair(ng: usize, np: usize, eq: &dyn Fn(usize, usize) -> bool) -> (Counts, Vec<(usize, usize)>) {
    let mut used = vec![false; np];
    let mut pairs = Vec::new();
    for g in 0..ng {
        if let Some(p) = (0..np).find(|&p| !used[p] && eq(g, p)) {
            used[p] = true;
            pairs.push((g, p));
        }
    }
    let tp = pairs.len();
    (
        Counts {
            tp,
            fp: np - tp,
            fn_: ng - tp,
        },
        pairs,
    )
}

/// Reads a JSONL file of [`DocRecord`]s; error lines (`{"doc","error"}`) are skipped.
pub fn read_records(path: &std::path::Path) -> Result<Vec<DocRecord>, crate::error::Error> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::error::Error::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    parse_records(&text, &path.display().to_string())
}

/// Parses JSONL [`DocRecord`]s from a string.
pub fn parse_records(text: &str, name: &str) -> Result<Vec<DocRecord>, crate::error::Error> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| crate::error::Error::Parse {
                path: name.to_string(),
                line: i + 1,
                message: e.to_string(),
            })?;
        if v.get("error").is_some() {
            continue;
        }
        let rec: DocRecord = serde_json::from_value(v).map_err(|e| crate::error::Error::Parse {
            path: name.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(rec);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarser_values() {
        assert!(coarser("2019-11", "2019-11-01"));
        assert!(coarser("2019", "2019-11"));
        assert!(coarser("2019-11-01", "2019-11-01T13:00"));
        assert!(!coarser("2019-1", "2019-11"));
        assert!(!coarser("2019-11-01", "2019-11"));
        assert!(!coarser("P1", "P1D"));
    }

    #[test]
    fn pairing_is_one_to_one() {
        let (c, _) = pair(2, 3, &|_, _| true);
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(c.recall(), 1.0);
    }
}

#[cfg(test)]
mod claim_tests {
    use super::*;
    use crate::document::{Outcome, Span, Victims};

    fn rec(claims: Vec<Claim>) -> DocRecord {
        DocRecord {
            doc: "d".into(),
            lang: None,
            lang_confidence: None,
            doc_date: None,
            sentences: vec![],
            ann: crate::document::Annotations {
                claims,
                ..Default::default()
            },
            warnings: vec![],
        }
    }

    fn toll(n: f64) -> Claim {
        let mut c = Claim::new(ClaimKind::Casualties, &Span::default());
        c.outcome = Some(Outcome::Killed);
        c.victims = Some(Victims::Soldiers);
        c.count = Some(n);
        c
    }

    fn attack(place: &str, date: &str) -> Claim {
        let mut c = Claim::new(ClaimKind::Attack, &Span::default());
        c.place = Some(place.into());
        c.date = Some(date.into());
        c
    }

    #[test]
    fn attacks_are_scored_apart_from_tolls() {
        let gold = vec![rec(vec![toll(53.0), attack("Indelimane", "2019-11-01")])];
        let pred = vec![rec(vec![
            toll(53.0),
            attack("Indélimane", "2019-11"),
            attack("Gao", "2019-11-01"),
        ])];
        let r = evaluate(&gold, &pred);
        assert_eq!(
            r.counts["claims"],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            r.counts["attacks"],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
    }

    #[test]
    fn attacks_are_not_scored_when_gold_has_none() {
        let gold = vec![rec(vec![toll(53.0)])];
        let pred = vec![rec(vec![toll(49.0), attack("Indelimane", "2019-11-01")])];
        let r = evaluate(&gold, &pred);
        assert!(!r.counts.contains_key("attacks"));
        assert_eq!(
            r.counts["claims"],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
    }
}
