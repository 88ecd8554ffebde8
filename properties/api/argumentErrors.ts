import { expect } from 'vitest';

/** Expects `error` to be exactly a `TypeError` (not a subclass) with exactly `message`. */
export function expectTypeError(error: unknown, message: string): void {
  expect(error).toBeInstanceOf(TypeError);
  expect((error as object).constructor).toBe(TypeError);
  expect((error as Error).message).toBe(message);
}

/** The error `call` throws synchronously; fails when it throws nothing. */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but the call returned');
}

/** The reason `promise` rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, but the promise resolved');
    },
    (error: unknown) => error,
  );
}
