import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import { formatScenarioIssues, validateScenario } from '../../src/scenario/validateScenario.js';

const schema = JSON.parse(
  readFileSync(new URL('../../src/scenario/scenario.schema.json', import.meta.url), 'utf8'),
) as object;
const schemaAccepts = new Ajv2020.default({ allErrors: true }).compile(schema);
const message = (input: unknown): string => {
  const validation = validateScenario(input);
  return validation.ok ? 'valid' : formatScenarioIssues(validation.issues);
};

/** Malformed scenarios, each with the message the validator must give. */
const malformed: readonly [unknown, string][] = [
  [
    {
      tasks: [
        { sleep: 1, value: 1 },
        { sleep: 1, value: 1 },
        { sleep: -1, value: 1 },
      ],
    },
    'tasks[2].sleep: expected a non-negative integer of at most 10^12 (ms), got -1',
  ],
  [
    { tasks: [{ sleep: 1.5, value: 1 }] },
    'tasks[0].sleep: expected a non-negative integer of at most 10^12 (ms), got 1.5',
  ],
  [
    { tasks: [{ sleep: 1e13, value: 1 }] },
    'tasks[0].sleep: expected a non-negative integer of at most 10^12 (ms), got 10000000000000',
  ],
  [
    { tasks: [{ sleep: 1, value: 1, colour: 'red' }] },
    'tasks[0].colour: unknown key in a sleeping task; allowed keys: sleep, value, onCancel',
  ],
  [
    { tasks: [{ sleep: 1, value: 1, error: { name: 'E', message: '' } }] },
    'tasks[0]: a task has either "value" or "error", not both',
  ],
  [{ tasks: [{ sleep: 1 }] }, 'tasks[0]: a sleeping task needs "value" or "error"'],
  [{ tasks: [{ hang: false }] }, 'tasks[0].hang: expected true, got false'],
  [{ tasks: [{ wait: 3 }] }, 'tasks[0]: expected a task with "sleep", "hang" or "gather", got {"wait":3}'],
  [
    { tasks: [{ sleep: 1, error: { name: 'CancelledError', message: '' } }] },
    'tasks[0].error.name: expected a name other than CancelledError or AbortError (those mean cancellation), got "CancelledError"',
  ],
  [
    { tasks: [{ sleep: 1, error: { name: 'bad name', message: '' } }] },
    'tasks[0].error.name: expected a name matching ^[A-Za-z_][A-Za-z0-9_]*$, got "bad name"',
  ],
  [{ tasks: [{ sleep: 1, error: { name: 'E' } }] }, 'tasks[0].error.message: expected a string, got undefined'],
  [
    { tasks: [{ hang: true, onCancel: 'shrug' }] },
    'tasks[0].onCancel: expected "raise", "ignore" or {"cleanup": ms, "error"?: {...}}, got "shrug"',
  ],
  [
    { tasks: [{ hang: true, onCancel: { cleanup: -3 } }] },
    'tasks[0].onCancel.cleanup: expected a non-negative integer of at most 10^12 (ms), got -3',
  ],
  [
    {
      tasks: [
        { sleep: 1, value: 1 },
        { sleep: 2, value: 2 },
      ],
      args: [0, 0],
    },
    'args: every task index must appear at least once; missing 1',
  ],
  [{ tasks: [{ sleep: 1, value: 1 }], args: [0, 3] }, 'args[1]: expected a task index from 0 to 0, got 3'],
  [{ tasks: [], args: [0] }, 'args[0]: expected nothing (there are no tasks), got 0'],
  [
    { tasks: [{ sleep: 1, value: 1 }], cancelTasks: [{ task: 1, at: 5 }] },
    'cancelTasks[0].task: expected a task index from 0 to 0, got 1',
  ],
  [
    { tasks: [{ hang: true }], cancelGatherAt: 'soon' },
    'cancelGatherAt: expected a non-negative integer of at most 10^12 (ms), got "soon"',
  ],
  [
    { tasks: [{ gather: { tasks: [], cancelGatherAt: 3 } }] },
    'tasks[0].gather.cancelGatherAt: unknown key in a nested gather; allowed keys: tasks, args, returnExceptions',
  ],
  [{ tasks: [{ sleep: 1, value: 1 }], returnExceptions: 'yes' }, 'returnExceptions: expected true or false, got "yes"'],
  [
    { tasks: [{ sleep: 1, value: 2 ** 60 }] },
    'tasks[0].value: expected a finite number (integers within ±(2^53-1)), got 1152921504606847000',
  ],
  [
    { tasks: [{ hang: true, onCancel: { cleanup: 10 } }], cancelGatherAt: 1e12 },
    '(scenario): a cleanup of 10 ms after a cancellation at 1000000000000 ms ends after 10^12 ms',
  ],
  [{ tasks: 3 }, 'tasks: expected an array of tasks, got 3'],
  [[1, 2], '(scenario): expected a scenario object, got [1,2]'],
  [
    { tasks: [], name: 'a file key' },
    'name: unknown key in a scenario; allowed keys: tasks, args, returnExceptions, cancelGatherAt, cancelTasks',
  ],
];

describe('validateScenario', () => {
  it('accepts the scenario of docs/protocol.md', () => {
    const scenario = {
      returnExceptions: false,
      tasks: [
        { sleep: 1000, value: 100 },
        { sleep: 1000, error: { name: 'APIError', message: 'API failed' } },
        { hang: true, onCancel: { cleanup: 300 } },
      ],
      args: [0, 1, 1, 2],
      cancelGatherAt: 1500,
      cancelTasks: [{ task: 2, at: 700 }],
    };
    expect(validateScenario(scenario)).toEqual({ ok: true, scenario });
  });

  for (const [input, expected] of malformed) {
    it(`says "${expected}"`, () => {
      expect(message(input)).toBe(expected);
    });
  }

  it('reports every issue at once, one per line', () => {
    expect(message({ tasks: [{ sleep: -1, value: 1 }, { hang: 1 }], args: [0] })).toBe(
      [
        'tasks[0].sleep: expected a non-negative integer of at most 10^12 (ms), got -1',
        'tasks[1].hang: expected true, got 1',
        'args: every task index must appear at least once; missing 1',
      ].join('\n'),
    );
  });
});

describe('the JSON Schema of a scenario', () => {
  it('accepts every generated scenario, as the validator does', () => {
    for (const scenario of fc.sample(scenarioArbitrary(), { numRuns: 500, seed: 3 })) {
      expect(schemaAccepts(scenario), JSON.stringify(schemaAccepts.errors)).toBe(true);
    }
  });

  it('rejects every malformed scenario whose rule a schema can state', () => {
    const beyondSchema = new Set([
      'args: every task index must appear at least once; missing 1',
      'args[1]: expected a task index from 0 to 0, got 3',
      'args[0]: expected nothing (there are no tasks), got 0',
      'cancelTasks[0].task: expected a task index from 0 to 0, got 1',
      '(scenario): a cleanup of 10 ms after a cancellation at 1000000000000 ms ends after 10^12 ms',
    ]);
    for (const [input, expected] of malformed) {
      expect(schemaAccepts(input), expected).toBe(beyondSchema.has(expected));
    }
  });
});
