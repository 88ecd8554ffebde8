#!/usr/bin/env node
// MicroPython 1.27's own asyncio.gather as a subject of the gather-sim/1 protocol
// (docs/protocol.md), through MicroPython's WebAssembly port from npm
// (@micropython/micropython-webassembly-pyscript). Its asyncio is not CPython's: gather is
// extmod/asyncio/funcs.py, the task queue a pairing heap in C, and this port's scheduler
// (ports/webassembly/asyncio/core.py) runs on JavaScript timers.
//
// Virtual time: MicroPython reads its clock through Date.now (time.ticks_ms, from Python and
// from C), so Date.now is replaced before the module loads, and the Python half
// (micropython-asyncio.py) drives the loop's run step itself, moving this clock to the next
// due time whenever nothing is ready. The ticks wrap at 2^30 ms and the JavaScript bridge
// truncates integers to 32 bits: the clock is handed over modulo 2^30, which is all the
// ticks read, and sleeps are taken in pieces below 2^29 ms (a longer one raises
// OverflowError), so scenario times up to 10^12 ms work.
//
// MicroPython's gather has no future of its own: it is a generator running inside the task
// that awaits it. "Cancel the gather" (cancelGatherAt) cancels that task. A task passed
// twice makes it raise RuntimeError("can't gather"), so the hello does not claim dedupe.
//
//   gather-sim check micropython-1.27-asyncio
//   echo '{"id": 1, "scenario": {"tasks": [{"sleep": 1000, "value": 100}]}}' | node src/drivers/micropython-asyncio.mjs
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';

let virtualTicks = 0;
Date.now = () => virtualTicks;
const { loadMicroPython } = await import('@micropython/micropython-webassembly-pyscript');
const micropython = await loadMicroPython({
  pystack: 1024 * 1024,
  heapsize: 32 * 1024 * 1024,
  stdout: (line) => process.stderr.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
micropython.registerJsModule('gathersim_clock', {
  set: (ticks) => {
    virtualTicks = ticks;
  },
});
micropython.runPython(readFileSync(new URL('micropython-asyncio.py', import.meta.url), 'utf8'));
const runInPython = micropython.globals.get('run');

const HELLO = {
  protocol: 'gather-sim/1',
  name: micropython.globals.get('NAME'),
  supports: { returnExceptions: true, cancellation: true, dedupe: false },
};

const argsOf = (gather) => gather.args ?? gather.tasks.map((_, index) => index);

/**
 * The scenario as the Python half gets it: values stay here, and each error becomes a
 * reference into `errors` (with the index of the top-level task whose script creates it).
 */
function planOf(scenario, errors) {
  const reference = (error, top) => {
    errors.push(top === undefined ? { name: error.name, message: error.message } : { ...error, task: top });
    return errors.length - 1;
  };
  const leaf = (spec, top) => {
    const plan = 'hang' in spec ? { hang: true } : { sleep: spec.sleep };
    if ('error' in spec) plan.error = reference(spec.error, top);
    const onCancel = spec.onCancel;
    if (typeof onCancel === 'string') plan.onCancel = onCancel;
    else if (onCancel !== undefined)
      plan.onCancel =
        'error' in onCancel
          ? { cleanup: onCancel.cleanup, error: reference(onCancel.error, top) }
          : { cleanup: onCancel.cleanup };
    return plan;
  };
  const gather = (spec, topLevel) => ({
    tasks: spec.tasks.map((task, index) =>
      'gather' in task ? { gather: gather(task.gather, false) } : leaf(task, topLevel ? index : undefined),
    ),
    args: argsOf(spec),
    returnExceptions: spec.returnExceptions === true,
  });
  const plan = gather(scenario, true);
  if ('cancelGatherAt' in scenario) plan.cancelGatherAt = scenario.cancelGatherAt;
  if ('cancelTasks' in scenario) plan.cancelTasks = scenario.cancelTasks;
  return plan;
}

/** The OBSERVATION from what the Python half wrote, with the values and errors put back. */
function observationOf(written, scenario, errors) {
  const [gather, tasks, unhandled] = JSON.parse(written);
  const errorOf = (error) =>
    error === 'c'
      ? { name: 'CancelledError', message: '' }
      : typeof error === 'number'
        ? errors[error]
        : { name: error[0], message: error[1] };
  const resultsOf = (results, spec) => {
    const args = argsOf(spec);
    return results.map(([kind, inner], index) => {
      const task = spec.tasks[args[index]];
      if (kind === 'e') return { error: errorOf(inner) };
      return { value: 'gather' in task ? resultsOf(inner, task.gather) : task.value };
    });
  };
  return {
    gather:
      gather === null
        ? { pending: true }
        : gather[1] === 'e'
          ? { at: gather[0], error: errorOf(gather[2]) }
          : { at: gather[0], value: resultsOf(gather[2], scenario) },
    tasks: tasks.map(([started, settled, outcome, cancelRequested]) => ({
      started,
      settled,
      outcome,
      cancelRequested,
    })),
    unhandled: unhandled.map(errorOf),
  };
}

/** The request's top-level `id` as its line wrote it (an integer past 2^53 keeps its digits). */
function rawId(line) {
  let depth = 0;
  let key;
  let id;
  for (const [token] of line.matchAll(/"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|[{}[\]:,]|[a-z]+/g)) {
    if (token === '{' || token === '[') depth += 1;
    else if (token === '}' || token === ']') depth -= 1;
    else if (depth === 1 && token.startsWith('"') && key === undefined) key = JSON.parse(token);
    else if (token === ',') key = undefined;
    else if (depth === 1 && key === 'id' && token !== ':') id = token;
  }
  return id;
}

function answer(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return `{"id":null,"error":${JSON.stringify(`not a JSON line: ${error.message}`)}}`;
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return '{"id":null,"error":"expected a request {\\"id\\": integer, \\"scenario\\": {...}}"}';
  if (!Number.isInteger(request.id)) return '{"id":null,"error":"\\"id\\": expected an integer"}';
  const id = rawId(line);
  const { scenario } = request;
  if (typeof scenario !== 'object' || scenario === null || !Array.isArray(scenario.tasks))
    return `{"id":${id},"error":"\\"scenario\\": expected a SCENARIO with \\"tasks\\""}`;
  try {
    const errors = [];
    const written = runInPython(JSON.stringify(planOf(scenario, errors)));
    return `{"id":${id},"observation":${JSON.stringify(observationOf(written, scenario, errors))}}`;
  } catch (error) {
    return `{"id":${id},"error":${JSON.stringify(`could not run the scenario: ${error.message}`)}}`;
  }
}

function answerLine(line) {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.trim() !== '') process.stdout.write(`${answer(text)}\n`);
}

// Lines end at \n only (a raw \r inside a line makes it invalid JSON, one error answer).
process.stdout.write(`${JSON.stringify(HELLO)}\n`);
process.stdin.setEncoding('utf8');
let parts = [];
for await (const chunk of process.stdin) {
  let start = 0;
  for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
    parts.push(chunk.slice(start, end));
    answerLine(parts.join(''));
    parts = [];
    start = end + 1;
  }
  parts.push(chunk.slice(start));
}
answerLine(parts.join(''));
