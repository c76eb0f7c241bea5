//! The numbers stage inside the whole pipeline: offsets into the original
//! text (date prefix included), sentence indices, order.

use bilan::{Document, Lang, Pipeline};

#[test]
fn numbers_through_the_pipeline() {
    let mut doc = Document::new(
        "p1",
        " date 2019-11 L'armée a perdu 53 soldats et un civil. Une vingtaine de rescapés \
         ont été retrouvés le 2 novembre.",
    );
    doc.body_start = " date 2019-11 ".len();
    doc.lang = Some(Lang::Fr);
    doc.lang_confidence = 1.0;
    let p = Pipeline::new().process(doc).expect("processed");
    let got: Vec<(&str, f64, Option<f64>, Option<f64>, usize)> = p
        .ann
        .numbers
        .iter()
        .map(|m| (m.span.text.as_str(), m.value, m.min, m.max, m.span.sentence))
        .collect();
    assert_eq!(
        got,
        vec![
            ("53 soldats", 53.0, Some(53.0), Some(53.0), 0),
            ("un civil", 1.0, Some(1.0), Some(1.0), 0),
            ("Une vingtaine de rescapés", 20.0, Some(15.0), Some(25.0), 1),
        ]
    );
    for m in &p.ann.numbers {
        assert_eq!(&p.doc.text[m.span.start..m.span.end], m.span.text);
    }
}
