import Bluebird from 'bluebird';
import type { Subject } from '../conformance/Subject.js';
import { neverAborted } from './neverAborted.js';

/**
 * bluebird 3.7's `Promise.all`, and `.reflect()` on each child for returnExceptions.
 * bluebird runs its callbacks on the real `setImmediate` it captured at import; the clock
 * drains that work within the instant. No cancellation (bluebird's own, when enabled,
 * silences promises instead of rejecting, and cannot reach native children), no
 * de-duplication.
 */
const bluebird: Subject = {
  name: 'bluebird',
  supports: { returnExceptions: true },
  gather: (children, { returnExceptions }) => {
    const signal = neverAborted();
    const started = children.map((child) => Bluebird.resolve(child(signal)));
    if (returnExceptions !== true) return Bluebird.all(started);
    return Bluebird.all(started.map((promise) => promise.reflect())).then((inspections) =>
      inspections.map((inspection): unknown => (inspection.isFulfilled() ? inspection.value() : inspection.reason())),
    );
  },
};

export default bluebird;
