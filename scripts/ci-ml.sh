#!/usr/bin/env bash
# CI for the optional `ml` feature: set up libtorch and MiniLM (idempotent,
# registry downloads only), then build and run the tests with the feature.
# Usage: scripts/ci-ml.sh [extra cargo test args]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-ml.sh
eval "$(bash scripts/setup-ml.sh --env)"
cargo test --features ml "$@"
