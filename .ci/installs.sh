# Shared by the test scripts that install tools on first use (sourced, not run).
# The caller defines `say MESSAGE` and `cache` (the folder installs are kept
# in between runs, e.g. ~/.cache/arendelint-ci).

# Runs a command up to three times, waiting 5 and 10 s in between: package
# mirrors fail now and then, and one failed download should not fail CI.
retry() {
  local n
  for n in 1 2 3; do
    "$@" && return 0
    say "attempt $n failed: $*"
    sleep $((n * 5))
  done
  return 1
}

# npm_install FOLDER PACKAGE@VERSION: the package in its own folder under
# $cache, marked done only when the install completed.
npm_install() {
  local dir="$cache/$1"
  [ -f "$dir/.done-$2" ] && return 0
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{"private": true}' >"$dir/package.json"
  say "npm install $2 (cached in $dir)"
  retry sh -c 'cd "$1" && npm install --no-audit --no-fund --loglevel=error "$2" >install.log 2>&1 || { tail -30 install.log >&2; exit 1; }' sh "$dir" "$2"
  touch "$dir/.done-$2"
}
