//! Regressions, each named after the issue that found it.

use bilan::document::Lang;
use bilan::error::ErrorKind;
use bilan::input::{InputOptions, Reader};
use bilan::sentences::Splitter;
use std::io::Cursor;

fn read_stream(bytes: &[u8], opts: InputOptions) -> Vec<Result<bilan::Document, bilan::DocError>> {
    Reader::from_stream("stdin", Box::new(Cursor::new(bytes.to_vec())), opts).collect()
}

/// The splitter recomputed the quote state over the whole merged sentence at
/// every merge (quadratic); a long run of merges must stay one sentence and
/// give the same bounds as before.
#[test]
fn issue_10_long_run_of_abbreviation_merges_is_one_sentence() {
    let mut text = String::from("« Selon le Gén. Diarra");
    for _ in 0..5000 {
        text.push_str(", le Gén. Diarra");
    }
    text.push_str(" a parlé », a dit M. Sangaré. Fin.");
    let s = Splitter::default().split_text(&text, 0, Lang::Fr);
    let got: Vec<&str> = s.iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(
        got.len(),
        2,
        "{:?}",
        got.iter().map(|s| s.len()).collect::<Vec<_>>()
    );
    assert!(got[0].ends_with("M. Sangaré."));
    assert_eq!(got[1], "Fin.");
}

/// A quote opened in one merged part and closed in a later one is tracked
/// across merges.
#[test]
fn issue_10_quote_closed_after_a_merge_ends_the_sentence() {
    let text = "« Le Gén. Diarra est là. M. Traoré aussi », a dit le ministre. Il est parti.";
    let s = Splitter::default().split_text(text, 0, Lang::Fr);
    let got: Vec<&str> = s.iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(
        got,
        [
            "« Le Gén. Diarra est là. M. Traoré aussi », a dit le ministre.",
            "Il est parti."
        ]
    );
}

/// The first line of a JSONL stream (read to sniff the format) was decoded
/// lossily, so invalid UTF-8 there passed silently.
#[test]
fn issue_10_invalid_utf8_in_the_first_stdin_line_is_an_error_record() {
    let mut bytes = b"\n  \n{\"id\":\"a\",\"text\":\"Caf\xe9 noir au camp de Gao.\"}\n".to_vec();
    bytes.extend_from_slice(
        "{\"id\":\"b\",\"text\":\"L'armée malienne a perdu 53 soldats.\"}\n".as_bytes(),
    );
    let r = read_stream(&bytes, InputOptions::default());
    assert_eq!(r.len(), 2);
    let e = r[0].as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidUtf8);
    assert_eq!(e.doc, "stdin:3", "blank lines count in line numbers");
    assert_eq!(r[1].as_ref().unwrap().id, "b");
    let lossy = InputOptions {
        lossy: true,
        ..InputOptions::default()
    };
    let r = read_stream(&bytes, lossy);
    let d = r[0].as_ref().unwrap();
    assert_eq!(d.id, "a");
    assert!(d.text.contains('\u{FFFD}'));
    assert!(d.warnings[0].contains("line 3"), "{:?}", d.warnings);
}

/// Text on stdin was read whole before the size check.
#[test]
fn issue_10_text_on_stdin_larger_than_max_bytes_is_too_large() {
    let text = "Le camp de Boulkessi a été attaqué. ".repeat(200);
    let opts = InputOptions {
        max_bytes: 1000,
        ..InputOptions::default()
    };
    let r = read_stream(text.as_bytes(), opts);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].as_ref().unwrap_err().kind, ErrorKind::TooLarge);
}

/// A JSONL line longer than the limit was read whole; now it is cut off, its
/// rest skipped, and the next line read normally.
#[test]
fn issue_10_oversized_jsonl_line_does_not_swallow_the_next_one() {
    let long = format!(
        "{{\"id\":\"long\",\"text\":\"{}\"}}",
        "Une attaque a eu lieu. ".repeat(100)
    );
    let bytes = format!("{long}\n{{\"id\":\"court\",\"text\":\"Une attaque a eu lieu à Gao.\"}}\n");
    let opts = InputOptions {
        max_bytes: 500,
        ..InputOptions::default()
    };
    let r = read_stream(bytes.as_bytes(), opts);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].as_ref().unwrap_err().kind, ErrorKind::TooLarge);
    assert_eq!(r[0].as_ref().unwrap_err().doc, "stdin:1");
    assert_eq!(r[1].as_ref().unwrap().id, "court");
}
