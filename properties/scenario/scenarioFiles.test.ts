import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import { isAllowed, predict } from '../../src/oracle/predict.js';
import { readScenarioFile } from '../../src/scenario/readScenarioFile.js';
import { formatScenarioIssues } from '../../src/scenario/validateScenario.js';

const folder = new URL('../../scenarios/', import.meta.url);
const names = readdirSync(folder, { recursive: true })
  .map(String)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('the scenario files', () => {
  it('include the tutorial programs and at least one file per rule R1-R12', () => {
    const prefixes = [
      'tutorial-1',
      'tutorial-2',
      'tutorial-3',
      ...Array.from({ length: 12 }, (_, index) => `r${String(index + 1).padStart(2, '0')}-`),
      'cpython/test_',
    ];
    for (const prefix of prefixes)
      expect(
        names.some((name) => name.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  for (const name of names.filter((file) => !file.startsWith('cpython/'))) {
    it(`${name} runs on the reference exactly as its "expect" says, which is what the oracle predicts`, async () => {
      const reading = readScenarioFile(readFileSync(new URL(name, folder), 'utf8'));
      if (!reading.ok) expect.fail(formatScenarioIssues(reading.issues));
      const { scenario, expect: expected } = reading.file;
      expect(expected, 'every bundled file carries "expect"').toBeDefined();
      const run = await runScenario(scenario, gather);
      expect(run.observation).toEqual(expected);
      expect(predict(scenario).observations).toEqual([expected]);
    });
  }

  for (const name of names.filter((file) => file.startsWith('cpython/'))) {
    it(`${name} (CPython's own test, its "expect" taken from CPython) is what the oracle allows, and what the reference does`, async () => {
      const reading = readScenarioFile(readFileSync(new URL(name, folder), 'utf8'));
      if (!reading.ok) expect.fail(formatScenarioIssues(reading.issues));
      const { scenario, expect: expected } = reading.file;
      if (expected === undefined) throw new Error('every bundled file carries "expect"');
      const prediction = predict(scenario);
      expect(isAllowed(prediction, expected)).toBe(true);
      expect(prediction.tieFree).toBe(true);
      const run = await runScenario(scenario, gather);
      // CPython may report errors it never retrieved; the reference handles them (both allowed).
      expect(run.observation).toEqual({ ...expected, unhandled: [] });
    });
  }
});

describe('readScenarioFile', () => {
  it('strips name, description and expect, and accepts a bare scenario', () => {
    const reading = readScenarioFile('{"name": "n", "description": "d", "tasks": []}');
    expect(reading).toEqual({ ok: true, file: { name: 'n', description: 'd', scenario: { tasks: [] } } });
  });

  it('names the place of a bad expect', () => {
    const reading = readScenarioFile(
      '{"tasks": [], "expect": {"gather": {"at": -5, "value": []}, "tasks": [], "unhandled": []}}',
    );
    expect(reading.ok ? '' : formatScenarioIssues(reading.issues)).toBe(
      'expect.gather.at: expected an integer time from 0 to 10^12, got -5',
    );
  });

  it('says when an expect has the wrong number of tasks', () => {
    const reading = readScenarioFile(
      '{"tasks": [{"hang": true}], "expect": {"gather": {"pending": true}, "tasks": [], "unhandled": []}}',
    );
    expect(reading.ok ? '' : formatScenarioIssues(reading.issues)).toBe(
      'expect.tasks: expected one entry per task (1), got 0',
    );
  });

  it('says where the JSON is broken', () => {
    const reading = readScenarioFile('{"tasks": [}');
    expect(reading.ok ? '' : formatScenarioIssues(reading.issues)).toMatch(/^\(scenario\): not valid JSON: /);
  });
});
