//! Agenda mode (contract §5): one file, many cases.

use crate::common::{AgendaResult, Check};
use arendelint_core::report::CaseInfo;
use arendelint_core::{Config, Input, Linter, SourceKind};

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

fn titles_and_dnr(report: &AgendaResult) -> Vec<(&str, Option<&str>)> {
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
                "Resultatrapport för jämställdhetsintegrering 2023",
                Some("RS 2024/0101")
            ),
            ("Ny ambulansstation", Some("2024-00567")),
            ("Taxor för färdtjänst", Some("RS 2024/0300")),
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
            "JAM002 ### Konsekvenser för jämställdhet | Resultatrapport för jämställdhetsintegrering 2023",
            "JAM001  | Ny ambulansstation",
            "JAM004 11 200 invånare | Ny ambulansstation",
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
    let (fixed, n) = arendelint_core::report::apply_fixes(AGENDA_MD, &j1, true);
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
            ("Detaljplan för Norrby centrum", Some("KS 2020/8")),
            ("Avtal om skolskjuts", Some("KFKS 2017/1106")),
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
    // A document checked as one case: the report's one case is the document.
    let document_info = |text: &str, kind| -> CaseInfo {
        let linter = Linter::new(&Config::default()).expect("valid config");
        let report = linter.check(&Input::text(text, kind));
        match report {
            Ok(mut report) => report.cases.pop().expect("one case"),
            // An empty text is an input error: it has no title.
            Err(_) => CaseInfo::untitled(text.len()),
        }
    };
    let text = "---\ntitle: x\n---\n\n# Ny simhall i Norrby\n\nKultur- och fritidsnämnden\nDnr: KFN 2024/0188\n";
    let info = document_info(text, SourceKind::Markdown);
    assert_eq!(info.title, "Ny simhall i Norrby");
    assert_eq!(info.dnr.as_deref(), Some("KFN 2024/0188"));
    let txt = "\n\nTjänsteskrivelse om taxor, bilaga 2.\nDiarienummer 2021-00456\n";
    let info = document_info(txt, SourceKind::PlainText);
    assert_eq!(info.dnr.as_deref(), Some("2021-00456"));
    assert_eq!(document_info("", SourceKind::Markdown).title, "");
}

// ---- the real agenda formats (contract v3 §5) ----

fn linter() -> &'static Linter {
    crate::common::default_linter()
}

/// `number | title | dnr | empty` for each case.
fn describe(cases: &[CaseInfo]) -> Vec<String> {
    cases
        .iter()
        .map(|c| {
            format!(
                "{} | {} | {} | {}",
                c.number.as_deref().unwrap_or("-"),
                c.title,
                c.dnr.as_deref().unwrap_or("-"),
                if c.empty { "empty" } else { "text" }
            )
        })
        .collect()
}

fn txt_cases(text: &str) -> Vec<String> {
    describe(&linter().lint_agenda(text, SourceKind::PlainText).cases)
}

fn md_cases(text: &str) -> Vec<String> {
    describe(&linter().lint_agenda(text, SourceKind::Markdown).cases)
}

/// `RULE | case` for each finding.
fn findings(report: &AgendaResult) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{} | {}", d.rule.code(), d.case.as_deref().unwrap_or("-")))
        .collect()
}

const FORMS_TXT: &str = "Kallelse till sammanträde

• § 1 Val av justerare

Till justerare utses Anna Berg.

KS § 12 Taxor för färdtjänst

Taxorna gäller från årsskiftet.

BUN §3 Skolskjuts

Skolskjuts ges enligt riktlinjen.

§ 63/20 Detaljplan för Norrby

Planen prövas på nytt.

Sn 49 Riktlinje för ekonomiskt bistånd

Riktlinjen revideras.

- § 7 Övriga frågor

* Punkt 8 Information

Ärende 9: Anmälningar

Paragraf 10 Delegationsbeslut
";

#[test]
fn bullets_committee_prefixes_and_item_words_start_cases() {
    let want = [
        "1 | Val av justerare | - | text",
        "12 | Taxor för färdtjänst | - | text",
        "3 | Skolskjuts | - | text",
        "63/20 | Detaljplan för Norrby | - | text",
        "49 | Riktlinje för ekonomiskt bistånd | - | text",
        "7 | Övriga frågor | - | empty",
        "8 | Information | - | empty",
        "9 | Anmälningar | - | empty",
        "10 | Delegationsbeslut | - | empty",
    ];
    assert_eq!(txt_cases(FORMS_TXT), want);
    assert_eq!(md_cases(FORMS_TXT), want);
}

#[test]
fn lines_that_only_look_like_case_headings_are_not() {
    let text = "§ 1 Budget 2025

Kommunstyrelsen föreslår en budget.

KS 12 ledamöter närvarade vid sammanträdet

Figur 3 Andel kvinnor och män

Enligt § 12 i reglementet gäller detta.

2. Bakgrund

Budgeten bygger på prognosen.

3. Jämställdhet

Ingen skillnad mellan kvinnor och män.
";
    assert_eq!(txt_cases(text), ["1 | Budget 2025 | - | text"]);
    assert_eq!(md_cases(text), ["1 | Budget 2025 | - | text"]);
}

const NUMBERED_TXT: &str = "Föredragningslista

1 Budget 2025

Kommunstyrelsen föreslår en budget för nästa år.

2. Ny simhall i Norrby

Förslag till beslut

1. Granskningen av förstudien noteras.
2. Kommunfullmäktige godkänner förslaget.

3. Kommunstyrelsen får i uppdrag att upphandla bygget.

4. Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton

Simhallen öppnar 2027.
";

#[test]
fn numbered_titles_pass_the_heading_test_and_decision_lists_stay_in_their_case() {
    let want = [
        "1 | Budget 2025 | - | text",
        "2 | Ny simhall i Norrby | - | text",
    ];
    assert_eq!(txt_cases(NUMBERED_TXT), want);
    assert_eq!(md_cases(NUMBERED_TXT), want);
    // The decision list, the line ending in `.` and the 16-word line belong to case 2.
    let report = linter().lint_agenda(NUMBERED_TXT, SourceKind::PlainText);
    let second = &NUMBERED_TXT[report.cases[1].range.clone()];
    assert!(second.contains("1. Granskningen"), "{second}");
    assert!(second.contains("2. Kommunfullmäktige"), "{second}");
    assert!(second.contains("3. Kommunstyrelsen"), "{second}");
    assert!(second.ends_with("Simhallen öppnar 2027.\n"), "{second}");
}

#[test]
fn a_numbered_line_needs_a_blank_line_before_it() {
    let text = "§ 5 Taxor

Förslag till beslut
1 Kommunfullmäktige antar taxan
2 Taxan gäller från årsskiftet
";
    assert_eq!(txt_cases(text), ["5 | Taxor | - | text"]);
}

#[test]
fn a_lone_paragraph_number_takes_the_next_line_as_title() {
    let text = "§ 31

Budget för 2025

Dnr KS 2024/12

Kommunstyrelsen föreslår en budget.

§ 32 Dnr KS 2024/14 Detaljplan för Norrby

Planen prövas.
";
    let want = [
        "31 | Budget för 2025 | KS 2024/12 | text",
        "32 | Detaljplan för Norrby | KS 2024/14 | text",
    ];
    assert_eq!(txt_cases(text), want);
    assert_eq!(md_cases(text), want);
    // The title line is not case text: a lone number with its title and nothing else is empty.
    assert_eq!(
        txt_cases("§ 31\n\nBudget för 2025\n\n§ 32 Taxor\n\nTaxorna höjs.\n"),
        ["31 | Budget för 2025 | - | empty", "32 | Taxor | - | text"]
    );
}

const PROTOCOL_WITH_CONTENTS: &str = "PROTOKOLL Kommunstyrelsen 2024-05-06

Innehåll

§ 45 Val av justerare ........ 2
§ 46 Budget 2025 .............. 3
§ 47 Taxor för färdtjänst ..... 4

Sida 1 (4)

Närvarande: Anna Berg (S), ordförande, och Bo Ek (M).

§ 45 Val av justerare

Till justerare utses Bo Ek.

§ 46 Budget 2025

Dnr KS 2024/0101

Kommunstyrelsen föreslår en budget.

§ 47 Taxor för färdtjänst

Taxorna gäller alla resenärer.
";

#[test]
fn a_table_of_contents_is_skipped_and_the_cases_are_the_later_occurrences() {
    let want = [
        "45 | Val av justerare | - | text",
        "46 | Budget 2025 | KS 2024/0101 | text",
        "47 | Taxor för färdtjänst | - | text",
    ];
    assert_eq!(txt_cases(PROTOCOL_WITH_CONTENTS), want);
    let report = linter().lint_agenda(PROTOCOL_WITH_CONTENTS, SourceKind::PlainText);
    for case in &report.cases {
        let at = PROTOCOL_WITH_CONTENTS[case.heading.clone()].to_string();
        assert!(!at.contains("...."), "the contents entry was taken: {at}");
    }
    let first = PROTOCOL_WITH_CONTENTS
        .find("§ 45 Val av justerare\n")
        .unwrap_or(0);
    assert_eq!(report.cases[0].heading.start, first);
    // Markdown: the contents as a list, the cases as headings.
    let md = "# Protokoll\n\n- § 45 Val av justerare\n- § 46 Budget 2025\n- § 47 Taxor för färdtjänst\n\n## § 45 Val av justerare\n\nTill justerare utses Bo Ek.\n\n## § 46 Budget 2025\n\nDnr KS 2024/0101\n\nText.\n\n## § 47 Taxor för färdtjänst\n\nText.\n";
    assert_eq!(md_cases(md), want);
}

const BARE_KALLELSE: &str = "KALLELSE

Kommunstyrelsen sammanträder 2024-05-06 kl. 13.00. Alla ledamöter kallas.

Ärenden

§ 1 Val av justerare
§ 2 Godkännande av dagordning
§ 3 Budget 2025
§ 4 Taxor för färdtjänst

Välkomna!
Anna Berg, ordförande
";

#[test]
fn a_bare_kallelse_gives_empty_cases_without_findings() {
    let want = [
        "1 | Val av justerare | - | empty",
        "2 | Godkännande av dagordning | - | empty",
        "3 | Budget 2025 | - | empty",
        "4 | Taxor för färdtjänst | - | empty",
    ];
    assert_eq!(txt_cases(BARE_KALLELSE), want);
    assert_eq!(md_cases(BARE_KALLELSE), want);
    let report = linter().lint_agenda(BARE_KALLELSE, SourceKind::PlainText);
    // No JAM001 for items without case text; "Alla ledamöter" before the first case is no case.
    assert_eq!(findings(&report), Vec::<String>::new());
}

#[test]
fn case_text_after_the_last_item_of_a_run_is_its_case_text() {
    let text = "§ 1 Val av justerare
§ 2 Godkännande av dagordning
§ 3 Budget 2025

Kommunstyrelsen föreslår en budget för nästa år. Budgeten omfattar alla verksamheter och \
bygger på den senaste prognosen för skatteintäkterna i kommunen.
";
    assert_eq!(
        txt_cases(text),
        [
            "1 | Val av justerare | - | empty",
            "2 | Godkännande av dagordning | - | empty",
            "3 | Budget 2025 | - | text",
        ]
    );
    let report = linter().lint_agenda(text, SourceKind::PlainText);
    assert_eq!(findings(&report), ["JAM001 | Budget 2025"]);
}

#[test]
fn text_before_the_first_case_is_not_checked() {
    let text = "Protokoll

Närvarande: alla ledamöter. Patienterna var inbjudna.

§ 1 Budget 2025

Förslaget gäller alla invånare.

Jämställdhet

Förslaget bedöms inte påverka jämställdheten eftersom budgeten inte fördelar resurser till enskilda.
";
    let report = linter().lint_agenda(text, SourceKind::PlainText);
    assert_eq!(findings(&report), ["JAM003 | Budget 2025"]);
    assert_eq!(
        report.diagnostics[0].span.start,
        text.find("alla invånare").unwrap_or(0)
    );
}

#[test]
fn dnr_forms_near_the_case_heading() {
    let forms = [
        ("Dnr RS 2023/123", Some("RS 2023/123")),
        ("Dnr. KS 2018/14", Some("KS 2018/14")),
        ("Dnr: SN 18/0098", Some("SN 18/0098")),
        ("Diarienummer 2021-00456", Some("2021-00456")),
        ("Ärendenummer: 40226", Some("40226")),
        ("Vårt dnr RÄN-2018-0082", Some("RÄN-2018-0082")),
        ("Dnr 2022/KS 0247", Some("2022/KS 0247")),
        (
            "Ärendet gäller KS 2023/123 från i fjol",
            Some("KS 2023/123"),
        ),
        ("Se KS2005/0485-83", Some("KS2005/0485-83")),
        ("Handling RÄN-2018-0082", Some("RÄN-2018-0082")),
        ("Beslutad 2023-05-12", None),
    ];
    for (line, want) in forms {
        let text = format!("§ 1 Budget\n\nKommunstyrelsen\n\n{line}\n\nText om budgeten.\n");
        let report = linter().lint_agenda(&text, SourceKind::PlainText);
        assert_eq!(report.cases[0].dnr.as_deref(), want, "{line}");
    }
    // The heading line itself: the Dnr is not part of the title.
    assert_eq!(
        txt_cases("§ 4 Avtal om skolskjuts (KFKS 2017/1106)\n\nText.\n"),
        ["4 | Avtal om skolskjuts | KFKS 2017/1106 | text"]
    );
    // The sixth non-blank line after the heading is too far.
    let far = "§ 1 Budget\n\nKommunstyrelsen\nDatum 2024-05-06\nHandläggare Bo Ek\nTelefon 010-123\nE-post bo@example.se\nDnr KS 2024/1\n";
    assert_eq!(txt_cases(far), ["1 | Budget | - | text"]);
    // A Dnr in the next case is not this case's.
    assert_eq!(
        txt_cases("§ 1 Budget\n\nText.\n\n§ 2 Taxor\n\nDnr KS 2024/2\n\nText.\n"),
        ["1 | Budget | - | text", "2 | Taxor | KS 2024/2 | text"]
    );
}

/// One agenda in all three input forms.
const SAME_AGENDA: [&str; 14] = [
    "Kallelse till kommunstyrelsen",
    "• § 1 Val av justerare",
    "Till justerare utses Anna Berg.",
    "KS § 12 Taxor för färdtjänst",
    "Dnr KS 2024/0012",
    "Taxorna gäller från årsskiftet.",
    "§ 31",
    "Budget för 2025",
    "Kommunstyrelsen föreslår en budget.",
    "Sn 49 Riktlinje för ekonomiskt bistånd",
    "Diarienummer SN 24/0098",
    "Riktlinjen revideras.",
    "5 Detaljplan för Norrby",
    "Planen prövas på nytt.",
];

#[test]
fn markdown_text_and_word_give_the_same_cases() {
    let joined = SAME_AGENDA.join("\n\n") + "\n";
    let want = [
        "1 | Val av justerare | - | text",
        "12 | Taxor för färdtjänst | KS 2024/0012 | text",
        "31 | Budget för 2025 | - | text",
        "49 | Riktlinje för ekonomiskt bistånd | SN 24/0098 | text",
        "5 | Detaljplan för Norrby | - | text",
    ];
    assert_eq!(txt_cases(&joined), want);
    assert_eq!(md_cases(&joined), want);
    let mut doc = crate::docx_support::Docx::new();
    for line in SAME_AGENDA {
        doc = doc.add(crate::docx_support::text(line));
    }
    let cases = check_docx(&doc.to_bytes(), arendelint_core::Mode::Agenda)
        .expect("a readable .docx")
        .cases;
    assert_eq!(describe(&cases), want);
}

fn check_docx(
    bytes: &[u8],
    mode: arendelint_core::Mode,
) -> Result<arendelint_core::Report<'static>, arendelint_core::error::CheckError> {
    linter()
        .check(
            &arendelint_core::Input::bytes(bytes, arendelint_core::SourceKind::Docx)
                .with_mode(mode),
        )
        .map(|r| r.into_owned())
}

#[test]
fn plain_mode_can_tell_an_agenda() {
    let linter = linter();
    assert!(linter.looks_like_agenda(FORMS_TXT));
    assert!(linter.looks_like_agenda(BARE_KALLELSE));
    // Two case headings, or numbered sections of one case, are no agenda.
    assert!(!linter.looks_like_agenda("§ 1 Budget\n\nText.\n\n§ 2 Taxor\n\nText.\n"));
    assert!(!linter.looks_like_agenda(
        "# Ny simhall\n\n1. Bakgrund\n\nText.\n\n2. Ärendet\n\nText.\n\n3. Jämställdhet\n\nText.\n"
    ));
    assert!(!linter.looks_like_agenda(AGENDA_MD.replace("§ 18", "Avsnitt ").as_str()));
}

#[test]
fn a_long_agenda_stays_linear() {
    // 20 000 items without case text, then the same numbers again with text:
    // the first run is a table of contents.
    let mut text = String::new();
    for n in 0..20_000 {
        text.push_str(&format!("§ {} Ärende nummer {}\n", n % 1000, n));
    }
    text.push('\n');
    for n in 0..1000 {
        text.push_str(&format!("§ {n} Ärende {n}\n\nText om ärendet.\n\n"));
    }
    let start = std::time::Instant::now();
    let report = linter().lint_agenda(&text, SourceKind::PlainText);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    // Runs break where a number repeats: twenty runs of 1 000, each repeated later.
    assert_eq!(report.cases.len(), 1000);
    assert!(report.cases.iter().all(|c| !c.empty));
    assert_eq!(
        report.cases[0].heading.start,
        text.find("§ 0 Ärende 0\n").unwrap_or(0)
    );
}

#[test]
fn dnr_and_presenter_lines_are_not_case_text() {
    let text = "Kallelse

1. Budget 2025
Dnr KS 2024/1
Föredragande: ekonomichef Anna Ek

2. Taxor för färdtjänst
Dnr KS 2024/2

3. Detaljplan för Norrby
KS 2024/3
";
    assert_eq!(
        txt_cases(text),
        [
            "1 | Budget 2025 | KS 2024/1 | empty",
            "2 | Taxor för färdtjänst | KS 2024/2 | empty",
            "3 | Detaljplan för Norrby | KS 2024/3 | empty",
        ]
    );
    assert_eq!(
        findings(&linter().lint_agenda(text, SourceKind::PlainText)),
        Vec::<String>::new()
    );
}

#[test]
fn a_case_with_only_an_empty_gender_heading_is_not_an_empty_item() {
    let text = "§ 5 Taxor\n\nJämställdhet\n\n§ 6 Budget\n\nBudgeten antas eftersom den är i balans och gäller hela organisationen.\n";
    assert_eq!(
        txt_cases(text),
        ["5 | Taxor | - | text", "6 | Budget | - | text"]
    );
    let report = linter().lint_agenda(text, SourceKind::PlainText);
    assert_eq!(findings(&report), ["JAM002 | Taxor", "JAM001 | Budget"]);
}

/// Found by fuzzing (fuzz/REPORT.md): CommonMark ends a line at a lone `\r`
/// too, so a setext heading after one is no second copy of the case before it,
/// and two case headings split by one are two cases.
#[test]
fn case_headings_split_by_a_lone_carriage_return() {
    let linter = Linter::new(&Config::default()).expect("default config");
    let text = "## § 184 Resultatrapport\rUnderrubrik\n---\n\nText.\n";
    let report = linter.lint_agenda(text, SourceKind::Markdown);
    assert_eq!(titles_and_dnr(&report), [("Resultatrapport", None)]);
    assert_eq!(report.cases[0].range, 0..text.len());

    let text = "## § 184 Första\r## § 185 Andra\r\rText.\n";
    let report = linter.lint_agenda(text, SourceKind::Markdown);
    assert_eq!(titles_and_dnr(&report), [("Första", None), ("Andra", None)]);
    for case in &report.cases {
        assert!(case.range.start <= case.heading.start && case.heading.end <= case.range.end);
    }
    assert_eq!(report.cases[0].range.end, report.cases[1].range.start);
}
