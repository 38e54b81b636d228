//! Hand-built PDFs for the tests: text placed at given positions in
//! Helvetica (WinAnsi, so å ä ö are single bytes), pages without text, and an
//! optional `/ToUnicode` font. Written object by object with a correct
//! cross-reference table, like a small PDF writer would.
#![allow(dead_code)] // each test crate uses a different part of this module

/// One piece of text: `x`, `y` (points from the bottom left), font size, text.
#[derive(Debug, Clone)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

pub fn t(x: f64, y: f64, size: f64, text: &str) -> Text {
    Text {
        x,
        y,
        size,
        text: text.to_string(),
    }
}

/// What a page holds.
pub enum Page {
    /// Text in Helvetica with WinAnsiEncoding.
    Text(Vec<Text>),
    /// Text in a font whose codes are arbitrary bytes mapped by a `/ToUnicode`
    /// CMap, as office suites write subset fonts.
    Mapped(Vec<Text>),
    /// Only a filled rectangle and a line: a path drawing, no text.
    Drawing,
    /// Only an image (a 2×2 grey bitmap), as a scanner writes.
    Image,
}

/// Lines of a paragraph at `x`, from `y` down, `pitch` points apart.
pub fn lines(x: f64, y: f64, size: f64, pitch: f64, texts: &[&str]) -> Vec<Text> {
    texts
        .iter()
        .enumerate()
        .map(|(i, s)| t(x, y - pitch * i as f64, size, s))
        .collect()
}

/// WinAnsi bytes of a string (Latin-1 plus the 0x80–0x9F punctuation used here).
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '–' => 0x96,
            '—' => 0x97,
            '’' => 0x92,
            '•' => 0x95,
            c if (c as u32) < 256 => c as u8,
            _ => b'?',
        })
        .collect()
}

fn literal(bytes: &[u8]) -> String {
    let mut out = String::from("(");
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push(')');
    out
}

/// The mapped font's code for a character: its position in `alphabet` + 1.
fn mapped_codes(s: &str, alphabet: &mut Vec<char>) -> Vec<u8> {
    s.chars()
        .map(|c| {
            let i = alphabet.iter().position(|&a| a == c).unwrap_or_else(|| {
                alphabet.push(c);
                alphabet.len() - 1
            });
            (i + 1) as u8
        })
        .collect()
}

/// A PDF of the given pages (A4, 595 × 842 points).
pub fn pdf(pages: &[Page]) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    // 1: catalog, 2: page tree, 3: Helvetica, 4: mapped font (+5 its CMap),
    // 6: image; pages from 7 on, two objects each (page, content).
    let mut alphabet: Vec<char> = Vec::new();
    let mut contents: Vec<Vec<u8>> = Vec::new();
    for page in pages {
        let mut c = Vec::new();
        match page {
            Page::Text(texts) => {
                for x in texts {
                    c.extend_from_slice(
                        format!("BT /F1 {} Tf {} {} Td ", x.size, x.x, x.y).as_bytes(),
                    );
                    c.extend_from_slice(literal(&win_ansi(&x.text)).as_bytes());
                    c.extend_from_slice(b" Tj ET\n");
                }
            }
            Page::Mapped(texts) => {
                for x in texts {
                    // Placed with a text matrix, scaled by the CTM: the reader
                    // must multiply both.
                    c.extend_from_slice(
                        format!(
                            "q 2 0 0 2 0 0 cm BT /F2 {} Tf 1 0 0 1 {} {} Tm ",
                            x.size / 2.0,
                            x.x / 2.0,
                            x.y / 2.0
                        )
                        .as_bytes(),
                    );
                    let codes = mapped_codes(&x.text, &mut alphabet);
                    c.extend_from_slice(literal(&codes).as_bytes());
                    c.extend_from_slice(b" Tj ET Q\n");
                }
            }
            Page::Drawing => {
                c.extend_from_slice(b"0.5 g 100 600 200 100 re f\n1 w 100 500 m 400 500 l S\n")
            }
            Page::Image => c.extend_from_slice(b"q 400 0 0 500 100 200 cm /Im1 Do Q\n"),
        }
        contents.push(c);
    }
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 7 + 2 * i))
        .collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    );
    let widths = vec!["500"; alphabet.len().max(1)].join(" ");
    objects.push(format!(
        "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Liberation /FirstChar 1 /LastChar {} /Widths [{}] /ToUnicode 5 0 R >>",
        alphabet.len().max(1),
        widths
    ));
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n",
    );
    cmap.push_str(&format!("{} beginbfchar\n", alphabet.len()));
    for (i, c) in alphabet.iter().enumerate() {
        let mut units = [0u16; 2];
        let hex: String = c
            .encode_utf16(&mut units)
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect();
        cmap.push_str(&format!("<{:02X}> <{hex}>\n", i + 1));
    }
    cmap.push_str("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n");
    objects.push(stream("", cmap.as_bytes()));
    objects.push(stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0, 255, 255, 0],
    ));
    for (i, c) in contents.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> /XObject << /Im1 6 0 R >> >> /Contents {} 0 R >>",
            8 + 2 * i
        ));
        objects.push(stream("", c));
    }
    write(&objects)
}

fn stream(dict: &str, data: &[u8]) -> String {
    // Data is kept as Latin-1 chars so that the writer can treat objects as text.
    let body: String = data.iter().map(|&b| b as char).collect();
    format!(
        "<< {dict} /Length {} >>\nstream\n{body}\nendstream",
        data.len()
    )
}

fn write(objects: &[String]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o.chars().map(|c| c as u32 as u8));
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
