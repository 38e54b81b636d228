//! Suppression comments (contract §3): `<!-- arendelint-disable[-next-line|-line|-file] [IDS] -->`
//! and `<!-- arendelint-enable [IDS] -->`. No id means every rule. An unknown id is
//! reported as ARL001.

use super::rules::{ARL001_UNKNOWN_RULE, RULES};
use super::Finding;
use crate::document::Document;
use crate::registry::Rule;
use crate::ruledata::RuleData;
use std::ops::Range;

/// `None` stands for every rule.
type Rules = Option<Vec<Rule>>;

#[derive(Default)]
pub(crate) struct Suppressions {
    file: Vec<Rules>,
    /// Byte regions between a disable and its enable.
    regions: Vec<(Rules, Range<usize>)>,
    /// Byte ranges of whole lines (without their line ending).
    lines: Vec<(Rules, Range<usize>)>,
}

fn covers(rules: &Rules, rule: Rule) -> bool {
    rules.as_ref().is_none_or(|list| list.contains(&rule))
}

impl Suppressions {
    pub fn parse(doc: &Document, data: &RuleData, problems: &mut Vec<Finding>) -> Suppressions {
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
            match *directive {
                "disable-file" => out.file.push(rules),
                "disable-line" => out.lines.push((rules, line_at(doc.text, c.range.start))),
                "disable-next-line" => {
                    let next = next_content_line(doc.text, c.range.end);
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

    pub fn is_suppressed(&self, rule: Rule, span: &Range<usize>) -> bool {
        let at = span.start;
        self.file.iter().any(|r| covers(r, rule))
            || self
                .regions
                .iter()
                .any(|(r, region)| covers(r, rule) && region.start <= at && at < region.end)
            || self
                .lines
                .iter()
                .any(|(r, line)| covers(r, rule) && line.start <= at && at <= line.end)
    }
}

/// The line (without its line ending) that contains `offset`.
fn line_at(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// The first non-blank line after the line that contains `offset`.
fn next_content_line(text: &str, offset: usize) -> Range<usize> {
    let mut start = match text[offset..].find('\n') {
        Some(i) => offset + i + 1,
        None => return text.len()..text.len(),
    };
    loop {
        let line = line_at(text, start);
        if !text[line.clone()].trim().is_empty() || line.end >= text.len() {
            return line;
        }
        start = line.end + 1;
    }
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
    // Ids are separated by commas and any white space, some of it multi-byte
    // (a no-break space): spans come from the char indices, not a count.
    let separators = args
        .char_indices()
        .filter(|&(_, c)| c.is_whitespace() || c == ',')
        .map(|(i, c)| (i, i + c.len_utf8()))
        .chain(std::iter::once((args.len(), args.len())));
    let mut from = 0;
    for (sep_start, sep_end) in separators {
        let part = &args[from..sep_start];
        let start = range.start + from;
        from = sep_end;
        if part.is_empty() {
            continue;
        }
        any = true;
        match Rule::from_code(part) {
            Some(rule) => rules.push(rule),
            None => {
                let known: Vec<&str> = RULES.iter().map(|m| m.code).collect();
                problems.push(Finding {
                    related: Vec::new(),
                    rule: Rule::Arl001,
                    span: start..start + part.len(),
                    message: data.message(
                        ARL001_UNKNOWN_RULE,
                        &[("id", part), ("known", &known.join(", "))],
                    ),
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
