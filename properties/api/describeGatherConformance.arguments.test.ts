import { describe, expect, it } from 'vitest';
import type { SubjectLike, SubjectRunner } from '../../src/conformance/SubjectRunner.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import { success } from '../../src/properties/gatherProperties.js';
import {
  describeGatherConformance,
  type DescribeGatherConformanceOptions,
} from '../../src/vitest/describeGatherConformance.js';
import { expectTypeError, thrown } from './argumentErrors.js';

const bad = (subject: unknown, options: unknown): unknown =>
  thrown(() => describeGatherConformance(subject as SubjectLike, options as DescribeGatherConformanceOptions));

describe('describeGatherConformance arguments', () => {
  // Called while the block is collected, as a user's test file calls it: it must throw
  // there, synchronously, before declaring any test.
  const subjectErrors = [bad(undefined, {}), bad({ name: 'mine', gather: 5 }, {})];
  const runsErrors = [bad(gather, { runs: -3 }), bad(gather, { runs: 0 }), bad(gather, { runs: '100' })];
  const timeoutErrors = [
    bad(gather, { timeout: 0 }),
    bad(gather, { timeout: Infinity }),
    bad(gather, { timeout: '30s' }),
    bad(gather, { timeout: 3_000_000_000 }),
  ];
  const otherErrors = [
    bad(gather, { properties: [] }),
    bad(gather, { ties: 'random' }),
    bad(gather, { seed: 0.5 }),
    bad(gather, 'fast'),
    bad(gather, { properties: ['fail-fast', 'failfast'] }),
    bad(gather, { path: '3:1', properties: ['fail-fast'] }),
  ];

  it('describeGatherConformance throws synchronously for a missing subject or a non-function gather', () => {
    expectTypeError(
      subjectErrors[0],
      'describeGatherConformance: subject must be a gather function, a subject { name, supports?, gather } or a subject runner { name, supports, run }, got undefined',
    );
    expectTypeError(
      subjectErrors[1],
      'describeGatherConformance: the subject is invalid: "gather": expected a function (children, { returnExceptions, signal }) => Promise, got 5',
    );
  });

  it('describeGatherConformance throws synchronously for runs that are not a positive integer', () => {
    expectTypeError(runsErrors[0], 'describeGatherConformance: runs must be a positive integer, got -3 (number)');
    expectTypeError(runsErrors[1], 'describeGatherConformance: runs must be a positive integer, got 0 (number)');
    expectTypeError(runsErrors[2], 'describeGatherConformance: runs must be a positive integer, got "100" (string)');
  });

  it('describeGatherConformance throws synchronously for a timeout that is not a timer delay (1 to 2^31 - 1 ms)', () => {
    const expected = 'describeGatherConformance: timeout must be an integer from 1 to 2147483647 (ms), got';
    expectTypeError(timeoutErrors[0], `${expected} 0 (number)`);
    expectTypeError(timeoutErrors[1], `${expected} Infinity (number)`);
    expectTypeError(timeoutErrors[2], `${expected} "30s" (string)`);
    expectTypeError(timeoutErrors[3], `${expected} 3000000000 (number)`);
  });

  it('describeGatherConformance throws synchronously for an unknown option, naming the known ones', () => {
    expectTypeError(
      bad(gather, { numRuns: 5 }),
      'describeGatherConformance: unknown option numRuns; the options are runs, seed, path, shard, ties, properties, scenario, tieOrder, timeout',
    );
  });

  it('describeGatherConformance throws synchronously for empty properties, an unknown tie mode, a fractional seed and options that are not an object', () => {
    expectTypeError(
      otherErrors[0],
      'describeGatherConformance: properties must be a non-empty array of gather properties (an empty one checks nothing), got [] (array)',
    );
    expectTypeError(
      otherErrors[1],
      'describeGatherConformance: ties must be one of "fifo", "shuffle", "exhaustive", got "random" (string)',
    );
    expectTypeError(otherErrors[2], 'describeGatherConformance: seed must be a safe integer, got 0.5 (number)');
    expectTypeError(otherErrors[3], 'describeGatherConformance: options must be an object, got "fast" (string)');
  });

  it('describeGatherConformance throws synchronously for a property id it does not know, and for a path without its seed', () => {
    expect(String(otherErrors[4])).toMatch(
      /^TypeError: describeGatherConformance: properties\[1\] must be the id of one of gatherProperties \(start, .*\), got "failfast" \(string\)$/,
    );
    expectTypeError(
      otherErrors[5],
      'describeGatherConformance: path must be given with seed and exactly one property (a path replays one failure), got "3:1" (string)',
    );
  });
});

/** The reference as a subject runner that counts the scenarios it is given. */
function countingReference(): { readonly runner: SubjectRunner; readonly runs: () => number } {
  let runs = 0;
  const runner: SubjectRunner = {
    name: 'reference',
    supports: {},
    ordersTies: true,
    run: (scenario, options) => ((runs += 1), runScenario(scenario, gather, options)),
  };
  return { runner, runs: () => runs };
}

describe('describeGatherConformance with good arguments', () => {
  // Declares its block, whose one test runs the reference on five scenarios before the next test.
  const counting = countingReference();
  describeGatherConformance(counting.runner, { runs: 5, seed: 2, properties: [success], timeout: 30_000 });

  it('still declares and runs its property tests', () => {
    expect(counting.runs()).toBe(5);
  });
});

describe('describeGatherConformance with a shard', () => {
  // Slice 2 of 4 of eight scenarios: the scenarios at positions 1 and 5, and no others.
  const counting = countingReference();
  describeGatherConformance(counting.runner, {
    runs: 8,
    seed: 2,
    shard: { index: 2, count: 4 },
    properties: [success],
  });

  it('checks only the scenarios of its slice', () => {
    expect(counting.runs()).toBe(2);
  });
});
