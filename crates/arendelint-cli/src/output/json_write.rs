//! A finding written as pretty JSON by hand, byte for byte what serde_json's
//! pretty printer makes of [`JsonDiagnostic`] at the same depth, without its
//! per-value dispatch and byte-by-byte escaping. A test below compares the two
//! so that a field added to `JsonDiagnostic` cannot be missed here.

use arendelint_core::report::json::{JsonDiagnostic, JsonEdit, JsonFix, JsonLocation};

/// serde_json's `PrettyFormatter` for the fixed shapes written here.
struct Pretty<'b> {
    out: &'b mut Vec<u8>,
    level: usize,
}

impl Pretty<'_> {
    fn newline(&mut self) {
        /// A line break and the indentation of up to 15 levels, in one copy.
        const BREAK: &[u8; 31] = b"\n                              ";
        match BREAK.get(..1 + 2 * self.level) {
            Some(line) => self.out.extend_from_slice(line),
            None => {
                self.out.push(b'\n');
                for _ in 0..self.level {
                    self.out.extend_from_slice(b"  ");
                }
            }
        }
    }

    fn open(&mut self, bracket: u8) {
        self.level += 1;
        self.out.push(bracket);
    }

    /// Closes an object or array; `had_values`: it was not empty.
    fn close(&mut self, bracket: u8, had_values: bool) {
        self.level = self.level.saturating_sub(1);
        if had_values {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// A key (plain ASCII, never escaped) and the `: ` after it.
    fn key(&mut self, first: bool, name: &str) {
        if !first {
            self.out.push(b',');
        }
        self.newline();
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    fn array_item(&mut self, first: bool) {
        if !first {
            self.out.push(b',');
        }
        self.newline();
    }

    fn str(&mut self, s: &str) {
        escape_str(self.out, s);
    }

    fn num(&mut self, n: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    fn num_field(&mut self, first: bool, name: &str, n: usize) {
        self.key(first, name);
        self.num(n);
    }

    fn str_field(&mut self, first: bool, name: &str, s: &str) {
        self.key(first, name);
        self.str(s);
    }
}

/// Writes `d` as serde_json's pretty printer does at nesting depth `level`
/// (the opening brace is not indented: the caller has placed it).
pub(crate) fn write_diagnostic(out: &mut Vec<u8>, level: usize, d: &JsonDiagnostic) {
    let mut p = Pretty { out, level };
    p.open(b'{');
    p.str_field(true, "path", d.path);
    p.str_field(false, "rule", d.rule);
    p.str_field(false, "name", d.name);
    p.str_field(false, "severity", d.severity);
    p.str_field(false, "message", d.message);
    location_fields(&mut p, &d.location, false);
    p.key(false, "case");
    match d.case {
        Some(case) => p.str(case),
        None => p.out.extend_from_slice(b"null"),
    }
    if !d.related.is_empty() {
        p.key(false, "related");
        p.open(b'[');
        for (n, r) in d.related.iter().enumerate() {
            p.array_item(n == 0);
            p.open(b'{');
            location_fields(&mut p, r, true);
            p.close(b'}', true);
        }
        p.close(b']', true);
    }
    if let Some(fix) = &d.fix {
        p.key(false, "fix");
        write_fix(&mut p, fix);
    }
    p.close(b'}', true);
}

/// A location's fields (flattened into a finding, or an object of its own:
/// then `first`).
fn location_fields(p: &mut Pretty, l: &JsonLocation, first: bool) {
    p.num_field(first, "line", l.line);
    p.num_field(false, "column", l.column);
    p.num_field(false, "end_line", l.end_line);
    p.num_field(false, "end_column", l.end_column);
    p.num_field(false, "byte_start", l.byte_start);
    p.num_field(false, "byte_end", l.byte_end);
    if let Some(start) = l.start {
        p.num_field(false, "start", start);
    }
    if let Some(end) = l.end {
        p.num_field(false, "end", end);
    }
}

fn write_fix(p: &mut Pretty, fix: &JsonFix) {
    p.open(b'{');
    p.str_field(true, "description", fix.description);
    if let Some(applicability) = fix.applicability {
        p.str_field(false, "applicability", applicability);
    }
    p.key(false, "edits");
    p.open(b'[');
    for (n, e) in fix.edits.iter().enumerate() {
        p.array_item(n == 0);
        write_edit(p, e);
    }
    p.close(b']', !fix.edits.is_empty());
    p.close(b'}', true);
}

fn write_edit(p: &mut Pretty, e: &JsonEdit) {
    p.open(b'{');
    p.num_field(true, "byte_start", e.byte_start);
    p.num_field(false, "byte_end", e.byte_end);
    if let Some(start) = e.start {
        p.num_field(false, "start", start);
    }
    if let Some(end) = e.end {
        p.num_field(false, "end", end);
    }
    p.str_field(false, "replacement", e.replacement);
    p.close(b'}', true);
}

/// Whether a byte must be escaped in a JSON string (serde_json escapes control
/// characters, `"` and `\`; not DEL, not non-ASCII).
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Where the first byte at or after `from` that needs an escape is.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    // 16 bytes at a time without an early exit inside a chunk (the compiler
    // turns this into a few vector instructions); most strings have no escape.
    let mut at = from;
    let mut chunks = bytes[from..].chunks_exact(16);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |acc, &b| acc | needs_escape(b)) {
            return chunk.iter().position(|&b| needs_escape(b)).map(|i| at + i);
        }
        at += 16;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| needs_escape(b))
        .map(|i| at + i)
}

/// `s` as a quoted JSON string, escaped exactly as serde_json does.
fn escape_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    let mut start = 0;
    while let Some(i) = next_escape(bytes, start) {
        out.extend_from_slice(&bytes[start..i]);
        match bytes[i] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 0xf) as usize]);
            }
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Nested;
    use arendelint_core::report::json::JsonPositions;
    use arendelint_core::report::{Applicability, Edit, Fix};
    use arendelint_core::{Diagnostic, Rule, Severity};
    use serde::Serialize;

    fn by_serde(level: usize, d: &JsonDiagnostic) -> String {
        let mut buf = Vec::new();
        let nested = Nested {
            level,
            has_value: false,
        };
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, nested);
        d.serialize(&mut ser).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn by_hand(level: usize, d: &JsonDiagnostic) -> String {
        let mut buf = Vec::new();
        write_diagnostic(&mut buf, level, d);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn same_bytes_as_serde() {
        let mut plain = Diagnostic::new(
            Rule::Jam003,
            Severity::Warning,
            3..14,
            "«patienterna» \"citat\" \\ tab\there\nny rad \u{1}\u{1f}\u{7f} é",
        );
        let mut full = plain.clone();
        full.case = Some("§ 12 Budget \"2024\"".to_string());
        full.related = vec![20..31, 40..52];
        full.fix = Some(Fix::new(
            "Skriv «kvinnor och män»",
            vec![
                Edit::replace(3..14, "kvinnor\r\noch män"),
                Edit::insert(60, ""),
            ],
            Applicability::Unsafe,
        ));
        let mut empty_fix = plain.clone();
        empty_fix.fix = Some(Fix::new("", Vec::new(), Applicability::Safe));
        plain.message = "a".repeat(40) + "\"" + &"b".repeat(17);
        let line_col = |offset: usize| (offset / 10 + 1, offset % 10 + 1);
        let utf16 = |offset: usize| offset * 2;
        let cli = JsonPositions {
            line_col: &line_col,
            utf16: None,
        };
        let wasm = JsonPositions {
            line_col: &line_col,
            utf16: Some(&utf16),
        };
        for d in [&plain, &full, &empty_fix] {
            for positions in [&cli, &wasm] {
                let j = JsonDiagnostic::new("mapp/ärende \"1\".md", d, positions);
                for level in [0, 2] {
                    assert_eq!(by_hand(level, &j), by_serde(level, &j));
                }
            }
        }
    }

    #[test]
    fn escapes_like_serde() {
        for s in [
            "",
            "abc",
            "0123456789abcdef",
            "0123456789abcdef\"",
            "\\0123456789abcdef0123456789abcdef",
            "\u{0}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1b}",
            "åäö «» \u{2028}",
        ] {
            let mut buf = Vec::new();
            escape_str(&mut buf, s);
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }
}
