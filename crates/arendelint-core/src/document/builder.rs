//! Collects tokens block by block and turns them into sentences, headings,
//! sections and tables. Shared by the Markdown and plain-text front ends.

use super::tokenize::Tokenizer;
use super::*;
use crate::source::bom_len;

pub(crate) struct Builder<'t, 'd> {
    pub text: &'t str,
    pub data: &'d RuleData,
    kind: SourceKind,
    norm: String,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    headings: Vec<Heading>,
    tables: Vec<Table>,
    comments: Vec<Comment>,
    /// First token of the open block.
    block_start: usize,
    /// Text waiting to be tokenized: contiguous pieces are merged first so that
    /// a hyphenated line break across a soft break can be joined.
    pending: Option<Range<usize>>,
    /// Level of the last ATX/setext heading (bold pseudo-headings sit below it).
    last_level: u8,
    /// Agenda mode: plain-text case lines are headings.
    pub agenda: bool,
}

/// What the front end knows about a finished block.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BlockInfo {
    pub ctx: Ctx,
    /// The paragraph is bold text only (a pseudo-heading).
    pub bold_only: bool,
    /// A `Label:` opening may make it a labelled section.
    pub allow_label: bool,
}

impl<'t, 'd> Builder<'t, 'd> {
    pub fn new(text: &'t str, kind: SourceKind, data: &'d RuleData, agenda: bool) -> Self {
        Builder {
            text,
            data,
            kind,
            // The normalised words are the text without its white space:
            // most of it (half of it was too little and the buffer grew once).
            norm: String::with_capacity(text.len()),
            tokens: Vec::with_capacity(text.len() / 5),
            // About one sentence per 100 bytes of prose.
            sentences: Vec::with_capacity(text.len() / 128),
            headings: Vec::new(),
            tables: Vec::new(),
            comments: Vec::new(),
            block_start: 0,
            pending: None,
            last_level: 0,
            agenda,
        }
    }

    /// A builder for a document assembled from parts parsed on their own
    /// ([`Builder::adopt`]): nothing is reserved for the whole text.
    pub fn outline(text: &'t str, data: &'d RuleData) -> Self {
        Builder {
            norm: String::new(),
            tokens: Vec::new(),
            ..Builder::new("", SourceKind::Markdown, data, false)
        }
        .with_text(text)
    }

    fn with_text(mut self, text: &'t str) -> Self {
        self.text = text;
        self
    }

    /// Appends sentences `sentences` of `part`, a document parsed from the
    /// text at byte `shift` of this one, with their headings and their tokens
    /// up to token `tokens_end` of `part` (tokens between sentences included).
    pub fn adopt(
        &mut self,
        part: &Document,
        shift: usize,
        sentences: Range<usize>,
        tokens_end: usize,
    ) {
        let Some(first) = part.sentences.get(sentences.start) else {
            return;
        };
        let token_start = first.tokens.start;
        let tokens_end = tokens_end.max(token_start);
        let token_base = self.tokens.len();
        let sentence_base = self.sentences.len();
        if let (Some(a), Some(b)) = (
            part.tokens.get(token_start),
            part.tokens.get(tokens_end.saturating_sub(1)),
        ) {
            let norm_base = self.norm.len() as u32;
            let from = a.norm_start;
            self.norm
                .push_str(&part.norm[a.norm_start as usize..b.norm_end as usize]);
            self.tokens
                .extend(part.tokens[token_start..tokens_end].iter().map(|t| Token {
                    start: t.start + shift,
                    end: t.end + shift,
                    norm_start: t.norm_start - from + norm_base,
                    norm_end: t.norm_end - from + norm_base,
                    ..*t
                }));
        }
        let token = |t: usize| t - token_start + token_base;
        let sentence = |s: usize| s - sentences.start + sentence_base;
        self.sentences
            .extend(part.sentences[sentences.clone()].iter().map(|s| Sentence {
                tokens: token(s.tokens.start)..token(s.tokens.end),
                ctx: s.ctx,
            }));
        self.headings.extend(
            part.headings
                .iter()
                .filter(|h| sentences.contains(&h.sentence))
                .map(|h| Heading {
                    span: h.span.start + shift..h.span.end + shift,
                    sentence: sentence(h.sentence),
                    label_end: h.label_end.map(sentence),
                    ..h.clone()
                }),
        );
        self.block_start = self.tokens.len();
    }

    /// Where the text starts after a BOM.
    pub fn content_start(&self) -> usize {
        bom_len(self.text)
    }

    /// Adds checkable text (source range whose text is the content).
    pub fn piece(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if let Some(p) = &mut self.pending {
            let gap = self.text.get(p.end..range.start).unwrap_or("x");
            if p.end <= range.start && gap.chars().all(char::is_whitespace) {
                p.end = range.end;
                return;
            }
        }
        self.flush();
        self.pending = Some(range);
    }

    /// Adds something that is not prose (inline code, an entity): it separates words.
    pub fn opaque(&mut self, range: Range<usize>) {
        self.flush();
        let at = self.norm.len() as u32;
        self.tokens.push(Token {
            start: range.start,
            end: range.end,
            kind: TokKind::Opaque,
            space_before: true,
            norm_is_text: false,
            norm_start: at,
            norm_end: at,
        });
    }

    fn flush(&mut self) {
        if let Some(range) = self.pending.take() {
            let data = self.data;
            let joins = |w: &str| data.joins_split_word(w);
            let tokenizer = Tokenizer {
                text: self.text,
                join_hyphens: true,
                joiners: &data.compound_joiners,
                joins_split_word: &joins,
            };
            tokenizer.run(range, &mut self.tokens, &mut self.norm);
        }
    }

    pub fn comment(&mut self, range: Range<usize>, inner: Range<usize>) {
        self.comments.push(Comment { range, inner });
    }

    /// Drops the open block's tokens (e.g. an empty or skipped block).
    pub fn has_open_tokens(&mut self) -> bool {
        self.flush();
        self.tokens.len() > self.block_start
    }

    /// Ends a paragraph, list item or cell: splits it into sentences, or makes it a
    /// pseudo-heading or labelled section. Returns the sentence range added.
    pub fn end_block(&mut self, info: BlockInfo) -> Range<usize> {
        self.flush();
        let range = self.block_start..self.tokens.len();
        self.block_start = self.tokens.len();
        let first_sentence = self.sentences.len();
        if range.is_empty() {
            return first_sentence..first_sentence;
        }
        if info.ctx == Ctx::Body && info.bold_only {
            let level = self.last_level.saturating_add(1);
            self.push_heading(range, level, HeadingKind::Bold);
            return first_sentence..self.sentences.len();
        }
        if info.ctx == Ctx::Body && info.allow_label {
            if let Some(colon) = self.label_end(range.clone()) {
                let h = self.push_heading(range.start..colon + 1, u8::MAX, HeadingKind::Label);
                self.split_sentences(colon + 1..range.end, info.ctx);
                self.headings[h].label_end = Some(self.sentences.len());
                return first_sentence..self.sentences.len();
            }
        }
        self.split_sentences(range, info.ctx);
        first_sentence..self.sentences.len()
    }

    /// Ends a heading block (ATX/setext heading or plain-text heading line).
    pub fn end_heading(&mut self, level: u8, kind: HeadingKind) {
        self.flush();
        let range = self.block_start..self.tokens.len();
        self.block_start = self.tokens.len();
        if range.is_empty() {
            return;
        }
        if kind == HeadingKind::Markdown {
            self.last_level = level;
        }
        self.push_heading(range, level, kind);
    }

    fn push_heading(&mut self, range: Range<usize>, level: u8, kind: HeadingKind) -> usize {
        let mut start = self.tokens[range.start].start;
        let end = self.tokens[range.end - 1].end;
        if kind != HeadingKind::Label {
            // The whole heading line, markup included (`## …`, `**…**`). A lone
            // `\r` ends a line too (CommonMark), as it does for `line_end` below.
            let line_start = memchr::memrchr2(b'\n', b'\r', &self.text.as_bytes()[..start])
                .map_or(self.content_start(), |i| i + 1);
            let line = &self.text[line_start..start];
            start = line_start + (line.len() - line.trim_start().len());
        }
        let line_end = memchr::memchr2(b'\r', b'\n', &self.text.as_bytes()[start..])
            .map_or(self.text.len(), |i| start + i);
        let line_end = if kind == HeadingKind::Label {
            end
        } else {
            start + self.text[start..line_end].trim_end().len()
        };
        let text = self.join_norm(range.clone());
        self.sentences.push(Sentence {
            tokens: range,
            ctx: Ctx::Heading,
        });
        self.headings.push(Heading {
            level,
            kind,
            span: start..line_end,
            text,
            sentence: self.sentences.len() - 1,
            label_end: None,
        });
        self.headings.len() - 1
    }

    /// Lower-cased text of tokens, with a space where the source had one.
    fn join_norm(&self, range: Range<usize>) -> String {
        // Lower-casing keeps the length of almost every word: the tokens'
        // span in the source is room enough.
        let room = match (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|l| self.tokens.get(l)),
        ) {
            (Some(first), Some(last)) => last.end.saturating_sub(first.start),
            _ => 0,
        };
        let mut out = String::with_capacity(room);
        for (n, t) in self.tokens[range].iter().enumerate() {
            if n > 0 && t.space_before {
                out.push(' ');
            }
            out.push_str(token_norm(self.text, &self.norm, t));
        }
        out
    }

    /// The colon token ending a section label (§1, §6.11), if the block opens with one.
    fn label_end(&self, range: Range<usize>) -> Option<usize> {
        let mut words = 0;
        for i in range.clone().take(16) {
            match self.tokens[i].kind {
                TokKind::Word => words += 1,
                TokKind::Punct(':') if words > 0 => {
                    let label = self.join_norm(range.start..i);
                    let is_section = self.data.consequence_labels.contains(&label)
                        || self.data.is_gender_heading(&label);
                    return is_section.then_some(i);
                }
                TokKind::Punct('-' | '/' | '+') | TokKind::Number => {}
                _ => return None,
            }
            if words > 6 {
                return None;
            }
        }
        None
    }

    fn split_sentences(&mut self, range: Range<usize>, ctx: Ctx) {
        let (text, data) = (self.text, self.data);
        // The tokens as a slice: no index check for each of them.
        let Some(tokens) = self.tokens.get(range.clone()) else {
            return;
        };
        let mut start = range.start;
        for (k, t) in tokens.iter().enumerate() {
            let TokKind::Punct('.' | '!' | '?' | '…') = t.kind else {
                continue;
            };
            let Some(next) = tokens.get(k + 1) else {
                continue;
            };
            let starts_sentence = next.space_before
                && text[next.start..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if starts_sentence
                && !(t.kind == TokKind::Punct('.') && is_abbreviation(text, data, t.end))
            {
                let end = range.start + k + 1;
                self.sentences.push(Sentence {
                    tokens: start..end,
                    ctx,
                });
                start = end;
            }
        }
        if start < range.end {
            self.sentences.push(Sentence {
                tokens: start..range.end,
                ctx,
            });
        }
    }

    /// Starts a table; cells are added with [`Builder::table_cell`].
    pub fn begin_table(&mut self, start: usize) {
        let line_start = self.text[..start]
            .rfind('\n')
            .map_or(0, |i| i + 1)
            .max(self.content_start());
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line = &self.text[line_start..line_end];
        let trimmed_start = line_start + (line.len() - line.trim_start().len());
        let trimmed_end = line_start + line.trim_end().len();
        self.tables.push(Table {
            header_span: trimmed_start..trimmed_end.max(trimmed_start),
            header_cells: Vec::new(),
            first_column: Vec::new(),
            numeric: false,
        });
    }

    /// Starts a table whose header row spans `header_span` (a Word table's header
    /// cells are lines of their own); cells are added with [`Builder::table_cell`].
    pub fn begin_table_at(&mut self, header_span: Range<usize>) {
        self.tables.push(Table {
            header_span,
            header_cells: Vec::new(),
            first_column: Vec::new(),
            numeric: false,
        });
    }

    /// Tokenizes the text added so far on its own, so that it is not joined
    /// with the next piece (separate paragraphs of one Word table cell).
    pub fn break_pieces(&mut self) {
        self.flush();
    }

    /// Ends a table cell: `header` for the head row, `first` for a row's first cell.
    pub fn table_cell(&mut self, header: bool, first: bool) {
        self.flush();
        let range = self.block_start..self.tokens.len();
        self.end_block(BlockInfo {
            ctx: Ctx::TableCell,
            bold_only: false,
            allow_label: false,
        });
        let numeric = !range.is_empty()
            && range
                .clone()
                .any(|i| self.tokens[i].kind == TokKind::Number)
            && range.clone().all(|i| {
                matches!(
                    self.tokens[i].kind,
                    TokKind::Number | TokKind::Punct('%' | '-' | '–' | '+' | '(' | ')' | '.' | ',')
                )
            });
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        if header {
            table.header_cells.push(range);
        } else {
            if first {
                table.first_column.push(range);
            }
            table.numeric |= numeric;
        }
    }

    pub fn finish(mut self) -> Document<'t> {
        self.flush();
        let sections = self.sections();
        Document {
            text: self.text,
            kind: self.kind,
            norm: self.norm,
            tokens: self.tokens,
            sentences: self.sentences,
            headings: self.headings,
            sections,
            tables: self.tables,
            comments: self.comments,
        }
    }

    /// Each heading's body: until the next heading of the same or a higher level
    /// (labels: the rest of their paragraph).
    fn sections(&self) -> Vec<Section> {
        let n = self.sentences.len();
        let is_case_part = |h: &Heading| {
            let t = h.text.trim_end_matches([':', '.', ' ']);
            self.data.case_parts.iter().any(|p| {
                t == p
                    || t.strip_prefix(p.as_str())
                        .is_some_and(|r| r.starts_with(' '))
            })
        };
        let first_case_part = self.headings.iter().position(is_case_part);
        let mut sections = Vec::with_capacity(self.headings.len());
        for (i, h) in self.headings.iter().enumerate() {
            let body_start = h.sentence + 1;
            let body_end = match h.label_end {
                Some(end) => end,
                None => self.headings[i + 1..]
                    .iter()
                    .find(|o| o.kind != HeadingKind::Label && o.level <= h.level)
                    .map_or(n, |o| o.sentence),
            };
            let is_title = match self.kind {
                SourceKind::PlainText | SourceKind::Pdf => first_case_part.is_some_and(|f| i < f),
                SourceKind::Markdown | SourceKind::Docx => self.headings[i + 1..]
                    .iter()
                    .take_while(|o| o.sentence < body_end)
                    .any(is_case_part),
            };
            sections.push(Section {
                heading: i,
                body: body_start..body_end.max(body_start),
                is_title,
            });
        }
        sections
    }
}

/// Whether the period ending at `end` closes an abbreviation (`t.ex.`, `kap.`).
fn is_abbreviation(text: &str, data: &RuleData, end: usize) -> bool {
    let before = &text[..end];
    let start = word_start_before(before);
    let word = before[start..].trim_start_matches(['(', '[', '"', '\'', '«', '”', '“', '*', '_']);
    // Most words before a period are lower case already: no copy, and no
    // look-up when longer than every abbreviation (most words ending a sentence).
    if is_lower_case(word) {
        return word.len() <= data.abbreviation_len && data.abbreviations.contains(word);
    }
    data.abbreviations.contains(&word.to_lowercase())
}

/// Where the last run of characters other than white space in `text` starts.
/// Read backwards byte by byte: only the lead bytes 0xC2 and 0xE1–0xE3 can
/// start a white-space character outside ASCII (U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000), so only they are decoded.
fn word_start_before(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        let b = bytes[i - 1];
        if b < 0x80 {
            if b.is_ascii_whitespace() || b == 0x0b {
                return i;
            }
        } else if matches!(b, 0xC2 | 0xE1..=0xE3) {
            if let Some(c) = text.get(i - 1..).and_then(|rest| rest.chars().next()) {
                if c.is_whitespace() {
                    return i - 1 + c.len_utf8();
                }
            }
        }
        i -= 1;
    }
    0
}

/// Whether `word` is its own lower case, told from its bytes: ASCII without
/// capitals and the lower-case letters of Latin-1 (`ß` to `ÿ`, as in å, ä, ö).
/// `false` means "maybe not".
fn is_lower_case(word: &str) -> bool {
    let bytes = word.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b if b < 0x80 && !b.is_ascii_uppercase() => i += 1,
            0xC3 if matches!(bytes.get(i + 1), Some(0x9F..=0xB6 | 0xB8..=0xBF)) => i += 2,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::word_start_before;

    /// The start after the last white-space character, char by char.
    fn reference(text: &str) -> usize {
        text.char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    #[test]
    fn word_starts_after_the_last_white_space_of_any_kind() {
        let spaces = [
            " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let others = [
            "t.ex",
            "åäö",
            "Ö",
            "\u{ad}",
            "\u{200b}",
            "\u{2010}",
            "\u{3001}",
            "€",
            "x\u{1f600}",
            "",
        ];
        for space in spaces {
            for a in others {
                for b in others {
                    let text = format!("{a}{space}{b}");
                    assert_eq!(word_start_before(&text), reference(&text), "{text:?}");
                    let text = format!("{b}{a}");
                    assert_eq!(word_start_before(&text), reference(&text), "{text:?}");
                }
            }
        }
        assert_eq!(word_start_before("enligt kap"), 7);
        assert_eq!(word_start_before("enligt\u{a0}kap"), 8);
        assert_eq!(word_start_before("kap"), 0);
    }

    #[test]
    fn abbreviations_as_the_plain_look_up() {
        let data = crate::ruledata::RuleData::build(&crate::config::Config::default())
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(data.abbreviation_len, "fr.o.m.".len());
        for text in [
            "se t.ex.",
            "(t.ex.",
            "T.EX.",
            "enl. kap.",
            "fr.o.m.",
            "xfr.o.m.",
            "året.",
            "Året.",
            "verksamheten.",
            "\"bl.a.",
            "KAP.",
            "«s.",
            ".",
            "a\u{a0}nr.",
        ] {
            let start = super::word_start_before(text);
            let word = text[start..]
                .trim_start_matches(['(', '[', '"', '\'', '«', '”', '“', '*', '_'])
                .to_lowercase();
            assert_eq!(
                super::is_abbreviation(text, &data, text.len()),
                data.abbreviations.contains(&word),
                "{text:?}"
            );
        }
        assert!(super::is_abbreviation("se t.ex.", &data, 8));
        assert!(!super::is_abbreviation("verksamheten.", &data, 13));
    }
}
