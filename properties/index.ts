export { scenarioArbitrary, timeArbitrary } from './arbitraries.js';
export type { ScenarioConstraints } from './arbitraries.js';
export { assertProperty } from './assertProperty.js';
export { checkProperty } from './checkProperty.js';
export type { CheckPropertyOptions, PropertyReport } from './checkProperty.js';
export { formatPropertyReport } from './formatPropertyReport.js';
export type { CheckFailure, CheckOutcome, GatherProperty } from './GatherProperty.js';
export {
  cancelAfterDone,
  childCancellation,
  concurrency,
  empty,
  failFast,
  gatherProperties,
  nesting,
  noUnhandled,
  oracle,
  order,
  outerCancellation,
  returnExceptions,
  siblingsLiveOn,
  start,
  success,
} from './gatherProperties.js';
export { determinism } from './determinismProperty.js';
export { projectionProperty } from './projectionProperty.js';
export type { Projection } from './projectionProperty.js';
