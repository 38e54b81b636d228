//! Parallel work, results in order: files are checked on rayon's pool and each
//! result is handed on as soon as its turn comes, so a run can write file by
//! file instead of holding every file's findings until the end.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

type Outcome<R> = std::thread::Result<R>;

struct State<R> {
    /// Finished results that wait for their turn.
    done: BTreeMap<usize, Outcome<R>>,
    /// How many results have been handed to the sink.
    handed: usize,
    /// Threads waiting on `ready` and on `room`: a notification with no one
    /// waiting is skipped (each is a system call, one per file otherwise).
    waiting_ready: usize,
    waiting_room: usize,
}

fn lock<R>(state: &Mutex<State<R>>) -> MutexGuard<'_, State<R>> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Calls `work` on every item on rayon's global pool and `sink` on the results
/// in item order, on the calling thread, while later items are still being
/// worked on. The calling thread is one of the workers (as many in all as the
/// pool has threads): it checks an item itself whenever the result it must
/// hand on next is not ready, instead of sleeping until another thread wakes
/// it; with one thread everything runs on the caller, with no hand-over at
/// all. Items are taken in order and a pool worker waits while its item is
/// `window` or more ahead of the sink, so at most about `window` results are
/// held at any time. A panic in `work` is passed on to the caller when that
/// item's turn comes.
pub fn for_each_ordered<T, R>(
    items: &[T],
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R),
) where
    T: Sync,
    R: Send,
{
    let window = window.max(1);
    let next = AtomicUsize::new(0);
    let state = Mutex::new(State {
        done: BTreeMap::new(),
        handed: 0,
        waiting_ready: 0,
        waiting_room: 0,
    });
    let ready = Condvar::new();
    let room = Condvar::new();
    let run = |i: usize| panic::catch_unwind(AssertUnwindSafe(|| work(&items[i])));
    let workers = rayon::current_num_threads().clamp(1, items.len().max(1));
    rayon::in_place_scope(|scope| {
        for _ in 1..workers {
            scope.spawn(|_| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() {
                    break;
                }
                {
                    // The item the sink waits for is never held back here.
                    let mut st = lock(&state);
                    while i >= st.handed.saturating_add(window) {
                        st.waiting_room += 1;
                        st = room.wait(st).unwrap_or_else(PoisonError::into_inner);
                        st.waiting_room -= 1;
                    }
                }
                let outcome = run(i);
                if finish(&state, i, outcome) {
                    ready.notify_all();
                }
            });
        }
        for i in 0..items.len() {
            let (outcome, room_waited) = 'turn: loop {
                {
                    let mut st = lock(&state);
                    if let Some(outcome) = st.done.remove(&i) {
                        st.handed = i + 1;
                        break 'turn (outcome, st.waiting_room > 0);
                    }
                    let untaken = next.load(Ordering::Relaxed);
                    if untaken >= items.len() || untaken >= i.saturating_add(window) {
                        // Nothing left that the caller may take: item i is
                        // being worked on elsewhere. Wait for a result.
                        st.waiting_ready += 1;
                        let mut st = ready.wait(st).unwrap_or_else(PoisonError::into_inner);
                        st.waiting_ready -= 1;
                        continue 'turn;
                    }
                }
                // Not ready: check the next untaken item here (often item i
                // itself), without the lock.
                let j = next.fetch_add(1, Ordering::Relaxed);
                if j < items.len() {
                    // Only the caller waits on `ready`, and it is here.
                    finish(&state, j, run(j));
                }
            };
            if room_waited {
                room.notify_all();
            }
            let outcome =
                outcome.and_then(|result| panic::catch_unwind(AssertUnwindSafe(|| sink(result))));
            if let Err(payload) = outcome {
                // Let the workers run out (no waiting, no new items) so that
                // the scope ends, then pass the panic on.
                next.store(items.len(), Ordering::Relaxed);
                lock(&state).handed = items.len();
                room.notify_all();
                panic::resume_unwind(payload);
            }
        }
    });
}

/// Stores item `i`'s outcome; whether a thread waits for one.
fn finish<R>(state: &Mutex<State<R>>, i: usize, outcome: Outcome<R>) -> bool {
    let mut st = lock(state);
    st.done.insert(i, outcome);
    st.waiting_ready > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_item_order() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        // Uneven work, so that later items often finish first.
        for_each_ordered(
            &items,
            4,
            |&n| {
                let mut x = n;
                for _ in 0..(n % 7) * 10_000 {
                    x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(1));
                }
                let _ = x;
                n * 2
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, (0..500).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn at_most_about_a_window_of_results_is_held() {
        let items: Vec<u64> = (0..300).collect();
        let started = AtomicUsize::new(0);
        let mut sunk = 0;
        let mut most_ahead = 0;
        for_each_ordered(
            &items,
            3,
            |&n| {
                started.fetch_add(1, Ordering::SeqCst);
                // The first item of every ten is slow, so others pile up behind it.
                if n % 10 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                n
            },
            |n| {
                assert_eq!(n, sunk);
                sunk += 1;
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - sunk as usize);
            },
        );
        assert_eq!(sunk, 300);
        // The window, plus an item taken by each thread while the window filled.
        assert!(
            most_ahead <= 3 + rayon::current_num_threads(),
            "{most_ahead}"
        );
    }

    #[test]
    fn no_items_no_calls() {
        let mut calls = 0;
        for_each_ordered(&[] as &[u8], 4, |_| 1, |_: i32| calls += 1);
        assert_eq!(calls, 0);
    }
}
