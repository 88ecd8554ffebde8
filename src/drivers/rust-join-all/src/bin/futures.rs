//! `rust-futures-join-all`: the futures crate's `try_join_all` (fail fast) and `join_all`
//! (for `returnExceptions`) over plain, lazy futures, as a gather-sim/1 subject
//! (docs/protocol.md). Each scenario runs on a fresh `futures::executor::LocalPool` with a
//! timer queue of this file's own, on virtual time: when every task is stalled, the clock
//! jumps to the next timer. Nothing waits in real time.
//!
//! Mapping choices:
//! - A child is an `async` block: it starts when the gather first polls it (`started`), and
//!   a child the gather drops before polling it never starts (`started: null`).
//! - "Cancel the gather" (`cancelGatherAt`) aborts it: the gather is wrapped in
//!   `futures::future::abortable`, which then ends with `Aborted` (written as a
//!   `CancelledError`) and drops the gather and with it every unfinished child.
//!   Cancelling a task from outside (`cancelTasks`) aborts that child's own `abortable`.
//! - `onCancel` means nothing here: a cancelled future is dropped and runs no code after
//!   its last poll, so it cannot clean up, raise, or ignore the request.
//! - A task passed twice is one `Shared` future in both slots.
//! - `try_join_all` fails with the first error it polls and drops every other child then.
//! - `unhandled` is always empty: an error nobody awaits is simply dropped.
//!
//!   gather-sim check rust-futures-join-all

use futures::executor::{LocalPool, LocalSpawner};
use futures::future::{abortable, AbortHandle, FutureExt, LocalBoxFuture};
use futures::task::LocalSpawnExt;
use gather_sim_rust::ledger::{Ledger, Recorded};
use gather_sim_rust::outcome::{join, Failure, Outcome};
use gather_sim_rust::protocol::serve;
use gather_sim_rust::scenario::{Gather, Scenario, Task};
use gather_sim_rust::slots::slots;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

/// Where a pending sleep leaves its waker for the timer queue.
type Alarm = RefCell<Option<Waker>>;

/// The virtual clock and its timers, in (time, creation) order.
#[derive(Default)]
struct Timers {
    now: Cell<u64>,
    created: Cell<u64>,
    queue: RefCell<BTreeMap<(u64, u64), Weak<Alarm>>>,
}

impl Timers {
    /// A future that is ready once the clock reads `at`.
    fn sleep_until(self: &Rc<Self>, at: u64) -> Sleep {
        Sleep {
            at,
            timers: Rc::clone(self),
            alarm: None,
        }
    }

    /// Moves the clock to the next live timer and wakes every timer due then; false when
    /// no timer is left (the run is over). A dropped sleep's timer is not live.
    fn advance(&self) -> bool {
        let due: Vec<Rc<Alarm>> = {
            let mut queue = self.queue.borrow_mut();
            queue.retain(|_, alarm| alarm.strong_count() > 0);
            let at = match queue.keys().next() {
                Some(&(at, _)) => at,
                None => return false,
            };
            self.now.set(at);
            let keys: Vec<(u64, u64)> = queue.range((at, 0)..=(at, u64::MAX)).map(|(&key, _)| key).collect();
            keys.iter()
                .filter_map(|key| queue.remove(key).and_then(|alarm| alarm.upgrade()))
                .collect()
        };
        for alarm in due {
            if let Some(waker) = alarm.borrow_mut().take() {
                waker.wake();
            }
        }
        true
    }
}

/// A sleep until a virtual time; its timer is armed at its first poll.
struct Sleep {
    at: u64,
    timers: Rc<Timers>,
    alarm: Option<Rc<Alarm>>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.timers.now.get() >= self.at {
            return Poll::Ready(());
        }
        let timers = Rc::clone(&self.timers);
        let at = self.at;
        let alarm = self.alarm.get_or_insert_with(|| {
            let alarm = Rc::new(RefCell::new(None));
            let order = timers.created.get();
            timers.created.set(order + 1);
            timers.queue.borrow_mut().insert((at, order), Rc::downgrade(&alarm));
            alarm
        });
        *alarm.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// A task's future: its script, or a nested gather of its own children.
fn task_future(task: &Task, top: Option<usize>, timers: &Rc<Timers>) -> LocalBoxFuture<'static, Outcome> {
    match task {
        Task::Sleep { ms, end } => {
            let end = end.clone();
            let sleep = timers.sleep_until(timers.now.get() + ms);
            async move {
                sleep.await;
                end.outcome(top)
            }
            .boxed_local()
        }
        Task::Hang => futures::future::pending().boxed_local(),
        Task::Gather(gather) => {
            let gather = gather.clone();
            let timers = Rc::clone(timers);
            async move {
                let children = gather
                    .tasks
                    .iter()
                    .map(|task| task_future(task, None, &timers).shared())
                    .collect();
                join(slots(children, &gather.args), gather.return_exceptions).await
            }
            .boxed_local()
        }
    }
}

fn aborted(result: Result<Outcome, futures::future::Aborted>) -> Outcome {
    result.unwrap_or(Err(Failure::Cancelled))
}

/// Runs one scenario to the end of its timers and returns its OBSERVATION.
fn observe(scenario: &Scenario) -> Value {
    let timers = Rc::new(Timers::default());
    let clock = {
        let timers = Rc::clone(&timers);
        move || timers.now.get()
    };
    let ledger = Ledger::new(scenario.gather.tasks.len(), clock);
    let mut pool = LocalPool::new();
    let spawner = pool.spawner();
    let top: &Gather = &scenario.gather;
    let mut handles: Vec<AbortHandle> = Vec::new();
    let mut children = Vec::new();
    for (i, task) in top.tasks.iter().enumerate() {
        let (child, handle) = abortable(task_future(task, Some(i), &timers));
        handles.push(handle);
        children.push(
            Recorded::new(child.map(aborted).boxed_local(), ledger.clone(), i)
                .boxed_local()
                .shared(),
        );
    }
    let (gather, gather_handle) = abortable(join(slots(children, &top.args), top.return_exceptions));
    spawn(&spawner, {
        let ledger = ledger.clone();
        async move { ledger.settle_gather(aborted(gather.await)) }
    });
    // Every child takes its first step at 0 before any event from outside (rule R1).
    pool.run_until_stalled();
    if let Some(at) = scenario.cancel_gather_at {
        let sleep = timers.sleep_until(at);
        spawn(&spawner, async move {
            sleep.await;
            gather_handle.abort();
        });
    }
    for request in &scenario.cancel_tasks {
        let (sleep, ledger, handle, task) = (
            timers.sleep_until(request.at),
            ledger.clone(),
            handles[request.task].clone(),
            request.task,
        );
        spawn(&spawner, async move {
            sleep.await;
            ledger.request_cancel(task);
            handle.abort();
        });
    }
    pool.run_until_stalled();
    while timers.advance() {
        pool.run_until_stalled();
    }
    ledger.close()
}

fn spawn(spawner: &LocalSpawner, future: impl Future<Output = ()> + 'static) {
    spawner.spawn_local(future).expect("the pool of this run is alive");
}

fn main() {
    serve("rust-futures-join-all", observe);
}
