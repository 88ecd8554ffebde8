import { describe, expect, it } from 'vitest';
import { checkProperty } from '../src/properties/checkProperty.js';
import { gatherProperties } from '../src/properties/gatherProperties.js';
import { SUITE_SEED } from './seed.js';
import { wideWrongGathers, wrongGathers } from './wrongGathers.js';

describe(`the properties catch every deliberately wrong gather (seed ${SUITE_SEED})`, () => {
  it('keeps at least ten wrong gathers, each aimed at a property of the suite', () => {
    expect(wrongGathers.length).toBeGreaterThanOrEqual(10);
    const ids = gatherProperties.map((property) => property.id);
    for (const wrong of wrongGathers) expect(ids).toContain(wrong.caughtBy);
  });

  for (const wrong of [...wrongGathers, ...wideWrongGathers]) {
    it(`catches "${wrong.name}" (${wrong.fault}) with ${wrong.caughtBy}`, async () => {
      const property = gatherProperties.find((candidate) => candidate.id === wrong.caughtBy);
      if (property === undefined) throw new Error(`no property ${wrong.caughtBy}`);
      const report = await checkProperty(property, wrong.gather, { seed: SUITE_SEED, numRuns: 300 });
      expect(report.status, `${wrong.name} passed ${property.id}`).toBe('fail');
    }, 60_000);
  }

  it('shrinks each counterexample to a scenario of at most three top-level tasks, or the few more its fault needs', async () => {
    for (const wrong of [...wrongGathers, ...wideWrongGathers]) {
      const property = gatherProperties.find((candidate) => candidate.id === wrong.caughtBy);
      if (property === undefined) throw new Error(`no property ${wrong.caughtBy}`);
      const report = await checkProperty(property, wrong.gather, { seed: SUITE_SEED, numRuns: 300 });
      if (report.status !== 'fail') throw new Error(`${wrong.name} was not caught`);
      expect(report.scenario.tasks.length, `${wrong.name}: ${JSON.stringify(report.scenario)}`).toBeLessThanOrEqual(
        wrong.needsTasks ?? 3,
      );
    }
  }, 60_000);

  for (const property of gatherProperties) {
    it(`lets ${property.rule} ${property.id} fail at least one wrong gather, so it cannot be a property that never fails`, async () => {
      const caught: string[] = [];
      for (const wrong of wrongGathers) {
        const report = await checkProperty(property, wrong.gather, { seed: SUITE_SEED, numRuns: 200 });
        if (report.status === 'fail') {
          caught.push(wrong.name);
          break;
        }
      }
      expect(caught, `${property.id} caught no wrong gather`).toHaveLength(1);
    }, 60_000);
  }
});
