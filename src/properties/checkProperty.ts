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
import { jsonEqual } from '../observation/jsonEqual.js';
import { validateScenario } from '../scenario/validateScenario.js';
import { whileVouched } from '../validation/whileVouched.js';
import { SIMPLIFY_BUDGET, simplifyCounterexample, type Simplified } from './simplifyCounterexample.js';

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
   * Check exactly this scenario (a failure's final counterexample, as its replay line
   * prints it) instead of generated ones: no generation, no shrinking; `seed`, `path`,
   * `numRuns` and `shard` play no part.
   */
  readonly scenario?: Scenario;
  /** With `scenario` and `shuffle` or `exhaustive` ties: the picks of the failing order (`RunOptions.ties`). */
  readonly tieOrder?: readonly number[];
  /** Candidates the second pass after fast-check's shrinking may check (default 200; 0 skips it). */
  readonly simplifyBudget?: number;
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
      /**
       * With `seed`, replays fast-check's shrunk failure at once, then the second pass again
       * ('' when the check was given its scenario).
       */
      readonly path: string;
      /** The counterexample: shrunk by fast-check, then made simpler by the second pass. */
      readonly scenario: Scenario;
      /**
       * The second pass (see `simplifyCounterexample`): candidates it checked, and whether it
       * ran until no simpler candidate failed (then a tie left in `scenario` is needed).
       * Absent when the check was given its scenario.
       */
      readonly simplified?: { readonly checks: number; readonly complete: boolean };
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
  let lastFailure: RecordedFailure | undefined;
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
  /** One scenario under the tie mode: its verdict, and the failure with the picks of its order. */
  const checkVouched = async (scenario: Scenario, drawn: readonly number[]): Promise<CaseVerdict> => {
    if (mode !== 'exhaustive') {
      const { outcome, ties } = await checkOrder(scenario, drawn);
      return outcome.ok ? { ok: true } : { ok: false, failure: { ...outcome, picks: picksOf(ties) } };
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
    if (verdict.ok) return { ok: true };
    return explored.status === 'stopped'
      ? { ok: false, failure: { ...verdict, picks: explored.picks } }
      : { ok: false };
  };
  /** {@link checkVouched}, the scenario validated once for all its runs and predictions. */
  const checkCase = (scenario: Scenario, drawn: readonly number[]): Promise<CaseVerdict> =>
    whileVouched(scenario, () => checkVouched(scenario, drawn));
  /** A check that threw: a failure of its own (a skip with fc.pre is rethrown, for fast-check to count). */
  const threw = (error: unknown): CaseVerdict => {
    if (fc.PreconditionFailure.isFailure(error)) throw error;
    return {
      ok: false,
      failure: {
        reason: `the check of this scenario could not finish: ${describeThrown(error)}`,
        expected: 'a verdict',
        observed: describeThrown(error),
        picks: [],
      },
    };
  };
  const harnessError = (reason: string, numRuns: number): PropertyReport => ({
    status: 'error',
    property,
    numRuns,
    seed,
    reason,
  });
  const failReport = (
    scenario: Scenario,
    found: RecordedFailure,
    rest: { readonly numRuns: number; readonly path: string; readonly simplified?: Simplified<unknown> },
  ): PropertyReport => {
    const { picks, ...failure } = found;
    let end = picks.length;
    while (end > 0 && picks[end - 1] === 0) end -= 1;
    const { simplified } = rest;
    return {
      status: 'fail',
      property,
      numRuns: rest.numRuns,
      seed,
      path: rest.path,
      scenario,
      ...(simplified === undefined ? {} : { simplified: { checks: simplified.checks, complete: simplified.complete } }),
      ...(isOrderedTieMode(mode) ? { ties: { mode, picks: picks.slice(0, end) } } : {}),
      failure,
    };
  };
  if (options.scenario !== undefined) {
    let verdict: CaseVerdict;
    try {
      verdict = await checkCase(options.scenario, options.tieOrder ?? []);
    } catch (error) {
      if (fc.PreconditionFailure.isFailure(error)) return harnessError('the property skips this scenario', 0);
      throw error;
    }
    if (verdict.ok) return { status: 'pass', property, numRuns: 1, seed, ...(mode === 'exhaustive' ? { orders } : {}) };
    if (verdict.failure === undefined) return harnessError('the scenario failed without a recorded failure', 1);
    return failReport(options.scenario, verdict.failure, { numRuns: 1, path: '' });
  }
  const { shard } = options;
  // The predicate sees the generated scenarios in order, then, after a failure, only shrunk
  // ones: a slice skips the others' generated scenarios and checks every shrunk one.
  let position = 0;
  let checked = 0;
  const wanted = options.numRuns ?? DEFAULT_NUM_RUNS;
  let details: fc.RunDetails<[readonly [Scenario, readonly number[]]]>;
  if (options.path === undefined) runner.prefetch?.(upcomingScenarios(cases, seed, wanted, shard));
  try {
    details = await fc.check(
      fc.asyncProperty(cases, async ([scenario, drawn]) => {
        if (shard !== undefined && lastFailure === undefined) {
          const mine = position % shard.count === shard.index - 1;
          position += 1;
          if (!mine) return true;
        }
        checked += 1;
        let verdict: CaseVerdict;
        try {
          verdict = await checkCase(scenario, drawn);
        } catch (error) {
          verdict = threw(error);
        }
        if (verdict.failure !== undefined) lastFailure = verdict.failure;
        return verdict.ok;
      }),
      {
        seed,
        numRuns: wanted,
        ...(options.path === undefined ? {} : { path: options.path, endOnFailure: true }),
      },
    );
  } catch (error) {
    return harnessError(`generating a scenario threw: ${describeThrown(error)}`, checked);
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
  const [[shrunk]] = details.counterexample;
  // The second pass: simpler candidates within the subject's reach, each checked under the
  // same tie order as the failure (every order, with exhaustive ties).
  const { picks } = lastFailure;
  const simplified = await simplifyCounterexample(
    shrunk,
    lastFailure,
    async (candidate) => {
      if (
        !validateScenario(candidate).ok ||
        !jsonEqual(restrictScenario(candidate, runner.supports), candidate) ||
        !jsonEqual(withoutTriggers(candidate, without), candidate)
      )
        return undefined;
      if (mode === 'exhaustive' && tieOrderCount(candidate) > MAX_EXHAUSTIVE_ORDERS) return undefined;
      try {
        return (await checkCase(candidate, picks)).failure;
      } catch {
        // A candidate the check skips or cannot finish on is not kept.
        return undefined;
      }
    },
    options.simplifyBudget ?? SIMPLIFY_BUDGET,
  );
  return failReport(simplified.scenario, simplified.failure, {
    numRuns: shard === undefined ? details.numRuns : position,
    path: details.counterexamplePath,
    simplified,
  });
}

/** How many scenarios {@link upcomingScenarios} draws at a time. */
const DRAWN_AT_ONCE = 64;

/**
 * The scenarios fast-check will generate for a check, in order (a slice's own only), drawn
 * as they are read, {@link DRAWN_AT_ONCE} at a time: `fc.sample` of the same arbitrary and
 * seed gives the same values, and its `path` starts at a given position without generating
 * the ones before. A guess for a subject in another process to answer ahead; it ends early
 * where generating throws (fast-check's own run reports that).
 */
function* upcomingScenarios(
  cases: fc.Arbitrary<readonly [Scenario, readonly number[]]>,
  seed: number,
  numRuns: number,
  shard: Shard | undefined,
): Generator<Scenario> {
  for (let start = 0; start < numRuns; start += DRAWN_AT_ONCE) {
    let drawn: (readonly [Scenario, readonly number[]])[];
    try {
      drawn = fc.sample(cases, {
        seed,
        numRuns: Math.min(DRAWN_AT_ONCE, numRuns - start),
        ...(start === 0 ? {} : { path: String(start) }),
      });
    } catch {
      return;
    }
    for (const [offset, [scenario]] of drawn.entries()) {
      if (shard === undefined || (start + offset) % shard.count === shard.index - 1) yield scenario;
    }
  }
}

/** A failure as the check recorded it, with the picks of its tie order. */
type RecordedFailure = CheckFailure & { readonly picks: readonly number[] };

/** One scenario's verdict under the tie mode; a failure without a record is the harness's. */
interface CaseVerdict {
  readonly ok: boolean;
  readonly failure?: RecordedFailure;
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
