//! Agenda mode, `.docx` input and the clerk's reports (`--format html|csv|markdown`,
//! `--output`), end to end through the binary.
//!
//! `.docx` fixtures are written by the core's generator from Markdown, so every
//! fixture is readable here. Snapshots: re-accept with
//! `INSTA_UPDATE=always cargo test --test cli_reports` and review the diff.

use crate::cli_support::{Workspace, SIMHALL};
use crate::docx_support::{deflate_bomb, from_markdown, raw_zip, RawEntry};
use std::collections::BTreeMap;

/// Five cases, each with its Dnr; § 3 has no findings, the title of § 5 holds
/// markup that the HTML report must escape.
const AGENDA: &str = "# Kallelse till socialnämnden 2024-10-01

## § 1 Ny simhall

Dnr SN 2024/11

### Bakgrund

Simhallen hade 4 500 besökare i fjol.

## § 2 Avgifter för färdtjänst

Diarienummer 2024-00022

### Konsekvenser för jämställdhet

Ej aktuellt.

## § 3 Sommarlovskort

Dnr SN 2024/33

### Konsekvenser för jämställdhet

Kortet används av fler pojkar än flickor. Vi föreslår insatser för att minska skillnaden, i linje med målen i jämställdhetsplanen.

## § 4 Hemtjänst i glesbygd

Dnr SN 2024/44

### Bakgrund

Alla brukare ska få besök varje vecka.

## § 5 Taxa <script>alert(1)</script> & avgifter

Dnr SN 2024/55

### Jämställdhetsanalys

Förslaget påverkar inte jämställdheten.
";

/// The case titles: the heading after its number (`§ 1 `).
fn titles() -> [&'static str; 5] {
    [
        "Ny simhall",
        "Avgifter för färdtjänst",
        "Sommarlovskort",
        "Hemtjänst i glesbygd",
        "Taxa <script>alert(1)</script> & avgifter",
    ]
}

/// `case: [rules]` of a JSON report.
fn rules_per_case(run: &crate::cli_support::Run) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in run.json()["diagnostics"].as_array().unwrap() {
        let case = d["case"].as_str().unwrap_or("-").to_string();
        out.entry(case)
            .or_default()
            .push(d["rule"].as_str().unwrap().to_string());
    }
    out
}

#[test]
fn agenda_in_markdown_reports_per_case() {
    let ws = Workspace::new();
    ws.write("kallelse.md", AGENDA);
    let run = ws.run(&["check", "--agenda", "--format", "json", "kallelse.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr, "");
    assert_eq!(run.json()["summary"]["cases"], 5);
    assert_eq!(run.json()["summary"]["files"], 1);
    let expected: BTreeMap<String, Vec<String>> = [
        ("Ny simhall", vec!["JAM001", "JAM004"]),
        ("Avgifter för färdtjänst", vec!["JAM002"]),
        ("Hemtjänst i glesbygd", vec!["JAM001", "JAM003"]),
        ("Taxa <script>alert(1)</script> & avgifter", vec!["JAM002"]),
    ]
    .into_iter()
    .map(|(c, r)| (c.to_string(), r.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(rules_per_case(&run), expected);

    let human = ws.run(&["check", "--agenda", "kallelse.md"]);
    assert!(
        human.stdout.contains("= ärende: Hemtjänst i glesbygd\n"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .ends_with("5 ärenden i 1 fil: 2 fel, 4 varningar, 0 info.\n"),
        "{}",
        human.stdout
    );
}

#[test]
fn agenda_in_docx_matches_markdown() {
    let ws = Workspace::new();
    ws.write("kallelse.md", AGENDA);
    ws.write("kallelse.docx", from_markdown(AGENDA).to_bytes());
    let md = ws.run(&["check", "--agenda", "--format", "json", "kallelse.md"]);
    let docx = ws.run(&["check", "--agenda", "--format", "json", "kallelse.docx"]);
    assert_eq!(docx.stderr, "");
    assert_eq!(docx.json()["summary"]["cases"], 5);
    assert_eq!(rules_per_case(&docx), rules_per_case(&md));
    // The line of a .docx finding is its paragraph: "Alla brukare ska …" is paragraph 17.
    let jam003 = docx.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "JAM003")
        .cloned()
        .unwrap();
    assert_eq!(jam003["path"], "kallelse.docx");
    assert_eq!(
        (jam003["line"].clone(), jam003["column"].clone()),
        (17.into(), 1.into())
    );
}

#[test]
fn one_case_as_md_and_docx_gives_the_same_findings() {
    let ws = Workspace::new();
    let case = "# Hemtjänst\n\n## Bakgrund\n\nAlla brukare ska få besök. I fjol fick 312 brukare hjälp.\n\n| Enhet | Antal brukare |\n|---|---|\n| Norr | 120 |\n\n## Konsekvenser för jämställdhet\n\nEj relevant.\n";
    ws.write("md/hemtjanst.md", case);
    ws.write("docx/hemtjanst.docx", from_markdown(case).to_bytes());
    let rules = |dir: &str| {
        let run = ws.run(&["check", "--format", "json", dir]);
        assert_eq!(run.stderr, "", "{run:?}");
        let mut rules: Vec<String> = run
            .json_findings()
            .into_iter()
            .map(|f| f.rsplit(':').next().unwrap().to_string())
            .collect();
        rules.sort();
        rules
    };
    let md = rules("md");
    assert_eq!(md, ["JAM002", "JAM003", "JAM004", "JAM004"]);
    assert_eq!(rules("docx"), md, "a folder walk picks up .docx files");
}

#[test]
fn hostile_docx_files_are_clear_errors() {
    let ws = Workspace::new();
    let bomb = raw_zip(&[RawEntry {
        name: "word/document.xml",
        method: 8,
        data: &deflate_bomb(80),
        declared_size: 1000,
        crc: 0,
        flags: 0,
    }]);
    ws.write("bomb.docx", bomb);
    let mut truncated = from_markdown(SIMHALL).to_bytes();
    truncated.truncate(truncated.len() / 2);
    ws.write("avkortad.docx", truncated);
    ws.write("bra.md", SIMHALL);
    let started = std::time::Instant::now();
    let run = ws.run(&["check", "--format", "json", "."]);
    assert!(started.elapsed().as_secs() < 10, "no blow-up");
    assert_eq!(run.code, 2);
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("arendelint: fel: avkortad.docx: Word-filen är avkortad eller skadad"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("arendelint: fel: bomb.docx: word/document.xml packas upp till mer än 16 MiB (en möjlig zip-bomb)"),
        "{}",
        lines[1]
    );
    assert_eq!(run.json_findings(), ["bra.md:JAM001", "bra.md:JAM004"]);
}

#[test]
fn html_report() {
    let ws = Workspace::new();
    ws.write("kallelse.md", AGENDA);
    let run = ws.run(&["check", "--agenda", "--format", "html", "kallelse.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    let html = &run.stdout;
    // Self-contained: nothing is loaded from anywhere.
    for external in [
        "<script", "<link", "src=", "url(", "@import", "http://", "https://",
    ] {
        assert!(!html.contains(external), "{external} in the report");
    }
    for (n, title) in titles().into_iter().enumerate() {
        let escaped = title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let heading = format!("<h3><span class=\"nr\">{}</span> {escaped}</h3>", n + 1);
        assert!(html.contains(&heading), "{heading}");
    }
    assert!(html.contains("Taxa &lt;script&gt;alert(1)&lt;/script&gt; &amp; avgifter"));
    assert!(html.contains("<blockquote class=\"excerpt\">Simhallen hade <mark>4 500 besökare</mark> i fjol.</blockquote>"));
    insta::assert_snapshot!(html);
}

#[test]
fn html_report_in_english() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let run = ws.run(&["check", "--lang", "en", "--format", "html", "simhall.md"]);
    assert!(run
        .stdout
        .starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(run
        .stdout
        .contains("<h2 id=\"summary-heading\">Summary per case</h2>"));
    assert!(run
        .stdout
        .contains("<span class=\"loc\">line 5, column 16</span>"));
    assert!(run
        .stdout
        .contains("<th scope=\"row\"><a href=\"#case-1\">Nya öppettider för simhallen</a></th>"));
}

#[test]
fn csv_report() {
    let ws = Workspace::new();
    ws.write("kallelse.md", AGENDA);
    let run = ws.run(&["check", "--agenda", "--format", "csv", "kallelse.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    let csv = &run.stdout;
    assert!(
        csv.starts_with("\u{feff}Fil;Nr;Ärende;Dnr;Rad;Kolumn;"),
        "UTF-8 BOM and header"
    );
    assert!(csv.ends_with("\r\n"));
    // One row per finding after the header: 6 findings.
    assert_eq!(csv.matches("\r\n").count(), 1 + 6);
    insta::assert_snapshot!(csv.replace("\r\n", "⏎\n"));
}

#[test]
fn markdown_report() {
    let ws = Workspace::new();
    ws.write("kallelse.md", AGENDA);
    let run = ws.run(&["check", "--agenda", "--format", "markdown", "kallelse.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn output_file_is_written_whole_and_stdout_stays_empty() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let run = ws.run(&[
        "check",
        "--format",
        "csv",
        "--output",
        "rapport.csv",
        "simhall.md",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(ws.path().join("rapport.csv")).unwrap();
    assert!(written.starts_with('\u{feff}'));
    assert_eq!(written.matches("\r\n").count(), 3);
    let names: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "no temporary file is left: {names:?}");

    // Human output to a file has no colour codes, even when forced.
    let run = ws.run_env(
        &["check", "-o", "rapport.txt", "simhall.md"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert_eq!(run.stdout, "");
    let text = std::fs::read_to_string(ws.path().join("rapport.txt")).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.starts_with("simhall.md:1:1: fel[JAM001]"), "{text}");
}

#[test]
fn output_to_a_missing_folder_is_an_error() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let run = ws.run(&[
        "check",
        "--format",
        "html",
        "--output",
        "saknas/r.html",
        "simhall.md",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("arendelint: fel: kan inte skriva rapporten till saknas/r.html: "),
        "{}",
        run.stderr
    );
    assert!(!ws.path().join("saknas").exists());
}

#[test]
fn an_agenda_without_cases_is_checked_as_one_case() {
    let ws = Workspace::new();
    ws.write("simhall.md", SIMHALL);
    let run = ws.run(&["check", "--agenda", "--format", "json", "simhall.md"]);
    assert_eq!(
        run.stderr,
        "arendelint: varning: simhall.md: inga ärenden hittades (rader som börjar med § N, KS § N, Ärende N, Punkt N eller N Titel); filen kontrollerades som ett enda ärende\n"
    );
    assert_eq!(
        run.json_findings(),
        ["simhall.md:JAM001", "simhall.md:JAM004"]
    );
    assert_eq!(run.json()["summary"]["cases"], 1);
}

#[test]
fn agenda_from_stdin_and_docx_from_stdin() {
    let ws = Workspace::new();
    let run = ws.run_stdin(
        &["check", "--agenda", "--format", "json", "--stdin"],
        AGENDA.as_bytes(),
    );
    assert_eq!(run.json()["summary"]["cases"], 5);
    let docx = from_markdown(SIMHALL).to_bytes();
    let run = ws.run_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            "a.docx",
        ],
        &docx,
    );
    assert_eq!(run.json_findings(), ["a.docx:JAM001", "a.docx:JAM004"]);
}

#[test]
fn agenda_does_not_go_with_fix() {
    let ws = Workspace::new();
    ws.write("kallelse.md", AGENDA);
    let run = ws.run(&["check", "--agenda", "--fix", "kallelse.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--agenda"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(ws.path().join("kallelse.md")).unwrap(),
        AGENDA
    );
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let ws = Workspace::new();
    for i in 0..30 {
        ws.write(&format!("a{i:02}.md"), SIMHALL);
    }
    let run = ws.run(&["check", "--format", "json", "."]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    assert_eq!(run.json()["summary"]["files"], 30);
}

/// On a terminal (a pseudo-terminal from `script`), the bar is drawn on
/// stderr and `--quiet` hides it. Skipped where util-linux `script` is missing.
#[test]
fn progress_bar_on_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` command");
        return;
    }
    let ws = Workspace::new();
    for i in 0..400 {
        ws.write(&format!("a{i:03}.md"), SIMHALL);
    }
    let bin = env!("CARGO_BIN_EXE_arendelint");
    let tty_stderr = |extra: &str| {
        // Only stderr reaches the pseudo-terminal: stdout goes to /dev/null.
        let inner = format!("'{bin}' check {extra} --format json . > /dev/null");
        let out = std::process::Command::new("script")
            .args(["-qec", &inner, "/dev/null"])
            .current_dir(ws.path())
            .env("TERM", "xterm")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = tty_stderr("");
    assert!(shown.contains("Kontrollerar"), "{shown:?}");
    assert!(shown.contains("/400"), "{shown:?}");
    let quiet = tty_stderr("--quiet");
    assert!(!quiet.contains("Kontrollerar"), "{quiet:?}");
}

// ---- agenda formats of contract v3 §5 in the reports ----

/// Two procedural items without case text, then a case with text and a Dnr.
const KALLELSE_TXT: &str = "KALLELSE Regionstyrelsen 2026-03-10

§ 20 Val av justerare
§ 21 Godkännande av dagordning
§ 22 Utökade öppettider vid Björkvikens hälsocentral

Dnr RS 2026/087

Hälsocentralen hade 4 500 besökare i fjol. Regionen föreslår att öppettiderna utökas på kvällar och helger så att fler kan söka vård efter arbetstid.

Konsekvenser för jämställdhet

Ej aktuellt.
";

#[test]
fn agenda_json_lists_the_cases() {
    let ws = Workspace::new();
    ws.write("kallelse.txt", KALLELSE_TXT);
    let run = ws.run(&["check", "--agenda", "--format", "json", "kallelse.txt"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr, "");
    let json = run.json();
    assert_eq!(
        json["cases"],
        serde_json::json!([
            {"path": "kallelse.txt", "case": "Val av justerare", "number": "20", "dnr": null,
             "line": 3, "empty": true, "errors": 0, "warnings": 0, "infos": 0},
            {"path": "kallelse.txt", "case": "Godkännande av dagordning", "number": "21",
             "dnr": null, "line": 4, "empty": true, "errors": 0, "warnings": 0, "infos": 0},
            {"path": "kallelse.txt", "case": "Utökade öppettider vid Björkvikens hälsocentral",
             "number": "22", "dnr": "RS 2026/087", "line": 5, "empty": false,
             "errors": 0, "warnings": 2, "infos": 0}
        ])
    );
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 1, "cases": 3, "errors": 0, "warnings": 2, "infos": 0})
    );
    let cases: Vec<&str> = json["diagnostics"]
        .as_array()
        .map(|d| d.iter().filter_map(|d| d["case"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        cases,
        [
            "Utökade öppettider vid Björkvikens hälsocentral",
            "Utökade öppettider vid Björkvikens hälsocentral"
        ]
    );
    // Without --agenda there is no "cases" array.
    let plain = ws.run(&["check", "--format", "json", "kallelse.txt"]);
    assert!(plain.json().get("cases").is_none(), "{}", plain.stdout);
}

#[test]
fn plain_mode_suggests_agenda_once() {
    let ws = Workspace::new();
    ws.write("kallelse.txt", KALLELSE_TXT);
    ws.write("simhall.md", SIMHALL);
    // A note, not a finding: with --fail-on error the warnings leave the exit code 0.
    let run = ws.run(&["check", "--fail-on", "error", "--quiet", "kallelse.txt"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "arendelint: obs: kallelse.txt ser ut som en kallelse eller ett protokoll med flera ärenden (minst tre rader som § 12 …); kör med --agenda för att kontrollera varje ärende för sig\n"
    );
    let en = ws.run(&["check", "--lang", "en", "--format", "json", "kallelse.txt"]);
    assert_eq!(
        en.stderr_lines(),
        ["arendelint: note: kallelse.txt looks like an agenda or minutes with several cases (at least three lines such as § 12 …); run with --agenda to check each case on its own"]
    );
    assert_eq!(en.json()["summary"]["cases"], 1);
    // With --agenda, or for a single case, no note.
    let agenda = ws.run(&["check", "--agenda", "kallelse.txt"]);
    assert_eq!(agenda.stderr, "");
    let single = ws.run(&["check", "simhall.md"]);
    assert_eq!(single.stderr, "");
}

#[test]
fn reports_show_number_dnr_and_items_without_case_text() {
    let ws = Workspace::new();
    ws.write("kallelse.txt", KALLELSE_TXT);
    let md = ws.run(&["check", "--agenda", "--format", "markdown", "kallelse.txt"]);
    let table_start = md.stdout.find("3 ärenden").unwrap_or(0);
    let summary: Vec<&str> = md.stdout[table_start..].lines().take(7).collect();
    assert_eq!(
        summary,
        [
            "3 ärenden i 1 fil: 0 fel, 2 varningar, 0 info. 2 punkter saknade ärendeunderlag.",
            "",
            "| Nr | Ärende | Dnr | Status | Fel | Varningar | Info |",
            "|---:|---|---|---|---:|---:|---:|",
            "| 20 | Val av justerare | – | Inget ärendeunderlag | 0 | 0 | 0 |",
            "| 21 | Godkännande av dagordning | – | Inget ärendeunderlag | 0 | 0 | 0 |",
            "| 22 | Utökade öppettider vid Björkvikens hälsocentral | RS 2026/087 | Varningar | 0 | 2 | 0 |",
        ]
    );

    let csv = ws.run(&["check", "--agenda", "--format", "csv", "kallelse.txt"]);
    let rows: Vec<&str> = csv.stdout.split("\r\n").collect();
    assert_eq!(
        rows[1],
        "kallelse.txt;20;Val av justerare;;3;1;;;;Inget ärendeunderlag;;"
    );
    assert_eq!(
        rows[2],
        "kallelse.txt;21;Godkännande av dagordning;;4;1;;;;Inget ärendeunderlag;;"
    );
    assert!(
        rows[3].starts_with(
            "kallelse.txt;22;Utökade öppettider vid Björkvikens hälsocentral;RS 2026/087;9;"
        ),
        "{}",
        rows[3]
    );

    let html = ws
        .run(&["check", "--agenda", "--format", "html", "kallelse.txt"])
        .stdout;
    assert!(html.contains("<p class=\"totals\">3 ärenden i 1 fil: 0 fel, 2 varningar, 0 info. 2 punkter saknade ärendeunderlag.</p>"), "{html}");
    assert!(html.contains("<tr class=\"sev-none\"><td class=\"nr\">20</td><th scope=\"row\"><a href=\"#case-1\">Val av justerare</a></th><td class=\"dnr\">–</td><td class=\"file\">kallelse.txt</td><td><span class=\"status sev-none\">Inget ärendeunderlag</span></td>"), "{html}");
    assert!(html.contains("<h3><span class=\"nr\">22</span> Utökade öppettider vid Björkvikens hälsocentral</h3>\n<p class=\"case-meta\">Dnr RS 2026/087 · "), "{html}");
    assert!(
        html.contains("<p class=\"none\">Inget ärendeunderlag.</p>"),
        "{html}"
    );

    let en = ws.run(&[
        "check",
        "--agenda",
        "--lang",
        "en",
        "--format",
        "markdown",
        "kallelse.txt",
    ]);
    assert!(
        en.stdout.contains(
            "3 cases in 1 file: 0 errors, 2 warnings, 0 info. 2 items had no case text.\n"
        ),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .contains("| 20 | Val av justerare | – | No case text | 0 | 0 | 0 |\n"),
        "{}",
        en.stdout
    );

    let human = ws.run(&["check", "--agenda", "kallelse.txt"]);
    assert!(
        human.stdout.ends_with(
            "3 ärenden i 1 fil: 0 fel, 2 varningar, 0 info. 2 punkter saknade ärendeunderlag.\n"
        ),
        "{}",
        human.stdout
    );
}
