//! End-to-end tests of `arendelint lsp`: the real binary, JSON-RPC over stdio.
//!
//! The client here is deliberately independent of the server's code: it frames
//! messages itself and converts LSP positions with its own arithmetic, so a
//! shared bug in the position conversion cannot hide.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

/// The line under test: å, ä, ö and an emoji (a UTF-16 surrogate pair) before the word.
const LINE: &str = "Åsa, Ärla och Örjan 😀 möter patienterna i dag.";
/// Columns of "patienterna" on LINE: 28 chars, 29 UTF-16 units, 35 bytes before it.
const UTF16_START: u32 = 29;
const UTF8_START: u32 = 35;
const WORD_LEN: u32 = 11;

fn case_text() -> String {
    format!("# Ny vårdcentral\n\n## Bakgrund\n\n{LINE}\n\nSimhallen hade 4 500 besökare.\n")
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications and server requests seen while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_arendelint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the arendelint binary starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            backlog: Vec::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write header");
        self.stdin.write_all(body).expect("write body");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(msg.to_string().as_bytes());
    }

    /// Sends a request and returns the whole response (with `result` or `error`).
    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(msg.to_string().as_bytes());
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The first message (from the backlog, then the stream) matching `pred`.
    /// Server-to-client requests are answered with `null` on the way.
    fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => panic!("timed out; backlog: {:#?}", self.backlog),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed stdout"),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                self.send_raw(reply.to_string().as_bytes());
            }
            if pred(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    fn diagnostics_for(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn shutdown_and_exit(mut self) {
        let id = self.next_id;
        self.next_id += 1;
        let shutdown = json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"});
        self.send_raw(shutdown.to_string().as_bytes());
        let response = self.wait_for(|m| m.get("id") == Some(&json!(id)));
        assert_eq!(response["result"], Value::Null, "{response}");
        self.send_raw(br#"{"jsonrpc": "2.0", "method": "exit"}"#);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert_eq!(status.code(), Some(0), "exit after shutdown is clean");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

#[derive(Clone, Copy)]
enum Enc {
    Utf8,
    Utf16,
}

/// Byte offset of an LSP position, by the client's own count.
fn offset(text: &str, pos: &Value, enc: Enc) -> usize {
    let line = pos["line"].as_u64().expect("line") as usize;
    let col = pos["character"].as_u64().expect("character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= col || c == '\n' || c == '\r' {
            return start + i;
        }
        units += match enc {
            Enc::Utf8 => c.len_utf8(),
            Enc::Utf16 => c.len_utf16(),
        };
    }
    text.len()
}

/// Applies LSP text edits as a client would (from the last to the first).
fn apply(text: &str, edits: &[Value], enc: Enc) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], enc),
                offset(text, &e["range"]["end"], enc),
                e["newText"].as_str().expect("newText"),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

/// The edits of a code action for `uri`, from `changes` or `documentChanges`.
fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(edits) = edit["changes"][uri].as_array() {
        return edits.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

fn by_code<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
}

fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn utf16_push_diagnostics_code_actions_hover_and_exit() {
    let mut server = Server::start();
    let init = server.initialize(json!({}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert!(init["capabilities"].get("diagnosticProvider").is_none());
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );

    let uri = "file:///nonexistent-arendelint-test/arende.md";
    let text = case_text();
    server.open(uri, "markdown", &text);
    let diagnostics = server.diagnostics_for(uri, 1);

    let jam001 = by_code(&diagnostics, "JAM001");
    assert_eq!(
        jam001["range"],
        range(0, 0, 0, 16),
        "JAM001 underlines the first line"
    );
    assert_eq!(jam001["severity"], 1);
    let jam003 = by_code(&diagnostics, "JAM003");
    assert_eq!(
        jam003["range"],
        range(4, UTF16_START, 4, UTF16_START + WORD_LEN)
    );
    assert_eq!(jam003["source"], "arendelint");
    assert_eq!(jam003["severity"], 2);
    let href = jam003["codeDescription"]["href"]
        .as_str()
        .unwrap_or_default();
    assert!(href.ends_with("/sv/JAM003.md"), "{href}");
    let jam004 = by_code(&diagnostics, "JAM004");
    assert_eq!(jam004["range"]["start"]["line"], 6);

    // The JAM003 quick fix, applied as a client would.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": jam003["range"],
               "context": {"diagnostics": [jam003]}}),
    );
    let actions = actions.as_array().cloned().unwrap_or_default();
    let fix = actions
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && a["diagnostics"][0]["code"] == "JAM003"
                && a["isPreferred"] == true
        })
        .unwrap_or_else(|| panic!("no JAM003 fix in {actions:#?}"));
    let fixed = apply(&text, &action_edits(fix, uri), Enc::Utf16);
    assert!(
        fixed.contains("Åsa, Ärla och Örjan 😀 möter patienterna (kvinnor och män) i dag."),
        "{fixed}"
    );
    let disable = actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("JAM003")) && a != &fix)
        .unwrap_or_else(|| panic!("no disable action in {actions:#?}"));
    let disabled = apply(&text, &action_edits(disable, uri), Enc::Utf16);
    assert!(
        disabled.contains(&format!(
            "<!-- arendelint-disable-next-line JAM003 -->\n{LINE}"
        )),
        "{disabled}"
    );

    // Hover inside the word, right after the emoji's surrogate pair.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": UTF16_START + 3}}),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.contains("JAM003"), "{value}");
    assert_eq!(hover["range"], jam003["range"]);

    // An incremental edit before the word shifts the range by what was typed.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(4, 22, 4, 22), "text": "ö"}]}),
    );
    let diagnostics = server.diagnostics_for(uri, 2);
    let jam003 = by_code(&diagnostics, "JAM003");
    assert_eq!(
        jam003["range"],
        range(4, UTF16_START + 1, 4, UTF16_START + 1 + WORD_LEN)
    );

    // fixAll applies the safe fixes only.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(0, 0, 0, 0),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let fix_all = &actions[0];
    assert_eq!(fix_all["kind"], "source.fixAll.arendelint");
    let text2 = text.replace("😀 möter", "😀 ömöter");
    let fixed = apply(&text2, &action_edits(fix_all, uri), Enc::Utf16);
    assert!(
        fixed.contains("patienterna (kvinnor och män) i dag."),
        "{fixed}"
    );
    assert!(
        !fixed.contains("## Konsekvenser"),
        "the unsafe JAM001 skeleton is not applied: {fixed}"
    );

    server.shutdown_and_exit();
}

#[test]
fn utf8_pull_diagnostics_and_crlf() {
    let mut server = Server::start();
    let init = server.initialize(
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]},
               "textDocument": {"diagnostic": {"dynamicRegistration": false}},
               "workspace": {"workspaceEdit": {"documentChanges": true},
                             "diagnostic": {"refreshSupport": true}}}),
        json!({"lang": "en"}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "arendelint"
    );

    let uri = "untitled:Untitled-1.md";
    let text = case_text().replace('\n', "\r\n");
    server.open(uri, "markdown", &text);
    let report = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().cloned().unwrap_or_default();
    let jam003 = by_code(&items, "JAM003");
    assert_eq!(
        jam003["range"],
        range(4, UTF8_START, 4, UTF8_START + WORD_LEN)
    );
    // "# Ny vårdcentral" is 17 bytes; the CRLF is not part of the line.
    assert_eq!(by_code(&items, "JAM001")["range"], range(0, 0, 0, 17));
    let href = jam003["codeDescription"]["href"]
        .as_str()
        .unwrap_or_default();
    assert!(
        href.ends_with("/en/JAM003.md"),
        "settings pick the language: {href}"
    );

    // Unchanged since the last pull.
    let again = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": report["resultId"]}),
    );
    assert_eq!(again["kind"], "unchanged");

    // Typing at the end of the line moves no finding: still unchanged. In
    // UTF-8 columns the line is 54 bytes (the emoji is 4, each of Å/Ä/Ö/ö 2).
    let end = LINE.len() as u32;
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(4, end, 4, end), "text": " Bra"}]}),
    );
    let typed = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": report["resultId"]}),
    );
    assert_eq!(typed["kind"], "unchanged", "{typed}");
    // Typing before the finding moves it: a full report, the range shifted.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [{"range": range(4, 0, 4, 0), "text": "Nu "}]}),
    );
    let moved = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": typed["resultId"]}),
    );
    assert_eq!(moved["kind"], "full");
    let items = moved["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        by_code(&items, "JAM003")["range"],
        range(4, UTF8_START + 3, 4, UTF8_START + 3 + WORD_LEN)
    );
    assert_ne!(moved["resultId"], typed["resultId"]);
    // Back to the text the code action below expects.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": text}]}),
    );

    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": jam003["range"],
               "context": {"diagnostics": [jam003], "only": ["quickfix"]}}),
    );
    let fix = &actions[0];
    assert_eq!(
        fix["edit"]["documentChanges"][0]["textDocument"]["version"],
        4
    );
    let fixed = apply(&text, &action_edits(fix, uri), Enc::Utf8);
    assert!(
        fixed.contains("möter patienterna (kvinnor och män) i dag.\r\n"),
        "{fixed}"
    );

    // Settings changed: JAM003 off.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"arendelint": {"severity": {"JAM003": "off"}}}}),
    );
    // The server asks the client to pull again.
    server.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    let report = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    let items = report["items"].as_array().cloned().unwrap_or_default();
    assert!(items.iter().all(|d| d["code"] != "JAM003"), "{items:#?}");
    assert!(items.iter().any(|d| d["code"] == "JAM004"), "{items:#?}");

    server.shutdown_and_exit();
}

#[test]
fn plain_text_document_and_jam004() {
    let mut server = Server::start();
    server.initialize(json!({}), Value::Null);
    let uri = "file:///nonexistent-arendelint-test/arende.txt";
    let text = "Ny simhall\n\nBakgrund\n\nSimhallen hade 4 500 besökare i fjol.\n";
    server.open(uri, "plaintext", text);
    let diagnostics = server.diagnostics_for(uri, 1);
    let jam004 = by_code(&diagnostics, "JAM004");
    assert_eq!(jam004["range"], range(4, 15, 4, 29));
    // No suppression comments in plain text: they would be visible text.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": jam004["range"],
               "context": {"diagnostics": [jam004], "only": ["quickfix"]}}),
    );
    let titles: Vec<_> = actions
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| a["title"].clone())
        .collect();
    assert!(
        titles
            .iter()
            .all(|t| !t.as_str().unwrap_or_default().contains("JAM004")),
        "{titles:?}"
    );
    server.shutdown_and_exit();
}

#[test]
fn robust_against_malformed_messages_unknown_methods_and_bad_edits() {
    let mut server = Server::start();
    server.initialize(
        json!({}),
        json!({"lang": "xx", "severity": {"JAM999": "off"}}),
    );
    let warning = server.wait_for(|m| m["method"] == "window/showMessage");
    assert!(warning["params"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("lang"));

    server.send_raw(b"{not json");
    let error = server.wait_for(|m| m.get("error").is_some() && m["id"].is_null());
    assert_eq!(error["error"]["code"], -32700);

    let unknown = server.request_raw("arendelint/doesNotExist", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad_params = server.request_raw("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad_params["error"]["code"], -32602);

    let uri = "file:///nonexistent-arendelint-test/a.md";
    server.open(uri, "markdown", "# Rubrik\n\nAlla ska med.\n");
    server.diagnostics_for(uri, 1);
    // An edit far beyond the end is clamped to it.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(40, 3, 99, 0), "text": "Patienterna väntar.\n"}]}),
    );
    let diagnostics = server.diagnostics_for(uri, 2);
    let appended = diagnostics
        .iter()
        .find(|d| d["code"] == "JAM003" && d["range"]["start"]["line"] == 3);
    assert_eq!(
        appended.map(|d| d["range"].clone()),
        Some(range(3, 0, 3, 11)),
        "{diagnostics:#?}"
    );
    // A change to a document that was never opened is ignored.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///never.md", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    // A large document is skipped with a log message, not analysed.
    let big_uri = "file:///nonexistent-arendelint-test/big.md";
    let big = "Patienterna väntar länge.\n".repeat(5 * 1024 * 1024 / 26 + 1);
    server.open(big_uri, "markdown", &big);
    assert!(server.diagnostics_for(big_uri, 1).is_empty());
    let log = server.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("not analysed"))
    });
    assert_eq!(log["params"]["type"], 2);

    // Still answering.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 2}}),
    );
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .contains("JAM003"));
    // Some clients send `"params": null` to shutdown and exit.
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.child.wait().expect("wait").code(), Some(0));
}

#[test]
fn broken_config_is_shown_on_the_file_and_the_server_keeps_working() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let toml = dir.path().join("arendelint.toml");
    std::fs::write(&toml, "lang = \"en\"\n\n[rules]\nJAM003 = \"loud\"\n").expect("write config");
    std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
    let doc = dir.path().join("cases/arende.md");

    let mut server = Server::start();
    server.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
    );
    let registration = server.wait_for(|m| m["method"] == "client/registerCapability");
    let watcher = &registration["params"]["registrations"][0];
    assert_eq!(watcher["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        watcher["registerOptions"]["watchers"][0]["globPattern"],
        "**/arendelint.toml"
    );
    let uri = file_uri(&doc);
    let text = case_text();
    server.open(&uri, "markdown", &text);
    let shown = server.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("loud"));
    let on_config = server.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == file_uri(&toml)
    });
    assert_eq!(
        on_config["params"]["diagnostics"][0]["range"]["start"]["line"],
        3
    );
    // The document is still checked, with the defaults.
    let diagnostics = server.diagnostics_for(&uri, 1);
    assert!(by_code(&diagnostics, "JAM003")["codeDescription"]["href"]
        .as_str()
        .is_some_and(|h| h.contains("/sv/")));

    // Fixed on disk and saved: the config diagnostic clears and the file applies.
    std::fs::write(&toml, "lang = \"en\"\n\n[rules]\nJAM003 = \"off\"\n").expect("write config");
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&toml)}}),
    );
    let cleared = server.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == file_uri(&toml)
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(cleared["params"]["diagnostics"].as_array().is_some());
    let diagnostics = server.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().all(|d| d["code"] != "JAM003"))
    });
    let jam004 = by_code(
        diagnostics["params"]["diagnostics"]
            .as_array()
            .map_or(&[][..], |v| v),
        "JAM004",
    )
    .clone();
    assert!(jam004["codeDescription"]["href"]
        .as_str()
        .is_some_and(|h| h.contains("/en/")));

    // A change reported by the file watcher is picked up too.
    std::fs::write(&toml, "[rules]\nJAM003 = \"off\"\nJAM004 = \"off\"\n").expect("write config");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&toml), "type": 2}]}),
    );
    server.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().all(|d| d["code"] != "JAM004") && !d.is_empty())
    });
    server.shutdown_and_exit();
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let mut server = Server::start();
    server.initialize(json!({}), Value::Null);
    server.notify("exit", Value::Null);
    let status = server.child.wait().expect("wait");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_burst_of_edits_publishes_in_version_order_ending_with_the_newest() {
    let mut server = Server::start();
    server.initialize(json!({}), Value::Null);
    let uri = "file:///nonexistent-arendelint-test/burst.md";
    let text = case_text();
    server.open(uri, "markdown", &text);
    server.diagnostics_for(uri, 1);
    // Type "ö" fifty times before the word, without waiting.
    for version in 2..=51 {
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range(4, 22, 4, 22), "text": "ö"}]}),
        );
    }
    let last = server.diagnostics_for(uri, 51);
    let jam003 = by_code(&last, "JAM003");
    assert_eq!(
        jam003["range"],
        range(4, UTF16_START + 50, 4, UTF16_START + 50 + WORD_LEN)
    );
    let versions: Vec<i64> = server
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "out of order: {versions:?}"
    );
    assert!(versions.iter().all(|&v| v < 51), "{versions:?}");
    eprintln!(
        "{} intermediate publications for 50 edits (stale versions dropped)",
        versions.len()
    );

    // Typed character by character without waiting: only in-order application
    // yields the words, so both findings prove the order.
    // "resenärerna", not "patienterna": line 4 already names the patients in
    // this section, which would make a second mention a related location.
    let typed = "Eleverna och resenärerna väntar.";
    let last_line = text.lines().count() as u32;
    for (k, c) in typed.chars().enumerate() {
        let col = typed.chars().take(k).map(char::len_utf16).sum::<usize>() as u32;
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 52 + k},
                   "contentChanges": [{"range": range(last_line, col, last_line, col), "text": c.to_string()}]}),
        );
    }
    let final_version = 52 + typed.chars().count() as i64 - 1;
    let diagnostics = server.diagnostics_for(uri, final_version);
    let on_last: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["range"]["start"]["line"] == last_line)
        .map(|d| d["range"].clone())
        .collect();
    assert_eq!(
        on_last,
        vec![
            range(last_line, 0, last_line, 8),
            range(last_line, 13, last_line, 24)
        ]
    );
    server.shutdown_and_exit();
}

#[test]
fn related_mentions_are_related_information_and_one_quick_fix_clears_them() {
    let mut server = Server::start();
    server.initialize(json!({}), Value::Null);
    let uri = "file:///nonexistent-arendelint-test/grupp.md";
    // Line 4: the finding; lines 6 and 8: the same group again in the section.
    let text = format!(
        "# Ny vårdcentral\n\n## Bakgrund\n\n{LINE}\n\nÖppettiderna passar patienterna.\n\nÄven Åsas patienter 😀 får svar.\n"
    );
    server.open(uri, "markdown", &text);
    let diagnostics = server.diagnostics_for(uri, 1);
    let jam003: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "JAM003")
        .collect();
    assert_eq!(jam003.len(), 1, "{diagnostics:#?}");
    let related = jam003[0]["relatedInformation"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let places: Vec<(Value, Value)> = related
        .iter()
        .map(|r| (r["location"]["uri"].clone(), r["location"]["range"].clone()))
        .collect();
    assert_eq!(
        places,
        [
            (json!(uri), range(6, 20, 6, 31)),
            // After "Åsas" (UTF-16 counts Å as one unit).
            (json!(uri), range(8, 10, 8, 19)),
        ]
    );
    assert!(related[0]["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("Samma målgrupp igen")));

    // The hover states the group rule.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": jam003[0]["range"]["start"]}),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        value.contains("Det första omnämnandet i avsnittet räcker när det anger kön.")
            && value.contains("Gruppen nämns 2 gånger till i avsnittet utan kön"),
        "{value}"
    );

    // The quick fix on the first mention settles the whole section.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": jam003[0]["range"],
               "context": {"diagnostics": [jam003[0]]}}),
    );
    let actions = actions.as_array().cloned().unwrap_or_default();
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("no JAM003 fix in {actions:#?}"));
    assert!(fix["title"]
        .as_str()
        .is_some_and(|t| t.contains("gäller hela avsnittet")));
    let fixed = apply(&text, &action_edits(fix, uri), Enc::Utf16);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": fixed}]}),
    );
    let after = server.diagnostics_for(uri, 2);
    assert!(after.iter().all(|d| d["code"] != "JAM003"), "{after:#?}");
    server.shutdown_and_exit();
}

#[test]
fn initialize_shutdown_exit_back_to_back_get_their_replies_and_exit_0() {
    // Twenty times: the failure was a race, so once is not enough.
    for round in 0..20 {
        let mut server = Server::start();
        let mut batch = Vec::new();
        for msg in [
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
            json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
        ] {
            let body = msg.to_string();
            batch.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes());
        }
        // One write: the three messages arrive together.
        server.stdin.write_all(&batch).expect("write");
        server.stdin.flush().expect("flush");
        let init = server.wait_for(|m| m["id"] == 1);
        assert!(
            init["result"]["capabilities"].is_object(),
            "round {round}: {init}"
        );
        let shutdown = server.wait_for(|m| m["id"] == 2);
        assert!(
            shutdown.get("result").is_some() && shutdown.get("error").is_none(),
            "round {round}: {shutdown}"
        );
        let status = server.child.wait().expect("wait");
        assert_eq!(status.code(), Some(0), "round {round}");
    }
}

#[test]
fn a_reused_version_number_with_new_text_is_analysed_afresh() {
    let mut server = Server::start();
    server.initialize(json!({}), Value::Null);
    let uri = "file:///nonexistent-arendelint-test/version.md";
    let first = "# Ärende\n\n## Bakgrund\n\nPatienterna väntar.\n";
    server.open(uri, "markdown", first);
    let v1 = server.diagnostics_for(uri, 1);
    assert_eq!(by_code(&v1, "JAM003")["range"], range(4, 0, 4, 11));
    let change = |server: &mut Server, version: i64, text: &str| {
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    };
    change(&mut server, 2, "# Ärende\n\nInget här.\n");
    server.diagnostics_for(uri, 2);
    // Version 1 again, with other text: the finding moves.
    let third = "# Ärende\n\n## Bakgrund\n\nI dag väntar besökarna och patienterna.\n";
    change(&mut server, 1, third);
    let again = server.diagnostics_for(uri, 1);
    let jam003: Vec<Value> = again
        .iter()
        .filter(|d| d["code"] == "JAM003")
        .map(|d| d["range"].clone())
        .collect();
    assert_eq!(jam003, [range(4, 13, 4, 22), range(4, 27, 4, 38)]);
    // Fix-all is built from the current text, at the right offsets.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(0, 0, 0, 0),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let fixed = apply(third, &action_edits(&actions[0], uri), Enc::Utf16);
    assert_eq!(
        fixed,
        "# Ärende\n\n## Bakgrund\n\nI dag väntar besökarna (kvinnor och män) och patienterna (kvinnor och män).\n"
    );
    server.shutdown_and_exit();
}

#[test]
fn a_document_with_200_000_findings_is_answered_and_the_server_goes_on() {
    let mut server = Server::start();
    server.initialize(json!({}), Value::Null);
    let uri = "file:///nonexistent-arendelint-test/stor.md";
    // ~2 MB, one figure about people per sentence: over 200,000 JAM004 findings.
    let text = "# Ärende\n\n".to_string() + &"Hade 312 patienter. ".repeat(100_000);
    assert!(text.len() < 2 * 1024 * 1024);
    server.open(uri, "markdown", &text);
    let diagnostics = server.diagnostics_for(uri, 1);
    // The cap: 10,000 span findings, JAM001, and ARL002 counting the rest.
    assert_eq!(diagnostics.len(), 10_002);
    let last = diagnostics.last().cloned().unwrap_or_default();
    assert_eq!(last["code"], "ARL002");
    assert!(last["message"]
        .as_str()
        .is_some_and(|m| m.contains("90000 till visas inte")));
    // The next request is answered.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 6}}),
    );
    assert!(hover["contents"]["value"]
        .as_str()
        .is_some_and(|v| v.contains("JAM004")));
    server.shutdown_and_exit();
}

/// `check --fix` and the server's `source.fixAll` run the same fix loop: on
/// every example case (and the dev corpus when it is beside the repository)
/// they give byte-identical text.
#[test]
fn cli_fix_and_lsp_fix_all_give_identical_text() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [root.join("examples"), root.join("../shared/corpus/dev")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if matches!(ext, "md" | "txt") && !name.starts_with("README") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    let work = tempfile::tempdir().expect("temp dir");
    let mut server = Server::start();
    server.initialize(json!({}), Value::Null);
    let mut changed = 0;
    for (n, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("a UTF-8 case");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("a.md");
        let copy = work.path().join(name);
        std::fs::write(&copy, &text).expect("copy");
        let status = Command::new(env!("CARGO_BIN_EXE_arendelint"))
            .args(["check", "--fix", "--quiet"])
            .arg(&copy)
            .current_dir(work.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("arendelint runs");
        assert!(matches!(status.code(), Some(0 | 1)), "{name}: {status:?}");
        let by_cli = std::fs::read_to_string(&copy).expect("fixed copy");

        let uri = format!("file:///nonexistent-arendelint-test/fixall-{n}-{name}");
        let language = if name.ends_with(".txt") {
            "plaintext"
        } else {
            "markdown"
        };
        server.open(&uri, language, &text);
        server.diagnostics_for(&uri, 1);
        let actions = server.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range(0, 0, 0, 0),
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        );
        let by_lsp = match actions.as_array().and_then(|a| a.first()) {
            Some(action) => apply(&text, &action_edits(action, &uri), Enc::Utf16),
            None => text.clone(),
        };
        assert_eq!(by_lsp, by_cli, "{name}");
        changed += usize::from(by_cli != text);
    }
    assert!(changed >= 2, "only {changed} files had safe fixes");
    server.shutdown_and_exit();
}
