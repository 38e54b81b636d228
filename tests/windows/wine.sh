#!/usr/bin/env bash
# The Windows program under Wine: `arendelint.exe check --format json` gives the
# same JSON as the Linux program on every case of a corpus (each file alone, and
# the whole folder), paths compared with "\" read as "/"; and
# `arendelint.exe lsp` answers `initialize`, then `shutdown` and `exit`.
#
#   tests/windows/wine.sh WINDOWS_EXE LINUX_BINARY CORPUS_DIR
#
# Debian wine64 is installed when missing; the Wine prefix is cached in
# $ARENDELINT_CI_CACHE/wine (default ~/.cache/arendelint-ci/wine).
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 WINDOWS_EXE LINUX_BINARY CORPUS_DIR" >&2; exit 2; }
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
exe="$(abs "$1")" linux="$(abs "$2")" corpus="$(cd "$3" && pwd)"
cache="${ARENDELINT_CI_CACHE:-$HOME/.cache/arendelint-ci}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { printf 'wine: %s\n' "$*" >&2; }

if ! command -v wine >/dev/null; then
  say "apt-get install wine64 wine"
  for n in 1 2 3; do
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine64 wine >/dev/null) && break
    [ "$n" = 3 ] && { say "installing wine failed"; exit 1; }
    sleep $((n * 5))
  done
fi
export WINEPREFIX="$cache/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
mkdir -p "$WINEPREFIX"
if [ ! -f "$WINEPREFIX/.done" ]; then
  say "creating the Wine prefix $WINEPREFIX"
  timeout 300 wineboot --init >/dev/null 2>&1 || { say "wineboot failed"; exit 1; }
  timeout 120 wineserver -w || true
  touch "$WINEPREFIX/.done"
fi
[ "$(head -c 2 "$exe")" = MZ ] || { say "$exe is not a Windows program"; exit 1; }
# Wine before 9 has no bcryptprimitives.dll, where Rust's standard library gets
# its random numbers (ProcessPrng); Windows 10 and later have it. Give the test
# prefix a stand-in built from tests/windows/bcryptprimitives.c.
shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$shim" ]; then
  command -v x86_64-w64-mingw32-gcc >/dev/null \
    || { say "Wine lacks bcryptprimitives.dll and there is no MinGW compiler (gcc-mingw-w64-x86-64) to build the stand-in"; exit 1; }
  x86_64-w64-mingw32-gcc -O2 -shared -Wl,--kill-at -o "$shim" "$here/bcryptprimitives.c" -ladvapi32
  say "installed a stand-in bcryptprimitives.dll in the Wine prefix (Wine $(wine --version 2>/dev/null))"
fi

version_linux="$("$linux" --version)"
version_win="$(timeout 120 wine "$exe" --version | tr -d '\r')"
[ "$version_win" = "$version_linux" ] || { say "versions differ: $version_win vs $version_linux"; exit 1; }

# The same JSON: paths with "\" read as "/"; everything else byte for byte.
work="$(mktemp -d)"
trap 'rm -rf "$work"; wineserver -k 2>/dev/null || true' EXIT
compare() { # label args...
  local label="$1"
  shift
  local rl=0 rw=0
  (cd "$corpus" && NO_COLOR=1 "$linux" check --format json "$@" >"$work/linux.json" 2>"$work/linux.err") || rl=$?
  (cd "$corpus" && NO_COLOR=1 timeout 120 wine "$exe" check --format json "$@" >"$work/win.json" 2>"$work/win.err") || rw=$?
  [ "$rl" = "$rw" ] || { say "$label: exit status $rw under Wine, $rl on Linux"; cat "$work/win.err" >&2; return 1; }
  python3 - "$work/linux.json" "$work/win.json" "$label" <<'PY'
import json, sys
linux, win, label = sys.argv[1:]
def load(p):
    with open(p, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    value = json.loads(text)
    for d in value.get("diagnostics", []):
        if isinstance(d.get("path"), str):
            d["path"] = d["path"].replace("\\", "/")
    return value
a, b = load(linux), load(win)
if a != b:
    sys.stderr.write(f"wine: {label}: JSON differs\n--- linux\n{json.dumps(a, ensure_ascii=False)[:2000]}\n--- windows\n{json.dumps(b, ensure_ascii=False)[:2000]}\n")
    sys.exit(1)
print(len(a.get("diagnostics", [])))
PY
}
files=0 findings=0
while IFS= read -r -d '' f; do
  rel="${f#"$corpus"/}"
  n="$(compare "$rel" "$rel")"
  files=$((files + 1)) findings=$((findings + n))
done < <(find "$corpus" -maxdepth 1 -type f \( -name '*.md' -o -name '*.txt' \) -print0 | sort -z)
[ "$files" -gt 0 ] || { say "no cases in $corpus"; exit 1; }
all="$(compare "the whole folder" .)"
[ "$all" = "$findings" ] || { say "the whole folder gave $all findings, the files one by one $findings"; exit 1; }

# The language server answers initialize.
timeout 120 python3 "$here/lsp_initialize.py" wine "$exe" lsp

say "$version_win: $files cases, $findings findings, the same JSON as on Linux; lsp answers initialize"
