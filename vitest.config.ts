import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SlowestFirstSequencer } from './properties/SlowestFirstSequencer.js';

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

/**
 * The test files that change what the whole process sees (its global timers, `Date`, its
 * listeners, a user's fake timers) or that must find it untouched: each runs in a process of
 * its own. Every other file shares its worker process with the files before it (`isolate:
 * false`: no new process and no fresh module graph per file, about 0.8 s of CPU each); those
 * files leave no global behind, as every run of gather-sim puts back what it found.
 */
const ISOLATED_TESTS = [
  'properties/citizen/**/*.test.ts',
  'properties/clock/**/*.test.ts',
  'properties/executor/**/*.test.ts',
  'properties/api/runScenario.arguments.test.ts',
  'properties/cli/html.browser.test.ts',
];

const ALL_TESTS = ['properties/**/*.test.ts', 'bench/**/*.test.ts'];

export default defineConfig({
  resolve: {
    // The README's examples import 'gather-sim' as a user would; here that is the source.
    alias: [
      { find: /^gather-sim$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^gather-sim\/(.+)$/, replacement: fileURLToPath(new URL('./src/entry/$1.ts', import.meta.url)) },
    ],
  },
  test: {
    // Worker processes, not threads: a run fakes its process's global timers.
    pool: 'forks',
    // A worker per core: vitest's default for a run is one fewer, a single worker on a 2-core
    // machine, which ran the files one at a time while most of them wait on processes they spawn.
    maxWorkers: availableParallelism(),
    // Two files at once on a loaded machine: a test of a second's CPU alone can take several
    // (the default is 5 s); a hang still fails, a minute later. Slower tests set their own.
    testTimeout: 60_000,
    // The slowest files first, so that the workers finish together.
    sequence: { sequencer: SlowestFirstSequencer },
    // Each project lists its own files: a project extending this config adds its include to this one's.
    ...(process.env['GATHER_SIM_MUTATION'] === '1'
      ? { include: MUTATION_TESTS }
      : {
          projects: [
            { extends: true, test: { name: 'isolated', include: ISOLATED_TESTS, isolate: true } },
            { extends: true, test: { name: 'shared', include: ALL_TESTS, exclude: ISOLATED_TESTS, isolate: false } },
          ],
        }),
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
