import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import { canonicalJson } from '../../src/observation/canonicalJson.js';
import { buildModel } from '../../src/oracle/model.js';
import { Simulation } from '../../src/oracle/Simulation.js';

/** Every outcome reachable from a state, without merging or reduction: what the key must stand for. */
function outcomes(sim: Simulation, byKey: Map<string, string>, budget: { left: number }): string {
  budget.left -= 1;
  const actions = sim.actions();
  let result: string;
  if (actions.length === 0) {
    result = canonicalJson([sim.observation(), sim.unretrieved()]);
  } else {
    const all = new Set<string>();
    for (const action of actions) {
      if (budget.left <= 0) break;
      const next = sim.clone();
      next.perform(action);
      for (const outcome of JSON.parse(`[${outcomes(next, byKey, budget)}]`) as unknown[])
        all.add(canonicalJson(outcome));
    }
    result = [...all].sort().join(',');
  }
  const key = sim.key();
  const seen = byKey.get(key);
  if (seen !== undefined && budget.left > 0) expect(result, `two states with key ${key}`).toBe(seen);
  byKey.set(key, result);
  return result;
}

describe("the oracle's state key", () => {
  it('is equal only for states that can reach the same outcomes, so merging by it loses none', () => {
    let checked = 0;
    for (const scenario of fc.sample(scenarioArbitrary({ maxTasks: 3, maxWideTasks: 0, maxDepth: 1 }), {
      numRuns: 300,
      seed: 23,
    })) {
      const budget = { left: 3000 };
      outcomes(Simulation.start(buildModel(scenario), scenario), new Map(), budget);
      if (budget.left > 0) checked += 1;
    }
    expect(checked).toBeGreaterThan(250);
  });
});
