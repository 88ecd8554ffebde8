import { argumentError } from './argumentError.js';

/**
 * Checks how the options that replay a scenario combine: `scenario` is checked as it is, so
 * neither `path` (which replays a generated one) nor `shard` (which slices generated ones)
 * goes with it, and `tieOrder` (the order of its tied events) goes only with it. Throws a
 * `TypeError` of `fn` naming the option.
 */
export function checkScenarioReplay(fn: string, given: Readonly<Record<string, unknown>>): void {
  if (given['scenario'] === undefined) {
    if (given['tieOrder'] !== undefined)
      throw argumentError(fn, 'tieOrder', 'given with the scenario whose tied events it orders', given['tieOrder']);
    return;
  }
  for (const name of ['path', 'shard'])
    if (given[name] !== undefined)
      throw argumentError(fn, name, 'left out with scenario (a scenario is checked as it is)', given[name]);
}
