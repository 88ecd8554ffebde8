import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { reportFromJson } from '../../src/conformance/reportFromJson.js';
import type { SubjectReport } from '../../src/conformance/ConformanceReport.js';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';
import { LANGUAGE_DRIVERS } from '../../src/languages/languageDrivers.js';
import { languagesReportFromJson } from '../../src/languages/languagesReportFromJson.js';
import { fakeIo } from '../cli/fakeIo.js';

/** The committed cross-language report, which `npm run languages` writes. */
export const COMMITTED_REPORT = fileURLToPath(new URL('../../docs/languages/report.json', import.meta.url));

/** A runtime's verdicts as the report shows them: each property's status, and its departures' triggers in order. */
export interface Column {
  readonly statuses: Readonly<Record<string, string>>;
  readonly departures: readonly string[];
}

function columnOf(subject: SubjectReport): Column {
  return {
    statuses: Object.fromEntries(subject.properties.map((report) => [report.property.id, report.status])),
    departures: (subject.departures ?? []).map((departure) => departure.trigger),
  };
}

/**
 * A runtime's column in the committed report (`path`), and the column a check of it gives
 * now at that report's seed and runs, with the report's departure search (`args` selects it
 * for `check`: `['--driver', NAME]`, `['cpython-asyncio']`). A driver's test asserts they
 * are equal, so the committed report cannot drift from what the driver does.
 */
export async function liveAndCommittedColumns(
  name: string,
  args: readonly string[],
  path: string = COMMITTED_REPORT,
  registry: readonly LanguageDriver[] = LANGUAGE_DRIVERS,
): Promise<{ readonly committed: Column; readonly live: Column }> {
  const read = languagesReportFromJson(JSON.parse(readFileSync(path, 'utf8')));
  if (!read.ok) throw new Error(`${path}: ${read.problem}`);
  const { report } = read.languages;
  const committed = report.subjects.find((subject) => subject.subject === name);
  if (committed === undefined) throw new Error(`${path} has no column ${name}: run npm run languages`);
  const io = fakeIo();
  const settings = ['--seed', String(report.seed), '--runs', String(report.runs), '--departures', '10'];
  await checkCommand([...args, ...settings, '--rechecks', '60', '--json'], io, registry);
  const live = reportFromJson(JSON.parse(io.out() || 'null'));
  const subject = live.ok ? live.report.subjects[0] : undefined;
  if (subject === undefined) throw new Error(`check ${args.join(' ')} gave no report: ${io.err()}`);
  return { committed: columnOf(committed), live: columnOf(subject) };
}
