//! `--fix` and `--diff`: apply the fixes of a checked document, then write it
//! (`fix_write`) or print a unified diff.
//!
//! Fixing runs to a fixed point in memory: fixes that overlap are taken one
//! per pass (the core skips the later one), so a single `--fix` applies all of
//! them and a second run finds nothing left to change.

use crate::inputs::Problem;
use crate::report::CheckedFile;
use crate::texts::Texts;
use arendelint_core::{Input, Linter, SourceKind};
use std::path::Path;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the fixed documents.
    Write,
    /// Print what `Write` would change, write nothing.
    Diff,
}

/// What happened to one document.
struct Outcome {
    display: String,
    fixes: usize,
    diff: Option<String>,
    problem: Option<String>,
}

/// Applies fixes to the documents of one run (from several threads).
pub struct Fixer {
    mode: Mode,
    include_unsafe: bool,
    texts: Texts,
    outcomes: Mutex<Vec<Outcome>>,
}

/// What the run prints once every document is done.
pub struct Finished {
    /// The unified diffs (`--diff`), in path order.
    pub diffs: String,
    /// Documents that could not be written.
    pub problems: Vec<Problem>,
    /// The stderr line: how many fixes in how many files.
    pub notice: String,
}

impl Fixer {
    pub fn new(mode: Mode, include_unsafe: bool, texts: Texts) -> Fixer {
        Fixer {
            mode,
            include_unsafe,
            texts,
            outcomes: Mutex::new(Vec::new()),
        }
    }

    /// The fixer `--fix` / `--diff` ask for, if any.
    pub fn from_args(args: &crate::args::CheckArgs, texts: Texts) -> Option<Fixer> {
        let mode = if args.diff {
            Mode::Diff
        } else if args.fix {
            Mode::Write
        } else {
            return None;
        };
        Some(Fixer::new(mode, args.unsafe_fixes, texts))
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Fixes `file` (read from `path`, checked by `linter` as `kind`) with the
    /// core's fix loop. Returns the file as the report should show it: fixed
    /// and re-checked when written, else as read. Word and PDF files are only
    /// read: their findings' offsets index the extracted text.
    pub fn apply(
        &self,
        path: &Path,
        kind: SourceKind,
        linter: &Linter,
        file: CheckedFile,
    ) -> CheckedFile {
        let fixed = match linter.fix(&Input::text(&file.text, kind), self.include_unsafe) {
            Ok(Some(fixed)) => fixed,
            // Nothing to fix, or a kind that is never written.
            Ok(None) | Err(_) => return file,
        };
        let fixes = fixed.applied;
        let fixed = CheckedFile::from_report(file.display.clone(), fixed.report);
        let mut outcome = Outcome {
            display: file.display.clone(),
            fixes,
            diff: None,
            problem: None,
        };
        let shown = match self.mode {
            Mode::Diff => {
                outcome.diff = Some(unified_diff(&file.display, &file.text, &fixed.text));
                file
            }
            Mode::Write => {
                let written = crate::fix_write::replace_file(path, fixed.text.as_bytes(), || {
                    crate::fix_write::still_reads(path, file.text.as_bytes())
                });
                match written {
                    Ok(()) => fixed,
                    Err(error) => {
                        outcome.problem = Some(self.texts.fix_write_error(&error));
                        outcome.fixes = 0;
                        file
                    }
                }
            }
        };
        if let Ok(mut outcomes) = self.outcomes.lock() {
            outcomes.push(outcome);
        }
        shown
    }

    pub fn finish(self) -> Finished {
        let mut outcomes = self
            .outcomes
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        outcomes.sort_by(|a, b| a.display.cmp(&b.display));
        let mut diffs = String::new();
        let mut problems = Vec::new();
        let (mut fixes, mut files) = (0, 0);
        for outcome in outcomes {
            if let Some(diff) = outcome.diff {
                diffs.push_str(&diff);
            }
            if let Some(message) = outcome.problem {
                problems.push(Problem {
                    display: outcome.display,
                    message,
                });
            } else if outcome.fixes > 0 {
                fixes += outcome.fixes;
                files += 1;
            }
        }
        let notice = match self.mode {
            Mode::Write => self.texts.fixed_with_failures(fixes, files, problems.len()),
            Mode::Diff => self.texts.would_fix(fixes, files),
        };
        Finished {
            diffs,
            problems,
            notice,
        }
    }
}

/// A unified diff with three lines of context, `a/` and `b/` headers as git does.
fn unified_diff(display: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{display}"), &format!("b/{display}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The fix loop itself (passes, BOM, line endings) is the core's and is
    // tested there (crates/arendelint-core/tests/it/fix.rs).

    #[test]
    fn diff_has_git_headers() {
        let diff = unified_diff("a.md", "x\ny\n", "x\nz\n");
        assert_eq!(
            diff,
            "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"
        );
    }
}
