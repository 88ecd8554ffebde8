import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { killLiveGroups } from '../../src/conformance/endProcessGroup.js';
import type { DriverSpec } from '../../src/isolate/isolatedExternalSubject.js';
import { sharedWorkers } from '../../src/isolate/sharedWorkers.js';
import { cpythonCommand } from '../../src/subjects/cpythonDriver.js';
import { fakeIo } from '../cli/fakeIo.js';
import { watchWorkerThreads } from './watchWorkerThreads.js';
import { driver as minimalDriver, readPid, stopsRunning } from '../external/processes.js';

const SLOW = { timeout: 300_000 };

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-shared-drivers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}.mjs`, import.meta.url));

/** The worker threads started from this thread while a test runs, by thread id. */
const threads = watchWorkerThreads();

/** A quick check of `args` in process (one property, 3 runs): its exit status and standard error. */
async function quickCheck(args: readonly string[]): Promise<{ readonly code: number; readonly stderr: string }> {
  const io = fakeIo();
  const code = await checkCommand([...args, '--property', 'start', '--runs', '3'], io);
  return { code, stderr: io.err() };
}

/** A driver spec with short limits. */
const spec = (command: string, ms = 1000): DriverSpec => ({
  command,
  limits: { helloMs: ms, answerMs: ms },
  replay: `--external ${command}`,
});

/** A driver that writes its shell's pid and that of a child it leaves running to files named after `name`, says hello, then `then`. */
function pidDriver(name: string, then: string): { readonly command: string; readonly pids: () => number[] } {
  const shell = join(folder, `${name}-shell`);
  const child = join(folder, `${name}-child`);
  return {
    command: `echo $$ > ${shell}; sleep 300 & echo $! > ${child}; echo '{"protocol":"gather-sim/1","name":"${name}"}'; ${then}`,
    pids: () => [readPid(shell), readPid(child)],
  };
}

/**
 * A driver that says hello at once, claiming a start-up of 20 s, and takes 1.5 s more (a
 * sleep, then Node's start) to answer its first request: the model driver, its own hello
 * dropped.
 */
const SLOW_STARTER = `echo '{"protocol":"gather-sim/1","name":"slow-starter","startupMs":20000}'; sleep 1.5; ${minimalDriver} | { read hello; exec cat; }`;

describe('the bundled subjects in other processes take their jobs in the shared workers', () => {
  it('with one slot, two modules and CPython are checked in one worker thread', SLOW, async () => {
    const { code, stderr } = await quickCheck(['reference', 'cpython-asyncio', 'Promise.all', '--jobs', '1']);
    expect(stderr).toContain('cpython-asyncio: start pass');
    expect(code).toBe(0);
    expect(threads).toHaveLength(1);
  });

  it('with two slots, modules, CPython and MicroPython use at most two worker threads', SLOW, async () => {
    const { code, stderr } = await quickCheck([
      'reference',
      'cpython-asyncio',
      'micropython-1.27-asyncio',
      'Promise.all',
      '--jobs',
      '2',
    ]);
    expect(stderr).toContain('cpython-asyncio: start pass');
    expect(code).toBe(0);
    expect(threads.length).toBeGreaterThan(0);
    expect(threads.length).toBeLessThanOrEqual(2);
  });

  it(
    'a user module, an --external subject and a --python subject each still get a worker of their own',
    SLOW,
    async () => {
      const cpython = await cpythonCommand();
      if ('missing' in cpython) throw new Error(cpython.missing);
      const { code, stderr } = await quickCheck([
        'reference',
        fixture('says-thread-a'),
        'cpython-asyncio',
        '--external',
        cpython.command,
        '--python',
        'python3',
        '--jobs',
        '1',
      ]);
      expect(stderr).toMatch(/says-thread-a loaded in thread \d+/);
      expect(code).toBe(0);
      // One for the two bundled subjects, one for the user's module, one each for the other two.
      expect(threads).toHaveLength(4);
    },
  );
});

describe('a shared worker holding drivers', () => {
  it('keeps the driver it started for its subject, and starts one of each subject at most', SLOW, async () => {
    const shared = sharedWorkers({ budgetMs: 10_000, memoryMb: 256 }, () => undefined);
    try {
      const one = pidDriver('keeper-one', 'cat > /dev/null');
      const two = pidDriver('keeper-two', 'cat > /dev/null');
      const started: number[][] = [];
      for (const { command, pids } of [one, two, one]) {
        const loan = await shared.takeDriver(spec(command));
        expect(loan).toMatchObject({ ok: true, loaded: { kind: 'loaded' } });
        if (loan.ok) await loan.worker.close();
        started.push(pids());
      }
      expect(threads).toHaveLength(1);
      // The third loan found the first driver in the worker: no other started (its pid file is the same).
      expect(started[2]).toEqual(started[0]);
      expect(started[1]).not.toEqual(started[0]);
    } finally {
      await shared.close();
    }
  });

  it('leaves no driver process behind, nor what they started, when the watchdog terminates it', SLOW, async () => {
    const shared = sharedWorkers({ budgetMs: 500, memoryMb: 256 }, () => undefined);
    try {
      const quiet = pidDriver('quiet', 'cat > /dev/null');
      // Answers its first request with a line that never ends: bytes keep coming, so only
      // the worker's watchdog ends the wait.
      const dribbler = pidDriver('dribbler', 'read request; while true; do printf x; sleep 0.1; done');
      const first = await shared.takeDriver(spec(quiet.command, 500));
      if (!first.ok) throw new Error(first.what);
      await first.worker.close();
      const second = await shared.takeDriver(spec(dribbler.command, 500));
      if (!second.ok) throw new Error(second.what);
      expect(threads).toHaveLength(1);
      const ran = await second.worker.request({
        kind: 'run',
        scenario: { tasks: [{ sleep: 1, value: 1 }] },
        ties: undefined,
        determinism: false,
      });
      expect(ran.ok ? 'ran' : ran.what).toMatch(/^did not finish a scenario within 1000 ms/);
      await second.worker.close();
      for (const pid of [...quiet.pids(), ...dribbler.pids()]) expect(await stopsRunning(pid)).toBe(true);
    } finally {
      await shared.close();
    }
  });

  it('leaves no driver process behind when the CLI is interrupted (every live group killed)', SLOW, async () => {
    const shared = sharedWorkers({ budgetMs: 10_000, memoryMb: 256 }, () => undefined);
    try {
      const drivers = [
        pidDriver('interrupted-one', 'cat > /dev/null'),
        pidDriver('interrupted-two', 'cat > /dev/null'),
      ];
      for (const { command } of drivers) {
        const loan = await shared.takeDriver(spec(command));
        if (!loan.ok) throw new Error(loan.what);
        await loan.worker.close();
      }
      expect(threads).toHaveLength(1);
      killLiveGroups();
      for (const pid of drivers.flatMap((driver) => driver.pids())) expect(await stopsRunning(pid)).toBe(true);
    } finally {
      await shared.close();
    }
  });

  it(
    "allows a driver booting in a warm worker its hello's start-up on its first answer, past the budget and answer limit",
    SLOW,
    async () => {
      const shared = sharedWorkers({ budgetMs: 500, memoryMb: 256 }, () => undefined);
      try {
        const warm = shared.take();
        expect(await warm.request({ kind: 'load', module: 'reference' })).toMatchObject({ ok: true });
        await warm.close();
        // The budget and the answer limit allow 1000 ms; its start-up 20 s more on the first scenario.
        const loan = await shared.takeDriver(spec(SLOW_STARTER, 500));
        if (!loan.ok) throw new Error(loan.what);
        expect(threads).toHaveLength(1);
        const ran = await loan.worker.request({
          kind: 'run',
          scenario: { tasks: [{ sleep: 1, value: 1 }] },
          ties: undefined,
          determinism: false,
        });
        expect(ran).toMatchObject({ ok: true, reply: { kind: 'ran', run: { problems: [] } } });
        await loan.worker.close();
      } finally {
        await shared.close();
      }
    },
  );
});
