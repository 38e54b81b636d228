//! Where a Markdown text can be cut into parts that parse on their own: at ATX
//! headings that start a line, when nothing in the text is global to the
//! document. Shared by the incremental check (one part re-checked after an
//! edit) and the section-by-section check of large documents.

/// Text that makes the whole document one unit: suppression directives,
/// Markdown link or footnote definitions, and a line that may open a
/// metadata block (`---` followed by a line that is not blank: the parser
/// reads a YAML block from there up to the next `---` or `...` line, across
/// headings; after a blank line it is a thematic break).
pub(crate) fn has_global_markers(text: &str) -> bool {
    if text.contains("arendelint-") || text.contains("]:") {
        return true;
    }
    // Lines as the parser sees them: after the BOM, ended by `\n`, `\r\n` or a
    // lone `\r`.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .peekable();
    while let Some(line) = lines.next() {
        // Blank as the parser reads it (spaces, tabs, vertical tabs and form
        // feeds only): a line with any other character may open a block.
        let blank = |l: &str| l.bytes().all(|b| matches!(b, b' ' | b'\t' | 0x0b | 0x0c));
        if may_delimit_metadata(line) && lines.peek().is_some_and(|l| !blank(l)) {
            return true;
        }
    }
    false
}

/// A line of only `-`/`+` runs, white space and container marks (`>`, list
/// marks) with `---` or `+++` in it: wider than the parser's test, on purpose.
fn may_delimit_metadata(line: &str) -> bool {
    // The byte test first: it fails at the first letter of an ordinary line.
    // Any ASCII white space (a form feed too, as the parser allows after the
    // dashes), container marks and list numbers.
    line.bytes().all(|b| {
        matches!(b, b'-' | b'+' | b'>' | b'*' | b'.' | b')' | 0x0b)
            || b.is_ascii_digit()
            || b.is_ascii_whitespace()
    }) && (line.contains("---") || line.contains("+++"))
}

pub(crate) fn is_atx_line(text: &str, at: usize) -> bool {
    let rest = &text.as_bytes()[at..];
    let hashes = rest.iter().take_while(|&&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && rest
            .get(hashes)
            .is_none_or(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// The end of the line that starts at or contains `at` (the index of its `\n`,
/// or the text's length).
pub(crate) fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}
