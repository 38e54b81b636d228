//! The report as JSON: the object of docs/rules.md §4, as `arendelint check
//! --format json` prints it for one file, with UTF-16 offsets beside the byte
//! offsets (JavaScript strings count UTF-16 code units).
//!
//! Every field the CLI prints has the CLI's name and value (a test in
//! `web/test/corpus.mjs` compares them on the dev corpus); the additions are
//! `text`, `kind`, `mode`, `looks_like_agenda`, and `start`/`end` on every
//! location, edit and case, and `applicability` on a fix.

use crate::utf16::Utf16Map;
use arendelint_core::report::json::{JsonCase, JsonDiagnostic, JsonPositions, JsonSummary};
use arendelint_core::report::CaseInfo;
use arendelint_core::text::{ColumnUnit, LineIndex};
use arendelint_core::{Diagnostic, Mode, Report, Severity, SourceKind};
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    /// The text the offsets index: the input, or the text extracted from a
    /// Word or PDF file (line *n* of a Word file is paragraph *n*).
    text: &'a str,
    kind: &'static str,
    /// `agenda` when the input was split into cases; an agenda in which no
    /// case heading was found is checked as one document (`document`).
    mode: &'static str,
    /// Checked as one document, but three or more lines read as case
    /// headings: the CLI suggests `--agenda`.
    looks_like_agenda: bool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cases: Option<Vec<JsonCase>>,
    summary: JsonSummary,
}

pub fn kind_name(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Markdown => "markdown",
        SourceKind::PlainText => "text",
        SourceKind::Docx => "docx",
        SourceKind::Pdf => "pdf",
    }
}

/// Positions in the report's text: 1-based lines and char columns (as the
/// CLI), UTF-16 offsets (for JavaScript).
struct Positions<'t> {
    text: &'t str,
    index: LineIndex,
    utf16: Utf16Map,
}

impl Positions<'_> {
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let at = self.index.line_col(self.text, offset, ColumnUnit::Char);
        (at.line as usize + 1, at.col as usize + 1)
    }
}

/// Every byte offset the JSON converts to UTF-16.
fn offsets_of(diagnostics: &[Diagnostic], cases: &[CaseInfo]) -> Vec<usize> {
    let mut out = Vec::new();
    for d in diagnostics {
        out.extend([d.span.start, d.span.end]);
        for r in &d.related {
            out.extend([r.start, r.end]);
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            out.extend([e.range.start, e.range.end]);
        }
    }
    for c in cases {
        out.extend([c.heading.start, c.range.start, c.range.end]);
    }
    out
}

/// The report of one input as the JSON object described above. `path` is what
/// the CLI would print as the file's path; `agenda` whether agenda mode was
/// asked for (the CLI's `--agenda`).
pub fn render(report: &Report<'_>, path: &str, agenda: bool, looks_like_agenda: bool) -> String {
    let text: &str = &report.text;
    let mut diagnostics: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    // The CLI's order (report.rs, CheckedFile::new).
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    let pos = Positions {
        text,
        index: LineIndex::new(text),
        utf16: Utf16Map::new(text, offsets_of(&report.diagnostics, &report.cases)),
    };
    let line_col = |offset| pos.line_col(offset);
    let to_utf16 = |offset| pos.utf16.get(offset);
    let positions = JsonPositions {
        line_col: &line_col,
        utf16: Some(&to_utf16),
    };
    let json_diagnostics = diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(path, d, &positions))
        .collect();
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let summary = JsonSummary::new(
        1,
        match report.mode {
            Mode::Agenda => report.cases.len().max(1),
            Mode::Document => 1,
        },
        [
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        ],
    );
    let json = JsonReport {
        version: 1,
        text,
        kind: kind_name(report.kind),
        mode: match report.mode {
            Mode::Agenda => "agenda",
            Mode::Document => "document",
        },
        looks_like_agenda,
        diagnostics: json_diagnostics,
        cases: agenda.then(|| cases(report, &diagnostics, path, &positions)),
        summary,
    };
    // Plain structs of strings and numbers always serialise.
    serde_json::to_string(&json).unwrap_or_else(|_| "{}".to_string())
}

/// The `cases` array as the CLI makes it (output/json.rs and output/cases.rs):
/// an agenda's cases with their findings, or the document as one case.
fn cases(
    report: &Report<'_>,
    diagnostics: &[&Diagnostic],
    path: &str,
    positions: &JsonPositions<'_>,
) -> Vec<JsonCase> {
    let case = |info: &CaseInfo, title: String, found: &[&&Diagnostic]| {
        let count = |s| found.iter().filter(|d| d.severity == s).count();
        let counts = [
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        ];
        JsonCase::new(path.to_string(), title, info, counts, positions)
    };
    if report.mode == Mode::Agenda && !report.cases.is_empty() {
        let infos = &report.cases;
        let mut found: Vec<Vec<&&Diagnostic>> = vec![Vec::new(); infos.len()];
        for d in diagnostics {
            if let Some(i) = arendelint_core::report::case_of(infos, d) {
                found[i].push(d);
            }
        }
        infos
            .iter()
            .zip(&found)
            .map(|(info, found)| case(info, info.title.clone(), found))
            .collect()
    } else {
        let untitled = CaseInfo::untitled(report.text.len());
        let info = report.cases.last().unwrap_or(&untitled);
        let title = if info.title.is_empty() {
            path.to_string()
        } else {
            info.title.clone()
        };
        let all: Vec<&&Diagnostic> = diagnostics.iter().collect();
        vec![case(info, title, &all)]
    }
}
