import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalSubject } from '../../src/conformance/externalSubject.js';
import { pythonTrio022 } from '../../src/languages/drivers/pythonTrio022.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { preparePythonDriver, startPythonDriver, verdicts } from './pythonDriverSubject.js';

const { prepared, skip } = await preparePythonDriver(pythonTrio022);
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
  `the python-trio-0.22 driver${skip === undefined ? '' : ` (skipped: ${skip})`}`,
  () => {
    beforeAll(async () => {
      subject = await startPythonDriver(prepared);
    }, 300_000);
    afterAll(() => subject.close());

    it('claims cancellation and dedupe but not errors as results, which a nursery does not give', () => {
      expect(subject.name).toBe('python-trio-0.22');
      expect(subject.supports).toEqual({ returnExceptions: false, cancellation: true, dedupe: true });
    });

    it(
      'departs where a nursery cancels siblings and waits for them, and is deterministic',
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

    it('runs every scheduling batch in order and delivers cancellations in creation order, the same every run', async () => {
      const failing = { tasks: ['A', 'B', 'C', 'D'].map((name) => ({ sleep: 5, error: { name, message: '' } })) };
      expect(await gatherOutcomes(failing, 10)).toEqual(
        new Set([JSON.stringify({ at: 5, error: { name: 'A', message: '', task: 0 } })]),
      );
      // trio walks the cancelled scopes depth-first from a stack: the last child created hears first.
      const cleanups = { tasks: ['A', 'B', 'C', 'D'].map(cleanupError), cancelGatherAt: 4 };
      expect(await gatherOutcomes(cleanups, 10)).toEqual(
        new Set([JSON.stringify({ at: 7, error: { name: 'D', message: '', task: 3 } })]),
      );
    });

    it('ends a run whose shielded child hangs for ever, leaving it pending, on a year-long clock', async () => {
      const { observation } = await subject.run({
        tasks: [
          { hang: true, onCancel: 'ignore' },
          { sleep: 1e12, value: 2 },
        ],
        cancelTasks: [{ task: 0, at: 5 }],
      });
      expect(observation).toEqual({
        gather: { pending: true },
        tasks: [
          { started: 0, settled: null, outcome: 'pending', cancelRequested: 5 },
          { started: 0, settled: 1e12, outcome: 'value', cancelRequested: null },
        ],
        unhandled: [],
      });
    });

    it('ends the gather as CancelledError when the nursery closes without the result of a child cancelled from outside', async () => {
      const { observation } = await subject.run({
        tasks: [{ hang: true }, { gather: { tasks: [{ sleep: 20, value: 'x' }] } }],
        args: [1, 0, 1],
        cancelTasks: [{ task: 0, at: 10 }],
      });
      expect(observation).toEqual({
        gather: { at: 20, error: { name: 'CancelledError', message: '' } },
        tasks: [
          { started: 0, settled: 10, outcome: 'cancelled', cancelRequested: 10 },
          { started: 0, settled: 20, outcome: 'value', cancelRequested: null },
        ],
        unhandled: [],
      });
    });
  },
);
