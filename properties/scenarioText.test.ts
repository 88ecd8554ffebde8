import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../src/observation/jsonEqual.js';
import { formatScenarioText } from '../src/scenario/formatScenarioText.js';
import { readScenarioFile, type ScenarioFile } from '../src/scenario/readScenarioFile.js';
import type { JsonValue, Scenario } from '../src/scenario/Scenario.js';
import { formatScenarioIssues } from '../src/scenario/validateScenario.js';
import { scenarioArbitrary } from '../src/properties/arbitraries.js';
import { SUITE_SEED } from './seed.js';

const scenarios = join(fileURLToPath(new URL('../', import.meta.url)), 'scenarios');

function read(text: string): ScenarioFile {
  const reading = readScenarioFile(text);
  if (!reading.ok) throw new Error(`${formatScenarioIssues(reading.issues)}\n--- in ---\n${text}`);
  return reading.file;
}

/** The values of docs/protocol.md#scenario: numbers finite, integers within ±(2^53-1). */
function withinProtocol(value: JsonValue): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
  if (Array.isArray(value)) return value.every(withinProtocol);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(withinProtocol);
  return true;
}

/** Any JSON value as a task's value, strings with quotes, spaces, brackets and "on-cancel" in them included. */
const valueArbitrary: fc.Arbitrary<JsonValue> = fc.oneof(
  (fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }) as fc.Arbitrary<JsonValue>).filter(withinProtocol),
  fc.constantFrom<JsonValue>('a "quoted" ] on-cancel ignore', ' ', '{', [' ]', { 'a b': ' } ' }], '#not a comment'),
);

/** Scenario files: any scenario, its values replaced by arbitrary JSON, maybe a name, a description and an expect. */
const fileArbitrary: fc.Arbitrary<ScenarioFile> = fc
  .record({
    scenario: scenarioArbitrary(),
    values: fc.array(valueArbitrary, { maxLength: 6 }),
    name: fc.option(fc.string(), { nil: undefined }),
    description: fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
    messages: fc.array(fc.string(), { maxLength: 3 }),
  })
  .map(({ scenario, values, name, description, messages }): ScenarioFile => {
    let next = 0;
    const retouch = (gather: Scenario): Scenario => ({
      ...gather,
      tasks: gather.tasks.map((task) => {
        next += 1;
        if ('gather' in task) return { gather: retouch(task.gather) };
        if ('value' in task) return { ...task, value: values[next % Math.max(1, values.length)] ?? task.value };
        if ('error' in task)
          return {
            ...task,
            error: { ...task.error, message: messages[next % Math.max(1, messages.length)] ?? task.error.message },
          };
        return task;
      }),
    });
    return {
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
      scenario: retouch(scenario),
    };
  });

describe(`the text form of scenarios (seed ${SUITE_SEED})`, () => {
  it('reads back what it prints: JSON -> text -> JSON is the identity', () => {
    fc.assert(
      fc.property(fileArbitrary, (file) => {
        const back = read(formatScenarioText(file));
        expect(
          jsonEqual(back, file),
          `${formatScenarioText(file)}\n${JSON.stringify(back)}\n${JSON.stringify(file)}`,
        ).toBe(true);
      }),
      { seed: SUITE_SEED, numRuns: 1000 },
    );
  });

  it('prints what it reads: text -> JSON -> text is the identity', () => {
    fc.assert(
      fc.property(fileArbitrary, (file) => {
        const text = formatScenarioText(file);
        expect(formatScenarioText(read(text))).toBe(text);
      }),
      { seed: SUITE_SEED, numRuns: 1000 },
    );
  });

  it('round-trips every bundled scenario file, expect included', () => {
    const files = readdirSync(scenarios, { recursive: true, encoding: 'utf8' }).filter((entry) =>
      entry.endsWith('.json'),
    );
    expect(files.length).toBeGreaterThan(30);
    for (const entry of files) {
      const file = read(readFileSync(join(scenarios, entry), 'utf8'));
      const text = formatScenarioText(file);
      expect(jsonEqual(read(text), file), entry).toBe(true);
      expect(formatScenarioText(read(text)), entry).toBe(text);
    }
  });

  it('reads the tutorial program 3 written by hand, comments and blank lines included', () => {
    const file = read(`# The tutorial's third program
name "tutorial-3"
return-exceptions

task 0: sleep 1000 value 100
task 1: sleep 2000 value 200
task 2: sleep 1000 error APIError "API failed"
`);
    expect(file).toEqual({
      name: 'tutorial-3',
      scenario: {
        tasks: [
          { sleep: 1000, value: 100 },
          { sleep: 2000, value: 200 },
          { sleep: 1000, error: { name: 'APIError', message: 'API failed' } },
        ],
        returnExceptions: true,
      },
    });
  });

  it('prints nested gathers indented below their task, every onCancel form and outer cancellations', () => {
    const text = formatScenarioText({
      scenario: {
        tasks: [
          { hang: true, onCancel: { cleanup: 200 } },
          {
            sleep: 1000,
            value: 2,
            onCancel: { cleanup: 50, error: { name: 'ValueError', message: 'cleanup failed' } },
          },
          {
            gather: {
              tasks: [{ sleep: 5, value: 'x', onCancel: 'ignore' }, { gather: { tasks: [] } }],
              returnExceptions: false,
            },
          },
        ],
        args: [2, 0, 1, 1],
        cancelGatherAt: 500,
        cancelTasks: [{ task: 1, at: 10 }],
      },
    });
    expect(text).toBe(`args 2 0 1 1
task 0: hang on-cancel cleanup 200
task 1: sleep 1000 value 2 on-cancel cleanup 50 error ValueError "cleanup failed"
task 2: gather
  return-exceptions false
  task 0: sleep 5 value "x" on-cancel ignore
  task 1: gather
    no tasks
cancel gather at 500
cancel task 1 at 10
`);
  });

  const broken: readonly (readonly [string, string])[] = [
    ['task 0: sleep soon value 1', 'line 1: expected the sleep in ms (a whole number), got "soon"'],
    ['task 1: hang', 'line 1: expected "task 0:" (tasks are numbered in order from 0), got "task 1:"'],
    ['task 0: sleep 5 value {"a": 1', 'line 1: expected the value (JSON), got {"a": 1'],
    ['task 0: hang on-cancel later', 'line 1: expected "raise", "ignore" or "cleanup" after on-cancel, got "later"'],
    ['task 0: gather\n    task 0: hang', 'line 2: indented, but not below a "task N: gather" line'],
    [
      'task 0: gather\ncancel gather at 5',
      'line 2: a gather without "task 0:" lines: write "no tasks" for an empty one',
    ],
    [
      'task 0: gather\n  cancel gather at 5',
      'line 2: "cancel" belongs to the scenario, not to a nested gather: unindent it',
    ],
    [
      'retry 3',
      'line 1: unknown line "retry": expected name, description, return-exceptions, args, task N:, no tasks, cancel or expect',
    ],
    ['task 0: sleep 5 value 1 extra', 'line 1: expected "on-cancel" after the task, got "extra"'],
    ['task 0: sleep 5 error APIError 42', 'tasks[0].error.message: expected a string, got 42'],
    ['', '(scenario): empty: expected a scenario as JSON or in text form'],
  ];
  for (const [text, message] of broken) {
    it(`names the line and the reason for ${JSON.stringify(text)}`, () => {
      const reading = readScenarioFile(text);
      expect(reading.ok ? 'read' : formatScenarioIssues(reading.issues)).toBe(message);
    });
  }
});
