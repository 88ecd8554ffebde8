import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, type Capabilities } from '../../src/conformance/Capabilities.js';
import { restrictScenario } from '../../src/conformance/restrictScenario.js';
import { scenarioNeeds } from '../../src/conformance/scenarioNeeds.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import { SUITE_SEED } from '../seed.js';

/** What a subject may claim: any subset of the capabilities. */
const supportsArbitrary: fc.Arbitrary<Capabilities> = fc.record(
  Object.fromEntries(CAPABILITIES.map((capability) => [capability, fc.boolean()])),
);

describe('scenarioNeeds', () => {
  it('names returnExceptions at any depth, and cancellation of the gather or of a nested-gather task', () => {
    expect(scenarioNeeds({ tasks: [{ sleep: 1, value: 1 }], args: [0, 0] })).toEqual([]);
    expect(scenarioNeeds({ tasks: [{ gather: { tasks: [], returnExceptions: true } }] })).toEqual(['returnExceptions']);
    expect(scenarioNeeds({ tasks: [{ hang: true }], cancelGatherAt: 5 })).toEqual(['cancellation']);
    expect(scenarioNeeds({ tasks: [{ gather: { tasks: [] } }], cancelTasks: [{ task: 0, at: 1 }] })).toEqual([
      'cancellation',
    ]);
    expect(
      scenarioNeeds({ tasks: [{ hang: true }], cancelTasks: [{ task: 0, at: 1 }], returnExceptions: true }),
    ).toEqual(['returnExceptions']);
  });

  it('does not count returnExceptions: false as a need', () => {
    expect(
      scenarioNeeds({ tasks: [{ gather: { tasks: [], returnExceptions: false } }], returnExceptions: false }),
    ).toEqual([]);
  });
});

describe(`scenarioNeeds and restrictScenario (seed ${SUITE_SEED})`, () => {
  it('agree: what restrictScenario sends a subject needs exactly the needs of the scenario that the subject claims', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ maxDepth: 3 }), supportsArbitrary, (scenario, supports) => {
        const kept = scenarioNeeds(scenario).filter((capability) => supports[capability] === true);
        expect(scenarioNeeds(restrictScenario(scenario, supports))).toEqual(kept);
      }),
      { seed: SUITE_SEED, numRuns: 2000 },
    );
  });

  it('leave a scenario as it runs when the subject claims every need: what restrictScenario drops then changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(), supportsArbitrary, async (scenario, claimed) => {
        const supports = {
          ...claimed,
          ...Object.fromEntries(scenarioNeeds(scenario).map((capability) => [capability, true])),
        };
        const sent = await runScenario(restrictScenario(scenario, supports), gather);
        expect(sent.observation).toEqual((await runScenario(scenario, gather)).observation);
      }),
      { seed: SUITE_SEED, numRuns: 300 },
    );
  });
});
