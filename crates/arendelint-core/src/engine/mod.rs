//! The rule engine: parse once, run every enabled rule over the document model,
//! then apply suppressions and severities.

mod age;
mod closing;
mod figures;
pub(crate) mod rules;
mod sections;
mod suppression;
mod words;

use crate::config::{Config, ConfigError};
use crate::diagnostic::{Diagnostic, Fix};
use crate::document::{Document, Scope};
use crate::registry::Rule;
use crate::ruledata::RuleData;
#[cfg(test)]
use crate::source::SourceKind;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

pub(crate) use crate::source::collapse_ws;

/// At most this many span findings (JAM003, JAM004, ARL001) are reported per
/// document (per file in agenda mode); beyond it ARL002 says how many were not
/// shown. Memory is then bounded by the size of the text, not by the number of
/// findings. Document and section findings are not capped: there are at most a
/// few per heading.
pub const MAX_FINDINGS: usize = 10_000;

/// At most this many related locations are listed per finding (the message
/// still counts them all).
pub const MAX_RELATED: usize = 1_000;

/// Decides, as findings are made, which are reported: the rule is on, the span
/// is not suppressed, and the cap is not reached. Rules ask before they render
/// a message, so findings over the cap cost nothing but a count.
pub(crate) struct Budget<'a> {
    left: usize,
    dropped: usize,
    reported: &'a dyn Fn(Rule, &Range<usize>) -> bool,
}

impl Budget<'_> {
    /// Whether a finding of `rule` at `span` is on and not suppressed.
    pub fn wanted(&self, rule: Rule, span: &Range<usize>) -> bool {
        (self.reported)(rule, span)
    }

    /// Whether a finding of `rule` at `span` is reported; one over the cap is counted.
    pub fn admit(&mut self, rule: Rule, span: &Range<usize>) -> bool {
        if !self.wanted(rule, span) {
            return false;
        }
        if self.left == 0 {
            self.dropped += 1;
            return false;
        }
        self.left -= 1;
        true
    }
}

/// A finding before severity and suppression are applied.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub rule: Rule,
    pub span: Range<usize>,
    pub message: String,
    pub fix: Option<Fix>,
    /// Later mentions of the same problem (JAM003, §6.17).
    pub related: Vec<Range<usize>>,
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
    #[cfg(test)]
    pub(crate) fn lint(&self, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
        let doc = Document::parse(text, kind, &self.data, false);
        let scope = doc.whole();
        self.run(&doc, &[(scope, None)])
    }

    /// Whether a document checked as one case looks like an agenda: three or
    /// more lines read as case headings (contract §5). Cheap: no parse.
    pub fn looks_like_agenda(&self, text: &str) -> bool {
        crate::document::count_case_lines(text, &self.data) >= 3
    }

    /// Runs the rules over a parsed document, scope by scope (one scope for a
    /// whole document, one per case of an agenda).
    pub(crate) fn run_scopes(
        &self,
        doc: &Document,
        scopes: &[(Scope, Option<String>)],
    ) -> Vec<Diagnostic> {
        self.run(doc, scopes)
    }

    pub(crate) fn data(&self) -> &RuleData {
        &self.data
    }

    fn run(&self, doc: &Document, scopes: &[(Scope, Option<String>)]) -> Vec<Diagnostic> {
        self.run_units(doc, scopes, false)
    }

    /// Only the span rules (JAM003, JAM004) over the whole document: what the
    /// incremental check re-derives for one section.
    pub(crate) fn run_span_rules(&self, doc: &Document) -> Vec<Diagnostic> {
        self.run_units(doc, &[(doc.whole(), None)], true)
    }

    /// Byte ranges of the document's gender sections, from the heading to the
    /// end of the body's last sentence: what the document and section rules
    /// read besides the headings.
    pub(crate) fn gender_ranges(&self, doc: &Document) -> Vec<Range<usize>> {
        let scope = doc.whole();
        sections::gender_sections(doc, &self.data, &scope)
            .iter()
            .map(|g| {
                let start = doc.headings[g.section.heading].span.start;
                let tokens = doc.sentence_tokens(g.section.body.clone());
                let end = tokens
                    .clone()
                    .last()
                    .map_or(doc.headings[g.section.heading].span.end, |t| {
                        doc.tokens[t].end
                    });
                start..end.max(start)
            })
            .collect()
    }

    fn run_units(
        &self,
        doc: &Document,
        scopes: &[(Scope, Option<String>)],
        span_only: bool,
    ) -> Vec<Diagnostic> {
        let data = &*self.data;
        let facts = words::Facts::compute(doc, data);
        let mut findings: Vec<(Finding, Option<&String>)> = Vec::new();
        let mut problems = Vec::new();
        let suppressions = suppression::Suppressions::parse(doc, data, &mut problems);
        let reported = |rule: Rule, span: &Range<usize>| {
            self.enabled(rule) && !suppressions.is_suppressed(rule, span)
        };
        let mut budget = Budget {
            left: MAX_FINDINGS,
            dropped: 0,
            reported: &reported,
        };
        // Per-document facts that only some rules need, computed on first use.
        let figures = OnceCell::new();
        for (scope, case) in scopes {
            if scope.empty {
                // An agenda item without case text (§5): nothing to check.
                continue;
            }
            let cx = rules::Context::new(doc, data, &facts, scope, &figures);
            let mut scoped = Vec::new();
            for unit in rules::UNITS {
                if let Some(check) = unit.check {
                    let wanted = !span_only || unit.meta.level == crate::registry::Level::Span;
                    if wanted && self.enabled(unit.meta.rule) {
                        check(&cx, &mut budget, &mut scoped);
                    }
                }
            }
            findings.extend(scoped.into_iter().map(|f| (f, case.as_ref())));
        }
        findings.extend(
            problems
                .into_iter()
                .filter(|f| budget.admit(f.rule, &f.span))
                .map(|f| (f, None)),
        );

        let mut out: Vec<Diagnostic> = findings
            .into_iter()
            .filter_map(|(f, case)| {
                let severity = self.config.severity(f.rule)?;
                Some(Diagnostic {
                    rule: f.rule,
                    severity,
                    message: f.message,
                    span: f.span,
                    fix: f.fix,
                    case: case.cloned(),
                    related: f.related,
                })
            })
            .collect();
        out.sort_by_key(|d| (d.span.start, d.rule, d.span.end));
        out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
        if budget.dropped > 0 {
            if let Some(severity) = self.config.severity(Rule::Arl002) {
                if !suppressions.is_suppressed(Rule::Arl002, &(0..0)) {
                    // Last, so that it is read after the findings it speaks of.
                    let shown = out.len().to_string();
                    let dropped = budget.dropped.to_string();
                    out.push(Diagnostic {
                        rule: Rule::Arl002,
                        severity,
                        message: data.message(
                            rules::ARL002_TOO_MANY,
                            &[("shown", &shown), ("dropped", &dropped)],
                        ),
                        span: 0..0,
                        fix: None,
                        case: None,
                        related: Vec::new(),
                    });
                }
            }
        }
        out
    }

    fn enabled(&self, rule: Rule) -> bool {
        self.config.severity(rule).is_some()
    }
}
