//! Every conversion between core byte offsets and LSP positions, in one place.
//!
//! The core reports byte spans; the client speaks UTF-16 code units unless it
//! offered `utf-8` at initialization. All arithmetic goes through the core's
//! [`LineIndex`], so CRLF, å/ä/ö and surrogate pairs are handled once.

use arendelint_core::text::{ColumnUnit, LineCol, LineIndex};
use std::ops::Range;
use tower_lsp::lsp_types::{ClientCapabilities, Position, PositionEncodingKind, Range as LspRange};

/// The position encoding agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (cheapest for a byte-indexed core), else
    /// UTF-16, the protocol's mandatory default.
    pub fn negotiate(capabilities: &ClientCapabilities) -> Encoding {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf8 => ColumnUnit::Utf8,
            Encoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// The LSP position of a byte offset.
pub fn position(text: &str, index: &LineIndex, offset: usize, encoding: Encoding) -> Position {
    let LineCol { line, col, .. } = index.line_col(text, offset, encoding.unit());
    Position::new(line, col)
}

/// The byte offset of an LSP position, clamped to the line's end and the text's end.
pub fn offset(text: &str, index: &LineIndex, pos: Position, encoding: Encoding) -> usize {
    let lc = LineCol::new(pos.line, pos.character);
    index.offset(text, lc, encoding.unit())
}

/// The LSP range of a byte range.
pub fn range(text: &str, index: &LineIndex, span: &Range<usize>, encoding: Encoding) -> LspRange {
    LspRange::new(
        position(text, index, span.start, encoding),
        position(text, index, span.end.max(span.start), encoding),
    )
}

/// The range a diagnostic is shown at. An empty span (a document-level finding
/// such as JAM001 at 0..0) is widened to the rest of its line so editors
/// underline the first line instead of drawing nothing.
pub fn diagnostic_range(
    text: &str,
    index: &LineIndex,
    span: &Range<usize>,
    encoding: Encoding,
) -> LspRange {
    if span.start < span.end {
        return range(text, index, span, encoding);
    }
    let line = index.line_of(span.start.min(text.len()));
    let end = index
        .line_range(text, line)
        .map_or(span.start, |r| r.end.max(span.start));
    range(text, index, &(span.start..end), encoding)
}

/// The range of a whole 0-based line without its line ending (clamped to the last line).
pub fn line_range(text: &str, index: &LineIndex, line: usize, encoding: Encoding) -> LspRange {
    let line = line.min(index.line_count().saturating_sub(1));
    let span = index
        .line_range(text, line)
        .unwrap_or(text.len()..text.len());
    range(text, index, &span, encoding)
}

/// The byte range of an LSP range, in order and clamped to the text.
pub fn byte_range(text: &str, index: &LineIndex, r: LspRange, encoding: Encoding) -> Range<usize> {
    let start = offset(text, index, r.start, encoding);
    let end = offset(text, index, r.end, encoding);
    start.min(end)..start.max(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# Rubrik\r\nÅsa, Ärla och Örjan 😀 möter patienterna.\r\nslut";

    #[test]
    fn ranges_after_swedish_letters_and_emoji_in_both_encodings() {
        let index = LineIndex::new(TEXT);
        let start = TEXT.find("patienterna").unwrap_or_default();
        let span = start..start + "patienterna".len();
        // "Åsa, Ärla och Örjan 😀 möter " is 28 chars, 29 UTF-16 units, 35 bytes.
        let utf16 = range(TEXT, &index, &span, Encoding::Utf16);
        assert_eq!(
            utf16,
            LspRange::new(Position::new(1, 29), Position::new(1, 40))
        );
        let utf8 = range(TEXT, &index, &span, Encoding::Utf8);
        assert_eq!(
            utf8,
            LspRange::new(Position::new(1, 35), Position::new(1, 46))
        );
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let r = range(TEXT, &index, &span, enc);
            assert_eq!(byte_range(TEXT, &index, r, enc), span);
        }
    }

    #[test]
    fn empty_span_covers_the_first_line_without_its_crlf() {
        let index = LineIndex::new(TEXT);
        let r = diagnostic_range(TEXT, &index, &(0..0), Encoding::Utf16);
        assert_eq!(r, LspRange::new(Position::new(0, 0), Position::new(0, 8)));
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let index = LineIndex::new(TEXT);
        let r = LspRange::new(Position::new(2, 2), Position::new(40, 9));
        assert_eq!(
            byte_range(TEXT, &index, r, Encoding::Utf16),
            TEXT.len() - 2..TEXT.len()
        );
        let reversed = LspRange::new(Position::new(0, 4), Position::new(0, 2));
        assert_eq!(byte_range(TEXT, &index, reversed, Encoding::Utf8), 2..4);
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        let mut caps = ClientCapabilities::default();
        assert_eq!(Encoding::negotiate(&caps), Encoding::Utf16);
        caps.general = Some(tower_lsp::lsp_types::GeneralClientCapabilities {
            position_encodings: Some(vec![
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8,
            ]),
            ..Default::default()
        });
        assert_eq!(Encoding::negotiate(&caps), Encoding::Utf8);
    }
}
