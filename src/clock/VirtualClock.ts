import { withGlobal, type Clock as FakeClock } from '@sinonjs/fake-timers';
import { EventQueue, type ClockEvent, type SleepHandle, type Sleeper } from './EventQueue.js';
import type { TieChoice } from './TieChoice.js';
import { asRunCode } from './runsInTurn.js';
import {
  restoreProperties,
  sameValues,
  saveProperties,
  type GuardedProperty,
  type SavedProperties,
} from './savedProperties.js';
import {
  drainPromiseJobs,
  pendingRealImmediates,
  realNextTick,
  realPerformanceNow,
  realQueueMicrotask,
  realResources,
  type RealResources,
} from './realTimers.js';

/**
 * Why the clock loop stopped: no timer left, too many timers, real `setImmediate` work that
 * never ran dry within one instant, or the real-time budget spent.
 */
export type LoopEnd = 'quiescent' | 'runaway' | 'endless-immediates' | 'wall-time';

/** The bounds of one clock loop. */
export interface LoopLimits {
  /** Timers it may fire. */
  readonly maxTimers: number;
  /** Real macrotask hops it may take within one virtual instant. */
  readonly maxHops: number;
  /** Real milliseconds it may take in all: a last resort against a slow subject. */
  readonly wallMs: number;
  /**
   * Whether to look, at every instant, for work queued on a real `setImmediate` captured
   * before the run, and hop until it ran. Without it, the loop never yields to the event
   * loop, so such work waits: see {@link VirtualClock.realImmediatesQueued}.
   */
  readonly watchImmediates: boolean;
}

/**
 * An error the subject threw where no promise could carry it, during a run: `from` says
 * where (a timer's callback, an abort listener or a `process.nextTick` callback, a
 * `queueMicrotask` callback). It is the subject's: the run reports it, the user never sees it thrown.
 */
export interface SubjectThrow {
  readonly from: 'a timer' | 'an abort listener or a process.nextTick callback' | 'a queueMicrotask callback';
  readonly error: unknown;
}

/** The globals a run fakes with the clock's timers and `Date`. */
const FAKED = [
  'setTimeout',
  'clearTimeout',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'Date',
] as const;
/**
 * Every global a run sets: the faked ones, and `queueMicrotask`, real during a run (microtasks
 * and promises stay real, also when the user's fake timers fake `queueMicrotask`).
 */
const RUN_GLOBALS = [...FAKED, 'queueMicrotask'] as const;
type RunGlobal = (typeof RUN_GLOBALS)[number];

/**
 * One fake-timers clock for the process, built once (building one per run was most of a
 * run's cost): its timers and `Date` stand in for the global ones during a run.
 */
const fake: FakeClock = withGlobal(globalThis).createClock(0, Number.MAX_SAFE_INTEGER);
/** What the last run found: usually what the next one finds too (see saveProperties). */
let found: SavedProperties | undefined;
type Readable = Readonly<Record<string, unknown>>;
/**
 * What {@link guarded} reads, by named reads (fast), and whether `Date.now` and
 * `performance.now` are own properties: equal fingerprints, nothing was assigned.
 */
function fingerprint(): unknown[] {
  const { setTimeout, clearTimeout, setImmediate, clearImmediate, setInterval, clearInterval, Date, queueMicrotask } =
    globalThis;
  const { performance } = globalThis;
  const date = Date as unknown as Readable;
  const fakeNow = (fakeDate as Readable)['now'];
  const { hasOwn } = Object;
  return [
    setTimeout,
    clearTimeout,
    setImmediate,
    clearImmediate,
    setInterval,
    clearInterval,
    Date,
    queueMicrotask,
    performance,
    (process as unknown as Readable)['nextTick'],
    (process as unknown as Readable)['emit'],
    date['now'],
    hasOwn(Date, 'now'),
    fakeNow,
    hasOwn(fakeDate, 'now'),
    (performance as unknown as Readable)['now'],
    hasOwn(performance, 'now'),
  ];
}

/** The clock installed now, if any: where the subject's throws are noted. */
let current: VirtualClock | undefined;
/**
 * Calls `callback` as the subject's: what it throws while a clock is installed is noted as
 * thrown `from` there; with none installed (the run has ended), it is thrown on as before.
 */
function callAsSubject(from: SubjectThrow['from'], callback: (...args: unknown[]) => void, args: unknown[]): void {
  try {
    callback(...args);
  } catch (error) {
    if (current === undefined) throw error;
    current.thrown.push({ from, error });
  }
}
/** `queueMicrotask` during a run: the real one, its callbacks' throws noted. */
const runQueueMicrotask = ((callback: () => void) => {
  realQueueMicrotask(() => {
    callAsSubject('a queueMicrotask callback', callback, []);
  });
}) as typeof queueMicrotask;
/** What a run sets each global to. */
const runGlobals = {
  ...(Object.fromEntries(FAKED.map((name) => [name, fake[name]])) as Record<RunGlobal, unknown>),
  queueMicrotask: runQueueMicrotask,
};
/** `Date.now` of the clock's `Date`, as built: a subject may assign another during a run. */
const fakeDate = fake.Date as object;

/** Times `process.nextTick` callbacks of the subject have run: drains watch it. */
let ticksRun = 0;
/**
 * `process.nextTick` during a run: the real one, counting the callbacks it runs and noting
 * what they throw (Node reports a throw in an abort listener through one).
 */
const countingNextTick = ((callback: (...args: unknown[]) => void, ...args: unknown[]) =>
  realNextTick(() => {
    ticksRun += 1;
    callAsSubject('an abort listener or a process.nextTick callback', callback, args);
  })) as typeof process.nextTick;
const fireNextTimer = (clock: FakeClock): void => {
  try {
    clock.next();
  } catch (error) {
    current?.thrown.push({ from: 'a timer', error });
  }
};
const fireEvent = (event: ClockEvent): void => {
  event.fire();
};
const resumeOnNextTick = (resolve: () => void): void => {
  realNextTick(resolve);
};

/**
 * What a run puts back as it found it, whatever the subject assigned meanwhile: the globals
 * it fakes and `performance`, `process.nextTick` and `process.emit`, and `now` of the found
 * `Date`, of the clock's own `Date` and of `performance` (identity, and no own property
 * where there was none).
 */
function guarded(): GuardedProperty[] {
  // Keep in step with fingerprint.
  const globals = globalThis as Record<string, unknown>;
  const found = [globals['Date'], globals['performance']].filter(
    (value): value is object => (typeof value === 'object' || typeof value === 'function') && value !== null,
  );
  return [
    ...[...RUN_GLOBALS, 'performance'].map((name): GuardedProperty => [globalThis, name]),
    [process, 'nextTick'],
    [process, 'emit'],
    ...[fakeDate, ...found].map((target): GuardedProperty => [target, 'now']),
  ];
}

/**
 * A virtual clock. Its own events (the scripts' sleeps, cleanups and outer cancellations)
 * sit in a heap of exact times, however far (no 2^31 ms limit); while it is installed the
 * global timers and `Date` are @sinonjs/fake-timers' on the same virtual time, so a gather
 * that calls them runs in virtual time too. Promise jobs stay real and are drained at each
 * instant. One clock at a time: a run sets process globals, and puts back those it found.
 */
export class VirtualClock {
  private readonly events = new EventQueue();
  /** The same-instant choices made so far, in order. */
  readonly ties: TieChoice[] = [];
  /** What the subject threw where no promise carries it, in order (see {@link SubjectThrow}). */
  readonly thrown: SubjectThrow[] = [];

  /** The fingerprint of the globals as the run set them: still so at its end, the subject assigned none. */
  private runPrint: readonly unknown[] = [];

  private constructor(
    /** What to put back at the end of the run. */
    private readonly found: SavedProperties,
    /** Real immediates and timers others had queued when the run began. */
    private readonly baseline: RealResources,
    /** The position to fire at each tie in turn (see {@link TieChoice}); past its end, 0: first-in-first-out. */
    private readonly picks: readonly number[],
  ) {}

  /**
   * Fakes the global timers and `Date` at virtual time 0, saving the globals it finds (a
   * user's fake timers included, which it neither advances nor fires) for {@link uninstall}
   * to put back. Always pair with it; one clock at a time (runs take turns: see `inTurn`).
   * `picks` orders the events due at the same instant (see {@link TieChoice}); none: first-in-first-out.
   */
  static install(picks: readonly number[] = []): VirtualClock {
    if (current !== undefined) {
      throw new Error(
        'VirtualClock.install: another run is in progress (a second copy of gather-sim in this process?); runs fake the global timers, so they take turns (see inTurn)',
      );
    }
    fake.now = 0;
    const globals = globalThis as Record<string, unknown>;
    found = saveProperties(guarded, fingerprint(), found);
    const clock = new VirtualClock(found, realResources(), picks);
    for (const name of RUN_GLOBALS) globals[name] = runGlobals[name];
    process.nextTick = countingNextTick;
    clock.runPrint = fingerprint();
    current = clock;
    return clock;
  }

  /** The current virtual time in ms. */
  get now(): number {
    return fake.now;
  }

  /** Wakes `sleeper` after `ms` virtual ms, however long, at that exact instant. */
  sleep(ms: number, sleeper: Sleeper): SleepHandle {
    return this.events.add(fake.now + ms, sleeper);
  }

  /**
   * Runs until no timer is left ('quiescent'), or a limit is hit. It fires one event at a
   * time and then drains what it caused: promise jobs, `process.nextTick` callbacks, and
   * work deferred through a real `setImmediate` captured before the run (bluebird does), all
   * at the same virtual `now`. Among its own events due together, and the subject's next
   * global timer when it is due at that instant too (a tie, docs/semantics.md#ties), the picks
   * choose which fires next: position 0 is the subject's timer, then its own events
   * first-in-first-out; 0 by default. Each choice is recorded in {@link ties}.
   * `afterEach` is called whenever the effects of an event have drained.
   */
  async runUntilQuiescent(limits: LoopLimits, afterEach?: () => void): Promise<LoopEnd> {
    const deadline = realPerformanceNow() + limits.wallMs;
    let fired = 0;
    // Drains rely on running as a promise job: a nextTick scheduled from one runs only once
    // the job queue is empty.
    await Promise.resolve();
    for (;;) {
      // Drains the instant (see drainImmediates): the promise jobs and ticks here, in the loop,
      // which saves an async call per event; the real immediates after, when watched.
      for (let before = -1; before !== ticksRun;) {
        before = ticksRun;
        await new Promise<void>(resumeOnNextTick);
      }
      if (limits.watchImmediates && !(await this.drainImmediates(limits.maxHops))) return 'endless-immediates';
      afterEach?.();
      const own = this.events.peek();
      const global = fake.timerHeap?.peek();
      if (own === undefined && global === undefined) return 'quiescent';
      if (fired >= limits.maxTimers) return 'runaway';
      if (realPerformanceNow() > deadline) return 'wall-time';
      const globalAt = global === undefined ? undefined : (global.callAt ?? 0);
      if (globalAt !== undefined && (own === undefined || globalAt < own.at)) {
        asRunCode(fireNextTimer, fake);
        fired += 1;
        continue;
      }
      // No global timer is due before `own`: moving the fake clock's time is all a tick would do.
      fake.now = (own as ClockEvent).at;
      fired += 1;
      const next = this.takeNext(globalAt === fake.now);
      if (next === undefined) asRunCode(fireNextTimer, fake);
      else asRunCode(fireEvent, next);
    }
  }

  /**
   * Takes out the next event of its own to fire: the earliest, or the picked one of a tie;
   * undefined when the pick is the subject's global timer due at this instant too
   * (`subjectTimerDue`), which then fires instead.
   */
  private takeNext(subjectTimerDue: boolean): ClockEvent | undefined {
    const count = this.events.dueCount() + (subjectTimerDue ? 1 : 0);
    if (count === 1) return this.events.take(0);
    const { ties } = this;
    const pick = (this.picks[ties.length] ?? 0) % count;
    ties.push({ at: fake.now, count, pick });
    // Position 0 is the subject's timer, when one is due: the order of a run that picks nothing.
    const chosen = subjectTimerDue ? pick - 1 : pick;
    return chosen < 0 ? undefined : this.events.take(chosen);
  }

  /**
   * Drains the rest of the current instant, once its promise jobs and `nextTick`s have run
   * (through a real `nextTick` scheduled from a promise job: it runs only once the job queue
   * is empty, again while the subject's own ticks ran meanwhile): a real macrotask hop, and
   * those again, while real immediates queued since the run began remain. False when they
   * still remain after `maxHops` hops.
   */
  private async drainImmediates(maxHops: number): Promise<boolean> {
    for (let hops = 0; this.realImmediatesQueued(); hops += 1) {
      if (hops >= maxHops) return false;
      await drainPromiseJobs();
      for (let before = -1; before !== ticksRun;) {
        before = ticksRun;
        await new Promise<void>(resumeOnNextTick);
      }
    }
    return true;
  }

  /**
   * The global timers pending now (set by the subject, never by the clock's own events)
   * that are due later than now or repeat: what a gather leaves behind if all is settled.
   */
  pendingTimers(): {
    readonly id: number;
    readonly createdAt: number;
    readonly dueAt: number;
    readonly interval?: number;
  }[] {
    const now = fake.now;
    return (fake.timerHeap?.timers ?? [])
      .filter((timer) => (timer.callAt ?? 0) > now || timer.interval !== undefined)
      .map((timer) => ({
        id: timer.id ?? 0,
        createdAt: timer.createdAt ?? 0,
        dueAt: timer.callAt ?? 0,
        ...(timer.interval === undefined ? {} : { interval: timer.interval }),
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Whether work is queued on a real `setImmediate` since the clock was installed (by the subject). */
  realImmediatesQueued(): boolean {
    return pendingRealImmediates() > this.baseline.immediates;
  }

  /** Whether real timers were set since the clock was installed (by the subject, with a `setTimeout` it captured before). */
  realTimeoutsAdded(): boolean {
    return realResources().timeouts > this.baseline.timeouts;
  }

  /**
   * Puts back what {@link install} found (see {@link guarded}): the real timers, `Date`,
   * `queueMicrotask` and `process.nextTick`, or the user's fakes as they were, also where the
   * subject assigned any of them (or `Date.now`, `performance.now`, `process.emit`). Drops
   * the clock's events and the timers the subject left, so that nothing of the run stays
   * reachable through the clock. Safe to call twice.
   */
  uninstall(): void {
    if (current !== this) return;
    const now = fingerprint();
    if (sameValues(now, this.runPrint)) {
      // Only what install set changed: put those back (the fingerprint starts with the run's globals, then nextTick at 9).
      const was = this.found.fingerprint;
      RUN_GLOBALS.forEach((name, index) => {
        (globalThis as Record<string, unknown>)[name] = was[index];
      });
      process.nextTick = was[9] as typeof process.nextTick;
    } else restoreProperties(this.found, now);
    if (fake.countTimers() > 0) fake.reset();
    this.events.clear();
    current = undefined;
  }
}
