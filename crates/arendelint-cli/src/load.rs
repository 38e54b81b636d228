//! Reading and checking one file of a `check` run (any kind the core reads,
//! one case or an agenda) through the core's single entry point. Runs on
//! rayon's worker threads and ticks the progress bar.

use crate::inputs::{Job, Problem};
use crate::progress::Progress;
use crate::report::CheckedFile;
use crate::terminal::Terminal;
use arendelint_core::fs::read_bytes;
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
        let bytes = read_bytes(&job.path, self.max_bytes)
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
    let report = linter
        .check(&Input::bytes(&bytes, kind).with_mode(mode))
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
        // The bytes themselves, which the check found to be UTF-8: the buffer
        // becomes the file's text without a copy (a 100 MB file is not held
        // twice).
        Cow::Borrowed(_) => String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
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
