import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli } from './runCli.js';

/** A consumer project's folder: outside the repository, with no scenarios of its own. */
const consumer = mkdtempSync(join(tmpdir(), 'gather-sim-consumer-'));
const bundledTutorial = join(root, 'scenarios/tutorial-1-two-calls.json');

describe('bundled example scenarios', { timeout: 60_000 }, () => {
  it.each(['tutorial-1-two-calls', 'tutorial-1-two-calls.json', 'scenarios/tutorial-1-two-calls.json'])(
    'run by %s from a folder that has no such file',
    async (name) => {
      const result = await runCli(['run', name], consumer);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.split('\n')[0]).toBe(bundledTutorial);
      expect(result.stdout).toContain('gather resolved at 2000 ms with [100, 200]');
      expect(result.stdout).toContain('expect: matched');
    },
  );

  it('run as a folder with scenarios when the current folder has none', async () => {
    const result = await runCli(['run', 'scenarios'], consumer);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`ok        ${join(root, 'scenarios/r04-fail-fast.json')}`);
    expect(result.stdout).toMatch(/\n\d+ scenarios: \d+ matched, 0 mismatched/);
  });

  it("give way to the user's own file of the same name", async () => {
    const project = mkdtempSync(join(tmpdir(), 'gather-sim-consumer-'));
    mkdirSync(join(project, 'scenarios'));
    writeFileSync(join(project, 'scenarios/tutorial-1-two-calls.json'), '{"tasks": [{"sleep": 7, "value": "mine"}]}');
    const result = await runCli(['run', 'scenarios/tutorial-1-two-calls.json'], project);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('scenarios/tutorial-1-two-calls.json');
    expect(result.stdout).toContain('gather resolved at 7 ms with ["mine"]');
  });

  it('are not reached by a name that climbs out of their folder', async () => {
    const result = await runCli(['run', 'scenarios/../package.json'], consumer);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'scenarios/../package.json: no such file or folder, nor a bundled example scenario',
    );
  });

  it('a name that is neither a file nor a bundled example is refused with exit 2, naming where it was looked for', async () => {
    const result = await runCli(['run', 'tutorial-9'], consumer);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `gather-sim run: tutorial-9: no such file or folder, nor a bundled example scenario (in ${join(root, 'scenarios/')})\n`,
    );
  });
});
