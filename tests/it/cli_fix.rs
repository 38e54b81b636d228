//! `check --fix`, `--diff` and `--unsafe-fixes` on real files.
//!
//! Refusing a file that changes while it is fixed is tested where the write
//! happens (`fix_write::tests`): the window is too short to hit from outside.

use crate::cli_support::Workspace;

/// JAM003 twice (safe fixes), JAM004 and JAM001 (unsafe skeleton).
const CASE: &str = "# Simhall\n\n## Bakgrund\n\nPatienterna väntar. Simhallen hade 4 500 besökare. Eleverna badar.\n";

fn rules_of(ws: &Workspace, name: &str) -> Vec<String> {
    let run = ws.run(&["check", "--format", "json", name]);
    run.json()["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| d["rule"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn fix_applies_safe_fixes_and_reports_what_is_left() {
    let ws = Workspace::new();
    let path = ws.write("a.md", CASE);
    assert_eq!(
        rules_of(&ws, "a.md"),
        ["JAM001", "JAM003", "JAM004", "JAM003"]
    );

    let run = ws.run(&["check", "--fix", "--format", "json", "a.md"]);
    assert_eq!(run.code, 1, "JAM001 is left: {run:?}");
    assert_eq!(run.stderr, "Rättade 2 anmärkningar i 1 fil.\n");
    let fixed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        fixed,
        "# Simhall\n\n## Bakgrund\n\nPatienterna (kvinnor och män) väntar. Simhallen hade 4 500 besökare. Eleverna (flickor och pojkar) badar.\n"
    );
    // The report printed by --fix is the fixed file's, and a fresh check agrees.
    assert_eq!(run.json_findings(), ["a.md:JAM001", "a.md:JAM004"]);
    assert_eq!(rules_of(&ws, "a.md"), ["JAM001", "JAM004"]);
}

#[test]
fn second_fix_changes_nothing() {
    let ws = Workspace::new();
    let path = ws.write("a.md", CASE);
    ws.run(&["check", "--fix", "a.md"]);
    let once = std::fs::read(&path).unwrap_or_default();
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let run = ws.run(&["check", "--fix", "--lang", "en", "a.md"]);
    assert_eq!(run.stderr, "Nothing to fix automatically.\n");
    assert_eq!(std::fs::read(&path).unwrap_or_default(), once);
    assert_eq!(
        std::fs::metadata(&path).and_then(|m| m.modified()).ok(),
        modified,
        "the file is not even rewritten"
    );
}

#[test]
fn fix_keeps_bom_and_crlf() {
    let ws = Workspace::new();
    let crlf = format!("\u{feff}{}", CASE.replace('\n', "\r\n"));
    let path = ws.write("a.md", &crlf);
    ws.run(&["check", "--fix", "--unsafe-fixes", "a.md"]);
    let fixed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(fixed.starts_with('\u{feff}'), "{fixed:?}");
    assert!(fixed.contains("Patienterna (kvinnor och män) väntar"));
    assert!(
        fixed.contains("## Konsekvenser för jämställdhet\r\n"),
        "{fixed:?}"
    );
    assert!(
        !fixed.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF: {fixed:?}"
    );
    assert_eq!(fixed.matches('\u{feff}').count(), 1);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let path = ws.write("a.md", CASE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).ok();
    let run = ws.run(&["check", "--fix", "a.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    let mode = std::fs::metadata(&path)
        .map(|m| m.permissions().mode())
        .unwrap_or(0);
    assert_eq!(mode & 0o777, 0o604);
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(leftovers, ["a.md"], "no temporary file is left behind");
}

#[test]
fn unsafe_fixes_add_the_section_skeleton() {
    let ws = Workspace::new();
    ws.write("a.md", CASE);
    ws.run(&["check", "--fix", "--unsafe-fixes", "a.md"]);
    let left = rules_of(&ws, "a.md");
    assert!(!left.contains(&"JAM001".to_string()), "{left:?}");
    assert!(!left.contains(&"JAM003".to_string()), "{left:?}");
}

#[test]
fn diff_prints_the_change_and_writes_nothing() {
    let ws = Workspace::new();
    let path = ws.write("a.md", CASE);
    let run = ws.run(&["check", "--diff", "a.md"]);
    assert_eq!(run.code, 1, "the findings are still in the file: {run:?}");
    assert_eq!(
        run.stdout,
        "--- a/a.md\n+++ b/a.md\n@@ -2,4 +2,4 @@\n \n ## Bakgrund\n \n-Patienterna väntar. Simhallen hade 4 500 besökare. Eleverna badar.\n+Patienterna (kvinnor och män) väntar. Simhallen hade 4 500 besökare. Eleverna (flickor och pojkar) badar.\n"
    );
    assert_eq!(
        run.stderr,
        "--fix skulle rätta 2 anmärkningar i 1 fil; inget skrevs.\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), CASE);
}

#[test]
fn diff_without_fixes_is_empty_and_exit_code_follows_the_findings() {
    let ws = Workspace::new();
    ws.write("ok.md", "# Lokalhyra\n\n<!-- arendelint-disable-file -->\n");
    let run = ws.run(&["check", "--diff", "ok.md"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn a_file_that_fails_to_load_is_never_written() {
    let ws = Workspace::new();
    let bad = b"# Simhall\n\nPatienterna v\xe4ntar.\n";
    let path = ws.write("latin1.md", bad);
    ws.write("a.md", CASE);
    let run = ws.run(&["check", "--fix", "latin1.md", "a.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("latin1.md: filen är inte giltig UTF-8"),
        "{run:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap_or_default(), bad);
    // The other file is still fixed.
    assert_eq!(rules_of(&ws, "a.md"), ["JAM001", "JAM004"]);
}

#[test]
fn fix_and_stdin_do_not_mix() {
    let ws = Workspace::new();
    let run = ws.run_stdin(&["check", "--stdin", "--fix"], CASE.as_bytes());
    assert_eq!(run.code, 2, "{run:?}");
}
