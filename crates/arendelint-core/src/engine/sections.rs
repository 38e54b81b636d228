//! The document- and section-level rules: JAM001 (no gender section), JAM002
//! (boilerplate), JAM005 (differences without measures), JAM006 (no goal link)
//! and JAM007 (sex without other factors).

use super::Finding;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::{Document, HeadingKind, Scope, Section, TokKind};
use crate::registry::Rule;
use crate::ruledata::RuleData;
use crate::source::SourceKind;

/// How a gender section's body reads.
enum Verdict {
    /// Empty or a placeholder (JAM002 a).
    Empty,
    /// A short no-impact claim without a reason (JAM002 b).
    Unjustified,
    /// A short no-impact claim with a reason: no section rule applies.
    Justified,
    /// An analysis: JAM005–JAM007 apply.
    Analysis,
}

pub(crate) fn check(doc: &Document, data: &RuleData, scope: &Scope, out: &mut Vec<Finding>) {
    let gender_sections: Vec<Section> = doc.sections[scope.headings.clone()]
        .iter()
        .filter(|s| {
            !s.is_title
                && !scope.title_headings.contains(&s.heading)
                && data.is_gender_heading(&doc.headings[s.heading].text)
        })
        .map(|s| Section {
            body: s.body.start..s.body.end.min(scope.sentences.end).max(s.body.start),
            ..s.clone()
        })
        .collect();
    if gender_sections.is_empty() {
        out.push(missing_section(doc, data, scope));
        return;
    }
    for section in &gender_sections {
        let heading = &doc.headings[section.heading];
        let heading_text = super::collapse_ws(doc.heading_display(heading));
        let heading_text = heading_text.as_str();
        let tokens = doc.sentence_tokens(section.body.clone());
        let is_gender = |w: &str| data.is_gender_word(w);
        let (words, _) = doc.words_in(tokens.clone());
        let at = heading.span.clone();
        match verdict(doc, data, section) {
            Verdict::Empty => out.push(boilerplate(
                doc,
                data,
                section,
                "JAM002-empty",
                heading_text,
            )),
            Verdict::Unjustified => out.push(boilerplate(
                doc,
                data,
                section,
                "JAM002-unjustified",
                heading_text,
            )),
            Verdict::Justified => {}
            Verdict::Analysis => {
                let rules = [
                    (Rule::Jam005, "JAM005"),
                    (Rule::Jam006, "JAM006"),
                    (Rule::Jam007, "JAM007"),
                ];
                for (rule, key) in rules {
                    let fires = match rule {
                        Rule::Jam005 => {
                            data.difference.find(&words, &is_gender).is_some()
                                && data.measure.find(&words, &is_gender).is_none()
                        }
                        Rule::Jam006 => data.goal.find(&words, &is_gender).is_none(),
                        _ => data.factor.find(&words, &is_gender).is_none(),
                    };
                    if fires {
                        out.push(Finding {
                            related: Vec::new(),
                            rule,
                            span: at.clone(),
                            message: data.message(key, &[("heading", heading_text)]),
                            fix: None,
                        });
                    }
                }
            }
        }
    }
}

fn verdict(doc: &Document, data: &RuleData, section: &Section) -> Verdict {
    let tokens = doc.sentence_tokens(section.body.clone());
    let content = tokens
        .clone()
        .filter(|&i| matches!(doc.tokens[i].kind, TokKind::Word | TokKind::Number))
        .count();
    if content == 0 {
        return Verdict::Empty;
    }
    let first = doc.tokens[tokens.start].start;
    let last = doc.tokens[tokens.end - 1].end;
    let body = doc.text[first..last]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let body = super::collapse_ws(&body);
    if body.is_empty() || data.placeholders.contains(&body) || is_unanswered_skeleton(data, &body) {
        return Verdict::Empty;
    }
    let word_count = tokens
        .clone()
        .filter(|&i| doc.tokens[i].kind == TokKind::Word)
        .count();
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

/// The guiding questions that JAM001's and JAM002's fixes insert, left unanswered.
fn is_unanswered_skeleton(data: &RuleData, body: &str) -> bool {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    letters(body) == letters(&data.skeleton.questions.concat())
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
fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// JAM002: the body is replaced by SKR's guiding questions (unsafe: to be completed).
fn boilerplate(
    doc: &Document,
    data: &RuleData,
    section: &Section,
    key: &str,
    heading_text: &str,
) -> Finding {
    let heading = &doc.headings[section.heading];
    let eol = line_ending(doc.text);
    let tokens = doc.sentence_tokens(section.body.clone());
    let edit = if heading.kind == HeadingKind::Label {
        let questions = data.skeleton.questions.join(" ");
        if tokens.is_empty() {
            Edit::insert(heading.span.end, format!(" {questions}"))
        } else {
            Edit::replace(
                doc.tokens[tokens.start].start..doc.tokens[tokens.end - 1].end,
                questions,
            )
        }
    } else {
        let questions = question_list(data, eol);
        if tokens.is_empty() {
            Edit::insert(
                heading.span.end,
                format!("{eol}{eol}{}", questions.trim_end()),
            )
        } else {
            let start = doc.tokens[tokens.start].start;
            let line_start = doc.text[..start].rfind('\n').map_or(0, |i| i + 1);
            // From the line's start when only indentation or a list marker
            // stands before the body ("- Berör beslutet …"): the questions
            // bring their own markers, and a second run must not add more.
            let lead = doc.text[line_start..start].trim();
            let marker_only = lead.is_empty()
                || matches!(lead, "-" | "*" | "+" | "•" | "–")
                || lead
                    .strip_suffix(['.', ')'])
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            let from = if marker_only { line_start } else { start };
            Edit::replace(
                from..doc.tokens[tokens.end - 1].end,
                questions.trim_end().to_string(),
            )
        }
    };
    Finding {
        related: Vec::new(),
        rule: Rule::Jam002,
        span: heading.span.clone(),
        message: data.message(key, &[("heading", heading_text)]),
        fix: Some(Fix {
            description: data.fix_text(key, &[]),
            edits: vec![edit],
            applicability: Applicability::Unsafe,
        }),
    }
}

fn question_list(data: &RuleData, eol: &str) -> String {
    data.skeleton
        .questions
        .iter()
        .map(|q| format!("- {q}{eol}"))
        .collect()
}

/// JAM001 with a fix that inserts the section skeleton before the closing block
/// (*Beslutet skickas till*, *Bilagor*, …) or at the end.
fn missing_section(doc: &Document, data: &RuleData, scope: &Scope) -> Finding {
    let eol = line_ending(doc.text);
    let closing = super::closing::find(doc, data, scope);
    let level = closing
        .as_ref()
        .and_then(|c| c.level)
        .or_else(|| {
            doc.headings
                .iter()
                .filter(|h| h.kind == HeadingKind::Markdown && h.level > 1)
                .map(|h| h.level)
                .min()
        })
        .unwrap_or(2);
    let heading_line = match doc.kind {
        SourceKind::Markdown => format!("{} {}", "#".repeat(level as usize), data.skeleton.heading),
        SourceKind::PlainText | SourceKind::Docx | SourceKind::Pdf => data.skeleton.heading.clone(),
    };
    let body = question_list(data, eol);
    let section = format!("{heading_line}{eol}{eol}{body}");
    let edit = match closing {
        Some(block) => Edit::insert(block.start, format!("{section}{eol}")),
        None => {
            let before = &doc.text[..scope.bytes.end];
            let lead = if before.ends_with(&format!("{eol}{eol}")) {
                String::new()
            } else if before.ends_with('\n') {
                eol.to_string()
            } else {
                format!("{eol}{eol}")
            };
            // Inside an agenda the next case follows: keep a blank line before it.
            let trail = if scope.bytes.end < doc.text.len() {
                eol
            } else {
                ""
            };
            Edit::insert(scope.bytes.end, format!("{lead}{section}{trail}"))
        }
    };
    Finding {
        related: Vec::new(),
        rule: Rule::Jam001,
        span: scope.bytes.start..scope.bytes.start,
        message: data.message("JAM001", &[]),
        fix: Some(Fix {
            description: data.fix_text("JAM001", &[]),
            edits: vec![edit],
            applicability: Applicability::Unsafe,
        }),
    }
}
