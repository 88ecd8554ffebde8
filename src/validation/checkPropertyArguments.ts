import { checkArgument, checkOptions, type ArgumentRule } from './checkArgument.js';
import { argumentError } from './argumentError.js';
import {
  fastCheckPath,
  gatherProperty,
  nonNegativeInteger,
  positiveInteger,
  scenarioRule,
  seedInteger,
  shardRule,
  tieMode,
  tiePicks,
  triggerList,
} from './argumentRules.js';
import { checkScenarioReplay } from './checkScenarioReplay.js';
import { DEFAULT_NUM_RUNS } from '../properties/defaultNumRuns.js';
import { checkShardFits } from './checkShardFits.js';
import { checkSubjectArgument } from './checkSubjectArgument.js';

/** The rules of `CheckPropertyOptions`. */
const OPTION_RULES: Readonly<Record<string, ArgumentRule>> = {
  numRuns: positiveInteger,
  seed: seedInteger,
  path: fastCheckPath,
  shard: shardRule,
  ties: tieMode,
  scenario: scenarioRule,
  tieOrder: tiePicks,
  simplifyBudget: nonNegativeInteger,
  without: triggerList,
};

/**
 * Checks the arguments of `checkProperty` (and of `assertProperty`, named `fn`): the
 * property, the subject and the options, `path` only with the `seed` it was found with and
 * without `shard` (a slice other than the first would skip the failure and pass having
 * checked nothing), `scenario` without `path` and `shard`, `tieOrder` only with `scenario`. Throws a `TypeError` naming `fn`, the option and the bad value.
 */
export function checkPropertyArguments(fn: string, property: unknown, subject: unknown, options: unknown): void {
  checkArgument(fn, 'property', gatherProperty, property);
  checkSubjectArgument(fn, subject);
  checkOptions(fn, options, OPTION_RULES);
  const given = (options ?? {}) as Record<string, unknown>;
  checkShardFits(fn, given['shard'], 'numRuns', given['numRuns'] ?? DEFAULT_NUM_RUNS);
  checkScenarioReplay(fn, given);
  if (given['path'] === undefined) return;
  if (given['seed'] === undefined)
    throw argumentError(fn, 'path', 'given with the seed it was found with', given['path']);
  if (given['shard'] !== undefined)
    throw argumentError(fn, 'path', 'given without shard (a path replays a failure of the whole run)', given['path']);
}
