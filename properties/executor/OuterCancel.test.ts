import { describe, expect, it } from 'vitest';
import { OuterCancel } from '../../src/executor/OuterCancel.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import type { Scenario } from '../../src/scenario/Scenario.js';

describe('OuterCancel', () => {
  it('gives the same signal at every read, aborted with its reason after its own listener', () => {
    const cancel = new OuterCancel();
    const heard: string[] = [];
    cancel.onAbort = () => heard.push('run');
    const { signal } = cancel;
    expect(cancel.signal).toBe(signal);
    signal.addEventListener('abort', () => heard.push(`subject sees aborted=${String(signal.aborted)}`));
    expect(signal.aborted).toBe(false);
    const reason = new Error('cancelled');
    cancel.abort(reason);
    cancel.abort(new Error('again'));
    expect(heard).toEqual(['run', 'subject sees aborted=true']);
    expect(cancel.aborted).toBe(true);
    expect(cancel.signal).toBe(signal);
    expect(signal.reason).toBe(reason);
  });

  it('gives a signal made after it aborted as aborted already, with its reason', () => {
    const cancel = new OuterCancel();
    const reason = new Error('cancelled');
    cancel.abort(reason);
    expect(cancel.signal.aborted).toBe(true);
    expect(cancel.signal.reason).toBe(reason);
  });
});

describe('a task cancelled from outside', () => {
  /** Records the signal each nested gather call is given, and its state when the run has ended. */
  function watching(): { subject: GatherFunction; seen: AbortSignal[] } {
    const seen: AbortSignal[] = [];
    const subject: GatherFunction = (children, options) => {
      if (options.signal !== undefined) seen.push(options.signal);
      return gather(children, options);
    };
    return { subject, seen };
  }

  it('hands a nested gather a real signal that aborts at the cancellation, and the run observes the cancellation', async () => {
    const scenario: Scenario = {
      tasks: [{ sleep: 5, value: 'a' }, { gather: { tasks: [{ sleep: 50, value: 'b' }] } }],
      cancelTasks: [{ task: 1, at: 10 }],
    };
    const { subject, seen } = watching();
    const run = await runScenario(scenario, subject);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(AbortSignal);
    expect(seen[0]?.aborted).toBe(true);
    expect(run.observation.tasks[1]).toEqual({ started: 0, settled: 10, outcome: 'cancelled', cancelRequested: 10 });
    expect(run.observation.gather).toEqual({ at: 10, error: { name: 'CancelledError', message: '' } });
  });

  it('cancels a sleeping script at its time, as a signal did', async () => {
    const scenario: Scenario = {
      tasks: [
        { sleep: 50, value: 'a', onCancel: { cleanup: 5 } },
        { sleep: 20, value: 'b' },
      ],
      cancelTasks: [{ task: 0, at: 10 }],
      returnExceptions: true,
    };
    const run = await runScenario(scenario, gather);
    expect(run.observation.tasks[0]).toEqual({ started: 0, settled: 15, outcome: 'cancelled', cancelRequested: 10 });
    expect(run.observation.gather).toEqual({
      at: 20,
      value: [{ error: { name: 'CancelledError', message: '' } }, { value: 'b' }],
    });
  });
});
