//! JAM007 `sex-without-other-factors`: a gender section that analyses sex without other
//! background factors (kön+). Off by default.

use super::Context;
use super::RuleDef;
use crate::engine::sections::section_finding;
use crate::engine::{Budget, Finding};
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::MessageKey;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Jam007,
        "JAM007",
        "sex-without-other-factors",
        None,
        Level::Section,
    ),
    summary: [
        "Jämställdhetsavsnittet analyserar kön utan andra bakgrundsfaktorer (kön+).",
        "The gender section analyses sex without other background factors (kön+).",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/JAM007.md"),
        include_str!("../../../../../rules/explanations/en/JAM007.md"),
    ],
    messages: &[MESSAGE],
    check: Some(check),
};

/// `[JAM007]` in rules/messages.toml.
pub(crate) const MESSAGE: MessageKey = MessageKey("JAM007");

fn check(cx: &Context, budget: &mut Budget, out: &mut Vec<Finding>) {
    let data = cx.data;
    let is_gender = |w: &str| data.is_gender_word(w);
    section_finding(cx, budget, out, Rule::Jam007, MESSAGE, |words| {
        data.factor.find(words, &is_gender).is_none()
    });
}
