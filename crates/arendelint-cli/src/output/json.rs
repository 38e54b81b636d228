//! `--format json`: the object of docs/rules.md §4.

use super::{JsonFrame, ITEMS_MARKER};
use crate::report::{CheckedFile, Summary};
use arendelint_core::Diagnostic;
use serde::Serialize;
use std::io;

#[derive(Serialize)]
struct JsonCase {
    path: String,
    case: String,
    number: Option<String>,
    dnr: Option<String>,
    line: usize,
    empty: bool,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    case: Option<&'a str>,
    /// Later mentions of the same group in the same section (JAM003, §6.17).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonLocation {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    description: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    cases: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// The JSON format as an [`Emitter`](super::Emitter): the `diagnostics` array
/// is written finding by finding; the cases (agenda mode) and the summary,
/// known at the end, close the object.
pub struct Json {
    agenda: bool,
    frame: JsonFrame,
    cases: Vec<JsonCase>,
}

impl Json {
    pub fn new(agenda: bool) -> Json {
        let frame = JsonFrame::new(&skeleton(agenda, Vec::new(), Summary::default()));
        Json {
            agenda,
            frame,
            cases: Vec::new(),
        }
    }
}

/// The whole object with the items marker as its only diagnostic.
fn skeleton(agenda: bool, cases: Vec<JsonCase>, s: Summary) -> String {
    #[derive(Serialize)]
    struct Frame {
        version: u32,
        diagnostics: [&'static str; 1],
        #[serde(skip_serializing_if = "Option::is_none")]
        cases: Option<Vec<JsonCase>>,
        summary: JsonSummary,
    }
    let json = Frame {
        version: 1,
        diagnostics: [ITEMS_MARKER],
        cases: agenda.then_some(cases),
        summary: JsonSummary {
            files: s.files,
            cases: s.cases,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
    };
    // Serialising plain structs of strings and numbers cannot fail; fall back to
    // an empty object rather than panic if it ever did.
    serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".to_string())
}

impl super::Emitter for Json {
    fn begin(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn io::Write, file: &CheckedFile) -> io::Result<()> {
        for d in &file.diagnostics {
            let related = d
                .related
                .iter()
                .map(|span| {
                    let (start, end) = file.range(span);
                    JsonLocation {
                        line: start.line,
                        column: start.column,
                        end_line: end.line,
                        end_column: end.column,
                        byte_start: span.start,
                        byte_end: span.end,
                    }
                })
                .collect();
            let item = diagnostic(&file.display, file.range(&d.span), d, related);
            self.frame.item(out, &item)?;
        }
        if self.agenda {
            self.cases.extend(json_cases(file));
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn io::Write, summary: &Summary) -> io::Result<()> {
        let cases = std::mem::take(&mut self.cases);
        let last = skeleton(self.agenda, cases, *summary);
        self.frame.finish(out, Some(&last))?;
        out.write_all(b"\n")
    }
}

fn json_cases(file: &CheckedFile) -> Vec<JsonCase> {
    let mut views = Vec::new();
    super::cases::file_cases(file, &mut views);
    views
        .into_iter()
        .filter(|c| !c.outside)
        .map(|c| {
            let [errors, warnings, infos] = c.per_severity();
            JsonCase {
                path: c.file.display.clone(),
                line: c.file.position(c.start).line,
                case: c.title,
                number: c.number,
                dnr: c.dnr,
                empty: c.empty,
                errors,
                warnings,
                infos,
            }
        })
        .collect()
}

fn diagnostic<'a>(
    path: &'a str,
    (start, end): (crate::report::Position, crate::report::Position),
    d: &'a Diagnostic,
    related: Vec<JsonLocation>,
) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        path,
        rule: d.rule.code(),
        name: d.rule.name(),
        severity: d.severity.as_str(),
        message: &d.message,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_start: d.span.start,
        byte_end: d.span.end,
        case: d.case.as_deref(),
        related,
        fix: d.fix.as_ref().map(|fix| JsonFix {
            description: &fix.description,
            edits: fix
                .edits
                .iter()
                .map(|e| JsonEdit {
                    byte_start: e.range.start,
                    byte_end: e.range.end,
                    replacement: &e.replacement,
                })
                .collect(),
        }),
    }
}
