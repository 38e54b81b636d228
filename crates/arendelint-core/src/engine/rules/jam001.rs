//! JAM001 `missing-gender-section`: the case has no gender section. Its fix inserts
//! the section skeleton before the closing block (*Beslutet skickas till*,
//! *Bilagor*, …) or at the end of the case.

use super::Context;
use super::RuleDef;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::HeadingKind;
use crate::engine::sections::{line_ending, question_list};
use crate::engine::{Budget, Finding};
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::MessageKey;
use crate::severity::Severity;
use crate::source::SourceKind;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Jam001,
        "JAM001",
        "missing-gender-section",
        Some(Severity::Error),
        Level::Document,
    ),
    summary: [
        "Ärendet saknar ett avsnitt om konsekvenser för jämställdhet.",
        "The case has no section on the consequences for gender equality.",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/JAM001.md"),
        include_str!("../../../../../rules/explanations/en/JAM001.md"),
    ],
    messages: &[MISSING],
    check: Some(check),
};

/// `[JAM001]` in rules/messages.toml.
pub(crate) const MISSING: MessageKey = MessageKey("JAM001");

fn check(cx: &Context, budget: &mut Budget, out: &mut Vec<Finding>) {
    let at = cx.scope.bytes.start..cx.scope.bytes.start;
    if cx.gender_sections().is_empty() && budget.wanted(Rule::Jam001, &at) {
        out.push(missing_section(cx));
    }
}

/// JAM001 with a fix that inserts the section skeleton before the closing block
/// (*Beslutet skickas till*, *Bilagor*, …) or at the end.
fn missing_section(cx: &Context) -> Finding {
    let (doc, data, scope) = (cx.doc, cx.data, cx.scope);
    let eol = line_ending(doc.text);
    let closing = crate::engine::closing::find(doc, data, scope);
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
        message: data.message(MISSING, &[]),
        fix: Some(Fix::new(
            data.fix_text(MISSING, &[]),
            vec![edit],
            Applicability::Unsafe,
        )),
    }
}
