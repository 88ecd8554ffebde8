import asyncLibrary from 'async';
import type { Subject } from '../conformance/Subject.js';
import { neverAborted } from './neverAborted.js';

interface Reflected {
  readonly value?: unknown;
  readonly error?: unknown;
}

/**
 * caolan's async 3: `async.parallel` over native async functions (async only treats those
 * as promise-returning), `async.reflectAll` for returnExceptions. No cancellation, no
 * de-duplication.
 */
const async: Subject = {
  name: 'async',
  supports: { returnExceptions: true },
  gather: async (children, { returnExceptions }) => {
    const signal = neverAborted();
    const tasks = children.map((child) => async () => child(signal));
    if (returnExceptions !== true) return await asyncLibrary.parallel<unknown, unknown[]>(tasks);
    const reflected = await asyncLibrary.parallel<Reflected, Reflected[]>(asyncLibrary.reflectAll(tasks));
    return reflected.map((result) => ('error' in result ? result.error : result.value));
  },
};

export default async;
