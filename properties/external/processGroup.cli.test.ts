import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, runCli } from '../cli/runCli.js';
import { driver, isRunning, readPid, stopsRunning } from './processes.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-group-'));
/** Processes that left the driver's process group on purpose: the OS keeps them, so the tests end them. */
const outOfReach: number[] = [];

afterAll(() => {
  for (const pid of outOfReach) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
});

/** A driver that first starts a child in its own process group (a `sleep` in the background) and writes its pid to `pidFile`. */
const withChild = (pidFile: string): string => `sleep 300 & echo $! > ${pidFile}; exec ${driver}`;
/** A driver that first starts a grandchild in a session of its own, holding the driver's stdout open. */
const withDetachedGrandchild = (pidFile: string): string => `setsid sleep 300 & echo $! > ${pidFile}; exec ${driver}`;

describe("an external subject's process group", () => {
  it('ends with `run`: no child the driver started keeps running', { timeout: 60_000 }, async () => {
    const pidFile = join(folder, 'run-child');
    const result = await runCli(['run', 'r03-success', '--external', withChild(pidFile), '--timeout', '1000'], folder);
    expect(result.code).toBe(0);
    expect(await stopsRunning(readPid(pidFile))).toBe(true);
  });

  it('ends with `check`, for a subject that passes and for one that breaks', { timeout: 60_000 }, async () => {
    const passing = join(folder, 'check-child');
    const breaking = join(folder, 'broken-child');
    const result = await runCli(
      [
        'check',
        '--external',
        withChild(passing),
        '--external',
        `sleep 300 & echo $! > ${breaking}; echo '{"protocol":"gather-sim/1","name":"quits"}'; exit 4`,
        '--runs',
        '3',
        '--property',
        'fail-fast',
        '--timeout',
        '1000',
      ],
      folder,
    );
    expect(result.stdout).toMatch(/quits: BROKEN: .*exited with status 4 while request 1 was unanswered/);
    expect(await stopsRunning(readPid(passing))).toBe(true);
    expect(await stopsRunning(readPid(breaking))).toBe(true);
  });

  it(
    'cannot hang `run` through a grandchild in its own session that holds stdout open; the OS keeps that grandchild',
    { timeout: 60_000 },
    async () => {
      const pidFile = join(folder, 'run-grandchild');
      const result = await runCli(
        ['run', 'r03-success', '--external', withDetachedGrandchild(pidFile), '--timeout', '1000'],
        folder,
      );
      const grandchild = readPid(pidFile);
      outOfReach.push(grandchild);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('spec: the one observation rules R1-R12 allow');
      expect(isRunning(grandchild)).toBe(true);
    },
  );

  it('cannot hang `check` through such a grandchild of a driver that crashes', { timeout: 60_000 }, async () => {
    const pidFile = join(folder, 'check-grandchild');
    const result = await runCli(
      [
        'check',
        '--external',
        `setsid sleep 300 & echo $! > ${pidFile}; echo '{"protocol":"gather-sim/1","name":"quits"}'; echo 'bye' >&2; exit 5`,
        '--runs',
        '3',
        '--property',
        'fail-fast',
        '--timeout',
        '1000',
      ],
      folder,
    );
    outOfReach.push(readPid(pidFile));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /quits: BROKEN: .*exited with status 5 while request 1 was unanswered; its stderr:\nbye/,
    );
  });

  it('is killed when gather-sim is interrupted (SIGINT) in the middle of a check', { timeout: 60_000 }, async () => {
    const pidFile = join(folder, 'interrupted-child');
    const cli = spawn(
      process.execPath,
      [bin, 'check', '--external', withChild(pidFile), '--runs', '1000000', '--property', 'fail-fast'],
      { cwd: folder, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      cli.once('exit', (_code, signal) => resolve(signal)),
    );
    for (let waited = 0; waited < 30_000 && !existsSync(pidFile); waited += 50) await sleep(50);
    await sleep(500); // the driver is answering
    const child = readPid(pidFile);
    cli.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(await stopsRunning(child)).toBe(true);
  });
});
