# Shared by fuzz/run.sh and fuzz/campaign.sh (sourced): the nightly toolchain,
# cargo-fuzz, the seeds, the build, and each target's libFuzzer flags.
# Expects `fuzz` to be the fuzz/ directory (the current directory).

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

# Installs what is missing, seeds the corpus once and builds every target
# (no sanitizer, debug assertions and overflow checks on); sets `bin`.
# FUZZ_TRACE_COMPARES=0 builds without comparison tracing (about twice the
# executions per second; libFuzzer then learns no compared values) in its own
# target dir, for volume campaigns on an already grown corpus.
prepare() {
  rustup run nightly rustc --version >/dev/null 2>&1 \
    || rustup toolchain install nightly --profile minimal
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
  [ -d corpus ] || bash "$fuzz/seed.sh"
  # The fuzz crate's own target dir (nightly, instrumented): never the main
  # workspace's, whatever CARGO_TARGET_DIR says.
  local flags=(-O -a -s none) dir=target
  if [ "${FUZZ_TRACE_COMPARES:-1}" = 0 ]; then
    flags+=(--no-trace-compares)
    dir=target-no-cmp
  fi
  export CARGO_TARGET_DIR="$fuzz/$dir"
  cargo +nightly fuzz build "${flags[@]}"
  local host
  host=$(rustup run nightly rustc -vV | sed -n 's/^host: //p')
  bin="$CARGO_TARGET_DIR/$host/release"
  mkdir -p logs
}

# Runs target $1 with extra libFuzzer options ($2…) on the accumulated corpus
# (and the inputs of fixed crashes, fuzz/regressions/<target>/), writing the
# log to $LOG; returns libFuzzer's status.
fuzz_target() {
  local t=$1
  shift
  mkdir -p "corpus/$t" "artifacts/$t"
  local dirs=("corpus/$t")
  [ -d "regressions/$t" ] && dirs+=("regressions/$t")
  # shellcheck disable=SC2046
  "$bin/$t" "${dirs[@]}" "$@" -max_len="$(max_len "$t")" $(extra_flags "$t") \
    -timeout=30 -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" -print_final_stats=1 \
    >"$LOG" 2>&1
}
