//! The document model (contract §1): one parse into tokens, sentences, headings,
//! sections, tables and comments, all with byte offsets into the original text.
//! Rules only query this model; none re-parses.

mod agenda;
mod builder;
mod cases;
mod docx;
mod markdown;
mod plaintext;
mod tokenize;

use crate::ruledata::RuleData;
use crate::source::SourceKind;
use std::ops::Range;

pub(crate) use builder::Builder;
pub(crate) use cases::count_case_lines;

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
    /// The normalised text is the source text `start..end` (most words are
    /// lower case already): it is not copied into [`Document::norm`], and
    /// `norm_start..norm_end` is empty.
    norm_is_text: bool,
    norm_start: u32,
    norm_end: u32,
}

/// The normalised text of `t`, from the source `text` or the normalised `norm`.
fn token_norm<'a>(text: &'a str, norm: &'a str, t: &Token) -> &'a str {
    let found = if t.norm_is_text {
        text.get(t.start..t.end)
    } else {
        norm.get(t.norm_start as usize..t.norm_end as usize)
    };
    found.unwrap_or("")
}

/// [`token_norm`] as bytes: no char-boundary checks.
fn token_norm_bytes<'a>(text: &'a str, norm: &'a str, t: &Token) -> &'a [u8] {
    let found = if t.norm_is_text {
        text.as_bytes().get(t.start..t.end)
    } else {
        norm.as_bytes()
            .get(t.norm_start as usize..t.norm_end as usize)
    };
    found.unwrap_or_default()
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
    /// The case heading in agenda mode, with the title line after a lone
    /// `§ N`: a title, never a gender section.
    pub title_headings: Range<usize>,
    /// An agenda item without case text: no rule checks it.
    pub empty: bool,
}

/// One case of an agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CaseInfo {
    /// The case title: the heading line after its number and Dnr
    /// (`Ny ambulansstation`), or the line after a lone `§ N`.
    pub title: String,
    /// The case number as written after `§` or before the title (`22`,
    /// `63/20`); `None` for a whole document.
    pub number: Option<String>,
    /// The diary number (`RS 2023/123`), when the case names one.
    pub dnr: Option<String>,
    /// Byte range of the case heading.
    pub heading: Range<usize>,
    /// Byte range of the whole case, from its heading's line to the next case.
    pub range: Range<usize>,
    /// An agenda item without case text (a bare kallelse): no rule checks it.
    pub empty: bool,
}

impl CaseInfo {
    /// A whole document as one case, without a title.
    pub fn untitled(len: usize) -> CaseInfo {
        CaseInfo {
            title: String::new(),
            number: None,
            dnr: None,
            heading: 0..0,
            range: 0..len,
            empty: false,
        }
    }
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
            // A Word file's text comes through `from_docx`; as bare text it is plain.
            SourceKind::PlainText | SourceKind::Docx | SourceKind::Pdf => {
                plaintext::parse(&mut builder)
            }
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
        token_norm(self.text, &self.norm, t)
    }

    /// The normalised text of a token as bytes: no char-boundary checks, for
    /// filters that read most tokens and rule most of them out.
    pub fn norm_bytes(&self, t: &Token) -> &[u8] {
        token_norm_bytes(self.text, &self.norm, t)
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
        // Room for every token at once: growing one by one cost more.
        let mut words = Vec::with_capacity(range.len());
        let mut index = Vec::with_capacity(range.len());
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
            title_headings: 0..0,
            empty: false,
        }
    }

    /// The whole document as one case: its first heading (or first line of text)
    /// as title, and the first diary number in it.
    pub fn as_case(&self, data: &RuleData) -> CaseInfo {
        let heading = self.headings.iter().find(|h| h.kind != HeadingKind::Label);
        let (title, span) = match heading {
            Some(h) => (
                crate::source::collapse_ws(self.heading_display(h)),
                h.span.clone(),
            ),
            None => {
                let first = self.sentences.first().map(|s| s.tokens.clone());
                match first.filter(|r| !r.is_empty()) {
                    Some(r) => {
                        let span = self.tokens[r.start].start..self.tokens[r.end - 1].end;
                        (crate::source::collapse_ws(&self.text[span.clone()]), span)
                    }
                    None => (String::new(), 0..0),
                }
            }
        };
        let dnr = self
            .text
            .lines()
            .find_map(|line| agenda::find_dnr(line, data))
            .map(|(_, id)| id);
        CaseInfo {
            title,
            number: None,
            dnr,
            heading: span,
            range: 0..self.text.len(),
            empty: false,
        }
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
