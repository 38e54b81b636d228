//! Reading and checking one file of a `check` run (any kind the core reads,
//! one case or an agenda) through the core's single entry point. Runs on
//! rayon's worker threads and ticks the progress bar.

use crate::inputs::{Job, Problem};
use crate::progress::Progress;
use crate::report::CheckedFile;
use crate::terminal::Terminal;
use arendelint_core::fs::read_listed_file;
use arendelint_core::text::decode_owned;
use arendelint_core::{Input, Linter, Mode, SourceKind};
use std::borrow::Cow;

pub struct Loader<'a> {
    agenda: bool,
    /// `--max-file-size`: larger files are refused unread.
    max_bytes: u64,
    terminal: &'a Terminal,
    progress: Progress,
}

impl<'a> Loader<'a> {
    pub fn new(
        agenda: bool,
        max_bytes: u64,
        quiet: bool,
        files: usize,
        terminal: &'a Terminal,
    ) -> Loader<'a> {
        Loader {
            agenda,
            max_bytes,
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
        let problem = |message: String| Problem {
            display: job.display.clone(),
            message,
        };
        let bytes = read_listed_file(&job.path, self.max_bytes)
            .map_err(|e| problem(self.terminal.texts.read_error(&e)))?;
        check_bytes(
            job.display.clone(),
            bytes,
            job.kind,
            &job.settings.linter,
            self.agenda,
            self.terminal,
            &self.progress,
        )
        .map_err(problem)
    }

    /// Runs `f` (which writes to the terminal) with the progress bar cleared.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.progress.suspend(f)
    }

    /// Clears the progress bar; call before writing the report.
    pub fn finish(&self) {
        self.progress.finish();
    }
}

/// Checks a file's bytes (read from disk or stdin) as one case or, with
/// `agenda`, case by case. An agenda without case headings is checked as one
/// case with a warning (its findings are not dropped); a file checked as one
/// case that reads like an agenda gets a note suggesting `--agenda`. The error
/// is the message for the user.
pub fn check_bytes(
    display: String,
    bytes: Vec<u8>,
    kind: SourceKind,
    linter: &Linter,
    agenda: bool,
    terminal: &Terminal,
    progress: &Progress,
) -> Result<CheckedFile, String> {
    let mode = if agenda { Mode::Agenda } else { Mode::Document };
    // A text file's buffer becomes its text, validated once, and is the text
    // the report keeps (a 100 MB file is neither held twice nor checked twice).
    let (bytes, owned) = match kind {
        SourceKind::Markdown | SourceKind::PlainText => {
            let text = decode_owned(bytes).map_err(|e| terminal.texts.input_error(&e))?;
            (Vec::new(), Some(text))
        }
        SourceKind::Docx | SourceKind::Pdf => (bytes, None),
    };
    let input = match &owned {
        Some(text) => Input::text(text, kind),
        None => Input::bytes(&bytes, kind),
    };
    let report = linter
        .check(&input.with_mode(mode))
        .map_err(|e| terminal.texts.check_error(&e))?;
    if agenda && report.mode == Mode::Document {
        progress.suspend(|| terminal.warning(&terminal.texts.no_cases(&display)));
    }
    if !agenda && linter.looks_like_agenda(&report.text) {
        progress.suspend(|| terminal.notice(&terminal.texts.agenda_hint(&display)));
    }
    let arendelint_core::Report {
        text,
        kind,
        mode,
        diagnostics,
        cases,
        ..
    } = report;
    let text = match text {
        Cow::Owned(text) => text,
        // Word and PDF text is extracted, so owned: this copy does not happen.
        Cow::Borrowed(text) if owned.is_none() => text.to_string(),
        Cow::Borrowed(_) => owned.unwrap_or_default(),
    };
    Ok(CheckedFile::from_parts(
        display,
        text,
        kind,
        mode,
        diagnostics,
        cases,
    ))
}
