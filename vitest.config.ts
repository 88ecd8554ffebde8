import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutation` runs against each mutant of the reference gather and the
 * oracle: fast, and importing the source (no built binary, no Python, no browser).
 */
const MUTATION_TESTS = [
  'properties/cpython.corpus.test.ts',
  'properties/reference.test.ts',
  'properties/wrongGathers.test.ts',
  'properties/ties.test.ts',
  'properties/oracle/predict.test.ts',
  'properties/oracle/exploration.test.ts',
  'properties/oracle/predictDetails.test.ts',
  'properties/oracle/stateKey.test.ts',
  'properties/gather/gather.test.ts',
  'properties/executor/runScenario.test.ts',
  'properties/executor/leaks.test.ts',
  'properties/scenario/scenarioFiles.test.ts',
];

export default defineConfig({
  resolve: {
    // The README's examples import 'gather-sim' as a user would; here that is the source.
    alias: [
      { find: /^gather-sim$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^gather-sim\/(.+)$/, replacement: fileURLToPath(new URL('./src/entry/$1.ts', import.meta.url)) },
    ],
  },
  test: {
    include:
      process.env['GATHER_SIM_MUTATION'] === '1' ? MUTATION_TESTS : ['properties/**/*.test.ts', 'bench/**/*.test.ts'],
    // Each file in a process of its own: a run fakes that process's global timers.
    pool: 'forks',
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
