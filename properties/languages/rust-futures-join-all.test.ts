import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubjectReport } from '../../src/conformance/ConformanceReport.js';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { rustFuturesJoinAll } from '../../src/languages/drivers/rustFuturesJoinAll.js';
import { startRustDriver, type StartedRustDriver } from './rustDriver.js';

let started: StartedRustDriver = { skipped: 'not started' };
let report: SubjectReport | undefined;

beforeAll(async () => {
  started = await startRustDriver(rustFuturesJoinAll);
  if ('subject' in started)
    report = await checkSubject(started.subject, { runs: 25, seed: 2, departures: { departures: 0, rechecks: 0 } });
}, 300_000);

afterAll(async () => {
  if ('subject' in started) await started.subject.close();
});

describe('the Rust futures driver (try_join_all / join_all over plain futures)', () => {
  it('departs on R1, R5, R8-R11 and the oracle, passes the rest, and answers deterministically', (context) => {
    if (report === undefined) return context.skip('skipped' in started ? started.skipped : 'no report');
    expect(report.subject).toBe('rust-futures-join-all');
    expect(report.supports).toEqual({ returnExceptions: true, cancellation: true, dedupe: true });
    const verdicts = Object.fromEntries(report.properties.map((verdict) => [verdict.property.id, verdict.status]));
    expect(verdicts).toEqual({
      start: 'fail',
      order: 'pass',
      success: 'pass',
      'fail-fast': 'pass',
      'siblings-live-on': 'fail',
      'return-exceptions': 'pass',
      empty: 'pass',
      'outer-cancellation': 'fail',
      'child-cancellation': 'fail',
      'cancel-after-done': 'fail',
      nesting: 'fail',
      concurrency: 'pass',
      'no-unhandled': 'pass',
      'no-leaked-timers': 'pass',
      determinism: 'pass',
      oracle: 'fail',
    });
  });

  it('drops the siblings of the first failure at once, and one it had not polled yet never starts', async (context) => {
    if (!('subject' in started)) return context.skip(started.skipped);
    const run = await started.subject.run({
      tasks: [
        { sleep: 5, value: 'a' },
        { sleep: 0, error: { name: 'APIError', message: 'boom' } },
        { sleep: 0, value: 'c' },
      ],
    });
    expect(run.observation).toEqual({
      gather: { at: 0, error: { name: 'APIError', message: 'boom', task: 1 } },
      tasks: [
        { started: 0, settled: 0, outcome: 'cancelled', cancelRequested: 0 },
        { started: 0, settled: 0, outcome: 'error', cancelRequested: null },
        { started: null, settled: 0, outcome: 'cancelled', cancelRequested: 0 },
      ],
      unhandled: [],
    });
  });
});
