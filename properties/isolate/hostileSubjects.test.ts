import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { root, runCli, type CliResult } from '../cli/runCli.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}.mjs`, import.meta.url));

/** A budget the loaded machine (helpers share 2 cores) keeps for a correct subject's scenario. */
const BUDGET = ['--timeout', '3000'];

/** Checks fixtures together with the reference (last), quickly, and says how long the CLI took. */
async function checkWithReference(
  names: readonly string[],
  extra: readonly string[] = [],
): Promise<CliResult & { readonly seconds: number }> {
  const started = performance.now();
  const result = await runCli(['check', ...names.map(fixture), 'reference', '--runs', '20', ...BUDGET, ...extra], root);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/**
 * One check of several fixtures, started by the first test that asks for it and shared by the
 * others: each subject has workers of its own, so its verdict is the one a check of it alone
 * with the reference gives, and the reference is checked once, not once per fixture.
 */
function sharedCheck(names: readonly string[]): () => Promise<CliResult & { readonly seconds: number }> {
  let result: Promise<CliResult & { readonly seconds: number }> | undefined;
  return () => (result ??= checkWithReference(names));
}

/** A subject's column of the matrix: every row of it, read under its name in the header. */
function cellsOf(stdout: string, name: string): string[] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => line.startsWith('property '));
  const column = ` ${lines[header] ?? ''} `.indexOf(` ${name} `);
  const rows = lines.slice(header + 1, lines.indexOf('', header));
  return rows.map((row) => row.slice(column).split(/\s+/)[0] ?? '');
}

function expectReferenceIntact(stdout: string): void {
  const cells = cellsOf(stdout, 'reference');
  expect(cells).toHaveLength(16);
  expect(new Set(cells)).toEqual(new Set(['pass']));
  expect(stdout).toContain('reference: conforms (16 pass, 0 FAIL, 0 n/a)');
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at \S+ \(/);
}

const SLOW = 120_000;

/** The lines a subject's BROKEN verdict takes in a report: its own, and those indented under it. */
function brokenSection(stdout: string, name: string): string {
  const lines = stdout.split('\n');
  const first = lines.findIndex((line) => line.startsWith(`${name}: BROKEN: `));
  if (first < 0) return '';
  const rest = lines.slice(first + 1);
  const end = rest.findIndex((line) => !line.startsWith('  '));
  return [lines[first], ...rest.slice(0, end < 0 ? rest.length : end)].join('\n');
}

describe('a subject that misbehaves in its worker is a BROKEN verdict, and the others are checked as usual', () => {
  const misbehaving = [
    ['exits', 'ended its worker: process.exit(0) was called'],
    ['sync-loop', 'did not finish a scenario within 3000 ms: a synchronous loop'],
    [
      'next-tick-chain',
      'did not finish a scenario within 3000 ms: a synchronous loop, an endless microtask or process.nextTick chain',
    ],
    ['promise-chain', 'did not finish a scenario within 3000 ms: a synchronous loop, an endless microtask'],
  ] as const;
  const checked = sharedCheck([...misbehaving.map(([name]) => name), 'timer-throws']);

  it.each(misbehaving)(
    '%s: the verdict names what happened, shows the scenario and the lines that replay it',
    async (name, what) => {
      const result = await checked();
      expect(result.code, result.stderr).toBe(1);
      const section = brokenSection(result.stdout, name);
      expect(section).toContain(`${name}: BROKEN: while checking start, it ${what}`);
      expect(section).toMatch(/\n {2}scenario: \{"tasks":/);
      expect(section).toMatch(/replay the scenario: echo '\{"tasks":.*' \| npx gather-sim run - --subject \S+/);
      expect(section).toContain(
        `replay the property: npx gather-sim check --subject ${fixture(name)} --property start --seed`,
      );
      expect(cellsOf(result.stdout, name)[0]).toBe('BROKEN');
      expectReferenceIntact(result.stdout);
      expectNoStackTrace(result.stderr);
    },
    SLOW,
  );

  it(
    'memory without bound ends at the worker memory limit, named with the limit',
    async () => {
      const result = await checkWithReference(['unbounded-memory'], ['--memory-limit', '64', '--timeout', '30000']);
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
      const result = await checked();
      expect(result.code, result.stderr).toBe(1);
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
  const leaving = ['immediate-at-import', 'interval-at-import', 'long-timer-at-import'];
  // assigns-date-now is checked before the reference, which comes last.
  const checked = sharedCheck([...leaving, 'assigns-date-now']);

  it.each(leaving)(
    '%s: a correct gather conforms, and the CLI exits right after its report',
    async (name) => {
      const result = await checked();
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
      const result = await checked();
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
      // One line; on a machine busier than its cores it says how much the load stretched the budget.
      expect(result.stderr.replace(/ \(stretched \d+\.\dx by the machine's load\)\n$/, '\n')).toBe(
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
