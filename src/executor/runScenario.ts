import { AsyncLocalStorage } from 'node:async_hooks';
import { captureUnhandled } from '../clock/captureUnhandled.js';
import { drainPromiseJobs, pendingRealImmediates, realPerformanceNow } from '../clock/realTimers.js';
import { inTurn } from '../clock/runsInTurn.js';
import { VirtualClock, type LoopEnd, type LoopLimits } from '../clock/VirtualClock.js';
import type { GatherFunction } from '../gather/GatherFunction.js';
import type { GatherOutcome, Observation } from '../observation/Observation.js';
import { outerEvents } from '../scenario/outerEvents.js';
import { argsOf, isGatherTask, type Scenario } from '../scenario/Scenario.js';
import type { Leak, LeakOwner } from './Leak.js';
import { buildChildren } from './buildChildren.js';
import { OuterCancel } from './OuterCancel.js';
import type { Run } from './Run.js';
import { callSubject, type GatherCall, type RunContext, type TaskRecord } from './RunContext.js';
import { errorToJson, resultsToJson } from './toJson.js';
import { checkArgument, checkOptions } from '../validation/checkArgument.js';
import { gatherFunction, positiveLimit, tiePicks } from '../validation/argumentRules.js';
import { checkScenarioArgument } from '../validation/checkScenarioArgument.js';
import { scenarioTimerCount } from './scenarioTimerCount.js';
import { scriptCancelled } from './scriptCancelled.js';
import { describeThrown } from '../report/describeThrown.js';

/** Options of {@link runScenario}. */
export interface RunOptions {
  /** Timers one run may fire beyond the scenario's own sleeps, cleanups and cancellations before it is stopped as a runaway (default 100,000). */
  readonly maxTimers?: number;
  /**
   * Real milliseconds one run may take before it is stopped (default 10,000): a last
   * resort against a subject that is slow in real time; nothing here waits for real time.
   */
  readonly wallMs?: number;
  /**
   * The order of events due at the same instant: at the n-th tie, the event at position
   * `ties[n]` (modulo how many are due) of those due, in first-in-first-out order, fires
   * next. Missing picks are 0; none at all is first-in-first-out. A run's `ties` replay it.
   */
  readonly ties?: readonly number[];
}

/** Real milliseconds at most between two turns of the event loop that runs give it. */
const TURN_EVERY_MS = 5;
let lastTurn = 0;

/** Real macrotask hops one virtual instant may take to drain (real setImmediate work). */
const MAX_HOPS_PER_INSTANT = 10_000;

const LOOP_END_PROBLEMS: Record<Exclude<LoopEnd, 'quiescent'>, (limits: LoopLimits) => string> = {
  runaway: (limits) => `still scheduling timers after ${limits.maxTimers} fired, a runaway`,
  'endless-immediates': (limits) =>
    `still queueing real setImmediate work after ${limits.maxHops} hops within one virtual instant`,
  'wall-time': (limits) => `took longer than its real-time budget of ${limits.wallMs} ms`,
};

/**
 * Runs a scenario against a gather on the virtual clock and observes it: the gather is
 * called at virtual time 0 with children built from the task scripts, outer cancellations
 * fire at their times, and the run goes on after the gather settles until no timer is left,
 * so every sibling's fate is seen. Global timers and `Date` are fake during the run, and the
 * globals found when it began (a user's own fake timers included, neither advanced nor
 * fired) are put back after it, also when the subject throws, and also where the subject
 * assigned one (`Date.now`, `performance.now`, a timer, `queueMicrotask`,
 * `process.nextTick`, `process.emit`): the next run, and the user, see what they saw
 * before. What the subject throws where no promise carries it (a timer's callback, an abort
 * listener, a `nextTick` or `queueMicrotask` callback, a real timer or immediate firing
 * while the run is in progress) is one of the run's `problems`, never thrown at the user;
 * one from a real timer that fires after the run has ended is the process's uncaught
 * exception, as any. What the subject keeps after the run (children, signals, its promise)
 * holds none of the run. Runs take turns: one started
 * while another is in progress waits for it, and runs as it would alone; one started from
 * the subject's own code (synchronously, or in a timer or abort listener) is refused with an
 * `Error`. Never waits in real time.
 *
 * The scenario must be valid (see `validateScenario`), the subject a function and the
 * options as documented: otherwise it rejects with a `TypeError` naming the problem.
 */
export async function runScenario(
  scenario: Scenario,
  subject: GatherFunction,
  runOptions: RunOptions = {},
): Promise<Run> {
  checkScenarioArgument('runScenario', scenario);
  checkArgument('runScenario', 'subject', gatherFunction, subject);
  checkOptions('runScenario', runOptions, { maxTimers: positiveLimit, wallMs: positiveLimit, ties: tiePicks });
  return inTurn('runScenario', () => runAlone(scenario, subject, runOptions));
}

/** {@link runScenario} once its turn has come. */
async function runAlone(scenario: Scenario, subject: GatherFunction, runOptions: RunOptions): Promise<Run> {
  // A first attempt drains each instant without ever yielding to the event loop, so work a
  // subject queued on a real setImmediate it captured before the run cannot have run during
  // it: if any is queued at its end, the attempt is void, and a second one watches for such
  // work at every instant (hop by hop). Most subjects queue none and run once.
  let watchImmediates = false;
  let run = await attempt(scenario, subject, runOptions, { watchImmediates, attribute: false });
  if (run === undefined) {
    // Let the void attempt's queued work run first (a scheduler like bluebird's keeps one
    // immediate for its whole queue), so that the watching attempt sees its own.
    // What that work throws is the void attempt's: the watching one, which repeats it, reports it.
    const between = captureUnhandled();
    try {
      for (let hop = 0; hop < 10 && pendingRealImmediates() > 0; hop += 1) await drainPromiseJobs();
    } finally {
      between.stop();
    }
    watchImmediates = true;
    run = await attempt(scenario, subject, runOptions, { watchImmediates, attribute: false });
  }
  // Timers left behind belong to the gather, or to a nested gather call at some depth, which
  // may still be running (its timers are not left behind yet): telling which takes async
  // context tracking, costly enough to pay only for a rerun that needs it.
  if (run.leaks.some((leak) => leak.kind === 'timer') && scenario.tasks.some(isGatherTask)) {
    run = (await attempt(scenario, subject, runOptions, { watchImmediates, attribute: true })) ?? run;
  }
  return run;
}

const ownerOf = (task: number | undefined): LeakOwner => (task === undefined ? { by: 'gather' } : { by: 'task', task });

/**
 * While a run attributes timers: the global timer functions of the fake clock, wrapped to
 * note the nested gather call that set each one (its async context); a timer's callback runs
 * in the context it was set in, so a timer it sets is that call's too.
 */
function attributeTimers(storage: AsyncLocalStorage<GatherCall>, owners: Map<number, GatherCall>): void {
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const fake = globalThis[name] as (callback: unknown, ...args: unknown[]) => unknown;
    (globalThis as Record<string, unknown>)[name] = (callback: unknown, ...args: unknown[]) => {
      const owner = storage.getStore();
      if (owner === undefined) return fake(callback, ...args);
      const inContext =
        typeof callback === 'function'
          ? (...callbackArgs: unknown[]) =>
              storage.run(owner, () => (callback as (...a: unknown[]) => unknown)(...callbackArgs))
          : callback;
      const timer = fake(inContext, ...args);
      owners.set(Number(timer), owner);
      return timer;
    };
  }
}

/** One attempt at a run: void (undefined) only when it does not watch immediates and some are queued at its end. */
function attempt(
  scenario: Scenario,
  subject: GatherFunction,
  runOptions: RunOptions,
  mode: { readonly watchImmediates: true; readonly attribute: boolean },
): Promise<Run>;
function attempt(
  scenario: Scenario,
  subject: GatherFunction,
  runOptions: RunOptions,
  mode: { readonly watchImmediates: boolean; readonly attribute: boolean },
): Promise<Run | undefined>;
async function attempt(
  scenario: Scenario,
  subject: GatherFunction,
  runOptions: RunOptions,
  mode: { readonly watchImmediates: boolean; readonly attribute: boolean },
): Promise<Run | undefined> {
  const { watchImmediates } = mode;
  const clock = VirtualClock.install(runOptions.ties);
  const storage = mode.attribute ? new AsyncLocalStorage<GatherCall>() : undefined;
  const timerOwners = new Map<number, GatherCall>();
  if (storage !== undefined) attributeTimers(storage, timerOwners);
  const unhandled = captureUnhandled();
  const context: RunContext = {
    live: true,
    clock,
    subject,
    origins: new WeakMap(),
    trace: [],
    records: scenario.tasks.map(() => ({
      starts: 0,
      started: null,
      settled: null,
      outcome: 'pending',
      cancelRequested: null,
    })),
    problems: [],
    abortHandlers: new Map(),
    owners: new WeakMap(),
    ...(storage === undefined
      ? {}
      : { attribute: <T>(gatherCall: GatherCall, call: () => T): T => storage.run(gatherCall, call) }),
  };
  // The subject's timers left behind: still pending once the gather and every task had
  // settled, and the gather call that set each (the gather itself, or a nested one when
  // attributing) had too; by id.
  const leftBehind = new Map<number, Leak>();
  // When the gather and every task had settled.
  let allSettledAt: number | undefined;
  // Called after every event: the tasks known settled are not looked at again (a task stays settled).
  let settledTasks = 0;
  const noteLeftBehind = (): void => {
    if (allSettledAt === undefined) {
      if ('pending' in gatherOutcome) return;
      const { records } = context;
      while (settledTasks < records.length && (records[settledTasks] as TaskRecord).settled !== null) settledTasks += 1;
      if (settledTasks < records.length) return;
      allSettledAt = clock.now;
    } else if (storage === undefined) return; // without attribution, every timer is the gather's: all judged at once
    for (const { id, ...timer } of clock.pendingTimers()) {
      if (leftBehind.has(id)) continue;
      const gatherCall = timerOwners.get(id);
      const callSettledAt = gatherCall === undefined ? allSettledAt : gatherCall.settledAt;
      // A nested gather call still running has not left its timers behind (yet).
      if (callSettledAt === null) continue;
      const settledAt = Math.max(allSettledAt, callSettledAt);
      leftBehind.set(id, { kind: 'timer', owner: ownerOf(gatherCall?.task), ...timer, settledAt });
    }
  };
  let gatherOutcome: GatherOutcome = { pending: true };
  // The gather's promise is the subject's: should it keep it for good (a task that never
  // ends), what it keeps is this sink, emptied when the run ends, not the run.
  const gatherSettled: Sink = {};
  let reasons: readonly unknown[];
  let uncaught: readonly unknown[];
  try {
    // The outer events, scheduled in their order: a controller for the gather only when the
    // scenario cancels it (creating one costs), an outer cancellation for each task ever
    // cancelled from outside (R9), and none for the rest.
    const events = outerEvents(scenario);
    const gatherController = events.some((event) => event.kind === 'cancel-gather') ? new AbortController() : undefined;
    const signal = gatherController?.signal;
    const outside = new Map(
      events.flatMap((event) => (event.kind === 'cancel-task' ? [[event.task, new OuterCancel()] as const] : [])),
    );
    for (const event of events) {
      clock.sleep(event.at, () => {
        context.trace.push({ ...event, at: clock.now });
        (event.kind === 'cancel-gather' ? gatherController : outside.get(event.task))?.abort(scriptCancelled());
      });
    }
    const children = buildChildren(context, scenario, (index) => outside.get(index));
    const returnExceptions = scenario.returnExceptions ?? false;
    const options = signal === undefined ? { returnExceptions } : { returnExceptions, signal };
    const settle = (outcome: GatherOutcome): void => {
      gatherOutcome = outcome;
      context.trace.push({ at: clock.now, kind: 'gather-settle', outcome });
    };
    gatherSettled.settle = (ok, result) => {
      if (!ok) {
        settle({ at: clock.now, error: errorToJson(result, context.origins) });
        return;
      }
      if (!Array.isArray(result)) context.problems.push(`gather: resolved with a non-array (${typeof result})`);
      settle({
        at: clock.now,
        value: Array.isArray(result) ? resultsToJson(result, scenario.tasks, argsOf(scenario), context.origins) : [],
      });
    };
    whenSettled(callSubject(context, children, options, 'gather'), gatherSettled);
    const limits = {
      // The cap is on the subject's own timers: the scenario's are counted on top (see scenarioTimerCount).
      maxTimers: (runOptions.maxTimers ?? 100_000) + scenarioTimerCount(scenario),
      maxHops: MAX_HOPS_PER_INSTANT,
      wallMs: runOptions.wallMs ?? 10_000,
      watchImmediates,
    };
    noteLeftBehind();
    const end = await clock.runUntilQuiescent(limits, noteLeftBehind);
    if (!watchImmediates && clock.realImmediatesQueued()) return undefined;
    if (end !== 'quiescent')
      context.problems.push(`gather: ${LOOP_END_PROBLEMS[end](limits)}; stopped at ${clock.now} ms`);
    if ('pending' in gatherOutcome && clock.realTimeoutsAdded()) {
      context.problems.push(
        'gather: never settled in virtual time and left a real setTimeout behind: it waits on a real timer (one captured before the virtual clock was installed); gather-sim does not wait for real time',
      );
    }
    // Node reports the rejections the last instant left unhandled.
    await unhandled.flush();
    // A run never yields to the event loop: now and then, let it turn (output, I/O).
    if (realPerformanceNow() - lastTurn > TURN_EVERY_MS) {
      await drainPromiseJobs();
      lastTurn = realPerformanceNow();
    }
  } finally {
    reasons = unhandled.stop();
    uncaught = unhandled.uncaught();
    clock.uninstall();
    storage?.disable();
    delete gatherSettled.settle;
    releaseRun(context);
  }
  for (const { from, error } of clock.thrown)
    context.problems.push(`gather: the subject threw from ${from}: ${describeThrown(error)}`);
  for (const error of uncaught) {
    context.problems.push(
      `gather: the subject threw an uncaught exception while the run was in progress (from a real timer or immediate it captured before the run, say): ${describeThrown(error)}`,
    );
  }
  const observation: Observation = {
    gather: gatherOutcome,
    tasks: context.records.map(({ started, settled, outcome, cancelRequested }) => ({
      started,
      settled,
      outcome,
      cancelRequested,
    })),
    unhandled: reasons.map((reason) => errorToJson(reason, context.origins)),
  };
  const leaks: Leak[] = [
    ...[...leftBehind].sort(([a], [b]) => a - b).map(([, leak]) => leak),
    ...reasons.map((reason): Leak => ({
      kind: 'unhandled',
      owner: ownerOf(typeof reason === 'object' && reason !== null ? context.owners.get(reason) : undefined),
      error: errorToJson(reason, context.origins),
    })),
  ];
  // Taken out of the context (splice empties it), which the subject may keep for good through the children.
  return {
    observation,
    trace: context.trace.splice(0),
    starts: context.records.map((record) => record.starts),
    problems: context.problems.splice(0),
    ties: clock.ties.splice(0),
    leaks,
  };
}

/** Where the outcome of a promise the subject holds goes: nowhere once the run has ended. */
interface Sink {
  settle?: (ok: boolean, result: unknown) => void;
}

/**
 * Passes how `promise` settles to `sink.settle`, if the sink still has one then. The
 * callbacks hold the sink alone, so a subject that keeps the promise keeps nothing else.
 */
function whenSettled(promise: Promise<unknown>, sink: Sink): void {
  promise.then(
    (value) => sink.settle?.(true, value),
    (error: unknown) => sink.settle?.(false, error),
  );
}

/**
 * Ends the run for what the subject may keep after it (the children, the signals it was
 * given, the promises it returned): a child started later starts nothing, and the
 * context's abort listeners hold nothing any more (their tasks let go).
 */
function releaseRun(context: RunContext): void {
  context.live = false;
  for (const handlers of context.abortHandlers.values()) handlers.clear();
  context.abortHandlers.clear();
}
