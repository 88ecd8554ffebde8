import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, root } from './runCli.js';

/** A folder of scenarios whose summary lines fill more than a pipe's buffer (64 KiB on Linux). */
function manyScenarios(count: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'gather-sim-many-'));
  for (let index = 0; index < count; index += 1)
    copyFileSync(
      join(root, 'scenarios/tutorial-1-two-calls.json'),
      join(folder, `${String(index).padStart(4, '0')}.json`),
    );
  return folder;
}

/** Runs the built CLI with its standard output read up to the first line and closed then, as `| head -1` does. */
function runUntilFirstLine(args: readonly string[]): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('\n')) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => {
      resolve({ code, first: stdout.split('\n')[0] ?? '', stderr });
    });
  });
}

describe('a closed standard output (EPIPE)', { timeout: 60_000 }, () => {
  it('ends gather-sim run quietly, with the exit status of the whole run', async () => {
    const folder = manyScenarios(1000);
    const result = await runUntilFirstLine(['run', folder]);
    expect(result.first).toMatch(/^ok {8}.*0000\.json {2}resolved at 2000 ms with \[100, 200\]$/);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
