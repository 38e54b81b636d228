//! Splitting an agenda into cases (contract §5): case headings, their titles
//! and diary numbers, tables of contents and items without case text.

use super::agenda::{
    case_line, clean_title, find_dnr, is_metadata_line, line_text, skip_markup, CaseLine, Form,
};
use super::{CaseInfo, Document, HeadingKind, Scope, TokKind};
use crate::ruledata::RuleData;
use crate::source::SourceKind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

/// A run of this many case headings without text between them is a table of
/// contents or a bare kallelse.
const MIN_RUN: usize = 3;

/// Non-blank lines after the heading line searched for a Dnr.
const DNR_LINES: usize = 5;

/// A case heading found in the document, before tables of contents are removed.
struct Candidate {
    heading: usize,
    /// The heading's line.
    line: Range<usize>,
    number: String,
    title: String,
    dnr: Option<String>,
    /// The line holding the title when the heading line holds only the number.
    title_line: Option<Range<usize>>,
}

/// What becomes of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Case {
        empty: bool,
    },
    /// An entry of a table of contents.
    Contents,
}

impl Document<'_> {
    /// The cases of an agenda (contract §5): each from a case heading to the next.
    pub fn cases(&self, data: &RuleData) -> Vec<(Scope, CaseInfo)> {
        let candidates = self.candidates(data);
        let roles = roles(
            &candidates,
            |i| self.words_after(&candidates, i, data),
            data.agenda.closing_max_words,
        );
        let kept: Vec<usize> = (0..candidates.len())
            .filter(|&i| roles[i] != Role::Contents)
            .collect();
        let mut out = Vec::with_capacity(kept.len());
        for (n, &i) in kept.iter().enumerate() {
            let c = &candidates[i];
            let next = kept.get(n + 1).map(|&k| &candidates[k]);
            let (next_heading, end) = match next {
                Some(next) => (next.heading, next.line.start),
                None => (self.headings.len(), self.text.len()),
            };
            let sentences_end = self
                .headings
                .get(next_heading)
                .map_or(self.sentences.len(), |h| h.sentence);
            // A title on the line after a lone `§ N` is part of the title when it is a heading.
            let title_end = match &c.title_line {
                Some(line)
                    if self.headings.get(c.heading + 1).is_some_and(|h| {
                        c.heading + 1 < next_heading && line.contains(&h.span.start)
                    }) =>
                {
                    c.heading + 2
                }
                _ => c.heading + 1,
            };
            let heading = &self.headings[c.heading];
            let has_text = self.words_between(c, end, sentences_end, data) > 0;
            let empty = match roles[i] {
                Role::Case { empty } => empty || !has_text,
                Role::Contents => true,
            };
            let scope = Scope {
                sentences: heading.sentence..sentences_end,
                headings: c.heading..next_heading,
                bytes: c.line.start..end,
                title_headings: c.heading..title_end,
                empty,
            };
            out.push((
                scope,
                CaseInfo {
                    title: c.title.clone(),
                    number: Some(c.number.clone()),
                    dnr: c.dnr.clone(),
                    heading: heading.span.clone(),
                    range: c.line.start..end,
                    empty,
                },
            ));
        }
        out
    }

    /// Every heading that is a case heading, in order, with its number, title and Dnr.
    fn candidates(&self, data: &RuleData) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        for (i, h) in self.headings.iter().enumerate() {
            if h.kind == HeadingKind::Label {
                continue;
            }
            let mut line = line_around(self.text, h.span.start);
            line.start = line.start.max(crate::source::bom_len(self.text));
            let text = &self.text[line.clone()];
            let Some(found) = case_line(text, data) else {
                continue;
            };
            let plain_numbered = found.form == Form::Numbered && self.kind == SourceKind::PlainText;
            if plain_numbered && !preceded_by_blank(self.text, line.start) {
                continue;
            }
            // The title line of a lone `§ N` is not another case.
            if out
                .last()
                .and_then(|c| c.title_line.as_ref())
                .is_some_and(|t| t.start == line.start)
            {
                continue;
            }
            out.push(self.candidate(i, line, &found, data));
        }
        // A Dnr below the heading: within the case's first lines, never in the next case.
        for n in 0..out.len() {
            if out[n].dnr.is_some() {
                continue;
            }
            let limit = out
                .get(n + 1)
                .map_or(self.text.len(), |next| next.line.start);
            out[n].dnr = next_lines(self.text, out[n].line.end)
                .take_while(|l| l.end <= limit)
                .take(DNR_LINES)
                .find_map(|l| find_dnr(&self.text[l], data))
                .map(|(_, id)| id);
        }
        out
    }

    fn candidate(
        &self,
        heading: usize,
        line: Range<usize>,
        found: &CaseLine,
        data: &RuleData,
    ) -> Candidate {
        let text = &self.text[line.clone()];
        let rest = &text[found.rest.clone()];
        let dnr_on_line = find_dnr(rest, data);
        let mut title = clean_title(rest, dnr_on_line.as_ref().map(|(r, _)| r.clone()));
        let mut title_line = None;
        if title.is_empty() {
            if let Some(next) = next_lines(self.text, line.end).next() {
                title = clean_title(line_text(&self.text[next.clone()], data), None);
                title_line = Some(next);
            }
        }
        // A Dnr below the heading is looked for once every case heading is known.
        let dnr = dnr_on_line.map(|(_, id)| id);
        Candidate {
            heading,
            line,
            number: text[found.number.clone()].to_string(),
            title,
            dnr,
            title_line,
        }
    }

    /// Words of text after candidate `i` up to the next candidate (or the end).
    fn words_after(&self, candidates: &[Candidate], i: usize, data: &RuleData) -> usize {
        let c = &candidates[i];
        let (end, sentences_end) = match candidates.get(i + 1) {
            Some(next) => (next.line.start, self.headings[next.heading].sentence),
            None => (self.text.len(), self.sentences.len()),
        };
        self.words_between(c, end, sentences_end, data)
    }

    /// Words of case text after a candidate's heading, before byte `end`: not
    /// the title line, bare page numbers, or lines that only give a Dnr or a
    /// `Föredragande:`. Sub-headings count: an empty `Jämställdhet` section is
    /// case text that JAM002 reports.
    fn words_between(
        &self,
        c: &Candidate,
        end: usize,
        sentences_end: usize,
        data: &RuleData,
    ) -> usize {
        let start = self.headings[c.heading].sentence + 1;
        let mut words = 0;
        for s in self.sentences.get(start..sentences_end).unwrap_or(&[]) {
            let Some(first) = self.tokens.get(s.tokens.start) else {
                continue;
            };
            let in_title = c
                .title_line
                .as_ref()
                .is_some_and(|t| t.contains(&first.start));
            if in_title || first.start >= end {
                continue;
            }
            let tokens = &self.tokens[s.tokens.clone()];
            let count = tokens.iter().filter(|t| t.kind == TokKind::Word).count();
            let span = first.start..tokens.last().map_or(first.end, |t| t.end);
            if count > 0 && !self.text[span].lines().all(|l| is_metadata_line(l, data)) {
                words += count;
            }
        }
        words
    }
}

/// Decides which candidates are tables of contents and which cases have no
/// case text. `words_after(i)`: words of text between candidate `i` and the next.
fn roles(
    candidates: &[Candidate],
    words_after: impl Fn(usize) -> usize,
    closing_max_words: usize,
) -> Vec<Role> {
    let n = candidates.len();
    let after: Vec<usize> = (0..n).map(&words_after).collect();
    let mut roles = vec![Role::Case { empty: false }; n];
    // How often each number occurs from the current run on: linear, however long the file.
    let mut remaining: HashMap<&str, usize> = HashMap::default();
    for c in candidates {
        *remaining.entry(c.number.as_str()).or_default() += 1;
    }
    let mut i = 0;
    while i < n {
        // A run: headings with nothing between them, each number once.
        let mut seen: HashSet<&str> = HashSet::default();
        seen.insert(&candidates[i].number);
        let mut j = i;
        while j + 1 < n && after[j] == 0 && seen.insert(&candidates[j + 1].number) {
            j += 1;
        }
        for c in &candidates[i..=j] {
            if let Some(count) = remaining.get_mut(c.number.as_str()) {
                *count = count.saturating_sub(1);
            }
        }
        let run = &candidates[i..=j];
        if run.len() >= MIN_RUN {
            let repeated = run
                .iter()
                .filter(|c| remaining.get(c.number.as_str()).is_some_and(|&k| k > 0))
                .count();
            if repeated * 2 > run.len() {
                roles[i..=j].fill(Role::Contents);
            } else {
                // A bare kallelse: items without case text. What follows the
                // last item is its case text, unless it ends the document and
                // is no more than closing matter (a signature, "Välkomna!").
                roles[i..j].fill(Role::Case { empty: true });
                roles[j] = Role::Case {
                    empty: after[j] == 0 || (j + 1 == n && after[j] <= closing_max_words),
                };
            }
        }
        i = j + 1;
    }
    roles
}

/// The line (without its line break) that holds byte `at`.
pub(super) fn line_around(text: &str, at: usize) -> Range<usize> {
    // A lone `\r` ends a line too (CommonMark), so `\r` is searched for as
    // well; in `\r\n` the search stops at the `\r`.
    let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    start..end
}

/// A blank line, or only a byte order mark, comes before the line at `line_start`.
pub(super) fn preceded_by_blank(text: &str, line_start: usize) -> bool {
    let before = text[..line_start].trim_end_matches(['\n', '\r']);
    if before.trim_start_matches('\u{feff}').trim().is_empty() {
        return true;
    }
    let breaks = text[before.len()..line_start].matches('\n').count();
    let last = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    breaks >= 2 || last.trim().is_empty()
}

/// The non-blank lines after byte `from` (the end of a line), in order.
fn next_lines(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = from;
    std::iter::from_fn(move || loop {
        at += text.get(at..)?.find('\n')? + 1;
        let line = line_around(text, at);
        if !text[line.clone()].trim().is_empty() {
            return Some(line);
        }
    })
}

/// How many lines of `text` read as case headings (contract §5), without
/// parsing the document: for the hint that a file looks like an agenda.
pub(crate) fn count_case_lines(text: &str, data: &RuleData) -> usize {
    let mut count = 0;
    let mut blank_before = true;
    let mut in_fence = false;
    for line in lines(text) {
        let trimmed = trim(line);
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && may_be_case_line(line, trimmed, &data.agenda.bullets) {
            if let Some(found) = case_line(line, data) {
                if found.form != Form::Numbered || blank_before {
                    count += 1;
                }
            }
        }
        blank_before = is_blank(trimmed);
    }
    count
}

/// `line.trim()`, with no characters decoded when the line opens and ends
/// with ASCII other than white space (most lines of prose).
fn trim(line: &str) -> &str {
    match (line.as_bytes().first(), line.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => line,
        _ => line.trim(),
    }
}

/// Whether a trimmed line is empty or only byte order marks (U+FEFF, which
/// opens with the byte 0xEF).
fn is_blank(trimmed: &str) -> bool {
    trimmed.as_bytes().first().is_none_or(|&b| b == 0xEF)
        && trimmed.trim_start_matches('\u{feff}').is_empty()
}

/// A cheap test that rules out most lines before [`case_line`] reads them
/// (the same tests, in short): after markup, a case heading opens with `§`, a
/// number, or a word followed by `§` or, after white space, by a number
/// (`KS § 12`, `Ärende 4`, `Sn 49 Titel`). `trimmed` is `line` without
/// surrounding white space.
fn may_be_case_line(line: &str, trimmed: &str, bullets: &[char]) -> bool {
    let Some(first) = trimmed.chars().next() else {
        return false;
    };
    // Only a line opening with markup or a bullet has markup to skip (a
    // table row, a quote or a line of prose has none). Trailing white space,
    // which `trimmed` lacks, does not change the answer.
    let s = if matches!(first, '#' | '*' | '_') || bullets.contains(&first) {
        &line[skip_markup(line, bullets)..]
    } else {
        trimmed
    };
    let Some(first) = s.chars().next() else {
        return false;
    };
    if first == '§' || first.is_ascii_digit() {
        return true;
    }
    let word_len = letters_len(s);
    if word_len == 0 {
        return false;
    }
    let after_word = &s[word_len..];
    let after = after_word.trim_start();
    after.starts_with('§')
        || (after.len() < after_word.len() && after.starts_with(|c: char| c.is_ascii_digit()))
}

/// Byte length of the run of letters that `s` opens with. ASCII letters and
/// the two-byte Latin-1 letters (å, ä, ö, é …) are told from their bytes (every
/// line of prose is read up to its first space); other characters are decoded.
fn letters_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() {
            i += 1;
        } else if b < 0x80 {
            break;
        } else if b == 0xC3
            && matches!(
                bytes.get(i + 1),
                Some(0x80..=0x96 | 0x98..=0xB6 | 0xB8..=0xBF)
            )
        {
            i += 2;
        } else {
            match s.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) if c.is_alphabetic() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// `text.lines()`, with line ends found by `memchr` (many bytes at a time).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let line = match ends.next() {
            Some(end) => {
                let line = &text[start..end];
                start = end + 1;
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => {
                let line = &text[start..];
                start = text.len();
                line
            }
        };
        Some(line)
    })
}

#[cfg(test)]
mod line_tests {
    #[test]
    fn letter_runs_as_char_by_char() {
        for s in [
            "",
            "Ärende 4",
            "KS § 12",
            "Sn49",
            "é×b",
            "ab÷c",
            "Ωμέγα 3",
            "ǅx y",
            "x\u{300}y",
            "år",
            "1 Titel",
            "Ab-c",
        ] {
            let expected = s
                .char_indices()
                .find(|(_, c)| !c.is_alphabetic())
                .map_or(s.len(), |(i, _)| i);
            assert_eq!(super::letters_len(s), expected, "{s:?}");
        }
    }

    /// `may_be_case_line` as it was, with markup skipped for every line that
    /// does not open with a letter.
    fn may_be_case_line_reference(line: &str, bullets: &[char]) -> bool {
        let s = &line[super::skip_markup(line, bullets)..];
        let Some(first) = s.chars().next() else {
            return false;
        };
        if first == '§' || first.is_ascii_digit() {
            return true;
        }
        let word_len = super::letters_len(s);
        let after_word = &s[word_len..];
        let after = after_word.trim_start();
        word_len > 0
            && (after.starts_with('§')
                || (after.len() < after_word.len()
                    && after.starts_with(|c: char| c.is_ascii_digit())))
    }

    #[test]
    fn case_line_filter_as_before() {
        let bullets = ['•', '-', '*'];
        for line in [
            "",
            "  ",
            "§ 12 Budget",
            "KS § 12",
            "Ärende 4",
            "Sn 49 Titel",
            "1. Titel",
            "| 2025 | 1 125 |",
            "> 3 citat",
            "## 4 Rubrik",
            "**§ 1**",
            "* 5 punkt",
            "- Ärende 4",
            "• 12 Titel",
            "_KS_ 3",
            "Text 12  ",
            "Text  ",
            "  Ärende\u{a0}4",
            "\u{a0}§ 3",
            "«§ 3",
            "#",
            "***",
            "-5 grader",
            "–5 grader",
            "Året 2024 var",
            "12",
        ] {
            assert_eq!(
                super::may_be_case_line(line, line.trim(), &bullets),
                may_be_case_line_reference(line, &bullets),
                "{line:?}"
            );
        }
    }

    #[test]
    fn trim_and_blank_as_std() {
        for line in [
            "",
            " ",
            "a",
            " a ",
            "a.",
            "\u{a0}a",
            "a\u{3000}",
            "\u{feff}",
            "\u{feff}\u{feff}",
            "\u{feff}a",
            "ä",
            "\tx\t",
            "x\u{1f}",
            "Ärende 4  ",
            "#",
        ] {
            assert_eq!(super::trim(line), line.trim(), "{line:?}");
            let trimmed = line.trim();
            assert_eq!(
                super::is_blank(trimmed),
                trimmed.trim_start_matches('\u{feff}').is_empty(),
                "{line:?}"
            );
        }
    }

    #[test]
    fn lines_as_std() {
        for text in [
            "",
            "a",
            "a\n",
            "a\r\n",
            "a\r",
            "\n",
            "\n\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r\r\nb\rc\n\r",
            "§ 1 Å\n\n  Ärende 2\r\n",
        ] {
            let ours: Vec<&str> = super::lines(text).collect();
            let std: Vec<&str> = text.lines().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }
}
