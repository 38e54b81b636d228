//! The progress bar on stderr while many files are checked.
//!
//! Shown only when stderr is a terminal, `--quiet` is off and there are enough
//! files for the wait to be noticeable; otherwise every call is a no-op, so
//! piped and redirected output (CI logs, `2> log`) never holds bar frames.

use crate::texts::Texts;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Below this many files a run is over before a bar would help.
pub const MIN_FILES: usize = 20;

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(files: usize, quiet: bool, texts: Texts) -> Progress {
        let shown = !quiet && files >= MIN_FILES && std::io::stderr().is_terminal();
        Progress {
            bar: shown.then(|| bar(files, texts)),
        }
    }

    /// No bar at all (`--stdin`).
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    /// One more file done. Safe to call from rayon's worker threads.
    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Runs `f` (which writes to stderr) with the bar cleared, then redraws it,
    /// so a message is not overwritten by the next frame.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar before the report is written.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn bar(files: usize, texts: Texts) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    // The template is a constant; should it ever be rejected, keep the default style.
    if let Ok(style) = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(texts.progress_label());
    bar
}
