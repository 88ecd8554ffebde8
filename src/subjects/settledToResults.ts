/** `Promise.allSettled`-style records as a gather's result list: the value, or the error itself. */
export function settledToResults(settled: readonly PromiseSettledResult<unknown>[]): unknown[] {
  return settled.map((result): unknown => (result.status === 'fulfilled' ? result.value : result.reason));
}
