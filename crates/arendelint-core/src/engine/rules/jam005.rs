//! JAM005 `differences-without-measures`: a gender section that reports differences
//! between the sexes but no measures.

use super::Context;
use super::RuleDef;
use crate::engine::sections::section_finding;
use crate::engine::{Budget, Finding};
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::MessageKey;
use crate::severity::Severity;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Jam005,
        "JAM005",
        "differences-without-measures",
        Some(Severity::Info),
        Level::Section,
    ),
    summary: [
        "Jämställdhetsavsnittet redovisar skillnader mellan könen men inga åtgärder.",
        "The gender section reports differences between the sexes but no measures.",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/JAM005.md"),
        include_str!("../../../../../rules/explanations/en/JAM005.md"),
    ],
    messages: &[MESSAGE],
    check: Some(check),
};

/// `[JAM005]` in rules/messages.toml.
pub(crate) const MESSAGE: MessageKey = MessageKey("JAM005");

fn check(cx: &Context, budget: &mut Budget, out: &mut Vec<Finding>) {
    let data = cx.data;
    let is_gender = |w: &str| data.is_gender_word(w);
    section_finding(cx, budget, out, Rule::Jam005, MESSAGE, |words| {
        data.difference.find(words, &is_gender).is_some()
            && data.measure.find(words, &is_gender).is_none()
    });
}
