import { CancelledError, isCancellation } from '../src/gather/CancelledError.js';
import { gather } from '../src/gather/gather.js';
import type { Child, GatherFunction } from '../src/gather/GatherFunction.js';

/** A gather with one deliberate departure from asyncio, and the property meant to catch it. */
export interface WrongGather {
  readonly name: string;
  readonly fault: string;
  readonly caughtBy: string;
  /**
   * The top-level tasks its shrunk counterexample may keep, when more than three: at least 9
   * to get past a cap of 8, and fast-check shrinks a wide array from its front, which keeps
   * the ninth child ninth only with the tasks after it.
   */
  readonly needsTasks?: number;
  readonly gather: GatherFunction;
}

/** Wraps each distinct child, keeping duplicates the same function (so de-duplication still works). */
function mapChildren(children: readonly Child[], wrap: (child: Child, index: number) => Child): Child[] {
  const wrapped = new Map<Child, Child>();
  return children.map((child) => {
    let result = wrapped.get(child);
    if (result === undefined) {
      result = wrap(child, wrapped.size);
      wrapped.set(child, result);
    }
    return result;
  });
}

/** Children that are also cancelled by `extra`, besides the signal the gather gives them. */
function alsoCancelledBy(children: readonly Child[], extra: AbortSignal): Child[] {
  return mapChildren(children, (child) => (signal) => child(AbortSignal.any([signal, extra])));
}

let startToggle = 0;

/**
 * The deliberately wrong gathers of the suite: each must be caught by its property, which
 * is how we know the properties have teeth.
 */
export const wrongGathers: readonly WrongGather[] = [
  {
    name: 'completion order',
    fault: 'returns results in the order children completed',
    caughtBy: 'order',
    gather: async (children, options) => {
      const finished: number[] = [];
      const tracked = mapChildren(children, (child, index) => async (signal) => {
        try {
          return await child(signal);
        } finally {
          finished.push(index);
        }
      });
      const slots = new Map(tracked.map((child, slot) => [slot, [...new Set(tracked)].indexOf(child)]));
      const results = await gather(tracked, options);
      return results
        .map((_, slot) => slot)
        .sort((a, b) => finished.indexOf(slots.get(a) ?? 0) - finished.indexOf(slots.get(b) ?? 0))
        .map((slot) => results[slot]);
    },
  },
  {
    name: 'sequential await',
    fault: 'starts each child only after the previous one finished',
    caughtBy: 'concurrency',
    gather: async (children, { returnExceptions = false, signal }) => {
      const done = new Map<Child, unknown>();
      for (const child of children) {
        if (done.has(child)) continue;
        try {
          done.set(child, await child(signal ?? new AbortController().signal));
        } catch (error) {
          if (!returnExceptions) throw error;
          done.set(child, error);
        }
      }
      return children.map((child) => done.get(child));
    },
  },
  {
    name: 'cancels siblings on failure',
    fault: 'aborts every other child when one fails',
    caughtBy: 'siblings-live-on',
    gather: (children, options) => {
      const onFailure = new AbortController();
      const watched = mapChildren(
        alsoCancelledBy(children, onFailure.signal),
        (child) => (signal) =>
          child(signal).catch((error: unknown) => {
            if (!isCancellation(error)) onFailure.abort(new CancelledError());
            throw error;
          }),
      );
      return gather(watched, options);
    },
  },
  {
    name: 'waits for all before throwing',
    fault: 'waits for every child, then throws the first error in argument order',
    caughtBy: 'fail-fast',
    gather: async (children, options) => {
      const results = await gather(children, { ...options, returnExceptions: true });
      const failed = results.find((result) => result instanceof Error);
      if (options.returnExceptions !== true && failed !== undefined) throw failed;
      return results;
    },
  },
  {
    name: 'wraps the error',
    fault: 'rejects with a new Error wrapping the child error',
    caughtBy: 'fail-fast',
    gather: (children, options) =>
      gather(children, options).catch((error: unknown) => {
        throw new Error(`gather failed: ${(error as Error).message}`, { cause: error });
      }),
  },
  {
    name: 'ignores returnExceptions',
    fault: 'always fails fast',
    caughtBy: 'return-exceptions',
    gather: (children, options) => gather(children, { ...options, returnExceptions: false }),
  },
  {
    name: 'drops errors',
    fault: 'with returnExceptions, puts null where an error belongs',
    caughtBy: 'return-exceptions',
    gather: async (children, options) =>
      (await gather(children, options)).map((result) => (result instanceof Error ? null : result)),
  },
  {
    name: 'ignores cancellation',
    fault: 'never listens to its signal',
    caughtBy: 'outer-cancellation',
    gather: (children, { returnExceptions = false }) => gather(children, { returnExceptions }),
  },
  {
    name: 'cancels after done',
    fault: 'aborts children when cancelled even after it settled',
    caughtBy: 'cancel-after-done',
    gather: (children, options) => {
      const late = new AbortController();
      options.signal?.addEventListener('abort', () => late.abort(new CancelledError()));
      return gather(alsoCancelledBy(children, late.signal), options);
    },
  },
  {
    name: 'no de-duplication',
    fault: 'starts a child passed twice twice',
    caughtBy: 'start',
    gather: (children, options) =>
      gather(
        children.map((child) => (signal: AbortSignal) => child(signal)),
        options,
      ),
  },
  {
    name: 'cancel resolves with results',
    fault: 'with returnExceptions, a cancelled gather resolves with its results (bpo-32684)',
    caughtBy: 'outer-cancellation',
    gather: (children, { returnExceptions = false, signal }) => {
      const cancel = new AbortController();
      signal?.addEventListener('abort', () => cancel.abort(new CancelledError()));
      return gather(alsoCancelledBy(children, cancel.signal), { returnExceptions });
    },
  },
  {
    name: 'leaks rejections',
    fault: 'leaves a derived promise of each child unhandled',
    caughtBy: 'no-unhandled',
    gather: (children, options) =>
      gather(
        mapChildren(children, (child) => (signal) => {
          const running = child(signal);
          void running.then(() => undefined);
          return running;
        }),
        options,
      ),
  },
  {
    name: 'leaves its deadline timer',
    fault: 'sets a one-minute deadline timer it never clears',
    caughtBy: 'no-leaked-timers',
    gather: (children, options) => {
      // The global setTimeout at call time: the run's virtual one.
      setTimeout(() => undefined, 60_000);
      return gather(children, options);
    },
  },
  {
    name: 'settles a tick late',
    fault: 'settles through setTimeout(1) after its children',
    caughtBy: 'success',
    gather: (children, options) =>
      gather(children, options).then(
        (results) => new Promise((resolve) => setTimeout(() => resolve(results), 1)),
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes the gather's failure on, whatever it is, a tick late
        (error: unknown) => new Promise((_, reject) => setTimeout(() => reject(error), 1)),
      ),
  },
  {
    name: 'nondeterministic start order',
    fault: 'starts children in reverse order on every other call',
    caughtBy: 'determinism',
    gather: async (children, options) => {
      startToggle += 1;
      if (startToggle % 2 === 0) return gather(children, options);
      return (await gather([...children].reverse(), options)).reverse();
    },
  },
  {
    name: 'native Promise.all',
    fault: 'Promise.all / allSettled: no de-duplication, no cancellation',
    caughtBy: 'start',
    gather: (children, { returnExceptions = false }) => {
      const started = children.map((child) => child(new AbortController().signal));
      if (!returnExceptions) return Promise.all(started);
      return Promise.allSettled(started).then((settled) =>
        settled.map((result): unknown => (result.status === 'fulfilled' ? result.value : result.reason)),
      );
    },
  },
];

/**
 * Wrong gathers that only wide gathers (more than 8 children) catch: kept apart from
 * {@link wrongGathers}, which `check` runs on every property in the CLI's tests, because
 * shrinking their counterexamples on some properties (R2 order: about two minutes) is slow.
 */
export const wideWrongGathers: readonly WrongGather[] = [
  {
    name: 'caps concurrency at 8',
    fault: 'runs at most 8 children at a time, starting the next only when one settles',
    caughtBy: 'concurrency',
    needsTasks: 16,
    gather: (children, options) => {
      let running = 0;
      const waiting: (() => void)[] = [];
      const capped = mapChildren(children, (child) => async (signal) => {
        if (running >= 8) await new Promise<void>((resolve) => waiting.push(resolve));
        running += 1;
        try {
          return await child(signal);
        } finally {
          running -= 1;
          waiting.shift()?.();
        }
      });
      return gather(capped, options);
    },
  },
];
