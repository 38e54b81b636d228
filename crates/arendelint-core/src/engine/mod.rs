//! The rule engine: parse once, run every enabled rule over the document model,
//! then apply suppressions and severities.

mod figures;
mod sections;
mod suppression;
mod target_groups;
mod words;

use crate::config::{Config, ConfigError};
use crate::diagnostic::{Diagnostic, Fix};
use crate::document::Document;
use crate::line_index::LineIndex;
use crate::registry::Rule;
use crate::ruledata::RuleData;
use crate::source::SourceKind;
use std::ops::Range;
use std::sync::Arc;

/// A finding before severity and suppression are applied.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub rule: Rule,
    pub span: Range<usize>,
    pub message: String,
    pub fix: Option<Fix>,
}

/// A configuration compiled for linting. Cheap to clone and share between
/// threads; build it once per configuration.
#[derive(Debug, Clone)]
pub struct Linter {
    config: Config,
    data: Arc<RuleData>,
}

impl Linter {
    /// Compiles the built-in rule data together with `config`'s additions.
    pub fn new(config: &Config) -> Result<Linter, ConfigError> {
        Ok(Linter {
            config: config.clone(),
            data: Arc::new(RuleData::build(config)?),
        })
    }

    /// The configuration this linter was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Checks one document and returns its findings sorted by position, then rule.
    /// Rules that are off are not reported; suppressed findings are dropped.
    pub fn lint(&self, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
        let data = &*self.data;
        let doc = Document::parse(text, kind, data);
        let index = LineIndex::new(text);
        let mut findings = Vec::new();

        // JAM004 runs whatever its severity: its counted nouns silence JAM003 (§6.14).
        let figures = figures::scan(&doc, data);
        if self.enabled(Rule::Jam004) {
            findings.extend(figures.findings);
        }
        if self.enabled(Rule::Jam003) {
            target_groups::check(&doc, data, &figures.counted, &mut findings);
        }
        sections::check(&doc, data, &mut findings);
        let suppressions = suppression::Suppressions::parse(&doc, data, &index, &mut findings);

        let mut out: Vec<Diagnostic> = findings
            .into_iter()
            .filter_map(|f| {
                let severity = self.config.severity(f.rule)?;
                if suppressions.is_suppressed(f.rule, &f.span, &index) {
                    return None;
                }
                Some(Diagnostic {
                    rule: f.rule,
                    severity,
                    message: f.message,
                    span: f.span,
                    fix: f.fix,
                    case: None,
                })
            })
            .collect();
        out.sort_by_key(|d| (d.span.start, d.rule, d.span.end));
        out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
        out
    }

    fn enabled(&self, rule: Rule) -> bool {
        self.config.severity(rule).is_some()
    }
}
