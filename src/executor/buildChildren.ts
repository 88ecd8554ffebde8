import { isCancellation } from '../gather/CancelledError.js';
import type { Child } from '../gather/GatherFunction.js';
import type { SleepHandle } from '../clock/EventQueue.js';
import {
  argsOf,
  isGatherTask,
  isHangTask,
  type ErrorSpec,
  type GatherScenario,
  type GatherTask,
  type Task,
} from '../scenario/Scenario.js';
import { callSubject, type Cancellable, type GatherCall, type RunContext, type TaskRecord } from './RunContext.js';
import { OuterCancel } from './OuterCancel.js';
import { scriptCancelled } from './scriptCancelled.js';
import { scriptError } from './scriptError.js';
import { resultToJson } from './toJson.js';

/** Where a task sits: top-level tasks are observed and may be cancelled from outside. */
interface Place {
  readonly top?: { readonly index: number; readonly record: TaskRecord; readonly outside: OuterCancel | undefined };
  /** The top-level task this one runs under: itself, or the one whose nested gather it is in. */
  readonly owner?: number;
}

/**
 * The gather's arguments as children, one function per distinct task, so a task passed
 * twice is the same child twice. For the top-level gather, `outside` gives what cancels a
 * task from outside (R9), if anything ever does.
 */
export function buildChildren(
  context: RunContext,
  gather: GatherScenario,
  outside?: (index: number) => OuterCancel | undefined,
  owner?: number,
): Child[] {
  const distinct = gather.tasks.map((task, index) => {
    const place: Place =
      outside === undefined
        ? owner === undefined
          ? {}
          : { owner }
        : { top: { index, record: context.records[index] as TaskRecord, outside: outside(index) }, owner: index };
    return taskChild(context, task, place);
  });
  return argsOf(gather).map((index) => distinct[index] as Child);
}

const ignoreSettle = (): void => undefined;

function taskChild(context: RunContext, task: Task, place: Place): Child {
  let running: Promise<unknown> | undefined;
  return (signal) => {
    // Started after its run ended (from a real timer, say): nothing observes it any more.
    if (!context.live) return new Promise(ignoreSettle);
    const { top } = place;
    if (top !== undefined) {
      top.record.starts += 1;
      context.trace.push({ at: context.clock.now, kind: 'start', task: top.index });
    }
    // The same awaitable twice: a second start shares the first (R1 counts the starts).
    if (running !== undefined) return running;
    if (top !== undefined) top.record.started = context.clock.now;
    running = isGatherTask(task)
      ? nestedGather(context, task, signal, place)
      : new ScriptRun(context, task, place, signal).promise;
    return running;
  };
}

/**
 * Calls `listener.cancel()` when the signal (or outer cancellation) aborts, until it is
 * removed from the returned set. One listener per signal and run dispatches to every task
 * listening to it (a gather often gives all its children one signal), in the order they
 * began to listen, skipping those that stopped meanwhile: what an EventTarget does, with one
 * listener instead of many.
 */
function listenForCancel(
  context: RunContext,
  signal: AbortSignal | OuterCancel | undefined,
  listener: Cancellable,
): Set<Cancellable> | undefined {
  if (signal === undefined) return undefined;
  let handlers = context.abortHandlers.get(signal);
  if (handlers === undefined) {
    const listening = new Set<Cancellable>();
    handlers = listening;
    context.abortHandlers.set(signal, listening);
    const onAbort = (): void => {
      for (const handler of [...listening]) if (listening.has(handler)) handler.cancel();
    };
    // A signal aborts once: no need for { once: true }, whose validation costs.
    if (signal instanceof OuterCancel) signal.onAbort = onAbort;
    else signal.addEventListener('abort', onAbort);
  }
  handlers.add(listener);
  return handlers;
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

type ScriptTask = Exclude<Task, { gather: unknown }>;

/** The resolvers of the promise made last with {@link keepResolvers}: taken at once by its maker. */
let keptResolve: (value: unknown) => void = ignoreSettle;
let keptReject: (reason: unknown) => void = ignoreSettle;
/**
 * A promise's executor shared by every script: it leaves the resolvers where the script's
 * constructor takes them, instead of a closure per script that puts them on it.
 */
function keepResolvers(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  keptResolve = resolve;
  keptReject = reject;
}

/**
 * A sleeping or hanging task: its script, and its reaction to cancellation (`onCancel`).
 * A class rather than closures: a run may hold thousands, and each closure is an object.
 */
class ScriptRun {
  readonly promise: Promise<unknown>;
  private phase: 'running' | 'cleanup' | 'done' = 'running';
  private readonly resolve: (value: unknown) => void;
  private readonly reject: (reason: unknown) => void;
  private sleep: SleepHandle | undefined;
  /** The tasks listening to its signal and to its outside signal (see listenForCancel): it is one of them until it is done. */
  private readonly listening: Set<Cancellable> | undefined;
  private readonly listeningOutside: Set<Cancellable> | undefined;

  constructor(
    private readonly context: RunContext,
    private readonly task: ScriptTask,
    private readonly place: Place,
    signal: AbortSignal | undefined,
  ) {
    this.promise = new Promise(keepResolvers);
    this.resolve = keptResolve;
    this.reject = keptReject;
    // Kept no longer than that: the module holds nothing of a run.
    keptResolve = ignoreSettle;
    keptReject = ignoreSettle;
    this.sleep = isHangTask(task) ? undefined : context.clock.sleep(task.sleep, this);
    const outside = place.top?.outside;
    this.listening = listenForCancel(context, signal, this);
    this.listeningOutside = listenForCancel(context, outside, this);
    if (signal?.aborted === true || outside?.aborted === true) this.cancel();
  }

  /** The end of its sleep, or of its cleanup. */
  wake(): void {
    const { task } = this;
    if (this.phase === 'running') {
      // Only a sleeping task wakes while running: a hanging one has no sleep to end.
      if ('error' in task) this.finish(false, this.makeError(task.error));
      else if ('value' in task) this.finish(true, task.value);
      return;
    }
    const { onCancel } = task;
    const error = typeof onCancel === 'object' ? onCancel.error : undefined;
    this.finish(false, error === undefined ? this.own(scriptCancelled()) : this.makeError(error));
  }

  cancel(): void {
    if (this.phase !== 'running') return; // a further cancellation during cleanup is ignored
    noteCancelRequest(this.context, this.place);
    const onCancel = this.task.onCancel ?? 'raise';
    if (onCancel === 'ignore') return;
    this.sleep?.cancel();
    if (onCancel === 'raise') {
      this.finish(false, this.own(scriptCancelled()));
      return;
    }
    this.phase = 'cleanup';
    this.sleep = this.context.clock.sleep(onCancel.cleanup, this);
  }

  private makeError(spec: ErrorSpec): Error {
    const error = scriptError(spec);
    if (this.place.top !== undefined) this.context.origins.set(error, this.place.top.index);
    return this.own(error);
  }

  /** Notes which top-level task an error of this script's belongs to. */
  private own<T extends object>(error: T): T {
    if (this.place.owner !== undefined) this.context.owners.set(error, this.place.owner);
    return error;
  }

  private finish(ok: boolean, result: unknown): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.listening?.delete(this);
    this.listeningOutside?.delete(this);
    noteSettled(this.context, this.task, this.place, ok, result);
    if (ok) this.resolve(result);
    else this.reject(result);
  }
}

/** A nested gather: the subject itself, on the nested tasks, cancelled with this child (R11). */
function nestedGather(
  context: RunContext,
  task: GatherTask,
  signal: AbortSignal | undefined,
  place: Place,
): Promise<unknown> {
  const outside = place.top?.outside;
  // The subject's nested gather is given a real signal: the outer cancellation's made now.
  const signals = [signal, outside?.signal].filter((item): item is AbortSignal => item !== undefined);
  const inner = signals.length === 1 ? signals[0] : signals.length > 1 ? AbortSignal.any(signals) : undefined;
  let done = false;
  const listener: Cancellable = {
    cancel: () => {
      if (!done) noteCancelRequest(context, place);
    },
  };
  const listening = [listenForCancel(context, signal, listener), listenForCancel(context, outside, listener)];
  if (signal?.aborted === true || outside?.aborted === true) noteCancelRequest(context, place);
  const { gather } = task;
  const where = place.top === undefined ? 'nested gather' : `tasks[${place.top.index}] (nested gather)`;
  const children = buildChildren(context, gather, undefined, place.owner);
  const options = {
    returnExceptions: gather.returnExceptions ?? false,
    ...(inner === undefined ? {} : { signal: inner }),
  };
  // Known only while a run attributes timers: this call, whose timers leak only once it settled.
  const gatherCall: GatherCall = { task: place.owner, settledAt: null };
  const settled = (ok: boolean, result: unknown): void => {
    done = true;
    gatherCall.settledAt = context.clock.now;
    for (const handlers of listening) handlers?.delete(listener);
    noteSettled(context, task, place, ok, result);
  };
  const { attribute } = context;
  const call = (): Promise<unknown[]> => callSubject(context, children, options, where);
  return (attribute === undefined ? call() : attribute(gatherCall, call)).then(
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
