#!/usr/bin/env bash
# Writes the seed corpora into fuzz/corpus/<target>/ (not committed) from the
# repository's fixtures: examples/, document-like string literals of the tests,
# ../shared/corpus/dev when it is beside the repository, and .docx files written
# by the core's test generator (crates/arendelint-core/tests/docx_support via
# the root's `gen_docx` example).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
out="$root/fuzz/corpus"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

md="$work/md"
mkdir -p "$md"
cp examples/*.md examples/organisation/*.md "$md/"
extra=()
if [ -d "$root/../shared/corpus/dev" ]; then
  cp "$root"/../shared/corpus/dev/*.md "$md/" 2>/dev/null || true
  extra+=("$root/../shared/corpus/dev")
fi
# The stable toolchain and the main workspace's target dir.
cargo run --quiet --example gen_docx -- "$md" "$work/docx" >/dev/null
python3 "$root/fuzz/tools/seeds.py" "$out" "$work/docx" "${extra[@]}"
