//! `arendelint explain RULE`: the long explanation of a rule.

use crate::exit::ExitStatus;
use crate::terminal::Terminal;
use arendelint_core::rules::RULES;
use arendelint_core::{Lang, Rule};

pub fn run(given: &str, lang: Lang, terminal: &Terminal) -> ExitStatus {
    let Some(rule) = Rule::from_code(given.trim()) else {
        let valid: Vec<&str> = RULES.iter().map(|m| m.code).collect();
        terminal.error(&terminal.texts.unknown_rule(given, &valid.join(", ")));
        return ExitStatus::Error;
    };
    let text = rule.explanation(lang).trim_end();
    let mut out = if text.is_empty() {
        format!(
            "{} {}\n\n{}",
            rule.code(),
            rule.name(),
            terminal.texts.no_explanation(&rule.documentation_url(lang))
        )
    } else {
        text.to_string()
    };
    out.push('\n');
    terminal.print_plain(&out);
    ExitStatus::Success
}
