import { describe, expect, it } from 'vitest';
import { goErrgroup } from '../../src/languages/drivers/goErrgroup.js';
import { checkDriverOnce, statusesOf } from './checkDriverOnce.js';

/** A pinned seed: at 25 scenarios a property's verdict depends on the seed. */
const SEED = 20261125;

describe('the Go errgroup driver on Go 1.19', () => {
  it(
    'is deterministic and departs from asyncio.gather by cancelling the siblings of a failure and waiting for them',
    { timeout: 300_000 },
    async (context) => {
      const report = await checkDriverOnce(goErrgroup, context, 25, SEED);
      expect(report.subject).toBe('go-1.19-errgroup');
      expect(report.supports).toEqual({ returnExceptions: false, cancellation: true, dedupe: false });
      expect(report.broken).toBeUndefined();
      expect(statusesOf(report)).toEqual({
        start: 'pass',
        order: 'pass',
        'fail-fast': 'fail',
        success: 'pass',
        'siblings-live-on': 'fail',
        empty: 'pass',
        'return-exceptions': 'n/a',
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
      expect(triggers).toEqual(['on-cancel-cleanup', 'on-cancel-ignore', 'error']);
      expect(report.departures?.[0]?.failure.property.id).toBe('fail-fast');
      // Every departure it shows has its sentence of why for the cross-language report.
      expect(triggers.filter((trigger) => goErrgroup.why[trigger] === undefined)).toEqual([]);
    },
  );
});
