import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('./fixtures/throwingSubjects.mjs', import.meta.url));
const entry = fileURLToPath(new URL('../../dist/src/index.js', import.meta.url));

/** Runs `script` (an ES module, given the fixtures' and the library's paths) in a child node process, as a user's test would run the library. */
function runChild(
  script: string,
): Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=module', '--eval', script, fixtures, entry],
      { timeout: 50_000 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
      },
    );
  });
}

const duringRun = `
const [fixtures, entry] = process.argv.slice(1);
const { duringRun } = await import(fixtures);
const { runScenario, checkGather } = await import(entry);
for (const subject of duringRun) {
  const run = await runScenario({ tasks: [{ sleep: 5, value: 1 }], cancelGatherAt: 2 }, subject.gather);
  console.log(subject.name, 'run:', JSON.stringify(run.problems));
  const report = await checkGather(subject, { runs: 3, properties: ['outer-cancellation'] });
  const [property] = report.subjects[0].properties;
  console.log(subject.name, 'check:', property.status, property.status === 'fail' ? JSON.stringify(property.failure.message ?? property.failure) : '');
}
`;

describe('a subject that throws where no promise carries the error, during a run', () => {
  it(
    'has it attributed to its run as a problem and failing its property, never thrown at the process',
    { timeout: 60_000 },
    async () => {
      const { code, stdout, stderr } = await runChild(duringRun);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const lines = stdout.trim().split('\n');
      const runLine = (name: string): string => lines.find((line) => line.startsWith(`${name} run:`)) ?? '';
      const checkLine = (name: string): string => lines.find((line) => line.startsWith(`${name} check:`)) ?? '';
      expect(runLine('abort-listener')).toContain(
        'the subject threw from an abort listener or a process.nextTick callback: Error: thrown in an abort listener',
      );
      expect(runLine('virtual-timer')).toContain('the subject threw from a timer: Error: thrown in a timer');
      expect(runLine('next-tick')).toContain('Error: thrown in a nextTick callback');
      expect(runLine('real-immediate')).toContain(
        'the subject threw an uncaught exception while the run was in progress',
      );
      for (const name of ['abort-listener', 'virtual-timer', 'next-tick', 'real-immediate']) {
        expect(checkLine(name)).toMatch(/^\S+ check: fail .*the subject threw/);
      }
    },
  );
});

describe('a subject that throws from a real timer it captured, after its run ended', () => {
  it(
    'crashes the process as any uncaught exception does, the error and its stack naming the subject',
    { timeout: 60_000 },
    async () => {
      const script = `
const [fixtures, entry] = process.argv.slice(1);
const { afterRun } = await import(fixtures);
const { runScenario } = await import(entry);
const run = await runScenario({ tasks: [{ sleep: 5, value: 1 }] }, afterRun.gather);
console.log('run:', JSON.stringify(run.problems));
`;
      const { code, stdout, stderr } = await runChild(script);
      expect(stdout.trim()).toBe('run: []');
      expect(code).toBe(1);
      expect(stderr).toContain('Error: thrown in a real timer after the run');
      expect(stderr).toContain('throwingSubjects.mjs');
    },
  );
});
