//! Configuration: `Config::from_toml_str` never panics; a configuration that
//! parses builds a `Linter` or returns an error, and that linter keeps its
//! spans valid on a sample case.
#![no_main]

use arendelint_core::{Config, Linter, SourceKind};
use arendelint_fuzz::{check_diagnostics, lint};
use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = "# Ny simhall\n\n## Bakgrund\n\nSimhallen hade 4 500 besökare i fjol. \
Kunderna och de anhöriga, patienterna och eleverna. Trygghet: alla invånare.\n\n\
## Likabehandling\n\nJämställd kommun 2030.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = Config::from_toml_str(text, "fuzz.toml") else {
        return;
    };
    let Ok(linter) = Linter::new(&config) else {
        return;
    };
    for kind in [SourceKind::Markdown, SourceKind::PlainText] {
        let diags = lint(&linter, SAMPLE, kind);
        check_diagnostics(SAMPLE, &diags);
    }
});
