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
    /// Cutting runs of spaces changes no sentence bound: the segmenter's
    /// trimmed bounds over the squeezed text, mapped back, are those over the
    /// original paragraph.
    #[test]
    fn squeezing_spaces_keeps_every_bound(
        parts in proptest::collection::vec(("[A-Za-zé«»\"()0-9,;:]{0,6}", "[.!?]?", 0usize..40, proptest::bool::ANY), 0..12)
    ) {
        let mut para = String::new();
        for (w, p, n, tab) in &parts {
            para.push_str(w);
            para.push_str(p);
            para.push_str(&if *tab { "\t" } else { " " }.repeat(*n));
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

proptest::proptest! {
    /// The byte scan of quotes counts as reading character by character does.
    #[test]
    fn quote_state_reads_bytes_as_characters(s in "[a «»“”\"’é\u{c2}\u{e2}\u{2019}\u{201a}]{0,40}") {
        let mut fast = QuoteState::default();
        fast.feed(&s);
        let (mut depth, mut straight) = (0u32, false);
        for c in s.chars() {
            match c {
                '«' | '“' => depth += 1,
                '»' | '”' => depth = depth.saturating_sub(1),
                '"' => straight = !straight,
                _ => {}
            }
        }
        proptest::prop_assert_eq!((fast.depth, fast.straight), (depth, straight));
    }

    /// A paragraph without a long run of spaces is taken as it is.
    #[test]
    fn squeezing_finds_every_long_run(para in "[a. \t]{0,80}") {
        let sq = Squeezed::new(&para);
        let longest = para.split(|c| c != ' ' && c != '\t').map(str::len).max().unwrap_or(0);
        proptest::prop_assert_eq!(sq.cuts.is_empty(), longest <= MAX_SPACE_RUN);
    }
}
