//! Reading and checking one file of a `check` run: text or Word, one case or an
//! agenda. Runs on rayon's worker threads and ticks the progress bar.

use crate::agenda;
use crate::docx_input;
use crate::inputs::{Job, Problem};
use crate::pdf_input;
use crate::progress::Progress;
use crate::report::CheckedFile;
use crate::terminal::Terminal;
use arendelint_core::fs::read_document;

pub struct Loader<'a> {
    agenda: bool,
    terminal: &'a Terminal,
    progress: Progress,
}

impl<'a> Loader<'a> {
    pub fn new(agenda: bool, quiet: bool, files: usize, terminal: &'a Terminal) -> Loader<'a> {
        Loader {
            agenda,
            terminal,
            progress: Progress::new(files, quiet, terminal.texts),
        }
    }

    pub fn check(&self, job: &Job) -> Result<CheckedFile, Problem> {
        let result = self.check_inner(job);
        self.progress.tick();
        result
    }

    fn check_inner(&self, job: &Job) -> Result<CheckedFile, Problem> {
        if job.docx {
            return docx_input::check(job, self.agenda, self.terminal, &self.progress);
        }
        if job.pdf {
            return pdf_input::check(job, self.agenda, self.terminal, &self.progress);
        }
        let text = read_document(&job.path).map_err(|e| Problem {
            display: job.display.clone(),
            message: self.terminal.texts.read_error(&e),
        })?;
        Ok(lint_text(
            job.display.clone(),
            text,
            job.kind,
            &job.settings.linter,
            self.agenda,
            self.terminal,
            &self.progress,
        ))
    }

    /// Clears the progress bar; call before writing the report.
    pub fn finish(&self) {
        self.progress.finish();
    }
}

/// Checks a text document, as one case or as an agenda.
pub fn lint_text(
    display: String,
    text: String,
    kind: arendelint_core::SourceKind,
    linter: &arendelint_core::Linter,
    agenda: bool,
    terminal: &Terminal,
    progress: &Progress,
) -> CheckedFile {
    if agenda {
        agenda::check_text(display, text, kind, linter, terminal, progress)
    } else {
        let diagnostics = linter.lint(&text, kind);
        CheckedFile::new(display, text, diagnostics)
    }
}
