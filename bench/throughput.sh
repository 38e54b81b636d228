#!/usr/bin/env bash
# Throughput of `arendelint check --format json` in MB/s (MB = 10^6 bytes).
#
#   bash bench/throughput.sh            # ~12 MB: 2,400 generated cases of ~5 KB
#   DOCS=4000 RUNS=10 bash bench/throughput.sh
#   SINGLE_MB=10 bash bench/throughput.sh   # also time one ~10 MB file
#
# The corpus comes from bench/gen_corpus.py (deterministic for a
# seed) and is written to bench/out/ (git-ignored). Uses hyperfine when it is
# installed (tries apt when running as root), else times RUNS runs and takes the median.
set -euo pipefail

DOCS=${DOCS:-2400}
SIZE_KB=${SIZE_KB:-5}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
SINGLE_MB=${SINGLE_MB:-}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
gen="$root/bench/gen_corpus.py"
out="$root/bench/out"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="$target_dir/release/arendelint"
mkdir -p "$out"

if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || true
fi

corpus="$out/corpus-n$DOCS-kb$SIZE_KB-s$SEED"
if [ ! -d "$corpus" ]; then
  python3 "$gen" --n "$DOCS" --size-kb "$SIZE_KB" --seed "$SEED" --out "$corpus" >/dev/null
fi

cargo build --release --bin arendelint >&2

# Bytes of the checked documents only (not the generator's manifest.json).
bytes_of() {
  python3 - "$1" <<'PY'
import os, sys
root = sys.argv[1]
if os.path.isfile(root):
    print(os.path.getsize(root)); sys.exit()
total = 0
for d, _, files in os.walk(root):
    total += sum(os.path.getsize(os.path.join(d, f)) for f in files if f.endswith((".md", ".txt", ".markdown")))
print(total)
PY
}

# Median wall time in seconds of `arendelint check --format json TARGET`.
median_seconds() {
  local target=$1
  local cmd="$bin check --format json --fail-on never $target"
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$RUNS" --style none --export-json "$out/hyperfine.json" \
      "$cmd > /dev/null" >&2
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$out/hyperfine.json"
  else
    $cmd >/dev/null # warm-up
    for _ in $(seq "$RUNS"); do
      local t0 t1
      t0=$(date +%s.%N)
      $cmd >/dev/null
      t1=$(date +%s.%N)
      echo "$t1 - $t0" | bc -l 2>/dev/null || python3 -c "print($t1 - $t0)"
    done | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
  fi
}

report() {
  local label=$1 target=$2
  local bytes seconds
  bytes=$(bytes_of "$target")
  seconds=$(median_seconds "$target")
  python3 -c 'import sys; b, s, l = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]; print(f"{l}: {b/1e6:.1f} MB in {s:.3f} s (median) = {b/1e6/s:.1f} MB/s")' \
    "$bytes" "$seconds" "$label"
}

echo "machine: $(nproc) cores, $(uname -sm); $("$bin" --version)"
report "corpus of $DOCS cases (~$SIZE_KB KB each)" "$corpus"

if [ -n "$SINGLE_MB" ]; then
  single="$out/single-$SINGLE_MB-s$SEED.md"
  [ -f "$single" ] || python3 "$gen" --single-mb "$SINGLE_MB" --seed "$SEED" --out "$single" >/dev/null
  report "one file of ~$SINGLE_MB MB" "$single"
fi
