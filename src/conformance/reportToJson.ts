import type { PropertyReport } from '../properties/checkProperty.js';
import type { ConformanceReport } from './ConformanceReport.js';
import type { Departure } from './Departure.js';

function propertyToJson(report: PropertyReport): object {
  const { property } = report;
  const head = { id: property.id, rule: property.rule, status: report.status };
  switch (report.status) {
    case 'n/a':
      return { ...head, missing: report.missing };
    case 'error':
      return { ...head, numRuns: report.numRuns, seed: report.seed, reason: report.reason };
    case 'pass':
      return {
        ...head,
        numRuns: report.numRuns,
        seed: report.seed,
        ...(report.orders === undefined ? {} : { orders: report.orders }),
      };
    case 'fail':
      return {
        ...head,
        numRuns: report.numRuns,
        seed: report.seed,
        path: report.path,
        scenario: report.scenario,
        ...(report.simplified === undefined ? {} : { simplified: report.simplified }),
        ...(report.ties === undefined ? {} : { ties: report.ties }),
        reason: report.failure.reason,
        expected: report.failure.expected,
        observed: report.failure.observed,
        ...(report.failure.run === undefined
          ? {}
          : { run: { observation: report.failure.run.observation, trace: report.failure.run.trace } }),
        ...(report.failure.expectedObservation === undefined
          ? {}
          : { expectedObservation: report.failure.expectedObservation }),
      };
  }
}

/**
 * A departure as JSON: `trigger`, `properties` (ids), `without` (the triggers left out when
 * it was found), then its failure as a property verdict is written, `property` naming it
 * (`scenario`, `seed`, `path`, `reason`, `expected`, `observed`...).
 */
function departureToJson(departure: Departure): object {
  const { id, rule: _rule, status: _status, ...failure } = propertyToJson(departure.failure) as Record<string, unknown>;
  return {
    trigger: departure.trigger,
    properties: departure.properties,
    without: departure.without,
    property: id,
    ...failure,
  };
}

/**
 * A conformance report as plain JSON data, for machines: the seed and runs, and per subject
 * its capabilities, its `departures` (`departureToJson`; an empty list when it conforms,
 * none when it was not searched) and each property's verdict (a failure with its shrunk
 * scenario, its fast-check path, expected and observed). Pure.
 */
export function reportToJson(report: ConformanceReport): object {
  return {
    seed: report.seed,
    runs: report.runs,
    ...(report.ties === undefined ? {} : { ties: report.ties }),
    ...(report.shard === undefined ? {} : { shard: report.shard }),
    subjects: report.subjects.map((subject) => ({
      name: subject.subject,
      supports: subject.supports,
      ...(subject.replay === undefined ? {} : { replay: subject.replay }),
      ...(subject.skipped === undefined ? {} : { skipped: subject.skipped }),
      ...(subject.broken === undefined ? {} : { broken: subject.broken }),
      ...(subject.departures === undefined ? {} : { departures: subject.departures.map(departureToJson) }),
      properties: subject.properties.map(propertyToJson),
    })),
  };
}
