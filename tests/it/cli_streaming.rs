//! The streamed report (stdout, written file by file while the others are
//! still being checked) is byte for byte the report rendered whole at the end
//! (`--output`), for every streamed format, over many files in nested folders.

use crate::cli_support::Workspace;

const CASE: &str = "# Nya öppettider för simhallen\n\n## Bakgrund\n\nSimhallen hade 4 500 besökare i fjol. Patienterna väntar. Av invånarna svarade 50 % ja.\n\n## Konsekvenser för jämställdhet\n\nInga.\n";
const AGENDA: &str = "# Kommunstyrelsen\n\n## § 12 Ny simhall\n\nAlla elever ska få simundervisning. 312 patienter väntar.\n\n## § 13 Budget\n\nBudgeten för invånarna.\n";

fn workspace() -> Workspace {
    let ws = Workspace::new();
    // Names that sort differently from creation order and folder walk order.
    for n in (0..60).rev() {
        let folder = ["b", "a/c", "a"][n % 3];
        let text = if n % 7 == 0 { AGENDA } else { CASE };
        ws.write(
            &format!("{folder}/ärende-{n:02}.md"),
            text.repeat(1 + n % 4),
        );
    }
    ws
}

#[test]
fn streamed_stdout_equals_the_whole_report() {
    let ws = workspace();
    for args in [
        &["--format", "human"][..],
        &["--format", "json"],
        &["--format", "sarif"],
        &["--format", "json", "--agenda"],
        &["--format", "human", "--agenda", "--quiet"],
    ] {
        let mut streamed: Vec<&str> = vec!["check"];
        streamed.extend_from_slice(args);
        streamed.push(".");
        let run = ws.run(&streamed);
        let mut whole = streamed.clone();
        whole.extend_from_slice(&["--output", "whole.out"]);
        let written = ws.run(&whole);
        assert_eq!(run.code, written.code, "{args:?}");
        let file = std::fs::read_to_string(ws.path().join("whole.out")).expect("report");
        std::fs::remove_file(ws.path().join("whole.out")).expect("remove");
        assert!(run.stdout.len() > 1000, "{args:?}: {}", run.stdout);
        assert_eq!(run.stdout, file, "{args:?}");
    }
}

#[test]
fn files_come_in_path_order() {
    let ws = workspace();
    let run = ws.run(&["check", "--format", "json", "."]);
    let paths: Vec<String> = run.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["path"].as_str().unwrap_or_default().to_string())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(paths.first().is_some_and(|p| p.starts_with("a/")));
    assert_eq!(run.json()["summary"]["files"], 60);
}
