#!/usr/bin/env bash
# Throughput of `arendelint check` over 1,000 .docx cases (cases/s and MB/s of
# .docx bytes, MB = 10^6 bytes).
#
#   bash bench/docx_throughput.sh
#   DOCS=2000 RUNS=10 bash bench/docx_throughput.sh
#
# The cases are bench/gen_corpus.py's Markdown (deterministic
# for a seed), converted to Word by `cargo run --example gen_docx` (the core's
# test generator: headings as Heading N styles, tables as Word tables), into
# bench/out/ (git-ignored). Timed with hyperfine (median of RUNS runs after a
# warm-up).
set -euo pipefail

DOCS=${DOCS:-1000}
SIZE_KB=${SIZE_KB:-5}
SEED=${SEED:-1}
RUNS=${RUNS:-10}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
out="$root/bench/out"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="$target_dir/release/arendelint"
command -v hyperfine >/dev/null || { echo "hyperfine is required (apt-get install hyperfine)" >&2; exit 1; }

md="$out/docx-src-n$DOCS-kb$SIZE_KB-s$SEED"
docx="$out/docx-n$DOCS-kb$SIZE_KB-s$SEED"
if [ ! -d "$md" ]; then
  python3 "$root/bench/gen_corpus.py" --n "$DOCS" --size-kb "$SIZE_KB" --seed "$SEED" --out "$md" >/dev/null
fi
cargo build --release --bin arendelint >&2
if [ ! -d "$docx" ]; then
  cargo run --release --quiet --example gen_docx -- "$md" "$docx" >&2
fi

files=$(find "$docx" -name '*.docx' | wc -l)
bytes=$(find "$docx" -name '*.docx' -printf '%s\n' | awk '{s+=$1} END {print s}')
cmd="$bin check --format json --fail-on never $docx"
hyperfine --warmup 1 --runs "$RUNS" --style none --export-json "$out/hyperfine-docx.json" \
  "$cmd > /dev/null" >&2
median=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$out/hyperfine-docx.json")
python3 - "$files" "$bytes" "$median" <<'PY'
import sys
files, size, s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
print(f"{files} .docx cases, {size / 1e6:.2f} MB in {s:.3f} s (median) = {files / s:.0f} cases/s, {size / 1e6 / s:.1f} MB/s")
PY
