import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

const npmRun = (args: readonly string[]): Promise<{ stdout: string; stderr: string }> =>
  promisify(execFile)('npm', ['run', ...args], { cwd: root });

describe('npm run bench -- --json', () => {
  it(
    'leaves standard output to the script: npm writes its run-script banner to standard error (the project .npmrc)',
    { timeout: 120_000 },
    async () => {
      // The cheapest script that prints: tsc's version, as `npm run bench -- --json` prints its JSON.
      const { stdout, stderr } = await npmRun(['typecheck', '--', '--version']);
      expect(stdout).toMatch(/^Version \d+\.\d+\.\d+\n$/);
      expect(stderr).toContain('> gather-sim@0.1.0 typecheck');
    },
  );
});
