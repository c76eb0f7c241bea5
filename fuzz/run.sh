#!/usr/bin/env bash
# Builds the fuzz target with libFuzzer on the STABLE toolchain and runs it.
# cargo-fuzz needs nightly only for -Zsanitizer=address; the coverage
# instrumentation libFuzzer needs (sancov) is available on stable, so this
# fuzzes without AddressSanitizer (safe Rust: panics and broken invariants
# are the crashes that matter). With nightly and cargo-fuzz installed,
# `cd fuzz && cargo +nightly fuzz run extract corpus/extract` works as well.
#
# Usage: fuzz/run.sh [libFuzzer flags…]   e.g. fuzz/run.sh -runs=10000000 -max_len=65536
set -euo pipefail
cd "$(dirname "$0")"
[ -d corpus/extract ] || ./seed.sh
triple=$(rustc -vV | sed -n 's/^host: //p')
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 -Cdebug-assertions -Coverflow-checks"
# --target keeps RUSTFLAGS off build scripts and proc macros
cargo build --release --target "$triple" --bin extract
mkdir -p artifacts/extract
exec "${CARGO_TARGET_DIR:-target}/$triple/release/extract" -artifact_prefix=artifacts/extract/ corpus/extract "$@"
