//! A thin wrapper around tower-lsp's service for two protocol details it is
//! stricter or slower about than clients expect.

use std::task::{Context, Poll};
use tokio::sync::oneshot;
use tower_lsp::jsonrpc::Request;
use tower_service::Service;

/// Signals `exit` as soon as it arrives (tower-lsp notices it only when the
/// next message is read, and a client may keep stdin open while waiting for the
/// process to end), and accepts `"params": null` on the parameterless
/// `shutdown` and `exit`, which some clients send and tower-lsp rejects.
pub struct Shim<S> {
    inner: S,
    exited: Option<oneshot::Sender<()>>,
}

impl<S> Shim<S> {
    pub fn new(inner: S) -> (Shim<S>, oneshot::Receiver<()>) {
        let (tx, rx) = oneshot::channel();
        (
            Shim {
                inner,
                exited: Some(tx),
            },
            rx,
        )
    }
}

impl<S: Service<Request>> Service<Request> for Shim<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let request = without_null_params(request);
        let is_exit = request.method() == "exit";
        let future = self.inner.call(request);
        if is_exit {
            if let Some(tx) = self.exited.take() {
                let _ = tx.send(());
            }
        }
        future
    }
}

fn without_null_params(request: Request) -> Request {
    let parameterless = matches!(request.method(), "shutdown" | "exit");
    if !parameterless || !request.params().is_some_and(|p| p.is_null()) {
        return request;
    }
    let (method, id, _) = request.into_parts();
    let builder = Request::build(method);
    match id {
        Some(id) => builder.id(id).finish(),
        None => builder.finish(),
    }
}
