//! What a child ends with, and the gather itself: `futures::future::try_join_all` (fail fast,
//! asyncio's `return_exceptions=False`) or `futures::future::join_all` over children whose
//! output is a `Result` (every outcome in its slot, asyncio's `return_exceptions=True`).

use crate::scenario::End;
use futures::future::{join_all, try_join_all};
use serde_json::{json, Value};
use std::future::Future;

/// Why a child failed: an error of its script, or a cancellation (an abort).
#[derive(Clone, Debug)]
pub enum Failure {
    /// A fresh error; `task` is the top-level task whose script created it, if any.
    Error {
        name: String,
        message: String,
        task: Option<usize>,
    },
    Cancelled,
}

/// A child's outcome. A value is written as the OBSERVATION writes it: a leaf's value as
/// is, a nested gather's as its list of RESULTs.
pub type Outcome = Result<Value, Failure>;

impl Failure {
    /// The ERROR of the protocol (docs/protocol.md#observation).
    pub fn json(&self) -> Value {
        match self {
            Failure::Cancelled => json!({"name": "CancelledError", "message": ""}),
            Failure::Error {
                name,
                message,
                task: None,
            } => json!({"name": name, "message": message}),
            Failure::Error {
                name,
                message,
                task: Some(task),
            } => {
                json!({"name": name, "message": message, "task": task})
            }
        }
    }
}

impl End {
    /// What a sleeping task ends with once its sleep is over; `top` is its top-level index.
    pub fn outcome(&self, top: Option<usize>) -> Outcome {
        match self {
            End::Value(value) => Ok(value.clone()),
            End::Error { name, message } => Err(Failure::Error {
                name: name.clone(),
                message: message.clone(),
                task: top,
            }),
        }
    }
}

/// One slot of a gather's result list: `{"value": V}` or `{"error": ERROR}`.
pub fn result_json(outcome: &Outcome) -> Value {
    match outcome {
        Ok(value) => json!({ "value": value }),
        Err(failure) => json!({ "error": failure.json() }),
    }
}

/// The gather: `try_join_all` when `return_exceptions` is false (the first failure is the
/// gather's, and the other children are dropped at once), `join_all` when it is true.
pub async fn join<F>(children: Vec<F>, return_exceptions: bool) -> Outcome
where
    F: Future<Output = Outcome>,
{
    if return_exceptions {
        let outcomes = join_all(children).await;
        Ok(Value::Array(outcomes.iter().map(result_json).collect()))
    } else {
        let values = try_join_all(children).await?;
        Ok(Value::Array(
            values.into_iter().map(|value| json!({ "value": value })).collect(),
        ))
    }
}
