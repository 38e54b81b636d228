//! ARL002 `too-many-findings`: the document has more span findings than the
//! cap ([`MAX_FINDINGS`](crate::engine::MAX_FINDINGS)); reported by the engine
//! after the checks.

use super::RuleDef;
use crate::registry::{Level, Rule, RuleMeta};
use crate::ruledata::MessageKey;
use crate::severity::Severity;

pub(crate) const RULE: RuleDef = RuleDef {
    meta: RuleMeta::new(
        Rule::Arl002,
        "ARL002",
        "too-many-findings",
        Some(Severity::Info),
        Level::Document,
    ),
    summary: [
        "Dokumentet har fler anmärkningar än som visas (högst 10 000 per dokument).",
        "The document has more findings than are shown (at most 10,000 per document).",
    ],
    explanation: [
        include_str!("../../../../../rules/explanations/sv/ARL002.md"),
        include_str!("../../../../../rules/explanations/en/ARL002.md"),
    ],
    messages: &[TOO_MANY],
    check: None,
};

/// `[ARL002]` in rules/messages.toml.
pub(crate) const TOO_MANY: MessageKey = MessageKey("ARL002");
