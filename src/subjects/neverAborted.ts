/**
 * A signal that never aborts: what a child gets from a library without cancellation, so a
 * child is only ever cancelled from outside (R9), never by the gather.
 */
export function neverAborted(): AbortSignal {
  return new AbortController().signal;
}
