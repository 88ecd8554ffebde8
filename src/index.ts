/**
 * gather-sim: a deterministic simulation test harness for gather, with asyncio.gather's
 * semantics (DESIGN.md rules R1-R12), on a virtual clock.
 *
 * @packageDocumentation
 */

// The reference gather and the shape of any gather under test.
export { gather } from './gather/gather.js';
export { CancelledError, isCancellation } from './gather/CancelledError.js';
export type { Child, GatherFunction, GatherOptions } from './gather/GatherFunction.js';

// Scenarios (PROTOCOL.md SCENARIO) and scenario files.
export { argsOf, MAX_TIME } from './scenario/Scenario.js';
export type { ErrorSpec, ErrorTask, GatherScenario, GatherTask, HangTask, JsonValue, OnCancel, Scenario, Task, TaskCancellation, ValueTask } from './scenario/Scenario.js';
export { formatScenarioIssues, validateScenario } from './scenario/validateScenario.js';
export type { ScenarioIssue, ScenarioValidation } from './scenario/validateScenario.js';
export { readScenarioFile } from './scenario/readScenarioFile.js';
export { formatScenarioText } from './scenario/formatScenarioText.js';
export { parseScenarioText } from './scenario/parseScenarioText.js';
export type { ScenarioTextReading } from './scenario/parseScenarioText.js';
export { tieOrderCount } from './scenario/tieOrderCount.js';
export type { ScenarioFile, ScenarioFileReading } from './scenario/readScenarioFile.js';
export { ALL_FEATURES, scenarioFeatures } from './scenario/scenarioFeatures.js';
export type { ScenarioFeature } from './scenario/scenarioFeatures.js';

// Observations (PROTOCOL.md OBSERVATION).
export { CANCELLED_JSON } from './observation/Observation.js';
export type { ErrorJson, GatherOutcome, Observation, ResultJson, TaskObservation, TaskOutcomeKind } from './observation/Observation.js';
export { validateObservation } from './observation/validateObservation.js';
export type { ObservationValidation } from './observation/validateObservation.js';
export { canonicalJson } from './observation/canonicalJson.js';
export { diffJson } from './observation/diffJson.js';
export { jsonEqual } from './observation/jsonEqual.js';

// Running a scenario on a subject, in virtual time.
export { runScenario } from './executor/runScenario.js';
export type { RunOptions } from './executor/runScenario.js';
export type { Run } from './executor/Run.js';
export type { Leak, LeakOwner } from './executor/Leak.js';
export { forEachTieOrder } from './executor/forEachTieOrder.js';
export type { TieOrdersExplored } from './executor/forEachTieOrder.js';
export { runDigest } from './executor/runDigest.js';
export { formatTieOrder, MAX_EXHAUSTIVE_TIE, picksOf, TIE_MODES } from './clock/TieChoice.js';
export type { TieChoice, TieMode } from './clock/TieChoice.js';
export type { TraceEvent } from './executor/TraceEvent.js';

// The oracle: what the spec allows.
export { isAllowed, predict, withSortedUnhandled } from './oracle/predict.js';
export type { Prediction, PredictOptions } from './oracle/predict.js';

// Formatting (pure).
export { formatError, formatGatherOutcome, formatResult } from './report/formatResult.js';
export { formatTime, formatTimeline, taskNote, TIMELINE_LEGEND } from './report/formatTimeline.js';
export type { TimelineOptions } from './report/formatTimeline.js';
export { formatTimelineSvg } from './report/formatTimelineSvg.js';
export { formatLeaks } from './report/formatLeaks.js';

// Conformance: subjects, their capabilities, and reports (the library behind `gather-sim check`).
export { CAPABILITIES } from './conformance/Capabilities.js';
export type { Capabilities, Capability } from './conformance/Capabilities.js';
export { validateSubject } from './conformance/Subject.js';
export type { Subject, SubjectValidation } from './conformance/Subject.js';
export { toSubjectRunner } from './conformance/SubjectRunner.js';
export type { SubjectLike, SubjectRunner } from './conformance/SubjectRunner.js';
export { loadSubject } from './conformance/loadSubject.js';
export type { LoadedSubject } from './conformance/loadSubject.js';
export { restrictScenario } from './conformance/restrictScenario.js';
export { scenarioNeeds } from './conformance/scenarioNeeds.js';
export { checkGather, checkSubject, DEFAULT_RUNS, DEFAULT_SEED } from './conformance/checkGather.js';
export type { CheckGatherOptions } from './conformance/checkGather.js';
export { assertGather } from './conformance/assertGather.js';
export { conforms } from './conformance/ConformanceReport.js';
export type { ConformanceReport, SubjectReport } from './conformance/ConformanceReport.js';
export { formatReport } from './conformance/formatReport.js';
export { formatMarkdown } from './conformance/formatMarkdown.js';
export { formatHtml } from './conformance/formatHtml.js';
export { checkingDeterminism } from './conformance/checkingDeterminism.js';
export { reportToJson } from './conformance/reportToJson.js';
export { reportFromJson } from './conformance/reportFromJson.js';
export type { ReportReading } from './conformance/reportFromJson.js';
export { mergeReports } from './conformance/mergeReports.js';
export { startExternalSubject } from './conformance/externalSubject.js';
export type { ExternalStart, ExternalSubject, ExternalSubjectOptions } from './conformance/externalSubject.js';
export { BUNDLED_SUBJECTS } from './subjects/bundledSubjects.js';

// Properties: named, reusable, over fast-check scenario arbitraries, for any gather.
export { scenarioArbitrary, tiePicksArbitrary, timeArbitrary } from './properties/arbitraries.js';
export type { ScenarioConstraints } from './properties/arbitraries.js';
export { assertProperty } from './properties/assertProperty.js';
export { checkProperty } from './properties/checkProperty.js';
export type { CheckPropertyOptions, PropertyReport, Shard } from './properties/checkProperty.js';
export { formatPropertyReport } from './properties/formatPropertyReport.js';
export type { CheckFailure, CheckOutcome, GatherProperty } from './properties/GatherProperty.js';
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
} from './properties/gatherProperties.js';
export { determinism } from './properties/determinismProperty.js';
export { noLeakedTimers } from './properties/noLeakedTimersProperty.js';
export { projectionProperty } from './properties/projectionProperty.js';
export type { Projection } from './properties/projectionProperty.js';
