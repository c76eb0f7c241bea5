//! Fuzz target: arbitrary bytes through the whole extract path, read as `-`
//! reads stdin (JSONL when the first non-blank line starts with `{`, else one
//! text document), strict and `--lossy`, every output format, and the span
//! and sentence invariants of `bilan::invariants`. Any panic or broken
//! invariant is a crash.
//!
//! Without `--cfg fuzzing` this is a replay program: `extract FILE|DIR…`
//! runs every file once and prints how many inputs and documents it ran.
#![cfg_attr(fuzzing, no_main)]

use bilan::input::InputOptions;
use bilan::pipeline::Pipeline;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

/// One input, strict and lossy; returns the number of documents and error records.
fn run(data: &[u8]) -> usize {
    run_modes(data, &[false, true])
}

/// One input with the given `--lossy` settings.
fn run_modes(data: &[u8], modes: &[bool]) -> usize {
    let mut n = 0;
    for &lossy in modes {
        let opts = InputOptions {
            lossy,
            ..InputOptions::default()
        };
        match bilan::invariants::exercise(data, opts, &PIPELINE) {
            Ok(k) => n += k,
            Err(e) => panic!("invariant broken: {e}"),
        }
    }
    n
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // one mode per execution (twice the executions per second); the length
    // parity picks it, so both are fuzzed and a crash replays the same way
    run_modes(data, &[data.len() % 2 == 1]);
});

#[cfg(not(fuzzing))]
fn main() {
    fn files(p: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        if p.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(p)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .collect();
            entries.sort();
            for e in entries {
                files(&e, out);
            }
        } else {
            out.push(p.to_path_buf());
        }
    }
    let mut all = Vec::new();
    for a in std::env::args_os().skip(1) {
        files(std::path::Path::new(&a), &mut all);
    }
    if all.is_empty() {
        eprintln!("usage: extract FILE|DIR… (replays inputs through the fuzz target)");
        std::process::exit(2);
    }
    let mut docs = 0;
    for f in &all {
        match std::fs::read(f) {
            Ok(data) => docs += run(&data),
            Err(e) => eprintln!("{}: {e}", f.display()),
        }
    }
    println!("{} inputs, {docs} results, no crash", all.len());
}
