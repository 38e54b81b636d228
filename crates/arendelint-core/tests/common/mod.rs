//! Helpers shared by the rule tests: lint a snippet and describe each finding
//! as `RULE text-of-span` so assertions are exact but readable.

#![allow(dead_code)]

use arendelint_core::{Config, Diagnostic, Linter, SourceKind};

/// A document that has an analysed gender section, so that only the rule under
/// test fires. `body` is inserted under `## Bakgrund`.
pub fn case(body: &str) -> String {
    format!("# Ärende\n\n## Bakgrund\n\n{body}\n\n## Konsekvenser för jämställdhet\n\n{ANALYSIS}\n")
}

/// An analysed gender section: differences, measures, goal, other factors; over 40 words.
pub const ANALYSIS: &str = "Statistiken visar skillnader mellan kvinnor och män i alla åldrar. \
Förvaltningen föreslår åtgärder för att minska skillnaderna, och arbetet följs upp varje år \
mot regionens jämställdhetsmål. Analysen tar även hänsyn till ålder och födelseland bland \
kvinnor och män som berörs av förslaget.";

pub fn lint_with(text: &str, kind: SourceKind, config: &Config) -> Vec<Diagnostic> {
    Linter::new(config).expect("valid config").lint(text, kind)
}

pub fn lint(text: &str) -> Vec<Diagnostic> {
    lint_with(text, SourceKind::Markdown, &Config::default())
}

/// `["JAM003 patienterna", …]` for every finding.
pub fn describe(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{} {}", d.rule.code(), &text[d.span.clone()]))
        .collect()
}

/// Findings of one rule in a Markdown snippet placed in an otherwise clean case.
pub fn findings(rule: &str, body: &str) -> Vec<String> {
    let text = case(body);
    describe(&text, &lint(&text))
        .into_iter()
        .filter(|d| d.starts_with(rule))
        .map(|d| d[rule.len() + 1..].to_string())
        .collect()
}

/// JAM003 findings of a snippet as `finding [related, …]` (§6.17), so that
/// assertions show which mentions became related locations.
pub fn grouped(body: &str) -> Vec<String> {
    let text = case(body);
    lint(&text)
        .iter()
        .filter(|d| d.rule.code() == "JAM003")
        .map(|d| {
            let related: Vec<&str> = d.related.iter().map(|r| &text[r.clone()]).collect();
            if related.is_empty() {
                text[d.span.clone()].to_string()
            } else {
                format!("{} [{}]", &text[d.span.clone()], related.join(", "))
            }
        })
        .collect()
}
