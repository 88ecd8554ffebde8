import { describe, expect, it } from 'vitest';
import { gather } from '../../src/gather/gather.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { predict } from '../../src/oracle/predict.js';
import { isVouched, whileVouched } from '../../src/validation/whileVouched.js';
import type { Scenario } from '../../src/scenario/Scenario.js';

describe('whileVouched', () => {
  it('marks a valid scenario for the check alone, so runScenario and predict validate it again afterwards', async () => {
    const scenario = { tasks: [{ sleep: 10, value: 1 }] };
    const observed = await whileVouched(scenario, async () => {
      expect(isVouched(scenario)).toBe(true);
      const run = await runScenario(scenario, gather);
      return [run.observation, predict(scenario).observations[0]];
    });
    expect(observed[0]).toEqual(observed[1]);
    expect(isVouched(scenario)).toBe(false);
    (scenario.tasks[0] as { sleep: number }).sleep = -1;
    await expect(runScenario(scenario, gather)).rejects.toThrow(
      /runScenario: the scenario is invalid: tasks\[0\]\.sleep/,
    );
    expect(() => predict(scenario)).toThrow(/predict: the scenario is invalid/);
  });

  it('never vouches for an invalid scenario: runScenario rejects it inside the check as outside', async () => {
    const invalid = { tasks: [{ sleep: -5, value: 1 }] } as unknown as Scenario;
    await whileVouched(invalid, async () => {
      expect(isVouched(invalid)).toBe(false);
      await expect(runScenario(invalid, gather)).rejects.toThrow(/the scenario is invalid/);
    });
  });

  it('keeps the mark while any of two overlapping checks of one scenario is in progress', async () => {
    const scenario = { tasks: [{ sleep: 0, value: 0 }] };
    let releaseFirst: () => void = () => undefined;
    const first = whileVouched(scenario, () => new Promise<void>((resolve) => (releaseFirst = resolve)));
    await whileVouched(scenario, () => Promise.resolve());
    expect(isVouched(scenario)).toBe(true);
    releaseFirst();
    await first;
    expect(isVouched(scenario)).toBe(false);
  });
});
