import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { runCommand } from '../../src/cli/runCommand.js';
import { fakeIo } from '../cli/fakeIo.js';
import { root, runCli } from '../cli/runCli.js';

const SLOW = 300_000;

describe('check --jobs N spreads the checks over N workers and prints the same report whatever N', () => {
  it(
    '--jobs 1 and --jobs 2 print identical bytes on the bundled matrix',
    async () => {
      // Both at once: the file's time is one matrix, not two in turn (the bytes do not depend on the load).
      const [one, two] = await Promise.all([
        runCli(['check', '--runs', '5', '--jobs', '1'], root),
        runCli(['check', '--runs', '5', '--jobs', '2'], root),
      ]);
      // A run that ends early says why on its stderr: the message of each exit status.
      expect(one.code, one.stderr).toBe(0);
      expect(two.code, two.stderr).toBe(one.code);
      expect(two.stdout).toBe(one.stdout);
      expect(one.stdout).toContain('reference: conforms');
    },
    SLOW,
  );

  it(
    '--jobs 1 and --jobs 3 give identical --json reports, failures included',
    async () => {
      const args = ['check', 'reference', 'Promise.all', 'p-map', '--runs', '10', '--json'];
      const [one, three] = await Promise.all([
        runCli([...args, '--jobs', '1'], root),
        runCli([...args, '--jobs', '3'], root),
      ]);
      expect(one.code).toBe(1);
      expect(three.stdout).toBe(one.stdout);
      const report = JSON.parse(one.stdout) as { subjects: { name: string; properties: { status: string }[] }[] };
      expect(report.subjects.map((subject) => subject.name)).toEqual(['reference', 'Promise.all', 'p-map']);
      expect(report.subjects.flatMap((subject) => subject.properties).some((p) => p.status === 'fail')).toBe(true);
    },
    SLOW,
  );

  it(
    'progress is one line per finished property, counting up to the total',
    async () => {
      const result = await runCli(['check', 'reference', 'p-map', '--runs', '3', '--jobs', '2'], root);
      const lines = result.stderr.split('\n').filter((line) => line.startsWith('check ['));
      expect(lines).toHaveLength(32);
      expect(lines.map((line) => /^check \[(\d+)\/32\] (reference|p-map): \S+ \S/.exec(line)?.[1])).toEqual(
        Array.from({ length: 32 }, (_, index) => String(index + 1)),
      );
    },
    SLOW,
  );

  it.each(['0', 'x', '2.5', '', '1025'])(
    '--jobs %j is refused with exit 2, naming the option',
    async (value) => {
      // The option's check, in process: no worker starts before it.
      const io = fakeIo();
      expect(await checkCommand(['reference', '--jobs', value], io)).toBe(2);
      expect(io.err()).toBe(
        `gather-sim check: --jobs: expected a whole number of workers from 1 to 1024, got "${value}"\n`,
      );
    },
    SLOW,
  );
});

describe('run executes a module subject in a worker under the same watchdog', () => {
  it(
    'a scenario that hangs the subject is BROKEN for its file (exit 1), and the next file still runs',
    async () => {
      const result = await runCli(
        [
          'run',
          'scenarios/r03-success.json',
          'scenarios/tutorial-1-two-calls.json',
          'scenarios/r04-fail-fast.json',
          '--subject',
          'properties/isolate/fixtures/hangs-on-two-tasks.mjs',
          '--timeout',
          '3000',
        ],
        root,
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /\nBROKEN {4}scenarios\/tutorial-1-two-calls\.json {2}the subject broke while running this file: did not finish a scenario within 3000 ms: a synchronous loop/,
      );
      expect(result.stdout).toMatch(/\nok {8}scenarios\/r04-fail-fast\.json/);
      expect(result.stdout).toMatch(/1 BROKEN\n$/);
    },
    SLOW,
  );

  it(
    'one file on a subject that exits: BROKEN, exit 1, no stack trace',
    async () => {
      const result = await runCli(
        ['run', 'scenarios/r04-fail-fast.json', '--subject', 'properties/isolate/fixtures/exits.mjs'],
        root,
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        'BROKEN    scenarios/r04-fail-fast.json  the subject broke while running this file: ended its worker: process.exit(0) was called\n',
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    SLOW,
  );

  it(
    "--timeout is checked like check's",
    async () => {
      const io = fakeIo();
      expect(await runCommand(['scenarios/r04-fail-fast.json', '--timeout', '0'], io)).toBe(2);
      expect(io.err()).toBe('gather-sim run: --timeout: expected a whole number of ms from 1 to 2147483647, got "0"\n');
    },
    SLOW,
  );
});
