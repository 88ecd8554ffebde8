import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExternalSubject, type ExternalSubject } from '../src/conformance/externalSubject.js';
import { runScenario } from '../src/executor/runScenario.js';
import { gather } from '../src/gather/gather.js';
import { canonicalJson } from '../src/observation/canonicalJson.js';
import type { Observation } from '../src/observation/Observation.js';
import { isAllowed, predict } from '../src/oracle/predict.js';
import { readScenarioFile } from '../src/scenario/readScenarioFile.js';
import type { Scenario } from '../src/scenario/Scenario.js';
import { formatScenarioIssues } from '../src/scenario/validateScenario.js';
import { ALL_FEATURES, scenarioFeatures } from '../src/scenario/scenarioFeatures.js';
import { cpythonCommand } from '../src/subjects/cpythonDriver.js';
import { scenarioArbitrary } from '../src/properties/arbitraries.js';
import { SUITE_SEED } from './seed.js';

/** Scenarios compared: mostly tie-free ones (times spread wide), and a share full of ties. */
const SPREAD = 4000;
const TIED = 2000;

let cpython: ExternalSubject;

beforeAll(async () => {
  const found = await cpythonCommand();
  if ('missing' in found) throw new Error(`the differential tests need CPython: ${found.missing}`);
  const started = await startExternalSubject(found.command);
  if (!started.ok) throw new Error(started.problem);
  cpython = started.subject;
});

afterAll(async () => {
  await cpython.close();
});

interface Tally {
  compared: number;
  tied: number;
}

/** The reference's observation equals CPython's, CPython's unretrieved-error report aside (the oracle allows both). */
function sameAsCPython(reference: Observation, fromCPython: Observation): boolean {
  return (
    canonicalJson(reference) === canonicalJson(fromCPython) ||
    canonicalJson({ ...fromCPython, unhandled: reference.unhandled }) === canonicalJson(reference)
  );
}

describe(`CPython's asyncio.gather is the ground truth (seed ${SUITE_SEED})`, () => {
  const folder = new URL('../scenarios/cpython/', import.meta.url);
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    it(`re-derives scenarios/cpython/${name} from CPython, so the file cannot drift from it`, async () => {
      const reading = readScenarioFile(readFileSync(new URL(name, folder), 'utf8'));
      if (!reading.ok) expect.fail(formatScenarioIssues(reading.issues));
      const run = await cpython.run(reading.file.scenario);
      expect(run.problems).toEqual([]);
      expect(run.observation).toEqual(reading.file.expect);
    });
  }

  it(`agrees with the reference on ${SPREAD + TIED} random scenarios where no events tie, and the oracle accepts what CPython does where they do`, async () => {
    const scenarios: Scenario[] = [
      ...fc.sample(scenarioArbitrary({ times: 'spread' }), { numRuns: SPREAD, seed: SUITE_SEED }),
      ...fc.sample(scenarioArbitrary(), { numRuns: TIED, seed: SUITE_SEED + 1 }),
    ];
    const tallies = new Map(ALL_FEATURES.map((feature) => [feature, { compared: 0, tied: 0 }]));
    const all: Tally = { compared: 0, tied: 0 };
    const disagreements: string[] = [];
    let unretrieved = 0;
    for (const scenario of scenarios) {
      const fromCPython = await cpython.run(scenario);
      const reference = await runScenario(scenario, gather);
      const prediction = predict(scenario);
      const where = JSON.stringify(scenario);
      if (fromCPython.problems.length > 0)
        disagreements.push(`CPython could not run ${where}: ${fromCPython.problems.join('; ')}`);
      else if (!isAllowed(prediction, fromCPython.observation))
        disagreements.push(`the oracle rejects CPython on ${where}: ${JSON.stringify(fromCPython.observation)}`);
      if (!isAllowed(prediction, reference.observation))
        disagreements.push(`the oracle rejects the reference on ${where}`);
      if (prediction.tieFree && !sameAsCPython(reference.observation, fromCPython.observation)) {
        disagreements.push(
          `reference and CPython differ on tie-free ${where}:\n  reference ${JSON.stringify(reference.observation)}\n  CPython   ${JSON.stringify(fromCPython.observation)}`,
        );
      }
      if (fromCPython.observation.unhandled.length > 0) unretrieved += 1;
      const bucket: keyof Tally = prediction.tieFree ? 'compared' : 'tied';
      all[bucket] += 1;
      for (const feature of scenarioFeatures(scenario)) (tallies.get(feature) as Tally)[bucket] += 1;
    }
    const lines = [...tallies].map(
      ([feature, tally]) =>
        `  ${feature.padEnd(24)} ${String(tally.compared).padStart(5)} compared ${String(tally.tied).padStart(5)} with ties (oracle only)`,
    );
    console.log(
      [
        `CPython differential: ${scenarios.length} scenarios, ${all.compared} tie-free compared with the reference, ${all.tied} with ties checked by the oracle alone;`,
        `${unretrieved} where CPython reported errors it never retrieved. Per feature:`,
        ...lines,
      ].join('\n'),
    );
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(all.compared + all.tied).toBe(SPREAD + TIED);
    for (const feature of [
      'cancel-gather',
      'cancel-task',
      'on-cancel-cleanup',
      'on-cancel-cleanup-error',
      'on-cancel-ignore',
      'nested',
      'duplicates',
      'hang',
      'error',
    ] as const) {
      const tally = tallies.get(feature) as Tally;
      expect(tally.compared, `${feature}: most scenarios compared, not left to the oracle`).toBeGreaterThan(tally.tied);
      expect(tally.compared, feature).toBeGreaterThan(100);
    }
  }, 300_000);
});
