//! Output formats of `arendelint check`: one file per format.
//!
//! A format turns a [`Report`] into text for stdout. Adding a format (sarif,
//! github, junit, …) is one file here and one variant in `args::CheckFormat`.

mod cases;
mod csv;
mod excerpt;
mod github;
mod gitlab;
mod html;
mod human;
mod json;
mod junit;
mod markdown;
mod sarif;
pub mod stats;

use crate::args::CheckFormat;
use crate::report::Report;
use crate::texts::Texts;

/// A rendered report.
pub struct Rendered {
    pub text: String,
    /// Whether `text` holds ANSI styles (to strip when colour is off).
    pub styled: bool,
}

pub fn render(format: CheckFormat, report: &Report, texts: Texts, quiet: bool) -> Rendered {
    match format {
        CheckFormat::Human => Rendered {
            text: human::render(report, texts, quiet),
            styled: true,
        },
        CheckFormat::Json => Rendered {
            text: json::render(report),
            styled: false,
        },
        CheckFormat::Sarif => Rendered {
            text: sarif::render(report, texts),
            styled: false,
        },
        CheckFormat::Github => Rendered {
            text: github::render(report),
            styled: false,
        },
        CheckFormat::Junit => Rendered {
            text: junit::render(report),
            styled: false,
        },
        CheckFormat::Gitlab => Rendered {
            text: gitlab::render(report),
            styled: false,
        },
        CheckFormat::Html => Rendered {
            text: html::render(report, texts),
            styled: false,
        },
        CheckFormat::Csv => Rendered {
            text: csv::render(report, texts),
            styled: false,
        },
        CheckFormat::Markdown => Rendered {
            text: markdown::render(report, texts),
            styled: false,
        },
    }
}
