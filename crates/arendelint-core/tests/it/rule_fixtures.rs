//! Each rule's fixtures: every file in `tests/fixtures/<ID>/` is checked with
//! only that rule on, and its findings (positions, spanned text, message,
//! related locations, fix) are compared with the snapshot beside it in
//! `tests/fixtures/<ID>/snapshots/` (`cargo insta review` after a change).

use arendelint_core::rules::RULES;
use arendelint_core::text::{ColumnUnit, LineIndex};
use arendelint_core::{Config, Diagnostic, Input, Linter, Rule, Severity, SourceKind};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A configuration with only `rule` on (at its default severity, or warning
/// for a rule that is off by default).
fn only(rule: Rule) -> Config {
    let mut config = Config::default();
    for other in Rule::all() {
        config.set_severity(other, None);
    }
    config.set_severity(
        rule,
        Some(rule.default_severity().unwrap_or(Severity::Warning)),
    );
    config
}

/// `line:col` (1-based, in characters) of a byte offset.
fn at(index: &LineIndex, text: &str, offset: usize) -> String {
    let p = index.line_col(text, offset, ColumnUnit::Char);
    format!("{}:{}", p.line + 1, p.col + 1)
}

fn span(index: &LineIndex, text: &str, range: &std::ops::Range<usize>) -> String {
    format!(
        "{}-{} {:?}",
        at(index, text, range.start),
        at(index, text, range.end),
        &text[range.clone()]
    )
}

fn describe(text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    if diagnostics.is_empty() {
        out.push_str("(no findings)\n");
    }
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{} {} {}",
            d.rule.code(),
            d.severity.as_str(),
            span(&index, text, &d.span)
        );
        let _ = writeln!(out, "  message: {}", d.message);
        for r in &d.related {
            let _ = writeln!(out, "  related: {}", span(&index, text, r));
        }
        if let Some(fix) = &d.fix {
            let _ = writeln!(out, "  fix ({:?}): {}", fix.applicability, fix.description);
            for e in &fix.edits {
                let _ = writeln!(
                    out,
                    "    {} -> {:?}",
                    span(&index, text, &e.range),
                    e.replacement
                );
            }
        }
    }
    out
}

#[test]
fn every_rule_with_a_check_has_fixtures() {
    for meta in RULES {
        // ARL002 needs more than 10 000 findings: tested in limits.rs.
        if meta.rule == Rule::Arl002 {
            continue;
        }
        let dir = fixtures().join(meta.code);
        let files = std::fs::read_dir(&dir)
            .map(|d| d.flatten().filter(|e| e.path().is_file()).count())
            .unwrap_or(0);
        assert!(files > 0, "no fixtures in {}", dir.display());
    }
}

#[test]
fn rule_fixtures_match_their_snapshots() {
    let mut checked = 0;
    for meta in RULES {
        let dir = fixtures().join(meta.code);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        let linter = Linter::new(&only(meta.rule)).expect("valid config");
        for file in files {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let kind = SourceKind::from_path(&name).expect("a Markdown or text fixture");
            let text = std::fs::read_to_string(&file).expect("a UTF-8 fixture");
            let report = linter
                .check(&Input::text(&text, kind))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(dir.join("snapshots"));
            settings.set_prepend_module_to_snapshot(false);
            settings.set_input_file(&file);
            settings.bind(|| {
                insta::assert_snapshot!(name.clone(), describe(&text, &report.diagnostics));
            });
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} fixtures");
}
