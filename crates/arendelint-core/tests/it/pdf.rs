//! `.pdf` input: the extracted text of hand-built PDFs (two columns, Swedish
//! letters through WinAnsi and through a `/ToUnicode` CMap, page furniture,
//! words broken at line ends), PDFs without text, damaged files, and the
//! LibreOffice exports in tests/fixtures/pdf against their Markdown twins.

use crate::pdf_support::*;
use arendelint_core::error::{CheckError, PdfError};
use arendelint_core::text::LineIndex;
use arendelint_core::{Config, Diagnostic, Linter, SourceKind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The text layer of a PDF: the text the findings of [`Linter::check`] index.
fn extract(bytes: &[u8]) -> Result<String, PdfError> {
    match linter().check(&arendelint_core::Input::bytes(bytes, SourceKind::Pdf)) {
        Ok(report) => Ok(report.text.into_owned()),
        Err(CheckError::Pdf(e)) => Err(e),
        Err(e) => panic!("not a PDF error: {e}"),
    }
}

/// Checks a PDF's bytes as one document.
fn lint_pdf(bytes: &[u8]) -> Result<arendelint_core::Report<'static>, PdfError> {
    check_pdf(bytes, arendelint_core::Mode::Document).map(|(r, _)| r)
}

/// Checks a PDF's bytes as an agenda: the report and its cases.
fn lint_pdf_agenda(
    bytes: &[u8],
) -> Result<
    (
        arendelint_core::Report<'static>,
        Vec<arendelint_core::report::CaseInfo>,
    ),
    PdfError,
> {
    check_pdf(bytes, arendelint_core::Mode::Agenda)
}

fn check_pdf(
    bytes: &[u8],
    mode: arendelint_core::Mode,
) -> Result<
    (
        arendelint_core::Report<'static>,
        Vec<arendelint_core::report::CaseInfo>,
    ),
    PdfError,
> {
    let input = arendelint_core::Input::bytes(bytes, SourceKind::Pdf).with_mode(mode);
    match linter().check(&input) {
        Ok(report) => {
            let cases = if report.mode == arendelint_core::Mode::Agenda {
                report.cases.clone()
            } else {
                Vec::new()
            };
            Ok((report.into_owned(), cases))
        }
        Err(CheckError::Pdf(e)) => Err(e),
        Err(other) => panic!("{other:?}"),
    }
}

/// The default linter, built once: compiling the rule data's patterns is
/// most of the cost of a check in a debug build.
fn linter() -> &'static Linter {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    LINTER.get_or_init(|| {
        Linter::new(&Config::default()).expect("the default configuration is valid")
    })
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `RULE line span-text` for every finding (line 1-based in `text`).
fn describe(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| {
            let line = index
                .line_col(text, d.span.start, arendelint_core::text::ColumnUnit::Char)
                .line
                + 1;
            format!("{} {line} {}", d.rule.code(), &text[d.span.clone()])
        })
        .collect()
}

/// The words of a span, so that a finding reads the same in Markdown (`###`
/// before a heading) and in text where a line break stands inside the span.
fn words(s: &str) -> String {
    s.split_whitespace()
        .filter(|w| !w.chars().all(|c| c == '#'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A two-column page: a title across both columns, then a left column whose
/// heading is broken by a hyphen at the line end, then a right column.
fn two_columns() -> Vec<Text> {
    let mut texts = vec![t(60.0, 790.0, 16.0, "Tjänsteskrivelse: Simhallen")];
    texts.extend(lines(
        60.0,
        750.0,
        11.0,
        14.0,
        &[
            "Bakgrund",
            "",
            "Simhallen hade 4 500 besökare",
            "i fjol, de flesta på kvällar.",
            "",
            "Konsekvenser för jäm-",
            "ställdhet",
            "",
            "Kvinnor och män simmar lika",
            "ofta, visar besöksenkäten.",
        ],
    ));
    texts.retain(|x| !x.text.is_empty());
    texts.extend(lines(
        320.0,
        750.0,
        11.0,
        14.0,
        &[
            "Förvaltningen föreslår att",
            "öppettiderna utökas för alla",
            "patienter i rehabiliteringen,",
            "och att simskolan får fler",
            "grupper på helger, då de",
            "flesta familjer kan komma.",
        ],
    ));
    texts
}

const TWO_COLUMNS_TEXT: &str = "Tjänsteskrivelse: Simhallen

Bakgrund

Simhallen hade 4 500 besökare
i fjol, de flesta på kvällar.

Konsekvenser för jäm-
ställdhet

Kvinnor och män simmar lika
ofta, visar besöksenkäten.
Förvaltningen föreslår att
öppettiderna utökas för alla
patienter i rehabiliteringen,
och att simskolan får fler
grupper på helger, då de
flesta familjer kan komma.
";

#[test]
fn two_columns_come_out_column_by_column() {
    let text = extract(&pdf(&[Page::Text(two_columns())])).expect("a text PDF");
    assert_eq!(text, TWO_COLUMNS_TEXT);
}

#[test]
fn numbers_tabbed_from_their_titles_are_not_columns() {
    // A bare kallelse: `§ N`, a tab, the title; nothing crosses the gap
    // between them, but they are not two columns of text.
    let titles = [
        "Val av justerare",
        "Utökade öppettider på stadsbiblioteket",
        "Ny förskola i Norrby",
        "Hemtjänst i glesbygd",
        "Sommarlovsaktiviteter för unga",
    ];
    let mut texts = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        let y = 760.0 - 24.0 * i as f64;
        texts.push(t(60.0, y, 11.0, &format!("§ {}", 11 + i)));
        texts.push(t(130.0, y, 11.0, title));
    }
    let bytes = pdf(&[Page::Text(texts)]);
    assert_eq!(
        extract(&bytes).as_deref(),
        Ok("§ 11 Val av justerare\n§ 12 Utökade öppettider på stadsbiblioteket\n§ 13 Ny förskola i Norrby\n§ 14 Hemtjänst i glesbygd\n§ 15 Sommarlovsaktiviteter för unga\n")
    );
    let (_, cases) = lint_pdf_agenda(&bytes).expect("a text PDF");
    assert_eq!(
        cases.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(),
        [
            "Val av justerare",
            "Utökade öppettider på stadsbiblioteket",
            "Ny förskola i Norrby",
            "Hemtjänst i glesbygd",
            "Sommarlovsaktiviteter för unga",
        ]
    );
}

#[test]
fn a_tounicode_font_under_a_scaled_ctm_reads_the_same() {
    // Arbitrary one-byte codes, a CMap to Unicode, the text matrix scaled
    // by the CTM: the same places and the same Swedish letters.
    let text = extract(&pdf(&[Page::Mapped(two_columns())])).expect("a text PDF");
    assert_eq!(text, TWO_COLUMNS_TEXT);
}

#[test]
fn letters_with_combining_marks_are_composed() {
    // A font whose CMap gives "a" + U+0308 for ä, and "a" + U+030A for å.
    let bytes = pdf(&[Page::Mapped(vec![t(
        60.0,
        700.0,
        11.0,
        "Konsekvenser fo\u{308}r ja\u{308}mställdhet och a\u{30a}tgärder",
    )])]);
    assert_eq!(
        extract(&bytes).as_deref(),
        Ok("Konsekvenser för jämställdhet och åtgärder\n")
    );
}

#[test]
fn two_columns_give_exact_findings_with_the_hyphenated_heading_joined() {
    let bytes = pdf(&[Page::Text(two_columns())]);
    let report = lint_pdf(&bytes).expect("a text PDF");
    assert_eq!(report.text, TWO_COLUMNS_TEXT);
    // "jäm-" / "ställdhet" is one gender heading: no JAM001, and the section
    // rules name it. The right column continues that section. The figure and
    // the group word are found on the lines of the extracted text.
    assert_eq!(
        describe(&report.text, &report.diagnostics),
        [
            "JAM004 5 4 500 besökare",
            "JAM002 8 Konsekvenser för jäm-",
            "JAM006 11 Kvinnor och män simmar lika",
            "JAM003 14 alla\npatienter",
        ]
    );
    assert!(report.diagnostics.iter().all(|d| d.fix.is_none()));
}

/// Two pages with a running header and a page footer; the paragraph in the
/// background section runs on across the page break.
fn two_pages() -> Vec<u8> {
    let header = |n: usize| {
        vec![
            t(60.0, 810.0, 9.0, "Kommunstyrelsen – Tjänsteskrivelse"),
            t(480.0, 30.0, 9.0, &format!("Sida {n} (2)")),
        ]
    };
    let mut first = header(1);
    first.extend(lines(60.0, 760.0, 14.0, 18.0, &["Ny ungdomsmottagning"]));
    first.extend(lines(60.0, 720.0, 12.0, 15.0, &["Bakgrund"]));
    first.extend(lines(
        60.0,
        690.0,
        11.0,
        14.0,
        &[
            "Mottagningen hade 2 300 besök förra året, och många av dem som",
            "söker sig dit är unga. Väntetiden är lång för de flesta som vill",
        ],
    ));
    let mut second = header(2);
    second.extend(lines(
        60.0,
        760.0,
        11.0,
        14.0,
        &[
            "träffa en kurator, och skolorna rapporterar att många elever inte",
            "känner till mottagningen.",
        ],
    ));
    second.extend(lines(
        60.0,
        712.0,
        12.0,
        15.0,
        &["Konsekvenser för jämställdhet"],
    ));
    second.extend(lines(
        60.0,
        682.0,
        11.0,
        14.0,
        &["Förslaget bedöms inte påverka jämställdheten."],
    ));
    pdf(&[Page::Text(first), Page::Text(second)])
}

#[test]
fn page_headers_and_footers_are_lines_around_a_form_feed_and_never_checked() {
    let report = lint_pdf(&two_pages()).expect("a text PDF");
    assert_eq!(
        report.text,
        "Kommunstyrelsen – Tjänsteskrivelse
Ny ungdomsmottagning

Bakgrund

Mottagningen hade 2 300 besök förra året, och många av dem som
söker sig dit är unga. Väntetiden är lång för de flesta som vill
Sida 1 (2)
\u{c}
Kommunstyrelsen – Tjänsteskrivelse
träffa en kurator, och skolorna rapporterar att många elever inte
känner till mottagningen.

Konsekvenser för jämställdhet

Förslaget bedöms inte påverka jämställdheten.
Sida 2 (2)
"
    );
    // The header and footer are furniture: the paragraph runs on across the
    // break (one JAM003 on "elever" in its sentence), and the header's words
    // are never findings.
    assert_eq!(
        describe(&report.text, &report.diagnostics),
        [
            "JAM003 11 elever",
            "JAM002 14 Konsekvenser för jämställdhet",
        ]
    );
}

#[test]
fn a_bare_page_number_is_left_out_so_it_never_counts_a_group() {
    let page = |n: &str, body: &[&str]| {
        let mut texts = vec![t(290.0, 30.0, 9.0, n)];
        texts.extend(lines(60.0, 760.0, 11.0, 14.0, body));
        Page::Text(texts)
    };
    let bytes = pdf(&[
        page(
            "1",
            &[
                "Konsekvenser för jämställdhet",
                "",
                "Förslaget påverkar kvinnor och män lika, eftersom det gäller",
                "lokalerna och inte verksamheten. Förvaltningen föreslår att",
            ],
        ),
        page(
            "- 2 -",
            &["elever och lärare får ett nytt uppehållsrum i huset."],
        ),
    ]);
    let report = lint_pdf(&bytes).expect("a text PDF");
    assert_eq!(
        report.text,
        "Konsekvenser för jämställdhet

Förslaget påverkar kvinnor och män lika, eftersom det gäller
lokalerna och inte verksamheten. Förvaltningen föreslår att
\u{c}
elever och lärare får ett nytt uppehållsrum i huset.
"
    );
    // "att / 1 / elever" would be the figure "1 elever" (JAM004); only the
    // group word is found (and the short section's missing goal link).
    assert_eq!(
        describe(&report.text, &report.diagnostics),
        ["JAM006 1 Konsekvenser för jämställdhet", "JAM003 6 elever"]
    );
}

#[test]
fn a_pdf_without_text_is_a_no_text_layer_error() {
    for pages in [
        vec![Page::Image],
        vec![Page::Drawing],
        vec![Page::Image, Page::Drawing],
    ] {
        let bytes = pdf(&pages);
        assert_eq!(extract(&bytes), Err(PdfError::NoTextLayer));
        assert_eq!(lint_pdf(&bytes).unwrap_err(), PdfError::NoTextLayer);
        assert_eq!(lint_pdf_agenda(&bytes).unwrap_err(), PdfError::NoTextLayer);
    }
    assert_eq!(
        PdfError::NoTextLayer.to_string(),
        "no text layer; scanned? The PDF holds no text, only images or drawings — run text recognition (OCR) on it, or check the document it was made from"
    );
}

#[test]
fn not_a_pdf_empty_encrypted_and_damaged_files_are_clear_errors() {
    assert_eq!(extract(b""), Err(PdfError::Empty));
    assert_eq!(extract(b"# Rubrik\n\nText."), Err(PdfError::NotPdf));
    assert_eq!(
        extract(b"%PDF-1.7\n%%EOF\n"),
        Err(PdfError::Damaged {
            detail: "no objects found".into()
        })
    );
    // An /Encrypt entry in the trailer: the strings and streams are ciphertext.
    let mut encrypted = pdf(&[Page::Text(two_columns())]);
    let at = encrypted
        .windows(7)
        .rposition(|w| w == b"/Root 1")
        .expect("the writer's trailer");
    encrypted.splice(
        at..at,
        b"/Encrypt << /Filter /Standard /V 2 >> ".iter().copied(),
    );
    assert_eq!(extract(&encrypted), Err(PdfError::Encrypted));
    // Objects but no page: damaged.
    assert_eq!(
        extract(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        Err(PdfError::Damaged {
            detail: "no pages found".into()
        })
    );
}

#[test]
fn a_broken_cross_reference_table_does_not_matter() {
    // Objects are found by scanning; the xref offsets are never trusted.
    let mut bytes = pdf(&[Page::Text(two_columns())]);
    let xref = bytes
        .windows(4)
        .rposition(|w| w == b"xref")
        .expect("an xref table");
    bytes.truncate(xref);
    assert_eq!(extract(&bytes).as_deref(), Ok(TWO_COLUMNS_TEXT));
}

#[test]
fn a_flate_compressed_content_stream_is_read() {
    use std::io::Write;
    let plain = pdf(&[Page::Text(two_columns())]);
    // Re-write the page's content stream (object 8) compressed.
    let find = |needle: &[u8], from: usize| {
        from + plain[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .expect("the writer's layout")
    };
    let start = find(b"\n8 0 obj", 0) + 1;
    let data_start = find(b"stream\n", start) + 7;
    let data_end = find(b"\nendstream", start);
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(&plain[data_start..data_end])
        .expect("compress");
    let compressed = encoder.finish().expect("compress");
    let mut bytes = plain[..start].to_vec();
    bytes.extend_from_slice(
        format!(
            "8 0 obj\n<< /Filter /FlateDecode /Length {} >>\nstream\n",
            compressed.len()
        )
        .as_bytes(),
    );
    bytes.extend_from_slice(&compressed);
    bytes.extend_from_slice(&plain[data_end..]);
    assert_eq!(extract(&bytes).as_deref(), Ok(TWO_COLUMNS_TEXT));
}

/// A PDF 1.5 file as Word and many case-management systems write it: the
/// catalog and page tree inside a compressed object stream, and a Type0 font
/// with two-byte codes (Identity-H), `/W` widths and a `/ToUnicode` CMap.
fn object_stream_and_type0_font() -> Vec<u8> {
    use std::io::Write;
    let deflate = |data: &[u8]| {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).expect("compress");
        e.finish().expect("compress")
    };
    let catalog = "<< /Type /Catalog /Pages 3 0 R >>";
    let tree = "<< /Type /Pages /Kids [4 0 R] /Count 1 >>";
    let header = format!("2 0 3 {}", catalog.len() + 1);
    let packed = deflate(format!("{header} {catalog} {tree}").as_bytes());
    // Glyph ids 1.. for the letters of the text, in order of appearance.
    let text = "Förslag: åtgärder för äldre";
    let mut alphabet: Vec<char> = Vec::new();
    let mut shown = String::new();
    for c in text.chars() {
        let id = match alphabet.iter().position(|&a| a == c) {
            Some(i) => i + 1,
            None => {
                alphabet.push(c);
                alphabet.len()
            }
        };
        shown.push_str(&format!("{id:04X}"));
    }
    // A second line through a bfrange: codes 0x0100–0x0119 are a–z.
    let content = deflate(
        format!("BT /F1 12 Tf 72 700 Td <{shown}> Tj ET BT /F1 12 Tf 72 680 Td <0102 0101 0112 0118> Tj ET")
            .as_bytes(),
    );
    let mut cmap = format!("/CIDInit /ProcSet findresource begin\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n{} beginbfchar\n", alphabet.len());
    for (i, c) in alphabet.iter().enumerate() {
        cmap.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, *c as u32));
    }
    cmap.push_str("endbfchar\n2 beginbfrange\n<0100> <0119> <0061>\n<0200> <0201> [<00E5> <00C5>]\nendbfrange\nendcmap\n");
    let mut out: Vec<u8> = b"%PDF-1.5\n".to_vec();
    let mut object = |n: usize, dict: String, data: Option<&[u8]>| {
        out.extend_from_slice(format!("{n} 0 obj\n{dict}").as_bytes());
        if let Some(data) = data {
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream");
        }
        out.extend_from_slice(b"\nendobj\n");
    };
    object(
        1,
        format!(
            "<< /Type /ObjStm /N 2 /First {} /Filter /FlateDecode /Length {} >>",
            header.len() + 1,
            packed.len()
        ),
        Some(&packed),
    );
    object(
        4,
        "<< /Type /Page /Parent 3 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>"
            .into(),
        None,
    );
    object(5, "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>".into(), None);
    object(
        6,
        format!("<< /Filter /FlateDecode /Length {} >>", content.len()),
        Some(&content),
    );
    object(7, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri /DW 500 /W [1 [520 480] 3 20 450] >>".into(), None);
    object(
        8,
        format!("<< /Length {} >>", cmap.len()),
        Some(cmap.as_bytes()),
    );
    out.extend_from_slice(b"trailer\n<< /Root 2 0 R >>\n%%EOF\n");
    out
}

#[test]
fn objects_in_an_object_stream_and_a_type0_font_are_read() {
    assert_eq!(
        extract(&object_stream_and_type0_font()).as_deref(),
        Ok("Förslag: åtgärder för äldre\ncbsy\n")
    );
}

#[test]
fn rotated_text_in_the_margin_is_left_out() {
    let mut bytes = pdf(&[Page::Text(vec![t(
        60.0,
        700.0,
        11.0,
        "Beslutet gäller alla.",
    )])]);
    // A stamp turned 90° (as templates print the Dnr along the margin).
    let at = bytes
        .windows(2)
        .position(|w| w == b"BT")
        .expect("a text object");
    bytes.splice(
        at..at,
        b"BT /F1 8 Tf 0 1 -1 0 580 300 Tm (Dnr KS 2026/1) Tj ET\n"
            .iter()
            .copied(),
    );
    // The stream's /Length is now short: the reader finds `endstream` instead.
    assert_eq!(extract(&bytes).as_deref(), Ok("Beslutet gäller alla.\n"));
}

#[test]
fn a_flate_bomb_and_a_file_of_broken_objects_are_refused_quickly() {
    use std::io::Write;
    // 80 MiB of zeros in a content stream compress to about 80 KiB.
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..80 {
        e.write_all(&zeros).expect("compress");
    }
    let bomb = e.finish().expect("compress");
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj\n3 0 obj << /Type /Page /Contents 4 0 R >> endobj\n".to_vec();
    bytes.extend_from_slice(
        format!(
            "4 0 obj << /Filter /FlateDecode /Length {} >> stream\n",
            bomb.len()
        )
        .as_bytes(),
    );
    bytes.extend_from_slice(&bomb);
    bytes.extend_from_slice(b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n");
    assert_eq!(
        extract(&bytes),
        Err(PdfError::TooLarge {
            what: "decoded bytes",
            limit: 64 * 1024 * 1024
        })
    );
    // One array of more numbers than the parse allows: refused while reading,
    // before it takes hundreds of megabytes.
    let mut huge = b"%PDF-1.4\n1 0 obj [".to_vec();
    huge.extend(std::iter::repeat_n(*b"0 ", 4_000_001).flatten());
    huge.extend_from_slice(b"] endobj\n");
    assert_eq!(
        extract(&huge),
        Err(PdfError::TooLarge {
            what: "objects",
            limit: 4_000_000
        })
    );
    // Thousands of unterminated arrays and streams: each stops at the next
    // object instead of running to the end of the file again.
    let mut broken = b"%PDF-1.4\n".to_vec();
    for n in 1..20_000 {
        broken.extend_from_slice(
            format!("{n} 0 obj [ 1 2 << /Length 99999 >> stream\nxx\n").as_bytes(),
        );
    }
    let started = Instant::now();
    assert!(extract(&broken).is_err());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

// --- LibreOffice exports (tests/fixtures/pdf, made by make.sh) -------------

#[test]
fn libreoffice_case_keeps_swedish_letters_and_drops_page_furniture() {
    let report = lint_pdf(&fixture("arende.pdf")).expect("a text PDF");
    let lines: Vec<&str> = report.text.lines().collect();
    assert_eq!(lines[0], "Socialförvaltningen – Tjänsteskrivelse");
    // The header is a line of the text (the plain-text front end drops it),
    // right above the title: no blank line that would end a paragraph.
    assert_eq!(lines[1], "Tjänsteskrivelse: Gemensam ungdomsmottagning");
    // The page break: the paragraph runs on after the footer, the form feed
    // and the next page's header.
    let ff = lines
        .iter()
        .position(|l| *l == "\u{c}")
        .expect("a page break");
    assert_eq!(
        &lines[ff - 2..ff + 3],
        [
            "elevhälsan och socialtjänstens öppenvård. Elevråden och kommunens ungdomsråd har",
            "Sida 1 (2)",
            "\u{c}",
            "Socialförvaltningen – Tjänsteskrivelse",
            "lämnat synpunkter på öppettider, lokaler och hur mottagningen ska marknadsföras. Polisen",
        ]
    );
    assert_eq!(
        describe(&report.text, &report.diagnostics),
        [
            "JAM003 15 besökarna",
            // Line 30's "Eleverna" is a related location of line 21 (§6.17).
            "JAM003 21 elever",
            "JAM003 39 patienter",
            "JAM003 44 Besökare",
            "JAM002 65 Konsekvenser för jämställdhet",
            "JAM003 72 besökarna",
        ]
    );
    // The same findings as the Markdown it was made from.
    let md = String::from_utf8(fixture("arende.md")).expect("UTF-8");
    let md_report = linter()
        .check(&arendelint_core::Input::text(&md, SourceKind::Markdown))
        .expect("text");
    let md_findings: Vec<String> = md_report
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.rule.code(), words(&md[d.span.clone()])))
        .collect();
    let pdf_findings: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.rule.code(), words(&report.text[d.span.clone()])))
        .collect();
    assert_eq!(pdf_findings, md_findings);
}

#[test]
fn libreoffice_agenda_gives_the_cases_and_findings_of_its_markdown_twin() {
    let (report, cases) = lint_pdf_agenda(&fixture("kallelse.pdf")).expect("a text PDF");
    let md = String::from_utf8(fixture("kallelse.md")).expect("UTF-8");
    let twin = linter()
        .check(
            &arendelint_core::Input::text(&md, SourceKind::Markdown)
                .with_mode(arendelint_core::Mode::Agenda),
        )
        .expect("text");
    let summary = |cases: &[arendelint_core::report::CaseInfo]| -> Vec<(String, Option<String>)> {
        cases
            .iter()
            .map(|c| (c.title.clone(), c.dnr.clone()))
            .collect()
    };
    assert_eq!(summary(&cases), summary(&twin.cases));
    assert_eq!(
        summary(&cases),
        [
            (
                "Utökade öppettider på stadsbiblioteket".to_string(),
                Some("KS 2026/041".to_string())
            ),
            (
                "Ny förskola i Norrby".to_string(),
                Some("KS 2026/052".to_string())
            ),
            (
                "Hemtjänst i glesbygd".to_string(),
                Some("KS 2026/063".to_string())
            ),
            (
                "Sommarlovsaktiviteter för unga".to_string(),
                Some("KS 2026/077".to_string())
            ),
        ]
    );
    let by_case = |text: &str, ds: &[Diagnostic]| -> Vec<String> {
        ds.iter()
            .map(|d| {
                format!(
                    "{} {} | {}",
                    d.rule.code(),
                    d.case.as_deref().unwrap_or("-"),
                    words(&text[d.span.clone()])
                )
            })
            .collect()
    };
    assert_eq!(
        by_case(&report.text, &report.diagnostics),
        by_case(&md, &twin.diagnostics)
    );
    assert_eq!(
        describe(&report.text, &report.diagnostics),
        [
            "JAM004 17 12 400 besökare",
            "JAM003 17 invånare",
            // JAM001 points at the start of the case heading (an empty span).
            "JAM001 31 ",
            "JAM004 37 120 barn",
            "JAM003 55 Alla brukare",
            "JAM002 59 Jämställdhet",
            "JAM004 67 640 deltagare",
            "JAM003 68 elever",
        ]
    );
}

// --- Hostile files ------------------------------------------------------------

/// A small deterministic generator (no dependency, same cases every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn hundreds_of_damaged_pdfs_never_panic_and_stay_fast() {
    let sources = [
        fixture("arende.pdf"),
        fixture("kallelse.pdf"),
        pdf(&[Page::Text(two_columns()), Page::Mapped(two_columns())]),
        two_pages(),
    ];
    let mut rng = Lcg(0x5eed);
    let mut cases = 0;
    let started = Instant::now();
    for source in &sources {
        for round in 0..100 {
            let mut bytes = source.clone();
            match round % 4 {
                // Truncated anywhere.
                0 => bytes.truncate(rng.below(bytes.len())),
                // Bytes overwritten at random.
                1 => {
                    for _ in 0..1 + rng.below(20) {
                        let i = rng.below(bytes.len());
                        bytes[i] = rng.next() as u8;
                    }
                }
                // A slice cut out of the middle.
                2 => {
                    let a = rng.below(bytes.len());
                    let b = (a + rng.below(2000)).min(bytes.len());
                    bytes.drain(a..b);
                }
                // Delimiters and keywords swapped in: unbalanced nesting.
                _ => {
                    let junk: [&[u8]; 6] = [
                        b"[[[[[[[[",
                        b"<<<<<<",
                        b"))))",
                        b" 1 0 R ",
                        b"stream",
                        b" obj ",
                    ];
                    for _ in 0..1 + rng.below(10) {
                        let i = rng.below(bytes.len());
                        let piece = junk[rng.below(junk.len())];
                        bytes.splice(i..i, piece.iter().copied());
                    }
                }
            }
            // Ok or a clear error; a panic fails the test.
            let _ = lint_pdf(&bytes);
            cases += 1;
        }
    }
    // Deeply nested arrays, a self-referencing page tree, an endless form.
    let nested = format!("%PDF-1.4\n1 0 obj\n{}\nendobj\n", "[".repeat(100_000));
    assert!(extract(nested.as_bytes()).is_err());
    let looped = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /Resources << /XObject << /X 4 0 R >> >> /Contents 5 0 R >> endobj\n4 0 obj << /Subtype /Form /Length 6 >> stream\n/X Do\nendstream endobj\n5 0 obj << /Length 6 >> stream\n/X Do\nendstream endobj\ntrailer << /Root 1 0 R >>\n";
    assert_eq!(extract(looped), Err(PdfError::NoTextLayer));
    assert_eq!(cases, 400);
    // A guard against a hang, not a speed target: 400 files take about 45 s in
    // a debug build alone, and this binary runs the core's other tests beside it.
    assert!(
        started.elapsed() < Duration::from_secs(180),
        "damaged files took {:?}",
        started.elapsed()
    );
}
