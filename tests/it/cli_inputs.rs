//! Which files `arendelint check` reads, and what it says about bad input.

use crate::cli_support::{Workspace, SIMHALL};

/// A binary file, invalid UTF-8, an empty file and a missing path: one line each
/// on stderr naming the file, the good file is still checked, exit 2.
#[test]
fn bad_inputs_give_one_line_each_and_the_rest_is_checked() {
    let ws = Workspace::new();
    ws.write("docs/bra.md", SIMHALL);
    ws.write(
        "docs/binär.md",
        b"PK\x03\x04\x00\x00\x08\x00 binary".as_slice(),
    );
    ws.write(
        "docs/latin1.txt",
        b"Jamstalldhet\n\nBes\xf6kare kom.\n".as_slice(),
    );
    ws.write("docs/tom.md", "");
    let run = ws.run(&["check", "--format", "json", "docs", "saknas.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr_lines(),
        [
            "arendelint: fel: docs/binär.md: filen är binär (den innehåller NUL-byte), inte ett textdokument; kontrollera .md- eller .txt-filer eller exkludera den",
            "arendelint: fel: docs/latin1.txt: filen är inte giltig UTF-8 (första felaktiga byte vid position 17, rad 3); spara den som UTF-8",
            "arendelint: fel: docs/tom.md: filen är tom; det finns inget att kontrollera",
            "arendelint: fel: saknas.md: filen eller mappen finns inte",
        ]
    );
    assert_eq!(
        run.json_findings(),
        ["docs/bra.md:JAM001", "docs/bra.md:JAM004"]
    );
    assert_eq!(run.json()["summary"]["files"], 1);
}

#[test]
fn bad_input_messages_in_english() {
    let ws = Workspace::new();
    ws.write("bra.md", SIMHALL);
    ws.write("tom.md", "");
    ws.write("bin.txt", b"\x00\x00".as_slice());
    let run = ws.run(&["check", "--lang", "en", ".", "missing"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr_lines(),
        [
            "arendelint: error: bin.txt: the file is binary (it contains NUL bytes), not a text document; check .md or .txt files, or exclude it",
            "arendelint: error: missing: no such file or folder",
            "arendelint: error: tom.md: the file is empty; there is nothing to check",
        ]
    );
    assert!(
        run.stdout.contains("bra.md:5:16: warning[JAM004]"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_input_wins_over_findings_and_fail_on_never() {
    let ws = Workspace::new();
    ws.write("tom.md", "");
    assert_eq!(ws.run(&["check", "--fail-on", "never", "tom.md"]).code, 2);
}

#[test]
fn a_named_unsupported_or_broken_file_is_an_error_but_is_skipped_in_folders() {
    let ws = Workspace::new();
    ws.write("ärende.docx", b"PK\x03\x04".as_slice());
    ws.write("bild.png", b"\x89PNG".as_slice());
    ws.write("a.md", SIMHALL);
    let run = ws.run(&["check", "ärende.docx", "bild.png"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr_lines(),
        [
            "arendelint: fel: bild.png: filtypen .png stöds inte; arendelint kontrollerar .md, .markdown, .txt, .docx och .pdf",
            "arendelint: fel: ärende.docx: Word-filen är avkortad eller skadad; kopiera den igen från källan, eller öppna och spara om den i Word",
        ]
    );
    // A folder walk skips the .png but checks the (broken) .docx.
    let walked = ws.run(&["check", "--format", "json", "."]);
    assert_eq!(walked.code, 2);
    assert!(
        walked
            .stderr
            .starts_with("arendelint: fel: ärende.docx: Word-filen är avkortad"),
        "{}",
        walked.stderr
    );
    assert_eq!(walked.json_findings(), ["a.md:JAM001", "a.md:JAM004"]);
}

#[test]
fn folders_are_walked_for_md_markdown_and_txt_respecting_gitignore() {
    let ws = Workspace::new();
    ws.write("a.md", SIMHALL);
    ws.write("b.markdown", SIMHALL);
    ws.write("c.txt", SIMHALL);
    ws.write("d.rst", SIMHALL);
    ws.write(".gitignore", "utkast/\n*.tmp.md\n");
    ws.write("utkast/x.md", SIMHALL);
    ws.write("y.tmp.md", SIMHALL);
    ws.write(".dold/z.md", SIMHALL);
    let run = ws.run(&["check", "--format", "json"]);
    let paths: Vec<String> = run
        .json_findings()
        .into_iter()
        .filter(|f| f.ends_with("JAM001"))
        .collect();
    assert_eq!(paths, ["a.md:JAM001", "b.markdown:JAM001", "c.txt:JAM001"]);
}

#[test]
fn paths_are_shown_as_given_and_checked_once() {
    let ws = Workspace::new();
    ws.write("docs/a.md", SIMHALL);
    let run = ws.run(&[
        "check",
        "--format",
        "json",
        "./docs",
        "docs/a.md",
        "./docs/a.md",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.json_findings(),
        ["docs/a.md:JAM001", "docs/a.md:JAM004"]
    );
}

#[test]
fn an_empty_folder_is_a_notice_not_an_error() {
    let ws = Workspace::new();
    std::fs::create_dir(ws.path().join("tom")).unwrap();
    let run = ws.run(&["check", "tom"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "arendelint: varning: inga filer att kontrollera (.md, .markdown, .txt, .docx eller .pdf)\n"
    );
    assert_eq!(run.stdout, "Inga anmärkningar i 0 filer.\n");
}

#[test]
fn stdin_uses_the_filename_for_path_kind_and_configuration() {
    let ws = Workspace::new();
    ws.write("docs/arendelint.toml", "[rules]\nJAM001 = \"off\"\n");
    let run = ws.run_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            "./docs/ny.md",
        ],
        SIMHALL.as_bytes(),
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.json_findings(),
        ["docs/ny.md:JAM004"],
        "docs/arendelint.toml applies"
    );

    let run = ws.run_stdin(
        &["check", "--format", "json", "--stdin"],
        SIMHALL.as_bytes(),
    );
    assert_eq!(run.json_findings(), ["<stdin>:JAM001", "<stdin>:JAM004"]);
}

#[test]
fn stdin_bad_input_and_unknown_kind() {
    let ws = Workspace::new();
    let run = ws.run_stdin(&["check", "--stdin", "--stdin-filename", "a.md"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "arendelint: fel: a.md: filen är tom; det finns inget att kontrollera\n"
    );
    let run = ws.run_stdin(&["check", "--stdin", "--stdin-filename", "a.docx"], b"text");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("a.docx: filen är inte ett Word-dokument"),
        "{}",
        run.stderr
    );
    // A .pdf is read as a PDF now: text is not one.
    let run = ws.run_stdin(&["check", "--stdin", "--stdin-filename", "a.pdf"], b"text");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "arendelint: fel: a.pdf: filen är ingen PDF (den börjar inte med %PDF-); kontrollera den under sin rätta filändelse\n"
    );
    let run = ws.run_stdin(&["check", "--stdin", "--stdin-filename", "a.odt"], b"text");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("a.odt: filtypen .odt stöds inte"),
        "{}",
        run.stderr
    );
}

#[test]
fn stdin_filename_needs_stdin() {
    let ws = Workspace::new();
    let run = ws.run(&["check", "--stdin-filename", "a.md"]);
    assert_eq!(run.code, 2, "usage error");
}

/// A named pipe is reported, never opened (opening it would block for ever), and a
/// folder holding one is walked past it; a megabyte-long line stays fast.
#[cfg(unix)]
#[test]
fn pipes_are_reported_not_opened_and_long_lines_stay_linear() {
    let ws = Workspace::new();
    ws.write("docs/bra.md", SIMHALL);
    let fifo = ws.path().join("docs/ärende.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    ws.write("lång.txt", "patienterna ".repeat(20_000));
    let started = std::time::Instant::now();
    let run = ws.run(&["check", "--quiet", "docs", "docs/ärende.md", "lång.txt"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr_lines(),
        ["arendelint: fel: docs/ärende.md: är varken en vanlig fil eller en mapp (t.ex. en pipe eller en enhet); skicka innehållet med --stdin i stället"]
    );
    // One group in one section: one finding, the other mentions related (§6.17),
    // each with its own line and column.
    assert_eq!(run.stdout.matches("[JAM003]").count(), 1);
    assert!(
        run.stdout
            .contains("och 1000+ till i avsnittet: rad 1:13, 1:25,"),
        "{}",
        &run.stdout[..run.stdout.len().min(2000)]
    );
    let json = ws.run(&["check", "--format", "json", "lång.txt"]);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap_or_default();
    let jam003 = parsed["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["rule"] == "JAM003").cloned())
        .unwrap_or_default();
    let related = jam003["related"].as_array().cloned().unwrap_or_default();
    // At most 1,000 related locations are listed; the message counts them all.
    assert_eq!(related.len(), 1_000);
    assert_eq!(related[999]["column"], 12_001);
    assert!(jam003["message"]
        .as_str()
        .is_some_and(|m| m.contains("Gruppen nämns 19999 gånger till")));
    // A guard against a hang, not a speed target (those are in BENCHMARKS.md):
    // quadratic column or snippet work takes minutes here, linear work seconds.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}
