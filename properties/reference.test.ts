import { describe, expect, it } from 'vitest';
import { gather } from '../src/gather/gather.js';
import { checkProperty } from './checkProperty.js';
import { formatPropertyReport } from './formatPropertyReport.js';
import { gatherProperties } from './gatherProperties.js';
import { PROPERTY_TIMEOUT, SUITE_RUNS, SUITE_SEED } from './seed.js';

describe(`the reference gather (seed ${SUITE_SEED}, ${SUITE_RUNS} scenarios per property)`, () => {
  for (const property of gatherProperties) {
    it(`satisfies ${property.rule} ${property.id}: ${property.statement}`, async () => {
      const report = await checkProperty(property, gather, { seed: SUITE_SEED, numRuns: SUITE_RUNS });
      if (report.status === 'fail') expect.fail(formatPropertyReport(report));
      expect(report.numRuns).toBe(SUITE_RUNS);
    }, PROPERTY_TIMEOUT);
  }
});
