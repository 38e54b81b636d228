//! Agenda mode for Markdown and plain text (contract §5): one file, many cases.

use crate::progress::Progress;
use crate::report::CheckedFile;
use crate::terminal::Terminal;
use arendelint_core::{Linter, SourceKind};

/// Checks `text` case by case. A file without case headings is checked as one
/// case, with a warning: its findings are not silently dropped.
pub fn check_text(
    display: String,
    text: String,
    kind: SourceKind,
    linter: &Linter,
    terminal: &Terminal,
    progress: &Progress,
) -> CheckedFile {
    let report = linter.lint_agenda(&text, kind);
    if report.cases.is_empty() {
        progress.suspend(|| terminal.warning(&terminal.texts.no_cases(&display)));
        let diagnostics = linter.lint(&text, kind);
        return CheckedFile::new(display, text, diagnostics);
    }
    let mut file = CheckedFile::new(display, text, report.diagnostics);
    file.cases = Some(report.cases);
    file
}

/// Plain mode: a file that reads like an agenda (three or more case headings)
/// gets one note on stderr suggesting `--agenda`. Not a finding: the exit code
/// does not change.
pub fn hint(display: &str, text: &str, linter: &Linter, terminal: &Terminal, progress: &Progress) {
    if linter.looks_like_agenda(text) {
        progress.suspend(|| terminal.notice(&terminal.texts.agenda_hint(display)));
    }
}
