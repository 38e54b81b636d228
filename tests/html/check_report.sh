#!/usr/bin/env bash
# Opens the HTML report of an agenda in headless Chromium, checks its DOM (the
# summary table, a row and a section per case title, marked spans, nothing
# loaded from outside) and takes a screenshot and a PDF print.
#
#   bash tests/html/check_report.sh [path/to/arendelint]
#
# Output (report.html, dom.html, report.png, report.pdf) goes to $REPORT_OUT,
# default $CARGO_TARGET_DIR/html-report (or target/html-report).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin=${1:-}
if [ -z "$bin" ]; then
  (cd "$root" && cargo build --quiet --bin arendelint)
  bin="$target_dir/debug/arendelint"
fi
out="${REPORT_OUT:-$target_dir/html-report}"
mkdir -p "$out"
out=$(cd "$out" && pwd)

chromium_bin=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium_bin" ] || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }

# A fresh profile each run: no state from earlier runs, nothing shared.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium() {
  timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" --hide-scrollbars "$@" 2>>"$out/chromium.log"
}

cp "$here/kallelse.md" "$out/kallelse.md"
status=0
(cd "$out" && "$bin" check --agenda --format html --output report.html kallelse.md) || status=$?
[ "$status" = 1 ] || { echo "expected exit code 1 (findings), got $status" >&2; exit 1; }

url="file://$out/report.html"
chromium --dump-dom "$url" >"$out/dom.html"
chromium --screenshot="$out/report.png" --window-size=1280,1800 "$url"
chromium --print-to-pdf="$out/report.pdf" --no-pdf-header-footer "$url"

python3 "$here/check_dom.py" "$out/dom.html" "$here/kallelse.md" "$out/report.png" "$out/report.pdf"
echo "HTML report OK: $out/report.html, screenshot $out/report.png, print $out/report.pdf"
