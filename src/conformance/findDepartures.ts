import type { PropertyReport } from '../properties/checkProperty.js';
import type { Trigger } from '../scenario/Trigger.js';
import type { Departure, DepartureTrigger, FailedPropertyReport } from './Departure.js';

/** How `findDepartures` checks again and names triggers: in process, or in a pool of workers. */
export interface DepartureSearch {
  /** The verdicts of these properties (ids, in order) checked again on scenarios `without` these triggers. */
  recheck(propertyIds: readonly string[], without: readonly Trigger[]): Promise<readonly PropertyReport[]>;
  /** The trigger of a failure found on scenarios `without` these triggers (see `nameTrigger`). */
  nameTrigger(failure: FailedPropertyReport, without: readonly Trigger[]): Promise<DepartureTrigger>;
}

/** How far `findDepartures` searches. */
export interface DepartureBudget {
  /** At most this many departures (0: no search). */
  readonly departures: number;
  /** At most this many properties checked again, over all rounds. */
  readonly rechecks: number;
}

/** Five departures, 48 properties checked again. */
export const DEFAULT_DEPARTURE_BUDGET: DepartureBudget = { departures: 5, rechecks: 48 };

function isFailure(report: PropertyReport): report is FailedPropertyReport {
  return report.status === 'fail';
}

/** A failure on the way: found on scenarios `without` those triggers, its trigger once named. */
interface Pending {
  readonly failure: FailedPropertyReport;
  readonly without: readonly Trigger[];
  trigger?: DepartureTrigger;
}

/**
 * The distinct ways a subject departs from asyncio.gather, from the verdicts of a first
 * round. While a property fails and the budget allows: name the trigger of every failure
 * (on the scenarios it was found on), record a departure for the first failure's trigger
 * (property order; every failure of that trigger is one of its properties), then check
 * those properties again with every trigger recorded so far left out of generation, so
 * that departures hidden behind them show. The other failures wait as they are: their own trigger is another
 * one. A departure on plain scenarios (`any`) cannot be left out: its properties are not
 * checked again. Deterministic when `search` is.
 */
export async function findDepartures(
  firstRound: readonly PropertyReport[],
  search: DepartureSearch,
  budget: DepartureBudget = DEFAULT_DEPARTURE_BUDGET,
): Promise<readonly Departure[]> {
  const order = firstRound.map((report) => report.property.id);
  const byProperty = (a: Pending, b: Pending): number =>
    order.indexOf(a.failure.property.id) - order.indexOf(b.failure.property.id);
  const departures: Departure[] = [];
  let pending: Pending[] = firstRound.filter(isFailure).map((failure) => ({ failure, without: [] }));
  let rechecks = 0;
  const excluded: Trigger[] = [];
  while (pending.length > 0 && departures.length < budget.departures) {
    for (const entry of pending) entry.trigger ??= await search.nameTrigger(entry.failure, entry.without);
    const [first] = pending as [Pending];
    const trigger = first.trigger ?? 'any';
    const mine = pending.filter((entry) => entry.trigger === trigger);
    departures.push({
      trigger,
      properties: mine.map((entry) => entry.failure.property.id),
      without: first.without,
      failure: first.failure,
    });
    const others = pending.filter((entry) => entry.trigger !== trigger);
    if (trigger === 'any' || rechecks + mine.length > budget.rechecks) {
      pending = others;
      continue;
    }
    rechecks += mine.length;
    excluded.push(trigger);
    const without = [...excluded];
    const reports = await search.recheck(
      mine.map((entry) => entry.failure.property.id),
      without,
    );
    pending = [...others, ...reports.filter(isFailure).map((failure) => ({ failure, without }))].sort(byProperty);
  }
  return departures;
}
