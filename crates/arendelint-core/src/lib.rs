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
//! use arendelint_core::{Config, Linter, SourceKind, LineIndex, ColumnUnit};
//!
//! let text = "# Ny simhall\n\n## Bakgrund\n\nSimhallen hade 4 500 besökare i fjol.\n";
//! let linter = Linter::new(&Config::default()).expect("the default configuration is valid");
//! let diagnostics = linter.lint(text, SourceKind::Markdown);
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

mod check;
mod config;
mod config_error;
mod diagnostic;
pub mod docs;
mod document;
pub mod docx;
mod engine;
mod fix;
#[cfg(feature = "std-fs")]
pub mod fs;
mod line_index;
pub mod pdf;
mod phrase;
mod registry;
mod ruledata;
mod source;
mod suppress_edit;

pub use check::{CheckError, Fixed, Input, Mode, Report};
pub use config::{
    parse_setting, Config, ConfigError, ConfigProblem, ExtraGroupWord, Lang, SuggestionClass,
};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use document::CaseInfo;
pub use engine::{document_info, AgendaReport, Linter, MAX_FINDINGS, MAX_RELATED};
pub use fix::{apply_edits, apply_fixes};
pub use line_index::{floor_char_boundary, ColumnUnit, LineCol, LineIndex};
pub use registry::{Level, Rule, RuleMeta, RULES};
pub use source::{bom_len, decode, decode_owned, InputError, SourceKind};
pub use suppress_edit::disable_next_line_edit;

/// Lints `text` with `config` in one call. Prefer [`Linter`] when checking many
/// documents: it compiles the rule data once.
pub fn lint_str(
    text: &str,
    kind: SourceKind,
    config: &Config,
) -> Result<Vec<Diagnostic>, ConfigError> {
    Ok(Linter::new(config)?.lint(text, kind))
}

/// The CLI checks files on several threads with one shared [`Linter`].
const _: () = {
    const fn shared_between_threads<T: Send + Sync>() {}
    shared_between_threads::<Linter>();
};
