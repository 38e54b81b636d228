//! PDF input (contract §1): the text layer of a PDF, read page by page into
//! plain text that the plain-text front end checks, which removes page
//! headers and footers and joins words broken at line ends (§6.12).
//!
//! The reader is the crate's own, small and read-only: it finds the objects by
//! scanning the file (a damaged cross-reference table does not matter),
//! decodes Flate/ASCIIHex/ASCII85 streams, walks the page tree, and runs the
//! text operators of the content streams with their matrices, so that lines
//! come out in reading order and two-column pages column by column. Fonts are
//! decoded through `/ToUnicode` CMaps, or WinAnsi/MacRoman/Standard encodings
//! with `/Differences`. It does no I/O, spawns no threads and never panics on
//! input, so it builds for wasm32; hostile files are refused with a
//! [`PdfError`] before they cost much (limits below). See the README's
//! dependency notes for why no PDF crate is used.
//!
//! ```
//! use arendelint_core::error::{CheckError, PdfError};
//! use arendelint_core::{Config, Input, Linter, SourceKind};
//!
//! let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
//! let input = Input::bytes(b"# Ett Markdown-dokument", SourceKind::Pdf);
//! assert_eq!(linter.check(&input).unwrap_err(), CheckError::Pdf(PdfError::NotPdf));
//! ```

mod content;
mod file;
mod font;
mod layout;
mod object;

use std::fmt;

/// At most this many indirect objects (a long decision document has a few thousand).
pub const MAX_OBJECTS: usize = 500_000;
/// At most this many objects parsed, nested ones (array items, dictionary
/// values) included: the memory the file's structure takes.
pub const MAX_PARSED: usize = 4_000_000;
/// At most this many pages.
pub const MAX_PAGES: usize = 10_000;
/// At most this many bytes decoded from all streams together (a flate bomb
/// stops here). Only text is decoded (content streams, fonts' CMaps, object
/// streams), never images, so a real document stays far below.
pub const MAX_DECODED: usize = 64 * 1024 * 1024;
/// At most this many glyphs drawn over all pages (a dense page has 3 000–5 000).
pub const MAX_GLYPHS: usize = 4_000_000;
/// At most this many content-stream operators run over all pages (a form
/// drawn a million times stops here).
pub const MAX_OPERATORS: usize = 50_000_000;

/// Why a `.pdf` file cannot be checked. Each message says what is wrong and
/// what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfError {
    /// The file has no bytes.
    Empty,
    /// No `%PDF-` header: not a PDF file.
    NotPdf,
    /// The file is encrypted (password-protected, or restricted with an owner password).
    Encrypted,
    /// The file is truncated or damaged beyond reading.
    Damaged { detail: String },
    /// The text uses a feature the reader does not support.
    Unsupported { detail: String },
    /// More of something than a limit allows.
    TooLarge { what: &'static str, limit: u64 },
    /// No page has any text: a scan or an image-only export.
    NoTextLayer,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Empty => f.write_str("the .pdf file is empty; there is nothing to check"),
            PdfError::NotPdf => f.write_str(
                "the file is not a PDF (it does not start with %PDF-); check it under its real extension",
            ),
            PdfError::Encrypted => f.write_str(
                "the PDF is encrypted or password-protected; export it again without a password (or check the .docx it came from)",
            ),
            PdfError::Damaged { detail } => write!(
                f,
                "the PDF is truncated or damaged ({detail}); copy it again from its source or export it again"
            ),
            PdfError::Unsupported { detail } => write!(
                f,
                "the PDF's text cannot be read ({detail}); check the .docx it came from, or export it again from Word or LibreOffice"
            ),
            PdfError::TooLarge { what, limit } => write!(
                f,
                "the PDF has more {what} than the {limit} allowed; this is not a normal decision document — check its origin, or split it"
            ),
            PdfError::NoTextLayer => f.write_str(
                "no text layer; scanned? The PDF holds no text, only images or drawings — run text recognition (OCR) on it, or check the document it was made from",
            ),
        }
    }
}

impl std::error::Error for PdfError {}

/// Reads the text layer of a PDF (its bytes) into plain text: one line per
/// line of text, a blank line between paragraphs, a line with a form feed
/// (`\u{c}`) between pages. Page headers and footers stay in as lines; the
/// plain-text front end knows them (§6.12).
pub fn extract(bytes: &[u8]) -> Result<String, PdfError> {
    let file = file::File::parse(bytes)?;
    let pages = file.pages()?;
    if pages.is_empty() {
        return Err(PdfError::Damaged {
            detail: "no pages found".into(),
        });
    }
    let mut interpreter = content::Interpreter::new(&file);
    let mut lines = Vec::with_capacity(pages.len());
    for page in &pages {
        lines.push(layout::page_lines(interpreter.page(page)?));
    }
    let text = layout::document_text(&lines);
    let (mut letters, mut unknown) = (0usize, 0usize);
    for c in text.chars() {
        if c == '\u{fffd}' {
            unknown += 1;
        } else if c.is_alphanumeric() {
            letters += 1;
        }
    }
    if letters == 0 && unknown == 0 {
        return Err(PdfError::NoTextLayer);
    }
    if unknown > letters {
        return Err(PdfError::Unsupported {
            detail: "its fonts have no Unicode mapping".into(),
        });
    }
    Ok(text)
}
