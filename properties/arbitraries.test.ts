import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predict } from '../src/oracle/predict.js';
import { ALL_FEATURES, scenarioFeatures } from '../src/scenario/scenarioFeatures.js';
import { validateScenario } from '../src/scenario/validateScenario.js';
import { scenarioArbitrary } from '../src/properties/arbitraries.js';
import { argsOf, isGatherTask, type GatherScenario } from '../src/scenario/Scenario.js';
import { gatherProperties } from '../src/properties/gatherProperties.js';
import { SUITE_SEED } from './seed.js';

/** The shapes a scenario has beyond its features: wide gathers (at the top and nested), many duplicates, deep nesting. */
function shapesOf(scenario: GatherScenario): Set<string> {
  const shapes = new Set<string>();
  const visit = (gather: GatherScenario, depth: number): void => {
    if (gather.tasks.length > 8) shapes.add(depth === 0 ? 'wide' : 'wide-nested');
    if (gather.tasks.length > 32) shapes.add('wider-than-32');
    if (argsOf(gather).length - gather.tasks.length >= 5) shapes.add('5-or-more-duplicates');
    if (depth >= 3) shapes.add('nested-3-deep');
    for (const task of gather.tasks) if (isGatherTask(task)) visit(task.gather, depth + 1);
  };
  visit(scenario, 0);
  return shapes;
}

const SHAPES = ['wide', 'wide-nested', 'wider-than-32', '5-or-more-duplicates', 'nested-3-deep'];

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

  it('generate wide gathers (9 to 64 children, at any depth), many duplicates and deep nesting in 1,000 scenarios', () => {
    const counts = new Map(SHAPES.map((shape) => [shape, 0]));
    for (const scenario of sample) {
      for (const shape of shapesOf(scenario)) counts.set(shape, (counts.get(shape) ?? 0) + 1);
    }
    console.log(`shapes in 1,000 scenarios (seed ${SUITE_SEED}):`, Object.fromEntries(counts));
    // The widest tier is one wide gather in 4 (see WIDE_ONE_IN): fewer of them.
    for (const [shape, count] of counts)
      expect(count, shape).toBeGreaterThanOrEqual(shape === 'wider-than-32' ? 5 : 10);
    const widest = Math.max(...sample.map((scenario) => scenario.tasks.length));
    expect(widest).toBeGreaterThan(32);
    expect(widest).toBeLessThanOrEqual(64);
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
