import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { driver } from './processes.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-crash-'));
/** A driver that answers its first request, then exits with status 3 and a last word on stderr. */
const answersOnce = `head -n 1 | ${driver}; echo 'driver gave up' >&2; exit 3`;
/** A driver killed by a signal after its hello. */
const killedAfterHello = `echo '{"protocol":"gather-sim/1","name":"killed"}'; echo 'about to die' >&2; kill -9 $$`;

describe('a driver that exits early', () => {
  it(
    'breaks a multi-file `run`: the file it crashed on, its exit status and stderr, the files not run, exit 1',
    { timeout: 60_000 },
    async () => {
      const files = ['r03-success', 'r04-fail-fast', 'r05-siblings-live-on', 'r02-order'];
      const result = await runCli(['run', ...files, '--external', answersOnce, '--timeout', '1000'], folder);
      expect(result.code).toBe(1);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(/^ok {8}\S*r03-success\.json/);
      expect(lines[1]).toMatch(
        /^BROKEN {4}\S*r04-fail-fast\.json {2}the subject broke while running this file: ".*" exited with status 3 while request 2 was unanswered; its stderr:$/,
      );
      expect(lines[2]).toBe('          driver gave up');
      expect(lines[4]).toMatch(/^not run \(2\): \S*r05-siblings-live-on\.json, \S*r02-order\.json$/);
      expect(result.stdout).not.toContain('never settled');
    },
  );

  it('is named as the last file run when it crashes on it', { timeout: 60_000 }, async () => {
    const result = await runCli(['run', 'r03-success', 'r04-fail-fast', '--external', answersOnce], folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/BROKEN {4}\S*r04-fail-fast\.json .* exited with status 3 /);
    expect(result.stdout).toContain('it was the last file');
  });

  it(
    'breaks a one-file `run` with its signal and stderr, and no verdict on an observation it never made',
    { timeout: 60_000 },
    async () => {
      const result = await runCli(['run', 'r03-success', '--external', killedAfterHello], folder);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /^BROKEN {4}\S*r03-success\.json {2}the subject broke while running this file: ".*" exited on SIGKILL while request 1 was unanswered; its stderr:\n {10}about to die\n$/,
      );
    },
  );

  it('breaks `run --json`: nothing on stdout, why on stderr', { timeout: 60_000 }, async () => {
    const result = await runCli(['run', 'r03-success', '--json', '--external', killedAfterHello], folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/exited on SIGKILL while request 1 was unanswered; its stderr:\n {10}about to die/);
  });

  it(
    'is BROKEN in `check`, with its exit status and stderr, and the other subjects are checked as usual',
    { timeout: 60_000 },
    async () => {
      const result = await runCli(
        ['check', 'reference', '--external', answersOnce, '--runs', '5', '--property', 'fail-fast'],
        folder,
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/exited with status 3 while request 2 was unanswered; its stderr:\ndriver gave up/);
      expect(result.stdout).toMatch(/reference\s.*pass|pass.*reference/s);
    },
  );
});
