//! What kind of text a file holds, and turning its bytes into checkable text.

use std::fmt;

/// The input formats the document model understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Markdown,
    PlainText,
    /// A Word file (`.docx`): read from its bytes, never written.
    Docx,
    /// A PDF file: its text layer is checked as plain text; never written.
    Pdf,
}

impl SourceKind {
    /// By file extension: `.md`, `.markdown` → Markdown; `.txt` → plain text.
    pub fn from_extension(ext: &str) -> Option<SourceKind> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(SourceKind::Markdown),
            "txt" | "text" => Some(SourceKind::PlainText),
            "docx" => Some(SourceKind::Docx),
            "pdf" => Some(SourceKind::Pdf),
            _ => None,
        }
    }

    /// By the extension of a file name or path (`"arende.md"`).
    pub fn from_path(path: &str) -> Option<SourceKind> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let (_, ext) = name.rsplit_once('.')?;
        SourceKind::from_extension(ext)
    }

    /// By an LSP language id (`markdown`, `plaintext`).
    pub fn from_language_id(id: &str) -> Option<SourceKind> {
        match id {
            "markdown" | "md" => Some(SourceKind::Markdown),
            "plaintext" | "text" | "txt" => Some(SourceKind::PlainText),
            _ => None,
        }
    }
}

/// Why a file's bytes cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Empty,
    /// Contains NUL bytes: not a text document.
    Binary,
    /// Not UTF-8; `line` is 1-based and `offset` the byte of the first bad sequence.
    InvalidUtf8 {
        offset: usize,
        line: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => f.write_str("the file is empty; there is nothing to check"),
            InputError::Binary => f.write_str(
                "the file is binary (it contains NUL bytes), not a text document; check .md or .txt files, or exclude it",
            ),
            InputError::InvalidUtf8 { offset, line } => write!(
                f,
                "the file is not valid UTF-8 (first bad byte at offset {offset}, line {line}); save it as UTF-8 and check it again"
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Checks that `bytes` are a non-empty UTF-8 text document and returns them as `&str`.
/// A BOM is kept: byte offsets index the bytes as read.
pub fn decode(bytes: &[u8]) -> Result<&str, InputError> {
    check_text(bytes)?;
    // simdutf8 validates many bytes at a time (Swedish text keeps std's ASCII
    // fast path from helping much); std finds where invalid input goes wrong.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(InputError::InvalidUtf8 { offset, line })
        }
    }
}

/// Like [`decode`] for an owned buffer, validating it once.
#[cfg(any(feature = "std-fs", test))]
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, InputError> {
    check_text(&bytes)?;
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just found `bytes` to be valid UTF-8. (std's
        // check would validate them a second time, at about twice the cost
        // of simdutf8's on Swedish text.)
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        InputError::InvalidUtf8 { offset, line }
    })
}

/// Rejects empty and binary input.
fn check_text(bytes: &[u8]) -> Result<(), InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    // A NUL in the first 8 KiB is how git and ripgrep tell binary files apart.
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(InputError::Binary);
    }
    Ok(())
}

/// Length of a leading UTF-8 byte-order mark (0 or 3).
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        3
    } else {
        0
    }
}

/// Runs of white space (line breaks included) as single spaces, for messages.
pub(crate) fn collapse_ws(s: &str) -> String {
    collapsed(s).into_owned()
}

/// [`collapse_ws`], borrowing `s` when it is already collapsed (a message
/// argument then costs no copy).
pub(crate) fn collapsed(s: &str) -> std::borrow::Cow<'_, str> {
    if is_collapsed(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `collapse_ws` would give `s` back unchanged: no white space at
/// either end, and only single ASCII spaces inside. A byte test (most
/// messages quote a few words): only a character that starts with one of the
/// bytes C2, E1, E2 or E3 can be non-ASCII white space, and only those are
/// decoded.
fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (k, &b) in bytes.iter().enumerate() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1..=0xE3 => {
                let c = s.get(k..).and_then(|rest| rest.chars().next());
                if c.is_some_and(char::is_whitespace) {
                    return false;
                }
                after_space = false;
            }
            _ => after_space = false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `collapse_ws` without its fast path.
    fn collapse_slowly(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn collapsing_white_space_fast_gives_what_the_slow_way_does() {
        let cases = [
            "",
            " ",
            "a",
            "12 patienter",
            "12  patienter",
            " a",
            "a ",
            "a\nb",
            "a\r\nb",
            "a\tb",
            "4\u{a0}500 invånare",
            "4\u{202f}500 invånare",
            "a\u{85}b",
            "a\u{3000}b",
            "a\u{1680}b",
            "åäö ÅÄÖ",
            "a\u{1f}b",
            "– 10–15 “elever”",
            "10–15 elever",
            "a \u{a0}b",
            "\u{a0}a",
            "a\u{2028}",
            "a\u{205f}b",
            "§ 12 – ½ © ∑",
        ];
        for s in cases {
            assert_eq!(collapse_ws(s), collapse_slowly(s), "{s:?}");
            assert_eq!(collapsed(s), collapse_slowly(s), "{s:?}");
        }
        assert!(matches!(
            collapsed("a b"),
            std::borrow::Cow::Borrowed("a b")
        ));
        assert!(is_collapsed("12 patienter"));
        assert!(is_collapsed("åäö"));
        assert!(!is_collapsed("a  b"));
        assert!(!is_collapsed("a\u{a0}b"));
        assert!(!is_collapsed("a\u{2009}b"));
        assert!(is_collapsed("10–15 elever"));
        assert!(!is_collapsed("a \u{a0}b"));
    }

    #[test]
    fn kinds_by_name() {
        assert_eq!(
            SourceKind::from_path("a/b/Ärende.MD"),
            Some(SourceKind::Markdown)
        );
        assert_eq!(
            SourceKind::from_path("x.markdown"),
            Some(SourceKind::Markdown)
        );
        assert_eq!(SourceKind::from_path("x.txt"), Some(SourceKind::PlainText));
        assert_eq!(SourceKind::from_path("x.DOCX"), Some(SourceKind::Docx));
        assert_eq!(SourceKind::from_path("x.doc"), None);
        assert_eq!(SourceKind::from_path("README"), None);
    }

    #[test]
    fn decode_rejects_empty_binary_and_invalid() {
        assert_eq!(decode(b""), Err(InputError::Empty));
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(InputError::Binary));
        assert_eq!(
            decode(b"rad 1\nrad \xe4 2"),
            Err(InputError::InvalidUtf8 {
                offset: 10,
                line: 2
            })
        );
        assert_eq!(decode("\u{feff}Hej".as_bytes()), Ok("\u{feff}Hej"));
        assert_eq!(
            decode_owned(b"a\n\xff".to_vec()),
            Err(InputError::InvalidUtf8 { offset: 2, line: 2 })
        );
        assert_eq!(decode_owned(Vec::new()), Err(InputError::Empty));
    }
}
