//! The report as cases, for the formats that clerks read (HTML, CSV, Markdown):
//! a file is one case, or in agenda mode the cases the core found in it.

use crate::report::{CheckedFile, Report};
use arendelint_core::report::CaseInfo;
use arendelint_core::rules::RULES;
use arendelint_core::{Diagnostic, Severity};

/// One case and its findings, in position order.
pub struct CaseView<'a> {
    pub file: &'a CheckedFile,
    pub title: String,
    /// The case number in agenda mode (`12`, `63/20`).
    pub number: Option<String>,
    pub dnr: Option<String>,
    /// An agenda item without case text.
    pub empty: bool,
    /// Where the case starts: its heading (byte offset).
    pub start: usize,
    /// The findings outside every case of an agenda: no case of its own.
    pub outside: bool,
    pub diagnostics: Vec<&'a Diagnostic>,
    /// The core's case (for the findings outside every case, the whole file).
    pub info: CaseInfo,
}

impl CaseView<'_> {
    /// Findings per rule, in the order of [`RULES`].
    pub fn per_rule(&self) -> Vec<usize> {
        RULES
            .iter()
            .map(|m| self.diagnostics.iter().filter(|d| d.rule == m.rule).count())
            .collect()
    }

    /// Errors, warnings and infos.
    pub fn per_severity(&self) -> [usize; 3] {
        let count = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        [
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        ]
    }

    pub fn worst(&self) -> Option<Severity> {
        self.diagnostics.iter().map(|d| d.severity).max()
    }
}

/// Whether any case has a number: the reports then show a number column.
pub fn numbered(cases: &[CaseView]) -> bool {
    cases.iter().any(|c| c.number.is_some())
}

/// Every case of the report: files in report order, cases in document order.
pub fn cases(report: &Report) -> Vec<CaseView<'_>> {
    let mut out = Vec::new();
    for file in &report.files {
        file_cases(file, &mut out);
    }
    out
}

/// The cases of one file, in document order (what [`cases`] gives for it).
pub fn file_cases<'a>(file: &'a CheckedFile, out: &mut Vec<CaseView<'a>>) {
    {
        match &file.cases {
            Some(infos) if !infos.is_empty() => agenda_cases(file, infos, out),
            _ => {
                // The core's case of the whole document: no second parse here.
                let info = file
                    .document
                    .clone()
                    .unwrap_or_else(|| CaseInfo::untitled(file.text.len()));
                out.push(CaseView {
                    file,
                    title: if info.title.is_empty() {
                        file.display.clone()
                    } else {
                        info.title.clone()
                    },
                    number: None,
                    dnr: info.dnr.clone(),
                    empty: false,
                    start: info.heading.start,
                    outside: false,
                    diagnostics: file.diagnostics.iter().collect(),
                    info,
                })
            }
        }
    }
}

fn agenda_cases<'a>(file: &'a CheckedFile, infos: &[CaseInfo], out: &mut Vec<CaseView<'a>>) {
    let mut views: Vec<CaseView<'a>> = infos
        .iter()
        .map(|info| CaseView {
            file,
            title: info.title.clone(),
            number: info.number.clone(),
            dnr: info.dnr.clone(),
            empty: info.empty,
            start: info.heading.start,
            outside: false,
            diagnostics: Vec::new(),
            info: info.clone(),
        })
        .collect();
    let mut outside = Vec::new();
    for d in &file.diagnostics {
        match arendelint_core::report::case_of(infos, d) {
            Some(i) => views[i].diagnostics.push(d),
            None => outside.push(d),
        }
    }
    out.extend(views);
    if !outside.is_empty() {
        out.push(CaseView {
            file,
            title: file.display.clone(),
            number: None,
            dnr: None,
            empty: false,
            start: 0,
            outside: true,
            diagnostics: outside,
            info: CaseInfo::untitled(file.text.len()),
        });
    }
}
