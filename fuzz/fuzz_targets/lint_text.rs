//! Text lint: arbitrary bytes, linted as Markdown and as plain text when UTF-8.
//!
//! Invariants: spans, related spans and fix edits inside the text on char
//! boundaries; line/column ⇄ offset round trips in chars, UTF-16 and UTF-8
//! units (also on lines longer than the index's checkpoint stride); safe fixes
//! settle their findings and repeated fixing settles within a few rounds; the
//! section-by-section check of Markdown gives the findings of a whole check.
#![no_main]

use arendelint_core::text::LineIndex;
use arendelint_core::SourceKind;
use arendelint_fuzz::{
    check_diagnostics, check_fixes, check_line_index, lint, linter, sample_offsets,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let linter = linter();
    let index = LineIndex::new(text);
    for kind in [SourceKind::Markdown, SourceKind::PlainText] {
        let diags = lint(linter, text, kind);
        check_diagnostics(text, &diags);
        if kind == SourceKind::Markdown {
            // Large documents are checked section by section: the same findings.
            if let Some(by_sections) = linter.check_by_sections(text) {
                assert_eq!(by_sections, diags, "section-by-section check differs");
            }
        }
        check_line_index(text, &index, sample_offsets(text, &diags, 12));
        check_fixes(linter, text, kind, &diags);
    }
    // A long line: the index keeps column checkpoints every 4 KiB. Checking
    // one costs scans of a 9 kB line, so only every eighth input length does.
    if !text.is_empty() && text.len() < 2048 && text.len() % 8 == 0 {
        let line: String = text.replace(['\n', '\r'], " ");
        let long = format!("{}\r\n{}", line.repeat(9000 / line.len().max(1) + 1), text);
        let index = LineIndex::new(&long);
        // Around the first checkpoints (every 4096 bytes) and a few more.
        let around = [4095, 4096, 4097, 4100, 8191, 8192, 8200];
        let offsets = around
            .into_iter()
            .chain(sample_offsets(&long, &[], 4))
            .filter(|&o| o <= long.len() && long.is_char_boundary(o));
        check_line_index(&long, &index, offsets);
    }
});
