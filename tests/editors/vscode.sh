#!/usr/bin/env bash
# The VS Code extension (editors/vscode): npm ci, strict type check, compile,
# unit tests (settings mapping, program lookup, translations, and the mapped
# settings against the real `arendelint lsp`), `vsce package`, and a check that
# the .vsix holds the compiled extension and vscode-languageclient and loads with
# no module from outside it. No VS Code is downloaded: nothing here needs one.
# Quiet on success but for one summary line. ARENDELINT_BIN: a built binary
# (else `cargo build --bin arendelint` is run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
ext="$repo/editors/vscode"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/log"

run() {
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "vscode.sh: FAILED: $*" >&2
    exit 1
  fi
}

command -v node >/dev/null && command -v npm >/dev/null || { echo "vscode.sh: node and npm are required" >&2; exit 1; }
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "vscode.sh: Node 20+ is required (have $(node --version))" >&2; exit 1; }

if [ -z "${ARENDELINT_BIN:-}" ]; then
  run cargo build --quiet --manifest-path "$repo/Cargo.toml" --bin arendelint
  ARENDELINT_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/arendelint"
fi
[ -x "$ARENDELINT_BIN" ] || { echo "vscode.sh: no arendelint binary at $ARENDELINT_BIN" >&2; exit 1; }
export ARENDELINT_BIN

cd "$ext"
run npm ci --no-audit --no-fund
run npm run typecheck
run npm run compile

# Unit tests; the server test must run, not be skipped.
if ! node --test out/test/ >"$log" 2>&1; then
  cat "$log" >&2
  echo "vscode.sh: FAILED: node --test" >&2
  exit 1
fi
count() { sed -n "s/^# $1 //p" "$log" | tail -1; }
passed="$(count pass)" failed="$(count fail)" skipped="$(count skipped)"
if [ "${failed:-1}" != 0 ] || [ "${skipped:-1}" != 0 ] || [ "${passed:-0}" -lt 20 ]; then
  cat "$log" >&2
  echo "vscode.sh: unexpected test counts: pass=$passed fail=$failed skipped=$skipped" >&2
  exit 1
fi

# Package (vsce runs `vscode:prepublish`, i.e. compile, itself).
version="$(node -p 'require("./package.json").version')"
vsix="$ext/arendelint-$version.vsix"
rm -f "$vsix"
run npx --no-install vsce package
[ -s "$vsix" ] || { echo "vscode.sh: $vsix was not made" >&2; exit 1; }

python3 -m zipfile -l "$vsix" | awk '{print $1}' >"$work/files"
for f in extension/package.json extension/out/extension.js extension/out/settings.js \
  extension/package.nls.json extension/package.nls.sv.json extension/l10n/bundle.l10n.sv.json \
  extension/readme.md extension/LICENSE.txt \
  extension/node_modules/vscode-languageclient/package.json \
  extension/node_modules/vscode-languageclient/node.js \
  extension/node_modules/vscode-jsonrpc/package.json; do
  grep -qx "$f" "$work/files" || { echo "vscode.sh: $f missing from $(basename "$vsix")" >&2; exit 1; }
done
if grep -E '^extension/(src/|out/test/|node_modules/(typescript|@vscode/vsce|@types)/)' "$work/files" >"$log"; then
  echo "vscode.sh: the .vsix holds files meant to stay out:" >&2
  head "$log" >&2
  exit 1
fi
python3 -m zipfile -e "$vsix" "$work/vsix"
run node "$here/vscode/load-vsix.js" "$work/vsix/extension"

echo "vscode: $passed passed, 0 failed; packaged $(basename "$vsix") ($(wc -l <"$work/files") files)"
