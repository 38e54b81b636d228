//! Latency benchmark: from `didChange` to the matching `publishDiagnostics`,
//! over single-character edits on a ~100 KB case.
//!
//! ```text
//! python3 bench/gen_corpus.py --single-mb 0.1 --out /tmp/case100k.md
//! cargo run --release -p arendelint-lsp --example lsp_latency -- --case /tmp/case100k.md
//! cargo run --release -p arendelint-lsp --example lsp_latency -- --case /tmp/case100k.md --bin target/release/arendelint
//! ```
//! `--case` is the Markdown case to edit (default: a built-in ~100 KB case with
//! a finding in every paragraph, a worst case); `--bin` spawns that
//! `arendelint` binary (`arendelint lsp` over real pipes) instead of serving
//! in-process over an in-memory pipe.

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

const EDITS: usize = 300;
const WARMUP: usize = 20;
const URI: &str = "file:///bench/arende.md";

fn case() -> String {
    let mut text = String::from("# Ny vårdcentral i Älvby\n\n## Sammanfattning\n\n");
    let mut n = 0;
    while text.len() < 100 * 1024 {
        n += 1;
        text.push_str(&format!(
            "## Avsnitt {n}\n\nÅsa, Ärla och Örjan 😀 möter patienterna i dag. Simhallen hade 4 500 besökare \
             under året, och 45 procent av eleverna svarade. Kvinnor och män som är brukare får stöd. \
             Alla ska kunna delta, enligt t.ex. planen för {n}.\n\n| Grupp | Antal |\n|---|---|\n| Elever | 312 |\n\n"
        ));
    }
    text
}

async fn send<W: AsyncWrite + Unpin>(out: &mut W, message: Value) {
    let body = message.to_string();
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    out.write_all(frame.as_bytes()).await.expect("write");
    out.flush().await.expect("flush");
}

/// Reads frames and reports `(version, arrival)` of every publishDiagnostics.
async fn read_messages<R: AsyncRead + Unpin>(input: R, tx: mpsc::UnboundedSender<(i64, Instant)>) {
    let mut input = BufReader::new(input);
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if input.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        let now = Instant::now();
        let Ok(message) = serde_json::from_slice::<Value>(&body) else {
            continue;
        };
        if message["method"] == "textDocument/publishDiagnostics" {
            if message["params"]["version"] == 1 {
                let count = message["params"]["diagnostics"]
                    .as_array()
                    .map_or(0, Vec::len);
                eprintln!("diagnostics: {count} in a {} byte notification", body.len());
            }
            let _ = tx.send((message["params"]["version"].as_i64().unwrap_or(-1), now));
        }
    }
}

async fn run<W: AsyncWrite + Unpin>(
    mut out: W,
    mut published: mpsc::UnboundedReceiver<(i64, Instant)>,
    text: String,
) -> Vec<Duration> {
    send(
        &mut out,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    )
    .await;
    send(
        &mut out,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    )
    .await;
    eprintln!("case: {} bytes, {} lines", text.len(), text.lines().count());
    send(&mut out, json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}})).await;
    wait_for(&mut published, 1).await;

    // Type characters at the end of a line in the middle of the document.
    let line = text.lines().count() as u32 / 2;
    let first_col = text
        .lines()
        .nth(line as usize)
        .map_or(0, |l| l.encode_utf16().count()) as u32;
    let mut samples = Vec::new();
    for (i, col) in (0..WARMUP + EDITS).zip(first_col..) {
        let version = i as i64 + 2;
        let start = Instant::now();
        send(&mut out, json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": col},
                                          "end": {"line": line, "character": col}}, "text": "x"}]}})).await;
        let arrived = wait_for(&mut published, version).await;
        if i >= WARMUP {
            samples.push(arrived - start);
        }
    }
    send(
        &mut out,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    )
    .await;
    send(&mut out, json!({"jsonrpc": "2.0", "method": "exit"})).await;
    samples
}

async fn wait_for(
    published: &mut mpsc::UnboundedReceiver<(i64, Instant)>,
    version: i64,
) -> Instant {
    loop {
        match tokio::time::timeout(Duration::from_secs(30), published.recv()).await {
            Ok(Some((v, at))) if v == version => return at,
            Ok(Some(_)) => continue,
            _ => panic!("no diagnostics for version {version}"),
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let (tx, rx) = mpsc::unbounded_channel();
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let text = match flag("--case") {
        Some(path) => std::fs::read_to_string(&path).expect("read the case"),
        None => case(),
    };
    let mut samples = match flag("--bin") {
        Some(bin) => {
            let mut child = tokio::process::Command::new(&bin)
                .arg("lsp")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn the arendelint binary");
            let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
                panic!("piped stdio");
            };
            tokio::spawn(read_messages(stdout, tx));
            let samples = run(stdin, rx, text.clone()).await;
            let _ = child.wait().await;
            eprintln!("server: {bin} lsp (stdio pipes)");
            samples
        }
        None => {
            let (client_out, server_in) = tokio::io::duplex(1 << 20);
            let (server_out, client_in) = tokio::io::duplex(1 << 20);
            let server = tokio::spawn(arendelint_lsp::serve(server_in, server_out));
            tokio::spawn(read_messages(client_in, tx));
            let samples = run(client_out, rx, text.clone()).await;
            let _ = server.await;
            eprintln!("server: in-process (memory pipes)");
            samples
        }
    };
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    // The engine alone on the same text, to tell analysis from protocol overhead.
    let linter =
        arendelint_core::Linter::new(&arendelint_core::Config::default()).expect("default config");
    let mut lint: Vec<Duration> = (0..50)
        .map(|_| {
            let start = Instant::now();
            let _ = std::hint::black_box(linter.check(&arendelint_core::Input::text(
                &text,
                arendelint_core::SourceKind::Markdown,
            )));
            start.elapsed()
        })
        .collect();
    lint.sort();
    println!(
        "Linter::lint alone on the case: p50 {:.2} ms",
        ms(percentile(&lint, 0.5))
    );
    println!(
        "didChange → publishDiagnostics over {} single-character edits: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        samples.len(),
        ms(percentile(&samples, 0.50)),
        ms(percentile(&samples, 0.95)),
        ms(percentile(&samples, 1.0)),
    );
}
