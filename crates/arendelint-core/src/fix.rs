//! Applying fixes to a text.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::source::bom_len;

/// Applies non-overlapping edits (in any order) to `text`. Edits that overlap an
/// earlier accepted edit, or fall outside the text or inside a character, are skipped.
/// Returns the new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    let mut applied = 0;
    for edit in sorted {
        let r = &edit.range;
        let valid = r.start >= pos
            && r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end);
        if !valid {
            continue;
        }
        out.push_str(&text[pos..r.start]);
        out.push_str(&edit.replacement);
        pos = r.end;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Applies the fixes of `diagnostics` whose applicability is at least `Safe`
/// (or any applicability when `include_unsafe`). A fix is taken whole or not at
/// all: when one of its edits overlaps an edit already taken, the fix is skipped
/// and is picked up by the next run. Returns the new text and the number of fixes applied.
pub fn apply_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
    include_unsafe: bool,
) -> (String, usize) {
    let mut taken: Vec<Edit> = Vec::new();
    let mut fixes = 0;
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.applicability != Applicability::Safe && !include_unsafe {
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.range.start < t.range.end && t.range.start < e.range.end
                    || (e.range.start == t.range.start)
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().cloned());
        fixes += 1;
    }
    let (out, _) = apply_edits(text, &taken);
    (out, fixes)
}

/// Makes fix edits fit the text: inserted line breaks follow its line endings
/// (CRLF stays CRLF), and nothing is inserted before a BOM.
pub(crate) fn adapt_to_text(text: &str, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    let crlf = text
        .find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r');
    let bom = bom_len(text);
    let mut adapted = diagnostics.to_vec();
    for edit in adapted
        .iter_mut()
        .filter_map(|d| d.fix.as_mut())
        .flat_map(|f| f.edits.iter_mut())
    {
        if crlf && edit.replacement.contains('\n') {
            edit.replacement = edit.replacement.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        if edit.range.start < bom {
            edit.range.start = bom;
            edit.range.end = edit.range.end.max(bom);
        }
    }
    adapted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_skip_overlaps_and_bad_boundaries() {
        let text = "Åtta patienter och elever";
        let p = text.find("patienter").unwrap();
        let edits = vec![
            Edit::insert(text.len(), "."),
            Edit::replace(p..p + 9, "patienter (kvinnor och män)"),
            Edit::replace(p + 2..p + 4, "X"), // overlaps
            Edit::replace(1..2, "Y"),         // inside Å
        ];
        let (out, n) = apply_edits(text, &edits);
        assert_eq!(out, "Åtta patienter (kvinnor och män) och elever.");
        assert_eq!(n, 2);
    }
}
