//! Byte offset ⇄ line/column conversion, in one place.
//!
//! Columns are counted in Unicode scalar values (for the CLI and JSON), in UTF-16
//! code units or in bytes (for the language server). Lines end at `\n`; a `\r`
//! before it belongs to the line ending, not to the line's columns.

use std::ops::Range;

/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Unicode scalar values (`char`s). What humans and the JSON output see.
    Char,
    /// UTF-16 code units (LSP default).
    Utf16,
    /// Bytes (LSP `utf-8` position encoding).
    Utf8,
}

/// A 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Start offsets of every line of a text.
impl LineCol {
    /// A position: 0-based line and column.
    pub fn new(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// Column counts at regular points of long lines, so that finding a column
    /// never rescans a whole long line (PDF extracts can have megabyte lines).
    checkpoints: Vec<Checkpoint>,
}

/// Counts from the start of its line up to `byte` (a char boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

/// Lines longer than this get checkpoints every this many bytes.
const CHECKPOINT_STRIDE: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        add_long_line_checkpoints(text, &starts, 0..text.len(), &mut checkpoints);
        LineIndex {
            starts,
            len: text.len(),
            checkpoints,
        }
    }

    /// The index of `new`: the text this index was made for with its bytes
    /// `replaced` replaced by `inserted_len` bytes. Lines before the edit are
    /// kept and lines after it shifted; only the edited lines are read again
    /// (an editor re-indexes a 1 MB document on every keystroke). Anything
    /// inconsistent (a range outside the old text, lengths that do not add up)
    /// gives the index of `new` made from scratch.
    pub fn edited(&self, new: &str, replaced: Range<usize>, inserted_len: usize) -> LineIndex {
        let consistent = replaced.start <= replaced.end
            && replaced.end <= self.len
            && self.len - replaced.len() + inserted_len == new.len();
        let inserted = replaced.start..replaced.start + inserted_len;
        let Some(inserted_bytes) = new.as_bytes().get(inserted.clone()).filter(|_| consistent)
        else {
            return LineIndex::new(new);
        };
        // New length minus old length, applied to what follows the edit.
        let shift = |at: usize| at - replaced.end + inserted.end;
        // Line starts up to the edit's start are unchanged (their newline lies
        // before it); those whose newline was replaced go; the rest move.
        let kept = self.starts.partition_point(|&s| s <= replaced.start);
        let moved_from = self.starts.partition_point(|&s| s <= replaced.end);
        let mut starts = Vec::with_capacity(self.starts.len() + inserted_len / 40 + 1);
        starts.extend_from_slice(self.starts.get(..kept).unwrap_or_default());
        starts.extend(memchr::memchr_iter(b'\n', inserted_bytes).map(|i| inserted.start + i + 1));
        let moved = self.starts.get(moved_from..).unwrap_or_default();
        starts.extend(moved.iter().map(|&s| shift(s)));
        // Checkpoints count from their line's start: those of lines wholly
        // before or after the edited ones stay right (shifted after it); the
        // edited lines are counted again.
        let edited_from = kept
            .checked_sub(1)
            .and_then(|line| self.starts.get(line))
            .copied()
            .unwrap_or(0);
        let old_edited_to = self.starts.get(moved_from).copied().unwrap_or(self.len);
        let edited_to = self.starts.get(moved_from).map_or(new.len(), |&s| shift(s));
        let mut checkpoints = Vec::with_capacity(self.checkpoints.len());
        checkpoints.extend(self.checkpoints.iter().filter(|c| c.byte < edited_from));
        add_long_line_checkpoints(new, &starts, edited_from..edited_to, &mut checkpoints);
        checkpoints.extend(
            self.checkpoints
                .iter()
                .filter(|c| c.byte >= old_edited_to)
                .map(|c| Checkpoint {
                    byte: shift(c.byte),
                    ..*c
                }),
        );
        LineIndex {
            starts,
            len: new.len(),
            checkpoints,
        }
    }

    /// Number of lines (a text ending in `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based `line` starts, or `None` past the end.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// Byte range of 0-based `line` without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line)?;
        let mut end = self.starts.get(line + 1).map_or(self.len, |&n| n - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end.max(start))
    }

    /// 0-based line of a byte offset (offsets past the end map to the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// 0-based line and column of `offset` in `text`, counted in `unit`.
    /// An offset inside a multi-byte character is moved back to its start.
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let mut start = self.starts[line];
        if line == 0 && unit == ColumnUnit::Char {
            // A BOM is not a column people see: the first letter is column 1.
            start = crate::source::bom_len(text).min(offset);
        }
        // Resume from the nearest checkpoint of a long line.
        let (from, base_chars, base_utf16) = match self.checkpoint_before(offset) {
            Some(cp) if cp.byte >= start && unit != ColumnUnit::Utf8 => {
                // Checkpoints count from the line start; a skipped BOM is one char.
                let skipped_bom = start > self.starts[line];
                (cp.byte, cp.chars - usize::from(skipped_bom), cp.utf16)
            }
            _ => (start, 0, 0),
        };
        let prefix = &text[from..offset];
        let col = match unit {
            ColumnUnit::Utf8 => offset - start,
            ColumnUnit::Char => base_chars + prefix.chars().count(),
            ColumnUnit::Utf16 => base_utf16 + prefix.chars().map(char::len_utf16).sum::<usize>(),
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Byte offset of a 0-based line and column counted in `unit`. A column past
    /// the line's end clamps to the end of the line (before `\r\n`); a line past
    /// the end clamps to the end of the text. Never splits a character.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        let Some(mut range) = self.line_range(text, pos.line as usize) else {
            return text.len();
        };
        if pos.line == 0 && unit == ColumnUnit::Char {
            range.start += crate::source::bom_len(text);
        }
        let line = &text[range.clone()];
        let want = pos.col as usize;
        let mut seen = 0usize;
        for (i, c) in line.char_indices() {
            if seen >= want {
                return range.start + i;
            }
            seen += match unit {
                ColumnUnit::Utf8 => c.len_utf8(),
                ColumnUnit::Char => 1,
                ColumnUnit::Utf16 => c.len_utf16(),
            };
            if seen > want {
                // Inside a character (UTF-16 surrogate half or mid-byte): round down.
                return range.start + i;
            }
        }
        range.end
    }
}

impl LineIndex {
    fn checkpoint_before(&self, offset: usize) -> Option<Checkpoint> {
        let after = self.checkpoints.partition_point(|c| c.byte <= offset);
        after.checked_sub(1).map(|i| self.checkpoints[i])
    }
}

/// Char columns ([`ColumnUnit::Char`]) of offsets asked in about increasing
/// order, as a file's sorted findings ask them: an offset on the line of the
/// one asked before is counted from there, not from the line's start (a
/// paragraph is one long line, with many findings on it). The same values as
/// [`LineIndex::line_col`].
#[derive(Debug)]
pub struct CharColumns<'a> {
    index: &'a LineIndex,
    text: &'a str,
    last: std::cell::Cell<Option<LastColumn>>,
}

/// The last offset asked and its line.
#[derive(Debug, Clone, Copy)]
struct LastColumn {
    offset: usize,
    line: u32,
    col: u32,
    /// Where the line's columns start (after a BOM on the first line).
    cols_from: usize,
    /// The next line's start (`usize::MAX` on the last line).
    next_line: usize,
}

impl<'a> CharColumns<'a> {
    /// Columns of `text`, which `index` indexes.
    pub fn new(index: &'a LineIndex, text: &'a str) -> CharColumns<'a> {
        CharColumns {
            index,
            text,
            last: std::cell::Cell::new(None),
        }
    }

    /// 0-based line and char column of `offset`, as [`LineIndex::line_col`].
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text, offset);
        if let Some(at) = self
            .last
            .get()
            .and_then(|last| self.counted_on(last, offset))
        {
            return at;
        }
        let at = self.index.line_col(self.text, offset, ColumnUnit::Char);
        self.remember(offset, at);
        at
    }

    /// `offset` counted from the last offset asked, if that is on its line
    /// and nearer than what the index counts from (the line's start or a
    /// checkpoint, at most [`CHECKPOINT_STRIDE`] bytes back).
    fn counted_on(&self, last: LastColumn, offset: usize) -> Option<LineCol> {
        if offset < last.cols_from || offset >= last.next_line {
            return None;
        }
        let col = if offset >= last.offset {
            if offset - last.offset > CHECKPOINT_STRIDE {
                return None;
            }
            last.col as usize + self.text.get(last.offset..offset)?.chars().count()
        } else {
            let back = last.offset - offset;
            if back > CHECKPOINT_STRIDE || back > offset - last.cols_from {
                return None;
            }
            (last.col as usize).checked_sub(self.text.get(offset..last.offset)?.chars().count())?
        };
        let at = LineCol::new(last.line, col as u32);
        self.last.set(Some(LastColumn {
            offset,
            col: at.col,
            ..last
        }));
        Some(at)
    }

    fn remember(&self, offset: usize, at: LineCol) {
        let line = at.line as usize;
        let Some(start) = self.index.line_start(line) else {
            return;
        };
        let cols_from = if line == 0 {
            crate::source::bom_len(self.text)
        } else {
            start
        };
        if offset < cols_from {
            // Inside a BOM, which has no column to count on from.
            return;
        }
        self.last.set(Some(LastColumn {
            offset,
            line: at.line,
            col: at.col,
            cols_from,
            next_line: self.index.line_start(line + 1).unwrap_or(usize::MAX),
        }));
    }
}

/// Checkpoints every [`CHECKPOINT_STRIDE`] bytes along one long line.
/// Checkpoints of the long lines among those starting in `lines` (`starts`
/// are all line starts of `text`).
fn add_long_line_checkpoints(
    text: &str,
    starts: &[usize],
    lines: Range<usize>,
    out: &mut Vec<Checkpoint>,
) {
    let first = starts.partition_point(|&s| s < lines.start);
    let starts_in = starts.get(first..).unwrap_or_default();
    for (n, &start) in starts_in.iter().enumerate() {
        if start >= lines.end {
            break;
        }
        let end = starts_in.get(n + 1).map_or(text.len(), |&next| next);
        if end - start > CHECKPOINT_STRIDE {
            add_checkpoints(text, start..end, out);
        }
    }
}

fn add_checkpoints(text: &str, line: std::ops::Range<usize>, out: &mut Vec<Checkpoint>) {
    let (mut chars, mut utf16) = (0, 0);
    let mut next = line.start + CHECKPOINT_STRIDE;
    for (i, c) in text[line.clone()].char_indices() {
        let at = line.start + i;
        if at >= next {
            out.push(Checkpoint {
                byte: at,
                chars,
                utf16,
            });
            next = at + CHECKPOINT_STRIDE;
        }
        chars += 1;
        utf16 += c.len_utf16();
    }
}

/// The largest char boundary `<= offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic byte-offset generator (xorshift), no dependency.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn an_edited_index_equals_one_made_from_scratch() {
        let long_line = "Åsa 😀 möter patienterna, ".repeat(400);
        let mut text = format!("\u{feff}Rubrik\r\n{long_line}\r\nkort\n\n{long_line}\nsist");
        let pieces = ["", "x", "\n", "\r\n", "ä\nö", "😀", "\n\n\n", &long_line];
        let mut dice = Dice(0x5eed_1234_abcd_0042);
        let mut index = LineIndex::new(&text);
        for round in 0..400 {
            let mut start = dice.below(text.len() + 1);
            let mut end = (start + dice.below(64)).min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let end = end.max(start);
            // Keep the text from growing without bound.
            let piece = pieces[dice.below(pieces.len())];
            let piece = if text.len() > 60_000 { "" } else { piece };
            text.replace_range(start..end, piece);
            index = index.edited(&text, start..end, piece.len());
            assert_eq!(
                index,
                LineIndex::new(&text),
                "round {round}: {start}..{end} <- {piece:?}"
            );
        }
    }

    #[test]
    fn an_inconsistent_edit_gives_the_index_made_from_scratch() {
        let old = LineIndex::new("ab\ncd\n");
        let new = "ab\nxcd\n";
        // The right edit, then ranges and lengths that do not fit the texts.
        assert_eq!(old.edited(new, 3..3, 1), LineIndex::new(new));
        assert_eq!(old.edited(new, 3..99, 1), LineIndex::new(new));
        let reversed = Range { start: 5, end: 3 };
        assert_eq!(old.edited(new, reversed, 1), LineIndex::new(new));
        assert_eq!(old.edited(new, 3..3, 7), LineIndex::new(new));
    }

    const TEXT: &str = "\u{feff}Rubrik\r\nÅtta ä ö 😀 patienter\r\nsist";

    #[test]
    fn columns_in_each_unit_after_bom_swedish_letters_and_emoji() {
        let idx = LineIndex::new(TEXT);
        let at = TEXT.find("patienter").unwrap();
        assert_eq!(
            idx.line_col(TEXT, at, ColumnUnit::Char),
            LineCol { line: 1, col: 11 }
        );
        assert_eq!(
            idx.line_col(TEXT, at, ColumnUnit::Utf16),
            LineCol { line: 1, col: 12 }
        );
        assert_eq!(
            idx.line_col(TEXT, at, ColumnUnit::Utf8),
            LineCol { line: 1, col: 17 }
        );
        // The BOM is no column in Unicode scalar values; it is in the LSP units.
        assert_eq!(
            idx.line_col(TEXT, 3, ColumnUnit::Char),
            LineCol { line: 0, col: 0 }
        );
        assert_eq!(
            idx.line_col(TEXT, 3, ColumnUnit::Utf16),
            LineCol { line: 0, col: 1 }
        );
        assert_eq!(
            idx.offset(TEXT, LineCol { line: 0, col: 0 }, ColumnUnit::Char),
            3
        );
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let line = "Åsa 😀 patienterna ".repeat(2000);
        for text in [line.clone(), format!("\u{feff}{line}\nrad två {line}")] {
            let idx = LineIndex::new(&text);
            for offset in (0..text.len())
                .step_by(997)
                .filter(|&o| text.is_char_boundary(o))
            {
                let line_no = idx.line_of(offset);
                let mut start = idx.line_start(line_no).unwrap();
                let utf16: usize = text[start..offset].chars().map(char::len_utf16).sum();
                assert_eq!(
                    idx.line_col(&text, offset, ColumnUnit::Utf16).col as usize,
                    utf16
                );
                if line_no == 0 {
                    start += crate::source::bom_len(&text).min(offset);
                }
                let chars = text[start..offset].chars().count();
                assert_eq!(
                    idx.line_col(&text, offset, ColumnUnit::Char).col as usize,
                    chars,
                    "{offset}"
                );
            }
        }
    }

    #[test]
    fn char_columns_in_any_order_equal_the_index() {
        let long = "Åsa 😀 patienterna ".repeat(700);
        let text = format!("\u{feff}Rubrik\r\nÅtta ä ö 😀 x\r\n{long}\nsist");
        let idx = LineIndex::new(&text);
        let columns = CharColumns::new(&idx, &text);
        // Forwards, backwards, jumps across lines and inside characters.
        let mut offsets: Vec<usize> = (0..=text.len() + 2).step_by(7).collect();
        offsets.extend((0..text.len()).rev().step_by(5));
        offsets.extend([0, 1, 3, 4, 9000, 20, 12000, 11990, 3, text.len(), 2, 5]);
        for offset in offsets {
            assert_eq!(
                columns.line_col(offset),
                idx.line_col(&text, offset, ColumnUnit::Char),
                "{offset}"
            );
        }
        let at = text.find("x\r").unwrap();
        assert_eq!(columns.line_col(at), LineCol::new(1, 11));
        // Inside the emoji: its start.
        assert_eq!(columns.line_col(at - 4), LineCol::new(1, 9));
        assert_eq!(columns.line_col(at - 6), LineCol::new(1, 8));
    }

    #[test]
    fn offsets_round_trip_and_clamp() {
        let idx = LineIndex::new(TEXT);
        let at = TEXT.find("patienter").unwrap();
        for unit in [ColumnUnit::Char, ColumnUnit::Utf16, ColumnUnit::Utf8] {
            let lc = idx.line_col(TEXT, at, unit);
            assert_eq!(idx.offset(TEXT, lc, unit), at);
        }
        // Past the end of a CRLF line: before the \r.
        let end = idx.offset(TEXT, LineCol { line: 0, col: 99 }, ColumnUnit::Char);
        assert_eq!(&TEXT[end..end + 2], "\r\n");
        // Inside the emoji's surrogate pair: rounds down to the emoji.
        let emoji = TEXT.find('😀').unwrap();
        let lc = idx.line_col(TEXT, emoji, ColumnUnit::Utf16);
        let mid = LineCol {
            line: lc.line,
            col: lc.col + 1,
        };
        assert_eq!(idx.offset(TEXT, mid, ColumnUnit::Utf16), emoji);
        assert_eq!(
            idx.offset(TEXT, LineCol { line: 9, col: 0 }, ColumnUnit::Char),
            TEXT.len()
        );
    }
}
