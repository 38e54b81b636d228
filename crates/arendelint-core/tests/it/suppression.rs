//! Suppression comments (contract §3) and ARL001.

use crate::common::{case, describe, lint, lint_with};
use arendelint_core::{Config, Rule, SourceKind};

#[test]
fn next_line_region_and_file() {
    let text = case(
        "<!-- arendelint-disable-next-line JAM003 -->\nPatienterna väntar.\n\nEleverna väntar.",
    );
    assert_eq!(describe(&text, &lint(&text)), ["JAM003 Eleverna"]);

    let text = case("<!-- arendelint-disable-next-line -->\n\nPatienterna har 312 besökare.\n\nEleverna väntar.");
    assert_eq!(describe(&text, &lint(&text)), ["JAM003 Eleverna"]);

    let text = case("<!-- arendelint-disable JAM003 -->\n\nPatienterna väntar.\n\nEleverna väntar.\n\n<!-- arendelint-enable JAM003 -->\n\nBarnen väntar.");
    assert_eq!(describe(&text, &lint(&text)), ["JAM003 Barnen"]);

    let text = "<!-- arendelint-disable-file JAM001 JAM003 -->\n# Ärende\n\nPatienterna hade 4 besökare.\n";
    assert_eq!(describe(text, &lint(text)), ["JAM004 4 besökare"]);

    let text = "<!-- arendelint-disable-file -->\n# Ärende\n\nPatienterna.\n";
    assert!(lint(text).is_empty());
}

#[test]
fn unknown_ids_are_reported() {
    let text = case("<!-- arendelint-disable-next-line JAM999, JAM003 -->\nPatienterna väntar.");
    let diags = lint(&text);
    assert_eq!(describe(&text, &diags), ["ARL001 JAM999"]);
    assert!(diags[0].message.contains("JAM999"), "{}", diags[0].message);
}

#[test]
fn suppressing_jam004_never_makes_jam003_fire() {
    let text =
        case("<!-- arendelint-disable-next-line JAM004 -->\nMottagningen hade 312 patienter.");
    assert!(
        lint(&text).is_empty(),
        "{:?}",
        describe(&text, &lint(&text))
    );
    let mut config = Config::default();
    config.set_severity(Rule::Jam004, None);
    let text = case("Mottagningen hade 312 patienter.");
    assert!(lint_with(&text, SourceKind::Markdown, &config).is_empty());
}

#[test]
fn comments_in_code_are_not_directives() {
    let text = case("```\n<!-- arendelint-disable-file -->\n```\n\nPatienterna väntar.");
    assert_eq!(describe(&text, &lint(&text)), ["JAM003 Patienterna"]);
}

#[test]
fn plain_text_comment_lines_work_too() {
    let text = "Ärende\n\nBakgrund\n\n<!-- arendelint-disable-next-line JAM003 -->\nPatienterna väntar på svar.\nEleverna också, skriver förvaltningen.\n\nJämställdhet\n\nEj aktuellt eftersom ärendet är tekniskt.\n";
    let diags = lint_with(text, SourceKind::PlainText, &Config::default());
    assert_eq!(describe(text, &diags), ["JAM003 Eleverna"]);
}

/// Found by fuzzing (fuzz/REPORT.md): ids after a multi-byte white space (a
/// no-break space) got spans one byte off per such space, splitting a character.
#[test]
fn unknown_ids_after_a_no_break_space_have_exact_spans() {
    let text = case(
        "<!-- arendelint-disable-next-line JAM999\u{a0}500,\u{3000}ÄB1 -->\nPatienterna väntar.",
    );
    let diags = lint(&text);
    let arl: Vec<String> = describe(&text, &diags)
        .into_iter()
        .filter(|d| d.starts_with("ARL001"))
        .collect();
    assert_eq!(arl, ["ARL001 JAM999", "ARL001 500", "ARL001 ÄB1"]);
}
