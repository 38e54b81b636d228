//! The end-to-end tests of the `arendelint` binary, in one test binary (one
//! link instead of one per file): `cargo test --test it`, or
//! `cargo test --test it cli_fix::` for one module. Shared helpers are modules
//! here too: `cli_support` (a workspace and runs of the real binary) and the
//! core's fixture generators `docx_support` and `pdf_support`.
#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../../crates/arendelint-core/tests/docx_support/mod.rs"]
mod docx_support;
#[path = "../../crates/arendelint-core/tests/pdf_support/mod.rs"]
mod pdf_support;

mod architecture;
mod cli_baseline;
mod cli_commands;
mod cli_config;
mod cli_fix;
mod cli_formats;
mod cli_inputs;
mod cli_limits;
mod cli_output;
mod cli_pdf;
mod cli_reports;
mod cli_streaming;
mod corpus_sample;
mod docs_links;
mod lsp;
