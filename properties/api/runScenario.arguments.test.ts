import { describe, expect, it } from 'vitest';
import { runScenario, type RunOptions } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { expectTypeError, rejection } from './argumentErrors.js';

const one: Scenario = { tasks: [{ sleep: 5, value: 1 }] };
const realSetTimeout = globalThis.setTimeout;
const bad = (scenario: unknown, subject: unknown, options?: unknown): Promise<unknown> =>
  rejection(runScenario(scenario as Scenario, subject as GatherFunction, options as RunOptions));

describe('runScenario arguments', () => {
  it('runScenario rejects a negative sleep with a TypeError naming tasks[0].sleep', async () => {
    expectTypeError(
      await bad({ tasks: [{ sleep: -5, value: 1 }] }, gather),
      'runScenario: the scenario is invalid: tasks[0].sleep: expected a non-negative integer of at most 10^12 (ms), got -5',
    );
  });

  it('runScenario rejects a missing scenario, an args index past the tasks and an unknown key', async () => {
    expectTypeError(
      await bad(undefined, gather),
      'runScenario: the scenario is invalid: (scenario): expected a scenario object, got undefined',
    );
    expectTypeError(
      await bad({ tasks: [{ sleep: 1, value: 1 }], args: [0, 1] }, gather),
      'runScenario: the scenario is invalid: args[1]: expected a task index from 0 to 0, got 1',
    );
    expectTypeError(
      await bad({ tasks: [], cancelGatherAt: 1, timeout: 5 }, gather),
      'runScenario: the scenario is invalid: timeout: unknown key in a scenario; allowed keys: tasks, args, returnExceptions, cancelGatherAt, cancelTasks',
    );
  });

  it('runScenario rejects a subject that is not a gather function, a subject object included', async () => {
    const expected =
      'runScenario: subject must be a gather function (children, { returnExceptions, signal }) => Promise, got';
    expectTypeError(await bad(one, undefined), `${expected} undefined`);
    expectTypeError(await bad(one, 'gather'), `${expected} "gather" (string)`);
    expectTypeError(await bad(one, { name: 'mine', gather }), `${expected} {"name":"mine"} (object)`);
  });

  it('runScenario rejects tie picks that are not an array of non-negative integers, naming the bad pick', async () => {
    expectTypeError(
      await bad(one, gather, { ties: 'shuffle' }),
      'runScenario: ties must be an array of tie picks (non-negative integers), got "shuffle" (string)',
    );
    expectTypeError(
      await bad(one, gather, { ties: [1, -1] }),
      'runScenario: ties[1] must be a non-negative integer, got -1 (number)',
    );
    expectTypeError(
      await bad(one, gather, { ties: [0.5] }),
      'runScenario: ties[0] must be a non-negative integer, got 0.5 (number)',
    );
    expectTypeError(
      await bad(one, gather, { ties: ['2'] }),
      'runScenario: ties[0] must be a non-negative integer, got "2" (string)',
    );
  });

  it('runScenario rejects limits that are not positive integers', async () => {
    expectTypeError(
      await bad(one, gather, { maxTimers: 0 }),
      'runScenario: maxTimers must be a positive integer or Infinity, got 0 (number)',
    );
    expectTypeError(
      await bad(one, gather, { maxTimers: '500' }),
      'runScenario: maxTimers must be a positive integer or Infinity, got "500" (string)',
    );
    expectTypeError(
      await bad(one, gather, { wallMs: -1 }),
      'runScenario: wallMs must be a positive integer or Infinity, got -1 (number)',
    );
    expectTypeError(
      await bad(one, gather, { wallMs: Number.NaN }),
      'runScenario: wallMs must be a positive integer or Infinity, got NaN (number)',
    );
  });

  it('runScenario rejects options that are not an object', async () => {
    expectTypeError(await bad(one, gather, null), 'runScenario: options must be an object, got null');
    expectTypeError(await bad(one, gather, [0, 1]), 'runScenario: options must be an object, got [0,1] (array)');
  });

  it('runScenario checks before any work: the subject is never called and the real timers stay', async () => {
    let calls = 0;
    const counting: GatherFunction = (children, options) => {
      calls += 1;
      return gather(children, options);
    };
    await bad(one, counting, { ties: [-1] });
    expect(calls).toBe(0);
    expect(globalThis.setTimeout).toBe(realSetTimeout);
  });

  it('runScenario still runs a valid scenario with valid options', async () => {
    const run = await runScenario(
      {
        tasks: [
          { sleep: 5, value: 1 },
          { sleep: 5, value: 2 },
        ],
      },
      gather,
      { ties: [1], maxTimers: Infinity, wallMs: 10_000 },
    );
    expect(run.observation.gather).toEqual({ at: 5, value: [{ value: 1 }, { value: 2 }] });
    expect(run.ties).toEqual([{ at: 5, count: 2, pick: 1 }]);
  });
});
