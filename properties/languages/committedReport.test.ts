import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSubject } from '../../src/conformance/checkGather.js';
import { startExternalSubject } from '../../src/conformance/externalSubject.js';
import { LANGUAGE_DRIVERS } from '../../src/languages/languageDrivers.js';
import { languagesReportFromJson } from '../../src/languages/languagesReportFromJson.js';
import { findToolchain, prepareDriver } from '../../src/languages/prepareDriver.js';
import { COMMITTED_REPORT } from './committedColumn.js';

/** How many of the report's scenarios each property is checked on again: a prefix of the same seed's. */
const PREFIX_RUNS = 25;

const read = languagesReportFromJson(JSON.parse(readFileSync(COMMITTED_REPORT, 'utf8')));
if (!read.ok) throw new Error(`${COMMITTED_REPORT}: ${read.problem}`);
const { report } = read.languages;
const ci = process.env['CI'] !== undefined && process.env['CI'] !== '';

/**
 * The committed report's verdicts cannot be contradicted by a check of the first scenarios of
 * its seed: fast-check draws the same first scenarios whatever the run count, so a property
 * failing on them fails in the report, one passing in the report passes on them, and the
 * properties not applicable are the same.
 */
function contradictions(committed: Readonly<Record<string, string>>, live: Readonly<Record<string, string>>): string[] {
  return Object.entries(live).flatMap(([id, status]) => {
    const was = committed[id];
    const agrees =
      (status === 'n/a') === (was === 'n/a') &&
      (status !== 'fail' || was === 'fail') &&
      (was !== 'pass' || status === 'pass');
    return agrees ? [] : [`${id}: ${status} on the first ${PREFIX_RUNS} scenarios, ${String(was)} in the report`];
  });
}

describe('the committed cross-language report (docs/languages/report.json)', () => {
  it('has a column for every registered driver', () => {
    const columns = report.subjects.map((subject) => subject.subject);
    expect(LANGUAGE_DRIVERS.map((driver) => driver.name).filter((name) => !columns.includes(name))).toEqual([]);
  });

  for (const driver of LANGUAGE_DRIVERS) {
    it(
      `agrees with what ${driver.name} does now on the first scenarios of the report's seed`,
      { timeout: 600_000 },
      async (context) => {
        const toolchain = await findToolchain(driver);
        if ('missing' in toolchain && !ci) context.skip(toolchain.missing);
        const prepared = await prepareDriver(driver);
        if (!('command' in prepared))
          return expect.fail('missing' in prepared ? prepared.missing : prepared.buildFailed);
        const started = await startExternalSubject(prepared.command);
        if (!started.ok) return expect.fail(started.problem);
        try {
          const live = await checkSubject(started.subject, {
            runs: PREFIX_RUNS,
            seed: report.seed,
            departures: { departures: 0, rechecks: 0 },
          });
          const committed = report.subjects.find((subject) => subject.subject === driver.name);
          if (committed === undefined) return expect.fail(`no column ${driver.name}: run npm run languages`);
          expect(live.broken).toBeUndefined();
          expect(committed.supports).toEqual(live.supports);
          const statuses = (subject: typeof live): Record<string, string> =>
            Object.fromEntries(subject.properties.map((property) => [property.property.id, property.status]));
          expect(contradictions(statuses(committed), statuses(live))).toEqual([]);
        } finally {
          await started.subject.close();
        }
      },
    );
  }
});
