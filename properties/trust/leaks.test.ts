import { describe, expect, it } from 'vitest';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import { checkProperty } from '../../src/properties/checkProperty.js';
import { noLeakedTimers } from '../../src/properties/noLeakedTimersProperty.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { SUITE_SEED } from '../seed.js';
import { wrongGathers } from '../wrongGathers.js';
import { SLOW_GATHER_MS, warningTimerGather } from './rightGathers.js';

/** The case: the middle gather fails at 5 ms, while the innermost one runs on to 100 ms. */
const innermostRunsOn: Scenario = {
  tasks: [
    {
      gather: {
        tasks: [{ gather: { tasks: [{ sleep: 100, value: 1 }] } }, { sleep: 5, error: { name: 'E', message: 'x' } }],
      },
    },
  ],
};

/** A gather that sets a one-minute timer on every call, the nested ones included, and never clears it. */
const leaving: GatherFunction = (children, options) => {
  setTimeout(() => undefined, 60_000);
  return gather(children, options);
};

describe('the leaked-timer check waits for the gather call that set a timer', () => {
  it('finds no leak when a nested gather call still running at the outer settle clears its timer when it settles', async () => {
    const run = await runScenario(innermostRunsOn, warningTimerGather);
    expect(run.leaks).toEqual([]);
    expect(run.observation.gather).toEqual({ at: 5, error: { name: 'E', message: 'x' } });
  });

  it('counts a nested call’s timer as leaked from the instant that call settled, at whatever depth', async () => {
    const run = await runScenario(innermostRunsOn, leaving);
    expect(run.leaks).toEqual([
      { kind: 'timer', owner: { by: 'gather' }, createdAt: 0, dueAt: 60_000, settledAt: 5 },
      { kind: 'timer', owner: { by: 'task', task: 0 }, createdAt: 0, dueAt: 60_000, settledAt: 5 },
      { kind: 'timer', owner: { by: 'task', task: 0 }, createdAt: 0, dueAt: 60_000, settledAt: 100 },
    ]);
  });

  it('holds a timer set in a timer callback of a nested call to that call, not to the gather', async () => {
    // Each call arms a 10 ms check whose callback arms a one-minute reminder nobody clears.
    const reminding: GatherFunction = (children, options) => {
      setTimeout(() => setTimeout(() => undefined, 60_000), 10);
      return gather(children, options);
    };
    const run = await runScenario(innermostRunsOn, reminding);
    // At 5 ms the gather and the middle call had settled: their checks are left behind then,
    // and so are the reminders those checks arm at 10 ms; the innermost call's reminder is
    // its own, left behind only once it settled at 100 ms.
    expect(run.leaks).toEqual([
      { kind: 'timer', owner: { by: 'gather' }, createdAt: 0, dueAt: 10, settledAt: 5 },
      { kind: 'timer', owner: { by: 'task', task: 0 }, createdAt: 0, dueAt: 10, settledAt: 5 },
      { kind: 'timer', owner: { by: 'gather' }, createdAt: 10, dueAt: 60_010, settledAt: 5 },
      { kind: 'timer', owner: { by: 'task', task: 0 }, createdAt: 10, dueAt: 60_010, settledAt: 5 },
      { kind: 'timer', owner: { by: 'task', task: 0 }, createdAt: 10, dueAt: 60_010, settledAt: 100 },
    ]);
  });

  it('passes a correct gather with a slow-gather warning timer on no-leaked-timers, on the issue’s case and generated ones', async () => {
    expect(SLOW_GATHER_MS).toBeGreaterThan(100);
    const report = await checkProperty(noLeakedTimers, warningTimerGather, { seed: SUITE_SEED, numRuns: 300 });
    expect(report.status).toBe('pass');
  }, 60_000);

  it('passes a correct gather with a slow-gather warning timer on every property', async () => {
    const report = await checkSubject(warningTimerGather, { seed: SUITE_SEED, runs: 100 });
    const verdicts = report.properties.map((one) => [one.property.id, one.status]);
    expect(verdicts).toHaveLength(16);
    expect(verdicts.filter(([, status]) => status !== 'pass')).toEqual([]);
  }, 60_000);

  it('still fails a gather that leaves a timer behind, on no-leaked-timers', async () => {
    const deadline = wrongGathers.find((wrong) => wrong.name === 'leaves its deadline timer');
    if (deadline === undefined) throw new Error('no "leaves its deadline timer" wrong gather');
    for (const subject of [deadline.gather, leaving]) {
      const report = await checkProperty(noLeakedTimers, subject, { seed: SUITE_SEED, numRuns: 300 });
      expect(report.status).toBe('fail');
    }
  }, 60_000);
});
