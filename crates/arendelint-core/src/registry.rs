//! The plain, ordered list of rules.

use crate::severity::Severity;
use std::fmt;

/// Every rule arendelint knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    Jam001,
    Jam002,
    Jam003,
    Jam004,
    Jam005,
    Jam006,
    Jam007,
    /// A suppression comment names a rule that does not exist.
    Arl001,
    /// The document has more findings than are reported (the cap per document).
    Arl002,
}

/// Where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Document,
    Section,
    Span,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Document => "document",
            Level::Section => "section",
            Level::Span => "span",
        }
    }
}

/// Static facts about a rule.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct RuleMeta {
    pub rule: Rule,
    pub code: &'static str,
    pub name: &'static str,
    /// `None` means off by default.
    pub default_severity: Option<Severity>,
    pub level: Level,
}

/// All rules, in the order they are listed to users.
pub const RULES: &[RuleMeta] = &[
    meta(
        Rule::Jam001,
        "JAM001",
        "missing-gender-section",
        Some(Severity::Error),
        Level::Document,
    ),
    meta(
        Rule::Jam002,
        "JAM002",
        "boilerplate-gender-section",
        Some(Severity::Warning),
        Level::Section,
    ),
    meta(
        Rule::Jam003,
        "JAM003",
        "ungendered-target-group",
        Some(Severity::Warning),
        Level::Span,
    ),
    meta(
        Rule::Jam004,
        "JAM004",
        "non-disaggregated-statistics",
        Some(Severity::Warning),
        Level::Span,
    ),
    meta(
        Rule::Jam005,
        "JAM005",
        "differences-without-measures",
        Some(Severity::Info),
        Level::Section,
    ),
    meta(
        Rule::Jam006,
        "JAM006",
        "no-equality-goal-link",
        Some(Severity::Info),
        Level::Section,
    ),
    meta(
        Rule::Jam007,
        "JAM007",
        "sex-without-other-factors",
        None,
        Level::Section,
    ),
    meta(
        Rule::Arl001,
        "ARL001",
        "unknown-rule-in-suppression",
        Some(Severity::Warning),
        Level::Span,
    ),
    meta(
        Rule::Arl002,
        "ARL002",
        "too-many-findings",
        Some(Severity::Info),
        Level::Document,
    ),
];

const fn meta(
    rule: Rule,
    code: &'static str,
    name: &'static str,
    default_severity: Option<Severity>,
    level: Level,
) -> RuleMeta {
    RuleMeta {
        rule,
        code,
        name,
        default_severity,
        level,
    }
}

impl Rule {
    pub fn meta(self) -> &'static RuleMeta {
        &RULES[self as usize]
    }

    /// The id users write: `JAM003`.
    pub fn code(self) -> &'static str {
        self.meta().code
    }

    /// The kebab-case name: `ungendered-target-group`.
    pub fn name(self) -> &'static str {
        self.meta().name
    }

    pub fn default_severity(self) -> Option<Severity> {
        self.meta().default_severity
    }

    pub fn level(self) -> Level {
        self.meta().level
    }

    /// Looks a rule up by id (`JAM003`, case-insensitive) or name.
    pub fn from_code(s: &str) -> Option<Rule> {
        RULES
            .iter()
            .find(|m| m.code.eq_ignore_ascii_case(s) || m.name == s)
            .map(|m| m.rule)
    }

    pub fn all() -> impl Iterator<Item = Rule> {
        RULES.iter().map(|m| m.rule)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_indexed_by_the_enum() {
        for (i, m) in RULES.iter().enumerate() {
            assert_eq!(m.rule as usize, i, "{} is out of order", m.code);
            assert_eq!(Rule::from_code(m.code), Some(m.rule));
            assert_eq!(Rule::from_code(&m.code.to_lowercase()), Some(m.rule));
            assert_eq!(Rule::from_code(m.name), Some(m.rule));
        }
        assert_eq!(Rule::from_code("JAM999"), None);
    }
}
