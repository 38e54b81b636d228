#!/usr/bin/env bash
# The Word add-in's tests in Node: its logic against a Word API stand-in built
# from office-addin-mock (addin.test.js) and its manifest (manifest.test.js),
# on a bundle built by web/build.sh. npm packages are cached in
# $ARENDELINT_CI_CACHE (default ~/.cache/arendelint-ci).
#
#   editors/word/test/run.sh [DIST_DIR]      default: web/dist
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
dist="$(cd "${1:-$repo/web/dist}" && pwd)"
cache="${ARENDELINT_CI_CACHE:-$HOME/.cache/arendelint-ci}"
MOCK_VERSION=4.0.0
MANIFEST_VERSION=3.0.0
dir="$cache/office-addin"
marker="$dir/.done-office-addin-mock@$MOCK_VERSION-office-addin-manifest@$MANIFEST_VERSION"
if [ ! -f "$marker" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{"private": true}' >"$dir/package.json"
  for n in 1 2 3; do
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error \
      "office-addin-mock@$MOCK_VERSION" "office-addin-manifest@$MANIFEST_VERSION" >install.log 2>&1) && break
    [ "$n" = 3 ] && { tail -30 "$dir/install.log" >&2; exit 1; }
    sleep $((n * 5))
  done
  touch "$marker"
fi
# office-addin-manifest would send usage data; it must not try.
export OFFICE_ADDIN_USAGE_DATA_LEVEL=Off
ARENDELINT_DIST="$dist" NODE_PATH="$dir/node_modules" \
  node --test "$here/addin.test.js" "$here/manifest.test.js"
