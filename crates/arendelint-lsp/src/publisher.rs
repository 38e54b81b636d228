//! The push loop: one task publishes, so diagnostics leave in order, and a
//! burst of edits is coalesced by draining the queue before analysing.

use crate::state::Shared;
use futures::FutureExt;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedReceiver;
use tower_lsp::lsp_types::Url;

pub async fn run(shared: Arc<Shared>, mut queue: UnboundedReceiver<Url>) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        // Everything that arrived meanwhile: each document is analysed once, at
        // its newest version, so stale versions are dropped without a timer.
        while let Ok(uri) = queue.try_recv() {
            if !batch.contains(&uri) {
                batch.push(uri);
            }
        }
        for uri in &batch {
            // A bug while publishing one document must not stop all pushes.
            if AssertUnwindSafe(shared.publish(uri))
                .catch_unwind()
                .await
                .is_err()
            {
                eprintln!("arendelint lsp: publishing diagnostics for {uri} panicked");
            }
        }
    }
}
