import { CancelledError } from '../gather/CancelledError.js';
import { withoutStack } from './withoutStack.js';

const make = (): CancelledError => new CancelledError();

/**
 * The {@link CancelledError} a script ends with, or an outer cancellation aborts with: a
 * fresh one each time, without a stack trace (never observed; capturing one was among the
 * costliest things a cancelled task did).
 */
export function scriptCancelled(): CancelledError {
  return withoutStack(make);
}
