//! Agenda mode (contract §5): one file, many cases.

mod common;
use arendelint_core::{Config, Linter, SourceKind};

const AGENDA_MD: &str = "# Kallelse till regionstyrelsen 2024-09-10

Plats: Regionhuset. Alla ledamöter kallas.

## § 184 Resultatrapport för jämställdhetsintegrering 2023

Dnr RS 2024/0101

### Bakgrund

Rapporten visar arbetet under året.

### Konsekvenser för jämställdhet

Ej aktuellt.

## § 185 Ny ambulansstation

Diarienummer 2024-00567

Stationen når 11 200 invånare.

## § 186 Taxor för färdtjänst

Dnr RS 2024/0300

### Jämställdhetsanalys

Förslaget bedöms inte påverka jämställdheten eftersom taxan är lika för alla resenärer oavsett kön.
";

fn titles_and_dnr(report: &arendelint_core::AgendaReport) -> Vec<(&str, Option<&str>)> {
    report
        .cases
        .iter()
        .map(|c| (c.title.as_str(), c.dnr.as_deref()))
        .collect()
}

#[test]
fn markdown_agenda_cases_titles_and_dnr() {
    let linter = Linter::new(&Config::default()).unwrap();
    let report = linter.lint_agenda(AGENDA_MD, SourceKind::Markdown);
    assert_eq!(
        titles_and_dnr(&report),
        [
            (
                "§ 184 Resultatrapport för jämställdhetsintegrering 2023",
                Some("RS 2024/0101")
            ),
            ("§ 185 Ny ambulansstation", Some("2024-00567")),
            ("§ 186 Taxor för färdtjänst", Some("RS 2024/0300")),
        ]
    );
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} | {}",
                d.rule.code(),
                &AGENDA_MD[d.span.clone()],
                d.case.as_deref().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // The case title names jämställdhet but is not its gender section (§6.15).
            "JAM002 ### Konsekvenser för jämställdhet | § 184 Resultatrapport för jämställdhetsintegrering 2023",
            "JAM001  | § 185 Ny ambulansstation",
            "JAM004 11 200 invånare | § 185 Ny ambulansstation",
        ]
    );
    // JAM001 points at the case heading's line.
    let j1 = report
        .diagnostics
        .iter()
        .find(|d| d.rule.code() == "JAM001")
        .unwrap();
    assert!(AGENDA_MD[j1.span.start..].starts_with("## § 185"));
}

#[test]
fn jam001_fix_inside_an_agenda_stays_in_its_case() {
    let linter = Linter::new(&Config::default()).unwrap();
    let report = linter.lint_agenda(AGENDA_MD, SourceKind::Markdown);
    let j1: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.code() == "JAM001")
        .cloned()
        .collect();
    let (fixed, n) = arendelint_core::apply_fixes(AGENDA_MD, &j1, true);
    assert_eq!(n, 1);
    assert!(fixed
        .contains("Stationen når 11 200 invånare.\n\n## Konsekvenser för jämställdhet\n\n- Berör"));
    assert!(
        fixed.contains("jämställdhetsmål?\n\n## § 186 Taxor"),
        "{fixed}"
    );
}

#[test]
fn plain_text_agenda_lines() {
    let text = "KALLELSE Kommunstyrelsen\n\n§ 184 Detaljplan för Norrby centrum Dnr KS 2020/8\n\nPlanen ger bostäder åt 400 invånare.\n\nJämställdhet\n\nEj relevant.\n\n4. Avtal om skolskjuts KFKS 2017/1106\n\nAvtalet gäller skolskjuts för eleverna.\n\n1. att godkänna avtalet.\n";
    let linter = Linter::new(&Config::default()).unwrap();
    let report = linter.lint_agenda(text, SourceKind::PlainText);
    assert_eq!(
        titles_and_dnr(&report),
        [
            (
                "§ 184 Detaljplan för Norrby centrum Dnr KS 2020/8",
                Some("KS 2020/8")
            ),
            (
                "4. Avtal om skolskjuts KFKS 2017/1106",
                Some("KFKS 2017/1106")
            ),
        ]
    );
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.rule.code(), &text[d.span.clone()]))
        .collect();
    assert_eq!(
        found,
        [
            "JAM004 400 invånare",
            "JAM002 Jämställdhet",
            "JAM001 ",
            "JAM003 eleverna"
        ]
    );
}

#[test]
fn a_single_document_as_a_case() {
    use arendelint_core::document_info;
    let text = "---\ntitle: x\n---\n\n# Ny simhall i Norrby\n\nKultur- och fritidsnämnden\nDnr: KFN 2024/0188\n";
    let info = document_info(text, SourceKind::Markdown);
    assert_eq!(info.title, "Ny simhall i Norrby");
    assert_eq!(info.dnr.as_deref(), Some("KFN 2024/0188"));
    let txt = "\n\nTjänsteskrivelse om taxor, bilaga 2.\nDiarienummer 2021-00456\n";
    let info = document_info(txt, SourceKind::PlainText);
    assert_eq!(info.dnr.as_deref(), Some("2021-00456"));
    assert_eq!(document_info("", SourceKind::Markdown).title, "");
}

/// Found by fuzzing (fuzz/REPORT.md): a lone `\r` ends a Markdown line
/// (CommonMark), but heading spans and case ranges looked for `\n` only. A
/// setext heading after a lone `\r` got the ATX heading's span before it, which
/// made a second, empty case with the same title; two case headings split by a
/// lone `\r` gave an empty first case whose heading lay outside it.
#[test]
fn case_headings_split_by_a_lone_carriage_return() {
    let linter = Linter::new(&Config::default()).expect("default config");
    let text = "## § 184 Resultatrapport\rUnderrubrik\n---\n\nText.\n";
    let report = linter.lint_agenda(text, SourceKind::Markdown);
    assert_eq!(titles_and_dnr(&report), [("§ 184 Resultatrapport", None)]);
    assert_eq!(report.cases[0].range, 0..text.len());

    let text = "## § 184 Första\r## § 185 Andra\r\rText.\n";
    let report = linter.lint_agenda(text, SourceKind::Markdown);
    assert_eq!(
        titles_and_dnr(&report),
        [("§ 184 Första", None), ("§ 185 Andra", None)]
    );
    for case in &report.cases {
        assert!(case.range.start <= case.heading.start && case.heading.end <= case.range.end);
    }
    assert_eq!(report.cases[0].range.end, report.cases[1].range.start);
}
