//! Extraction details no report shows: heading levels, bold-only and list
//! flags, and the blocks of tracked changes. The fixtures come from the
//! integration tests' generator.

#[path = "../../tests/docx_support/mod.rs"]
mod docx_support;

use super::{extract, Block, Extracted, Paragraph};
use docx_support::*;

/// The paragraphs of the extracted body, cells included, in order.
fn paragraphs(x: &Extracted) -> Vec<&Paragraph> {
    let mut out = Vec::new();
    for block in &x.blocks {
        match block {
            Block::Paragraph(p) => out.push(p),
            Block::Table(t) => {
                for cell in t.rows.iter().flatten() {
                    out.extend(&cell.paragraphs);
                }
            }
        }
    }
    out
}

#[test]
fn heading_levels_come_from_styles_names_and_outline_levels() {
    let doc = Docx::new()
        .add(para_with(
            Some("Rubrik"),
            "",
            &[run("Titel enligt formatmallen Title")],
        ))
        .add(heading(1, "Rubrik 1 via namnet heading 1"))
        .add(heading(2, "Rubrik 2 via namnet heading 2"))
        .add(para_with(
            Some("EgenRubrik2"),
            "",
            &[run("Egen mall som heter Rubrik 2")],
        ))
        .add(para_with(
            Some("Avsnitt"),
            "",
            &[run("Dispositionsnivå 3 i mallen")],
        ))
        .add(para_with(
            Some("AvsnittLokal"),
            "",
            &[run("Ärvd dispositionsnivå")],
        ))
        .add(para_with(
            None,
            r#"<w:outlineLvl w:val="1"/>"#,
            &[run("Direkt nivå")],
        ))
        .add(para_with(
            Some("Rubrik2"),
            r#"<w:outlineLvl w:val="9"/>"#,
            &[run("Brödtext")],
        ))
        .add(para_with(Some("Okand3"), "", &[run("Okänd mall")]))
        .add(para_with(
            Some("Heading3"),
            "",
            &[run("Mall-id utan styles.xml")],
        ))
        .add(text("Vanlig text."));
    let x = extract(&doc.to_bytes()).expect("readable");
    let levels: Vec<(String, Option<u8>)> = paragraphs(&x)
        .iter()
        .map(|p| (x.text[p.range.clone()].to_string(), p.heading))
        .collect();
    let expected: Vec<(String, Option<u8>)> = [
        ("Titel enligt formatmallen Title", Some(0)),
        ("Rubrik 1 via namnet heading 1", Some(1)),
        ("Rubrik 2 via namnet heading 2", Some(2)),
        ("Egen mall som heter Rubrik 2", Some(2)),
        ("Dispositionsnivå 3 i mallen", Some(3)),
        ("Ärvd dispositionsnivå", Some(3)),
        ("Direkt nivå", Some(2)),
        ("Brödtext", None),
        ("Okänd mall", None),
        ("Mall-id utan styles.xml", Some(3)),
        ("Vanlig text.", None),
    ]
    .into_iter()
    .map(|(t, l)| (t.to_string(), l))
    .collect();
    assert_eq!(levels, expected);
}

#[test]
fn bold_only_and_list_item_flags() {
    let x = extract(
        &Docx::new()
            .add(para(&[bold("Fet")]))
            .add(para(&[bold("Fet"), run(" och normal")]))
            .add(item("En punkt"))
            .to_bytes(),
    )
    .expect("readable");
    let flags: Vec<(bool, bool)> = paragraphs(&x)
        .iter()
        .map(|p| (p.bold_only, p.list_item))
        .collect();
    assert_eq!(flags, [(true, false), (false, false), (false, true)]);
}

#[test]
fn a_deleted_paragraph_mark_joins_two_paragraphs() {
    let deleted_mark =
        r#"<w:rPr><w:del w:id="7" w:author="A" w:date="2024-05-02T10:00:00Z"/></w:rPr>"#;
    let doc = Docx::new()
        .add(para_with(None, deleted_mark, &[run("Första delen ")]))
        .add(text("och andra delen."))
        .add(text("Nästa stycke."));
    let x = extract(&doc.to_bytes()).expect("readable");
    assert_eq!(x.text, "Första delen och andra delen.\nNästa stycke.");
    assert_eq!(x.blocks.len(), 2);
}

#[test]
fn deleted_table_rows_are_not_read() {
    let deleted_row = r#"<w:tr><w:trPr><w:del w:id="8" w:author="A" w:date="2024-05-02T10:00:00Z"/></w:trPr><w:tc><w:p><w:r><w:delText>Borttagen rad</w:delText></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>99</w:t></w:r></w:p></w:tc></w:tr>"#;
    let table_xml = text_table(&[&["Enhet", "Antal"], &["Norrby", "3"]])
        .replace("</w:tbl>", &format!("{deleted_row}</w:tbl>"));
    let x = extract(&Docx::new().add(table_xml).to_bytes()).expect("readable");
    assert_eq!(x.text, "Enhet\nAntal\nNorrby\n3");
    let Block::Table(t) = &x.blocks[0] else {
        panic!("a table: {:?}", x.blocks)
    };
    assert_eq!(t.rows.len(), 2);
}
