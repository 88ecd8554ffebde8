import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExternalSubject, type ExternalSubject } from '../../src/conformance/externalSubject.js';
import { checkProperty } from '../../src/properties/checkProperty.js';
import { gatherProperties } from '../../src/properties/gatherProperties.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { micropythonCommand, micropythonDriverPath } from '../../src/subjects/micropythonDriver.js';

// One MicroPython driver for the file (it boots in well under a second of CPU), and one more
// for the raw bytes of its answers.
const found = micropythonCommand();
const command = 'command' in found ? found.command : '';
let subject: ExternalSubject;

beforeAll(async () => {
  const started = await startExternalSubject(command, {});
  if (!started.ok) throw new Error(started.problem);
  subject = started.subject;
}, 120_000);

afterAll(() => subject.close());

async function observe(scenario: Scenario) {
  return (await subject.run(scenario)).observation;
}

const value = (at: number | null, cancelRequested: number | null = null) => ({
  started: 0,
  settled: at,
  outcome: 'value',
  cancelRequested,
});
const cancelled = (at: number, cancelRequested: number) => ({
  started: 0,
  settled: at,
  outcome: 'cancelled',
  cancelRequested,
});
const CANCELLED = { name: 'CancelledError', message: '' };

describe('the MicroPython 1.27 driver', () => {
  it('says hello as micropython-1.27-asyncio, claiming errors as results and cancellation but not dedupe', () => {
    expect(subject.name).toBe('micropython-1.27-asyncio');
    expect(subject.supports).toEqual({ returnExceptions: true, cancellation: true, dedupe: false });
  });

  it('agrees with the oracle on scenarios without the features MicroPython departs on', async () => {
    const oracle = gatherProperties.find((property) => property.id === 'oracle');
    if (oracle === undefined) throw new Error('no oracle property');
    const report = await checkProperty(oracle, subject, {
      numRuns: 60,
      seed: 16,
      without: ['duplicates', 'error', 'on-cancel-ignore', 'on-cancel-cleanup', 'cancel-gather', 'cancel-task'],
    });
    expect(report.status, JSON.stringify(report)).toBe('pass');
  }, 120_000);

  it('sleeps 10^12 ms and cancels past 2^32 ms on virtual time, in pieces below the 2^29 ms MicroPython allows', async () => {
    const observation = await observe({
      returnExceptions: true,
      tasks: [
        { sleep: 1e12, value: { late: [1, 2] } },
        { hang: true, onCancel: { cleanup: 600_000_000 } },
      ],
      cancelTasks: [{ task: 1, at: 5_000_000_000 }],
    });
    expect(observation).toEqual({
      gather: { at: 1e12, value: [{ value: { late: [1, 2] } }, { error: CANCELLED }] },
      tasks: [value(1e12), cancelled(5_600_000_000, 5_000_000_000)],
      unhandled: [],
    });
  });

  it('gives its own errors with name, message and the task that created them, and any string back as sent', async () => {
    const message = 'lone \ud800 surrogate, "quotes", é';
    const observation = await observe({
      tasks: [{ sleep: 5, error: { name: 'APIError', message } }, { gather: { tasks: [{ sleep: 1, value: 'x' }] } }],
    });
    expect(observation.gather).toEqual({ at: 5, error: { name: 'APIError', message, task: 0 } });
  });

  it('rejects a gather given the same task twice with RuntimeError, then raises NameError out of the loop when the task ends', async () => {
    expect(await observe({ tasks: [{ sleep: 10, value: false }], args: [0, 0] })).toEqual({
      gather: { at: 0, error: { name: 'RuntimeError', message: "can't gather" } },
      tasks: [value(10)],
      unhandled: [{ name: 'NameError', message: 'local variable referenced before assignment' }],
    });
  });

  it('leaves a failure after the gather failed fast unhandled', async () => {
    const observation = await observe({
      tasks: [
        { sleep: 10, error: { name: 'APIError', message: 'first' } },
        { sleep: 20, error: { name: 'APIError', message: 'late' } },
      ],
    });
    expect(observation.gather).toEqual({ at: 10, error: { name: 'APIError', message: 'first', task: 0 } });
    expect(observation.unhandled).toEqual([{ name: 'APIError', message: 'late', task: 1 }]);
  });

  it('rejects a cancelled gather at once, before the children that ignore the request or clean up settle', async () => {
    const ignoring = await observe({ tasks: [{ sleep: 20, value: 'a', onCancel: 'ignore' }], cancelGatherAt: 10 });
    expect(ignoring).toEqual({ gather: { at: 10, error: CANCELLED }, tasks: [value(20, 10)], unhandled: [] });
    const cleaning = await observe({ tasks: [{ hang: true, onCancel: { cleanup: 10 } }], cancelGatherAt: 10 });
    expect(cleaning).toEqual({ gather: { at: 10, error: CANCELLED }, tasks: [cancelled(20, 10)], unhandled: [] });
    const nested = await observe({
      tasks: [{ gather: { tasks: [{ sleep: 20, value: 0, onCancel: { cleanup: 10 } }] } }],
      cancelTasks: [{ task: 0, at: 10 }],
    });
    expect(nested).toEqual({ gather: { at: 10, error: CANCELLED }, tasks: [cancelled(10, 10)], unhandled: [] });
  });

  it('answers the same scenario again with the same bytes, keeps an id past 2^53, and answers a bad line with an error', () => {
    const request = JSON.stringify({
      tasks: [
        { sleep: 3, value: 1 },
        { hang: true, onCancel: 'ignore' },
        { gather: { tasks: [{ sleep: 2, value: 2 }] } },
      ],
      returnExceptions: true,
      cancelGatherAt: 4,
    });
    const input = `{"id": 18446744073709551617, "scenario": ${request}}\nnot json\r\n{"id":2,"scenario":${request}}\n`;
    const answered = spawnSync('sh', ['-c', command], { input, encoding: 'utf8' });
    expect(answered.status, answered.stderr).toBe(0);
    const [, big, bad, two] = answered.stdout.split('\n');
    expect(big).toMatch(/^\{"id":18446744073709551617,"observation":\{"gather":\{"at":4,"error":/);
    expect(bad).toMatch(/^\{"id":null,"error":"not a JSON line: /);
    expect(two?.replace('{"id":2,', '')).toBe(big?.replace('{"id":18446744073709551617,', ''));
  }, 120_000);

  it('says what to install when the MicroPython package cannot be found from the driver', () => {
    expect(micropythonCommand('/nonexistent/micropython-asyncio.mjs')).toEqual({
      missing:
        'needs the npm package @micropython/micropython-webassembly-pyscript (npm install @micropython/micropython-webassembly-pyscript@~1.27.0)',
    });
    expect(micropythonCommand()).toEqual({ command: `${process.execPath} ${micropythonDriverPath()}` });
  });
});
