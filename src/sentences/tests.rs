use super::*;
use rstest::rstest;

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
