import { describe, expect, it } from 'vitest';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { checkProperty } from '../../src/properties/checkProperty.js';
import { concurrency, oracle, start } from '../../src/properties/gatherProperties.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { SUITE_SEED } from '../seed.js';
import { wideWrongGathers } from '../wrongGathers.js';

const capped = wideWrongGathers.find((wrong) => wrong.name === 'caps concurrency at 8');

/** Nine children of 10 ms: the ninth, started late by a cap of 8, ends at 20 ms. */
const nine: Scenario = { tasks: Array.from({ length: 9 }, (_, index) => ({ sleep: 10, value: index })) };

describe(`wide gathers catch a concurrency cap (seed ${SUITE_SEED})`, () => {
  it('starts the ninth child of a gather capped at 8 only when one of the first eight settles', async () => {
    if (capped === undefined) throw new Error('no "caps concurrency at 8" wrong gather');
    const run = await runScenario(nine, capped.gather);
    expect(run.observation.tasks.map((task) => task.started)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 10]);
    expect(run.observation.gather).toMatchObject({ at: 20 });
  });

  it('fails the capped gather on R12 concurrency, with a counterexample of 9 children or more', async () => {
    if (capped === undefined) throw new Error('no "caps concurrency at 8" wrong gather');
    const report = await checkProperty(concurrency, capped.gather, { seed: SUITE_SEED, numRuns: 300 });
    if (report.status !== 'fail') throw new Error(`not caught: ${report.status}`);
    expect(report.scenario.tasks.length).toBeGreaterThanOrEqual(9);
  }, 60_000);

  it('fails the capped gather on R12, and on R1 and the oracle, which a late start breaks too', async () => {
    if (capped === undefined) throw new Error('no "caps concurrency at 8" wrong gather');
    const report = await checkSubject(capped.gather, {
      seed: SUITE_SEED,
      runs: 200,
      properties: [start, concurrency, oracle],
    });
    const failed = report.properties.filter((one) => one.status === 'fail').map((one) => one.property.id);
    console.log(`caps concurrency at 8 fails: ${failed.join(', ')}`);
    expect(failed).toEqual(['start', 'concurrency', 'oracle']);
  }, 120_000);
});
