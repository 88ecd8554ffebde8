import type { Observation } from '../observation/Observation.js';
import { validateObservation } from '../observation/validateObservation.js';
import type { Scenario } from './Scenario.js';
import { parseScenarioText } from './parseScenarioText.js';
import { describeValue, isRecord, validateScenario, type ScenarioIssue } from './validateScenario.js';

/** A scenario file: a SCENARIO that may also carry a name, a description and the expected OBSERVATION. */
export interface ScenarioFile {
  readonly name?: string;
  readonly description?: string;
  /** The bare SCENARIO, with the file-only keys stripped (what a subject is sent). */
  readonly scenario: Scenario;
  readonly expect?: Observation;
}

/** The result of reading a scenario file's text. */
export type ScenarioFileReading =
  | { readonly ok: true; readonly file: ScenarioFile }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

const FILE_KEYS = ['name', 'description', 'expect'];

/**
 * Parses the text of a scenario file: JSON holding a SCENARIO (docs/protocol.md#scenario), optionally with
 * `name`, `description` and `expect` (an OBSERVATION), or the same in gather-sim's text form
 * (`formatScenarioText`): text whose first character that is not a space is `{` is JSON. A
 * bare SCENARIO is a valid file. Every issue names its JSON path, or its line in text form.
 */
export function readScenarioFile(text: string): ScenarioFileReading {
  let input: unknown;
  if (text.trimStart().startsWith('{')) {
    try {
      input = JSON.parse(text);
    } catch (error) {
      return { ok: false, issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
    }
  } else if (text.trim() === '') {
    return { ok: false, issues: [{ path: '', message: 'empty: expected a scenario as JSON or in text form' }] };
  } else {
    const reading = parseScenarioText(text);
    if (!reading.ok) return reading;
    input = reading.value;
  }
  if (!isRecord(input)) {
    return { ok: false, issues: [{ path: '', message: `expected a scenario object, got ${describeValue(input)}` }] };
  }
  const record = input;
  const issues: ScenarioIssue[] = [];
  for (const key of ['name', 'description']) {
    if (key in record && typeof record[key] !== 'string')
      issues.push({ path: key, message: `expected a string, got ${describeValue(record[key])}` });
  }
  const bare = Object.fromEntries(Object.entries(record).filter(([key]) => !FILE_KEYS.includes(key)));
  const scenario = validateScenario(bare);
  if (!scenario.ok) issues.push(...scenario.issues);
  let expect: Observation | undefined;
  if ('expect' in record) {
    const observation = validateObservation(record['expect']);
    if (!observation.ok)
      issues.push(
        ...observation.issues.map((issue) => ({
          path: issue.path === '' ? 'expect' : `expect.${issue.path}`,
          message: issue.message,
        })),
      );
    else if (Array.isArray(record['tasks']) && observation.observation.tasks.length !== record['tasks'].length) {
      issues.push({
        path: 'expect.tasks',
        message: `expected one entry per task (${record['tasks'].length}), got ${observation.observation.tasks.length}`,
      });
    } else expect = observation.observation;
  }
  if (issues.length > 0 || !scenario.ok) return { ok: false, issues };
  return {
    ok: true,
    file: {
      ...(typeof record['name'] === 'string' ? { name: record['name'] } : {}),
      ...(typeof record['description'] === 'string' ? { description: record['description'] } : {}),
      scenario: scenario.scenario,
      ...(expect === undefined ? {} : { expect }),
    },
  };
}
