import { checkProperty, type CheckPropertyOptions } from '../properties/checkProperty.js';
import type { GatherProperty } from '../properties/GatherProperty.js';
import type { DepartureSearch } from './findDepartures.js';
import { triggersOf } from './triggersOf.js';
import type { SubjectRunner } from './SubjectRunner.js';

/**
 * The search of `findDepartures` in this process: a recheck runs `checkProperty` on the
 * runner with `options` (runs, seed, shard, ties as the first round had them) and the
 * triggers left out, one property after the other; the triggers of a failure are found on the runner.
 */
export function departureSearch(
  runner: SubjectRunner,
  properties: readonly GatherProperty[],
  options: Omit<CheckPropertyOptions, 'without' | 'path'>,
): DepartureSearch {
  return {
    async recheck(ids, without) {
      const reports = [];
      for (const property of properties.filter((one) => ids.includes(one.id)))
        reports.push(await checkProperty(property, runner, { ...options, without }));
      return reports;
    },
    triggersOf: (failure, without) => triggersOf(failure, runner, without),
  };
}
