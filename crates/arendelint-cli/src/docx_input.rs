//! `.docx` input: read the file (never write it) and let the core check it.

use crate::inputs::{Job, Problem};
use crate::progress::Progress;
use crate::report::CheckedFile;
use crate::terminal::Terminal;
use arendelint_core::Linter;
use std::path::Path;

/// Whether a path names a Word file (by extension, any case).
pub fn is_docx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Checks a Word file of at most `max_bytes` (`--max-file-size`): the core
/// limits what the archive unpacks to, this limits the archive itself.
pub fn check(
    job: &Job,
    agenda: bool,
    max_bytes: u64,
    terminal: &Terminal,
    progress: &Progress,
) -> Result<CheckedFile, Problem> {
    let texts = terminal.texts;
    let problem = |message: String| Problem {
        display: job.display.clone(),
        message,
    };
    let bytes = arendelint_core::fs::read_bytes(&job.path, max_bytes)
        .map_err(|e| problem(texts.read_error(&e)))?;
    check_bytes(
        job.display.clone(),
        &bytes,
        &job.settings.linter,
        agenda,
        terminal,
        progress,
    )
    .map_err(problem)
}

/// Checks the bytes of a Word file (read from disk or stdin); the error is the
/// message for the user.
pub fn check_bytes(
    display: String,
    bytes: &[u8],
    linter: &Linter,
    agenda: bool,
    terminal: &Terminal,
    progress: &Progress,
) -> Result<CheckedFile, String> {
    let texts = terminal.texts;
    let docx_error = |e| texts.docx_error(&e);
    let (report, cases) = if agenda {
        let (report, cases) = linter.lint_docx_agenda(bytes).map_err(docx_error)?;
        if cases.is_empty() {
            progress.suspend(|| terminal.warning(&texts.no_cases(&display)));
            (linter.lint_docx(bytes).map_err(docx_error)?, None)
        } else {
            (report, Some(cases))
        }
    } else {
        let report = linter.lint_docx(bytes).map_err(docx_error)?;
        crate::agenda::hint(&display, &report.text, linter, terminal, progress);
        (report, None)
    };
    let mut file = CheckedFile::new(display, report.text, report.diagnostics);
    file.cases = cases;
    file.docx = true;
    Ok(file)
}
