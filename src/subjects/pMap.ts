import pMapLibrary, { pMapSettled } from 'p-map';
import type { Child } from '../gather/GatherFunction.js';
import type { Subject } from '../conformance/Subject.js';
import { neverAborted } from './neverAborted.js';
import { settledToResults } from './settledToResults.js';

/**
 * p-map 7 with unlimited concurrency, `pMapSettled` for returnExceptions. Cancellation: its
 * `signal` option, which rejects the aggregate (mappers are never told). No de-duplication.
 */
const pMap: Subject = {
  name: 'p-map',
  supports: { returnExceptions: true, cancellation: true },
  gather: (children, { returnExceptions, signal }) => {
    const childSignal = neverAborted();
    const mapper = (child: Child): Promise<unknown> => child(childSignal);
    const options = { concurrency: Number.POSITIVE_INFINITY, ...(signal === undefined ? {} : { signal }) };
    return returnExceptions === true
      ? pMapSettled(children, mapper, options).then(settledToResults)
      : pMapLibrary(children, mapper, options);
  },
};

export default pMap;
