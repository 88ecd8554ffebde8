import { expect, it } from 'vitest';
import { pythonTrio022 } from '../../src/languages/drivers/pythonTrio022.js';
import { cleanupError, describeGroupDriver, gatherOutcomes, preparePythonDriver } from './pythonDriverSubject.js';

const prepared = await preparePythonDriver(pythonTrio022);
describeGroupDriver(pythonTrio022, 'nursery', prepared, (subject) => {
  it('runs every scheduling batch in order and delivers cancellations in creation order, the same every run', async () => {
    const failing = { tasks: ['A', 'B', 'C', 'D'].map((name) => ({ sleep: 5, error: { name, message: '' } })) };
    expect(await gatherOutcomes(subject(), failing, 10)).toEqual(
      new Set([JSON.stringify({ at: 5, error: { name: 'A', message: '', task: 0 } })]),
    );
    // trio walks the cancelled scopes depth-first from a stack: the last child created hears first.
    const cleanups = { tasks: ['A', 'B', 'C', 'D'].map(cleanupError), cancelGatherAt: 4 };
    expect(await gatherOutcomes(subject(), cleanups, 10)).toEqual(
      new Set([JSON.stringify({ at: 7, error: { name: 'D', message: '', task: 3 } })]),
    );
  });

  it('ends a run whose shielded child hangs for ever, leaving it pending, on a year-long clock', async () => {
    const { observation } = await subject().run({
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
    const { observation } = await subject().run({
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
});
