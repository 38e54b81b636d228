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
    /// about a third of the instructions, which a run with tens of thousands
    /// of findings notices. [`PrettyFindings`] writes many.
    pub fn write_pretty(&self, out: &mut Vec<u8>, level: usize) {
        PrettyFindings::default().write(self, out, level);
    }
}

/// Writes findings as [`JsonDiagnostic::write_pretty`] does, keeping the last
/// path escaped: a file's findings all name the same path.
#[derive(Debug, Default)]
pub struct PrettyFindings {
    path: String,
    /// `path` as a JSON string, quotes included.
    quoted_path: Vec<u8>,
    /// The level the pieces below are laid out for, once laid out.
    level: Option<usize>,
    /// The `rule`, `name` and `severity` members of each rule and severity
    /// met, written once: (rule, severity, the members).
    rules: Vec<(&'static str, &'static str, Vec<u8>)>,
    /// The keys of a finding's location with their line breaks, when short
    /// enough to be copied in a few moves.
    location_keys: Option<LocationKeys>,
}

/// Distinct rules and severities there are, with room to spare: the
/// [`PrettyFindings::rules`] cache never grows past it.
const MAX_CACHED_RULES: usize = 64;

/// `"name": ` as bytes: a key of these objects, which need no escaping.
macro_rules! key {
    ($name:literal) => {{
        const KEY: &str = concat!("\"", $name, "\": ");
        const BYTES: [u8; KEY.len()] = byte_array(KEY);
        &BYTES
    }};
}

/// `text` as an array of its `N` bytes (`N` is its length), when compiling.
const fn byte_array<const N: usize>(text: &str) -> [u8; N] {
    let bytes = text.as_bytes();
    let mut array = [0; N];
    let mut i = 0;
    while i < N && i < bytes.len() {
        array[i] = bytes[i];
        i += 1;
    }
    array
}

impl PrettyFindings {
    /// Appends `d` as [`JsonDiagnostic::write_pretty`] does.
    pub fn write(&mut self, d: &JsonDiagnostic, out: &mut Vec<u8>, level: usize) {
        if self.quoted_path.is_empty() || self.path != d.path {
            self.path.clear();
            self.path.push_str(d.path);
            self.quoted_path.clear();
            write_string(&mut self.quoted_path, d.path);
        }
        if self.level != Some(level) {
            self.level = Some(level);
            self.rules.clear();
            self.location_keys = LocationKeys::new(level + 1);
        }
        let mut w = PrettyWriter {
            out,
            level,
            first: true,
        };
        w.open(b'{');
        w.key(key!("path"));
        w.out.extend_from_slice(&self.quoted_path);
        w.out.extend_from_slice(self.rule_members(d, level));
        w.str_field(key!("message"), d.message);
        match &self.location_keys {
            // The report format's locations have no UTF-16 offsets.
            Some(keys) if d.location.start.is_none() && d.location.end.is_none() => {
                keys.write(w.out, &d.location);
            }
            _ => w.location_fields(&d.location),
        }
        w.key(key!("case"));
        match d.case {
            Some(case) => w.string(case),
            None => w.out.extend_from_slice(b"null"),
        }
        if !d.related.is_empty() {
            w.key(key!("related"));
            w.open(b'[');
            for (n, at) in d.related.iter().enumerate() {
                w.item(n);
                w.open(b'{');
                w.location_fields(at);
                w.close(b'}');
            }
            w.close(b']');
        }
        if let Some(fix) = &d.fix {
            w.fix(fix);
        }
        w.close(b'}');
    }
}

impl PrettyFindings {
    /// The `rule`, `name` and `severity` members of `d` after the path, at
    /// `level`, written once for each rule and severity.
    fn rule_members(&mut self, d: &JsonDiagnostic, level: usize) -> &[u8] {
        // The same static strings: one comparison of addresses each.
        let same = |(rule, severity, _): &(&str, &str, Vec<u8>)| {
            std::ptr::eq(*rule, d.rule) && std::ptr::eq(*severity, d.severity)
        };
        let at = match self.rules.iter().position(same) {
            Some(at) => at,
            None => {
                if self.rules.len() >= MAX_CACHED_RULES {
                    self.rules.clear();
                }
                let mut members = Vec::new();
                let mut w = PrettyWriter {
                    out: &mut members,
                    level: level + 1,
                    first: false,
                };
                w.str_field(key!("rule"), d.rule);
                w.str_field(key!("name"), d.name);
                w.str_field(key!("severity"), d.severity);
                self.rules.push((d.rule, d.severity, members));
                self.rules.len() - 1
            }
        };
        self.rules.get(at).map_or(&[], |(_, _, members)| members)
    }
}

/// The six number members of a location, each key with the line break and
/// indentation before it in an array of fixed size (copied in a few moves
/// and cut to length).
#[derive(Debug)]
struct LocationKeys {
    keys: [([u8; KEY_LINE], usize); 6],
}

/// Bytes of a [`LocationKeys`] key line: `,\n`, indentation and the key.
const KEY_LINE: usize = 32;

impl LocationKeys {
    /// The keys at `level`, or `None` when too deep to fit.
    fn new(level: usize) -> Option<LocationKeys> {
        let names = [
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
        ];
        let mut keys = [([0; KEY_LINE], 0); 6];
        for (name, (bytes, len)) in names.iter().zip(&mut keys) {
            let line = format!(",\n{:indent$}\"{name}\": ", "", indent = level * 2);
            bytes
                .get_mut(..line.len())?
                .copy_from_slice(line.as_bytes());
            *len = line.len();
        }
        Some(LocationKeys { keys })
    }

    /// The location's number members, as [`PrettyWriter::location_fields`]
    /// writes them after a member.
    fn write(&self, out: &mut Vec<u8>, at: &JsonLocation) {
        let values = [
            at.line,
            at.column,
            at.end_line,
            at.end_column,
            at.byte_start,
            at.byte_end,
        ];
        for ((bytes, len), value) in self.keys.iter().zip(values) {
            let end = out.len() + len;
            out.extend_from_slice(bytes);
            out.truncate(end);
            push_decimal(out, value);
        }
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

/// A comma, a line break and 31 levels of indentation: what goes before a
/// member is one slice of it (deeper levels add spaces).
const BREAKS: &[u8] = b",\n                                                              ";

/// Bytes copied at once for a line break (cut to length after): a copy of
/// a length known when compiling is a few moves, not a call to `memcpy`,
/// which a finding's dozens of short pieces notice.
const BREAK_CHUNK: usize = 32;

impl PrettyWriter<'_> {
    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.level += 1;
        self.first = true;
    }

    fn close(&mut self, bracket: u8) {
        self.level -= 1;
        self.line_break(false);
        self.out.push(bracket);
        self.first = false;
    }

    /// A line break and the current level's indentation, after a comma if
    /// `comma`.
    fn line_break(&mut self, comma: bool) {
        let from = usize::from(!comma);
        let spaces = self.level * 2;
        let len = 2 - from + spaces;
        let chunk = BREAKS.get(from..from + BREAK_CHUNK);
        match chunk.and_then(|c| <&[u8; BREAK_CHUNK]>::try_from(c).ok()) {
            Some(chunk) if len <= BREAK_CHUNK => {
                let end = self.out.len() + len;
                self.out.extend_from_slice(chunk);
                self.out.truncate(end);
            }
            _ => {
                self.out.extend_from_slice(&BREAKS[from..2]);
                self.out.resize(self.out.len() + spaces, b' ');
            }
        }
    }

    /// The separator before a member: a comma unless it is the first.
    fn member(&mut self) {
        self.line_break(!self.first);
        self.first = false;
    }

    fn item(&mut self, n: usize) {
        self.first = n == 0;
        self.member();
    }

    /// A key, written by [`key!`] (an array: copied in a few moves).
    fn key<const N: usize>(&mut self, key: &[u8; N]) {
        self.member();
        self.out.extend_from_slice(key);
    }

    fn str_field<const N: usize>(&mut self, key: &[u8; N], value: &str) {
        self.key(key);
        self.string(value);
    }

    fn num_field<const N: usize>(&mut self, key: &[u8; N], value: usize) {
        self.key(key);
        push_decimal(self.out, value);
    }

    fn opt_num_field<const N: usize>(&mut self, key: &[u8; N], value: Option<usize>) {
        if let Some(value) = value {
            self.num_field(key, value);
        }
    }

    fn location_fields(&mut self, at: &JsonLocation) {
        self.num_field(key!("line"), at.line);
        self.num_field(key!("column"), at.column);
        self.num_field(key!("end_line"), at.end_line);
        self.num_field(key!("end_column"), at.end_column);
        self.num_field(key!("byte_start"), at.byte_start);
        self.num_field(key!("byte_end"), at.byte_end);
        self.opt_num_field(key!("start"), at.start);
        self.opt_num_field(key!("end"), at.end);
    }

    fn fix(&mut self, fix: &JsonFix) {
        self.key(key!("fix"));
        self.open(b'{');
        self.str_field(key!("description"), fix.description);
        if let Some(applicability) = fix.applicability {
            self.str_field(key!("applicability"), applicability);
        }
        self.key(key!("edits"));
        if fix.edits.is_empty() {
            self.out.extend_from_slice(b"[]");
        } else {
            self.open(b'[');
            for (n, edit) in fix.edits.iter().enumerate() {
                self.item(n);
                self.open(b'{');
                self.num_field(key!("byte_start"), edit.byte_start);
                self.num_field(key!("byte_end"), edit.byte_end);
                self.opt_num_field(key!("start"), edit.start);
                self.opt_num_field(key!("end"), edit.end);
                self.str_field(key!("replacement"), edit.replacement);
                self.close(b'}');
            }
            self.close(b']');
        }
        self.close(b'}');
    }

    fn string(&mut self, s: &str) {
        write_string(self.out, s);
    }
}

/// Appends `value` in decimal, as serde_json writes numbers.
fn push_decimal(out: &mut Vec<u8>, value: usize) {
    let mut digits = [b'0'; 20];
    let len = decimal_len(value);
    let mut rest = value;
    for digit in digits[..len].iter_mut().rev() {
        *digit = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    // All 20 bytes copied and cut to length: a copy of a known length is a
    // few moves, not a call.
    let end = out.len() + len;
    out.extend_from_slice(&digits);
    out.truncate(end);
}

/// How many decimal digits `value` has (1 for 0).
fn decimal_len(value: usize) -> usize {
    let mut len = 1;
    let mut rest = value;
    while rest >= 10 {
        rest /= 10;
        len += 1;
    }
    len
}

/// Appends `s` as a JSON string escaped as serde_json escapes it: `"` and
/// `\\`, the short forms of five control characters, `\u00XX` for the others.
fn write_string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    // Room for the string unescaped and its quotes: one allocation at most
    // for most strings.
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    while from < bytes.len() {
        let i = from + clean_prefix_len(&bytes[from..]);
        out.extend_from_slice(&bytes[from..i]);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        from = i + 1;
        // Arrays, not slices: copied in a move, not a call.
        let short: &[u8; 2] = match b {
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
                out.extend_from_slice(&code);
                continue;
            }
        };
        out.extend_from_slice(short);
    }
    out.push(b'"');
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
    fn decimals_are_written_as_serde_json_writes_them() {
        for value in [
            0,
            1,
            9,
            10,
            99,
            100,
            4086,
            1_000_000,
            usize::MAX - 1,
            usize::MAX,
        ] {
            let mut out = b"x".to_vec();
            push_decimal(&mut out, value);
            assert_eq!(out, format!("x{value}").into_bytes());
            assert_eq!(decimal_len(value), value.to_string().len());
        }
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

    #[test]
    fn one_writer_of_many_findings_escapes_each_new_path() {
        let d = finding();
        let line_col = |o: usize| (1, o + 1);
        let positions = JsonPositions {
            line_col: &line_col,
            utf16: None,
        };
        let mut other = Diagnostic::new(Rule::Jam001, Severity::Error, 0..0, "n".to_string());
        other.related.push(2..3);
        let info = Diagnostic::new(Rule::Jam003, Severity::Info, 1..2, "i".to_string());
        let mut writer = PrettyFindings::default();
        let paths = ["a.md", "a.md", "b \"c\".md", "", "a.md"];
        // Paths, rules, severities and levels changing from finding to finding.
        for (n, path) in paths.iter().cycle().take(20).enumerate() {
            let d = [&d, &other, &info][n % 3];
            let level = [2, 2, 0, 9, 2][n % 5];
            let json = JsonDiagnostic::new(path, d, &positions);
            let mut out = Vec::new();
            writer.write(&json, &mut out, level);
            assert_eq!(
                String::from_utf8(out).unwrap_or_default(),
                serde_pretty_at(&json, level),
                "{path} {level} {d:?}"
            );
        }
    }
}
