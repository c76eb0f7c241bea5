use super::*;
use rstest::rstest;
use unicode_segmentation::UnicodeSegmentation;

fn split(text: &str, lang: Lang) -> Vec<String> {
    Splitter::default()
        .split_text(text, 0, lang)
        .iter()
        .map(|s| text[s.start..s.end].to_string())
        .collect()
}

#[rstest]
#[case::fr_monsieur("M. Sangaré a parlé. Il a confirmé.", 2)]
#[case::fr_initial(
    "Le Premier ministre E. Philippe est arrivé à Bamako. Il repart demain.",
    2
)]
#[case::fr_general("Le Gén. Diarra a démenti. La situation est calme.", 2)]
#[case::fr_citation("Le camp est attaqué par les djihadistes[4]. Le poste est défendu.", 2)]
#[case::fr_citations_after_period("Le camp est attaqué.[1],[5] Le poste est défendu.", 2)]
#[case::fr_number_dot("Près de 4.000 personnes ont fui. Les autorités ont réagi.", 2)]
#[case::fr_decimal("Le bilan est de 1,8 million de déplacés. Il augmente.", 2)]
#[case::fr_quote_inner("« La situation est sous contrôle. Le ratissage se poursuit », a dit le ministre. Il est parti.", 2)]
#[case::fr_straight_quote(
    "\"La situation est sous contrôle. Le ratissage se poursuit\", a ajouté le ministre. Fin.",
    2
)]
#[case::fr_question_in_quote("« Qui a tiré ? » a demandé le juge. Personne.", 2)]
#[case::fr_blank_line("Premier paragraphe sans point\n\nDeuxième paragraphe.", 2)]
#[case::fr_av_jc(
    "Une ville fondée en 300 av. J.-C. par des marchands. Elle prospère.",
    2
)]
#[case::fr_etc_end("On a saisi des armes, des motos, etc. Le reste a brûlé.", 2)]
#[case::fr_etc_mid("On a saisi des armes, etc. dans le camp.", 1)]
#[case::en_mister("Mr. Smith told AFP the toll was 53. He declined to comment.", 2)]
#[case::en_us("The U.S. military said 4 soldiers died. Officials confirmed it.", 2)]
#[case::en_general("Gen. Smith arrived on Monday. He left on Tuesday.", 2)]
#[case::en_quote(
    "\"We are in control. The sweep continues,\" the minister said. He left.",
    2
)]
fn splits(#[case] text: &str, #[case] n: usize) {
    let lang = if text.contains(" the ") || text.starts_with("Mr") || text.starts_with("Gen") {
        Lang::En
    } else {
        Lang::Fr
    };
    let got = split(text, lang);
    assert_eq!(got.len(), n, "{got:#?}");
}

#[test]
fn citation_stays_with_its_sentence() {
    let got = split("Le camp est attaqué.[4] Le poste est défendu.", Lang::Fr);
    assert_eq!(got[0], "Le camp est attaqué.[4]");
}

#[test]
fn offsets_are_into_the_original_text() {
    let text = " date 2019-11 Première phrase.  Deuxième phrase.";
    let s = Splitter::default().split_text(text, 14, Lang::Fr);
    assert_eq!(&text[s[0].start..s[0].end], "Première phrase.");
    assert_eq!(&text[s[1].start..s[1].end], "Deuxième phrase.");
}

#[test]
fn headings_on_their_own_line_split() {
    let got = split("Déroulement\nLe camp est attaqué.", Lang::Fr);
    assert_eq!(got, vec!["Déroulement", "Le camp est attaqué."]);
}

#[test]
fn a_long_run_of_spaces_keeps_its_offsets() {
    let text = format!("Le chef est mort.{}Il est parti.", " ".repeat(30_000));
    let doc = Document::new("d", &text);
    let s = Splitter::default().split_text(&doc.text, 0, Lang::Fr);
    assert_eq!(s.len(), 2);
    assert_eq!(&text[s[0].start..s[0].end], "Le chef est mort.");
    assert_eq!(s[1].start, 17 + 30_000);
    assert_eq!(&text[s[1].start..s[1].end], "Il est parti.");
}

/// 40,000 closing marks after a full stop took 34 s (the segmenter's look-ahead
/// from each of them); cut to 16 in the segmenter's window, offsets kept.
#[test]
fn a_long_run_of_closing_marks_keeps_its_offsets() {
    for mark in [")", "»", "\u{2019}"] {
        let run = mark.repeat(40_000);
        let text = format!("Le chef est mort.{run} Il est parti.");
        let s = Splitter::default().split_text(&text, 0, Lang::Fr);
        assert_eq!(s.len(), 2, "{mark}");
        assert_eq!(
            s[0].end,
            17 + run.len(),
            "{mark}: the run closes the sentence"
        );
        assert_eq!(&text[s[1].start..s[1].end], "Il est parti.");
    }
}

#[test]
fn a_run_of_spaces_inside_a_sentence_stays_inside() {
    let text = format!(
        "Il a dit{}que tout va bien.\t\t{}Fin.",
        " \t".repeat(50),
        " ".repeat(40)
    );
    let s = Splitter::default().split_text(&text, 0, Lang::Fr);
    assert_eq!(s.len(), 2, "{s:?}");
    assert!(text[s[0].start..s[0].end].ends_with("bien."));
    assert_eq!(&text[s[1].start..s[1].end], "Fin.");
}

proptest::proptest! {
    /// Cutting runs of spaces or of one repeated mark changes no sentence bound: the segmenter's
    /// trimmed bounds over the squeezed text, mapped back, are those over the
    /// original paragraph.
    #[test]
    fn squeezing_runs_keeps_every_bound(
        parts in proptest::collection::vec(
            ("[A-Za-zé«»\"()0-9,;:]{0,6}", "[.!?]?", 0usize..40, "[ \t)»\".!?,\u{301}\u{ad}。\u{2019}-]"),
            0..12,
        )
    ) {
        let mut para = String::new();
        for (w, p, n, run) in &parts {
            para.push_str(w);
            para.push_str(p);
            para.push_str(&run.repeat(*n));
        }
        let bounds = |t: &str| -> Vec<(usize, usize)> {
            t.split_sentence_bound_indices()
                .map(|(s, seg)| (s, trim(seg)))
                .filter(|(_, (a, b))| a < b)
                .map(|(s, (a, b))| (s + a, s + b))
                .collect()
        };
        let sq = Squeezed::new(&para);
        let mapped: Vec<(usize, usize)> = bounds(&sq.text).into_iter().map(|(a, b)| (sq.orig(a), sq.orig(b))).collect();
        proptest::prop_assert_eq!(mapped, bounds(&para));
    }
}

/// Segments of `text` by the reference, `unicode-segmentation` on the whole text.
fn reference_segments(text: &str) -> Vec<(usize, usize)> {
    text.split_sentence_bound_indices()
        .map(|(s, seg)| (s, s + seg.len()))
        .collect()
}

fn fast_segments(text: &str) -> Vec<(usize, usize)> {
    let mut got = Vec::new();
    bounds::for_each_segment(text, |s, e| got.push((s, e)));
    got
}

#[test]
fn triggers_are_the_characters_that_end_sentences() {
    // a character lets "a…  B" break iff it is STerm, ATerm or a ParaSep
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let text = format!("a{c} B");
        let breaks = text.split_sentence_bound_indices().count() > 1;
        assert_eq!(bounds::is_trigger(c), breaks, "U+{:04X}", c as u32);
    }
}

/// Every window [`bounds::plain_break`] answers, and its near misses: the
/// segmenter agrees.
#[test]
fn plain_windows_break_where_the_segmenter_does() {
    let firsts: Vec<Option<u8>> = (b'0'..=b'9')
        .chain(b'A'..=b'Z')
        .chain(b'a'..=b'z')
        .chain([b' ', b')', b'"'])
        .map(Some)
        .chain([None])
        .collect();
    let terms = [
        None,
        Some(b'.'),
        Some(b'!'),
        Some(b'?'),
        Some(b','),
        Some(b';'),
    ];
    let seps: [&[u8]; 5] = [b"", b"\n", b"\r", b"\r\n", b"\n\n"];
    let lasts: Vec<Option<u8>> = (b'A'..=b'Z')
        .chain([b'a', b'q', b'z', b'0', b'"', b'.', b' '])
        .map(Some)
        .chain([None])
        .collect();
    let (mut one, mut none) = (0, 0);
    for &first in &firsts {
        for term in terms {
            for n in 0..=super::MAX_SPACE_RUN + 2 {
                for sep in seps {
                    for &last in &lasts {
                        let mut w: Vec<u8> = first.into_iter().chain(term).collect();
                        w.extend(std::iter::repeat_n(b' ', n));
                        w.extend_from_slice(sep);
                        w.extend(last);
                        let text = std::str::from_utf8(&w).expect("ascii");
                        let want: Vec<usize> = text
                            .split_sentence_bound_indices()
                            .map(|(s, _)| s)
                            .filter(|&s| s > 0)
                            .collect();
                        match bounds::plain_break(&w) {
                            Some(Some(k)) => {
                                assert_eq!(want, vec![k], "{text:?}");
                                one += 1;
                            }
                            Some(None) => {
                                assert_eq!(want, Vec::<usize>::new(), "{text:?}");
                                none += 1;
                            }
                            None => {}
                        }
                    }
                }
            }
        }
    }
    // the shapes of the doc comment are all answered: « a. B », « a.\nb », « a. », « \nB »
    assert!(
        one > 62 * 3 * super::MAX_SPACE_RUN * 26,
        "{one} windows with one bound"
    );
    assert!(none > 62 * 3 * 3, "{none} windows with none");
    for w in [
        "a.B", "a. b", "a, B", ". B", "é. B", "a.\tB", "a. É", " \nB", "a.\n B",
    ] {
        assert_eq!(bounds::plain_break(w.as_bytes()), None, "{w:?}");
    }
}

#[rstest]
#[case::empty("")]
#[case::no_trigger("Le camp est calme")]
#[case::plain("Le camp est attaqué. Le poste est défendu. Fin")]
#[case::digits_after_dot("Près de 4.000 personnes. 12. Ils ont fui.")]
#[case::lower_after_dot("Il a dit etc. et puis. Fin.")]
#[case::close_sp("« Quoi ? » a-t-il dit. (Voir.) Fin")]
#[case::newlines("Titre\nLe camp.\r\nFin\u{2029}Suite\u{85}x")]
#[case::only_punct("...!!?? \n\n .")]
#[case::starts_with_trigger(". A. b. C")]
#[case::non_ascii_terms("Fin。Début！Suite？ﾟ. Ｏｋ．ｘ")]
#[case::extend_format("a.\u{301} B.\u{ad} c\u{200b}. D")]
#[case::non_ascii_letters("Été. Ça va. été. Ωmega. αβ. 中文")]
#[case::long_spaces(".                                        a")]
fn fast_segments_equal_the_segmenter(#[case] text: &str) {
    assert_eq!(fast_segments(text), reference_segments(text));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// Any text: the windowed segmenter gives the segmenter's bounds.
    #[test]
    fn fast_segments_equal_the_segmenter_on_any_text(text in "\\PC{0,60}") {
        proptest::prop_assert_eq!(fast_segments(&text), reference_segments(&text));
    }

    /// Any characters at all, control and unassigned ones included.
    #[test]
    fn fast_segments_equal_the_segmenter_on_any_chars(chars in proptest::collection::vec(proptest::char::any(), 0..40)) {
        let text: String = chars.into_iter().collect();
        proptest::prop_assert_eq!(fast_segments(&text), reference_segments(&text));
    }

    /// News-like text, rich in terminators, closing marks, spaces and case changes.
    #[test]
    fn fast_segments_equal_the_segmenter_on_news_like_text(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            ".", ".", "?", "!", "…", "。", "．", "‼", "\u{2024}", "\u{85}", "\u{2028}", "\u{2029}",
            " ", " ", "  ", "\t", "\u{a0}", "\u{202f}", "\n", "\r\n", "\r", " \n ",
            "«", "»", "\"", "'", "’", "”", "“", "(", ")", "[", "]", "[4]",
            "a", "le", "été", "Le", "M", "É", "Ω", "ж", "中", "ا", "0", "12", "4.000",
            ",", ";", ":", "-", "—", "\u{301}", "\u{ad}", "\u{200b}", "\u{200d}",
        ]), 0..40)
    ) {
        let text: String = parts.concat();
        proptest::prop_assert_eq!(fast_segments(&text), reference_segments(&text));
    }
}

proptest::proptest! {
    /// Reading quotes byte by byte counts the characters « » “ ” and ".
    #[test]
    fn quote_state_reads_the_quote_characters(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "«", "»", "“", "”", "\"", "’", "‘", "„", "a", "é", " ", "\u{a0}", "\u{2019}", "\u{201e}", "\u{20ac}",
        ]), 0..30)
    ) {
        let text: String = parts.concat();
        let mut q = QuoteState::default();
        q.feed(&text);
        let mut depth = 0u32;
        let mut straight = false;
        for c in text.chars() {
            match c {
                '«' | '“' => depth += 1,
                '»' | '”' => depth = depth.saturating_sub(1),
                '"' => straight = !straight,
                _ => {}
            }
        }
        proptest::prop_assert_eq!((q.depth, q.straight), (depth, straight));
    }
}

#[rstest]
#[case::none("Un paragraphe.", vec![(0, "Un paragraphe.")])]
#[case::single_newline("Titre\nTexte.", vec![(0, "Titre\nTexte.")])]
#[case::blank("Un.\n\nDeux.", vec![(0, "Un."), (5, "Deux.")])]
#[case::spaced_blank("Un.\n \t\r\n  Deux.\n", vec![(0, "Un."), (10, "Deux.\n")])]
#[case::trailing_blank("Un.\n\n\n", vec![(0, "Un.")])]
fn paragraphs_split_on_blank_lines(#[case] text: &str, #[case] want: Vec<(usize, &str)>) {
    assert_eq!(paragraphs(text), want);
}

#[test]
fn the_ascii_triggers_are_those_of_the_table() {
    for b in 0u8..0x80 {
        assert_eq!(
            bounds::ASCII_TRIGGERS.contains(&b),
            bounds::is_trigger(char::from(b)),
            "{b:#x}"
        );
    }
}

proptest::proptest! {
    /// The word-at-a-time skip stops at or before the first non-ASCII byte or needle,
    /// and on a whole word.
    #[test]
    fn skip_plain_words_stops_before_any_needle(b in proptest::collection::vec(proptest::num::u8::ANY, 0..50)) {
        let k = skip_plain_words(&b, [b'"', b'.']);
        proptest::prop_assert_eq!(k % 8, 0);
        proptest::prop_assert!(k <= b.len());
        proptest::prop_assert!(b[..k].iter().all(|&c| c < 0x80 && c != b'"' && c != b'.'));
        let first = b.iter().position(|&c| c >= 0x80 || c == b'"' || c == b'.').unwrap_or(b.len());
        proptest::prop_assert!(k + 8 > first || k + 8 > b.len());
    }
}
