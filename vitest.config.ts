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
  'src/oracle/predict.test.ts',
  'src/oracle/exploration.test.ts',
  'src/oracle/predictDetails.test.ts',
  'src/oracle/stateKey.test.ts',
  'src/gather/gather.test.ts',
  'src/executor/runScenario.test.ts',
  'src/executor/leaks.test.ts',
  'src/scenario/scenarioFiles.test.ts',
];

export default defineConfig({
  resolve: {
    // The README's examples import 'gather-sim' as a user would; here that is the source.
    alias: [
      { find: /^gather-sim$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^gather-sim\/vitest$/, replacement: fileURLToPath(new URL('./src/vitest/describeGatherConformance.ts', import.meta.url)) },
    ],
  },
  test: {
    include: process.env['GATHER_SIM_MUTATION'] === '1' ? MUTATION_TESTS : ['src/**/*.test.ts', 'properties/**/*.test.ts', 'bench/**/*.test.ts'],
    // Each file in a process of its own: a run fakes that process's global timers.
    pool: 'forks',
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
