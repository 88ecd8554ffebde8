import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubject } from '../../src/cli/openSubject.js';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { startExternalSubject, type ExternalSubject } from '../../src/conformance/externalSubject.js';
import type { SubjectRunner } from '../../src/conformance/SubjectRunner.js';
import { canonicalJson } from '../../src/observation/canonicalJson.js';
import type { Observation } from '../../src/observation/Observation.js';
import { isAllowed, predict, withSortedUnhandled } from '../../src/oracle/predict.js';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import { readScenarioFile } from '../../src/scenario/readScenarioFile.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { formatScenarioIssues } from '../../src/scenario/validateScenario.js';
import { cpythonCommand } from '../../src/subjects/cpythonDriver.js';
import { PYODIDE_SUBJECT } from '../../src/subjects/pyodideDriver.js';
import { readCpythonCorpus } from '../cpythonCorpus.js';
import { SUITE_RUNS, SUITE_SEED } from '../seed.js';

// One Pyodide boot for the whole file (about 4 s of CPU), opened as the CLI opens the bundled
// name. Random scenarios: SUITE_RUNS of them (GATHER_SIM_RUNS=5000 for the big comparison).

/** Real ms from asking for the subject to its hello, and from its hello to its first answer. */
const startup = { helloMs: 0, firstAnswerMs: 0 };
let pyodide: SubjectRunner;
let closePyodide: () => Promise<void>;
let cpython: ExternalSubject;

beforeAll(async () => {
  const asked = performance.now();
  const opened = await openSubject(
    { module: PYODIDE_SUBJECT },
    false,
    {},
    { budgetMs: 10_000, memoryMb: 512, log: () => undefined },
  );
  if (!('runner' in opened)) throw new Error(`${PYODIDE_SUBJECT} did not open: ${JSON.stringify(opened)}`);
  startup.helloMs = performance.now() - asked;
  pyodide = opened.runner;
  closePyodide = opened.close;
  const hello = performance.now();
  await pyodide.run({ tasks: [] });
  startup.firstAnswerMs = performance.now() - hello;
  const found = await cpythonCommand();
  if ('missing' in found) throw new Error(`the differential tests need CPython 3.11: ${found.missing}`);
  const started = await startExternalSubject(found.command);
  if (!started.ok) throw new Error(started.problem);
  cpython = started.subject;
}, 120_000);

afterAll(async () => {
  await closePyodide();
  await cpython.close();
});

/** Equal but for the order of `unhandled`, which the spec leaves open. */
const same = (a: Observation, b: Observation): boolean =>
  canonicalJson(withSortedUnhandled(a)) === canonicalJson(withSortedUnhandled(b));

/** What Pyodide answered for a scenario, or the problem it reported. */
async function observe(scenario: Scenario): Promise<Observation> {
  const run = await pyodide.run(scenario);
  expect(run.problems, JSON.stringify(scenario)).toEqual([]);
  return run.observation;
}

describe(`CPython 3.14 in Pyodide (${PYODIDE_SUBJECT}) against CPython 3.11`, () => {
  it('says hello before it boots, so its hello comes sooner than its first answer after it', () => {
    console.log(
      `${PYODIDE_SUBJECT}: hello after ${startup.helloMs.toFixed(0)} ms, first answer ${startup.firstAnswerMs.toFixed(0)} ms later`,
    );
    expect(pyodide.supports).toEqual({ returnExceptions: true, cancellation: true, dedupe: true });
    expect(startup.helloMs).toBeLessThan(startup.firstAnswerMs);
  });

  it('observes exactly what 3.11 recorded for each of the 1,500 scenarios of the corpus', async () => {
    const corpus = readCpythonCorpus();
    const differing: string[] = [];
    for (const { scenario, observation } of corpus) {
      const fromPyodide = await observe(scenario);
      if (!same(fromPyodide, observation))
        differing.push(
          `${JSON.stringify(scenario)}\n  3.11 ${JSON.stringify(observation)}\n  3.14 ${JSON.stringify(fromPyodide)}`,
        );
    }
    expect(corpus).toHaveLength(1500);
    expect(differing.slice(0, 3)).toEqual([]);
  }, 120_000);

  it(
    `observes what 3.11 observes live, which the oracle allows, on ${2 * SUITE_RUNS} random scenarios (seed ${SUITE_SEED})`,
    async () => {
      const scenarios: Scenario[] = [
        ...fc.sample(scenarioArbitrary({ times: 'spread' }), { numRuns: SUITE_RUNS, seed: SUITE_SEED }),
        ...fc.sample(scenarioArbitrary(), { numRuns: SUITE_RUNS, seed: SUITE_SEED + 1 }),
      ];
      const problems: string[] = [];
      for (const scenario of scenarios) {
        const fromPyodide = await observe(scenario);
        const from311 = await cpython.run(scenario);
        const where = JSON.stringify(scenario);
        if (!isAllowed(predict(scenario), fromPyodide))
          problems.push(`the oracle rejects 3.14 on ${where}: ${JSON.stringify(fromPyodide)}`);
        if (!same(fromPyodide, from311.observation))
          problems.push(
            `3.14 and 3.11 differ on ${where}:\n  3.11 ${JSON.stringify(from311.observation)}\n  3.14 ${JSON.stringify(fromPyodide)}`,
          );
      }
      expect(problems.slice(0, 3)).toEqual([]);
    },
    60_000 + 80 * SUITE_RUNS,
  );

  const folder = new URL('../../scenarios/cpython/', import.meta.url);
  it("observes what each of scenarios/cpython/ expects (3.11's recorded answers)", async () => {
    const names = readdirSync(folder).filter((file) => file.endsWith('.json'));
    for (const name of names) {
      const reading = readScenarioFile(readFileSync(new URL(name, folder), 'utf8'));
      if (!reading.ok) expect.fail(formatScenarioIssues(reading.issues));
      expect(await observe(reading.file.scenario), name).toEqual(reading.file.expect);
    }
    expect(names.length).toBeGreaterThan(0);
  });

  it('passes the determinism property: the same scenario twice gives the same answer', async () => {
    const report = await checkSubject(pyodide, {
      properties: ['determinism'],
      runs: Math.min(SUITE_RUNS, 50),
      seed: SUITE_SEED,
      departures: { departures: 0, rechecks: 0 },
    });
    expect(report.properties.map((property) => [property.property.id, property.status])).toEqual([
      ['determinism', 'pass'],
    ]);
  }, 120_000);
});
