//! Word front end: the blocks extracted from a `.docx` (one paragraph per line)
//! → the builder. Styled headings keep their level; bold-only paragraphs become
//! pseudo-headings; tables are tables whose header row is the first row.

use super::agenda::case_line;
use super::builder::{BlockInfo, Builder};
use super::{Ctx, HeadingKind};
use crate::docx::{Block, Paragraph, Table};
use std::ops::Range;

/// In agenda mode a plain paragraph that reads as a case heading (contract §5)
/// is one only when it is short like a title, not a body paragraph that cites a
/// section. Every Word paragraph is a block of its own, so a numbered title
/// (`1 Titel`) needs no blank line before it.
const MAX_CASE_LINE_WORDS: usize = 20;

pub(super) fn parse(b: &mut Builder, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => paragraph(b, p),
            Block::Table(t) => table(b, t),
        }
    }
}

fn paragraph(b: &mut Builder, p: &Paragraph) {
    b.piece(p.range.clone());
    if let Some(level) = p.heading {
        b.end_heading(level, HeadingKind::Markdown);
        return;
    }
    let text = b.text.get(p.range.clone()).unwrap_or("").trim();
    // A plain "1. Kommunfullmäktige godkänner …." is a decision point, not a
    // case: plain case lines read like titles (no closing punctuation).
    let title_like = p.bold_only || !text.ends_with(['.', ',', ';', ':', '!', '?']);
    if b.agenda
        && title_like
        && case_line(text, b.data).is_some()
        && text.split_whitespace().count() <= MAX_CASE_LINE_WORDS
    {
        // Level 0: a case holds every heading up to the next case, whatever
        // styles its sub-headings use (the title style is level 0 too).
        b.end_heading(0, HeadingKind::Markdown);
        return;
    }
    b.end_block(BlockInfo {
        ctx: Ctx::Body,
        bold_only: p.bold_only,
        allow_label: true,
    });
}

fn table(b: &mut Builder, t: &Table) {
    let Some(header) = t.rows.first() else {
        return;
    };
    let text = b.text;
    let trimmed = |r: &Range<usize>| {
        let s = text.get(r.clone()).unwrap_or("");
        let start = r.start + (s.len() - s.trim_start().len());
        start..(r.start + s.trim_end().len()).max(start)
    };
    let lines: Vec<Range<usize>> = header
        .iter()
        .flat_map(|cell| &cell.paragraphs)
        .map(|p| trimmed(&p.range))
        .filter(|r| !r.is_empty())
        .collect();
    let span = match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => first.start..last.end,
        // A header row without text: point at the table's first line.
        _ => {
            let at = t
                .rows
                .iter()
                .flatten()
                .flat_map(|cell| &cell.paragraphs)
                .next()
                .map_or(text.len(), |p| p.range.start);
            at..at
        }
    };
    b.begin_table_at(span);
    for (r, row) in t.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            for p in &cell.paragraphs {
                b.piece(p.range.clone());
                b.break_pieces();
            }
            b.table_cell(r == 0, c == 0);
        }
    }
}
