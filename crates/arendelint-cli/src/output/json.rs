//! `--format json`: the object of docs/rules.md §4.

use super::{JsonFrame, ITEMS_MARKER};
use crate::report::{CheckedFile, Summary};
use arendelint_core::report::json::{
    JsonCase, JsonDiagnostic, JsonPositions, JsonSummary, PrettyFindings,
};
use serde::Serialize;
use std::io;

/// The JSON format as an [`Emitter`](super::Emitter): the `diagnostics` array
/// is written finding by finding; the cases (agenda mode) and the summary,
/// known at the end, close the object.
pub struct Json {
    agenda: bool,
    frame: JsonFrame,
    findings: PrettyFindings,
    cases: Vec<JsonCase>,
}

impl Json {
    pub fn new(agenda: bool) -> Json {
        let frame = JsonFrame::new(&skeleton(agenda, Vec::new(), Summary::default()));
        Json {
            agenda,
            frame,
            findings: PrettyFindings::default(),
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
        summary: JsonSummary::new(s.files, s.cases, [s.errors, s.warnings, s.infos]),
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
        let line_col = line_col(file);
        let positions = JsonPositions {
            line_col: &line_col,
            utf16: None,
        };
        for d in &file.diagnostics {
            let json = JsonDiagnostic::new(&file.display, d, &positions);
            let findings = &mut self.findings;
            self.frame.item_with(out, |buf, level| {
                findings.write(&json, buf, level);
                Ok(())
            })?;
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

/// The 1-based line and char column of a byte offset in `file`, for offsets
/// asked in about increasing order.
fn line_col(file: &CheckedFile) -> impl Fn(usize) -> (usize, usize) + '_ {
    let position = file.positions();
    move |offset| {
        let at = position(offset);
        (at.line, at.column)
    }
}

fn json_cases(file: &CheckedFile) -> Vec<JsonCase> {
    let line_col = line_col(file);
    let positions = JsonPositions {
        line_col: &line_col,
        utf16: None,
    };
    let mut views = Vec::new();
    super::cases::file_cases(file, &mut views);
    views
        .into_iter()
        .filter(|c| !c.outside)
        .map(|c| {
            let counts = c.per_severity();
            JsonCase::new(c.file.display.clone(), c.title, &c.info, counts, &positions)
        })
        .collect()
}
