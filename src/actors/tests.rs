//! Tests of the actors stage, in the style of wire reports, in French and English.

use super::*;
use crate::document::{ActorMention, ActorType, Document, Lang};
use crate::sentences::Splitter;
use rstest::rstest;

fn run(lang: Lang, text: &str) -> Vec<ActorMention> {
    let mut doc = Document::new("t", text);
    doc.lang = Some(lang);
    doc.lang_confidence = 1.0;
    doc.sentences = Splitter::default().split(&doc);
    let found = extract(&doc, &[]);
    for m in &found {
        assert_eq!(&doc.text[m.span.start..m.span.end], m.span.text);
    }
    found
}

fn show(found: &[ActorMention]) -> String {
    found
        .iter()
        .map(|m| {
            format!(
                "{:?}→{} ({:?}, {:?}, role {:?}, source {})",
                m.span.text, m.name, m.kind, m.country, m.role, m.source
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The mention written `span`, or a failure listing what was found.
fn by_span<'a>(found: &'a [ActorMention], span: &str) -> &'a ActorMention {
    found
        .iter()
        .find(|m| m.span.text == span)
        .unwrap_or_else(|| panic!("no {span:?} in\n{}", show(found)))
}

use ActorType::*;
use Lang::{En, Fr};

#[rstest]
// lexicon aliases
#[case::fr_fama(
    Fr,
    "Des éléments des FAMa ont été déployés à Gao.",
    "FAMa",
    "Forces armées maliennes",
    Military,
    Some("ML")
)]
#[case::fr_jnim(
    Fr,
    "L'attaque a été revendiquée par le JNIM, lié à Al-Qaïda.",
    "le JNIM",
    "Groupe de soutien à l'islam et aux musulmans",
    ArmedGroup,
    None
)]
#[case::fr_gsim(
    Fr,
    "Le Groupe de soutien à l'islam et aux musulmans (GSIM) a revendiqué l'embuscade.",
    "GSIM",
    "Groupe de soutien à l'islam et aux musulmans",
    ArmedGroup,
    None
)]
#[case::fr_eigs(
    Fr,
    "Les combattants de l'État islamique au Grand Sahara (EIGS) ont attaqué le poste.",
    "l'État islamique au Grand Sahara",
    "État islamique au Grand Sahara",
    ArmedGroup,
    None
)]
#[case::fr_aqmi(
    Fr,
    "Un chef d'AQMI a été tué lors du raid.",
    "AQMI",
    "Al-Qaïda au Maghreb islamique",
    ArmedGroup,
    None
)]
#[case::fr_minusma(
    Fr,
    "Un casque bleu de la Minusma a été blessé près de Kidal.",
    "la Minusma",
    "MINUSMA",
    International,
    None
)]
#[case::fr_onu(
    Fr,
    "L'ONU a condamné l'attaque contre le camp.",
    "L'ONU",
    "Organisation des Nations unies",
    International,
    None
)]
#[case::fr_cedeao(
    Fr,
    "La Cédéao a suspendu le pays de ses instances.",
    "La Cédéao",
    "CEDEAO",
    International,
    None
)]
#[case::fr_wagner(
    Fr,
    "Des mercenaires de Wagner accompagnaient les soldats.",
    "mercenaires de Wagner",
    "Groupe Wagner",
    Military,
    Some("RU")
)]
#[case::fr_africa_corps(
    Fr,
    "L'Africa Corps a remplacé les hommes de la société russe.",
    "L'Africa Corps",
    "Groupe Wagner",
    Military,
    Some("RU")
)]
#[case::fr_barkhane(
    Fr,
    "La force Barkhane a mené une frappe aérienne dans le Gourma.",
    "La force Barkhane",
    "Opération Barkhane",
    Military,
    Some("FR")
)]
#[case::fr_vdp(
    Fr,
    "Des supplétifs VDP ont été tués dans le nord du Burkina.",
    "VDP",
    "Volontaires pour la défense de la patrie",
    Military,
    Some("BF")
)]
#[case::fr_rfi(
    Fr,
    "Un témoin joint par RFI a décrit la scène.",
    "RFI",
    "Radio France Internationale",
    Media,
    Some("FR")
)]
#[case::fr_cma(
    Fr,
    "La CMA, l'ex-rébellion touareg, a rejeté l'accord.",
    "La CMA",
    "Coordination des mouvements de l'Azawad",
    ArmedGroup,
    None
)]
#[case::en_isgs(
    En,
    "The Islamic State in the Greater Sahara claimed the ambush.",
    "The Islamic State in the Greater Sahara",
    "État islamique au Grand Sahara",
    ArmedGroup,
    None
)]
#[case::en_aqim(
    En,
    "AQIM kidnapped two tourists in 2011.",
    "AQIM",
    "Al-Qaïda au Maghreb islamique",
    ArmedGroup,
    None
)]
#[case::en_ecowas(
    En,
    "ECOWAS imposed sanctions on the junta.",
    "ECOWAS",
    "CEDEAO",
    International,
    None
)]
#[case::en_un(
    En,
    "The UN said 12 peacekeepers were wounded.",
    "The UN",
    "Organisation des Nations unies",
    International,
    None
)]
#[case::en_reuters(
    En,
    "A resident told Reuters that the town was calm.",
    "Reuters",
    "Reuters",
    Media,
    Some("GB")
)]
#[case::en_alqaeda(
    En,
    "The group is affiliated with al-Qaeda.",
    "al-Qaeda",
    "Al-Qaïda",
    ArmedGroup,
    None
)]
#[case::en_boko_haram(
    En,
    "Boko Haram fighters raided the village overnight.",
    "Boko Haram",
    "Boko Haram",
    ArmedGroup,
    None
)]
// demonyms and countries
#[case::fr_armee_malienne(
    Fr,
    "L'armée malienne a repris le contrôle de la ville.",
    "L'armée malienne",
    "Forces armées maliennes",
    Military,
    Some("ML")
)]
#[case::fr_soldats_nigeriens(
    Fr,
    "Sept soldats nigériens ont été tués jeudi.",
    "soldats nigériens",
    "Forces armées nigériennes",
    Military,
    Some("NE")
)]
#[case::fr_armee_nigeriane(
    Fr,
    "L'armée nigériane a bombardé un camp de Boko Haram.",
    "L'armée nigériane",
    "Forces armées nigérianes",
    Military,
    Some("NG")
)]
#[case::fr_militaires_burkinabe(
    Fr,
    "Une vingtaine de militaires burkinabè ont péri.",
    "militaires burkinabè",
    "Forces armées burkinabè",
    Military,
    Some("BF")
)]
#[case::fr_armee_du_niger(
    Fr,
    "Le porte-parole de l'armée du Niger n'a pas commenté.",
    "l'armée du Niger",
    "Forces armées nigériennes",
    Military,
    Some("NE")
)]
#[case::fr_tchad(
    Fr,
    "Les troupes tchadiennes sont arrivées à Ménaka.",
    "Les troupes tchadiennes",
    "Forces armées tchadiennes",
    Military,
    Some("TD")
)]
#[case::fr_mauritanie(
    Fr,
    "L'armée mauritanienne patrouille le long de la frontière.",
    "L'armée mauritanienne",
    "Armée nationale mauritanienne",
    Military,
    Some("MR")
)]
#[case::fr_gouvernement(
    Fr,
    "Le gouvernement burkinabè a décrété un deuil national.",
    "Le gouvernement burkinabè",
    "Gouvernement du Burkina Faso",
    Government,
    Some("BF")
)]
#[case::fr_ministere_malien(
    Fr,
    "Le ministère malien de la Défense a publié un bilan.",
    "Le ministère malien de la Défense",
    "Ministère de la Défense",
    Government,
    Some("ML")
)]
#[case::en_burkinabe_army(
    En,
    "The Burkinabe army said it had killed 40 militants.",
    "The Burkinabe army",
    "Forces armées burkinabè",
    Military,
    Some("BF")
)]
#[case::en_malian_troops(
    En,
    "Malian troops withdrew from the base on Tuesday.",
    "Malian troops",
    "Forces armées maliennes",
    Military,
    Some("ML")
)]
#[case::en_nigerien_soldiers(
    En,
    "Four Nigerien soldiers were killed near the border.",
    "Nigerien soldiers",
    "Forces armées nigériennes",
    Military,
    Some("NE")
)]
#[case::en_nigerian_army(
    En,
    "The Nigerian army rescued the hostages.",
    "The Nigerian army",
    "Forces armées nigérianes",
    Military,
    Some("NG")
)]
#[case::en_chad_army(
    En,
    "Chad's army lost 24 soldiers in the attack.",
    "Chad's army",
    "Forces armées tchadiennes",
    Military,
    Some("TD")
)]
#[case::en_french_forces(
    En,
    "French forces killed a senior commander.",
    "French forces",
    "Armée française",
    Military,
    Some("FR")
)]
#[case::en_defence_ministry(
    En,
    "Mali's defence ministry gave a toll of nine dead.",
    "Mali's defence ministry",
    "Ministère de la Défense",
    Government,
    Some("ML")
)]
// generic and anonymous actors
#[case::fr_hommes_armes(
    Fr,
    "Des hommes armés ont ouvert le feu sur les fidèles.",
    "hommes armés",
    "hommes armés",
    ArmedGroup,
    None
)]
#[case::fr_individus_armes(
    Fr,
    "Des individus armés non identifiés ont incendié le marché.",
    "individus armés non identifiés",
    "hommes armés",
    ArmedGroup,
    None
)]
#[case::fr_terroristes(
    Fr,
    "Les terroristes ont pris la fuite vers le Niger.",
    "Les terroristes",
    "jihadistes",
    ArmedGroup,
    None
)]
#[case::fr_attaquants(
    Fr,
    "Plusieurs attaquants ont été neutralisés.",
    "attaquants",
    "assaillants",
    ArmedGroup,
    None
)]
#[case::fr_source_securitaire(
    Fr,
    "Selon une source sécuritaire, le convoi a sauté sur une mine.",
    "source sécuritaire",
    "source sécuritaire",
    Other,
    None
)]
#[case::fr_source_locale(
    Fr,
    "Une source locale évoque au moins vingt morts.",
    "source locale",
    "source locale",
    Other,
    None
)]
#[case::fr_source_hospitaliere(
    Fr,
    "Une source hospitalière a fait état de 15 blessés.",
    "source hospitalière",
    "source hospitalière",
    Other,
    None
)]
#[case::fr_terroristes_citation(
    Fr,
    "Un témoin a raconté que « les terroristes étaient nombreux ».",
    "les terroristes",
    "jihadistes",
    ArmedGroup,
    None
)]
#[case::fr_ei(
    Fr,
    "Le groupe EI a revendiqué l'attentat.",
    "Le groupe EI",
    "État islamique",
    ArmedGroup,
    None
)]
#[case::fr_hrw(
    Fr,
    "Selon Human Rights Watch, des civils ont été exécutés.",
    "Human Rights Watch",
    "Human Rights Watch",
    Other,
    None
)]
#[case::en_icrc(
    En,
    "The ICRC said it had evacuated 40 wounded.",
    "The ICRC",
    "Comité international de la Croix-Rouge",
    Other,
    None
)]
#[case::en_junta(
    En,
    "Mali's military government expelled the French ambassador.",
    "Mali's military government",
    "Gouvernement du Mali",
    Government,
    Some("ML")
)]
#[case::fr_junte(
    Fr,
    "La junte malienne a expulsé l'ambassadeur de France.",
    "La junte malienne",
    "Gouvernement du Mali",
    Government,
    Some("ML")
)]
#[case::en_peacekeeping(
    En,
    "The UN peacekeeping mission said two Chadian peacekeepers died.",
    "The UN peacekeeping mission",
    "MINUSMA",
    International,
    None
)]
#[case::fr_cnsp(
    Fr,
    "Au Niger, le CNSP a suspendu la Constitution.",
    "le CNSP",
    "Conseil national pour la sauvegarde de la patrie",
    Government,
    Some("NE")
)]
#[case::en_interior_ministry(
    En,
    "Gunmen killed 15 worshippers in Niger's Tillaberi region, the interior ministry said.",
    "the interior ministry",
    "Ministère de l'Intérieur",
    Government,
    Some("NE")
)]
#[case::fr_un_militaire(
    Fr,
    "Un militaire malien a été tué par une mine.",
    "militaire malien",
    "Forces armées maliennes",
    Military,
    Some("ML")
)]
#[case::en_junta(
    En,
    "Niger, ruled by a military junta since July, expelled the French ambassador from Niamey.",
    "military junta",
    "Gouvernement du Niger",
    Government,
    Some("NE")
)]
#[case::fr_meme_source(Fr, "Selon une source sécuritaire, le camp est tombé. « Les renforts arrivent », a ajouté la même source.", "la même source", "source sécuritaire", Other, None)]
#[case::fr_ministere_bare(
    Fr,
    "Le ministère malien de la Défense a publié un bilan. Le ministère évoque 20 morts.",
    "Le ministère",
    "Ministère de la Défense",
    Government,
    Some("ML")
)]
#[case::en_mission_bare(
    En,
    "MINUSMA said two peacekeepers died. The mission was deployed in 2013.",
    "The mission",
    "MINUSMA",
    International,
    None
)]
#[case::fr_notre_armee(
    Fr,
    "Les Forces armées maliennes ont riposté. « Notre armée tiendra », a dit le président.",
    "armée",
    "Forces armées maliennes",
    Military,
    Some("ML")
)]
#[case::en_gunmen(
    En,
    "Gunmen on motorbikes stormed the village.",
    "Gunmen",
    "hommes armés",
    ArmedGroup,
    None
)]
#[case::en_jihadists(
    En,
    "Suspected jihadists killed 12 people.",
    "jihadists",
    "jihadistes",
    ArmedGroup,
    None
)]
#[case::en_attackers(
    En,
    "The attackers fled towards the border.",
    "The attackers",
    "assaillants",
    ArmedGroup,
    None
)]
#[case::en_security_source(
    En,
    "A security source said the toll could rise.",
    "security source",
    "source sécuritaire",
    Other,
    None
)]
#[case::en_rebels(
    En,
    "Tuareg rebels seized the town in 2012.",
    "rebels",
    "rebelles",
    ArmedGroup,
    None
)]
fn finds_actor(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] span: &str,
    #[case] name: &str,
    #[case] kind: ActorType,
    #[case] country: Option<&str>,
) {
    let found = run(lang, text);
    let m = by_span(&found, span);
    assert_eq!(m.name, name, "{}", show(&found));
    assert_eq!(m.kind, kind, "{}", show(&found));
    assert_eq!(m.country.as_deref(), country, "{}", show(&found));
}

#[rstest]
#[case::fr_ministre_nom(
    Fr,
    "« Le bilan est lourd », a déclaré le ministre de la Défense, Sadio Camara, à la télévision.",
    "Sadio Camara",
    "Sadio Camara",
    Some("ministre de la Défense")
)]
#[case::fr_president_demonyme(
    Fr,
    "Le président nigérien Mohamed Bazoum s'est rendu à Tillabéri.",
    "Mohamed Bazoum",
    "Mohamed Bazoum",
    Some("président nigérien")
)]
#[case::fr_colonel(
    Fr,
    "Le colonel Moussa Diallo commandait le détachement.",
    "Moussa Diallo",
    "Moussa Diallo",
    Some("colonel")
)]
#[case::fr_apposition(
    Fr,
    "Ousmane Coulibaly, le gouverneur de la région de Mopti, a confirmé l'attaque.",
    "Ousmane Coulibaly",
    "Ousmane Coulibaly",
    Some("gouverneur de la région de Mopti")
)]
#[case::fr_prenom(
    Fr,
    "Les habitants ont retrouvé le corps de Hamadoun Dicko dans un puits.",
    "Hamadoun Dicko",
    "Hamadoun Dicko",
    None
)]
#[case::fr_porte_parole(
    Fr,
    "Le porte-parole du gouvernement, Abdoulaye Maïga, a lu un communiqué.",
    "Abdoulaye Maïga",
    "Abdoulaye Maïga",
    Some("porte-parole du gouvernement")
)]
#[case::fr_lexique(
    Fr,
    "Le chef jihadiste Iyad Ag Ghaly est apparu dans une vidéo.",
    "Iyad Ag Ghaly",
    "Iyad Ag Ghaly",
    Some("chef jihadiste")
)]
#[case::en_defence_minister(
    En,
    "Defence Minister Florence Parly visited the troops in Gao.",
    "Florence Parly",
    "Florence Parly",
    Some("Defence Minister")
)]
#[case::en_col(
    En,
    "Col. Souleymane Dembele said the situation was under control.",
    "Col. Souleymane Dembele",
    "Souleymane Dembele",
    Some("Col.")
)]
#[case::en_president(
    En,
    "President Roch Marc Christian Kabore declared three days of mourning.",
    "Roch Marc Christian Kabore",
    "Roch Marc Christian Kaboré",
    Some("President")
)]
#[case::en_apposition(
    En,
    "Amadou Toure, a spokesman for the regional government, said 20 were missing.",
    "Amadou Toure",
    "Amadou Toure",
    Some("spokesman for the regional government")
)]
#[case::en_demonym_role(
    En,
    "Senegalese President Macky Sall called for calm.",
    "Macky Sall",
    "Macky Sall",
    Some("Senegalese President")
)]
#[case::en_firstname(
    En,
    "Witnesses said Boubacar Traore was taken away by the gunmen.",
    "Boubacar Traore",
    "Boubacar Traore",
    None
)]
fn finds_person(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] span: &str,
    #[case] name: &str,
    #[case] role: Option<&str>,
) {
    let found = run(lang, text);
    let m = by_span(&found, span);
    assert_eq!(m.kind, ActorType::Person, "{}", show(&found));
    assert_eq!(m.name, name, "{}", show(&found));
    assert_eq!(m.role.as_deref(), role, "{}", show(&found));
    let persons = found.iter().filter(|m| m.kind == ActorType::Person).count();
    assert_eq!(persons, 1, "one person only:\n{}", show(&found));
}

#[rstest]
#[case::fr_monsieur(Fr, "Le ministre de la Sécurité, Salif Traoré, s'est rendu sur place. M. Traoré a promis des renforts.", "M. Traoré", "Salif Traoré", None)]
#[case::fr_ministre_court(Fr, "Le ministre de la Communication, Hamadoun Touré, a annoncé un bilan. « Les recherches continuent », a ajouté le ministre Touré.", "Touré", "Hamadoun Touré", Some("ministre"))]
#[case::fr_nom_seul(
    Fr,
    "Le président Amadou Toumani Touré a reçu les familles. Touré a promis une enquête.",
    "Touré",
    "Amadou Toumani Touré",
    None
)]
#[case::fr_lexique_court(Fr, "Le président malien Ibrahim Boubacar Keïta a décrété un deuil national. Keïta s'adressera à la nation.", "Keïta", "Ibrahim Boubacar Keïta", None)]
#[case::fr_titre_avant(Fr, "Mali: le président Keïta destitué\n\nLe président malien Ibrahim Boubacar Keïta a démissionné.", "Keïta", "Ibrahim Boubacar Keïta", Some("président"))]
#[case::en_mr(
    En,
    "Niger's President Mohamed Bazoum visited the site. Mr. Bazoum promised an inquiry.",
    "Mr. Bazoum",
    "Mohamed Bazoum",
    None
)]
#[case::en_surname(
    En,
    "Army spokesman Souleymane Dembele confirmed the toll. Dembele said 20 soldiers were missing.",
    "Dembele",
    "Souleymane Dembele",
    None
)]
fn resolves_short_form(
    #[case] lang: Lang,
    #[case] text: &str,
    #[case] span: &str,
    #[case] name: &str,
    #[case] role: Option<&str>,
) {
    let found = run(lang, text);
    let m = by_span(&found, span);
    assert_eq!(m.name, name, "{}", show(&found));
    assert_eq!(m.kind, ActorType::Person);
    // the role is the one written at this mention
    assert_eq!(m.role.as_deref(), role, "{}", show(&found));
}

#[rstest]
#[case::fr_inversion(
    Fr,
    "Douze soldats ont été tués, a annoncé l'armée malienne.",
    "Forces armées maliennes",
    true
)]
#[case::fr_inversion_personne(
    Fr,
    "« Nous poursuivons les assaillants », a indiqué le ministre de la Défense, Sadio Camara.",
    "Sadio Camara",
    true
)]
#[case::fr_assaillants_non_source(
    Fr,
    "« Nous poursuivons les assaillants », a indiqué le ministre de la Défense, Sadio Camara.",
    "assaillants",
    false
)]
#[case::fr_selon(
    Fr,
    "Le bilan est de 30 morts, selon un responsable du ministère de la Défense.",
    "Ministère de la Défense",
    true
)]
#[case::fr_sujet(
    Fr,
    "L'armée burkinabè a affirmé avoir neutralisé une cinquantaine de terroristes.",
    "Forces armées burkinabè",
    true
)]
#[case::fr_sujet_non_source(
    Fr,
    "L'armée burkinabè a affirmé avoir neutralisé une cinquantaine de terroristes.",
    "jihadistes",
    false
)]
#[case::fr_afp_destinataire(
    Fr,
    "Deux civils ont été tués, a déclaré à l'AFP une source militaire.",
    "source militaire",
    true
)]
#[case::fr_afp_pas_source(
    Fr,
    "Deux civils ont été tués, a déclaré à l'AFP une source militaire.",
    "Agence France-Presse",
    false
)]
#[case::fr_capitale(
    Fr,
    "Bamako a annoncé la fin de la coopération militaire.",
    "Gouvernement du Mali",
    true
)]
#[case::fr_cible_non_source(
    Fr,
    "Les jihadistes ont attaqué un poste de l'armée malienne.",
    "Forces armées maliennes",
    false
)]
#[case::fr_dementi(
    Fr,
    "Le gouvernement nigérien a démenti ces informations.",
    "Gouvernement du Niger",
    true
)]
#[case::en_capital_denies(
    En,
    "Bamako denies that the Russians are mercenaries.",
    "Gouvernement du Mali",
    true
)]
#[case::fr_chaine_roles(
    Fr,
    "Le camp a été repris, a indiqué le porte-parole de l'armée, le colonel Souleymane Dembélé.",
    "Souleymane Dembélé",
    true
)]
#[case::fr_selon_chaine(Fr, "Selon le porte-parole de l'armée malienne, le colonel Souleymane Dembélé, 20 jihadistes ont été tués.", "Souleymane Dembélé", true)]
#[case::en_headline_bare(En, "Burkina Faso: 12 soldiers killed near Djibo, army says\n\nThe Burkinabe army said on Monday that 12 soldiers died.", "Forces armées burkinabè", true)]
#[case::fr_participe(
    Fr,
    "Le lendemain, l'armée nigérienne a revu le bilan à la baisse, annonçant 12 morts.",
    "Forces armées nigériennes",
    true
)]
#[case::fr_apposition_courte(
    Fr,
    "Le commandant Moussa Diarra, porte-parole militaire, a assuré que le calme était revenu.",
    "Moussa Diarra",
    true
)]
#[case::fr_appris_de(
    Fr,
    "Dix civils ont été enlevés, a-t-on appris vendredi de sources locales.",
    "source locale",
    true
)]
#[case::en_given_by(
    En,
    "An initial toll given by a security source put the number of dead at 10.",
    "source sécuritaire",
    true
)]
#[case::en_gloss(
    En,
    "Two peacekeepers died near Kidal, the UN mission in Mali (MINUSMA) said.",
    "MINUSMA",
    true
)]
#[case::en_told_afp(
    En,
    "Fourteen soldiers died, a military source told AFP.",
    "source militaire",
    true
)]
#[case::en_told_afp_not(
    En,
    "Fourteen soldiers died, a military source told AFP.",
    "Agence France-Presse",
    false
)]
#[case::en_said_inverted(
    En,
    "\"The situation is under control,\" said the Malian army.",
    "Forces armées maliennes",
    true
)]
#[case::en_according(
    En,
    "At least 20 civilians were killed, according to the UN.",
    "Organisation des Nations unies",
    true
)]
#[case::en_person_said(
    En,
    "Interior Minister Hama Souley said the attackers came from Mali.",
    "Hama Souley",
    true
)]
#[case::en_attackers_not(
    En,
    "Interior Minister Hama Souley said the attackers came from Mali.",
    "assaillants",
    false
)]
fn marks_sources(#[case] lang: Lang, #[case] text: &str, #[case] name: &str, #[case] source: bool) {
    let found = run(lang, text);
    let named: Vec<_> = found.iter().filter(|m| m.name == name).collect();
    assert!(!named.is_empty(), "no {name:?} in\n{}", show(&found));
    // one of its mentions is the source, or none is
    assert_eq!(named.iter().any(|m| m.source), source, "{}", show(&found));
}

#[rstest]
// adjectives, common words, places, months and weekdays are not actors
#[case::fr_adjectif(
    Fr,
    "Deux assauts jihadistes ont visé des camps militaires.",
    "jihadistes"
)]
#[case::fr_attaque_terroriste(
    Fr,
    "Le pays a subi une attaque terroriste de grande ampleur.",
    "jihadistes"
)]
#[case::fr_un_article(
    Fr,
    "UN soldat a été tué. Un soldat a été blessé.",
    "Organisation des Nations unies"
)]
#[case::fr_le_monde(
    Fr,
    "C'est l'une des régions les plus pauvres dans le monde.",
    "Le Monde"
)]
#[case::fr_mois(Fr, "Mardi Gao a été frappée. En Novembre Ménaka aussi.", "Mardi Gao")]
#[case::fr_lieu(Fr, "Les combats ont eu lieu entre Boni et Hombori.", "Boni")]
#[case::fr_debut_phrase(Fr, "Cependant Tessalit reste isolée.", "Cependant Tessalit")]
#[case::fr_armee_sans_antecedent(Fr, "L'armée a repris la ville.", "Forces armées (contexte)")]
#[case::fr_complement(Fr, "Le ministre de la Communication a démenti.", "Communication")]
#[case::fr_stade(Fr, "Le match se jouera au stade Modibo Keïta.", "Modibo Keïta")]
#[case::fr_capitale_lieu(
    Fr,
    "Une source à Bamako a indiqué que le convoi était arrivé.",
    "Gouvernement du Mali"
)]
#[case::fr_armee_indefinie(
    Fr,
    "L'armée malienne recrute. Le pays veut une armée plus forte.",
    "une armée"
)]
#[case::fr_organisation(
    Fr,
    "Le rapport de la Commission Vérité Justice a déclaré la responsabilité de l'Etat.",
    "Commission Vérité Justice"
)]
#[case::en_capital_place(
    En,
    "A resident in Niamey said the curfew had been lifted.",
    "Gouvernement du Niger"
)]
#[case::en_org_not_person(
    En,
    "Human Rights Watch researcher Corinne Dufka said the killings were systematic.",
    "Human Rights Watch researcher"
)]
#[case::fr_camp_militaire(
    Fr,
    "Le camp militaire malien de Boulkessy a été attaqué.",
    "Forces armées maliennes"
)]
#[case::en_military_camp(
    En,
    "Gunmen attacked a Malian military camp near Mopti.",
    "Forces armées maliennes"
)]
#[case::en_un_word(En, "It was un-announced.", "Organisation des Nations unies")]
#[case::en_may(En, "In May Timbuktu was attacked.", "May Timbuktu")]
#[case::en_sentence_start(En, "Meanwhile Niamey remained calm.", "Meanwhile Niamey")]
#[case::en_adjective(En, "A jihadist attack killed 12.", "jihadistes")]
fn is_not_actor(#[case] lang: Lang, #[case] text: &str, #[case] not: &str) {
    let found = run(lang, text);
    assert!(
        !found.iter().any(|m| m.name == not || m.span.text == not),
        "{not:?} found in\n{}",
        show(&found)
    );
}

#[test]
fn one_person_mention_over_name_with_role() {
    let found = run(
        Fr,
        "Le bilan a été donné par le ministre de la Communication, Yacouba Sidibé, jeudi soir.",
    );
    assert_eq!(found.len(), 1, "{}", show(&found));
    assert_eq!(found[0].span.text, "Yacouba Sidibé");
    assert_eq!(
        found[0].role.as_deref(),
        Some("ministre de la Communication")
    );
}

#[test]
fn ministry_alone_is_government() {
    let found = run(
        Fr,
        "Le ministère de la Défense a indiqué que le camp avait été repris.",
    );
    assert_eq!(found.len(), 1, "{}", show(&found));
    assert_eq!(found[0].name, "Ministère de la Défense");
    assert_eq!(found[0].kind, Government);
    assert!(found[0].source);
}

#[test]
fn context_country_for_defence_forces() {
    let found = run(
        Fr,
        "L'attaque a visé Tillabéri. Le gouvernement nigérien a réagi. Les Forces de défense et de sécurité ont riposté.",
    );
    let fds = found
        .iter()
        .find(|m| m.span.text.contains("Forces de défense"))
        .expect("FDS");
    assert_eq!(fds.name, "Forces armées nigériennes", "{}", show(&found));
    assert_eq!(fds.country.as_deref(), Some("NE"));
}

#[test]
fn bare_army_refers_back() {
    let found = run(
        En,
        "The Burkinabe army lost 11 soldiers. The army said reinforcements had been sent.",
    );
    let bare: Vec<_> = found.iter().filter(|m| m.span.text == "The army").collect();
    assert_eq!(bare.len(), 1, "{}", show(&found));
    assert_eq!(bare[0].name, "Forces armées burkinabè");
    assert!(bare[0].source);
}

#[rstest]
#[case::malien("maliennes", Some("ML"))]
#[case::nigerien("Nigérien", Some("NE"))]
#[case::nigerian("nigérians", Some("NG"))]
#[case::burkinabe("burkinabè", Some("BF"))]
#[case::burkinabe_e("Burkinabé", Some("BF"))]
#[case::tchadien("tchadien", Some("TD"))]
#[case::mauritanien("mauritanienne", Some("MR"))]
#[case::francais("français", Some("FR"))]
#[case::en_nigerien("Nigerien", Some("NE"))]
#[case::en_nigerian("Nigerian", Some("NG"))]
#[case::en_malian("Malian", Some("ML"))]
#[case::en_chadian("Chadian", Some("TD"))]
#[case::unknown("martien", None)]
#[case::empty("", None)]
fn demonyms(#[case] word: &str, #[case] iso: Option<&str>) {
    assert_eq!(demonym_country(word), iso);
}

#[test]
fn lexicon_is_consistent() {
    let lex = &*lexicon::LEXICON;
    assert!(lex.entries.len() >= 80, "{} entries", lex.entries.len());
    assert!(lex.firstnames.len() >= 300);
    // every class with a country in the institution templates resolves
    for iso in ["ML", "NE", "BF", "TD", "MR", "FR", "NG"] {
        assert!(lex.class_entry("army", iso).is_some(), "army {iso}");
        assert!(lex.class_entry("government", iso).is_some(), "gov {iso}");
        assert!(lex.class_entry("defence_ministry", iso).is_some());
    }
    assert!(lex.class_entry("army", "DZ").is_none());
}

#[test]
fn never_panics_on_odd_input() {
    let odd = [
        "",
        " ",
        "M.",
        "M. ",
        "«",
        "selon",
        "a annoncé",
        "Le ministre ,",
        "l'",
        "L'armée malienne",
        "É",
        "Yaya",
        "Yaya Sangaré,",
        ", le ministre",
        "\u{202f}M.\u{a0}Sangaré\u{2019}s",
        "AFP AFP AFP told told said said according to",
        "Ǆ ǅ ǆ İ ẞ ß ﬁ Œ œ",
        "n'Djamena N'Djamena d'' l''' '' ’’",
        "Col. Gen. Mr. Mrs.",
        "🙂 Yaya 🙂 Sangaré 🙂 a annoncé 🙂",
    ];
    for lang in [Fr, En] {
        for t in odd {
            let _ = run(lang, t);
        }
        let long = "Le ministre Yaya Sangaré, a annoncé l'armée malienne. ".repeat(200);
        let found = run(lang, &long);
        assert!(!found.is_empty());
    }
}

#[test]
fn offsets_after_date_prefix() {
    let text = " date 2019-11 L'armée malienne a annoncé la mort de dix soldats.";
    let mut doc = Document::new("d", text);
    doc.body_start = 14;
    doc.lang = Some(Fr);
    doc.sentences = Splitter::default().split(&doc);
    let found = extract(&doc, &[]);
    assert_eq!(found[0].span.text, "L'armée malienne");
    assert_eq!(
        &text[found[0].span.start..found[0].span.end],
        "L'armée malienne"
    );
    assert!(found[0].source);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Any text of news-like pieces: no panic, spans on the original text.
    #[test]
    fn never_panics_on_random_text(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "M.", "Mr.", "Col.", "le ministre", "de la Défense", ",", " ", "\u{a0}", "\u{202f}",
                "Yaya", "Sangaré", "Keïta", "l'", "L’", "armée", "malienne", "Malian", "army",
                "a annoncé", "said", "told", "AFP", "à l'", "selon", "according to", "«", "»",
                "\"", ".", "\n\n", "jihadistes", "les", "Bamako", "France", "UN", "É", "œ",
                "stade", "Modibo", "Abou", "Dhabi", "'s", "-", "gouvernement", "the", "ﬁ", "İ",
            ]),
            0..40,
        ),
        fr in proptest::bool::ANY,
    ) {
        let text: String = parts.concat();
        let found = run(if fr { Fr } else { En }, &text);
        for m in &found {
            proptest::prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
        }
    }
}

#[rstest]
#[case::fr_country_acting(
    "fr",
    "Le lancement en 2013, à l'initiative de la France, d'une intervention militaire.",
    "France",
    false
)]
#[case::en_attributive_army(
    "en",
    "Mali army toll disputed after the attack, officials said.",
    "Mali",
    false
)]
#[case::en_mission_in(
    "en",
    "The United Nations mission in Mali said two peacekeepers were killed.",
    "Mali",
    true
)]
#[case::fr_war_of(
    "fr",
    "L'attaque a eu lieu pendant la guerre du Mali, selon l'armée.",
    "Mali",
    true
)]
fn places_inside_acting_institutions(
    #[case] lang: &str,
    #[case] text: &str,
    #[case] place: &str,
    #[case] kept: bool,
) {
    let mut doc = crate::document::Document::new("t", text);
    doc.lang = crate::document::Lang::from_code(lang);
    doc.sentences = crate::sentences::Splitter::default().split(&doc);
    let mut ann = crate::document::Annotations::default();
    crate::places::PlaceStage.run(&doc, &mut ann);
    assert!(
        ann.places.iter().any(|p| p.span.text == place),
        "the places stage finds {place}"
    );
    ActorStage.run(&doc, &mut ann);
    assert_eq!(
        ann.places.iter().any(|p| p.span.text == place),
        kept,
        "{:?}",
        ann.places
    );
}

/// The fast paths of the stage against the straightforward code they replaced.
mod fast_paths {
    use super::super::lexicon::{self, LangData, SourceKind, LEXICON};
    use super::super::persons::{tokenize, Tok};
    use super::super::{lexicon_matches, persons, sources, tests_hooks, whole_words};
    use crate::document::Lang;
    use crate::text::{is_word_char, Folded, FoldedView};
    use proptest::prelude::*;

    /// The tokenizer as it was: a char at a time, every key found by binary search.
    fn reference_tokenize<'f>(text: &str, base: usize, f: FoldedView<'f>) -> Vec<Tok<'f>> {
        let is_apos = |c: char| c == '\'' || c == '\u{2019}';
        let word_at = |i: usize| text[i..].chars().next().is_some_and(is_word_char);
        let key = |s: usize, e: usize| persons::folded_range(f, base + s, base + e);
        let mut out = Vec::new();
        let mut push = |s: usize, e: usize| {
            let w = &text[s..e];
            let key = key(s, e);
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            let (mut acronym, mut alpha) = (false, true);
            if cap || key.starts_with("al-") || key.starts_with("el-") {
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                let upper = w
                    .chars()
                    .filter(|c| c.is_alphabetic() && c.is_uppercase())
                    .count();
                acronym = letters >= 2 && upper == letters;
                alpha = !w.chars().any(|c| c.is_ascii_digit());
            }
            out.push(Tok {
                start: base + s,
                end: base + e,
                key,
                cap,
                acronym,
                alpha,
            });
        };
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(d) = text[end..].chars().next() {
                let joiner = d == '-' || is_apos(d);
                if is_word_char(d) || (joiner && word_at(end + d.len_utf8())) {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            // elisions and possessives split off, as `Words::push_word` does
            let mut s = start;
            loop {
                let w = &text[s..end];
                let Some(p) = w.find(is_apos) else {
                    push(s, end);
                    break;
                };
                let after = p + w[p..].chars().next().map_or(1, char::len_utf8);
                if after < w.len() && LEXICON.elisions.contains(key(s, s + p)) {
                    push(s, s + after);
                    s += after;
                    continue;
                }
                if p > 0 && key(s + after, end) == "s" {
                    push(s, s + p);
                    push(s + p, end);
                } else {
                    push(s, end);
                }
                break;
            }
            i = end;
        }
        out
    }

    /// The lexicon scan as it was: the trie walked after every non-word character.
    fn reference_matches(ld: &LangData, ft: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut prev_word = false;
        for (fs, c) in ft.char_indices() {
            if !prev_word {
                ld.actors.prefixes(ft.as_bytes(), fs, |fe, ids| {
                    if !persons::word_char_at(ft, fe) {
                        found.extend(ids.iter().map(|&id| (fs, fe, id)));
                    }
                });
            }
            prev_word = is_word_char(c);
        }
        found
    }

    fn same_tokens(text: &str) {
        let folded = Folded::new(text, 7);
        let got = tokenize(text, 7, folded.view());
        let want = reference_tokenize(text, 7, folded.view());
        let show = |t: &[Tok]| format!("{t:?}");
        assert_eq!(show(&got), show(&want), "{text:?}");
        // `Known::full`'s shortcut
        assert!(!persons::two_words(text) || got.len() >= 2, "{text:?}");
        // a piece inside a longer fold, as the role and source searches cut them
        for (a, _) in text.char_indices().step_by(5) {
            let got = tokenize(&text[a..], 7 + a, folded.view());
            let want = reference_tokenize(&text[a..], 7 + a, folded.view());
            assert_eq!(show(&got), show(&want), "{:?}", &text[a..]);
        }
    }

    /// The source patterns as they were found: one automaton of them all.
    fn reference_sources(lang: Lang, ft: &str) -> Vec<(usize, usize, SourceKind)> {
        let (pats, kinds): (Vec<String>, Vec<SourceKind>) =
            lexicon::source_patterns(lang).into_iter().unzip();
        lexicon::automaton(&pats)
            .find_iter(ft)
            .filter(|m| whole_words(ft, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), kinds[m.pattern().as_usize()]))
            .collect()
    }

    fn same_matches(text: &str) {
        let f = Folded::new(text, 0);
        for lang in [Lang::Fr, Lang::En] {
            let ld = LEXICON.lang(lang);
            assert_eq!(
                lexicon_matches(ld, &f.text),
                reference_matches(ld, &f.text),
                "{text:?}"
            );
            assert_eq!(
                sources::patterns(ld, &f.text),
                reference_sources(lang, &f.text),
                "{text:?}"
            );
        }
    }

    /// The actors of `text` found as they are and with the persons' window the whole
    /// sentence: the same.
    fn same_actors(text: &str) {
        for lang in [Lang::Fr, Lang::En] {
            let windowed = super::show(&super::run(lang, text));
            tests_hooks::FULL_WINDOW.with(|f| f.set(true));
            let whole = super::show(&super::run(lang, text));
            tests_hooks::FULL_WINDOW.with(|f| f.set(false));
            assert_eq!(windowed, whole, "{text:?}");
        }
    }

    /// The wire and seed texts of the corpus, as a sample of real news.
    fn corpus_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut out = Vec::new();
        for sub in ["wire", "seeds"] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            for e in entries.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    out.push(t);
                }
            }
        }
        assert!(!out.is_empty());
        out
    }

    #[test]
    fn templates_joined_as_written_out() {
        for lang in [Lang::Fr, Lang::En] {
            let (templates, demonyms) = lexicon::demonym_templates(lang);
            assert!(!templates.is_empty() && !demonyms.is_empty());
            for t in templates {
                let pieces = lexicon::Lowered::pieces(t);
                for d in &demonyms {
                    let alias = t.replace("{D}", d).to_lowercase();
                    let want = (crate::text::fold(&alias), lexicon::caps_of(&alias));
                    assert_eq!(
                        lexicon::Lowered::join(&pieces, &lexicon::Lowered::new(d)),
                        want
                    );
                }
            }
        }
    }

    #[test]
    fn uppercase_by_bytes() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let s = format!("{c}a");
            assert_eq!(crate::text::upper_at(&s, 0), c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn fast_paths_agree_on_the_corpus() {
        for text in corpus_texts() {
            same_actors(&text);
            for line in text.lines() {
                same_tokens(line);
                same_matches(line);
            }
        }
    }

    #[rstest::rstest]
    #[case::elision("L'armée d’Abou l'a dit")]
    #[case::possessive("Mali's army, the UN's mission")]
    #[case::hyphens("al-Sahraoui el-Béchir -x y- a--b l''a")]
    #[case::accents("Ménaka, Œuvre, ﬁn, İstanbul, straße, Ǆ")]
    #[case::odd_marks("a\u{2019}\u{2019}b ’s x’s \u{301}a \u{a0}\u{202f}")]
    #[case::lexicon("les jihadistes de l'EIGS, l'armée malienne et la MINUSMA")]
    #[case::sources("Il a dit à l'AFP, à la demande de la France, qu'à Gao « a » a décidé")]
    #[case::sources_glued("la décidé, ça a annoncé à-côté àa aà, selon, according to")]
    #[case::names("« Le président Ibrahim Boubacar Keïta, a dit M. Sangaré à l'AFP. »")]
    #[case::late_names("il a été tué. selon le ministre de la Défense, Hama Souley, al-Sahraoui")]
    #[case::no_upper("il a été tué dans l'attaque, a dit un responsable.")]
    fn fast_paths_agree(#[case] text: &str) {
        same_tokens(text);
        same_matches(text);
        same_actors(text);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn tokenize_agrees_on_any_text(text in "\\PC{0,60}") {
            same_tokens(&text);
        }

        #[test]
        fn fast_paths_agree_on_news_like_text(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "M.", "Mr.", "le ministre", "de la Défense", ",", " ", "\u{a0}", "l'", "L’",
                    "armée", "malienne", "Malian", "army", "FAMa", "JNIM", "EIGS", "-", "'s", "'",
                    "jihadistes", "les", "Bamako", "France", "UN", "É", "œ", "al-", "Qaïda",
                    "Forces armées maliennes", "gouvernement", "the", "ﬁ", "İ", "x", "2013", "_",
                    "a", "à", "a annoncé", "la", "à l'initiative de la", "a décidé", "said", "to",
                    "told", "aux", "selon", "according to", "a dit", "dit", "Keïta", "Yaya",
                    "Sangaré", "\n", ".", "Mme", "président", "Hama", "Souley", "de", "« ", " »",
                ]),
                0..30,
            ),
        ) {
            let text = parts.concat();
            same_tokens(&text);
            same_matches(&text);
            same_actors(&text);
        }
    }
}
