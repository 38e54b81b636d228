#!/usr/bin/env bash
# A platform-specific .vsix with the arendelint program bundled (bin/arendelint
# or bin/arendelint.exe), which the extension runs unless `arendelint.path` is set.
#
#   editors/vscode/package-platform.sh VSCODE_TARGET BINARY [OUT.vsix]
#
# VSCODE_TARGET: linux-x64, win32-x64, darwin-x64 or darwin-arm64 (what
# `vsce package --target` and the marketplace call them). BINARY: the program
# built for that platform, e.g. from scripts/dist.sh:
#   linux-x64    x86_64-unknown-linux-gnu   win32-x64     x86_64-pc-windows-gnu
#   darwin-x64   x86_64-apple-darwin        darwin-arm64  aarch64-apple-darwin
# OUT: default arendelint-VERSION-VSCODE_TARGET.vsix in editors/vscode.
# Needs `npm ci` done in editors/vscode.
set -euo pipefail
ext="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 2 ] || { sed -n '2,14p' "${BASH_SOURCE[0]}" >&2; exit 2; }
target="$1" binary="$2"
case "$target" in
  win32-x64) exe=arendelint.exe ;;
  linux-x64 | darwin-x64 | darwin-arm64) exe=arendelint ;;
  *) echo "package-platform.sh: unknown target $target (linux-x64, win32-x64, darwin-x64, darwin-arm64)" >&2; exit 2 ;;
esac
[ -s "$binary" ] || { echo "package-platform.sh: no program at $binary" >&2; exit 1; }
# A Windows program starts with "MZ"; the others must not.
magic="$(head -c 2 "$binary")"
if { [ "$exe" = arendelint.exe ] && [ "$magic" != MZ ]; } || { [ "$exe" = arendelint ] && [ "$magic" = MZ ]; }; then
  echo "package-platform.sh: $binary is not a program for $target" >&2
  exit 1
fi
cd "$ext"
version="$(node -p 'require("./package.json").version')"
out="${3:-$ext/arendelint-$version-$target.vsix}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

rm -rf bin
mkdir bin
trap 'rm -rf "$ext/bin"' EXIT
cp "$binary" "bin/$exe"
chmod 755 "bin/$exe"
rm -f "$out"
npx --no-install vsce package --target "$target" --out "$out" >/dev/null
[ -s "$out" ] || { echo "package-platform.sh: $out was not made" >&2; exit 1; }
echo "$out"
