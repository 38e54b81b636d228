//! Invariants shared by the fuzz targets. Every check panics (and so makes
//! libFuzzer report a crash) when the core breaks one of its promises.

use arendelint_core::report::CaseInfo;
use arendelint_core::report::{apply_fixes, Applicability};
use arendelint_core::text::{bom_len, ColumnUnit, LineCol, LineIndex};
use arendelint_core::{Config, Diagnostic, Input, Linter, Mode, Report, Rule, SourceKind};
use std::ops::Range;
use std::sync::OnceLock;

/// The default linter, built once per process.
pub fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::new(&Config::default()).expect("the default config is valid"))
}

/// One document's findings through the core's single entry point; text input
/// never fails.
pub fn lint(linter: &Linter, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
    match linter.check(&Input::text(text, kind)) {
        Ok(report) => report.diagnostics,
        Err(e) => panic!("checking text failed: {e}"),
    }
}

/// An agenda check of text: the report, whose `cases` are empty when no case
/// heading was found (the document is then checked as one).
pub fn lint_agenda<'a>(linter: &Linter, text: &'a str, kind: SourceKind) -> Report<'a> {
    match linter.check(&Input::text(text, kind).with_mode(Mode::Agenda)) {
        Ok(report) => report,
        Err(e) => panic!("checking an agenda failed: {e}"),
    }
}

/// A byte range is ordered, inside `text` and on char boundaries.
pub fn check_range(text: &str, r: &Range<usize>, what: &str, d: &Diagnostic) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} outside a text of {} bytes: {d:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} splits a character: {d:?}"
    );
}

/// Spans, related spans and fix edits of every diagnostic are valid ranges of
/// `text`; a fix's edits are sorted and do not overlap.
pub fn check_diagnostics(text: &str, diags: &[Diagnostic]) {
    for d in diags {
        check_range(text, &d.span, "span", d);
        for r in &d.related {
            check_range(text, r, "related span", d);
        }
        if let Some(fix) = &d.fix {
            let mut last = 0;
            for e in &fix.edits {
                check_range(text, &e.range, "fix edit", d);
                assert!(
                    e.range.start >= last,
                    "fix edits overlap or are unsorted: {d:?}"
                );
                last = e.range.end;
            }
        }
    }
    // Sorted by position, then rule (the documented order of `Linter::lint`).
    for w in diags.windows(2) {
        assert!(
            (w[0].span.start, w[0].rule) <= (w[1].span.start, w[1].rule),
            "diagnostics out of order: {:?} before {:?}",
            w[0],
            w[1]
        );
    }
}

/// `offset` is just after a `\r` that ends its line: the column counts the
/// `\r`, but `LineIndex::offset` clamps a column past the line's content to
/// before the `\r` (documented), so this one offset does not round-trip.
fn after_line_ending_cr(text: &str, offset: usize) -> bool {
    offset > 0
        && text.as_bytes()[offset - 1] == b'\r'
        && (offset == text.len() || text.as_bytes()[offset] == b'\n')
}

/// Line/column ⇄ offset round trips, and columns against a plain count, at
/// `offsets` (char boundaries of `text`).
pub fn check_line_index(text: &str, index: &LineIndex, offsets: impl Iterator<Item = usize>) {
    let bom = bom_len(text);
    for offset in offsets {
        debug_assert!(text.is_char_boundary(offset));
        let line = index.line_of(offset);
        let start = index.line_start(line).expect("line_of gives a line");
        assert!(
            start <= offset,
            "line {line} starts at {start} after {offset}"
        );
        if let Some(next) = index.line_start(line + 1) {
            assert!(
                offset < next,
                "offset {offset} is on line {line} but line {} starts at {next}",
                line + 1
            );
        }
        for unit in [ColumnUnit::Char, ColumnUnit::Utf16, ColumnUnit::Utf8] {
            let lc = index.line_col(text, offset, unit);
            assert_eq!(lc.line as usize, line, "line of {offset} in {unit:?}");
            let from = if line == 0 && unit == ColumnUnit::Char {
                bom.min(offset)
            } else {
                start
            };
            let expected = match unit {
                ColumnUnit::Char => text[from..offset].chars().count(),
                ColumnUnit::Utf16 => text[from..offset].chars().map(char::len_utf16).sum(),
                ColumnUnit::Utf8 => offset - from,
            };
            assert_eq!(lc.col as usize, expected, "column of {offset} in {unit:?}");
            let back = index.offset(text, lc, unit);
            if line == 0 && unit == ColumnUnit::Char && offset < bom {
                // Before the BOM's end: column 0 is the first letter after the BOM.
                assert_eq!(back, bom, "offset {offset} inside the BOM");
            } else if after_line_ending_cr(text, offset) {
                assert_eq!(back, offset - 1, "offset {offset} after a line-ending \\r");
            } else {
                assert_eq!(
                    back, offset,
                    "round trip of {offset} via {lc:?} in {unit:?}"
                );
            }
        }
    }
    // Past the end of the text: clamps, never panics.
    let last = LineCol::new(index.line_count() as u32 + 3, 7);
    assert_eq!(index.offset(text, last, ColumnUnit::Utf16), text.len());
}

/// About `n` evenly spaced char boundaries and the ends of the first `n`
/// diagnostic spans. Each check costs a scan of its line (so does
/// `LineIndex::offset`), so the sample stays small: libFuzzer varies the text.
pub fn sample_offsets<'a>(
    text: &'a str,
    diags: &'a [Diagnostic],
    n: usize,
) -> impl Iterator<Item = usize> + 'a {
    let step = (text.len() / n.max(1)).max(1);
    (0..=text.len())
        .step_by(step)
        .chain(std::iter::once(text.len()))
        .chain(
            diags
                .iter()
                .take(n)
                .flat_map(|d| [d.span.start, d.span.end]),
        )
        .filter(move |&o| text.is_char_boundary(o))
}

/// Where byte offset `at` of the old text lands after inserting `inserts`
/// (offset, length), each inserted before the text at its offset: an insert at
/// `at` itself lands before `at` when `before_ties`.
fn shift(at: usize, inserts: &[(usize, usize)], before_ties: bool) -> usize {
    at + inserts
        .iter()
        .filter(|&&(p, _)| p < at || (before_ties && p == at))
        .map(|&(_, n)| n)
        .sum::<usize>()
}

/// The safe fixes (JAM003's only, today: " (kvinnor och män)" after the word):
/// after one round, none of the fixed findings — nor their related mentions —
/// is reported again, and repeated fixing reaches a text without safe fixes
/// within a few rounds.
pub fn check_fixes(linter: &Linter, text: &str, kind: SourceKind, diags: &[Diagnostic]) {
    let safe: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .collect();
    if safe.is_empty() {
        return;
    }
    for d in &safe {
        assert_eq!(
            d.rule,
            Rule::Jam003,
            "a safe fix of another rule: update the fuzz target: {d:?}"
        );
        let fix = d.fix.as_ref().expect("filtered on fix");
        assert!(
            fix.edits.iter().all(|e| e.range.is_empty()),
            "JAM003's safe fix only inserts: {d:?}"
        );
    }
    let (fixed, applied) = apply_fixes(text, diags, false);
    assert!(applied > 0, "no safe fix applied");
    // The edits actually applied: apply_fixes takes fixes in order and skips one
    // whose edit shares a position with an edit already taken.
    let mut inserts: Vec<(usize, usize)> = Vec::new();
    let mut taken: Vec<&Diagnostic> = Vec::new();
    for d in &safe {
        let edits = &d.fix.as_ref().expect("filtered on fix").edits;
        if edits
            .iter()
            .any(|e| inserts.iter().any(|&(p, _)| p == e.range.start))
        {
            continue;
        }
        inserts.extend(edits.iter().map(|e| (e.range.start, e.replacement.len())));
        taken.push(d);
    }
    assert_eq!(taken.len(), applied, "the fixes apply_fixes took");
    let after = lint(linter, &fixed, kind);
    check_diagnostics(&fixed, &after);
    let jam003: Vec<Range<usize>> = after
        .iter()
        .filter(|d| d.rule == Rule::Jam003)
        .flat_map(|d| std::iter::once(d.span.clone()).chain(d.related.iter().cloned()))
        .collect();
    for d in &taken {
        for r in std::iter::once(&d.span).chain(&d.related) {
            // The insert at the word's own end lands after the word.
            let moved = shift(r.start, &inserts, true)..shift(r.end, &inserts, false);
            assert_eq!(
                &fixed[moved.clone()],
                &text[r.clone()],
                "the fixed word moved unexpectedly"
            );
            assert!(
                !jam003.contains(&moved),
                "a safe fix did not settle its finding: {r:?} (now {moved:?}) in {kind:?}\n\
                 fixed text: {fixed:?}\nfinding: {d:?}"
            );
        }
    }
    // Settles: at most a few rounds until no safe fix is left.
    let mut current = fixed;
    let mut current_diags = after;
    for round in 2..=4 {
        let (next, n) = apply_fixes(&current, &current_diags, false);
        if n == 0 {
            assert_eq!(next, current, "no fix applied but the text changed");
            return;
        }
        assert!(
            round < 4,
            "safe fixes still apply after 3 rounds: {current:?}"
        );
        current_diags = lint(linter, &next, kind);
        check_diagnostics(&next, &current_diags);
        current = next;
    }
}

/// An agenda check's report: the cases' invariants ([`check_cases`]) when
/// case headings were found; otherwise the input was checked as one document
/// (the fallback), which is its only case and names no finding.
pub fn check_agenda_report(report: &Report) {
    if report.mode == Mode::Agenda {
        check_cases(&report.text, &report.cases, &report.diagnostics);
    } else {
        assert!(
            report.cases.len() <= 1,
            "one document, one case: {report:?}"
        );
        for d in &report.diagnostics {
            assert_eq!(d.case, None, "a case name in a one-document check: {d:?}");
        }
    }
}

/// Agenda cases are ordered, inside the text, on char boundaries and do not
/// overlap; each heading lies in its case; every finding names one of the cases
/// (suppression problems, ARL001, name none) and lies inside it.
pub fn check_cases(text: &str, cases: &[CaseInfo], diags: &[Diagnostic]) {
    let mut end = 0;
    for c in cases {
        let r = &c.range;
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "case outside the text: {c:?}"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{c:?}"
        );
        assert!(r.start >= end, "cases overlap or are unordered: {cases:?}");
        end = r.end;
        let h = &c.heading;
        assert!(
            r.start <= h.start && h.start <= h.end && h.end <= r.end,
            "heading outside its case: {c:?}"
        );
        assert!(
            text.is_char_boundary(h.start) && h.end <= text.len() && text.is_char_boundary(h.end)
        );
    }
    for d in diags {
        match &d.case {
            None => assert_eq!(d.rule, Rule::Arl001, "a case finding without a case: {d:?}"),
            Some(title) => assert!(
                cases.iter().any(|c| &c.title == title
                    && c.range.start <= d.span.start
                    && d.span.end <= c.range.end),
                "a finding outside its case {title:?}: {d:?}\ncases: {cases:?}"
            ),
        }
    }
}
