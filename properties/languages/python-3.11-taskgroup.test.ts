import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalSubject } from '../../src/conformance/externalSubject.js';
import { python311TaskGroup } from '../../src/languages/drivers/python311TaskGroup.js';
import { preparePythonDriver, startPythonDriver, verdicts } from './pythonDriverSubject.js';

const { prepared, skip } = await preparePythonDriver(python311TaskGroup);
let subject: ExternalSubject;

const cleanupError = (name: string) => ({
  hang: true as const,
  onCancel: { cleanup: 3, error: { name, message: '' } },
});

describe.skipIf(skip !== undefined)(
  `the python-3.11-taskgroup driver${skip === undefined ? '' : ` (skipped: ${skip})`}`,
  () => {
    beforeAll(async () => {
      subject = await startPythonDriver(prepared);
    }, 300_000);
    afterAll(() => subject.close());

    it('claims cancellation and dedupe but not errors as results, which a TaskGroup does not give', () => {
      expect(subject.name).toBe('python-3.11-taskgroup');
      expect(subject.supports).toEqual({ returnExceptions: false, cancellation: true, dedupe: true });
    });

    it(
      'departs where a TaskGroup cancels siblings and waits for them, and is deterministic',
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

    it('surfaces the first of two same-instant cleanup errors by creation order, the same every run', async () => {
      const scenario = { tasks: [cleanupError('A'), cleanupError('B')], cancelGatherAt: 4 };
      const errors = [];
      for (let run = 0; run < 20; run += 1) errors.push((await subject.run(scenario)).observation.gather);
      expect(new Set(errors.map((error) => JSON.stringify(error)))).toEqual(
        new Set([JSON.stringify({ at: 7, error: { name: 'A', message: '', task: 0 } })]),
      );
    });

    it('starts a task passed twice once and reads its result into both slots', async () => {
      const { observation } = await subject.run({
        tasks: [
          { sleep: 10, value: 1 },
          { sleep: 5, value: 2 },
        ],
        args: [1, 0, 1],
      });
      expect(observation.gather).toEqual({ at: 10, value: [{ value: 2 }, { value: 1 }, { value: 2 }] });
    });

    it('reduces the ExceptionGroup of a nested group to its first error, and cancels the failing parent silently', async () => {
      const { observation } = await subject.run({
        tasks: [
          { gather: { tasks: [{ sleep: 1, error: { name: 'Inner', message: 'x' } }] } },
          { hang: true, onCancel: { cleanup: 3, error: { name: 'Later', message: '' } } },
        ],
      });
      expect(observation).toEqual({
        gather: { at: 4, error: { name: 'Inner', message: 'x' } },
        tasks: [
          { started: 0, settled: 1, outcome: 'error', cancelRequested: null },
          { started: 0, settled: 4, outcome: 'error', cancelRequested: 1 },
        ],
        unhandled: [],
      });
    });
  },
);
