//! The gather-sim/1 line loop (docs/protocol.md#transport): the hello, then one answer line
//! per request line, in order, until stdin closes. A line that is not a request, or a
//! scenario that cannot be run, gets an error answer; nothing in a line can end the loop.

use crate::scenario::Scenario;
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Speaks gather-sim/1 on stdin and stdout as `name`, answering each scenario with `observe`.
/// Returns when stdin closes (or stdout does).
pub fn serve(name: &str, observe: impl Fn(&Scenario) -> Value) {
    let hello = json!({
        "protocol": "gather-sim/1",
        "name": name,
        "supports": {"returnExceptions": true, "cancellation": true, "dedupe": true},
    });
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut output = stdout.lock();
    if writeln!(output, "{}", hello).and_then(|_| output.flush()).is_err() {
        return;
    }
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let text = match std::str::from_utf8(&line) {
            Ok(text) => text.trim(),
            Err(error) => {
                let answer = json!({"id": null, "error": format!("not UTF-8: {}", error)});
                if writeln!(output, "{}", answer).and_then(|_| output.flush()).is_err() {
                    return;
                }
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        let answer = answer(text, &observe);
        if writeln!(output, "{}", answer).and_then(|_| output.flush()).is_err() {
            return;
        }
    }
}

/// The answer to one request line.
fn answer(line: &str, observe: &impl Fn(&Scenario) -> Value) -> Value {
    let request: Value = match serde_json::from_str(line) {
        Ok(request) => request,
        Err(error) => return json!({"id": null, "error": format!("not a JSON line: {}", error)}),
    };
    let id = match request.get("id") {
        Some(Value::Number(id)) if is_integer(&id.to_string()) => Value::Number(id.clone()),
        _ => return json!({"id": null, "error": "\"id\": expected an integer"}),
    };
    let scenario = match request.get("scenario").map(Scenario::parse) {
        Some(Ok(scenario)) => scenario,
        Some(Err(why)) => return json!({"id": id, "error": why}),
        None => return json!({"id": id, "error": "\"scenario\": expected a SCENARIO with \"tasks\""}),
    };
    match catch_unwind(AssertUnwindSafe(|| observe(&scenario))) {
        Ok(observation) => json!({"id": id, "observation": observation}),
        Err(panic) => {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|text| text.to_string()))
                .unwrap_or_else(|| "a panic".to_string());
            json!({"id": id, "error": format!("could not run the scenario: {}", why)})
        }
    }
}

/// Whether a JSON number, as written, is an integer (the id of a request is one, of any size).
fn is_integer(number: &str) -> bool {
    let digits = number.strip_prefix('-').unwrap_or(number);
    !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit())
}
