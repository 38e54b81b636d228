//! `--write-baseline` and `--baseline`: only findings absent from the baseline fail.

use crate::cli_support::Workspace;

const CASE: &str =
    "# Simhall\n\n## Bakgrund\n\nPatienterna väntar. Simhallen hade 4 500 besökare.\n";

#[test]
fn accepted_findings_pass_and_new_ones_fail() {
    let ws = Workspace::new();
    let path = ws.write("docs/a.md", CASE);

    let written = ws.run(&["check", "--write-baseline", "baseline.json", "docs"]);
    assert_eq!(written.code, 0, "{written:?}");
    assert_eq!(
        written.stderr,
        "Skrev 3 anmärkningar till baslinjen baseline.json.\n"
    );
    let baseline: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.path().join("baseline.json")).unwrap_or_default())
            .unwrap_or_default();
    assert_eq!(baseline["version"], 1);
    assert_eq!(baseline["findings"][0]["path"], "docs/a.md");
    assert_eq!(baseline["findings"][0]["rule"], "JAM001");

    let clean = ws.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        "docs",
    ]);
    assert_eq!(clean.code, 0, "{clean:?}");
    assert!(clean.json_findings().is_empty());
    assert_eq!(
        clean.stderr,
        "3 kända anmärkningar i baslinjen visas inte.\n"
    );

    // Inserted paragraphs move every finding; none becomes new.
    let moved = CASE.replace(
        "## Bakgrund\n",
        "## Bakgrund\n\nNämnden beslutade i mars.\n\nEtt stycke till.\n",
    );
    std::fs::write(&path, moved.as_bytes()).ok();
    let still = ws.run(&["check", "--baseline", "baseline.json", "docs"]);
    assert_eq!(still.code, 0, "{still:?}");

    // A new finding fails, and only it is reported.
    let grown = format!("{moved}\nEleverna badar.\n");
    std::fs::write(&path, grown.as_bytes()).ok();
    let new = ws.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        "docs",
    ]);
    assert_eq!(new.code, 1, "{new:?}");
    assert_eq!(new.json_findings(), ["docs/a.md:JAM003"]);
    let message = new.json()["diagnostics"][0]["message"].clone();
    assert!(
        message.as_str().is_some_and(|m| m.contains("Eleverna")),
        "{message}"
    );
}

#[test]
fn a_second_copy_of_an_accepted_finding_is_new() {
    let ws = Workspace::new();
    let path = ws.write("a.md", CASE);
    ws.run(&["check", "--write-baseline", "b.json", "a.md"]);
    // In a section of its own: in the same section it would be a related
    // location of the accepted finding, not a finding.
    std::fs::write(&path, format!("{CASE}\n## Mer\n\nPatienterna väntar.\n")).ok();
    let run = ws.run(&["check", "--baseline", "b.json", "--format", "json", "a.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.json_findings(), ["a.md:JAM003"]);
}

#[test]
fn a_fixed_finding_simply_disappears() {
    let ws = Workspace::new();
    let path = ws.write("a.md", CASE);
    ws.run(&["check", "--write-baseline", "b.json", "a.md"]);
    std::fs::write(
        &path,
        CASE.replace("Patienterna väntar", "Kvinnor och män väntar"),
    )
    .ok();
    let run = ws.run(&["check", "--baseline", "b.json", "a.md"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_missing_or_broken_baseline_is_an_error() {
    let ws = Workspace::new();
    ws.write("a.md", CASE);
    let missing = ws.run(&["check", "--baseline", "saknas.json", "a.md"]);
    assert_eq!(missing.code, 2, "{missing:?}");
    assert!(
        missing
            .stderr
            .contains("saknas.json: filen eller mappen finns inte"),
        "{missing:?}"
    );
    ws.write("trasig.json", "{\"version\": 7}");
    let broken = ws.run(&["check", "--lang", "en", "--baseline", "trasig.json", "a.md"]);
    assert_eq!(broken.code, 2, "{broken:?}");
    assert!(
        broken.stderr.contains("trasig.json: invalid baseline:"),
        "{broken:?}"
    );
}
