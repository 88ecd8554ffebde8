// @ts-check
/**
 * Mutation testing of the reference gather and the oracle (`npm run mutation`): every
 * mutant of them must make some test fail. The tests run are the fast ones that import the
 * source (see MUTATION_TESTS in vitest.config.ts): the recorded CPython corpus, the oracle's
 * own tests, the property suite on the reference, the wrong gathers and the ties.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  mutate: ['src/gather/gather.ts', 'src/oracle/Simulation.ts', 'src/oracle/predict.ts', 'src/oracle/model.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
export default config;
