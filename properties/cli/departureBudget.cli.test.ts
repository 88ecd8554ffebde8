import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { DEFAULT_DEPARTURE_BUDGET } from '../../src/conformance/findDepartures.js';
import { fakeIo } from './fakeIo.js';

/** What a check ended with: its exit code and what it printed. */
interface Checked {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const checks = new Map<string, Promise<Checked>>();

/**
 * `check p-map --runs 50 --jobs 1` with `options`, run once for the file: the same arguments
 * give the same report, so the tests that need one (the default budget, in both) share it.
 */
function checkPMap(options: readonly string[]): Promise<Checked> {
  const args = ['p-map', '--runs', '50', ...options, '--jobs', '1'];
  const key = JSON.stringify(args);
  let check = checks.get(key);
  if (check === undefined) {
    const io = fakeIo();
    check = checkCommand(args, io).then((code) => ({ code, out: io.out(), err: io.err() }));
    checks.set(key, check);
  }
  return check;
}

/** The departures block of a text report: its numbered causes. */
function departureCauses(report: string): string[] {
  return [...report.matchAll(/^ {2}\d+\. ([a-z-]+) \(/gm)].map((match) => match[1] ?? '');
}

describe('check --departures and --rechecks', { timeout: 120_000 }, () => {
  it('show as many departures as the budget allows, fewer with a smaller one, none with 0', async () => {
    const counts: number[] = [];
    for (const budget of [String(DEFAULT_DEPARTURE_BUDGET.departures), '1', '0']) {
      const { code, out, err } = await checkPMap(['--departures', budget]);
      expect(code, err).toBe(1);
      counts.push(departureCauses(out).length);
    }
    expect(counts[0]).toBeGreaterThan(1);
    expect(counts.slice(1)).toEqual([1, 0]);
  });

  it('with no re-check left, name only the causes the first round found, none found with a cause left out', async () => {
    // The default budget, as the first test gave it.
    const wide = await checkPMap(['--departures', String(DEFAULT_DEPARTURE_BUDGET.departures)]);
    const narrow = await checkPMap(['--rechecks', '0']);
    expect(wide.code).toBe(1);
    expect(narrow.code).toBe(1);
    expect(wide.out).toContain('left out of generation)');
    expect(departureCauses(narrow.out).length).toBeGreaterThan(0);
    expect(narrow.out).not.toContain('left out of generation)');
  });

  it('refuse a budget that is not a whole number in range, with exit 2 and the option named', async () => {
    for (const [option, value] of [
      ['--rechecks', '10001'],
      ['--rechecks', 'many'],
      ['--departures', '1001'],
    ] as const) {
      const io = fakeIo();
      expect(await checkCommand(['p-map', option, value], io)).toBe(2);
      expect(io.err()).toContain(`gather-sim check: ${option}: expected a whole number`);
      expect(io.out()).toBe('');
    }
  });
});
