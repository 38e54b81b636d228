//! `arendelint.toml` discovery, `--config`, include/exclude and config errors.

use crate::cli_support::{only_rules, Workspace, SIMHALL};

#[test]
fn the_nearest_configuration_applies_to_each_file() {
    let ws = Workspace::new();
    ws.write("arendelint.toml", "[rules]\nJAM001 = \"off\"\n");
    ws.write("a.md", SIMHALL);
    ws.write("nämnd/arendelint.toml", "[rules]\nJAM004 = \"off\"\n");
    ws.write("nämnd/djup/b.md", SIMHALL);
    let run = ws.run(&["check", "--format", "json"]);
    // Nearest wins, without merging: nämnd/ has JAM001 on again.
    assert_eq!(
        run.json_findings(),
        ["a.md:JAM004", "nämnd/djup/b.md:JAM001"]
    );
}

#[test]
fn discovery_walks_up_from_the_file_not_the_working_folder() {
    let ws = Workspace::new();
    ws.write("ärenden/arendelint.toml", "[rules]\nJAM001 = \"off\"\n");
    ws.write("ärenden/a.md", SIMHALL);
    let run = ws.run(&["check", "--format", "json", "ärenden/a.md"]);
    assert_eq!(run.json_findings(), ["ärenden/a.md:JAM004"]);
}

#[test]
fn explicit_config_replaces_discovery() {
    let ws = Workspace::new();
    ws.write("arendelint.toml", "[rules]\nJAM001 = \"off\"\n");
    ws.write("sub/a.md", SIMHALL);
    ws.write("strikt.toml", "[rules]\nJAM004 = \"error\"\n");
    let run = ws.run(&[
        "check",
        "--format",
        "json",
        "--config",
        "strikt.toml",
        "sub",
    ]);
    let severities: Vec<String> = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}={}",
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(severities, ["JAM001=error", "JAM004=error"]);
}

#[test]
fn unknown_key_is_one_error_line_with_file_and_line_and_others_are_checked() {
    let ws = Workspace::new();
    ws.write(
        "trasig/arendelint.toml",
        "lang = \"sv\"\n\nfarg = \"röd\"\n",
    );
    ws.write("trasig/a.md", SIMHALL);
    ws.write("trasig/b.md", SIMHALL);
    ws.write("hel/c.md", SIMHALL);
    let run = ws.run(&["check", "--format", "json", "."]);
    assert_eq!(run.code, 2);
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0]
            .starts_with("arendelint: fel: trasig/arendelint.toml:3:1: ogiltig konfiguration: "),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("`farg`"), "names the key: {}", lines[0]);
    assert_eq!(run.json_findings(), ["hel/c.md:JAM001", "hel/c.md:JAM004"]);
}

#[test]
fn bad_explicit_config_is_an_error() {
    let ws = Workspace::new();
    ws.write("a.md", SIMHALL);
    let run = ws.run(&["check", "--config", "saknas.toml", "a.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr_lines().len(), 1);
    assert!(
        run.stderr
            .starts_with("arendelint: fel: saknas.toml: ogiltig konfiguration: "),
        "{}",
        run.stderr
    );

    ws.write("fel.toml", "[rules]\nJAM003 = \"högt\"\n");
    let run = ws.run(&["check", "--config", "fel.toml", "a.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("arendelint: fel: fel.toml:2:10: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("högt"));
}

#[test]
fn include_and_exclude_are_relative_to_the_config_folder() {
    let ws = Workspace::new();
    ws.write(
        "region/arendelint.toml",
        "include = [\"ärenden/**/*.md\", \"*.md\"]\nexclude = [\"ärenden/arkiv\", \"utkast-*.md\"]\n",
    );
    ws.write("region/topp.md", SIMHALL);
    ws.write("region/utkast-1.md", SIMHALL);
    ws.write("region/ärenden/2024/a.md", SIMHALL);
    ws.write("region/ärenden/2024/b.txt", SIMHALL);
    ws.write("region/ärenden/arkiv/gammal.md", SIMHALL);
    ws.write("region/bilagor/c.md", SIMHALL);
    let run = ws.run(&["check", "--format", "json", "region"]);
    let files: Vec<String> = run
        .json_findings()
        .into_iter()
        .filter(|f| f.ends_with("JAM004"))
        .collect();
    assert_eq!(
        files,
        ["region/topp.md:JAM004", "region/ärenden/2024/a.md:JAM004"]
    );

    // A file named on the command line is always checked.
    let run = ws.run(&[
        "check",
        "--format",
        "json",
        "region/ärenden/arkiv/gammal.md",
    ]);
    assert_eq!(
        run.json_findings(),
        [
            "region/ärenden/arkiv/gammal.md:JAM001",
            "region/ärenden/arkiv/gammal.md:JAM004"
        ]
    );
}

#[test]
fn config_lang_sets_messages_and_cli_strings() {
    let ws = Workspace::new();
    ws.write("arendelint.toml", "lang = \"en\"\n");
    ws.write("a.md", SIMHALL);
    let run = ws.run(&["check", "a.md"]);
    assert!(run.stdout.contains("warning[JAM004]"), "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("1 error, 1 warning, 0 info in 1 file.\n"),
        "{}",
        run.stdout
    );
    let sv = ws.run(&["check", "--lang", "sv", "a.md"]);
    assert!(
        sv.stdout.contains("varning[JAM004]"),
        "--lang wins over the config"
    );
}

#[test]
fn severities_from_config_drive_fail_on() {
    let ws = Workspace::new();
    ws.write("a.md", SIMHALL);
    // Only a warning (JAM004).
    ws.write("varning.toml", only_rules(&["JAM004 = \"warning\""]));
    // Only an info (JAM001 lowered).
    ws.write("info.toml", only_rules(&["JAM001 = \"info\""]));
    let code = |config: &str, fail_on: &str| {
        ws.run(&["check", "--config", config, "--fail-on", fail_on, "a.md"])
            .code
    };
    assert_eq!(code("varning.toml", "error"), 0);
    assert_eq!(code("varning.toml", "warning"), 1);
    assert_eq!(code("varning.toml", "info"), 1);
    assert_eq!(code("varning.toml", "never"), 0);
    assert_eq!(code("info.toml", "warning"), 0);
    assert_eq!(code("info.toml", "info"), 1);
    // Default --fail-on is warning; JAM001 is an error by default.
    assert_eq!(ws.run(&["check", "a.md"]).code, 1);
    assert_eq!(ws.run(&["check", "--fail-on", "error", "a.md"]).code, 1);
    assert_eq!(ws.run(&["check", "--config", "info.toml", "a.md"]).code, 0);
}
