import { expect, type TestContext } from 'vitest';
import { checkSubject } from '../../src/conformance/checkGather.js';
import type { SubjectReport } from '../../src/conformance/ConformanceReport.js';
import { startExternalSubject } from '../../src/conformance/externalSubject.js';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';
import { prepareDriver } from '../../src/languages/prepareDriver.js';

/**
 * A driver checked once as `check` would (built through the normal cache, then every property
 * at `runs` scenarios of `seed`, with the default departure search), its process closed after.
 * The test is skipped with the reason where the toolchain is missing, except under CI, which
 * installs every toolchain: there it fails, as it does on a failed build.
 */
export async function checkDriverOnce(
  driver: LanguageDriver,
  context: TestContext,
  runs: number,
  seed: number,
): Promise<SubjectReport> {
  const prepared = await prepareDriver(driver);
  if ('missing' in prepared) {
    if (process.env.CI === undefined) context.skip(prepared.missing);
    return expect.fail(prepared.missing);
  }
  if ('buildFailed' in prepared) return expect.fail(prepared.buildFailed);
  const start = await startExternalSubject(prepared.command);
  if (!start.ok) return expect.fail(start.problem);
  try {
    return await checkSubject(start.subject, { runs, seed });
  } finally {
    await start.subject.close();
  }
}

/** A report's verdicts by property id. */
export function statusesOf(report: SubjectReport): Record<string, string> {
  return Object.fromEntries(report.properties.map((one) => [one.property.id, one.status]));
}
