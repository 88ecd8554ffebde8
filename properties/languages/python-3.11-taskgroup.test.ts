import { expect, it } from 'vitest';
import { python311TaskGroup } from '../../src/languages/drivers/python311TaskGroup.js';
import { cleanupError, describeGroupDriver, preparePythonDriver } from './pythonDriverSubject.js';

const prepared = await preparePythonDriver(python311TaskGroup);
describeGroupDriver(python311TaskGroup, 'TaskGroup', prepared, (subject) => {
  it('surfaces the first of two same-instant cleanup errors by creation order, the same every run', async () => {
    const scenario = { tasks: [cleanupError('A'), cleanupError('B')], cancelGatherAt: 4 };
    const errors = [];
    for (let run = 0; run < 20; run += 1) errors.push((await subject().run(scenario)).observation.gather);
    expect(new Set(errors.map((error) => JSON.stringify(error)))).toEqual(
      new Set([JSON.stringify({ at: 7, error: { name: 'A', message: '', task: 0 } })]),
    );
  });

  it('starts a task passed twice once and reads its result into both slots', async () => {
    const { observation } = await subject().run({
      tasks: [
        { sleep: 10, value: 1 },
        { sleep: 5, value: 2 },
      ],
      args: [1, 0, 1],
    });
    expect(observation.gather).toEqual({ at: 10, value: [{ value: 2 }, { value: 1 }, { value: 2 }] });
  });

  it('reduces the ExceptionGroup of a nested group to its first error, and cancels the failing parent silently', async () => {
    const { observation } = await subject().run({
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
});
