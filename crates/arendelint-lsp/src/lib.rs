//! The arendelint language server: a thin layer over `arendelint-core` that
//! speaks LSP over stdio (tower-lsp on tokio).
//!
//! Diagnostics are pushed after each change (or pulled, when the client
//! advertises `textDocument/diagnostic`), with quick fixes, "disable for this
//! line", `source.fixAll.arendelint` and hover explanations.

mod actions;
mod analysis;
mod config_store;
mod document;
mod hover;
mod lsp_diagnostic;
mod outbox;
mod position;
mod publisher;
mod pull;
mod server;
mod session;
mod settings;
mod shim;
mod state;
mod stdout_handle;
mod transport;

pub use analysis::MAX_DOCUMENT_BYTES;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, BufReader};
use tower_lsp::{LspService, Server};

/// Runs the language server on stdin/stdout until the client sends `exit` (or
/// closes stdin). Returns the process exit code: 0 after `shutdown` + `exit`,
/// 1 otherwise, as the protocol asks.
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("arendelint lsp: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let output = match stdout_handle::stdout_file() {
        Ok(file) => transport::Output::File(Arc::new(file)),
        Err(_) => transport::Output::Stream(tokio::io::stdout()),
    };
    let clean = runtime.block_on(serve_to(tokio::io::stdin(), output));
    // Stdin is read on a blocking thread that may sit in read(2) forever; do
    // not wait for it.
    runtime.shutdown_background();
    if clean {
        0
    } else {
        1
    }
}

/// Serves one client over any byte streams (stdio, or an in-memory duplex in
/// tests and the benchmark). Returns whether `shutdown` came before the end.
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    serve_to(input, transport::Output::Stream(output)).await
}

async fn serve_to<I, O>(input: I, output: transport::Output<O>) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    // One queue for everything written to the client: tower-lsp's frames and
    // the diagnostics the server serialises itself (see `outbox`).
    let (replies, queue) = transport::queue();
    let outbox = outbox::Outbox::new(replies.clone());
    let backend_outbox = outbox.clone();
    let shared = Arc::new(std::sync::OnceLock::new());
    let slot = shared.clone();
    let (service, socket) = LspService::new(move |client| {
        let backend = server::Backend::new(client, flag, backend_outbox);
        let _ = slot.set(backend.shared());
        backend
    });
    let (mut service, exited) = shim::Shim::new(service);
    // Pull requests are answered beside tower-lsp (see `pull`).
    if let Some(shared) = shared.get() {
        let direct = pull::Pull {
            shared: shared.clone(),
            shutdown: shutdown.clone(),
        };
        service = service.with_direct(Arc::new(direct), outbox);
    }
    let answered = service.answered();
    // tower-lsp talks to in-memory pipes; the transport checks what crosses them.
    let (server_in, client_feed) = tokio::io::duplex(1 << 16);
    let (server_out, server_drain) = tokio::io::duplex(1 << 16);
    let written = Arc::new(transport::Written::default());
    let session = async {
        tokio::join!(
            transport::from_client(BufReader::new(input), client_feed, replies.clone()),
            transport::from_server(BufReader::new(server_drain), replies),
            transport::to_client(output, queue, written.clone()),
            Server::new(server_in, server_out, socket).serve(service),
        )
    };
    tokio::pin!(session);
    tokio::select! {
        _ = &mut session => {}
        _ = exited => {
            // Every handler before `exit` has finished; write the replies still
            // on their way (e.g. to a `shutdown` sent right before `exit`).
            drain(&mut session, &answered, &written).await;
        }
    }
    shutdown.load(Ordering::SeqCst)
}

/// Drives the session until every response the handlers produced has been
/// written, then until no frame has been written for a moment (notifications
/// such as diagnostics sent just before `exit`); at most five seconds. Counting
/// responses, not waiting for quiet alone, keeps a loaded machine (where 30 ms
/// can pass without the writer being scheduled) from losing a reply.
async fn drain(
    session: &mut (impl std::future::Future + Unpin),
    answered: &AtomicU64,
    written: &transport::Written,
) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let before = written.frames.load(Ordering::SeqCst);
        tokio::select! {
            _ = &mut *session => return,
            _ = tokio::time::sleep(Duration::from_millis(30)) => {}
        }
        let all_answered =
            written.responses.load(Ordering::SeqCst) >= answered.load(Ordering::SeqCst);
        let quiet = written.frames.load(Ordering::SeqCst) == before;
        if (all_answered && quiet) || tokio::time::Instant::now() >= deadline {
            return;
        }
    }
}
