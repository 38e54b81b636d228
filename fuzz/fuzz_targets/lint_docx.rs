//! `.docx`: a `.docx` check, as one document and as an agenda, never panics on any bytes, and
//! their spans index the extracted text. The first byte picks how the rest is
//! used, so that most executions reach the XML and the rules, not only the zip
//! reader:
//!
//! - 0: the bytes are the file;
//! - 1: the bytes are `word/document.xml` (and, after a NUL, `word/styles.xml`)
//!   of a package written with the core's test generator;
//! - 2: the bytes are Markdown, turned into Word paragraphs, headings, lists and
//!   tables by the generator's `from_markdown`.
#![no_main]

#[allow(dead_code, clippy::all)]
#[path = "../../crates/arendelint-core/tests/docx_support/mod.rs"]
mod docx_support;

use arendelint_core::{Input, Mode, SourceKind};
use arendelint_fuzz::{check_agenda_report, check_diagnostics, linter};
use libfuzzer_sys::fuzz_target;

fn package(data: &[u8]) -> Option<Vec<u8>> {
    let (&mode, rest) = data.split_first()?;
    Some(match mode % 3 {
        0 => rest.to_vec(),
        1 => {
            let mut parts = rest.splitn(2, |&b| b == 0);
            let document = parts.next().unwrap_or_default();
            let mut entries: Vec<(String, Vec<u8>)> = docx_support::Docx::new()
                .entries()
                .into_iter()
                .filter(|(name, _)| name != "word/document.xml")
                .collect();
            entries.push(("word/document.xml".to_string(), document.to_vec()));
            if let Some(styles) = parts.next() {
                entries.retain(|(name, _)| name != "word/styles.xml");
                entries.push(("word/styles.xml".to_string(), styles.to_vec()));
            }
            docx_support::zip_entries(&entries)
        }
        _ => {
            let md = std::str::from_utf8(rest).ok()?;
            docx_support::from_markdown(md).to_bytes()
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = package(data) else {
        return;
    };
    let linter = linter();
    let input = Input::bytes(&bytes, SourceKind::Docx);
    if let Ok(report) = linter.check(&input) {
        check_diagnostics(&report.text, &report.diagnostics);
        assert!(
            report.diagnostics.iter().all(|d| d.fix.is_none()),
            "a .docx finding with a fix"
        );
    }
    if let Ok(report) = linter.check(&input.with_mode(Mode::Agenda)) {
        check_diagnostics(&report.text, &report.diagnostics);
        check_agenda_report(&report);
    }
});
