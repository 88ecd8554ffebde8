//! A gather-sim/1 SCENARIO (docs/protocol.md#scenario), read from JSON into types. Every
//! shape the protocol forbids is an error naming its JSON path, never a panic.

use serde_json::{Map, Value};

/// The latest time a scenario may name, in virtual ms.
const MAX_TIME: u64 = 1_000_000_000_000;

/// A whole scenario: the top-level gather and the events from outside.
pub struct Scenario {
    pub gather: Gather,
    pub cancel_gather_at: Option<u64>,
    pub cancel_tasks: Vec<CancelTask>,
}

/// `cancelTasks` entry: cancel top-level task `task` at `at`.
pub struct CancelTask {
    pub task: usize,
    pub at: u64,
}

/// One gather: its distinct tasks and its arguments, as indices into `tasks`.
#[derive(Clone)]
pub struct Gather {
    pub tasks: Vec<Task>,
    pub args: Vec<usize>,
    pub return_exceptions: bool,
}

/// One task's script. `onCancel` is checked but not kept: a Rust future that is cancelled
/// is dropped, and runs no code of its own then.
#[derive(Clone)]
pub enum Task {
    Sleep { ms: u64, end: End },
    Hang,
    Gather(Gather),
}

/// How a sleeping task ends.
#[derive(Clone)]
pub enum End {
    Value(Value),
    Error { name: String, message: String },
}

impl Scenario {
    /// The scenario in a request, or what is wrong with it.
    pub fn parse(value: &Value) -> Result<Scenario, String> {
        let object = object_of(value, "scenario")?;
        known_keys(
            object,
            &["tasks", "args", "returnExceptions", "cancelGatherAt", "cancelTasks"],
            "scenario",
        )?;
        let gather = Gather::parse(object, "scenario")?;
        let cancel_gather_at = match object.get("cancelGatherAt") {
            None => None,
            Some(at) => Some(time(at, "scenario.cancelGatherAt")?),
        };
        let mut cancel_tasks = Vec::new();
        if let Some(requests) = object.get("cancelTasks") {
            for (i, request) in array(requests, "scenario.cancelTasks")?.iter().enumerate() {
                let path = format!("scenario.cancelTasks[{}]", i);
                let request = object_of(request, &path)?;
                known_keys(request, &["task", "at"], &path)?;
                let task = index(
                    field(request, "task", &path)?,
                    gather.tasks.len(),
                    &format!("{}.task", path),
                )?;
                let at = time(field(request, "at", &path)?, &format!("{}.at", path))?;
                cancel_tasks.push(CancelTask { task, at });
            }
        }
        Ok(Scenario {
            gather,
            cancel_gather_at,
            cancel_tasks,
        })
    }
}

impl Gather {
    fn parse(object: &Map<String, Value>, path: &str) -> Result<Gather, String> {
        let specs = array(field(object, "tasks", path)?, &format!("{}.tasks", path))?;
        let mut tasks = Vec::with_capacity(specs.len());
        for (i, spec) in specs.iter().enumerate() {
            tasks.push(Task::parse(spec, &format!("{}.tasks[{}]", path, i))?);
        }
        let args = match object.get("args") {
            None => (0..tasks.len()).collect(),
            Some(args) => {
                let args_path = format!("{}.args", path);
                let mut indices = Vec::new();
                for (i, arg) in array(args, &args_path)?.iter().enumerate() {
                    indices.push(index(arg, tasks.len(), &format!("{}[{}]", args_path, i))?);
                }
                let mut named = vec![false; tasks.len()];
                for &i in &indices {
                    named[i] = true;
                }
                if let Some(missing) = named.iter().position(|&seen| !seen) {
                    return Err(format!("{}: task {} is not among the arguments", args_path, missing));
                }
                indices
            }
        };
        let return_exceptions = match object.get("returnExceptions") {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(_) => return Err(format!("{}.returnExceptions: expected true or false", path)),
        };
        Ok(Gather {
            tasks,
            args,
            return_exceptions,
        })
    }
}

impl Task {
    fn parse(value: &Value, path: &str) -> Result<Task, String> {
        let object = object_of(value, path)?;
        if let Some(gather) = object.get("gather") {
            known_keys(object, &["gather"], path)?;
            let gather_path = format!("{}.gather", path);
            let inner = object_of(gather, &gather_path)?;
            known_keys(inner, &["tasks", "args", "returnExceptions"], &gather_path)?;
            return Gather::parse(inner, &gather_path).map(Task::Gather);
        }
        if let Some(on_cancel) = object.get("onCancel") {
            check_on_cancel(on_cancel, &format!("{}.onCancel", path))?;
        }
        if let Some(hang) = object.get("hang") {
            known_keys(object, &["hang", "onCancel"], path)?;
            return match hang {
                Value::Bool(true) => Ok(Task::Hang),
                _ => Err(format!("{}.hang: expected true", path)),
            };
        }
        known_keys(object, &["sleep", "value", "error", "onCancel"], path)?;
        let ms = time(field(object, "sleep", path)?, &format!("{}.sleep", path))?;
        let end = match (object.get("value"), object.get("error")) {
            (Some(value), None) => End::Value(value.clone()),
            (None, Some(error)) => {
                let (name, message) = error_spec(error, &format!("{}.error", path))?;
                End::Error { name, message }
            }
            _ => return Err(format!("{}: expected exactly one of \"value\" and \"error\"", path)),
        };
        Ok(Task::Sleep { ms, end })
    }
}

fn check_on_cancel(value: &Value, path: &str) -> Result<(), String> {
    match value {
        Value::String(word) if word == "raise" || word == "ignore" => Ok(()),
        Value::Object(object) => {
            known_keys(object, &["cleanup", "error"], path)?;
            time(field(object, "cleanup", path)?, &format!("{}.cleanup", path))?;
            match object.get("error") {
                None => Ok(()),
                Some(error) => error_spec(error, &format!("{}.error", path)).map(|_| ()),
            }
        }
        _ => Err(format!(
            "{}: expected \"raise\", \"ignore\" or {{\"cleanup\": ms}}",
            path
        )),
    }
}

fn error_spec(value: &Value, path: &str) -> Result<(String, String), String> {
    let object = object_of(value, path)?;
    known_keys(object, &["name", "message"], path)?;
    match (field(object, "name", path)?, field(object, "message", path)?) {
        (Value::String(name), Value::String(message)) => Ok((name.clone(), message.clone())),
        _ => Err(format!("{}: expected {{\"name\": string, \"message\": string}}", path)),
    }
}

fn object_of<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>, String> {
    value.as_object().ok_or_else(|| format!("{}: expected an object", path))
}

fn array<'a>(value: &'a Value, path: &str) -> Result<&'a Vec<Value>, String> {
    value.as_array().ok_or_else(|| format!("{}: expected an array", path))
}

fn field<'a>(object: &'a Map<String, Value>, key: &str, path: &str) -> Result<&'a Value, String> {
    object
        .get(key)
        .ok_or_else(|| format!("{}: \"{}\" is missing", path, key))
}

fn known_keys(object: &Map<String, Value>, keys: &[&str], path: &str) -> Result<(), String> {
    match object.keys().find(|key| !keys.contains(&key.as_str())) {
        Some(key) => Err(format!("{}: unexpected key \"{}\"", path, key)),
        None => Ok(()),
    }
}

fn time(value: &Value, path: &str) -> Result<u64, String> {
    match value.as_u64() {
        Some(ms) if ms <= MAX_TIME => Ok(ms),
        _ => Err(format!("{}: expected a whole number of ms from 0 to 10^12", path)),
    }
}

fn index(value: &Value, count: usize, path: &str) -> Result<usize, String> {
    match value.as_u64() {
        Some(i) if (i as u128) < count as u128 => Ok(i as usize),
        _ => Err(format!("{}: expected a task index below {}", path, count)),
    }
}
