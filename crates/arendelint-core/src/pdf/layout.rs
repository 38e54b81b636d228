//! From placed glyphs to plain text: glyphs on one baseline make a line,
//! columns are found from the gutters no text crosses and read one after the
//! other, and paragraph breaks become blank lines. Page headers and footers
//! stay in the text as lines of their own, next to a form feed line between
//! pages, so that the plain-text front end removes them (contract §6.12)
//! without ending the paragraph that runs on across the page break.

use super::content::Placed;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A horizontal gap wider than this many font sizes splits a line into segments.
const SEGMENT_GAP: f64 = 1.5;
/// A gap wider than this many font sizes between two glyphs is a space.
const SPACE_GAP: f64 = 0.18;

/// Page headers and footers as `(page, line)` pairs.
type Margins = HashSet<(usize, usize)>;

/// One line of text on a page.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    /// The column the line belongs to; `None` for a line across columns.
    pub column: Option<usize>,
}

/// A run of glyphs on one baseline without a wide gap.
#[derive(Debug, Clone)]
struct Segment {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
}

/// The lines of one page in reading order.
pub(crate) fn page_lines(mut glyphs: Vec<Placed>) -> Vec<Line> {
    glyphs.retain(|g| g.size > 0.5 && !g.text.is_empty());
    let bands = bands(glyphs);
    let segments: Vec<Vec<Segment>> = bands.into_iter().map(segments).collect();
    let gutters = gutters(&segments);
    reading_order(segments, &gutters)
}

/// Glyphs grouped by baseline, top of the page first, each band left to right.
fn bands(mut glyphs: Vec<Placed>) -> Vec<Vec<Placed>> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut bands: Vec<Vec<Placed>> = Vec::new();
    let mut band_y = f64::NAN;
    let mut band_size = 0.0f64;
    for g in glyphs {
        let same = (band_y - g.y).abs() <= 0.4 * band_size.min(g.size).max(1.0);
        match bands.last_mut() {
            Some(band) if same => band.push(g),
            _ => {
                band_y = g.y;
                band_size = g.size;
                bands.push(vec![g]);
            }
        }
    }
    for band in &mut bands {
        band.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    bands
}

/// A band split at wide gaps, spaces put where glyphs stand apart.
fn segments(band: Vec<Placed>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut pending_space = false;
    for g in band {
        let is_space = g.text.chars().all(char::is_whitespace);
        match out.last_mut() {
            Some(seg) if g.x - seg.x1 <= SEGMENT_GAP * seg.size.max(g.size) => {
                if is_space {
                    pending_space = true;
                    seg.x1 = seg.x1.max(g.end_x);
                    continue;
                }
                let gap = g.x - seg.x1;
                let overprint = seg.text.ends_with(&g.text) && gap < -0.3 * g.size;
                if overprint {
                    // Fake bold: the same glyph drawn again slightly offset.
                    continue;
                }
                if (pending_space || gap > SPACE_GAP * g.size) && !seg.text.ends_with(' ') {
                    seg.text.push(' ');
                }
                seg.text.push_str(&g.text);
                seg.x1 = seg.x1.max(g.end_x);
                seg.size = seg.size.max(g.size);
                pending_space = false;
            }
            _ => {
                if is_space {
                    continue;
                }
                out.push(Segment {
                    text: g.text.clone(),
                    x0: g.x,
                    x1: g.end_x,
                    y: g.y,
                    size: g.size,
                });
                pending_space = false;
            }
        }
    }
    for seg in &mut out {
        let trimmed = seg.text.trim_end().len();
        seg.text.truncate(trimmed);
    }
    out.retain(|s| !s.text.is_empty());
    out
}

/// Gutters between text columns: x ranges that hardly any segment crosses,
/// with several lines on both sides that stand side by side.
fn gutters(bands: &[Vec<Segment>]) -> Vec<(f64, f64)> {
    let all: Vec<&Segment> = bands.iter().flatten().collect();
    if all.len() < 6 {
        return Vec::new();
    }
    let min_x = all.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let max_x = all.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = max_x - min_x;
    if !(width.is_finite() && width > 10.0) {
        return Vec::new();
    }
    let mut sizes: Vec<f64> = all.iter().map(|s| s.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    // One bucket per point (at most 2000) counting the segments over it.
    let buckets = (width.ceil() as usize).clamp(1, 2000);
    let scale = buckets as f64 / width;
    // Counted as differences, then summed: linear in segments and buckets.
    let mut steps = vec![0isize; buckets + 1];
    for s in &all {
        let a = (((s.x0 - min_x) * scale).floor() as usize).min(buckets - 1);
        let b = (((s.x1 - min_x) * scale).ceil() as usize).clamp(a, buckets);
        steps[a] += 1;
        steps[b] -= 1;
    }
    let mut cover = vec![0usize; buckets];
    let mut running = 0isize;
    for (c, step) in cover.iter_mut().zip(&steps) {
        running += step;
        *c = running.max(0) as usize;
    }
    // A title or a footer line may cross the gutter.
    let allowed = bands.len() / 10;
    let mut found = Vec::new();
    let mut i = 0;
    while i < buckets {
        if cover[i] > allowed {
            i += 1;
            continue;
        }
        let start = i;
        while i < buckets && cover[i] <= allowed {
            i += 1;
        }
        if start == 0 || i >= buckets {
            continue;
        }
        let (g0, g1) = (min_x + start as f64 / scale, min_x + i as f64 / scale);
        if g1 - g0 < 0.8 * size {
            continue;
        }
        let left = |s: &Segment| s.x1 <= g0 + 0.5;
        let right = |s: &Segment| s.x0 >= g1 - 0.5;
        // Side by side: bands with text on both sides of the gutter.
        let paired = bands
            .iter()
            .filter(|b| b.iter().any(left) && b.iter().any(right))
            .count();
        let starts_column = all.iter().filter(|s| (s.x0 - g1).abs() <= 2.0).count();
        // Columns of running text are wide and hold several words a line; a
        // tab between `§ 12` and its title, or between a label and its value,
        // leaves a gap too, but beside narrow runs of a word or two.
        let left_edge = found.last().map_or(min_x, |&(_, end)| end);
        let words = |keep: &dyn Fn(&Segment) -> bool| {
            let kept: Vec<&&Segment> = all.iter().filter(|s| keep(s)).collect();
            let total: usize = kept.iter().map(|s| s.text.split_whitespace().count()).sum();
            total as f64 / kept.len().max(1) as f64
        };
        let text_columns = g0 - left_edge >= 8.0 * size
            && max_x - g1 >= 8.0 * size
            && words(&|s: &Segment| left(s) && s.x0 >= left_edge - 0.5) >= 2.5
            && words(&right) >= 2.5;
        if paired >= 3 && starts_column >= 3 && text_columns {
            found.push((g0, g1));
        }
    }
    found
}

fn column_of(s: &Segment, gutters: &[(f64, f64)]) -> Option<usize> {
    let mut column = 0;
    for (i, &(g0, g1)) in gutters.iter().enumerate() {
        if s.x0 >= g1 - 0.5 {
            column = i + 1;
        } else if s.x1 > g0 + 0.5 {
            return None;
        }
    }
    Some(column)
}

/// Lines in reading order: without gutters, band by band; with gutters, the
/// columns one after the other between lines that cross them.
fn reading_order(bands: Vec<Vec<Segment>>, gutters: &[(f64, f64)]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pending: Vec<Vec<Line>> = vec![Vec::new(); gutters.len() + 1];
    let flush = |pending: &mut Vec<Vec<Line>>, out: &mut Vec<Line>| {
        for column in pending.iter_mut() {
            out.append(column);
        }
    };
    for band in bands {
        if band.is_empty() {
            continue;
        }
        let columns: Vec<Option<usize>> = band.iter().map(|s| column_of(s, gutters)).collect();
        if gutters.is_empty() || columns.iter().any(Option::is_none) {
            flush(&mut pending, &mut out);
            out.push(join(&band, if gutters.is_empty() { Some(0) } else { None }));
            continue;
        }
        for (c, column) in pending.iter_mut().enumerate() {
            let parts: Vec<Segment> = band
                .iter()
                .zip(&columns)
                .filter(|(_, col)| **col == Some(c))
                .map(|(s, _)| s.clone())
                .collect();
            if !parts.is_empty() {
                column.push(join(&parts, Some(c)));
            }
        }
    }
    flush(&mut pending, &mut out);
    out
}

fn join(segments: &[Segment], column: Option<usize>) -> Line {
    let text = segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Line {
        text,
        x0: segments.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min),
        x1: segments
            .iter()
            .map(|s| s.x1)
            .fold(f64::NEG_INFINITY, f64::max),
        y: segments
            .iter()
            .map(|s| s.y)
            .fold(f64::NEG_INFINITY, f64::max),
        size: segments.iter().map(|s| s.size).fold(0.0, f64::max),
        column,
    }
}

/// The text of all pages: one line per line, blank lines between paragraphs,
/// a form feed line between pages.
pub(crate) fn document_text(pages: &[Vec<Line>]) -> String {
    let ratio = typical_line_pitch(pages);
    let margins = margin_lines(pages);
    // `None` is a blank line.
    let mut out: Vec<Option<&str>> = Vec::new();
    // Where the last body line (not a header or footer) went in `out`.
    let mut last_body: Option<usize> = None;
    for (p, lines) in pages.iter().enumerate() {
        if p > 0 {
            out.push(Some("\u{c}"));
        }
        let edges = right_edges(lines, &margins, p);
        let mut prev: Option<&Line> = None;
        for (i, line) in lines.iter().enumerate() {
            if margins.contains(&(p, i)) {
                // A bare page number ("3", "- 3 -") is left out: plain text
                // would read it as a figure of the paragraph that runs on
                // across the break ("att / 3 / elever" → "3 elever").
                if !line.text.chars().any(char::is_alphabetic) {
                    continue;
                }
                out.push(Some(&line.text));
                continue;
            }
            let new_paragraph = match prev {
                Some(a) => paragraph_break(a, line, ratio, &edges),
                None => p > 0 && ends_paragraph_at_page_end(pages, p, &margins),
            };
            if new_paragraph {
                // At a page break the blank line goes before the footer of the
                // page before, so that its furniture stays inside a paragraph
                // that runs on across the break, and outside one that does not.
                let at = match (prev, last_body) {
                    (None, Some(at)) => at + 1,
                    _ => out.len(),
                };
                out.insert(at, None);
            }
            out.push(Some(&line.text));
            last_body = Some(out.len() - 1);
            prev = Some(line);
        }
    }
    let mut text = String::new();
    for line in out {
        match line {
            Some("\u{c}") => text.push('\u{c}'),
            Some(line) => push_text(&mut text, line),
            None => {}
        }
        text.push('\n');
    }
    text
}

fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        // Some writers map å ä ö to a letter and a combining mark: compose
        // them, or no word of the lexicon would match.
        if let Some(composed) = out.chars().next_back().and_then(|base| compose(base, c)) {
            out.pop();
            out.push(composed);
            continue;
        }
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            // A soft hyphen drawn at a line end is a hyphenation hyphen.
            '\u{ad}' => out.push('-'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A letter and a combining diaeresis, ring or accent as one character.
fn compose(base: char, mark: char) -> Option<char> {
    let composed = match (base, mark) {
        ('a', '\u{308}') => 'ä',
        ('o', '\u{308}') => 'ö',
        ('u', '\u{308}') => 'ü',
        ('e', '\u{308}') => 'ë',
        ('A', '\u{308}') => 'Ä',
        ('O', '\u{308}') => 'Ö',
        ('U', '\u{308}') => 'Ü',
        ('a', '\u{30a}') => 'å',
        ('A', '\u{30a}') => 'Å',
        ('e', '\u{301}') => 'é',
        ('E', '\u{301}') => 'É',
        ('a', '\u{301}') => 'á',
        ('o', '\u{301}') => 'ó',
        ('e', '\u{300}') => 'è',
        ('a', '\u{300}') => 'à',
        _ => return None,
    };
    Some(composed)
}

/// The usual ratio of baseline distance to font size between lines that
/// follow each other in one column: the document's line pitch.
fn typical_line_pitch(pages: &[Vec<Line>]) -> f64 {
    let mut ratios: Vec<f64> = pages
        .iter()
        .flat_map(|lines| lines.windows(2))
        .filter(|w| w[0].column == w[1].column && w[0].column.is_some())
        .map(|w| (w[0].y - w[1].y) / w[0].size.max(w[1].size))
        .filter(|r| *r > 0.5 && *r < 4.0)
        .collect();
    if ratios.is_empty() {
        return 1.2;
    }
    // The lower quartile, not the median: in a document of short paragraphs
    // most distances are paragraph breaks, not line breaks.
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 4]
}

/// The right edge of each column on a page (body lines only).
fn right_edges(lines: &[Line], margins: &Margins, page: usize) -> HashMap<usize, f64> {
    let mut edges: HashMap<usize, f64> = HashMap::default();
    for (i, l) in lines.iter().enumerate() {
        if let (Some(c), false) = (l.column, margins.contains(&(page, i))) {
            let e = edges.entry(c).or_insert(f64::NEG_INFINITY);
            *e = e.max(l.x1);
        }
    }
    edges
}

/// A line that stops well short of its column's right edge ends its paragraph.
fn is_short(line: &Line, right_edges: &HashMap<usize, f64>) -> bool {
    let Some(edge) = line.column.and_then(|c| right_edges.get(&c)) else {
        return true;
    };
    let width = (edge - line.x0).max(1.0);
    edge - line.x1 > 0.12 * width
}

fn paragraph_break(a: &Line, b: &Line, ratio: f64, right_edges: &HashMap<usize, f64>) -> bool {
    if a.column != b.column || b.y > a.y {
        // Into the next column (or back up the page): the layout tells
        // nothing, the line's length does.
        return a.column.is_some() && b.column.is_some() && is_short(a, right_edges)
            || a.column.is_none()
            || b.column.is_none();
    }
    let size = a.size.max(b.size);
    let gap = (a.y - b.y) / size;
    let size_changed = (a.size - b.size).abs() > 0.12 * size;
    gap > ratio * 1.35 || size_changed
}

/// Whether the last body line of the page before `p` ends a paragraph.
fn ends_paragraph_at_page_end(pages: &[Vec<Line>], p: usize, margins: &Margins) -> bool {
    let Some(prev) = pages.get(p - 1) else {
        return false;
    };
    let edges = right_edges(prev, margins, p - 1);
    prev.iter()
        .enumerate()
        .rev()
        .find(|(i, _)| !margins.contains(&(p - 1, *i)))
        .is_some_and(|(_, l)| is_short(l, &edges))
}

/// Page headers and footers: among the first and last lines of a page, a
/// line whose text (digits aside) recurs at the same height on another page,
/// or a page number.
fn margin_lines(pages: &[Vec<Line>]) -> Margins {
    const EDGE: usize = 3;
    let key = |l: &Line| -> String {
        l.text
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
            .trim()
            .to_lowercase()
    };
    let edge_lines = |lines: &[Line]| -> Vec<usize> {
        let n = lines.len();
        (0..n).filter(|&i| i < EDGE || i + EDGE >= n).collect()
    };
    let mut seen: HashMap<String, Vec<(usize, f64)>> = HashMap::default();
    for (p, lines) in pages.iter().enumerate() {
        for i in edge_lines(lines) {
            seen.entry(key(&lines[i]))
                .or_default()
                .push((p, lines[i].y));
        }
    }
    let mut out = Margins::default();
    for (p, lines) in pages.iter().enumerate() {
        for i in edge_lines(lines) {
            let k = key(&lines[i]);
            let repeated = seen.get(&k).is_some_and(|v| {
                v.iter()
                    .any(|&(q, y)| q != p && (y - lines[i].y).abs() <= 3.0)
            });
            if (repeated && pages.len() > 1) || is_page_number(&k) {
                out.insert((p, i));
            }
        }
    }
    out
}

/// `Sida 2 (4)`, `2 av 4`, `- 2 -`, `Page 2 of 4` with the digits removed.
fn is_page_number(key_without_digits: &str) -> bool {
    let rest: String = key_without_digits
        .replace("sida", "")
        .replace("page", "")
        .replace("av", "")
        .replace("of", "")
        .chars()
        .filter(|c| !matches!(c, ' ' | '(' | ')' | '-' | '–' | '/' | '.'))
        .collect();
    rest.is_empty()
}
