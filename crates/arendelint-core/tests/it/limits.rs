//! The caps that keep memory bounded by the size of the text: at most
//! `MAX_FINDINGS` span findings per document, then ARL002; at most
//! `MAX_RELATED` related locations per finding.

use crate::common::lint;
use crate::common::Check;
use arendelint_core::{Config, Linter, Rule, SourceKind};

#[test]
fn findings_beyond_the_cap_are_counted_by_arl002() {
    let text = "# Ärende\n\n".to_string() + &"Mottagningen hade 312 patienter.\n\n".repeat(20_000);
    let diags = lint(&text);
    let rules: Vec<Rule> = diags.iter().map(|d| d.rule).collect();
    // JAM001 first (document findings are never capped), 10,000 JAM004, ARL002 last.
    assert_eq!(diags.len(), 10_002);
    assert_eq!(rules[0], Rule::Jam001);
    assert!(rules[1..10_001].iter().all(|&r| r == Rule::Jam004));
    let last = &diags[10_001];
    assert_eq!(last.rule, Rule::Arl002);
    assert_eq!(last.span, 0..0);
    assert_eq!(
        last.message,
        "Dokumentet har fler anmärkningar än arendelint visar: 10001 visas, 10000 till visas inte. Rätta de visade (t.ex. med snabbkorrigeringarna) och kör igen."
    );
    // The findings shown are the first ones in the text.
    let tenth_thousand = &diags[10_000];
    assert_eq!(
        text[..tenth_thousand.span.start].matches('\n').count() + 1,
        3 + 2 * 9_999
    );
}

/// The cap keeps the first findings by position, whichever rule made them:
/// JAM004 runs before JAM003, but a JAM003 finding early in the text is shown
/// and JAM004 findings late in it are not.
#[test]
fn the_cap_keeps_the_first_findings_in_the_text_whatever_their_rule() {
    let mut text = "# Ärende\n\n".to_string();
    for n in 0..6_000 {
        text +=
            &format!("## Avsnitt {n}\n\nPatienterna väntar. Mottagningen hade 312 patienter.\n\n");
    }
    let diags = lint(&text);
    let count = |rule| diags.iter().filter(|d| d.rule == rule).count();
    // JAM001, 5,000 sections' JAM003 and JAM004, ARL002.
    assert_eq!((count(Rule::Jam003), count(Rule::Jam004)), (5_000, 5_000));
    assert_eq!(diags.len(), 10_002);
    let last_shown = &diags[10_000];
    assert_eq!(last_shown.rule, Rule::Jam004);
    assert!(text[last_shown.span.start..].starts_with("312 patienter.\n\n## Avsnitt 5000\n"));
    assert!(
        diags[10_001]
            .message
            .contains("10001 visas, 2000 till visas inte"),
        "{}",
        diags[10_001].message
    );
}

#[test]
fn under_the_cap_there_is_no_arl002_and_arl002_can_be_turned_off() {
    let text = "# Ärende\n\n".to_string() + &"Mottagningen hade 312 patienter.\n\n".repeat(10_000);
    assert!(lint(&text).iter().all(|d| d.rule != Rule::Arl002));
    let more = text.clone() + "Mottagningen hade 312 patienter.\n";
    assert_eq!(lint(&more).last().map(|d| d.rule), Some(Rule::Arl002));
    let config = Config::from_toml_str("[rules]\nARL002 = \"off\"\n", "a.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    let linter = Linter::new(&config).unwrap_or_else(|e| panic!("{e}"));
    let diags = linter.lint(&more, SourceKind::Markdown);
    assert_eq!(diags.len(), 10_001);
    assert!(diags.iter().all(|d| d.rule != Rule::Arl002));
}

#[test]
fn related_locations_are_capped_but_counted_in_the_message() {
    let text = "# Ärende\n\n## Bakgrund\n\n".to_string() + &"Patienterna väntar. ".repeat(5_000);
    let diags = lint(&text);
    let jam003: Vec<_> = diags.iter().filter(|d| d.rule == Rule::Jam003).collect();
    assert_eq!(jam003.len(), 1);
    assert_eq!(jam003[0].related.len(), 1_000);
    assert!(
        jam003[0]
            .message
            .contains("Gruppen nämns 4999 gånger till i avsnittet"),
        "{}",
        jam003[0].message
    );
}

#[test]
fn suppressed_findings_do_not_use_up_the_cap() {
    let noisy = "<!-- arendelint-disable JAM004 -->\n\n".to_string()
        + &"Mottagningen hade 312 patienter.\n\n".repeat(12_000)
        + "<!-- arendelint-enable JAM004 -->\n\n";
    let text = format!("# Ärende\n\n{noisy}Badet hade 4 500 besökare.\n");
    let diags = lint(&text);
    let rules: Vec<&str> = diags.iter().map(|d| d.rule.code()).collect();
    assert_eq!(rules, ["JAM001", "JAM004"]);
}
