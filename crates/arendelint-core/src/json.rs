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

impl JsonDiagnostic<'_> {
    /// Appends the finding as serde_json's pretty printer writes it as a
    /// value at depth `level` (two spaces per level; the first line's
    /// indentation is the caller's): the same bytes as serialising it, with
    /// about a third fewer instructions, which a run with tens of thousands
    /// of findings notices.
    pub fn write_pretty(&self, out: &mut Vec<u8>, level: usize) {
        let mut w = PrettyWriter {
            out,
            level,
            first: true,
        };
        w.open(b'{');
        w.str_field("path", self.path);
        w.str_field("rule", self.rule);
        w.str_field("name", self.name);
        w.str_field("severity", self.severity);
        w.str_field("message", self.message);
        w.location_fields(&self.location);
        w.key("case");
        match self.case {
            Some(case) => w.string(case),
            None => w.out.extend_from_slice(b"null"),
        }
        if !self.related.is_empty() {
            w.key("related");
            w.open(b'[');
            for (n, at) in self.related.iter().enumerate() {
                w.item(n);
                w.open(b'{');
                w.location_fields(at);
                w.close(b'}');
            }
            w.close(b']');
        }
        if let Some(fix) = &self.fix {
            w.key("fix");
            w.open(b'{');
            w.str_field("description", fix.description);
            if let Some(applicability) = fix.applicability {
                w.str_field("applicability", applicability);
            }
            w.key("edits");
            if fix.edits.is_empty() {
                w.out.extend_from_slice(b"[]");
            } else {
                w.open(b'[');
                for (n, edit) in fix.edits.iter().enumerate() {
                    w.item(n);
                    w.open(b'{');
                    w.num_field("byte_start", edit.byte_start);
                    w.num_field("byte_end", edit.byte_end);
                    w.opt_num_field("start", edit.start);
                    w.opt_num_field("end", edit.end);
                    w.str_field("replacement", edit.replacement);
                    w.close(b'}');
                }
                w.close(b']');
            }
            w.close(b'}');
        }
        w.close(b'}');
    }
}

/// serde_json's pretty layout written by hand: a container's members each on
/// a line of their own, indented two spaces per level, `": "` after keys.
struct PrettyWriter<'a> {
    out: &'a mut Vec<u8>,
    level: usize,
    /// No member written yet in the container just opened.
    first: bool,
}

/// A line break and 32 levels of indentation, cut to length.
const NEWLINE_INDENT: &[u8] = b"\n                                                                ";

impl PrettyWriter<'_> {
    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.level += 1;
        self.first = true;
    }

    fn close(&mut self, bracket: u8) {
        self.level -= 1;
        self.newline();
        self.out.push(bracket);
        self.first = false;
    }

    fn newline(&mut self) {
        let mut spaces = self.level * 2;
        let first = spaces.min(NEWLINE_INDENT.len() - 1);
        self.out.extend_from_slice(&NEWLINE_INDENT[..1 + first]);
        spaces -= first;
        while spaces > 0 {
            let more = spaces.min(NEWLINE_INDENT.len() - 1);
            self.out.extend_from_slice(&NEWLINE_INDENT[1..1 + more]);
            spaces -= more;
        }
    }

    /// The separator before a member: a comma unless it is the first.
    fn member(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.newline();
    }

    fn item(&mut self, n: usize) {
        self.first = n == 0;
        self.member();
    }

    /// A key: the fixed keys of these objects need no escaping.
    fn key(&mut self, key: &str) {
        self.member();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    fn str_field(&mut self, key: &str, value: &str) {
        self.key(key);
        self.string(value);
    }

    fn num_field(&mut self, key: &str, value: usize) {
        self.key(key);
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    fn opt_num_field(&mut self, key: &str, value: Option<usize>) {
        if let Some(value) = value {
            self.num_field(key, value);
        }
    }

    fn location_fields(&mut self, at: &JsonLocation) {
        self.num_field("line", at.line);
        self.num_field("column", at.column);
        self.num_field("end_line", at.end_line);
        self.num_field("end_column", at.end_column);
        self.num_field("byte_start", at.byte_start);
        self.num_field("byte_end", at.byte_end);
        self.opt_num_field("start", at.start);
        self.opt_num_field("end", at.end);
    }

    /// A JSON string escaped as serde_json escapes it: `"` and `\\`, the
    /// short forms of five control characters, `\u00XX` for the others.
    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.push(b'"');
        let mut from = 0;
        while from < bytes.len() {
            let i = from + clean_prefix_len(&bytes[from..]);
            self.out.extend_from_slice(&bytes[from..i]);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            from = i + 1;
            let short: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let code = [
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[usize::from(b >> 4)],
                        HEX[usize::from(b & 0xF)],
                    ];
                    self.out.extend_from_slice(&code);
                    continue;
                }
            };
            self.out.extend_from_slice(short);
        }
        self.out.push(b'"');
    }
}

/// How many bytes from the start need no escaping in a JSON string (not
/// `"`, `\\` or a control character), eight at a time: most strings need none.
fn clean_prefix_len(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `v`. Bits can also be set above the
    // first zero byte (borrows), never below it: the first one is exact.
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(chunk);
        // Bytes below 0x20 (bytes of 0x80 and up are never flagged: `!x`),
        // and bytes equal to `"` or `\\`.
        let found = (x.wrapping_sub(ONES * 0x20) & !x & HIGH)
            | zero_bytes(x ^ (ONES * u64::from(b'"')))
            | zero_bytes(x ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .take_while(|&&b| b >= 0x20 && b != b'"' && b != b'\\')
        .count()
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

    #[test]
    fn the_clean_prefix_ends_at_the_first_byte_to_escape() {
        for b in 0..=255u8 {
            for at in 0..19 {
                // Bytes after the first one to escape may be anything.
                let mut bytes = vec![b'a'; 20];
                bytes[19] = b'\n';
                bytes[at] = b;
                let escaped = b < 0x20 || b == b'"' || b == b'\\';
                let expected = if escaped { at } else { 19 };
                assert_eq!(clean_prefix_len(&bytes), expected, "byte {b:#x} at {at}");
            }
        }
        assert_eq!(clean_prefix_len(b""), 0);
        assert_eq!(
            clean_prefix_len("åäö \u{7f}🙂".as_bytes()),
            "åäö \u{7f}🙂".len()
        );
        assert_eq!(clean_prefix_len(b"\x1f\x00"), 0);
    }

    /// serde_json's pretty rendering of `value` as a value at depth `level`.
    fn serde_pretty_at(value: &JsonDiagnostic, level: usize) -> String {
        let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
        pretty.replace('\n', &format!("\n{}", "  ".repeat(level)))
    }

    #[test]
    fn written_by_hand_a_finding_is_what_serde_json_writes() {
        // Every byte that JSON escapes, quotes, Swedish letters, an emoji.
        let nasty: String = (0u8..0x20)
            .map(char::from)
            .chain("\"\\/\u{7f}åäö ÅÄÖ é 🙂 \u{2028}".chars())
            .collect();
        let mut cases = Vec::new();
        let mut d = finding();
        cases.push(d.clone());
        d.message = nasty.clone();
        d.case = Some(nasty.clone());
        d.related.clear();
        cases.push(d.clone());
        d.fix = Some(Fix::new(nasty.clone(), Vec::new(), Applicability::Unsafe));
        d.related = vec![1..2, 3..4, 5..6];
        cases.push(d.clone());
        d.fix = Some(Fix::new(
            String::new(),
            vec![
                Edit::insert(1, &nasty),
                Edit::insert(2, ""),
                Edit::insert(3, "x"),
            ],
            Applicability::Safe,
        ));
        cases.push(d.clone());
        d.fix = None;
        d.message = String::new();
        cases.push(d);

        let line_col = |o: usize| (o / 7 + 1, o % 7 + 1);
        let half = |o: usize| o / 2;
        for utf16 in [None, Some(&half as &dyn Fn(usize) -> usize)] {
            let positions = JsonPositions {
                line_col: &line_col,
                utf16,
            };
            for d in &cases {
                let json = JsonDiagnostic::new(&nasty, d, &positions);
                for level in [0, 1, 2, 5, 31, 32, 33, 70] {
                    let mut out = Vec::new();
                    json.write_pretty(&mut out, level);
                    assert_eq!(
                        String::from_utf8(out).unwrap_or_default(),
                        serde_pretty_at(&json, level),
                        "level {level}, {d:?}"
                    );
                }
            }
        }
    }
}
