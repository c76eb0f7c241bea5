use super::*;
use crate::document::{Document, Lang, PlaceMention};
use crate::sentences::Splitter;
use proptest::prelude::*;
use rstest::rstest;

fn places(lang: Lang, text: &str) -> Vec<PlaceMention> {
    let mut doc = Document::new("t", text);
    doc.lang = Some(lang);
    doc.sentences = Splitter::default().split(&doc);
    let found = find_places(&doc);
    for m in &found {
        assert_eq!(&doc.text[m.span.start..m.span.end], m.span.text);
    }
    found
}

/// `text=name/country` items; country `-` for unresolved (no country).
fn summary(found: &[PlaceMention]) -> Vec<String> {
    found
        .iter()
        .map(|m| {
            let c = if m.resolved {
                m.country.clone().unwrap_or_else(|| "?".into())
            } else {
                "-".into()
            };
            format!("{}={}/{}", m.span.text, m.name, c)
        })
        .collect()
}

#[rstest]
#[case::fr_locality_and_region(
    "Des hommes armés ont attaqué vendredi un poste de l'armée à Tessalit, dans la région de Kidal.",
    &["Tessalit=Tessalit/ML", "Kidal=Kidal/ML"]
)]
#[case::fr_unaccented_spelling(
    "L'attaque s'est produite près de Menaka, dans le nord-est du Mali, selon une source locale.",
    &["Menaka=Ménaka/ML", "Mali=Mali/ML"]
)]
#[case::fr_french_and_english_names(
    "Un véhicule a sauté sur une mine entre Tombouctou et Goundam, dans le nord du pays.",
    &["Tombouctou=Timbuktu/ML", "Goundam=Goundam/ML"]
)]
#[case::fr_country_names(
    "Le Tchad, l'Algérie, la Libye, la Mauritanie et la Côte d'Ivoire participaient à la réunion avec les États-Unis et l'Allemagne.",
    &["Tchad=Chad/TD", "Algérie=Algeria/DZ", "Libye=Libya/LY", "Mauritanie=Mauritania/MR", "Côte d'Ivoire=Ivory Coast/CI", "États-Unis=United States/US", "Allemagne=Germany/DE"]
)]
#[case::fr_tri_border_zone(
    "Les attaques se multiplient dans la zone des trois frontières, entre le Mali, le Niger et le Burkina.",
    &["zone des trois frontières=Trois frontières/?", "Mali=Mali/ML", "Niger=Niger/NE", "Burkina=Burkina Faso/BF"]
)]
#[case::en_tri_border_zone(
    "Jihadists have stepped up attacks in the tri-border area, officials said.",
    &["tri-border area=Trois frontières/?"]
)]
#[case::fr_sahel_camps(
    "Quarante soldats ont été tués à Boulkessi et à Mondoro, puis le camp de Labbezanga a été évacué.",
    &["Boulkessi=Boulkessy/ML", "Mondoro=Mondoro/ML", "Labbezanga=Labbézanga/ML"]
)]
#[case::fr_niger_regions(
    "L'armée nigérienne a perdu 71 hommes à Inates, dans la région de Tillabéri, près de la frontière malienne.",
    &["Inates=Inates/NE", "Tillabéri=Tillabéri/NE"]
)]
#[case::fr_burkina_provinces(
    "Dans la province du Soum, au Burkina, des attaques ont visé Djibo et Arbinda.",
    &["Soum=Soum/BF", "Burkina=Burkina Faso/BF", "Djibo=Djibo/BF", "Arbinda=Aribinda/BF"]
)]
#[case::fr_unresolved_after_cues(
    "Les militaires ont été pris en embuscade près de Tin Hama, puis dans la localité de Fafa.",
    &["Tin Hama=Tin Hama/-", "Fafa=Fafa/-"]
)]
#[case::fr_added_localities(
    "Des jihadistes ont tué 51 civils à Ouatagouna, puis attaqué Sokolo et Makalondi.",
    &["Ouatagouna=Ouatagouna/ML", "Sokolo=Sokolo/ML", "Makalondi=Makalondi/NE"]
)]
#[case::fr_unresolved_weak_cue(
    "Douze civils ont été tués mardi à Dinangourou, a indiqué un élu local.",
    &["Dinangourou=Dinangourou/-"]
)]
#[case::fr_no_person_after_a(
    "Le ministre a rendu hommage à Amadou Touré et à Al-Qaïda ont été attribuées les attaques.",
    &[]
)]
#[case::fr_demonyms_are_not_places(
    "Les soldats maliens, nigériens et burkinabè ont riposté avec l'appui d'un contingent nigérian.",
    &[]
)]
#[case::fr_organizations_holding_places(
    "L'État islamique au Sahel et la Coordination des mouvements de l'Azawad ont répondu à l'Agence France-Presse et à Radio France internationale.",
    &[]
)]
#[case::fr_ambiguous_name_needs_a_cue(
    "Moussa Bamba a déclaré que Kaya était prêt. La ville de Kaya a été visée.",
    &["Kaya=Kaya/BF"]
)]
#[case::fr_hyphens(
    "Le Nord-Mali et la frontière Mali-Niger restent instables, selon l'Agence France-Presse.",
    &["Mali=Mali/ML", "Mali=Mali/ML", "Niger=Niger/NE"]
)]
#[case::fr_lowercase_is_not_a_place(
    "Pour sa part, le mali de la situation reste entier.",
    &[]
)]
#[case::en_village_province(
    "Gunmen killed 132 people in the village of Solhan in Burkina Faso's Yagha province, officials said.",
    &["Solhan=Solhan/BF", "Burkina Faso=Burkina Faso/BF", "Yagha=Yagha/BF"]
)]
#[case::en_timbuktu_and_menaka(
    "The convoy left Timbuktu on Monday and was ambushed near Menaka.",
    &["Timbuktu=Timbuktu/ML", "Menaka=Ménaka/ML"]
)]
#[case::en_organizations_and_demonyms(
    "The Islamic State in the Greater Sahara claimed the attack on Malian troops, Reuters reported.",
    &[]
)]
#[case::en_unresolved_near(
    "Soldiers said they came under fire near Tin Hama late on Sunday.",
    &["Tin Hama=Tin Hama/-"]
)]
#[case::en_months_are_not_places(
    "The attack in January killed 20 soldiers in Niger, the ministry said in French.",
    &["Niger=Niger/NE"]
)]
#[case::en_capital_and_country(
    "Officials in Niamey and Bamako blamed the Islamic State for the raid in Mali's Gao region.",
    &["Niamey=Niamey/NE", "Bamako=Bamako/ML", "Mali=Mali/ML", "Gao=Gao/ML"]
)]
fn finds_places(#[case] text: &str, #[case] expected: &[&str]) {
    let lang = if text.contains(" the ") || text.starts_with("The ") || text.contains(" said") {
        Lang::En
    } else {
        Lang::Fr
    };
    assert_eq!(summary(&places(lang, text)), expected, "{text}");
}

#[rstest]
#[case::fr_city_by_default("Trois soldats ont été tués à Gao mardi.", Lang::Fr, "Gao", "city")]
#[case::fr_region_after_cue(
    "Trois soldats ont été tués dans la région de Gao mardi.",
    Lang::Fr,
    "Gao",
    "region"
)]
#[case::fr_river(
    "Les assaillants ont traversé le fleuve Niger en pirogue.",
    Lang::Fr,
    "Niger",
    "water"
)]
#[case::fr_country(
    "Les jihadistes se sont repliés vers le Niger voisin.",
    Lang::Fr,
    "Niger",
    "country"
)]
#[case::en_river("They crossed the Niger River at night.", Lang::En, "Niger", "water")]
#[case::en_region_after("Attacks in the Gao region have doubled.", Lang::En, "Gao", "region")]
#[case::fr_cercle(
    "Le camp est situé dans le cercle d'Ansongo.",
    Lang::Fr,
    "Ansongo",
    "region"
)]
#[case::fr_town(
    "Le convoi est arrivé à Ansongo dans la soirée.",
    Lang::Fr,
    "Ansongo",
    "locality"
)]
fn kind_from_context(
    #[case] text: &str,
    #[case] lang: Lang,
    #[case] name: &str,
    #[case] kind: &str,
) {
    let found = places(lang, text);
    let m = found.iter().find(|m| m.name == name).expect("place found");
    assert_eq!(m.kind.as_deref(), Some(kind), "{text}");
}

#[rstest]
#[case::fr_mali_document("Au Mali, l'armée a repris Gao après de violents combats.", "ML")]
#[case::fr_burkina_document(
    "Au Burkina Faso, des hommes armés ont tué trois personnes à Gao, dans la province du Ziro.",
    "BF"
)]
#[case::en_burkina_document("In Burkina Faso, gunmen attacked Gao in Ziro province.", "BF")]
fn shared_names_follow_the_document(#[case] text: &str, #[case] country: &str) {
    let lang = if text.starts_with("In ") {
        Lang::En
    } else {
        Lang::Fr
    };
    let found = places(lang, text);
    let gao = found
        .iter()
        .find(|m| m.span.text == "Gao")
        .expect("Gao found");
    assert_eq!(gao.country.as_deref(), Some(country));
}

#[test]
fn resolved_mentions_carry_coordinates_and_parent() {
    let found = places(Lang::Fr, "Le camp militaire d'Indelimane a été attaqué.");
    let m = &found[0];
    assert_eq!(m.name, "Indelimane");
    assert_eq!(m.country.as_deref(), Some("ML"));
    assert!(m.lat.is_some() && m.lon.is_some());
    assert_eq!(m.parent.as_deref(), Some("Ansongo"));
    assert!(m.resolved);
    let g = places(Lang::Fr, "Le convoi est arrivé à Bamako.");
    assert!(g[0].geonames_id.is_some());
    assert_eq!(g[0].kind.as_deref(), Some("city"));
}

#[test]
fn unresolved_mentions_have_no_coordinates() {
    let found = places(Lang::Fr, "Des tirs ont visé le village de Kobou vendredi.");
    assert_eq!(found.len(), 1);
    let m = &found[0];
    assert!(!m.resolved);
    assert_eq!(m.name, "Kobou");
    assert!(m.lat.is_none() && m.lon.is_none() && m.country.is_none());
}

#[rstest]
#[case::mali_holds_indelimane("Mali", "Indelimane", true)]
#[case::region_holds_cercle_locality("Gao", "Indelimane", true)]
#[case::cercle_holds_locality("Ansongo", "Indelimane", true)]
#[case::menaka_does_not("Ménaka", "Indelimane", false)]
#[case::niger_does_not("Niger", "Indelimane", false)]
#[case::burkina_holds_djibo("Burkina Faso", "Djibo", true)]
#[case::soum_holds_djibo("Soum", "Djibo", true)]
#[case::tillaberi_region_holds_inates("Tillabéri", "Inates", true)]
#[case::self_contained("Mopti", "Mopti", true)]
#[case::french_names("Tombouctou", "Ber", true)]
#[case::inner_not_outer("Indelimane", "Mali", false)]
#[case::unknown("Atlantis", "Mali", false)]
fn containment(#[case] outer: &str, #[case] inner: &str, #[case] expected: bool) {
    assert_eq!(contains(outer, inner), expected, "{outer} ⊃ {inner}");
}

#[rstest]
#[case::fr_mali("Mali", "ML", Kind::Country)]
#[case::fr_cote_divoire("Côte d'Ivoire", "CI", Kind::Country)]
#[case::fr_tchad("Tchad", "TD", Kind::Country)]
#[case::fr_etats_unis("Etats-Unis", "US", Kind::Country)]
#[case::fr_allemagne("Allemagne", "DE", Kind::Country)]
#[case::fr_senegal("Sénégal", "SN", Kind::Country)]
#[case::fr_guinee("Guinée", "GN", Kind::Country)]
#[case::en_ivory_coast("Ivory Coast", "CI", Kind::Country)]
#[case::fr_tombouctou("tombouctou", "ML", Kind::City)]
#[case::fr_segou("SEGOU", "ML", Kind::City)]
#[case::fr_soum("Soum", "BF", Kind::Region)]
#[case::fr_niamey("Niamey", "NE", Kind::City)]
#[case::fr_paris("Paris", "FR", Kind::City)]
fn lookups(#[case] name: &str, #[case] country: &str, #[case] kind: Kind) {
    let p = lookup(name).expect("known place");
    assert_eq!(p.country.as_deref(), Some(country), "{name}");
    assert_eq!(p.kind, kind, "{name}");
}

#[test]
fn town_and_area_share_a_name() {
    // the town comes first; the region is there too
    assert_eq!(lookup("Taoudénit").map(|p| p.kind), Some(Kind::Locality));
    assert!(lookup_all("Taoudénit")
        .iter()
        .any(|p| p.kind == Kind::Region && p.parent.is_some()));
}

#[test]
fn nigerien_and_nigerian_are_not_confused() {
    // demonyms are not places; the countries themselves are distinct
    assert!(places(Lang::Fr, "Un soldat nigérien et un commerçant nigérian.").is_empty());
    assert_eq!(lookup("Niger").unwrap().country.as_deref(), Some("NE"));
    assert_eq!(lookup("Nigeria").unwrap().country.as_deref(), Some("NG"));
}

#[test]
fn gazetteer_is_loaded_with_sahel_places() {
    let (rows, names) = size();
    assert!(rows > 8000, "{rows}");
    assert!(names > rows, "{names}");
    for n in [
        "Indelimane",
        "Boulkessy",
        "Mondoro",
        "Labbézanga",
        "Andéramboukane",
        "Tabankort",
    ] {
        assert!(lookup(n).is_some_and(|p| p.lat.is_some()), "{n}");
    }
}

#[test]
fn headlines_keep_places() {
    let found = places(
        Lang::En,
        "Mali Says 53 Soldiers Killed In Attack Near Niger Border",
    );
    let names: Vec<&str> = found.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"Mali"), "{names:?}");
}

#[test]
fn date_prefix_offsets() {
    let mut doc = Document::new("t", " date 2019-11 L'attaque de Ménaka.");
    doc.body_start = 14;
    doc.lang = Some(Lang::Fr);
    let found = find_places(&doc);
    assert_eq!(found.len(), 1);
    assert_eq!(&doc.text[found[0].span.start..found[0].span.end], "Ménaka");
}

/// Headline-like and plain sentences, made of words of every case and length.
fn headline_like() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "Mali",
        "ATTAQUE",
        "armée",
        "Ménaka",
        "Élection",
        "de",
        "l'",
        "Niger",
        "Kidal",
        "soldats",
        "Tués",
        "Ça",
        "2024",
        "-",
        ",",
        "Œuvre",
        "Über",
        "ß",
        "élus",
        "Des",
    ]);
    prop::collection::vec(word, 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn title_case_stops_early_only_when_it_can(s in "\\PC{0,120}", h in headline_like()) {
        for t in [s.as_str(), h.as_str(), &format!("{h} {s}"), &h.to_uppercase()] {
            prop_assert_eq!(title_case(t), title_case_plain(t), "{:?}", t);
        }
    }

    #[test]
    fn never_panics(s in "\\PC{0,200}", frag in prop::sample::select(vec![
        "à Ménaka", "près de ", "d'", "É", "-Mali", "fleuve ", " région de ", "Gao-", "’", "\u{301}",
    ])) {
        for text in [s.clone(), format!("{frag}{s}"), format!("{s}{frag}")] {
            for lang in [Lang::Fr, Lang::En] {
                let mut doc = Document::new("t", text.clone());
                doc.lang = Some(lang);
                doc.sentences = Splitter::default().split(&doc);
                for m in find_places(&doc) {
                    prop_assert_eq!(&doc.text[m.span.start..m.span.end], m.span.text.as_str());
                }
            }
        }
    }
}

#[test]
fn credit_lines_are_not_headlines() {
    let found = places(
        Lang::En,
        "Reporting by Tiemoko Diallo in Bamako and Edward McAllister in Dakar; writing by Aaron Ross; editing by Alison Williams.",
    );
    assert_eq!(summary(&found), ["Bamako=Bamako/ML", "Dakar=Dakar/SN"]);
}

/// The quick test of `cue_before` (a cue's last four bytes) holds for every text ending with the cue.
#[test]
fn cue_tails_match_every_text_ending_with_the_cue() {
    for lex in [&*FR, &*EN] {
        for c in &lex.cues {
            for head in ["", "a", "près ", "l'x ", "ééé "] {
                let s = format!("{head}{}", c.words);
                assert_eq!(tail4(s.as_bytes()) & c.mask, c.tail, "{s:?}");
            }
        }
    }
}
