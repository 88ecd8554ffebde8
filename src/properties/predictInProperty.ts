import type { Scenario } from '../scenario/Scenario.js';
import { predict, type Prediction } from '../oracle/predict.js';
import { scenarioJson } from '../scenario/scenarioJson.js';

/** Bounded by the count of branches alone (the default `maxStates`): neither time nor memory. */
const UNBOUNDED_IN_TIME = { maxMs: Number.POSITIVE_INFINITY, maxMemoryMb: Number.POSITIVE_INFINITY } as const;

/** Predictions kept for scenarios seen again (the oldest forgotten first). */
const REMEMBERED = 4096;

/** The latest predictions, by the scenario's JSON text. */
const remembered = new Map<string, Prediction>();

/** Whether predictions are remembered: only where scenarios come again (`rememberPredictions`). */
let remembering = false;

/**
 * The oracle's prediction as the properties use it: bounded by the count of explored
 * branches only (`maxStates`, the same on every machine), never by real time or memory, so
 * that a seed draws the same scenarios and gives the same verdicts on a fast machine and on
 * a loaded one. Where the count runs out the prediction is incomplete, and the properties
 * treat what it did not find as not known to be wrong.
 *
 * A prediction is a pure function of the scenario, so where `rememberPredictions` is on
 * the latest few thousand are remembered by the scenario's JSON text: the properties that
 * draw from the same arbitrary with the same seed (start, no-unhandled, oracle), and the
 * departure search's re-checks, ask again for scenarios already predicted.
 */
export function predictInProperty(scenario: Scenario): Prediction {
  if (!remembering) return predict(scenario, UNBOUNDED_IN_TIME);
  const key = scenarioJson(scenario);
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const prediction = predict(scenario, UNBOUNDED_IN_TIME);
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  remembered.set(key, prediction);
  return prediction;
}

/**
 * Turns the memory of predictions on or off (off by default), forgetting what it held.
 * `check`'s workers turn it on: every property of a subject draws from the same seed, so
 * about a third of their predictions come again (6-7% of the matrix's CPU). Off, a caller
 * that never repeats a scenario (a user's `checkGather` on fresh seeds, the benchmark's
 * headline) pays neither the key nor the kept predictions, whose garbage collection cost
 * the headline about 30% of its throughput.
 */
export function rememberPredictions(on: boolean): void {
  remembering = on;
  remembered.clear();
}
