import { availableParallelism, loadavg } from 'node:os';

/** The most a real-time limit is stretched by the machine's load. */
export const MAX_LOAD_STRETCH = 10;

/**
 * How many times longer the subject worker's watchdog (a budget meant to catch a hang, not
 * to time a subject) lasts on a machine busier than its cores: the 1-minute load
 * average per core, at least 1 and at most {@link MAX_LOAD_STRETCH}. With every core taken
 * many times over, a thread gets a fraction of the wall time, and a load or a scenario of a
 * second of CPU takes that many seconds: measured at load averages of 15-28 on 2 cores,
 * `effect`'s import passed the 10 s budget and made a correct subject BROKEN. Where the
 * system knows no load average (Windows gives 0), 1. A driver's protocol limits (its hello,
 * its answers: docs/protocol.md) stay the real time they say.
 */
export function loadStretch(load: number = loadavg()[0] ?? 0, cores: number = availableParallelism()): number {
  if (!(load > 0) || !(cores > 0)) return 1;
  return Math.min(MAX_LOAD_STRETCH, Math.max(1, load / cores));
}
