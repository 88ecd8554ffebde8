import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from '../../src/isolate/concurrencyLimit.js';
import { mapConcurrently } from '../../src/isolate/mapConcurrently.js';

/** A piece of work that stays running until `finish` is called. */
function pending(): { promise: Promise<void>; finish: () => void } {
  let finish = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { promise, finish };
}

describe('concurrencyLimit', () => {
  it('runs at most the limit at once, and starts the waiting work first come first served as work ends', async () => {
    const inTurn = concurrencyLimit(2);
    const works = [pending(), pending(), pending(), pending()];
    const started: number[] = [];
    const done = works.map((work, index) =>
      inTurn(async () => {
        started.push(index);
        await work.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    works[1]?.finish();
    expect(await done[1]).toBe(1);
    expect(started).toEqual([0, 1, 2]);
    works[0]?.finish();
    await done[0];
    expect(started).toEqual([0, 1, 2, 3]);
    works[2]?.finish();
    works[3]?.finish();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
  });

  it('frees its place when work rejects, and passes the rejection on', async () => {
    const inTurn = concurrencyLimit(1);
    const failing = inTurn(() => Promise.reject(new Error('no')));
    const next = inTurn(() => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('no');
    expect(await next).toBe('next');
  });

  it('gives mapConcurrently its results in the order of the items, whichever finished first', async () => {
    const delays = [3, 1, 2];
    const results = await mapConcurrently(delays, 2, async (delay, index) => {
      for (let hop = 0; hop < delay; hop += 1) await Promise.resolve();
      return `${index}:${delay}`;
    });
    expect(results).toEqual(['0:3', '1:1', '2:2']);
  });
});
