//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod schema;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

/// Runs the built `bilan` binary with `args` from the repository root, feeding
/// `stdin` (or nothing: stdin is then closed).
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bilan"))
        .args(args)
        .current_dir(root())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running bilan");
    if let Some(bytes) = stdin {
        let mut w = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = w.write_all(&bytes);
        });
    }
    child.wait_with_output().expect("waiting for bilan")
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
