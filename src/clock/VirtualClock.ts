import { withGlobal, type Clock as InstalledClock } from '@sinonjs/fake-timers';
import { drainPromiseJobs, pendingRealImmediates, realPerformanceNow } from './realTimers.js';

/** A scheduled virtual sleep that can be called off. */
export interface SleepHandle {
  cancel(): void;
}

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
}

/** The timers faked on the global object during a run; microtasks stay real. */
const FAKED = ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'Date'] as const;

/** Longest delay a timer accepts; longer ones are clamped to 1 ms by Node and fake-timers. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * fake-timers bound to this process's global object, built once: it captures the real
 * timers when this module loads, and building it per run was a tenth of a run's time.
 */
const fakeTimers = withGlobal(globalThis);

let installed = false;

/**
 * A virtual clock on @sinonjs/fake-timers. While it is installed the global timers and
 * `Date` are fake, so a gather that calls them runs in virtual time too; promise jobs stay
 * real and are drained between timers. One clock at a time: a run fakes process globals.
 */
export class VirtualClock {
  private constructor(
    private readonly clock: InstalledClock,
    /** Real immediates that were already queued by others when the run began. */
    private readonly baselineImmediates: number,
  ) {}

  /** Fakes the global timers at virtual time 0. Always pair with {@link uninstall}. */
  static install(): VirtualClock {
    if (installed) {
      throw new Error('VirtualClock.install: another run is in progress; gather-sim runs fake the global timers, so they cannot overlap (await each run before starting the next)');
    }
    const clock = fakeTimers.install({ now: 0, toFake: [...FAKED], loopLimit: Number.MAX_SAFE_INTEGER });
    installed = true;
    return new VirtualClock(clock, pendingRealImmediates());
  }

  /** The current virtual time in ms. */
  get now(): number {
    return this.clock.now;
  }

  /**
   * Calls `callback` after `ms` virtual ms, however long (setTimeout alone clamps past
   * 2^31-1). The callback runs as a promise job right after its timer, at the same `now`:
   * fake-timers would put a 0 ms timer created inside a timer callback 1 ms late.
   */
  sleep(ms: number, callback: () => void): SleepHandle {
    const due = this.clock.now + ms;
    let id: ReturnType<InstalledClock['setTimeout']>;
    const fire = (): void => queueMicrotask(callback);
    const schedule = (): void => {
      const remaining = due - this.clock.now;
      id = this.clock.setTimeout(remaining > MAX_DELAY ? schedule : fire, Math.min(remaining, MAX_DELAY));
    };
    schedule();
    return { cancel: () => this.clock.clearTimeout(id) };
  }

  /**
   * Fires timers in virtual-time order (ties first-in-first-out) until no timer is left.
   * Before each timer, and at the end, the current instant is drained: promise jobs, and
   * work deferred through the real `setImmediate` or `process.nextTick` (hop after hop,
   * while real immediates queued since the clock was installed remain), all at the same
   * virtual `now`.
   */
  async runUntilQuiescent(limits: LoopLimits): Promise<LoopEnd> {
    const deadline = realPerformanceNow() + limits.wallMs;
    for (let fired = 0; ; fired += 1) {
      if (!(await this.drainInstant(limits.maxHops))) return 'endless-immediates';
      if (this.clock.countTimers() === 0) return 'quiescent';
      if (fired >= limits.maxTimers) return 'runaway';
      if (realPerformanceNow() > deadline) return 'wall-time';
      this.clock.next();
    }
  }

  private async drainInstant(maxHops: number): Promise<boolean> {
    for (let hops = 1; ; hops += 1) {
      await drainPromiseJobs();
      if (pendingRealImmediates() <= this.baselineImmediates) return true;
      if (hops >= maxHops) return false;
    }
  }

  /** Restores the real timers and `Date`. Safe to call twice. */
  uninstall(): void {
    if (!installed) return;
    this.clock.uninstall();
    installed = false;
  }
}
