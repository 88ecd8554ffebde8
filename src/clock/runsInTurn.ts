/**
 * The process's runs, one at a time: a run fakes process globals, so runs started while
 * another is in progress (concurrent tests, `Promise.all` of checks) wait their turn,
 * first in first out, and each runs as it would alone.
 */
let last: Promise<unknown> = Promise.resolve();
/** How deep the stack is in a run's own code: the subject called, or a virtual event fired. */
let runCodeDepth = 0;
const ignore = (): void => undefined;

/**
 * Calls `job` once every run queued before it has ended, and settles as it does. `who`
 * names the caller in the error when it is called from a run's own code (the subject, or a
 * timer or abort listener of it), which would otherwise wait on the run it is part of.
 */
export function inTurn<T>(who: string, job: () => Promise<T>): Promise<T> {
  if (runCodeDepth > 0) {
    return Promise.reject(
      new Error(
        `${who}: called from inside a run (by the gather under test, or a timer or listener of it); runs take turns, so a run started inside another could only begin once that one has ended: start runs from the test, not from the gather`,
      ),
    );
  }
  const turn = last.then(job);
  last = turn.then(ignore, ignore);
  return turn;
}

/** Calls `call(arg)` as a run's own code: a run started meanwhile is refused (see {@link inTurn}). */
export function asRunCode<A, T>(call: (arg: A) => T, arg: A): T {
  runCodeDepth += 1;
  try {
    return call(arg);
  } finally {
    runCodeDepth -= 1;
  }
}
