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

# Per-target input limits: small inputs keep the executions fast; .docx seeds
# are zip files of a few kB.
max_len() {
  case $1 in
    lint_docx) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

# The language server logs every rejected message to stderr: silence it
# (-close_fd_mask=2; libFuzzer keeps its own report). Reproduce a crash by
# running the target binary on the artifact to see the panic message.
extra_flags() {
  case $1 in
    lsp_messages) echo -close_fd_mask=2 ;;
  esac
}

rustup run nightly rustc --version >/dev/null 2>&1 \
  || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
[ -d corpus ] || bash "$fuzz/seed.sh"

# The fuzz crate's own target dir (nightly, instrumented): never the main
# workspace's, whatever CARGO_TARGET_DIR says.
export CARGO_TARGET_DIR="$fuzz/target"
cargo +nightly fuzz build -O -a -s none
host=$(rustup run nightly rustc -vV | sed -n 's/^host: //p')
bin="$fuzz/target/$host/release"
mkdir -p logs
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  printf -- '--- %s: %ss\n' "$t" "$seconds"
  # fuzz/regressions/<target>/ holds the inputs of fixed crashes: run with the corpus.
  dirs=("corpus/$t")
  [ -d "regressions/$t" ] && dirs+=("regressions/$t")
  # shellcheck disable=SC2046
  if "$bin/$t" "${dirs[@]}" -max_total_time="$seconds" -max_len="$(max_len "$t")" $(extra_flags "$t") \
      -timeout=30 -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" -print_final_stats=1 \
      >"logs/$t.log" 2>&1; then
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
