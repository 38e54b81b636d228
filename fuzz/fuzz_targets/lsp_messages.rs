//! The language server's message handling: arbitrary bytes as a client's whole
//! input stream, through `arendelint_lsp::serve` in memory (the framing layer,
//! the shim and every handler). Invariants: no handler panics (libFuzzer's panic
//! hook aborts even where the server would catch the panic) and the server
//! returns once its input ends.
//!
//! The first byte picks the form of the rest: even → the raw stream (framing
//! included), written at once; odd → messages separated by NUL bytes, each
//! framed here with a correct `Content-Length` and sent once the server is idle
//! (as a client waits for `initialize`'s answer), so that mutations reach the
//! JSON and the handlers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

fn messages(data: &[u8]) -> Option<Vec<Vec<u8>>> {
    let (&mode, rest) = data.split_first()?;
    if mode % 2 == 0 {
        return Some(vec![rest.to_vec()]);
    }
    let framed = rest.split(|&b| b == 0).map(|body| {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        frame
    });
    Some(framed.collect())
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = messages(data) else {
        return;
    };
    // A paused clock: the server has no timers of its own, so the timeout only
    // fires (at once, when every task is idle) if the server hangs.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let (mut client, from_client) = tokio::io::duplex(1 << 20);
        let session = async {
            // Each message, then silence until the server is idle (the paused
            // clock advances only then, and not while an analysis runs on the
            // blocking pool); after the last, the end of the input.
            for message in &input {
                let _ = client.write_all(message).await;
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            drop(client);
        };
        let served = tokio::time::timeout(Duration::from_secs(600), async {
            tokio::join!(
                arendelint_lsp::serve(from_client, tokio::io::sink()),
                session
            )
        })
        .await;
        assert!(
            served.is_ok(),
            "the server did not return after its input ended"
        );
    });
});
