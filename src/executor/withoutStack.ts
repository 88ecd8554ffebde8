/**
 * Calls `make` with V8's stack capture off, so that an error it makes carries no stack trace:
 * the scripts' errors are never observed by their stack, and capturing one cost more than
 * all else an error does.
 */
export function withoutStack<T>(make: () => T): T {
  const { stackTraceLimit } = Error;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
