import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The README's examples import 'gather-sim' as a user would; here that is the source.
    alias: [
      { find: /^gather-sim$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^gather-sim\/vitest$/, replacement: fileURLToPath(new URL('./src/vitest/describeGatherConformance.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'properties/**/*.test.ts', 'bench/**/*.test.ts'],
    // Each file in a process of its own: a run fakes that process's global timers.
    pool: 'forks',
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
