import { expect } from 'vitest';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { startExternalSubject, type ExternalSubject } from '../../src/conformance/externalSubject.js';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';
import { prepareDriver } from '../../src/languages/prepareDriver.js';

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
