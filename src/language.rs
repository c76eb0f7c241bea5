//! Language detection with `whatlang`. French and English are processed;
//! any other language becomes an `unsupported_language` error record that
//! names it.

use crate::document::{Document, Lang};
use crate::error::{DocError, ErrorKind};
use whatlang::{Detector, Lang as WLang};

/// Texts shorter than this (bytes) whose detection is unreliable are read as
/// French or English, whichever is closer.
const SHORT_TEXT: usize = 64;

/// The detected language and whatlang's confidence (0..=1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub lang: Option<Lang>,
    /// whatlang's language, also when it is neither French nor English.
    pub detected: WLang,
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
