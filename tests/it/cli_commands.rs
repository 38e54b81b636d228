//! `arendelint explain`, `rules`, `--help` and usage errors.

use crate::cli_support::Workspace;

#[test]
fn explain_prints_the_rule_explanation() {
    let ws = Workspace::new();
    for given in ["JAM003", "jam003", "ungendered-target-group"] {
        let run = ws.run(&["explain", given]);
        assert_eq!(run.code, 0, "{given}: {run:?}");
        assert!(run.stdout.contains("JAM003"), "{given}: {}", run.stdout);
        assert_eq!(run.stderr, "");
    }
    let sv = ws.run(&["explain", "JAM004"]);
    let en = ws.run(&["explain", "--lang", "en", "JAM004"]);
    assert_eq!(en.code, 0);
    assert_ne!(sv.stdout, en.stdout, "English differs from Swedish");
}

#[test]
fn explain_unknown_rule_lists_the_valid_ones() {
    let ws = Workspace::new();
    let run = ws.run(&["explain", "JAM099"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "arendelint: fel: okänd regel `JAM099`; giltiga regler: JAM001, JAM002, JAM003, JAM004, JAM005, JAM006, JAM007, ARL001, ARL002\n"
    );
}

#[test]
fn rules_table_in_both_languages() {
    let ws = Workspace::new();
    let sv = ws.run(&["rules"]);
    assert_eq!(sv.code, 0);
    insta::assert_snapshot!("rules_sv", sv.stdout);
    let en = ws.run(&["rules", "--lang", "en"]);
    insta::assert_snapshot!("rules_en", en.stdout);
}

#[test]
fn rules_show_the_effective_severity_under_the_config() {
    let ws = Workspace::new();
    ws.write(
        "arendelint.toml",
        "[rules]\nJAM007 = \"info\"\nJAM003 = \"off\"\n",
    );
    let run = ws.run(&["rules", "--format", "json"]);
    assert_eq!(run.code, 0);
    let rules = run.json();
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), 9);
    let find = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(
        find("JAM007"),
        serde_json::json!({"id": "JAM007", "name": "sex-without-other-factors", "level": "section",
                           "default_severity": "off", "severity": "info"})
    );
    assert_eq!(find("JAM003")["severity"], "off");
    assert_eq!(find("JAM003")["default_severity"], "warning");
    assert_eq!(find("JAM001")["severity"], "error");

    let table = ws.run(&["rules"]);
    let jam007 = table
        .stdout
        .lines()
        .find(|l| l.starts_with("JAM007"))
        .unwrap();
    assert!(jam007.ends_with("av        info"), "{jam007}");
}

#[test]
fn rules_with_a_broken_config_is_an_error() {
    let ws = Workspace::new();
    ws.write("arendelint.toml", "[rules]\nJAM999 = \"off\"\n");
    let run = ws.run(&["rules"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("arendelint: fel: arendelint.toml:2:1: "),
        "{}",
        run.stderr
    );
}

#[test]
fn help_documents_every_option() {
    let ws = Workspace::new();
    let run = ws.run(&["check", "--help"]);
    assert_eq!(run.code, 0);
    for option in [
        "--format",
        "--lang",
        "--fail-on",
        "--config",
        "--stdin",
        "--stdin-filename",
        "--quiet",
        "--no-color",
        "human",
        "json",
        "never",
    ] {
        assert!(run.stdout.contains(option), "check --help lacks {option}");
    }
    let top = ws.run(&["--help"]);
    for command in ["check", "explain", "rules", "lsp"] {
        assert!(top.stdout.contains(command), "--help lacks {command}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let ws = Workspace::new();
    assert_eq!(ws.run(&[]).code, 2);
    assert_eq!(ws.run(&["check", "--format", "xml"]).code, 2);
    assert_eq!(ws.run(&["check", "--fail-on", "sometimes"]).code, 2);
    assert_eq!(ws.run(&["check", "--lang", "de"]).code, 2);
    assert_eq!(ws.run(&["kontrollera"]).code, 2);
}

#[test]
fn stats_count_findings_and_related_mentions_per_rule() {
    let ws = Workspace::new();
    ws.write(
        "a.md",
        "# Ärende\n\n## Bakgrund\n\nEleverna väntar. Eleverna klagar. Alla elever svarar.\n\nBadet hade 4 500 besökare.\n",
    );
    let run = ws.run(&["check", "--stats", "--quiet", "a.md"]);
    let stats: Vec<&str> = run.stdout.lines().rev().take(5).collect();
    assert_eq!(
        stats.into_iter().rev().collect::<Vec<_>>(),
        [
            "regel   namn                             fynd relaterade",
            "JAM001  missing-gender-section              1          –",
            "JAM003  ungendered-target-group             1          2",
            "JAM004  non-disaggregated-statistics        1          –",
            "1 ärende, 1 målgrupp utan kön (3 omnämnanden)",
        ]
    );
    // With a machine format the statistics go to stderr; stdout stays JSON.
    let run = ws.run(&[
        "--lang", "en", "check", "--stats", "--format", "json", "a.md",
    ]);
    assert!(serde_json::from_str::<serde_json::Value>(&run.stdout).is_ok());
    assert_eq!(
        run.stderr.lines().last(),
        Some("1 case, 1 target group not gendered (3 mentions)")
    );
}

#[test]
fn explain_jam003_states_the_group_rule() {
    let ws = Workspace::new();
    let sv = ws.run(&["explain", "JAM003"]);
    assert!(
        sv.stdout
            .contains("Det första omnämnandet i ett avsnitt räcker när det\nanger kön."),
        "{}",
        sv.stdout
    );
    let en = ws.run(&["--lang", "en", "explain", "JAM003"]);
    assert!(
        en.stdout
            .contains("The first mention in a section is enough once it names\nthe sexes."),
        "{}",
        en.stdout
    );
}
