//! Checking a large Markdown document section by section, so that memory is
//! bounded by the size of the text and of its largest section, not by the
//! size of the whole document model (a token per ~6 bytes of text).
//!
//! The text is cut at ATX headings that start a line and that the parser
//! reads as headings. As in the incremental check (`incremental.rs`), such a
//! heading closes every Markdown block before it, so each part parses on its
//! own (from its heading up to and including the next heading's line) as it
//! does inside the document; the span rules (JAM003, JAM004) only look inside
//! such a part. Each part is parsed, its span findings taken, and its model
//! dropped. The document and section rules read only the headings and the
//! gender sections (and the raw text): those sentences are kept, from each
//! part, in an *outline* document that those rules then check.
//!
//! The span findings are capped as in a full check: the first
//! [`MAX_FINDINGS`] by position, whatever the part. The parts are in text
//! order, so each is checked with the cap that is left.
//!
//! Only for Markdown in document mode, and not when the text has anything
//! global to the document (suppression comments, link definitions, a metadata
//! block: see `section_cut::has_global_markers`), nor when a part would be
//! larger than [`MAX_PART_BYTES`] (a code block full of `#` lines): the whole
//! document is then checked at once.

use crate::diagnostic::Diagnostic;
use crate::document::{Builder, CaseInfo, Document, HeadingKind};
use crate::engine::{Linter, Units, MAX_FINDINGS};
use crate::ruledata::RuleData;
use crate::section_cut::{has_global_markers, is_atx_line, line_end};
use crate::source::SourceKind;

/// Documents from this size on are checked section by section when they can be.
pub(crate) const SECTIONED_MIN_BYTES: usize = 4 << 20;

/// A part larger than this is not worth it: the whole document is checked at once.
const MAX_PART_BYTES: usize = 8 << 20;

/// Parts are cut at the first heading after this many bytes: each part has a
/// fixed cost (its model's tables, the rules' per-document facts), and a few
/// parts of this size keep memory as small as one per heading would.
pub(crate) const MIN_PART_BYTES: usize = 64 << 10;

/// The findings of a document checked section by section, and the case it is.
pub(crate) struct Sectioned {
    pub diagnostics: Vec<Diagnostic>,
    pub case: CaseInfo,
}

/// Which sentences of the parts the document and section rules need: the
/// headings, the labelled paragraphs, and everything inside a gender section.
struct OutlineFilter {
    /// The level of the outermost open gender section.
    gender_level: Option<u8>,
}

impl OutlineFilter {
    /// Which of `part`'s sentences before `limit` to keep, in order.
    fn keep(&mut self, part: &Document, data: &RuleData, limit: usize) -> Vec<bool> {
        let mut keep = vec![false; limit];
        let mut label_until = 0;
        let mut headings = part.headings.iter().peekable();
        for (si, kept) in keep.iter_mut().enumerate() {
            let heading = headings.next_if(|h| h.sentence == si);
            match heading {
                Some(h) if h.kind == HeadingKind::Label => {
                    label_until = h.label_end.unwrap_or(si + 1);
                    *kept = true;
                }
                Some(h) => {
                    // A heading at the open gender section's level or above ends it.
                    if self.gender_level.is_some_and(|level| h.level <= level) {
                        self.gender_level = None;
                    }
                    if self.gender_level.is_none() && data.is_gender_heading(&h.text) {
                        self.gender_level = Some(h.level);
                    }
                    *kept = true;
                }
                None => *kept = self.gender_level.is_some() || si < label_until,
            }
        }
        keep
    }
}

impl Linter {
    /// The findings of Markdown `text` checked section by section whatever its
    /// size, or `None` when it cannot be. [`Linter::check`] does this for
    /// large documents; tests and fuzzing compare it with a whole check.
    /// Cuts at every heading that can be a cut, so that small texts have
    /// parts too.
    #[doc(hidden)]
    pub fn check_by_sections(&self, text: &str) -> Option<Vec<Diagnostic>> {
        self.check_sectioned(text, 0).map(|s| s.diagnostics)
    }

    /// Checks `text` (Markdown, document mode) section by section; `None` when
    /// it cannot be (see the module's documentation) and must be checked whole.
    /// Parts are cut at the first heading at least `min_part` bytes after
    /// their start ([`MIN_PART_BYTES`] for [`Linter::check`]).
    pub(crate) fn check_sectioned(&self, text: &str, min_part: usize) -> Option<Sectioned> {
        if has_global_markers(text) {
            return None;
        }
        let data = self.data();
        let mut outline = Builder::outline(text, data);
        let mut filter = OutlineFilter { gender_level: None };
        let mut span_findings: Vec<Diagnostic> = Vec::new();
        let (mut admitted, mut dropped) = (0, 0);
        let mut cap_note_suppressed = false;
        let mut headings = heading_candidates(text);
        let mut start = 0;
        loop {
            // The part: up to the next candidate the parser reads as a heading,
            // parsed with that heading's line.
            let mut next = headings.find(|&at| at - start >= min_part);
            let (part, limit, end) = loop {
                let parsed_end = next.map_or(text.len(), |at| line_end(text, at));
                if parsed_end - start > MAX_PART_BYTES {
                    return None;
                }
                let doc =
                    Document::parse(&text[start..parsed_end], SourceKind::Markdown, data, false);
                let Some(at) = next else {
                    let n = doc.sentences.len();
                    break (doc, n, text.len());
                };
                let heading = doc
                    .headings
                    .iter()
                    .find(|h| h.kind == HeadingKind::Markdown && h.span.start == at - start);
                if let Some(sentence) = heading.map(|h| h.sentence) {
                    break (doc, sentence, at);
                }
                // Not a heading (inside a code block, say): try one at least
                // twice as far, so that a block full of `#` lines costs a few
                // parses of the part, not one per line.
                let further = min_part.max(2 * (at - start));
                next = headings.find(|&at| at - start >= further);
            };
            if start == 0 && end == text.len() {
                // One part: nothing to gain.
                return None;
            }
            let run = self.run_units(
                &part,
                &[(part.whole(), None)],
                Units::Span,
                MAX_FINDINGS - admitted,
            );
            admitted += run.admitted;
            dropped += run.dropped;
            cap_note_suppressed |= run.cap_note_suppressed;
            // Span rules check body text, never the next heading's line.
            span_findings.extend(
                run.diagnostics
                    .into_iter()
                    .filter(|d| d.span.start < end - start)
                    .map(|mut d| {
                        shift(&mut d, start);
                        d
                    }),
            );
            let keep = filter.keep(&part, data, limit);
            adopt_kept(&mut outline, &part, start, &keep);
            if end >= text.len() {
                break;
            }
            start = end;
        }
        let outline = outline.finish();
        let run = self.run_units(&outline, &[(outline.whole(), None)], Units::Document, 0);
        let mut diagnostics = run.diagnostics;
        diagnostics.extend(span_findings);
        diagnostics.sort_by_key(|d| (d.span.start, d.rule, d.span.end));
        let diagnostics = self.with_cap_note(diagnostics, dropped, cap_note_suppressed);
        Some(Sectioned {
            diagnostics,
            case: outline.as_case(data),
        })
    }
}

/// Line starts of `text` that hold an ATX heading mark (`#` to `######` and a
/// space or the line's end), after the first byte; the parser decides which
/// are headings.
fn heading_candidates(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|i| i + 1)
        .filter(move |&at| at < text.len() && is_atx_line(text, at))
}

/// Copies the kept sentences of `part` (parsed from byte `shift`), run by run.
fn adopt_kept(outline: &mut Builder, part: &Document, shift: usize, keep: &[bool]) {
    let limit = keep.len();
    let token_start = |s: usize| {
        part.sentences
            .get(s)
            .map_or(part.tokens.len(), |s| s.tokens.start)
    };
    let mut si = 0;
    while si < limit {
        if !keep[si] {
            si += 1;
            continue;
        }
        let run_start = si;
        while si < limit && keep[si] {
            si += 1;
        }
        outline.adopt(part, shift, run_start..si, token_start(si));
    }
}

/// Moves a diagnostic of a part to where the part stands in the document.
fn shift(d: &mut Diagnostic, by: usize) {
    let add = |r: &mut std::ops::Range<usize>| *r = r.start + by..r.end + by;
    add(&mut d.span);
    d.related.iter_mut().for_each(add);
    if let Some(fix) = &mut d.fix {
        fix.edits.iter_mut().for_each(|e| add(&mut e.range));
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Input, Linter, SourceKind};

    /// From [`super::SECTIONED_MIN_BYTES`] on, `check` checks section by
    /// section, with parts of [`super::MIN_PART_BYTES`], and gives the
    /// findings of a whole check.
    #[test]
    fn large_documents_are_checked_by_sections_with_the_findings_of_a_whole_check() {
        let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
        let cases = [
            include_str!("../../../examples/exemplariskt-arende.md"),
            include_str!("../../../examples/brister-i-arende.md"),
        ];
        let mut text = String::new();
        let mut n = 0;
        while text.len() <= super::SECTIONED_MIN_BYTES {
            text.push_str(cases[n % 2]);
            text.push_str("\n\n");
            n += 1;
        }
        assert!(linter
            .check_sectioned(&text, super::MIN_PART_BYTES)
            .is_some());
        let report = linter
            .check(&Input::text(&text, SourceKind::Markdown))
            .expect("text is checked");
        let whole = linter.lint(&text, SourceKind::Markdown);
        assert!(whole.len() > 5_000, "{}", whole.len());
        assert_eq!(report.diagnostics, whole);
    }
}
