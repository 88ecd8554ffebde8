import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalSubject } from '../../src/conformance/externalSubject.js';
import { pythonAnyio36 } from '../../src/languages/drivers/pythonAnyio36.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { preparePythonDriver, startPythonDriver, verdicts } from './pythonDriverSubject.js';

const { prepared, skip } = await preparePythonDriver(pythonAnyio36);
let subject: ExternalSubject;

const cleanupError = (name: string) => ({
  hang: true as const,
  onCancel: { cleanup: 3, error: { name, message: '' } },
});

async function gatherOutcomes(scenario: Scenario, runs: number): Promise<Set<string>> {
  const outcomes = new Set<string>();
  for (let run = 0; run < runs; run += 1)
    outcomes.add(JSON.stringify((await subject.run(scenario)).observation.gather));
  return outcomes;
}

describe.skipIf(skip !== undefined)(
  `the python-anyio-3.6 driver${skip === undefined ? '' : ` (skipped: ${skip})`}`,
  () => {
    beforeAll(async () => {
      subject = await startPythonDriver(prepared);
    }, 300_000);
    afterAll(() => subject.close());

    it('claims cancellation and dedupe but not errors as results, which a task group does not give', () => {
      expect(subject.name).toBe('python-anyio-3.6');
      expect(subject.supports).toEqual({ returnExceptions: false, cancellation: true, dedupe: true });
    });

    it(
      'departs where a task group cancels siblings and waits for them, and is deterministic',
      { timeout: 300_000 },
      async () => {
        expect(await verdicts(subject, 25)).toEqual({
          start: 'pass',
          order: 'pass',
          success: 'pass',
          'fail-fast': 'fail',
          'siblings-live-on': 'fail',
          'return-exceptions': 'n/a',
          empty: 'pass',
          'outer-cancellation': 'fail',
          'child-cancellation': 'fail',
          'cancel-after-done': 'fail',
          nesting: 'fail',
          concurrency: 'fail',
          'no-unhandled': 'pass',
          'no-leaked-timers': 'pass',
          determinism: 'pass',
          oracle: 'fail',
        });
      },
    );

    it('cancels a scope in creation order, so the first of same-instant cleanup errors is the same every run', async () => {
      const cleanups = { tasks: ['A', 'B', 'C', 'D'].map(cleanupError), cancelGatherAt: 4 };
      expect(await gatherOutcomes(cleanups, 10)).toEqual(
        new Set([JSON.stringify({ at: 7, error: { name: 'A', message: '', task: 0 } })]),
      );
    });

    it('moves the clock while anyio re-delivers a cancellation to a group waiting for a shielded cleanup', async () => {
      const { observation } = await subject.run({
        tasks: [{ gather: { tasks: [{ sleep: 30, value: 1, onCancel: { cleanup: 7 } }] } }, { sleep: 20, value: null }],
        cancelGatherAt: 10,
      });
      expect(observation).toEqual({
        gather: { at: 17, error: { name: 'CancelledError', message: '' } },
        tasks: [
          { started: 0, settled: 17, outcome: 'cancelled', cancelRequested: 10 },
          { started: 0, settled: 10, outcome: 'cancelled', cancelRequested: 10 },
        ],
        unhandled: [],
      });
    });

    it('ends a run whose group waits for ever on a shielded child, leaving both pending', async () => {
      const { observation } = await subject.run({
        tasks: [{ gather: { tasks: [{ hang: true, onCancel: 'ignore' }] } }, { sleep: 1e12, value: 2 }],
        cancelGatherAt: 10,
      });
      expect(observation).toEqual({
        gather: { pending: true },
        tasks: [
          { started: 0, settled: null, outcome: 'pending', cancelRequested: 10 },
          { started: 0, settled: 10, outcome: 'cancelled', cancelRequested: 10 },
        ],
        unhandled: [],
      });
    });
  },
);
