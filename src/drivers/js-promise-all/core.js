// The engine's own Promise.all as a subject of the gather-sim/1 protocol (docs/protocol.md),
// in plain ECMAScript: no host API at all, so the same file runs inside QuickJS (quickjs.mjs),
// Bun (bun.mjs) and Deno (deno.mjs). Each engine's shim reads the lines, writes the answers
// and drains the engine's job queue between the steps of a run; this file defines
// `globalThis.GatherSimCore` and nothing else.
//
// Mapping choices. A task is a promise, made once: a leaf settles from a timer on the run's
// virtual clock, a nested gather is the engine's `Promise.all` (`Promise.allSettled` when
// returnExceptions) over its children's promises. A task passed twice is the same promise
// passed twice: it starts once and its result fills both slots, so the hello claims dedupe.
// `Promise.all` takes no signal: the hello does not claim cancellation, so the gather is
// never cancelled; a leaf task cancelled from outside (cancelTasks, R9) reacts as its
// onCancel says and its promise rejects with a CancelledError. Every promise made here is
// handed to the gather or to the task's own bookkeeping, so none is left unhandled:
// `unhandled` is always empty (and no engine hook is needed to watch it: quickjs-emscripten
// exposes none). An error is a fresh object of a fresh class with the scenario's name.
//
// Virtual time: a run is stepped from outside. `begin(line)` builds the tasks and calls the
// gather at time 0; `step()` moves the clock to the next timer and fires it, and returns
// false when no timer is left; `finish()` gives the answer line. The shim runs every pending
// job before each step, so what a timer sets off settles at that timer's instant.
(function defineGatherSimCore(global) {
  'use strict';

  /** The cancellation a leaf task ends with. */
  class CancelledError extends Error {}
  CancelledError.prototype.name = 'CancelledError';

  /** Timers in (time, creation) order: a binary heap. */
  function timerQueue() {
    const heap = [];
    const before = (a, b) => a.at < b.at || (a.at === b.at && a.order < b.order);
    const swap = (i, j) => {
      const t = heap[i];
      heap[i] = heap[j];
      heap[j] = t;
    };
    return {
      push(timer) {
        heap.push(timer);
        let i = heap.length - 1;
        while (i > 0 && before(heap[i], heap[(i - 1) >> 1])) {
          swap(i, (i - 1) >> 1);
          i = (i - 1) >> 1;
        }
      },
      pop() {
        const top = heap[0];
        const last = heap.pop();
        if (heap.length > 0) {
          heap[0] = last;
          let i = 0;
          for (;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < heap.length && before(heap[l], heap[m])) m = l;
            if (r < heap.length && before(heap[r], heap[m])) m = r;
            if (m === i) break;
            swap(i, m);
            i = m;
          }
        }
        return top;
      },
      get size() {
        return heap.length;
      },
    };
  }

  const argumentsOf = (gather) => gather.args ?? gather.tasks.map((_, index) => index);

  /** One scenario on a clock of its own. */
  function startRun(scenario) {
    if (scenario.cancelGatherAt !== undefined) throw new Error('Promise.all cannot be cancelled (no cancelGatherAt)');
    let now = 0;
    let created = 0;
    const timers = timerQueue();
    const later = (delay, fire) => {
      const timer = { at: now + delay, order: created++, fire, cancelled: false };
      timers.push(timer);
      return timer;
    };
    const origins = new Map(); // error object -> the top-level task whose script created it
    const records = scenario.tasks.map(() => ({
      started: null,
      settled: null,
      outcome: 'pending',
      cancelRequested: null,
    }));
    let outcome = { pending: true };

    function makeError(spec, top) {
      const Fresh = class extends Error {};
      Fresh.prototype.name = spec.name;
      const error = new Fresh(spec.message);
      if (top !== undefined) origins.set(error, top);
      return error;
    }

    // A leaf task: its promise, and `cancel`, a request from outside.
    function leaf(spec, top, record) {
      const task = {};
      task.promise = new Promise((resolve, reject) => {
        let done = false;
        let cleaningUp = false;
        const end = (settle, result) => {
          done = true;
          settle(result);
        };
        const finish = () => ('error' in spec ? end(reject, makeError(spec.error, top)) : end(resolve, spec.value));
        let sleep = 'hang' in spec ? undefined : later(spec.sleep, finish);
        task.cancel = () => {
          if (done || cleaningUp) return; // a finished task, or one cleaning up, ignores it
          if (record !== undefined) record.cancelRequested ??= now;
          const onCancel = spec.onCancel ?? 'raise';
          if (onCancel === 'ignore') return; // sleeps on to its original finish time
          if (sleep !== undefined) sleep.cancelled = true;
          if (onCancel === 'raise') return end(reject, new CancelledError(''));
          cleaningUp = true;
          sleep = later(onCancel.cleanup, () =>
            end(reject, onCancel.error === undefined ? new CancelledError('') : makeError(onCancel.error, top)),
          );
        };
      });
      return task;
    }

    // A gather: the engine's Promise.all over its tasks' promises, in argument order.
    function gather(spec, topLevel) {
      const tasks = spec.tasks.map((child, index) => {
        const top = topLevel ? index : undefined;
        const record = topLevel ? records[index] : undefined;
        if (record !== undefined) record.started = 0;
        if ('gather' in child) return { promise: gather(child.gather, false).promise, cancel: undefined };
        return leaf(child, top, record);
      });
      const promises = argumentsOf(spec).map((index) => tasks[index].promise);
      const promise = spec.returnExceptions === true ? Promise.allSettled(promises) : Promise.all(promises);
      return { promise, tasks };
    }

    const top = gather(scenario, true);
    top.tasks.forEach((task, index) => {
      const record = records[index];
      const settled = (how) => () => {
        record.settled = now;
        record.outcome = how;
      };
      task.promise.then(settled('value'), (error) =>
        settled(error instanceof CancelledError ? 'cancelled' : 'error')(),
      );
    });
    top.promise.then(
      (value) => {
        outcome = { at: now, value };
      },
      (error) => {
        outcome = { at: now, error };
      },
    );
    for (const { task, at } of scenario.cancelTasks ?? []) {
      const cancel = top.tasks[task].cancel;
      if (cancel === undefined) throw new Error(`cancelTasks: task ${task} is a nested gather, which takes no signal`);
      later(at - now, cancel);
    }

    // The OBSERVATION, once the run is over.
    const errorJson = (error) => {
      if (error instanceof CancelledError) return { name: 'CancelledError', message: '' };
      const written = { name: String(error.name), message: String(error.message) };
      if (origins.has(error)) written.task = origins.get(error);
      return written;
    };
    const valueJson = (value, spec) => ('gather' in spec ? listJson(value, spec.gather) : value);
    const listJson = (results, spec) => {
      const args = argumentsOf(spec);
      return results.map((result, i) => {
        const child = spec.tasks[args[i]];
        if (spec.returnExceptions !== true) return { value: valueJson(result, child) };
        return result.status === 'fulfilled'
          ? { value: valueJson(result.value, child) }
          : { error: errorJson(result.reason) };
      });
    };
    return {
      step() {
        while (timers.size > 0) {
          const timer = timers.pop();
          if (timer.cancelled) continue;
          now = timer.at;
          timer.fire();
          return true;
        }
        return false;
      },
      observation() {
        const gatherJson =
          'pending' in outcome
            ? outcome
            : 'error' in outcome
              ? { at: outcome.at, error: errorJson(outcome.error) }
              : { at: outcome.at, value: listJson(outcome.value, scenario) };
        return { gather: gatherJson, tasks: records, unhandled: [] };
      },
    };
  }

  const message = (error) => (error instanceof Error ? error.message : String(error));

  /** The deepest nesting of arrays and objects in a JSON text, strings skipped. */
  function nesting(text) {
    let depth = 0;
    let deepest = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92)
          i++; // a backslash escapes the next character
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
      else if (c === 93 || c === 125) depth--;
    }
    return deepest;
  }
  // What a reader accepts (docs/protocol.md#limits): deeper input would overflow the stack
  // of an engine that parses JSON recursively (QuickJS in WebAssembly overflows Node's).
  const MAX_NESTING = 256;
  let current; // { id, run } between begin and finish

  global.GatherSimCore = {
    /** The hello line. */
    hello: (name) =>
      JSON.stringify({ protocol: 'gather-sim/1', name, supports: { returnExceptions: true, dedupe: true } }),
    /** Starts answering one request line: its answer when it cannot run, else undefined (then step, finish). */
    begin(line) {
      current = undefined;
      const depth = nesting(line);
      if (depth > MAX_NESTING)
        return JSON.stringify({
          id: null,
          error: `nested ${depth} levels deep: the limit is ${MAX_NESTING} levels of arrays and objects (docs/protocol.md#limits)`,
        });
      let request;
      try {
        request = JSON.parse(line);
      } catch (error) {
        return JSON.stringify({ id: null, error: `not a JSON line: ${message(error)}` });
      }
      if (request === null || typeof request !== 'object' || Array.isArray(request))
        return JSON.stringify({ id: null, error: 'expected a request {"id": integer, "scenario": {...}}' });
      if (!Number.isInteger(request.id)) return JSON.stringify({ id: null, error: '"id": expected an integer' });
      const scenario = request.scenario;
      if (scenario === null || typeof scenario !== 'object' || !Array.isArray(scenario.tasks))
        return JSON.stringify({ id: request.id, error: '"scenario": expected a SCENARIO with "tasks"' });
      try {
        current = { id: request.id, run: startRun(scenario) };
      } catch (error) {
        return JSON.stringify({ id: request.id, error: `could not run the scenario: ${message(error)}` });
      }
      return undefined;
    },
    /** Fires the next timer of the run begun; false when none is left. */
    step() {
      if (current === undefined || current.failed !== undefined) return false;
      try {
        return current.run.step();
      } catch (error) {
        current.failed = message(error);
        return false;
      }
    },
    /** The answer line of the run begun. */
    finish() {
      const { id, run, failed } = current;
      current = undefined;
      if (failed !== undefined) return JSON.stringify({ id, error: `could not run the scenario: ${failed}` });
      return JSON.stringify({ id, observation: run.observation() });
    },
    /** Answers one line, draining the engine's jobs with `await drain()` before each step. */
    async answer(line, drain) {
      const early = this.begin(line);
      if (early !== undefined) return early;
      await drain();
      while (this.step()) await drain();
      return this.finish();
    },
    /**
     * Splits text into lines at "\n" only (a "\r" before it is dropped), skipping empty ones;
     * keeps the unfinished tail until more text comes, or until `ended`.
     */
    lineSplitter() {
      let rest = '';
      return (text, ended = false) => {
        const parts = (rest + text).split('\n');
        rest = ended ? '' : parts.pop();
        return parts
          .map((part) => (part.endsWith('\r') ? part.slice(0, -1) : part))
          .filter((part) => part.trim() !== '');
      };
    },
  };
})(globalThis);
