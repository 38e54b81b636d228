//! One analysis of one document version: the core's findings and their LSP form.

use crate::document::Snapshot;
use crate::lsp_diagnostic::to_lsp;
use crate::position::Encoding;
use arendelint_core::{Lang, Linter, SourceKind};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use tower_lsp::lsp_types::{Diagnostic as LspDiagnostic, Url};

/// Documents above this size are not analysed (the server logs why). A case is
/// a few tens of KB; a 5 MB "document" is an export or a log, and analysing it
/// on every keystroke would only make the editor lag.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

/// A finding in both forms: the core's (for fixes and hover) and the client's.
#[derive(Debug, Clone)]
pub struct Finding {
    pub core: arendelint_core::Diagnostic,
    pub lsp: LspDiagnostic,
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub snapshot: Snapshot,
    /// The configuration generation this analysis was made under.
    pub generation: u64,
    pub kind: SourceKind,
    pub lang: Lang,
    pub findings: Vec<Finding>,
    /// The linter that made the findings, for fix-all (the core's fix loop).
    pub linter: Option<Linter>,
    /// Why the document was not (fully) analysed, for `window/logMessage`.
    pub problem: Option<String>,
    /// The core's analysis, from which the next version is checked
    /// incrementally (only the section an edit touches).
    pub core: Option<Arc<arendelint_core::report::Analysis>>,
}

impl Analysis {
    pub fn version(&self) -> i32 {
        self.snapshot.version
    }

    pub fn lsp_diagnostics(&self) -> Vec<LspDiagnostic> {
        self.findings.iter().map(|f| f.lsp.clone()).collect()
    }
}

/// What an analysis needs besides the text.
pub struct Request<'a> {
    /// The document, for the related locations of a finding.
    pub uri: Option<&'a Url>,
    pub linter: Option<&'a Linter>,
    pub kind: SourceKind,
    pub encoding: Encoding,
    pub generation: u64,
    pub enabled: bool,
    /// The analysis of an earlier version made under the same configuration
    /// generation and kind: only what changed since is checked again.
    pub previous: Option<Arc<arendelint_core::report::Analysis>>,
}

/// The bytes of `old` that were replaced to give `new`: the range between
/// their common prefix and common suffix (at character boundaries). The core
/// checks that the range fits both texts, so any consistent range is safe.
pub fn changed_range(old: &str, new: &str) -> std::ops::Range<usize> {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    while !old.is_char_boundary(a.len() - suffix) || !new.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    prefix..a.len() - suffix
}

/// Lints a snapshot. Never panics: a panic in the rule engine becomes a
/// `problem` and an empty result, so one bad document cannot kill the server.
pub fn analyse(snapshot: Snapshot, req: &Request<'_>) -> Analysis {
    let lang = req.linter.map_or(Lang::default(), |l| l.config().lang);
    let mut analysis = Analysis {
        snapshot,
        generation: req.generation,
        kind: req.kind,
        lang,
        findings: Vec::new(),
        linter: None,
        problem: None,
        core: None,
    };
    let Some(linter) = req.linter.filter(|_| req.enabled) else {
        return analysis;
    };
    let text = analysis.snapshot.text.as_str();
    if text.len() > MAX_DOCUMENT_BYTES {
        // A stable message: it is logged once, not on every keystroke.
        analysis.problem = Some(format!(
            "not analysed: the document is larger than {} MiB",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
        return analysis;
    }
    analysis.linter = Some(linter.clone());
    let checked = guarded(|| match req.previous.as_deref() {
        Some(previous) if previous.kind() == req.kind => {
            let changed = changed_range(previous.text(), text);
            linter.check_incremental(previous, text, changed)
        }
        _ => linter.analyse(text, req.kind),
    });
    match checked {
        Ok(Err(e)) => {
            // Text from the editor is never empty or binary in a way that matters:
            // show nothing rather than stale findings.
            analysis.problem = Some(format!("not analysed: {e}"));
        }
        Ok(Ok(core)) => {
            let index = &analysis.snapshot.index;
            analysis.findings = core
                .diagnostics
                .iter()
                .cloned()
                .map(|core| Finding {
                    lsp: to_lsp(&core, text, index, lang, req.encoding, req.uri),
                    core,
                })
                .collect();
            analysis.core = Some(Arc::new(core));
        }
        Err(message) => {
            analysis.problem = Some(format!(
                "analysis failed (this is a bug in arendelint): {message}"
            ));
        }
    }
    analysis
}

/// Runs `f`, turning a panic into its message.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic without a message".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use arendelint_core::text::LineIndex;
    use arendelint_core::Config;

    fn snapshot(text: &str) -> Snapshot {
        Snapshot {
            text: Arc::new(text.to_string()),
            index: Arc::new(LineIndex::new(text)),
            version: 7,
            revision: 1,
        }
    }

    #[test]
    fn a_panic_becomes_a_message() {
        let r: Result<(), String> = guarded(|| panic!("regel {} föll", 3));
        assert_eq!(r, Err("regel 3 föll".to_string()));
        assert_eq!(guarded(|| 5), Ok(5));
    }

    #[test]
    fn the_changed_range_lies_between_the_common_prefix_and_suffix() {
        assert_eq!(changed_range("abcdef", "abXYef"), 2..4);
        assert_eq!(changed_range("abc", "abxc"), 2..2);
        assert_eq!(changed_range("aaa", "aaaa"), 3..3);
        assert_eq!(changed_range("abxc", "abc"), 2..3);
        assert_eq!(changed_range("same", "same"), 4..4);
        // Never inside a character: "ä" and "ö" share their first byte.
        assert_eq!(changed_range("aäb", "aöb"), 1..3);
    }

    #[test]
    fn an_edit_is_checked_from_the_previous_analysis() {
        let linter = Linter::new(&Config::default()).ok();
        let text = "# Ärende\n\n## Bakgrund\n\nPatienterna väntar.\n\n## Förslag\n\nInget.\n";
        let mut req = Request {
            uri: None,
            linter: linter.as_ref(),
            kind: SourceKind::Markdown,
            encoding: Encoding::Utf16,
            generation: 1,
            enabled: true,
            previous: None,
        };
        let first = analyse(snapshot(text), &req);
        req.previous = first.core.clone();
        let edited = text.replace("väntar.", "väntar länge.");
        let second = analyse(snapshot(&edited), &req);
        let core = second.core.as_deref().map(|c| c.was_incremental());
        assert_eq!(core, Some(true));
        let full = linter
            .as_ref()
            .map(|l| l.check(&arendelint_core::Input::text(&edited, SourceKind::Markdown)));
        let full: Vec<_> = full
            .into_iter()
            .flatten()
            .flat_map(|r| r.diagnostics)
            .collect();
        let got: Vec<_> = second.findings.iter().map(|f| f.core.clone()).collect();
        assert_eq!(got, full);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn large_and_disabled_documents_yield_no_findings() {
        let linter = Linter::new(&Config::default()).ok();
        let mut req = Request {
            uri: None,
            linter: linter.as_ref(),
            kind: SourceKind::Markdown,
            encoding: Encoding::Utf16,
            generation: 1,
            enabled: true,
            previous: None,
        };
        let big = "a".repeat(MAX_DOCUMENT_BYTES + 1);
        let a = analyse(snapshot(&big), &req);
        assert!(a.findings.is_empty());
        assert!(a
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("not analysed")));
        req.enabled = false;
        let a = analyse(snapshot("Alla patienter."), &req);
        assert!(a.findings.is_empty() && a.problem.is_none());
        assert_eq!(a.version(), 7);
    }
}
