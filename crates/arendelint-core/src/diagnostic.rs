//! What a rule reports: a [`Diagnostic`] with a byte span and an optional [`Fix`].

use crate::registry::Rule;
use std::ops::Range;

pub use crate::severity::Severity;

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Keeps the meaning and yields text that no longer triggers the rule: `--fix` applies it.
    Safe,
    /// Inserts text the author must complete or review (e.g. a section skeleton):
    /// offered as a quick fix in the editor, never applied by `--fix`.
    Unsafe,
}

/// One replacement of a byte range of the source text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Edit {
    /// Byte range in the text as given to the linter (BOM included when present).
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            range: at..at,
            replacement: text.into(),
        }
    }

    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit {
            range,
            replacement: text.into(),
        }
    }
}

/// A suggested change: non-overlapping edits, sorted by position, on char boundaries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Fix {
    /// What the fix does, in the configured language.
    pub description: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    /// What is missing and how to fix it, in the configured language.
    pub message: String,
    /// Byte range in the text as given to the linter. Document-level findings
    /// (JAM001) have an empty range at the start of the text.
    pub span: Range<usize>,
    pub fix: Option<Fix>,
    /// The case title in agenda mode, else `None`.
    pub case: Option<String>,
    /// Later mentions of the same problem, in order: for JAM003, the group's
    /// other ungendered mentions in the same section (contract §6.17). Fixing the
    /// finding settles them too.
    pub related: Vec<Range<usize>>,
}

impl Fix {
    pub fn new(
        description: impl Into<String>,
        edits: Vec<Edit>,
        applicability: Applicability,
    ) -> Fix {
        Fix {
            description: description.into(),
            edits,
            applicability,
        }
    }
}

impl Diagnostic {
    /// A finding without fix, case or related locations.
    pub fn new(
        rule: Rule,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            span,
            fix: None,
            case: None,
            related: Vec::new(),
        }
    }
}
