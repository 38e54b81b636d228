//! `--fix` and `--diff`: apply the fixes of a checked document, then write it
//! (`fix_write`) or print a unified diff.
//!
//! Fixing runs to a fixed point in memory: fixes that overlap are taken one
//! per pass (the core skips the later one), so a single `--fix` applies all of
//! them and a second run finds nothing left to change.

use crate::inputs::Problem;
use crate::report::CheckedFile;
use crate::texts::Texts;
use arendelint_core::{apply_fixes, bom_len, Diagnostic, SourceKind};
use std::path::Path;
use std::sync::Mutex;

/// Passes before giving up on fixes that keep producing new fixable findings.
const MAX_PASSES: usize = 10;

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

    /// Fixes `file` (read from `path`), re-checking the text with `check`
    /// after each pass (the same checking that made `file`: in agenda mode,
    /// case by case). Returns the file as the report should show it: fixed
    /// and re-checked when written, else as read.
    pub fn apply(
        &self,
        path: &Path,
        file: CheckedFile,
        check: impl Fn(String) -> CheckedFile,
    ) -> CheckedFile {
        // Only text files are edited in place: a .docx finding's offsets index
        // the extracted text, not the file.
        let text_file = matches!(
            SourceKind::from_path(&path.to_string_lossy()),
            Some(SourceKind::Markdown | SourceKind::PlainText)
        );
        if !text_file || file.docx {
            return file;
        }
        let (fixed, fixes) = self.fix_text(&file, check);
        let Some(fixed) = fixed.filter(|_| fixes > 0) else {
            return file;
        };
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

    /// Applies fixes until none is left; returns the fixed and re-checked
    /// file (`None` when nothing changed) and the number of fixes applied.
    fn fix_text(
        &self,
        file: &CheckedFile,
        check: impl Fn(String) -> CheckedFile,
    ) -> (Option<CheckedFile>, usize) {
        let mut current: Option<CheckedFile> = None;
        let mut total = 0;
        for _ in 0..MAX_PASSES {
            let at = current.as_ref().unwrap_or(file);
            let adapted = adapt_to_file(&at.text, &at.diagnostics);
            let (next, applied) = apply_fixes(&at.text, &adapted, self.include_unsafe);
            if applied == 0 || next == at.text {
                break;
            }
            total += applied;
            current = Some(check(next));
        }
        (current, total)
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

/// Makes fix edits fit the file: inserted line breaks follow the file's line
/// endings (CRLF stays CRLF), and nothing is inserted before a BOM.
fn adapt_to_file(text: &str, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    let crlf = text
        .find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r');
    let bom = bom_len(text);
    let mut adapted = diagnostics.to_vec();
    for edit in adapted
        .iter_mut()
        .filter_map(|d| d.fix.as_mut())
        .flat_map(|f| f.edits.iter_mut())
    {
        if crlf && edit.replacement.contains('\n') {
            edit.replacement = edit.replacement.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        if edit.range.start < bom {
            edit.range.start = bom;
            edit.range.end = edit.range.end.max(bom);
        }
    }
    adapted
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
    use arendelint_core::{Config, Linter, Rule};

    fn fixer(mode: Mode) -> Fixer {
        Fixer::new(mode, false, Texts::new(arendelint_core::Lang::En))
    }

    fn check(text: String) -> CheckedFile {
        let diagnostics = Linter::new(&Config::default())
            .expect("default config")
            .lint(&text, SourceKind::Markdown);
        CheckedFile::new("a.md".into(), text, diagnostics)
    }

    const CASE: &str = "\u{feff}# Simhall\r\n\r\nPatienterna och eleverna väntar.\r\n";

    #[test]
    fn fixes_every_safe_finding_and_keeps_bom_and_crlf() {
        let (fixed, n) = fixer(Mode::Write).fix_text(&check(CASE.into()), check);
        let fixed = fixed.expect("fixed");
        assert_eq!(n, 2, "{}", fixed.text);
        assert!(fixed.text.starts_with('\u{feff}'));
        assert!(
            !fixed.text.replace("\r\n", "").contains('\n'),
            "{:?}",
            fixed.text
        );
        let left = &fixed.diagnostics;
        assert!(left.iter().all(|d| d.rule != Rule::Jam003), "{left:?}");
        let (again, n) = fixer(Mode::Write).fix_text(&fixed, check);
        assert!(again.is_none() && n == 0, "a second pass changes nothing");
    }

    #[test]
    fn unsafe_line_breaks_follow_crlf() {
        let all = Fixer::new(Mode::Write, true, Texts::new(arendelint_core::Lang::En));
        let (fixed, n) = all.fix_text(&check(CASE.into()), check);
        let text = fixed.map(|f| f.text).unwrap_or_default();
        assert!(n >= 3, "the JAM001 skeleton too: {text:?}");
        assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    }

    #[test]
    fn diff_has_git_headers() {
        let diff = unified_diff("a.md", "x\ny\n", "x\nz\n");
        assert_eq!(
            diff,
            "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"
        );
    }
}
