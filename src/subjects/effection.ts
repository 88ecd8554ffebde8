import { all, allSettled, run, unbox, until, type Operation } from 'effection';
import type { Subject } from '../conformance/Subject.js';
import type { Child } from '../gather/GatherFunction.js';
import { CancelledError } from '../gather/CancelledError.js';
import { withoutStack } from '../executor/withoutStack.js';

const cancelled = (): CancelledError => new CancelledError();

/**
 * A child as an effection operation, started with a signal of its own that aborts when the
 * operation is halted (effection runs its `finally` then): effection's cancellation, as
 * `useAbortSignal` would give it, without a resource task per child (which made a gather
 * cost several times more). The signal is left alone once the child has settled. Its reason,
 * never observed, carries no stack trace: capturing one was the adapter's costliest step.
 */
function childOperation(child: Child): Operation<unknown> {
  return {
    *[Symbol.iterator]() {
      const controller = new AbortController();
      let settled = false;
      try {
        const value: unknown = yield* until(child(controller.signal));
        settled = true;
        return value;
      } catch (error) {
        settled = true;
        throw error;
      } finally {
        if (!settled) controller.abort(withoutStack(cancelled));
      }
    },
  };
}

/**
 * effection 4's `all` (`allSettled` for returnExceptions, each result unboxed to its value or
 * its error), run as a task of its own with `run`. Cancellation is effection's: the gather's
 * signal halts the task, which halts every child's operation and so aborts its signal;
 * a halted task's "halted" error comes back as a CancelledError. A failing child makes `all`
 * halt its siblings, as effection does. No de-duplication.
 */
const ignore = (): void => undefined;

const effection: Subject = {
  name: 'effection',
  supports: { returnExceptions: true, cancellation: true },
  gather: async (children, { returnExceptions, signal }) => {
    const operations = children.map(childOperation);
    const task = run(function* () {
      if (returnExceptions !== true) return yield* all(operations);
      const settled = yield* allSettled(operations);
      return settled.map((result): unknown => {
        try {
          return unbox(result);
        } catch (error) {
          return error;
        }
      });
    });
    // effection's halt is lazy: it begins when its future is awaited (its teardown's errors are the task's own).
    const halt = (): void => {
      task.halt().then(undefined, ignore);
    };
    if (signal?.aborted === true) halt();
    signal?.addEventListener('abort', halt, { once: true });
    try {
      return await task;
    } catch (error) {
      if (signal?.aborted === true) throw withoutStack(cancelled);
      throw error;
    } finally {
      signal?.removeEventListener('abort', halt);
    }
  },
};

export default effection;
