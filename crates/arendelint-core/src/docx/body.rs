//! `word/document.xml`: the body's paragraphs and tables in document order, as
//! the reader of the final document (all tracked changes accepted) sees them.

use super::archive::DOCUMENT;
use super::styles::Styles;
use super::xml::{attr, on_off, Ev, Ns, XmlReader};
use super::{Block, Cell, DocxError, Extracted, Paragraph, Table};
use quick_xml::events::BytesStart;

/// The elements whose meaning depends on where they stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    PPr,
    NumPr,
    R,
    RPr,
    T,
    Tbl,
    Tr,
    TrPr,
    Tc,
    Sdt,
    SdtPr,
    /// Any other element: read through.
    Other,
}

/// Elements that are never body text, with everything inside them.
fn skipped(ns: Ns, local: &[u8]) -> bool {
    match ns {
        Ns::W => matches!(
            local,
            // Deleted and field-code text, tracked-change records of old properties.
            b"delText" | b"delInstrText" | b"instrText"
                | b"rPrChange" | b"pPrChange" | b"sectPrChange" | b"tblPrChange"
                | b"trPrChange" | b"tcPrChange" | b"tblGridChange" | b"numberingChange"
                // Pictures and text boxes (their text is not in the flow), section
                // and table layout, annotation and note references.
                | b"drawing" | b"pict" | b"object" | b"txbxContent" | b"sectPr"
                | b"tblPr" | b"tblGrid" | b"tcPr" | b"sdtEndPr"
                | b"commentReference" | b"footnoteReference" | b"endnoteReference"
        ),
        // Markup compatibility: the fallback repeats the chosen content.
        Ns::Mc => local == b"Fallback",
        Ns::Other => false,
    }
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    /// Direct `w:outlineLvl`.
    outline: Option<u8>,
    numbered: bool,
    mark_deleted: bool,
    /// Some visible non-space text was seen, and some of it not bold.
    visible: bool,
    plain: bool,
}

#[derive(Default)]
struct Run {
    bold: Option<bool>,
    style: Option<String>,
    hidden: bool,
}

struct Body<'s> {
    styles: &'s Styles,
    out: Extracted,
    lines: usize,
    stack: Vec<Tag>,
    para: Para,
    /// A paragraph is open (or carried on after a deleted paragraph mark).
    in_para: bool,
    /// The open paragraph's mark was deleted: its text runs on into the next.
    carry: bool,
    run: Run,
    /// Open fields: `true` while in the field code (before `separate`), and
    /// how many are (kept as a count: a hostile file may open millions).
    fields: Vec<bool>,
    in_field_code: usize,
    /// Open content controls: `true` when showing placeholder text; how many are.
    sdts: Vec<bool>,
    in_placeholder: usize,
    table: Table,
    table_depth: usize,
    /// The current table row is a tracked deletion.
    row_deleted: bool,
}

pub(super) fn extract(bytes: &[u8], styles: &Styles) -> Result<Extracted, DocxError> {
    let mut r = XmlReader::new(bytes, DOCUMENT)?;
    let mut b = Body {
        styles,
        out: Extracted::default(),
        lines: 0,
        stack: Vec::new(),
        para: Para::default(),
        in_para: false,
        carry: false,
        run: Run::default(),
        fields: Vec::new(),
        in_field_code: 0,
        sdts: Vec::new(),
        in_placeholder: 0,
        table: Table::default(),
        table_depth: 0,
        row_deleted: false,
    };
    loop {
        match r.next()? {
            Ev::Eof => break,
            Ev::Start(ns, e) => {
                let tag = classify(ns, e.local_name().as_ref());
                if b.start(ns, tag, &e, &r)? == Flow::Skip {
                    r.skip_element()?;
                } else {
                    b.stack.push(tag);
                }
            }
            Ev::Empty(ns, e) => {
                let tag = classify(ns, e.local_name().as_ref());
                if b.start(ns, tag, &e, &r)? == Flow::Read {
                    b.end(tag);
                }
            }
            Ev::End => {
                let tag = b.stack.pop().unwrap_or(Tag::Other);
                b.end(tag);
                if tag == Tag::TrPr && b.row_deleted {
                    // A deleted table row: drop it and skip to its end.
                    b.row_deleted = false;
                    if b.table_depth == 1 {
                        b.table.rows.pop();
                    }
                    r.skip_element()?;
                    b.stack.pop();
                }
            }
            Ev::Text(s) => {
                if b.stack.last() == Some(&Tag::T) {
                    b.text(&s);
                }
            }
        }
    }
    b.flush_carry();
    Ok(b.out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Read,
    /// Skip the element with everything in it.
    Skip,
}

fn classify(ns: Ns, local: &[u8]) -> Tag {
    if ns != Ns::W {
        return Tag::Other;
    }
    match local {
        b"p" => Tag::P,
        b"pPr" => Tag::PPr,
        b"numPr" => Tag::NumPr,
        b"r" => Tag::R,
        b"rPr" => Tag::RPr,
        b"t" => Tag::T,
        b"tbl" => Tag::Tbl,
        b"tr" => Tag::Tr,
        b"trPr" => Tag::TrPr,
        b"tc" => Tag::Tc,
        b"sdt" => Tag::Sdt,
        b"sdtPr" => Tag::SdtPr,
        _ => Tag::Other,
    }
}

/// Text characters that must not break the one-paragraph-per-line layout, or
/// that would read as a byte-order mark.
fn clean_char(c: char) -> Option<char> {
    match c {
        '\u{feff}' => None,
        '\t' => Some('\t'),
        '\u{85}' | '\u{2028}' | '\u{2029}' => Some(' '),
        c if c.is_control() => Some(' '),
        c => Some(c),
    }
}

impl Body<'_> {
    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    fn grandparent(&self) -> Option<Tag> {
        self.stack.len().checked_sub(2).map(|i| self.stack[i])
    }

    /// Inside a run's own properties (not the paragraph mark's).
    fn in_run_props(&self) -> bool {
        self.parent() == Some(Tag::RPr) && self.grandparent() == Some(Tag::R)
    }

    fn start(
        &mut self,
        ns: Ns,
        tag: Tag,
        e: &BytesStart<'_>,
        r: &XmlReader<'_>,
    ) -> Result<Flow, DocxError> {
        let local = e.local_name();
        let local = local.as_ref();
        if skipped(ns, local) {
            return Ok(Flow::Skip);
        }
        match tag {
            Tag::P => {
                // A paragraph inside a paragraph (a text box reached some other
                // way) is not in the flow.
                if self.stack.contains(&Tag::P) {
                    return Ok(Flow::Skip);
                }
                self.begin_paragraph();
            }
            Tag::NumPr if self.parent() == Some(Tag::PPr) => self.para.numbered = true,
            Tag::R => self.run = Run::default(),
            Tag::Tbl => {
                if self.table_depth == 0 {
                    self.flush_carry();
                    self.table = Table::default();
                }
                self.table_depth += 1;
            }
            Tag::Tr if self.table_depth == 1 => self.table.rows.push(Vec::new()),
            Tag::Tc if self.table_depth == 1 => {
                if self.table.rows.is_empty() {
                    self.table.rows.push(Vec::new());
                }
                if let Some(row) = self.table.rows.last_mut() {
                    row.push(Cell::default());
                }
            }
            Tag::Sdt => self.sdts.push(false),
            Tag::Other if ns == Ns::W => return self.start_w(local, e, r),
            _ => {}
        }
        Ok(Flow::Read)
    }

    /// Elements of the main namespace without a [`Tag`] of their own.
    fn start_w(
        &mut self,
        local: &[u8],
        e: &BytesStart<'_>,
        r: &XmlReader<'_>,
    ) -> Result<Flow, DocxError> {
        let parent = self.parent();
        let in_run = parent == Some(Tag::R);
        match local {
            b"del" | b"moveFrom" => match parent {
                // The paragraph mark is deleted: the paragraph joins the next.
                Some(Tag::RPr) if self.grandparent() == Some(Tag::PPr) => {
                    self.para.mark_deleted = true
                }
                Some(Tag::TrPr) => self.row_deleted = true,
                // Other property records (numbering changes and the like).
                Some(Tag::RPr | Tag::PPr | Tag::NumPr | Tag::SdtPr) => {}
                // Deleted or moved-away content.
                _ => return Ok(Flow::Skip),
            },
            b"pStyle" if parent == Some(Tag::PPr) => {
                self.para.style = attr(e, b"val", r)?.map(|v| v.into_owned());
            }
            b"outlineLvl" if parent == Some(Tag::PPr) => {
                self.para.outline = attr(e, b"val", r)?.and_then(|v| v.trim().parse().ok());
            }
            b"numId" if parent == Some(Tag::NumPr) && self.grandparent() == Some(Tag::PPr) => {
                // numId 0 switches numbering off.
                self.para.numbered = attr(e, b"val", r)?.is_none_or(|v| v.trim() != "0");
            }
            b"rStyle" if self.in_run_props() => {
                self.run.style = attr(e, b"val", r)?.map(|v| v.into_owned());
            }
            b"b" if self.in_run_props() => {
                self.run.bold = Some(on_off(attr(e, b"val", r)?.as_deref()));
            }
            b"vanish" if self.in_run_props() => {
                self.run.hidden = on_off(attr(e, b"val", r)?.as_deref());
            }
            b"showingPlcHdr" if parent == Some(Tag::SdtPr) => {
                let on = on_off(attr(e, b"val", r)?.as_deref());
                if let Some(top) = self.sdts.last_mut() {
                    if on && !*top {
                        self.in_placeholder += 1;
                    }
                    *top |= on;
                }
            }
            b"fldChar" if in_run => match attr(e, b"fldCharType", r)?.as_deref() {
                Some("begin") => {
                    self.fields.push(true);
                    self.in_field_code += 1;
                }
                Some("separate") => {
                    if let Some(top) = self.fields.last_mut().filter(|code| **code) {
                        *top = false;
                        self.in_field_code -= 1;
                    }
                }
                Some("end") => {
                    self.in_field_code -= usize::from(self.fields.pop() == Some(true));
                }
                _ => {}
            },
            b"tab" | b"ptab" if in_run => self.text("\t"),
            b"br" | b"cr" if in_run => self.text(" "),
            b"noBreakHyphen" if in_run => self.text("-"),
            _ => {}
        }
        Ok(Flow::Read)
    }

    fn end(&mut self, tag: Tag) {
        match tag {
            Tag::P => {
                if self.para.mark_deleted {
                    self.carry = true;
                } else {
                    self.emit_paragraph();
                }
            }
            Tag::Tbl => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    self.flush_carry();
                    let table = std::mem::take(&mut self.table);
                    self.out.blocks.push(Block::Table(table));
                }
            }
            Tag::Tc if self.table_depth == 1 => self.flush_carry(),
            Tag::Sdt => {
                self.in_placeholder -= usize::from(self.sdts.pop() == Some(true));
            }
            _ => {}
        }
    }

    fn begin_paragraph(&mut self) {
        let carried = std::mem::take(&mut self.para);
        if self.carry {
            // Joined to the paragraph whose mark was deleted: keep its text.
            self.para.text = carried.text;
            self.para.visible = carried.visible;
            self.para.plain = carried.plain;
        }
        self.carry = false;
        self.in_para = true;
    }

    /// Visible text of the open run.
    fn text(&mut self, s: &str) {
        let hidden = self.run.hidden || self.in_field_code > 0 || self.in_placeholder > 0;
        if hidden || !self.in_para {
            return;
        }
        if s.chars().any(|c| !c.is_whitespace()) {
            let bold = self
                .run
                .bold
                .or_else(|| self.styles.bold(self.run.style.as_deref()))
                .or_else(|| {
                    let style = self.styles.paragraph_style(self.para.style.as_deref());
                    self.styles.bold(style)
                })
                .unwrap_or(self.styles.default_bold());
            self.para.visible = true;
            self.para.plain |= !bold;
        }
        self.para.text.extend(s.chars().filter_map(clean_char));
    }

    fn flush_carry(&mut self) {
        if self.carry {
            self.carry = false;
            self.emit_paragraph();
        }
    }

    /// Appends the open paragraph as a line of the text and a block.
    fn emit_paragraph(&mut self) {
        let para = std::mem::take(&mut self.para);
        self.in_para = false;
        if self.lines > 0 {
            self.out.text.push('\n');
        }
        self.lines += 1;
        let start = self.out.text.len();
        self.out.text.push_str(&para.text);
        let heading = match para.outline {
            Some(level) => (level < 9).then_some(level + 1),
            None => self.styles.heading_level(para.style.as_deref()),
        };
        let style = self.styles.paragraph_style(para.style.as_deref());
        let paragraph = Paragraph {
            range: start..self.out.text.len(),
            heading,
            bold_only: para.visible && !para.plain,
            list_item: para.numbered || self.styles.numbered(style),
        };
        if self.table_depth > 0 {
            let rows = &mut self.table.rows;
            if rows.is_empty() {
                rows.push(Vec::new());
            }
            if let Some(row) = rows.last_mut() {
                if row.is_empty() {
                    row.push(Cell::default());
                }
                if let Some(cell) = row.last_mut() {
                    cell.paragraphs.push(paragraph);
                }
            }
        } else if !self.styles.is_toc(style) {
            // A table of contents repeats the headings: a line, but not checked.
            self.out.blocks.push(Block::Paragraph(paragraph));
        }
    }
}
