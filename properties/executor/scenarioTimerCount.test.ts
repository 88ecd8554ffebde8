import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/executor/runScenario.js';
import { scenarioTimerCount } from '../../src/executor/scenarioTimerCount.js';
import { gather } from '../../src/gather/gather.js';
import { predict } from '../../src/oracle/predict.js';
import type { Scenario } from '../../src/scenario/Scenario.js';

describe("the runaway cap counts the subject's timers, not the scenario's", () => {
  it('counts a sleep and a cleanup per task at every level, and each outer cancellation', () => {
    const scenario: Scenario = {
      tasks: [
        { sleep: 5, value: 1, onCancel: { cleanup: 3 } },
        { hang: true, onCancel: 'ignore' },
        {
          gather: {
            tasks: [
              { sleep: 1, error: { name: 'E', message: '' } },
              { hang: true, onCancel: { cleanup: 0 } },
            ],
          },
        },
      ],
      cancelGatherAt: 2,
      cancelTasks: [{ task: 0, at: 1 }],
    };
    expect(scenarioTimerCount(scenario)).toBe(6);
  });

  it('gives a scenario with more sleeps than the cap its true observation, the one the oracle predicts', async () => {
    // 300 sleeps at 300 distinct instants and a cap of 100: before, "never settled" after 100.
    const scenario: Scenario = {
      tasks: Array.from({ length: 300 }, (_, index) => ({ sleep: index + 1, value: index })),
    };
    const run = await runScenario(scenario, gather, { maxTimers: 100 });
    expect(run.problems).toEqual([]);
    expect(predict(scenario).observations).toEqual([run.observation]);
  });

  it('still stops a subject whose own timers go beyond the cap', async () => {
    const scenario: Scenario = {
      tasks: Array.from({ length: 300 }, (_, index) => ({ sleep: index + 1, value: index })),
    };
    const run = await runScenario(
      scenario,
      (children, options) => {
        setInterval(() => undefined, 1);
        return gather(children, options);
      },
      { maxTimers: 100 },
    );
    expect(run.problems).toEqual(['gather: still scheduling timers after 400 fired, a runaway; stopped at 200 ms']);
  });
});
