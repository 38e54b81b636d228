//! One analysis of one document version: the core's findings and their LSP form.

use crate::document::Snapshot;
use crate::lsp_diagnostic::to_lsp;
use crate::position::Encoding;
use arendelint_core::{Input, Lang, Linter, SourceKind};
use std::panic::{catch_unwind, AssertUnwindSafe};
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
    let checked = guarded(|| {
        linter
            .check(&Input::text(text, req.kind))
            .map(|report| report.diagnostics)
    });
    match checked {
        Ok(Err(e)) => {
            // Text from the editor is never empty or binary in a way that matters:
            // show nothing rather than stale findings.
            analysis.problem = Some(format!("not analysed: {e}"));
        }
        Ok(Ok(diagnostics)) => {
            let index = &analysis.snapshot.index;
            analysis.findings = diagnostics
                .into_iter()
                .map(|core| Finding {
                    lsp: to_lsp(&core, text, index, lang, req.encoding, req.uri),
                    core,
                })
                .collect();
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
    use std::sync::Arc;

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
    fn large_and_disabled_documents_yield_no_findings() {
        let linter = Linter::new(&Config::default()).ok();
        let mut req = Request {
            uri: None,
            linter: linter.as_ref(),
            kind: SourceKind::Markdown,
            encoding: Encoding::Utf16,
            generation: 1,
            enabled: true,
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
