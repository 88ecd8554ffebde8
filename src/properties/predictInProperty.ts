import type { Scenario } from '../scenario/Scenario.js';
import { predict, type Prediction } from '../oracle/predict.js';

/**
 * The oracle's prediction as the properties use it: bounded by the count of explored
 * branches only (`maxStates`, the same on every machine), never by real time or memory, so
 * that a seed draws the same scenarios and gives the same verdicts on a fast machine and on
 * a loaded one. Where the count runs out the prediction is incomplete, and the properties
 * treat what it did not find as not known to be wrong.
 */
export function predictInProperty(scenario: Scenario): Prediction {
  return predict(scenario, { maxMs: Number.POSITIVE_INFINITY, maxMemoryMb: Number.POSITIVE_INFINITY });
}
