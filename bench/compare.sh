#!/usr/bin/env bash
# Side-by-side throughput and peak memory (issue 12): arendelint against a bare
# `grep -P` scan for the same group-word forms, on three corpora built here:
#
#   * 4,000 generated cases of ~5 KB (~20 MB)      bench/gen_corpus.py --n 4000
#   * one ~100 MB file (and one ~20 MB file for the linearity check)  --single-mb
#   * one ~50 MB file dense with findings          bench/gen_dense.py
#
#   bash bench/compare.sh                 # RUNS=3 by default; the profile-guided
#                                         # build of scripts/pgo.sh (PGO=0: plain --release)
#   RUNS=5 PEERS=1 bash bench/compare.sh  # also textlint+prh if installed in $PEERS_DIR
#
# Every run goes through /usr/bin/time -v (peak RSS) with stdout piped to
# `wc -c` (GNU grep stops at the first match when stdout is /dev/null). The table
# gives the median wall time of RUNS runs, MB/s (10^6 bytes of input), peak RSS,
# output size and the 1-minute load average before the row was measured.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
out="$root/bench/out"
mkdir -p "$out"
RUNS=${RUNS:-3}
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="${BIN:-$target_dir/release/arendelint}"

if ! [ -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq time) >/dev/null 2>&1 || true
fi
if [ -z "${BIN:-}" ]; then
  if [ "${PGO:-1}" != 0 ]; then
    # What scripts/dist.sh ships: the profile-guided build.
    bin="$(bash scripts/pgo.sh release)"
  else
    cargo build --release --bin arendelint >&2
  fi
fi

corpus="$out/cmp-n4000-kb5-s1"
[ -d "$corpus" ] || python3 bench/gen_corpus.py --n 4000 --size-kb 5 --seed 1 --out "$corpus" >/dev/null
[ -f "$out/single-20-s2.md" ] || python3 bench/gen_corpus.py --single-mb 20 --seed 2 --out "$out/single-20-s2.md" >/dev/null
[ -f "$out/single-100-s2.md" ] || python3 bench/gen_corpus.py --single-mb 100 --seed 2 --out "$out/single-100-s2.md" >/dev/null
[ -f "$out/dense-50.md" ] || python3 bench/gen_dense.py --mb 50 --out "$out/dense-50.md"

exec python3 bench/compare.py --bin "$bin" --runs "$RUNS" --corpus "$corpus" \
  --single20 "$out/single-20-s2.md" --single100 "$out/single-100-s2.md" --dense "$out/dense-50.md" \
  ${PEERS:+--peers}
