//! The result of a `check` run, shared by every output format.

use arendelint_core::report::CaseInfo;
use arendelint_core::text::{CharColumns, ColumnUnit, LineIndex};
use arendelint_core::{Diagnostic, Mode, Severity, SourceKind};
use std::ops::Range;

/// One checked document with its findings, sorted by position.
pub struct CheckedFile {
    /// The path as shown to the user.
    pub display: String,
    pub text: String,
    pub index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// Agenda mode: the cases of the file, in document order. `None`: the file
    /// is one case.
    pub cases: Option<Vec<CaseInfo>>,
    /// The file as one case (its title and Dnr), when it is not an agenda.
    pub document: Option<CaseInfo>,
    /// `text` was extracted from a Word file: line *n* is paragraph *n*.
    pub docx: bool,
}

/// A 1-based line and column (columns in Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl CheckedFile {
    pub fn new(display: String, text: String, mut diagnostics: Vec<Diagnostic>) -> CheckedFile {
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        let index = LineIndex::new(&text);
        CheckedFile {
            display,
            text,
            index,
            diagnostics,
            cases: None,
            document: None,
            docx: false,
        }
    }

    /// A file as the core checked it: its text, findings and cases.
    pub fn from_report(display: String, report: arendelint_core::Report<'_>) -> CheckedFile {
        let text = report.text.into_owned();
        CheckedFile::from_parts(
            display,
            text,
            report.kind,
            report.mode,
            report.diagnostics,
            report.cases,
        )
    }

    /// A file from the parts of a report whose text is already owned.
    pub fn from_parts(
        display: String,
        text: String,
        kind: SourceKind,
        mode: Mode,
        diagnostics: Vec<Diagnostic>,
        mut cases: Vec<arendelint_core::report::CaseInfo>,
    ) -> CheckedFile {
        let docx = kind == SourceKind::Docx;
        let agenda = mode == Mode::Agenda;
        let mut file = CheckedFile::new(display, text, diagnostics);
        file.docx = docx;
        if agenda {
            file.cases = Some(cases);
        } else {
            file.document = cases.pop();
        }
        file
    }

    /// How many cases the file holds: one unless agenda mode found several.
    pub fn case_count(&self) -> usize {
        self.cases.as_ref().map_or(1, |c| c.len().max(1))
    }

    pub fn position(&self, offset: usize) -> Position {
        let at = self.index.line_col(&self.text, offset, ColumnUnit::Char);
        Position {
            line: at.line as usize + 1,
            column: at.col as usize + 1,
        }
    }

    /// Positions of offsets asked in about increasing order (the findings'
    /// order), each counted on from the one before on the same line.
    pub fn positions(&self) -> impl Fn(usize) -> Position + '_ {
        let columns = CharColumns::new(&self.index, &self.text);
        move |offset| {
            let at = columns.line_col(offset);
            Position {
                line: at.line as usize + 1,
                column: at.col as usize + 1,
            }
        }
    }

    /// Start and end positions of a span.
    pub fn range(&self, span: &Range<usize>) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub cases: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Agenda items without case text (contract §5).
    pub empty_cases: usize,
}

impl Summary {
    /// Counts one more file.
    pub fn add(&mut self, file: &CheckedFile) {
        self.files += 1;
        self.cases += file.case_count();
        self.empty_cases += file.cases.iter().flatten().filter(|c| c.empty).count();
        for d in &file.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// The most severe finding counted, if any.
    pub fn worst(&self) -> Option<Severity> {
        if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else if self.infos > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// Everything a format renders.
pub struct Report {
    pub files: Vec<CheckedFile>,
    pub summary: Summary,
    /// `--agenda`: the JSON report lists the cases.
    pub agenda: bool,
}

impl Report {
    /// Sorts files by path so the output does not depend on thread timing.
    pub fn new(mut files: Vec<CheckedFile>) -> Report {
        files.sort_by(|a, b| a.display.cmp(&b.display));
        let mut summary = Summary::default();
        for file in &files {
            summary.add(file);
        }
        Report {
            files,
            summary,
            agenda: false,
        }
    }

    /// The most severe finding, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .map(|d| d.severity)
            .max()
    }
}
