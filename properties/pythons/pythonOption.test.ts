import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root, runCli } from '../cli/runCli.js';

/** What python3 says it is, asked without gather-sim: `cpython-3.11`. */
const python3 = spawnSync(
  'python3',
  ['-c', 'import sys; print("%s-%d.%d" % (sys.implementation.name, *sys.version_info[:2]))'],
  { encoding: 'utf8' },
).stdout.trim();

describe('gather-sim run and check --python INTERPRETER', () => {
  it(
    'runs a scenario on the bundled driver under that interpreter, named after its implementation and version',
    { timeout: 120_000 },
    async () => {
      const result = await runCli(['run', 'scenarios/r04-fail-fast.json', '--python', 'python3'], root);
      expect(result.stdout).toContain(`\nsubject ${python3}-asyncio\n`);
      expect(result.code).toBe(0);
    },
  );

  it(
    'refuses an interpreter that is not there, naming it, with exit 2 and no report',
    { timeout: 120_000 },
    async () => {
      const result = await runCli(['check', '--python', 'no-such-python-9.9', '--runs', '1'], root);
      expect(result.stderr).toBe(
        'gather-sim check: --python no-such-python-9.9: not found (not on the PATH, no such file)\n',
      );
      expect(result.stdout).toBe('');
      expect(result.code).toBe(2);
    },
  );

  it('refuses --python beside another option naming the subject of run', { timeout: 120_000 }, async () => {
    const result = await runCli(
      ['run', 'scenarios/r04-fail-fast.json', '--python', 'python3', '--subject', 'p-map'],
      root,
    );
    expect(result.stderr).toBe('gather-sim run: --subject and --python both name the subject: pick one\n');
    expect(result.code).toBe(2);
  });
});
