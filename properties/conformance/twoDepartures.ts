import { CancelledError, isCancellation } from '../../src/gather/CancelledError.js';
import { gather } from '../../src/gather/gather.js';
import type { Child, GatherFunction } from '../../src/gather/GatherFunction.js';

/**
 * A gather with two independent departures from asyncio.gather: it rejects at once with a
 * TypeError when the same child is passed twice, and it cancels every other child when one
 * fails (asyncio lets siblings run on).
 */
export const crashesOnDuplicatesAndCancelsSiblings: GatherFunction = (children, options) => {
  if (new Set(children).size < children.length) return Promise.reject(new TypeError('duplicate child'));
  const onFailure = new AbortController();
  const watched = children.map(
    (child: Child): Child =>
      (signal) =>
        child(AbortSignal.any([signal, onFailure.signal])).catch((error: unknown) => {
          if (!isCancellation(error)) onFailure.abort(new CancelledError());
          throw error;
        }),
  );
  return gather(watched, options);
};
