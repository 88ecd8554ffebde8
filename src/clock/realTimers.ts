/**
 * The real timer functions, captured when this module loads, before any clock fakes the
 * globals. This is the one module of src/ that holds real time on purpose: the clock loop
 * drains promise jobs through the real `setImmediate`, bounds a run's wall time, and the
 * CLI measures wall time.
 */
/** The real `setImmediate`: one hop through it drains every queued promise job. */
export const realSetImmediate: typeof setImmediate = globalThis.setImmediate;
/** The real `performance.now`, for wall-time figures (never for virtual time). */
export const realPerformanceNow: () => number = performance.now.bind(performance);

/** Resolves after one real macrotask: every promise job queued before it has run. */
export function drainPromiseJobs(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/** Real immediates queued and real timers alive in this process, counted in one pass. */
export interface RealResources {
  readonly immediates: number;
  readonly timeouts: number;
}

/** Counts {@link RealResources} (referenced ones). */
export function realResources(): RealResources {
  let immediates = 0;
  let timeouts = 0;
  for (const resource of process.getActiveResourcesInfo()) {
    if (resource === 'Immediate') immediates += 1;
    else if (resource === 'Timeout') timeouts += 1;
  }
  return { immediates, timeouts };
}

/**
 * Real `setImmediate` callbacks still queued in this process: work a library deferred
 * through a `setImmediate` it captured before the clock faked the global (bluebird does).
 */
export function pendingRealImmediates(): number {
  return realResources().immediates;
}

/** The real `setTimeout` and `clearTimeout`: for wall-clock limits on external subjects. */
export const realSetTimeout: typeof setTimeout = globalThis.setTimeout;
export const realClearTimeout: typeof clearTimeout = globalThis.clearTimeout;
