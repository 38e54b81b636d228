//! The `LanguageServer` handlers: thin, each delegating to [`Shared`].

use crate::actions::{self, Query};
use crate::document::{is_config_uri, Document};
use crate::hover;
use crate::outbox::Outbox;
use crate::position;
use crate::session::Session;
use crate::settings::Settings;
use crate::state::Shared;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

pub struct Backend {
    shared: Arc<Shared>,
    /// Set by `shutdown`; decides the exit code after `exit`.
    shutdown: Arc<AtomicBool>,
    /// Problems in `initializationOptions`, shown once the client is initialized.
    init_warnings: Mutex<Vec<String>>,
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>, outbox: Outbox) -> Backend {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let shared = Arc::new(Shared::new(client, tx, outbox));
        tokio::spawn(crate::publisher::run(shared.clone(), rx));
        Backend {
            shared,
            shutdown,
            init_warnings: Mutex::new(Vec::new()),
        }
    }

    /// The state the handlers share (also read by [`crate::pull`]).
    pub fn shared(&self) -> Arc<Shared> {
        self.shared.clone()
    }

    async fn show_warnings(&self, warnings: Vec<String>) {
        for warning in warnings {
            self.shared
                .client
                .show_message(MessageType::WARNING, format!("arendelint: {warning}"))
                .await;
        }
    }

    async fn pull_settings(&self) -> Option<Value> {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("arendelint".to_string()),
        };
        let values = self.shared.client.configuration(vec![item]).await.ok()?;
        values.into_iter().next().filter(|v| !is_empty(v))
    }
}

fn is_empty(value: &Value) -> bool {
    value.is_null() || value.as_object().is_some_and(|o| o.is_empty())
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let session = Session::new(&params.capabilities);
        let (settings, warnings) = params
            .initialization_options
            .as_ref()
            .map(Settings::from_json)
            .unwrap_or_default();
        {
            let mut st = self.shared.lock();
            st.session = session;
            st.settings = settings;
        }
        if let Ok(mut pending) = self.init_warnings.lock() {
            *pending = warnings;
        }
        Ok(InitializeResult {
            capabilities: session.server_capabilities(),
            server_info: Some(ServerInfo {
                name: "arendelint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let session = self.shared.lock().session;
        let warnings = self
            .init_warnings
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default();
        self.show_warnings(warnings).await;
        let mode = if session.pull { "pull" } else { "push" };
        let encoding = session.encoding.kind();
        self.shared
            .client
            .log_message(
                MessageType::INFO,
                format!(
                    "arendelint {} ready: {mode} diagnostics, {} positions",
                    env!("CARGO_PKG_VERSION"),
                    encoding.as_str()
                ),
            )
            .await;
        if session.watch_files {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!(
                        "**/{}",
                        arendelint_core::fs::CONFIG_FILE
                    )),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "arendelint-config-watcher".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            // Registration waits for the client's answer; do not hold up other messages.
            let client = self.shared.client.clone();
            tokio::spawn(async move {
                let _ = client.register_capability(vec![registration]).await;
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let doc = Document::new(&item.uri, &item.language_id, item.text, item.version);
        self.shared.lock().docs.insert(item.uri.clone(), doc);
        self.shared.schedule(&item.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        // Applied before any await, so changes are applied in arrival order.
        let applied = {
            let mut st = self.shared.lock();
            let encoding = st.session.encoding;
            match st.docs.get_mut(&uri) {
                Some(doc) => {
                    doc.apply(
                        params.content_changes,
                        params.text_document.version,
                        encoding,
                    );
                    true
                }
                None => false,
            }
        };
        if applied {
            self.shared.schedule(&uri);
        } else {
            self.shared
                .client
                .log_message(
                    MessageType::WARNING,
                    format!("arendelint: change to a document that is not open: {uri}"),
                )
                .await;
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if is_config_uri(&uri) {
            self.shared.config_changed().await;
        } else {
            self.shared.schedule(&uri);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut st = self.shared.lock();
            st.docs.remove(&uri);
            st.analyses.remove(&uri);
        }
        self.shared.schedule(&uri);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config_uri(&c.uri)) {
            self.shared.config_changed().await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let value = if is_empty(&params.settings) {
            // Nothing sent: ask for the `arendelint` section, or keep what we have.
            if !self.shared.lock().session.configuration {
                return;
            }
            match self.pull_settings().await {
                Some(value) => value,
                None => return,
            }
        } else {
            params.settings
        };
        let (settings, warnings) = Settings::from_json(&value);
        self.show_warnings(warnings).await;
        self.shared.settings_changed(settings).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let analysis = match is_config_uri(&uri) {
            true => None,
            false => self.shared.analysis(&uri).await,
        };
        let (result_id, unchanged) =
            crate::pull::result_id(analysis.as_deref(), params.previous_result_id.as_deref());
        let items = match (&analysis, unchanged) {
            (_, true) => Vec::new(),
            (Some(a), false) => a.lsp_diagnostics(),
            (None, false) if is_config_uri(&uri) => self.shared.config_diagnostics(&uri),
            (None, false) => Vec::new(),
        };
        let report = match (&result_id, &params.previous_result_id) {
            (Some(id), Some(previous)) if id == previous => {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: id.clone(),
                    },
                })
            }
            _ => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
            }),
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(analysis) = self.shared.analysis(&uri).await else {
            return Ok(None);
        };
        let session = self.shared.lock().session;
        let query = Query {
            uri: &uri,
            range: params.range,
            only: params.context.only.as_deref(),
            encoding: session.encoding,
            document_changes: session.document_changes,
        };
        Ok(Some(actions::code_actions(&analysis, &query)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(analysis) = self.shared.analysis(&p.text_document.uri).await else {
            return Ok(None);
        };
        // Clamp a position past the end of its line, as edits are clamped.
        let snap = &analysis.snapshot;
        let encoding = self.shared.lock().session.encoding;
        let offset = position::offset(&snap.text, &snap.index, p.position, encoding);
        let pos = position::position(&snap.text, &snap.index, offset, encoding);
        Ok(hover::hover(&analysis, pos))
    }
}
