#!/usr/bin/env bash
# Validates arendelint's SARIF with Microsoft's SARIF validator
# (`sarif-multitool validate`, from npm: @microsoft/sarif-multitool).
#
# The npm package pulls a platform package (@microsoft/sarif-multitool-linux,
# ~95 MB) holding a self-contained .NET executable: no .NET runtime is needed.
# It is installed once into target/tools/sarif-multitool (git-ignored).
#
# Input: a SARIF report of a corpus folder (the first argument; default the
# development corpus in ../shared/corpus/dev when it exists beside the repository,
# else the annotated sample in tests/corpus/sample) and of examples/ (fixes with
# CRLF skeletons, a configuration of its own). Passes
# when the validator reports zero errors; warnings are printed and counted.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
target_dir="${CARGO_TARGET_DIR:-$root/target}"
default_corpus="$root/../shared/corpus/dev"
[ -d "$default_corpus" ] || default_corpus="$root/tests/corpus/sample"
corpus="${1:-$default_corpus}"
tools="$root/target/tools/sarif-multitool"
fail() { echo "sarif validation: FAIL: $*" >&2; exit 1; }

command -v npm >/dev/null || fail "npm is required"
(cd "$root" && cargo build --quiet --bin arendelint)
bin="$target_dir/debug/arendelint"

if [ ! -x "$tools/node_modules/.bin/sarif-multitool" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent @microsoft/sarif-multitool@5 >/dev/null
fi
# npm may skip the package's postinstall (`chmod u+x`); do it here.
chmod u+x "$tools"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null || true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

status=0
validate() {
  local name=$1 dir=$2
  # Exit code 1 means findings, which is expected; 2 would be a usage error.
  (cd "$dir" && "$bin" check --format sarif .) > "$work/$name.sarif" || [ $? -eq 1 ] \
    || fail "arendelint failed on $dir"
  "$tools/node_modules/.bin/sarif-multitool" validate "$work/$name.sarif" \
    --output "$work/$name.validation.sarif" --log ForceOverwrite --quiet >/dev/null 2>&1 || true
  python3 - "$name" "$work/$name.sarif" "$work/$name.validation.sarif" <<'PY' || status=1
import json, sys
name, report, validation = sys.argv[1:]
results = json.load(open(validation, encoding="utf-8"))["runs"][0].get("results", [])
count = {}
for r in results:
    level = r.get("level", "warning")
    count[level] = count.get(level, 0) + 1
    if level in ("error", "warning"):
        loc = r.get("locations", [{}])[0].get("physicalLocation", {}).get("region", {})
        print(f"  {level} {r['ruleId']} at {loc.get('startLine')}:{loc.get('startColumn')}: "
              f"{r['message'].get('text') or r['message'].get('arguments')}")
findings = len(json.load(open(report, encoding="utf-8"))["runs"][0]["results"])
print(f"{name}: {findings} results validated: {count.get('error', 0)} errors, "
      f"{count.get('warning', 0)} warnings")
sys.exit(1 if count.get("error", 0) else 0)
PY
}

"$tools/node_modules/.bin/sarif-multitool" --version 2>/dev/null | grep -m1 "SARIF Multitool" || true
validate corpus "$corpus"
validate examples "$root/examples"
[ "$status" -eq 0 ] || fail "the validator reported errors"
echo "sarif validation: OK"
