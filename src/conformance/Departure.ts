import type { PropertyReport } from '../properties/checkProperty.js';
import type { Trigger } from '../scenario/Trigger.js';

/** A property's verdict that is a failure, with its minimal counterexample. */
export type FailedPropertyReport = Extract<PropertyReport, { readonly status: 'fail' }>;

/**
 * What makes a subject depart: a {@link Trigger} (the scenario feature whose removal makes
 * the failure go away), or `any` when removing no single one does (the subject departs on
 * plain scenarios).
 */
export type DepartureTrigger = Trigger | 'any';

/**
 * One distinct way a subject departs from asyncio.gather, found by `findDepartures`: its
 * trigger, every property whose counterexample has that trigger, and the first of those
 * failures (property order) in full: the minimal scenario, expected against observed, the
 * seed and path. Plain data.
 */
export interface Departure {
  readonly trigger: DepartureTrigger;
  /** The ids of the properties it breaks, in the order of the properties checked. */
  readonly properties: readonly string[];
  /** The triggers left out of generation when it was found (the departures before it). */
  readonly without: readonly Trigger[];
  /** The failure that shows it: the first of `properties`, checked `without` those triggers. */
  readonly failure: FailedPropertyReport;
}
