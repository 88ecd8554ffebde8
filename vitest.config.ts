import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'properties/**/*.test.ts'],
    // Each file in a process of its own: a run fakes that process's global timers.
    pool: 'forks',
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
