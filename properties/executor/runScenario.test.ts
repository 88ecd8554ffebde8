import { describe, expect, it } from 'vitest';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import { runScenario } from '../../src/executor/runScenario.js';

const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;
const RealDate = globalThis.Date;
const twoTasks = {
  tasks: [
    { sleep: 10, value: 1 },
    { sleep: 20, value: 2 },
  ],
};

describe('runScenario', () => {
  it('observes the tutorial program 3 exactly as docs/protocol.md writes it', async () => {
    const run = await runScenario(
      {
        returnExceptions: true,
        tasks: [
          { sleep: 1000, value: 100 },
          { sleep: 2000, value: 200 },
          { sleep: 1000, error: { name: 'APIError', message: 'API failed' } },
        ],
      },
      gather,
    );
    expect(JSON.stringify(run.observation)).toBe(
      '{"gather":{"at":2000,"value":[{"value":100},{"value":200},{"error":{"name":"APIError","message":"API failed","task":2}}]},"tasks":[{"started":0,"settled":1000,"outcome":"value","cancelRequested":null},{"started":0,"settled":2000,"outcome":"value","cancelRequested":null},{"started":0,"settled":1000,"outcome":"error","cancelRequested":null}],"unhandled":[]}',
    );
  });

  it('restores the real timers and Date after a run', async () => {
    await runScenario(twoTasks, gather);
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(globalThis.Date).toBe(RealDate);
  });

  it('restores the real timers when the subject throws synchronously, and reports it', async () => {
    const throws: GatherFunction = () => {
      throw new TypeError('not today');
    };
    const run = await runScenario(twoTasks, throws);
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(run.problems[0]).toMatch(/threw synchronously.*not today/);
    expect(run.observation.gather).toEqual({ at: 0, error: { name: 'TypeError', message: 'not today' } });
  });

  it('reports a subject that returns a non-promise', async () => {
    const run = await runScenario(twoTasks, (() => [1, 2]) as unknown as GatherFunction);
    expect(run.problems).toEqual(['gather: the gather returned a non-promise (object)']);
  });

  it('runs a gather that uses the global setTimeout and Date in virtual time', async () => {
    let seen = -1;
    const timed: GatherFunction = async (children, options) => {
      const results = await gather(children, options);
      // The global setTimeout is the virtual clock's during a run: this waits 5 virtual ms.
      await new Promise<void>((resolve) => {
        setTimeout(resolve, 5);
      });
      seen = Date.now();
      return results;
    };
    const run = await runScenario(twoTasks, timed);
    expect(seen).toBe(25);
    expect(run.observation.gather).toEqual({ at: 25, value: [{ value: 1 }, { value: 2 }] });
  });

  it('runs a gather that defers through the global setImmediate in virtual time, at the same instant', async () => {
    const deferred: GatherFunction = (children, options) =>
      gather(children, options).then((results) => new Promise((resolve) => setImmediate(() => resolve(results))));
    const run = await runScenario(twoTasks, deferred);
    expect(run.observation.gather).toEqual({ at: 20, value: [{ value: 1 }, { value: 2 }] });
    expect(globalThis.setImmediate).toBe(realSetImmediate);
  });

  it('drains work deferred through a real setImmediate captured before the run, within the same instant', async () => {
    // Like bluebird, which queues its callbacks on the setImmediate it found at import.
    const threeHops = (value: unknown): Promise<unknown> =>
      new Promise((resolve) => realSetImmediate(() => realSetImmediate(() => realSetImmediate(() => resolve(value)))));
    const deferring: GatherFunction = (children, options) =>
      gather(children, options).then(threeHops) as Promise<unknown[]>;
    const run = await runScenario(twoTasks, deferring);
    expect(run.observation.gather).toEqual({ at: 20, value: [{ value: 1 }, { value: 2 }] });
    expect(run.problems).toEqual([]);
  });

  it('stops a subject that queues real setImmediate work forever, and says so', async () => {
    const spin = (): void => {
      realSetImmediate(spin);
    };
    const spinning: GatherFunction = (children, options) => {
      spin();
      return gather(children, options);
    };
    const run = await runScenario(twoTasks, spinning);
    expect(run.problems).toEqual([
      'gather: still queueing real setImmediate work after 10000 hops within one virtual instant; stopped at 0 ms',
    ]);
    expect(globalThis.setImmediate).toBe(realSetImmediate);
  });

  it('reports a gather that settles through a real setTimeout without waiting for it', async () => {
    // The real timers below are never waited for: the run ends in virtual time, and the
    // referenced one is cleared at once.
    const late: GatherFunction = (children, options) =>
      gather(children, options).then(
        (results) => new Promise((resolve) => realSetTimeout(() => resolve(results), 60_000).unref()),
      );
    const handles: NodeJS.Timeout[] = [];
    const refed: GatherFunction = (children, options) =>
      gather(children, options).then(
        (results) => new Promise((resolve) => handles.push(realSetTimeout(() => resolve(results), 60_000))),
      );
    const unrefRun = await runScenario(twoTasks, late);
    expect(unrefRun.observation.gather).toEqual({ pending: true });
    const run = await runScenario(twoTasks, refed);
    for (const handle of handles) clearTimeout(handle);
    expect(run.observation.gather).toEqual({ pending: true });
    expect(run.problems).toEqual([
      expect.stringMatching(/never settled in virtual time and left a real setTimeout behind/),
    ]);
  });

  it('ends sleeps longer than 2^31-1 ms at their exact time', async () => {
    const run = await runScenario(
      {
        tasks: [
          { sleep: 2 ** 31 + 5, value: 'late' },
          { sleep: 3.1536e10, value: 'a year' },
        ],
      },
      gather,
    );
    expect(run.observation.tasks.map((task) => task.settled)).toEqual([2 ** 31 + 5, 3.1536e10]);
    expect(run.observation.gather).toEqual({ at: 3.1536e10, value: [{ value: 'late' }, { value: 'a year' }] });
  });

  it('observes a gather that never settles as pending instead of hanging', async () => {
    const run = await runScenario({ tasks: [{ sleep: 5, value: 1 }, { hang: true }] }, gather);
    expect(run.observation.gather).toEqual({ pending: true });
    expect(run.observation.tasks[1]).toEqual({ started: 0, settled: null, outcome: 'pending', cancelRequested: null });
  });

  it('goes on after the gather settled until no timer is left, to see every sibling', async () => {
    const run = await runScenario(
      {
        tasks: [
          { sleep: 1, error: { name: 'E', message: '' } },
          { sleep: 1e9, value: 1 },
        ],
      },
      gather,
    );
    expect(run.observation.gather).toEqual({ at: 1, error: { name: 'E', message: '', task: 0 } });
    expect(run.observation.tasks[1]).toEqual({ started: 0, settled: 1e9, outcome: 'value', cancelRequested: null });
  });

  it('stops a subject that keeps scheduling timers, and says so', async () => {
    const runaway: GatherFunction = (children, options) => {
      setInterval(() => undefined, 1);
      return gather(children, options);
    };
    const run = await runScenario(twoTasks, runaway, { maxTimers: 500 });
    // 502 timers: the two tasks' sleeps, which the cap does not count, and 500 interval ticks.
    expect(run.problems).toEqual(['gather: still scheduling timers after 502 fired, a runaway; stopped at 500 ms']);
    expect(globalThis.setTimeout).toBe(realSetTimeout);
  });

  it('collects unhandled rejections and gives the process its own listeners back', async () => {
    const before = process.listeners('unhandledRejection');
    const leaky: GatherFunction = (children, options) => {
      void Promise.reject(new RangeError('forgotten'));
      return gather(children, options);
    };
    const run = await runScenario(twoTasks, leaky);
    expect(run.observation.unhandled).toEqual([{ name: 'RangeError', message: 'forgotten' }]);
    expect(process.listeners('unhandledRejection')).toEqual(before);
  });

  it('reports a rejection left unhandled at the very last instant, and not one handled at a later instant', async () => {
    // Only the identity of process.emit matters here, never a call: read it as a plain value.
    const host: { readonly emit: unknown } = process;
    const emit = host.emit;
    const lateLeak: GatherFunction = (children, options) =>
      gather(children, options).then((results) => {
        void Promise.reject(new RangeError('at the end'));
        return results;
      });
    const leaked = await runScenario(twoTasks, lateLeak);
    expect(leaked.observation.unhandled).toEqual([{ name: 'RangeError', message: 'at the end' }]);
    const handledLater: GatherFunction = (children, options) => {
      const rejected = Promise.reject(new RangeError('handled at 15 ms'));
      // The global setTimeout is the virtual clock's during a run: 15 virtual ms, no waiting.
      setTimeout(() => {
        rejected.catch(() => undefined);
      }, 15);
      return gather(children, options);
    };
    const handled = await runScenario(twoTasks, handledLater);
    expect(handled.observation.unhandled).toEqual([]);
    expect(host.emit).toBe(emit);
  });

  it('takes runs started together in turn, each observing what it observes alone', async () => {
    const scenarios = [
      twoTasks,
      {
        tasks: [
          { sleep: 5, error: { name: 'APIError', message: 'boom' } },
          { sleep: 7, value: 3 },
        ],
      },
      { tasks: [{ sleep: 30, value: 'slow' }], cancelGatherAt: 12 },
    ];
    const alone = [];
    for (const scenario of scenarios) alone.push(await runScenario(scenario, gather));
    const together = await Promise.all(scenarios.map((scenario) => runScenario(scenario, gather)));
    expect(together).toEqual(alone);
  });

  it('counts each start of a task, so a gather without de-duplication shows', async () => {
    const noDedupe: GatherFunction = (children, options) =>
      gather(
        children.map((child) => (signal: AbortSignal) => child(signal)),
        options,
      );
    const run = await runScenario({ tasks: [{ sleep: 1, value: 1 }], args: [0, 0] }, noDedupe);
    expect(run.starts).toEqual([2]);
  });
});
