/**
 * `gather-sim/properties`: each property on its own, the checker behind them, and the
 * fast-check arbitraries they draw scenarios from. The root entry has the collection
 * (`gatherProperties`) and `assertProperty`.
 *
 * @packageDocumentation
 */

export {
  cancelAfterDone,
  childCancellation,
  concurrency,
  empty,
  failFast,
  nesting,
  noUnhandled,
  oracle,
  order,
  outerCancellation,
  returnExceptions,
  siblingsLiveOn,
  start,
  success,
} from '../properties/gatherProperties.js';
export { determinism } from '../properties/determinismProperty.js';
export { noLeakedTimers } from '../properties/noLeakedTimersProperty.js';
export { projectionProperty } from '../properties/projectionProperty.js';
export type { Projection } from '../properties/projectionProperty.js';
export { checkProperty } from '../properties/checkProperty.js';
export type { Shard } from '../properties/checkProperty.js';
export { formatPropertyReport } from '../properties/formatPropertyReport.js';
export type { CheckFailure, CheckOutcome } from '../properties/GatherProperty.js';
export { tiePicksArbitrary, timeArbitrary } from '../properties/arbitraries.js';
export type { ScenarioConstraints } from '../properties/arbitraries.js';
