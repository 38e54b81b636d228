//! `.pdf` input: read the file (never write it) and let the core check its
//! text layer as plain text. Line *n* of a finding is line *n* of that text.

use crate::docx_input::read_limited;
use crate::inputs::{Job, Problem};
use crate::progress::Progress;
use crate::report::CheckedFile;
use crate::terminal::Terminal;
use arendelint_core::Linter;
use std::path::Path;

/// Larger files are refused before they are read, as for `.docx`: the core
/// limits what the streams decode to, this limits the file itself.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Whether a path names a PDF file (by extension, any case).
pub fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

pub fn check(
    job: &Job,
    agenda: bool,
    terminal: &Terminal,
    progress: &Progress,
) -> Result<CheckedFile, Problem> {
    let texts = terminal.texts;
    let problem = |message: String| Problem {
        display: job.display.clone(),
        message,
    };
    let bytes = read_limited(&job.path, MAX_FILE_BYTES)
        .map_err(|e| problem(texts.io_error(&e)))?
        .ok_or_else(|| problem(texts.file_too_large(MAX_FILE_BYTES / (1024 * 1024))))?;
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

/// Checks the bytes of a PDF file (read from disk or stdin); the error is the
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
    let pdf_error = |e| texts.pdf_error(&e);
    let (report, cases) = if agenda {
        let (report, cases) = linter.lint_pdf_agenda(bytes).map_err(pdf_error)?;
        if cases.is_empty() {
            progress.suspend(|| terminal.warning(&texts.no_cases(&display)));
            (linter.lint_pdf(bytes).map_err(pdf_error)?, None)
        } else {
            (report, Some(cases))
        }
    } else {
        (linter.lint_pdf(bytes).map_err(pdf_error)?, None)
    };
    let mut file = CheckedFile::new(display, report.text, report.diagnostics);
    file.cases = cases;
    Ok(file)
}
