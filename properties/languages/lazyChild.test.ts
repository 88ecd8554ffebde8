import { describe, expect, it } from 'vitest';
import { answerToRun } from '../../src/conformance/answerToRun.js';
import type { SubjectRunner } from '../../src/conformance/SubjectRunner.js';
import { start } from '../../src/properties/gatherProperties.js';
import type { Scenario } from '../../src/scenario/Scenario.js';

/** Child 0 fails on its first poll at 0; a lazy gather (Rust's try_join_all over plain futures) then drops child 1 unpolled. */
const scenario: Scenario = {
  tasks: [
    { sleep: 0, error: { name: 'APIError', message: '' } },
    { sleep: 10, value: 1 },
  ],
};
const answer = JSON.stringify({
  id: 1,
  observation: {
    gather: { at: 0, error: { name: 'APIError', message: '', task: 0 } },
    tasks: [
      { started: 0, settled: 0, outcome: 'error', cancelRequested: null },
      { started: null, settled: null, outcome: 'pending', cancelRequested: null },
    ],
    unhandled: [],
  },
});

describe('a lazy child never polled (started: null)', () => {
  it('is a valid answer, not a protocol problem: the child counts as never started', () => {
    const run = answerToRun(answer, 1, scenario, false);
    expect(run).toMatchObject({ problems: [], starts: [1, 0] });
  });

  it('is a departure from R1 start, since asyncio starts every child when the gather is called', async () => {
    const run = answerToRun(answer, 1, scenario, false);
    if ('broken' in run) throw new Error(run.broken);
    const lazy: SubjectRunner = { name: 'lazy', supports: {}, run: () => Promise.resolve(run) };
    const outcome = await start.check(scenario, lazy);
    expect(outcome).toMatchObject({
      ok: false,
      expected: { started: [0, 0], starts: [1, 1] },
      observed: { started: [0, null], starts: [1, 0] },
    });
  });
});
