//! Message framing in front of tower-lsp. tower-lsp ends the whole session on
//! the first undecodable message (its framed reader stops after an error), so
//! every frame is checked here first: a malformed one is answered with a
//! JSON-RPC error and never reaches tower-lsp.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream,
};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tower_lsp::jsonrpc::{Request, Response};

/// Larger bodies from the client are discarded (and answered with an error)
/// instead of buffered. The server's own output has no such limit: its size is
/// bounded by the diagnostics cap per document instead.
const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

pub enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`, or a body above the limit.
    Unusable(&'static str),
}

/// Reads one `Content-Length`-framed message from the client; `None` at the
/// end of the input.
pub async fn read_frame<R: AsyncBufRead + Unpin>(input: &mut R) -> std::io::Result<Option<Frame>> {
    read_frame_limited(input, MAX_BODY_BYTES).await
}

/// Reads one frame whose body may be at most `limit` bytes.
async fn read_frame_limited<R: AsyncBufRead + Unpin>(
    input: &mut R,
    limit: usize,
) -> std::io::Result<Option<Frame>> {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Some(Frame::Unusable(
            "missing or invalid Content-Length header",
        )));
    };
    if length > limit {
        tokio::io::copy(&mut input.take(length as u64), &mut tokio::io::sink()).await?;
        return Ok(Some(Frame::Unusable("message too large")));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await?;
    Ok(Some(Frame::Body(body)))
}

/// `None` when tower-lsp can decode the message, else the error response to send.
pub fn check(body: &[u8]) -> Option<Value> {
    if serde_json::from_slice::<Request>(body).is_ok()
        || serde_json::from_slice::<Response>(body).is_ok()
    {
        return None;
    }
    Some(match serde_json::from_slice::<Value>(body) {
        Err(_) => error_response(Value::Null, -32700, "Parse error"),
        Ok(value) => {
            let id = value
                .get("id")
                .filter(|id| id.is_number() || id.is_string())
                .cloned()
                .unwrap_or(Value::Null);
            error_response(id, -32600, "Invalid request")
        }
    })
}

fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// A message on its way to the client as the whole frame, header included:
/// the writer sends it as it is. A large body (thousands of diagnostics) is
/// written into its frame once, at its final size, instead of being built,
/// grown and copied behind a header.
pub struct Outgoing {
    frame: Vec<u8>,
    /// Where the body starts in `frame`.
    body_at: usize,
    /// The body length the header announces.
    announced: usize,
}

impl Outgoing {
    /// The frame of `body` (copied).
    pub fn new(body: &[u8]) -> Outgoing {
        let mut out = Outgoing::with_body_len(body.len());
        out.push(body);
        out
    }

    /// An empty frame for a body of `len` bytes, to be filled with
    /// [`push`](Self::push) and closed with [`finish`](Self::finish).
    pub fn with_body_len(len: usize) -> Outgoing {
        let header = format!("Content-Length: {len}\r\n\r\n");
        let mut frame = Vec::with_capacity(header.len() + len);
        frame.extend_from_slice(header.as_bytes());
        Outgoing {
            body_at: header.len(),
            announced: len,
            frame,
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.frame.extend_from_slice(bytes);
    }

    /// The frame, with its header corrected should the body not have the
    /// length announced (a miscount must not desynchronise the stream).
    pub fn finish(self) -> Outgoing {
        if self.body().len() == self.announced {
            return self;
        }
        Outgoing::new(self.body())
    }

    pub fn body(&self) -> &[u8] {
        self.frame.get(self.body_at..).unwrap_or_default()
    }

    pub fn frame(&self) -> &[u8] {
        &self.frame
    }
}

/// Client → server: forwards good frames to tower-lsp, answers bad ones.
pub async fn from_client<R: AsyncBufRead + Unpin>(
    mut input: R,
    mut server: DuplexStream,
    replies: UnboundedSender<Outgoing>,
) {
    while let Ok(Some(frame)) = read_frame(&mut input).await {
        let error = match frame {
            Frame::Body(body) => match check(&body) {
                None => {
                    if server
                        .write_all(Outgoing::new(&body).frame())
                        .await
                        .is_err()
                    {
                        break;
                    }
                    continue;
                }
                Some(error) => error,
            },
            Frame::Unusable(why) => error_response(Value::Null, -32700, why),
        };
        // Rendered once: stderr is unbuffered, and formatting the JSON value
        // into it wrote each piece with a system call of its own.
        let reply = error.to_string();
        eprintln!("arendelint lsp: rejected a malformed message: {reply}");
        let _ = replies.send(Outgoing::new(reply.as_bytes()));
    }
    // Dropping `server` ends tower-lsp's input: the client is gone.
}

/// Server → client: tower-lsp's messages, frame by frame, into the shared queue.
pub async fn from_server<R: AsyncBufRead + Unpin>(
    mut output: R,
    replies: UnboundedSender<Outgoing>,
) {
    // tower-lsp's own frames: trusted, so no size limit (a large diagnostics
    // reply must reach the client, not silence the server).
    while let Ok(Some(frame)) = read_frame_limited(&mut output, usize::MAX).await {
        let Frame::Body(body) = frame else {
            continue;
        };
        if replies.send(Outgoing::new(&body)).is_err() {
            break;
        }
    }
}

/// What has been written to the client, for the wait at `exit`.
#[derive(Default)]
pub struct Written {
    /// Frames of any kind.
    pub frames: AtomicU64,
    /// Responses of tower-lsp's (see [`is_response`]).
    pub responses: AtomicU64,
}

/// Where frames for the client are written.
pub enum Output<W> {
    /// An async stream (in-memory pipes in tests and benchmarks).
    Stream(W),
    /// A file handle on the client's pipe (stdout), written on the blocking
    /// pool: each frame is moved there, not copied into another buffer, and
    /// std's line buffering of stdout (which searches every frame for its
    /// last newline) is not in the way.
    File(Arc<std::fs::File>),
}

/// Writes whole frames from both sources, so they never interleave, and
/// counts them in `written`.
pub async fn to_client<W: AsyncWrite + Unpin>(
    mut out: Output<W>,
    mut queue: UnboundedReceiver<Outgoing>,
    written: Arc<Written>,
) {
    while let Some(outgoing) = queue.recv().await {
        let response = is_response(outgoing.body());
        let sent = match &mut out {
            Output::Stream(stream) => {
                stream.write_all(outgoing.frame()).await.is_ok() && stream.flush().await.is_ok()
            }
            Output::File(file) => {
                let file = file.clone();
                tokio::task::spawn_blocking(move || {
                    use std::io::Write;
                    (&*file)
                        .write_all(outgoing.frame())
                        .and_then(|()| (&*file).flush())
                })
                .await
                .is_ok_and(|result| result.is_ok())
            }
        };
        if !sent {
            break;
        }
        if response {
            written.responses.fetch_add(1, Ordering::SeqCst);
        }
        written.frames.fetch_add(1, Ordering::SeqCst);
    }
}

/// A response as tower-lsp serialises one: `jsonrpc`, then `result` or
/// `error`, then `id` (its requests and notifications have `method` second).
/// Looking at the prefix keeps a large diagnostics reply from being parsed
/// twice; a test pins tower-lsp's field order.
pub fn is_response(body: &[u8]) -> bool {
    body.starts_with(br#"{"jsonrpc":"2.0","result""#)
        || body.starts_with(br#"{"jsonrpc":"2.0","error""#)
}

pub fn queue() -> (UnboundedSender<Outgoing>, UnboundedReceiver<Outgoing>) {
    unbounded_channel()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn frames_and_checks() {
        let bytes = b"Content-Length: 2\r\n\r\n{}content-length:40\r\nContent-Type: x\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}\nX: y\r\n\r\n";
        let mut input = &bytes[..];
        let Ok(Some(Frame::Body(first))) = read_frame(&mut input).await else {
            panic!("a first frame");
        };
        assert_eq!(
            check(&first).map(|e| e["error"]["code"].clone()),
            Some(json!(-32600))
        );
        let Ok(Some(Frame::Body(second))) = read_frame(&mut input).await else {
            panic!("a second frame");
        };
        assert!(check(&second).is_none());
        assert!(matches!(
            read_frame(&mut input).await,
            Ok(Some(Frame::Unusable(_)))
        ));
        assert!(matches!(read_frame(&mut input).await, Ok(None)));
        let e = check(b"{oops").unwrap_or_default();
        assert_eq!(
            (e["error"]["code"].clone(), e["id"].clone()),
            (json!(-32700), Value::Null)
        );
        let e = check(br#"{"jsonrpc":"2.0","id":7,"method":5}"#).unwrap_or_default();
        assert_eq!(e["id"], 7);
    }

    #[test]
    fn a_frame_announces_the_length_of_its_body() {
        let mut exact = Outgoing::with_body_len(7);
        exact.push(b"{\"a\":");
        exact.push(b"1}");
        let exact = exact.finish();
        assert_eq!(exact.frame(), b"Content-Length: 7\r\n\r\n{\"a\":1}");
        assert_eq!(exact.body(), b"{\"a\":1}");
        // A miscounted body gets a corrected header, not a broken stream.
        let mut short = Outgoing::with_body_len(40);
        short.push("{\"å\":1}".as_bytes());
        assert_eq!(
            short.finish().frame(),
            "Content-Length: 8\r\n\r\n{\"å\":1}".as_bytes()
        );
        assert_eq!(Outgoing::new(b"{}").frame(), b"Content-Length: 2\r\n\r\n{}");
    }

    #[test]
    fn responses_are_told_from_requests_by_tower_lsps_field_order() {
        use tower_lsp::jsonrpc::{Error, Id};
        let ok = Response::from_ok(Id::Number(1), json!({"capabilities": {"method": 1}}));
        let err = Response::from_error(Id::Number(2), Error::internal_error());
        for response in [ok, err] {
            let body = serde_json::to_vec(&response).unwrap_or_default();
            assert!(is_response(&body), "{}", String::from_utf8_lossy(&body));
        }
        let request = Request::build("workspace/configuration")
            .id(3)
            .params(json!({"items": []}))
            .finish();
        let notification = Request::build("textDocument/publishDiagnostics")
            .params(json!({"uri": "file:///a.md", "diagnostics": []}))
            .finish();
        for message in [request, notification] {
            let body = serde_json::to_vec(&message).unwrap_or_default();
            assert!(!is_response(&body), "{}", String::from_utf8_lossy(&body));
        }
    }
}
