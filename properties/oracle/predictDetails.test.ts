import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import type { ErrorJson, Observation } from '../../src/observation/Observation.js';
import { validateObservation } from '../../src/observation/validateObservation.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { isAllowed, predict, withSortedUnhandled } from '../../src/oracle/predict.js';

const error = (name: string, task?: number): ErrorJson =>
  task === undefined ? { name, message: '' } : { name, message: '', task };
const observation = (unhandled: ErrorJson[]): Observation => ({ gather: { pending: true }, tasks: [], unhandled });
const gathers = (scenario: Scenario): unknown[] => predict(scenario).observations.map((allowed) => allowed.gather);

describe('the oracle, in detail', () => {
  it('predicts only well-formed observations, one task entry per task, for every generated scenario', () => {
    for (const scenario of fc.sample(scenarioArbitrary(), { numRuns: 600, seed: 17 })) {
      for (const allowed of predict(scenario).observations) {
        const validation = validateObservation(allowed);
        expect(validation.ok, `${JSON.stringify(scenario)}\n${JSON.stringify(allowed)}`).toBe(true);
        expect(allowed.tasks).toHaveLength(scenario.tasks.length);
      }
    }
  });

  it('orders unhandled errors canonically: any order of the same errors gives one list, each error kept', () => {
    const errors = [error('C', 2), error('A'), error('B', 0), error('A', 1)];
    const sorted = withSortedUnhandled(observation(errors)).unhandled;
    expect(sorted).toEqual([error('A', 1), error('A'), error('B', 0), error('C', 2)]);
    for (const order of [
      [3, 2, 1, 0],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ]) {
      expect(withSortedUnhandled(observation(order.map((index) => errors[index] as ErrorJson))).unhandled).toEqual(
        sorted,
      );
    }
    const single = observation([error('Z', 4)]);
    expect(withSortedUnhandled(single)).toBe(single);
  });

  it('allows an observation whatever the order of its unhandled errors, and not with one missing', () => {
    const scenario: Scenario = {
      tasks: [
        { sleep: 1, error: { name: 'A', message: '' } },
        { sleep: 2, error: { name: 'B', message: '' } },
        { hang: true },
      ],
      returnExceptions: true,
    };
    const prediction = predict(scenario);
    const withErrors = prediction.observations.find((allowed) => allowed.unhandled.length === 2);
    if (withErrors === undefined) throw new Error('no twin with the unretrieved errors');
    expect(isAllowed(prediction, { ...withErrors, unhandled: [...withErrors.unhandled].reverse() })).toBe(true);
    expect(isAllowed(prediction, { ...withErrors, unhandled: withErrors.unhandled.slice(1) })).toBe(false);
  });

  it('lets a cancellation tied with the last completion of a return-exceptions gather come before it or after it', () => {
    expect(gathers({ tasks: [{ sleep: 5, value: 1 }], cancelGatherAt: 5, returnExceptions: true })).toEqual([
      { at: 5, error: { name: 'CancelledError', message: '' } },
      { at: 5, value: [{ value: 1 }] },
    ]);
  });

  it('cancels a nested-gather task whose inner gather refused the request because its children were done', () => {
    const prediction = predict({
      tasks: [{ gather: { tasks: [{ sleep: 5, value: 1 }] } }],
      cancelTasks: [{ task: 0, at: 5 }],
    });
    expect(prediction.observations.map((allowed) => allowed.tasks[0])).toEqual([
      { started: 0, settled: 5, outcome: 'cancelled', cancelRequested: 5 },
      { started: 0, settled: 5, outcome: 'value', cancelRequested: null },
    ]);
  });

  it('gives up exactly at maxStates branches: three tied failures need three', () => {
    const scenario: Scenario = {
      tasks: [0, 1, 2].map((index) => ({ sleep: 5, error: { name: 'APIError', message: `child ${index}` } })),
    };
    expect(predict(scenario, { maxStates: 3 }).complete).toBe(true);
    expect(predict(scenario, { maxStates: 2 }).complete).toBe(false);
  });

  it('has a default budget that explores a large tie completely', () => {
    const scenario: Scenario = {
      tasks: Array.from({ length: 6 }, () => ({ hang: true as const })),
      cancelTasks: Array.from({ length: 6 }, (_, task) => ({ task, at: 5 })),
    };
    expect(predict(scenario).complete).toBe(true);
  });
});
