import { describe, expect, it } from 'vitest';
import { startExternalSubject } from '../../src/conformance/externalSubject.js';
import { root, runCli } from '../cli/runCli.js';
import { driver } from './processes.js';

const TOO_LONG = 'expected a whole number of ms from 1 to 2147483647, got "3000000000"';

describe('--timeout beyond 2^31-1 ms (what a Node timer can wait)', () => {
  for (const command of ['check', 'run', 'serve'] as const) {
    it(`is refused by ${command} with a message naming the range`, { timeout: 60_000 }, async () => {
      const args = command === 'run' ? ['r03-success', '--external', driver] : ['--external', driver];
      const result = await runCli([command, ...(command === 'serve' ? [] : args), '--timeout', '3000000000'], root);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`gather-sim ${command}: --timeout: ${TOO_LONG}\n`);
    });
  }

  it('is taken as the longest limit by the library, never as 1 ms', { timeout: 60_000 }, async () => {
    const start = await startExternalSubject(driver, { helloMs: 3_000_000_000, answerMs: 3_000_000_000 });
    if (!start.ok) throw new Error(start.problem);
    const run = await start.subject.run({ tasks: [{ sleep: 1000, value: 1 }] });
    await start.subject.close();
    expect(run.problems).toEqual([]);
    expect(run.observation.gather).toEqual({ at: 1000, value: [{ value: 1 }] });
  });

  it('at its largest accepted value, lets run use a working driver', { timeout: 60_000 }, async () => {
    const result = await runCli(['run', 'r03-success', '--external', driver, '--timeout', '2147483647'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('expect: matched');
  });
});
