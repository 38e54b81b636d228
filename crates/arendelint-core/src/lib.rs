//! # arendelint-core
//!
//! The document model and rule engine of arendelint, which checks Swedish decision
//! documents (*ärenden*) for gender-equality integration (*jämställdhetsintegrering*):
//! a gender section, gendered target groups and statistics split by sex.
//!
//! The core parses a document once (Markdown or plain text) into sections, sentences,
//! words and tables, and runs the rules JAM001–JAM007 over that model. It does no I/O,
//! spawns no threads and never panics on input, so it also builds for
//! `wasm32-unknown-unknown` (with `default-features = false`). File helpers live in
//! [`fs`] behind the default `std-fs` feature.
//!
//! ```
//! use arendelint_core::text::{ColumnUnit, LineIndex};
//! use arendelint_core::{Config, Input, Linter, SourceKind};
//!
//! let text = "# Ny simhall\n\n## Bakgrund\n\nSimhallen hade 4 500 besökare i fjol.\n";
//! let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
//! let report = linter.check(&Input::text(text, SourceKind::Markdown)).expect("text is checked");
//! let diagnostics = report.diagnostics;
//! let codes: Vec<&str> = diagnostics.iter().map(|d| d.rule.code()).collect();
//! assert_eq!(codes, ["JAM001", "JAM004"]);
//!
//! // Spans are byte ranges; LineIndex converts them for people and editors.
//! let figure = &diagnostics[1];
//! assert_eq!(&text[figure.span.clone()], "4 500 besökare");
//! let index = LineIndex::new(text);
//! let pos = index.line_col(text, figure.span.start, ColumnUnit::Char);
//! assert_eq!((pos.line + 1, pos.col + 1), (5, 16));
//! ```

mod agenda_data;
mod builtin_regex;
mod check;
mod config;
mod config_error;
mod diagnostic;
#[cfg(test)]
mod docs;
mod document;
mod docx;
mod engine;
mod fix;
#[cfg(feature = "std-fs")]
pub mod fs;
mod incremental;
mod json;
mod lang;
mod line_index;
mod pdf;
mod phrase;
mod registry;
mod ruledata;
mod section_cut;
mod sectioned;
mod severity;
mod source;
mod suppress_edit;

pub use check::{Input, Mode, Report};
pub use config::Config;
pub use diagnostic::{Diagnostic, Severity};
pub use engine::Linter;
pub use lang::Lang;
pub use registry::Rule;
pub use source::SourceKind;

/// Why an input or a configuration could not be used.
pub mod error {
    pub use crate::check::CheckError;
    pub use crate::config_error::{ConfigError, ConfigProblem};
    pub use crate::docx::DocxError;
    pub use crate::pdf::PdfError;
    pub use crate::source::InputError;
}

/// Text positions (lines and columns in chars, UTF-16 or UTF-8 units),
/// reading bytes as text, and the edit that disables a rule on a line.
pub mod text {
    pub use crate::line_index::{floor_char_boundary, CharColumns, ColumnUnit, LineCol, LineIndex};
    #[cfg(feature = "std-fs")]
    pub use crate::source::decode_owned;
    pub use crate::source::{bom_len, decode};
    pub use crate::suppress_edit::disable_next_line_edit;
}

/// The rules: their facts, the caps on findings per document, reading a
/// rule's setting, and the organisation's additions to the rule data.
/// A rule's explanation, summary and documentation link are methods of [`Rule`].
pub mod rules {
    pub use crate::config::{parse_setting, ExtraGroupWord, SuggestionClass};
    pub use crate::engine::rules::{DOCS_BASE_URL, RULES};
    pub use crate::engine::{MAX_FINDINGS, MAX_RELATED};
    pub use crate::registry::{Level, RuleMeta};
}

/// The parts of a [`Report`]: its cases, the fixes and edits a [`Diagnostic`]
/// carries, applying one round of them, the result of [`Linter::fix`] (the
/// whole fix loop), the JSON objects of the report format, and the
/// [`Analysis`](report::Analysis) an editor keeps to check edits incrementally.
pub mod report {
    pub use crate::check::{case_of, Fixed};
    pub use crate::diagnostic::{Applicability, Edit, Fix};
    pub use crate::document::CaseInfo;
    pub use crate::fix::apply_fixes;
    pub use crate::incremental::Analysis;

    /// The report's JSON objects (docs/rules.md §4), shared by the CLI and the
    /// WebAssembly build.
    pub mod json {
        pub use crate::json::{
            JsonCase, JsonDiagnostic, JsonEdit, JsonFix, JsonLocation, JsonPositions, JsonSummary,
            PrettyFindings,
        };
    }
}

/// The CLI checks files on several threads with one shared [`Linter`].
const _: () = {
    const fn shared_between_threads<T: Send + Sync>() {}
    shared_between_threads::<Linter>();
};
