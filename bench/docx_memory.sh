#!/usr/bin/env bash
# Peak memory of hostile Word files (the robustness issue's "120 KB .docx"):
# a body of "1 barn, " repeated (a figure about people every 8 bytes) that
# unpacks to just under the 16 MiB limit, and one that unpacks to 60 MB (refused).
# Usage: bash bench/docx_memory.sh   (builds the release binary; needs python3
# and GNU time at /usr/bin/time)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin arendelint
bin="${CARGO_TARGET_DIR:-$root/target}/release/arendelint"
python3 - "$work" <<'PY'
import sys, zipfile
out = sys.argv[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')
para = "<w:p><w:r><w:t>" + "1 barn, " * 2000 + "</w:t></w:r></w:p>"
for name, size in [("limit", 16 * 1024 * 1024 - 400), ("over", 60_000_000)]:
    body = para * (size // len(para))
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(f"{out}/{name}.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("word/document.xml", doc)
PY
for name in limit over; do
  file="$work/$name.docx"
  /usr/bin/time -o "$work/time" -f "%M %e" "$bin" check --format json "$file" >/dev/null 2>&1 || true
  read -r kib secs <<<"$(tail -1 "$work/time")"
  printf '%-6s %8s KB file: peak %5d MiB, %5s s\n' "$name" "$(( $(stat -c %s "$file") / 1024 ))" "$(( kib / 1024 ))" "$secs"
done
