/**
 * The gather under test and what it claims: Promise.all, with Promise.allSettled for
 * returnExceptions. It claims no cancellation, so the properties that need it are n/a.
 */
exports.myGather = {
  name: 'myGather',
  supports: { returnExceptions: true },
  gather: (children, options) => {
    const started = children.map((child) => child(new AbortController().signal));
    if (options.returnExceptions !== true) return Promise.all(started);
    return Promise.allSettled(started).then((results) =>
      results.map((result) => (result.status === 'fulfilled' ? result.value : result.reason)),
    );
  },
};
