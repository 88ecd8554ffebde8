//! The record of one run: each top-level task's `started`, `settled`, `outcome` and
//! `cancelRequested`, and the gather's outcome, read off a virtual clock; and `Recorded`,
//! the wrapper that fills a task's record from its polls and its drop.

use crate::outcome::{Failure, Outcome};
use serde_json::{json, Value};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

#[derive(Default)]
struct Record {
    started: Option<u64>,
    settled: Option<u64>,
    outcome: Option<&'static str>,
    cancel_requested: Option<u64>,
}

#[derive(Default)]
struct Book {
    records: Vec<Record>,
    gather: Option<(u64, Outcome)>,
    closed: bool,
}

/// The shared record of a run, and the clock it reads (virtual ms).
pub struct Ledger<C> {
    book: Arc<Mutex<Book>>,
    clock: C,
}

impl<C: Clone> Clone for Ledger<C> {
    fn clone(&self) -> Self {
        Ledger {
            book: Arc::clone(&self.book),
            clock: self.clock.clone(),
        }
    }
}

impl<C: Fn() -> u64 + Clone> Ledger<C> {
    /// A record of `tasks` top-level tasks, none started.
    pub fn new(tasks: usize, clock: C) -> Self {
        let book = Book {
            records: (0..tasks).map(|_| Record::default()).collect(),
            ..Book::default()
        };
        Ledger {
            book: Arc::new(Mutex::new(book)),
            clock,
        }
    }

    /// Changes the book at the clock's time, unless the run is over: what the end of a run
    /// drops is not an event of the run.
    fn update(&self, change: impl FnOnce(&mut Book, u64)) {
        let mut book = self.book.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !book.closed {
            change(&mut book, (self.clock)());
        }
    }

    /// Task `task` was polled: it starts at its first poll.
    pub fn start(&self, task: usize) {
        self.update(|book, now| {
            book.records[task].started.get_or_insert(now);
        });
    }

    /// Task `task` ended with `outcome`.
    pub fn settle(&self, task: usize, outcome: &Outcome) {
        let kind = match outcome {
            Ok(_) => "value",
            Err(Failure::Cancelled) => "cancelled",
            Err(_) => "error",
        };
        self.update(|book, now| {
            let record = &mut book.records[task];
            record.settled = Some(now);
            record.outcome = Some(kind);
        });
    }

    /// Task `task` was dropped before it ended: it is cancelled now, and that was a request.
    pub fn drop_unsettled(&self, task: usize) {
        self.update(|book, now| {
            let record = &mut book.records[task];
            record.cancel_requested.get_or_insert(now);
            record.settled = Some(now);
            record.outcome = Some("cancelled");
        });
    }

    /// A cancellation was requested of task `task` from outside; it counts if the task is unfinished.
    pub fn request_cancel(&self, task: usize) {
        self.update(|book, now| {
            let record = &mut book.records[task];
            if record.settled.is_none() {
                record.cancel_requested.get_or_insert(now);
            }
        });
    }

    /// The gather settled with `outcome` now (only its first settling counts).
    pub fn settle_gather(&self, outcome: Outcome) {
        self.update(|book, now| {
            book.gather.get_or_insert((now, outcome));
        });
    }

    /// Ends the run and writes its OBSERVATION; nothing after this is recorded.
    pub fn close(&self) -> Value {
        let mut book = self.book.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        book.closed = true;
        let gather = match &book.gather {
            None => json!({"pending": true}),
            Some((at, Ok(value))) => json!({"at": at, "value": value}),
            Some((at, Err(failure))) => json!({"at": at, "error": failure.json()}),
        };
        let tasks: Vec<Value> = book
            .records
            .iter()
            .map(|record| {
                json!({
                    "started": record.started,
                    "settled": record.settled,
                    "outcome": record.outcome.unwrap_or("pending"),
                    "cancelRequested": record.cancel_requested,
                })
            })
            .collect();
        json!({"gather": gather, "tasks": tasks, "unhandled": []})
    }
}

/// A top-level task's future, recording into the ledger: started at its first poll,
/// settled when it ends, cancelled when it is dropped unfinished.
pub struct Recorded<F, C: Fn() -> u64 + Clone> {
    inner: F,
    ledger: Ledger<C>,
    task: usize,
    settled: bool,
}

impl<F, C: Fn() -> u64 + Clone> Recorded<F, C> {
    /// Wraps top-level task `task`'s future.
    pub fn new(inner: F, ledger: Ledger<C>, task: usize) -> Self {
        Recorded {
            inner,
            ledger,
            task,
            settled: false,
        }
    }
}

impl<F, C> Future for Recorded<F, C>
where
    F: Future<Output = Outcome> + Unpin,
    C: Fn() -> u64 + Clone + Unpin,
{
    type Output = Outcome;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        let this = self.get_mut();
        this.ledger.start(this.task);
        let outcome = futures::ready!(Pin::new(&mut this.inner).poll(cx));
        this.settled = true;
        this.ledger.settle(this.task, &outcome);
        Poll::Ready(outcome)
    }
}

impl<F, C: Fn() -> u64 + Clone> Drop for Recorded<F, C> {
    fn drop(&mut self) {
        if !self.settled {
            self.ledger.drop_unsettled(self.task);
        }
    }
}
