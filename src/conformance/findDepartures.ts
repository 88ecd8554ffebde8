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

/**
 * The distinct ways a subject departs from asyncio.gather, from the verdicts of a first
 * round. While a property fails and the budget allows: name the trigger of every failure,
 * record a departure for the first failure's trigger (the failures of that trigger are its
 * properties), then check the failing properties again with that trigger left out of
 * generation, so that departures hidden behind it show. A departure on plain scenarios
 * (`any`) cannot be left out: its properties are not checked again. Deterministic when
 * `search` is.
 */
export async function findDepartures(
  firstRound: readonly PropertyReport[],
  search: DepartureSearch,
  budget: DepartureBudget = DEFAULT_DEPARTURE_BUDGET,
): Promise<readonly Departure[]> {
  const departures: Departure[] = [];
  let without: readonly Trigger[] = [];
  let failing: { readonly failure: FailedPropertyReport; trigger?: DepartureTrigger }[] = firstRound
    .filter(isFailure)
    .map((failure) => ({ failure }));
  let rechecks = 0;
  while (failing.length > 0 && departures.length < budget.departures) {
    for (const entry of failing) entry.trigger ??= await search.nameTrigger(entry.failure, without);
    const [first] = failing as [(typeof failing)[number]];
    const trigger = first.trigger ?? 'any';
    const mine = failing.filter((entry) => entry.trigger === trigger);
    departures.push({
      trigger,
      properties: mine.map((entry) => entry.failure.property.id),
      without,
      failure: first.failure,
    });
    if (trigger === 'any') {
      failing = failing.filter((entry) => entry.trigger !== 'any');
      continue;
    }
    without = [...without, trigger];
    const again = failing.filter((entry) => entry.trigger !== 'any');
    const kept = failing.filter((entry) => entry.trigger === 'any');
    if (rechecks + again.length > budget.rechecks) break;
    rechecks += again.length;
    const reports = await search.recheck(
      again.map((entry) => entry.failure.property.id),
      without,
    );
    const order = firstRound.map((report) => report.property.id);
    failing = [...kept, ...reports.filter(isFailure).map((failure) => ({ failure }))].sort(
      (a, b) => order.indexOf(a.failure.property.id) - order.indexOf(b.failure.property.id),
    );
  }
  return departures;
}
