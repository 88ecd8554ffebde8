import { expect, it } from 'vitest';
import { pythonAnyio36 } from '../../src/languages/drivers/pythonAnyio36.js';
import { cleanupError, describeGroupDriver, gatherOutcomes, preparePythonDriver } from './pythonDriverSubject.js';

const prepared = await preparePythonDriver(pythonAnyio36);
describeGroupDriver(pythonAnyio36, 'task group', prepared, (subject) => {
  it('cancels a scope in creation order, so the first of same-instant cleanup errors is the same every run', async () => {
    const cleanups = { tasks: ['A', 'B', 'C', 'D'].map(cleanupError), cancelGatherAt: 4 };
    expect(await gatherOutcomes(subject(), cleanups, 10)).toEqual(
      new Set([JSON.stringify({ at: 7, error: { name: 'A', message: '', task: 0 } })]),
    );
  });

  it('moves the clock while anyio re-delivers a cancellation to a group waiting for a shielded cleanup', async () => {
    const { observation } = await subject().run({
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
    const { observation } = await subject().run({
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
});
