/**
 * The real timer functions, captured when this module loads, before any run fakes the
 * globals. This is the one module of src/ that holds real time on purpose: the clock loop
 * drains promise jobs through the real `setImmediate`, bounds a run's wall time, and the
 * CLI measures wall time. Should a user's @sinonjs/fake-timers clock (vitest's and jest's
 * fake timers are one) have faked a global already, the original it saved is taken.
 */

/** The global `name` as found, or, if a fake-timers clock faked it, the original it keeps as `clock._name`. */
function unfaked<T>(name: string, found: T): T {
  let value: unknown = found;
  for (;;) {
    const clock = (value as { readonly clock?: Readonly<Record<string, unknown>> } | undefined)?.clock;
    const original = clock?.[`_${name}`];
    if (original === undefined || original === value) return value as T;
    value = original;
  }
}

/** The real `setImmediate`: one hop through it drains every queued promise job. */
export const realSetImmediate: typeof setImmediate = unfaked('setImmediate', globalThis.setImmediate);
/** The real `queueMicrotask`: a run sets it in place of a user's fake one. */
export const realQueueMicrotask: typeof queueMicrotask = unfaked('queueMicrotask', globalThis.queueMicrotask);
/** Node's own `process.nextTick`: a plain function that uses no `this`. */
export const realNextTick: (callback: () => void) => void = unfaked(
  'nextTick',
  (process as { readonly nextTick: (callback: () => void) => void }).nextTick,
);
const realPerformance: typeof performance = unfaked('performance', globalThis.performance);
/** The real `performance.now`, for wall-time figures (never for virtual time). */
export const realPerformanceNow: () => number = realPerformance.now.bind(realPerformance);
const realTimeOrigin = realPerformance.timeOrigin;
/** Real milliseconds since the epoch, the same in every thread (a worker's `performance.now` counts from its own start). */
export const realEpochNow = (): number => realTimeOrigin + realPerformanceNow();

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
export const realSetTimeout: typeof setTimeout = unfaked('setTimeout', globalThis.setTimeout);
export const realClearTimeout: typeof clearTimeout = unfaked('clearTimeout', globalThis.clearTimeout);
