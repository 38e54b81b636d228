//! `--format csv`: one row per finding for a spreadsheet. Made for Swedish
//! Excel, which reads a double-click-opened CSV as Windows-1252 with `;` as
//! the separator unless told otherwise: so UTF-8 with a BOM, `;`, CRLF rows,
//! and RFC 4180 quoting.

use super::cases::cases;
use super::excerpt::excerpt;
use crate::report::Report;
use crate::texts::Texts;

const SEPARATOR: char = ';';

pub fn render(report: &Report, texts: Texts) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, texts.csv_header().iter().map(|h| text_field(h)));
    for case in cases(report) {
        if case.empty && case.diagnostics.is_empty() {
            // An agenda item without case text: one row that says so.
            let at = case.file.position(case.start);
            row(
                &mut out,
                [
                    text_field(&case.file.display),
                    text_field(case.number.as_deref().unwrap_or("")),
                    text_field(&case.title),
                    text_field(case.dnr.as_deref().unwrap_or("")),
                    at.line.to_string(),
                    at.column.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    text_field(texts.no_case_text()),
                    String::new(),
                    String::new(),
                ]
                .into_iter(),
            );
        }
        for d in &case.diagnostics {
            let at = case.file.position(d.span.start);
            let excerpt = excerpt(case.file, &d.span).map(|x| x.plain());
            row(
                &mut out,
                [
                    text_field(&case.file.display),
                    text_field(case.number.as_deref().unwrap_or("")),
                    text_field(&case.title),
                    text_field(case.dnr.as_deref().unwrap_or("")),
                    at.line.to_string(),
                    at.column.to_string(),
                    text_field(texts.severity(d.severity)),
                    text_field(d.rule.code()),
                    text_field(d.rule.name()),
                    text_field(&d.message),
                    text_field(excerpt.as_deref().unwrap_or("")),
                    text_field(d.fix.as_ref().map_or("", |f| f.description.as_str())),
                ]
                .into_iter(),
            );
        }
    }
    out
}

fn row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.push_str(&field);
    }
    out.push_str("\r\n");
}

/// A text cell, quoted when needed. A cell that a spreadsheet would take for a
/// formula (`=`, `+`, `-`, `@` first) gets a leading `'`: document text must
/// never run as a formula (OWASP "CSV injection").
fn text_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    let needs_quotes = guarded.contains([SEPARATOR, '"', '\n', '\r', ','])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::text_field;

    #[test]
    fn quoting_and_formula_guard() {
        assert_eq!(text_field("enkel"), "enkel");
        assert_eq!(text_field("a;b"), "\"a;b\"");
        assert_eq!(text_field("säg \"hej\""), "\"säg \"\"hej\"\"\"");
        assert_eq!(text_field("rad\nrad"), "\"rad\nrad\"");
        assert_eq!(text_field("=SUMMA(A1)"), "'=SUMMA(A1)");
        assert_eq!(text_field("-1;2"), "\"'-1;2\"");
        assert_eq!(
            text_field("4,5 %"),
            "\"4,5 %\"",
            "a decimal comma is quoted too"
        );
    }
}
