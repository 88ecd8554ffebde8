/** Node's own frames that only say a microtask ran (`processTicksAndRejections`): noise above the user's. */
const NOISE = /^\s+at (?:process\.)?processTicksAndRejections \(node:internal\//;

/**
 * The Error a failed check throws inside a user's test: `message`, the report as `cause`,
 * and the frames of `callSite` (an Error made where the user's test called gather-sim, its
 * gather-sim frames cut off by `Error.captureStackTrace`) without Node's microtask noise, so
 * that a test runner points at the user's test rather than at gather-sim's internals.
 */
export function failureError(message: string, cause: unknown, callSite: Error): Error {
  const error = new Error(message, { cause });
  const frames = (callSite.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line) && !NOISE.test(line));
  error.stack = [`Error: ${message}`, ...frames].join('\n');
  return error;
}
