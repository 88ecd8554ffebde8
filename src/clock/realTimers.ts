/**
 * The real timer functions, captured when this module loads, before any clock fakes the
 * globals. This is the one module of src/ that holds real time on purpose: the clock loop
 * drains promise jobs through the real `setImmediate`, and the CLI measures wall time.
 */
/** The real `setImmediate`: one hop through it drains every queued promise job. */
export const realSetImmediate: typeof setImmediate = globalThis.setImmediate;
/** The real `performance.now`, for wall-time figures (never for virtual time). */
export const realPerformanceNow: () => number = performance.now.bind(performance);

/** Resolves after one real macrotask: every promise job queued before it has run. */
export function drainPromiseJobs(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
