/**
 * `gather-sim/oracle`: what the rules allow for a scenario (docs/semantics.md), computed
 * without a clock or a promise.
 *
 * @packageDocumentation
 */

export { isAllowed, predict } from '../oracle/predict.js';
export type { Prediction, PredictOptions } from '../oracle/predict.js';
