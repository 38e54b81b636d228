//! `--format human`: rustc/ruff-style findings with the source line underlined.
//!
//! ```text
//! arende.md:5:16: varning[JAM004] non-disaggregated-statistics: …
//!   |
//! 5 | Simhallen hade 4 500 besökare i fjol.
//!   |                ^^^^^^^^^^^^^^
//!   = hjälp: …
//! ```

use crate::report::{CheckedFile, Summary};
use crate::snippet::{self, Row};
use crate::texts::Texts;
use anstyle::{AnsiColor, Style};
use arendelint_core::{Diagnostic, Severity};
use std::fmt::Write;
use std::io;

/// How many related locations the human output lists by line and column.
const MAX_RELATED_SHOWN: usize = 10;

const BOLD: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const HELP: Style = AnsiColor::Cyan.on_default().bold();

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Cyan.on_default().bold(),
    }
}

/// The human format as an [`Emitter`](super::Emitter): each file's findings as
/// they come, the summary line last.
pub struct Human {
    texts: Texts,
    quiet: bool,
    /// Colour is off: no styles are written (rather than written and stripped).
    plain: bool,
    /// One finding's text, reused from finding to finding.
    buf: String,
}

impl Human {
    pub fn new(texts: Texts, quiet: bool, plain: bool) -> Human {
        Human {
            texts,
            quiet,
            plain,
            buf: String::new(),
        }
    }
}

impl super::Emitter for Human {
    fn begin(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn io::Write, file: &CheckedFile) -> io::Result<()> {
        for d in &file.diagnostics {
            self.buf.clear();
            diagnostic(&mut self.buf, file, d, self.texts, self.plain);
            out.write_all(self.buf.as_bytes())?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn io::Write, s: &Summary) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let texts = self.texts;
        let bold = if self.plain { Style::new() } else { BOLD };
        // Agenda mode: the cases are what the clerk counts.
        let line = if s.cases == s.files && s.empty_cases == 0 {
            texts.summary(s.errors, s.warnings, s.infos, s.files)
        } else {
            texts.totals_with_empty(
                s.cases,
                s.files,
                [s.errors, s.warnings, s.infos],
                s.empty_cases,
            )
        };
        writeln!(out, "{bold}{line}{bold:#}")
    }
}

fn diagnostic(out: &mut String, file: &CheckedFile, d: &Diagnostic, texts: Texts, plain: bool) {
    let at = file.position(d.span.start);
    let pick = |s: Style| if plain { Style::new() } else { s };
    let (bold, gut, help) = (pick(BOLD), pick(GUTTER), pick(HELP));
    let style = pick(severity_style(d.severity));
    let _ = writeln!(
        out,
        "{bold}{}:{}:{}:{bold:#} {style}{}[{}]{style:#} {}: {}",
        file.display,
        at.line,
        at.column,
        texts.severity(d.severity),
        d.rule.code(),
        d.rule.name(),
        d.message
    );
    let rows = snippet::rows(&file.text, &file.index, &d.span);
    let gutter = rows
        .iter()
        .filter_map(|r| match r {
            Row::Line { number, .. } => Some(number.to_string().len()),
            Row::Elided => None,
        })
        .max()
        .unwrap_or(1);
    let blank = " ".repeat(gutter);
    let _ = writeln!(out, "{blank} {gut}|{gut:#}");
    for row in rows {
        match row {
            Row::Line {
                number,
                source,
                underline: (before, width),
            } => {
                let _ = writeln!(out, "{gut}{number:>gutter$} |{gut:#} {source}");
                if width > 0 {
                    let carets = "^".repeat(width);
                    let pad = " ".repeat(before);
                    let _ = writeln!(out, "{blank} {gut}|{gut:#} {pad}{style}{carets}{style:#}");
                }
            }
            Row::Elided => {
                let _ = writeln!(out, "{gut}...{gut:#}");
            }
        }
    }
    if !d.related.is_empty() {
        // "and 2 more in this section: lines 7:3, 9:14"
        // The first few places; a long list would bury the finding.
        let mut places: Vec<String> = d
            .related
            .iter()
            .take(MAX_RELATED_SHOWN)
            .map(|span| {
                let p = file.position(span.start);
                format!("{}:{}", p.line, p.column)
            })
            .collect();
        if d.related.len() > MAX_RELATED_SHOWN {
            places.push("…".to_string());
        }
        let places = format!("{} {}", texts.line_word(places.len()), places.join(", "));
        let _ = writeln!(
            out,
            "{blank} {help}= {}:{help:#} {}",
            texts.note_label(),
            // At the cap the list is cut; the message has the full count.
            texts.related_note(
                d.related.len(),
                d.related.len() >= arendelint_core::rules::MAX_RELATED,
                &places
            )
        );
    }
    if let Some(case) = &d.case {
        let _ = writeln!(
            out,
            "{blank} {help}= {}:{help:#} {case}",
            texts.case_label()
        );
    }
    if let Some(fix) = &d.fix {
        let _ = writeln!(
            out,
            "{blank} {help}= {}:{help:#} {}",
            texts.help_label(),
            fix.description
        );
    }
    out.push('\n');
}
