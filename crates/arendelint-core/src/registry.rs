//! The ids of the rules and the shape of their facts. The facts themselves
//! (and `Rule`'s methods) are declared by each rule's unit in `engine/rules/`.

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

impl RuleMeta {
    pub(crate) const fn new(
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
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
