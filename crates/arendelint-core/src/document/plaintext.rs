//! Plain-text front end (often PDF-extracted): heading lines, page furniture,
//! paragraphs and list items (contract §1 and §6.12).

use super::agenda::{case_line, has_title, Form};
use super::builder::{BlockInfo, Builder};
use super::{Ctx, HeadingKind};
use crate::config::SuggestionClass;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Page headers and footers: neither headings nor body text.
    Furniture,
    /// A suppression or other `<!-- … -->` comment on its own line.
    Comment,
    Heading,
    Body,
    /// The first line of a list item.
    Item,
    /// The second half of a heading broken by a hyphen (`jäm-` / `ställdhet`).
    Joined,
}

struct Line {
    range: Range<usize>,
    kind: Kind,
}

pub(super) fn parse(b: &mut Builder) {
    let lines = classify(b);
    let mut in_block = false;
    let end_body = |b: &mut Builder, in_block: &mut bool| {
        if *in_block {
            b.end_block(BlockInfo {
                ctx: Ctx::Body,
                bold_only: false,
                allow_label: true,
            });
            *in_block = false;
        }
    };
    for line in &lines {
        match line.kind {
            Kind::Blank => end_body(b, &mut in_block),
            Kind::Furniture | Kind::Joined => {}
            Kind::Comment => {
                end_body(b, &mut in_block);
                let r = line.range.clone();
                let trimmed = b.text[r.clone()].trim();
                let start = r.start + b.text[r.clone()].find("<!--").unwrap_or(0);
                let end = start + trimmed.len();
                b.comment(start..end, start + 4..end.saturating_sub(3).max(start + 4));
            }
            Kind::Heading => {
                end_body(b, &mut in_block);
                b.piece(line.range.clone());
                b.end_heading(1, HeadingKind::Line);
            }
            Kind::Item => {
                end_body(b, &mut in_block);
                b.piece(line.range.clone());
                in_block = true;
            }
            Kind::Body => {
                b.piece(line.range.clone());
                in_block = true;
            }
        }
    }
    end_body(b, &mut in_block);
}

fn classify(b: &Builder) -> Vec<Line> {
    let text = b.text;
    let data = b.data;
    let mut lines = Vec::new();
    let mut start = b.content_start();
    while start <= text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let content_end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let s = &text[start..content_end];
        let kind = if s.trim().is_empty() {
            Kind::Blank
        } else if s.trim_start().starts_with("<!--") && s.trim_end().ends_with("-->") {
            Kind::Comment
        } else if data.page_patterns.iter().any(|p| p.is_match(s)) || s.contains('\u{c}') {
            Kind::Furniture
        } else {
            Kind::Body
        };
        lines.push(Line {
            range: start..content_end,
            kind,
        });
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    mark_repeated_furniture(b, &mut lines);

    // Headings and list items.
    let mut title_next = false;
    for i in 0..lines.len() {
        if lines[i].kind != Kind::Body {
            continue;
        }
        // Judged without the JAM003 fix's insertions: fixing a line must not
        // change what it is (a label of seven words instead of four is no
        // label, and the line became a heading that split its section).
        let line = without_fix_insertions(b, text[lines[i].range.clone()].trim());
        let s = line.trim();
        let prev = lines[..i]
            .iter()
            .rev()
            .find(|l| !matches!(l.kind, Kind::Furniture | Kind::Comment | Kind::Joined));
        if b.agenda {
            if std::mem::take(&mut title_next) {
                // The title of a lone `§ 31` on the line before.
                lines[i].kind = Kind::Heading;
                continue;
            }
            if let Some(lone) = agenda_heading(b, s, prev.is_none_or(|l| l.kind == Kind::Blank)) {
                lines[i].kind = Kind::Heading;
                title_next = lone;
                continue;
            }
        }
        let starts_paragraph = prev.is_none_or(|l| matches!(l.kind, Kind::Blank | Kind::Heading));
        if is_list_item(s) {
            let next_blank = lines
                .get(i + 1)
                .is_none_or(|l| matches!(l.kind, Kind::Blank | Kind::Furniture));
            lines[i].kind = if starts_paragraph && next_blank && is_numbered_heading(b, s) {
                Kind::Heading
            } else {
                Kind::Item
            };
            continue;
        }
        if starts_paragraph && joins_into_heading(b, &mut lines, i) {
            continue;
        }
        let next = lines[i + 1..]
            .iter()
            .find(|l| !matches!(l.kind, Kind::Furniture | Kind::Comment));
        if opens_with_label(b, s) {
            // "Jämställdhet: Ej aktuellt" is a labelled paragraph (§6.11).
            continue;
        }
        let known = is_known_heading(b, s);
        if !starts_paragraph && !known {
            continue;
        }
        let words = s.split_whitespace().count();
        if words == 0 || !s.chars().any(char::is_alphabetic) {
            continue;
        }
        let ends_in_mark = s.ends_with(['.', ',', ';', ':', '!', '?']);
        if known && !s.ends_with(['.', ',', ';', '!', '?']) {
            lines[i].kind = Kind::Heading;
            continue;
        }
        if words > 10 || ends_in_mark {
            continue;
        }
        let heading = match next {
            None => true,
            Some(n) if n.kind == Kind::Blank => true,
            Some(n) => {
                // The first line of a wrapped paragraph is a heading only when it
                // is clearly shorter than the line after it (§6.12).
                let next_len = without_fix_insertions(b, text[n.range.clone()].trim())
                    .chars()
                    .count();
                let len = s.chars().count();
                n.kind == Kind::Body && (len as f64) <= 0.6 * next_len as f64
            }
        };
        if heading {
            lines[i].kind = Kind::Heading;
        }
    }
    lines
}

/// In agenda mode, whether a line is a case heading (contract §5); a numbered
/// one (`1 Titel`) only after a blank line or at the start. `Some(true)` when
/// the line holds only the number and its title is the next line.
fn agenda_heading(b: &Builder, line: &str, after_blank: bool) -> Option<bool> {
    let found = case_line(line, b.data)?;
    if found.form == Form::Numbered && !after_blank {
        return None;
    }
    Some(!has_title(line, &found, b.data))
}

/// A heading broken at a line end by a hyphen (`Konsekvenser för jäm-` /
/// `ställdhet`): the two lines become one heading when the joined text is known
/// vocabulary, or a short line standing alone.
fn joins_into_heading(b: &Builder, lines: &mut [Line], i: usize) -> bool {
    let text = b.text;
    let s = text[lines[i].range.clone()].trim();
    let Some(head) = s.strip_suffix('-') else {
        return false;
    };
    if !head.chars().next_back().is_some_and(char::is_alphabetic) || i + 1 >= lines.len() {
        return false;
    }
    let next = &lines[i + 1];
    let tail = text[next.range.clone()].trim();
    if next.kind != Kind::Body || !tail.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let joined = format!("{head}{tail}");
    let stands_alone = lines.get(i + 2).is_none_or(|l| l.kind != Kind::Body);
    let short = joined.split_whitespace().count() <= 10
        && !joined.ends_with(['.', ',', ';', ':', '!', '?']);
    if is_known_heading(b, &joined) || (short && stands_alone) {
        lines[i].range.end = lines[i + 1].range.end;
        lines[i].kind = Kind::Heading;
        lines[i + 1].kind = Kind::Joined;
        return true;
    }
    false
}

/// `Label: text` where the label names a section.
fn opens_with_label(b: &Builder, line: &str) -> bool {
    let line = &*b.data.join_split_words(line);
    let Some((label, rest)) = line.split_once(':') else {
        return false;
    };
    let label = label.trim().to_lowercase();
    !rest.trim().is_empty()
        && label.split_whitespace().count() <= 6
        && (b.data.consequence_labels.contains(&label) || b.data.is_gender_heading(&label))
}

/// A line of known section vocabulary by itself (`Bakgrund`, `Jämställdhet:`).
fn is_known_heading(b: &Builder, line: &str) -> bool {
    let data = b.data;
    let line = data.join_split_words(line);
    let t = line.trim_end_matches(':').trim().to_lowercase();
    if t.contains(':') {
        // "Jämställdhet: Ej aktuellt" is a labelled paragraph, not a heading.
        return false;
    }
    let words = t.split_whitespace().count();
    data.known_headings.contains(&t)
        || data.case_parts.contains(&t)
        || data.consequence_labels.contains(&t)
        || data.closing_headings.contains(&t)
        || (words <= 8
            && data.is_gender_heading(&outside_parentheses(&t))
            && !t.ends_with(['.', ',', ';', '!', '?']))
}

/// `line` without the JAM003 fix's insertions (" (kvinnor och män)", …): the
/// line classification compares lines with each other (a heading is shorter
/// than the next line, §6.12; furniture repeats), and fixing one line must not
/// change how another is classified.
fn without_fix_insertions<'t>(b: &Builder, line: &'t str) -> Cow<'t, str> {
    if !line.contains(" (") {
        return Cow::Borrowed(line);
    }
    let mut out = Cow::Borrowed(line);
    for class in [
        SuggestionClass::Adults,
        SuggestionClass::Children,
        SuggestionClass::Everyone,
        SuggestionClass::YoungAdults,
    ] {
        let insertion = format!(" ({})", b.data.suggestion(class));
        if out.contains(&insertion) {
            out = Cow::Owned(out.replace(&insertion, ""));
        }
    }
    out
}

/// `line` without its parenthesised parts. A gendered form in parentheses (the
/// JAM003 fix's "patienterna (kvinnor och män)") names the group of a body
/// line; it does not make the line a gender-section heading, or `--fix` would
/// turn a wrapped paragraph's first line into one.
fn outside_parentheses(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// "3. Jämställdhet", "2) Bakgrund": a numbered section heading, not a list item.
fn is_numbered_heading(b: &Builder, line: &str) -> bool {
    let Some(rest) = line
        .split_once(['.', ')'])
        .filter(|(number, _)| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
        .map(|(_, rest)| rest.trim())
    else {
        return false;
    };
    rest.chars().next().is_some_and(char::is_uppercase)
        && !rest.ends_with(['.', ',', ';', ':', '!', '?'])
        && (is_known_heading(b, rest) || rest.split_whitespace().count() <= 8)
}

fn is_list_item(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some('-' | '•' | '*' | '–' | '·') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() || c.is_alphabetic() => {
            let marker: String = s
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let rest = &s[marker.len()..];
            marker.len() <= 3
                && (marker.chars().all(|c| c.is_ascii_digit()) || marker.len() == 1)
                && (rest.starts_with(") ")
                    || (rest.starts_with(". ") && marker.chars().all(|c| c.is_ascii_digit())))
        }
        _ => false,
    }
}

/// A line repeated on several pages next to a page number is a running header
/// or footer: every copy of it is furniture. Every copy must stand next to a
/// page number or page break, or at the very start or end of the text (the
/// first page's header, the last page's footer): a section heading that an
/// agenda repeats in each case is not furniture because one copy happens to
/// stand above a page footer.
fn mark_repeated_furniture(b: &Builder, lines: &mut [Line]) {
    // Copies are compared without the fix's insertions: fixing one copy of a
    // repeated line must not make the others (or it) furniture or body.
    let keys: Vec<Option<Cow<str>>> = lines
        .iter()
        .map(|l| {
            (l.kind == Kind::Body)
                .then(|| without_fix_insertions(b, b.text[l.range.clone()].trim()))
        })
        .collect();
    let mut occurrences: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            occurrences.entry(key).or_default().push(i);
        }
    }
    let near_page_number = |i: usize, lines: &[Line]| {
        let lo = i.saturating_sub(3);
        let hi = (i + 4).min(lines.len());
        lines[lo..hi].iter().any(|l| l.kind == Kind::Furniture)
    };
    let content = |l: &&Line| !matches!(l.kind, Kind::Blank | Kind::Comment);
    let at_edge = |i: usize, lines: &[Line]| {
        lines[..i].iter().filter(content).take(3).count() < 3
            || lines[i + 1..].iter().filter(content).take(3).count() < 3
    };
    let furniture: Vec<usize> = occurrences
        .iter()
        .filter(|(line, at)| at.len() >= 2 && line.split_whitespace().count() <= 12)
        .filter(|(_, at)| {
            at.iter().any(|&i| near_page_number(i, lines))
                && at
                    .iter()
                    .all(|&i| near_page_number(i, lines) || at_edge(i, lines))
        })
        .flat_map(|(_, at)| at.iter().copied())
        .collect();
    for i in furniture {
        lines[i].kind = Kind::Furniture;
    }
}
