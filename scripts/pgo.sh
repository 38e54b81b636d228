#!/usr/bin/env bash
# A profile-guided (PGO) build of the arendelint program for the machine's own
# target: what scripts/dist.sh ships for Linux and what bench/compare.sh measures.
#
#   scripts/pgo.sh [PROFILE]      PROFILE: release (default) or dist
#
# Three steps, each in its own target folder under $CARGO_TARGET_DIR (else target/)
# and for the host target given by name (so that RUSTFLAGS reach the program only):
#   1. an instrumented build (-Cprofile-generate) in pgo-generate/;
#   2. a training run of that build on inputs made here, none of them the
#      benchmark corpora: 600 generated cases (bench/gen_corpus.py, seed 7, not
#      the benchmarks' seeds 1 and 2) as Markdown and as Word files, a 2 MB file
#      dense with findings, the examples/ folder (also as an agenda), the PDF
#      fixtures, in the output formats used most (json, human, sarif, github),
#      and 150 keystrokes in the language server (bench/lsp_latency.py);
#   3. the optimised build (-Cprofile-use) in pgo/, from the merged profile.
# The program's path is printed on stdout; messages go to stderr.
#
# Merging the raw profiles needs an `llvm-profdata` that reads the format of
# rustc's own LLVM: the script uses the one of the `llvm-tools` rustup component
# (installed when missing), else a distribution's llvm-profdata-NN on PATH
# (LLVM_PROFDATA=... picks another).
# Output is the same as a plain build's: PGO only changes how the code is laid
# out and inlined (bench/compare.sh's figures are for this build; BENCHMARKS.md
# gives both).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profile="${1:-release}"
case "$profile" in
  release | dist) ;;
  *) echo "pgo.sh: unknown profile '$profile' (release or dist)" >&2; exit 2 ;;
esac
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
host="$(rustc -vV | sed -n 's/^host: //p')"
work="$target_dir/pgo-data"
raw="$work/raw"
merged="$work/merged.profdata"

find_profdata() {
  if [ -n "${LLVM_PROFDATA:-}" ]; then
    echo "$LLVM_PROFDATA"
    return
  fi
  local tool version
  tool="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
  if ! [ -x "$tool" ] && command -v rustup >/dev/null; then
    rustup component add llvm-tools >&2 || true
  fi
  if [ -x "$tool" ]; then
    echo "$tool"
    return
  fi
  # A distribution's LLVM, newest first (its reader must know rustc's format).
  for version in 22 21 20 19; do
    if command -v "llvm-profdata-$version" >/dev/null; then
      command -v "llvm-profdata-$version"
      return
    fi
  done
  echo "pgo.sh: no llvm-profdata: run 'rustup component add llvm-tools' (or set LLVM_PROFDATA)" >&2
  exit 1
}
profdata="$(find_profdata)"

# 1. Instrumented build.
rm -rf "$work"
mkdir -p "$raw"
echo "pgo.sh: instrumented build" >&2
# With --target, RUSTFLAGS reach the program only, not build scripts and
# procedural macros (which would write profiles of their own while building).
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$raw" \
  cargo build --manifest-path "$repo/Cargo.toml" --locked --quiet --profile "$profile" \
  --target "$host" --bin arendelint --target-dir "$target_dir/pgo-generate"
instrumented="$target_dir/pgo-generate/$host/$profile/arendelint"

# 2. Training run. Findings make the program exit 1: that is expected here.
inputs="$work/inputs"
mkdir -p "$inputs"
python3 "$repo/bench/gen_corpus.py" --n 600 --size-kb 5 --seed 7 --out "$inputs/cases" >/dev/null
python3 "$repo/bench/gen_dense.py" --mb 2 --out "$inputs/dense.md" >/dev/null
python3 "$repo/bench/gen_corpus.py" --single-mb 0.3 --seed 8 --out "$inputs/case300k.md" >/dev/null
# Word files made from the generated cases (a debug build of the generator is
# enough): code the training does not run would be laid out as cold.
cargo run --manifest-path "$repo/Cargo.toml" --locked --quiet --example gen_docx -- \
  "$inputs/cases" "$inputs/docx" >/dev/null
echo "pgo.sh: training run" >&2
train() {
  local status=0
  "$instrumented" "$@" >/dev/null 2>&1 || status=$?
  # 0: no findings, 1: findings; anything else is a failure of the run.
  if [ "$status" -gt 1 ]; then
    echo "pgo.sh: training run failed (exit $status): arendelint $*" >&2
    exit 1
  fi
}
for format in json human sarif github; do
  train check --format "$format" "$inputs/cases"
  train check --format "$format" "$repo/examples"
done
train check --format json "$inputs/dense.md"
train check --format human "$inputs/dense.md"
train check --format json "$inputs/case300k.md"
train check --agenda --format json "$repo/examples"
train check --format json "$inputs/docx"
train check --format human "$inputs/docx"
# The PDF fixtures (the only PDFs in the repository), a few times over.
for _ in 1 2 3 4 5; do
  train check --format json "$repo/tests/fixtures/pdf"
done
python3 "$repo/bench/lsp_latency.py" "$instrumented" --case "$inputs/case300k.md" --edits 150 --warmup 5 >/dev/null
ls "$raw"/*.profraw >/dev/null 2>&1 || { echo "pgo.sh: the training run wrote no profiles to $raw" >&2; exit 1; }
"$profdata" merge -o "$merged" "$raw"/*.profraw || {
  echo "pgo.sh: $profdata could not merge the profiles (an LLVM older than rustc's?); set LLVM_PROFDATA" >&2
  exit 1
}

# 3. Optimised build.
echo "pgo.sh: optimised build" >&2
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-use=$merged" \
  cargo build --manifest-path "$repo/Cargo.toml" --locked --quiet --profile "$profile" \
  --target "$host" --bin arendelint --target-dir "$target_dir/pgo"
bin="$target_dir/pgo/$host/$profile/arendelint"
[ -x "$bin" ] || { echo "pgo.sh: $bin was not built" >&2; exit 1; }
echo "$bin"
