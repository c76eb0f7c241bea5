//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod schema;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the built `bilan` binary with `args` from the repository root.
pub fn bilan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bilan"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("running bilan")
}

/// The JSON lines of a command's stdout.
pub fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The bytes of a corpus file.
pub fn read(path: impl AsRef<Path>) -> Vec<u8> {
    std::fs::read(root().join(path)).expect("reading corpus file")
}
