//! Every read is bounded and every refusal is one clear line: --max-file-size,
//! FIFOs and devices for documents, configurations and baselines, read-only
//! files under --fix, configuration errors in the chosen language.

use crate::cli_support::{Workspace, SIMHALL};
use std::process::{Command, Stdio};

#[test]
fn stdin_from_an_endless_device_stops_at_the_size_limit() {
    let ws = Workspace::new();
    let Ok(zero) = std::fs::File::open("/dev/zero") else {
        eprintln!("skipped: no /dev/zero");
        return;
    };
    let output = Command::new(env!("CARGO_BIN_EXE_arendelint"))
        .args(["check", "--stdin", "--max-file-size", "1M"])
        .current_dir(ws.path())
        .stdin(Stdio::from(zero))
        .output()
        .expect("arendelint runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "arendelint: fel: <stdin>: större än 1 MiB och lästes inte; höj gränsen med --max-file-size om filen verkligen är ett ärende\n"
    );
}

#[test]
fn documents_over_the_size_limit_are_refused_and_the_rest_checked() {
    let ws = Workspace::new();
    ws.write("stor.md", "Patienterna väntar.\n".repeat(100));
    ws.write("liten.md", "# Ärende\n");
    let run = ws.run(&[
        "check",
        "--max-file-size",
        "1K",
        "--format",
        "json",
        "stor.md",
        "liten.md",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr_lines(),
        ["arendelint: fel: stor.md: större än 1 KiB och lästes inte; höj gränsen med --max-file-size om filen verkligen är ett ärende"]
    );
    assert_eq!(run.json_findings(), ["liten.md:JAM001"]);
    let bad = ws.run(&["check", "--max-file-size", "lite", "liten.md"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("`lite` is not a size"),
        "{}",
        bad.stderr
    );
}

#[cfg(unix)]
fn fifo(ws: &Workspace, name: &str) -> Option<std::path::PathBuf> {
    let path = ws.path().join(name);
    let made = Command::new("mkfifo").arg(&path).status();
    made.is_ok_and(|s| s.success()).then_some(path)
}

#[cfg(unix)]
#[test]
fn a_fifo_as_configuration_or_baseline_is_refused_without_blocking() {
    let ws = Workspace::new();
    ws.write("a.md", SIMHALL);
    let Some(_) = fifo(&ws, "pipe.toml") else {
        eprintln!("skipped: mkfifo is not available");
        return;
    };
    let run = ws.run(&["check", "--config", "pipe.toml", "a.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr_lines(),
        ["arendelint: fel: pipe.toml: ogiltig konfiguration: är ingen vanlig fil (t.ex. en pipe eller en enhet); ange en fil"]
    );
    let Some(_) = fifo(&ws, "baslinje.json") else {
        return;
    };
    let run = ws.run(&[
        "--lang",
        "en",
        "check",
        "--baseline",
        "baslinje.json",
        "a.md",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("baslinje.json: not a regular file (e.g. a pipe or a device); give a file"),
        "{}",
        run.stderr
    );
}

#[test]
fn configuration_errors_name_file_line_and_key_in_one_language() {
    let ws = Workspace::new();
    ws.write("a.md", SIMHALL);
    ws.write("arendelint.toml", "[rules]\nJAM003 = 1\n");
    let sv = ws.run(&["check", "a.md"]);
    assert_eq!(sv.code, 2);
    assert_eq!(
        sv.stderr_lines(),
        ["arendelint: fel: arendelint.toml:2:10: ogiltig konfiguration: nyckeln `rules.JAM003`: fel typ: ett heltal där en sträng väntas"]
    );
    let en = ws.run(&["--lang", "en", "check", "a.md"]);
    assert_eq!(
        en.stderr_lines(),
        ["arendelint: error: arendelint.toml:2:10: invalid configuration: key `rules.JAM003`: wrong type: an integer where a string is expected"]
    );
    ws.write(
        "arendelint.toml",
        "[sections]\ngender-headings = [\"a*\"]\n",
    );
    let empty_match = ws.run(&["check", "a.md"]);
    assert_eq!(
        empty_match.stderr_lines(),
        ["arendelint: fel: arendelint.toml:2:20: ogiltig konfiguration: nyckeln `sections.gender-headings`: mönstret `a*` matchar en tom text och skulle göra varje rubrik till ett jämställdhetsavsnitt"]
    );
    // An empty file is a valid, empty configuration.
    ws.write("arendelint.toml", "");
    let run = ws.run(&["check", "--format", "json", "a.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr, "");
}

#[cfg(unix)]
#[test]
fn fix_leaves_a_read_only_file_alone_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let path = ws.write("a.md", "# Ärende\n\n## Bakgrund\n\nPatienterna väntar.\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = ws.run(&["check", "--fix", "--quiet", "a.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr_lines(),
        [
            "arendelint: fel: a.md: filen är skrivskyddad och rättades inte; ta bort skrivskyddet om den ska rättas",
            "Inga rättelser skrevs: 1 fil kunde inte skrivas (se ovan).",
        ]
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        "# Ärende\n\n## Bakgrund\n\nPatienterna väntar.\n"
    );
}
