import type { PropertyReport } from '../properties/checkProperty.js';
import type { Trigger } from '../scenario/Trigger.js';
import type { Departure, DepartureTrigger, FailedPropertyReport } from './Departure.js';

/** How `findDepartures` checks again and names triggers: in process, or in a pool of workers. */
export interface DepartureSearch {
  /** The verdicts of these properties (ids, in order) checked again on scenarios `without` these triggers. */
  recheck(propertyIds: readonly string[], without: readonly Trigger[]): Promise<readonly PropertyReport[]>;
  /** The triggers of a failure found on scenarios `without` these triggers, most specific first (see `triggersOf`). */
  triggersOf(failure: FailedPropertyReport, without: readonly Trigger[]): Promise<readonly Trigger[]>;
}

/** How far `findDepartures` searches. */
export interface DepartureBudget {
  /** At most this many departures (0: no search). */
  readonly departures: number;
  /** At most this many properties checked again, over all rounds. */
  readonly rechecks: number;
}

/** Five departures, 4 properties checked again (each costs about what it cost in the first round). */
export const DEFAULT_DEPARTURE_BUDGET: DepartureBudget = { departures: 5, rechecks: 4 };

function isFailure(report: PropertyReport): report is FailedPropertyReport {
  return report.status === 'fail';
}

/** A failure on the way: found on scenarios `without` those triggers, its triggers once known. */
interface Pending {
  readonly failure: FailedPropertyReport;
  readonly without: readonly Trigger[];
  triggers?: readonly Trigger[];
}

/** Whether a failure is one of a departure's: it has that trigger, or none for `any`. */
function showsTrigger(entry: Pending, trigger: DepartureTrigger): boolean {
  const triggers = entry.triggers ?? [];
  return trigger === 'any' ? triggers.length === 0 : triggers.includes(trigger);
}

/**
 * The distinct ways a subject departs from asyncio.gather, from the verdicts of a first
 * round. While a property fails and the budget allows: find the triggers of every failure
 * (on the scenarios it was found on), record a departure for the first failure's first
 * trigger (property order; every failure with that trigger among its own is one of its
 * properties), then check
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
    for (const entry of pending) entry.triggers ??= await search.triggersOf(entry.failure, entry.without);
    const [first] = pending as [Pending];
    const trigger = first.triggers?.[0] ?? 'any';
    const mine = pending.filter((entry) => showsTrigger(entry, trigger));
    departures.push({
      trigger,
      properties: mine.map((entry) => entry.failure.property.id),
      without: first.without,
      failure: first.failure,
    });
    const others = pending.filter((entry) => !showsTrigger(entry, trigger));
    // Every trigger recorded is left out of every later re-check, its own properties re-checked or not.
    if (trigger !== 'any') excluded.push(trigger);
    const spent = departures.length >= budget.departures || rechecks + mine.length > budget.rechecks;
    if (trigger === 'any' || spent) {
      pending = others;
      continue;
    }
    rechecks += mine.length;
    const without = [...excluded];
    const reports = await search.recheck(
      mine.map((entry) => entry.failure.property.id),
      without,
    );
    pending = [...others, ...reports.filter(isFailure).map((failure) => ({ failure, without }))].sort(byProperty);
  }
  return departures;
}
