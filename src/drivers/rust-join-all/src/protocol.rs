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
        Err(error) => return unreadable(line, &error),
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

/// The answer to a line serde_json cannot read. A string holding a lone surrogate (`\ud800`)
/// is valid JSON that no Rust `String` can hold: the request is then answered by its id, with
/// an error, as a scenario this driver cannot run.
fn unreadable(line: &str, error: &serde_json::Error) -> Value {
    let id = serde_json::from_str::<Value>(&without_surrogates(line))
        .ok()
        .and_then(|request| request.get("id").cloned())
        .filter(|id| matches!(id, Value::Number(number) if is_integer(&number.to_string())));
    match id {
        Some(id) => {
            json!({"id": id, "error": format!("a string of the request holds a lone surrogate, which a Rust String cannot: {}", error)})
        }
        None => json!({"id": null, "error": format!("not a JSON line: {}", error)}),
    }
}

/// `line` with every `\uD800`-`\uDFFF` escape written as `\uFFFD`, paired or not.
fn without_surrogates(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let surrogate = escape.len() >= 6
            && escape.as_bytes()[1] == b'u'
            && escape.is_char_boundary(6)
            && matches!(u16::from_str_radix(&escape[2..6], 16), Ok(0xD800..=0xDFFF));
        let taken = if surrogate {
            6
        } else {
            escape.chars().take(2).map(char::len_utf8).sum()
        };
        out.push_str(if surrogate { "\\uFFFD" } else { &escape[..taken] });
        rest = &escape[taken..];
    }
    out.push_str(rest);
    out
}
