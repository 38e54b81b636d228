//! Agenda splitting: an agenda check (Markdown and plain text) never panics;
//! cases are ordered, inside the text, on char boundaries and do not overlap;
//! each case's heading lies in its range; every diagnostic is valid and names
//! one of the cases (suppression problems, ARL001, name none) and lies in it.
#![no_main]

use arendelint_core::SourceKind;
use arendelint_fuzz::{check_agenda_report, check_diagnostics, lint_agenda, linter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [SourceKind::Markdown, SourceKind::PlainText] {
        let report = lint_agenda(linter(), text, kind);
        check_diagnostics(text, &report.diagnostics);
        check_agenda_report(&report);
    }
});
