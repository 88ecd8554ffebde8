import pSettleLibrary from 'p-settle';
import type { Subject } from '../conformance/Subject.js';
import { neverAborted } from './neverAborted.js';

/**
 * p-settle 5: it never rejects and waits for every child, so returnExceptions is its only
 * mode. Without returnExceptions the adapter does what a user of p-settle would: wait for
 * all, then throw the first error in argument order. No cancellation, no de-duplication.
 */
const pSettle: Subject = {
  name: 'p-settle',
  supports: { returnExceptions: true },
  gather: async (children, { returnExceptions }) => {
    const signal = neverAborted();
    const settled = await pSettleLibrary(
      children.map((child) => () => child(signal)),
      { concurrency: Number.POSITIVE_INFINITY },
    );
    const results = settled.map((result) => (result.isFulfilled ? result.value : result.reason));
    const failed = settled.find((result) => !result.isFulfilled);
    if (returnExceptions !== true && failed !== undefined) throw failed.reason;
    return results;
  },
};

export default pSettle;
