/**
 * `gather-sim/scenario`: scenarios as data (docs/protocol.md#scenario): validating them,
 * reading scenario files, the readable text form, and what a scenario uses.
 *
 * @packageDocumentation
 */

export { argsOf, MAX_TIME } from '../scenario/Scenario.js';
export type {
  ErrorSpec,
  ErrorTask,
  GatherScenario,
  GatherTask,
  HangTask,
  OnCancel,
  TaskCancellation,
  ValueTask,
} from '../scenario/Scenario.js';
export { formatScenarioIssues, validateScenario } from '../scenario/validateScenario.js';
export type { ScenarioIssue, ScenarioValidation } from '../scenario/validateScenario.js';
export { readScenarioFile, scenarioFormOf } from '../scenario/readScenarioFile.js';
export type { ScenarioFile, ScenarioFileReading, ScenarioForm } from '../scenario/readScenarioFile.js';
export { formatScenarioText } from '../scenario/formatScenarioText.js';
export { parseScenarioText } from '../scenario/parseScenarioText.js';
export type { ScenarioTextReading } from '../scenario/parseScenarioText.js';
export { tieOrderCount } from '../scenario/tieOrderCount.js';
export { ALL_FEATURES, scenarioFeatures } from '../scenario/scenarioFeatures.js';
export type { ScenarioFeature } from '../scenario/scenarioFeatures.js';
