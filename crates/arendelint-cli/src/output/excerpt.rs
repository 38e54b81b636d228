//! The excerpt shown with a finding in the reports: the sentence (Markdown and
//! plain text) or the paragraph (Word) around the span, with the span apart so
//! a format can highlight it.

use crate::report::CheckedFile;
use arendelint_core::text::floor_char_boundary;
use std::ops::Range;

/// Context kept on each side of the span, in characters.
const CONTEXT: usize = 160;
/// The span itself is cut beyond this many characters (a long table header).
const MARKED: usize = 400;

/// Abbreviations that do not end a sentence (contract §1 and §6.13).
const ABBREVIATIONS: &[&str] = &[
    "t.ex.", "bl.a.", "m.m.", "s.k.", "dvs.", "d.v.s.", "ca.", "kl.", "nr.", "jfr.", "resp.",
    "fr.o.m.", "t.o.m.", "st.", "kap.", "p.", "s.", "enl.", "ang.", "inkl.", "exkl.", "ev.",
    "osv.", "o.s.v.", "f.d.", "prop.",
];

/// A sentence cut in three: before the span, the span, after it. White space
/// is collapsed; `…` marks text left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub before: String,
    pub marked: String,
    pub after: String,
}

impl Excerpt {
    /// The excerpt as plain text, the span in `»…«` (CSV, Markdown).
    pub fn plain(&self) -> String {
        format!("{}»{}«{}", self.before, self.marked, self.after)
    }
}

/// The excerpt of `span`, or `None` for a finding without text (JAM001 at 1:1).
pub fn excerpt(file: &CheckedFile, span: &Range<usize>) -> Option<Excerpt> {
    let text = file.text.as_str();
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    if start == end {
        return None;
    }
    let sentence = if file.docx {
        // A Word paragraph is one line and is the excerpt (contract §4): the
        // reader finds it by its number.
        lines(text, start, end)
    } else {
        sentence(text, block(text, start, end), start, end)
    };
    // A marker (`## `, `- `) is not shown; when the span begins with it, neither is it marked.
    let body_start = skip_marker(text, sentence.start);
    let marked_from = start.max(body_start.min(end));
    let from = body_start.min(marked_from);
    let before = collapse(&text[from..marked_from]);
    let marked = collapse(&text[marked_from..end]);
    let after = collapse(&text[end..sentence.end.max(end)]);
    Some(Excerpt {
        before: keep_end(before.trim_start(), CONTEXT),
        marked: keep_start(&marked, MARKED),
        after: keep_start(after.trim_end(), CONTEXT),
    })
}

/// The lines the span touches.
fn lines(text: &str, start: usize, end: usize) -> Range<usize> {
    let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let to = text[end..].find('\n').map_or(text.len(), |i| end + i);
    from..to
}

/// The lines around the span that form one block: the span's own line(s) and,
/// in Markdown and plain text, the neighbouring lines of the same paragraph.
fn block(text: &str, start: usize, end: usize) -> Range<usize> {
    let Range {
        start: mut from,
        end: mut to,
    } = lines(text, start, end);
    if starts_block(line_at(text, from)) {
        // A heading, list item, quote or table row stands alone upwards.
    } else {
        while from > 0 {
            let prev_start = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
            let prev = line_at(text, prev_start);
            if prev.trim().is_empty() || is_heading_or_row(prev) {
                break;
            }
            from = prev_start;
            if starts_block(prev) {
                break;
            }
        }
    }
    if !is_heading_or_row(line_at(text, from)) {
        while to < text.len() {
            let next_start = to + 1;
            let next = line_at(text, next_start);
            if next.trim().is_empty() || starts_block(next) {
                break;
            }
            to = next_start + next.len();
        }
    }
    from..to
}

fn line_at(text: &str, at: usize) -> &str {
    let rest = &text[at.min(text.len())..];
    rest.split('\n').next().unwrap_or("")
}

fn is_heading_or_row(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with('|')
}

/// A line that begins a new block: heading, list item, block quote, table row.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    is_heading_or_row(t)
        || t.starts_with('>')
        || ["- ", "* ", "+ ", "• "].iter().any(|m| t.starts_with(m))
        || ordered_item(t)
}

fn ordered_item(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// The sentence of `block` that holds `start..end` (from the sentence the span
/// starts in to the one it ends in).
fn sentence(text: &str, block: Range<usize>, start: usize, end: usize) -> Range<usize> {
    let mut from = block.start;
    let mut to = block.end;
    for b in boundaries(text, block.clone()) {
        if b <= start {
            from = b;
        } else if b >= end {
            to = b;
            break;
        }
    }
    from..to
}

/// Where sentences start inside `block`: after `.`, `!` or `?`, white space and
/// an upper-case letter or a digit, unless the dot ends an abbreviation.
fn boundaries(text: &str, block: Range<usize>) -> Vec<usize> {
    let slice = &text[block.clone()];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = k + 1;
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        if j == k + 1 || j >= chars.len() {
            continue;
        }
        let next = chars[j].1;
        if !(next.is_uppercase() || next.is_ascii_digit()) {
            continue;
        }
        if c == '.' && is_abbreviation(&slice[..i + 1]) {
            continue;
        }
        out.push(block.start + chars[j].0);
    }
    out
}

fn is_abbreviation(up_to_dot: &str) -> bool {
    let word_start = up_to_dot
        .rfind(|c: char| !(c.is_alphabetic() || c == '.'))
        .map_or(0, |i| i + 1);
    let word = up_to_dot[word_start..].to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
}

/// Past a heading's `#`s, a bullet or a quote marker at a line start.
fn skip_marker(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if text[line_start..at].trim().is_empty() {
        let line = line_at(text, at);
        let indent = line.len() - line.trim_start().len();
        let t = &line[indent..];
        let marker = if t.starts_with('#') {
            t.len() - t.trim_start_matches('#').len()
        } else if ["- ", "* ", "+ ", "• ", ">"]
            .iter()
            .any(|m| t.starts_with(m))
        {
            t.chars().next().map_or(0, char::len_utf8)
        } else {
            0
        };
        let rest = &t[marker..];
        let spaces = rest.len() - rest.trim_start().len();
        if marker > 0 {
            return at + indent + marker + spaces;
        }
        return at + indent;
    }
    at
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{feff}' {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The last `n` characters, `…` in front when cut.
fn keep_end(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let tail: String = s.chars().skip(count - n).collect();
    format!("…{}", tail.trim_start())
}

/// The first `n` characters, `…` after when cut.
fn keep_start(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let head: String = s.chars().take(n).collect();
    format!("{}…", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, needle: &str, docx: bool) -> String {
        let start = text.find(needle).unwrap();
        let mut file = CheckedFile::new("a.md".into(), text.into(), Vec::new());
        file.docx = docx;
        excerpt(&file, &(start..start + needle.len()))
            .unwrap()
            .plain()
    }

    #[test]
    fn the_sentence_of_the_span() {
        let text =
            "# Titel\n\nDet är t.ex. viktigt. Alla patienter ska\nfå vård. Sist kommer 3 saker.\n";
        assert_eq!(
            cut(text, "patienter", false),
            "Alla »patienter« ska få vård."
        );
        assert_eq!(
            cut(text, "viktigt", false),
            "Det är t.ex. »viktigt«.",
            "an abbreviation does not end the sentence"
        );
    }

    #[test]
    fn headings_and_list_items_lose_their_markers() {
        let text = "## Jämställdhet\n\n- 312 patienter i kö\n- Annat\n";
        assert_eq!(cut(text, "## Jämställdhet", false), "»Jämställdhet«");
        assert_eq!(cut(text, "312 patienter", false), "»312 patienter« i kö");
    }

    #[test]
    fn a_word_paragraph_is_shown_whole() {
        let text = "Rubrik\nFörsta meningen. Alla patienter ska med.\nNästa stycke.";
        assert_eq!(
            cut(text, "patienter", true),
            "Första meningen. Alla »patienter« ska med."
        );
    }

    #[test]
    fn long_context_is_cut() {
        let text = format!("{} patienter {}.", "ord ".repeat(100), "mer ".repeat(100));
        let plain = cut(&text, "patienter", false);
        assert!(plain.starts_with('…') && plain.ends_with('…'), "{plain}");
        assert!(plain.chars().count() < 2 * CONTEXT + 20, "{plain}");
    }

    #[test]
    fn empty_spans_have_no_excerpt() {
        let file = CheckedFile::new("a.md".into(), "# T\n".into(), Vec::new());
        assert_eq!(excerpt(&file, &(0..0)), None);
    }
}
