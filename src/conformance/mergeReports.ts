import { DEFAULT_TIE_MODE } from '../clock/TieChoice.js';
import type { PropertyReport } from '../properties/checkProperty.js';
import type { ConformanceReport, SubjectReport } from './ConformanceReport.js';
import type { ReportReading } from './reportFromJson.js';
import type { Departure } from './Departure.js';

function mergeProperty(parts: readonly PropertyReport[]): PropertyReport {
  const failures = parts.filter((part): part is Extract<PropertyReport, { status: 'fail' }> => part.status === 'fail');
  // The failure earliest in the seed's sequence: the one an unsliced run would have found.
  if (failures.length > 0) return failures.reduce((first, other) => (other.numRuns < first.numRuns ? other : first));
  // A shard the harness could not check leaves the whole unchecked.
  const error = parts.find((part) => part.status === 'error');
  if (error !== undefined) return error;
  const [first] = parts;
  if (first === undefined || first.status !== 'pass') return first as PropertyReport;
  const sum = (count: (part: PropertyReport) => number): number =>
    parts.reduce((total, part) => total + count(part), 0);
  const numRuns = sum((part) => (part.status === 'pass' ? part.numRuns : 0));
  return first.orders === undefined
    ? { ...first, numRuns }
    : { ...first, numRuns, orders: sum((part) => (part.status === 'pass' ? (part.orders ?? 0) : 0)) };
}

/**
 * The departures of the shards as one list: each trigger once, in the order the shards
 * (lowest index first) found them, with the counterexample of the first shard that found it
 * and every property any shard found it breaks. None when no shard searched.
 */
function mergeDepartures(parts: readonly SubjectReport[], ids: readonly string[]): readonly Departure[] | undefined {
  const searched = parts.flatMap((part) => (part.departures === undefined ? [] : [part.departures]));
  if (searched.length === 0) return undefined;
  const merged = new Map<string, Departure>();
  for (const departure of searched.flat()) {
    const known = merged.get(departure.trigger);
    const properties = new Set([...(known?.properties ?? []), ...departure.properties]);
    merged.set(departure.trigger, {
      ...(known ?? departure),
      properties: ids.filter((id) => properties.has(id)),
    });
  }
  return [...merged.values()];
}

function mergeSubject(parts: readonly SubjectReport[]): SubjectReport {
  const [first] = parts as [SubjectReport, ...SubjectReport[]];
  const skipped = parts.find((part) => part.skipped !== undefined)?.skipped;
  const broken = parts.find((part) => part.broken !== undefined)?.broken;
  const ids = [...new Set(parts.flatMap((part) => part.properties.map((property) => property.property.id)))];
  const departures = mergeDepartures(parts, ids);
  return {
    ...first,
    ...(skipped === undefined ? {} : { skipped }),
    ...(broken === undefined ? {} : { broken }),
    ...(departures === undefined ? {} : { departures }),
    properties: ids.map((id) =>
      mergeProperty(parts.flatMap((part) => part.properties.filter((property) => property.property.id === id))),
    ),
  };
}

/**
 * Merges the reports of the shards of one campaign (`check --shard i/n`, same seed and
 * runs) into the report of the whole: a property fails with the failure earliest in the
 * seed's sequence, passes with the scenarios of every shard summed, or is n/a; a subject's
 * departures are those of its shards merged by trigger (`mergeDepartures`: the first shard's
 * counterexample, every shard's properties). Every shard 1..n must be there exactly once.
 */
export function mergeReports(reports: readonly ConformanceReport[]): ReportReading {
  const [first] = reports;
  if (first === undefined) return { ok: false, problem: 'nothing to merge: name the --json reports of the shards' };
  for (const report of reports) {
    if (report.seed !== first.seed || report.runs !== first.runs || report.ties !== first.ties) {
      const describe = (one: ConformanceReport): string =>
        `seed ${one.seed} with ${one.runs} scenarios and ${one.ties ?? DEFAULT_TIE_MODE} ties`;
      return { ok: false, problem: `the reports are of different runs: ${describe(first)}, and ${describe(report)}` };
    }
    if (report.shard === undefined)
      return { ok: false, problem: 'a report without a shard: merge takes the reports of check --shard i/n' };
  }
  const count = first.shard?.count ?? 0;
  const indices = reports.map((report) => report.shard?.index ?? 0);
  const expected = Array.from({ length: count }, (_, index) => index + 1);
  const sorted = [...indices].sort((a, b) => a - b);
  if (reports.some((report) => report.shard?.count !== count) || sorted.join(',') !== expected.join(',')) {
    return {
      ok: false,
      problem: `expected shards 1..${count} of ${count} once each, got ${reports.map((report) => `${report.shard?.index}/${report.shard?.count}`).join(', ')}`,
    };
  }
  const names = [...new Set(reports.flatMap((report) => report.subjects.map((subject) => subject.subject)))];
  return {
    ok: true,
    report: {
      seed: first.seed,
      runs: first.runs,
      ...(first.ties === undefined ? {} : { ties: first.ties }),
      subjects: names.map((name) =>
        mergeSubject(
          [...reports]
            .sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0))
            .flatMap((report) => report.subjects.filter((subject) => subject.subject === name)),
        ),
      ),
    },
  };
}
