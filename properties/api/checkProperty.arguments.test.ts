import { describe, expect, it } from 'vitest';
import { gather } from '../../src/gather/gather.js';
import { checkProperty, type CheckPropertyOptions } from '../../src/properties/checkProperty.js';
import { success } from '../../src/properties/gatherProperties.js';
import type { GatherProperty } from '../../src/properties/GatherProperty.js';
import type { SubjectLike } from '../../src/conformance/SubjectRunner.js';
import { expectTypeError, rejection } from './argumentErrors.js';

/** The rejection of checkProperty with these options, and the property and subject when given (not defaulted when undefined). */
const bad = (options: unknown, ...args: [property?: unknown, subject?: unknown]): Promise<unknown> => {
  const property = args.length >= 1 ? args[0] : success;
  const subject = args.length >= 2 ? args[1] : gather;
  return rejection(checkProperty(property as GatherProperty, subject as SubjectLike, options as CheckPropertyOptions));
};

describe('checkProperty arguments', () => {
  it('checkProperty rejects a numRuns that is not a positive integer instead of passing having checked nothing', async () => {
    expectTypeError(await bad({ numRuns: -3 }), 'checkProperty: numRuns must be a positive integer, got -3 (number)');
    expectTypeError(await bad({ numRuns: 0 }), 'checkProperty: numRuns must be a positive integer, got 0 (number)');
    expectTypeError(await bad({ numRuns: 2.5 }), 'checkProperty: numRuns must be a positive integer, got 2.5 (number)');
    expectTypeError(
      await bad({ numRuns: '100' }),
      'checkProperty: numRuns must be a positive integer, got "100" (string)',
    );
  });

  it('checkProperty rejects an out-of-range or malformed shard instead of passing having checked nothing', async () => {
    const expected = 'checkProperty: shard must be { index, count } with integers 1 <= index <= count, got';
    expectTypeError(await bad({ shard: { index: 5, count: 4 } }), `${expected} {"index":5,"count":4} (object)`);
    expectTypeError(await bad({ shard: { index: 0, count: 4 } }), `${expected} {"index":0,"count":4} (object)`);
    expectTypeError(await bad({ shard: { index: 1 } }), `${expected} {"index":1} (object)`);
    expectTypeError(await bad({ shard: '2/4' }), `${expected} "2/4" (string)`);
  });

  it('checkProperty rejects a shard with more slices than scenarios, whose last slices would check nothing', async () => {
    expectTypeError(
      await bad({ numRuns: 3, shard: { index: 5, count: 10 } }),
      'checkProperty: shard.count must be at most numRuns (3): a slice past the last scenario would check nothing, got 10',
    );
    expectTypeError(
      await bad({ shard: { index: 1, count: 101 } }),
      'checkProperty: shard.count must be at most numRuns (100): a slice past the last scenario would check nothing, got 101',
    );
  });

  it('checkProperty rejects an unknown option instead of ignoring a misspelt one', async () => {
    expectTypeError(
      await bad({ runs: 5 }),
      'checkProperty: unknown option runs; the options are numRuns, seed, path, shard, ties, scenario, tieOrder, simplifyBudget, without',
    );
  });

  it('checkProperty rejects a without that is not a list of triggers, naming the bad item', async () => {
    expectTypeError(
      await bad({ without: ['duplicates', 'dupes'] }),
      'checkProperty: without[1] must be one of duplicates, on-cancel-ignore, on-cancel-cleanup-error, on-cancel-cleanup, cancel-task, cancel-gather, return-exceptions, beyond-2^31, empty, nested, error, zero-delay, ties, got "dupes" (string)',
    );
    expectTypeError(
      await bad({ without: 'duplicates' }),
      'checkProperty: without must be an array of triggers (duplicates, on-cancel-ignore, on-cancel-cleanup-error, on-cancel-cleanup, cancel-task, cancel-gather, return-exceptions, beyond-2^31, empty, nested, error, zero-delay, ties), got "duplicates" (string)',
    );
  });

  it('checkProperty names -0 as itself', async () => {
    expectTypeError(await bad({ numRuns: -0 }), 'checkProperty: numRuns must be a positive integer, got -0 (number)');
  });

  it('checkProperty rejects a seed that is not a safe integer', async () => {
    expectTypeError(await bad({ seed: 1.5 }), 'checkProperty: seed must be a safe integer, got 1.5 (number)');
    expectTypeError(await bad({ seed: Number.NaN }), 'checkProperty: seed must be a safe integer, got NaN (number)');
    expectTypeError(await bad({ seed: '7' }), 'checkProperty: seed must be a safe integer, got "7" (string)');
    expectTypeError(
      await bad({ seed: 2 ** 53 }),
      'checkProperty: seed must be a safe integer, got 9007199254740992 (number)',
    );
  });

  it('checkProperty rejects a path that is not a fast-check path, or one given without its seed or with a shard', async () => {
    expectTypeError(
      await bad({ seed: 1, path: 'abc' }),
      'checkProperty: path must be the path of a failure as a report gives it, like "4:0:1", got "abc" (string)',
    );
    expectTypeError(
      await bad({ seed: 1, path: '' }),
      'checkProperty: path must be the path of a failure as a report gives it, like "4:0:1", got "" (string)',
    );
    expectTypeError(
      await bad({ seed: 1, path: 4 }),
      'checkProperty: path must be the path of a failure as a report gives it, like "4:0:1", got 4 (number)',
    );
    expectTypeError(
      await bad({ path: '4:0' }),
      'checkProperty: path must be given with the seed it was found with, got "4:0" (string)',
    );
    expectTypeError(
      await bad({ seed: 1, path: '4:0', shard: { index: 2, count: 2 } }),
      'checkProperty: path must be given without shard (a path replays a failure of the whole run), got "4:0" (string)',
    );
  });

  it('checkProperty rejects a tie mode that is not one of TIE_MODES', async () => {
    expectTypeError(
      await bad({ ties: 'random' }),
      'checkProperty: ties must be one of "fifo", "shuffle", "exhaustive", got "random" (string)',
    );
    expectTypeError(
      await bad({ ties: 'FIFO' }),
      'checkProperty: ties must be one of "fifo", "shuffle", "exhaustive", got "FIFO" (string)',
    );
    expectTypeError(
      await bad({ ties: [0, 1] }),
      'checkProperty: ties must be one of "fifo", "shuffle", "exhaustive", got [0,1] (array)',
    );
  });

  it('checkProperty rejects options that are not an object', async () => {
    expectTypeError(await bad(null), 'checkProperty: options must be an object, got null');
    expectTypeError(await bad(100), 'checkProperty: options must be an object, got 100 (number)');
  });

  it('checkProperty rejects a property that is missing or malformed, naming the bad field', async () => {
    expectTypeError(
      await bad({}, undefined),
      'checkProperty: property must be a gather property { id, rule, statement, needs, arbitrary, check } (see gatherProperties), got undefined',
    );
    expectTypeError(
      await bad({}, 'success'),
      'checkProperty: property must be a gather property { id, rule, statement, needs, arbitrary, check } (see gatherProperties), got "success" (string)',
    );
    expectTypeError(await bad({}, {}), 'checkProperty: property.id must be a non-empty string, got undefined');
    expectTypeError(
      await bad({}, { ...success, needs: ['speed'] }),
      'checkProperty: property.needs[0] must be one of returnExceptions, cancellation, dedupe, got "speed" (string)',
    );
    expectTypeError(
      await bad({}, { ...success, arbitrary: [] }),
      'checkProperty: property.arbitrary must be a fast-check arbitrary of scenarios, got [] (array)',
    );
    expectTypeError(
      await bad({}, { ...success, check: true }),
      'checkProperty: property.check must be a function (scenario, subject) => Promise<CheckOutcome>, got true (boolean)',
    );
  });

  it('checkProperty rejects a missing subject, a non-function gather and a runner that claims nothing', async () => {
    expectTypeError(
      await bad({}, success, undefined),
      'checkProperty: subject must be a gather function, a subject { name, supports?, gather } or a subject runner { name, supports, run }, got undefined',
    );
    expectTypeError(
      await bad({}, success, { name: 'mine', gather: 5 }),
      'checkProperty: the subject is invalid: "gather": expected a function (children, { returnExceptions, signal }) => Promise, got 5',
    );
    expectTypeError(
      await bad({}, success, { name: '', gather }),
      'checkProperty: the subject is invalid: "name": expected a non-empty string, got ""',
    );
    expectTypeError(
      await bad({}, success, { name: 'mine', supports: { speed: true }, gather }),
      'checkProperty: the subject is invalid: "supports.speed": unknown capability; known: returnExceptions, cancellation, dedupe',
    );
    expectTypeError(
      await bad({}, success, { name: 'runner', run: () => Promise.resolve(undefined) }),
      'checkProperty: the subject is invalid: "supports": a subject runner states what it supports: expected an object of booleans, got undefined',
    );
    expectTypeError(
      await bad({}, success, { name: 'runner', supports: {}, run: 'now' }),
      'checkProperty: the subject is invalid: "run": expected a function (scenario, options) => Promise<Run>, got "now"',
    );
  });

  it('checkProperty still checks a good call: the scenarios asked for, and a shard of them', async () => {
    const report = await checkProperty(success, gather, { numRuns: 6, seed: 3, ties: 'shuffle' });
    expect(report).toMatchObject({ status: 'pass', numRuns: 6, seed: 3 });
    const shard = await checkProperty(
      success,
      { name: 'reference', supports: {}, gather },
      { numRuns: 6, seed: 3, shard: { index: 2, count: 3 } },
    );
    expect(shard).toMatchObject({ status: 'pass', numRuns: 2, seed: 3 });
  });
});
