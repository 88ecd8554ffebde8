import { describeGatherConformance } from 'gather-sim/vitest';

// Your gather, and what it claims: a property that needs a capability you do not claim
// (returnExceptions, cancellation, dedupe) is skipped as n/a instead of failing.
const myGather = {
  name: 'myGather',
  supports: { returnExceptions: true },
  gather: (
    children: readonly ((signal: AbortSignal) => Promise<unknown>)[],
    options: { returnExceptions?: boolean },
  ) => {
    const started = children.map((child) => child(new AbortController().signal));
    if (options.returnExceptions !== true) return Promise.all(started);
    return Promise.allSettled(started).then((results) =>
      results.map((result): unknown => (result.status === 'fulfilled' ? result.value : result.reason)),
    );
  },
};

describeGatherConformance(myGather, { runs: 100 });
