//! Helpers shared by the rule tests: lint a snippet and describe each finding
//! as `RULE text-of-span` so assertions are exact but readable.

#![allow(dead_code)]

use arendelint_core::report::CaseInfo;
use arendelint_core::{Config, Diagnostic, Input, Linter, Mode, SourceKind};

/// The findings and cases of an agenda check.
pub struct AgendaResult {
    pub cases: Vec<CaseInfo>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Short forms of [`Linter::check`] for the tests: one document's findings,
/// or an agenda's cases (none when no case heading was found) and findings.
pub trait Check {
    fn lint(&self, text: &str, kind: SourceKind) -> Vec<Diagnostic>;
    fn lint_agenda(&self, text: &str, kind: SourceKind) -> AgendaResult;
}

impl Check for Linter {
    fn lint(&self, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
        self.check(&Input::text(text, kind))
            .map(|r| r.diagnostics)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn lint_agenda(&self, text: &str, kind: SourceKind) -> AgendaResult {
        let report = self
            .check(&Input::text(text, kind).with_mode(Mode::Agenda))
            .unwrap_or_else(|e| panic!("{e}"));
        let cases = if report.mode == Mode::Agenda {
            report.cases
        } else {
            Vec::new()
        };
        AgendaResult {
            cases,
            diagnostics: report.diagnostics,
        }
    }
}

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

/// The default linter, built once per test binary: compiling the rule data's
/// patterns dominates a check in a debug build.
pub fn default_linter() -> &'static Linter {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    LINTER.get_or_init(|| Linter::new(&Config::default()).expect("valid config"))
}

pub fn lint(text: &str) -> Vec<Diagnostic> {
    default_linter().lint(text, SourceKind::Markdown)
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

/// Applies the safe fixes (and the unsafe ones with `include_unsafe`) with the
/// core's fix loop: the fixed text and how many fixes were applied.
pub fn fix(text: &str, include_unsafe: bool) -> (String, usize) {
    match default_linter().fix(&Input::text(text, SourceKind::Markdown), include_unsafe) {
        Ok(Some(fixed)) => (fixed.report.text.into_owned(), fixed.applied),
        Ok(None) => (text.to_string(), 0),
        Err(e) => panic!("{e}"),
    }
}
