import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { startExternalSubject } from '../src/conformance/externalSubject.js';
import { cpythonCommand } from '../src/subjects/cpythonDriver.js';
import { scenarioArbitrary } from '../src/properties/arbitraries.js';
import { CPYTHON_CORPUS, type CorpusEntry } from './cpythonCorpus.js';

/**
 * Writes the recorded CPython corpus (see `cpythonCorpus.ts`): seeded scenarios, times
 * spread wide and tie-heavy, each with the observation CPython's asyncio.gather gave.
 * Run after a change to the driver: `npm run corpus`.
 */
const found = await cpythonCommand();
if ('missing' in found) throw new Error(`the corpus needs CPython: ${found.missing}`);
const started = await startExternalSubject(found.command);
if (!started.ok) throw new Error(started.problem);
const scenarios = [
  ...fc.sample(scenarioArbitrary({ times: 'spread' }), { numRuns: 1000, seed: 7 }),
  ...fc.sample(scenarioArbitrary(), { numRuns: 500, seed: 8 }),
];
const entries: CorpusEntry[] = [];
for (const scenario of scenarios) {
  const run = await started.subject.run(scenario);
  if (run.problems.length > 0) throw new Error(run.problems.join('; '));
  entries.push({ scenario, observation: run.observation });
}
await started.subject.close();
writeFileSync(CPYTHON_CORPUS, `${entries.map((entry) => JSON.stringify(entry)).join('\n')}\n`);
console.log(`wrote ${entries.length} scenarios with CPython's observations to ${CPYTHON_CORPUS.pathname}`);
