#!/usr/bin/env bash
# Runs the Neovim test on one Neovim: run.sh NVIM INIT (legacy|current).
# ARENDELINT_BIN must point to the built binary.
set -euo pipefail
nvim="$1"
init="$2"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/case.md" "$work/arende.md"
export ARENDELINT_REPO="$repo"
: "${ARENDELINT_BIN:?set ARENDELINT_BIN to the arendelint binary}"
# -i NONE: no shada; HOME/XDG point into the scratch folder so no user config
# or state leaks in. `timeout` guards against a hung editor.
cd "$work"
HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
  timeout 60 "$nvim" --headless -i NONE -n -u "$here/init_$init.lua" \
  -c "luafile $here/check.lua" arende.md
