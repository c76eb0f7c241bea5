//! Table-driven tests of the dates stage: wire-style sentences in French and English, each
//! with its document date and the expected ISO-TimeML value.

use super::*;
use crate::document::{Anchor, DocDate, Document, Lang};
use crate::sentences::Splitter;
use rstest::rstest;

fn doc(lang: &str, date: &str, text: &str) -> Document {
    let mut d = Document::new("t", text);
    d.doc_date = DocDate::parse(date);
    d.lang = Lang::from_code(lang);
    d.sentences = Splitter::default().split(&d);
    d
}

fn dates(lang: &str, date: &str, text: &str) -> Vec<DateMention> {
    extract(&doc(lang, date, text))
}

fn show(ms: &[DateMention]) -> String {
    ms.iter()
        .map(|m| format!("{:?}={}", m.span.text, m.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A mention over (or inside) `key` has `value`.
fn assert_has(lang: &str, date: &str, text: &str, key: &str, value: &str) {
    let ms = dates(lang, date, text);
    for m in &ms {
        assert_eq!(&text[m.span.start..m.span.end], m.span.text);
    }
    assert!(
        ms.iter().any(
            |m| (m.span.text.contains(key) || key.contains(m.span.text.as_str()))
                && !m.span.text.is_empty()
                && m.value == value
        ),
        "{text:?} (doc {date}): expected {key:?} = {value}, got [{}]",
        show(&ms)
    );
}

#[rstest]
// ---- French: absolute dates
#[case::fr_full_date(
    "fr",
    "2019-11-05",
    "L'attaque a eu lieu le 1er novembre 2019 à Indelimane.",
    "1er novembre 2019",
    "2019-11-01"
)]
#[case::fr_weekday_full(
    "fr",
    "2019-11",
    "L'armée a été attaquée vendredi 1er novembre à Indelimane.",
    "vendredi 1er novembre",
    "2019-11-01"
)]
#[case::fr_yearless_past(
    "fr",
    "2019-11",
    "Quarante soldats avaient été tués le 30 septembre à Boulkessy.",
    "le 30 septembre",
    "2019-09-30"
)]
#[case::fr_first_october(
    "fr",
    "2019-11",
    "Une autre attaque a eu lieu le 1er octobre à Mondoro.",
    "le 1er octobre",
    "2019-10-01"
)]
#[case::fr_near_future(
    "fr",
    "2019-11-05",
    "Le sommet se tiendra le 2 décembre à Niamey.",
    "le 2 décembre",
    "2019-12-02"
)]
#[case::fr_december_in_january(
    "fr",
    "2020-01-15",
    "Les combats ont repris en décembre dans la région de Mopti.",
    "décembre",
    "2019-12"
)]
#[case::fr_january_in_december(
    "fr",
    "2019-12-20",
    "Le scrutin est fixé au 5 janvier.",
    "5 janvier",
    "2020-01-05"
)]
#[case::fr_numeric_paren(
    "fr",
    "2019-12-11",
    "L'attaque de mardi (10.12.19) a fait 71 morts.",
    "10.12.19",
    "2019-12-10"
)]
#[case::fr_numeric_slash(
    "fr",
    "2019-12-12",
    "Publié le 11/12/2019 à 19:56 par la rédaction.",
    "11/12/2019",
    "2019-12-11"
)]
#[case::fr_numeric_time(
    "fr",
    "2019-12-12",
    "Publié le 11/12/2019 à 19:56 par la rédaction.",
    "19:56",
    "2019-12-11T19:56"
)]
#[case::fr_numeric_dots(
    "fr",
    "2019-12-12",
    "Mis à jour le 10.12.2019 dans la matinée.",
    "10.12.2019",
    "2019-12-10"
)]
#[case::fr_iso(
    "fr",
    "2019-12-12",
    "Communiqué daté 2019-12-10, signé par le ministre.",
    "2019-12-10",
    "2019-12-10"
)]
#[case::fr_month_year(
    "fr",
    "2019-11",
    "L'intervention a été lancée en janvier 2013 à l'initiative de la France.",
    "janvier 2013",
    "2013-01"
)]
#[case::fr_year_en(
    "fr",
    "2019-11",
    "Le camp avait été établi en 2018 avec l'aide de la MINUSMA.",
    "2018",
    "2018"
)]
#[case::fr_year_depuis(
    "fr",
    "2019-11",
    "Le pays est en proie aux violences depuis 2015.",
    "2015",
    "2015"
)]
#[case::fr_end_year(
    "fr",
    "2019-11",
    "Les attaques se sont multipliées fin 2019 dans le centre.",
    "fin 2019",
    "2019"
)]
#[case::fr_start_year(
    "fr",
    "2019-11",
    "Le retrait est prévu début 2020, selon Paris.",
    "début 2020",
    "2020"
)]
#[case::fr_mid_month(
    "fr",
    "2019-11-20",
    "Les renforts sont arrivés à la mi-novembre à Ménaka.",
    "mi-novembre",
    "2019-11"
)]
#[case::fr_end_month(
    "fr",
    "2019-11-20",
    "Le convoi a été attaqué fin septembre près de Gao.",
    "fin septembre",
    "2019-09"
)]
#[case::fr_start_month(
    "fr",
    "2019-09-14",
    "Les élections auront lieu début octobre.",
    "début octobre",
    "2019-10"
)]
#[case::fr_past_dernier(
    "fr",
    "2019-11-05",
    "Le village avait été attaqué le 6 mai dernier.",
    "6 mai dernier",
    "2019-05-06"
)]
#[case::fr_december_dernier(
    "fr",
    "2019-02-24",
    "Il avait été enlevé le 20 décembre dernier à Kidal.",
    "20 décembre dernier",
    "2018-12-20"
)]
#[case::fr_prochain(
    "fr",
    "2019-11-05",
    "Le procès s'ouvrira le 13 avril prochain à Bamako.",
    "13 avril prochain",
    "2020-04-13"
)]
#[case::fr_month_dernier(
    "fr",
    "2019-11-05",
    "En juillet dernier, un convoi avait sauté sur une mine.",
    "juillet dernier",
    "2019-07"
)]
#[case::fr_two_digit_year(
    "fr",
    "2019-05-23",
    "Les faits remontent à octobre 98 selon le parquet.",
    "octobre 98",
    "1998-10"
)]
#[case::fr_two_digit_day(
    "fr",
    "2002-01-21",
    "Il a été arrêté le 10 novembre 93 à Mopti.",
    "10 novembre 93",
    "1993-11-10"
)]
#[case::fr_sept_abbrev(
    "fr",
    "2019-11-05",
    "Le rapport, publié le 5 sept. 2019, détaille les exactions.",
    "5 sept. 2019",
    "2019-09-05"
)]
#[case::fr_sept_abbrev_yearless(
    "fr",
    "2019-11-05",
    "Le rapport publié le 5 sept. détaille les exactions.",
    "5 sept.",
    "2019-09-05"
)]
#[case::fr_janv_abbrev(
    "fr",
    "2019-11-05",
    "Une attaque avait visé Sévaré le 12 janv. 2018.",
    "12 janv. 2018",
    "2018-01-12"
)]
#[case::fr_l_annee(
    "fr",
    "2019-05-23",
    "Le projet doit aboutir dans l'année 2021.",
    "2021",
    "2021"
)]
#[case::fr_month_alone(
    "fr",
    "2019-07-24",
    "Les pluies de juillet ont coupé les routes.",
    "juillet",
    "2019-07"
)]
#[case::fr_mois_de(
    "fr",
    "2019-07-24",
    "Les opérations reprendront au mois d'août.",
    "août",
    "2019-08"
)]
#[case::fr_le_premier(
    "fr",
    "2019-11-05",
    "Le 1er novembre, l'armée a abandonné le poste.",
    "1er novembre",
    "2019-11-01"
)]
#[case::fr_weekday_date_year(
    "fr",
    "2019-11-05",
    "Dimanche 3 novembre 2019, une patrouille a sauté sur une mine.",
    "Dimanche 3 novembre 2019",
    "2019-11-03"
)]
#[case::fr_dpre_start(
    "fr",
    "2019-11",
    "Un deuil national de trois jours est décrété à compter du 4 novembre.",
    "compter du 4 novembre",
    "2019-11-04"
)]
#[case::fr_dpre_approx(
    "fr",
    "2019-11",
    "Autour du 10 novembre, Indelimane a été abandonné.",
    "Autour du 10 novembre",
    "2019-11-10"
)]
// ---- French: relative to the document date
#[case::fr_vendredi(
    "fr",
    "2019-11-05",
    "Des hommes armés ont attaqué vendredi le poste de Tabankort.",
    "vendredi",
    "2019-11-01"
)]
#[case::fr_lundi(
    "fr",
    "2019-11-05",
    "Le ministre s'est rendu lundi à Ménaka.",
    "lundi",
    "2019-11-04"
)]
#[case::fr_mardi_same_day(
    "fr",
    "2019-11-05",
    "Le gouvernement a annoncé mardi un deuil national.",
    "mardi",
    "2019-11-05"
)]
#[case::fr_dimanche(
    "fr",
    "2019-11-05",
    "Un véhicule a sauté sur une mine dimanche.",
    "dimanche",
    "2019-11-03"
)]
#[case::fr_mercredi(
    "fr",
    "2019-11-05",
    "Les assaillants ont frappé mercredi à l'aube.",
    "mercredi",
    "2019-10-30"
)]
#[case::fr_jeudi(
    "fr",
    "2019-11-05",
    "Les corps ont été retrouvés jeudi.",
    "jeudi",
    "2019-10-31"
)]
#[case::fr_samedi(
    "fr",
    "2019-11-05",
    "Une embuscade a visé samedi un convoi.",
    "samedi",
    "2019-11-02"
)]
#[case::fr_vendredi_dernier(
    "fr",
    "2019-11-05",
    "Depuis vendredi dernier, la ville est coupée du monde.",
    "vendredi dernier",
    "2019-11-01"
)]
#[case::fr_mardi_dernier(
    "fr",
    "2019-11-05",
    "Mardi dernier, deux soldats ont été tués.",
    "Mardi dernier",
    "2019-10-29"
)]
#[case::fr_lundi_prochain(
    "fr",
    "2019-11-05",
    "Les pourparlers reprendront lundi prochain à Alger.",
    "lundi prochain",
    "2019-11-11"
)]
#[case::fr_ce_dimanche(
    "fr",
    "2019-11-05",
    "Le président s'exprimera ce dimanche à la télévision.",
    "ce dimanche",
    "2019-11-10"
)]
#[case::fr_future_cue(
    "fr",
    "2019-11-05",
    "Le ministre doit se rendre jeudi à Gao.",
    "jeudi",
    "2019-11-07"
)]
#[case::fr_hier(
    "fr",
    "2019-11-05",
    "Deux soldats ont été tués hier dans une embuscade.",
    "hier",
    "2019-11-04"
)]
#[case::fr_avant_hier(
    "fr",
    "2019-11-05",
    "L'attaque d'avant-hier a fait dix morts.",
    "avant-hier",
    "2019-11-03"
)]
#[case::fr_aujourdhui(
    "fr",
    "2019-11-05",
    "Aujourd'hui, la situation est calme à Mopti.",
    "Aujourd'hui",
    "2019-11-05"
)]
#[case::fr_demain(
    "fr",
    "2019-11-05",
    "Les obsèques auront lieu demain à Bamako.",
    "demain",
    "2019-11-06"
)]
#[case::fr_hier_soir(
    "fr",
    "2019-11-05",
    "Le couvre-feu a été levé hier soir.",
    "hier soir",
    "2019-11-04TEV"
)]
#[case::fr_mardi_soir(
    "fr",
    "2019-11-07",
    "Une explosion a été entendue mardi soir à Gao.",
    "mardi soir",
    "2019-11-05TEV"
)]
#[case::fr_lundi_matin(
    "fr",
    "2019-11-05",
    "Le camp a été attaqué lundi matin par des jihadistes.",
    "lundi matin",
    "2019-11-04TMO"
)]
#[case::fr_dimanche_apres_midi(
    "fr",
    "2019-11-05",
    "Les renforts sont arrivés dimanche après-midi.",
    "dimanche après-midi",
    "2019-11-03TAF"
)]
#[case::fr_ce_matin(
    "fr",
    "2019-11-05",
    "Le Premier ministre a annoncé ce matin sa démission.",
    "ce matin",
    "2019-11-05TMO"
)]
#[case::fr_cette_nuit(
    "fr",
    "2019-11-05",
    "Des tirs ont retenti cette nuit à Kidal.",
    "cette nuit",
    "2019-11-05TNI"
)]
#[case::fr_ce_soir(
    "fr",
    "2019-11-05",
    "Le bilan sera publié ce soir.",
    "ce soir",
    "2019-11-05TEV"
)]
#[case::fr_nuit_weekdays(
    "fr",
    "2019-11-05",
    "Dans la nuit de samedi à dimanche, le camp a été pilonné.",
    "nuit de samedi",
    "2019-11-02TNI"
)]
#[case::fr_nuit_days(
    "fr",
    "2019-11-05",
    "Dans la nuit du 2 au 3 novembre, le camp a été pilonné.",
    "nuit du 2 au 3 novembre",
    "2019-11-02TNI"
)]
#[case::fr_semaine_derniere(
    "fr",
    "2019-11-05",
    "La semaine dernière, cinq civils ont été tués.",
    "La semaine dernière",
    "2019-W44"
)]
#[case::fr_cette_semaine(
    "fr",
    "2019-11-05",
    "Cette semaine, l'armée a mené des frappes.",
    "Cette semaine",
    "2019-W45"
)]
#[case::fr_semaine_prochaine(
    "fr",
    "2019-11-05",
    "Une mission se rendra à Kidal la semaine prochaine.",
    "la semaine prochaine",
    "2019-W46"
)]
#[case::fr_mois_dernier(
    "fr",
    "2019-11-05",
    "Le mois dernier, l'ONU a dénoncé ces exactions.",
    "Le mois dernier",
    "2019-10"
)]
#[case::fr_ce_mois_ci(
    "fr",
    "2019-11-05",
    "Ce mois-ci, trois attaques ont visé l'armée.",
    "Ce mois-ci",
    "2019-11"
)]
#[case::fr_annee_derniere(
    "fr",
    "2019-11-05",
    "L'année dernière, plus de 500 civils ont été tués.",
    "L'année dernière",
    "2018"
)]
#[case::fr_an_dernier(
    "fr",
    "2019-11-05",
    "Comme l'an dernier, la saison des pluies a été meurtrière.",
    "l'an dernier",
    "2018"
)]
#[case::fr_cette_annee(
    "fr",
    "2019-11-05",
    "Cette année, les attaques ont doublé.",
    "Cette année",
    "2019"
)]
#[case::fr_annee_prochaine(
    "fr",
    "2019-11-05",
    "Les élections sont reportées à l'année prochaine.",
    "l'année prochaine",
    "2020"
)]
#[case::fr_fin_annee_derniere(
    "fr",
    "2019-11-05",
    "La route a été refaite à la fin de l'année dernière.",
    "fin de l'année dernière",
    "2018"
)]
#[case::fr_il_y_a_ans(
    "fr",
    "2019-11-05",
    "Il y a deux ans, le même camp avait été attaqué.",
    "Il y a deux ans",
    "2017"
)]
#[case::fr_il_y_a_jours(
    "fr",
    "2019-11-05",
    "Il a été enlevé il y a trois jours près de Gao.",
    "il y a trois jours",
    "2019-11-02"
)]
#[case::fr_il_y_a_un_an(
    "fr",
    "2019-11-05",
    "Il y a un an, la ville tombait aux mains des jihadistes.",
    "Il y a un an",
    "2018"
)]
#[case::fr_il_y_a_mois(
    "fr",
    "2019-11-05",
    "Il y a six mois, un accord avait été signé.",
    "Il y a six mois",
    "2019-05"
)]
#[case::fr_il_y_a_semaines(
    "fr",
    "2019-11-05",
    "Il y a deux semaines, un convoi était attaqué.",
    "Il y a deux semaines",
    "2019-W43"
)]
#[case::fr_ce_week_end(
    "fr",
    "2019-11-05",
    "Ce week-end, des affrontements ont opposé deux communautés.",
    "Ce week-end",
    "2019-W44-WE"
)]
#[case::fr_juin_prochain(
    "fr",
    "1999-05-23",
    "Le chantier débutera en juin prochain.",
    "juin prochain",
    "1999-06"
)]
#[case::fr_aujourdhui_vendredi(
    "fr",
    "1999-07-09",
    "La décision a été prise aujourd'hui vendredi.",
    "aujourd'hui vendredi",
    "1999-07-09"
)]
// ---- French: relative to the event
#[case::fr_lendemain(
    "fr",
    "2019-11-10",
    "Le 3 novembre, un camp a été attaqué. Le lendemain, l'armée a repris la ville.",
    "Le lendemain",
    "2019-11-04"
)]
#[case::fr_veille(
    "fr",
    "2019-11-10",
    "Le 3 novembre, un camp a été attaqué. La veille, des renforts étaient arrivés.",
    "La veille",
    "2019-11-02"
)]
#[case::fr_surlendemain(
    "fr",
    "2019-11-10",
    "Le 3 novembre, un camp a été attaqué. Le surlendemain, le bilan est monté à 40 morts.",
    "Le surlendemain",
    "2019-11-05"
)]
#[case::fr_jours_plus_tard(
    "fr",
    "2019-11-10",
    "Le 3 novembre, un camp a été attaqué. Deux jours plus tard, il était abandonné.",
    "Deux jours plus tard",
    "2019-11-05"
)]
#[case::fr_semaines_plus_tot(
    "fr",
    "2019-11-10",
    "Le 3 novembre, un camp a été attaqué. Trois semaines plus tôt, un convoi avait sauté.",
    "Trois semaines plus tôt",
    "2019-10-13"
)]
#[case::fr_lendemain_matin(
    "fr",
    "2019-11-10",
    "Le 3 novembre, un camp a été attaqué. Le lendemain matin, les renforts arrivaient.",
    "Le lendemain matin",
    "2019-11-04TMO"
)]
#[case::fr_lendemain_hier(
    "fr",
    "2019-11-05",
    "Le camp a été attaqué hier. Le lendemain, l'armée a riposté.",
    "Le lendemain",
    "2019-11-05"
)]
#[case::fr_lendemain_unknown(
    "fr",
    "",
    "Le camp est attaqué par les djihadistes. Le lendemain, l'armée revoit le bilan.",
    "Le lendemain",
    "XXXX-XX-XX"
)]
#[case::fr_meme_jour(
    "fr",
    "2019-11-10",
    "Le 3 novembre, un camp a été attaqué. Le même jour, un autre poste tombait.",
    "Le même jour",
    "2019-11-03"
)]
// ---- French: intervals
#[case::fr_month_range(
    "fr",
    "2019-11",
    "Le nord était tombé en mars-avril 2012 aux mains des jihadistes.",
    "mars-avril 2012",
    "2012-03/2012-04"
)]
#[case::fr_day_range(
    "fr",
    "2019-11-10",
    "Des opérations ont été menées du 4 au 6 novembre dans le Liptako.",
    "du 4 au 6 novembre",
    "2019-11-04/2019-11-06"
)]
#[case::fr_year_range(
    "fr",
    "2019-11",
    "Entre 2012 et 2013, le nord a été occupé.",
    "Entre 2012 et 2013",
    "2012/2013"
)]
#[case::fr_de_mars_a_avril(
    "fr",
    "2019-11",
    "De mars à avril 2012, les rebelles ont pris Gao.",
    "De mars à avril 2012",
    "2012-03/2012-04"
)]
#[case::fr_range_across_months(
    "fr",
    "2019-11-10",
    "La mission a duré du 28 octobre au 2 novembre.",
    "du 28 octobre au 2 novembre",
    "2019-10-28/2019-11-02"
)]
#[case::fr_range_weekdays(
    "fr",
    "2019-10-27",
    "Le forum se tient du lundi 21 au vendredi 25 octobre à Niamey.",
    "du lundi 21 au vendredi 25 octobre",
    "2019-10-21/2019-10-25"
)]
#[case::fr_year_dash(
    "fr",
    "2019-11",
    "La campagne 2014-2015 a été marquée par la sécheresse.",
    "2014-2015",
    "2014/2015"
)]
#[case::fr_entre_le_et_le(
    "fr",
    "2019-11-10",
    "Entre le 4 et le 6 novembre, l'armée a ratissé la zone.",
    "Entre le 4 et le 6 novembre",
    "2019-11-04/2019-11-06"
)]
#[case::fr_pair_first(
    "fr",
    "2003-02-24",
    "Les élections auront lieu les 6 et 13 avril prochains.",
    "les 6",
    "2003-04-06"
)]
#[case::fr_pair_second(
    "fr",
    "2003-02-24",
    "Les élections auront lieu les 6 et 13 avril prochains.",
    "13 avril prochains",
    "2003-04-13"
)]
#[case::fr_day_dash_range(
    "fr",
    "2019-11-10",
    "Les combats des 4-6 novembre ont fait 30 morts.",
    "4-6 novembre",
    "2019-11-04/2019-11-06"
)]
// ---- French: times and parts of day
#[case::fr_vers_06h00(
    "fr",
    "2019-11-05",
    "L'attaque a commencé vers 06h00 (06h00 GMT).",
    "vers 06h00",
    "2019-11-05T06:00"
)]
#[case::fr_environs_13h(
    "fr",
    "2019-11-05",
    "Les tirs ont cessé aux environs de 13H00.",
    "13H00",
    "2019-11-05T13:00"
)]
#[case::fr_a_5_heures(
    "fr",
    "2019-11-05",
    "Les assaillants sont arrivés à 5 heures à moto.",
    "5 heures",
    "2019-11-05T05:00"
)]
#[case::fr_19h30(
    "fr",
    "2019-11-05",
    "Le couvre-feu commence à 19h30.",
    "19h30",
    "2019-11-05T19:30"
)]
#[case::fr_time_after_hier(
    "fr",
    "2019-11-05",
    "Un homme a été blessé hier, vers 21 h 45, à Gao.",
    "21 h 45",
    "2019-11-04T21:45"
)]
#[case::fr_time_after_weekday(
    "fr",
    "1999-05-20",
    "Il a été secouru mardi vers 21 h 45.",
    "21 h 45",
    "1999-05-18T21:45"
)]
#[case::fr_heures_du_soir(
    "fr",
    "2019-11-05",
    "L'explosion a eu lieu à 10 heures du soir.",
    "10 heures du soir",
    "2019-11-05T22:00"
)]
#[case::fr_tot_le_matin(
    "fr",
    "2019-11-05",
    "Hier, tôt le matin, des tirs ont été entendus.",
    "tôt le matin",
    "2019-11-04TMO"
)]
#[case::fr_fin_apres_midi(
    "fr",
    "2019-11-05",
    "Hier, les renforts sont arrivés en fin d'après-midi.",
    "fin d'après-midi",
    "2019-11-04TAF"
)]
#[case::fr_dans_la_nuit(
    "fr",
    "2019-11-05",
    "Dimanche, le camp a été attaqué dans la nuit.",
    "la nuit",
    "2019-11-03TNI"
)]
#[case::fr_a_midi(
    "fr",
    "2019-11-05",
    "Les combats ont commencé hier à midi.",
    "midi",
    "2019-11-04T12:00"
)]
#[case::fr_peu_avant_midi(
    "fr",
    "",
    "Les combats débutent peu avant midi par des tirs de mortier.",
    "peu avant midi",
    "XXXX-XX-XXT12:00"
)]
#[case::fr_fin_apres_midi_unknown(
    "fr",
    "",
    "Les renforts arrivent en fin d'après-midi.",
    "fin d'après-midi",
    "XXXX-XX-XXTAF"
)]
#[case::fr_soir_du_combat(
    "fr",
    "",
    "Le soir du combat, le ministre annonce un bilan.",
    "Le soir",
    "XXXX-XX-XXTEV"
)]
#[case::fr_minuit(
    "fr",
    "2019-11-05",
    "Le couvre-feu court jusqu'à minuit.",
    "minuit",
    "2019-11-05T00:00"
)]
#[case::fr_la_soiree(
    "fr",
    "2002-02-09",
    "Hier, l'incident a eu lieu dans la soirée.",
    "la soirée",
    "2002-02-08TEV"
)]
// ---- French: durations
#[case::fr_trois_jours(
    "fr",
    "2019-11",
    "Le président décrète trois jours de deuil national.",
    "trois jours",
    "P3D"
)]
#[case::fr_demi_heure(
    "fr",
    "2019-11-05",
    "Les combats ont duré une demi-heure.",
    "une demi-heure",
    "PT30M"
)]
#[case::fr_48_heures(
    "fr",
    "2019-11-05",
    "Un couvre-feu de 48 heures a été instauré.",
    "48 heures",
    "PT48H"
)]
#[case::fr_deux_semaines(
    "fr",
    "2019-11-05",
    "Les soldats ont été retenus pendant deux semaines.",
    "deux semaines",
    "P2W"
)]
#[case::fr_six_mois(
    "fr",
    "2019-11-05",
    "L'état d'urgence est prolongé de six mois.",
    "six mois",
    "P6M"
)]
#[case::fr_dix_ans(
    "fr",
    "2019-11-05",
    "Le conflit dure depuis dix ans.",
    "dix ans",
    "P10Y"
)]
#[case::fr_plusieurs_annees(
    "fr",
    "2019-11",
    "L'armée subit l'une de ses plus lourdes pertes depuis plusieurs années.",
    "plusieurs années",
    "PXY"
)]
#[case::fr_ces_derniers_jours(
    "fr",
    "2019-11-05",
    "Ces derniers jours, les attaques se sont multipliées.",
    "Ces derniers jours",
    "PXD"
)]
#[case::fr_quelques_mois(
    "fr",
    "2019-11-05",
    "Il y a quelques mois, la ville était calme.",
    "quelques mois",
    "PXM"
)]
#[case::fr_des_semaines(
    "fr",
    "2019-11-05",
    "Les négociations durent depuis des semaines.",
    "des semaines",
    "PXW"
)]
#[case::fr_heure_et_demie(
    "fr",
    "2019-11-05",
    "L'assaut a duré une heure et demie.",
    "une heure et demie",
    "PT1H30M"
)]
#[case::fr_30_minutes(
    "fr",
    "2019-11-05",
    "Les tirs ont duré 30 minutes.",
    "30 minutes",
    "PT30M"
)]
#[case::fr_quart_de_siecle(
    "fr",
    "2019-11-05",
    "Un conflit vieux d'un quart de siècle.",
    "un quart de siècle",
    "P25Y"
)]
#[case::fr_trois_derniers_jours(
    "fr",
    "2019-11-05",
    "Ces trois derniers jours, dix soldats ont été tués.",
    "trois derniers jours",
    "P3D"
)]
#[case::fr_prochains_jours(
    "fr",
    "2019-11-05",
    "Des renforts sont attendus dans les prochains jours.",
    "les prochains jours",
    "FUTURE_REF"
)]
#[case::fr_quinze_minutes(
    "fr",
    "2019-11-05",
    "Quinze minutes plus tard, l'hélicoptère décollait.",
    "Quinze minutes",
    "PT15M"
)]
#[case::fr_48h("fr", "2019-11-05", "Un ultimatum de 48h a été lancé.", "48h", "PT48H")]
#[case::fr_secondes(
    "fr",
    "1999-05-17",
    "Il a couru en 30,4 secondes.",
    "30,4 secondes",
    "PT30.4S"
)]
#[case::fr_environ_une_heure(
    "fr",
    "1999-05-22",
    "L'opération a duré environ une heure.",
    "une heure",
    "PT1H"
)]
#[case::fr_plus_de_dix_ans(
    "fr",
    "2019-11-05",
    "Le pays est en guerre depuis plus de 10 ans.",
    "10 ans",
    "P10Y"
)]
// ---- French: references, sets, seasons, decades
#[case::fr_actuellement(
    "fr",
    "2019-11-05",
    "Les blessés sont actuellement soignés à Gao.",
    "actuellement",
    "PRESENT_REF"
)]
#[case::fr_recemment(
    "fr",
    "2019-11-05",
    "Le village a récemment été attaqué.",
    "récemment",
    "PAST_REF"
)]
#[case::fr_desormais(
    "fr",
    "2019-11-05",
    "La zone est désormais contrôlée par l'armée.",
    "désormais",
    "PRESENT_REF"
)]
#[case::fr_chaque_jour(
    "fr",
    "2019-11-05",
    "Des civils fuient chaque jour vers le Niger.",
    "chaque jour",
    "P1D"
)]
#[case::fr_tous_les_vendredis(
    "fr",
    "2019-11-05",
    "Le marché se tient tous les vendredis.",
    "tous les vendredis",
    "XXXX-WXX-5"
)]
#[case::fr_chaque_annee(
    "fr",
    "2019-11-05",
    "Chaque année, la soudure frappe le Sahel.",
    "Chaque année",
    "P1Y"
)]
#[case::fr_ete_dernier(
    "fr",
    "2019-11-05",
    "L'été dernier, les crues ont détruit des villages.",
    "été dernier",
    "2019-SU"
)]
#[case::fr_hiver_annee(
    "fr",
    "2019-11-05",
    "L'offensive de l'hiver 2018 a échoué.",
    "hiver 2018",
    "2018-WI"
)]
#[case::fr_au_printemps(
    "fr",
    "2019-11-05",
    "Au printemps, les éleveurs partent vers le sud.",
    "printemps",
    "2019-SP"
)]
#[case::fr_cet_ete(
    "fr",
    "2019-11-05",
    "Cet été, la saison des pluies a été courte.",
    "Cet été",
    "2019-SU"
)]
#[case::fr_annees_1990(
    "fr",
    "2019-11-05",
    "La rébellion des années 1990 a marqué le nord.",
    "années 1990",
    "199"
)]
#[case::fr_annees_90(
    "fr",
    "2019-11-05",
    "Dans les années 90, la paix était revenue.",
    "années 90",
    "199"
)]
// ---- French: documents without a date, and month-dated documents
#[case::fr_nodate_day(
    "fr",
    "",
    "Le 5 novembre, l'armée abandonne le camp d'Andéramboukane.",
    "Le 5 novembre",
    "XXXX-11-05"
)]
#[case::fr_nodate_hier("fr", "", "Le camp a été attaqué hier.", "hier", "XXXX-XX-XX")]
#[case::fr_nodate_weekday("fr", "", "Le camp a été attaqué vendredi.", "vendredi", "XXXX-WXX-5")]
#[case::fr_nodate_month("fr", "", "Les combats ont repris en mars.", "mars", "XXXX-03")]
#[case::fr_nodate_annee_derniere(
    "fr",
    "",
    "L'année dernière, la ville était calme.",
    "L'année dernière",
    "XXXX"
)]
#[case::fr_nodate_fin_2019(
    "fr",
    "",
    "La multiplication des attaques fin 2019 a créé des tensions.",
    "fin 2019",
    "2019"
)]
#[case::fr_month_doc_weekday(
    "fr",
    "2019-11",
    "L'armée malienne a essuyé vendredi une lourde perte.",
    "vendredi",
    "2019-11"
)]
#[case::fr_month_doc_hier("fr", "2019-11", "Le camp a été attaqué hier.", "hier", "2019-11")]
#[case::fr_month_doc_weekday_evening(
    "fr",
    "2019-11",
    "Le ministre a annoncé le bilan vendredi soir sur Twitter.",
    "vendredi soir",
    "2019-11-XXTEV"
)]
#[case::en_month_doc_weekday_morning(
    "en",
    "2019-11",
    "Gunmen attacked the village on Tuesday morning, officials said.",
    "Tuesday morning",
    "2019-11-XXTMO"
)]
#[case::fr_month_doc_weekday_given(
    "fr",
    "2019-11",
    "L'attaque de vendredi a fait 53 morts. Elle a eu lieu vendredi 1er novembre.",
    "vendredi",
    "2019-11-01"
)]
#[case::fr_month_doc_decembre(
    "fr",
    "2020-01",
    "En décembre, dix soldats ont été tués.",
    "décembre",
    "2019-12"
)]
#[case::fr_season_years_first(
    "fr",
    "2002-09-10",
    "Pour cette saison 2002/2003, le club recrute.",
    "2002",
    "2002"
)]
#[case::fr_season_years_second(
    "fr",
    "2002-09-10",
    "Pour cette saison 2002/2003, le club recrute.",
    "2003",
    "2003"
)]
#[case::fr_des_derniers_mois(
    "fr",
    "2019-11-05",
    "Au cours des derniers mois, les attaques ont doublé.",
    "des derniers mois",
    "PXM"
)]
#[case::fr_statement_day_not_event("fr", "2020-01-10", "Des soldats ont été tués jeudi, a annoncé vendredi le gouvernement. L'attaque a commencé vers 14h00.", "vers 14h00", "2020-01-09T14:00")]
#[case::en_statement_day_not_event("en", "2019-12-11", "Militants killed 71 soldiers on Tuesday, the army said on Wednesday. The assault began at 7 p.m.", "7 p.m", "2019-12-10T19:00")]
#[case::fr_time_gmt_paren(
    "fr",
    "2020-01-10",
    "L'attaque, jeudi vers 14h00 (13h00 GMT), a duré trois heures.",
    "13h00 GMT",
    "2020-01-09T13:00"
)]
#[case::fr_age_noun_kept_duration(
    "fr",
    "2003-02-24",
    "Au terme de trois ans de tractations, l'accord a été signé.",
    "trois ans",
    "P3Y"
)]
#[case::en_week_earlier(
    "en",
    "2019-11-10",
    "A camp was attacked on November 3. A week earlier, a convoy hit a mine.",
    "A week earlier",
    "2019-10-27"
)]
#[case::en_last_weekend(
    "en",
    "2019-11-05",
    "Clashes broke out last weekend in Mopti.",
    "last weekend",
    "2019-W44-WE"
)]
#[case::en_earlier_this_month(
    "en",
    "2019-11-20",
    "Earlier this month, 13 French soldiers died.",
    "this month",
    "2019-11"
)]
#[case::en_year_before_noun(
    "en",
    "2019-11-05",
    "The 2015 peace deal has largely failed.",
    "2015",
    "2015"
)]
#[case::fr_debut_annee(
    "fr",
    "2019-11-05",
    "Depuis le début de l'année, 500 civils ont été tués.",
    "début de l'année",
    "2019"
)]
#[case::fr_distance_hours_is_duration(
    "fr",
    "2019-11-05",
    "Le village se trouve à 5 heures de Gao.",
    "5 heures",
    "PT5H"
)]
#[case::fr_a_l_aube(
    "fr",
    "2019-11-05",
    "Dimanche, les jihadistes ont attaqué à l'aube.",
    "l'aube",
    "2019-11-03TMO"
)]
#[case::en_at_dawn(
    "en",
    "2019-11-05",
    "On Sunday, jihadists attacked at dawn.",
    "dawn",
    "2019-11-03TMO"
)]
#[case::fr_dernierement(
    "fr",
    "2019-11-05",
    "Le village a été dernièrement attaqué.",
    "dernièrement",
    "PAST_REF"
)]
#[case::en_over_the_weekend(
    "en",
    "2019-11-05",
    "Clashes broke out over the weekend in Mopti.",
    "the weekend",
    "2019-W44-WE"
)]
#[case::fr_pendant_le_week_end(
    "fr",
    "2019-11-05",
    "Des affrontements ont eu lieu pendant le week-end.",
    "week-end",
    "2019-W44-WE"
)]
#[case::fr_time_then_hier(
    "fr",
    "2003-02-23",
    "L'accident s'est produit vers 15 h 30, hier, sur la RN 83.",
    "vers 15 h 30, hier",
    "2003-02-22T15:30"
)]
#[case::fr_deuxieme_quatrieme_jeudis(
    "fr",
    "2002-09-10",
    "Le club se réunit les deuxième et quatrième jeudis du mois.",
    "jeudis",
    "XXXX-WXX-4"
)]
#[case::fr_dateline_weekday(
    "fr",
    "2019-11",
    "BAMAKO, 2 nov 2019 (AFP) - L'EI a revendiqué samedi l'attaque de vendredi.",
    "vendredi",
    "2019-11-01"
)]
#[case::fr_dateline_same_day(
    "fr",
    "2019-11",
    "BAMAKO, 2 nov 2019 (AFP) - L'EI a revendiqué samedi l'attaque de vendredi.",
    "samedi",
    "2019-11-02"
)]
#[case::fr_a_partir_de_lundi(
    "fr",
    "2019-11-02",
    "Un deuil national a été décrété à partir de lundi.",
    "lundi",
    "2019-11-04"
)]
#[case::en_dateline(
    "en",
    "2019-11",
    "BAMAKO, Nov 2 (Reuters) - Fifty-three soldiers were killed on Friday.",
    "Friday",
    "2019-11-01"
)]
#[case::fr_date_au_soir(
    "fr",
    "2019-11-05",
    "Samedi 2 novembre au soir, le camp a été attaqué.",
    "Samedi 2 novembre au soir",
    "2019-11-02TEV"
)]
#[case::fr_date_dans_la_nuit(
    "fr",
    "2019-11-05",
    "Le 2 novembre dans la nuit, des tirs ont éclaté.",
    "2 novembre dans la nuit",
    "2019-11-02TNI"
)]
#[case::en_past_24_hours(
    "en",
    "2019-11-05",
    "Twelve people died in the past 24 hours.",
    "the past 24 hours",
    "PT24H"
)]
#[case::en_decade_ago(
    "en",
    "2019-11-05",
    "A decade ago, the north fell.",
    "A decade ago",
    "200"
)]
#[case::en_end_of_the_year(
    "en",
    "2019-11-05",
    "Troops will leave by the end of the year.",
    "end of the year",
    "2019"
)]
#[case::fr_prison_sentence(
    "fr",
    "2019-11-05",
    "Il a été condamné à une peine de 10 ans de prison.",
    "10 ans",
    "P10Y"
)]
#[case::fr_soir_du_date(
    "fr",
    "2019-11-10",
    "Le soir du 5 novembre, le camp a été attaqué.",
    "Le soir du 5 novembre",
    "2019-11-05TEV"
)]
#[case::fr_matin_de_weekday(
    "fr",
    "2019-11-05",
    "Le matin de dimanche, des tirs ont éclaté.",
    "Le matin de dimanche",
    "2019-11-03TMO"
)]
#[case::fr_weekday_day_no_month(
    "fr",
    "2019-11-10",
    "Vendredi 8, les renforts sont arrivés.",
    "Vendredi 8",
    "2019-11-08"
)]
#[case::en_morning_of(
    "en",
    "2019-11-10",
    "On the morning of November 5, gunmen struck.",
    "morning of November 5",
    "2019-11-05TMO"
)]
#[case::fr_fin_debut_months(
    "fr",
    "2019-11-20",
    "Les combats de fin octobre-début novembre ont fait 100 morts.",
    "fin octobre-début novembre",
    "2019-10/2019-11"
)]
#[case::fr_nuit_derniere(
    "fr",
    "2019-11-05",
    "Des tirs ont retenti la nuit dernière à Gao.",
    "la nuit dernière",
    "2019-11-04TNI"
)]
#[case::en_a_day_earlier(
    "en",
    "2019-11-10",
    "A camp was attacked on November 3. A day earlier, a convoy was hit.",
    "A day earlier",
    "2019-11-02"
)]
// ---- English: absolute
#[case::en_mdy(
    "en",
    "2019-11-05",
    "Gunmen attacked the camp on November 1, 2019, officials said.",
    "November 1, 2019",
    "2019-11-01"
)]
#[case::en_dmy(
    "en",
    "2019-11-05",
    "The attack took place on 1 November 2019 near Indelimane.",
    "1 November 2019",
    "2019-11-01"
)]
#[case::en_abbrev(
    "en",
    "2019-11-05",
    "The army said on Nov. 1 that 53 soldiers died.",
    "Nov. 1",
    "2019-11-01"
)]
#[case::en_sept_abbrev(
    "en",
    "2019-11-05",
    "Forty soldiers were killed on Sept. 30 in Boulkessy.",
    "Sept. 30",
    "2019-09-30"
)]
#[case::en_month_year(
    "en",
    "2019-11-05",
    "France intervened in January 2013 to halt the advance.",
    "January 2013",
    "2013-01"
)]
#[case::en_late_year(
    "en",
    "2019-11-05",
    "Attacks surged in late 2019 across the centre.",
    "late 2019",
    "2019"
)]
#[case::en_early_year(
    "en",
    "2019-11-05",
    "The withdrawal is planned for early 2020.",
    "early 2020",
    "2020"
)]
#[case::en_mid_month(
    "en",
    "2019-11-20",
    "Reinforcements arrived in mid-November.",
    "mid-November",
    "2019-11"
)]
#[case::en_in_year(
    "en",
    "2019-11-05",
    "The camp was set up in 2018 with UN help.",
    "2018",
    "2018"
)]
#[case::en_since_year(
    "en",
    "2019-11-05",
    "The country has been hit by violence since 2015.",
    "2015",
    "2015"
)]
#[case::en_in_july(
    "en",
    "2019-11-05",
    "A convoy was ambushed in July near Gao.",
    "July",
    "2019-07"
)]
#[case::en_in_may(
    "en",
    "2019-11-05",
    "Elections were held in May despite the violence.",
    "May",
    "2019-05"
)]
#[case::en_last_march(
    "en",
    "2019-11-05",
    "The deal signed last March has collapsed.",
    "last March",
    "2019-03"
)]
#[case::en_weekday_date(
    "en",
    "2019-11-05",
    "On Friday, Nov. 1, militants stormed the base.",
    "Friday, Nov. 1",
    "2019-11-01"
)]
#[case::en_ordinal_of(
    "en",
    "2019-11-05",
    "The vote is set for the 5th of May 2020.",
    "5th of May 2020",
    "2020-05-05"
)]
#[case::en_numeric_us(
    "en",
    "2019-11-15",
    "Posted 11/12/2019 by the newsroom.",
    "11/12/2019",
    "2019-11-12"
)]
#[case::en_iso(
    "en",
    "2019-11-15",
    "Report dated 2019-11-05, signed by the minister.",
    "2019-11-05",
    "2019-11-05"
)]
#[case::en_yearless_december(
    "en",
    "2020-01-15",
    "Fighting resumed on December 20 in Mopti region.",
    "December 20",
    "2019-12-20"
)]
// ---- English: relative to the document date
#[case::en_friday(
    "en",
    "2019-11-05",
    "Gunmen attacked a military post on Friday, the army said.",
    "Friday",
    "2019-11-01"
)]
#[case::en_friday_night(
    "en",
    "2019-11-05",
    "The blast was heard Friday night in Gao.",
    "Friday night",
    "2019-11-01TNI"
)]
#[case::en_last_week(
    "en",
    "2019-11-05",
    "Five civilians were killed last week.",
    "last week",
    "2019-W44"
)]
#[case::en_yesterday(
    "en",
    "2019-11-05",
    "Two soldiers were killed yesterday in an ambush.",
    "yesterday",
    "2019-11-04"
)]
#[case::en_today(
    "en",
    "2019-11-05",
    "The minister said today that talks would resume.",
    "today",
    "2019-11-05"
)]
#[case::en_tomorrow(
    "en",
    "2019-11-05",
    "The funeral will be held tomorrow in Bamako.",
    "tomorrow",
    "2019-11-06"
)]
#[case::en_last_friday(
    "en",
    "2019-11-05",
    "Since last Friday the town has been cut off.",
    "last Friday",
    "2019-11-01"
)]
#[case::en_next_monday(
    "en",
    "2019-11-05",
    "Talks resume next Monday in Algiers.",
    "next Monday",
    "2019-11-11"
)]
#[case::en_will_thursday(
    "en",
    "2019-11-05",
    "The minister will travel to Gao on Thursday.",
    "Thursday",
    "2019-11-07"
)]
#[case::en_this_week(
    "en",
    "2019-11-05",
    "This week the army carried out air strikes.",
    "This week",
    "2019-W45"
)]
#[case::en_last_month(
    "en",
    "2019-11-05",
    "Last month the UN condemned the killings.",
    "Last month",
    "2019-10"
)]
#[case::en_last_year(
    "en",
    "2019-11-05",
    "More than 500 civilians were killed last year.",
    "last year",
    "2018"
)]
#[case::en_this_year(
    "en",
    "2019-11-05",
    "Attacks have doubled this year.",
    "this year",
    "2019"
)]
#[case::en_two_years_ago(
    "en",
    "2019-11-05",
    "Two years ago the same camp was attacked.",
    "Two years ago",
    "2017"
)]
#[case::en_three_days_ago(
    "en",
    "2019-11-05",
    "He was abducted three days ago near Gao.",
    "three days ago",
    "2019-11-02"
)]
#[case::en_a_year_ago(
    "en",
    "2019-11-05",
    "A year ago the town fell to jihadists.",
    "A year ago",
    "2018"
)]
#[case::en_this_morning(
    "en",
    "2019-11-05",
    "The prime minister resigned this morning.",
    "this morning",
    "2019-11-05TMO"
)]
#[case::en_tonight(
    "en",
    "2019-11-05",
    "A curfew starts tonight in Kidal.",
    "tonight",
    "2019-11-05TNI"
)]
#[case::en_last_night(
    "en",
    "2019-11-05",
    "Gunfire rang out last night in Kidal.",
    "last night",
    "2019-11-04TNI"
)]
#[case::en_monday_morning(
    "en",
    "2019-11-05",
    "The camp was attacked Monday morning by jihadists.",
    "Monday morning",
    "2019-11-04TMO"
)]
#[case::en_last_summer(
    "en",
    "2019-11-05",
    "Floods destroyed villages last summer.",
    "last summer",
    "2019-SU"
)]
// ---- English: relative to the event
#[case::en_next_day(
    "en",
    "2019-11-10",
    "A camp was attacked on November 3. The next day, the army retook the town.",
    "The next day",
    "2019-11-04"
)]
#[case::en_following_day(
    "en",
    "2019-11-10",
    "A camp was attacked on November 3. The following day, troops withdrew.",
    "The following day",
    "2019-11-04"
)]
#[case::en_day_before(
    "en",
    "2019-11-10",
    "A camp was attacked on November 3. The day before, reinforcements had arrived.",
    "The day before",
    "2019-11-02"
)]
#[case::en_two_days_later(
    "en",
    "2019-11-10",
    "A camp was attacked on November 3. Two days later, it was abandoned.",
    "Two days later",
    "2019-11-05"
)]
#[case::en_weeks_earlier(
    "en",
    "2019-11-10",
    "A camp was attacked on November 3. Three weeks earlier, a convoy hit a mine.",
    "Three weeks earlier",
    "2019-10-13"
)]
#[case::en_next_day_unknown(
    "en",
    "",
    "The camp was overrun by jihadists. The next day, the army revised the toll.",
    "The next day",
    "XXXX-XX-XX"
)]
// ---- English: intervals
#[case::en_from_march_to_april(
    "en",
    "2019-11-05",
    "From March to April 2012, rebels seized the north.",
    "From March to April 2012",
    "2012-03/2012-04"
)]
#[case::en_between_years(
    "en",
    "2019-11-05",
    "Between 2012 and 2013 the north was occupied.",
    "Between 2012 and 2013",
    "2012/2013"
)]
#[case::en_md_dash(
    "en",
    "2019-11-10",
    "Operations ran Nov. 4-6 in the Liptako region.",
    "Nov. 4-6",
    "2019-11-04/2019-11-06"
)]
#[case::en_from_to_days(
    "en",
    "2019-11-10",
    "Operations ran from 4 to 6 November in Liptako.",
    "4 to 6 November",
    "2019-11-04/2019-11-06"
)]
#[case::en_month_dash(
    "en",
    "2019-11-05",
    "The north fell in March-April 2012.",
    "March-April 2012",
    "2012-03/2012-04"
)]
#[case::en_between_days(
    "en",
    "2019-11-10",
    "Between November 4 and 6, troops combed the area.",
    "Between November 4 and 6",
    "2019-11-04/2019-11-06"
)]
// ---- English: times and parts of day
#[case::en_around_6am(
    "en",
    "2019-11-05",
    "The attack began at around 6 am local time.",
    "6 am",
    "2019-11-05T06:00"
)]
#[case::en_630am(
    "en",
    "2019-11-05",
    "Shooting started at 6:30 a.m. near the base.",
    "6:30 a.m.",
    "2019-11-05T06:30"
)]
#[case::en_3pm(
    "en",
    "2019-11-05",
    "The curfew begins at 3 pm.",
    "3 pm",
    "2019-11-05T15:00"
)]
#[case::en_gmt(
    "en",
    "2019-11-05",
    "The blast occurred at 0600 GMT on Tuesday.",
    "0600 GMT",
    "2019-11-05T06:00"
)]
#[case::en_noon(
    "en",
    "2019-11-05",
    "Fighting started yesterday at noon.",
    "noon",
    "2019-11-04T12:00"
)]
#[case::en_in_the_morning(
    "en",
    "2019-11-05",
    "On Sunday, the camp was attacked in the morning.",
    "the morning",
    "2019-11-03TMO"
)]
#[case::en_late_at_night(
    "en",
    "2019-11-05",
    "On Sunday, gunmen struck late at night.",
    "night",
    "2019-11-03TNI"
)]
#[case::en_colon_time(
    "en",
    "2019-11-05",
    "The statement was issued at 19:30 GMT.",
    "19:30",
    "2019-11-05T19:30"
)]
// ---- English: durations, references, sets, decades
#[case::en_three_days(
    "en",
    "2019-11-05",
    "The president declared three days of national mourning.",
    "three days",
    "P3D"
)]
#[case::en_half_hour(
    "en",
    "2019-11-05",
    "The fighting lasted half an hour.",
    "half an hour",
    "PT30M"
)]
#[case::en_48_hours(
    "en",
    "2019-11-05",
    "A 48 hours curfew was imposed.",
    "48 hours",
    "PT48H"
)]
#[case::en_two_weeks(
    "en",
    "2019-11-05",
    "The soldiers were held for two weeks.",
    "two weeks",
    "P2W"
)]
#[case::en_three_day(
    "en",
    "2019-11-05",
    "A three-day mourning period was declared.",
    "three-day",
    "P3D"
)]
#[case::en_several_years(
    "en",
    "2019-11-05",
    "It was the army's worst loss in several years.",
    "several years",
    "PXY"
)]
#[case::en_recent_days(
    "en",
    "2019-11-05",
    "Attacks have multiplied in recent days.",
    "recent days",
    "PXD"
)]
#[case::en_past_three_days(
    "en",
    "2019-11-05",
    "Ten soldiers died in the past three days.",
    "the past three days",
    "P3D"
)]
#[case::en_for_years(
    "en",
    "2019-11-05",
    "The region has been unstable for years.",
    "for years",
    "PXY"
)]
#[case::en_a_week(
    "en",
    "2019-11-05",
    "The town was besieged for a week.",
    "a week",
    "P1W"
)]
#[case::en_six_months(
    "en",
    "2019-11-05",
    "The state of emergency was extended by six months.",
    "six months",
    "P6M"
)]
#[case::en_past_week(
    "en",
    "2019-11-05",
    "Dozens were killed over the past week.",
    "the past week",
    "P1W"
)]
#[case::en_currently(
    "en",
    "2019-11-05",
    "The wounded are currently treated in Gao.",
    "currently",
    "PRESENT_REF"
)]
#[case::en_recently(
    "en",
    "2019-11-05",
    "The village was recently attacked.",
    "recently",
    "PAST_REF"
)]
#[case::en_every_day(
    "en",
    "2019-11-05",
    "Civilians flee every day to Niger.",
    "every day",
    "P1D"
)]
#[case::en_every_friday(
    "en",
    "2019-11-05",
    "The market is held every Friday.",
    "every Friday",
    "XXXX-WXX-5"
)]
#[case::en_on_fridays(
    "en",
    "2019-11-05",
    "The market is held on Fridays.",
    "Fridays",
    "XXXX-WXX-5"
)]
#[case::en_1990s(
    "en",
    "2019-11-05",
    "The rebellion of the 1990s scarred the north.",
    "1990s",
    "199"
)]
#[case::en_spring_of(
    "en",
    "2019-11-05",
    "The offensive in the spring of 2018 failed.",
    "spring of 2018",
    "2018-SP"
)]
#[case::en_nodate_day(
    "en",
    "",
    "On November 5, the army abandoned the camp.",
    "November 5",
    "XXXX-11-05"
)]
#[case::en_month_doc_friday(
    "en",
    "2019-11",
    "Mali's army suffered on Friday one of its worst losses.",
    "Friday",
    "2019-11"
)]
fn finds(
    #[case] lang: &str,
    #[case] date: &str,
    #[case] text: &str,
    #[case] key: &str,
    #[case] value: &str,
) {
    assert_has(lang, date, text, key, value);
}

#[rstest]
#[case::fr_citation("fr", "Le camp a été attaqué par les djihadistes[4].")]
#[case::fr_rpg7("fr", "Les assaillants étaient armés de RPG7 et de mitrailleuses.")]
#[case::fr_g5("fr", "La force conjointe du G5 Sahel a été déployée.")]
#[case::fr_4x4("fr", "Ils circulaient à bord de 4X4 lourdement armés.")]
#[case::fr_count("fr", "L'attaque a coûté la vie à 53 soldats et un civil.")]
#[case::fr_count_2000("fr", "Plus de 2000 personnes ont fui les combats.")]
#[case::fr_count_before("fr", "On compte près de 1500 déplacés dans la région.")]
#[case::fr_km("fr", "Le camp est situé à 1500 km de Bamako.")]
#[case::fr_phone("fr", "Contact : +223 76 20 19 83 ou 20.22.19.83.")]
#[case::fr_url("fr", "Source : https://www.example.com/2019/11/05/mali-attaque.html")]
#[case::fr_lost_date("fr", "Le , le camp militaire d'Indelimane est attaqué.")]
#[case::fr_lost_date2("fr", "L'attaque d'Indelimane a lieu le pendant la guerre du Mali.")]
#[case::fr_un_jour("fr", "Un jour, la paix reviendra au Sahel.")]
#[case::fr_ete_participle("fr", "Le camp a été attaqué et il a été repris.")]
#[case::fr_sept_number("fr", "Sept soldats ont été tués et sept autres blessés.")]
#[case::fr_age("fr", "Un homme de 38 ans a été arrêté.")]
#[case::fr_age_apposition("fr", "Le conducteur, Florian Durand, 26 ans, a été blessé.")]
#[case::fr_midi_in_apres_midi_word("fr", "Un tir d'obus de 120 mm a touché le camp.")]
#[case::en_may_verb("en", "The army may send reinforcements to the area.")]
#[case::en_march_verb("en", "Protesters plan to March on the capital.")]
#[case::en_people("en", "Some 2000 people fled the fighting.")]
#[case::en_comma_thousands("en", "More than 2,000 people fled the fighting.")]
#[case::en_one_day("en", "One day, peace will return to the Sahel.")]
#[case::en_age("en", "A 38-year-old man was arrested.")]
#[case::en_age_old("en", "The victim, 38 years old, was a teacher.")]
#[case::en_citation("en", "The camp was attacked by jihadists[4].")]
#[case::fr_mirage("fr", "Deux Mirage 2000 ont frappé les positions jihadistes.")]
#[case::en_resolution("en", "The UN adopted Resolution 2085 on Mali.")]
#[case::en_a_second("en", "He was re-elected for a second term.")]
#[case::fr_une_seconde("fr", "Une seconde attaque a visé le camp.")]
#[case::fr_age_after_noun_phrase("fr", "Un chauffeur de bus de 38 ans a été pris à partie.")]
#[case::fr_age_demonym("fr", "Une Alsacienne de 6 ans se noie.")]
#[case::fr_veille_de("fr", "Le Premier ministre s'est exprimé à la veille du sommet.")]
#[case::en_eve_of("en", "Troops deployed on the eve of the vote.")]
#[case::en_his_90s("en", "The former president, in his 90s, lives in Bamako.")]
#[case::fr_decree_number("fr", "Le décret n°2019 du ministre a été publié.")]
#[case::fr_url_path("fr", "Le lien www.exemple.ml/2019/11/ ne répond plus.")]
#[case::fr_round_the_clock("fr", "Le dispensaire est ouvert 24h/24.")]
#[case::en_a_day_after("en", "The attack came a day after the summit was announced.")]
#[case::en_percent("en", "Turnout rose by 2019% in the count.")]
fn finds_no_date(#[case] lang: &str, #[case] text: &str) {
    let ms = dates(lang, "2019-11-05", text);
    assert!(
        ms.is_empty(),
        "{text:?}: expected nothing, got [{}]",
        show(&ms)
    );
}

#[rstest]
#[case::fr_fin("fr", "Les attaques se sont multipliées fin 2019.", "2019", "END")]
#[case::fr_debut("fr", "Le retrait est prévu début 2020.", "2020", "START")]
#[case::fr_mi("fr", "Les renforts sont arrivés mi-novembre.", "2019-11", "MID")]
#[case::fr_peu_avant(
    "fr",
    "Les combats débutent peu avant midi.",
    "2019-11-05T12:00",
    "BEFORE"
)]
#[case::fr_vers("fr", "L'attaque a commencé vers 06h00.", "2019-11-05T06:00", "APPROX")]
#[case::fr_autour(
    "fr",
    "Autour du 10 novembre, la ville est abandonnée.",
    "2019-11-10",
    "APPROX"
)]
#[case::fr_compter(
    "fr",
    "Un deuil est décrété à compter du 4 novembre.",
    "2019-11-04",
    "START"
)]
#[case::en_late("en", "Attacks surged in late 2019.", "2019", "END")]
#[case::en_early("en", "The pullout is planned for early 2020.", "2020", "START")]
#[case::en_around("en", "The attack began at around 6 am.", "2019-11-05T06:00", "APPROX")]
fn sets_the_modifier(
    #[case] lang: &str,
    #[case] text: &str,
    #[case] value: &str,
    #[case] modifier: &str,
) {
    let ms = dates(lang, "2019-11-05", text);
    assert!(
        ms.iter()
            .any(|m| m.value == value && m.modifier.as_deref() == Some(modifier)),
        "{text:?}: expected {value} {modifier}, got {:?}",
        ms.iter()
            .map(|m| (m.value.clone(), m.modifier.clone()))
            .collect::<Vec<_>>()
    );
}

#[rstest]
#[case::absolute("1er novembre 2019", "2019-11-05", Anchor::Absolute, "day")]
#[case::document("hier", "2019-11-05", Anchor::Document, "day")]
#[case::month("en janvier", "2019-11-05", Anchor::Document, "month")]
#[case::duration("trois jours", "2019-11-05", Anchor::None, "duration")]
#[case::year("en 2018", "2019-11-05", Anchor::Absolute, "year")]
#[case::time("à 19h30", "2019-11-05", Anchor::Document, "minute")]
#[case::interval("du 4 au 6 novembre", "2019-11-05", Anchor::Document, "interval")]
#[case::no_doc_date("le 5 novembre", "", Anchor::None, "day")]
fn records_anchor_and_grain(
    #[case] text: &str,
    #[case] date: &str,
    #[case] anchor: Anchor,
    #[case] grain: &str,
) {
    let full = format!("L'armée a annoncé {text} un bilan.");
    let ms = dates("fr", date, &full);
    assert_eq!(ms.len(), 1, "{}", show(&ms));
    assert_eq!(ms[0].anchor, anchor);
    assert_eq!(ms[0].grain, grain);
}

#[test]
fn event_anchor_is_recorded() {
    let ms = dates(
        "fr",
        "2019-11-10",
        "Le 3 novembre, un camp a été attaqué. Le lendemain, l'armée a riposté.",
    );
    let l = ms.iter().find(|m| m.span.text == "Le lendemain").unwrap();
    assert_eq!(l.anchor, Anchor::Event);
    assert_eq!(l.value, "2019-11-04");
}

#[test]
fn interval_is_one_mention() {
    let ms = dates(
        "fr",
        "2019-10-27",
        "Le forum se tient du lundi 21 au vendredi 25 octobre à Niamey.",
    );
    assert_eq!(ms.len(), 1, "{}", show(&ms));
}

#[test]
fn document_prefix_offsets() {
    let text = " date 2019-11 L'armée a été attaquée vendredi à Indelimane.";
    let mut d = doc("fr", "", text);
    d.body_start = " date 2019-11 ".len();
    d.doc_date = DocDate::parse("2019-11");
    let ms = extract(&d);
    assert_eq!(ms.len(), 1);
    assert_eq!(&text[ms[0].span.start..ms[0].span.end], "vendredi");
    assert_eq!(ms[0].value, "2019-11");
}

#[test]
fn main_event_date_prefers_the_lead() {
    let d = doc(
        "fr",
        "2019-11-05",
        "Des jihadistes ont attaqué vendredi un camp à Indelimane. Le 30 septembre, quarante soldats avaient été tués. Le 30 septembre reste dans les mémoires.",
    );
    let ms = extract(&d);
    assert_eq!(main_event_date(&d, &ms).as_deref(), Some("2019-11-01"));
}

#[test]
fn main_event_date_month_only() {
    let d = doc(
        "fr",
        "2019-11",
        "L'armée malienne a essuyé vendredi une de ses plus grosses pertes. Quarante soldats avaient été tués le 30 septembre.",
    );
    let ms = extract(&d);
    assert_eq!(main_event_date(&d, &ms).as_deref(), Some("2019-11"));
}

#[test]
fn main_event_date_falls_back_to_the_most_frequent_day() {
    let d = doc(
        "en",
        "2019-11-05",
        "The army said more troops were sent. Officials met in Bamako. The attack took place on November 3. A second attack on November 1 was repelled. The November 3 attack killed 20.",
    );
    let ms = extract(&d);
    assert_eq!(main_event_date(&d, &ms).as_deref(), Some("2019-11-03"));
}

#[test]
fn main_event_date_none() {
    let d = doc(
        "en",
        "2019-11-05",
        "The army said more troops were sent for three days.",
    );
    let ms = extract(&d);
    assert_eq!(main_event_date(&d, &ms), None);
}

#[test]
fn pick_year_past_bias() {
    let doc = DocDate::parse("2019-11").unwrap();
    assert_eq!(pick_year(doc, 9, Some(30), 0), 2019);
    assert_eq!(pick_year(doc, 12, None, 0), 2019);
    let jan = DocDate::parse("2020-01").unwrap();
    assert_eq!(pick_year(jan, 12, None, 0), 2019);
    assert_eq!(pick_year(jan, 7, Some(1), 0), 2019);
    assert_eq!(pick_year(jan, 3, Some(1), 0), 2020);
}

#[test]
fn never_panics_on_odd_input() {
    let odd = [
        "",
        " ",
        "é",
        "le 31 février 2019",
        "le 99 novembre",
        "du 30 au 2",
        "à 25h99",
        "il y a 99999999999999999999 ans",
        "12/13/2019 et 32/01/2019",
        "vers 24 h, minuit, midi-minuit",
        "Le lendemain du lendemain de la veille",
        "l’été 2019 — « mi‑novembre » ‘hier’",
        "\u{202F}le\u{00A0}5\u{00A0}novembre\u{202F}2019",
        "ﬁn 2019 ﬀ 𝟚𝟘𝟙𝟡 ٢٠١٩",
        "2019-02-30 et 2019-13-01",
        "the 0th of May, May 0, 0 am, 13 pm",
        "9999-99-99 0000",
        "nuit du au",
        "entre 2013 et 2012, de 2020 à 2010",
        "voir\u{3000}/2019/\u{2028}2019/2020\u{3000}a/b/2019",
        "Le\u{3000}5\u{3000}novembre\u{2028}2019/",
    ];
    for lang in ["fr", "en"] {
        for date in ["", "2019-11", "2019-11-05", "0001-01-01", "9999-12-31"] {
            for t in odd {
                for m in dates(lang, date, t) {
                    assert_eq!(&t[m.span.start..m.span.end], m.span.text);
                    assert!(!m.value.is_empty());
                }
            }
        }
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn spans_are_exact(s in "[0-9a-zàéèûô '’.,/:()hH-]{0,80}", en in any::<bool>()) {
            let lang = if en { "en" } else { "fr" };
            for m in dates(lang, "2019-11-05", &s) {
                prop_assert_eq!(&s[m.span.start..m.span.end], m.span.text.as_str());
            }
        }

        #[test]
        fn any_text_is_fine(s in "\\PC{0,120}") {
            let _ = dates("fr", "2019-11", &s);
            let _ = dates("en", "", &s);
        }
    }
}
