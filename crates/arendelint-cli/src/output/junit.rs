//! `--format junit`: JUnit XML, for CI systems that show test reports (GitLab
//! `artifacts:reports:junit`, Jenkins, Azure). One `testsuite` per file, one
//! `testcase` per rule and file, one `failure` per finding.

use crate::report::Report;
use arendelint_core::Rule;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let rules: Vec<Rule> = Rule::all().collect();
    let tests = report.files.len() * rules.len();
    let failures: usize = report.files.iter().map(|f| f.diagnostics.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"arendelint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for file in &report.files {
        let path = escape(&file.display);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            rules.len(),
            file.diagnostics.len()
        );
        for &rule in &rules {
            let name = escape(&format!("{} {}", rule.code(), rule.name()));
            let found: Vec<_> = file.diagnostics.iter().filter(|d| d.rule == rule).collect();
            if found.is_empty() {
                let _ = writeln!(out, "    <testcase name=\"{name}\" classname=\"{path}\"/>");
                continue;
            }
            let _ = writeln!(out, "    <testcase name=\"{name}\" classname=\"{path}\">");
            for d in found {
                let (start, _) = file.range(&d.span);
                let at = format!("{}:{}:{}", file.display, start.line, start.column);
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}: {} {}</failure>",
                    d.severity.as_str(),
                    escape(&format!("{at}: {}", d.message)),
                    escape(&at),
                    d.rule.code(),
                    escape(&d.message),
                );
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// XML text and attribute escaping. Characters XML 1.0 forbids (C0 controls
/// other than tab, LF, CR) are dropped; LF and CR are kept as references so
/// attribute values keep them.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}\n"),
            "a&lt;b &amp; &quot;c&quot;&#10;"
        );
    }
}
