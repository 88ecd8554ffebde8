import type { Observation } from '../observation/Observation.js';
import { validateObservation } from '../observation/validateObservation.js';
import type { Scenario } from './Scenario.js';
import { checkJsonShape } from './inputLimits.js';
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

/** The two forms of a scenario file: JSON, or gather-sim's text form. */
export type ScenarioForm = 'json' | 'text';

/**
 * The form a scenario file's text is in, when its name does not say (`.json`, `.gsim`):
 * JSON when its first character after a byte-order mark and white space is `{`, `[`, `"`,
 * `-` or a digit, or when it is only `true`, `false` or `null`; the text form otherwise
 * (its lines start with a word such as `task` or `name`, or `#`).
 */
export function scenarioFormOf(text: string): ScenarioForm {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  return /^[{["\-0-9]/.test(trimmed) || ['true', 'false', 'null'].includes(trimmed) ? 'json' : 'text';
}

/** The form a scenario file is in by its name: `.json` or `.gsim`; undefined for any other name. */
export function scenarioFormOfPath(path: string): ScenarioForm | undefined {
  if (path.toLowerCase().endsWith('.json')) return 'json';
  if (path.toLowerCase().endsWith('.gsim')) return 'text';
  return undefined;
}

/**
 * Parses the text of a scenario file: JSON holding a SCENARIO (docs/protocol.md#scenario), optionally with
 * `name`, `description` and `expect` (an OBSERVATION), or the same in gather-sim's text form
 * (`formatScenarioText`): `form`, or when not given the form {@link scenarioFormOf} sees.
 * A leading byte-order mark is skipped. A bare SCENARIO is a valid file. Every issue names
 * its JSON path, or its line in text form. Input beyond docs/protocol.md#limits (nesting,
 * counts, line length) is an issue too, found before anything walks it recursively.
 */
export function readScenarioFile(text: string, form: ScenarioForm = scenarioFormOf(text)): ScenarioFileReading {
  const body = text.replace(/^\uFEFF/, '');
  let input: unknown;
  if (body.trim() === '') {
    return { ok: false, issues: [{ path: '', message: 'empty: expected a scenario as JSON or in text form' }] };
  } else if (form === 'json') {
    try {
      input = JSON.parse(body);
    } catch (error) {
      return { ok: false, issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
    }
    const shape = checkJsonShape(input);
    if (shape !== undefined) return { ok: false, issues: [shape] };
  } else {
    const reading = parseScenarioText(body);
    if (!reading.ok) return reading;
    input = reading.value;
  }
  if (!isRecord(input)) {
    return {
      ok: false,
      issues: [{ path: '', message: `a scenario is a JSON object {"tasks": [...], ...}, got ${describeValue(input)}` }],
    };
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
