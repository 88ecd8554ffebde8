import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import { predict } from '../../src/oracle/predict.js';
import { formatScenarioIssues } from '../../src/scenario/validateScenario.js';
import { validateObservation } from '../../src/observation/validateObservation.js';

const schema = JSON.parse(
  readFileSync(new URL('../../src/observation/observation.schema.json', import.meta.url), 'utf8'),
) as object;
const schemaAccepts = new Ajv2020.default({ allErrors: true }).compile(schema);
const good = {
  gather: { at: 2000, value: [{ value: 100 }, { error: { name: 'APIError', message: 'API failed', task: 2 } }] },
  tasks: [{ started: 0, settled: 1000, outcome: 'value', cancelRequested: null }],
  unhandled: [],
};

describe('validateObservation', () => {
  it('accepts every observation the oracle predicts, and so does the schema', () => {
    for (const scenario of fc.sample(scenarioArbitrary(), { numRuns: 300, seed: 5 })) {
      for (const observation of predict(scenario).observations) {
        expect(validateObservation(observation).ok).toBe(true);
        expect(schemaAccepts(observation)).toBe(true);
      }
    }
  });

  const bad: readonly [unknown, string][] = [
    [{ ...good, gather: { at: -1, value: [] } }, 'gather.at: expected an integer time from 0 to 10^12, got -1'],
    [
      { ...good, gather: { at: 3 } },
      'gather: expected {"at", "value"}, {"at", "error"} or {"pending": true}, got {"at":3}',
    ],
    [
      { ...good, gather: { at: 3, value: [{ result: 1 }] } },
      'gather.value[0]: expected {"value": ...} or {"error": {...}}, got {"result":1}',
    ],
    [
      { ...good, tasks: [{ started: 0, settled: null, outcome: 'done', cancelRequested: null }] },
      'tasks[0].outcome: expected one of value, error, cancelled, pending, got "done"',
    ],
    [{ ...good, unhandled: [{ name: 'E' }] }, 'unhandled[0]: missing key "message"'],
    [{ gather: { pending: true }, tasks: [] }, '(scenario): missing key "unhandled"'],
  ];
  for (const [input, expected] of bad) {
    it(`says "${expected}", as the schema rejects it`, () => {
      const validation = validateObservation(input);
      expect(validation.ok ? 'valid' : formatScenarioIssues(validation.issues)).toBe(expected);
      expect(schemaAccepts(input)).toBe(false);
    });
  }
});
