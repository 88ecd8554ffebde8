import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import type { Scenario, Task } from '../../src/scenario/Scenario.js';
import { predict } from '../../src/oracle/predict.js';

const tied = (count: number, make: (index: number) => Task): Task[] =>
  Array.from({ length: count }, (_, index) => make(index));
const apiError = (index: number) => ({ name: 'APIError', message: `child ${index}` });

/**
 * The exploration's size is part of the oracle's contract: predictions must come fast enough
 * to check every scenario of a property. Each case is one the reductions keep small, and the
 * same without them is shown to be large, so a weakened reduction is caught.
 */
describe('the oracle explores few orders', () => {
  it('takes eight children that all finish at one instant one after the other, without a branch', () => {
    const scenario: Scenario = { tasks: tied(8, (value) => ({ sleep: 5, value })) };
    expect(predict(scenario, { maxStates: 0 })).toMatchObject({ complete: true, tieFree: false });
    expect(predict(scenario, { maxStates: 0 }).observations).toHaveLength(1);
    expect(predict(scenario, { reduce: false, maxStates: 1000 }).complete).toBe(false);
  });

  it('takes values and errors under returnExceptions without a branch: nothing races to settle the gather', () => {
    const scenario: Scenario = {
      tasks: tied(6, (index) => (index % 2 === 0 ? { sleep: 5, value: index } : { sleep: 5, error: apiError(index) })),
      returnExceptions: true,
    };
    expect(predict(scenario, { maxStates: 0 }).complete).toBe(true);
  });

  it('branches only between failures racing to settle a fail-fast gather', () => {
    const scenario: Scenario = {
      tasks: [
        ...tied(3, (index) => ({ sleep: 5, error: apiError(index) })),
        ...tied(5, (value) => ({ sleep: 5, value })),
      ],
    };
    const prediction = predict(scenario, { maxStates: 40 });
    expect(prediction.complete).toBe(true);
    expect(prediction.observations).toHaveLength(3);
  });

  it('lets children a cancellation does not reach go first, branching only around the cancelled one', () => {
    const scenario: Scenario = { tasks: tied(7, (value) => ({ sleep: 5, value })), cancelTasks: [{ task: 0, at: 5 }] };
    const prediction = predict(scenario, { maxStates: 12 });
    expect(prediction.complete).toBe(true);
    expect(prediction.observations).toHaveLength(2);
    expect(predict(scenario, { reduce: false, maxStates: 1000 }).complete).toBe(false);
  });

  it('lets a cleanup end before a tied cancellation of the gather without a branch of its own', () => {
    const scenario: Scenario = {
      tasks: [
        { hang: true, onCancel: { cleanup: 5 } },
        { sleep: 10, value: 1 },
      ],
      cancelTasks: [{ task: 0, at: 0 }],
      cancelGatherAt: 5,
    };
    expect(predict(scenario, { maxStates: 8 }).complete).toBe(true);
    expect(predict(scenario, { reduce: false, maxStates: 8 }).complete).toBe(false);
  });

  it('merges the orders of six tied cancellations that all end in the same state', () => {
    const scenario: Scenario = {
      tasks: tied(6, () => ({ hang: true })),
      cancelTasks: tied(6, (task) => ({ sleep: 0, value: task })).map((_, task) => ({ task, at: 5 })),
    };
    // 6! = 720 orders of the cancellations alone, times the orders of what each causes, were equal states not merged.
    const prediction = predict(scenario, { maxStates: 1024 });
    expect(prediction.complete).toBe(true);
    expect(prediction.observations).toHaveLength(1);
  });

  it('lets nested gathers a cancellation does not reach finish first, and loses no outcome doing so', () => {
    const scenario: Scenario = {
      tasks: [
        { hang: true, onCancel: { cleanup: 0 } },
        ...tied(4, (value) => ({ gather: { tasks: [{ sleep: 5, value }] } })),
      ],
      cancelTasks: [{ task: 0, at: 5 }],
    };
    const reduced = predict(scenario, { maxStates: 16 });
    expect(reduced.complete).toBe(true);
    expect(predict(scenario, { reduce: false, maxStates: 16 }).complete).toBe(false);
    const all = predict(scenario, { reduce: false, maxMs: Infinity });
    expect(reduced.observations.map((allowed) => JSON.stringify(allowed)).sort()).toEqual(
      all.observations.map((allowed) => JSON.stringify(allowed)).sort(),
    );
  });

  it('loses no outcome where cancellations of tasks and of nested gathers tie with everything else', () => {
    const sorted = (scenario: Scenario, reduce: boolean): string[] =>
      predict(scenario, { reduce, maxStates: Infinity, maxMs: Infinity, maxMemoryMb: Infinity })
        .observations.map((allowed) => JSON.stringify(allowed))
        .sort();
    const scenarios = fc
      .sample(scenarioArbitrary({ maxTasks: 4, maxWideTasks: 0, maxDepth: 1, cancelTasks: 'always' }), {
        numRuns: 300,
        seed: 29,
      })
      .filter((scenario) => !predict(scenario).tieFree);
    expect(scenarios.length).toBeGreaterThan(60);
    for (const scenario of scenarios)
      expect(sorted(scenario, true), JSON.stringify(scenario)).toEqual(sorted(scenario, false));
  });
});
