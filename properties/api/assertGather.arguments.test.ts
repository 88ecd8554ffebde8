import { describe, expect, it } from 'vitest';
import { assertGather } from '../../src/conformance/assertGather.js';
import type { CheckGatherOptions } from '../../src/conformance/checkGather.js';
import type { ConformanceReport } from '../../src/conformance/ConformanceReport.js';
import { formatReport } from '../../src/conformance/formatReport.js';
import type { SubjectLike } from '../../src/conformance/SubjectRunner.js';
import { gather } from '../../src/gather/gather.js';
import { returnExceptions, success } from '../../src/properties/gatherProperties.js';
import { wrongGathers } from '../wrongGathers.js';
import { expectTypeError, rejection } from './argumentErrors.js';

const bad = (subject: unknown, options: unknown): Promise<unknown> =>
  rejection(assertGather(subject as SubjectLike, options as CheckGatherOptions));
const late = wrongGathers.find((wrong) => wrong.name === 'settles a tick late');

describe('assertGather arguments', () => {
  it('assertGather rejects a subject that is not a gather, naming assertGather', async () => {
    expectTypeError(
      await bad(undefined, {}),
      'assertGather: subject must be a gather function, a subject { name, supports?, gather } or a subject runner { name, supports, run }, got undefined',
    );
    expectTypeError(
      await bad({ name: 'mine', gather: null }, {}),
      'assertGather: the subject is invalid: "gather": expected a function (children, { returnExceptions, signal }) => Promise, got null',
    );
  });

  it('assertGather rejects runs, properties and shard that would check nothing', async () => {
    expectTypeError(await bad(gather, { runs: -3 }), 'assertGather: runs must be a positive integer, got -3 (number)');
    expectTypeError(
      await bad(gather, { properties: [] }),
      'assertGather: properties must be a non-empty array of gather properties (an empty one checks nothing), got [] (array)',
    );
    expectTypeError(
      await bad(gather, { shard: { index: 4, count: 3 } }),
      'assertGather: shard must be { index, count } with integers 1 <= index <= count, got {"index":4,"count":3} (object)',
    );
    expectTypeError(
      await bad(gather, { ties: 'none' }),
      'assertGather: ties must be one of "fifo", "shuffle", "exhaustive", got "none" (string)',
    );
  });

  it('assertGather throws an Error whose cause is the conformance report, the message its formatted text', async () => {
    if (late === undefined) throw new Error('no wrong gather "settles a tick late"');
    const error = await rejection(
      assertGather({ name: 'late', gather: late.gather }, { runs: 10, seed: 4, properties: [success] }),
    );
    expect((error as object).constructor).toBe(Error);
    const { cause, message } = error as Error;
    expect(cause).toMatchObject({
      seed: 4,
      runs: 10,
      subjects: [{ subject: 'late', properties: [{ status: 'fail', property: success, seed: 4 }] }],
    });
    expect(message).toBe(formatReport(cause as ConformanceReport));
  });

  it('assertGather rejects a misspelt option, and a shard with more slices than runs', async () => {
    expectTypeError(
      await bad(gather, { numRuns: 1 }),
      'assertGather: unknown option numRuns; the options are runs, seed, path, shard, ties, properties, scenario, tieOrder, onProgress, departures',
    );
    expectTypeError(
      await bad(gather, { runs: 2, shard: { index: 7, count: 9 } }),
      'assertGather: shard.count must be at most runs (2): a slice past the last scenario would check nothing, got 9',
    );
  });

  it('assertGather throws when no property applies to the subject, since it checked nothing', async () => {
    const unclaimed = { name: 'plain', supports: {}, gather };
    const error = await rejection(assertGather(unclaimed, { runs: 5, properties: [returnExceptions] }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^assertGather: no property applies to this subject, so nothing was checked\n/,
    );
    expect(((error as Error).cause as ConformanceReport).subjects[0]?.properties[0]?.status).toBe('n/a');
  });

  it('assertGather still resolves for a conforming gather', async () => {
    await expect(assertGather(gather, { runs: 5, properties: [success] })).resolves.toBeUndefined();
  });
});
