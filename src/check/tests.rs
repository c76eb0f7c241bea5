//! Verdicts on hand-built claims against hand-built references.

use super::*;
use crate::document::{Outcome, PlaceMention, Span};
use rstest::rstest;

fn claim(
    o: Option<Outcome>,
    v: Option<Victims>,
    n: Option<(f64, Option<f64>, Option<f64>)>,
) -> Claim {
    let kind = if o.is_some() {
        ClaimKind::Casualties
    } else {
        ClaimKind::Attack
    };
    let mut c = Claim::new(kind, &Span::default());
    c.outcome = o;
    c.victims = v;
    if let Some((value, min, max)) = n {
        c.count = Some(value);
        c.min = min;
        c.max = max;
        c.approx = min != max;
    }
    c
}

fn at(
    mut c: Claim,
    place: Option<&str>,
    date: Option<&str>,
    sentence: usize,
    revised: bool,
) -> Claim {
    c.place = place.map(str::to_string);
    c.date = date.map(str::to_string);
    c.sentence = sentence;
    c.revised = revised;
    c
}

fn exact(n: f64) -> Option<(f64, Option<f64>, Option<f64>)> {
    Some((n, Some(n), Some(n)))
}

const K: Option<Outcome> = Some(Outcome::Killed);
const W: Option<Outcome> = Some(Outcome::Wounded);
const SOLDIERS: Option<Victims> = Some(Victims::Soldiers);
const PEOPLE: Option<Victims> = Some(Victims::People);
const CIVILIANS: Option<Victims> = Some(Victims::Civilians);

fn place(name: &str, parent: &str) -> PlaceMention {
    PlaceMention {
        span: Span::default(),
        name: name.to_string(),
        country: Some("ML".into()),
        lat: None,
        lon: None,
        geonames_id: None,
        kind: None,
        parent: Some(parent.to_string()),
        resolved: true,
    }
}

/// Two reference documents about one attack: the first gives 53 soldiers,
/// the second 53 then 49 (a revision).
fn references() -> References {
    let mut refs = References::new();
    let ind = Some("Indelimane");
    let a = vec![
        at(
            claim(K, SOLDIERS, exact(53.0)),
            ind,
            Some("2019-11"),
            0,
            false,
        ),
        at(
            claim(K, PEOPLE, exact(54.0)),
            ind,
            Some("2019-11"),
            1,
            false,
        ),
        at(
            claim(K, CIVILIANS, exact(1.0)),
            ind,
            Some("2019-11"),
            1,
            false,
        ),
        at(claim(None, None, None), ind, Some("2019-11"), 0, false),
        at(
            claim(K, SOLDIERS, exact(40.0)),
            Some("Boulkessy"),
            Some("2019-09-30"),
            4,
            false,
        ),
    ];
    let b = vec![
        at(claim(K, SOLDIERS, exact(53.0)), ind, None, 3, true),
        at(claim(K, SOLDIERS, exact(49.0)), ind, None, 4, false),
        at(claim(W, SOLDIERS, exact(3.0)), ind, None, 4, false),
    ];
    for (id, claims) in [("a", a), ("b", b)] {
        for c in claims {
            refs.claims.push(Reference {
                doc: id.into(),
                sentence_text: format!("sentence {} of {id}", c.sentence),
                claim: c,
                doc_date: None,
            });
        }
    }
    refs.learn_places(&Annotations {
        places: vec![
            place("Indelimane", "Ansongo"),
            place("Ansongo", "Ménaka"),
            place("Ménaka", "Mali"),
        ],
        ..Annotations::default()
    });
    refs
}

#[rstest]
#[case::supported_by_both(
    K,
    SOLDIERS,
    exact(53.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Supported,
    2
)]
#[case::supported_by_revision(
    K,
    SOLDIERS,
    exact(49.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Supported,
    1
)]
#[case::compatible_at_least(K, SOLDIERS, Some((50.0, Some(50.0), None)), "Indelimane", "2019-11-01", Verdict::Compatible, 2)]
#[case::compatible_about_fifty(K, SOLDIERS, Some((50.0, Some(45.0), Some(55.0))), "Indelimane", "2019-11-01", Verdict::Compatible, 3)]
#[case::near_miss_contradicted(K, SOLDIERS, Some((52.0, Some(52.0), Some(52.0))), "Indelimane", "2019-11-01", Verdict::Contradicted, 3)]
#[case::contradicted_fifteen(
    K,
    SOLDIERS,
    exact(15.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Contradicted,
    3
)]
#[case::contradicted_thirty_five(
    K,
    SOLDIERS,
    exact(35.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Contradicted,
    3
)]
#[case::region_contains_town(K, SOLDIERS, exact(53.0), "Ménaka", "2019-11", Verdict::Supported, 2)]
#[case::country_contains_town(K, SOLDIERS, exact(49.0), "Mali", "2019-11", Verdict::Supported, 1)]
#[case::unknown_year(
    K,
    SOLDIERS,
    exact(53.0),
    "Indelimane",
    "XXXX-11-01",
    Verdict::Supported,
    2
)]
#[case::other_place(
    K,
    SOLDIERS,
    exact(53.0),
    "Tabankort",
    "2019-11-01",
    Verdict::Unverified,
    0
)]
#[case::undated_reference_agrees(
    K,
    SOLDIERS,
    exact(53.0),
    "Indelimane",
    "2019-10-15",
    Verdict::Supported,
    1
)]
#[case::other_date(
    K,
    SOLDIERS,
    exact(40.0),
    "Boulkessy",
    "2019-11-01",
    Verdict::Unverified,
    0
)]
#[case::people_total(
    K,
    PEOPLE,
    exact(54.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Supported,
    1
)]
#[case::people_counts_soldiers(
    K,
    PEOPLE,
    exact(53.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Supported,
    2
)]
#[case::people_contradicted(
    K,
    PEOPLE,
    exact(70.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Contradicted,
    5
)]
#[case::wounded_supported(
    W,
    SOLDIERS,
    exact(3.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Supported,
    1
)]
#[case::wounded_contradicted(
    W,
    SOLDIERS,
    exact(12.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Contradicted,
    1
)]
#[case::missing_unverified(
    Some(Outcome::Missing),
    SOLDIERS,
    exact(5.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Unverified,
    0
)]
#[case::attackers_unverified(
    K,
    Some(Victims::Attackers),
    exact(2.0),
    "Indelimane",
    "2019-11-01",
    Verdict::Unverified,
    0
)]
#[case::other_event_same_refs(
    K,
    SOLDIERS,
    exact(40.0),
    "Boulkessy",
    "2019-09-30",
    Verdict::Supported,
    1
)]
#[case::attack_supported(None, None, None, "Indelimane", "2019-11-01", Verdict::Supported, 1)]
#[case::attack_unverified(None, None, None, "Boni", "2019-11-01", Verdict::Unverified, 0)]
fn verdicts(
    #[case] o: Option<Outcome>,
    #[case] v: Option<Victims>,
    #[case] n: Option<(f64, Option<f64>, Option<f64>)>,
    #[case] place: &str,
    #[case] date: &str,
    #[case] want: Verdict,
    #[case] evidence: usize,
) {
    let refs = references();
    let c = at(claim(o, v, n), Some(place), Some(date), 0, false);
    let (verdict, ev) = check_claim(&c, None, &refs);
    assert_eq!(verdict, want, "{ev:#?}");
    assert_eq!(ev.len(), evidence, "{ev:#?}");
}

#[test]
fn claims_without_place_or_of_another_year_are_unverified() {
    let refs = references();
    // a general toll names no place
    let c = at(claim(K, PEOPLE, exact(54.0)), None, None, 0, false);
    assert_eq!(check_claim(&c, None, &refs).0, Verdict::Unverified);
    // undated, in a document of 2022: Boulkessy's 2019 toll is another event
    let c = at(
        claim(K, SOLDIERS, exact(2.0)),
        Some("Boulkessy"),
        None,
        0,
        false,
    );
    let d2022 = DocDate::parse("2022-03-10");
    assert_eq!(check_claim(&c, d2022, &refs).0, Verdict::Unverified);
    assert_eq!(
        check_claim(&c, DocDate::parse("2019-10"), &refs).0,
        Verdict::Contradicted
    );
}

#[test]
fn a_class_without_tolls_checks_against_totals() {
    let mut refs = references();
    refs.claims.push(Reference {
        doc: "b".into(),
        sentence_text: "une vingtaine de rescapés".into(),
        claim: at(
            claim(
                Some(Outcome::Survivors),
                PEOPLE,
                Some((20.0, Some(15.0), Some(25.0))),
            ),
            Some("Indelimane"),
            None,
            4,
            false,
        ),
        doc_date: None,
    });
    let c = at(
        claim(
            Some(Outcome::Survivors),
            SOLDIERS,
            Some((20.0, Some(15.0), Some(25.0))),
        ),
        Some("Indelimane"),
        Some("2019-11-01"),
        0,
        false,
    );
    let (v, ev) = check_claim(&c, None, &refs);
    assert_eq!(v, Verdict::Supported);
    assert_eq!(ev.len(), 1);
}

#[test]
fn evidence_says_revised() {
    let refs = references();
    let c = at(
        claim(K, SOLDIERS, exact(53.0)),
        Some("Indelimane"),
        None,
        0,
        false,
    );
    let (_, ev) = check_claim(&c, None, &refs);
    let b = ev.iter().find(|e| e.doc == "b").unwrap();
    assert!(b.revised);
    assert_eq!(b.text, "sentence 3 of b");
    assert_eq!((b.count, b.sentence), (Some(53.0), 3));
    assert!(!ev.iter().find(|e| e.doc == "a").unwrap().revised);
}

#[test]
fn summary_counts_verdicts() {
    let refs = references();
    let mut claims = vec![
        at(
            claim(K, SOLDIERS, exact(53.0)),
            Some("Indelimane"),
            None,
            0,
            false,
        ),
        at(
            claim(K, SOLDIERS, exact(15.0)),
            Some("Indelimane"),
            None,
            0,
            false,
        ),
        at(claim(None, None, None), Some("Boni"), None, 0, false),
    ];
    check_claims(&mut claims, None, &refs);
    let mut s = Summary::new(refs.len());
    s.add(&claims);
    assert_eq!(s.claims, 3);
    assert_eq!(s.verdicts["supported"], 1);
    assert_eq!(s.verdicts["contradicted"], 1);
    assert_eq!(s.verdicts["unverified"], 1);
    assert_eq!(s.by_kind["attack"]["unverified"], 1);
    let t = s.table();
    assert!(t.contains("contradicted"), "{t}");
}

#[test]
fn claims_file_in_both_formats() {
    let claims_line = r#"{"doc":"x","lang":"en","doc_date":"2019-11-02","sentence_text":"s","kind":"casualties","outcome":"killed","victims":"soldiers","count":53,"min":53,"max":53,"approx":false,"place":"Indelimane","date":"2019-11-01","source":null,"sentence":0,"start":0,"end":2,"text":"53"}"#;
    let docs_line = r#"{"doc":"y","lang":"fr","doc_date":null,"sentences":[],"claims":[{"kind":"attack","place":"Indelimane","date":null,"source":null,"sentence":0,"start":0,"end":7,"text":"attaque"}]}"#;
    let text = format!("{claims_line}\n{claims_line}\n\n{docs_line}\n{{\"doc\":\"z\",\"error\":{{\"kind\":\"empty\",\"message\":\"\"}}}}\n");
    let docs = parse_claims(&text, "t").unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].doc, "x");
    assert_eq!(docs[0].ann.claims.len(), 2);
    assert_eq!(docs[1].ann.claims[0].kind, ClaimKind::Attack);
    assert!(parse_claims("{not json", "t").is_err());
}
