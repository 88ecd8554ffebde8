import { describe, expect, it } from 'vitest';
import type { SubjectLike } from '../../src/conformance/SubjectRunner.js';
import { gather } from '../../src/gather/gather.js';
import { assertProperty } from '../../src/properties/assertProperty.js';
import type { CheckPropertyOptions, PropertyReport } from '../../src/properties/checkProperty.js';
import { formatPropertyReport } from '../../src/properties/formatPropertyReport.js';
import { returnExceptions, success } from '../../src/properties/gatherProperties.js';
import type { GatherProperty } from '../../src/properties/GatherProperty.js';
import { wrongGathers } from '../wrongGathers.js';
import { expectTypeError, rejection } from './argumentErrors.js';

const bad = (property: unknown, subject: unknown, options: unknown): Promise<unknown> =>
  rejection(assertProperty(property as GatherProperty, subject as SubjectLike, options as CheckPropertyOptions));
const late = wrongGathers.find((wrong) => wrong.name === 'settles a tick late');

describe('assertProperty arguments', () => {
  it('assertProperty rejects a numRuns that is not a positive integer, naming assertProperty', async () => {
    expectTypeError(
      await bad(success, gather, { numRuns: -3 }),
      'assertProperty: numRuns must be a positive integer, got -3 (number)',
    );
    expectTypeError(
      await bad(success, gather, { numRuns: 0 }),
      'assertProperty: numRuns must be a positive integer, got 0 (number)',
    );
    expectTypeError(
      await bad(success, gather, { numRuns: null }),
      'assertProperty: numRuns must be a positive integer, got null',
    );
  });

  it('assertProperty rejects a missing property and a missing subject', async () => {
    expectTypeError(
      await bad(undefined, gather, {}),
      'assertProperty: property must be a gather property { id, rule, statement, needs, arbitrary, check } (see gatherProperties), got undefined',
    );
    expectTypeError(
      await bad(success, undefined, {}),
      'assertProperty: subject must be a gather function, a subject { name, supports?, gather } or a subject runner { name, supports, run }, got undefined',
    );
    expectTypeError(
      await bad(success, { name: 'mine', gather: 'gather' }, {}),
      'assertProperty: the subject is invalid: "gather": expected a function (children, { returnExceptions, signal }) => Promise, got "gather"',
    );
  });

  it('assertProperty rejects an out-of-range shard, a path without its seed and an unknown tie mode', async () => {
    expectTypeError(
      await bad(success, gather, { shard: { index: 2, count: 1 } }),
      'assertProperty: shard must be { index, count } with integers 1 <= index <= count, got {"index":2,"count":1} (object)',
    );
    expectTypeError(
      await bad(success, gather, { path: '1:2' }),
      'assertProperty: path must be given with the seed it was found with, got "1:2" (string)',
    );
    expectTypeError(
      await bad(success, gather, { ties: 'exhaustively' }),
      'assertProperty: ties must be one of "fifo", "shuffle", "exhaustive", got "exhaustively" (string)',
    );
  });

  it('assertProperty throws an Error whose cause is the failing property report, the message its formatted text', async () => {
    if (late === undefined) throw new Error('no wrong gather "settles a tick late"');
    const error = await rejection(assertProperty(success, late.gather, { numRuns: 10, seed: 4 }));
    expect((error as object).constructor).toBe(Error);
    const { cause, message } = error as Error;
    expect(cause).toMatchObject({ status: 'fail', property: success, seed: 4 });
    expect(message).toBe(formatPropertyReport(cause as PropertyReport & { readonly status: 'fail' }));
  });

  it('assertProperty throws for a property that does not apply to the subject, since it checked nothing', async () => {
    const error = await rejection(assertProperty(returnExceptions, { name: 'plain', supports: {}, gather }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'assertProperty: return-exceptions does not apply to this subject: it needs returnExceptions, which the subject does not claim',
    );
    expect(((error as Error).cause as PropertyReport).status).toBe('n/a');
  });

  it('assertProperty still resolves for a gather that keeps the property', async () => {
    await expect(assertProperty(success, gather, { numRuns: 5, seed: 4 })).resolves.toBeUndefined();
  });
});
