import { canonicalJson } from '../observation/canonicalJson.js';
import type { Observation } from '../observation/Observation.js';
import type { Scenario } from '../scenario/Scenario.js';
import { buildModel } from './model.js';
import { Simulation } from './Simulation.js';

/** What the spec allows for one scenario. */
export interface Prediction {
  /** True when no two events ever fall due at the same millisecond: exactly one observation is right. */
  readonly tieFree: boolean;
  /**
   * Every observation some order of tied events allows, distinct, the first-in-first-out
   * order's first. Exactly one when `tieFree`.
   */
  readonly observations: readonly Observation[];
  /** False when the orderings were too many to explore them all (see `maxStates`). */
  readonly complete: boolean;
}

/** Options of {@link predict}. */
export interface PredictOptions {
  /** Distinct states to explore at most before giving up on completeness (default 200,000). */
  readonly maxStates?: number;
}

/**
 * The oracle: a pure function from a scenario to the observations rules R1-R12 allow,
 * with no clock and no promises. Where events fall due at the same millisecond it explores
 * every order of them (DESIGN.md, "Ties"), merging orders that lead to the same state.
 *
 * The scenario must be valid (see `validateScenario`).
 */
export function predict(scenario: Scenario, options: PredictOptions = {}): Prediction {
  const maxStates = options.maxStates ?? 200_000;
  const seen = new Set<string>();
  const found = new Map<string, Observation>();
  let tieFree = true;
  let complete = true;
  const explore = (start: Simulation): void => {
    const sim = start;
    for (;;) {
      const due = sim.dueEvents();
      if (due.length === 0) {
        const observation = sim.observation();
        found.set(canonicalJson(observation), observation);
        return;
      }
      if (due.length === 1) {
        sim.fire(due[0] as (typeof due)[number]);
        continue;
      }
      tieFree = false;
      for (const event of due) {
        const next = sim.clone();
        next.fire(event);
        const key = next.key();
        if (seen.has(key)) continue;
        if (seen.size >= maxStates) {
          complete = false;
          return;
        }
        seen.add(key);
        explore(next);
      }
      return;
    }
  };
  explore(Simulation.start(buildModel(scenario), scenario));
  return { tieFree, observations: [...found.values()], complete };
}

/** True when the observation is one the spec allows for the scenario. */
export function isAllowed(prediction: Prediction, observation: Observation): boolean {
  const text = canonicalJson(observation);
  return prediction.observations.some((allowed) => canonicalJson(allowed) === text);
}
