import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { fakeIo } from './fakeIo.js';

/** The departures block of a text report: its numbered causes. */
function departureCauses(report: string): string[] {
  return [...report.matchAll(/^ {2}\d+\. ([a-z-]+) \(/gm)].map((match) => match[1] ?? '');
}

describe('check --departures and --rechecks', { timeout: 120_000 }, () => {
  it('show as many departures as the budget allows, fewer with a smaller one, none with 0', async () => {
    const counts: number[] = [];
    for (const budget of ['5', '1', '0']) {
      const io = fakeIo();
      expect(await checkCommand(['p-map', '--runs', '50', '--departures', budget, '--jobs', '1'], io), io.err()).toBe(
        1,
      );
      counts.push(departureCauses(io.out()).length);
    }
    expect(counts[0]).toBeGreaterThan(1);
    expect(counts.slice(1)).toEqual([1, 0]);
  });

  it('with no re-check left, name only the causes the first round found, none found with a cause left out', async () => {
    const wide = fakeIo();
    const narrow = fakeIo();
    expect(await checkCommand(['p-map', '--runs', '50', '--jobs', '1'], wide)).toBe(1);
    expect(await checkCommand(['p-map', '--runs', '50', '--rechecks', '0', '--jobs', '1'], narrow)).toBe(1);
    expect(wide.out()).toContain('left out of generation)');
    expect(departureCauses(narrow.out()).length).toBeGreaterThan(0);
    expect(narrow.out()).not.toContain('left out of generation)');
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
