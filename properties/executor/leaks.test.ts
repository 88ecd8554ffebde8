import { describe, expect, it } from 'vitest';
import { wrongGathers } from '../wrongGathers.js';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { formatLeaks } from '../../src/report/formatLeaks.js';
import { runScenario } from '../../src/executor/runScenario.js';

/** A gather that sets a one-minute timer on every call, the nested ones included, and never clears it. */
const leaving: GatherFunction = (children, options) => {
  // The run's virtual setTimeout.
  setTimeout(() => undefined, 60_000);
  return gather(children, options);
};

const nested: Scenario = { tasks: [{ sleep: 10, value: 'a' }, { gather: { tasks: [{ sleep: 5, value: 'b' }] } }] };

describe('leaks', () => {
  it('reports no leak for the reference gather', async () => {
    const run = await runScenario(nested, gather);
    expect(run.leaks).toEqual([]);
  });

  it('reports the timers still pending once the gather and every task settled, attributed to the gather or to the task whose nested gather set it', async () => {
    const run = await runScenario(nested, leaving);
    expect(run.leaks).toEqual([
      { kind: 'timer', owner: { by: 'gather' }, createdAt: 0, dueAt: 60_000, settledAt: 10 },
      { kind: 'timer', owner: { by: 'task', task: 1 }, createdAt: 0, dueAt: 60_000, settledAt: 10 },
    ]);
    expect(formatLeaks(run.leaks)).toEqual([
      'leak: the gather left a setTimeout pending (set at 0 ms, due at 60000 ms) when the gather and every task had settled at 10 ms',
      'leak: task 1 (its nested gather) left a setTimeout pending (set at 0 ms, due at 60000 ms) when the gather and every task had settled at 10 ms',
    ]);
    // Attributing reruns the scenario: what it observed is the same as the reference's.
    expect(run.observation).toEqual((await runScenario(nested, gather)).observation);
  });

  it('reports an interval the gather never cleared, and the run still ends', async () => {
    const ticking: GatherFunction = (children, options) => {
      // A virtual interval, cleared after 3 ticks.
      let ticks = 0;
      const interval = setInterval(() => {
        ticks += 1;
        if (ticks === 3) clearInterval(interval);
      }, 100);
      return gather(children, options);
    };
    const run = await runScenario({ tasks: [{ sleep: 50, value: 1 }] }, ticking);
    expect(run.leaks).toEqual([
      { kind: 'timer', owner: { by: 'gather' }, createdAt: 0, dueAt: 100, interval: 100, settledAt: 50 },
    ]);
    expect(run.problems).toEqual([]);
  });

  it('attributes each unhandled rejection to the task whose error it is', async () => {
    const leaky = wrongGathers.find((wrong) => wrong.name === 'leaks rejections');
    if (leaky === undefined) throw new Error('no "leaks rejections" wrong gather');
    const run = await runScenario(
      {
        tasks: [
          { sleep: 1, value: 1 },
          { sleep: 2, error: { name: 'APIError', message: 'x' } },
        ],
        returnExceptions: true,
      },
      leaky.gather,
    );
    expect(run.leaks).toEqual([
      { kind: 'unhandled', owner: { by: 'task', task: 1 }, error: { name: 'APIError', message: 'x', task: 1 } },
    ]);
    expect(formatLeaks(run.leaks)).toEqual(['leak: an unhandled rejection with APIError("x") from task 1']);
  });
});
