import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { readPid, stopsRunning } from './processes.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-driver-worker-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const HELLO = `echo '{"protocol":"gather-sim/1","name":"dribbler"}'`;

describe('a driver process spoken to from its subject worker (check)', () => {
  it(
    'is ended, with what it started, when the watchdog terminates its worker in the middle of a scenario',
    { timeout: 300_000 },
    async () => {
      const pidFile = join(folder, 'dribbler-child');
      // Answers its first request with a line that never ends: bytes keep coming, so the
      // answer limit (silence) never fires, and only the worker's watchdog ends the wait.
      const dribbler = `sleep 300 & echo $! > ${pidFile}; ${HELLO}; read request; while true; do printf x; sleep 0.2; done`;
      const result = await runCli(
        ['check', '--external', dribbler, '--property', 'success', '--runs', '3', '--timeout', '1000', '--jobs', '1'],
        folder,
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /dribbler: BROKEN: while checking success, it did not finish a scenario within 2000 ms: .*\n {2}scenario: \{"tasks":/,
      );
      expect(await stopsRunning(readPid(pidFile))).toBe(true);
    },
  );

  it('is BROKEN, with its stderr, when it exits before its hello', { timeout: 300_000 }, async () => {
    const result = await runCli(['check', '--external', `echo 'booting failed' >&2; exit 7`], folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('exited with status 7 before its hello; its stderr:\nbooting failed\n');
  });
});
