//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
//!
//! Columns and character offsets are in UTF-16 code units, SARIF's default
//! `columnKind`, which is also stated in the run. A BOM is not part of the
//! text: the first letter of a file is at column 1, offset 0.

use super::{JsonFrame, ITEMS_MARKER};
use crate::fingerprint;
use crate::report::{CheckedFile, Summary};
use crate::texts::Texts;
use arendelint_core::report::Edit;
use arendelint_core::text::bom_len;
use arendelint_core::{Diagnostic, Lang, Rule, Severity};
use serde_json::{json, Value};
use std::io;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Where the project lives (the documentation links point there too).
const INFORMATION_URI: &str = "https://github.com/arendelint/arendelint";
/// The key of our fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "arendelint/v1";
/// Relative artifact URIs are relative to the folder arendelint ran in.
const SRCROOT: &str = "%SRCROOT%";

/// SARIF as an [`Emitter`](super::Emitter): the log is fixed but for its
/// `results`, which are written file by file.
pub struct Sarif {
    rules: Vec<Rule>,
    frame: JsonFrame,
}

impl Sarif {
    pub fn new(texts: Texts) -> Sarif {
        let lang = texts.lang();
        let rules: Vec<Rule> = Rule::all().collect();
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver(&rules, lang)},
                "columnKind": "utf16CodeUnits",
                "originalUriBaseIds": {SRCROOT: {"description": {"text": match lang {
                    Lang::Sv => "Mappen som arendelint kördes i.",
                    Lang::En => "The folder arendelint ran in.",
                }}}},
                "results": [ITEMS_MARKER],
            }],
        });
        let pretty = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
        Sarif {
            rules,
            frame: JsonFrame::new(&pretty),
        }
    }
}

impl super::Emitter for Sarif {
    fn begin(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn io::Write, file: &CheckedFile) -> io::Result<()> {
        let prints = fingerprint::of_file(file);
        let positions = Utf16Positions::new(file);
        for (d, print) in file.diagnostics.iter().zip(prints) {
            let value = result(file, &positions, &self.rules, d, &print);
            self.frame.item(out, &value)?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn io::Write, _summary: &Summary) -> io::Result<()> {
        self.frame.finish(out, None)?;
        out.write_all(b"\n")
    }
}

fn driver(rules: &[Rule], lang: Lang) -> Value {
    let rules: Vec<Value> = rules
        .iter()
        .map(|&rule| {
            let explanation = rule.explanation(lang);
            let what = what_it_does(explanation);
            let mut descriptor = json!({
                "id": rule.code(),
                "name": rule.name(),
                "shortDescription": {"text": rule.summary(lang)},
                "fullDescription": {"text": what, "markdown": what},
                "helpUri": rule.documentation_url(lang),
                "help": {"text": explanation, "markdown": explanation},
            });
            descriptor["defaultConfiguration"] = match rule.default_severity() {
                Some(severity) => json!({"level": level(severity)}),
                None => json!({"enabled": false, "level": "note"}),
            };
            descriptor
        })
        .collect();
    json!({
        "name": "arendelint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": INFORMATION_URI,
        "rules": rules,
    })
}

/// The first section of an explanation ("What it does"), without its heading.
fn what_it_does(explanation: &str) -> &str {
    let Some(start) = explanation.find("\n## ") else {
        return explanation.trim();
    };
    let body = &explanation[start + 4..];
    let body = body.split_once('\n').map_or("", |(_, rest)| rest);
    let end = body.find("\n## ").unwrap_or(body.len());
    body[..end].trim()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(
    file: &CheckedFile,
    positions: &Utf16Positions,
    rules: &[Rule],
    d: &Diagnostic,
    print: &str,
) -> Value {
    let uri = artifact_uri(&file.display);
    let mut result = json!({
        "ruleId": d.rule.code(),
        "ruleIndex": rules.iter().position(|&r| r == d.rule).unwrap_or(0),
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": uri.clone(),
            "region": positions.region(file, d.span.start, d.span.end),
        }}],
        "partialFingerprints": {FINGERPRINT_KEY: print},
    });
    if !d.related.is_empty() {
        // The group's later mentions in the same section (§6.17).
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(n, span)| {
                json!({
                    "id": n + 1,
                    "physicalLocation": {
                        "artifactLocation": uri.clone(),
                        "region": positions.region(file, span.start, span.end),
                    },
                    "message": {"text": file.text.get(span.clone()).unwrap_or_default()},
                })
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| replacement(file, positions, edit))
            .collect();
        result["fixes"] = json!([{
            "description": {"text": fix.description},
            "artifactChanges": [{"artifactLocation": uri, "replacements": replacements}],
        }]);
    }
    if let Some(case) = &d.case {
        result["properties"] = json!({"case": case});
    }
    result
}

fn replacement(file: &CheckedFile, positions: &Utf16Positions, edit: &Edit) -> Value {
    let mut value = json!({
        "deletedRegion": positions.region(file, edit.range.start, edit.range.end),
    });
    if !edit.replacement.is_empty() {
        value["insertedContent"] = json!({"text": edit.replacement});
    }
    value
}

/// A relative path becomes a relative URI under `%SRCROOT%`; an absolute one
/// a `file://` URI.
fn artifact_uri(display: &str) -> Value {
    let path = display.replace('\\', "/");
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", percent_encode(&path))})
    } else if path.len() > 2 && path.as_bytes()[1] == b':' {
        // A Windows drive path (C:/…).
        json!({"uri": format!("file:///{}", percent_encode(&path))})
    } else {
        json!({"uri": percent_encode(&path), "uriBaseId": SRCROOT})
    }
}

/// RFC 3986: keeps unreserved characters, `/` and a drive's `:`; encodes the
/// rest as UTF-8 bytes (`ä` → `%C3%A4`, space → `%20`).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// UTF-16 offsets of line starts, counted from after the BOM.
struct Utf16Positions {
    bom: usize,
    /// `line_starts[i]`: UTF-16 offset of line `i`'s first character.
    line_starts: Vec<usize>,
}

impl Utf16Positions {
    fn new(file: &CheckedFile) -> Utf16Positions {
        let text = &file.text;
        let bom = bom_len(text);
        let mut line_starts = vec![0];
        let mut offset = 0;
        for c in text[bom..].chars() {
            offset += c.len_utf16();
            if c == '\n' {
                line_starts.push(offset);
            }
        }
        Utf16Positions { bom, line_starts }
    }

    /// (0-based line, 1-based column, offset) of a byte offset.
    fn at(&self, file: &CheckedFile, byte: usize) -> (usize, usize, usize) {
        let text = &file.text;
        let byte = arendelint_core::text::floor_char_boundary(text, byte).max(self.bom);
        let line = file.index.line_of(byte);
        let line_start = file.index.line_start(line).unwrap_or(0).max(self.bom);
        let column: usize = text
            .get(line_start..byte)
            .unwrap_or("")
            .chars()
            .map(char::len_utf16)
            .sum();
        let offset = self.line_starts.get(line).copied().unwrap_or(0) + column;
        (line, column + 1, offset)
    }

    fn region(&self, file: &CheckedFile, start: usize, end: usize) -> Value {
        let (start_line, start_column, start_offset) = self.at(file, start);
        let (end_line, end_column, end_offset) = self.at(file, end.max(start));
        json!({
            "startLine": start_line + 1,
            "startColumn": start_column,
            "endLine": end_line + 1,
            "endColumn": end_column,
            "charOffset": start_offset,
            "charLength": end_offset - start_offset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_percent_encoded() {
        assert_eq!(
            artifact_uri("ärenden/a b.md"),
            json!({"uri": "%C3%A4renden/a%20b.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact_uri("/tmp/x.md"),
            json!({"uri": "file:///tmp/x.md"})
        );
    }

    #[test]
    fn utf16_regions_skip_the_bom_and_count_surrogates() {
        let text = "\u{feff}Rad\r\nÅ 😀 patienter\n";
        let file = CheckedFile::new("a.md".into(), text.into(), Vec::new());
        let positions = Utf16Positions::new(&file);
        let start = text.find("patienter").unwrap_or(0);
        let region = positions.region(&file, start, start + "patienter".len());
        // "Rad\r\n" is 5 units; "Å 😀 " is 5 (the emoji is two).
        assert_eq!(
            region,
            json!({"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 15,
                   "charOffset": 10, "charLength": 9})
        );
        assert_eq!(positions.region(&file, 0, 0)["startColumn"], 1);
        assert_eq!(positions.region(&file, 0, 0)["charOffset"], 0);
    }
}
