/**
 * The real timer functions, captured when this module loads, before any clock fakes the
 * globals. This is the one module of src/ that holds real time on purpose: the clock loop
 * drains promise jobs through the real `setImmediate`, and the CLI measures wall time.
 */
export const realSetImmediate: typeof setImmediate = globalThis.setImmediate;
export const realSetTimeout: typeof setTimeout = globalThis.setTimeout;
export const realClearTimeout: typeof clearTimeout = globalThis.clearTimeout;
export const realPerformanceNow: () => number = performance.now.bind(performance);

/** Resolves after one real macrotask: every promise job queued before it has run. */
export function drainPromiseJobs(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
