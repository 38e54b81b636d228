//! The arendelint language server (stub: being built).

/// Runs the language server on stdin/stdout until the client exits.
/// Returns the process exit code.
pub fn run_stdio() -> i32 {
    0
}
