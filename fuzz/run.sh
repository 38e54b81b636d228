#!/usr/bin/env bash
# Runs every fuzz target for a bounded time on the nightly toolchain and fails
# on the first crash, timeout or out-of-memory. Used by .ci/run; also the way to
# fuzz by hand.
#
#   bash fuzz/run.sh                 # every target, FUZZ_SECONDS (60) each
#   FUZZ_SECONDS=600 bash fuzz/run.sh lint_text agenda
#
# Seeds come from fuzz/seed.sh (run here when fuzz/corpus/ is missing); what a
# run adds to fuzz/corpus/<target>/ stays there for the next run. Crashes land in
# fuzz/artifacts/<target>/ and the libFuzzer log in fuzz/logs/<target>.log.
# Builds without a sanitizer (-s none): the targets fuzz safe Rust, where
# AddressSanitizer finds nothing that a panic would not, at half the speed;
# debug assertions and overflow checks are on (-a).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
fuzz=$PWD
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lint_text lint_docx config agenda lsp_messages)

# shellcheck source=fuzz/common.sh
source "$fuzz/common.sh"
prepare
status=0
for t in "${targets[@]}"; do
  printf -- '--- %s: %ss\n' "$t" "$seconds"
  if LOG="logs/$t.log" fuzz_target "$t" -max_total_time="$seconds"; then
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "logs/$t.log" || true
  else
    status=1
    echo "FUZZ FAILURE in $t (log: fuzz/logs/$t.log, inputs: fuzz/artifacts/$t/):" >&2
    grep -E -A30 "panicked at|ERROR: libFuzzer|SUMMARY" "logs/$t.log" | head -60 >&2 || true
    # The panic message itself (hidden by -close_fd_mask for the server).
    for input in "artifacts/$t"/crash-* "artifacts/$t"/timeout-* "artifacts/$t"/oom-*; do
      [ -e "$input" ] || continue
      echo "--- $input" >&2
      "$bin/$t" "$input" 2>&1 | grep -E -A12 "panicked at" | head -30 >&2 || true
    done
  fi
done
exit "$status"
