import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubjectReport } from '../../src/conformance/ConformanceReport.js';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { rustFuturesJoinAll } from '../../src/languages/drivers/rustFuturesJoinAll.js';
import { startRustDriver, type StartedRustDriver } from './rustDriver.js';

let started: StartedRustDriver = { skipped: 'not started' };
let report: SubjectReport | undefined;

// The first build takes 1-3 min of wall time here, 5 min with Debian 12's rustc 1.63 on a loaded machine.
beforeAll(async () => {
  started = await startRustDriver(rustFuturesJoinAll);
  if ('subject' in started)
    report = await checkSubject(started.subject, { runs: 25, seed: 2, departures: { departures: 0, rechecks: 0 } });
}, 600_000);

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

  it('answers a line it cannot read with an error, by its id when it has one, and goes on', (context) => {
    if (!('command' in started)) return context.skip(started.skipped);
    const input = [
      'junk',
      '{"id": 7, "scenario": {"tasks": [{"sleep": 1, "error": {"name": "E", "message": "lone \\ud800"}}]}}',
      '',
      '{"id": 8, "scenario": {"tasks": [{"sleep": -1, "value": 0}]}}',
      '{"id": 9, "scenario": {"tasks": []}}',
    ].join('\n');
    const answered = spawnSync('/bin/sh', ['-c', started.command], { input, encoding: 'utf8', timeout: 60_000 });
    expect(answered.status).toBe(0);
    const [hello, ...answers] = answered.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(hello?.['name']).toBe('rust-futures-join-all');
    expect(answers.map((answer) => [answer['id'], typeof answer['error']])).toEqual([
      [null, 'string'],
      [7, 'string'],
      [8, 'string'],
      [9, 'undefined'],
    ]);
    expect(answers[1]?.['error']).toMatch(/lone surrogate/);
    expect(answers[2]?.['error']).toBe('scenario.tasks[0].sleep: expected a whole number of ms from 0 to 10^12');
    expect(answers[3]?.['observation']).toEqual({ gather: { at: 0, value: [] }, tasks: [], unhandled: [] });
  });
});
