//! Diagnostics written straight into the output queue, already serialised.
//!
//! tower-lsp's `Client::publish_diagnostics` turns its parameters into a
//! `serde_json::Value` tree and then into text: for a case with thousands of
//! findings that was most of a keystroke's cost. Each finding's JSON is made
//! once, when the finding is new (see [`crate::analysis`]), and a push only
//! joins those fragments.

use std::fmt::Write as _;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp::lsp_types::{Diagnostic, Url};

/// The server's side of the queue that [`crate::transport::to_client`] drains.
#[derive(Debug, Clone)]
pub struct Outbox {
    queue: UnboundedSender<Vec<u8>>,
}

impl Outbox {
    pub fn new(queue: UnboundedSender<Vec<u8>>) -> Outbox {
        Outbox { queue }
    }

    /// Sends `textDocument/publishDiagnostics` with diagnostics given as their
    /// JSON text. A closed output (the client is gone) is not an error here.
    pub fn publish<'a>(
        &self,
        uri: &Url,
        diagnostics: impl IntoIterator<Item = &'a str>,
        version: Option<i32>,
    ) {
        let _ = self.queue.send(publish_body(uri, diagnostics, version));
    }

    /// Sends a message serialised elsewhere (a reply made beside tower-lsp).
    pub fn send(&self, body: Vec<u8>) {
        let _ = self.queue.send(body);
    }

    /// Sends `textDocument/publishDiagnostics` for diagnostics made here (a
    /// configuration file's error, an empty list to clear a document).
    pub fn publish_lsp(&self, uri: &Url, diagnostics: &[Diagnostic], version: Option<i32>) {
        let json: Vec<String> = diagnostics.iter().map(to_json).collect();
        self.publish(uri, json.iter().map(String::as_str), version);
    }
}

/// A diagnostic's JSON text, as the client receives it.
pub fn to_json(diagnostic: &Diagnostic) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(diagnostic).unwrap_or_else(|_| "{}".to_string())
}

/// The notification's body: `{"jsonrpc":"2.0","method":…,"params":{…}}`.
fn publish_body<'a>(
    uri: &Url,
    diagnostics: impl IntoIterator<Item = &'a str>,
    version: Option<i32>,
) -> Vec<u8> {
    let mut head = String::from(
        r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    head.push_str(&json_string(uri.as_str()));
    if let Some(version) = version {
        let _ = write!(head, r#","version":{version}"#);
    }
    head.push_str(r#","diagnostics":["#);
    let mut body = head.into_bytes();
    for (i, diagnostic) in diagnostics.into_iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(diagnostic.as_bytes());
    }
    body.extend_from_slice(b"]}}");
    body
}

/// A JSON string literal, quoted and escaped.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use tower_lsp::lsp_types::{DiagnosticSeverity, Position, PublishDiagnosticsParams, Range};

    #[test]
    fn the_body_is_the_notification_tower_lsp_would_send() {
        let uri = Url::parse("file:///m%C3%A5l/%C3%A4rende%20%22x%22.md")
            .unwrap_or_else(|e| panic!("{e}"));
        let diagnostic = Diagnostic {
            range: Range::new(Position::new(1, 2), Position::new(1, 9)),
            severity: Some(DiagnosticSeverity::WARNING),
            message: "Ange kön: \"patienter\"\n".to_string(),
            ..Diagnostic::default()
        };
        let diagnostics = vec![diagnostic.clone(), diagnostic];
        let json: Vec<String> = diagnostics.iter().map(to_json).collect();
        let body = publish_body(&uri, json.iter().map(String::as_str), Some(4));
        let got: Value = serde_json::from_slice(&body).unwrap_or_default();
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(4));
        let want = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": serde_json::to_value(params).unwrap_or_default(),
        });
        assert_eq!(got, want);
        // No version, no diagnostics: the field is left out, the list is empty.
        let body = publish_body(&uri, [], None);
        let got: Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(got["params"]["diagnostics"], json!([]));
        assert!(got["params"].get("version").is_none());
    }
}
