import pAllLibrary from 'p-all';
import type { Subject } from '../conformance/Subject.js';
import { neverAborted } from './neverAborted.js';

/**
 * p-all 5 (on p-map 6) with unlimited concurrency. Cancellation: its `signal` option, which
 * rejects the aggregate (its children are never told). No returnExceptions (its
 * `stopOnError: false` waits for all and rejects with an AggregateError), no de-duplication.
 */
const pAll: Subject = {
  name: 'p-all',
  supports: { cancellation: true },
  gather: (children, { signal }) => {
    const childSignal = neverAborted();
    return pAllLibrary(
      children.map((child) => () => child(childSignal)),
      { concurrency: Number.POSITIVE_INFINITY, ...(signal === undefined ? {} : { signal }) },
    );
  },
};

export default pAll;
