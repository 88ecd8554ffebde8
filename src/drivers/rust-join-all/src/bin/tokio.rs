//! `rust-tokio-join-all`: the futures crate's `try_join_all` (fail fast) and `join_all` (for
//! `returnExceptions`) over tokio tasks: every child is `tokio::spawn`ed and the gather
//! awaits their `JoinHandle`s. A gather-sim/1 subject (docs/protocol.md). Each scenario runs
//! on a fresh `current_thread` runtime built with `start_paused(true)` (tokio's `test-util`):
//! when every task is idle, tokio moves its paused clock to the next timer. Nothing waits in
//! real time.
//!
//! Mapping choices:
//! - A child is a task spawned at 0; it starts when tokio first polls it. A nested gather is a
//!   task that spawns its own children and joins their handles.
//! - The gather runs in a task of its own (the task that awaits it). "Cancel the gather"
//!   (`cancelGatherAt`) aborts that task (`JoinHandle::abort`): the gather future is dropped,
//!   and with it the children's `JoinHandle`s, which detaches the children: they run on.
//!   Cancelling a task from outside (`cancelTasks`) aborts that child's task.
//! - `onCancel` means nothing here: an aborted task's future is dropped and runs no code after
//!   its last poll, so it cannot clean up, raise, or ignore the request.
//! - A task passed twice is one `Shared` future (over its `JoinHandle`) in both slots.
//! - `try_join_all` fails with the first error it polls and drops the other handles, which
//!   does not cancel their tasks.
//! - tokio's timer wheel holds deadlines up to 2^36 ms ahead, so every sleep is taken in
//!   pieces of at most 2^35 ms; the run ends once the clock passes the scenario's last time.
//! - `unhandled` is always empty: an error nobody awaits is simply dropped.
//!
//!   gather-sim check rust-tokio-join-all

use futures::future::{BoxFuture, FutureExt};
use gather_sim_rust::ledger::{Ledger, Recorded};
use gather_sim_rust::outcome::{join, Failure, Outcome};
use gather_sim_rust::protocol::serve;
use gather_sim_rust::scenario::{Gather, Scenario, Task};
use gather_sim_rust::slots::slots;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::task::{JoinError, JoinHandle};
use tokio::time::Instant;

/// The longest single sleep: half the reach of tokio's timer wheel (2^36 ms).
const PIECE_MS: u64 = 1 << 35;

/// Virtual ms since `base`, the runtime's start.
fn elapsed(base: Instant) -> u64 {
    Instant::now().duration_since(base).as_millis() as u64
}

/// Sleeps until `at` virtual ms after `base`, in pieces tokio's timer wheel holds.
async fn sleep_until(base: Instant, at: u64) {
    loop {
        let step = at.min(elapsed(base).saturating_add(PIECE_MS));
        tokio::time::sleep_until(base + Duration::from_millis(step)).await;
        if step >= at {
            return;
        }
    }
}

/// A spawned task's `JoinHandle`, which the gather awaits and an event from outside aborts.
#[derive(Clone)]
struct TaskHandle(Arc<Mutex<JoinHandle<Outcome>>>);

impl TaskHandle {
    fn spawn(future: impl Future<Output = Outcome> + Send + 'static) -> Self {
        TaskHandle(Arc::new(Mutex::new(tokio::spawn(future))))
    }

    fn abort(&self) {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).abort();
    }
}

impl Future for TaskHandle {
    type Output = Outcome;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        let mut handle = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Pin::new(&mut *handle).poll(cx).map(joined)
    }
}

/// What awaiting a task's handle gives: its outcome, or a cancellation if it was aborted.
fn joined(result: Result<Outcome, JoinError>) -> Outcome {
    match result {
        Ok(outcome) => outcome,
        Err(error) if error.is_cancelled() => Err(Failure::Cancelled),
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

/// A task's future: its script, or a nested gather over tasks of its own.
fn task_future(task: &Task, top: Option<usize>, base: Instant) -> BoxFuture<'static, Outcome> {
    match task {
        Task::Sleep { ms, end } => {
            let (ms, end) = (*ms, end.clone());
            async move {
                sleep_until(base, elapsed(base) + ms).await;
                end.outcome(top)
            }
            .boxed()
        }
        Task::Hang => futures::future::pending().boxed(),
        Task::Gather(gather) => {
            let gather = gather.clone();
            async move {
                let children = gather
                    .tasks
                    .iter()
                    .map(|task| TaskHandle::spawn(task_future(task, None, base)).boxed().shared())
                    .collect();
                join(slots(children, &gather.args), gather.return_exceptions).await
            }
            .boxed()
        }
    }
}

/// Records a cancelled gather when the task awaiting it is aborted before it settled.
struct GatherGuard<C: Fn() -> u64 + Clone>(Ledger<C>);

impl<C: Fn() -> u64 + Clone> Drop for GatherGuard<C> {
    fn drop(&mut self) {
        self.0.settle_gather(Err(Failure::Cancelled));
    }
}

/// The latest time anything of the scenario can happen: no child outlives its sleep (every
/// one starts at 0 and runs no code once cancelled), and no event comes later than its time.
fn horizon(scenario: &Scenario) -> u64 {
    fn latest(gather: &Gather) -> u64 {
        let ends = gather.tasks.iter().map(|task| match task {
            Task::Sleep { ms, .. } => *ms,
            Task::Hang => 0,
            Task::Gather(inner) => latest(inner),
        });
        ends.max().unwrap_or(0)
    }
    let events = scenario
        .cancel_tasks
        .iter()
        .map(|request| request.at)
        .chain(scenario.cancel_gather_at);
    events.fold(latest(&scenario.gather), u64::max)
}

/// Runs one scenario past its last time and returns its OBSERVATION.
fn observe(scenario: &Scenario) -> Value {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current_thread runtime builds");
    runtime.block_on(async {
        let base = Instant::now();
        let ledger = Ledger::new(scenario.gather.tasks.len(), move || elapsed(base));
        let top = &scenario.gather;
        let handles: Vec<TaskHandle> = top
            .tasks
            .iter()
            .enumerate()
            .map(|(i, task)| TaskHandle::spawn(Recorded::new(task_future(task, Some(i), base), ledger.clone(), i)))
            .collect();
        let children = handles.iter().map(|handle| handle.clone().boxed().shared()).collect();
        let gather = join(slots(children, &top.args), top.return_exceptions);
        let gather_task = tokio::spawn({
            let ledger = ledger.clone();
            async move {
                let _aborted = GatherGuard(ledger.clone());
                ledger.settle_gather(gather.await);
            }
        });
        if let Some(at) = scenario.cancel_gather_at {
            tokio::spawn(async move {
                sleep_until(base, at).await;
                gather_task.abort();
            });
        }
        for request in &scenario.cancel_tasks {
            let (at, task, handle, ledger) = (request.at, request.task, handles[request.task].clone(), ledger.clone());
            tokio::spawn(async move {
                sleep_until(base, at).await;
                ledger.request_cancel(task);
                handle.abort();
            });
        }
        sleep_until(base, horizon(scenario) + 1).await;
        ledger.close()
    })
}

fn main() {
    serve("rust-tokio-join-all", observe);
}
