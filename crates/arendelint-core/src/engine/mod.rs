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
use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::collections::BinaryHeap;
use std::ops::Range;
use std::sync::Arc;

pub(crate) use crate::source::{collapse_ws, collapsed};

/// At most this many span findings (JAM003, JAM004, ARL001) are reported per
/// document (per file in agenda mode): the first ones by position; beyond it
/// ARL002 says how many were not shown. Memory is then bounded by the size of the text, not by the number of
/// findings. Document and section findings are not capped: there are at most a
/// few per heading.
pub const MAX_FINDINGS: usize = 10_000;

/// At most this many related locations are listed per finding (the message
/// still counts them all).
pub const MAX_RELATED: usize = 1_000;

/// Where a span finding stands in the report's order: position, rule, end.
type FindingKey = (usize, Rule, usize);

/// Decides, as findings are made, which are reported: the rule is on, the span
/// is not suppressed, and the finding is among the first [`MAX_FINDINGS`] span
/// findings of the document by position (the report's order), whatever order
/// the rules make them in. Rules ask before they render a message, so findings
/// past the cap cost a count; one admitted early and pushed out by a finding
/// before it is removed afterwards ([`Budget::retain_admitted`]).
pub(crate) struct Budget<'a> {
    cap: usize,
    /// The keys admitted so far; the greatest on top.
    admitted: BinaryHeap<FindingKey>,
    /// Admitted keys pushed out by a finding before them, with their counts.
    evicted: HashMap<FindingKey, usize>,
    dropped: usize,
    reported: &'a dyn Fn(Rule, &Range<usize>) -> bool,
}

impl<'a> Budget<'a> {
    /// A budget for at most `cap` span findings.
    pub fn new(cap: usize, reported: &'a dyn Fn(Rule, &Range<usize>) -> bool) -> Budget<'a> {
        Budget {
            cap,
            admitted: BinaryHeap::new(),
            evicted: HashMap::default(),
            dropped: 0,
            reported,
        }
    }

    /// Whether a finding of `rule` at `span` is on and not suppressed.
    pub fn wanted(&self, rule: Rule, span: &Range<usize>) -> bool {
        (self.reported)(rule, span)
    }

    /// Whether a finding of `rule` at `span` is reported (for now: a later
    /// finding before it may still push it out); one past the cap is counted.
    pub fn admit(&mut self, rule: Rule, span: &Range<usize>) -> bool {
        if !self.wanted(rule, span) {
            return false;
        }
        let key = (span.start, rule, span.end);
        if self.admitted.len() < self.cap {
            self.admitted.push(key);
            return true;
        }
        self.dropped += 1;
        match self.admitted.peek() {
            Some(&last) if key < last => {
                self.admitted.pop();
                *self.evicted.entry(last).or_default() += 1;
                self.admitted.push(key);
                true
            }
            _ => false,
        }
    }

    /// Span findings that were not reported.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// How many span findings are reported.
    pub fn admitted(&self) -> usize {
        self.admitted.len()
    }

    /// Removes the findings that a finding before them pushed out of the cap.
    pub fn retain_admitted<T>(&mut self, findings: &mut Vec<T>, finding: impl Fn(&T) -> &Finding) {
        if self.evicted.is_empty() {
            return;
        }
        findings.retain(|f| {
            let f = finding(f);
            match self.evicted.get_mut(&(f.span.start, f.rule, f.span.end)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        self.evicted.clear();
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
        let run = self.run_units(doc, scopes, Units::All, MAX_FINDINGS);
        self.with_cap_note(run.diagnostics, run.dropped, run.cap_note_suppressed)
    }

    /// Only the span rules (JAM003, JAM004) over the whole document: what the
    /// incremental check re-derives for one section.
    pub(crate) fn run_span_rules(&self, doc: &Document) -> Vec<Diagnostic> {
        let run = self.run_units(doc, &[(doc.whole(), None)], Units::Span, MAX_FINDINGS);
        self.with_cap_note(run.diagnostics, run.dropped, run.cap_note_suppressed)
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

    /// Runs the `units` over the scopes; at most `cap` span findings are
    /// reported (the first by position). The diagnostics are sorted, without
    /// ARL002 ([`Linter::with_cap_note`] adds it).
    pub(crate) fn run_units(
        &self,
        doc: &Document,
        scopes: &[(Scope, Option<String>)],
        units: Units,
        cap: usize,
    ) -> UnitRun {
        let data = &*self.data;
        let facts = words::Facts::compute(doc, data);
        let mut findings: Vec<(Finding, Option<&String>)> = Vec::new();
        let mut problems = Vec::new();
        let suppressions = suppression::Suppressions::parse(doc, data, &mut problems);
        let reported = |rule: Rule, span: &Range<usize>| {
            self.enabled(rule) && !suppressions.is_suppressed(rule, span)
        };
        let mut budget = Budget::new(cap, &reported);
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
                    if units.includes(unit.meta.level) && self.enabled(unit.meta.rule) {
                        check(&cx, &mut budget, &mut scoped);
                    }
                }
            }
            findings.extend(scoped.into_iter().map(|f| (f, case.as_ref())));
        }
        if units.includes(crate::registry::Level::Span) {
            findings.extend(
                problems
                    .into_iter()
                    .filter(|f| budget.admit(f.rule, &f.span))
                    .map(|f| (f, None)),
            );
        }
        budget.retain_admitted(&mut findings, |(f, _)| f);

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
        UnitRun {
            diagnostics: out,
            dropped: budget.dropped(),
            admitted: budget.admitted(),
            cap_note_suppressed: suppressions.is_suppressed(Rule::Arl002, &(0..0)),
        }
    }

    /// Appends ARL002 when `dropped` span findings were not reported (and it
    /// is on and not suppressed).
    pub(crate) fn with_cap_note(
        &self,
        mut out: Vec<Diagnostic>,
        dropped: usize,
        suppressed: bool,
    ) -> Vec<Diagnostic> {
        if dropped == 0 || suppressed {
            return out;
        }
        if let Some(severity) = self.config.severity(Rule::Arl002) {
            // Last, so that it is read after the findings it speaks of.
            let shown = out.len().to_string();
            let dropped = dropped.to_string();
            out.push(Diagnostic {
                rule: Rule::Arl002,
                severity,
                message: self.data.message(
                    rules::ARL002_TOO_MANY,
                    &[("shown", &shown), ("dropped", &dropped)],
                ),
                span: 0..0,
                fix: None,
                case: None,
                related: Vec::new(),
            });
        }
        out
    }

    fn enabled(&self, rule: Rule) -> bool {
        self.config.severity(rule).is_some()
    }
}

/// Which rules a run checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Units {
    All,
    /// JAM003, JAM004 and ARL001: what one section's text decides.
    Span,
    /// The document and section rules: what the headings and the gender
    /// sections decide.
    Document,
}

impl Units {
    fn includes(self, level: crate::registry::Level) -> bool {
        match self {
            Units::All => true,
            Units::Span => level == crate::registry::Level::Span,
            Units::Document => level != crate::registry::Level::Span,
        }
    }
}

/// What [`Linter::run_units`] found.
pub(crate) struct UnitRun {
    pub diagnostics: Vec<Diagnostic>,
    /// Span findings past the cap.
    pub dropped: usize,
    /// Span findings reported.
    pub admitted: usize,
    /// ARL002 is suppressed at the document's start.
    pub cap_note_suppressed: bool,
}
