import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { fakeIo } from '../cli/fakeIo.js';
import { driver, stopsRunning } from './processes.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-jobs-'));

/** The process groups a driver command started, one line each (the shell's pid, which leads the group). */
const groups = (path: string): number[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map(Number);

/** Every group of `path` has stopped running: the check ended each driver it started. */
async function allStopped(path: string): Promise<boolean> {
  const stopped = await Promise.all(groups(path).map((pid) => stopsRunning(pid)));
  return stopped.every(Boolean);
}

/**
 * The model driver, claiming returnExceptions it does not have (so R6 fails and its departure
 * is searched), writing the pid of each process it starts to `pids`.
 */
const departing = (pids: string): string =>
  `echo $$ >> ${pids}; ${driver} | sed -u '1s/"supports":{}/"supports":{"returnExceptions":true}/'`;

async function check(argv: readonly string[]): Promise<{ code: number; stdout: string }> {
  const io = fakeIo();
  const code = await checkCommand(argv, io);
  return { code, stdout: io.out() };
}

describe('an external subject at --jobs N', () => {
  it(
    'gets the same report, byte for byte, at --jobs 1 and --jobs 2, in text and --json, with its departure searched in its pool of N drivers',
    { timeout: 120_000 },
    async () => {
      const pids = join(folder, 'departing.pids');
      const argv = ['--external', departing(pids), '--property', 'success,fail-fast,return-exceptions', '--runs', '10'];
      const one = await check([...argv, '--jobs', '1']);
      expect(groups(pids)).toHaveLength(1);
      const two = await check([...argv, '--jobs', '2']);
      expect(groups(pids)).toHaveLength(3);
      expect(two).toEqual(one);
      expect(one.code).toBe(1);
      expect(one.stdout).toContain('minimal-driver: 1 departure from asyncio.gather');
      expect(one.stdout).toMatch(/R6 return-exceptions +FAIL/);
      const json = await check([...argv, '--jobs', '1', '--json']);
      expect(await check([...argv, '--jobs', '2', '--json'])).toEqual(json);
      expect(JSON.parse(json.stdout)).toMatchObject({ subjects: [{ departures: [{ trigger: 'return-exceptions' }] }] });
      expect(await allStopped(pids)).toBe(true);
    },
  );

  it(
    'is BROKEN when a driver breaks in one process: what happened, the scenario, the replay lines; every driver ends',
    { timeout: 120_000 },
    async () => {
      const pids = join(folder, 'breaking.pids');
      // Each process answers one request, then exits with status 3.
      const breaking = `echo $$ >> ${pids}; head -n 1 | ${driver}; echo 'driver gave up' >&2; exit 3`;
      const result = await check([
        '--external',
        breaking,
        '--property',
        'start,success',
        '--runs',
        '10',
        '--jobs',
        '2',
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /minimal-driver: BROKEN: while checking start, it broke: ".*" exited with status 3/,
      );
      expect(result.stdout).toContain('while request 2 was unanswered; its stderr:\ndriver gave up\n');
      expect(result.stdout).toMatch(/\n {2}scenario: \{"tasks":/);
      expect(result.stdout).toMatch(/\n {2}replay the scenario: echo .* \| npx gather-sim run - --external /);
      expect(result.stdout).toContain('--property start --seed ');
      expect(groups(pids)).toHaveLength(2);
      expect(await allStopped(pids)).toBe(true);
    },
  );

  it(
    'is BROKEN when a driver answers with a line that is not protocol, read in the worker: the line, the scenario',
    { timeout: 120_000 },
    async () => {
      const garbage = `echo '{"protocol":"gather-sim/1","name":"garbage"}'; read request; echo 'not json'; sleep 60`;
      const result = await check(['--external', garbage, '--property', 'success', '--runs', '5', '--jobs', '2']);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /garbage: BROKEN: while checking success, it broke: ".*" printed a line that is not protocol: "not json" \(nothing on its stderr\)\n {2}scenario: \{"tasks":/,
      );
    },
  );
});
