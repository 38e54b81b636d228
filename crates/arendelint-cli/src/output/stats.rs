//! `--stats`: findings and related mentions per rule, for a clerk who wants the
//! size of the problem ("12 ärenden, 31 målgrupper utan kön (94 omnämnanden)")
//! rather than every finding.

use crate::report::Report;
use crate::texts::Texts;
use arendelint_core::rules::RULES;
use arendelint_core::Rule;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Counts of one rule over the whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RuleCount {
    pub findings: usize,
    /// Later mentions of the same group in the same section (JAM003).
    pub related: usize,
}

/// Per rule, in rule order; rules without findings are left out.
pub fn count(report: &Report) -> BTreeMap<Rule, RuleCount> {
    let mut counts: BTreeMap<Rule, RuleCount> = BTreeMap::new();
    for d in report.files.iter().flat_map(|f| &f.diagnostics) {
        let c = counts.entry(d.rule).or_default();
        c.findings += 1;
        c.related += d.related.len();
    }
    counts
}

pub fn render(report: &Report, texts: Texts) -> String {
    let counts = count(report);
    let mut out = String::new();
    let [rule_h, name_h, findings_h, related_h] = texts.stats_headers();
    let name_width = RULES
        .iter()
        .map(|m| m.name.len())
        .chain([name_h.chars().count()])
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "{rule_h:<7} {name_h:<name_width$} {findings_h:>8} {related_h:>10}"
    );
    for (rule, c) in &counts {
        let related = if *rule == Rule::Jam003 {
            c.related.to_string()
        } else {
            "–".to_string()
        };
        let _ = writeln!(
            out,
            "{:<7} {:<name_width$} {:>8} {:>10}",
            rule.code(),
            rule.name(),
            c.findings,
            related
        );
    }
    let groups = counts.get(&Rule::Jam003).copied().unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        texts.stats_line(
            report.summary.cases,
            groups.findings,
            groups.findings + groups.related
        )
    );
    out
}
