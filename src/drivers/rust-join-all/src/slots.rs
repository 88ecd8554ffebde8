//! A gather's arguments: one `Shared` future per distinct task, cloned into every slot that
//! names it, so a task passed twice runs once and fills both slots (Rust cannot pass one
//! future twice any other way).

use crate::outcome::Outcome;
use futures::future::Shared;
use std::future::Future;

/// The futures of `args` (indices into `tasks`). The given futures are consumed, so when the
/// gather drops its slots, nothing else holds a task.
pub fn slots<F>(tasks: Vec<Shared<F>>, args: &[usize]) -> Vec<Shared<F>>
where
    F: Future<Output = Outcome>,
{
    args.iter().map(|&i| tasks[i].clone()).collect()
}
