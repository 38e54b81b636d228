//! What the document and section rules share: a scope's gender sections and
//! how each reads (JAM001 fires when there is none, JAM002 on an empty or
//! unjustified one, JAM005–JAM007 on an analysis), and the section skeleton
//! that JAM001's and JAM002's fixes insert.

use super::rules::Context;
use super::{Budget, Finding};
use crate::document::{Document, Scope, Section, TokKind};
use crate::registry::Rule;
use crate::ruledata::{MessageKey, RuleData};

/// How a gender section's body reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Empty or a placeholder (JAM002 a).
    Empty,
    /// A short no-impact claim without a reason (JAM002 b).
    Unjustified,
    /// A short no-impact claim with a reason: no section rule applies.
    Justified,
    /// An analysis: JAM005–JAM007 apply.
    Analysis,
}

/// A gender section of a scope, its heading as shown in messages, and its verdict.
#[derive(Debug, Clone)]
pub(crate) struct GenderSection {
    pub section: Section,
    pub heading_text: String,
    pub verdict: Verdict,
}

/// The scope's gender sections (never the title), each body cut at the scope's end.
pub(crate) fn gender_sections(
    doc: &Document,
    data: &RuleData,
    scope: &Scope,
) -> Vec<GenderSection> {
    doc.sections[scope.headings.clone()]
        .iter()
        .filter(|s| {
            !s.is_title
                && !scope.title_headings.contains(&s.heading)
                && data.is_gender_heading(&doc.headings[s.heading].text)
        })
        .map(|s| {
            let section = Section {
                body: s.body.start..s.body.end.min(scope.sentences.end).max(s.body.start),
                ..s.clone()
            };
            let heading = &doc.headings[section.heading];
            GenderSection {
                heading_text: super::collapse_ws(doc.heading_display(heading)),
                verdict: verdict(doc, data, &section),
                section,
            }
        })
        .collect()
}

/// JAM005–JAM007: a finding on the heading of each analysed gender section
/// whose words make `fires` true.
pub(crate) fn section_finding(
    cx: &Context,
    budget: &mut Budget,
    out: &mut Vec<Finding>,
    rule: Rule,
    key: MessageKey,
    fires: impl Fn(&[&str]) -> bool,
) {
    let doc = cx.doc;
    for (g, words) in cx.gender_sections().iter().zip(cx.section_words()) {
        if g.verdict != Verdict::Analysis {
            continue;
        }
        let span = doc.headings[g.section.heading].span.clone();
        if !budget.wanted(rule, &span) {
            continue;
        }
        if fires(words) {
            out.push(Finding {
                related: Vec::new(),
                rule,
                span,
                message: cx.data.message(key, &[("heading", &g.heading_text)]),
                fix: None,
            });
        }
    }
}

fn verdict(doc: &Document, data: &RuleData, section: &Section) -> Verdict {
    let tokens = doc.sentence_tokens(section.body.clone());
    // Words and numbers, and words alone, in one pass.
    let (mut content, mut word_count) = (0, 0);
    for t in &doc.tokens[tokens.clone()] {
        content += usize::from(matches!(t.kind, TokKind::Word | TokKind::Number));
        word_count += usize::from(t.kind == TokKind::Word);
    }
    if content == 0 {
        return Verdict::Empty;
    }
    let first = doc.tokens[tokens.start].start;
    let last = doc.tokens[tokens.end - 1].end;
    let raw = doc.text[first..last].trim_matches(|c: char| !c.is_alphanumeric());
    if word_count > data.boilerplate_max_words && !may_be_empty(data, raw) {
        // A long body that is neither a placeholder nor the skeleton: the
        // lower-cased copy below would say the same.
        return Verdict::Analysis;
    }
    let body = super::collapse_ws(&raw.to_lowercase());
    if body.is_empty() || data.placeholders.contains(&body) || is_unanswered_skeleton(data, &body) {
        return Verdict::Empty;
    }
    if word_count > data.boilerplate_max_words {
        return Verdict::Analysis;
    }
    let mut claim = false;
    let mut reason = false;
    let is_gender = |w: &str| data.is_gender_word(w);
    for s in &doc.sentences[section.body.clone()] {
        let (words, index) = doc.words_in(s.tokens.clone());
        claim |= negated_impact(data, &words) || data.no_impact.find(&words, &is_gender).is_some();
        reason |= data.reasons.find(&words, &is_gender).is_some();
        // "då" as a conjunction: after a comma or opening the sentence.
        reason |= words.iter().zip(&index).any(|(w, &i)| {
            *w == data.reason_conjunction
                && (i == s.tokens.start || doc.tokens[i - 1].kind == TokKind::Punct(','))
        });
    }
    match (claim, reason) {
        (true, false) => Verdict::Unjustified,
        (true, true) => Verdict::Justified,
        _ => Verdict::Analysis,
    }
}

/// The words of an analysed gender section's body (JAM005–JAM007 read
/// them); none for the others.
pub(crate) fn analysis_words<'d>(doc: &'d Document, g: &GenderSection) -> Vec<&'d str> {
    if g.verdict != Verdict::Analysis {
        return Vec::new();
    }
    doc.words_in(doc.sentence_tokens(g.section.body.clone())).0
}

/// The guiding questions that JAM001's and JAM002's fixes insert, left unanswered.
fn is_unanswered_skeleton(data: &RuleData, body: &str) -> bool {
    crate::ruledata::letters(body) == data.skeleton_letters
}

/// Whether a body (`raw`, not yet lower-cased) could read as a placeholder or
/// the unanswered skeleton. Lower-casing never turns a character into white
/// space or into nothing, nor a letter or digit into something else, so a
/// body with more characters than a placeholder and more letters and digits
/// than the skeleton is neither.
fn may_be_empty(data: &RuleData, raw: &str) -> bool {
    let max_letters = data.skeleton_letters.chars().count();
    // First by bytes, which is cheap: ASCII letters, digits and punctuation
    // are each one visible character, so these counts never exceed the real ones.
    // In blocks, so that a long body stops early.
    let (mut visible, mut letters) = (0, 0);
    for block in raw.as_bytes().chunks(64) {
        for &b in block {
            visible += usize::from(b.is_ascii_graphic());
            letters += usize::from(b.is_ascii_alphanumeric());
        }
        if visible > data.placeholder_max_chars && letters > max_letters {
            return false;
        }
    }
    let (mut visible, mut letters) = (0, 0);
    for c in raw.chars() {
        if !c.is_whitespace() {
            visible += 1;
        }
        if c.is_alphanumeric() {
            letters += 1;
        }
        // Both counts only grow: a long body is settled early.
        if visible > data.placeholder_max_chars && letters > max_letters {
            return false;
        }
    }
    visible <= data.placeholder_max_chars || letters <= max_letters
}

/// *inte/ej/ingen/inga* at most `negation_gap` words from an impact word, either order.
fn negated_impact(data: &RuleData, words: &[&str]) -> bool {
    let gap = data.negation_gap;
    words.iter().enumerate().any(|(k, w)| {
        if !data.negations.contains(*w) {
            return false;
        }
        let lo = k.saturating_sub(gap + 1);
        let hi = (k + gap + 2).min(words.len());
        (lo..hi).filter(|&j| j != k).any(|j| {
            let candidate = words[j];
            data.negation_targets.iter().any(|t| match t {
                crate::phrase::WordPat::Prefix(p) => candidate.starts_with(p.as_str()),
                crate::phrase::WordPat::Exact(e) | crate::phrase::WordPat::Inflected(e) => {
                    candidate == e
                }
                crate::phrase::WordPat::Gender => false,
            })
        })
    })
}

/// The document's line ending, judged by its first line break.
pub(crate) fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

pub(crate) fn question_list(data: &RuleData, eol: &str) -> String {
    let questions = &data.skeleton.questions;
    let room = questions.iter().map(|q| q.len() + 2 + eol.len()).sum();
    let mut list = String::with_capacity(room);
    for q in questions {
        list.push_str("- ");
        list.push_str(q);
        list.push_str(eol);
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `may_be_empty` without its byte bound.
    fn may_be_empty_slowly(data: &RuleData, raw: &str) -> bool {
        let visible = raw.chars().filter(|c| !c.is_whitespace()).count();
        let letters = raw.chars().filter(|c| c.is_alphanumeric()).count();
        visible <= data.placeholder_max_chars || letters <= data.skeleton_letters.chars().count()
    }

    #[test]
    fn may_be_empty_bounds_by_bytes_as_the_counts_would() {
        let data = RuleData::build(&crate::config::Config::default()).expect("rule data");
        let long = "Beslutet berör kvinnor och män lika, enligt analysen. ".repeat(40);
        let swedish = "åäö ÅÄÖ é ".repeat(200);
        let cases = [
            "",
            "Ej aktuellt.",
            "–",
            long.as_str(),
            swedish.as_str(),
            &long[..200],
        ];
        for raw in cases {
            assert_eq!(
                may_be_empty(&data, raw),
                may_be_empty_slowly(&data, raw),
                "{raw}"
            );
        }
        assert!(!may_be_empty(&data, &long));
        assert!(may_be_empty(&data, "Ej aktuellt."));
    }
}
