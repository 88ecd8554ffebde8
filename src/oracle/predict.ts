import { getHeapStatistics } from 'node:v8';
import { canonicalJson } from '../observation/canonicalJson.js';
import { jsonEqual } from '../observation/jsonEqual.js';
import type { Observation } from '../observation/Observation.js';
import type { Scenario } from '../scenario/Scenario.js';
import { buildModel } from './model.js';
import { realPerformanceNow } from '../clock/realTimers.js';
import { Simulation } from './Simulation.js';
import { checkOptions } from '../validation/checkArgument.js';
import { aBoolean, nonNegativeLimit, positiveLimit } from '../validation/argumentRules.js';
import { checkScenarioArgument } from '../validation/checkScenarioArgument.js';

/** Tasks beyond which states are no longer merged by key (see predict). */
const MERGE_LIMIT = 1000;
/** Branches explored before states start to be merged by key (see predict). */
const MERGE_AFTER = 16;
/** The default budget of one prediction (see PredictOptions). */
const DEFAULT_MAX_STATES = 10_000;
const DEFAULT_MAX_MS = 1000;
const DEFAULT_MAX_MEMORY_MB = 256;
/** Branches between two looks at the clock and the heap (see budgetGuard). */
const GUARD_EVERY = 64;

/** What the spec allows for one scenario. */
export interface Prediction {
  /** True when no two events (timer expiries) ever fall at the same millisecond: then exactly one observation is right. */
  readonly tieFree: boolean;
  /**
   * Every observation some order of tied events allows, each once. Exactly one when
   * `tieFree`, but for one twin: where a return-exceptions gather never completes, the same
   * observation with its children's unretrieved errors as `unhandled` (CPython reports them).
   */
  readonly observations: readonly Observation[];
  /**
   * False when the orderings were too many to explore them all within the budget (see
   * {@link PredictOptions}): `observations` are then only those found so far.
   */
  readonly complete: boolean;
  /** Branches of the exploration taken: a state where orders of tied events part, each explored. */
  readonly explored: number;
}

/** Options of {@link predict}. */
export interface PredictOptions {
  /**
   * Branches of the exploration at most before giving up on completeness (default 10,000):
   * the budget that makes the answer the same on every machine. `maxMs` and `maxMemoryMb`
   * guard it from above.
   */
  readonly maxStates?: number;
  /** Real milliseconds one prediction may take before it gives up (default 1,000). */
  readonly maxMs?: number;
  /** Megabytes the JavaScript heap may grow by in one prediction before it gives up (default 256). */
  readonly maxMemoryMb?: number;
  /**
   * Skip orders of actions that commute (partial-order reduction; default true). Turn it off
   * only to check the reduction itself: the observations are the same, found more slowly.
   */
  readonly reduce?: boolean;
}

/**
 * The oracle: a pure function from a scenario to the observations rules R1-R12 allow,
 * with no clock and no promises. Within an instant it explores every order of the tied
 * events and of what they cause, an effect never before its cause (docs/semantics.md#ties), the
 * way asyncio's loop may interleave them; orders that reach the same state are merged.
 *
 * The scenario must be valid (see `validateScenario`) and the options as documented:
 * otherwise it throws a `TypeError` naming the problem.
 */
export function predict(scenario: Scenario, options: PredictOptions = {}): Prediction {
  checkScenarioArgument('predict', scenario);
  checkOptions('predict', options, {
    maxStates: nonNegativeLimit,
    maxMs: positiveLimit,
    maxMemoryMb: positiveLimit,
    reduce: aBoolean,
  });
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const overBudget = budgetGuard(options.maxMs ?? DEFAULT_MAX_MS, options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB);
  const reduce = options.reduce ?? true;
  const seen = new Set<string>();
  const model = buildModel(scenario);
  // Merging states that reach the same point needs a key of the whole state: worth it for
  // the usual few tasks, not for thousands (their branches are few, their keys long).
  // Stryker disable next-line all: equivalent, when to merge changes the speed only.
  const merge = model.tasks.length <= MERGE_LIMIT;
  let branches = 0;
  const found: Observation[] = [];
  const add = (observation: Observation): void => {
    if (!found.some((other) => jsonEqual(other, observation))) found.push(observation);
  };
  let tieFree = true;
  let complete = true;
  const end = (sim: Simulation): void => {
    const observation = sim.observation();
    add(observation);
    // CPython reports the errors it never retrieved; a JavaScript gather need not (R6).
    const unretrieved = sim.unretrieved();
    // Stryker disable next-line all: equivalent, with no unretrieved error the twin is the observation itself, added once.
    if (unretrieved.length > 0) add(withSortedUnhandled({ ...observation, unhandled: unretrieved }));
  };
  const explore = (sim: Simulation): void => {
    for (;;) {
      if (sim.tied) tieFree = false;
      // Most steps need no analysis: one action, or one that commutes with the rest.
      // Stryker disable next-line all: equivalent, stepAlone is a fast path of independentAction below.
      if (reduce) {
        // Stryker disable all: equivalent, stepAlone is a fast path of independentAction below.
        const alone = sim.stepAlone();
        if (alone === 'stepped') continue;
        if (alone === 'ended') {
          end(sim);
          return;
        }
      }
      // Stryker restore all
      const actions = sim.actions();
      if (actions.length === 0) {
        end(sim);
        return;
      }
      // Stryker disable next-line ConditionalExpression: equivalent, independentAction returns a lone action too.
      const only = actions.length === 1 ? actions[0] : reduce ? sim.independentAction(actions) : undefined;
      if (only !== undefined) {
        sim.perform(only);
        continue;
      }
      for (const action of actions) {
        const next = sim.clone();
        next.perform(action);
        // Most explorations branch a few times into states that differ; keys pay off only
        // beyond that, where orders of many tied events meet again.
        // Stryker disable next-line all: equivalent, when to merge changes the speed only.
        if (merge && branches >= MERGE_AFTER) {
          const key = next.key();
          if (seen.has(key)) continue;
          seen.add(key);
        }
        // The count decides alone on any machine fast enough; time and memory are a guard on top.
        if (branches >= maxStates || (branches % GUARD_EVERY === 0 && overBudget())) {
          complete = false;
          return;
        }
        branches += 1;
        explore(next);
      }
      return;
    }
  };
  explore(Simulation.start(model, scenario));
  return { tieFree, observations: found, complete, explored: branches };
}

const overNever = (): boolean => false;

/**
 * A test of the real-time and memory budget, from now on: true once `maxMs` real
 * milliseconds have passed or the heap has grown by more than `maxMemoryMb` megabytes.
 */
function budgetGuard(maxMs: number, maxMemoryMb: number): () => boolean {
  // No budget to guard (the properties' predictions): neither the clock nor the heap is read.
  if (maxMs === Number.POSITIVE_INFINITY && maxMemoryMb === Number.POSITIVE_INFINITY) return overNever;
  const started = realPerformanceNow();
  const heap = usedHeap();
  return () => realPerformanceNow() - started > maxMs || usedHeap() - heap > maxMemoryMb * 1024 * 1024;
}

/**
 * The bytes the JavaScript heap holds. V8's own count, read in well under a microsecond:
 * `process.memoryUsage()` also asks the system for the resident set, which took a tenth of
 * a long check's time when asked once per prediction.
 */
function usedHeap(): number {
  return getHeapStatistics().used_heap_size;
}

/**
 * The observation with its `unhandled` errors in a canonical order: the order in which a
 * subject reports them (rejection order in JavaScript, collection order in CPython) is not
 * part of the spec.
 */
export function withSortedUnhandled(observation: Observation): Observation {
  if (observation.unhandled.length < 2) return observation;
  const keyed = observation.unhandled.map((error) => [canonicalJson(error), error] as const);
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, keys that compare equal are the same text.
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...observation, unhandled: keyed.map(([, error]) => error) };
}

/**
 * True when the observation is one the spec allows for the scenario (the order of its
 * unhandled errors aside).
 */
export function isAllowed(prediction: Prediction, observation: Observation): boolean {
  const sorted = withSortedUnhandled(observation);
  return prediction.observations.some((allowed) => jsonEqual(allowed, sorted));
}
