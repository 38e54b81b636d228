//! The one way in and out of the core: an [`Input`] (text or bytes, its kind,
//! one document or an agenda) is checked into a [`Report`] (the text the
//! offsets index, the findings, the cases), and [`Linter::fix`] applies fixes
//! until none is left.

use crate::diagnostic::Diagnostic;
use crate::document::{CaseInfo, Document, Scope};
use crate::docx::DocxError;
use crate::engine::Linter;
use crate::pdf::PdfError;
use crate::sectioned::{MIN_PART_BYTES, SECTIONED_MIN_BYTES};
use crate::source::{decode, InputError, SourceKind};
use std::borrow::Cow;
use std::fmt;

/// What to check: one document, or an agenda of many cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Mode {
    /// The whole input is one case.
    #[default]
    Document,
    /// A kallelse, föredragningslista or protokoll: each case is checked on its
    /// own (`§ 12 …`, `KS § 12 …`, `Ärende 4 …`, `1 Titel`).
    Agenda,
}

/// The content of an [`Input`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// A document to check.
///
/// ```
/// use arendelint_core::{Config, Input, Linter, SourceKind};
///
/// let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
/// let text = "# Ny simhall\n\n## Bakgrund\n\nSimhallen hade 4 500 besökare i fjol.\n";
/// let report = linter.check(&Input::text(text, SourceKind::Markdown)).expect("text is checked");
/// let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.code()).collect();
/// assert_eq!(rules, ["JAM001", "JAM004"]);
/// assert_eq!(report.cases[0].title, "Ny simhall");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input<'a> {
    content: Content<'a>,
    kind: SourceKind,
    mode: Mode,
    extracted_fixes: bool,
}

impl<'a> Input<'a> {
    /// Text of a Markdown or plain-text document (a BOM and CRLF are fine).
    pub fn text(text: &'a str, kind: SourceKind) -> Input<'a> {
        Input {
            content: Content::Text(text),
            kind,
            mode: Mode::Document,
            extracted_fixes: false,
        }
    }

    /// A file's bytes: UTF-8 text for Markdown and plain text, the archive for
    /// Word. Text that is empty, binary or not UTF-8 is an [`CheckError::Input`].
    pub fn bytes(bytes: &'a [u8], kind: SourceKind) -> Input<'a> {
        Input {
            content: Content::Bytes(bytes),
            kind,
            mode: Mode::Document,
            extracted_fixes: false,
        }
    }

    /// The same input, checked in `mode`.
    pub fn with_mode(mut self, mode: Mode) -> Input<'a> {
        self.mode = mode;
        self
    }

    /// The same input, but a Word or PDF file keeps its fixes, as edits of
    /// the extracted text (for a program that maps that text back onto the
    /// document, such as the Word add-in). Without it they are dropped: the
    /// file itself is never edited.
    pub fn with_extracted_fixes(mut self) -> Input<'a> {
        self.extracted_fixes = true;
        self
    }

    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }
}

/// The result of [`Linter::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report<'a> {
    /// The text the findings' byte offsets index: the input text, or the text
    /// extracted from a Word file (line *n* is paragraph *n*).
    pub text: Cow<'a, str>,
    pub kind: SourceKind,
    /// The mode the input was checked in: an agenda in which no case heading
    /// was found is checked as one document (and says so here).
    pub mode: Mode,
    /// Sorted by position, then rule. Word files have no fixes (only read).
    pub diagnostics: Vec<Diagnostic>,
    /// The cases in order: for one document, the document itself (its first
    /// heading as title and its Dnr); for an agenda, every case found.
    pub cases: Vec<CaseInfo>,
}

impl Report<'_> {
    /// The same report owning its text (for keeping it past the input).
    pub fn into_owned(self) -> Report<'static> {
        Report {
            text: Cow::Owned(self.text.into_owned()),
            kind: self.kind,
            mode: self.mode,
            diagnostics: self.diagnostics,
            cases: self.cases,
        }
    }
}

/// The case of an agenda a finding belongs to (an index into `cases`), for
/// reports that list findings per case. The core names the case in
/// [`Diagnostic::case`]; two cases may share a title, so the span decides
/// between them. `None` for a finding outside every case (a suppression
/// problem before the first case heading).
pub fn case_of(cases: &[CaseInfo], diagnostic: &Diagnostic) -> Option<usize> {
    let named = |i: &usize| diagnostic.case.as_deref() == Some(cases[*i].title.as_str());
    let contains = |i: &usize| cases[*i].range.contains(&diagnostic.span.start);
    (0..cases.len())
        .find(|i| named(i) && contains(i))
        .or_else(|| (0..cases.len()).find(named))
        .or_else(|| (0..cases.len()).find(contains))
}

/// Why an input could not be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CheckError {
    /// Text that is empty, binary or not UTF-8.
    Input(InputError),
    /// A Word file that cannot be read.
    Docx(DocxError),
    /// A PDF file that cannot be read, or has no text layer.
    Pdf(PdfError),
    /// The input's kind cannot be fixed (only text files are edited).
    NotFixable,
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::Input(e) => e.fmt(f),
            CheckError::Docx(e) => e.fmt(f),
            CheckError::Pdf(e) => e.fmt(f),
            CheckError::NotFixable => {
                f.write_str("only Markdown and plain-text files can be fixed")
            }
        }
    }
}

impl std::error::Error for CheckError {}

impl From<InputError> for CheckError {
    fn from(e: InputError) -> Self {
        CheckError::Input(e)
    }
}

impl From<PdfError> for CheckError {
    fn from(e: PdfError) -> Self {
        CheckError::Pdf(e)
    }
}

impl From<DocxError> for CheckError {
    fn from(e: DocxError) -> Self {
        CheckError::Docx(e)
    }
}

/// The result of [`Linter::fix`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fixed {
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// The fixed text (with the input's BOM and line endings) checked: the
    /// findings left and the document's case.
    pub report: Report<'static>,
}

/// At most this many rounds of fixing: a fix may make room for another (two
/// fixes whose edits touched), but never loops.
const MAX_FIX_PASSES: usize = 10;

impl Linter {
    /// Checks one input: the single entry point for text, Word files, one
    /// document or an agenda.
    pub fn check<'a>(&self, input: &Input<'a>) -> Result<Report<'a>, CheckError> {
        match input.kind {
            SourceKind::Markdown | SourceKind::PlainText => {
                let text: Cow<'a, str> = match input.content {
                    Content::Text(t) => Cow::Borrowed(t),
                    Content::Bytes(b) => Cow::Borrowed(decode(b)?),
                };
                let sectioned = (input.kind == SourceKind::Markdown
                    && input.mode == Mode::Document
                    && text.len() >= SECTIONED_MIN_BYTES)
                    .then(|| self.check_sectioned(&text, MIN_PART_BYTES))
                    .flatten();
                let (mode, diagnostics, cases) = match sectioned {
                    Some(s) => (Mode::Document, s.diagnostics, vec![s.case]),
                    None => {
                        let parse =
                            |agenda| Document::parse(&text, input.kind, self.data(), agenda);
                        self.check_document(parse, input.mode)
                    }
                };
                Ok(Report {
                    text,
                    kind: input.kind,
                    mode,
                    diagnostics,
                    cases,
                })
            }
            SourceKind::Docx => {
                let bytes = match input.content {
                    Content::Bytes(b) => b,
                    Content::Text(t) => t.as_bytes(),
                };
                let extracted = crate::docx::extract(bytes)?;
                let (mode, mut diagnostics, cases) = {
                    let parse = |agenda| Document::from_docx(&extracted, self.data(), agenda);
                    self.check_document(parse, input.mode)
                };
                // Fixes would be edits of the extracted text; the file is only read
                // (unless the caller maps that text back itself).
                if !input.extracted_fixes {
                    for d in &mut diagnostics {
                        d.fix = None;
                    }
                }
                Ok(Report {
                    text: Cow::Owned(extracted.text),
                    kind: input.kind,
                    mode,
                    diagnostics,
                    cases,
                })
            }
            SourceKind::Pdf => {
                let bytes = match input.content {
                    Content::Bytes(b) => b,
                    Content::Text(t) => t.as_bytes(),
                };
                // The text layer is plain text: its page furniture and broken
                // words are the plain-text front end's job.
                let text = crate::pdf::extract(bytes)?;
                let (mode, mut diagnostics, cases) = {
                    let parse =
                        |agenda| Document::parse(&text, SourceKind::PlainText, self.data(), agenda);
                    self.check_document(parse, input.mode)
                };
                if !input.extracted_fixes {
                    for d in &mut diagnostics {
                        d.fix = None;
                    }
                }
                Ok(Report {
                    text: Cow::Owned(text),
                    kind: input.kind,
                    mode,
                    diagnostics,
                    cases,
                })
            }
        }
    }

    /// One document, or an agenda split into cases; an agenda without case
    /// headings is checked as one document (the mode returned says which).
    fn check_document<'t>(
        &self,
        parse: impl Fn(bool) -> Document<'t>,
        mode: Mode,
    ) -> (Mode, Vec<Diagnostic>, Vec<CaseInfo>) {
        if mode == Mode::Agenda {
            let doc = parse(true);
            let cases = doc.cases(self.data());
            if !cases.is_empty() {
                let scopes: Vec<(Scope, Option<String>)> = cases
                    .iter()
                    .map(|(scope, info)| (scope.clone(), Some(info.title.clone())))
                    .collect();
                let diagnostics = self.run_scopes(&doc, &scopes);
                let infos = cases.into_iter().map(|(_, info)| info).collect();
                return (Mode::Agenda, diagnostics, infos);
            }
        }
        let doc = parse(false);
        let diagnostics = self.run_scopes(&doc, &[(doc.whole(), None)]);
        (Mode::Document, diagnostics, vec![doc.as_case(self.data())])
    }

    /// Applies the safe fixes (and the unsafe ones with `include_unsafe`) until
    /// none is left, keeping the text's BOM and line endings. `None` when there
    /// is nothing to fix. Only text inputs (Markdown, plain text) are fixed, as
    /// one document.
    ///
    /// ```
    /// use arendelint_core::{Config, Input, Linter, SourceKind};
    ///
    /// let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
    /// let text = "# Ärende\r\n\r\nPatienterna väntar. Patienterna klagar.\r\n";
    /// let fixed = linter
    ///     .fix(&Input::text(text, SourceKind::Markdown), false)
    ///     .expect("text can be fixed")
    ///     .expect("there was something to fix");
    /// // One fix settles the section (the second mention was a related location).
    /// assert_eq!(fixed.applied, 1);
    /// assert_eq!(
    ///     fixed.report.text,
    ///     "# Ärende\r\n\r\nPatienterna (kvinnor och män) väntar. Patienterna klagar.\r\n"
    /// );
    /// ```
    pub fn fix(
        &self,
        input: &Input<'_>,
        include_unsafe: bool,
    ) -> Result<Option<Fixed>, CheckError> {
        if !matches!(input.kind, SourceKind::Markdown | SourceKind::PlainText) {
            return Err(CheckError::NotFixable);
        }
        let mut report = self.check(&input.with_mode(Mode::Document))?.into_owned();
        let mut applied = 0;
        for _ in 0..MAX_FIX_PASSES {
            let adapted = crate::fix::adapt_to_text(&report.text, &report.diagnostics);
            let (next, count) = crate::fix::apply_fixes(&report.text, &adapted, include_unsafe);
            if count == 0 || next == report.text {
                break;
            }
            applied += count;
            report = self.check(&Input::text(&next, input.kind))?.into_owned();
        }
        Ok((applied > 0).then_some(Fixed { applied, report }))
    }
}

#[cfg(test)]
mod tests {
    use super::case_of;
    use crate::document::CaseInfo;
    use crate::{Diagnostic, Rule, Severity};

    fn case(title: &str, range: std::ops::Range<usize>) -> CaseInfo {
        CaseInfo {
            title: title.to_string(),
            heading: range.start..range.start + 5,
            range,
            ..CaseInfo::untitled(0)
        }
    }

    fn finding(case: Option<&str>, at: usize) -> Diagnostic {
        let mut d = Diagnostic::new(Rule::Jam003, Severity::Warning, at..at + 3, String::new());
        d.case = case.map(str::to_string);
        d
    }

    #[test]
    fn a_finding_belongs_to_the_case_it_names_and_lies_in() {
        // Two agenda items with the same title: the span decides.
        let cases = [
            case("Övriga frågor", 0..100),
            case("Övriga frågor", 100..200),
        ];
        assert_eq!(
            case_of(&cases, &finding(Some("Övriga frågor"), 150)),
            Some(1)
        );
        assert_eq!(
            case_of(&cases, &finding(Some("Övriga frågor"), 10)),
            Some(0)
        );
        // Named but outside every case of that title: the first so named.
        let cases = [case("Budget", 0..100), case("Taxor", 100..200)];
        assert_eq!(case_of(&cases, &finding(Some("Taxor"), 20)), Some(1));
        // Unnamed (a suppression problem): the case it lies in, if any.
        assert_eq!(case_of(&cases, &finding(None, 120)), Some(1));
        assert_eq!(case_of(&cases, &finding(None, 250)), None);
    }
}
