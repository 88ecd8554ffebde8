import { realClearTimeout, realSetTimeout } from '../clock/realTimers.js';

/** The longest delay a Node timer keeps (2^31-1 ms, about 24.8 days): a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A real-time timer for `ms` milliseconds, whatever the globals a run fakes; a delay
 * beyond {@link MAX_TIMER_MS} waits that long (Node would fire it at once). Returns the
 * function that clears it.
 */
export function realTimer(callback: () => void, ms: number): () => void {
  const timer = realSetTimeout(callback, Math.min(Math.max(ms, 0), MAX_TIMER_MS));
  return () => realClearTimeout(timer);
}

/** What `done` settles with, or 'timeout' when `ms` of real time pass first; the timer is cleared either way. */
export async function raceRealTime<T>(done: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let clear = (): void => undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    clear = realTimer(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clear();
  }
}
