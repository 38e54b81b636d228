//! `.docx` input: read the file (never write it) and let the core check it.

use crate::inputs::{Job, Problem};
use crate::progress::Progress;
use crate::report::CheckedFile;
use crate::terminal::Terminal;
use arendelint_core::Linter;
use std::io::Read;
use std::path::Path;

/// Larger files are refused before they are read: the core limits what the
/// archive unpacks to, this limits the memory the archive itself takes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Whether a path names a Word file (by extension, any case).
pub fn is_docx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
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
        (linter.lint_docx(bytes).map_err(docx_error)?, None)
    };
    let mut file = CheckedFile::new(display, report.text, report.diagnostics);
    file.cases = cases;
    file.docx = true;
    Ok(file)
}

/// The file's bytes, or `None` when it is larger than `limit`.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit to tell "exactly the limit" from "more".
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}
