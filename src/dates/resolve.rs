//! Anchoring: turning an [`Expr`] into an ISO-TimeML value with the document date,
//! the last event date in the text, and calendar arithmetic (chrono).

use super::lexicon::Unit;
use super::rules::{DayBase, Expr};
use crate::document::{Anchor, DateType, DocDate};
use chrono::{Datelike, Duration, Months, NaiveDate};
use std::collections::HashMap;

/// The last event day seen in the text: a day, or only a month when that is all that is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DayRef {
    Day(NaiveDate),
    Month(i32, u32),
}

/// What the resolver knows at one point of the text.
#[derive(Debug, Default)]
pub struct Ctx {
    pub doc: Option<DocDate>,
    pub last: Option<DayRef>,
    /// Full dates given with their weekday (« vendredi 1er novembre »), by weekday.
    pub weekday_dates: HashMap<u32, NaiveDate>,
    /// The mention's clause speaks of the future (« doit », « will »).
    pub future: bool,
}

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub value: String,
    pub kind: DateType,
    pub anchor: Anchor,
    pub grain: &'static str,
    pub modifier: Option<&'static str>,
    /// The day this mention sets as the last event day.
    pub day: Option<DayRef>,
}

/// A day at the grain the text supports.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DayVal {
    Date(NaiveDate),
    Month(i32, u32),
    NoYear(u32, u32),
    Weekday(u32),
    Unknown,
}

impl DayVal {
    fn value(self) -> String {
        match self {
            DayVal::Date(d) => d.format("%Y-%m-%d").to_string(),
            DayVal::Month(y, m) => format!("{y:04}-{m:02}"),
            DayVal::NoYear(m, d) => format!("XXXX-{m:02}-{d:02}"),
            DayVal::Weekday(w) => format!("XXXX-WXX-{w}"),
            DayVal::Unknown => "XXXX-XX-XX".to_string(),
        }
    }
    fn grain(self) -> &'static str {
        match self {
            DayVal::Month(..) => "month",
            DayVal::Weekday(_) => "week",
            _ => "day",
        }
    }
}

/// The year of a year-less month (and day) in a document dated `doc`: the same year unless
/// that is more than three months ahead (then the year before: news look back) or more than
/// eight months behind (then the year after). `rel` -1 forces the past, 1 the future.
pub fn pick_year(doc: DocDate, m: u32, d: Option<u32>, rel: i32) -> i32 {
    let y = doc.year;
    let key = (m, d.unwrap_or(0));
    let dockey = (doc.month, doc.day.unwrap_or(0));
    match rel {
        r if r < 0 => {
            let before = match (d, doc.day) {
                (Some(_), Some(_)) => key < dockey,
                _ => m <= doc.month && !(d.is_none() && m == doc.month),
            };
            if before {
                y
            } else {
                y - 1
            }
        }
        r if r > 0 => {
            let after = match (d, doc.day) {
                (Some(_), Some(_)) => key > dockey,
                _ => m > doc.month || (d.is_some() && m == doc.month),
            };
            if after {
                y
            } else {
                y + 1
            }
        }
        _ => {
            let dm = m as i32 - doc.month as i32;
            if dm > 3 {
                y - 1
            } else if dm < -8 {
                y + 1
            } else {
                y
            }
        }
    }
}

fn weekday_num(d: NaiveDate) -> u32 {
    d.weekday().number_from_monday()
}

/// The weekday `wd` seen from a day-dated document: the latest one up to that day (news speak
/// of the past), the one before for « dernier », after for « prochain » or a future clause,
/// the one of the same week for « ce ».
fn weekday_from(doc: NaiveDate, wd: u32, rel: Option<i32>, future: bool) -> NaiveDate {
    let dw = weekday_num(doc) as i64;
    let w = wd as i64;
    let back = (dw - w).rem_euclid(7);
    let fwd = (w - dw).rem_euclid(7);
    let days = match rel {
        Some(r) if r < 0 => -(if back == 0 { 7 } else { back }),
        Some(r) if r > 0 => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Some(_) => w - dw,
        None if future => fwd,
        None => -back,
    };
    doc + Duration::days(days)
}

/// A day `d` with weekday `wd` near the document date (« vendredi 8 »).
fn month_of_weekday_day(doc: DocDate, wd: u32, d: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(doc.year, doc.month, 1)?;
    for shift in [0i32, -1, 1] {
        let base = if shift < 0 {
            first.checked_sub_months(Months::new(1))?
        } else {
            first.checked_add_months(Months::new(shift as u32))?
        };
        if let Some(day) = NaiveDate::from_ymd_opt(base.year(), base.month(), d) {
            if weekday_num(day) == wd {
                return Some(day);
            }
        }
    }
    None
}

fn add_days(v: DayVal, n: i64) -> DayVal {
    match v {
        DayVal::Date(d) => d
            .checked_add_signed(Duration::days(n))
            .map(DayVal::Date)
            .unwrap_or(DayVal::Unknown),
        other => other,
    }
}

fn from_ref(r: Option<DayRef>) -> DayVal {
    match r {
        Some(DayRef::Day(d)) => DayVal::Date(d),
        Some(DayRef::Month(y, m)) => DayVal::Month(y, m),
        None => DayVal::Unknown,
    }
}

fn doc_day(doc: Option<DocDate>) -> DayVal {
    match doc {
        Some(d) => match d.naive() {
            Some(n) => DayVal::Date(n),
            None => DayVal::Month(d.year, d.month),
        },
        None => DayVal::Unknown,
    }
}

fn resolve_base(base: &DayBase, ctx: &Ctx) -> Option<(DayVal, Anchor)> {
    Some(match *base {
        DayBase::Abs {
            y: Some(y), m, d, ..
        } => (
            DayVal::Date(NaiveDate::from_ymd_opt(y, m, d)?),
            Anchor::Absolute,
        ),
        DayBase::Abs { y: None, m, d, rel } => match ctx.doc {
            Some(doc) => {
                let y = pick_year(doc, m, Some(d), rel);
                (
                    DayVal::Date(NaiveDate::from_ymd_opt(y, m, d)?),
                    Anchor::Document,
                )
            }
            None => {
                if !(1..=12).contains(&m) || d == 0 || d > 31 {
                    return None;
                }
                (DayVal::NoYear(m, d), Anchor::None)
            }
        },
        DayBase::Weekday { wd, rel, d } => {
            if let (Some(d), Some(doc)) = (d, ctx.doc) {
                if let Some(day) = month_of_weekday_day(doc, wd, d) {
                    return Some((DayVal::Date(day), Anchor::Document));
                }
            }
            match ctx.doc {
                Some(doc) => match doc.naive() {
                    // the same weekday given with its date close by: that day
                    Some(n)
                        if ctx
                            .weekday_dates
                            .get(&wd)
                            .is_some_and(|x| (*x - n).num_days().abs() <= 7) =>
                    {
                        (DayVal::Date(ctx.weekday_dates[&wd]), Anchor::Event)
                    }
                    Some(n) => (
                        DayVal::Date(weekday_from(n, wd, rel, ctx.future)),
                        Anchor::Document,
                    ),
                    None => match ctx.weekday_dates.get(&wd) {
                        Some(day) => (DayVal::Date(*day), Anchor::Event),
                        None => (DayVal::Month(doc.year, doc.month), Anchor::Document),
                    },
                },
                None => match ctx.weekday_dates.get(&wd) {
                    Some(day) => (DayVal::Date(*day), Anchor::Event),
                    None => (DayVal::Weekday(wd), Anchor::None),
                },
            }
        }
        DayBase::Doc(n) => {
            let v = add_days(doc_day(ctx.doc), n);
            let a = if ctx.doc.is_some() {
                Anchor::Document
            } else {
                Anchor::None
            };
            (v, a)
        }
        DayBase::Event(n) => match ctx.last {
            Some(r) => (add_days(from_ref(Some(r)), n), Anchor::Event),
            None => (DayVal::Unknown, Anchor::None),
        },
        DayBase::Last => match ctx.last {
            Some(r) => (from_ref(Some(r)), Anchor::Event),
            None => match doc_day(ctx.doc) {
                DayVal::Date(d) => (DayVal::Date(d), Anchor::Document),
                _ => (DayVal::Unknown, Anchor::None),
            },
        },
    })
}

fn unit_value(doc: Option<DocDate>, unit: Unit, offset: i64) -> Option<(String, &'static str)> {
    let Some(doc) = doc else {
        return Some(match unit {
            Unit::Year => ("XXXX".into(), "year"),
            Unit::Month => ("XXXX-XX".into(), "month"),
            Unit::Week | Unit::Weekend => ("XXXX-WXX".into(), "week"),
            Unit::Decade => ("XXX".into(), "decade"),
            Unit::Century => ("XX".into(), "century"),
            Unit::Quarter => ("XXXX-QX".into(), "quarter"),
            _ => ("XXXX-XX-XX".into(), "day"),
        });
    };
    let first = NaiveDate::from_ymd_opt(doc.year, doc.month, 1)?;
    let day = doc.naive();
    Some(match unit {
        Unit::Year => (format!("{:04}", doc.year as i64 + offset), "year"),
        Unit::Month => {
            let d = if offset >= 0 {
                first.checked_add_months(Months::new(offset as u32))?
            } else {
                first.checked_sub_months(Months::new((-offset) as u32))?
            };
            (format!("{:04}-{:02}", d.year(), d.month()), "month")
        }
        Unit::Week | Unit::Weekend => match day {
            Some(n) => {
                // « ce week-end » on a Tuesday is the one just past
                let n = if unit == Unit::Weekend && offset == 0 {
                    n - Duration::days(3)
                } else {
                    n
                };
                let w = (n + Duration::weeks(offset)).iso_week();
                let we = if unit == Unit::Weekend { "-WE" } else { "" };
                (format!("{:04}-W{:02}{we}", w.year(), w.week()), "week")
            }
            None => (format!("{:04}-{:02}", doc.year, doc.month), "month"),
        },
        Unit::Decade => (
            format!("{:03}", (doc.year as i64 + 10 * offset) / 10),
            "decade",
        ),
        Unit::Century => (
            format!("{:02}", (doc.year as i64 + 100 * offset) / 100),
            "century",
        ),
        Unit::Quarter => {
            let q = (doc.month as i64 - 1) / 3 + offset;
            let (y, q) = (doc.year as i64 + q.div_euclid(4), q.rem_euclid(4) + 1);
            (format!("{y:04}-Q{q}"), "quarter")
        }
        Unit::Day => match day {
            Some(n) => (
                (n + Duration::days(offset)).format("%Y-%m-%d").to_string(),
                "day",
            ),
            None => (format!("{:04}-{:02}", doc.year, doc.month), "month"),
        },
        Unit::Hour | Unit::Minute | Unit::Second => match day {
            Some(n) => (n.format("%Y-%m-%d").to_string(), "day"),
            None => (format!("{:04}-{:02}", doc.year, doc.month), "month"),
        },
    })
}

fn event_offset(
    last: Option<DayRef>,
    unit: Unit,
    n: i64,
) -> (String, &'static str, Option<DayRef>) {
    let Some(DayRef::Day(d)) = last else {
        return match last {
            Some(DayRef::Month(y, m)) => (format!("{y:04}-{m:02}"), "month", last),
            _ => ("XXXX-XX-XX".into(), "day", None),
        };
    };
    let months = |k: i64| {
        if k >= 0 {
            d.checked_add_months(Months::new(k as u32))
        } else {
            d.checked_sub_months(Months::new((-k) as u32))
        }
    };
    let out = match unit {
        Unit::Day => d.checked_add_signed(Duration::days(n)),
        Unit::Week | Unit::Weekend => d.checked_add_signed(Duration::weeks(n)),
        Unit::Month => months(n),
        Unit::Year => return (format!("{:04}", d.year() as i64 + n), "year", None),
        Unit::Decade | Unit::Century | Unit::Quarter => None,
        Unit::Hour | Unit::Minute | Unit::Second => Some(d),
    };
    match out {
        Some(x) => (
            x.format("%Y-%m-%d").to_string(),
            "day",
            Some(DayRef::Day(x)),
        ),
        None => ("XXXX-XX-XX".into(), "day", None),
    }
}

fn season_year(doc: Option<DocDate>, s: &str, rel: i32) -> Option<i32> {
    let mid = match s {
        "SP" => 4,
        "SU" => 7,
        "FA" => 10,
        _ => 1,
    };
    doc.map(|d| {
        pick_year(
            DocDate {
                year: d.year,
                month: d.month,
                day: None,
            },
            mid,
            None,
            rel,
        )
    })
}

/// Resolves `e` in the context; `None` when the text names an impossible date.
pub fn resolve(e: &Expr, ctx: &Ctx) -> Option<Resolved> {
    let doc_anchor = if ctx.doc.is_some() {
        Anchor::Document
    } else {
        Anchor::None
    };
    Some(match e {
        Expr::Day {
            base,
            time,
            pod,
            modifier,
            ..
        } => {
            let (v, anchor) = resolve_base(base, ctx)?;
            let sets_day = !matches!(base, DayBase::Last);
            let day = match v {
                DayVal::Date(d) => Some(DayRef::Day(d)),
                DayVal::Month(y, m) => Some(DayRef::Month(y, m)),
                _ => None,
            };
            let day = if sets_day { day } else { ctx.last };
            let (value, kind, grain) = match (time, pod, v) {
                // a day unknown within a known month (« vendredi soir » in a
                // month-dated document): the time on an X day, as TimeML writes it
                (Some((h, m)), _, DayVal::Month(..)) => (
                    format!("{}-XXT{h:02}:{m:02}", v.value()),
                    DateType::Time,
                    "minute",
                ),
                (None, Some(p), DayVal::Month(..)) => (
                    format!("{}-XXT{p}", v.value()),
                    DateType::Time,
                    "part_of_day",
                ),
                (None, None, DayVal::Month(..)) => (v.value(), DateType::Date, v.grain()),
                (Some((h, m)), _, _) => (
                    format!("{}T{h:02}:{m:02}", v.value()),
                    DateType::Time,
                    "minute",
                ),
                (None, Some(p), _) => (format!("{}T{p}", v.value()), DateType::Time, "part_of_day"),
                (None, None, _) => (v.value(), DateType::Date, v.grain()),
            };
            Resolved {
                value,
                kind,
                anchor,
                grain,
                modifier: *modifier,
                day,
            }
        }
        Expr::Month {
            y,
            m,
            rel,
            modifier,
        } => {
            let (y, anchor) = match (y, ctx.doc) {
                (Some(y), _) => (Some(*y), Anchor::Absolute),
                (None, Some(doc)) => (Some(pick_year(doc, *m, None, *rel)), Anchor::Document),
                (None, None) => (None, Anchor::None),
            };
            let value = match y {
                Some(y) => format!("{y:04}-{m:02}"),
                None => format!("XXXX-{m:02}"),
            };
            Resolved {
                value,
                kind: DateType::Date,
                anchor,
                grain: "month",
                modifier: *modifier,
                day: ctx.last,
            }
        }
        Expr::Year { y, modifier } => Resolved {
            value: format!("{y:04}"),
            kind: DateType::Date,
            anchor: Anchor::Absolute,
            grain: "year",
            modifier: *modifier,
            day: ctx.last,
        },
        Expr::UnitRel {
            unit,
            offset,
            modifier,
        } => {
            let (value, grain) = unit_value(ctx.doc, *unit, *offset)?;
            let day = match (*unit, ctx.doc.and_then(|d| d.naive())) {
                (Unit::Day, Some(n)) => Some(DayRef::Day(n + Duration::days(*offset))),
                _ => ctx.last,
            };
            Resolved {
                value,
                kind: DateType::Date,
                anchor: doc_anchor,
                grain,
                modifier: *modifier,
                day,
            }
        }
        Expr::EventOffset { unit, offset } => {
            let (value, grain, day) = event_offset(ctx.last, *unit, *offset);
            Resolved {
                value,
                kind: DateType::Date,
                anchor: if ctx.last.is_some() {
                    Anchor::Event
                } else {
                    Anchor::None
                },
                grain,
                modifier: None,
                day: day.or(ctx.last),
            }
        }
        Expr::Range(a, b) => {
            let ra = resolve(a, ctx)?;
            let rb = resolve(b, ctx)?;
            let anchor = if ra.anchor == Anchor::Absolute && rb.anchor == Anchor::Absolute {
                Anchor::Absolute
            } else if ra.anchor == Anchor::None || rb.anchor == Anchor::None {
                Anchor::None
            } else {
                Anchor::Document
            };
            Resolved {
                value: format!("{}/{}", ra.value, rb.value),
                kind: DateType::Date,
                anchor,
                grain: "interval",
                modifier: None,
                day: ra.day.filter(|d| matches!(d, DayRef::Day(_))).or(ctx.last),
            }
        }
        Expr::Season { s, y, rel } => {
            let (y, anchor) = match y {
                Some(y) => (Some(*y), Anchor::Absolute),
                None => (season_year(ctx.doc, s, *rel), doc_anchor),
            };
            let value = match y {
                Some(y) => format!("{y:04}-{s}"),
                None => format!("XXXX-{s}"),
            };
            Resolved {
                value,
                kind: DateType::Date,
                anchor,
                grain: "season",
                modifier: None,
                day: ctx.last,
            }
        }
        Expr::Lit {
            value,
            kind,
            grain,
            modifier,
        } => Resolved {
            value: value.clone(),
            kind: *kind,
            anchor: Anchor::None,
            grain,
            modifier: *modifier,
            day: ctx.last,
        },
    })
}

/// The date of an absolute or document-anchored day with a weekday (« vendredi 1er novembre »),
/// used to resolve a bare « vendredi » in a month-dated document.
pub fn weekday_date(e: &Expr, doc: Option<DocDate>) -> Option<(u32, NaiveDate)> {
    let Expr::Day {
        base: DayBase::Abs { y, m, d, rel },
        wd: Some(wd),
        ..
    } = e
    else {
        return None;
    };
    let y = match (y, doc) {
        (Some(y), _) => *y,
        (None, Some(doc)) => pick_year(doc, *m, Some(*d), *rel),
        (None, None) => return None,
    };
    let date = NaiveDate::from_ymd_opt(y, *m, *d)?;
    (weekday_num(date) == *wd).then_some((*wd, date))
}
