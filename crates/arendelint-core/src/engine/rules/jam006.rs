//! JAM006 `no-equality-goal-link`: a gender section that links the proposal to no
//! gender-equality goal (the organisation's goal names count).

use super::Context;
use super::RuleDef;
use crate::engine::sections::section_finding;
use crate::engine::{Budget, Finding};
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::MessageKey;
use crate::severity::Severity;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Jam006,
        "JAM006",
        "no-equality-goal-link",
        Some(Severity::Info),
        Level::Section,
    ),
    summary: [
        "Jämställdhetsavsnittet kopplar inte förslaget till något jämställdhetsmål.",
        "The gender section does not link the proposal to a gender-equality goal.",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/JAM006.md"),
        include_str!("../../../../../rules/explanations/en/JAM006.md"),
    ],
    messages: &[MESSAGE],
    check: Some(check),
};

/// `[JAM006]` in rules/messages.toml.
pub(crate) const MESSAGE: MessageKey = MessageKey("JAM006");

fn check(cx: &Context, budget: &mut Budget, out: &mut Vec<Finding>) {
    let data = cx.data;
    let is_gender = |w: &str| data.is_gender_word(w);
    section_finding(cx, budget, out, Rule::Jam006, MESSAGE, |words| {
        data.goal.find(words, &is_gender).is_none()
    });
}
