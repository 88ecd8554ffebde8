import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import { removeTrigger, withoutTriggers } from '../../src/scenario/removeTrigger.js';
import { scenarioFeatures, type ScenarioFeature } from '../../src/scenario/scenarioFeatures.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { tieOrderCount } from '../../src/scenario/tieOrderCount.js';
import { TRIGGERS, type Trigger } from '../../src/scenario/Trigger.js';
import { validateScenario } from '../../src/scenario/validateScenario.js';
import { SUITE_SEED } from '../seed.js';

/** The features of `scenarioFeatures` a trigger's removal takes away (`ties` is none of them). */
const FEATURES: Readonly<Record<Trigger, readonly ScenarioFeature[]>> = {
  duplicates: ['duplicates'],
  'on-cancel-ignore': ['on-cancel-ignore'],
  'on-cancel-cleanup-error': ['on-cancel-cleanup-error'],
  'on-cancel-cleanup': ['on-cancel-cleanup'],
  'cancel-task': ['cancel-task'],
  'cancel-gather': ['cancel-gather'],
  'return-exceptions': ['return-exceptions'],
  'beyond-2^31': ['beyond-2^31'],
  empty: ['empty'],
  nested: ['nested'],
  error: ['error', 'on-cancel-cleanup-error'],
  'zero-delay': ['zero-delay'],
  ties: [],
};

describe('removing a trigger from a scenario', () => {
  const sample = fc.sample(scenarioArbitrary(), { numRuns: 300, seed: SUITE_SEED });

  for (const trigger of TRIGGERS) {
    it(`leaves a valid scenario without ${trigger}, and removing it again changes nothing`, () => {
      let changed = 0;
      for (const scenario of sample) {
        const removed = removeTrigger(scenario, trigger);
        expect(validateScenario(removed).ok, JSON.stringify(scenario)).toBe(true);
        const left = scenarioFeatures(removed).filter((feature) => FEATURES[trigger].includes(feature));
        expect(left, JSON.stringify(scenario)).toEqual([]);
        expect(removeTrigger(removed, trigger)).toEqual(removed);
        if (JSON.stringify(removed) !== JSON.stringify(scenario)) changed += 1;
      }
      // The sample has each trigger somewhere: removing it changed some scenarios.
      expect(changed).toBeGreaterThan(0);
    });
  }

  it('spreads events written at one instant onto distinct instants, in their order', () => {
    const scenario = {
      tasks: [
        { sleep: 5, value: 1 },
        { sleep: 5, value: 2 },
        { sleep: 6, value: 3 },
      ],
      cancelGatherAt: 5,
    };
    expect(tieOrderCount(scenario)).toBe(6);
    expect(removeTrigger(scenario, 'ties')).toEqual({
      tasks: [
        { sleep: 5, value: 1 },
        { sleep: 6, value: 2 },
        { sleep: 8, value: 3 },
      ],
      cancelGatherAt: 7,
    });
  });

  it('replaces a nested gather with a task that settles as it would', () => {
    const failing = {
      tasks: [
        {
          gather: {
            tasks: [
              { sleep: 9, value: 1 },
              { sleep: 4, error: { name: 'E', message: 'x' } },
            ],
          },
        },
      ],
    };
    expect(removeTrigger(failing, 'nested')).toEqual({ tasks: [{ sleep: 4, error: { name: 'E', message: 'x' } }] });
    const values = {
      tasks: [
        {
          gather: {
            tasks: [
              { sleep: 9, value: 1 },
              { sleep: 4, value: 2 },
            ],
            args: [1, 0, 1],
          },
        },
      ],
    };
    expect(removeTrigger(values, 'nested')).toEqual({ tasks: [{ sleep: 9, value: [2, 1, 2] }] });
  });

  it('leaves out several triggers at once, every one of them', () => {
    for (const scenario of sample) {
      const removed = withoutTriggers(scenario, ['duplicates', 'error', 'cancel-gather']);
      expect(validateScenario(removed).ok).toBe(true);
      expect(scenarioFeatures(removed)).not.toContain('duplicates');
      expect(scenarioFeatures(removed)).not.toContain('error');
      expect(scenarioFeatures(removed)).not.toContain('cancel-gather');
    }
    expect(withoutTriggers(sample[0] ?? { tasks: [] }, [])).toBe(sample[0]);
  });

  it('cuts long sleeps to 2^31-1 ms or just under, keeping the order and the ties of every event', () => {
    const long = 2 ** 31 - 1;
    const scenario: Scenario = {
      tasks: [
        { sleep: long + 50, value: 1 },
        { sleep: long + 10, value: 2 },
        { sleep: long + 10, value: 3 },
        { sleep: long, value: 4 },
      ],
      cancelGatherAt: long + 30,
    };
    expect(removeTrigger(scenario, 'beyond-2^31')).toEqual({
      tasks: [
        { sleep: long, value: 1 },
        { sleep: long - 2, value: 2 },
        { sleep: long - 2, value: 3 },
        { sleep: long - 3, value: 4 },
      ],
      cancelGatherAt: long - 1,
    });
  });

  it('spreads a tie at 2^31-1 ms earlier, never past it, so leaving out ties and beyond-2^31 together ends', () => {
    const long = 2 ** 31 - 1;
    const tied: Scenario = {
      tasks: [
        { sleep: long + 7, value: 1 },
        { sleep: long + 9, value: 2 },
        { sleep: long, value: 3 },
        { sleep: long, value: 4 },
      ],
    };
    expect(removeTrigger({ tasks: tied.tasks.slice(2) }, 'ties')).toEqual({
      tasks: [
        { sleep: long - 1, value: 3 },
        { sleep: long, value: 4 },
      ],
    });
    const removed = withoutTriggers(tied, ['beyond-2^31', 'ties']);
    expect(removed.tasks.map((task) => ('sleep' in task ? task.sleep : -1))).toEqual([
      long - 1,
      long,
      long - 3,
      long - 2,
    ]);
    expect(scenarioFeatures(removed)).not.toContain('beyond-2^31');
    expect(tieOrderCount(removed)).toBe(1);
  });

  it('leaves out every trigger of any set, even one that removing another brings back', () => {
    // Removing `error` turns a cleanup that fails into a plain cleanup: `on-cancel-cleanup` again.
    const failingCleanup: Scenario = {
      tasks: [{ sleep: 20, value: null, onCancel: { cleanup: 10, error: { name: 'APIError', message: '' } } }],
      cancelTasks: [{ task: 0, at: 10 }],
    };
    expect(scenarioFeatures(withoutTriggers(failingCleanup, ['on-cancel-cleanup', 'error']))).not.toContain(
      'on-cancel-cleanup',
    );
    for (const [index, scenario] of sample.entries()) {
      const chosen = TRIGGERS.filter((_, bit) => ((index * 2654435761) >>> bit) % 2 === 1);
      const features = scenarioFeatures(withoutTriggers(scenario, chosen));
      for (const trigger of chosen) for (const feature of FEATURES[trigger]) expect(features).not.toContain(feature);
    }
  });
});
