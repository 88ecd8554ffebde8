import { describe, expect, it } from 'vitest';
import { checkGather } from '../../src/conformance/checkGather.js';
import { conforms } from '../../src/conformance/ConformanceReport.js';
import type { Subject } from '../../src/conformance/Subject.js';
import { runScenario } from '../../src/executor/runScenario.js';
import type { Child, GatherFunction } from '../../src/gather/GatherFunction.js';
import reference from '../../src/subjects/reference.js';

/** The globals a subject could assign, read as one value each. */
function readGlobals(): Record<string, unknown> {
  return {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setImmediate: globalThis.setImmediate,
    setInterval: globalThis.setInterval,
    queueMicrotask: globalThis.queueMicrotask,
    Date: globalThis.Date,
    'Date.now': Reflect.get(Date, 'now'),
    'own Date.now': Object.prototype.hasOwnProperty.call(Date, 'now'),
    'performance.now': Reflect.get(performance, 'now'),
    'own performance.now': Object.prototype.hasOwnProperty.call(performance, 'now'),
    'process.nextTick': Reflect.get(process, 'nextTick'),
    'process.emit': Reflect.get(process, 'emit'),
  };
}

/** A correct gather that assigns every global it can reach during its runs, and keeps them assigned. */
const assigning: Subject = {
  ...reference,
  name: 'assigning',
  gather: (children, options) => {
    Date.now = () => 0;
    performance.now = () => 0;
    const emit: typeof process.emit = Reflect.get(process, 'emit');
    process.emit = function (this: NodeJS.Process, ...args: Parameters<typeof emit>) {
      return emit.apply(this, args);
    } as typeof emit;
    const nextTick: typeof process.nextTick = Reflect.get(process, 'nextTick');
    process.nextTick = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
      nextTick(callback, ...args);
    }) as typeof nextTick;
    globalThis.queueMicrotask = (callback) => {
      void Promise.resolve().then(callback);
    };
    globalThis.setTimeout = (() => 0) as unknown as typeof setTimeout;
    return reference.gather(children, options);
  },
};

/** A correct gather that reads the clock two ways, as a library may: it fails a child when they disagree. */
const clockReading: Subject = {
  ...reference,
  name: 'clock-reading',
  gather: (children, options) => {
    // One wrapper per distinct child: a child passed twice stays one child (de-duplication).
    const wrapped = new Map<Child, Child>();
    for (const child of children) {
      wrapped.set(child, (signal) =>
        child(signal).then((value) => {
          if (Date.now() !== new Date().getTime()) throw new Error('Date.now() is not the time of new Date()');
          return value;
        }),
      );
    }
    return reference.gather(
      children.map((child) => wrapped.get(child) as Child),
      options,
    );
  },
};

describe('a subject that assigns globals during its runs', () => {
  it('leaves every global, Date.now and performance.now as the run found them (identity), the run over', async () => {
    const before = readGlobals();
    await runScenario({ tasks: [{ sleep: 5, value: 1 }, { hang: true }] }, assigning.gather);
    expect(readGlobals()).toEqual(before);
    for (const [name, value] of Object.entries(before)) expect(readGlobals()[name], name).toBe(value);
  });

  it('does not change what the next run shows its subject: the same timers, Date.now and nextTick', async () => {
    let seen: Record<string, unknown> = {};
    const observing: GatherFunction = (children, options) => {
      seen = readGlobals();
      return reference.gather(children, options);
    };
    const scenario = { tasks: [{ sleep: 5, value: 1 }] };
    await runScenario(scenario, observing);
    const first = seen;
    await runScenario(scenario, assigning.gather);
    await runScenario(scenario, observing);
    // process.emit during a run is that run's own capture of unhandled rejections: a new one each run.
    for (const [name, value] of Object.entries(first))
      if (name !== 'process.emit') expect(seen[name], name).toBe(value);
  });

  it('does not fail a correct gather checked after it in the same process', { timeout: 60_000 }, async () => {
    const assigned = await checkGather(assigning, { runs: 10 });
    const after = await checkGather(clockReading, { runs: 20 });
    expect(conforms(assigned)).toBe(true);
    expect(after.subjects[0]?.properties.filter((property) => property.status === 'fail')).toEqual([]);
    expect(conforms(after)).toBe(true);
  });
});
