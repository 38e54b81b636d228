//! Word (`.docx`) input: reads the body of `word/document.xml` from the file's
//! bytes (no file system, so it builds for wasm32) into text with **one paragraph
//! per line** plus a list of blocks, which the document model turns into headings,
//! paragraphs and tables (contract §1 and §4).
//!
//! The file is only read. Hostile files are refused with a [`DocxError`] before
//! they cost much: limits on the entry count, on the uncompressed size (declared
//! and counted while inflating), on XML depth, and no DTDs at all.
//!
//! ```
//! use arendelint_core::error::{CheckError, DocxError};
//! use arendelint_core::{Config, Input, Linter, SourceKind};
//!
//! let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
//! // Not a zip archive: a clear error, never a panic.
//! let input = Input::bytes(b"# Ett Markdown-dokument", SourceKind::Docx);
//! let err = linter.check(&input).unwrap_err();
//! assert_eq!(err, CheckError::Docx(DocxError::NotZip));
//! ```

mod archive;
mod body;
mod styles;
mod xml;

use std::fmt;
use std::ops::Range;

/// At most this many entries in the archive (a Word file has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes inflated in all, over the parts that are read
/// (`word/document.xml`, `word/styles.xml`), checked against the declared sizes
/// first and counted while inflating, since a zip bomb's declared sizes lie.
/// 16 MiB of body XML is well over a thousand pages of text; it also bounds the
/// document model a hostile file can make (a 94 KB file of "1 barn, " that
/// unpacks to the limit peaks under 512 MiB).
pub const MAX_UNCOMPRESSED: u64 = 16 * 1024 * 1024;
/// At most this sum of the declared uncompressed sizes of all entries (media
/// included) — beyond it the archive is a bomb, not a decision document.
pub const MAX_DECLARED_TOTAL: u64 = 1024 * 1024 * 1024;
/// At most this XML element nesting depth (Word nests a few dozen deep at most).
pub const MAX_XML_DEPTH: usize = 256;

/// Why a `.docx` file cannot be checked. Each message says what is wrong and
/// what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocxError {
    /// The file has no bytes.
    Empty,
    /// The bytes are not a zip archive at all.
    NotZip,
    /// An OLE compound file: a password-protected `.docx` or an old binary `.doc`.
    EncryptedOrLegacy,
    /// The zip archive is truncated or damaged.
    Corrupt { detail: String },
    /// A part that must be read is encrypted inside the zip.
    Encrypted { part: String },
    /// A part uses a compression method other than stored or deflate.
    UnsupportedCompression { part: String },
    /// More entries than 10 000.
    TooManyEntries { count: usize, limit: usize },
    /// More uncompressed bytes than a limit allows (16 MiB for the parts read,
    /// 1 GiB declared for the archive).
    TooLarge { part: String, limit: u64 },
    /// The archive as a whole declares more than 1 GiB.
    ArchiveTooLarge { limit: u64 },
    /// No `word/document.xml`: some other zip file (or another Office format).
    MissingDocument,
    /// A part is not UTF-8.
    NotUtf8 { part: String },
    /// A part is not well-formed XML; `offset` is the byte in the part.
    Xml {
        part: String,
        offset: u64,
        detail: String,
    },
    /// A part has a document type declaration (DTD): never in a real Word file,
    /// and the way to smuggle in entity expansion or external entities.
    Doctype { part: String },
    /// Elements nested deeper than 256.
    TooDeep { part: String, limit: usize },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::Empty => f.write_str("the .docx file is empty; there is nothing to check"),
            DocxError::NotZip => f.write_str(
                "the file is not a Word document (.docx files are zip archives); open it in Word and save it as .docx, or check it under its real extension",
            ),
            DocxError::EncryptedOrLegacy => f.write_str(
                "the file is password-protected or an old Word 97–2003 document (.doc); remove the password or save it as .docx in Word, then check it again",
            ),
            DocxError::Corrupt { detail } => write!(
                f,
                "the .docx file is truncated or damaged ({detail}); copy it again from its source, or open and re-save it in Word"
            ),
            DocxError::Encrypted { part } => write!(
                f,
                "{part} in the .docx file is encrypted; remove the password in Word and check the file again"
            ),
            DocxError::UnsupportedCompression { part } => write!(
                f,
                "{part} in the .docx file uses a compression method Word does not write; re-save the file in Word"
            ),
            DocxError::TooManyEntries { count, limit } => write!(
                f,
                "the .docx file holds {count} entries, more than the {limit} allowed; this is not a normal Word document — re-save it in Word or check its origin"
            ),
            DocxError::TooLarge { part, limit } => write!(
                f,
                "{part} unpacks to more than {} MiB (a possible zip bomb); a decision document is far smaller — check the file's origin, or split the document",
                limit / (1024 * 1024)
            ),
            DocxError::ArchiveTooLarge { limit } => write!(
                f,
                "the .docx file unpacks to more than {} MiB (a possible zip bomb); a decision document is far smaller — check the file's origin, or split the document",
                limit / (1024 * 1024)
            ),
            DocxError::MissingDocument => f.write_str(
                "the file is a zip archive without word/document.xml, so not a Word document; save it as .docx in Word",
            ),
            DocxError::NotUtf8 { part } => write!(
                f,
                "{part} in the .docx file is not UTF-8; re-save the file in Word"
            ),
            DocxError::Xml {
                part,
                offset,
                detail,
            } => write!(
                f,
                "{part} in the .docx file is not well-formed XML at byte {offset} ({detail}); open and re-save the file in Word"
            ),
            DocxError::Doctype { part } => write!(
                f,
                "{part} in the .docx file declares a DTD (<!DOCTYPE>), which Word never writes and which can hide entity attacks; the file is refused — re-save it in Word"
            ),
            DocxError::TooDeep { part, limit } => write!(
                f,
                "{part} in the .docx file nests XML elements more than {limit} deep; this is not a normal Word document — re-save it in Word or check its origin"
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// The body text of a `.docx` and its structure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Every paragraph of the body (table cells included) in document order,
    /// one per line, joined by `\n`: line *n* is paragraph *n*.
    pub text: String,
    /// The body's paragraphs and tables in document order. Table-of-contents
    /// entries are lines of the text but not blocks: they repeat the headings.
    pub blocks: Vec<Block>,
}

/// A top-level block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// One paragraph: one line of [`Extracted::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range of the paragraph's line in [`Extracted::text`] (no `\n`).
    pub range: Range<usize>,
    /// Heading level from the paragraph style or outline level: 1–9 for
    /// `Heading N` / `Rubrik N` / outline level N−1, 0 for the `Title` style.
    pub heading: Option<u8>,
    /// Every run with visible text is bold (a pseudo-heading when not a heading).
    pub bold_only: bool,
    /// A numbered or bulleted list item.
    pub list_item: bool,
}

/// A table: rows of cells; the first row is the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell. Paragraphs of tables nested in the cell are its paragraphs too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
}

/// Reads the body of a `.docx` file (its bytes) into text and blocks.
///
/// Deleted text of tracked changes is left out and inserted text kept; comments,
/// field codes, footnote references, text boxes and hidden text are not body text.
pub fn extract(bytes: &[u8]) -> Result<Extracted, DocxError> {
    let parts = archive::read_parts(bytes)?;
    let styles = match &parts.styles {
        Some(xml) => styles::Styles::parse(xml)?,
        None => styles::Styles::default(),
    };
    body::extract(&parts.document, &styles)
}

#[cfg(test)]
mod tests;
