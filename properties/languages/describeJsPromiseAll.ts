import { describe, expect, it } from 'vitest';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';
import { prepareDriver } from '../../src/languages/prepareDriver.js';
import { root, runCli } from '../cli/runCli.js';

/**
 * The verdicts of Node's own `Promise.all` subject (src/subjects/promiseAll.ts) in the
 * README's matrix: every property passes but the two that need cancellation.
 */
const NODE_PROMISE_ALL_VERDICTS = {
  'R1 start': 'pass',
  'R2 order': 'pass',
  'R3 success': 'pass',
  'R4 fail-fast': 'pass',
  'R5 siblings-live-on': 'pass',
  'R6 return-exceptions': 'pass',
  'R7 empty': 'pass',
  'R8 outer-cancellation': 'n/a',
  'R9 child-cancellation': 'pass',
  'R10 cancel-after-done': 'n/a',
  'R11 nesting': 'pass',
  'R12 concurrency': 'pass',
  'no-unhandled': 'pass',
  'no-leaked-timers': 'pass',
  determinism: 'pass',
  oracle: 'pass',
};

/** The rows of the matrix `check` prints for one subject: property, verdict. */
function verdicts(stdout: string, subject: string): Record<string, string> {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => /^property\s/.test(line) && line.includes(subject));
  const rows = lines.slice(header + 1, lines.indexOf('', header + 1));
  return Object.fromEntries(rows.map((row) => [row.replace(/\s+\S+$/, ''), row.split(/\s+/).pop() ?? '']));
}

/**
 * The test file of one engine's driver on the plain-ECMAScript core: prepared (skipped with
 * its "needs" reason when the engine is not installed, a failure on CI, which installs it)
 * and checked once by name through the CLI, it conforms within what it claims, with the
 * verdicts of Node's own Promise.all.
 */
export function describeJsPromiseAll(driver: LanguageDriver): void {
  describe(`${driver.name}: ${driver.runtime}'s own Promise.all through the plain-ECMAScript core`, () => {
    it(
      "conforms within what it claims (no cancellation), with Node's Promise.all verdicts, determinism included",
      { timeout: 300_000 },
      async (context) => {
        const prepared = await prepareDriver(driver);
        if ('missing' in prepared) {
          if (process.env['CI'] !== undefined) expect.fail(`${driver.name}: ${prepared.missing}`);
          return context.skip(prepared.missing);
        }
        const result = await runCli(['check', driver.name, '--runs', '25', '--jobs', '1'], root);
        expect(result.code, result.stderr).toBe(0);
        expect(verdicts(result.stdout, driver.name)).toEqual(NODE_PROMISE_ALL_VERDICTS);
        expect(result.stdout).toContain(`${driver.name}: conforms (14 pass, 0 FAIL, 2 n/a)`);
      },
    );
  });
}
