//! `--format html`: one self-contained page for clerks: a summary table with a
//! row per case, then each case's findings with the excerpt and the span
//! marked. No scripts, fonts or images are loaded; the CSS is inline and has a
//! print style, so the page reads the same on screen, on paper and as a PDF.

use super::cases::{cases, numbered, CaseView};
use super::excerpt::excerpt;
use crate::report::Report;
use crate::texts::Texts;
use arendelint_core::rules::RULES;
use arendelint_core::{Diagnostic, Severity};
use std::fmt::Write;

const STYLE: &str = include_str!("html.css");

pub fn render(report: &Report, texts: Texts) -> String {
    let cases = cases(report);
    let mut out = String::with_capacity(16 * 1024);
    head(&mut out, texts);
    let _ = writeln!(
        out,
        "<body>\n<header>\n<h1>{}</h1>",
        esc(texts.report_title())
    );
    let s = report.summary;
    let _ = writeln!(
        out,
        "<p class=\"totals\">{}</p>\n<p class=\"meta\">{}</p>\n</header>\n<main>",
        esc(&texts.totals_with_empty(
            s.cases,
            s.files,
            [s.errors, s.warnings, s.infos],
            s.empty_cases
        )),
        esc(&texts.checked_with(env!("CARGO_PKG_VERSION")))
    );
    summary_table(&mut out, &cases, texts);
    let _ = writeln!(
        out,
        "<section class=\"findings\" aria-labelledby=\"findings-heading\">\n<h2 id=\"findings-heading\">{}</h2>",
        esc(texts.findings_heading())
    );
    for (n, case) in cases.iter().enumerate() {
        case_section(&mut out, n + 1, case, texts);
    }
    out.push_str("</section>\n");
    rule_legend(&mut out, texts);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn head(out: &mut String, texts: Texts) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"arendelint {}\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n",
        texts.html_lang(),
        env!("CARGO_PKG_VERSION"),
        esc(texts.report_title())
    );
}

/// The rules that get a column: those on by default, and any with findings
/// (JAM007, when a configuration turns it on).
fn shown_rules(cases: &[CaseView]) -> Vec<usize> {
    let totals: Vec<usize> = cases.iter().fold(vec![0; RULES.len()], |mut acc, c| {
        for (i, n) in c.per_rule().into_iter().enumerate() {
            acc[i] += n;
        }
        acc
    });
    (0..RULES.len())
        .filter(|&i| RULES[i].default_severity.is_some() || totals[i] > 0)
        .collect()
}

fn summary_table(out: &mut String, cases: &[CaseView], texts: Texts) {
    let shown = shown_rules(cases);
    let _ = writeln!(
        out,
        "<section class=\"summary\" aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">{}</h2>\n<table id=\"summary\">\n<thead>\n<tr>",
        esc(texts.summary_caption())
    );
    // Agenda mode: the case number as its own column.
    let numbered = numbered(cases);
    if numbered {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"nr\">{}</th>",
            esc(texts.number_column())
        );
    }
    for column in texts.case_columns() {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(column));
    }
    for meta in shown.iter().map(|&i| &RULES[i]) {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"n\"><abbr title=\"{}\">{}</abbr></th>",
            esc(meta.name),
            meta.code
        );
    }
    let _ = writeln!(
        out,
        "<th scope=\"col\" class=\"n\">{}</th></tr>\n</thead>\n<tbody>",
        esc(texts.total_column())
    );
    let mut totals = vec![0; RULES.len()];
    for (n, case) in cases.iter().enumerate() {
        let class = status_class(case.worst());
        let _ = write!(out, "<tr class=\"{class}\">");
        if numbered {
            let _ = write!(
                out,
                "<td class=\"nr\">{}</td>",
                esc(case.number.as_deref().unwrap_or("–"))
            );
        }
        let _ = write!(
            out,
            "<th scope=\"row\"><a href=\"#case-{}\">{}</a></th><td class=\"dnr\">{}</td><td class=\"file\">{}</td><td><span class=\"status {class}\">{}</span></td>",
            n + 1,
            esc(&case.title),
            esc(case.dnr.as_deref().unwrap_or("–")),
            esc(&case.file.display),
            esc(status_text(case, texts)),
        );
        let per_rule = case.per_rule();
        for &i in &shown {
            totals[i] += per_rule[i];
            count_cell(out, per_rule[i]);
        }
        count_cell(out, case.diagnostics.len());
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n<tfoot>\n<tr>");
    let _ = write!(
        out,
        "<th scope=\"row\" colspan=\"{}\">{}</th>",
        if numbered { 5 } else { 4 },
        esc(texts.total_column())
    );
    for &i in &shown {
        count_cell(out, totals[i]);
    }
    count_cell(out, totals.iter().sum());
    out.push_str("</tr>\n</tfoot>\n</table>\n</section>\n");
}

fn count_cell(out: &mut String, count: usize) {
    if count == 0 {
        out.push_str("<td class=\"n zero\">0</td>");
    } else {
        let _ = write!(out, "<td class=\"n\">{count}</td>");
    }
}

fn case_section(out: &mut String, n: usize, case: &CaseView, texts: Texts) {
    let _ = writeln!(
        out,
        "<section class=\"case\" id=\"case-{n}\">\n<h3>{}{}</h3>",
        case.number.as_deref().map_or(String::new(), |nr| format!(
            "<span class=\"nr\">{}</span> ",
            esc(nr)
        )),
        esc(&case.title)
    );
    let mut meta = Vec::new();
    if let Some(dnr) = &case.dnr {
        meta.push(format!("Dnr {}", esc(dnr)));
    }
    meta.push(format!(
        "<span class=\"file\">{}</span>",
        esc(&case.file.display)
    ));
    let class = status_class(case.worst());
    meta.push(format!(
        "<span class=\"status {class}\">{}</span>",
        esc(status_text(case, texts))
    ));
    let _ = writeln!(out, "<p class=\"case-meta\">{}</p>", meta.join(" · "));
    if case.empty && case.diagnostics.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{}.</p>", esc(texts.no_case_text()));
    } else if case.diagnostics.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"none\">{}</p>",
            esc(texts.no_findings_in_case())
        );
    } else {
        out.push_str("<ol class=\"finding-list\">\n");
        for d in &case.diagnostics {
            finding(out, case, d, texts);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn finding(out: &mut String, case: &CaseView, d: &Diagnostic, texts: Texts) {
    let file = case.file;
    let at = file.position(d.span.start);
    let class = severity_class(d.severity);
    let _ = writeln!(
        out,
        "<li class=\"finding {class}\">\n<p class=\"finding-head\"><span class=\"badge {class}\">{}</span> <code class=\"rule\">{}</code> <span class=\"rule-name\">{}</span> <span class=\"loc\">{}</span></p>\n<p class=\"message\">{}</p>",
        esc(texts.severity(d.severity)),
        d.rule.code(),
        d.rule.name(),
        esc(&texts.location(at.line, at.column, file.docx)),
        esc(&d.message)
    );
    if let Some(x) = excerpt(file, &d.span) {
        let _ = writeln!(
            out,
            "<blockquote class=\"excerpt\">{}<mark>{}</mark>{}</blockquote>",
            esc(&x.before),
            esc(&x.marked),
            esc(&x.after)
        );
    }
    if let Some(fix) = &d.fix {
        let _ = writeln!(
            out,
            "<p class=\"fix\"><strong>{}:</strong> {}</p>",
            esc(texts.suggestion_label()),
            esc(&fix.description)
        );
    }
    out.push_str("</li>\n");
}

fn rule_legend(out: &mut String, texts: Texts) {
    let _ = writeln!(
        out,
        "<section class=\"rules\" aria-labelledby=\"rules-heading\">\n<h2 id=\"rules-heading\">{}</h2>\n<dl>",
        esc(texts.rules_heading())
    );
    for meta in RULES {
        let _ = writeln!(
            out,
            "<dt><code>{}</code> {}</dt><dd>{}</dd>",
            meta.code,
            esc(meta.name),
            esc(meta.rule.summary(texts.lang()))
        );
    }
    out.push_str("</dl>\n</section>\n");
}

/// A case's status: from its most severe finding, or that it has no case text.
fn status_text(case: &CaseView, texts: Texts) -> &'static str {
    if case.empty {
        texts.no_case_text()
    } else {
        texts.status(case.worst())
    }
}

fn status_class(worst: Option<Severity>) -> &'static str {
    worst.map_or("sev-none", severity_class)
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not valid HTML text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(esc("a\u{0}b"), "a\u{fffd}b");
    }
}
