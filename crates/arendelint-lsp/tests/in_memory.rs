//! The server in-process over an in-memory duplex: fast checks of settings
//! handling and the serve loop's exit status (the real binary is tested in the
//! workspace's tests/it/lsp.rs).

use serde_json::{json, Value};
use std::time::Duration;
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};

struct Client {
    out: WriteHalf<DuplexStream>,
    input: BufReader<ReadHalf<DuplexStream>>,
}

impl Client {
    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.out.write_all(frame.as_bytes()).await.expect("write");
    }

    async fn next(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.input.read_line(&mut line).await.expect("read");
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().expect("length");
            }
        }
        let mut body = vec![0; length];
        self.input.read_exact(&mut body).await.expect("body");
        serde_json::from_slice(&body).expect("json")
    }

    async fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                let m = self.next().await;
                if pred(&m) {
                    return m;
                }
            }
        })
        .await
        .expect("timed out")
    }
}

fn start() -> (Client, tokio::task::JoinHandle<bool>) {
    let (client_side, server_side) = tokio::io::duplex(1 << 20);
    let (server_in, server_out) = tokio::io::split(server_side);
    let server = tokio::spawn(arendelint_lsp::serve(server_in, server_out));
    let (input, out) = tokio::io::split(client_side);
    let client = Client {
        out,
        input: BufReader::new(input),
    };
    (client, server)
}

const URI: &str = "untitled:arende.md";
const TEXT: &str = "# Rubrik\n\n## Bakgrund\n\nPatienterna väntar länge.\n";

async fn open(c: &mut Client, options: Value) {
    c.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}, "initializationOptions": options}}))
        .await;
    c.wait_for(|m| m["id"] == 1).await;
    c.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        .await;
    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": TEXT}}}))
        .await;
}

fn published(m: &Value) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
}

#[tokio::test]
async fn english_hover_and_settings_that_disable_then_enable() {
    let (mut c, server) = start();
    open(&mut c, json!({"lang": "en"})).await;
    let first = c.wait_for(published).await;
    assert!(first["params"]["diagnostics"]
        .as_array()
        .is_some_and(|d| d.len() >= 2));

    c.send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": URI}, "position": {"line": 4, "character": 3}}}),
    )
    .await;
    let hover = c.wait_for(|m| m["id"] == 2).await;
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        value.starts_with("**JAM003** `ungendered-target-group`"),
        "{value}"
    );
    assert!(value.contains("/en/JAM003.md"), "{value}");

    c.send(
        json!({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
        "params": {"settings": {"enable": false}}}),
    )
    .await;
    let cleared = c.wait_for(published).await;
    assert_eq!(cleared["params"]["diagnostics"], json!([]));

    c.send(
        json!({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
        "params": {"settings": {"arendelint": {"severity": {"JAM001": "off"}}}}}),
    )
    .await;
    let back = c.wait_for(published).await;
    let codes: Vec<_> = back["params"]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, vec![json!("JAM003")]);

    c.send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}))
        .await;
    c.wait_for(|m| m["id"] == 3).await;
    c.send(json!({"jsonrpc": "2.0", "method": "exit"})).await;
    assert!(
        server.await.expect("the server task"),
        "shutdown came before exit"
    );
}

#[tokio::test]
async fn closing_the_input_ends_the_session_without_a_clean_shutdown() {
    let (mut c, server) = start();
    open(&mut c, Value::Null).await;
    c.wait_for(published).await;
    drop(c);
    let clean = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops when its input closes")
        .expect("the server task");
    assert!(!clean);
}
