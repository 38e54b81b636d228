//! The source lines of a span with the span underlined, as terminal columns.
//!
//! Hand-rolled rather than annotate-snippets 0.11, which misplaces the underline
//! after a tab and prints the `\r` of CRLF lines. Here every character gets a
//! display width: a tab is four columns, å/ä/ö one, wide characters two, a BOM
//! none; long lines are cropped around the span.

use arendelint_core::text::floor_char_boundary;
use arendelint_core::text::LineIndex;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Lines wider than this are cropped to the span and some context around it.
const MAX_WIDTH: usize = 120;
const CONTEXT: usize = 40;
const TAB: &str = "    ";

/// One row of a snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Line {
        /// 1-based line number.
        number: usize,
        source: String,
        /// Display columns before the underline, and its width (0: no underline).
        underline: (usize, usize),
    },
    /// Lines left out of a long span.
    Elided,
}

/// The rows that show `span` of `text`.
pub fn rows(text: &str, index: &LineIndex, span: &Range<usize>) -> Vec<Row> {
    let first = index.line_of(span.start);
    let mut last = index.line_of(span.end).max(first);
    // A span ending right after a line break does not reach into the next line.
    if last > first && index.line_start(last) == Some(span.end) {
        last -= 1;
    }
    let numbers: Vec<Option<usize>> = if last - first > 2 {
        vec![Some(first), None, Some(last)]
    } else {
        (first..=last).map(Some).collect()
    };
    numbers
        .into_iter()
        .map(|n| match n {
            Some(line) => line_row(text, index, line, span, first == last),
            None => Row::Elided,
        })
        .collect()
}

struct Cell<'a> {
    byte: usize,
    shown: &'a str,
    width: usize,
}

fn line_row(text: &str, index: &LineIndex, line: usize, span: &Range<usize>, single: bool) -> Row {
    let range = index
        .line_range(text, line)
        .unwrap_or(text.len()..text.len());
    let start = span.start.clamp(range.start, range.end);
    let end = span.end.clamp(start, range.end);
    // Only the text around the span is measured, so that a megabyte-long line
    // (PDF extracts) costs the same for each of its findings.
    let margin = 4 * (MAX_WIDTH + CONTEXT);
    let lo = floor_char_boundary(text, start.saturating_sub(margin).max(range.start));
    let hi = ceil_char_boundary(text, end.saturating_add(margin).min(range.end));
    let (cropped_before, cropped_after) = (lo > range.start, hi < range.end);
    let cells = cells(text, lo..hi);
    let first_at = |byte: usize| {
        cells
            .iter()
            .position(|c| c.byte >= byte)
            .unwrap_or(cells.len())
    };
    let (s, t) = (first_at(start), first_at(end));
    let width = |cells: &[Cell]| cells.iter().map(|c| c.width).sum::<usize>();

    let total = width(&cells);
    let (from, to) = if total > MAX_WIDTH || cropped_before || cropped_after {
        (back_by(&cells, s, CONTEXT), forward_by(&cells, t, CONTEXT))
    } else {
        (0, cells.len())
    };
    let mut source = String::new();
    let mut before = 0;
    if from > 0 || cropped_before {
        source.push('…');
        before += 1;
    }
    for cell in &cells[from..to] {
        source.push_str(cell.shown);
    }
    if to < cells.len() || cropped_after {
        source.push('…');
    }
    before += width(&cells[from..s]);
    let mut marked = width(&cells[s..t]);
    // An empty span (JAM001 at 1:1) or one that covers only the line end still
    // gets one caret; a blank middle line of a long span gets none.
    if marked == 0 && (single || span.start >= range.start) {
        marked = 1;
    }
    Row::Line {
        number: line + 1,
        source,
        underline: (before, marked),
    }
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at.min(text.len())
}

fn cells(text: &str, range: Range<usize>) -> Vec<Cell<'_>> {
    let line = &text[range.clone()];
    line.char_indices()
        .filter(|&(_, c)| c != '\u{feff}')
        .map(|(i, c)| {
            let byte = range.start + i;
            let (shown, width) = match c {
                '\t' => (TAB, TAB.len()),
                c if c.is_control() => ("\u{fffd}", 1),
                c => (&line[i..i + c.len_utf8()], c.width().unwrap_or(0)),
            };
            Cell { byte, shown, width }
        })
        .collect()
}

/// The first cell index such that the cells from it to `at` are about `width` wide.
fn back_by(cells: &[Cell], at: usize, width: usize) -> usize {
    let mut seen = 0;
    let mut i = at;
    while i > 0 && seen + cells[i - 1].width <= width {
        i -= 1;
        seen += cells[i].width;
    }
    i
}

fn forward_by(cells: &[Cell], at: usize, width: usize) -> usize {
    let mut seen = 0;
    let mut i = at;
    while i < cells.len() && seen + cells[i].width <= width {
        seen += cells[i].width;
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, needle: &str) -> (String, (usize, usize)) {
        let start = text.find(needle).unwrap();
        let index = LineIndex::new(text);
        match rows(text, &index, &(start..start + needle.len())).remove(0) {
            Row::Line {
                source, underline, ..
            } => (source, underline),
            Row::Elided => panic!("elided"),
        }
    }

    #[test]
    fn swedish_letters_tabs_crlf_and_bom() {
        let text = "\u{feff}\tÅtta äö patienter.\r\nsist\r\n";
        let (source, underline) = one(text, "patienter");
        assert_eq!(source, "    Åtta äö patienter.");
        assert_eq!(underline, (12, 9));
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let (_, underline) = one("😀 alla ska med", "alla");
        assert_eq!(underline, (3, 4));
    }

    #[test]
    fn empty_span_at_start_gets_one_caret() {
        let text = "# Rubrik\n";
        let index = LineIndex::new(text);
        let rows = rows(text, &index, &(0..0));
        assert_eq!(
            rows,
            vec![Row::Line {
                number: 1,
                source: "# Rubrik".into(),
                underline: (0, 1)
            }]
        );
    }

    #[test]
    fn long_lines_are_cropped_around_the_span() {
        let text = format!("{} 312 patienter {}", "a".repeat(200), "b".repeat(200));
        let (source, (before, width)) = one(&text, "312 patienter");
        assert!(source.starts_with('…') && source.ends_with('…'));
        let marked: String = source.chars().skip(before).take(width).collect();
        assert_eq!(marked, "312 patienter", "{source}");
    }

    #[test]
    fn spans_over_many_lines_show_first_and_last() {
        let text = "a\nb\nc\nd\ne\n";
        let index = LineIndex::new(text);
        let rows = rows(text, &index, &(0..text.len()));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], Row::Elided);
    }
}
