import { describe, expect, it } from 'vitest';
import { dotnetMonoWhenAll } from '../../src/languages/drivers/dotnetMonoWhenAll.js';
import { checkDriverOnce, statusesOf } from './checkDriverOnce.js';

/** A pinned seed: at 25 scenarios a property's verdict depends on the seed. */
const SEED = 20261125;

describe('the .NET Task.WhenAll driver on Mono 6.8', () => {
  it(
    'is deterministic and departs from asyncio.gather by waiting for every child, whatever fails or is cancelled',
    { timeout: 300_000 },
    async (context) => {
      const report = await checkDriverOnce(dotnetMonoWhenAll, context, 25, SEED);
      expect(report.subject).toBe('dotnet-mono-6.8-whenall');
      expect(report.supports).toEqual({ returnExceptions: true, cancellation: true, dedupe: true });
      expect(report.broken).toBeUndefined();
      expect(statusesOf(report)).toEqual({
        start: 'pass',
        order: 'pass',
        'fail-fast': 'fail',
        success: 'pass',
        'siblings-live-on': 'fail',
        empty: 'pass',
        'return-exceptions': 'pass',
        'outer-cancellation': 'fail',
        'child-cancellation': 'fail',
        'cancel-after-done': 'fail',
        concurrency: 'fail',
        nesting: 'fail',
        'no-unhandled': 'pass',
        'no-leaked-timers': 'pass',
        determinism: 'pass',
        oracle: 'fail',
      });
      const triggers = report.departures?.map((departure) => departure.trigger) ?? [];
      expect(triggers).toEqual(['error', 'on-cancel-ignore', 'cancel-gather', 'cancel-task']);
      expect(report.departures?.[0]?.failure.property.id).toBe('fail-fast');
      // Every departure it shows has its sentence of why for the cross-language report.
      expect(triggers.filter((trigger) => dotnetMonoWhenAll.why[trigger] === undefined)).toEqual([]);
    },
  );
});
