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
/// `plain`: colour is off, so the human format writes no styles at all.
pub fn emitter(
    format: CheckFormat,
    texts: Texts,
    quiet: bool,
    agenda: bool,
    plain: bool,
) -> Option<Box<dyn Emitter>> {
    match format {
        CheckFormat::Human => Some(Box::new(human::Human::new(texts, quiet, plain))),
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
    /// One item rendered: reused from item to item.
    buf: Vec<u8>,
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
            buf: Vec::new(),
        }
    }

    /// Writes one item, pretty and indented to the array's depth, in one write.
    pub(crate) fn item(
        &mut self,
        out: &mut dyn Write,
        value: &impl serde::Serialize,
    ) -> io::Result<()> {
        self.item_with(out, |buf, level| {
            let nested = Nested {
                level,
                has_value: false,
            };
            let mut ser = serde_json::Serializer::with_formatter(buf, nested);
            value.serialize(&mut ser).map_err(io::Error::from)
        })
    }

    /// Like [`Self::item`] for an item that writes itself: `write` appends
    /// its pretty rendering at the depth it is given.
    pub(crate) fn item_with(
        &mut self,
        out: &mut dyn Write,
        write: impl FnOnce(&mut Vec<u8>, usize) -> io::Result<()>,
    ) -> io::Result<()> {
        self.buf.clear();
        if self.items == 0 {
            self.buf.extend_from_slice(self.prefix.as_bytes());
        } else {
            self.buf.extend_from_slice(b",\n");
        }
        self.items += 1;
        self.buf.extend_from_slice(self.indent.as_bytes());
        write(&mut self.buf, self.indent.len() / INDENT.len())?;
        out.write_all(&self.buf)
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

/// serde_json's indentation step.
const INDENT: &[u8] = b"  ";

/// serde_json's `PrettyFormatter`, starting at a given depth, so that an item
/// comes out exactly as it does inside the whole document.
struct Nested {
    level: usize,
    has_value: bool,
}

/// A comma, a line break and indentation, written as one slice of this.
const BREAKS: &[u8] = b",\n                                                                ";

impl Nested {
    /// A line break and the indentation of the current level in one write
    /// (deeper levels, which no format has, take more writes).
    fn line<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        let mut spaces = self.level * INDENT.len();
        let first = spaces.min(BREAKS.len() - 2);
        w.write_all(&BREAKS[from..2 + first])?;
        spaces -= first;
        while spaces > 0 {
            let more = spaces.min(BREAKS.len() - 2);
            w.write_all(&BREAKS[2..2 + more])?;
            spaces -= more;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
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
            text: emit_to_string(human::Human::new(texts, quiet, false), report),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Items written through the frame are the array serde_json writes,
    /// at any depth (also deeper than one write of indentation covers).
    #[test]
    fn framed_items_equal_serde_json_pretty_at_any_depth() {
        let mut value = serde_json::json!({"a": [1, {"b": "c\n\"d\""}], "e": null});
        for _ in 0..40 {
            value = serde_json::json!({ "nested": value, "list": [] });
        }
        let items = [value.clone(), serde_json::json!([]), value];
        let whole = serde_json::json!({ "version": 1, "diagnostics": items, "summary": {} });
        let expected = serde_json::to_string_pretty(&whole).unwrap();

        let marker = serde_json::json!({
            "version": 1,
            "diagnostics": [ITEMS_MARKER],
            "summary": {}
        });
        let mut frame = JsonFrame::new(&serde_json::to_string_pretty(&marker).unwrap());
        let mut out = Vec::new();
        for item in &items {
            frame.item(&mut out, item).unwrap();
        }
        frame.finish(&mut out, None).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
