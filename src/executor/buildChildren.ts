import { CancelledError, isCancellation } from '../gather/CancelledError.js';
import type { Child } from '../gather/GatherFunction.js';
import { argsOf, isGatherTask, isHangTask, type GatherScenario, type GatherTask, type Task } from '../scenario/Scenario.js';
import { callSubject, type RunContext, type TaskRecord } from './RunContext.js';
import { scriptError } from './scriptError.js';
import { resultToJson } from './toJson.js';

/** Where a task sits: top-level tasks are observed and may be cancelled from outside. */
interface Place {
  readonly top?: { readonly index: number; readonly record: TaskRecord; readonly outside: AbortSignal | undefined };
}

/**
 * The gather's arguments as children, one function per distinct task, so a task passed
 * twice is the same child twice. For the top-level gather, `outside` gives the signal that
 * cancels a task from outside (R9), if anything ever does.
 */
export function buildChildren(context: RunContext, gather: GatherScenario, outside?: (index: number) => AbortSignal | undefined): Child[] {
  const distinct = gather.tasks.map((task, index) => {
    const place: Place = outside === undefined ? {} : { top: { index, record: context.records[index] as TaskRecord, outside: outside(index) } };
    return taskChild(context, task, place);
  });
  return argsOf(gather).map((index) => distinct[index] as Child);
}

function taskChild(context: RunContext, task: Task, place: Place): Child {
  let running: Promise<unknown> | undefined;
  return (signal) => {
    const { top } = place;
    if (top !== undefined) {
      top.record.starts += 1;
      context.trace.push({ at: context.clock.now, kind: 'start', task: top.index });
    }
    // The same awaitable twice: a second start shares the first (R1 counts the starts).
    if (running !== undefined) return running;
    if (top !== undefined) top.record.started = context.clock.now;
    running = isGatherTask(task) ? nestedGather(context, task, signal, place) : scriptRun(context, task, signal, place);
    return running;
  };
}

/**
 * Calls `onCancel` when any of the signals aborts, until the returned function is called.
 * One listener per signal and run dispatches to every task listening to it (a gather often
 * gives all its children one signal), in the order they began to listen, skipping those
 * that stopped meanwhile: what an EventTarget does, with one listener instead of many.
 */
function listenForCancel(context: RunContext, signals: readonly (AbortSignal | undefined)[], onCancel: () => void): () => void {
  const joined: Set<() => void>[] = [];
  for (const signal of signals) {
    if (signal === undefined) continue;
    let handlers = context.abortHandlers.get(signal);
    if (handlers === undefined) {
      const listening = new Set<() => void>();
      handlers = listening;
      context.abortHandlers.set(signal, listening);
      signal.addEventListener(
        'abort',
        () => {
          for (const handler of [...listening]) if (listening.has(handler)) handler();
        },
        { once: true },
      );
    }
    handlers.add(onCancel);
    joined.push(handlers);
  }
  return () => {
    for (const handlers of joined) handlers.delete(onCancel);
  };
}

function noteCancelRequest(context: RunContext, place: Place): void {
  const { top } = place;
  if (top === undefined || top.record.cancelRequested !== null) return;
  top.record.cancelRequested = context.clock.now;
  context.trace.push({ at: context.clock.now, kind: 'cancel-request', task: top.index });
}

function noteSettled(context: RunContext, task: Task, place: Place, ok: boolean, result: unknown): void {
  const { top } = place;
  if (top === undefined) return;
  const outcome = ok ? 'value' : isCancellation(result) ? 'cancelled' : 'error';
  top.record.settled = context.clock.now;
  top.record.outcome = outcome;
  context.trace.push({
    at: context.clock.now,
    kind: 'settle',
    task: top.index,
    outcome,
    result: resultToJson(result, task, context.origins),
  });
}

/** A sleeping or hanging task: its script, and its reaction to cancellation (`onCancel`). */
function scriptRun(context: RunContext, task: Exclude<Task, { gather: unknown }>, signal: AbortSignal | undefined, place: Place): Promise<unknown> {
  const { clock } = context;
  const onCancel = task.onCancel ?? 'raise';
  const makeError = (spec: { name: string; message: string }): Error => {
    const error = scriptError(spec);
    if (place.top !== undefined) context.origins.set(error, place.top.index);
    return error;
  };
  return new Promise((resolve, reject) => {
    let phase: 'running' | 'cleanup' | 'done' = 'running';
    const finish = (ok: boolean, result: unknown): void => {
      if (phase === 'done') return;
      phase = 'done';
      stopListening();
      noteSettled(context, task, place, ok, result);
      if (ok) resolve(result);
      else reject(result);
    };
    const sleep = isHangTask(task)
      ? undefined
      : clock.sleep(task.sleep, () => ('error' in task ? finish(false, makeError(task.error)) : finish(true, task.value)));
    const cancel = (): void => {
      if (phase !== 'running') return; // a further cancellation during cleanup is ignored
      noteCancelRequest(context, place);
      if (onCancel === 'ignore') return;
      sleep?.cancel();
      if (onCancel === 'raise') {
        finish(false, new CancelledError());
        return;
      }
      phase = 'cleanup';
      const { error } = onCancel;
      clock.sleep(onCancel.cleanup, () => finish(false, error === undefined ? new CancelledError() : makeError(error)));
    };
    const stopListening = listenForCancel(context, [signal, place.top?.outside], cancel);
    if (signal?.aborted === true || place.top?.outside?.aborted === true) cancel();
  });
}

/** A nested gather: the subject itself, on the nested tasks, cancelled with this child (R11). */
function nestedGather(context: RunContext, task: GatherTask, signal: AbortSignal | undefined, place: Place): Promise<unknown> {
  const signals = [signal, place.top?.outside].filter((item): item is AbortSignal => item !== undefined);
  const inner = signals.length === 1 ? signals[0] : signals.length > 1 ? AbortSignal.any(signals) : undefined;
  let done = false;
  const stopListening = listenForCancel(context, signals, () => {
    if (!done) noteCancelRequest(context, place);
  });
  if (signals.some((item) => item.aborted)) noteCancelRequest(context, place);
  const { gather } = task;
  const where = place.top === undefined ? 'nested gather' : `tasks[${place.top.index}] (nested gather)`;
  const children = buildChildren(context, gather);
  const options = { returnExceptions: gather.returnExceptions ?? false, ...(inner === undefined ? {} : { signal: inner }) };
  const settled = (ok: boolean, result: unknown): void => {
    done = true;
    stopListening();
    noteSettled(context, task, place, ok, result);
  };
  return callSubject(context, children, options, where).then(
    (value) => {
      settled(true, value);
      return value;
    },
    (error: unknown) => {
      settled(false, error);
      throw error;
    },
  );
}
