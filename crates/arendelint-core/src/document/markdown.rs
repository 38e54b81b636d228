//! Markdown front end: pulldown-cmark events with source offsets → the builder.

use super::agenda::{case_line, Form};
use super::builder::{BlockInfo, Builder};
use super::cases::{line_around, preceded_by_blank};
use super::{Ctx, HeadingKind};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// State of the paragraph, list item, heading or cell being read.
#[derive(Default)]
struct Open {
    active: bool,
    heading: Option<u8>,
    strong_depth: usize,
    /// Text outside bold (or other content) was seen.
    plain_content: bool,
    any_content: bool,
    /// The block's source range (paragraphs and list items); in a paragraph
    /// split into case headings, from the current line.
    range: std::ops::Range<usize>,
    /// Agenda mode: the paragraph's leading lines that are case headings, each
    /// a heading of its own (`§ 1 …` / `§ 2 …` on consecutive lines).
    case_lines: usize,
}

pub(super) fn parse(b: &mut Builder) {
    let offset = b.content_start();
    let text = b.text;
    let source = &text[offset..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut open = Open::default();
    let mut quote_depth = 0usize;
    // Depth of constructs whose text is not prose: code blocks, front matter,
    // images (alt text), autolinks.
    let mut skip_depth = 0usize;
    let mut html_block_start: Option<usize> = None;
    let mut in_table_head = false;
    let mut cell_in_row = 0usize;
    let mut in_cell = false;
    let mut in_autolink = false;

    let ctx = |quote_depth: usize| {
        if quote_depth > 0 {
            Ctx::Quote
        } else {
            Ctx::Body
        }
    };

    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let range = range.start + offset..range.end + offset;
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::Item => {
                    close(b, &mut open, ctx(quote_depth));
                    open = Open {
                        active: true,
                        range: range.clone(),
                        case_lines: if quote_depth == 0 {
                            leading_case_lines(b, &range)
                        } else {
                            0
                        },
                        ..Open::default()
                    };
                }
                Tag::Heading { level, .. } => {
                    close(b, &mut open, ctx(quote_depth));
                    open = Open {
                        active: true,
                        heading: Some(level as u8),
                        ..Open::default()
                    };
                }
                Tag::BlockQuote(_) => {
                    close(b, &mut open, ctx(quote_depth));
                    quote_depth += 1;
                }
                Tag::List(_) => close(b, &mut open, ctx(quote_depth)),
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } => {
                    close_if_block(b, &mut open, ctx(quote_depth), &tag);
                    skip_depth += 1;
                }
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => {
                    in_autolink = true;
                    open.plain_content = true;
                }
                Tag::HtmlBlock => {
                    close(b, &mut open, ctx(quote_depth));
                    html_block_start = Some(range.start);
                }
                Tag::Table(_) => {
                    close(b, &mut open, ctx(quote_depth));
                    b.begin_table(range.start);
                }
                Tag::TableHead => {
                    in_table_head = true;
                    cell_in_row = 0;
                }
                Tag::TableRow => cell_in_row = 0,
                Tag::TableCell => {
                    close(b, &mut open, ctx(quote_depth));
                    in_cell = true;
                }
                Tag::Strong => open.strong_depth += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Item => close(b, &mut open, ctx(quote_depth)),
                TagEnd::Heading(level) => {
                    if open.active {
                        b.end_heading(level as u8, HeadingKind::Markdown);
                    }
                    open = Open::default();
                }
                TagEnd::BlockQuote(_) => {
                    close(b, &mut open, ctx(quote_depth));
                    quote_depth = quote_depth.saturating_sub(1);
                }
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                TagEnd::Link => in_autolink = false,
                TagEnd::HtmlBlock => {
                    if let Some(start) = html_block_start.take() {
                        comments_in(b, start..range.end);
                    }
                }
                TagEnd::TableHead => in_table_head = false,
                TagEnd::TableCell => {
                    in_cell = false;
                    b.table_cell(in_table_head, cell_in_row == 0);
                    cell_in_row += 1;
                }
                TagEnd::Strong => open.strong_depth = open.strong_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if skip_depth == 0 && !in_autolink => {
                if !open.active && !in_cell {
                    open = Open {
                        active: true,
                        ..Open::default()
                    };
                }
                if !t.trim_start().is_empty() {
                    open.any_content = true;
                    if open.strong_depth == 0 {
                        open.plain_content = true;
                    }
                }
                if text.get(range.clone()) == Some(&*t) {
                    b.piece(range);
                } else {
                    b.opaque(range);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) if skip_depth == 0 => {
                open.any_content = true;
                open.plain_content = true;
                b.opaque(range);
            }
            Event::InlineHtml(_) | Event::Html(_) if html_block_start.is_none() => {
                comments_in(b, range);
            }
            Event::SoftBreak if open.case_lines > 0 && open.heading.is_none() => {
                open.case_lines -= 1;
                b.end_heading(0, HeadingKind::Markdown);
                open.range.start = range.end;
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {
                open.plain_content = true;
            }
            _ => {}
        }
    }
    close(b, &mut open, Ctx::Body);
}

fn close_if_block(b: &mut Builder, open: &mut Open, ctx: Ctx, tag: &Tag) {
    if matches!(tag, Tag::CodeBlock(_) | Tag::MetadataBlock(_)) {
        close(b, open, ctx);
    }
}

/// Ends the open paragraph or list item.
fn close(b: &mut Builder, open: &mut Open, ctx: Ctx) {
    if open.active && open.heading.is_none() && ctx == Ctx::Body && is_case_line(b, &open.range) {
        // Level 0: a case holds every heading up to the next case.
        b.end_heading(0, HeadingKind::Markdown);
    } else if open.active && open.heading.is_none() {
        b.end_block(BlockInfo {
            ctx,
            bold_only: open.any_content && !open.plain_content,
            allow_label: true,
        });
    } else if open.active {
        b.has_open_tokens();
    }
    *open = Open::default();
}

/// In agenda mode, a paragraph or list item of one line that reads as a case
/// heading (contract §5); a numbered one only after a blank line.
fn is_case_line(b: &Builder, range: &std::ops::Range<usize>) -> bool {
    let text = b.text;
    if !b.agenda || range.is_empty() || text[range.clone()].trim_end().contains('\n') {
        return false;
    }
    // The whole line: a list item's text starts after its marker (`1. `).
    let mut line = line_around(text, range.start);
    line.start = line.start.max(b.content_start());
    match case_line(&text[line.clone()], b.data) {
        Some(found) if found.form == Form::Numbered => preceded_by_blank(text, line.start),
        Some(_) => true,
        None => false,
    }
}

/// In agenda mode, how many lines of a paragraph of several lines, from its
/// first, are case headings (a bare kallelse written as consecutive lines).
fn leading_case_lines(b: &Builder, range: &std::ops::Range<usize>) -> usize {
    let text = b.text;
    let Some(block) = text.get(range.clone()) else {
        return 0;
    };
    if !b.agenda || !block.trim_end().contains('\n') {
        return 0;
    }
    let mut count = 0;
    let mut at = range.start;
    for line in block.trim_end().split('\n') {
        if !is_case_line(b, &(at..at + line.len())) {
            break;
        }
        count += 1;
        at += line.len() + 1;
    }
    count
}

/// Records every `<!-- … -->` inside `range`.
fn comments_in(b: &mut Builder, range: std::ops::Range<usize>) {
    let text = b.text;
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let mut from = 0;
    while let Some(open) = slice[from..].find("<!--") {
        let start = from + open;
        let Some(close) = slice[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        b.comment(
            range.start + start..range.start + end,
            range.start + start + 4..range.start + end - 3,
        );
        from = end;
    }
}
