//! Claims assembly on hand-built annotations (the extractors are tested on their own).

use super::*;
use crate::document::{
    ActorMention, ActorType, Anchor, DateMention, DateType, Lang, NumberMention, PlaceMention,
};
use crate::sentences::Splitter;
use proptest::strategy::Strategy as _;
use rstest::rstest;

/// A document and hand-made annotations; mentions are found by their text.
pub(crate) struct Fx {
    pub doc: Document,
    pub ann: Annotations,
}

impl Fx {
    pub fn new(lang: Lang, text: &str) -> Fx {
        let mut doc = Document::new("t", text);
        doc.lang = Some(lang);
        doc.sentences = Splitter::default().split(&doc);
        Fx {
            doc,
            ann: Annotations::default(),
        }
    }

    /// Byte range of the first occurrence of `needle` not yet taken by `taken`.
    fn find(&self, needle: &str, taken: &[(usize, usize)]) -> (usize, usize) {
        let mut from = 0;
        while let Some(i) = self.doc.text[from..].find(needle) {
            let s = from + i;
            if !taken.iter().any(|&(a, _)| a == s) {
                return (s, s + needle.len());
            }
            from = s + needle.len();
        }
        panic!("{needle:?} not in the text");
    }

    /// An exact number.
    pub fn n(self, needle: &str, value: f64) -> Fx {
        self.r(needle, value, Some(value), Some(value), false)
    }

    /// A number with its range.
    pub fn r(
        mut self,
        needle: &str,
        value: f64,
        min: Option<f64>,
        max: Option<f64>,
        approx: bool,
    ) -> Fx {
        let taken: Vec<_> = self
            .ann
            .numbers
            .iter()
            .map(|n| (n.span.start, n.span.end))
            .collect();
        let (a, b) = self.find(needle, &taken);
        self.ann.numbers.push(NumberMention {
            span: Span::new(&self.doc, a, b),
            value,
            min,
            max,
            approx,
            unit: None,
        });
        self
    }

    /// A place: kind, country and parent.
    pub fn p(mut self, needle: &str, kind: &str, country: &str, parent: Option<&str>) -> Fx {
        let taken: Vec<_> = self
            .ann
            .places
            .iter()
            .map(|n| (n.span.start, n.span.end))
            .collect();
        let (a, b) = self.find(needle, &taken);
        self.ann.places.push(PlaceMention {
            span: Span::new(&self.doc, a, b),
            name: needle.to_string(),
            country: Some(country.to_string()),
            lat: None,
            lon: None,
            geonames_id: None,
            kind: Some(kind.to_string()),
            parent: parent.map(str::to_string),
            resolved: true,
        });
        self
    }

    /// A date with its value.
    pub fn d(mut self, needle: &str, value: &str) -> Fx {
        let taken: Vec<_> = self
            .ann
            .dates
            .iter()
            .map(|n| (n.span.start, n.span.end))
            .collect();
        let (a, b) = self.find(needle, &taken);
        self.ann.dates.push(DateMention {
            span: Span::new(&self.doc, a, b),
            value: value.to_string(),
            kind: DateType::Date,
            anchor: Anchor::Document,
            grain: String::new(),
            modifier: None,
            alt: vec![],
        });
        self
    }

    /// An actor, a source when `source`.
    pub fn a(mut self, needle: &str, name: &str, kind: ActorType, source: bool) -> Fx {
        let taken: Vec<_> = self
            .ann
            .actors
            .iter()
            .map(|n| (n.span.start, n.span.end))
            .collect();
        let (a, b) = self.find(needle, &taken);
        self.ann.actors.push(ActorMention {
            span: Span::new(&self.doc, a, b),
            name: name.to_string(),
            kind,
            country: None,
            role: None,
            source,
        });
        self
    }

    pub fn claims(&self) -> Vec<Claim> {
        let mut ann = self.ann.clone();
        ClaimStage::default().run(&self.doc, &mut ann);
        for c in &ann.claims {
            assert_eq!(&self.doc.text[c.start..c.end], c.text, "claim offsets");
        }
        ann.claims
    }

    /// `outcome/victims/count` of the casualty claims.
    pub fn tolls(&self) -> Vec<String> {
        self.claims()
            .iter()
            .filter(|c| c.kind == ClaimKind::Casualties)
            .map(crate::eval::claim_key)
            .collect()
    }
}

fn fx(lang: Lang, text: &str, nums: &[(&str, f64)]) -> Fx {
    nums.iter()
        .fold(Fx::new(lang, text), |f, &(n, v)| f.n(n, v))
}

#[rstest]
#[case::fr_participle(
    "Douze soldats ont été tués mardi dans l'attaque de leur poste, a indiqué l'armée.",
    &[("Douze", 12.0)], &["killed/soldiers/12"])]
#[case::fr_list_outcome_on_the_right(
    "Sept militaires et deux civils ont été tués, cinq militaires blessés.",
    &[("Sept", 7.0), ("deux", 2.0), ("cinq", 5.0)],
    &["killed/soldiers/7", "killed/civilians/2", "wounded/soldiers/5"])]
#[case::fr_bodies_dont_article(
    "Les secours ont retrouvé 31 corps dont un civil près du marché.",
    &[("31", 31.0)], &["killed/people/31", "killed/civilians/1"])]
#[case::fr_la_mort_de(
    "L'embuscade a entraîné la mort de 17 gendarmes et d'un civil.",
    &[("17", 17.0)], &["killed/soldiers/17", "killed/civilians/1"])]
#[case::fr_provisional_toll(
    "Le bilan provisoire est de 9 morts, 14 blessés et trois ennemis tués.",
    &[("9", 9.0), ("14", 14.0), ("trois", 3.0)],
    &["killed/people/9", "wounded/people/14", "killed/attackers/3"])]
#[case::fr_missing_without_count(
    "Vingt-quatre militaires tués, 6 blessés, des portés disparus.",
    &[("Vingt-quatre", 24.0), ("6", 6.0)], &["killed/soldiers/24", "wounded/soldiers/6"])]
#[case::fr_neutralised(
    "L'état-major affirme que 18 terroristes ont été neutralisés lors de la riposte.",
    &[("18", 18.0)], &["killed/attackers/18"])]
#[case::fr_soit(
    "Les renforts ont compté 12 morts, soit 11 soldats tués et un civil.",
    &[("12", 12.0), ("11", 11.0)],
    &["killed/people/12", "killed/soldiers/11", "killed/civilians/1"])]
#[case::fr_no_outcome(
    "Le poste était tenu par 60 soldats et quatre véhicules blindés.",
    &[("60", 60.0), ("quatre", 4.0)], &[])]
#[case::fr_captured(
    "Huit civils ont été enlevés sur la route de Boni.",
    &[("Huit", 8.0)], &["captured/civilians/8"])]
#[case::fr_missing(
    "Trois gendarmes sont portés disparus depuis l'embuscade.",
    &[("Trois", 3.0)], &["missing/soldiers/3"])]
#[case::fr_peacekeepers_others(
    "Deux casques bleus tchadiens ont été tués et quatre autres blessés.",
    &[("Deux", 2.0), ("quatre", 4.0)], &["killed/peacekeepers/2", "wounded/peacekeepers/4"])]
#[case::fr_survivors(
    "Le ministre a fait état de « dix rescapés » et de quatre véhicules détruits.",
    &[("dix", 10.0), ("quatre", 4.0)], &["survivors/people/10"])]
#[case::fr_lost_their_lives(
    "Au total, 26 villageois ont perdu la vie dans le raid.",
    &[("26", 26.0)], &["killed/civilians/26"])]
#[case::fr_toll_word_alone(
    "Le bilan s'élève désormais à 41.",
    &[("41", 41.0)], &[])]
#[case::fr_toll_word_with_fillers(
    "Le bilan est de 41, selon une source locale.",
    &[("41", 41.0)], &["killed/people/41"])]
fn french_tolls(#[case] text: &str, #[case] nums: &[(&str, f64)], #[case] want: &[&str]) {
    assert_eq!(fx(Lang::Fr, text, nums).tolls(), want);
}

#[rstest]
#[case::en_passive(
    "Fourteen Nigerien soldiers were killed on Tuesday near the border, the army said.",
    &[("Fourteen", 14.0)], &["killed/soldiers/14"])]
#[case::en_killing_list(
    "Gunmen stormed the village, killing 23 civilians and a soldier.",
    &[("23", 23.0)], &["killed/civilians/23", "killed/soldiers/1"])]
#[case::en_list(
    "Nine soldiers and two civilians were killed and 12 soldiers wounded.",
    &[("Nine", 9.0), ("two", 2.0), ("12", 12.0)],
    &["killed/soldiers/9", "killed/civilians/2", "wounded/soldiers/12"])]
#[case::en_dead_injured(
    "The provisional toll is 35 dead and 18 injured.",
    &[("35", 35.0), ("18", 18.0)], &["killed/people/35", "wounded/people/18"])]
#[case::en_toll_rose(
    "The death toll rose to 54, according to a local source.",
    &[("54", 54.0)], &["killed/people/54"])]
#[case::en_abducted(
    "Militants abducted 11 people on the road to Djibo.",
    &[("11", 11.0)], &["captured/people/11"])]
#[case::en_peacekeepers(
    "Three UN peacekeepers were injured when their convoy hit a mine.",
    &[("Three", 3.0)], &["wounded/peacekeepers/3"])]
#[case::en_no_outcome(
    "The base was held by 80 soldiers and 12 armoured vehicles.",
    &[("80", 80.0), ("12", 12.0)], &[])]
#[case::en_missing_no_count(
    "Several soldiers are still missing, the ministry said.",
    &[], &[])]
#[case::en_neutralised(
    "At least 20 jihadists were neutralised in the counter-offensive.",
    &[("At least 20", 20.0)], &["killed/attackers/20"])]
fn english_tolls(#[case] text: &str, #[case] nums: &[(&str, f64)], #[case] want: &[&str]) {
    assert_eq!(fx(Lang::En, text, nums).tolls(), want);
}

#[test]
fn count_range_is_copied() {
    let f = Fx::new(
        Lang::Fr,
        "Une cinquantaine de civils ont péri dans l'attaque.",
    )
    .r("Une cinquantaine", 50.0, Some(45.0), Some(55.0), true);
    let c = &f.claims()[0];
    assert_eq!(
        (c.count, c.min, c.max, c.approx),
        (Some(50.0), Some(45.0), Some(55.0), true)
    );
    assert_eq!(c.text, "Une cinquantaine de civils");
    let f = Fx::new(Lang::En, "More than 30 soldiers were killed.").r(
        "More than 30",
        30.0,
        Some(31.0),
        None,
        false,
    );
    let c = &f.claims()[0];
    assert_eq!((c.min, c.max), (Some(31.0), None));
}

const REVISED_FR: &str = "Au moins 24 soldats ont été tués lundi dans l'attaque du camp de Tabankort, a annoncé l'armée. \
Mardi, l'état-major a revu le bilan à la hausse : 31 soldats tués et trois blessés.";

fn revised_fr() -> Fx {
    Fx::new(Lang::Fr, REVISED_FR)
        .r("Au moins 24", 24.0, Some(24.0), None, false)
        .n("31", 31.0)
        .n("trois", 3.0)
        .d("lundi", "2019-11-18")
        .d("Mardi", "2019-11-19")
        .p("Tabankort", "locality", "ML", Some("Ansongo"))
        .a(
            "l'armée",
            "Forces armées maliennes",
            ActorType::Military,
            true,
        )
        .a(
            "l'état-major",
            "Forces armées maliennes",
            ActorType::Military,
            false,
        )
}

#[test]
fn revision_links_tolls_and_keeps_the_event_date() {
    let claims = revised_fr().claims();
    let cas: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Casualties)
        .collect();
    assert_eq!(cas.len(), 3);
    let (first, second, wounded) = (cas[0], cas[1], cas[2]);
    assert_eq!(first.count, Some(24.0));
    assert!(first.revised && !first.revision);
    assert_eq!(second.count, Some(31.0));
    assert!(second.revision && !second.revised);
    // nothing earlier to revise
    assert!(!wounded.revision && !wounded.revised);
    assert_eq!(first.date.as_deref(), Some("2019-11-18"));
    assert_eq!(first.date_from, Some(SlotSource::Sentence));
    // the revision is reported on Tuesday, the event stays on Monday
    assert_eq!(second.date.as_deref(), Some("2019-11-18"));
    assert_eq!(second.date_from, Some(SlotSource::Document));
    assert_eq!(second.place.as_deref(), Some("Tabankort"));
    assert_eq!(second.place_from, Some(SlotSource::Document));
    assert_eq!(first.place_from, Some(SlotSource::Sentence));
    // source in the sentence, then the nearest reporting actor
    assert_eq!(first.source.as_deref(), Some("Forces armées maliennes"));
    assert_eq!(second.source.as_deref(), Some("Forces armées maliennes"));
}

#[test]
fn attack_events_merge_and_carry_target_and_perpetrator() {
    let text = "Des jihadistes de l'EIGS ont attaqué vendredi un camp militaire à Tabankort. \
L'attaque a fait 12 morts. Deux assauts avaient visé des villages en septembre. \
En août, une embuscade à Boni avait coûté la vie à 5 soldats.";
    let f = Fx::new(Lang::Fr, text)
        .n("12", 12.0)
        .n("Deux", 2.0)
        .n("5", 5.0)
        .d("vendredi", "2019-11-01")
        .d("septembre", "2019-09")
        .d("août", "2019-08")
        .p("Tabankort", "locality", "ML", None)
        .p("Boni", "locality", "ML", None)
        .a(
            "EIGS",
            "État islamique au Grand Sahara",
            ActorType::ArmedGroup,
            false,
        );
    let claims = f.claims();
    let attacks: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Attack)
        .collect();
    // « L'attaque » is the main event again; « deux assauts » has no place of its own
    assert_eq!(attacks.len(), 2, "{attacks:#?}");
    assert_eq!(attacks[0].place.as_deref(), Some("Tabankort"));
    assert_eq!(attacks[0].date.as_deref(), Some("2019-11-01"));
    assert_eq!(
        attacks[0].perpetrator.as_deref(),
        Some("État islamique au Grand Sahara")
    );
    assert_eq!(attacks[0].target.as_deref(), Some("military camp"));
    assert_eq!(attacks[1].place.as_deref(), Some("Boni"));
    assert_eq!(attacks[1].date.as_deref(), Some("2019-08"));
    assert_eq!(f.tolls(), vec!["killed/people/12", "killed/soldiers/5"]);
    let boni = claims.iter().find(|c| c.count == Some(5.0)).unwrap();
    assert_eq!(boni.place_from, Some(SlotSource::Sentence));
}

#[test]
fn english_attack_with_country_giving_way() {
    let text = "Militants attacked an army base in Indelimane on Friday, killing 53 soldiers. \
It was the deadliest attack in Mali this year, with 53 soldiers killed.";
    let f = Fx::new(Lang::En, text)
        .n("53", 53.0)
        .n("53", 53.0)
        .d("Friday", "2019-11-01")
        .p("Indelimane", "locality", "ML", Some("Ansongo"))
        .p("Mali", "country", "ML", None);
    let claims = f.claims();
    let attacks = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Attack)
        .count();
    assert_eq!(attacks, 1);
    let tolls: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Casualties)
        .collect();
    assert_eq!(tolls.len(), 2);
    assert_eq!(tolls[1].place.as_deref(), Some("Indelimane"));
    assert_eq!(tolls[1].place_from, Some(SlotSource::Document));
    assert!(!tolls[1].revision);
}

#[rstest]
#[case::same_day("2019-11-01", "2019-11-01", true)]
#[case::unknown_year("XXXX-11-01", "2019-11-01", true)]
#[case::month_grain("2019-11", "2019-11-01", true)]
#[case::next_day("2019-11-02", "2019-11-01", true)]
#[case::week_apart("2019-11-08", "2019-11-01", false)]
#[case::other_month("2019-09", "2019-11-01", false)]
#[case::other_year("2018", "2019-11", false)]
#[case::time_of_day("2019-11-01T13:00", "2019-11-01", true)]
#[case::duration("P3D", "2019-11-01", true)]
fn dates_agree_at_common_grain(#[case] a: &str, #[case] b: &str, #[case] want: bool) {
    assert_eq!(dates_agree(Some(a), Some(b)), want);
    assert_eq!(dates_agree(Some(b), Some(a)), want);
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "   ",
        "53",
        "« » , et dont",
        "tués 53 tués",
        "ﬁ 12 ﬀ morts",
    ] {
        let mut f = Fx::new(Lang::Fr, text);
        if text.contains("12") {
            f = f.n("12", 12.0);
        }
        let _ = f.claims();
    }
}

#[test]
fn survivors_in_a_list_keep_their_own_victims() {
    let f = Fx::new(
        Lang::Fr,
        "Sept militaires blessés et une vingtaine de rescapés ont été retrouvés, ainsi que 4 blessés.",
    )
    .n("Sept", 7.0)
    .r("une vingtaine", 20.0, Some(15.0), Some(25.0), true)
    .n("4", 4.0);
    assert_eq!(
        f.tolls(),
        vec![
            "wounded/soldiers/7",
            "survivors/people/20",
            "wounded/people/4"
        ]
    );
}

#[test]
fn the_innermost_place_of_a_sentence_names_the_event() {
    let text = "Le camp de Tabankort, dans le cercle d'Ansongo, a été attaqué vendredi par des hommes armés.";
    let f = Fx::new(Lang::Fr, text)
        .p("Tabankort", "locality", "ML", Some("Ansongo"))
        .p("Ansongo", "region", "ML", Some("Gao"))
        .a("hommes armés", "hommes armés", ActorType::ArmedGroup, false)
        .d("vendredi", "2019-11-01");
    let claims = f.claims();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].kind, ClaimKind::Attack);
    assert_eq!(claims[0].place.as_deref(), Some("Tabankort"));
    assert_eq!(claims[0].perpetrator.as_deref(), Some("hommes armés"));
    assert_eq!(claims[0].target.as_deref(), Some("military camp"));
}

#[rstest]
#[case::fr_list_then_outcome(Lang::Fr,
    "Une quinzaine de personnes, dont deux femmes, ont été enlevées mardi.",
    &[("Une quinzaine", 15.0), ("deux", 2.0)], &["captured/people/15", "captured/civilians/2"])]
#[case::fr_vague_plural(Lang::Fr,
    "Les violences ont fait des milliers de morts dans la région depuis 2015.",
    &[("des milliers", 2000.0)], &["killed/people/2000"])]
#[case::fr_quoted_outcome(Lang::Fr,
    "L'armée dit avoir « neutralisé » une trentaine de terroristes près de Boni.",
    &[("une trentaine", 30.0)], &["killed/attackers/30"])]
#[case::fr_quoted_after(Lang::Fr,
    "Selon le ministère, entre 12 et 15 assaillants ont été « neutralisés ».",
    &[("entre 12 et 15", 13.0)], &["killed/attackers/13"])]
#[case::fr_earlier_toll_cue(Lang::Fr,
    "Un premier bilan faisait état de 7 gendarmes tués.",
    &[("7", 7.0)], &["killed/soldiers/7"])]
#[case::en_others(Lang::En,
    "Four peacekeepers were killed and six others injured on Monday.",
    &[("Four", 4.0), ("six", 6.0)], &["killed/peacekeepers/4", "wounded/peacekeepers/6"])]
#[case::en_partitive(Lang::En,
    "Nine soldiers were wounded, two of them seriously, the army said.",
    &[("Nine", 9.0), ("two", 2.0)], &["wounded/soldiers/9", "wounded/soldiers/2"])]
#[case::en_number_of_killed_at(Lang::En,
    "A first report put the number of soldiers killed at around 8.",
    &[("around 8", 8.0)], &["killed/soldiers/8"])]
#[case::en_gunmen_killed(Lang::En,
    "Gunmen killed 12 on the road to Gao.",
    &[("12", 12.0)], &["killed/people/12"])]
#[case::en_mixed_victims(Lang::En,
    "Militants have killed hundreds of soldiers and civilians across the Sahel.",
    &[("hundreds", 200.0)], &["killed/people/200"])]
#[case::en_arrested(Lang::En,
    "Two suspects were later arrested by French forces.",
    &[("Two", 2.0)], &["captured/people/2"])]
#[case::en_found_alive(Lang::En,
    "Fifteen soldiers were found alive in the bush.",
    &[("Fifteen", 15.0)], &["survivors/soldiers/15"])]
fn structures(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] nums: &[(&str, f64)],
    #[case] want: &[&str],
) {
    assert_eq!(fx(lang, text, nums).tolls(), want);
}

/// (count, revision, revised) of the casualty claims.
fn marks(f: &Fx) -> Vec<(f64, bool, bool)> {
    f.claims()
        .iter()
        .filter(|c| c.kind == ClaimKind::Casualties)
        .map(|c| (c.count.unwrap_or(-1.0), c.revision, c.revised))
        .collect()
}

#[test]
fn revised_count_within_a_sentence_and_a_contradicting_source() {
    let text = "Twenty soldiers were killed on Sunday near Djibo, a local official said, fewer than the government's initial toll. \
The government said on Sunday that 26 soldiers had died, before the army revised its count to 24 soldiers killed and five wounded.";
    let f = Fx::new(Lang::En, text)
        .n("Twenty", 20.0)
        .n("26", 26.0)
        .n("24", 24.0)
        .n("five", 5.0)
        .d("Sunday", "2021-05-16")
        .d("Sunday", "2021-05-16")
        .p("Djibo", "city", "BF", None);
    assert_eq!(
        marks(&f),
        vec![
            (20.0, false, false),
            (26.0, false, true),
            (24.0, true, false),
            (5.0, false, false)
        ]
    );
}

#[test]
fn an_earlier_toll_told_later_is_revised() {
    let text = "Au moins 16 gendarmes ont été tués dimanche à Tillia. \
Un premier bilan, donné lundi matin, faisait état de 11 gendarmes tués. \
En janvier 2020, 89 gendarmes avaient été tués à Chinégodar.";
    let f = Fx::new(Lang::Fr, text)
        .r("Au moins 16", 16.0, Some(16.0), None, false)
        .n("11", 11.0)
        .n("89", 89.0)
        .d("dimanche", "2021-05-16")
        .d("lundi matin", "2021-05-17TMO")
        .d("janvier 2020", "2020-01")
        .p("Tillia", "locality", "NE", None)
        .p("Chinégodar", "locality", "NE", None);
    assert_eq!(
        marks(&f),
        vec![
            (16.0, true, false),
            (11.0, false, true),
            (89.0, false, false)
        ]
    );
}

#[test]
fn a_restated_toll_takes_the_victims_and_place_it_repeats() {
    let text = "Douze soldats avaient été tués en mars à Boni, selon l'armée. \
Ce bilan de 12 morts a été contesté. Le camp de Tabankort a été attaqué vendredi.";
    let f = Fx::new(Lang::Fr, text)
        .n("Douze", 12.0)
        .n("12", 12.0)
        .d("en mars", "2019-03")
        .d("vendredi", "2019-11-01")
        .p("Boni", "locality", "ML", None)
        .p("Tabankort", "locality", "ML", None);
    let claims = f.claims();
    let second = claims.iter().find(|c| c.text == "12 morts").unwrap();
    assert_eq!(second.victims, Some(Victims::Soldiers));
    assert_eq!(second.place.as_deref(), Some("Boni"));
    assert_eq!(second.date.as_deref(), Some("2019-03"));
}

#[test]
fn a_general_toll_keeps_its_own_slots() {
    let text = "Trois soldats ont été tués lundi à Boni. \
Les violences ont fait des centaines de morts au Mali et au Niger depuis 2012.";
    let f = Fx::new(Lang::Fr, text)
        .n("Trois", 3.0)
        .r("des centaines", 200.0, Some(200.0), Some(999.0), true)
        .d("lundi", "2019-11-04")
        .p("Boni", "locality", "ML", None)
        .p("Mali", "country", "ML", None)
        .p("Niger", "country", "NE", None);
    let claims = f.claims();
    let general = claims.iter().find(|c| c.count == Some(200.0)).unwrap();
    assert_eq!(
        (general.place.as_deref(), general.date.as_deref()),
        (None, None)
    );
    let first = claims.iter().find(|c| c.count == Some(3.0)).unwrap();
    assert_eq!(first.place.as_deref(), Some("Boni"));
}

#[rstest]
#[case::en_headline_kills(Lang::En, "Attack on Mali army post kills 24 soldiers", &[("24", 24.0)], &["killed/soldiers/24"])]
#[case::en_claimed_attack(Lang::En, "Islamic State claims attack that killed 24 in Mali", &[("24", 24.0)], &["killed/people/24"])]
#[case::en_left_dead(Lang::En, "The raid left 17 soldiers dead and 9 wounded.", &[("17", 17.0), ("9", 9.0)], &["killed/soldiers/17", "wounded/soldiers/9"])]
#[case::en_including(Lang::En, "The attack killed 30 people, including 27 soldiers.", &[("30", 30.0), ("27", 27.0)], &["killed/people/30", "killed/soldiers/27"])]
#[case::en_lost_lives(Lang::En, "Twenty-one troops lost their lives in the ambush.", &[("Twenty-one", 21.0)], &["killed/soldiers/21"])]
#[case::fr_dont(Lang::Fr, "Le bilan est de 31 morts dont 28 militaires.", &[("31", 31.0), ("28", 28.0)], &["killed/people/31", "killed/soldiers/28"])]
#[case::fr_tue_present(Lang::Fr, "Une attaque tue 24 soldats dans le nord du Mali", &[("24", 24.0)], &["killed/soldiers/24"])]
#[case::fr_a_fait(Lang::Fr, "L'attaque a fait au moins 24 morts et 11 blessés.", &[("au moins 24", 24.0), ("11", 11.0)], &["killed/people/24", "wounded/people/11"])]
#[case::fr_civil_after_outcome(Lang::Fr, "Vingt soldats ont été tués et un civil, selon l'armée.", &[("Vingt", 20.0)], &["killed/soldiers/20", "killed/civilians/1"])]
#[case::fr_un_mort(Lang::Fr, "L'explosion a fait un mort et deux blessés.", &[("deux", 2.0)], &["killed/people/1", "wounded/people/2"])]
fn headlines_and_leads(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] nums: &[(&str, f64)],
    #[case] want: &[&str],
) {
    assert_eq!(fx(lang, text, nums).tolls(), want);
}

#[test]
fn a_number_of_people_that_left_is_no_toll() {
    let f = fx(
        Lang::En,
        "The convoy left 80 soldiers at the base before dawn.",
        &[("80", 80.0)],
    );
    assert!(f.tolls().is_empty());
}

#[rstest]
#[case::fr_apposition(Lang::Fr,
    "Cinq Volontaires pour la défense de la patrie (VDP), supplétifs de l'armée, ont été tués.",
    &[("Cinq", 5.0)], &["killed/soldiers/5"])]
#[case::en_apposition(Lang::En,
    "Seven soldiers, all from the same unit, were killed near the border.",
    &[("Seven", 7.0)], &["killed/soldiers/7"])]
#[case::fr_aside_with_a_number_is_no_cue(Lang::Fr,
    "Quatre-vingts soldats, dont 12 officiers, tenaient le poste.",
    &[("Quatre-vingts", 80.0), ("12", 12.0)], &[])]
#[case::fr_aside_then_no_outcome(Lang::Fr,
    "Trente soldats (une compagnie), arrivés lundi, patrouillent.",
    &[("Trente", 30.0)], &[])]
fn asides(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] nums: &[(&str, f64)],
    #[case] want: &[&str],
) {
    assert_eq!(fx(lang, text, nums).tolls(), want);
}

#[test]
fn attacks_can_be_left_out() {
    let f = Fx::new(Lang::Fr, "L'attaque du camp a fait 12 morts.").n("12", 12.0);
    let mut ann = f.ann.clone();
    ClaimStage { attacks: false }.run(&f.doc, &mut ann);
    assert_eq!(ann.claims.len(), 1);
    assert_eq!(ann.claims[0].kind, ClaimKind::Casualties);
    assert_eq!(f.claims().len(), 2);
}

#[rstest]
#[case::fr_ainsi_qu(Lang::Fr, "Douze soldats ont été tués, ainsi qu'un civil.", &[("Douze", 12.0)], &["killed/soldiers/12", "killed/civilians/1"])]
#[case::fr_portant_le_bilan(Lang::Fr, "Deux décès ont été annoncés lundi, portant le bilan à 13.", &[("Deux", 2.0), ("13", 13.0)], &["killed/people/2", "killed/people/13"])]
#[case::en_toll_rises(Lang::En, "Mali attack death toll rises to 13, officials say", &[("13", 13.0)], &["killed/people/13"])]
fn toll_updates(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] nums: &[(&str, f64)],
    #[case] want: &[&str],
) {
    assert_eq!(fx(lang, text, nums).tolls(), want);
}

#[rstest]
#[case::fr_two_assaults(
    Lang::Fr,
    "Quarante soldats avaient été tués dans deux assauts jihadistes le 30 septembre à Boulkessy et le 1er octobre à Mondoro.",
    &[("le 30 septembre", "2019-09-30"), ("le 1er octobre", "2019-10-01")],
    &["Boulkessy@2019-09-30", "Mondoro@2019-10-01"]
)]
#[case::en_two_attacks(
    Lang::En,
    "Twenty soldiers were killed in two attacks on Sept. 30 in Boulkessy and on Oct. 1 in Mondoro.",
    &[("Sept. 30", "2019-09-30"), ("Oct. 1", "2019-10-01")],
    &["Boulkessy@2019-09-30", "Mondoro@2019-10-01"]
)]
#[case::fr_two_assaults_one_place(
    Lang::Fr,
    "Douze soldats ont été tués dans deux assauts contre le camp de Boulkessy le 30 septembre.",
    &[("le 30 septembre", "2019-09-30")],
    &["Boulkessy@2019-09-30"]
)]
fn plural_attacks_split_by_place(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] dates: &[(&str, &str)],
    #[case] want: &[&str],
) {
    let count = if text.starts_with("Douze") {
        ("Douze", 12.0)
    } else if text.starts_with("Twenty") {
        ("Twenty", 20.0)
    } else {
        ("Quarante", 40.0)
    };
    let mut f = Fx::new(lang, text)
        .n(count.0, count.1)
        .p("Boulkessy", "locality", "ML", None);
    if text.contains("Mondoro") {
        f = f.p("Mondoro", "locality", "ML", None);
    }
    for (t, v) in dates {
        f = f.d(t, v);
    }
    let got: Vec<String> = f
        .claims()
        .iter()
        .filter(|c| c.kind == ClaimKind::Attack)
        .map(|c| {
            format!(
                "{}@{}",
                c.place.as_deref().unwrap_or("?"),
                c.date.as_deref().unwrap_or("?")
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[rstest]
#[case::en_roadside_bomb(
    Lang::En,
    "Three peacekeepers were killed on Tuesday when their convoy struck a roadside bomb near Tessalit."
)]
#[case::en_ied(
    Lang::En,
    "Two soldiers were killed by an improvised explosive device near Tessalit on Tuesday."
)]
#[case::fr_engin_explosif(
    Lang::Fr,
    "Trois casques bleus ont été tués mardi par un engin explosif improvisé près de Tessalit."
)]
#[case::fr_vehicule_piege(
    Lang::Fr,
    "Un véhicule piégé a tué quatre soldats mardi près de Tessalit."
)]
fn bombings_are_attacks(#[case] lang: Lang, #[case] text: &str) {
    let first = text.split_whitespace().next().unwrap();
    let n = match first {
        "Three" | "Trois" => 3.0,
        "Two" => 2.0,
        _ => 4.0,
    };
    let count_text = if first == "Un" { "quatre" } else { first };
    let f = Fx::new(lang, text)
        .n(count_text, n)
        .p("Tessalit", "locality", "ML", None);
    let claims = f.claims();
    let attacks: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Attack)
        .collect();
    assert_eq!(attacks.len(), 1, "{claims:#?}");
    assert_eq!(attacks[0].place.as_deref(), Some("Tessalit"));
}

#[rstest]
#[case::article("La Région de Mopti")]
#[case::elision("l'Ouest du Niger")]
#[case::quotes("'Gao''")]
#[case::empty_word("Kidal ' ' Nord")]
#[case::accents("Ménaka, Tillabéri")]
#[case::english("the Sahel")]
fn name_keys_are_the_word_by_word_keys(#[case] name: &str) {
    assert_eq!(name_key(name), word_by_word_key(name));
}

/// [`name_key`] as it was written before it was built in one buffer: a
/// string a word, joined.
fn word_by_word_key(s: &str) -> String {
    let f = crate::text::fold(s);
    let mut out: Vec<String> = Vec::new();
    for (i, w) in f
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let w = w
            .strip_prefix("l'")
            .or_else(|| w.strip_prefix("d'"))
            .unwrap_or(w);
        let article = matches!(
            w,
            "le" | "la" | "les" | "the" | "un" | "une" | "des" | "a" | "an"
        );
        if !w.is_empty() && (i > 0 || !article) {
            out.push(w.trim_matches('\'').to_string());
        }
    }
    out.join(" ")
}

proptest::proptest! {
    /// [`name_key`] gives the word-by-word key on any name.
    #[test]
    fn name_key_is_the_word_by_word_key(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "le", "La", "les", "the", "un", "une", "des", "a", "an", "l'", "d'",
                    "'", "''", "-", " ", ",", "Gao", "Ménaka", "Région", "l'Est",
                ]).prop_map(String::from),
                proptest::string::string_regex("\\PC{1,4}").unwrap(),
            ],
            0..8,
        ),
    ) {
        let name = parts.concat();
        proptest::prop_assert_eq!(name_key(&name), word_by_word_key(&name));
    }
}

proptest::proptest! {
    /// [`may_dash`] is true whenever one of its 8 bytes starts a dash.
    #[test]
    fn may_dash_sees_every_dash(b in proptest::collection::vec(
        proptest::prop_oneof![proptest::num::u8::ANY, proptest::sample::select(vec![b'-', 0xE2, b' '])],
        8,
    )) {
        let any = b.iter().any(|&x| x == b'-' || x == 0xE2);
        proptest::prop_assert_eq!(may_dash(&b), any);
    }

    /// Datelines end at the first dash between spaces within 80 bytes.
    #[test]
    fn dateline_ends_at_the_first_dash(parts in proptest::collection::vec(
        proptest::sample::select(vec!["Gao", " ", "-", " - ", " – ", " — ", "’", "(AFP)", "é", "x"]),
        0..40,
    )) {
        let text = parts.concat();
        let mut doc = Document::new("t", &text);
        doc.sentences = vec![crate::document::Sentence { start: 0, end: text.len() }];
        let mut end = 80.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text.as_bytes()[..end];
        let want = (0..head.len()).find(|&i| {
            head[i] == b' ' && [" - ", " – ", " — "].iter().any(|d| head[i..].starts_with(d.as_bytes()))
        });
        proptest::prop_assert_eq!(dateline_end(&doc, 0), want);
    }
}

/// A place the victims were taken to in a sentence without claims is no more
/// precise main place (its sentence is pruned only when that place is looked for).
#[rstest]
#[case::taken_to("Les rescapés ont été évacués vers Djenné.", "Mopti")]
#[case::passed_by("Le convoi était passé par Djenné.", "Djenné")]
fn places_taken_to_are_no_main_place(#[case] middle: &str, #[case] place: &str) {
    let text = format!(
        "Dix soldats ont été tués dans la région de Mopti. {middle} Trois civils ont aussi été tués."
    );
    let f = Fx::new(Lang::Fr, &text)
        .n("Dix", 10.0)
        .n("Trois", 3.0)
        .p("Mopti", "region", "ML", None)
        .p("Djenné", "locality", "ML", Some("Mopti"));
    let claims = f.claims();
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claims[1].place.as_deref(), Some(place), "{claims:#?}");
}
