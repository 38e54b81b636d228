//! A finding, a location and a case as the JSON objects of the report format
//! (docs/rules.md §4), shared by the CLI's `--format json` and the
//! WebAssembly build. The WebAssembly build adds UTF-16 offsets (JavaScript
//! strings count UTF-16 units) and each fix's applicability; without them
//! the objects are exactly the CLI's.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::CaseInfo;
use serde::Serialize;
use std::ops::Range;

/// How positions in a report's text are written.
pub struct JsonPositions<'a> {
    /// A byte offset's 1-based line and column (columns in chars).
    pub line_col: &'a dyn Fn(usize) -> (usize, usize),
    /// A byte offset's UTF-16 offset, written as `start`/`end` beside the
    /// byte offsets, and each fix's applicability; `None` for the report
    /// format itself.
    pub utf16: Option<&'a dyn Fn(usize) -> usize>,
}

impl JsonPositions<'_> {
    fn utf16(&self, offset: usize) -> Option<usize> {
        self.utf16.map(|to_utf16| to_utf16(offset))
    }
}

/// A span: where a finding or a related mention is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct JsonLocation {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

impl JsonLocation {
    pub fn new(span: &Range<usize>, positions: &JsonPositions) -> JsonLocation {
        let (line, column) = (positions.line_col)(span.start);
        let (end_line, end_column) = (positions.line_col)(span.end);
        JsonLocation {
            line,
            column,
            end_line,
            end_column,
            byte_start: span.start,
            byte_end: span.end,
            start: positions.utf16(span.start),
            end: positions.utf16(span.end),
        }
    }
}

/// One finding: its location's fields are written inline, between `message`
/// and `case`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub rule: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub location: JsonLocation,
    pub case: Option<&'a str>,
    /// Later mentions of the same group in the same section (JAM003, §6.17).
    pub related: Vec<JsonLocation>,
    pub fix: Option<JsonFix<'a>>,
}

// Written by hand rather than derived with `#[serde(flatten)]` for the
// location: flattening makes serde write the object through its generic map
// path, a tenth of the time of a whole JSON run. The JSON is the same.
impl Serialize for JsonDiagnostic<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let at = &self.location;
        let mut s = serializer.serialize_struct("JsonDiagnostic", 16)?;
        s.serialize_field("path", self.path)?;
        s.serialize_field("rule", self.rule)?;
        s.serialize_field("name", self.name)?;
        s.serialize_field("severity", self.severity)?;
        s.serialize_field("message", self.message)?;
        s.serialize_field("line", &at.line)?;
        s.serialize_field("column", &at.column)?;
        s.serialize_field("end_line", &at.end_line)?;
        s.serialize_field("end_column", &at.end_column)?;
        s.serialize_field("byte_start", &at.byte_start)?;
        s.serialize_field("byte_end", &at.byte_end)?;
        match at.start {
            Some(start) => s.serialize_field("start", &start)?,
            None => s.skip_field("start")?,
        }
        match at.end {
            Some(end) => s.serialize_field("end", &end)?,
            None => s.skip_field("end")?,
        }
        s.serialize_field("case", &self.case)?;
        if self.related.is_empty() {
            s.skip_field("related")?;
        } else {
            s.serialize_field("related", &self.related)?;
        }
        match &self.fix {
            Some(fix) => s.serialize_field("fix", fix)?,
            None => s.skip_field("fix")?,
        }
        s.end()
    }
}

impl<'a> JsonDiagnostic<'a> {
    /// `d` as found in the file shown as `path`.
    pub fn new(path: &'a str, d: &'a Diagnostic, positions: &JsonPositions) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            path,
            rule: d.rule.code(),
            name: d.rule.name(),
            severity: d.severity.as_str(),
            message: &d.message,
            location: JsonLocation::new(&d.span, positions),
            case: d.case.as_deref(),
            related: d
                .related
                .iter()
                .map(|r| JsonLocation::new(r, positions))
                .collect(),
            fix: d.fix.as_ref().map(|fix| JsonFix {
                description: &fix.description,
                applicability: positions.utf16.map(|_| match fix.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                }),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        byte_start: e.range.start,
                        byte_end: e.range.end,
                        start: positions.utf16(e.range.start),
                        end: positions.utf16(e.range.end),
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
        }
    }
}

/// A finding's fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct JsonFix<'a> {
    pub description: &'a str,
    /// `safe`: keeps the meaning (`check --fix` applies it); `unsafe`: inserts
    /// text to complete (offered, never applied in bulk).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicability: Option<&'static str>,
    pub edits: Vec<JsonEdit<'a>>,
}

/// One edit of a fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct JsonEdit<'a> {
    pub byte_start: usize,
    pub byte_end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    pub replacement: &'a str,
}

/// One case of the `cases` array: an agenda's case, or a document as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct JsonCase {
    pub path: String,
    pub case: String,
    pub number: Option<String>,
    pub dnr: Option<String>,
    pub line: usize,
    pub empty: bool,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// UTF-16 range of the whole case in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

impl JsonCase {
    /// The case `info` of the file shown as `path`, titled `title` (a
    /// document without a heading is titled by its path), with its findings'
    /// `[errors, warnings, infos]`.
    pub fn new(
        path: String,
        title: String,
        info: &CaseInfo,
        [errors, warnings, infos]: [usize; 3],
        positions: &JsonPositions,
    ) -> JsonCase {
        JsonCase {
            path,
            case: title,
            number: info.number.clone(),
            dnr: info.dnr.clone(),
            line: (positions.line_col)(info.heading.start).0,
            empty: info.empty,
            errors,
            warnings,
            infos,
            start: positions.utf16(info.range.start),
            end: positions.utf16(info.range.end),
        }
    }
}

/// The run's counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct JsonSummary {
    pub files: usize,
    pub cases: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl JsonSummary {
    pub fn new(files: usize, cases: usize, [errors, warnings, infos]: [usize; 3]) -> JsonSummary {
        JsonSummary {
            files,
            cases,
            errors,
            warnings,
            infos,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};
    use crate::{Rule, Severity};

    fn finding() -> Diagnostic {
        let mut d = Diagnostic::new(Rule::Jam003, Severity::Warning, 4..15, "m".to_string());
        d.related.push(20..31);
        d.fix = Some(Fix::new(
            "f".to_string(),
            vec![Edit::insert(15, " (kvinnor och män)")],
            Applicability::Safe,
        ));
        d
    }

    #[test]
    fn the_report_format_has_no_utf16_fields_and_the_web_format_has_them() {
        let d = finding();
        let line_col = |o: usize| (1, o + 1);
        let report = JsonPositions {
            line_col: &line_col,
            utf16: None,
        };
        let json =
            serde_json::to_value(JsonDiagnostic::new("a.md", &d, &report)).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({
                "path": "a.md", "rule": "JAM003", "name": d.rule.name(), "severity": "warning",
                "message": "m", "line": 1, "column": 5, "end_line": 1, "end_column": 16,
                "byte_start": 4, "byte_end": 15, "case": null,
                "related": [{"line": 1, "column": 21, "end_line": 1, "end_column": 32,
                             "byte_start": 20, "byte_end": 31}],
                "fix": {"description": "f", "edits": [
                    {"byte_start": 15, "byte_end": 15, "replacement": " (kvinnor och män)"}]}
            })
        );
        let half = |o: usize| o / 2;
        let web = JsonPositions {
            line_col: &line_col,
            utf16: Some(&half),
        };
        let json = serde_json::to_value(JsonDiagnostic::new("a.md", &d, &web)).unwrap_or_default();
        assert_eq!(
            (json["start"].clone(), json["end"].clone()),
            (2.into(), 7.into())
        );
        assert_eq!(json["related"][0]["start"], 10);
        assert_eq!(json["fix"]["applicability"], "safe");
        assert_eq!(json["fix"]["edits"][0]["end"], 7);
    }
}
