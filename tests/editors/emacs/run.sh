#!/usr/bin/env bash
# Emacs 28 (Debian emacs-nox + elpa-eglot) in batch mode with the setup from
# editors/emacs/: opens a Markdown and a text case and checks that Flymake
# receives the expected diagnostics (check.el). Installs the Debian packages
# when missing; ARENDELINT_BIN: a built binary (else `cargo build` is run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
elpa=/usr/share/emacs/site-lisp/elpa

have() { compgen -G "$elpa/$1-*" >/dev/null; }
if ! command -v emacs >/dev/null || ! have eglot || ! have markdown-mode; then
  if [ "$(id -u)" != 0 ]; then
    echo "emacs/run.sh: needs emacs-nox, elpa-eglot and elpa-markdown-mode (apt-get as root)" >&2
    exit 1
  fi
  log="$(mktemp)"
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      emacs-nox elpa-eglot elpa-markdown-mode; } >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  rm -f "$log"
fi

if [ -z "${ARENDELINT_BIN:-}" ]; then
  cargo build --quiet --manifest-path "$repo/Cargo.toml" --bin arendelint
  ARENDELINT_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/arendelint"
fi
[ -x "$ARENDELINT_BIN" ] || { echo "emacs/run.sh: no arendelint binary at $ARENDELINT_BIN" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/case.md" "$work/arende.md"
cp "$here/case.txt" "$work/arende.txt"
out="$work/out"
# HOME in the scratch folder: no user init, no state left behind.
if ! (cd "$work" && HOME="$work" ARENDELINT_REPO="$repo" ARENDELINT_BIN="$ARENDELINT_BIN" \
  timeout 120 emacs --batch -Q -l "$here/check.el") >"$out" 2>&1; then
  cat "$out" >&2
  echo "emacs/run.sh: FAILED ($(emacs --version | head -1))" >&2
  exit 1
fi
echo "emacs: $(emacs --version | head -1 | sed 's/^GNU //'), eglot $(basename "$(compgen -G "$elpa/eglot-*" | head -1)" | sed 's/^eglot-//'): $(grep -c '' <(grep -E '^(markdown|reconfigured|text):' "$out")) checks passed, 0 failed"
