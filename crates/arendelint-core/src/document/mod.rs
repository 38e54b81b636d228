//! The document model (contract §1): one parse into tokens, sentences, headings,
//! sections, tables and comments, all with byte offsets into the original text.
//! Rules only query this model; none re-parses.

mod builder;
mod docx;
mod markdown;
mod plaintext;
mod tokenize;

use crate::ruledata::RuleData;
use crate::source::SourceKind;
use std::ops::Range;

pub(crate) use builder::Builder;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// A run of letters, with hyphens inside (and joined line-end hyphenation).
    Word,
    /// Digits with inner separators (`4 500`, `12,5`, `2024-08-20`, `2001:100`).
    Number,
    Punct(char),
    /// Inline code, entities and the like: breaks word adjacency, never matches.
    Opaque,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// White space (or markup) stands right before the token.
    pub space_before: bool,
    norm_start: u32,
    norm_end: u32,
}

/// Where a sentence stands, which decides the rules that check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    /// Paragraphs and list items: checked by the span rules.
    Body,
    Heading,
    /// Block quotes quote other sources: not checked.
    Quote,
    /// Table cells: only JAM004 (d) looks at tables.
    TableCell,
}

#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub tokens: Range<usize>,
    pub ctx: Ctx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadingKind {
    /// ATX or setext heading.
    Markdown,
    /// A paragraph of bold text only.
    Bold,
    /// `Label: text`: the section is the rest of the paragraph.
    Label,
    /// A heading line of a plain-text file.
    Line,
}

#[derive(Debug, Clone)]
pub(crate) struct Heading {
    pub level: u8,
    pub kind: HeadingKind,
    /// What a finding on the heading points at.
    pub span: Range<usize>,
    /// Lower-cased text, words separated as in the source.
    pub text: String,
    /// The heading's own sentence.
    pub sentence: usize,
    /// For labels: the end of the paragraph's sentences.
    pub label_end: Option<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub heading: usize,
    /// Sentence indices of the body.
    pub body: Range<usize>,
    /// The case title, never a gender section (§6.15).
    pub is_title: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// The header row's line, from the first `|` to the last.
    pub header_span: Range<usize>,
    /// Token ranges of the header cells and of the first cell of each body row.
    pub header_cells: Vec<Range<usize>>,
    pub first_column: Vec<Range<usize>>,
    /// Some cell holds a number.
    pub numeric: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Comment {
    /// The whole `<!-- … -->`.
    pub range: Range<usize>,
    /// The text between the markers.
    pub inner: Range<usize>,
}

/// A part of a document checked as one case: the whole document, or one agenda case.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub sentences: Range<usize>,
    pub headings: Range<usize>,
    pub bytes: Range<usize>,
    /// The case heading in agenda mode: a title, never a gender section.
    pub title_heading: Option<usize>,
}

/// One case of an agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseInfo {
    /// The case heading's text (`§ 184 Ny ambulansstation`).
    pub title: String,
    /// The diary number (`RS 2023/123`), when the case names one.
    pub dnr: Option<String>,
    /// Byte range of the case heading.
    pub heading: Range<usize>,
    /// Byte range of the whole case, from its heading's line to the next case.
    pub range: Range<usize>,
}

#[derive(Debug)]
pub(crate) struct Document<'t> {
    pub text: &'t str,
    pub kind: SourceKind,
    norm: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    pub comments: Vec<Comment>,
}

impl<'t> Document<'t> {
    /// Parses a document. With `agenda`, plain-text case lines (`§ 184 …`) are headings.
    pub fn parse(text: &'t str, kind: SourceKind, data: &RuleData, agenda: bool) -> Document<'t> {
        let mut builder = Builder::new(text, kind, data, agenda);
        match kind {
            SourceKind::Markdown => markdown::parse(&mut builder),
            SourceKind::PlainText => plaintext::parse(&mut builder),
        }
        builder.finish()
    }

    /// Builds the model of a `.docx` from its extracted text and blocks. The text
    /// has headings with levels, as Markdown does, so it is checked as Markdown.
    pub fn from_docx(
        extracted: &'t crate::docx::Extracted,
        data: &RuleData,
        agenda: bool,
    ) -> Document<'t> {
        let mut builder = Builder::new(&extracted.text, SourceKind::Markdown, data, agenda);
        docx::parse(&mut builder, &extracted.blocks);
        builder.finish()
    }

    /// The normalised (lower-cased, hyphenation-joined) text of a token.
    pub fn norm(&self, t: &Token) -> &str {
        &self.norm[t.norm_start as usize..t.norm_end as usize]
    }

    pub fn token_norm(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.norm(t))
    }

    /// The source text of a token.
    pub fn source(&self, t: &Token) -> &'t str {
        &self.text[t.start..t.end]
    }

    /// Normalised words and numbers of a token range (punctuation dropped), with their token indices.
    pub fn words_in(&self, range: Range<usize>) -> (Vec<&str>, Vec<usize>) {
        let mut words = Vec::new();
        let mut index = Vec::new();
        for i in range {
            let t = &self.tokens[i];
            if matches!(t.kind, TokKind::Word | TokKind::Number) {
                words.push(self.norm(t));
                index.push(i);
            }
        }
        (words, index)
    }

    /// The source text of a heading without Markdown markup (`## `, `**`).
    pub fn heading_display(&self, h: &Heading) -> &'t str {
        self.text[h.span.clone()].trim_matches(|c: char| {
            c == '#' || c == '*' || c == '_' || c == '=' || c.is_whitespace()
        })
    }

    /// Everything: the scope of a whole document.
    pub fn whole(&self) -> Scope {
        Scope {
            sentences: 0..self.sentences.len(),
            headings: 0..self.headings.len(),
            bytes: 0..self.text.len(),
            title_heading: None,
        }
    }

    /// The whole document as one case: its first heading (or first line of text)
    /// as title, and the first diary number in it.
    pub fn as_case(&self, data: &RuleData) -> CaseInfo {
        let heading = self.headings.iter().find(|h| h.kind != HeadingKind::Label);
        let (title, span) = match heading {
            Some(h) => (
                crate::engine::collapse_ws(self.heading_display(h)),
                h.span.clone(),
            ),
            None => {
                let first = self.sentences.first().map(|s| s.tokens.clone());
                match first.filter(|r| !r.is_empty()) {
                    Some(r) => {
                        let span = self.tokens[r.start].start..self.tokens[r.end - 1].end;
                        (crate::engine::collapse_ws(&self.text[span.clone()]), span)
                    }
                    None => (String::new(), 0..0),
                }
            }
        };
        let dnr = data
            .dnr_patterns
            .iter()
            .find_map(|p| p.captures(self.text))
            .and_then(|c| c.get(1))
            .map(|m| crate::engine::collapse_ws(m.as_str()));
        CaseInfo {
            title,
            dnr,
            heading: span,
            range: 0..self.text.len(),
        }
    }

    /// The cases of an agenda (contract §5): each from a case heading to the next.
    pub fn cases(&self, data: &RuleData) -> Vec<(Scope, CaseInfo)> {
        let starts: Vec<usize> = self
            .headings
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                h.kind != HeadingKind::Label && data.case_heading.is_match(self.heading_display(h))
            })
            .map(|(i, _)| i)
            .collect();
        let mut out = Vec::with_capacity(starts.len());
        for (n, &h) in starts.iter().enumerate() {
            let heading = &self.headings[h];
            // Lines end at `\n`, `\r\n` or a lone `\r` (CommonMark): two case
            // headings split by a lone `\r` are two cases, not an empty one.
            let line_start = self.text[..heading.span.start]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
            let (next_heading, end) = match starts.get(n + 1) {
                Some(&next) => {
                    let s = self.headings[next].span.start;
                    (
                        next,
                        self.text[..s].rfind(['\n', '\r']).map_or(0, |i| i + 1),
                    )
                }
                None => (self.headings.len(), self.text.len()),
            };
            let sentences_end = self
                .headings
                .get(next_heading)
                .map_or(self.sentences.len(), |x| x.sentence);
            let scope = Scope {
                sentences: heading.sentence..sentences_end,
                headings: h..next_heading,
                bytes: line_start..end,
                title_heading: Some(h),
            };
            let title = crate::engine::collapse_ws(self.heading_display(heading));
            let dnr = data
                .dnr_patterns
                .iter()
                .find_map(|p| p.captures(&self.text[line_start..end]))
                .and_then(|c| c.get(1))
                .map(|m| crate::engine::collapse_ws(m.as_str()));
            out.push((
                scope,
                CaseInfo {
                    title,
                    dnr,
                    heading: heading.span.clone(),
                    range: line_start..end,
                },
            ));
        }
        out
    }

    /// Token range covered by a range of sentences.
    pub fn sentence_tokens(&self, sentences: Range<usize>) -> Range<usize> {
        if sentences.is_empty() {
            return 0..0;
        }
        let start = self.sentences[sentences.start].tokens.start;
        let end = self.sentences[sentences.end - 1].tokens.end;
        start..end
    }
}
