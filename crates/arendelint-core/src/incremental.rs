//! Incremental analysis for editors: after an edit, re-parse and re-check only
//! the section the edit touches, and keep every other finding (shifted by the
//! edit's length change), when that provably gives the findings a full check
//! would give. Otherwise the whole document is checked again.
//!
//! A *section* here is the text between two consecutive ATX headings that
//! start a line and that the parser read as headings. Such a heading closes
//! every Markdown block before it, so the text between two of them parses the
//! same on its own (from its heading up to and including the next heading's
//! line) as inside the document. The span rules (JAM003, JAM004) only look
//! inside one such section; the document and section rules (JAM001, JAM002,
//! JAM005–JAM007) only read the headings and the gender sections' bodies.
//! So the fast path requires, and otherwise falls back to a full check:
//!
//! * Markdown, no suppression comment (`arendelint-`) and no link or footnote
//!   definition (`]:`, which is global in Markdown) and no `---` line before
//!   a line that is not blank (a metadata block, which may span headings)
//!   anywhere in the text;
//! * the edit lies strictly inside one section: neither heading line (nor the
//!   line break before the next heading) is touched, and the section is not
//!   the last one nor the start of the text;
//! * the next heading is still read as a heading after the edit (no code
//!   fence, HTML block or comment left open), the section's headings (also
//!   bold paragraphs and `Label:` headings) are the same before and after,
//!   and no gender section's text overlaps the section;
//! * no line break or `\r` is inserted or removed at the start of the text,
//!   no document-level finding points into the section, and the number of
//!   span findings stays under the cap ([`MAX_FINDINGS`]), so that ARL002 and
//!   the cap's order do not come into play.

use crate::check::CheckError;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, HeadingKind};
use crate::engine::{Linter, MAX_FINDINGS};
use crate::registry::{Level, Rule};
use crate::section_cut::{has_global_markers, is_atx_line, line_end};
use crate::source::SourceKind;
use crate::Input;
use std::ops::Range;

/// One document's findings together with what [`Linter::check_incremental`]
/// needs to re-check only the section an edit touches.
#[derive(Debug, Clone)]
pub struct Analysis {
    text: String,
    kind: SourceKind,
    /// Sorted by position, then rule: the same as [`Linter::check`] gives in
    /// document mode.
    pub diagnostics: Vec<Diagnostic>,
    /// Starts of the ATX headings at a line start that the parser read as
    /// headings, in order.
    heading_starts: Vec<usize>,
    /// The gender sections' text (heading to the body's last token).
    gender_ranges: Vec<Range<usize>>,
    /// Something global to the document (suppressions, link definitions,
    /// another kind than Markdown) rules out the fast path.
    global: bool,
    /// Whether this analysis re-checked one section only.
    incremental: bool,
}

impl Analysis {
    /// The text analysed.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// Whether this analysis re-checked only one section (`false`: the whole
    /// document was checked).
    pub fn was_incremental(&self) -> bool {
        self.incremental
    }
}

/// The headings of a section as the document rules see them.
fn heading_keys(doc: &Document) -> Vec<(HeadingKind, u8, String)> {
    doc.headings
        .iter()
        .map(|h| (h.kind, h.level, h.text.clone()))
        .collect()
}

impl Linter {
    /// Checks a whole document (Markdown or plain text, as one case) and keeps
    /// what [`Linter::check_incremental`] needs. The findings are those of
    /// [`Linter::check`].
    pub fn analyse(&self, text: &str, kind: SourceKind) -> Result<Analysis, CheckError> {
        let global = kind != SourceKind::Markdown || has_global_markers(text);
        if global {
            let report = self.check(&Input::text(text, kind))?;
            return Ok(Analysis {
                text: text.to_string(),
                kind,
                diagnostics: report.diagnostics,
                heading_starts: Vec::new(),
                gender_ranges: Vec::new(),
                global,
                incremental: false,
            });
        }
        // What `check` does for a text in document mode, keeping the parse
        // for the section table.
        let doc = Document::parse(text, kind, self.data(), false);
        let diagnostics = self.run_scopes(&doc, &[(doc.whole(), None)]);
        let heading_starts = doc
            .headings
            .iter()
            .filter(|h| h.kind == HeadingKind::Markdown)
            .map(|h| h.span.start)
            .filter(|&s| (s == 0 || text.as_bytes()[s - 1] == b'\n') && is_atx_line(text, s))
            .collect();
        let gender_ranges = self.gender_ranges(&doc);
        Ok(Analysis {
            text: text.to_string(),
            kind,
            diagnostics,
            heading_starts,
            gender_ranges,
            global,
            incremental: false,
        })
    }

    /// Checks `new_text`, the text of `previous` with the bytes `changed`
    /// (in `previous`'s text) replaced. When the edit stays inside one section
    /// whose re-check provably gives the same findings as a full check, only
    /// that section is parsed and checked again; otherwise the whole text is.
    /// Either way the findings are those [`Linter::check`] gives for
    /// `new_text`. A `changed` range that does not match the two texts is
    /// safe: the whole text is checked.
    pub fn check_incremental(
        &self,
        previous: &Analysis,
        new_text: &str,
        changed: Range<usize>,
    ) -> Result<Analysis, CheckError> {
        match self.try_incremental(previous, new_text, changed) {
            Some(analysis) => Ok(analysis),
            None => self.analyse(new_text, previous.kind),
        }
    }

    fn try_incremental(
        &self,
        previous: &Analysis,
        new_text: &str,
        changed: Range<usize>,
    ) -> Option<Analysis> {
        let old = previous.text.as_str();
        if previous.global || changed.start > changed.end || changed.end > old.len() {
            return None;
        }
        let (es, ee) = (changed.start, changed.end);
        // The edit as the caller says it is: same text before and after it.
        let inserted_len = (new_text.len() + (ee - es)).checked_sub(old.len())?;
        let tail = old.len() - ee;
        if es == 0
            || new_text.get(..es)? != old.get(..es)?
            || new_text.get(new_text.len() - tail..)? != old.get(ee..)?
        {
            return None;
        }
        let inserted = new_text.get(es..es + inserted_len)?;
        if inserted.contains('\r') || old[es..ee].contains('\r') {
            return None;
        }
        // The section: between the last heading before the edit and the next one.
        let i = previous.heading_starts.partition_point(|&s| s <= es);
        let hs = *previous.heading_starts.get(i.checked_sub(1)?)?;
        let ns = *previous.heading_starts.get(i)?;
        let own_end = line_end(old, hs);
        if es <= own_end || ee + 1 > ns || ns == 0 || old.as_bytes()[ns - 1] != b'\n' {
            return None;
        }
        if previous
            .gender_ranges
            .iter()
            .any(|g| g.start < ns && hs < g.end.max(g.start + 1))
        {
            return None;
        }
        let delta = new_text.len() as isize - old.len() as isize;
        let shift = |o: usize| (o as isize + delta) as usize;
        let ns_new = shift(ns);
        let next_end_old = line_end(old, ns);
        let next_end_new = line_end(new_text, ns_new);
        let old_part = &old[hs..next_end_old];
        let new_part = &new_text[hs..next_end_new];
        if has_global_markers(new_part) {
            return None;
        }
        let data = self.data();
        let old_doc = Document::parse(old_part, SourceKind::Markdown, data, false);
        let new_doc = Document::parse(new_part, SourceKind::Markdown, data, false);
        // Both headings are still headings, and the section's headings are
        // the same (kinds, levels, texts) as before.
        let next_rel = ns_new - hs;
        let heading_at = |doc: &Document, at: usize| {
            doc.headings
                .iter()
                .any(|h| h.kind == HeadingKind::Markdown && h.span.start == at)
        };
        if !heading_at(&new_doc, 0)
            || !heading_at(&new_doc, next_rel)
            || heading_keys(&old_doc) != heading_keys(&new_doc)
        {
            return None;
        }

        // The findings: the section's span findings made again, the rest kept.
        let is_span = |d: &Diagnostic| d.rule.level() == Level::Span;
        let mut out = Vec::with_capacity(previous.diagnostics.len() + 8);
        for d in &previous.diagnostics {
            if d.rule == Rule::Arl002 || d.rule == Rule::Arl001 {
                return None;
            }
            let in_section = |o: usize| o >= hs && o < ns;
            if is_span(d) && in_section(d.span.start) {
                continue;
            }
            let mut kept = d.clone();
            let mut ok = true;
            let mut map = |r: &mut Range<usize>| {
                // A document-level finding on the whole document (JAM001's
                // empty span at the start) does not depend on the section.
                if *r == (0..0) {
                    return;
                }
                if in_section(r.start) || in_section(r.end) || (r.start < hs && r.end > ns) {
                    ok = false;
                    return;
                }
                if r.start >= ns {
                    *r = shift(r.start)..shift(r.end);
                }
            };
            map(&mut kept.span);
            for r in &mut kept.related {
                map(r);
            }
            if let Some(fix) = &mut kept.fix {
                for e in &mut fix.edits {
                    map(&mut e.range);
                }
            }
            if !ok {
                return None;
            }
            out.push(kept);
        }
        for mut d in self.run_span_rules(&new_doc) {
            if d.rule == Rule::Arl002 || !is_span(&d) {
                return None;
            }
            if d.span.start >= next_rel {
                // The next heading's line: checked with the next section.
                continue;
            }
            let add = |r: &mut Range<usize>| *r = r.start + hs..r.end + hs;
            add(&mut d.span);
            d.related.iter_mut().for_each(add);
            if let Some(fix) = &mut d.fix {
                fix.edits.iter_mut().for_each(|e| add(&mut e.range));
            }
            out.push(d);
        }
        if out.iter().filter(|d| is_span(d)).count() >= MAX_FINDINGS {
            return None;
        }
        out.sort_by_key(|d| (d.span.start, d.rule, d.span.end));
        out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);

        let heading_starts = previous
            .heading_starts
            .iter()
            .map(|&s| if s >= ns { shift(s) } else { s })
            .collect();
        let gender_ranges = previous
            .gender_ranges
            .iter()
            .map(|g| {
                if g.start >= ns {
                    shift(g.start)..shift(g.end)
                } else {
                    g.clone()
                }
            })
            .collect();
        Some(Analysis {
            text: new_text.to_string(),
            kind: previous.kind,
            diagnostics: out,
            heading_starts,
            gender_ranges,
            global: false,
            incremental: true,
        })
    }
}
