//! Stops serving as soon as `exit` arrives. tower-lsp notices `exit` only when
//! the next message is read, and a client may keep stdin open while it waits
//! for the process to end.

use std::task::{Context, Poll};
use tokio::sync::oneshot;
use tower_lsp::jsonrpc::Request;
use tower_service::Service;

pub struct ExitWatch<S> {
    inner: S,
    exited: Option<oneshot::Sender<()>>,
}

impl<S> ExitWatch<S> {
    pub fn new(inner: S) -> (ExitWatch<S>, oneshot::Receiver<()>) {
        let (tx, rx) = oneshot::channel();
        (
            ExitWatch {
                inner,
                exited: Some(tx),
            },
            rx,
        )
    }
}

impl<S: Service<Request>> Service<Request> for ExitWatch<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
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
