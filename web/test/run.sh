#!/usr/bin/env bash
# Builds the page (web/build.sh) and tests it:
#   1. node web/test/corpus.js: the wasm build gives the CLI's JSON on the dev
#      corpus, the examples and the Word/PDF fixtures (offsets converted);
#   2. node web/test/browser.js: the page from file:// in Debian's Chromium
#      (playwright-core): findings, highlights, fix, .docx drop, agenda cards,
#      English, keyboard, axe-core with zero WCAG 2.1 AA violations, no request;
#   3. the Word add-in's logic against office-addin-mock, and its manifest
#      (editors/word/test/run.sh).
# Screenshots, report.json and build.json in $WEB_OUT (default
# $CARGO_TARGET_DIR/web). npm packages are cached in $ARENDELINT_CI_CACHE.
#
#   web/test/run.sh CLI_BINARY CORPUS_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${ARENDELINT_CI_CACHE:-$HOME/.cache/arendelint-ci}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
out="${WEB_OUT:-$target_dir/web}"
PLAYWRIGHT_VERSION=1.65.2
AXE_VERSION=4.14.1
[ $# -eq 2 ] || { echo "usage: $0 CLI_BINARY CORPUS_DIR" >&2; exit 2; }
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
corpus="$2"
say() { printf 'web/test: %s\n' "$*" >&2; }
# shellcheck source=/dev/null
. "$here/../../.ci/installs.sh"
command -v node >/dev/null || { say "node is required"; exit 1; }
if ! command -v chromium >/dev/null; then
  retry sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null'
fi
npm_install playwright "playwright-core@$PLAYWRIGHT_VERSION"
npm_install axe "axe-core@$AXE_VERSION"

rm -rf "$out"
mkdir -p "$out"
started=$SECONDS
bash "$repo/web/build.sh" "$out/dist"
say "build: $((SECONDS - started)) s"
cp "$out/dist/build.json" "$out/build.json"

node "$here/corpus.js" "$out/dist" "$cli" "$corpus"
NODE_PATH="$cache/playwright/node_modules" timeout 600 node "$here/browser.js" "$out/dist" "$out" \
  "$cache/axe/node_modules/axe-core/axe.min.js"
if [ -f "$repo/editors/word/test/run.sh" ]; then
  bash "$repo/editors/word/test/run.sh" "$out/dist"
fi
say "screenshots and report.json in $out"
