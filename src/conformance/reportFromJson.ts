import type { PropertyReport } from '../properties/checkProperty.js';
import { gatherProperties } from '../properties/gatherProperties.js';
import { CAPABILITIES, type Capability } from './Capabilities.js';
import type { ConformanceReport, SubjectReport } from './ConformanceReport.js';
import type { Departure, FailedPropertyReport } from './Departure.js';
import { isTrigger, TRIGGERS } from '../scenario/Trigger.js';
import { isOrderedTieMode, ORDERED_TIE_MODES, type OrderedTieMode } from '../clock/TieChoice.js';
import type { Run } from '../executor/Run.js';
import type { TraceEvent } from '../executor/TraceEvent.js';
import type { Observation } from '../observation/Observation.js';
import { validateObservation } from '../observation/validateObservation.js';
import { describeValue, formatScenarioIssues, isRecord, validateScenario } from '../scenario/validateScenario.js';

/** A report read back from `check --json`, or what is wrong with it. */
export type ReportReading =
  { readonly ok: true; readonly report: ConformanceReport } | { readonly ok: false; readonly problem: string };

class Invalid extends Error {}

/** The tie modes a report may name, for messages: `"shuffle" or "exhaustive"`. */
const ORDERED_TIE_MODES_TEXT = ORDERED_TIE_MODES.map((mode) => JSON.stringify(mode)).join(' or ');

function need(condition: boolean, where: string, what: string, value: unknown): asserts condition {
  if (!condition) throw new Invalid(`${where}: expected ${what}, got ${describeValue(value)}`);
}

function propertyFrom(value: unknown, where: string): PropertyReport {
  need(isRecord(value), where, 'a property verdict', value);
  const property = gatherProperties.find((candidate) => candidate.id === value['id']);
  need(
    property !== undefined,
    `${where}.id`,
    `one of ${gatherProperties.map((candidate) => candidate.id).join(', ')}`,
    value['id'],
  );
  const { status, numRuns, seed } = value;
  if (status === 'n/a') {
    const missing = value['missing'];
    need(
      Array.isArray(missing) && missing.every((item) => (CAPABILITIES as readonly unknown[]).includes(item)),
      `${where}.missing`,
      'a list of capabilities',
      missing,
    );
    return { status, property, missing: missing as Capability[] };
  }
  need(typeof numRuns === 'number' && typeof seed === 'number', where, '"numRuns" and "seed" numbers', value);
  if (status === 'pass') {
    const { orders } = value;
    if (orders !== undefined) need(typeof orders === 'number', `${where}.orders`, 'a number', orders);
    return { status, property, numRuns, seed, ...(orders === undefined ? {} : { orders }) };
  }
  if (status === 'error') {
    const { reason } = value;
    need(typeof reason === 'string', `${where}.reason`, 'a string', reason);
    return { status, property, numRuns, seed, reason };
  }
  need(status === 'fail', `${where}.status`, '"pass", "fail", "error" or "n/a"', status);
  const scenario = validateScenario(value['scenario']);
  if (!scenario.ok)
    throw new Invalid(`${where}.scenario: ${formatScenarioIssues(scenario.issues).replace(/\n/g, '; ')}`);
  const { path, reason } = value;
  need(typeof path === 'string' && typeof reason === 'string', where, '"path" and "reason" strings', value);
  const ties = value['ties'];
  if (ties !== undefined)
    need(isTieOrder(ties), `${where}.ties`, `{"mode": ${ORDERED_TIE_MODES_TEXT}, "picks": [numbers]}`, ties);
  const simplified = value['simplified'];
  if (simplified !== undefined)
    need(
      isRecord(simplified) &&
        Number.isSafeInteger(simplified['checks']) &&
        (simplified['checks'] as number) >= 0 &&
        typeof simplified['complete'] === 'boolean',
      `${where}.simplified`,
      '{"checks": a count, "complete": true or false}',
      simplified,
    );
  const run = runFrom(value['run'], `${where}.run`);
  const expectedObservation = observationFrom(value['expectedObservation'], `${where}.expectedObservation`);
  return {
    status,
    property,
    numRuns,
    seed,
    path,
    scenario: scenario.scenario,
    ...(simplified === undefined
      ? {}
      : { simplified: { checks: simplified['checks'] as number, complete: simplified['complete'] as boolean } }),
    ...(ties === undefined ? {} : { ties }),
    failure: {
      reason,
      expected: value['expected'],
      observed: value['observed'],
      ...(run === undefined ? {} : { run }),
      ...(expectedObservation === undefined ? {} : { expectedObservation }),
    },
  };
}

/** A failure's run as `reportToJson` wrote it (observation and trace, for the timeline). */
function runFrom(value: unknown, where: string): Run | undefined {
  if (value === undefined) return undefined;
  need(isRecord(value), where, '{"observation", "trace"}', value);
  const observation = validateObservation(value['observation']);
  need(observation.ok, `${where}.observation`, 'an OBSERVATION', value['observation']);
  const trace = value['trace'];
  need(
    Array.isArray(trace) && trace.every(isTraceEvent),
    `${where}.trace`,
    'a list of {"at", "kind", ...} events',
    trace,
  );
  return {
    observation: observation.observation,
    trace,
    starts: [],
    problems: [],
    ties: [],
    leaks: [],
  };
}

/** A failure's expected observation as `reportToJson` wrote it, when it did. */
function observationFrom(value: unknown, where: string): Observation | undefined {
  if (value === undefined) return undefined;
  const observation = validateObservation(value);
  need(observation.ok, where, 'an OBSERVATION', value);
  return observation.observation;
}

/**
 * Whether a value is a trace event as far as the timeline relies on: its `at` and `kind`
 * (the rest is drawn as it comes).
 */
function isTraceEvent(value: unknown): value is TraceEvent {
  return isRecord(value) && typeof value['at'] === 'number' && typeof value['kind'] === 'string';
}

function isTieOrder(value: unknown): value is { mode: OrderedTieMode; picks: number[] } {
  const picks = isRecord(value) ? value['picks'] : undefined;
  return (
    isRecord(value) &&
    isOrderedTieMode(value['mode']) &&
    Array.isArray(picks) &&
    picks.every((pick) => Number.isSafeInteger(pick) && pick >= 0)
  );
}

function departureFrom(value: unknown, where: string): Departure {
  need(isRecord(value), where, 'a departure', value);
  const { trigger, properties, without } = value;
  need(trigger === 'any' || isTrigger(trigger), `${where}.trigger`, `"any" or one of ${TRIGGERS.join(', ')}`, trigger);
  need(
    Array.isArray(properties) && properties.every((id) => typeof id === 'string'),
    `${where}.properties`,
    'a list of property ids',
    properties,
  );
  need(Array.isArray(without) && without.every(isTrigger), `${where}.without`, 'a list of triggers', without);
  const failure = propertyFrom({ ...value, id: value['property'], status: 'fail' }, where);
  return { trigger, properties, without, failure: failure as FailedPropertyReport };
}

function subjectFrom(value: unknown, where: string): SubjectReport {
  need(isRecord(value), where, 'a subject report', value);
  const { name, supports, replay, skipped, broken, departures, properties } = value;
  need(typeof name === 'string', `${where}.name`, 'a string', name);
  need(isRecord(supports), `${where}.supports`, 'an object', supports);
  need(Array.isArray(properties), `${where}.properties`, 'a list', properties);
  if (departures !== undefined) need(Array.isArray(departures), `${where}.departures`, 'a list', departures);
  return {
    subject: name,
    supports,
    ...(typeof replay === 'string' ? { replay } : {}),
    ...(typeof skipped === 'string' ? { skipped } : {}),
    ...(typeof broken === 'string' ? { broken } : {}),
    properties: properties.map((property, index) => propertyFrom(property, `${where}.properties[${index}]`)),
    ...(departures === undefined
      ? {}
      : {
          departures: departures.map((departure, index) => departureFrom(departure, `${where}.departures[${index}]`)),
        }),
  };
}

/**
 * Reads back a report that `check --json` (`reportToJson`) wrote, naming the place of the
 * first thing wrong with it. Failures come back without their run (no timeline).
 */
export function reportFromJson(value: unknown): ReportReading {
  try {
    need(isRecord(value), '(report)', 'a gather-sim check --json report', value);
    const { seed, runs, shard, subjects, ties } = value;
    need(typeof seed === 'number' && typeof runs === 'number', '(report)', '"seed" and "runs" numbers', value);
    need(Array.isArray(subjects), 'subjects', 'a list', subjects);
    if (shard !== undefined)
      need(
        isRecord(shard) && typeof shard['index'] === 'number' && typeof shard['count'] === 'number',
        'shard',
        '{"index", "count"}',
        shard,
      );
    if (ties !== undefined) need(isOrderedTieMode(ties), 'ties', ORDERED_TIE_MODES_TEXT, ties);
    const report: ConformanceReport = {
      seed,
      runs,
      ...(ties === undefined ? {} : { ties }),
      subjects: subjects.map((subject, index) => subjectFrom(subject, `subjects[${index}]`)),
    };
    return {
      ok: true,
      report: isRecord(shard)
        ? { ...report, shard: { index: shard['index'] as number, count: shard['count'] as number } }
        : report,
    };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, problem: error.message };
    throw error;
  }
}
