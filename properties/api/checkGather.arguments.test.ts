import { describe, expect, it } from 'vitest';
import { checkGather, type CheckGatherOptions } from '../../src/conformance/checkGather.js';
import type { SubjectLike } from '../../src/conformance/SubjectRunner.js';
import { gather } from '../../src/gather/gather.js';
import { order, success } from '../../src/properties/gatherProperties.js';
import { expectTypeError, rejection } from './argumentErrors.js';

const bad = (subject: unknown, options: unknown): Promise<unknown> =>
  rejection(checkGather(subject as SubjectLike, options as CheckGatherOptions));

describe('checkGather arguments', () => {
  it('checkGather rejects a missing subject and a subject whose gather is not a function', async () => {
    expectTypeError(
      await bad(undefined, {}),
      'checkGather: subject must be a gather function, a subject { name, supports?, gather } or a subject runner { name, supports, run }, got undefined',
    );
    expectTypeError(
      await bad('p-map', {}),
      'checkGather: subject must be a gather function, a subject { name, supports?, gather } or a subject runner { name, supports, run }, got "p-map" (string)',
    );
    expectTypeError(
      await bad({ name: 'mine', gather: 5 }, {}),
      'checkGather: the subject is invalid: "gather": expected a function (children, { returnExceptions, signal }) => Promise, got 5',
    );
    expectTypeError(
      await bad({ gather }, {}),
      'checkGather: the subject is invalid: "name": expected a non-empty string, got undefined',
    );
  });

  it('checkGather rejects runs that are not a positive integer', async () => {
    expectTypeError(await bad(gather, { runs: 0 }), 'checkGather: runs must be a positive integer, got 0 (number)');
    expectTypeError(await bad(gather, { runs: -3 }), 'checkGather: runs must be a positive integer, got -3 (number)');
    expectTypeError(
      await bad(gather, { runs: '200' }),
      'checkGather: runs must be a positive integer, got "200" (string)',
    );
    expectTypeError(
      await bad(gather, { runs: Infinity }),
      'checkGather: runs must be a positive integer, got Infinity (number)',
    );
  });

  it('checkGather rejects an empty list of properties, which would check nothing, and a list holding a non-property or an unknown id', async () => {
    expectTypeError(
      await bad(gather, { properties: [] }),
      'checkGather: properties must be a non-empty array of gather properties (an empty one checks nothing), got [] (array)',
    );
    expectTypeError(
      await bad(gather, { properties: 'success' }),
      'checkGather: properties must be a non-empty array of gather properties (an empty one checks nothing), got "success" (string)',
    );
    expectTypeError(
      await bad(gather, { properties: [success, 'orders'] }),
      'checkGather: properties[1] must be the id of one of gatherProperties (start, order, success, fail-fast, siblings-live-on, return-exceptions, empty, outer-cancellation, child-cancellation, cancel-after-done, nesting, concurrency, no-unhandled, no-leaked-timers, determinism, oracle), got "orders" (string)',
    );
    expectTypeError(
      await bad(gather, { properties: [success, 5] }),
      'checkGather: properties[1] must be a gather property { id, rule, statement, needs, arbitrary, check } (see gatherProperties), got 5 (number)',
    );
    expectTypeError(
      await bad(gather, { properties: [{ ...success, check: undefined }] }),
      'checkGather: properties[0].check must be a function (scenario, subject) => Promise<CheckOutcome>, got undefined',
    );
  });

  it('checkGather rejects seed, shard and ties of the wrong type or range', async () => {
    expectTypeError(await bad(gather, { seed: '42' }), 'checkGather: seed must be a safe integer, got "42" (string)');
    expectTypeError(
      await bad(gather, { shard: { index: 3, count: 2 } }),
      'checkGather: shard must be { index, count } with integers 1 <= index <= count, got {"index":3,"count":2} (object)',
    );
    expectTypeError(
      await bad(gather, { ties: 'every' }),
      'checkGather: ties must be one of "fifo", "shuffle", "exhaustive", got "every" (string)',
    );
    expectTypeError(
      await bad(gather, { onProgress: 'log' }),
      'checkGather: onProgress must be a function, got "log" (string)',
    );
    expectTypeError(await bad(gather, null), 'checkGather: options must be an object, got null');
  });

  it('checkGather rejects a path without seed and exactly one property, as the CLI does, or with a shard', async () => {
    const expected =
      'checkGather: path must be given with seed and exactly one property (a path replays one failure), got "3:0" (string)';
    expectTypeError(await bad(gather, { path: '3:0', properties: [success] }), expected);
    expectTypeError(await bad(gather, { path: '3:0', seed: 3 }), expected);
    expectTypeError(await bad(gather, { path: '3:0', seed: 3, properties: [success, order] }), expected);
    expectTypeError(
      await bad(gather, { path: '3:0', seed: 3, properties: [success], shard: { index: 1, count: 2 } }),
      'checkGather: path must be given without shard (a path replays a failure of the whole run), got "3:0" (string)',
    );
    expectTypeError(
      await bad(gather, { path: 'x', seed: 3, properties: [success] }),
      'checkGather: path must be the path of a failure as a report gives it, like "4:0:1", got "x" (string)',
    );
  });

  it('checkGather rejects a departures budget that is not two non-negative counts', async () => {
    expectTypeError(
      await bad(gather, { departures: { departures: -1, rechecks: 3 } }),
      'checkGather: departures must be { departures, rechecks } with non-negative integers, got {"departures":-1,"rechecks":3} (object)',
    );
  });

  it('checkGather still checks a good call and reports it', async () => {
    const seen: string[] = [];
    const report = await checkGather(
      { name: 'reference', gather },
      {
        runs: 5,
        seed: 9,
        properties: [success],
        ties: 'shuffle',
        onProgress: (subject, one) => seen.push(`${subject} ${one.status}`),
      },
    );
    expect(report).toMatchObject({
      seed: 9,
      runs: 5,
      ties: 'shuffle',
      subjects: [{ subject: 'reference', properties: [{ status: 'pass', numRuns: 5 }] }],
    });
    expect(seen).toEqual(['reference pass']);
  });
});
