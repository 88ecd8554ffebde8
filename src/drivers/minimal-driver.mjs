#!/usr/bin/env node
// A minimal gather-sim/1 driver (docs/protocol.md), as a model for drivers in any language: a
// fail-fast gather with asyncio's semantics, simulated on a virtual clock of its own, with
// no dependencies. It claims no capability, so the harness never sends it returnExceptions,
// a cancellation of the gather, or a cancellation of a nested-gather task.
//
//   gather-sim check --external "node src/drivers/minimal-driver.mjs"
import { createInterface } from 'node:readline';

const HELLO = { protocol: 'gather-sim/1', name: 'minimal-driver', supports: {} };

/** Runs one SCENARIO to the end of its timers and returns its OBSERVATION. */
function observe(scenario) {
  // The virtual clock: timers in (time, creation) order; nothing ever waits in real time.
  let now = 0;
  let created = 0;
  const timers = [];
  const later = (delay, fire) => {
    const timer = { at: now + delay, order: created++, fire, cancelled: false };
    timers.push(timer);
    return timer;
  };
  const records = scenario.tasks.map(() => ({ started: 0, settled: null, outcome: 'pending', cancelRequested: null }));
  const origins = new Map(); // error object -> the top-level task whose script created it

  // A task settles once, as { value } or { error }, and tells its listeners.
  function task(record) {
    return { done: false, result: undefined, at: null, listeners: [], record, cancel: () => undefined };
  }
  function settle(t, result) {
    if (t.done) return;
    t.done = true;
    t.result = result;
    t.at = now;
    if (t.record !== undefined) {
      t.record.settled = now;
      t.record.outcome = 'value' in result ? 'value' : result.error.name === 'CancelledError' ? 'cancelled' : 'error';
    }
    for (const listener of t.listeners) listener(result);
  }
  function onSettle(t, listener) {
    if (t.done) listener(t.result);
    else t.listeners.push(listener);
  }
  function makeError(spec, top) {
    const error = { name: spec.name, message: spec.message };
    if (top !== undefined) origins.set(error, top);
    return error;
  }

  function leaf(spec, top) {
    const t = task(top === undefined ? undefined : records[top]);
    const finish = () => settle(t, 'error' in spec ? { error: makeError(spec.error, top) } : { value: spec.value });
    let sleep = 'hang' in spec ? undefined : later(spec.sleep, finish);
    let cleaningUp = false;
    t.cancel = () => {
      if (t.done || cleaningUp) return; // a request to a finished task, or during cleanup, does nothing
      if (t.record !== undefined) t.record.cancelRequested ??= now;
      const onCancel = spec.onCancel ?? 'raise';
      if (onCancel === 'ignore') return; // sleep on to the original finish time
      if (sleep !== undefined) sleep.cancelled = true;
      if (onCancel === 'raise') return settle(t, { error: { name: 'CancelledError', message: '' } });
      cleaningUp = true;
      sleep = later(onCancel.cleanup, () =>
        settle(t, {
          error:
            onCancel.error === undefined ? { name: 'CancelledError', message: '' } : makeError(onCancel.error, top),
        }),
      );
    };
    return t;
  }

  // A gather: one child per distinct task, results in argument order, the first failure wins.
  function gather(spec, topLevel) {
    const g = task(undefined);
    const children = spec.tasks.map((child, index) =>
      'gather' in child
        ? nested(child.gather, topLevel ? index : undefined)
        : leaf(child, topLevel ? index : undefined),
    );
    const args = spec.args ?? spec.tasks.map((_, index) => index);
    let finished = 0;
    const distinct = [...new Set(args)];
    if (distinct.length === 0) settle(g, { value: [] });
    for (const index of distinct) {
      onSettle(children[index], (result) => {
        finished += 1;
        if (g.done) return; // a later failure is absorbed
        if ('error' in result) return settle(g, result);
        if (finished === distinct.length) settle(g, { value: args.map((i) => children[i].result) });
      });
    }
    return { g, children };
  }
  function nested(spec, top) {
    const t = task(top === undefined ? undefined : records[top]);
    const { g } = gather(spec, false);
    onSettle(g, (result) => settle(t, result));
    return t;
  }

  const { g, children } = gather(scenario, true);
  for (const { task: index, at } of scenario.cancelTasks ?? []) later(at, () => children[index].cancel());
  while (timers.length > 0) {
    timers.sort((a, b) => a.at - b.at || a.order - b.order);
    const timer = timers.shift();
    now = timer.at;
    if (!timer.cancelled) timer.fire();
  }

  // The OBSERVATION: errors carry the index of the top-level task whose script created them.
  const errorJson = (error) => (origins.has(error) ? { ...error, task: origins.get(error) } : { ...error });
  const argsOf = (spec) => spec.args ?? spec.tasks.map((_, index) => index);
  const resultJson = (result, spec) =>
    'error' in result
      ? { error: errorJson(result.error) }
      : 'gather' in spec
        ? { value: listJson(result.value, spec.gather) }
        : { value: result.value };
  const listJson = (results, spec) => results.map((result, i) => resultJson(result, spec.tasks[argsOf(spec)[i]]));
  const outcome = !g.done
    ? { pending: true }
    : 'error' in g.result
      ? { at: g.at, error: errorJson(g.result.error) }
      : { at: g.at, value: listJson(g.result.value, scenario) };
  return { gather: outcome, tasks: records, unhandled: [] };
}

function answer(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `not a JSON line: ${error.message}` };
  }
  if (!Number.isInteger(request?.id)) return { id: null, error: '"id": expected an integer' };
  try {
    return { id: request.id, observation: observe(request.scenario) };
  } catch (error) {
    return { id: request.id, error: `could not run the scenario: ${error.message}` };
  }
}

process.stdout.write(`${JSON.stringify(HELLO)}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== '') process.stdout.write(`${JSON.stringify(answer(line))}\n`);
}
