//! ARL001 `unknown-rule-in-suppression`: a suppression comment names a rule that does not
//! exist. Reported by the engine while it reads the suppressions
//! (`engine/suppression.rs`).

use super::RuleDef;
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::MessageKey;
use crate::severity::Severity;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Arl001,
        "ARL001",
        "unknown-rule-in-suppression",
        Some(Severity::Warning),
        Level::Span,
    ),
    summary: [
        "En avstängningskommentar nämner ett regel-id som inte finns.",
        "A suppression comment names a rule id that does not exist.",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/ARL001.md"),
        include_str!("../../../../../rules/explanations/en/ARL001.md"),
    ],
    messages: &[UNKNOWN_RULE],
    check: None,
};

/// `[ARL001]` in rules/messages.toml.
pub(crate) const UNKNOWN_RULE: MessageKey = MessageKey("ARL001");
