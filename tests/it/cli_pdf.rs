//! `.pdf` end to end: the LibreOffice export of an agenda gives the cases and
//! findings of its `.docx` and `.md` twins, on the lines of the PDF's own
//! extracted text; a PDF without a text layer is one clear error line and
//! exit 2 while the other files are still checked.

use crate::cli_support::*;
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn diagnostics(run: &Run) -> Vec<Value> {
    run.json()["diagnostics"]
        .as_array()
        .expect("diagnostics is an array")
        .clone()
}

/// The words of a span: `### Jämställdhet` in Markdown, `Jämställdhet` in
/// the text of a Word or PDF file.
fn words(s: &str) -> String {
    s.split_whitespace()
        .filter(|w| !w.chars().all(|c| c == '#'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `RULE | case | words of the span` for every finding of `file`'s text.
fn findings(run: &Run, text: &str) -> Vec<String> {
    diagnostics(run)
        .iter()
        .map(|d| {
            let span = d["byte_start"].as_u64().unwrap() as usize
                ..d["byte_end"].as_u64().unwrap() as usize;
            format!(
                "{} | {} | {}",
                d["rule"].as_str().unwrap(),
                d["case"].as_str().unwrap_or("-"),
                words(&text[span])
            )
        })
        .collect()
}

#[test]
fn an_agenda_pdf_gives_the_cases_and_findings_of_its_docx_and_md_twins() {
    let ws = Workspace::new();
    let pdf = fixture("kallelse.pdf");
    let md = fixture("kallelse.md");
    ws.write("kallelse.pdf", &pdf);
    ws.write("kallelse.docx", fixture("kallelse.docx"));
    ws.write("kallelse.md", &md);

    let pdf_run = ws.run(&["check", "--agenda", "--format", "json", "kallelse.pdf"]);
    assert_eq!(pdf_run.code, 1, "{}", pdf_run.stderr);
    assert_eq!(pdf_run.stderr, "");
    // The text the offsets index: the core's extraction of the same bytes.
    let pdf_text = arendelint_core::Linter::new(&arendelint_core::Config::default())
        .expect("default config")
        .check(&arendelint_core::Input::bytes(
            &pdf,
            arendelint_core::SourceKind::Pdf,
        ))
        .expect("a text PDF")
        .text
        .into_owned();
    let pdf_findings = findings(&pdf_run, &pdf_text);

    let md_run = ws.run(&["check", "--agenda", "--format", "json", "kallelse.md"]);
    let md_text = String::from_utf8(md).expect("UTF-8");
    assert_eq!(pdf_findings, findings(&md_run, &md_text));

    let docx_run = ws.run(&["check", "--agenda", "--format", "json", "kallelse.docx"]);
    let docx_bytes = fixture("kallelse.docx");
    let docx_report = arendelint_core::Linter::new(&arendelint_core::Config::default())
        .expect("default configuration")
        .check(&arendelint_core::Input::bytes(
            &docx_bytes,
            arendelint_core::SourceKind::Docx,
        ))
        .expect("a readable .docx");
    assert_eq!(pdf_findings, findings(&docx_run, &docx_report.text));

    // The same four cases in all three.
    for run in [&pdf_run, &md_run, &docx_run] {
        assert_eq!(run.json()["summary"]["cases"], 4);
    }
    // Exact places in the PDF's extracted text: `path`, `line` and `column`
    // agree with the byte offsets.
    let places: Vec<(String, String, u64, u64)> = diagnostics(&pdf_run)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("JAM004", 17, 23),
        ("JAM003", 17, 57),
        ("JAM001", 31, 1),
        ("JAM004", 37, 33),
        ("JAM003", 55, 1),
        ("JAM002", 59, 1),
        ("JAM004", 67, 52),
        ("JAM003", 68, 36),
    ]
    .map(|(rule, line, column)| ("kallelse.pdf".to_string(), rule.to_string(), line, column));
    assert_eq!(places, expected);
    let lines: Vec<&str> = pdf_text.lines().collect();
    for d in diagnostics(&pdf_run) {
        let start = d["byte_start"].as_u64().unwrap() as usize;
        let line_start = pdf_text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = d["line"].as_u64().unwrap() as usize;
        assert_eq!(
            lines[line - 1],
            pdf_text[line_start..].lines().next().unwrap()
        );
        assert_eq!(
            d["column"].as_u64().unwrap() as usize,
            pdf_text[line_start..start].chars().count() + 1
        );
    }
    assert_eq!(
        lines[16],
        "Stadsbiblioteket hade 12 400 besökare under 2025. Många invånare har under flera år"
    );
}

#[test]
fn a_scanned_pdf_is_one_error_line_and_exit_2_while_other_files_are_checked() {
    let ws = Workspace::new();
    ws.write(
        "skanning.pdf",
        crate::pdf_support::pdf(&[crate::pdf_support::Page::Image]),
    );
    ws.write(
        "ritning.pdf",
        crate::pdf_support::pdf(&[crate::pdf_support::Page::Drawing]),
    );
    ws.write("arende.md", SIMHALL);
    let run = ws.run(&["check", "--format", "json", "skanning.pdf", "arende.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr_lines(),
        ["arendelint: fel: skanning.pdf: inget textlager; inskannad? PDF-filen innehåller ingen text, bara bilder eller grafik — kör textigenkänning (OCR) på den, eller kontrollera dokumentet den gjordes från"]
    );
    assert_eq!(
        run.json_findings(),
        ["arende.md:JAM001", "arende.md:JAM004"]
    );

    // In English, and found by walking the folder: both text-less PDFs.
    let run = ws.run(&["check", "--lang", "en", "--format", "json", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr_lines(),
        [
            "arendelint: error: ritning.pdf: no text layer; scanned? The PDF holds no text, only images or drawings — run text recognition (OCR) on it, or check the document it was made from",
            "arendelint: error: skanning.pdf: no text layer; scanned? The PDF holds no text, only images or drawings — run text recognition (OCR) on it, or check the document it was made from",
        ]
    );
    assert_eq!(
        run.json_findings(),
        ["arende.md:JAM001", "arende.md:JAM004"]
    );
}

#[test]
fn a_pdf_in_a_folder_is_checked_and_never_fixed() {
    let ws = Workspace::new();
    let pdf = fixture("arende.pdf");
    ws.write("ärenden/arende.pdf", &pdf);
    let run = ws.run(&["check", "--format", "json", "ärenden"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let rules: Vec<(String, u64)> = diagnostics(&run)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("JAM003", 15),
            // Line 30's "Eleverna" is a related location of line 21's "elever".
            ("JAM003", 21),
            ("JAM003", 39),
            ("JAM003", 44),
            ("JAM002", 65),
            ("JAM003", 72),
        ]
        .map(|(r, l)| (r.to_string(), l))
    );
    assert!(diagnostics(&run)
        .iter()
        .all(|d| d.get("fix").is_none_or(Value::is_null)));

    // --fix leaves the PDF as it is (its offsets index the extracted text).
    let run = ws.run(&["check", "--fix", "ärenden"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        std::fs::read(ws.path().join("ärenden/arende.pdf")).unwrap(),
        pdf
    );
}

#[test]
fn a_pdf_on_stdin_and_a_damaged_pdf() {
    let ws = Workspace::new();
    let run = ws.run_stdin(
        &[
            "check",
            "--stdin",
            "--stdin-filename",
            "a.pdf",
            "--format",
            "json",
        ],
        &fixture("arende.pdf"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.json()["diagnostics"][0]["path"], "a.pdf");
    assert_eq!(run.json()["diagnostics"].as_array().unwrap().len(), 6);

    ws.write("trasig.pdf", b"%PDF-1.7\n%%EOF\n");
    ws.write("inte.pdf", b"# Markdown med fel filandelse\n");
    let run = ws.run(&["check", "trasig.pdf", "inte.pdf"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr_lines(),
        [
            "arendelint: fel: inte.pdf: filen är ingen PDF (den börjar inte med %PDF-); kontrollera den under sin rätta filändelse",
            "arendelint: fel: trasig.pdf: PDF-filen är avkortad eller skadad (inga objekt hittades); kopiera den igen från källan eller exportera den på nytt",
        ]
    );
}
