import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predict } from '../../src/oracle/predict.js';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import type { Scenario } from '../../src/scenario/Scenario.js';

/** A tie-heavy fixture: tasks whose 0 ms cleanups raise, all cancelled at one instant. */
const tieHeavy = (tasks: number): Scenario => {
  const {
    name: _name,
    description: _description,
    ...scenario
  } = JSON.parse(
    readFileSync(new URL(`../fixtures/oracle/tie-heavy-${String(tasks)}.json`, import.meta.url), 'utf8'),
  ) as Scenario & { name: string; description: string };
  return scenario;
};
const unlimited = { maxStates: Infinity, maxMs: Infinity, maxMemoryMb: Infinity };
const sorted = (scenario: Scenario, reduce: boolean): string[] =>
  predict(scenario, { ...unlimited, reduce })
    .observations.map((observation) => JSON.stringify(observation))
    .sort();

describe("the oracle's budget", () => {
  it('gives up on the tie-heavy input after exactly the branches its budget allows, with what it found', () => {
    for (const tasks of [6, 30, 100]) {
      const prediction = predict(tieHeavy(tasks), { maxStates: 40, maxMs: Infinity, maxMemoryMb: Infinity });
      expect(prediction).toMatchObject({ complete: false, explored: 40, tieFree: false });
      expect(prediction.observations.length).toBeGreaterThan(0);
    }
  });

  it('gives the same answer twice for the same budget of branches', () => {
    const budget = { maxStates: 60, maxMs: Infinity, maxMemoryMb: Infinity };
    expect(predict(tieHeavy(6), budget)).toEqual(predict(tieHeavy(6), budget));
  });

  it('answers in full within the default budget where the orderings are few', () => {
    const scenario: Scenario = {
      tasks: Array.from({ length: 3 }, (_, index) => ({ sleep: 5, error: { name: 'E', message: String(index) } })),
    };
    const prediction = predict(scenario);
    expect(prediction).toMatchObject({ complete: true, tieFree: false });
    expect(prediction.observations).toHaveLength(3);
    expect(prediction.explored).toBeGreaterThan(0);
  });

  it('gives up once its real-time guard is spent, long before its default count of branches', () => {
    // One millisecond: the guard looks at the clock every 64 branches, and 64 of these take longer.
    const prediction = predict(tieHeavy(30), { maxMs: 1 });
    expect(prediction.complete).toBe(false);
    expect(prediction.explored).toBeLessThan(10_000);
  });

  it('refuses a budget that is not a positive number of milliseconds or megabytes', () => {
    expect(() => predict(tieHeavy(6), { maxMs: 0 })).toThrow(/predict: maxMs must be a positive integer or Infinity/);
    expect(() => predict(tieHeavy(6), { maxMemoryMb: 1.5 })).toThrow(/predict: maxMemoryMb must be/);
  });
});

describe("the oracle's reductions", () => {
  it('let cancellations that change nothing fire without a branch of their own', () => {
    // Every task takes the first cancellation; the others change nothing and may fire at once.
    const scenario: Scenario = {
      tasks: Array.from({ length: 3 }, () => ({ hang: true as const, onCancel: { cleanup: 0 } })),
      cancelGatherAt: 5,
      cancelTasks: Array.from({ length: 3 }, (_, task) => ({ task, at: 5 })),
    };
    const reduced = predict(scenario, unlimited);
    const full = predict(scenario, { ...unlimited, reduce: false });
    expect(reduced.explored * 20).toBeLessThan(full.explored);
    expect(sorted(scenario, true)).toEqual(sorted(scenario, false));
  });

  it('lose no observation where the gather and its tasks are all cancelled at one instant, on random scenarios', () => {
    const scenarios = fc
      .sample(
        scenarioArbitrary({ maxTasks: 4, maxWideTasks: 0, maxDepth: 1, cancelGather: 'always', cancelTasks: 'always' }),
        {
          numRuns: 200,
          seed: 41,
        },
      )
      .filter((scenario) => !predict(scenario).tieFree);
    expect(scenarios.length).toBeGreaterThan(40);
    for (const scenario of scenarios)
      expect(sorted(scenario, true), JSON.stringify(scenario)).toEqual(sorted(scenario, false));
  });

  it('lose no observation on a small tie-heavy input, whose every order is explored without them', () => {
    const scenario: Scenario = {
      tasks: [
        ...Array.from({ length: 2 }, (_, index) => ({
          sleep: 1000,
          error: { name: 'TaskError', message: String(index) },
          onCancel: { cleanup: 0, error: { name: 'CleanupError', message: String(index) } },
        })),
        {
          gather: {
            tasks: Array.from({ length: 2 }, (_, index) => ({
              sleep: 1000,
              error: { name: 'TaskError', message: `n${String(index)}` },
              onCancel: { cleanup: 0, error: { name: 'CleanupError', message: `n${String(index)}` } },
            })),
            returnExceptions: true,
          },
        },
      ],
      cancelGatherAt: 10,
      cancelTasks: [0, 1, 2].map((task) => ({ task, at: 10 })),
    };
    expect(predict(scenario, { ...unlimited, reduce: false }).complete).toBe(true);
    expect(sorted(scenario, true)).toEqual(sorted(scenario, false));
  });
});
