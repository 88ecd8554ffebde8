import { describe, expect, it } from 'vitest';
import { predict } from '../../src/oracle/predict.js';
import type { PredictOptions } from '../../src/oracle/predict.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { expectTypeError, thrown } from './argumentErrors.js';

const one: Scenario = { tasks: [{ sleep: 5, value: 1 }] };
const bad = (scenario: unknown, options?: unknown): unknown =>
  thrown(() => predict(scenario as Scenario, options as PredictOptions));

describe('predict arguments', () => {
  it('predict rejects an args index past the tasks with a TypeError naming args[0]', () => {
    expectTypeError(
      bad({ tasks: [{ sleep: 5, value: 1 }], args: [5] }),
      'predict: the scenario is invalid: args[0]: expected a task index from 0 to 0, got 5\nargs: every task index must appear at least once; missing 0',
    );
  });

  it('predict rejects a negative sleep instead of predicting a gather that settles at -5', () => {
    expectTypeError(
      bad({ tasks: [{ sleep: -5, value: 1 }] }),
      'predict: the scenario is invalid: tasks[0].sleep: expected a non-negative integer of at most 10^12 (ms), got -5',
    );
  });

  it('predict rejects a missing scenario, one without tasks, and a task of no known form', () => {
    expectTypeError(
      bad(undefined),
      'predict: the scenario is invalid: (scenario): expected a scenario object, got undefined',
    );
    expectTypeError(bad({}), 'predict: the scenario is invalid: tasks: expected an array of tasks, got undefined');
    expectTypeError(
      bad({ tasks: [{ value: 1 }] }),
      'predict: the scenario is invalid: tasks[0]: expected a task with "sleep", "hang" or "gather", got {"value":1}',
    );
  });

  it('predict rejects a cancellation of a task that does not exist, naming cancelTasks[0].task', () => {
    expectTypeError(
      bad({ tasks: [{ hang: true }], cancelTasks: [{ task: 3, at: 1 }] }),
      'predict: the scenario is invalid: cancelTasks[0].task: expected a task index from 0 to 0, got 3',
    );
  });

  it('predict rejects options that are not an object', () => {
    expectTypeError(bad(one, null), 'predict: options must be an object, got null');
    expectTypeError(bad(one, 5), 'predict: options must be an object, got 5 (number)');
  });

  it('predict rejects a maxStates that is negative, fractional, NaN or a string', () => {
    expectTypeError(
      bad(one, { maxStates: -1 }),
      'predict: maxStates must be a non-negative integer or Infinity, got -1 (number)',
    );
    expectTypeError(
      bad(one, { maxStates: 1.5 }),
      'predict: maxStates must be a non-negative integer or Infinity, got 1.5 (number)',
    );
    expectTypeError(
      bad(one, { maxStates: Number.NaN }),
      'predict: maxStates must be a non-negative integer or Infinity, got NaN (number)',
    );
    expectTypeError(
      bad(one, { maxStates: '10' }),
      'predict: maxStates must be a non-negative integer or Infinity, got "10" (string)',
    );
  });

  it('predict rejects a reduce that is not a boolean', () => {
    expectTypeError(bad(one, { reduce: 'no' }), 'predict: reduce must be true or false, got "no" (string)');
    expectTypeError(bad(one, { reduce: 0 }), 'predict: reduce must be true or false, got 0 (number)');
  });

  it('predict still predicts a valid scenario, with options at their limits', () => {
    const expected = [
      {
        gather: { at: 5, value: [{ value: 1 }] },
        tasks: [{ started: 0, settled: 5, outcome: 'value', cancelRequested: null }],
        unhandled: [],
      },
    ];
    expect(predict(one).observations).toEqual(expected);
    expect(predict(one, { maxStates: Infinity, reduce: false }).observations).toEqual(expected);
    expect(predict(one, { maxStates: 0 }).complete).toBe(true);
  });
});
