//! The language server's message handling: arbitrary bytes as a client's whole
//! input stream, through `arendelint_lsp::serve` in memory (the framing layer,
//! the shim and every handler). Invariants: no handler panics (libFuzzer's panic
//! hook aborts even where the server would catch the panic) and the server
//! returns once its input ends.
//!
//! The first byte picks the form of the rest: 0 → the raw stream (framing
//! included); 1 → messages separated by NUL bytes, each framed here with a
//! correct `Content-Length`, so that mutations reach the JSON and the handlers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fn stream(data: &[u8]) -> Option<Vec<u8>> {
    let (&mode, rest) = data.split_first()?;
    if mode % 2 == 0 {
        return Some(rest.to_vec());
    }
    let mut out = Vec::with_capacity(rest.len() + 64);
    for body in rest.split(|&b| b == 0) {
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        out.extend_from_slice(body);
    }
    Some(out)
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = stream(data) else {
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
        let served = tokio::time::timeout(
            Duration::from_secs(600),
            arendelint_lsp::serve(&input[..], tokio::io::sink()),
        )
        .await;
        assert!(
            served.is_ok(),
            "the server did not return after its input ended"
        );
    });
});
