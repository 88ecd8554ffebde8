import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { startExternalSubject, type ExternalSubject } from '../../src/conformance/externalSubject.js';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';
import { prepareDriver } from '../../src/languages/prepareDriver.js';
import type { Scenario } from '../../src/scenario/Scenario.js';

/** A Python language driver made ready for a test file: its command, or why it cannot run here. */
export type PythonDriverForTest = { readonly command: string } | { readonly missing: string };

/**
 * Prepares `driver` as `check` would (toolchain probed, normal cache). Its `skip` is the reason
 * to skip the driver's tests: the missing toolchain, except under CI, which installs every
 * toolchain, so there the tests run and fail on it.
 */
export async function preparePythonDriver(
  driver: LanguageDriver,
): Promise<{ readonly prepared: PythonDriverForTest; readonly skip: string | undefined }> {
  const prepared = await prepareDriver(driver);
  if ('command' in prepared) return { prepared: { command: prepared.command }, skip: undefined };
  const missing = 'missing' in prepared ? prepared.missing : prepared.buildFailed;
  const ci = process.env['CI'] !== undefined && process.env['CI'] !== '';
  return { prepared: { missing }, skip: ci || !('missing' in prepared) ? undefined : missing };
}

/** Starts the prepared driver's process (failing the test when it cannot start or the toolchain is missing). */
export async function startPythonDriver(prepared: PythonDriverForTest): Promise<ExternalSubject> {
  if ('missing' in prepared) return expect.fail(prepared.missing);
  const started = await startExternalSubject(prepared.command);
  if (!started.ok) return expect.fail(started.problem);
  return started.subject;
}

/** Every property's verdict on the subject at `runs` scenarios of seed 1, by property id, without the departure search. */
export async function verdicts(subject: ExternalSubject, runs: number): Promise<Record<string, string>> {
  const report = await checkSubject(subject, { runs, seed: 1, departures: { departures: 0, rechecks: 0 } });
  if (report.broken !== undefined) expect.fail(report.broken);
  return Object.fromEntries(report.properties.map((property) => [property.property.id, property.status]));
}

/** What a task group that cancels the siblings of a failure and waits for them gives at 25 runs of seed 1 (TaskGroup, trio, anyio). */
export const GROUP_VERDICTS: Readonly<Record<string, string>> = {
  start: 'pass',
  order: 'pass',
  success: 'pass',
  'fail-fast': 'fail',
  'siblings-live-on': 'fail',
  'return-exceptions': 'n/a',
  empty: 'pass',
  'outer-cancellation': 'fail',
  'child-cancellation': 'fail',
  'cancel-after-done': 'fail',
  nesting: 'fail',
  concurrency: 'fail',
  'no-unhandled': 'pass',
  'no-leaked-timers': 'pass',
  determinism: 'pass',
  oracle: 'fail',
};

/** A task that hangs until cancelled, then cleans up for 3 ms and fails with `name`. */
export const cleanupError = (name: string) => ({
  hang: true as const,
  onCancel: { cleanup: 3, error: { name, message: '' } },
});

/** The distinct gather outcomes of `runs` runs of one scenario (one, for a deterministic driver). */
export async function gatherOutcomes(subject: ExternalSubject, scenario: Scenario, runs: number): Promise<Set<string>> {
  const outcomes = new Set<string>();
  for (let run = 0; run < runs; run += 1)
    outcomes.add(JSON.stringify((await subject.run(scenario)).observation.gather));
  return outcomes;
}

/**
 * The tests every Python task-group driver shares, around its own (`more`, given the running
 * driver): one driver process for the file, its name and claims (cancellation and dedupe, no
 * errors as results), and {@link GROUP_VERDICTS} at 25 runs. Skipped with the reason where its
 * toolchain is missing, except under CI.
 */
export function describeGroupDriver(
  driver: LanguageDriver,
  group: string,
  prepared: { readonly prepared: PythonDriverForTest; readonly skip: string | undefined },
  more: (subject: () => ExternalSubject) => void,
): void {
  const { skip } = prepared;
  let subject: ExternalSubject | undefined;
  const running = (): ExternalSubject => subject ?? expect.fail(`the ${driver.name} driver did not start`);
  describe.skipIf(skip !== undefined)(
    `the ${driver.name} driver${skip === undefined ? '' : ` (skipped: ${skip})`}`,
    () => {
      beforeAll(async () => {
        subject = await startPythonDriver(prepared.prepared);
      }, 300_000);
      afterAll(() => subject?.close());

      it(`claims cancellation and dedupe but not errors as results, which a ${group} does not give`, () => {
        expect(running().name).toBe(driver.name);
        expect(running().supports).toEqual({ returnExceptions: false, cancellation: true, dedupe: true });
      });

      it(
        `departs where a ${group} cancels siblings and waits for them, and is deterministic`,
        { timeout: 300_000 },
        async () => {
          expect(await verdicts(running(), 25)).toEqual(GROUP_VERDICTS);
        },
      );

      more(running);
    },
  );
}
