import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predict } from '../src/oracle/predict.js';
import { ALL_FEATURES, scenarioFeatures } from '../src/scenario/scenarioFeatures.js';
import { validateScenario } from '../src/scenario/validateScenario.js';
import { scenarioArbitrary } from '../src/properties/arbitraries.js';
import { gatherProperties } from '../src/properties/gatherProperties.js';
import { SUITE_SEED } from './seed.js';

describe('the scenario arbitraries', () => {
  const sample = fc.sample(scenarioArbitrary(), { numRuns: 1000, seed: SUITE_SEED });

  it('generate every feature of the protocol, and same-instant ties, in 1,000 scenarios', () => {
    const counts = new Map<string, number>([...ALL_FEATURES, 'tie'].map((feature) => [feature, 0]));
    for (const scenario of sample) {
      for (const feature of scenarioFeatures(scenario)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
      if (!predict(scenario).tieFree) counts.set('tie', (counts.get('tie') ?? 0) + 1);
    }
    console.log(`features in 1,000 scenarios (seed ${SUITE_SEED}):`, Object.fromEntries(counts));
    for (const [feature, count] of counts) expect(count, feature).toBeGreaterThanOrEqual(10);
  });

  it('generate only valid scenarios', () => {
    for (const scenario of sample) expect(validateScenario(scenario)).toEqual({ ok: true, scenario });
  });

  it('generate only valid scenarios for every property', () => {
    for (const property of gatherProperties) {
      for (const scenario of fc.sample(property.arbitrary, { numRuns: 100, seed: SUITE_SEED })) {
        const validation = validateScenario(scenario);
        expect(validation.ok, `${property.id}: ${JSON.stringify(validation)}`).toBe(true);
      }
    }
  });

  it('give the oracle few enough orderings to explore every one', () => {
    for (const scenario of sample) expect(predict(scenario).complete).toBe(true);
  });
});
