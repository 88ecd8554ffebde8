import { checkProperty, type PropertyReport, type Shard } from '../properties/checkProperty.js';
import type { GatherProperty } from '../properties/GatherProperty.js';
import { isOrderedTieMode, type TieMode } from '../clock/TieChoice.js';
import type { ConformanceReport, SubjectReport } from './ConformanceReport.js';
import { toSubjectRunner, type SubjectLike } from './SubjectRunner.js';
import { checkGatherArguments } from '../validation/checkGatherArguments.js';
import { selectProperties } from './selectProperties.js';
import type { Scenario } from '../scenario/Scenario.js';
import { DEFAULT_DEPARTURE_BUDGET, findDepartures, type DepartureBudget } from './findDepartures.js';
import { departureSearch } from './departureSearch.js';
import { aFunction, departureBudget } from '../validation/argumentRules.js';

import { DEFAULT_RUNS, DEFAULT_SEED, defaultSeed } from './checkDefaults.js';

export { DEFAULT_RUNS, DEFAULT_SEED };

/** How to check subjects. */
export interface CheckGatherOptions {
  /** Scenarios per property (default 200). */
  readonly runs?: number;
  /** The fast-check seed of every property (default: `GATHER_SIM_SEED` when set, else {@link DEFAULT_SEED}). */
  readonly seed?: number;
  /** With `seed` and a single property, replays one failure straight away (fast-check's `path`). */
  readonly path?: string;
  /** Check only this slice of every property's scenarios (see `CheckPropertyOptions.shard`). */
  readonly shard?: Shard;
  /** How events due at the same instant are ordered (default fifo; see `CheckPropertyOptions.ties`). */
  readonly ties?: TieMode;
  /**
   * The properties to run (default: all of `gatherProperties`): properties, or the ids of
   * those of `gatherProperties` (`['fail-fast']`, as a failure's replay line prints them).
   */
  readonly properties?: readonly (GatherProperty | string)[];
  /**
   * Check exactly this scenario with each property instead of generated ones (a failure's
   * replay line gives it): see `CheckPropertyOptions.scenario`.
   */
  readonly scenario?: Scenario;
  /** With `scenario`: the picks of the failing order of its tied events (`CheckPropertyOptions.tieOrder`). */
  readonly tieOrder?: readonly number[];
  /**
   * How far to search for departures after the first round (`findDepartures`: default five
   * departures, 4 properties checked again; `{ departures: 0, rechecks: 0 }` for none).
   */
  readonly departures?: DepartureBudget;
  /** Called after each property on each subject, for progress. */
  readonly onProgress?: (subject: string, report: PropertyReport) => void;
}

/** Runs the properties on one subject, one after the other, and returns their verdicts. */
export async function checkSubject(subject: SubjectLike, options: CheckGatherOptions = {}): Promise<SubjectReport> {
  const runner = toSubjectRunner(subject);
  const reports: PropertyReport[] = [];
  const properties = selectProperties(options.properties);
  const common = {
    numRuns: options.runs ?? DEFAULT_RUNS,
    seed: options.seed ?? defaultSeed(),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.ties === undefined ? {} : { ties: options.ties }),
  };
  for (const property of properties) {
    const report = await checkProperty(property, runner, {
      ...common,
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
      ...(options.tieOrder === undefined ? {} : { tieOrder: options.tieOrder }),
    });
    reports.push(report);
    options.onProgress?.(runner.name, report);
  }
  // A replay (`path`) searches as the run it replays did: the same failure gives the same
  // departures. A given scenario is all there is to check: its failures are named, not searched past.
  const budget = options.departures ?? DEFAULT_DEPARTURE_BUDGET;
  const departures = await findDepartures(
    reports,
    departureSearch(runner, properties, common),
    options.scenario === undefined ? budget : { ...budget, rechecks: 0 },
  );
  const broken = runner.broken?.();
  return {
    subject: runner.name,
    supports: runner.supports,
    ...(runner.replay === undefined ? {} : { replay: runner.replay }),
    ...(broken === undefined ? {} : { broken }),
    properties: reports,
    departures,
  };
}

/**
 * Checks a gather against every property (or those in `options.properties`) and returns the
 * report as data: pass, fail with a shrunk counterexample, or n/a for a capability the
 * subject does not claim. Never throws for a failing subject; see `formatReport` and
 * `assertGather`.
 */
export async function checkGather(subject: SubjectLike, options: CheckGatherOptions = {}): Promise<ConformanceReport> {
  checkGatherArguments('checkGather', subject, options, { onProgress: aFunction, departures: departureBudget });
  const ties = isOrderedTieMode(options.ties) ? { ties: options.ties } : {};
  const seed = options.seed ?? defaultSeed();
  const report = {
    seed,
    runs: options.runs ?? DEFAULT_RUNS,
    ...ties,
    subjects: [await checkSubject(subject, { ...options, seed })],
  };
  return options.shard === undefined ? report : { ...report, shard: options.shard };
}
