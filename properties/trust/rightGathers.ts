import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';

/** How long a gather call runs before {@link warningTimerGather} warns that it is slow. */
export const SLOW_GATHER_MS = 30_000;

/**
 * A correct gather that arms a one-shot "slow gather" warning timer on each call (the nested
 * ones included) and clears it when that call settles: it leaves no timer behind, though a
 * nested call may still be running, its timer armed, after the outer gather has settled.
 */
export const warningTimerGather: GatherFunction = async (children, options) => {
  // The global setTimeout at call time: the run's virtual one.
  const warning = setTimeout(() => undefined, SLOW_GATHER_MS);
  try {
    return await gather(children, options);
  } finally {
    clearTimeout(warning);
  }
};
