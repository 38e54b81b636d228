//! The server's shared state and the logic the handlers share: cached,
//! versioned analyses, publishing, configuration changes.

use crate::analysis::{analyse, Analysis, Request};
use crate::config_store::{ConfigReport, ConfigStore};
use crate::document::{is_config_uri, Document};
use crate::lsp_diagnostic;
use crate::outbox::Outbox;
use crate::session::Session;
use crate::settings::Settings;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp::lsp_types::{Diagnostic, MessageType, Url};
use tower_lsp::Client;

#[derive(Debug, Default)]
pub struct State {
    pub docs: HashMap<Url, Document>,
    pub analyses: HashMap<Url, Arc<Analysis>>,
    pub configs: ConfigStore,
    pub settings: Settings,
    /// Bumped whenever configuration or settings change: analyses made under an
    /// older generation are stale even if the text is not.
    pub generation: u64,
    pub session: Session,
    /// The (revision, generation) last pushed per document, so a document
    /// queued twice for the same text is not pushed twice.
    pub pushed: HashMap<Url, (u64, u64)>,
}

pub struct Shared {
    pub client: Client,
    /// Where diagnostics are pushed (serialised here, not by tower-lsp).
    outbox: Outbox,
    state: Mutex<State>,
    /// Documents whose diagnostics must be pushed; drained by [`crate::publisher`].
    queue: UnboundedSender<Url>,
}

impl Shared {
    pub fn new(client: Client, queue: UnboundedSender<Url>, outbox: Outbox) -> Shared {
        Shared {
            client,
            outbox,
            state: Mutex::new(State::default()),
            queue,
        }
    }

    /// The state, also after a panic elsewhere poisoned the lock: the data is a
    /// cache of the client's documents and stays usable.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues a push of `uri`'s diagnostics (no-op when the client pulls).
    pub fn schedule(&self, uri: &Url) {
        if !self.lock().session.pull {
            let _ = self.queue.send(uri.clone());
        }
    }

    /// The analysis of the document's current version, from the cache or made now.
    /// `None` for documents that are not open or not checked.
    pub async fn analysis(&self, uri: &Url) -> Option<Arc<Analysis>> {
        let (snapshot, kind, linter, generation, enabled, encoding, previous) = {
            let mut st = self.lock();
            let doc = st.docs.get(uri)?;
            let kind = doc.kind?;
            let snapshot = doc.snapshot.clone();
            let mut previous = None;
            if let Some(a) = st.analyses.get(uri) {
                if a.snapshot.same(&snapshot) && a.generation == st.generation {
                    return Some(a.clone());
                }
                if a.generation == st.generation && a.kind == kind {
                    previous = Some(a.clone());
                }
            }
            let settings = st.settings.clone();
            let linter = st.configs.linter(file_path(uri).as_deref(), &settings);
            (
                snapshot,
                kind,
                linter,
                st.generation,
                settings.enable,
                st.session.encoding,
                previous,
            )
        };
        self.flush_config_reports().await;
        // Off the async workers: a large document must not stall message handling.
        let uri_owned = uri.clone();
        let analysis = tokio::task::spawn_blocking(move || {
            let req = Request {
                uri: Some(&uri_owned),
                linter: linter.as_deref(),
                kind,
                encoding,
                generation,
                enabled,
                previous,
            };
            analyse(snapshot, &req)
        })
        .await
        .ok()?;
        let analysis = Arc::new(analysis);
        let (previous_problem, replaced) = {
            let mut st = self.lock();
            let current = st.generation == generation
                && st
                    .docs
                    .get(uri)
                    .is_some_and(|d| d.snapshot.same(&analysis.snapshot));
            if !current {
                return Some(analysis);
            }
            let replaced = st.analyses.insert(uri.clone(), analysis.clone());
            (
                replaced.as_ref().and_then(|old| old.problem.clone()),
                replaced,
            )
        };
        // The replaced analysis (a document model and thousands of findings
        // for a large case) is freed on the blocking pool, not before this
        // version's diagnostics are sent.
        if let Some(replaced) = replaced {
            tokio::task::spawn_blocking(move || drop(replaced));
        }
        if let Some(problem) = analysis
            .problem
            .as_ref()
            .filter(|p| previous_problem.as_ref() != Some(*p))
        {
            self.client
                .log_message(
                    MessageType::WARNING,
                    format!("arendelint: {uri}: {problem}"),
                )
                .await;
        }
        Some(analysis)
    }

    /// Pushes the diagnostics of `uri`'s current version, unless a newer version
    /// arrived meanwhile (its own push is queued). A closed document is cleared.
    pub async fn publish(&self, uri: &Url) {
        let open = self.lock().docs.get(uri).map(|d| d.kind.is_some());
        match open {
            None if !is_config_uri(uri) => {
                self.lock().pushed.remove(uri);
                self.outbox.publish_lsp(uri, &[], None);
            }
            Some(true) => {
                let Some(analysis) = self.analysis(uri).await else {
                    return;
                };
                let fresh = {
                    let mut st = self.lock();
                    let key = (analysis.snapshot.revision, analysis.generation);
                    let current = st
                        .docs
                        .get(uri)
                        .is_some_and(|d| d.snapshot.same(&analysis.snapshot))
                        && st.generation == key.1;
                    current && st.pushed.insert(uri.clone(), key) != Some(key)
                };
                if fresh {
                    let diagnostics = analysis.findings.iter().map(|f| &*f.json);
                    self.outbox
                        .publish(uri, diagnostics, Some(analysis.version()));
                }
            }
            _ => {}
        }
    }

    /// Re-reads every configuration file and re-checks the open documents.
    pub async fn config_changed(self: &Arc<Self>) {
        let (uris, session) = {
            let mut st = self.lock();
            st.configs.reload();
            st.generation += 1;
            (st.docs.keys().cloned().collect::<Vec<_>>(), st.session)
        };
        self.documents_changed(uris, session).await;
    }

    /// New client settings: re-check the open documents under them.
    pub async fn settings_changed(self: &Arc<Self>, settings: Settings) {
        let (uris, session) = {
            let mut st = self.lock();
            st.settings = settings;
            st.configs.settings_changed();
            st.generation += 1;
            (st.docs.keys().cloned().collect::<Vec<_>>(), st.session)
        };
        self.documents_changed(uris, session).await;
    }

    async fn documents_changed(self: &Arc<Self>, uris: Vec<Url>, session: Session) {
        if !session.pull {
            for uri in &uris {
                self.schedule(uri);
            }
            return;
        }
        // Pull clients: analyse now so that a broken config is reported, then
        // ask the client to pull again (without blocking this handler on its answer).
        for uri in &uris {
            self.analysis(uri).await;
        }
        self.flush_config_reports().await;
        if session.refresh {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }

    /// Shows configuration files that broke or were fixed since the last call.
    pub async fn flush_config_reports(&self) {
        let (reports, encoding, lang) = {
            let mut st = self.lock();
            let lang = st.settings.lang.unwrap_or_default();
            (st.configs.take_reports(), st.session.encoding, lang)
        };
        for report in reports {
            match report {
                ConfigReport::Broken(path, error) => {
                    let message = match lang {
                        arendelint_core::Lang::Sv => format!(
                            "arendelint: {}: {} (standardinställningarna gäller tills filen är rättad)",
                            error.location(),
                            error.message(lang)
                        ),
                        arendelint_core::Lang::En => format!(
                            "arendelint: {}: {} (using the default configuration until it is fixed)",
                            error.location(),
                            error.message(lang)
                        ),
                    };
                    self.client.show_message(MessageType::ERROR, message).await;
                    if let Ok(uri) = Url::from_file_path(&path) {
                        let text = config_text(&path);
                        let diagnostic =
                            lsp_diagnostic::config_error(&text, &error, encoding, lang);
                        self.outbox.publish_lsp(&uri, &[diagnostic], None);
                    }
                }
                ConfigReport::Fixed(path) => {
                    self.client
                        .log_message(
                            MessageType::INFO,
                            format!("arendelint: {} is valid again", path.display()),
                        )
                        .await;
                    if let Ok(uri) = Url::from_file_path(&path) {
                        self.outbox.publish_lsp(&uri, &[], None);
                    }
                }
            }
        }
    }

    /// The diagnostics of a configuration file (for pull clients).
    pub fn config_diagnostics(&self, uri: &Url) -> Vec<Diagnostic> {
        let Some(path) = file_path(uri) else {
            return Vec::new();
        };
        let st = self.lock();
        let Some(error) = st.configs.error_for(&path) else {
            return Vec::new();
        };
        let text = config_text(&path);
        vec![lsp_diagnostic::config_error(
            &text,
            error,
            st.session.encoding,
            st.settings.lang.unwrap_or_default(),
        )]
    }
}

/// A configuration file's text for positions, read with the same bound as the
/// configuration itself (a FIFO or a huge file gives an empty text).
fn config_text(path: &std::path::Path) -> String {
    arendelint_core::fs::read_bytes(path, arendelint_core::fs::MAX_CONFIG_BYTES)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// The file behind a `file:` URI; other schemes (untitled, …) have none.
pub fn file_path(uri: &Url) -> Option<PathBuf> {
    (uri.scheme() == "file")
        .then(|| uri.to_file_path().ok())
        .flatten()
}
