import fc from 'fast-check';
import { missingCapabilities, type Capability } from '../conformance/Capabilities.js';
import { restrictScenario } from '../conformance/restrictScenario.js';
import { toSubjectRunner, type SubjectLike, type SubjectRunner } from '../conformance/SubjectRunner.js';
import {
  DEFAULT_TIE_MODE,
  isOrderedTieMode,
  picksOf,
  type OrderedTieMode,
  MAX_EXHAUSTIVE_ORDERS,
  type TieChoice,
  type TieMode,
} from '../clock/TieChoice.js';
import { forEachTieOrder } from '../executor/forEachTieOrder.js';
import type { Scenario } from '../scenario/Scenario.js';
import type { Trigger } from '../scenario/Trigger.js';
import { withoutTriggers } from '../scenario/removeTrigger.js';
import { tieOrderCount } from '../scenario/tieOrderCount.js';
import { tiePicksArbitrary } from './arbitraries.js';
import type { CheckFailure, CheckOutcome, GatherProperty } from './GatherProperty.js';
import { checkPropertyArguments } from '../validation/checkPropertyArguments.js';
import { describeThrown } from '../report/describeThrown.js';
import { DEFAULT_NUM_RUNS } from './defaultNumRuns.js';
import { defaultSeed } from '../conformance/checkDefaults.js';

/** How to run a property. */
export interface CheckPropertyOptions {
  /** Scenarios to try (default 100). */
  readonly numRuns?: number;
  /**
   * The fast-check seed (default: `GATHER_SIM_SEED` when set, else {@link DEFAULT_SEED}); a
   * failure prints the one that replays it.
   */
  readonly seed?: number;
  /** With `seed`, replays one failure straight away (fast-check's `path`). */
  readonly path?: string;
  /**
   * Check only slice `index` (1-based) of `count`: the scenarios whose position in the
   * seed's sequence is `index - 1` modulo `count`. The slices of one seed are disjoint and
   * together are exactly the scenarios of the unsliced run, so a long campaign splits across
   * machines; every failure replays from `{ seed, path }` without the slice.
   */
  readonly shard?: Shard;
  /**
   * How events due at the same instant are ordered (default `fifo`): `shuffle` draws an
   * order with each scenario (it shrinks toward fifo and replays from `{ seed, path }`);
   * `exhaustive` tries every order of each scenario, on scenarios whose written events allow
   * at most 720 orders. A subject in another process orders ties itself: always `fifo` here.
   */
  readonly ties?: TieMode;
  /**
   * Check only scenarios without these triggers: every generated scenario is mapped through
   * `withoutTriggers` (duplicates passed once, cancellations dropped, ties spread...), so
   * the departures a subject shows only with them stay out of sight and others show.
   */
  readonly without?: readonly Trigger[];
}

/** One of `count` disjoint slices of a run (1-based `index`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The verdict of a property on a subject, as plain data. */
export type PropertyReport =
  | {
      readonly status: 'pass';
      readonly property: GatherProperty;
      readonly numRuns: number;
      readonly seed: number;
      /** With `exhaustive` ties: the orders of tied events tried in all, over every scenario. */
      readonly orders?: number;
    }
  | {
      readonly status: 'fail';
      readonly property: GatherProperty;
      readonly numRuns: number;
      readonly seed: number;
      /** With `seed`, replays the shrunk failure at once. */
      readonly path: string;
      /** The shrunk counterexample. */
      readonly scenario: Scenario;
      /**
       * With `shuffle` or `exhaustive` ties: the mode, and the picks of the failing order
       * (`RunOptions.ties`), trailing first-in-first-out ones left out.
       */
      readonly ties?: { readonly mode: OrderedTieMode; readonly picks: readonly number[] };
      readonly failure: CheckFailure;
    }
  | {
      /** The subject lacks a capability the property needs: not a failure. */
      readonly status: 'n/a';
      readonly property: GatherProperty;
      readonly missing: readonly Capability[];
    }
  | {
      /**
       * The harness could not check the property: fast-check failed without a counterexample,
       * ran fewer scenarios than asked for, or generating one threw. Neither a pass nor a
       * failure of the subject: nothing is known about it.
       */
      readonly status: 'error';
      readonly property: GatherProperty;
      /** The scenarios checked before it gave up, of the ones asked for. */
      readonly numRuns: number;
      readonly seed: number;
      /** What went wrong, in a sentence. */
      readonly reason: string;
    };

/**
 * Runs a property against a subject with fast-check: tries scenarios (narrowed to the
 * capabilities the subject claims, at every depth), and on a failure shrinks it to a small
 * counterexample that `{ seed, path }` replays. A property that needs a capability the
 * subject does not claim is "n/a". Never throws for a failing subject: the verdict is data
 * (see `formatPropertyReport`, `assertProperty`). A bare gather function claims every
 * capability.
 */
export async function checkProperty(
  property: GatherProperty,
  subject: SubjectLike,
  options: CheckPropertyOptions = {},
): Promise<PropertyReport> {
  checkPropertyArguments('checkProperty', property, subject, options);
  const runner = toSubjectRunner(subject);
  const missing = missingCapabilities(property.needs, runner.supports);
  if (missing.length > 0) return { status: 'n/a', property, missing };
  const seed = options.seed ?? defaultSeed();
  const mode = runner.ordersTies === true ? (options.ties ?? DEFAULT_TIE_MODE) : DEFAULT_TIE_MODE;
  // fast-check reports the last failing value it found while shrinking: keep its details.
  let lastFailure: (CheckFailure & { readonly picks: readonly number[] }) | undefined;
  let orders = 0;
  const without = options.without ?? [];
  const restricted = property.arbitrary.map((scenario) =>
    withoutTriggers(restrictScenario(scenario, runner.supports), without),
  );
  const cases: fc.Arbitrary<readonly [Scenario, readonly number[]]> =
    mode === 'shuffle'
      ? fc.tuple(restricted, tiePicksArbitrary)
      : (mode === 'exhaustive'
          ? restricted.filter((scenario) => tieOrderCount(scenario) <= MAX_EXHAUSTIVE_ORDERS)
          : restricted
        ).map((scenario) => [scenario, []] as const);
  const checkOrder = async (
    scenario: Scenario,
    picks: readonly number[],
  ): Promise<{ outcome: CheckOutcome; ties: readonly TieChoice[] }> => {
    const pinned = pinTies(runner, picks);
    return { outcome: await property.check(scenario, pinned), ties: pinned.ties() };
  };
  const { shard } = options;
  // The predicate sees the generated scenarios in order, then, after a failure, only shrunk
  // ones: a slice skips the others' generated scenarios and checks every shrunk one.
  let position = 0;
  let checked = 0;
  const wanted = options.numRuns ?? DEFAULT_NUM_RUNS;
  const harnessError = (reason: string, numRuns = checked): PropertyReport => ({
    status: 'error',
    property,
    numRuns,
    seed,
    reason,
  });
  let details: fc.RunDetails<[readonly [Scenario, readonly number[]]]>;
  try {
    details = await fc.check(
      fc.asyncProperty(cases, async ([scenario, drawn]) => {
        if (shard !== undefined && lastFailure === undefined) {
          const mine = position % shard.count === shard.index - 1;
          position += 1;
          if (!mine) return true;
        }
        checked += 1;
        try {
          if (mode !== 'exhaustive') {
            const { outcome, ties } = await checkOrder(scenario, drawn);
            if (!outcome.ok) lastFailure = { ...outcome, picks: picksOf(ties) };
            return outcome.ok;
          }
          let failed: CheckOutcome = { ok: true };
          const explored = await forEachTieOrder(
            async (picks) => {
              const { outcome, ties } = await checkOrder(scenario, picks);
              failed = outcome;
              return ties;
            },
            () => failed.ok,
          );
          orders += explored.orders;
          // Set by the callbacks: TypeScript cannot see that.
          const verdict = failed as CheckOutcome;
          if (explored.status === 'stopped' && !verdict.ok) lastFailure = { ...verdict, picks: explored.picks };
          return verdict.ok;
        } catch (error) {
          // A property that skips a scenario (fc.pre) has checked nothing: fast-check counts it.
          if (fc.PreconditionFailure.isFailure(error)) throw error;
          lastFailure = {
            reason: `the check of this scenario could not finish: ${describeThrown(error)}`,
            expected: 'a verdict',
            observed: describeThrown(error),
            picks: [],
          };
          return false;
        }
      }),
      {
        seed,
        numRuns: wanted,
        ...(options.path === undefined ? {} : { path: options.path, endOnFailure: true }),
      },
    );
  } catch (error) {
    return harnessError(`generating a scenario threw: ${describeThrown(error)}`);
  }
  const numRuns = shard === undefined ? details.numRuns : checked;
  if (!details.failed) {
    // Every scenario of the seed's sequence seen (a slice checks only its own): else nothing passed.
    const seen = shard === undefined ? details.numRuns : position;
    if (details.interrupted || (options.path === undefined && seen < wanted))
      return harnessError(`fast-check stopped after ${seen} of the ${wanted} scenarios asked for`, numRuns);
    return { status: 'pass', property, numRuns, seed, ...(mode === 'exhaustive' ? { orders } : {}) };
  }
  if (details.counterexample === null || lastFailure === undefined) {
    const { errorInstance } = details;
    const why = errorInstance instanceof Error ? `: ${errorInstance.message}` : '';
    const skipped = details.numSkips > 0 ? ` (${details.numSkips} scenarios skipped)` : '';
    const what =
      details.counterexample === null
        ? `fast-check failed without a counterexample after ${details.numRuns} scenarios${skipped}`
        : `fast-check found a failure after ${details.numRuns} scenarios that the check did not record`;
    return harnessError(`${what}${why}`, numRuns);
  }
  const [[scenario]] = details.counterexample;
  const { picks, ...failure } = lastFailure;
  let end = picks.length;
  while (end > 0 && picks[end - 1] === 0) end -= 1;
  return {
    status: 'fail',
    property,
    numRuns: shard === undefined ? details.numRuns : position,
    seed,
    path: details.counterexamplePath,
    scenario,
    ...(isOrderedTieMode(mode) ? { ties: { mode, picks: picks.slice(0, end) } } : {}),
    failure,
  };
}

/** The runner with its tie order fixed to `picks`, and the choices its last run made. */
function pinTies(runner: SubjectRunner, picks: readonly number[]): SubjectRunner & { ties(): readonly TieChoice[] } {
  let last: readonly TieChoice[] = [];
  return {
    ...runner,
    async run(scenario) {
      const run = await runner.run(scenario, { ties: picks });
      last = run.ties;
      return run;
    },
    ties: () => last,
  };
}
