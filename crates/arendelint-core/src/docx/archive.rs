//! The zip container: finds and inflates the parts that are read, within limits.

use super::{DocxError, MAX_DECLARED_TOTAL, MAX_ENTRIES, MAX_UNCOMPRESSED};
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

pub(super) const DOCUMENT: &str = "word/document.xml";
pub(super) const STYLES: &str = "word/styles.xml";

/// The inflated parts of a `.docx` that extraction needs.
pub(super) struct Parts {
    pub document: Vec<u8>,
    pub styles: Option<Vec<u8>>,
}

pub(super) fn read_parts(bytes: &[u8]) -> Result<Parts, DocxError> {
    if bytes.is_empty() {
        return Err(DocxError::Empty);
    }
    // Password-protected .docx files and .doc files are OLE compound files.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(DocxError::EncryptedOrLegacy);
    }
    // Every zip starts with a local file header (or, when empty, the end record).
    if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"PK\x05\x06") {
        return Err(DocxError::NotZip);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    if archive.len() > MAX_ENTRIES {
        return Err(DocxError::TooManyEntries {
            count: archive.len(),
            limit: MAX_ENTRIES,
        });
    }
    if archive
        .decompressed_size()
        .is_some_and(|total| total > u128::from(MAX_DECLARED_TOTAL))
    {
        return Err(DocxError::ArchiveTooLarge {
            limit: MAX_DECLARED_TOTAL,
        });
    }
    let mut budget = MAX_UNCOMPRESSED;
    let document =
        read_part(&mut archive, DOCUMENT, &mut budget)?.ok_or(DocxError::MissingDocument)?;
    let styles = read_part(&mut archive, STYLES, &mut budget)?;
    Ok(Parts { document, styles })
}

/// Inflates one entry, if present, spending at most `budget` bytes.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, DocxError> {
    // Zip names are case-sensitive, but Windows tools sometimes change the case.
    let index = archive.index_for_name(name).or_else(|| {
        archive
            .file_names()
            .find(|n| n.eq_ignore_ascii_case(name))
            .and_then(|n| archive.index_for_name(n))
    });
    let Some(index) = index else {
        return Ok(None);
    };
    let too_large = || DocxError::TooLarge {
        part: name.into(),
        limit: MAX_UNCOMPRESSED,
    };
    let file = match archive.by_index(index) {
        Ok(file) => file,
        Err(ZipError::UnsupportedArchive(msg)) if msg == ZipError::PASSWORD_REQUIRED => {
            return Err(DocxError::Encrypted { part: name.into() })
        }
        Err(ZipError::UnsupportedArchive(_)) => {
            return Err(DocxError::UnsupportedCompression { part: name.into() })
        }
        Err(e) => return Err(corrupt(e)),
    };
    if file.encrypted() {
        return Err(DocxError::Encrypted { part: name.into() });
    }
    if !matches!(
        file.compression(),
        CompressionMethod::Stored | CompressionMethod::Deflated
    ) {
        return Err(DocxError::UnsupportedCompression { part: name.into() });
    }
    let declared = file.size();
    if declared > *budget {
        return Err(too_large());
    }
    // The declared size may lie: inflate at most one byte past the budget.
    let mut out = Vec::with_capacity(declared as usize);
    file.take(*budget + 1)
        .read_to_end(&mut out)
        .map_err(|e| DocxError::Corrupt {
            detail: format!("{name}: {e}"),
        })?;
    let read = out.len() as u64;
    if read > *budget {
        return Err(too_large());
    }
    *budget -= read;
    Ok(Some(out))
}

fn corrupt(e: ZipError) -> DocxError {
    DocxError::Corrupt {
        detail: e.to_string(),
    }
}
