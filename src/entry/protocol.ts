/**
 * `gather-sim/protocol`: observations as data (docs/protocol.md#observation): validating
 * them, and comparing JSON values the way the protocol does.
 *
 * @packageDocumentation
 */

export { CANCELLED_JSON } from '../observation/Observation.js';
export type {
  ErrorJson,
  GatherOutcome,
  ResultJson,
  TaskObservation,
  TaskOutcomeKind,
} from '../observation/Observation.js';
export { validateObservation } from '../observation/validateObservation.js';
export type { ObservationValidation } from '../observation/validateObservation.js';
export { canonicalJson } from '../observation/canonicalJson.js';
export { diffJson } from '../observation/diffJson.js';
export { jsonEqual } from '../observation/jsonEqual.js';
