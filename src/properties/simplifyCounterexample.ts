import { canonicalJson } from '../observation/canonicalJson.js';
import type { Scenario } from '../scenario/Scenario.js';
import { simplerScenarios } from '../scenario/simplerScenarios.js';

/** Checks a second pass may spend on one counterexample (see {@link simplifyCounterexample}). */
export const SIMPLIFY_BUDGET = 200;

/** What the second pass ended with. */
export interface Simplified<F> {
  readonly scenario: Scenario;
  /** The failure of `scenario`, as `fails` returned it. */
  readonly failure: F;
  /** Candidates checked. */
  readonly checks: number;
  /** False when the budget ran out before no candidate was left to try. */
  readonly complete: boolean;
}

/**
 * The second pass after fast-check's shrinking, greedy and deterministic: tries the
 * candidates of `simplerScenarios` in order and keeps the first one `fails` still fails on
 * (a failure, or undefined when the candidate passes, is not allowed, or is outside the
 * subject's reach), then starts over from it, until none is kept or `budget` candidates
 * have been checked. A candidate seen once is never checked again. The counterexample it
 * returns fails, as the one it was given did: it never turns a failure into a pass.
 */
export async function simplifyCounterexample<F>(
  scenario: Scenario,
  failure: F,
  fails: (candidate: Scenario) => Promise<F | undefined>,
  budget = SIMPLIFY_BUDGET,
): Promise<Simplified<F>> {
  const seen = new Set<string>([canonicalJson(scenario)]);
  let current = { scenario, failure };
  let checks = 0;
  for (;;) {
    let kept = false;
    for (const candidate of simplerScenarios(current.scenario)) {
      const key = canonicalJson(candidate);
      if (seen.has(key)) continue;
      seen.add(key);
      if (checks === budget) return { ...current, checks, complete: false };
      checks += 1;
      const found = await fails(candidate);
      if (found === undefined) continue;
      current = { scenario: candidate, failure: found };
      kept = true;
      break;
    }
    if (!kept) return { ...current, checks, complete: true };
  }
}
