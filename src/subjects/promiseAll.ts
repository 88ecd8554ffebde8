import type { Subject } from '../conformance/Subject.js';
import { neverAborted } from './neverAborted.js';
import { settledToResults } from './settledToResults.js';

/**
 * Native `Promise.all`, and `Promise.allSettled` for returnExceptions. No cancellation (it
 * takes no signal) and no de-duplication (a function passed twice is called twice).
 */
const promiseAll: Subject = {
  name: 'Promise.all',
  supports: { returnExceptions: true },
  gather: (children, { returnExceptions }) => {
    const signal = neverAborted();
    const started = children.map((child) => child(signal));
    return returnExceptions === true ? Promise.allSettled(started).then(settledToResults) : Promise.all(started);
  },
};

export default promiseAll;
