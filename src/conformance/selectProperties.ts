import { gatherProperties } from '../properties/gatherProperties.js';
import type { GatherProperty } from '../properties/GatherProperty.js';

/**
 * The properties an option names: each given property as is, each id (`'fail-fast'`) as
 * that property of `gatherProperties`; all of `gatherProperties` when none are named. The
 * ids are checked beforehand (`checkGatherArguments`): an unknown one is left out.
 */
export function selectProperties(named: readonly (GatherProperty | string)[] | undefined): readonly GatherProperty[] {
  if (named === undefined) return gatherProperties;
  return named.flatMap((property) =>
    typeof property === 'string' ? gatherProperties.filter((candidate) => candidate.id === property) : [property],
  );
}
