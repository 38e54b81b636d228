#!/usr/bin/env bash
# Runs the pre-commit framework with this repository's hook on a temporary git
# repository: committing a case without a gender section must fail, a good
# case must pass.
#
# Uses the `arendelint-system` hook from .pre-commit-hooks.yaml with the
# freshly built binary on PATH (the `arendelint` hook builds with cargo inside
# pre-commit, which takes minutes; set PRECOMMIT_RUST_HOOK=1 to test it too).
# pre-commit is installed with pip when it is missing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
target_dir="${CARGO_TARGET_DIR:-$root/target}"
fail() { echo "precommit test: FAIL: $*" >&2; exit 1; }

(cd "$root" && cargo build --quiet --bin arendelint)
export PATH="$target_dir/debug:$PATH"

if ! command -v pre-commit >/dev/null 2>&1; then
  python3 -m pip install --quiet --user pre-commit
  PATH="$(python3 -m site --user-base)/bin:$PATH"
fi
pre-commit --version

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# pre-commit keeps its clones here; a fresh one keeps the test independent.
export PRE_COMMIT_HOME="$work/cache"

# pre-commit clones the hook repository at a commit. `try-repo` would take the
# working tree, but a real config is what users write: use a snapshot commit
# of the working tree's hook file and sources (git stash create leaves the
# working tree and index as they are).
rev=$(git -C "$root" stash create 2>/dev/null || true)
rev=${rev:-$(git -C "$root" rev-parse HEAD)}

repo="$work/repo"
git init --quiet "$repo"
cd "$repo"
git config user.email test@example.invalid
git config user.name "pre-commit test"
git config commit.gpgsign false

hooks="arendelint-system"
[ "${PRECOMMIT_RUST_HOOK:-0}" = 1 ] && hooks="$hooks arendelint"
{
  echo "repos:"
  echo "  - repo: $root"
  echo "    rev: $rev"
  echo "    hooks:"
  for hook in $hooks; do echo "      - id: $hook"; done
} > .pre-commit-config.yaml
git add .pre-commit-config.yaml
git commit --quiet --no-verify -m "pre-commit config"
pre-commit install --install-hooks >/dev/null

# A bad case: no gender section (JAM001), an undivided count (JAM004).
cp "$root/examples/saknar-jamstalldhet.txt" bad.txt
git add bad.txt
if git commit --quiet -m "bad case" >"$work/bad.log" 2>&1; then
  cat "$work/bad.log"; fail "the hook let a case without a gender section through"
fi
grep -q "JAM001" "$work/bad.log" || { cat "$work/bad.log"; fail "no JAM001 in the hook output"; }
echo "bad case refused:"; head -20 "$work/bad.log" | sed 's/^/  | /'
git rm --quiet --cached bad.txt && rm bad.txt

# A good case passes and is committed.
cp "$root/examples/exemplariskt-arende.md" good.md
git add good.md
git commit --quiet -m "good case" >"$work/good.log" 2>&1 || { cat "$work/good.log"; fail "the hook refused a good case"; }
grep -q "good case" <<<"$(git log --oneline -1)" || fail "the good case was not committed"
echo "good case committed"
echo "precommit test: OK"
