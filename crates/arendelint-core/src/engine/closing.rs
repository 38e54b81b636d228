//! Where a case's closing block starts (*Beslutet skickas till*, *Bilagor*, a
//! signature), so that JAM001's fix inserts the gender section before it.

use crate::document::{Document, HeadingKind, Scope};
use crate::ruledata::RuleData;

/// The closing block of a scope: where it starts (a line start) and, when it
/// opens with a Markdown heading, that heading's level.
pub(crate) struct ClosingBlock {
    pub start: usize,
    pub level: Option<u8>,
}

pub(crate) fn find(doc: &Document, data: &RuleData, scope: &Scope) -> Option<ClosingBlock> {
    let headings = &doc.headings[scope.headings.clone()];
    let is_closing_heading = |h: &crate::document::Heading| {
        h.kind != HeadingKind::Label && is_closing_phrase(data, &h.text, false)
    };
    if let Some(h) = headings.iter().find(|h| is_closing_heading(h)) {
        return Some(ClosingBlock {
            start: line_start(doc.text, h.span.start),
            level: (h.kind == HeadingKind::Markdown).then_some(h.level),
        });
    }
    // Only the text after the last heading can hold a closing line or a
    // signature: a "Bilaga 1" in the list of documents at the top is not one.
    let from = headings
        .iter()
        .filter(|h| h.kind != HeadingKind::Label)
        .map(|h| h.span.end)
        .max()
        .unwrap_or(scope.bytes.start)
        .max(scope.bytes.start);
    let tail = doc.text.get(from..scope.bytes.end)?;
    let lines = lines_of(tail, from);
    if let Some(&(start, _)) = lines
        .iter()
        .find(|(_, line)| is_closing_phrase(data, &clean(line), true))
    {
        return Some(ClosingBlock { start, level: None });
    }
    // A signature's name line may have been read as a heading: look at the
    // whole case for it.
    let whole = doc.text.get(scope.bytes.clone())?;
    signature_start(data, &lines_of(whole, scope.bytes.start))
        .map(|start| ClosingBlock { start, level: None })
}

/// A closing heading, or (for a body line) one followed by a colon:
/// "Beslutet skickas till: Socialnämnden".
fn is_closing_phrase(data: &RuleData, text: &str, body_line: bool) -> bool {
    let t = text.trim_end_matches([':', '.']).trim().to_lowercase();
    data.closing_headings.iter().any(|c| {
        t == *c
            || (body_line
                && t.strip_prefix(c.as_str())
                    .is_some_and(|rest| rest.starts_with(':')))
    })
}

/// A trailing run of short lines (a name, a title, a date) in which one word
/// is a role ("förvaltningschef", "regiondirektör"): the signature.
fn signature_start(data: &RuleData, lines: &[(usize, &str)]) -> Option<usize> {
    let mut start = None;
    let mut has_role = false;
    for &(at, line) in lines.iter().rev() {
        let t = clean(line);
        if t.is_empty() {
            continue;
        }
        let words = t.split_whitespace().count();
        if words > 6 || t.ends_with(['.', '!', '?', ',', ';']) {
            break;
        }
        has_role |= t.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            data.signature_roles.iter().any(|r| w.ends_with(r.as_str()))
        });
        start = Some(at);
    }
    start.filter(|_| has_role)
}

/// Non-blank lines of `text` (which starts at byte `offset`) with their starts.
fn lines_of(text: &str, offset: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = offset;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.push((at, line));
        }
        at += line.len();
    }
    out
}

/// A line without Markdown markup and list bullets.
fn clean(line: &str) -> String {
    line.trim()
        .trim_start_matches(['#', '-', '*', '•', '>'])
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        .to_string()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}
