/** The error a cancelled operation ends with, named as in asyncio. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';

  constructor(message = '') {
    super(message);
  }
}

/** True for a cancellation error: one whose `name` is `CancelledError` or `AbortError`. */
export function isCancellation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  try {
    const name = (error as { name?: unknown }).name;
    return name === 'CancelledError' || name === 'AbortError';
  } catch {
    return false; // a `name` getter that throws: not a cancellation
  }
}
