//! Diagnostics written straight into the output queue, already serialised.
//!
//! tower-lsp's `Client::publish_diagnostics` turns its parameters into a
//! `serde_json::Value` tree and then into text: for a case with thousands of
//! findings that was most of a keystroke's cost. Each finding's JSON is made
//! once, when the finding is new (see [`crate::analysis`]), and a push only
//! joins those fragments.

use crate::transport::Outgoing;
use std::fmt::Write as _;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp::lsp_types::{Diagnostic, Url};

/// The server's side of the queue that [`crate::transport::to_client`] drains.
#[derive(Debug, Clone)]
pub struct Outbox {
    queue: UnboundedSender<Outgoing>,
}

impl Outbox {
    pub fn new(queue: UnboundedSender<Outgoing>) -> Outbox {
        Outbox { queue }
    }

    /// Sends `textDocument/publishDiagnostics` with diagnostics given as their
    /// JSON text. A closed output (the client is gone) is not an error here.
    pub fn publish<'a, I>(&self, uri: &Url, diagnostics: I, version: Option<i32>)
    where
        I: IntoIterator<Item = &'a str>,
        I::IntoIter: Clone,
    {
        let _ = self.queue.send(publish_frame(uri, diagnostics, version));
    }

    /// Sends a message serialised elsewhere (a reply made beside tower-lsp).
    pub fn send(&self, body: &[u8]) {
        let _ = self.queue.send(Outgoing::new(body));
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

/// The notification's frame, body `{"jsonrpc":"2.0","method":…,"params":{…}}`,
/// written at its final size: the diagnostics' lengths are summed first.
fn publish_frame<'a, I>(uri: &Url, diagnostics: I, version: Option<i32>) -> Outgoing
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    let mut head = String::from(
        r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    head.push_str(&json_string(uri.as_str()));
    if let Some(version) = version {
        let _ = write!(head, r#","version":{version}"#);
    }
    head.push_str(r#","diagnostics":["#);
    const TAIL: &[u8] = b"]}}";
    let diagnostics = diagnostics.into_iter();
    let (count, lengths) = diagnostics
        .clone()
        .fold((0usize, 0usize), |(n, len), d| (n + 1, len + d.len()));
    let commas = count.saturating_sub(1);
    let mut frame = Outgoing::with_body_len(head.len() + lengths + commas + TAIL.len());
    frame.push(head.as_bytes());
    for (i, diagnostic) in diagnostics.enumerate() {
        if i > 0 {
            frame.push(b",");
        }
        frame.push(diagnostic.as_bytes());
    }
    frame.push(TAIL);
    frame.finish()
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
        let frame = publish_frame(&uri, json.iter().map(String::as_str), Some(4));
        let body = frame.body();
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        assert_eq!(frame.frame().get(..header.len()), Some(header.as_bytes()));
        let got: Value = serde_json::from_slice(body).unwrap_or_default();
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(4));
        let want = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": serde_json::to_value(params).unwrap_or_default(),
        });
        assert_eq!(got, want);
        // No version, no diagnostics: the field is left out, the list is empty.
        let frame = publish_frame(&uri, [], None);
        let got: Value = serde_json::from_slice(frame.body()).unwrap_or_default();
        assert_eq!(got["params"]["diagnostics"], json!([]));
        assert!(got["params"].get("version").is_none());
    }
}
