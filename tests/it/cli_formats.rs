//! Exact output of the CI formats: SARIF, GitHub workflow commands, JUnit XML
//! and GitLab Code Quality (insta snapshots).
//!
//! The fixture has what breaks formats: a BOM, CRLF line ends, an emoji before
//! a finding (UTF-16 columns differ from character columns), `%` in a message,
//! and a space and a comma in the file name. Re-accept on purpose with
//! `INSTA_UPDATE=always cargo test --test cli_formats` and review the diff.

use crate::cli_support::Workspace;
use serde_json::Value;

const NAME: &str = "simhall, ny.md";
const CASE: &str = "\u{feff}# Nya öppettider för simhallen\r\n\r\n## Bakgrund\r\n\r\nSimhallen 🏊 hade 4 500 besökare i fjol. Patienterna väntar. Av invånarna svarade 50 % ja.\r\n";

fn run(format: &str) -> crate::cli_support::Run {
    let ws = Workspace::new();
    ws.write(NAME, CASE);
    let run = ws.run(&["check", "--format", format, NAME]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr, "", "{run:?}");
    run
}

#[test]
fn github_workflow_commands() {
    insta::assert_snapshot!(run("github").stdout);
}

#[test]
fn junit_xml() {
    insta::assert_snapshot!(run("junit").stdout);
}

#[test]
fn gitlab_code_quality() {
    insta::assert_snapshot!(run("gitlab").stdout);
}

/// The results exactly; the rule metadata is checked against the registry
/// and `explain` below rather than snapshotted in full.
#[test]
fn sarif_results() {
    let sarif = run("sarif").json();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    insta::assert_snapshot!(serde_json::to_string_pretty(&run["results"]).unwrap_or_default());
}

#[test]
fn sarif_driver_describes_every_rule() {
    let ws = Workspace::new();
    ws.write(NAME, CASE);
    let sarif = ws
        .run(&["check", "--format", "sarif", "--lang", "en", NAME])
        .json();
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "arendelint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        driver["informationUri"],
        "https://github.com/arendelint/arendelint"
    );
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "JAM001", "JAM002", "JAM003", "JAM004", "JAM005", "JAM006", "JAM007", "ARL001",
            "ARL002"
        ]
    );
    let jam003 = &rules[2];
    assert_eq!(jam003["name"], "ungendered-target-group");
    assert_eq!(
        jam003["helpUri"],
        "https://github.com/arendelint/arendelint/blob/main/rules/explanations/en/JAM003.md"
    );
    assert_eq!(
        jam003["defaultConfiguration"],
        serde_json::json!({"level": "warning"})
    );
    assert!(jam003["shortDescription"]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("A target group is named")));
    let full = jam003["fullDescription"]["text"].as_str().unwrap_or("");
    assert!(
        full.starts_with("Reports the **first** occurrence in each section"),
        "{full}"
    );
    // The help is the `explain` text.
    let explain = ws.run(&["explain", "--lang", "en", "JAM003"]).stdout;
    let help = jam003["help"]["markdown"].as_str().unwrap_or("");
    assert!(explain.contains(help.trim()) || help.contains(explain.trim()));
    // Off by default: disabled, with the lowest level.
    assert_eq!(
        rules[6]["defaultConfiguration"],
        serde_json::json!({"enabled": false, "level": "note"})
    );
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
}

/// Columns and offsets in UTF-16 code units, after the BOM, on the CRLF line.
#[test]
fn sarif_regions_are_utf16_and_fixes_are_replacements() {
    let sarif = run("sarif").json();
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let text = CASE.trim_start_matches('\u{feff}');
    let utf16 = |s: &str| s.encode_utf16().count();
    for result in results {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        let offset = region["charOffset"].as_u64().unwrap_or(0) as usize;
        let length = region["charLength"].as_u64().unwrap_or(0) as usize;
        // Re-cut the text in UTF-16 units: it must be what the rule reports on.
        let units: Vec<u16> = text.encode_utf16().collect();
        let cut = String::from_utf16_lossy(&units[offset..offset + length]);
        if result["ruleId"] == "JAM003" {
            assert_eq!(cut, "Patienterna");
            let line5 = text.split("\r\n").nth(4).unwrap_or("");
            let col = utf16(&line5[..line5.find("Patienterna").unwrap_or(0)]) + 1;
            assert_eq!(region["startColumn"], col);
            let fix = &result["fixes"][0]["artifactChanges"][0];
            assert_eq!(fix["artifactLocation"]["uri"], "simhall%2C%20ny.md");
            assert_eq!(fix["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            let replacement = &fix["replacements"][0];
            // The fix inserts the gendered form right after the word.
            assert_eq!(replacement["deletedRegion"]["charOffset"], offset + length);
            assert_eq!(replacement["deletedRegion"]["charLength"], 0);
            assert!(replacement["insertedContent"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("kvinnor och män")));
        }
        if result["ruleId"] == "JAM004" && cut.starts_with('4') {
            assert_eq!(cut, "4 500 besökare");
        }
    }
    let prints: Vec<&Value> = results
        .iter()
        .map(|r| &r["partialFingerprints"]["arendelint/v1"])
        .collect();
    assert!(prints
        .iter()
        .all(|p| p.as_str().is_some_and(|s| s.len() == 16)));
}

/// Inserting lines above the findings keeps every fingerprint (SARIF and
/// GitLab), while the line numbers move.
#[test]
fn fingerprints_survive_inserted_lines() {
    let prints = |text: &str| {
        let ws = Workspace::new();
        ws.write(NAME, text);
        let sarif = ws.run(&["check", "--format", "sarif", NAME]).json();
        let gitlab = ws.run(&["check", "--format", "gitlab", NAME]).json();
        let sarif: Vec<Value> = sarif["runs"][0]["results"]
            .as_array()
            .map(|r| r.iter().map(|r| r["partialFingerprints"].clone()).collect())
            .unwrap_or_default();
        let gitlab: Vec<Value> = gitlab
            .as_array()
            .map(|r| r.iter().map(|r| r["fingerprint"].clone()).collect())
            .unwrap_or_default();
        (sarif, gitlab)
    };
    let moved = CASE.replace(
        "## Bakgrund\r\n",
        "## Bakgrund\r\n\r\nNämnden beslutade i mars.\r\n\r\nEtt stycke till.\r\n",
    );
    let before = prints(CASE);
    assert_eq!(before.0.len(), 4);
    assert_eq!(before, prints(&moved));
}

#[test]
fn formats_without_findings() {
    let ws = Workspace::new();
    ws.write(
        "tom.md",
        "# Lokalhyra\n\n<!-- arendelint-disable-file -->\n",
    );
    let github = ws.run(&["check", "--format", "github", "tom.md"]);
    assert_eq!((github.code, github.stdout.as_str()), (0, ""));
    let gitlab = ws.run(&["check", "--format", "gitlab", "tom.md"]);
    assert_eq!(gitlab.stdout, "[]\n");
    let sarif = ws.run(&["check", "--format", "sarif", "tom.md"]).json();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    let junit = ws.run(&["check", "--format", "junit", "tom.md"]);
    assert!(
        junit.stdout.contains("tests=\"9\" failures=\"0\""),
        "{}",
        junit.stdout
    );
}
