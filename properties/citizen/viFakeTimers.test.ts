import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkGather } from '../../src/conformance/checkGather.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import { success } from '../../src/properties/gatherProperties.js';
import reference from '../../src/subjects/reference.js';

const twoTasks = {
  tasks: [
    { sleep: 10, value: 1 },
    { sleep: 20, value: 2 },
  ],
};
const LATER = Date.UTC(2030, 0, 1);

afterEach(() => {
  vi.useRealTimers();
});

describe("a run inside a test that uses vitest's fake timers", () => {
  it("leaves the user's fake Date.now where it was", async () => {
    vi.useFakeTimers({ now: LATER });
    await runScenario(twoTasks, gather);
    expect(Date.now()).toBe(LATER);
    expect(new Date().getTime()).toBe(LATER);
  });

  it("neither fires nor advances the user's timers, which vi.advanceTimersByTime fires afterwards", async () => {
    vi.useFakeTimers({ now: LATER });
    const fired: string[] = [];
    setTimeout(() => fired.push('set before the run'), 15);
    const run = await runScenario(twoTasks, gather);
    setTimeout(() => fired.push('set after the run'), 5);
    expect(run.observation.gather).toEqual({ at: 20, value: [{ value: 1 }, { value: 2 }] });
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(['set after the run']);
    vi.advanceTimersByTime(5);
    expect(fired).toEqual(['set after the run', 'set before the run']);
    expect(Date.now()).toBe(LATER + 15);
  });

  it('observes what it observes without them, even when they fake queueMicrotask', async () => {
    // Settles through queueMicrotask: a fake one that nobody ticks would leave it pending.
    const viaMicrotask: GatherFunction = (children, options) =>
      gather(children, options).then((values) => new Promise((resolve) => queueMicrotask(() => resolve(values))));
    const alone = await runScenario(twoTasks, viaMicrotask);
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'queueMicrotask', 'Date', 'performance'] });
    expect(await runScenario(twoTasks, viaMicrotask)).toEqual(alone);
    expect(alone.observation.gather).toEqual({ at: 20, value: [{ value: 1 }, { value: 2 }] });
  });

  it('runs when gather-sim is first imported after they were installed', async () => {
    // Real performance.now: a run hops through setImmediate every few real ms, the real one it found.
    vi.useFakeTimers({ now: LATER, toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
    vi.resetModules();
    const imported = await import('../../src/executor/runScenario.js');
    const run = await imported.runScenario(twoTasks, gather);
    expect(run.observation.gather).toEqual({ at: 20, value: [{ value: 1 }, { value: 2 }] });
    expect(Date.now()).toBe(LATER);
  });

  it('gives vi.useRealTimers() a working real Date and real timers back', async () => {
    const realSetTimeout = globalThis.setTimeout;
    vi.useFakeTimers();
    await runScenario(twoTasks, gather);
    vi.useRealTimers();
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(typeof Date).toBe('function');
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(1000);
  });

  it('through checkGather too: the check passes the reference and the fake clock stays put', async () => {
    vi.useFakeTimers({ now: LATER });
    const report = await checkGather(reference, { runs: 20, properties: [success] });
    expect(report.subjects[0]?.properties.map((property) => property.status)).toEqual(['pass']);
    expect(Date.now()).toBe(LATER);
    const fired = vi.fn();
    setTimeout(fired, 1);
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledOnce();
  });
});
