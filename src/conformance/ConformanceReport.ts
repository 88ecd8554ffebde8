import type { PropertyReport, Shard } from '../properties/checkProperty.js';
import type { OrderedTieMode } from '../clock/TieChoice.js';
import type { Capabilities } from './Capabilities.js';
import type { Departure } from './Departure.js';

/** The verdicts of the properties on one subject. Plain data. */
export interface SubjectReport {
  readonly subject: string;
  readonly supports: Capabilities;
  /** The option that selects the subject in `gather-sim run` and `check`, for replay lines. */
  readonly replay?: string;
  /** Why the subject could not be checked at all (then `properties` is empty): not a failure. */
  readonly skipped?: string;
  /** Why the subject broke (an external one that crashed, went silent...): a failure. */
  readonly broken?: string;
  readonly properties: readonly PropertyReport[];
  /**
   * The distinct ways it departs from asyncio.gather, grouped by trigger (`findDepartures`):
   * empty when it conforms; absent when it was not searched (skipped, broken).
   */
  readonly departures?: readonly Departure[];
}

/** A conformance matrix: subjects by properties, with the seed and runs that replay it. */
export interface ConformanceReport {
  readonly seed: number;
  /** Scenarios per property. */
  readonly runs: number;
  /** How events due at the same instant were ordered, when not first-in-first-out (`check --ties`). */
  readonly ties?: OrderedTieMode;
  /** The slice of those scenarios this report covers, when it covers one (`check --shard`). */
  readonly shard?: Shard;
  readonly subjects: readonly SubjectReport[];
}

/**
 * True when no applicable property failed on any subject that was checked, and the harness
 * checked every one it was asked to (none has status `error`).
 */
export function conforms(report: ConformanceReport | SubjectReport): boolean {
  const subjects = 'subjects' in report ? report.subjects : [report];
  return subjects.every(
    (subject) =>
      subject.broken === undefined &&
      subject.properties.every((property) => property.status !== 'fail' && property.status !== 'error'),
  );
}
