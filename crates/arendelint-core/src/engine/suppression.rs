//! Suppression comments (contract §3): `<!-- arendelint-disable[-next-line|-line|-file] [IDS] -->`
//! and `<!-- arendelint-enable [IDS] -->`. No id means every rule. An unknown id is
//! reported as ARL001.

use super::Finding;
use crate::document::Document;
use crate::line_index::LineIndex;
use crate::registry::{Rule, RULES};
use crate::ruledata::RuleData;
use std::ops::Range;

/// `None` stands for every rule.
type Rules = Option<Vec<Rule>>;

#[derive(Default)]
pub(crate) struct Suppressions {
    file: Vec<Rules>,
    /// Byte regions between a disable and its enable.
    regions: Vec<(Rules, Range<usize>)>,
    /// 0-based lines.
    lines: Vec<(Rules, usize)>,
}

fn covers(rules: &Rules, rule: Rule) -> bool {
    rules.as_ref().is_none_or(|list| list.contains(&rule))
}

impl Suppressions {
    pub fn parse(
        doc: &Document,
        data: &RuleData,
        index: &LineIndex,
        problems: &mut Vec<Finding>,
    ) -> Suppressions {
        let mut out = Suppressions::default();
        // Open disable regions: (rules, start).
        let mut open: Vec<(Rules, usize)> = Vec::new();
        for c in &doc.comments {
            let inner = &doc.text[c.inner.clone()];
            let trimmed = inner.trim_start();
            let lead = inner.len() - trimmed.len();
            let Some(rest) = trimmed.strip_prefix("arendelint-") else {
                continue;
            };
            let directives = [
                "disable-next-line",
                "disable-line",
                "disable-file",
                "disable",
                "enable",
            ];
            let Some(directive) = directives.iter().find(|d| {
                rest.starts_with(**d)
                    && rest[d.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c.is_whitespace())
            }) else {
                continue;
            };
            let args_start = c.inner.start + lead + "arendelint-".len() + directive.len();
            let rules = parse_ids(doc.text, args_start..c.inner.end, data, problems);
            let line = index.line_of(c.range.end);
            match *directive {
                "disable-file" => out.file.push(rules),
                "disable-line" => out.lines.push((rules, index.line_of(c.range.start))),
                "disable-next-line" => {
                    let next = next_content_line(doc.text, index, line + 1);
                    out.lines.push((rules, next));
                }
                "disable" => open.push((rules, c.range.end)),
                _ => {
                    // enable: closes the matching open regions (all of them without ids).
                    let end = c.range.start;
                    let mut still_open = Vec::new();
                    for (r, start) in open.drain(..) {
                        let closes = match (&rules, &r) {
                            (None, _) => true,
                            (Some(en), Some(dis)) => dis.iter().all(|d| en.contains(d)),
                            (Some(_), None) => false,
                        };
                        if closes {
                            out.regions.push((r, start..end));
                        } else {
                            still_open.push((r, start));
                        }
                    }
                    open = still_open;
                }
            }
        }
        for (r, start) in open {
            out.regions.push((r, start..doc.text.len()));
        }
        out
    }

    pub fn is_suppressed(&self, rule: Rule, span: &Range<usize>, index: &LineIndex) -> bool {
        if self.file.iter().any(|r| covers(r, rule)) {
            return true;
        }
        let at = span.start;
        if self
            .regions
            .iter()
            .any(|(r, region)| covers(r, rule) && region.start <= at && at < region.end)
        {
            return true;
        }
        let line = index.line_of(at);
        self.lines
            .iter()
            .any(|(r, l)| *l == line && covers(r, rule))
    }
}

/// The first non-blank line at or after `line` (0-based).
fn next_content_line(text: &str, index: &LineIndex, line: usize) -> usize {
    let mut l = line;
    while let Some(range) = index.line_range(text, l) {
        if !text[range].trim().is_empty() {
            return l;
        }
        l += 1;
    }
    line
}

/// Rule ids in a comment's argument text; unknown ids are reported as ARL001.
fn parse_ids(
    text: &str,
    range: Range<usize>,
    data: &RuleData,
    problems: &mut Vec<Finding>,
) -> Rules {
    let args = &text[range.clone()];
    let mut rules = Vec::new();
    let mut any = false;
    let mut offset = 0;
    for part in args.split(|c: char| c.is_whitespace() || c == ',') {
        let start = range.start + offset;
        offset += part.len() + 1;
        if part.is_empty() {
            continue;
        }
        any = true;
        match Rule::from_code(part) {
            Some(rule) => rules.push(rule),
            None => {
                let known: Vec<&str> = RULES.iter().map(|m| m.code).collect();
                problems.push(Finding {
                    rule: Rule::Arl001,
                    span: start..start + part.len(),
                    message: data.message("ARL001", &[("id", part), ("known", &known.join(", "))]),
                    fix: None,
                });
            }
        }
    }
    if any {
        Some(rules)
    } else {
        None
    }
}
