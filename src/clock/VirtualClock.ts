import { withGlobal, type Clock as InstalledClock } from '@sinonjs/fake-timers';
import { drainPromiseJobs } from './realTimers.js';

/** A scheduled virtual sleep that can be called off. */
export interface SleepHandle {
  cancel(): void;
}

/** Why the clock loop stopped. */
export type LoopEnd = 'quiescent' | 'runaway';

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
  private constructor(private readonly clock: InstalledClock) {}

  /** Fakes the global timers at virtual time 0. Always pair with {@link uninstall}. */
  static install(): VirtualClock {
    if (installed) {
      throw new Error('VirtualClock.install: another run is in progress; gather-sim runs fake the global timers, so they cannot overlap (await each run before starting the next)');
    }
    const clock = fakeTimers.install({ now: 0, toFake: [...FAKED], loopLimit: Number.MAX_SAFE_INTEGER });
    installed = true;
    return new VirtualClock(clock);
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
   * Fires timers in virtual-time order (ties first-in-first-out), draining promise jobs
   * after each, until no timer is left ('quiescent') or `maxTimers` have fired ('runaway').
   */
  async runUntilQuiescent(maxTimers: number): Promise<LoopEnd> {
    for (let fired = 0; ; fired += 1) {
      await drainPromiseJobs();
      if (this.clock.countTimers() === 0) return 'quiescent';
      if (fired >= maxTimers) return 'runaway';
      this.clock.next();
    }
  }

  /** Restores the real timers and `Date`. Safe to call twice. */
  uninstall(): void {
    if (!installed) return;
    this.clock.uninstall();
    installed = false;
  }
}
