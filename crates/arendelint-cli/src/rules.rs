//! `arendelint rules`: every rule with its level, default and effective severity.

use crate::args::RulesFormat;
use crate::configs::Settings;
use crate::exit::ExitStatus;
use crate::terminal::Terminal;
use arendelint_core::rules::RULES;
use arendelint_core::Severity;
use serde::Serialize;

#[derive(Serialize)]
struct JsonRule {
    id: &'static str,
    name: &'static str,
    level: &'static str,
    default_severity: &'static str,
    severity: &'static str,
}

pub fn run(format: RulesFormat, settings: &Settings, terminal: &Terminal) -> ExitStatus {
    let config = settings.linter.config();
    let out = match format {
        RulesFormat::Json => {
            let rules: Vec<JsonRule> = RULES
                .iter()
                .map(|m| JsonRule {
                    id: m.code,
                    name: m.name,
                    level: m.level.as_str(),
                    default_severity: setting_name(m.default_severity),
                    severity: setting_name(config.severity(m.rule)),
                })
                .collect();
            let mut json = serde_json::to_string_pretty(&rules).unwrap_or_else(|_| "[]".into());
            json.push('\n');
            json
        }
        RulesFormat::Human => {
            let texts = terminal.texts;
            let shown = |s: Option<Severity>| s.map_or(texts.off(), |s| texts.severity(s));
            let mut rows = vec![texts.rules_header().map(String::from)];
            for m in RULES {
                rows.push([
                    m.code.to_string(),
                    m.name.to_string(),
                    texts.level(m.level).to_string(),
                    shown(m.default_severity).to_string(),
                    shown(config.severity(m.rule)).to_string(),
                ]);
            }
            table(&rows)
        }
    };
    terminal.print_plain(&out);
    ExitStatus::Success
}

fn setting_name(severity: Option<Severity>) -> &'static str {
    severity.map_or("off", Severity::as_str)
}

/// Left-aligned columns separated by two spaces.
fn table(rows: &[[String; 5]]) -> String {
    let mut widths = [0usize; 5];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i] - cell.chars().count() + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
