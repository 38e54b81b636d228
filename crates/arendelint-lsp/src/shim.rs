//! A thin wrapper around tower-lsp's service for what it does differently
//! from what clients expect: handler panics, `exit`, null params.

use crate::outbox::Outbox;
use futures::future::BoxFuture;
use futures::task::AtomicWaker;
use futures::FutureExt;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::oneshot;
use tower_lsp::jsonrpc::{Error, Id, Request, Response};
use tower_service::Service;

/// Signals `exit` once every message before it has been handled (tower-lsp
/// handles requests concurrently and notices `exit` only when the next message
/// is read, while a client may keep stdin open waiting for the process to end;
/// so `shutdown` sent right before `exit` is answered first), accepts `"params": null` on the parameterless `shutdown`
/// and `exit`, which some clients send and tower-lsp rejects, and turns a
/// panicking handler into an internal error instead of a dead server.
pub struct Shim<S> {
    inner: S,
    /// Requests the server answers itself, and where their replies go.
    direct: Option<(Arc<dyn Direct>, Outbox)>,
    exited: Option<oneshot::Sender<()>>,
    /// Handlers started and not yet finished.
    in_flight: Arc<AtomicUsize>,
    /// Handlers that finished with a response to send.
    answered: Arc<AtomicU64>,
    /// An `initialize` is being handled: nothing else is taken until it is
    /// done, so a `shutdown` sent right after it is not refused as "not
    /// initialized" (tower-lsp decides that when the request is taken).
    initializing: Arc<Initializing>,
}

/// Requests answered beside tower-lsp with a reply serialised by the server
/// (see [`crate::pull`]); counted like tower-lsp's own for the wait at `exit`.
pub trait Direct: Send + Sync {
    /// The future of the reply's body when the server takes `request`; `None`
    /// passes it on to tower-lsp.
    fn take(&self, request: &Request) -> Option<BoxFuture<'static, Vec<u8>>>;
}

#[derive(Default)]
struct Initializing {
    busy: AtomicBool,
    waker: AtomicWaker,
}

/// How long `exit` waits for the handlers before it, at most.
const EXIT_GRACE: Duration = Duration::from_secs(5);

impl<S> Shim<S> {
    /// The shim, and the signal that `exit` came and every handler before it
    /// has finished.
    pub fn new(inner: S) -> (Shim<S>, oneshot::Receiver<()>) {
        let (tx, rx) = oneshot::channel();
        (
            Shim {
                inner,
                direct: None,
                exited: Some(tx),
                in_flight: Arc::new(AtomicUsize::new(0)),
                answered: Arc::new(AtomicU64::new(0)),
                initializing: Arc::new(Initializing::default()),
            },
            rx,
        )
    }

    /// Lets `direct` answer the requests it takes, its replies sent to `outbox`.
    pub fn with_direct(mut self, direct: Arc<dyn Direct>, outbox: Outbox) -> Shim<S> {
        self.direct = Some((direct, outbox));
        self
    }

    /// How many handlers have finished with a response: at `exit`, the
    /// session writes until as many responses have reached the client.
    pub fn answered(&self) -> Arc<AtomicU64> {
        self.answered.clone()
    }
}

impl<S> Service<Request> for Shim<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        let init = &self.initializing;
        if init.busy.load(Ordering::SeqCst) {
            init.waker.register(cx.waker());
            // Checked again: it may have finished before the waker was stored.
            if init.busy.load(Ordering::SeqCst) {
                return Poll::Pending;
            }
        }
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let request = without_null_params(request);
        let is_exit = request.method() == "exit";
        let method = request.method().to_string();
        let id = request.id().cloned();
        if is_exit {
            // Not passed on: tower-lsp cancels every pending request when it
            // sees `exit`, which would drop the reply to a `shutdown` (or even
            // `initialize`) sent right before it. The session ends once the
            // handlers before `exit` are done and their replies written.
            if let Some(tx) = self.exited.take() {
                let in_flight = self.in_flight.clone();
                tokio::spawn(async move {
                    let started = tokio::time::Instant::now();
                    while in_flight.load(Ordering::SeqCst) > 0 && started.elapsed() < EXIT_GRACE {
                        tokio::time::sleep(Duration::from_millis(2)).await;
                    }
                    let _ = tx.send(());
                });
            }
            return futures::future::ready(Ok(None)).boxed();
        }
        if let Some(reply) = self.direct.as_ref().and_then(|(d, _)| d.take(&request)) {
            return self.answer_directly(reply, id, method);
        }
        let is_initialize = request.method() == "initialize";
        if is_initialize {
            self.initializing.busy.store(true, Ordering::SeqCst);
        }
        let future = self.inner.call(request);
        let initializing = self.initializing.clone();
        let in_flight = self.in_flight.clone();
        let answered = self.answered.clone();
        in_flight.fetch_add(1, Ordering::SeqCst);
        AssertUnwindSafe(future)
            .catch_unwind()
            .map(move |result| match result {
                Ok(response) => response,
                Err(_) => {
                    // The panic message itself went to stderr through the panic hook.
                    eprintln!("arendelint lsp: the {method} handler panicked; the server goes on");
                    Ok(id.map(|id| Response::from_error(id, Error::internal_error())))
                }
            })
            .map(move |result| {
                // Counted before the handler counts as finished, so that the
                // wait at `exit` sees the response it must write.
                if matches!(result, Ok(Some(_))) {
                    answered.fetch_add(1, Ordering::SeqCst);
                }
                in_flight.fetch_sub(1, Ordering::SeqCst);
                if is_initialize {
                    initializing.busy.store(false, Ordering::SeqCst);
                    initializing.waker.wake();
                }
                result
            })
            .boxed()
    }
}

impl<S> Shim<S> {
    /// Runs a reply taken by [`Direct`] and sends it; a panic becomes an
    /// internal error, as for tower-lsp's handlers.
    fn answer_directly<E: Send + 'static>(
        &self,
        reply: BoxFuture<'static, Vec<u8>>,
        id: Option<Id>,
        method: String,
    ) -> BoxFuture<'static, Result<Option<Response>, E>> {
        let Some((_, outbox)) = self.direct.as_ref() else {
            return futures::future::ready(Ok(None)).boxed();
        };
        let outbox = outbox.clone();
        let in_flight = self.in_flight.clone();
        let answered = self.answered.clone();
        in_flight.fetch_add(1, Ordering::SeqCst);
        AssertUnwindSafe(reply)
            .catch_unwind()
            .map(move |body| {
                let body = body.unwrap_or_else(|_| {
                    eprintln!("arendelint lsp: the {method} handler panicked; the server goes on");
                    let error =
                        Response::from_error(id.unwrap_or(Id::Null), Error::internal_error());
                    serde_json::to_vec(&error).unwrap_or_default()
                });
                // Counted before it is queued, as tower-lsp's replies are.
                answered.fetch_add(1, Ordering::SeqCst);
                outbox.send(&body);
                in_flight.fetch_sub(1, Ordering::SeqCst);
                Ok(None)
            })
            .boxed()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Outgoing;
    use std::convert::Infallible;
    use tower_lsp::jsonrpc::{ErrorCode, Id};

    /// Panics on `boom`, echoes the params' presence otherwise.
    struct Fake;

    impl Service<Request> for Fake {
        type Response = Option<Response>;
        type Error = Infallible;
        type Future = BoxFuture<'static, Result<Option<Response>, Infallible>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, request: Request) -> Self::Future {
            let boom = request.method() == "boom";
            let has_params = request.params().is_some();
            let id = request.id().cloned();
            async move {
                assert!(!boom, "handler bug");
                Ok(id.map(|id| Response::from_ok(id, serde_json::json!(has_params))))
            }
            .boxed()
        }
    }

    #[tokio::test]
    async fn a_panicking_handler_becomes_an_internal_error() {
        let (mut shim, _) = Shim::new(Fake);
        let response = shim.call(Request::build("boom").id(4).finish()).await;
        let Ok(Some(response)) = response else {
            panic!("a response");
        };
        let (id, result) = response.into_parts();
        assert_eq!(id, Id::Number(4));
        assert_eq!(result.map_err(|e| e.code), Err(ErrorCode::InternalError));
        // A notification that panics is simply dropped.
        assert!(matches!(
            shim.call(Request::build("boom").finish()).await,
            Ok(None)
        ));
    }

    #[tokio::test]
    async fn null_params_are_dropped_and_exit_is_signalled() {
        let (mut shim, exited) = Shim::new(Fake);
        let shutdown = Request::build("shutdown")
            .id(1)
            .params(serde_json::Value::Null)
            .finish();
        let Ok(Some(response)) = shim.call(shutdown).await else {
            panic!("a response");
        };
        assert_eq!(response.into_parts().1, Ok(serde_json::json!(false)));
        let _ = shim.call(Request::build("exit").finish()).await;
        assert!(exited.await.is_ok());
    }

    /// Answers `direct` and panics on `direct-boom`.
    struct Echo;

    impl Direct for Echo {
        fn take(&self, request: &Request) -> Option<BoxFuture<'static, Vec<u8>>> {
            let boom = match request.method() {
                "direct" => false,
                "direct-boom" => true,
                _ => return None,
            };
            Some(
                async move {
                    assert!(!boom, "direct handler bug");
                    br#"{"jsonrpc":"2.0","result":1,"id":1}"#.to_vec()
                }
                .boxed(),
            )
        }
    }

    #[tokio::test]
    async fn direct_replies_go_to_the_outbox_and_are_counted() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let (shim, _) = Shim::new(Fake);
        let mut shim = shim.with_direct(Arc::new(Echo), Outbox::new(tx));
        let answered = shim.answered();
        let taken = shim.call(Request::build("direct").id(1).finish()).await;
        assert!(matches!(taken, Ok(None)));
        assert_eq!(
            rx.try_recv().ok().as_ref().map(Outgoing::body),
            Some(&br#"{"jsonrpc":"2.0","result":1,"id":1}"#[..])
        );
        // A panic is an internal error for that request; the shim goes on.
        let taken = shim
            .call(Request::build("direct-boom").id(2).finish())
            .await;
        assert!(matches!(taken, Ok(None)));
        let error: serde_json::Value =
            serde_json::from_slice(rx.try_recv().as_ref().map_or(&[][..], Outgoing::body))
                .unwrap_or_default();
        assert_eq!(
            (error["id"].clone(), error["error"]["code"].clone()),
            (serde_json::json!(2), serde_json::json!(-32603))
        );
        assert_eq!(answered.load(Ordering::SeqCst), 2);
        // Anything else still reaches the service.
        let passed = shim.call(Request::build("other").id(3).finish()).await;
        assert!(matches!(passed, Ok(Some(_))));
    }
}
