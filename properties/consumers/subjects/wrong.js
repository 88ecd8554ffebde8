/**
 * A wrong gather the consumer projects must fail: when a child fails, it aborts every
 * sibling (asyncio.gather lets them run on: rule R5, property siblings-live-on).
 */
export const myGather = {
  name: 'myGather',
  supports: { returnExceptions: true },
  gather: (children, options) => {
    const siblings = new AbortController();
    const started = children.map((child) => child(siblings.signal));
    if (options.returnExceptions === true)
      return Promise.allSettled(started).then((results) =>
        results.map((result) => (result.status === 'fulfilled' ? result.value : result.reason)),
      );
    for (const child of started) child.catch(() => siblings.abort());
    return Promise.all(started);
  },
};
