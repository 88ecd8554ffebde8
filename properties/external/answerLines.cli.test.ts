import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { driver, fixture } from './processes.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-answers-'));
const MiB = 1024 * 1024;

describe('a long answer line', () => {
  it(
    'is read, not called silent, while its bytes keep coming for longer than --timeout',
    { timeout: 60_000 },
    async () => {
      // A 6 MiB value: the driver's answer arrives in 1 MiB pieces 500 ms apart, 3 s in all.
      const file = join(folder, 'six.json');
      writeFileSync(file, JSON.stringify({ tasks: [{ sleep: 1000, value: 'x'.repeat(6 * MiB) }] }));
      const result = await runCli(
        ['run', file, '--json', '--timeout', '2000', '--external', `${driver} | node ${fixture('slowPipe.mjs')} 500`],
        folder,
      );
      expect(result.stderr).not.toContain('went silent');
      expect(result.code).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(6 * MiB);
    },
  );

  it(
    'of 40 MiB, valid, is read and judged: a verdict on what the subject answered, not a broken subject',
    { timeout: 60_000 },
    async () => {
      // One task that sleeps 1000 ms: the driver's answer is a valid observation of it.
      const file = join(folder, 'one.json');
      writeFileSync(file, JSON.stringify({ tasks: [{ sleep: 1000, value: 1 }] }));
      const result = await runCli(
        ['run', file, '--json', '--external', `node ${fixture('bigAnswer.mjs')} 40`, '--timeout', '5000'],
        folder,
      );
      expect(result.stderr).toMatch(/gather settled at 1000 ms/);
      expect(result.stderr).not.toMatch(/broke|went silent|limit/);
      expect(result.stdout.length).toBeGreaterThan(40 * MiB);
      expect(JSON.parse(result.stdout)).toMatchObject({ gather: { at: 1000 } });
    },
  );
});
