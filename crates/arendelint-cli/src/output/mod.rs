//! Output formats of `arendelint check`: one file per format.
//!
//! A format turns a [`Report`] into text for stdout. Adding a format (sarif,
//! github, junit, …) is one file here and one variant in `args::CheckFormat`.
//!
//! The formats a run may stream (human, JSON, SARIF) are written through an
//! [`Emitter`] onto any `Write`, file by file as their turn comes, so that a run
//! never holds every finding; [`render`] drives the same emitter into memory, so
//! both paths give the same bytes.

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
use crate::report::{CheckedFile, Report, Summary};
use crate::texts::Texts;
use std::io::{self, Write};

/// A format written in three steps onto a `Write`: its opening, each file's
/// findings (files in report order), and its close with the run's summary.
pub trait Emitter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;
    fn file(&mut self, out: &mut dyn Write, file: &CheckedFile) -> io::Result<()>;
    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The emitter of a format that can be streamed, or `None` (the report formats
/// that need the whole run, such as HTML with its table of cases).
pub fn emitter(
    format: CheckFormat,
    texts: Texts,
    quiet: bool,
    agenda: bool,
) -> Option<Box<dyn Emitter>> {
    match format {
        CheckFormat::Human => Some(Box::new(human::Human::new(texts, quiet))),
        CheckFormat::Json => Some(Box::new(json::Json::new(agenda))),
        CheckFormat::Sarif => Some(Box::new(sarif::Sarif::new(texts))),
        _ => None,
    }
}

/// Runs an emitter over a whole report in memory.
fn emit_to_string(mut emitter: impl Emitter, report: &Report) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = emitter.begin(&mut out);
    for file in &report.files {
        let _ = emitter.file(&mut out, file);
    }
    let _ = emitter.end(&mut out, &report.summary);
    String::from_utf8(out).unwrap_or_default()
}

/// A JSON document whose one array is written item by item: the pretty
/// rendering of the whole value with a marker as the array's only item, cut
/// around the marker. Items are rendered pretty on their own and indented to
/// the marker's depth (JSON strings hold no raw line breaks, so indenting each
/// line is exact); an empty array comes out as `[]`, as serde_json writes it.
pub(crate) struct JsonFrame {
    prefix: String,
    indent: String,
    suffix: String,
    items: usize,
}

/// The array item that marks where the items go.
pub(crate) const ITEMS_MARKER: &str = "\u{1}arendelint-items\u{1}";

impl JsonFrame {
    /// `pretty`: the whole document rendered with `[ITEMS_MARKER]` as the array.
    pub(crate) fn new(pretty: &str) -> JsonFrame {
        let (prefix, indent, suffix) = split_at_marker(pretty);
        JsonFrame {
            prefix: prefix.to_string(),
            indent: indent.to_string(),
            suffix: suffix.to_string(),
            items: 0,
        }
    }

    /// Writes one item, pretty and indented to the array's depth, straight onto
    /// `out` (no string in between).
    pub(crate) fn item(
        &mut self,
        out: &mut dyn Write,
        value: &impl serde::Serialize,
    ) -> io::Result<()> {
        if self.items == 0 {
            out.write_all(self.prefix.as_bytes())?;
        } else {
            out.write_all(b",\n")?;
        }
        self.items += 1;
        out.write_all(self.indent.as_bytes())?;
        let mut indented = Indented {
            out,
            indent: self.indent.as_bytes(),
        };
        serde_json::to_writer_pretty(&mut indented, value).map_err(io::Error::from)
    }

    /// Writes the rest of the document; `pretty` (the whole document rendered
    /// again with the marker) gives the part after the array, which may hold
    /// what was only known at the end (a summary).
    pub(crate) fn finish(&self, out: &mut dyn Write, pretty: Option<&str>) -> io::Result<()> {
        let suffix = match pretty {
            Some(pretty) => split_at_marker(pretty).2,
            None => self.suffix.as_str(),
        };
        if self.items == 0 {
            out.write_all(self.prefix.trim_end_matches('\n').as_bytes())?;
            out.write_all(suffix.trim_start().as_bytes())
        } else {
            out.write_all(b"\n")?;
            out.write_all(suffix.as_bytes())
        }
    }
}

/// A writer that indents every line after the first: the line breaks of
/// serde_json's pretty output are all between tokens (strings escape theirs).
struct Indented<'a> {
    out: &'a mut dyn Write,
    indent: &'a [u8],
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while let Some(n) = buf.iter().position(|&b| b == b'\n') {
            self.out.write_all(&buf[..=n])?;
            self.out.write_all(self.indent)?;
            buf = &buf[n + 1..];
        }
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// (text up to the marker's line, the marker's indentation, text after its line).
fn split_at_marker(pretty: &str) -> (&str, &str, &str) {
    let quoted = "\"\\u0001arendelint-items\\u0001\"";
    let Some(at) = pretty.find(quoted) else {
        return (pretty, "", "");
    };
    let line_start = pretty[..at].rfind('\n').map_or(0, |n| n + 1);
    let line_end = pretty[at..].find('\n').map_or(pretty.len(), |n| at + n + 1);
    (
        &pretty[..line_start],
        &pretty[line_start..at],
        &pretty[line_end..],
    )
}

/// A rendered report.
pub struct Rendered {
    pub text: String,
    /// Whether `text` holds ANSI styles (to strip when colour is off).
    pub styled: bool,
}

pub fn render(format: CheckFormat, report: &Report, texts: Texts, quiet: bool) -> Rendered {
    match format {
        CheckFormat::Human => Rendered {
            text: emit_to_string(human::Human::new(texts, quiet), report),
            styled: true,
        },
        CheckFormat::Json => Rendered {
            text: emit_to_string(json::Json::new(report.agenda), report),
            styled: false,
        },
        CheckFormat::Sarif => Rendered {
            text: emit_to_string(sarif::Sarif::new(texts), report),
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
