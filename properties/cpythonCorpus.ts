import { readFileSync } from 'node:fs';
import type { Observation } from '../src/observation/Observation.js';
import type { Scenario } from '../src/scenario/Scenario.js';

/** One recorded scenario and what CPython's asyncio.gather did with it. */
export interface CorpusEntry {
  readonly scenario: Scenario;
  readonly observation: Observation;
}

/** Built into dist/properties/, or run as source from properties/. */
const built = new URL('.', import.meta.url).pathname.endsWith('/dist/properties/');

/** Where the corpus lives: JSON lines in properties/corpus/ of the source tree. */
export const CPYTHON_CORPUS = new URL(
  built ? '../../properties/corpus/cpython-observations.jsonl' : './corpus/cpython-observations.jsonl',
  import.meta.url,
);

/**
 * The recorded CPython corpus: 1,500 seeded scenarios with CPython's observations, so the
 * oracle and the reference are checked against the ground truth without starting Python
 * (what the mutation run needs; `cpython.differential.test.ts` compares live).
 */
export function readCpythonCorpus(): CorpusEntry[] {
  return readFileSync(CPYTHON_CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as CorpusEntry);
}
