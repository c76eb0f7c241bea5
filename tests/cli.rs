//! Issue 9: batch runs. Output in input order and byte-identical whatever
//! `--jobs` and `--batch`; stdin → stdout as a filter; quiet stderr when it is
//! not a terminal.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::run;

/// The corpus texts (without their date header).
fn corpus_texts() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(common::root().join("corpus/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// A directory of `n` documents of varied sizes, good and bad, as files, and
/// the same documents as one JSONL file.
fn batch_dir(n: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let texts = corpus_texts();
    let d = dir.path().join("docs");
    std::fs::create_dir(&d).unwrap();
    let mut jsonl = String::new();
    for i in 0..n {
        let base = &texts[i % texts.len()];
        // varied sizes: a few sentences to several copies
        let text = match i % 5 {
            0 => base.clone(),
            1 => base.chars().take(300 + i * 7).collect(),
            2 => format!("{base}\n\n{base}"),
            3 if i % 2 == 1 => String::new(), // an error record among the rest
            _ => base.repeat(1 + i % 4),
        };
        let id = format!("doc{i:03}");
        std::fs::write(d.join(format!("{id}.txt")), &text).unwrap();
        jsonl.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        jsonl.push('\n');
    }
    let j = dir.path().join("all.jsonl");
    std::fs::write(&j, jsonl).unwrap();
    (dir, d, j)
}

fn extract(path: &Path, format: &str, extra: &[&str]) -> Output {
    let p = path.display().to_string();
    let mut args = vec!["extract", "--quiet", "--format", format];
    args.extend_from_slice(extra);
    args.push(&p);
    run(&args, None)
}

#[test]
fn issue_9_output_is_byte_identical_whatever_jobs_and_batch() {
    let (_tmp, dir, jsonl) = batch_dir(40);
    for input in [&dir, &jsonl] {
        for format in ["docs", "claims", "mentions"] {
            let reference = extract(input, format, &["--jobs", "1", "--batch", "256"]);
            assert!(!reference.stdout.is_empty() || format != "docs");
            for extra in [
                ["--jobs", "2", "--batch", "1"],
                ["--jobs", "2", "--batch", "7"],
                ["--jobs", "4", "--batch", "3"],
                ["--jobs", "3", "--batch", "1000"],
            ] {
                let out = extract(input, format, &extra);
                assert_eq!(out.status.code(), reference.status.code());
                assert!(
                    out.stdout == reference.stdout,
                    "{format} {extra:?} differs from --jobs 1 on {}",
                    input.display()
                );
            }
        }
    }
}

#[test]
fn issue_9_records_come_out_in_input_order() {
    let (_tmp, dir, jsonl) = batch_dir(25);
    let expected: Vec<String> = (0..25).map(|i| format!("doc{i:03}")).collect();
    for input in [&dir, &jsonl] {
        let out = extract(input, "docs", &["--jobs", "4", "--batch", "2"]);
        let ids: Vec<String> = common::json_lines(&out)
            .iter()
            .map(|r| r["doc"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, expected, "{}", input.display());
    }
}

#[test]
fn issue_9_stdin_to_stdout_is_a_filter() {
    let (_tmp, _dir, jsonl) = batch_dir(12);
    let bytes = std::fs::read(&jsonl).unwrap();
    for format in ["docs", "claims"] {
        let from_file = extract(&jsonl, format, &[]);
        let from_stdin = run(
            &["extract", "--quiet", "--format", format, "-"],
            Some(&bytes),
        );
        assert_eq!(from_stdin.status.code(), from_file.status.code());
        assert!(from_stdin.stdout == from_file.stdout, "{format}");
    }
    // plain text on stdin is one document named `stdin`
    let text = corpus_texts().remove(0);
    let out = run(
        &["extract", "--quiet", "--format", "docs", "-"],
        Some(text.as_bytes()),
    );
    let recs = common::json_lines(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["doc"], "stdin");
    assert!(recs[0].get("error").is_none(), "{}", recs[0]);
}

#[test]
fn issue_9_output_file_equals_stdout() {
    let (tmp, dir, _) = batch_dir(6);
    let out_path = tmp.path().join("out.jsonl");
    let o = out_path.display().to_string();
    let to_file = extract(&dir, "docs", &["-o", &o]);
    assert!(to_file.stdout.is_empty());
    let to_stdout = extract(&dir, "docs", &[]);
    assert_eq!(std::fs::read(&out_path).unwrap(), to_stdout.stdout);
}

#[test]
fn issue_9_stderr_quiet_when_not_a_terminal_and_silent_with_quiet() {
    let (_tmp, dir, _) = batch_dir(6);
    let p = dir.display().to_string();
    let out = run(&["extract", "--format", "docs", &p], None);
    let err = String::from_utf8(out.stderr).unwrap();
    // no progress bar (stderr is a pipe): only the summary line
    assert!(!err.contains('\u{1b}'), "escape codes on a pipe: {err:?}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(
        err.starts_with("bilan: 6 documents read, 5 ok, 1 failed"),
        "{err:?}"
    );
    let out = run(&["extract", "--quiet", "--format", "docs", &p], None);
    assert!(out.stderr.is_empty());
}

#[test]
fn issue_9_bad_arguments_exit_2_with_a_message() {
    let out = run(&["extract", "--jobs", "0", "corpus/seeds"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--jobs"));
    let out = run(&["extract", "--doc-date", "2019-13", "corpus/seeds"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["extract"], None);
    assert_eq!(out.status.code(), Some(2));
}
