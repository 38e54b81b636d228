//! An open document: its text, version and kind, kept in sync with the client.

use crate::position::{self, Encoding};
use arendelint_core::text::LineIndex;
use arendelint_core::SourceKind;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

/// The text of an open document at one version. Cheap to clone: analysis runs on
/// a snapshot while the next edit is applied to the live copy.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub text: Arc<String>,
    pub index: Arc<LineIndex>,
    pub version: i32,
    /// Unique per text: a new number for every change, so that a client that
    /// reuses a version number (v1 → v2 → v1 with other text) never gets the
    /// analysis of the old text. Caches are keyed by this, not by `version`.
    pub revision: u64,
}

impl Snapshot {
    /// Whether both are the same text (not merely the same version number).
    pub fn same(&self, other: &Snapshot) -> bool {
        self.revision == other.revision
    }
}

/// The next snapshot revision; process-wide, so revisions never repeat.
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Debug)]
pub struct Document {
    pub snapshot: Snapshot,
    /// `None` for files arendelint does not check (e.g. an open `arendelint.toml`).
    pub kind: Option<SourceKind>,
}

impl Document {
    pub fn new(uri: &Url, language_id: &str, text: String, version: i32) -> Document {
        let kind = SourceKind::from_language_id(language_id)
            .or_else(|| SourceKind::from_path(uri.path()))
            .filter(|_| !is_config_uri(uri));
        Document {
            snapshot: Snapshot {
                index: Arc::new(LineIndex::new(&text)),
                text: Arc::new(text),
                version,
                revision: next_revision(),
            },
            kind,
        }
    }

    /// Applies incremental (or full) changes in order. Ranges beyond the end of
    /// the document are clamped rather than rejected: a client that is off by a
    /// line must not lose the user's text.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        let snap = &mut self.snapshot;
        for change in changes {
            let index = match change.range {
                Some(range) => {
                    let span = position::byte_range(&snap.text, &snap.index, range, encoding);
                    replace_range(&mut snap.text, span.clone(), &change.text);
                    snap.index.edited(&snap.text, span, change.text.len())
                }
                None => {
                    snap.text = Arc::new(change.text);
                    LineIndex::new(&snap.text)
                }
            };
            snap.index = Arc::new(index);
        }
        snap.version = version;
        snap.revision = next_revision();
    }
}

/// Replaces `span` (at character boundaries) of a text that an analysis may
/// still hold: then the new text is built once at its final size, where
/// cloning it first and then inserting would copy a large document twice.
fn replace_range(text: &mut Arc<String>, span: Range<usize>, with: &str) {
    if let Some(own) = Arc::get_mut(text) {
        own.replace_range(span, with);
        return;
    }
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else {
        // Not at character boundaries: left to `String::replace_range` as before.
        Arc::make_mut(text).replace_range(span, with);
        return;
    };
    let mut new = String::with_capacity(before.len() + with.len() + after.len());
    new.push_str(before);
    new.push_str(with);
    new.push_str(after);
    *text = Arc::new(new);
}

/// Whether a URI names an `arendelint.toml`.
pub fn is_config_uri(uri: &Url) -> bool {
    uri.path()
        .rsplit('/')
        .next()
        .is_some_and(|name| name == arendelint_core::fs::CONFIG_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Position, Range};

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(a, b)| Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn doc(text: &str) -> Document {
        let uri = Url::parse("file:///tmp/a.md").expect("a valid URI");
        Document::new(&uri, "markdown", text.to_string(), 1)
    }

    #[test]
    fn incremental_edits_after_emoji_and_crlf() {
        let mut d = doc("Rubrik\r\nÖ 😀 x\r\n");
        // UTF-16: "Ö 😀 " is 5 units; replace "x".
        d.apply(
            vec![change(Some(((1, 5), (1, 6))), "patienter")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(d.snapshot.text.as_str(), "Rubrik\r\nÖ 😀 patienter\r\n");
        // UTF-8: "Ö 😀 " is 8 bytes.
        d.apply(
            vec![change(Some(((1, 8), (1, 8))), "alla ")],
            3,
            Encoding::Utf8,
        );
        assert_eq!(
            d.snapshot.text.as_str(),
            "Rubrik\r\nÖ 😀 alla patienter\r\n"
        );
        assert_eq!(d.snapshot.version, 3);
    }

    #[test]
    fn an_edit_leaves_the_text_an_analysis_holds_as_it_was() {
        let mut d = doc("Åsa möter\r\npatienter.\r\n");
        let held = d.snapshot.clone();
        d.apply(
            vec![change(Some(((0, 4), (0, 9))), "ser alla")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(d.snapshot.text.as_str(), "Åsa ser alla\r\npatienter.\r\n");
        assert_eq!(d.snapshot.text.len(), d.snapshot.text.capacity());
        assert_eq!(held.text.as_str(), "Åsa möter\r\npatienter.\r\n");
        assert_eq!(d.snapshot.index.line_start(1), Some(15));
        assert_eq!(*d.snapshot.index, LineIndex::new(&d.snapshot.text));
        // Not shared any more: edited in place.
        d.apply(vec![change(Some(((1, 0), (1, 0))), "x")], 3, Encoding::Utf8);
        assert_eq!(d.snapshot.text.as_str(), "Åsa ser alla\r\nxpatienter.\r\n");
    }

    #[test]
    fn edits_beyond_the_end_are_clamped_and_full_changes_replace() {
        let mut d = doc("ab\ncd");
        d.apply(
            vec![change(Some(((7, 0), (9, 3))), "!")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(d.snapshot.text.as_str(), "ab\ncd!");
        d.apply(
            vec![change(Some(((0, 99), (5, 0))), "")],
            3,
            Encoding::Utf16,
        );
        assert_eq!(d.snapshot.text.as_str(), "ab");
        d.apply(vec![change(None, "ny text")], 4, Encoding::Utf16);
        assert_eq!(d.snapshot.text.as_str(), "ny text");
    }

    #[test]
    fn kind_from_language_id_or_extension() {
        let txt = Url::parse("file:///x/b.txt").expect("a valid URI");
        assert_eq!(
            Document::new(&txt, "", String::new(), 0).kind,
            Some(SourceKind::PlainText)
        );
        let toml = Url::parse("file:///x/arendelint.toml").expect("a valid URI");
        assert_eq!(Document::new(&toml, "toml", String::new(), 0).kind, None);
        let untitled = Url::parse("untitled:Untitled-1").expect("a valid URI");
        assert_eq!(
            Document::new(&untitled, "markdown", String::new(), 0).kind,
            Some(SourceKind::Markdown)
        );
    }
}
