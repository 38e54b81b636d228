//! `Linter::fix`: the one fix loop that `check --fix`, `--diff` and the
//! language server's fix-all share.

use arendelint_core::error::CheckError;
use arendelint_core::{Input, Linter, Rule, SourceKind};

fn linter() -> &'static Linter {
    crate::common::default_linter()
}

const CASE: &str = "\u{feff}# Simhall\r\n\r\nPatienterna och eleverna väntar.\r\n";

#[test]
fn fixes_every_safe_finding_and_keeps_bom_and_crlf() {
    let fixed = linter()
        .fix(&Input::text(CASE, SourceKind::Markdown), false)
        .expect("text is fixable")
        .expect("something to fix");
    assert_eq!(fixed.applied, 2);
    assert_eq!(
        fixed.report.text,
        "\u{feff}# Simhall\r\n\r\nPatienterna (kvinnor och män) och eleverna (flickor och pojkar) väntar.\r\n"
    );
    let left: Vec<Rule> = fixed.report.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(left, [Rule::Jam001]);
    // A second run changes nothing.
    let again = linter()
        .fix(
            &Input::text(&fixed.report.text, SourceKind::Markdown),
            false,
        )
        .expect("fixable");
    assert!(again.is_none());
}

#[test]
fn unsafe_fixes_insert_the_skeleton_with_the_texts_line_endings() {
    let fixed = linter()
        .fix(&Input::text(CASE, SourceKind::Markdown), true)
        .expect("fixable")
        .expect("something to fix");
    let text = &fixed.report.text;
    assert!(fixed.applied >= 3, "the JAM001 skeleton too: {text:?}");
    assert!(
        text.contains("\r\n## Konsekvenser för jämställdhet\r\n"),
        "{text:?}"
    );
    assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
}

#[test]
fn word_and_pdf_files_are_never_fixed() {
    for kind in [SourceKind::Docx, SourceKind::Pdf] {
        assert_eq!(
            linter().fix(&Input::bytes(b"x", kind), false),
            Err(CheckError::NotFixable)
        );
    }
}

#[test]
fn nothing_to_fix_is_none() {
    let text = "# Ärende\n\n## Konsekvenser för jämställdhet\n\nKvinnor och män berörs lika.\n";
    assert_eq!(
        linter().fix(&Input::text(text, SourceKind::Markdown), false),
        Ok(None)
    );
}
