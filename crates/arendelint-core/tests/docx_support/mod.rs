//! Writes `.docx` test fixtures from a simple description, so that every fixture
//! is readable in the test that uses it (no opaque binaries in the repository).
//!
//! - [`Docx`] assembles a document from paragraph and table XML fragments made by
//!   the helpers below ([`para`], [`run`], [`bold`], [`ins`], [`del`], …) and
//!   writes a complete package (content types, relationships, styles, comments)
//!   with the `zip` crate.
//! - [`from_markdown`] turns a small Markdown subset (ATX headings, bold-only
//!   paragraphs, `**Label:** text`, `- ` items, pipe tables) into the same
//!   document in Word form: the .md and .docx versions of a case must agree.
//! - [`raw_zip`] writes a zip by hand, byte by byte, for hostile files whose
//!   headers lie (zip bombs), which no well-behaved zip writer produces.

#![allow(dead_code)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Escapes text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain run.
pub fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A run made bold with direct formatting (`w:b`).
pub fn bold(text: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A run with a character style (`w:rStyle`).
pub fn styled_run(style: &str, text: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A tracked insertion.
pub fn ins(text: &str) -> String {
    format!(
        r#"<w:ins w:id="901" w:author="Handläggare" w:date="2024-05-02T10:00:00Z">{}</w:ins>"#,
        run(text)
    )
}

/// A tracked deletion (`w:delText` inside `w:del`).
pub fn del(text: &str) -> String {
    format!(
        r#"<w:del w:id="902" w:author="Handläggare" w:date="2024-05-02T10:00:00Z"><w:r><w:delText xml:space="preserve">{}</w:delText></w:r></w:del>"#,
        esc(text)
    )
}

/// Body text `text` annotated with comment `id` (whose text is in comments.xml).
pub fn commented(id: u32, text: &str) -> String {
    format!(
        r#"<w:commentRangeStart w:id="{id}"/>{}<w:commentRangeEnd w:id="{id}"/><w:r><w:rPr><w:rStyle w:val="Kommentarsreferens"/></w:rPr><w:commentReference w:id="{id}"/></w:r>"#,
        run(text)
    )
}

/// A complex field: `code` between begin and separate, `result` after it.
pub fn field(code: &str, result: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        esc(code),
        run(result)
    )
}

/// A paragraph with an optional style id and extra paragraph properties.
pub fn para_with(style: Option<&str>, ppr: &str, runs: &[String]) -> String {
    let style = style
        .map(|s| format!(r#"<w:pStyle w:val="{s}"/>"#))
        .unwrap_or_default();
    let props = if style.is_empty() && ppr.is_empty() {
        String::new()
    } else {
        format!("<w:pPr>{style}{ppr}</w:pPr>")
    };
    format!("<w:p>{props}{}</w:p>", runs.concat())
}

pub fn para(runs: &[String]) -> String {
    para_with(None, "", runs)
}

/// A paragraph of plain text.
pub fn text(s: &str) -> String {
    para(&[run(s)])
}

/// A heading paragraph with the built-in style `heading N` (id `RubrikN`, as
/// Swedish Word writes it).
pub fn heading(level: u8, s: &str) -> String {
    para_with(Some(&format!("Rubrik{level}")), "", &[run(s)])
}

/// A bulleted list item (numbering via `w:numPr`).
pub fn item(s: &str) -> String {
    para_with(
        Some("Liststycke"),
        r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#,
        &[run(s)],
    )
}

/// A table; each cell is a list of paragraph fragments.
pub fn table(rows: &[Vec<Vec<String>>]) -> String {
    let mut xml = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="Tabellrutnt"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>"#,
    );
    for row in rows {
        xml.push_str("<w:tr>");
        for cell in row {
            xml.push_str(r#"<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>"#);
            if cell.is_empty() {
                xml.push_str("<w:p/>");
            }
            for p in cell {
                xml.push_str(p);
            }
            xml.push_str("</w:tc>");
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// A table of plain-text cells.
pub fn text_table(rows: &[&[&str]]) -> String {
    let rows: Vec<Vec<Vec<String>>> = rows
        .iter()
        .map(|r| r.iter().map(|c| vec![text(c)]).collect())
        .collect();
    table(&rows)
}

/// Styles as Swedish Word writes them (ids `RubrikN`, names `heading N`), plus
/// custom styles for the tests: `Rubrik 2` by name only, an outline-level style,
/// a bold paragraph style and a bold character style.
pub const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:latentStyles w:defLockedState="0"><w:lsdException w:name="heading 1" w:uiPriority="9" w:qFormat="1"/></w:latentStyles>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:rPr><w:sz w:val="56"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="EgenRubrik2"><w:name w:val="Rubrik 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Avsnitt"><w:name w:val="Avsnittsrubrik"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="AvsnittLokal"><w:name w:val="Avsnitt lokal"/><w:basedOn w:val="Avsnitt"/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Fetstil"><w:name w:val="Fet brödtext"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Liststycke"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="Standardstycketeckensnitt"><w:name w:val="Default Paragraph Font"/></w:style>
<w:style w:type="character" w:styleId="Stark"><w:name w:val="Strong"/><w:basedOn w:val="Standardstycketeckensnitt"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Kommentarsreferens"><w:name w:val="annotation reference"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="Normaltabell"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style>
<w:style w:type="table" w:styleId="Tabellrutnt"><w:name w:val="Table Grid"/><w:basedOn w:val="Normaltabell"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr></w:style>
</w:styles>"#;

/// A `.docx` under construction.
#[derive(Default)]
pub struct Docx {
    body: Vec<String>,
    comments: Vec<(u32, String)>,
    styles: Option<String>,
    extra: Vec<(String, Vec<u8>)>,
}

impl Docx {
    pub fn new() -> Docx {
        Docx::default()
    }

    /// Adds body fragments (paragraphs, tables) in order.
    pub fn add(mut self, xml: impl Into<String>) -> Docx {
        self.body.push(xml.into());
        self
    }

    /// Adds a comment (the annotation's text lives in comments.xml).
    pub fn comment(mut self, id: u32, text: &str) -> Docx {
        self.comments.push((id, text.to_string()));
        self
    }

    /// Replaces styles.xml.
    pub fn styles(mut self, xml: &str) -> Docx {
        self.styles = Some(xml.to_string());
        self
    }

    /// Adds another entry to the package.
    pub fn entry(mut self, name: &str, bytes: &[u8]) -> Docx {
        self.extra.push((name.to_string(), bytes.to_vec()));
        self
    }

    pub fn document_xml(&self) -> String {
        document_xml(&self.body.concat())
    }

    /// The package's entries, as Word writes them.
    pub fn entries(&self) -> Vec<(String, Vec<u8>)> {
        let mut entries = vec![
            (
                "[Content_Types].xml".to_string(),
                CONTENT_TYPES.as_bytes().to_vec(),
            ),
            ("_rels/.rels".to_string(), ROOT_RELS.as_bytes().to_vec()),
            (
                "word/_rels/document.xml.rels".to_string(),
                DOC_RELS.as_bytes().to_vec(),
            ),
            (
                "word/document.xml".to_string(),
                self.document_xml().into_bytes(),
            ),
            (
                "word/styles.xml".to_string(),
                self.styles.as_deref().unwrap_or(STYLES).as_bytes().to_vec(),
            ),
        ];
        let mut comments = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}">"#
        );
        for (id, text) in &self.comments {
            comments.push_str(&format!(
                r#"<w:comment w:id="{id}" w:author="Granskare" w:date="2024-05-02T10:00:00Z" w:initials="G"><w:p><w:pPr><w:pStyle w:val="Kommentarer"/></w:pPr>{}</w:p></w:comment>"#,
                run(text)
            ));
        }
        comments.push_str("</w:comments>");
        entries.push(("word/comments.xml".to_string(), comments.into_bytes()));
        entries.extend(self.extra.iter().cloned());
        entries
    }

    /// The `.docx` file's bytes (entries deflated, as Word does).
    pub fn to_bytes(&self) -> Vec<u8> {
        zip_entries(&self.entries())
    }
}

/// A zip of `entries`, deflated (at the fastest level: the reader sees a
/// deflate stream all the same, and the fuzz target makes one per input),
/// written by the `zip` crate.
pub fn zip_entries(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// `word/document.xml` around body XML.
pub fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"/></w:sectPr></w:body></w:document>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;

/// The Word version of a small Markdown subset: `#`–`######` headings (styles
/// `heading N`), paragraphs of bold text only, `**Label:** text`, `- ` list
/// items and pipe tables (first row the header). Paragraph lines are joined.
pub fn from_markdown(md: &str) -> Docx {
    let mut doc = Docx::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let flush = |doc: Docx, paragraph: &mut Vec<&str>, rows: &mut Vec<Vec<String>>| {
        let mut doc = doc;
        if !paragraph.is_empty() {
            doc = doc.add(md_paragraph(&paragraph.join(" ")));
            paragraph.clear();
        }
        if !rows.is_empty() {
            let cells: Vec<Vec<Vec<String>>> = rows
                .iter()
                .map(|r| r.iter().map(|c| vec![text(c)]).collect())
                .collect();
            doc = doc.add(table(&cells));
            rows.clear();
        }
        doc
    };
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with('|') {
            if !paragraph.is_empty() {
                doc = flush(doc, &mut paragraph, &mut Vec::new());
            }
            let cells: Vec<String> = t
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            if !cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'))
            {
                rows.push(cells);
            }
            continue;
        }
        if t.is_empty() {
            doc = flush(doc, &mut paragraph, &mut rows);
            continue;
        }
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            doc = flush(doc, &mut paragraph, &mut rows);
            doc = doc.add(heading(hashes as u8, t[hashes..].trim()));
            continue;
        }
        if let Some(rest) = t.strip_prefix("- ") {
            doc = flush(doc, &mut paragraph, &mut rows);
            doc = doc.add(item(rest));
            continue;
        }
        paragraph.push(t);
    }
    flush(doc, &mut paragraph, &mut rows)
}

/// One Markdown paragraph: `**bold**` spans become bold runs.
fn md_paragraph(s: &str) -> String {
    let mut runs = Vec::new();
    for (i, part) in s.split("**").enumerate() {
        if part.is_empty() {
            continue;
        }
        runs.push(if i % 2 == 1 { bold(part) } else { run(part) });
    }
    para(&runs)
}

/// One entry of a hand-written zip.
pub struct RawEntry<'a> {
    pub name: &'a str,
    /// 0 stored, 8 deflate.
    pub method: u16,
    /// The entry's data as stored (compressed for deflate).
    pub data: &'a [u8],
    /// The uncompressed size the headers declare (may lie).
    pub declared_size: u32,
    pub crc: u32,
    /// General-purpose flags (bit 0: encrypted).
    pub flags: u16,
}

/// A zip archive written by hand, so that headers can lie like a zip bomb's.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let name = e.name.as_bytes();
        // Local file header.
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&e.flags.to_le_bytes());
        out.extend_from_slice(&e.method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0x21, 0x00]); // time, date
        out.extend_from_slice(&e.crc.to_le_bytes());
        out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&e.declared_size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(e.data);
        // Central directory header.
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&e.flags.to_le_bytes());
        central.extend_from_slice(&e.method.to_le_bytes());
        central.extend_from_slice(&[0, 0, 0x21, 0x00]);
        central.extend_from_slice(&e.crc.to_le_bytes());
        central.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        central.extend_from_slice(&e.declared_size.to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attrs
        central.extend_from_slice(&0u32.to_le_bytes()); // external attrs
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A raw deflate stream that inflates to `mib` MiB of spaces, built in a few
/// milliseconds: one sync-flushed segment for 1 MiB, repeated (each segment
/// refers only to its own output), then a final empty block.
pub fn deflate_bomb(mib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let chunk = vec![b' '; 1024 * 1024];
    let mut c = Compress::new(Compression::best(), false);
    let mut segment = Vec::with_capacity(64 * 1024);
    c.compress_vec(&chunk, &mut segment, FlushCompress::Full)
        .expect("deflate");
    let mut out = Vec::with_capacity(segment.len() * mib + 8);
    for _ in 0..mib {
        out.extend_from_slice(&segment);
    }
    // A final, empty stored block.
    out.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]);
    out
}
