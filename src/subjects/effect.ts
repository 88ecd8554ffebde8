import { Cause, Effect, Exit, Result } from 'effect';
import type { Subject } from '../conformance/Subject.js';
import { CancelledError } from '../gather/CancelledError.js';

/**
 * Effect 4's `Effect.all` with unbounded concurrency, each child an `Effect.tryPromise`
 * whose signal aborts when its fiber is interrupted; `mode: "result"` for returnExceptions;
 * run with `Effect.runPromiseExit` and the gather's signal (cancellation). A failure comes
 * back as the child's own error (`Cause.squash`), an interruption as a CancelledError.
 * No de-duplication.
 */
const effect: Subject = {
  name: 'effect',
  supports: { returnExceptions: true, cancellation: true },
  gather: async (children, { returnExceptions, signal }) => {
    const effects = children.map((child) =>
      Effect.tryPromise({ try: (childSignal) => child(childSignal), catch: (error) => error }),
    );
    const run =
      returnExceptions === true
        ? Effect.all(effects, { concurrency: 'unbounded', mode: 'result' }).pipe(
            Effect.map((results) =>
              results.map((result) => (Result.isSuccess(result) ? result.success : result.failure)),
            ),
          )
        : Effect.all(effects, { concurrency: 'unbounded' });
    const exit = await Effect.runPromiseExit(run, signal === undefined ? undefined : { signal });
    if (Exit.isSuccess(exit)) return exit.value;
    throw Cause.hasInterruptsOnly(exit.cause) ? new CancelledError() : Cause.squash(exit.cause);
  },
};

export default effect;
