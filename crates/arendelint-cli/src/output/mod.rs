//! Output formats of `arendelint check`: one file per format.
//!
//! A format turns a [`Report`] into text for stdout. Adding a format (sarif,
//! github, junit, …) is one file here and one variant in `args::CheckFormat`.

mod human;
mod json;

use crate::args::CheckFormat;
use crate::report::Report;
use crate::texts::Texts;

/// Renders the report. Human output may contain ANSI styles; the caller's
/// stream strips them when colour is off.
pub fn render(format: CheckFormat, report: &Report, texts: Texts, quiet: bool) -> String {
    match format {
        CheckFormat::Human => human::render(report, texts, quiet),
        CheckFormat::Json => json::render(report),
    }
}
