//! `--format github`: GitHub Actions workflow commands, which the runner turns
//! into annotations on the pull request:
//! `::warning file=a.md,line=5,col=16,endLine=5,endColumn=30,title=JAM004 …::message`.

use crate::report::Report;
use arendelint_core::Severity;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for d in &file.diagnostics {
            let (start, end) = file.range(&d.span);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let title = format!("{} {}", d.rule.code(), d.rule.name());
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&file.display),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&title),
                escape_data(&d.message),
            ));
        }
    }
    out
}

/// The message part: `%`, CR and LF are encoded (as the runner's toolkit does).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as data, plus `:` and `,`, which end a value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit() {
        assert_eq!(
            escape_data("50 % av\r\nalla: a,b"),
            "50 %25 av%0D%0Aalla: a,b"
        );
        assert_eq!(escape_property("C:\\a,b%.md"), "C%3A\\a%2Cb%25.md");
    }
}
