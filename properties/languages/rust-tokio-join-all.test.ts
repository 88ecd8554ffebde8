import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubjectReport } from '../../src/conformance/ConformanceReport.js';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { rustTokioJoinAll } from '../../src/languages/drivers/rustTokioJoinAll.js';
import { startRustDriver, type StartedRustDriver } from './rustDriver.js';

let started: StartedRustDriver = { skipped: 'not started' };
let report: SubjectReport | undefined;

// The first build takes 1-3 min of wall time here, 5 min with Debian 12's rustc 1.63 on a loaded machine.
beforeAll(async () => {
  started = await startRustDriver(rustTokioJoinAll);
  if ('subject' in started)
    report = await checkSubject(started.subject, { runs: 25, seed: 2, departures: { departures: 0, rechecks: 0 } });
}, 600_000);

afterAll(async () => {
  if ('subject' in started) await started.subject.close();
});

const CANCELLED = { name: 'CancelledError', message: '' };

describe('the Rust tokio driver (try_join_all / join_all over JoinHandles)', () => {
  it('departs on R8, R9, R11 and the oracle, passes the rest, and answers deterministically', (context) => {
    if (report === undefined) return context.skip('skipped' in started ? started.skipped : 'no report');
    expect(report.subject).toBe('rust-tokio-join-all');
    expect(report.supports).toEqual({ returnExceptions: true, cancellation: true, dedupe: true });
    const verdicts = Object.fromEntries(report.properties.map((verdict) => [verdict.property.id, verdict.status]));
    expect(verdicts).toEqual({
      start: 'pass',
      order: 'pass',
      success: 'pass',
      'fail-fast': 'pass',
      'siblings-live-on': 'pass',
      'return-exceptions': 'pass',
      empty: 'pass',
      'outer-cancellation': 'fail',
      'child-cancellation': 'fail',
      'cancel-after-done': 'pass',
      nesting: 'fail',
      concurrency: 'pass',
      'no-unhandled': 'pass',
      'no-leaked-timers': 'pass',
      determinism: 'pass',
      oracle: 'fail',
    });
  });

  it('leaves the children running when the gather is cancelled, and sleeps past the 2^36 ms of its timer wheel on time', async (context) => {
    if (!('subject' in started)) return context.skip(started.skipped);
    const run = await started.subject.run({
      tasks: [
        { sleep: 1e12, value: 'late' },
        { sleep: 2 ** 36 + 1, value: 'wheel' },
        { sleep: 3, value: 'soon' },
      ],
      cancelGatherAt: 2,
    });
    const value = (at: number) => ({ started: 0, settled: at, outcome: 'value', cancelRequested: null });
    expect(run.observation).toEqual({
      gather: { at: 2, error: CANCELLED },
      tasks: [value(1e12), value(2 ** 36 + 1), value(3)],
      unhandled: [],
    });
  });
});
