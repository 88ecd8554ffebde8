import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { root, runCli, type CliResult } from '../cli/runCli.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}.mjs`, import.meta.url));

/** A budget the loaded machine (helpers share 2 cores) keeps for a correct subject's scenario. */
const BUDGET = ['--timeout', '3000'];

/** Checks a fixture together with the reference, quickly, and says how long the CLI took. */
async function checkWithReference(
  name: string,
  extra: readonly string[] = [],
): Promise<CliResult & { readonly seconds: number }> {
  const started = performance.now();
  const result = await runCli(['check', fixture(name), 'reference', '--runs', '20', ...BUDGET, ...extra], root);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/** The reference's column of the matrix: every row of it. */
function referenceCells(stdout: string): string[] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => line.startsWith('property '));
  const rows = lines.slice(header + 1, lines.indexOf('', header));
  return rows.map((row) => row.trim().split(/\s+/).at(-1) ?? '');
}

function expectReferenceIntact(stdout: string): void {
  const cells = referenceCells(stdout);
  expect(cells).toHaveLength(16);
  expect(new Set(cells)).toEqual(new Set(['pass']));
  expect(stdout).toContain('reference: conforms (16 pass, 0 FAIL, 0 n/a)');
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at \S+ \(/);
}

const SLOW = 120_000;

describe('a subject that misbehaves in its worker is a BROKEN verdict, and the others are checked as usual', () => {
  it.each([
    ['exits', 'ended its worker: process.exit(0) was called'],
    ['sync-loop', 'did not finish a scenario within 3000 ms: a synchronous loop'],
    [
      'next-tick-chain',
      'did not finish a scenario within 3000 ms: a synchronous loop, an endless microtask or process.nextTick chain',
    ],
    ['promise-chain', 'did not finish a scenario within 3000 ms: a synchronous loop, an endless microtask'],
  ])(
    '%s: the verdict names what happened, shows the scenario and the lines that replay it',
    async (name, what) => {
      const result = await checkWithReference(name);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`${name}: BROKEN: while checking start, it ${what}`);
      expect(result.stdout).toMatch(/\n {2}scenario: \{"tasks":/);
      expect(result.stdout).toMatch(/replay the scenario: echo '\{"tasks":.*' \| npx gather-sim run - --subject \S+/);
      expect(result.stdout).toContain(
        `replay the property: npx gather-sim check --subject ${fixture(name)} --property start --seed`,
      );
      expect(result.stdout).toMatch(/R1 start +BROKEN +pass/);
      expectReferenceIntact(result.stdout);
      expectNoStackTrace(result.stderr);
    },
    SLOW,
  );

  it(
    'memory without bound ends at the worker memory limit, named with the limit',
    async () => {
      const result = await checkWithReference('unbounded-memory', ['--memory-limit', '64', '--timeout', '30000']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'unbounded-memory: BROKEN: while checking start, it ran out of memory (limit 64 MB)',
      );
      expect(result.stdout).toMatch(/\n {2}scenario: \{"tasks":/);
      expectReferenceIntact(result.stdout);
    },
    SLOW,
  );

  it(
    'a throw from a real timer captured at import is the subject breaking, not the checker crashing',
    async () => {
      const result = await checkWithReference('timer-throws');
      expect(result.code).toBe(1);
      // Real time decides where the throw lands: during a run it is that run's problem (a FAIL
      // naming it), between runs it ends the worker (BROKEN naming it). Either way, a verdict.
      expect(result.stdout).toMatch(
        /timer-throws: BROKEN: while checking [\w-]+, it threw an error nobody caught \(from a real timer, a listener or a promise it left behind\): Error: thrown from a real timer|timer-throws: FAIL .*\n(?:.*\n)*?.*the subject threw .*Error: thrown from a real timer/,
      );
      expectReferenceIntact(result.stdout);
      expectNoStackTrace(result.stderr);
    },
    SLOW,
  );
});

describe('what a subject leaves running does not keep the CLI alive or change its verdicts', () => {
  it.each(['immediate-at-import', 'interval-at-import', 'long-timer-at-import'])(
    '%s: a correct gather conforms, and the CLI exits right after its report',
    async (name) => {
      const result = await checkWithReference(name);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${name}: conforms (16 pass, 0 FAIL, 0 n/a)`);
      expectReferenceIntact(result.stdout);
      // The 60 s timer and the endless real work end with the workers.
      expect(result.seconds).toBeLessThan(50);
      expect(result.stderr).not.toContain('Warning');
    },
    SLOW,
  );

  it(
    'a subject that assigns Date.now, checked first, leaves the correct subject after it intact',
    async () => {
      const result = await checkWithReference('assigns-date-now');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('assigns-date-now: conforms (16 pass, 0 FAIL, 0 n/a)');
      expectReferenceIntact(result.stdout);
    },
    SLOW,
  );
});

describe('a module that cannot be loaded is a usage problem naming it, in bounded time', () => {
  it(
    'a top-level await that never settles: exit 2 once the budget has passed',
    async () => {
      const result = await runCli(['check', fixture('never-imports'), '--timeout', '2000'], root);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `gather-sim check: ${fixture('never-imports')}: did not finish loading within 2000 ms (a top-level await that never settles, or a synchronous loop, an endless microtask or process.nextTick chain, or real work that never ends)\n`,
      );
      expect(result.stdout).toBe('');
    },
    SLOW,
  );

  it(
    'a gather getter that throws: exit 2, one line, no stack trace',
    async () => {
      const result = await runCli(['check', fixture('throwing-getter'), 'reference'], root);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `gather-sim check: ${fixture('throwing-getter')}: reading its default export threw: Error: no gather here\n`,
      );
    },
    SLOW,
  );
});
