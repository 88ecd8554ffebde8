import { CancelledError } from './CancelledError.js';
import type { Child, GatherOptions } from './GatherFunction.js';

interface Entry {
  result: unknown;
}

/**
 * The reference gather: asyncio.gather's semantics (rules R1-R12 of docs/semantics.md) for
 * JavaScript children `(signal) => Promise`.
 *
 * - Every distinct child starts once, at once; one passed twice fills both slots (R1).
 * - Results come back in argument order (R2) when all succeed (R3).
 * - With `returnExceptions: false` the first child to fail rejects the gather with that very
 *   error; the others run on, their later failures absorbed (R4, R5). With `true`, errors are
 *   results (R6).
 * - Aborting `signal` before the gather settled aborts every unfinished child; the gather
 *   then rejects: with the first child error or cancellation (`returnExceptions: false`), or
 *   with a {@link CancelledError} once all settled (`true`) (R8). After it settled, aborting
 *   does nothing (R10).
 *
 * @example
 * ```ts
 * const results = await gather([
 *   async () => 100,
 *   async () => { throw new Error('API failed'); },
 * ], { returnExceptions: true }); // [100, Error('API failed')]
 * ```
 */
export function gather(children: readonly Child[], options: GatherOptions = {}): Promise<unknown[]> {
  const { returnExceptions = false, signal } = options;
  // One entry per distinct child: a child passed twice is one child (R1).
  const entries = new Map<Child, Entry>();
  // Stryker disable next-line ObjectLiteral: equivalent, every entry's result is set before it is read.
  for (const child of children) if (!entries.has(child)) entries.set(child, { result: undefined });
  // One signal for every child: when it aborts, the unfinished ones are cancelled, and to a
  // finished child it is a request that comes too late (as Task.cancel() is to a done task).
  const controller = new AbortController();
  return new Promise<unknown[]>((resolve, reject) => {
    let cancelRequested = false;
    let finished = 0;

    // Until it settles, a gather has children still running: cancelling it cancels them.
    // Once it settled, it stops listening (R10); a promise settles once, so what its
    // children do later (a failure after failing fast, R5) changes nothing.
    const onAbort = (): void => {
      cancelRequested = true;
      controller.abort(new CancelledError());
    };
    const settle = (): void => {
      signal?.removeEventListener('abort', onAbort);
    };
    const onChildDone = (entry: Entry, ok: boolean, result: unknown): void => {
      entry.result = result;
      finished += 1;
      if (!returnExceptions && !ok) {
        settle();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- fail fast with what the child threw, Error or not
        reject(result);
        return;
      }
      if (finished < entries.size) return;
      settle();
      if (cancelRequested) {
        reject(new CancelledError());
        return;
      }
      resolve(children.map((child) => (entries.get(child) as Entry).result));
    };

    if (entries.size === 0) {
      settle();
      resolve([]);
      return;
    }
    for (const [child, entry] of entries) {
      let started: Promise<unknown>;
      try {
        started = Promise.resolve(child(controller.signal));
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a child's synchronous throw, Error or not, is its failure
        started = Promise.reject(error);
      }
      started.then(
        (value) => onChildDone(entry, true, value),
        (error: unknown) => onChildDone(entry, false, error),
      );
    }
    if (signal !== undefined) {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort);
    }
  });
}
