//! The "disable this rule for this line" edit offered by editors.

use crate::diagnostic::Edit;
use crate::registry::Rule;

/// An edit that inserts `<!-- arendelint-disable-next-line RULE -->` on its own
/// line above the line that contains `offset`, with that line's indentation and
/// line ending (`\r\n` is kept in CRLF files).
pub fn disable_next_line_edit(text: &str, offset: usize, rule: Rule) -> Edit {
    let offset = crate::line_index::floor_char_boundary(text, offset);
    let mut line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    if line_start == 0 {
        line_start = crate::source::bom_len(text);
    }
    let rest = &text[line_start..];
    let indent: String = rest
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Edit::insert(
        line_start,
        format!(
            "{indent}<!-- arendelint-disable-next-line {} -->{eol}",
            rule.code()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_above_the_line_keeping_indent_and_crlf() {
        let text = "Rubrik\r\n  Alla patienter får vård.\r\n";
        let at = text.find("patienter").unwrap();
        let edit = disable_next_line_edit(text, at, Rule::Jam003);
        assert_eq!(edit.range, 8..8);
        assert_eq!(
            edit.replacement,
            "  <!-- arendelint-disable-next-line JAM003 -->\r\n"
        );
        let bom = "\u{feff}Alla ska med.";
        assert_eq!(disable_next_line_edit(bom, 5, Rule::Jam003).range, 3..3);
    }
}
