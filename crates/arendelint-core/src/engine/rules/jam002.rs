//! JAM002 `boilerplate-gender-section`: a gender section that is empty, a placeholder,
//! or a no-impact claim without a reason. Its fix replaces the body with SKR's
//! guiding questions (unsafe: to be completed).

use super::Context;
use super::RuleDef;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::HeadingKind;
use crate::engine::sections::{line_ending, question_list, GenderSection, Verdict};
use crate::engine::{Budget, Finding};
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::MessageKey;
use crate::severity::Severity;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Jam002,
        "JAM002",
        "boilerplate-gender-section",
        Some(Severity::Warning),
        Level::Section,
    ),
    summary: [
        "Jämställdhetsavsnittet är tomt eller en standardfras om att förslaget saknar betydelse, utan skäl.",
        "The gender section is empty or a no-impact claim without a reason.",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/JAM002.md"),
        include_str!("../../../../../rules/explanations/en/JAM002.md"),
    ],
    messages: &[EMPTY, UNJUSTIFIED],
    check: Some(check),
};

/// `[JAM002-empty]` in rules/messages.toml: an empty or placeholder section.
pub(crate) const EMPTY: MessageKey = MessageKey("JAM002-empty");
/// `[JAM002-unjustified]` in rules/messages.toml: a no-impact claim without a reason.
pub(crate) const UNJUSTIFIED: MessageKey = MessageKey("JAM002-unjustified");

fn check(cx: &Context, budget: &mut Budget, out: &mut Vec<Finding>) {
    for g in cx.gender_sections() {
        let key = match g.verdict {
            Verdict::Empty => EMPTY,
            Verdict::Unjustified => UNJUSTIFIED,
            Verdict::Justified | Verdict::Analysis => continue,
        };
        let span = &cx.doc.headings[g.section.heading].span;
        if budget.wanted(Rule::Jam002, span) {
            out.push(boilerplate(cx, g, key));
        }
    }
}

/// JAM002: the body is replaced by SKR's guiding questions (unsafe: to be completed).
fn boilerplate(cx: &Context, g: &GenderSection, key: MessageKey) -> Finding {
    let (doc, data, section) = (cx.doc, cx.data, &g.section);
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
        message: data.message(key, &[("heading", &g.heading_text)]),
        fix: Some(Fix::new(
            data.fix_text(key, &[]),
            vec![edit],
            Applicability::Unsafe,
        )),
    }
}
