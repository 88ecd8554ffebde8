import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bareLoop, floor, harness } from './measure.js';
import { HEADLINE, tieHeavy, workload } from './workloads.js';

describe('the benchmark', () => {
  it('draws the same headline workload from the same seed: 10 children, delays in 0-5,000 ms, about 20% failing', () => {
    const scenarios = workload(HEADLINE);
    expect(workload(HEADLINE)).toEqual(scenarios);
    expect(scenarios).toHaveLength(2000);
    const tasks = scenarios.flatMap((scenario) => scenario.tasks);
    expect(tasks.every((task) => 'sleep' in task && task.sleep >= 0 && task.sleep <= 5000)).toBe(true);
    const failing = tasks.filter((task) => 'error' in task).length / tasks.length;
    expect(failing).toBeGreaterThan(0.18);
    expect(failing).toBeLessThan(0.22);
  });

  it('scales the same draws to another time scale', () => {
    const year = 365 * 24 * 3600 * 1000;
    const [first] = workload({ ...HEADLINE, scenarios: 1 });
    const [scaled] = workload({ ...HEADLINE, scenarios: 1, maxDelay: year });
    const sleeps = (scenario: typeof first) =>
      (scenario?.tasks ?? []).map((task) => ('sleep' in task ? task.sleep : -1));
    expect(sleeps(scaled)).toEqual(sleeps(first).map((sleep) => Math.round((sleep * year) / 5000)));
  });

  it('runs each way of running a workload on the same scenarios, the harness checking every one against the oracle', async () => {
    const scenarios = workload({ ...HEADLINE, scenarios: 20 });
    for (const measure of [harness, bareLoop, floor]) expect(await measure(scenarios)).toBeGreaterThan(0);
  });
});

describe("the oracle's workloads", () => {
  it('are the tie-heavy fixtures the oracle tests use', () => {
    for (const tasks of [6, 30, 100]) {
      const text = readFileSync(
        new URL(`../properties/fixtures/oracle/tie-heavy-${String(tasks)}.json`, import.meta.url),
        'utf8',
      );
      const { name: _name, description: _description, ...fixture } = JSON.parse(text) as Record<string, unknown>;
      expect(fixture).toEqual(tieHeavy(tasks));
    }
  });
});
