//! Language detection. French and English are processed; any other language
//! becomes an `unsupported_language` error record that names it.
//!
//! Two steps. A fast check counts function words (`models/fr/function_words.txt`,
//! `models/en/function_words.txt`, and those of neighbouring languages in
//! `models/function_words_other.txt`): a news text where French (or English)
//! function words clearly outnumber all the others is decided there, at a few
//! nanoseconds a word. Everything else — short texts, mixed texts, other
//! languages — goes to `whatlang`'s trigram models, which name the language.

use crate::document::{Document, Lang};
use crate::error::{DocError, ErrorKind};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;
use whatlang::{Detector, Lang as WLang};

/// Function words needed before the fast check decides alone.
const MIN_FUNCTION_WORDS: usize = 6;
/// How many times the winner's function words must outnumber all the others.
const DOMINANCE: usize = 5;

/// Which list a function word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Fr,
    En,
    Other,
}

/// Every function word, with its list.
static FUNCTION_WORDS: LazyLock<FxHashMap<&'static str, Class>> = LazyLock::new(|| {
    use crate::models::lines;
    let mut m = FxHashMap::default();
    for (data, class) in [
        (include_str!("../models/fr/function_words.txt"), Class::Fr),
        (include_str!("../models/en/function_words.txt"), Class::En),
        (
            include_str!("../models/function_words_other.txt"),
            Class::Other,
        ),
    ] {
        for w in lines(data) {
            m.insert(w, class);
        }
    }
    m
});

/// Longest function word, in bytes: longer words are not looked up.
static LONGEST: LazyLock<usize> =
    LazyLock::new(|| FUNCTION_WORDS.keys().map(|w| w.len()).max().unwrap_or(0));

/// The fast check: French or English when its function words (as written,
/// lowercase) reach [`MIN_FUNCTION_WORDS`] and outnumber those of the other
/// lists [`DOMINANCE`] times; the confidence is the winner's share of all the
/// function words seen. `None` leaves the decision to whatlang.
fn function_word_check(sample: &str) -> Option<(Lang, f64)> {
    let longest = *LONGEST;
    let (mut fr, mut en, mut other) = (0usize, 0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphabetic()) {
        if w.is_empty() || w.len() > longest {
            continue;
        }
        match FUNCTION_WORDS.get(w) {
            Some(Class::Fr) => fr += 1,
            Some(Class::En) => en += 1,
            Some(Class::Other) => other += 1,
            None => {}
        }
    }
    let decide = |win: usize, rest: usize| {
        (win >= MIN_FUNCTION_WORDS && win >= DOMINANCE * rest)
            .then(|| ((win as f64 / (win + rest) as f64) * 1000.0).round() / 1000.0)
    };
    if let Some(c) = decide(fr, en + other) {
        return Some((Lang::Fr, c));
    }
    decide(en, fr + other).map(|c| (Lang::En, c))
}

/// Texts shorter than this (bytes) whose detection is unreliable are read as
/// French or English, whichever is closer.
const SHORT_TEXT: usize = 64;

/// The detected language and its confidence (0..=1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub lang: Option<Lang>,
    /// The language in whatlang's terms, also when it is neither French nor English.
    pub detected: WLang,
    /// whatlang's confidence, or, when the function words decided, the
    /// winner's share of the function words seen (0.833 at least).
    pub confidence: f64,
}

/// Detects the language of `text`; `None` when whatlang finds none (no letters).
pub fn detect(text: &str) -> Option<Detection> {
    // Detection over the first 4 KiB is as good as over the whole text and
    // keeps huge documents cheap.
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if let Some((lang, confidence)) = function_word_check(sample) {
        let detected = match lang {
            Lang::Fr => WLang::Fra,
            Lang::En => WLang::Eng,
        };
        return Some(Detection {
            lang: Some(lang),
            detected,
            confidence,
        });
    }
    let info = whatlang::detect(sample)?;
    let mut detected = info.lang();
    let mut confidence = info.confidence();
    if to_lang(detected).is_none() && !info.is_reliable() {
        // Short or mixed texts: see whether French or English is a close call.
        let restricted = Detector::with_allowlist(vec![WLang::Fra, WLang::Eng]);
        if let Some(alt) = restricted.detect(sample) {
            // a text too short to tell (a headline, « Café noir. ») is not
            // dropped as foreign: it goes on as the closer of the two
            if alt.confidence() >= 0.5 || sample.len() < SHORT_TEXT {
                detected = alt.lang();
                confidence = alt.confidence() * 0.5;
            }
        }
    }
    Some(Detection {
        lang: to_lang(detected),
        detected,
        confidence,
    })
}

fn to_lang(l: WLang) -> Option<Lang> {
    match l {
        WLang::Fra => Some(Lang::Fr),
        WLang::Eng => Some(Lang::En),
        _ => None,
    }
}

/// Fills `doc.lang` and `doc.lang_confidence` unless the input already gave
/// the language; errors for other languages or when none is found.
pub fn detect_document(doc: &mut Document) -> Result<(), DocError> {
    if doc.lang.is_some() {
        if doc.lang_confidence == 0.0 {
            doc.lang_confidence = 1.0;
        }
        return Ok(());
    }
    match detect(doc.body()) {
        Some(Detection {
            lang: Some(lang),
            confidence,
            ..
        }) => {
            doc.lang = Some(lang);
            doc.lang_confidence = (confidence * 1000.0).round() / 1000.0;
            Ok(())
        }
        Some(d) => Err(DocError::new(
            &doc.id,
            ErrorKind::UnsupportedLanguage,
            format!(
                "detected language {} ({}), confidence {:.2}",
                d.detected.eng_name(),
                d.detected.code(),
                d.confidence
            ),
        )),
        None => Err(DocError::new(
            &doc.id,
            ErrorKind::UnknownLanguage,
            "no language could be detected in the text",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// Wire-style paragraphs (written for these tests) the function words decide alone.
    #[rstest]
    #[case::fr_wire(Lang::Fr, "Au moins douze soldats ont été tués dimanche dans une attaque contre un poste de l'armée dans le centre du pays, selon des sources sécuritaires. Les assaillants, arrivés à moto, ont incendié des véhicules avant de se replier vers la frontière, a indiqué un élu local qui a requis l'anonymat. Cette attaque est la plus meurtrière depuis le début de l'année.")]
    #[case::fr_communique(Lang::Fr, "Le gouvernement a décrété un deuil national de trois jours sur toute l'étendue du territoire. Dans un communiqué lu à la télévision nationale, le ministre de la Communication a salué la mémoire des victimes et assuré que les auteurs seront traqués. Selon lui, les forces de défense et de sécurité ont repris le contrôle de la zone.")]
    #[case::en_wire(Lang::En, "At least twelve soldiers were killed on Sunday in an attack on an army post in the centre of the country, security sources said. The attackers, who came on motorbikes, set fire to vehicles before they withdrew towards the border, a local official said on condition of anonymity. It was the deadliest attack since the start of the year.")]
    #[case::en_statement(Lang::En, "The government has declared three days of national mourning. In a statement read on state television, the communication minister paid tribute to the victims and said that those responsible would be hunted down. According to him, the defence and security forces have taken back control of the area, which had been cut off for a week.")]
    fn function_words_decide_news_paragraphs(#[case] lang: Lang, #[case] text: &str) {
        let (got, confidence) = function_word_check(text).expect("decided by function words");
        assert_eq!(got, lang);
        assert!(confidence >= 0.8, "{confidence}");
        let d = detect(text).unwrap();
        assert_eq!(d.lang, Some(lang));
        // whatlang, asked alone, agrees
        assert_eq!(to_lang(whatlang::detect(text).unwrap().lang()), Some(lang));
    }

    /// Neighbouring languages are never decided by the fast check: whatlang names them.
    #[rstest]
    #[case::spanish(WLang::Spa, "Al menos doce soldados murieron el domingo en un ataque contra un puesto del ejército en el centro del país, según fuentes de seguridad. Los asaltantes, que llegaron en moto, incendiaron los vehículos antes de retirarse hacia la frontera, dijo un concejal local que pidió el anonimato. Fue el ataque más mortífero desde el comienzo del año.")]
    #[case::italian(WLang::Ita, "Almeno dodici soldati sono stati uccisi domenica in un attacco contro un posto dell'esercito nel centro del paese, secondo fonti della sicurezza. Gli assalitori, arrivati in moto, hanno incendiato i veicoli prima di ritirarsi verso la frontiera, ha detto un consigliere locale che ha chiesto l'anonimato. È stato l'attacco più sanguinoso dall'inizio dell'anno.")]
    #[case::portuguese(WLang::Por, "Pelo menos doze soldados foram mortos no domingo em um ataque contra um posto do exército no centro do país, segundo fontes de segurança. Os agressores, que chegaram de moto, incendiaram os veículos antes de se retirarem para a fronteira, disse um vereador local que pediu anonimato. Foi o ataque mais mortal desde o início do ano.")]
    #[case::catalan(WLang::Cat, "Almenys dotze soldats van morir diumenge en un atac contra un lloc de l'exèrcit al centre del país, segons fonts de seguretat. Els assaltants, que van arribar amb moto, van incendiar els vehicles abans de retirar-se cap a la frontera, va dir un regidor local que va demanar l'anonimat. Va ser l'atac més mortífer des del començament de l'any.")]
    #[case::german(WLang::Deu, "Mindestens zwölf Soldaten sind am Sonntag bei einem Angriff auf einen Armeeposten im Zentrum des Landes getötet worden, wie Sicherheitskreise mitteilten. Die Angreifer, die auf Motorrädern kamen, steckten die Fahrzeuge in Brand und zogen sich dann in Richtung der Grenze zurück, sagte ein örtlicher Abgeordneter, der nicht genannt werden wollte.")]
    #[case::dutch(WLang::Nld, "Minstens twaalf soldaten zijn zondag gedood bij een aanval op een legerpost in het centrum van het land, zeiden veiligheidsbronnen. De aanvallers, die op motoren kwamen, staken de voertuigen in brand voordat ze zich terugtrokken naar de grens, zei een plaatselijke bestuurder die niet met naam genoemd wilde worden. Het was de dodelijkste aanval sinds het begin van het jaar.")]
    #[case::spanish_short(WLang::Spa, "El ejército dijo que los asaltantes llegaron con motos y que la ciudad fue atacada por la noche.")]
    #[case::italian_short(WLang::Ita, "Il ministro ha detto che gli assalitori sono arrivati in moto e che la città è stata attaccata nella notte.")]
    #[case::portuguese_short(WLang::Por, "O exército disse que os agressores chegaram de moto e que a cidade foi atacada durante a noite.")]
    fn neighbouring_languages_go_to_whatlang(#[case] lang: WLang, #[case] text: &str) {
        assert_eq!(function_word_check(text), None);
        let d = detect(text).unwrap();
        assert_eq!(d.lang, None);
        assert_eq!(d.detected, lang);
    }

    #[rstest]
    #[case::fr_headline(Lang::Fr, "Mali : une quinzaine de soldats tués dans une embuscade")]
    #[case::fr_one_line(
        Lang::Fr,
        "Deux soldats ont été tués lors d'une embuscade près de Gao."
    )]
    #[case::en_headline(Lang::En, "Mali: about 15 soldiers killed in an ambush")]
    #[case::bilingual(Lang::Fr, "Le ministre a déclaré que les soldats sont morts dans une embuscade et que leurs corps ont été rapatriés. The minister said that the soldiers were killed in an ambush and that their bodies have been brought back.")]
    fn short_or_mixed_texts_go_to_whatlang(#[case] lang: Lang, #[case] text: &str) {
        assert_eq!(function_word_check(text), None);
        let d = detect(text).unwrap();
        assert_eq!(d.detected, whatlang::detect(text).unwrap().lang());
        // a mixed text is whatlang's call; a short one is read as the closer language
        assert!(d.lang.is_some(), "{lang}: {:?}", d.detected);
    }

    /// On every text of the bundled corpus, the fast check (when it decides)
    /// says what whatlang says.
    #[test]
    fn function_words_agree_with_whatlang_on_the_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut stack = vec![root];
        let (mut decided, mut all) = (0, 0);
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    all += 1;
                    if let Some((lang, _)) = function_word_check(&text) {
                        decided += 1;
                        let w = whatlang::detect(&text).unwrap().lang();
                        assert_eq!(Some(lang), to_lang(w), "{}", p.display());
                    }
                }
            }
        }
        assert!(all > 20 && decided * 4 >= all * 3, "{decided} of {all}");
    }

    #[test]
    fn french_english_and_others() {
        let fr = detect("L'armée malienne a essuyé vendredi une de ses plus lourdes pertes depuis plusieurs années.").unwrap();
        assert_eq!(fr.lang, Some(Lang::Fr));
        let en = detect("The Malian army suffered one of its heaviest losses in years on Friday, the minister said.").unwrap();
        assert_eq!(en.lang, Some(Lang::En));
        let de = detect("Die malische Armee hat am Freitag einen ihrer schwersten Verluste seit Jahren erlitten.").unwrap();
        assert_eq!(de.lang, None);
        assert_eq!(de.detected, WLang::Deu);
    }

    #[test]
    fn short_unreliable_texts_go_on() {
        for (text, lang) in [
            ("Café noir.", Lang::Fr),
            ("Trois morts.", Lang::Fr),
            ("Two killed.", Lang::En),
        ] {
            let d = detect(text).unwrap();
            assert!(d.lang.is_some(), "{text}: {:?}", d.detected);
            if d.confidence < 0.5 {
                assert_eq!(d.lang, Some(lang), "{text}");
            }
        }
    }

    #[test]
    fn unsupported_language_names_it() {
        let mut d = Document::new(
            "x",
            "El ejército maliense sufrió el viernes una de sus mayores pérdidas en varios años.",
        );
        let e = detect_document(&mut d).unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnsupportedLanguage);
        assert!(e.message.contains("Spanish"), "{}", e.message);
    }

    #[test]
    fn given_language_is_kept() {
        let mut d = Document::new("x", "12 34");
        d.lang = Some(Lang::En);
        detect_document(&mut d).unwrap();
        assert_eq!(d.lang_confidence, 1.0);
    }
}
