/** Runs work given to it at most a number at a time; see {@link concurrencyLimit}. */
export type ConcurrencyLimit = <Result>(work: () => Promise<Result>) => Promise<Result>;

/**
 * A limit of `limit` pieces of work at once (at least one): each call starts its work at
 * once if fewer are running, else when one ends, first come first served, and resolves as
 * its work does.
 */
export function concurrencyLimit(limit: number): ConcurrencyLimit {
  let running = 0;
  const queued: (() => void)[] = [];
  return async (work) => {
    if (running >= Math.max(1, limit)) await new Promise<void>((resolve) => queued.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      const next = queued.shift();
      if (next === undefined) running -= 1;
      else next();
    }
  };
}
