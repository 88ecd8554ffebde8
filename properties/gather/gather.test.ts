import { describe, expect, it } from 'vitest';
import { CancelledError, isCancellation } from '../../src/gather/CancelledError.js';
import { gather } from '../../src/gather/gather.js';
import type { Child } from '../../src/gather/GatherFunction.js';

/** A child that resolves when told, and notes whether its signal aborted. */
function controllable(): {
  child: Child;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  aborted: () => boolean;
  starts: () => number;
} {
  let resolve!: (value: unknown) => void;
  let reject!: (error: unknown) => void;
  const done = new Promise((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  let signal: AbortSignal | undefined;
  let starts = 0;
  return {
    child: (given) => {
      starts += 1;
      signal = given;
      return done;
    },
    resolve,
    reject,
    aborted: () => signal?.aborted === true,
    starts: () => starts,
  };
}

const settledState = async (promise: Promise<unknown>): Promise<string> => {
  const marker = Symbol('pending');
  const first = await Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    Promise.resolve().then(() => marker),
  ]);
  return first === marker
    ? 'pending'
    : JSON.stringify(first, (_, value: unknown) =>
        value instanceof Error ? `${value.name}: ${value.message}` : value,
      );
};

describe('the reference gather, case by case', () => {
  it('resolves an empty gather to [] at once, without options', async () => {
    await expect(gather([])).resolves.toEqual([]);
  });

  it('rejects with the error of a child that throws instead of returning a promise', async () => {
    const boom = new Error('thrown');
    const other = controllable();
    const result = gather([
      other.child,
      () => {
        throw boom;
      },
    ]);
    await expect(result).rejects.toBe(boom);
    expect(other.aborted()).toBe(false);
  });

  it('counts a thrown error as a result with returnExceptions', async () => {
    const boom = new Error('thrown');
    await expect(
      gather(
        [
          () => Promise.resolve(1),
          () => {
            throw boom;
          },
        ],
        { returnExceptions: true },
      ),
    ).resolves.toEqual([1, boom]);
  });

  it('starts a child passed twice once and fills both slots with its value', async () => {
    const twice = controllable();
    const result = gather([twice.child, () => Promise.resolve('b'), twice.child]);
    twice.resolve('a');
    await expect(result).resolves.toEqual(['a', 'b', 'a']);
    expect(twice.starts()).toBe(1);
  });

  it('waits for the last child, in argument order, not completion order', async () => {
    const [first, second] = [controllable(), controllable()];
    const result = gather([first.child, second.child]);
    second.resolve(2);
    expect(await settledState(result)).toBe('pending');
    first.resolve(1);
    await expect(result).resolves.toEqual([1, 2]);
  });

  it('cancels every child at once when called with a signal that already aborted, then rejects with the first cancellation', async () => {
    const [first, second] = [controllable(), controllable()];
    const controller = new AbortController();
    controller.abort();
    const result = gather([first.child, second.child], { signal: controller.signal });
    expect(first.aborted() && second.aborted()).toBe(true);
    first.reject(new CancelledError());
    await expect(result).rejects.toSatisfy(isCancellation);
  });

  it('rejects with a cancellation once all settled when cancelled with returnExceptions, even if every child returned its value', async () => {
    const [first, second] = [controllable(), controllable()];
    const controller = new AbortController();
    const result = gather([first.child, second.child], { returnExceptions: true, signal: controller.signal });
    controller.abort();
    first.resolve(1);
    expect(await settledState(result)).toBe('pending');
    second.resolve(2);
    await expect(result).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects with the value-less cancellation when cancelled without returnExceptions and every child ignored it', async () => {
    const [first, second] = [controllable(), controllable()];
    const controller = new AbortController();
    const result = gather([first.child, second.child], { signal: controller.signal });
    controller.abort();
    first.resolve(1);
    second.resolve(2);
    await expect(result).rejects.toBeInstanceOf(CancelledError);
  });

  it('does nothing when cancelled after it settled: no child is told', async () => {
    const [done, running] = [controllable(), controllable()];
    const controller = new AbortController();
    const failure = new Error('first');
    const result = gather([done.child, running.child], { signal: controller.signal });
    done.reject(failure);
    await expect(result).rejects.toBe(failure);
    controller.abort();
    expect(running.aborted()).toBe(false);
  });

  it('absorbs a later failure after failing fast, and keeps the first error', async () => {
    const [first, second] = [controllable(), controllable()];
    const result = gather([first.child, second.child]);
    const early = new Error('early');
    second.reject(early);
    first.reject(new Error('late'));
    await expect(result).rejects.toBe(early);
  });
});
