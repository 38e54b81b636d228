#!/usr/bin/env bash
# A long fuzzing campaign, for the executions fuzz/REPORT.md counts: runs each
# TARGET:RUNS in turn: the corpus, then RUNS mutated inputs (libFuzzer's -runs), at the lowest CPU
# priority, on the corpus fuzz/run.sh accumulates, and logs each run to
# fuzz/logs/<name>_<target>.log, the form fuzz/tools/tally.py sums.
#
#   FUZZ_NAME=c8 bash fuzz/campaign.sh agenda:8000000 lint_text:9000000 &
#   FUZZ_NAME=c8b bash fuzz/campaign.sh config:9000000 lsp_messages:9000000 &
#   python3 fuzz/tools/tally.py fuzz/logs/*_*.log
#
# FUZZ_TRACE_COMPARES=0 runs a build without comparison tracing (fuzz/common.sh):
# name such a campaign so that fuzz/REPORT.md can tell its runs apart.
#
# One campaign per core; a second one in parallel takes the other core. A run
# that finds a crash, timeout or out-of-memory stops there (its input is in
# fuzz/artifacts/<target>/) and the campaign goes on with the next target;
# the exit status is non-zero if any run failed. Do not pause a run (SIGSTOP)
# for longer than the 30 s unit timeout: the unit in progress would be
# reported as a timeout.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
fuzz=$PWD
name=${FUZZ_NAME:-campaign}
[ $# -gt 0 ] || { echo "usage: FUZZ_NAME=NAME bash fuzz/campaign.sh TARGET:RUNS..." >&2; exit 2; }

# shellcheck source=fuzz/common.sh
source "$fuzz/common.sh"
set -e
prepare
set +e
renice -n 19 $$ >/dev/null
status=0
for pair in "$@"; do
  t=${pair%%:*}
  runs=${pair##*:}
  LOG="logs/${name}_$t.log" fuzz_target "$t" -runs="$runs"
  code=$?
  printf '%s %s: exit %s (%s)\n' "$(date -u +%FT%TZ)" "$t" "$code" "logs/${name}_$t.log"
  [ "$code" = 0 ] || status=1
done
exit "$status"
