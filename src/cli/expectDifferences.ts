import { diffJson } from '../observation/diffJson.js';
import type { Observation } from '../observation/Observation.js';
import { isAllowed, type Prediction } from '../oracle/predict.js';

/**
 * Where an observation departs from a file's "expect". Only `unhandled` differing counts as
 * a match when the spec allows both: CPython reports errors a return-exceptions gather that
 * never completed left unretrieved, and a JavaScript gather need not.
 */
export function expectDifferences(expected: Observation, observation: Observation, prediction: Prediction): string[] {
  const differences = diffJson(expected, observation);
  const onlyUnhandled = differences.every((line) => line.startsWith('unhandled'));
  return onlyUnhandled && isAllowed(prediction, expected) && isAllowed(prediction, observation) ? [] : differences;
}
