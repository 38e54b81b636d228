//! `--format gitlab`: a GitLab Code Quality report (a JSON array of Code
//! Climate issues), shown in merge requests via `artifacts:reports:codequality`.

use crate::fingerprint::{self, Fnv};
use crate::report::Report;
use arendelint_core::Severity;
use serde_json::json;

pub fn render(report: &Report) -> String {
    let mut issues = Vec::new();
    for file in &report.files {
        let path = file.display.replace('\\', "/");
        for (d, print) in file.diagnostics.iter().zip(fingerprint::of_file(file)) {
            let (start, end) = file.range(&d.span);
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            // GitLab compares fingerprints across the whole report and between
            // pipelines: the path makes them unique, the content keeps them stable.
            let mut hash = Fnv::new();
            hash.write_str(&path);
            hash.write_str(&print);
            issues.push(json!({
                "type": "issue",
                "description": d.message,
                "check_name": d.rule.code(),
                "categories": ["Style"],
                "fingerprint": format!("{:016x}", hash.finish()),
                "severity": severity,
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": start.line, "column": start.column},
                        "end": {"line": end.line, "column": end.column},
                    },
                },
            }));
        }
    }
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}
