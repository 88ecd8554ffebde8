/**
 * gather-sim: a deterministic simulation test harness for gather, with asyncio.gather's
 * semantics (docs/semantics.md, rules R1-R12), on a virtual clock.
 *
 * The root entry holds what a user reaches for first: the reference gather, checking a
 * gather against every property, running one scenario, and the types they take and give.
 * The rest lives in subpath entries: `gather-sim/properties`, `gather-sim/scenario`,
 * `gather-sim/run`, `gather-sim/oracle`, `gather-sim/conformance`, `gather-sim/report`,
 * `gather-sim/protocol` and `gather-sim/vitest`.
 *
 * @packageDocumentation
 */

// The reference gather and the shape of any gather under test.
export { gather } from './gather/gather.js';
export { CancelledError, isCancellation } from './gather/CancelledError.js';
export type { Child, GatherFunction, GatherOptions } from './gather/GatherFunction.js';

// Checking a gather against every property.
export { checkGather } from './conformance/checkGather.js';
export type { CheckGatherOptions } from './conformance/checkGather.js';
export { assertGather } from './conformance/assertGather.js';
export { formatReport } from './conformance/formatReport.js';
export type { ConformanceReport, SubjectReport } from './conformance/ConformanceReport.js';
export type { Subject } from './conformance/Subject.js';
export type { SubjectLike } from './conformance/SubjectRunner.js';
export type { Capabilities, Capability } from './conformance/Capabilities.js';

// The properties, as one collection, and one property at a time.
export { gatherProperties } from './properties/gatherProperties.js';
export { assertProperty } from './properties/assertProperty.js';
export type { CheckPropertyOptions, PropertyReport } from './properties/checkProperty.js';
export type { GatherProperty } from './properties/GatherProperty.js';
export { scenarioArbitrary } from './properties/arbitraries.js';

// One scenario on a subject, in virtual time (docs/protocol.md#scenario and #observation).
export { runScenario } from './executor/runScenario.js';
export type { RunOptions } from './executor/runScenario.js';
export type { Run } from './executor/Run.js';
export type { JsonValue, Scenario, Task } from './scenario/Scenario.js';
export type { Observation } from './observation/Observation.js';
