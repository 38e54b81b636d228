//! The core's integration tests, in one test binary: `cargo test -p
//! arendelint-core --test it`, or `… --test it jam003::` for one module. Shared
//! helpers: `common` (lint a snippet, describe findings), `docx_support` and
//! `pdf_support` (Word and PDF fixtures generated from readable descriptions).
//! Each rule's fixture files and snapshots are in `tests/fixtures/<ID>/`.
#[path = "../common/mod.rs"]
mod common;
#[path = "../docx_support/mod.rs"]
mod docx_support;
#[path = "../pdf_support/mod.rs"]
mod pdf_support;

mod agenda;
mod docx;
mod fix;
mod incremental;
mod jam003;
mod jam004;
mod limits;
mod pdf;
mod plaintext;
mod robustness;
mod rule_fixtures;
mod sections;
mod suppression;
