use super::*;
use crate::document::{Anchor, DateMention, DateType};
use crate::sentences::Splitter;
use rstest::rstest;

fn doc(lang: Lang, text: &str) -> Document {
    let mut d = Document::new("t", text);
    d.lang = Some(lang);
    d.lang_confidence = 1.0;
    d.sentences = Splitter::default().split(&d);
    d
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Compact form of a mention: `53:soldats` when exact, else
/// `value[min,max]` (`_` for an open side), `~` when approximate, `:unit`.
fn fmt(m: &NumberMention) -> String {
    let side = |v: Option<f64>| v.map_or("_".to_string(), num);
    let exact = !m.approx && m.min == Some(m.value) && m.max == Some(m.value);
    let mut s = if exact {
        num(m.value)
    } else {
        format!(
            "{}[{},{}]{}",
            num(m.value),
            side(m.min),
            side(m.max),
            if m.approx { "~" } else { "" }
        )
    };
    if let Some(u) = &m.unit {
        s.push(':');
        s.push_str(u);
    }
    s
}

fn run_with(lang: Lang, text: &str, dates: &[DateMention]) -> Vec<NumberMention> {
    let d = doc(lang, text);
    let found = find_numbers(&d, dates);
    for m in &found {
        assert_eq!(
            &d.text[m.span.start..m.span.end],
            m.span.text,
            "offsets of {m:?}"
        );
    }
    found
}

fn run(lang: Lang, text: &str) -> String {
    run_with(lang, text, &[])
        .iter()
        .map(fmt)
        .collect::<Vec<_>>()
        .join(" | ")
}

use Lang::{En, Fr};

#[rstest]
// --- digits and separators
#[case::fr_plain("L'attaque a fait 53 morts.", "53:morts")]
#[case::fr_space_thousands("Près de 4 000 personnes ont fui.", "4000[3600,4000]~:personnes")]
#[case::fr_nbsp_thousands(
    "Quelque 5\u{a0}000 déplacés sont arrivés.",
    "5000[4500,5500]~:déplacés"
)]
#[case::fr_narrow_nbsp("Au total, 12\u{202f}500 réfugiés ont été recensés.", "12500:réfugiés")]
#[case::fr_dot_thousands("Plus de 4.000 civils ont fui les combats.", "4000[4001,_]:civils")]
#[case::fr_million_decimal("Le pays compte 1,8 million de déplacés.", "1800000:déplacés")]
#[case::fr_millions(
    "Quelque 2 millions de personnes ont besoin d'aide.",
    "2000000[1800000,2200000]~:personnes"
)]
#[case::fr_milliard(
    "Le budget atteint 1,5 milliard de francs CFA.",
    "1500000000:francs CFA"
)]
#[case::fr_million_range_words(
    "Entre 1 et 2 millions de personnes sont touchées.",
    "1500000[1000000,2000000]:personnes"
)]
#[case::fr_big_group("Le HCR recense 1 200 000 déplacés.", "1200000:déplacés")]
#[case::fr_decimal_km("Le convoi a parcouru 2,5 kilomètres.", "2.5:kilomètres")]
#[case::fr_glued_km("L'embuscade a eu lieu à 50km de Gao.", "50:km")]
#[case::fr_comma_thousands("Les autorités ont recensé 4,500 déplacés.", "4500:déplacés")]
// --- spelled numbers
#[case::fr_quarante_start("Quarante soldats avaient été tués.", "40:soldats")]
#[case::fr_cinquante_trois("Cinquante-trois soldats ont péri.", "53:soldats")]
#[case::fr_soixante_et_onze("Soixante et onze personnes ont été libérées.", "71:personnes")]
#[case::fr_quatre_vingt_dix_neuf("Le bilan s'élève à quatre-vingt-dix-neuf morts.", "99:morts")]
#[case::fr_deux_cents("Deux cents villageois ont fui.", "200:villageois")]
#[case::fr_mille("Mille soldats ont été déployés.", "1000:soldats")]
#[case::fr_septante("Septante soldats suisses sont arrivés.", "70:soldats")]
#[case::fr_nonante("Nonante-deux personnes ont été évacuées.", "92:personnes")]
#[case::fr_huitante("Huitante villageois ont été déplacés.", "80:villageois")]
#[case::fr_vingt_et_un("Vingt et un militaires ont été tués.", "21:militaires")]
#[case::fr_deux_mille("Deux mille cinq cents réfugiés sont arrivés.", "2500:réfugiés")]
#[case::fr_dix_rescapes("Il a fait état de dix rescapés.", "10:rescapés")]
#[case::fr_deux_millions("Deux millions de personnes ont fui.", "2000000:personnes")]
#[case::fr_un_million("Un million de déplacés vivent dans les camps.", "1000000:déplacés")]
#[case::fr_trois_jours("Le président a décrété trois jours de deuil.", "3:jours")]
#[case::fr_dix_sept("Dix-sept soldats ont été blessés.", "17:soldats")]
// --- approximations
#[case::fr_dizaine("Une dizaine d'assaillants ont été tués.", "10[8,12]~:assaillants")]
#[case::fr_douzaine("Une douzaine de soldats sont portés disparus.", "12[10,14]~:soldats")]
#[case::fr_quinzaine("Une quinzaine de civils ont été enlevés.", "15[12,18]~:civils")]
#[case::fr_vingtaine("Une vingtaine de rescapés ont été retrouvés.", "20[15,25]~:rescapés")]
#[case::fr_trentaine(
    "Une trentaine de jihadistes ont attaqué le poste.",
    "30[25,35]~:jihadistes"
)]
#[case::fr_quarantaine("Une quarantaine de motos ont été saisies.", "40[35,45]~:motos")]
#[case::fr_cinquantaine(
    "Une cinquantaine de villageois ont été tués.",
    "50[45,55]~:villageois"
)]
#[case::fr_soixantaine("Une soixantaine de personnes ont péri.", "60[55,65]~:personnes")]
#[case::fr_centaine(
    "Une centaine d'hommes ont pris part au combat.",
    "100[80,120]~:hommes"
)]
#[case::fr_millier("Un millier de personnes ont manifesté.", "1000[800,1200]~:personnes")]
#[case::fr_des_dizaines("Des dizaines de civils ont été tués.", "20[20,99]~:civils")]
#[case::fr_plusieurs_dizaines(
    "Plusieurs dizaines de soldats ont été blessés.",
    "20[20,99]~:soldats"
)]
#[case::fr_des_centaines("Ces conflits ont fait des centaines de morts.", "200[200,999]~:morts")]
#[case::fr_plusieurs_centaines(
    "Plusieurs centaines de réfugiés sont arrivés.",
    "200[200,999]~:réfugiés"
)]
#[case::fr_des_milliers("Des milliers de personnes ont fui.", "2000[2000,9999]~:personnes")]
#[case::fr_des_millions(
    "Des millions de personnes ont besoin d'aide.",
    "2000000[2000000,9999999]~:personnes"
)]
#[case::fr_deux_a_trois_mille("Deux à trois mille personnes ont fui.", "2500[2000,3000]:personnes")]
#[case::fr_dizaines_de_milliers(
    "Des dizaines de milliers de personnes ont fui.",
    "20000[20000,99999]~:personnes"
)]
#[case::fr_centaines_de_milliers(
    "Des centaines de milliers de déplacés.",
    "200000[200000,999999]~:déplacés"
)]
#[case::fr_une_bonne_trentaine(
    "Une bonne trentaine de véhicules ont été détruits.",
    "30[25,35]~:véhicules"
)]
#[case::fr_environ("Environ 15 soldats ont été tués.", "15[14,17]~:soldats")]
#[case::fr_d_environ("Un bilan d'environ 50 morts a été avancé.", "50[45,55]~:morts")]
#[case::fr_quelque(
    "Quelque 40 assaillants ont été neutralisés.",
    "40[36,44]~:assaillants"
)]
#[case::fr_pres_de("Près de 4.000 personnes ont fui.", "4000[3600,4000]~:personnes")]
#[case::fr_pres_d_une_centaine("Près d'une centaine de morts.", "100[80,100]~:morts")]
#[case::fr_environ_une_centaine("Environ une centaine de soldats.", "100[80,120]~:soldats")]
#[case::fr_presque("Presque 200 maisons ont brûlé.", "200[180,200]~:maisons")]
#[case::fr_a_peu_pres("À peu près 30 personnes ont été arrêtées.", "30[27,33]~:personnes")]
// --- bounds
#[case::fr_au_moins("Au moins 50 soldats ont été tués.", "50[50,_]:soldats")]
#[case::fr_plus_de("Plus de 60 civils ont péri.", "60[61,_]:civils")]
#[case::fr_plus_d_une_centaine("Plus d'une centaine de jihadistes.", "100[100,_]~:jihadistes")]
#[case::fr_plus_d_un_millier("Plus d'un millier de personnes ont fui.", "1000[1000,_]~:personnes")]
#[case::fr_moins_de("Moins de 10 soldats ont survécu.", "10[_,9]:soldats")]
#[case::fr_jusqu_a("Jusqu'à 30 personnes ont été enlevées.", "30[_,30]:personnes")]
#[case::fr_au_moins_une_vingtaine("Au moins une vingtaine de morts.", "20[20,_]~:morts")]
#[case::fr_pas_moins_de("Pas moins de 300 familles ont fui.", "300[300,_]:familles")]
#[case::fr_un_peu_plus_de("Un peu plus de 100 élèves ont été libérés.", "100[101,_]:élèves")]
#[case::fr_au_maximum("Au maximum 20 soldats étaient présents.", "20[_,20]:soldats")]
#[case::fr_au_moins_un("Au moins un soldat a été tué.", "1[1,_]:soldat")]
#[case::fr_moins_de_km(
    "L'attaque a eu lieu à moins de 10 kilomètres de Gao.",
    "10[_,9]:kilomètres"
)]
// --- ranges
#[case::fr_range_a("Le bilan est de 30 à 32 morts.", "31[30,32]:morts")]
#[case::fr_range_entre("Entre 30 et 32 soldats ont été tués.", "31[30,32]:soldats")]
#[case::fr_range_hyphen("Il y aurait 30-32 morts.", "31[30,32]:morts")]
#[case::fr_range_dash("Il y aurait 30–33 morts.", "31[30,33]:morts")]
#[case::fr_range_words("Deux à trois véhicules ont été détruits.", "2[2,3]:véhicules")]
#[case::fr_range_thousands("Entre 5 000 et 6 000 personnes ont fui.", "5500[5000,6000]:personnes")]
#[case::fr_range_environ("Environ 30 à 40 assaillants.", "35[30,40]~:assaillants")]
#[case::fr_change_not_range("Le bilan est passé de 30 à 40 morts.", "30 | 40:morts")]
#[case::fr_descending_not_range("Ils étaient 40 à 30 km de là.", "40 | 30:km")]
// --- head nouns and « et »
#[case::fr_et_un_civil("La mort de 53 soldats et d'un civil.", "53:soldats | 1:civil")]
#[case::fr_typographic_apostrophe("La mort de 53 soldats et d’un civil.", "53:soldats | 1:civil")]
#[case::fr_jusqu_typographic("Jusqu’à 30 personnes ont été enlevées.", "30[_,30]:personnes")]
#[case::fr_thin_space(
    "Près de 4\u{2009}000 personnes ont fui.",
    "4000[3600,4000]~:personnes"
)]
#[case::fr_environ_25("Environ 25 soldats.", "25[23,28]~:soldats")]
#[case::fr_militaires_et_un_civil(
    "49 militaires et un civil ont été tués.",
    "49:militaires | 1:civil"
)]
#[case::fr_dont_un_civil("Ils ont retrouvé 54 corps dont un civil.", "54:corps | 1:civil")]
#[case::fr_dont_une_femme(
    "Douze otages, dont une femme, ont été libérés.",
    "12:otages | 1:femme"
)]
#[case::fr_deux_listes("Trois morts et cinq blessés ont été recensés.", "3:morts | 5:blessés")]
#[case::fr_un_mort("L'explosion a fait un mort et deux blessés.", "1:mort | 2:blessés")]
#[case::fr_trois_autres_anaphor(
    "Quatre véhicules détruits et trois autres emportés.",
    "4:véhicules | 3:véhicules"
)]
#[case::fr_trois_autres_none("Trois autres ont été arrêtés.", "3")]
#[case::fr_autres_soldats(
    "Deux soldats tués et trois autres soldats blessés.",
    "2:soldats | 3:soldats"
)]
#[case::fr_maliens_adj("53 soldats maliens ont péri.", "53:soldats")]
#[case::fr_casques_bleus("Deux casques bleus ont été tués.", "2:casques bleus")]
#[case::fr_no_head("Le bilan s'élève à 53.", "53")]
#[case::fr_plural_fallback("Les assaillants ont incendié 12 greniers.", "12:greniers")]
#[case::fr_sont_not_head("Deux sont morts sur le coup.", "2")]
#[case::fr_money("L'aide s'élève à 5 millions d'euros.", "5000000:euros")]
#[case::fr_neuf_soldats("Neuf soldats ont été blessés.", "9:soldats")]
#[case::fr_soit("Soit 53 soldats tués.", "53:soldats")]
#[case::fr_les_deux_pays("Les deux pays ont signé un accord.", "2:pays")]
// --- « un/une » that are not quantities
#[case::fr_une_attaque("Une attaque a visé le camp.", "")]
#[case::fr_une_de_ses("L'armée a essuyé une de ses plus grosses pertes.", "")]
#[case::fr_un_vehicule_piege("Un véhicule piégé a explosé.", "")]
#[case::fr_un_camp("Une attaque contre un camp militaire.", "")]
#[case::fr_l_un_des("L'un des soldats a été blessé.", "")]
#[case::fr_un_soldat_tue("Un soldat a été tué dans l'attaque.", "1:soldat")]
#[case::fr_un_soldat_malien_tue(
    "Un soldat malien a été tué et deux autres blessés.",
    "1:soldat | 2:soldat"
)]
#[case::fr_la_mort_d_un("L'explosion a causé la mort d'un gendarme.", "1:gendarme")]
#[case::fr_tuant_un("Ils ont ouvert le feu, tuant un civil.", "1:civil")]
#[case::fr_un_soldat_raconte("Un soldat a raconté l'attaque à l'AFP.", "")]
#[case::fr_un_homme_arme("Un homme armé a ouvert le feu sur la foule.", "")]
#[case::fr_un_camion_neuf("Ils ont acheté un camion neuf.", "")]
#[case::fr_un_rescape_raconte("« Ils étaient armés », a raconté un rescapé.", "")]
#[case::fr_et_un_vehicule("Deux soldats ont été tués et un véhicule incendié.", "2:soldats")]
#[case::fr_et_un_civil_blesse(
    "Deux soldats ont été tués et un civil blessé.",
    "2:soldats | 1:civil"
)]
#[case::fr_demi_douzaine("Une demi-douzaine de soldats ont été blessés.", "6[5,7]~:soldats")]
#[case::fr_la_quarantaine("Ils ont été placés dans la quarantaine sanitaire.", "")]
#[case::fr_deux_centaines_people("Ils ont libéré deux cent trente otages.", "230:otages")]
fn french(#[case] text: &str, #[case] want: &str) {
    assert_eq!(run(Fr, text), want, "{text}");
}

#[rstest]
// --- dates, times and other non-quantities (no dates stage here)
#[case::fr_day_month("Le 30 septembre, quarante soldats ont été tués.", "40:soldats")]
#[case::fr_premier("Le 1er octobre, deux assauts ont eu lieu.", "2:assauts")]
#[case::fr_les_4_et_5("Les 4 et 5 novembre, des combats ont éclaté.", "")]
#[case::fr_du_5_au_6(
    "Dans la nuit du 5 au 6 novembre, 12 soldats ont été tués.",
    "12:soldats"
)]
#[case::fr_month_year("Le nord est tombé en mars-avril 2012.", "")]
#[case::fr_en_year("Le camp avait été établi en 2018.", "")]
#[case::fr_depuis_year("Depuis 2012, le pays est en crise.", "")]
#[case::fr_fin_year("Les attaques fin 2019 ont tendu la situation.", "")]
#[case::fr_de_year("Le coup d'État de 2020 au Mali.", "")]
#[case::fr_janvier_year("Le lancement en janvier 2013 d'une intervention.", "")]
#[case::fr_year_range(
    "La crise de 2012-2013 a fait des milliers de morts.",
    "2000[2000,9999]~:morts"
)]
#[case::fr_year_alone("2019 a été une année meurtrière.", "")]
#[case::fr_year_shaped_count("La mort de 2000 soldats a choqué le pays.", "2000:soldats")]
#[case::fr_decade("Dans les années 90, la rébellion a repris.", "")]
#[case::fr_time_h("L'attaque a commencé à 19h30.", "")]
#[case::fr_time_colon("Le couvre-feu débute à 06:00.", "")]
#[case::fr_time_heures("Les combats ont éclaté vers 5 heures du matin.", "")]
#[case::fr_time_h_spaced("L'assaut a été lancé à 17 h 30.", "")]
#[case::fr_duration_heures("Les combats ont duré 48 heures.", "48:heures")]
#[case::fr_weekday_day("Les faits remontent au mardi 5 novembre.", "")]
#[case::fr_citation("Le camp est attaqué par les djihadistes[4].", "")]
#[case::fr_citations_pair("Une compagnie de 80 soldats[1],[5] défendait le poste.", "80:soldats")]
#[case::fr_rpg7("Les assaillants avaient des RPG7.", "")]
#[case::fr_g5("Le G5 Sahel a réagi.", "")]
#[case::fr_4x4("Ils circulaient en 4X4.", "")]
#[case::fr_b52("Un B-52 a survolé la zone.", "")]
#[case::fr_deuxieme("C'est la deuxième attaque du mois.", "")]
#[case::fr_premier_ministre("Le Premier ministre a réagi.", "")]
#[case::fr_2e("Le 2e bataillon a été déployé.", "")]
#[case::fr_percent("Le taux de participation est de 45 %.", "")]
#[case::fr_pour_cent("La hausse atteint trois pour cent.", "")]
#[case::fr_article("L'article 5 de la Constitution.", "")]
#[case::fr_numero("Le décret n° 2019 a été publié.", "")]
#[case::fr_phone("Appelez le +223 20 22 33 44 pour témoigner.", "")]
#[case::fr_phone_plain("Le numéro vert 80 00 11 22 est ouvert.", "")]
#[case::fr_score("Le Mali a gagné 2-1 contre le Niger.", "")]
#[case::fr_trois_frontieres("Dans la zone des trois frontières, l'armée a riposté.", "")]
#[case::fr_covid("La COVID-19 a frappé le pays.", "")]
#[case::fr_resolution("La résolution 2100 du Conseil de sécurité.", "")]
#[case::fr_ratio("Le service fonctionne 24/24.", "")]
#[case::fr_sept_abbr("Le 30 sept. 2019, 12 soldats ont été tués.", "12:soldats")]
#[case::fr_nuit_du_au("Dans la nuit du 30 au 31, 5 civils ont été tués.", "5:civils")]
#[case::fr_jusqu_au("Le couvre-feu est prolongé jusqu'au 15.", "")]
#[case::fr_france_24("Il a déclaré à France 24 que 12 soldats étaient morts.", "12:soldats")]
#[case::fr_year_things("Les attaques de 2019 ont choqué le pays.", "")]
#[case::fr_numeros("Les numéros 17 et 18 restent joignables.", "")]
#[case::fr_law_code("La loi n°2019-33 a été promulguée.", "")]
#[case::fr_date_iso("Le rapport daté 2019-11-01 est paru.", "")]
#[case::fr_coords("Le village est situé à 14°N.", "")]
#[case::fr_deux_tiers("Les deux tiers du territoire échappent à l'État.", "")]
#[case::fr_bare_decimal("La croissance a atteint 4,5 l'an dernier.", "")]
#[case::fr_entre_heures("Les tirs ont duré entre 10 h et 12 h.", "")]
#[case::fr_numero_deux("Le numéro deux du mouvement a été arrêté.", "")]
#[case::fr_un_sur_cinq("Un enfant sur cinq souffre de malnutrition.", "")]
#[case::fr_trois_sur_quatre("Trois écoles sur quatre sont fermées.", "")]
#[case::fr_sur_km("Des combats ont eu lieu sur 100 km.", "100:km")]
#[case::fr_soldats_sur_km("Ils ont déployé 500 soldats sur 100 km.", "500:soldats | 100:km")]
fn french_exclusions(#[case] text: &str, #[case] want: &str) {
    assert_eq!(run(Fr, text), want, "{text}");
}

#[rstest]
// --- digits and separators
#[case::en_plain("The attack killed 53 soldiers.", "53:soldiers")]
#[case::en_comma_thousands("Some 4,500 people fled.", "4500[4050,4950]~:people")]
#[case::en_dot_thousands("Nearly 4.000 people fled.", "4000[3600,4000]~:people")]
#[case::en_big("The UN counts 1,200,000 displaced people.", "1200000")]
#[case::en_million_decimal(
    "About 1.8 million people need aid.",
    "1800000[1620000,1980000]~:people"
)]
#[case::en_billion("The plan costs 2.35 billion dollars.", "2350000000:dollars")]
#[case::en_million_plain("2 million people are displaced.", "2000000:people")]
#[case::en_space_thousands("More than 5 000 refugees arrived.", "5000[5001,_]:refugees")]
#[case::en_decimal("The convoy was 2.5 km away.", "2.5:km")]
// --- spelled numbers
#[case::en_twenty_one("Twenty-one soldiers were killed.", "21:soldiers")]
#[case::en_forty_start("Forty soldiers died in the raid.", "40:soldiers")]
#[case::en_a_hundred("A hundred villagers fled.", "100:villagers")]
#[case::en_a_thousand("Nearly a thousand people marched.", "1000[900,1000]~:people")]
#[case::en_three_hundred("Three hundred troops were deployed.", "300:troops")]
#[case::en_two_million("Two million people are hungry.", "2000000:people")]
#[case::en_ninety_nine("Ninety-nine hostages were freed.", "99:hostages")]
#[case::en_one_soldier("One soldier was killed.", "1:soldier")]
#[case::en_one_of("One of the soldiers was wounded.", "")]
#[case::en_three_days("The president declared three days of mourning.", "3:days")]
#[case::en_five_thousand("Five thousand people fled.", "5000:people")]
// --- approximations
#[case::en_a_dozen("A dozen soldiers were wounded.", "12[10,14]~:soldiers")]
#[case::en_about_a_dozen("About a dozen civilians died.", "12[10,14]~:civilians")]
#[case::en_more_than_a_dozen("More than a dozen villagers were killed.", "12[12,_]~:villagers")]
#[case::en_dozens("Dozens of civilians were killed.", "20[20,99]~:civilians")]
#[case::en_hundreds("Hundreds of people fled.", "200[200,999]~:people")]
#[case::en_thousands(
    "Thousands of refugees crossed the border.",
    "2000[2000,9999]~:refugees"
)]
#[case::en_tens_of_thousands("Tens of thousands of people fled.", "20000[20000,99999]~:people")]
#[case::en_several_hundred("Several hundred fighters attacked.", "200[200,999]~:fighters")]
#[case::en_a_few_thousand("A few thousand troops remain.", "2000[2000,9999]~:troops")]
#[case::en_a_score_of("A score of gunmen stormed the village.", "20[15,25]~:gunmen")]
#[case::en_two_dozen("Two dozen soldiers were killed.", "24[20,28]~:soldiers")]
#[case::en_millions_of("Millions of people need aid.", "2000000[2000000,9999999]~:people")]
#[case::en_lone_millions("The fund is worth millions.", "")]
#[case::en_about("About 15 soldiers were killed.", "15[14,17]~:soldiers")]
#[case::en_some("Some 40 attackers were killed.", "40[36,44]~:attackers")]
#[case::en_around("Around 200 homes were burned.", "200[180,220]~:homes")]
#[case::en_roughly("Roughly 30 people were arrested.", "30[27,33]~:people")]
#[case::en_nearly("Nearly 4,000 people fled.", "4000[3600,4000]~:people")]
#[case::en_almost("Almost 60 soldiers died.", "60[54,60]~:soldiers")]
#[case::en_an_estimated("An estimated 500 people fled.", "500[450,550]~:people")]
// --- bounds
#[case::en_at_least("At least 50 soldiers were killed.", "50[50,_]:soldiers")]
#[case::en_more_than("More than 60 civilians died.", "60[61,_]:civilians")]
#[case::en_over("Over 100 people were killed.", "100[101,_]:people")]
#[case::en_over_days("Fighting raged over three days.", "3:days")]
#[case::en_fewer_than("Fewer than 10 soldiers survived.", "10[_,9]:soldiers")]
#[case::en_less_than("Less than 20 people remain.", "20[_,19]:people")]
#[case::en_up_to("Up to 30 people were abducted.", "30[_,30]:people")]
#[case::en_as_many_as("As many as 70 troops died.", "70[_,70]:troops")]
#[case::en_at_least_one("At least one civilian was killed.", "1[1,_]:civilian")]
#[case::en_no_fewer_than("No fewer than 300 families fled.", "300[300,_]:families")]
// --- ranges
#[case::en_range_to("Between 30 and 32 soldiers died.", "31[30,32]:soldiers")]
#[case::en_range_to_plain("The toll is 30 to 40 dead.", "35[30,40]:dead")]
#[case::en_range_hyphen("Officials reported 10-15 casualties.", "12[10,15]:casualties")]
#[case::en_range_words("Two to three vehicles were destroyed.", "2[2,3]:vehicles")]
#[case::en_change("The toll rose from 30 to 40 dead.", "30 | 40:dead")]
#[case::en_between_million(
    "Between 1 and 2 million people are affected.",
    "1500000[1000000,2000000]:people"
)]
// --- head nouns and « and »
#[case::en_and_a_civilian(
    "The attack killed 53 soldiers and a civilian.",
    "53:soldiers | 1:civilian"
)]
#[case::en_and_one_civilian("It killed 49 soldiers and one civilian.", "49:soldiers | 1:civilian")]
#[case::en_including_a(
    "Rescuers found 54 bodies including a civilian.",
    "54:bodies | 1:civilian"
)]
#[case::en_malian_soldiers("53 Malian soldiers were killed.", "53:soldiers")]
#[case::en_un_peacekeepers("Three UN peacekeepers died.", "3:peacekeepers")]
#[case::en_three_others(
    "Two soldiers died and three others were hurt.",
    "2:soldiers | 3:soldiers"
)]
#[case::en_other_soldiers("Three other soldiers were wounded.", "3:soldiers")]
#[case::en_no_head("The toll stands at 53.", "53")]
#[case::en_plural_fallback("Gunmen torched 12 granaries.", "12:granaries")]
#[case::en_killing_and_wounding("Killing 12 and wounding 20.", "12 | 20")]
#[case::en_aid_workers("Two aid workers were abducted.", "2:aid workers")]
#[case::en_both("The two countries signed a deal.", "2:countries")]
// --- « a/an » that are not quantities
#[case::en_an_attack("An attack hit the camp.", "")]
#[case::en_a_soldier("A soldier was killed in the attack.", "1:soldier")]
#[case::en_a_soldier_said("A soldier said the camp had fallen.", "")]
#[case::en_death_of_a("The death of a peacekeeper was confirmed.", "1:peacekeeper")]
#[case::en_killing_a("Gunmen opened fire, killing a civilian.", "1:civilian")]
#[case::en_a_car_bomb("A car bomb exploded near a checkpoint.", "")]
#[case::en_no_one("No one was hurt.", "")]
#[case::en_one_attack("In one attack, rebels burned the camp.", "")]
#[case::en_and_a_vehicle("Two soldiers died and a vehicle was burned.", "2:soldiers")]
#[case::en_half_dozen("Half a dozen soldiers were wounded.", "6[5,7]~:soldiers")]
#[case::en_strong("The 13,000-strong force withdrew.", "13000")]
#[case::en_one_dead("The blast left one dead.", "1:dead")]
fn english(#[case] text: &str, #[case] want: &str) {
    assert_eq!(run(En, text), want, "{text}");
}

#[rstest]
#[case::en_day_month("On 30 September, forty soldiers were killed.", "40:soldiers")]
#[case::en_month_day("On November 5, 12 soldiers were killed.", "12:soldiers")]
#[case::en_month_abbr_day("On Nov. 4 and 5, fighting raged.", "")]
#[case::en_in_year("The camp was set up in 2018.", "")]
#[case::en_since_year("Since 2012, the country has been in crisis.", "")]
#[case::en_late_year("Attacks in late 2019 raised tensions.", "")]
#[case::en_year_alone("2019 was a deadly year.", "")]
#[case::en_year_comma("On Nov. 5, 2019, the army withdrew.", "")]
#[case::en_may_modal("Officials said 53 may have died.", "53")]
#[case::en_may_month("The attack took place on 5 May.", "")]
#[case::en_time_pm("The attack began at 5 pm.", "")]
#[case::en_time_am_dots("The attack began at 6 a.m. local time.", "")]
#[case::en_time_colon("The curfew starts at 06:00.", "")]
#[case::en_time_gmt("The blast happened at 1430 GMT.", "")]
#[case::en_oclock("Troops arrived at 5 o'clock.", "")]
#[case::en_first("It was the first attack this year.", "")]
#[case::en_ordinal_digits("The 3rd battalion was deployed.", "")]
#[case::en_21st("The 21st century began.", "")]
#[case::en_citation("The camp was attacked[4].", "")]
#[case::en_percent("Turnout was 45%.", "")]
#[case::en_per_cent("Prices rose by 12 per cent.", "")]
#[case::en_label("Article 5 of the charter.", "")]
#[case::en_no_label("Resolution No. 2100 was adopted.", "")]
#[case::en_phone("Call +223 20 22 33 44 for information.", "")]
#[case::en_rpg7("The attackers carried RPG7 launchers.", "")]
#[case::en_g5("The G5 Sahel force responded.", "")]
#[case::en_b52("A B-52 flew over the area.", "")]
#[case::en_4x4("They drove 4X4 vehicles.", "")]
#[case::en_score("Mali beat Niger 2-1 on Sunday.", "")]
#[case::en_1990s("In the 1990s, rebels rose up.", "")]
#[case::en_three_borders("In the three borders area, troops fought back.", "")]
#[case::en_year_attacks("The 2019 attacks shocked the country.", "")]
#[case::en_year_elections("Mali's 2020 elections were delayed.", "")]
#[case::en_year_crisis("The 2012 crisis displaced many.", "")]
#[case::en_year_soldiers("About 2000 soldiers were deployed.", "2000[1800,2200]~:soldiers")]
#[case::en_france24("He told France 24 that 12 soldiers died.", "12:soldiers")]
#[case::en_two_thirds("Two thirds of the country is insecure.", "")]
#[case::en_magnitude("A quake of magnitude 5.6 struck.", "")]
#[case::en_one_in_five("One in five schools is closed.", "")]
#[case::en_out_of("Three out of 12 detainees escaped.", "")]
#[case::en_in_year_not_ratio("They killed 5 in 2019.", "5")]
fn english_exclusions(#[case] text: &str, #[case] want: &str) {
    assert_eq!(run(En, text), want, "{text}");
}

/// Mention texts: the modifier, the number and the head noun.
#[rstest]
#[case::fr_au_moins(Fr, "Au moins 50 soldats ont été tués.", "Au moins 50 soldats")]
#[case::fr_vingtaine(
    Fr,
    "Une vingtaine de rescapés ont été retrouvés.",
    "Une vingtaine de rescapés"
)]
#[case::fr_militaires(Fr, "Ils ont retrouvé 53 militaires.", "53 militaires")]
#[case::fr_des_centaines(Fr, "Ils ont fait des centaines de morts.", "des centaines de morts")]
#[case::fr_plus_d_une(
    Fr,
    "Plus d'une centaine de jihadistes.",
    "Plus d'une centaine de jihadistes"
)]
#[case::fr_entre(Fr, "Entre 30 et 32 soldats ont été tués.", "Entre 30 et 32 soldats")]
#[case::fr_un_civil(Fr, "La mort de 53 soldats et d'un civil.", "53 soldats|un civil")]
#[case::fr_trois_autres(
    Fr,
    "Quatre véhicules détruits et trois autres emportés.",
    "Quatre véhicules|trois autres"
)]
#[case::fr_nbsp(Fr, "Près de 4\u{a0}000 personnes.", "Près de 4\u{a0}000 personnes")]
#[case::en_at_least(En, "At least 50 soldiers were killed.", "At least 50 soldiers")]
#[case::en_malian(En, "53 Malian soldiers were killed.", "53 Malian soldiers")]
#[case::en_a_hundred(En, "A hundred villagers fled.", "A hundred villagers")]
#[case::en_dozens(En, "Dozens of civilians were killed.", "Dozens of civilians")]
fn mention_texts(#[case] lang: Lang, #[case] text: &str, #[case] want: &str) {
    let got: Vec<String> = run_with(lang, text, &[])
        .into_iter()
        .map(|m| m.span.text)
        .collect();
    assert_eq!(got.join("|"), want);
}

fn date(text: &str, needle: &str, kind: DateType) -> DateMention {
    let start = text.find(needle).expect("needle in text");
    DateMention {
        span: Span {
            text: needle.to_string(),
            start,
            end: start + needle.len(),
            sentence: 0,
        },
        value: String::new(),
        kind,
        anchor: Anchor::None,
        grain: String::new(),
        modifier: None,
        alt: Vec::new(),
    }
}

#[rstest]
#[case::fr_date_skipped(
    Fr,
    "Le 12 juin, 8 soldats sont morts.",
    "12 juin",
    DateType::Date,
    "8:soldats"
)]
#[case::fr_duration_kept(
    Fr,
    "Il a décrété trois jours de deuil.",
    "trois jours",
    DateType::Duration,
    "3:jours"
)]
#[case::fr_time_skipped(
    Fr,
    "Vers 18 heures, 5 civils ont été tués.",
    "Vers 18 heures",
    DateType::Time,
    "5:civils"
)]
#[case::fr_ago_skipped(
    Fr,
    "Il y a deux semaines, 9 soldats ont péri.",
    "Il y a deux semaines",
    DateType::Date,
    "9:soldats"
)]
#[case::en_date_skipped(
    En,
    "On June 12, 8 soldiers died.",
    "June 12",
    DateType::Date,
    "8:soldiers"
)]
#[case::en_duration_kept(
    En,
    "Fighting lasted two weeks.",
    "two weeks",
    DateType::Duration,
    "2:weeks"
)]
fn dates_stage_spans(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] needle: &str,
    #[case] kind: DateType,
    #[case] want: &str,
) {
    let dates = [date(text, needle, kind)];
    let got: Vec<String> = run_with(lang, text, &dates).iter().map(fmt).collect();
    assert_eq!(got.join(" | "), want);
}

#[test]
fn data_files_parse() {
    for lang in [Fr, En] {
        let lex = lexicon(lang);
        assert!(lex.bad_rows.is_empty(), "{lang}: {:?}", lex.bad_rows);
        assert!(lex.approx.len() >= 10);
        assert!(lex.modifiers.len() >= 15);
        assert!(lex.units.len() >= 100);
        for class in [
            Class::Month,
            Class::Article,
            Class::OneWord,
            Class::Scale,
            Class::Linker,
        ] {
            assert!(!lex.entries(class).is_empty(), "{lang}: {class:?}");
        }
    }
}

#[test]
fn approximation_table_matches_conventions() {
    let fr = lexicon(Fr);
    let row = |w: &str| {
        fr.approx
            .iter()
            .find(|r| r.key == [w.to_string()])
            .map(|r| (r.value, r.min, r.max))
    };
    assert_eq!(row("dizaine"), Some((10.0, 8.0, 12.0)));
    assert_eq!(row("vingtaine"), Some((20.0, 15.0, 25.0)));
    assert_eq!(row("centaine"), Some((100.0, 80.0, 120.0)));
    assert_eq!(row("millier"), Some((1000.0, 800.0, 1200.0)));
    assert_eq!(row("centaines"), Some((200.0, 200.0, 999.0)));
}

#[test]
fn seeds_style_paragraph() {
    let text = "L'armée malienne a essuyé vendredi une de ses plus grosses pertes depuis \
                plusieurs années avec la mort de 53 soldats et d'un civil dans une attaque. \
                Le lendemain, l'armée annonce que 49 militaires et un civil ont été tués, \
                trois militaires blessés et qu'une vingtaine de rescapés ont été retrouvés.";
    assert_eq!(
        run(Fr, text),
        "53:soldats | 1:civil | 49:militaires | 1:civil | 3:militaires | 20[15,25]~:rescapés"
    );
}

#[test]
fn date_prefix_is_skipped() {
    let mut d = Document::new("t", " date 2019-11 Deux soldats ont été tués.");
    d.body_start = " date 2019-11 ".len();
    d.lang = Some(Fr);
    d.sentences = Splitter::default().split(&d);
    let found = find_numbers(&d, &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span.text, "Deux soldats");
    assert_eq!(found[0].span.start, d.body_start);
}

#[test]
fn unsplit_document_is_scanned_whole() {
    let mut d = Document::new("t", "Trois soldats. Quatre civils.");
    d.lang = Some(Fr);
    let found = find_numbers(&d, &[]);
    assert_eq!(
        found.iter().map(fmt).collect::<Vec<_>>(),
        ["3:soldats", "4:civils"]
    );
}

#[test]
fn stage_appends_to_annotations() {
    let d = doc(Fr, "Douze soldats ont été tués.");
    let mut ann = Annotations::default();
    NumberStage.run(&d, &mut ann);
    assert_eq!(NumberStage.name(), "numbers");
    assert_eq!(ann.numbers.len(), 1);
    assert_eq!(ann.numbers[0].value, 12.0);
}

#[rstest]
#[case::empty("")]
#[case::only_digits("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20")]
#[case::long_words("un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize un deux trois quatre cinq")]
#[case::huge_scales("mille milliards de milliards de millions billion billion billion")]
#[case::huge_digits("99999999999999999999999999999999999999999999 soldats")]
#[case::separators(",,,...---///:::[[[]]] 1,,2..3--4//5::6")]
#[case::unicode("٣٤ 五十 𝟓𝟑 soldats ＋２２３ 1\u{202f}\u{202f}000 ½ ⅓")]
#[case::combining("e\u{301}\u{301}\u{301} 5\u{301} soldats")]
#[case::unclosed("« 53 » [ 54 ( 55 {")]
#[case::dashes("—— 30—— –– 32 – – ‑‑ 3‑4")]
#[case::lone_modifiers("au moins plus de environ près de entre et à")]
#[case::lone_approx("une dizaine des dizaines de milliers de millions")]
#[case::english_words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
)]
#[case::decimal_words("trois virgule un deux trois quatre cinq six sept huit neuf un deux trois quatre cinq six sept huit neuf")]
#[case::point_words("three point one two three four five six seven eight nine one two three four five six seven eight nine")]
#[case::concatenated_groups("neuf cent quatre-vingt-dix-neuf neuf cent quatre-vingt-dix-neuf neuf cent quatre-vingt-dix-neuf neuf cent quatre-vingt-dix-neuf neuf cent quatre-vingt-dix-neuf")]
#[case::english_groups("nine hundred ninety-nine nine hundred ninety-nine nine hundred ninety-nine nine hundred ninety-nine nine hundred ninety-nine")]
#[case::apostrophes("d' l' ' '' d'un' jusqu' à'")]
fn never_panics(#[case] text: &str) {
    for lang in [Fr, En] {
        let d = doc(lang, text);
        for m in find_numbers(&d, &[]) {
            assert_eq!(&d.text[m.span.start..m.span.end], m.span.text);
            assert!(m.value.is_finite());
        }
    }
}

use proptest::strategy::Strategy as _;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Random mixes of digits, separators, number words and odd characters.
    #[test]
    fn never_panics_on_random_text(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("[0-9]{1,25}").unwrap(),
                proptest::string::string_regex("[ ,.\u{a0}\u{202f}'’°%\\[\\]/:+–-]{1,3}").unwrap(),
                proptest::sample::select(vec![
                    "un", "une", "vingt", "et", "mille", "millions", "milliards", "cent",
                    "dizaines", "de", "des", "au moins", "plus d'", "entre", "à", "one",
                    "a", "dozen", "hundred", "billion", "point", "virgule", "soldats",
                    "novembre", "May", "h", "pm", "[", "]", "sept", "autres",
                ]).prop_map(String::from),
                proptest::string::string_regex("\\PC{1,4}").unwrap(),
            ],
            0..40,
        ),
        english in proptest::bool::ANY,
    ) {
        let text = parts.join(" ");
        let lang = if english { En } else { Fr };
        let d = doc(lang, &text);
        for m in find_numbers(&d, &[]) {
            proptest::prop_assert_eq!(&d.text[m.span.start..m.span.end], m.span.text.as_str());
            proptest::prop_assert!(m.value.is_finite());
        }
    }
}

/// The words to check the number vocabulary on: every word of the data files, the
/// spelled numbers of both languages with plurals, compounds and odd forms.
fn vocabulary_probe(lang: Lang) -> Vec<String> {
    let mut words: Vec<String> = [
        "un",
        "une",
        "uns",
        "unes",
        "deux",
        "trois",
        "troiss",
        "quatres",
        "vingts",
        "cents",
        "vingt-deux",
        "vingt-et-un",
        "quatre-vingt-dix",
        "cinquante-trois",
        "dix-sept",
        "dix-septs",
        "soixante-et-onze",
        "septante",
        "nonante",
        "milles",
        "million",
        "millions",
        "milliards",
        "premier",
        "premiers",
        "premiere",
        "zero",
        "zéro",
        "et",
        "ets",
        "virgule",
        "deuxieme",
        "deuxième",
        "cent-un",
        "mille-deux",
        "one",
        "ones",
        "two",
        "threes",
        "twenty-one",
        "ninety-nine",
        "hundreds",
        "thousand",
        "thousands",
        "millionss",
        "o",
        "os",
        "oss",
        "nought",
        "first",
        "firsts",
        "second",
        "seconds",
        "third",
        "thirds",
        "and",
        "point",
        "forty-second",
        "sixty-six",
        "neufs",
        "dix-",
        "-un",
        "un-",
        "quinze-",
        "sixième",
        "ü",
        "zweí",
        "onze",
        "douzes",
        "a",
        "an",
        "le",
        "soldats",
        "morts",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    let data = match lang {
        Fr => [
            include_str!("../../models/fr/numbers_context.tsv"),
            include_str!("../../models/fr/numbers_units.tsv"),
            include_str!("../../models/fr/numbers_approx.tsv"),
            include_str!("../../models/fr/numbers_modifiers.tsv"),
        ],
        En => [
            include_str!("../../models/en/numbers_context.tsv"),
            include_str!("../../models/en/numbers_units.tsv"),
            include_str!("../../models/en/numbers_approx.tsv"),
            include_str!("../../models/en/numbers_modifiers.tsv"),
        ],
    };
    for file in data {
        let f = crate::text::fold(file);
        words.extend(
            tokens::tokenize(&f)
                .iter()
                .map(|t| f[t.start..t.end].to_string()),
        );
    }
    words
}

#[test]
fn number_vocabulary_covers_text2num() {
    for lang in [Fr, En] {
        let lex = lexicon(lang);
        for w in vocabulary_probe(lang) {
            let toks = tokens::tokenize(&w);
            let plain = toks.len() == 1 && toks[0].plain;
            let id = lex.id(&w);
            let alone = text2num::text2digits(&w, &lex.interp)
                .ok()
                .and_then(|s| s.parse::<f64>().ok());
            // what `text2num` reads as a number (part) is always a possible part
            let part = ["", "vingt ", "twenty ", "cent ", "hundred "]
                .iter()
                .any(|p| {
                    let stream = format!("{p}{w}");
                    let words: Vec<&str> = stream.split(' ').collect();
                    let found = text2num::find_numbers(
                        words.iter().map(|t| T2n { text: t }),
                        &lex.interp,
                        0.0,
                    );
                    found.iter().any(|o| o.end == words.len())
                });
            if alone.is_some() || part {
                assert!(lex.maybe_number(id, &w, plain), "{lang}: {w}");
            }
            assert_eq!(lex.word_value(id, &w), alone, "{lang}: {w}");
            if !lex.maybe_number(id, &w, false) {
                assert!(!lex.maybe_number(id, &w, plain), "{lang}: {w}");
            }
        }
    }
}

#[test]
fn runs_of_number_words_read_as_whole_sentences() {
    // « un » alone is never a quantity, but « un million » is one
    let got = run(
        Fr,
        "Un million de personnes et vingt-et-un soldats, soixante et onze civils.",
    );
    assert!(got.contains("1000000"), "{got}");
    assert!(got.contains("21"), "{got}");
    assert!(got.contains("71"), "{got}");
}

/// What `scan` decides from a whole text: (the cheap look, the token look).
fn looks(lang: Lang, text: &str) -> (bool, bool) {
    let d = doc(lang, text);
    let lex = lexicon(lang);
    let blocked = Blocked::new(&[]);
    let f = d.folded(0, d.text.len()).expect("whole text");
    let cheap = lex.may_count(f.text, |_| true);
    let mut seg = Seg::new(&d, lex, f, Buffers::default());
    (cheap, seg.look_up(&blocked))
}

#[rstest]
#[case::nothing(Fr, "Le président a parlé hier soir à la télévision.", false)]
#[case::lone_un(Fr, "Il a pris un train pour Paris.", false)]
#[case::un_with_noun(Fr, "Un soldat a été tué.", true)]
#[case::un_far_from_noun(Fr, "Un peu plus tard, la presse a rejoint les soldats.", false)]
#[case::spelled(Fr, "Trois civils ont été blessés.", true)]
#[case::compound(Fr, "Il y avait vingt-deux personnes.", true)]
#[case::approx(Fr, "Une centaine de manifestants.", true)]
#[case::accents(Fr, "Les réfugiés ont fui l’été dernier.", false)]
#[case::compound_of_un(Fr, "Il a dit et-un mot.", true)]
#[case::compound_of_un_un(Fr, "Il a vu un-un ici.", true)]
#[case::double_s(Fr, "Les deuxss amis.", true)]
#[case::two_un(Fr, "Il a dit un un.", true)]
#[case::un_dash_un(Fr, "Il a dit un - un.", true)]
#[case::un_glued_unit(Fr, "Il y a eu un 1er mort.", true)]
#[case::english(En, "A soldier was killed.", true)]
#[case::english_lone(En, "A report was published.", false)]
fn cheap_look_at_sentences(#[case] lang: Lang, #[case] text: &str, #[case] want: bool) {
    let (cheap, exact) = looks(lang, text);
    assert_eq!(exact, want, "{text}");
    assert_eq!(cheap, want, "{text}");
}

#[test]
fn cheap_look_is_enabled() {
    for lang in [Fr, En] {
        let lex = lexicon(lang);
        assert!(!lex.may_count("le chat dort", |_| true), "{lang}");
        assert!(lex.may_count("le chat dort 2 fois", |_| true), "{lang}");
        assert!(!lex.may_count("le chat dort 2 fois", |_| false), "{lang}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// The cheap look never misses a sentence the token look keeps.
    #[test]
    fn cheap_look_is_sound(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("[ '’`\u{a0}\u{2013}\u{2019}\u{02bc}-]{1,2}").unwrap(),
                proptest::sample::select(vec![
                    "un", "une", "Un", "UNE", "vingt", "et", "mille", "millions", "cent", "troiss",
                    "deux", "dizaines", "centaine", "de", "des", "d", "l", "one", "a", "an",
                    "dozen", "hundred", "point", "virgule", "soldats", "soldat", "morts",
                    "personnes", "civil", "autres", "maliens", "casques", "bleus", "ans", "km",
                    "x", "é", "ü", "ß", "œuvre", "blessés", "huit", "premier", "seconds",
                    "un-un", "et-un", "un-", "-un", "deuxss", "1", "50km",
                ]).prop_map(String::from),
                proptest::string::string_regex("[a-z]{1,3}").unwrap(),
                proptest::string::string_regex("\\PC{1,2}").unwrap(),
            ],
            0..14,
        ),
        english in proptest::bool::ANY,
    ) {
        let text = parts.concat();
        let lang = if english { En } else { Fr };
        let (cheap, exact) = looks(lang, &text);
        proptest::prop_assert!(cheap || !exact, "{:?}", text);
    }
}
