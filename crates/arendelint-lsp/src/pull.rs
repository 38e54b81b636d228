//! `textDocument/diagnostic` answered beside tower-lsp, with a reply
//! serialised here: a full report joins the findings' JSON made when each
//! finding was new (see [`crate::analysis`]), where tower-lsp would build a
//! `serde_json::Value` tree of every diagnostic on each request.

use crate::analysis::Analysis;
use crate::document::is_config_uri;
use crate::outbox::json_string;
use crate::shim::Direct;
use crate::state::Shared;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tower_lsp::jsonrpc::{Id, Request};
use tower_lsp::lsp_types::DocumentDiagnosticParams;

/// The `resultId` of a document's diagnostics and whether a client that has
/// `previous` may be answered "unchanged": the generation and the revision
/// that first gave these diagnostics, never the version (a reused version
/// number with other text must not be answered "unchanged", and an edit that
/// moves no finding must).
pub fn result_id(analysis: Option<&Analysis>, previous: Option<&str>) -> (Option<String>, bool) {
    let id = analysis.map(Analysis::result_id);
    let unchanged = id.is_some() && id.as_deref() == previous;
    (id, unchanged)
}

/// Takes the pull requests of open documents once the client has said it
/// pulls; everything else (configuration files, requests before
/// `initialize` or after `shutdown`, malformed parameters) goes to tower-lsp,
/// which answers as before.
pub struct Pull {
    pub shared: Arc<Shared>,
    pub shutdown: Arc<AtomicBool>,
}

impl Direct for Pull {
    fn take(&self, request: &Request) -> Option<BoxFuture<'static, Vec<u8>>> {
        if request.method() != "textDocument/diagnostic"
            || self.shutdown.load(Ordering::SeqCst)
            || !self.shared.lock().session.pull
        {
            return None;
        }
        let id = request.id()?.clone();
        let params: DocumentDiagnosticParams =
            serde_json::from_value(request.params()?.clone()).ok()?;
        let uri = params.text_document.uri;
        if is_config_uri(&uri) {
            return None;
        }
        let shared = self.shared.clone();
        Some(
            async move {
                let analysis = shared.analysis(&uri).await;
                report_body(
                    &id,
                    analysis.as_deref(),
                    params.previous_result_id.as_deref(),
                )
            }
            .boxed(),
        )
    }
}

/// The response: `{"jsonrpc":"2.0","result":{"kind":…,"resultId":…,"items":[…]},"id":…}`
/// (the field order of tower-lsp's responses, which the transport counts).
fn report_body(id: &Id, analysis: Option<&Analysis>, previous: Option<&str>) -> Vec<u8> {
    let (result_id, unchanged) = result_id(analysis, previous);
    let mut body = String::from(r#"{"jsonrpc":"2.0","result":{"kind":"#);
    body.push_str(if unchanged {
        r#""unchanged""#
    } else {
        r#""full""#
    });
    if let Some(result_id) = &result_id {
        body.push_str(r#","resultId":"#);
        body.push_str(&json_string(result_id));
    }
    let mut body = body.into_bytes();
    if !unchanged {
        let findings = analysis.map(|a| a.findings.as_slice()).unwrap_or_default();
        // One allocation for thousands of findings, not a doubling series.
        let items: usize = findings.iter().map(|f| f.json.len() + 1).sum();
        body.reserve(items + 64);
        body.extend_from_slice(br#","items":["#);
        for (i, finding) in findings.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            body.extend_from_slice(finding.json.as_bytes());
        }
        body.push(b']');
    }
    body.extend_from_slice(br#"},"id":"#);
    body.extend_from_slice(serde_json::to_string(id).unwrap_or_default().as_bytes());
    body.push(b'}');
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyse, Request as AnalysisRequest};
    use crate::document::Snapshot;
    use crate::position::Encoding;
    use arendelint_core::text::LineIndex;
    use arendelint_core::{Config, Linter, SourceKind};
    use serde_json::{json, Value};
    use tower_lsp::jsonrpc::Response;
    use tower_lsp::lsp_types::{
        DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
        RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
        UnchangedDocumentDiagnosticReport, Url,
    };

    fn analysis() -> Analysis {
        let text =
            "# Ärende\n\n## Bakgrund 😀\n\nPatienterna och eleverna väntar, 312 patienter.\n";
        let linter = Linter::new(&Config::default()).ok();
        let uri = Url::parse("file:///%C3%A4rende.md").ok();
        let snapshot = Snapshot {
            text: Arc::new(text.to_string()),
            index: Arc::new(LineIndex::new(text)),
            version: 3,
            revision: 5,
        };
        let request = AnalysisRequest {
            uri: uri.as_ref(),
            linter: linter.as_ref(),
            kind: SourceKind::Markdown,
            encoding: Encoding::Utf16,
            generation: 2,
            enabled: true,
            previous: None,
        };
        analyse(snapshot, &request)
    }

    fn parsed(body: &[u8]) -> Value {
        assert!(
            crate::transport::is_response(body),
            "{}",
            String::from_utf8_lossy(body)
        );
        serde_json::from_slice(body).unwrap_or_default()
    }

    #[test]
    fn replies_equal_what_tower_lsp_would_send() {
        let a = analysis();
        assert!(a.findings.len() >= 3, "{:?}", a.findings);
        let full = DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some("2.5".into()),
                    items: a.lsp_diagnostics(),
                },
            },
        ));
        let want = Response::from_ok(
            Id::Number(7),
            serde_json::to_value(full).unwrap_or_default(),
        );
        let want = serde_json::to_value(want).unwrap_or_default();
        assert_eq!(parsed(&report_body(&Id::Number(7), Some(&a), None)), want);
        assert_eq!(
            parsed(&report_body(&Id::Number(7), Some(&a), Some("2.4"))),
            want
        );

        let unchanged = DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id: "2.5".into(),
                },
            }),
        );
        let id = Id::String("p-1".into());
        let want = Response::from_ok(
            id.clone(),
            serde_json::to_value(unchanged).unwrap_or_default(),
        );
        let want = serde_json::to_value(want).unwrap_or_default();
        assert_eq!(parsed(&report_body(&id, Some(&a), Some("2.5"))), want);

        // A document that is not open: an empty full report without an id.
        assert_eq!(
            parsed(&report_body(&Id::Number(1), None, Some("2.5"))),
            json!({"jsonrpc": "2.0", "id": 1, "result": {"kind": "full", "items": []}})
        );
    }
}
