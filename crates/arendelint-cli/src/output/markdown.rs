//! `--format markdown`: a short summary to paste into an e-mail or a ticket: the
//! totals, a table with a row per case, and the first findings of each case.

use super::cases::{cases, numbered};
use crate::report::Report;
use crate::texts::Texts;
use std::fmt::Write;

/// Findings listed per case; the rest are counted.
const PER_CASE: usize = 5;

pub fn render(report: &Report, texts: Texts) -> String {
    let cases = cases(report);
    let s = report.summary;
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", esc(texts.report_title()));
    let _ = writeln!(
        out,
        "{}\n",
        esc(&texts.totals_with_empty(
            s.cases,
            s.files,
            [s.errors, s.warnings, s.infos],
            s.empty_cases
        ))
    );
    let [case, dnr, _, status] = texts.case_columns();
    let [errors, warnings, infos] = texts.severity_columns();
    // Agenda mode: the case number as its own column.
    let numbered = numbered(&cases);
    let (nr_head, nr_rule) = if numbered {
        (format!("| {} ", texts.number_column()), "|---:")
    } else {
        (String::new(), "")
    };
    let _ = writeln!(
        out,
        "{nr_head}| {case} | {dnr} | {status} | {errors} | {warnings} | {infos} |\n{nr_rule}|---|---|---|---:|---:|---:|"
    );
    for c in &cases {
        let [e, w, i] = c.per_severity();
        let nr = if numbered {
            format!("| {} ", esc(c.number.as_deref().unwrap_or("–")))
        } else {
            String::new()
        };
        let status = if c.empty {
            texts.no_case_text()
        } else {
            texts.status(c.worst())
        };
        let _ = writeln!(
            out,
            "{nr}| {} | {} | {status} | {e} | {w} | {i} |",
            esc(&c.title),
            esc(c.dnr.as_deref().unwrap_or("–")),
        );
    }
    for c in cases.iter().filter(|c| !c.diagnostics.is_empty()) {
        let _ = writeln!(out, "\n### {}\n", esc(&heading(c)));
        for d in c.diagnostics.iter().take(PER_CASE) {
            let at = c.file.position(d.span.start);
            let _ = writeln!(
                out,
                "- **{}** {} ({}): {}",
                d.rule.code(),
                texts.severity(d.severity),
                texts.short_location(at.line, c.file.docx),
                esc(&d.message)
            );
        }
        if c.diagnostics.len() > PER_CASE {
            let _ = writeln!(out, "- {}", texts.and_more(c.diagnostics.len() - PER_CASE));
        }
    }
    out
}

/// A case's heading: its number, if any, and title.
fn heading(c: &super::cases::CaseView) -> String {
    match &c.number {
        Some(n) => format!("{n} {}", c.title),
        None => c.title.clone(),
    }
}

/// Escapes Markdown syntax in text from documents and messages, on one line.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markdown_syntax_is_escaped() {
        assert_eq!(esc("a | b *c*\n<d>"), "a \\| b \\*c\\* \\<d\\>");
    }
}
