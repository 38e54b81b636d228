//! Exact human and JSON output of `arendelint check` (insta snapshots).
//!
//! The snapshots hold rule messages from the engine: when those change on purpose,
//! re-accept with `INSTA_UPDATE=always cargo test --test cli_output` and review
//! `git diff tests/snapshots/`.

use crate::cli_support::{Workspace, SIMHALL};

#[test]
fn human_output_in_swedish() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let run = ws.run(&["check", "simhall.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn human_output_in_english() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let run = ws.run(&["check", "--lang", "en", "simhall.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_output() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let run = ws.run(&["check", "--format", "json", "simhall.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_has_the_contract_shape() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let run = ws.run(&["check", "--format", "json", "./simhall.md"]);
    let json = run.json();
    assert_eq!(json["version"], 1);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    // Fields come in the contract's order (read from the raw text: serde_json's
    // map is sorted).
    let first = &run.stdout[run.stdout.find("\"path\"").unwrap()..];
    let positions: Vec<usize> = [
        "path",
        "rule",
        "name",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "case",
        "fix",
    ]
    .iter()
    .map(|key| first.find(&format!("\"{key}\":")).unwrap())
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");

    // JAM001: document level, at 1:1, with the section skeleton as a fix.
    let jam001 = &diagnostics[0];
    assert_eq!(jam001["path"], "simhall.md", "a leading ./ is stripped");
    assert_eq!(jam001["rule"], "JAM001");
    assert_eq!(jam001["name"], "missing-gender-section");
    assert_eq!(jam001["severity"], "error");
    assert_eq!(
        (jam001["line"].as_u64(), jam001["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(jam001["case"].is_null());
    let edit = &jam001["fix"]["edits"][0];
    assert!(edit["replacement"]
        .as_str()
        .unwrap()
        .contains("ämställdhet"));

    // JAM004 on the count "4 500 besökare": bytes and char columns agree.
    let jam004 = &diagnostics[1];
    assert_eq!(jam004["rule"], "JAM004");
    let start = SIMHALL.find("4 500").unwrap();
    let end = start + "4 500 besökare".len();
    assert_eq!(jam004["byte_start"].as_u64(), Some(start as u64));
    assert_eq!(jam004["byte_end"].as_u64(), Some(end as u64));
    assert_eq!(jam004["line"], 5);
    assert_eq!(jam004["column"], 16);
    assert_eq!(jam004["end_line"], 5);
    assert_eq!(jam004["end_column"], 16 + "4 500 besökare".chars().count());
    assert!(
        jam004.get("fix").is_none(),
        "fix is omitted when there is none"
    );

    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 1, "cases": 1, "errors": 1, "warnings": 1, "infos": 0})
    );
}

/// A BOM, CRLF line ends, a tab and å/ä/ö before the span: columns count
/// characters (the BOM is one, as in the core's LineIndex), byte offsets count
/// bytes, and the human underline sits under the span.
#[test]
fn columns_with_bom_crlf_tab_and_swedish_letters() {
    let text = "\u{feff}# Åtgärder för simhallen\r\n\r\n## Bakgrund\r\n\r\nÖppettiderna ändrades\tnär 4 500 besökare kom.\r\n";
    let ws = Workspace::new();
    ws.write("å.md", text);
    ws.write(
        "only.toml",
        crate::cli_support::only_rules(&["JAM004 = \"warning\""]),
    );
    let run = ws.run(&["check", "--format", "json", "--config", "only.toml", "å.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    let json = run.json();
    let d = &json["diagnostics"][0];
    assert_eq!(d["path"], "å.md");
    assert_eq!(d["rule"], "JAM004");
    let start = text.find("4 500").unwrap();
    assert_eq!(d["byte_start"].as_u64(), Some(start as u64));
    assert_eq!(
        d["byte_end"].as_u64(),
        Some((start + "4 500 besökare".len()) as u64)
    );
    let prefix = "Öppettiderna ändrades\tnär ";
    assert_eq!(d["line"], 5);
    assert_eq!(d["column"], prefix.chars().count() + 1);
    assert_eq!(
        d["end_column"],
        prefix.chars().count() + 1 + "4 500 besökare".chars().count()
    );

    let human = ws.run(&["check", "--config", "only.toml", "å.md"]);
    let lines: Vec<&str> = human.stdout.lines().collect();
    assert_eq!(
        lines[0].split(": ").next(),
        Some(format!("å.md:5:{}", prefix.chars().count() + 1).as_str())
    );
    assert!(
        !human.stdout.contains('\r'),
        "no CR in the rendered source line"
    );
    let source = lines
        .iter()
        .find(|l| l.starts_with("5 | "))
        .expect("source line");
    let carets = lines.iter().find(|l| l.contains('^')).expect("underline");
    // The tab is shown as four spaces; the carets sit under "4 500 besökare".
    assert_eq!(
        *source,
        "5 | Öppettiderna ändrades    när 4 500 besökare kom."
    );
    let caret_start = carets.chars().position(|c| c == '^').unwrap();
    let caret_len = carets.chars().filter(|&c| c == '^').count();
    let marked: String = source.chars().skip(caret_start).take(caret_len).collect();
    assert_eq!(marked, "4 500 besökare");
}

#[test]
fn quiet_leaves_out_the_summary() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let loud = ws.run(&["check", "simhall.md"]);
    let quiet = ws.run(&["check", "--quiet", "simhall.md"]);
    assert!(
        loud.stdout
            .trim_end()
            .ends_with("1 fel, 1 varning, 0 info i 1 fil."),
        "{}",
        loud.stdout
    );
    assert_eq!(quiet.code, 1);
    assert!(!quiet.stdout.contains("i 1 fil"));
    assert!(quiet.stdout.contains("JAM004"));
}

#[test]
fn summary_counts_in_both_languages() {
    let ws = Workspace::new();
    ws.write("a.md", SIMHALL);
    ws.write("b.md", SIMHALL);
    let sv = ws.run(&["check", "."]);
    assert!(
        sv.stdout
            .ends_with("2 fel, 2 varningar, 0 info i 2 filer.\n"),
        "{}",
        sv.stdout
    );
    let en = ws.run(&["check", "--lang", "en", "."]);
    assert!(
        en.stdout
            .ends_with("2 errors, 2 warnings, 0 info in 2 files.\n"),
        "{}",
        en.stdout
    );
}

#[test]
fn clean_run_says_so() {
    let ws = Workspace::new();
    ws.write("a.md", SIMHALL);
    ws.write("arendelint.toml", crate::cli_support::only_rules(&[]));
    let run = ws.run(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "Inga anmärkningar i 1 fil.\n");
    let run = ws.run(&["check", "--lang", "en"]);
    assert_eq!(run.stdout, "No findings in 1 file.\n");
}

#[test]
fn colour_only_when_asked_for_or_on_a_terminal() {
    let ws = Workspace::new();
    ws.write("a.md", SIMHALL);
    let piped = ws.run(&["check", "a.md"]);
    assert!(!piped.stdout.contains('\u{1b}'), "no colour when piped");
    let forced = ws.run_env(&["check", "a.md"], &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.stdout.contains('\u{1b}'), "CLICOLOR_FORCE colours");
    let no_color = ws.run_env(&["check", "--no-color", "a.md"], &[("CLICOLOR_FORCE", "1")]);
    assert!(!no_color.stdout.contains('\u{1b}'), "--no-color wins");
    let env_no_color = ws.run_env(&["check", "a.md"], &[("NO_COLOR", "1")]);
    assert!(!env_no_color.stdout.contains('\u{1b}'));
    let json = ws.run_env(
        &["check", "--format", "json", "a.md"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!json.stdout.contains('\u{1b}'), "JSON is never coloured");
}

#[test]
fn output_is_sorted_by_path_then_position() {
    let ws = Workspace::new();
    for name in ["c.md", "a.md", "sub/b.md", "b.txt", "sub/a.md"] {
        ws.write(name, SIMHALL);
    }
    let run = ws.run(&["check", "--format", "json", "."]);
    assert_eq!(
        run.json_findings(),
        [
            "a.md:JAM001",
            "a.md:JAM004",
            "b.txt:JAM001",
            "b.txt:JAM004",
            "c.md:JAM001",
            "c.md:JAM004",
            "sub/a.md:JAM001",
            "sub/a.md:JAM004",
            "sub/b.md:JAM001",
            "sub/b.md:JAM004",
        ]
    );
}
