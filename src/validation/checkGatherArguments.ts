import { checkOptions, type ArgumentRule } from './checkArgument.js';
import { argumentError } from './argumentError.js';
import {
  aFunction,
  fastCheckPath,
  gatherPropertyList,
  positiveInteger,
  seedInteger,
  shardRule,
  scenarioRule,
  tieMode,
  tiePicks,
} from './argumentRules.js';
import { checkScenarioReplay } from './checkScenarioReplay.js';
import { DEFAULT_RUNS } from '../conformance/checkDefaults.js';
import { checkShardFits } from './checkShardFits.js';
import { checkSubjectArgument } from './checkSubjectArgument.js';

/** The rules of `CheckGatherOptions`, but `onProgress`. */
const OPTION_RULES: Readonly<Record<string, ArgumentRule>> = {
  runs: positiveInteger,
  seed: seedInteger,
  path: fastCheckPath,
  shard: shardRule,
  ties: tieMode,
  properties: gatherPropertyList,
  scenario: scenarioRule,
  tieOrder: tiePicks,
};

/**
 * Checks the arguments of `checkGather` (and of `assertGather` and
 * `describeGatherConformance`, named `fn`): the subject and the options, `path` only with
 * `seed` and exactly one property (as the CLI's `--path`) and without `shard`, `scenario`
 * without `path` and `shard`, `tieOrder` only with `scenario`. `extraRules`
 * are the options of `fn` beyond those (default: `onProgress`, a function). Throws a
 * `TypeError` naming `fn`, the option and the bad value.
 */
export function checkGatherArguments(
  fn: string,
  subject: unknown,
  options: unknown,
  extraRules: Readonly<Record<string, ArgumentRule>> = { onProgress: aFunction },
): void {
  checkSubjectArgument(fn, subject);
  checkOptions(fn, options, { ...OPTION_RULES, ...extraRules });
  const given = (options ?? {}) as Record<string, unknown>;
  checkShardFits(fn, given['shard'], 'runs', given['runs'] ?? DEFAULT_RUNS);
  checkScenarioReplay(fn, given);
  if (given['path'] === undefined) return;
  const properties = given['properties'] as readonly unknown[] | undefined;
  if (given['seed'] === undefined || properties?.length !== 1)
    throw argumentError(
      fn,
      'path',
      'given with seed and exactly one property (a path replays one failure)',
      given['path'],
    );
  if (given['shard'] !== undefined)
    throw argumentError(fn, 'path', 'given without shard (a path replays a failure of the whole run)', given['path']);
}
