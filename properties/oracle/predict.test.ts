import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import type { Observation } from '../../src/observation/Observation.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { isAllowed, predict } from '../../src/oracle/predict.js';

const apiError = { name: 'APIError', message: 'API failed' };
const only = (scenario: Scenario): Observation => {
  const prediction = predict(scenario);
  expect(prediction.observations).toHaveLength(1);
  return prediction.observations[0] as Observation;
};

describe('the oracle', () => {
  it('gives the tutorial program 1 [100, 200] at 2000 ms', () => {
    expect(
      only({
        tasks: [
          { sleep: 1000, value: 100 },
          { sleep: 2000, value: 200 },
        ],
      }).gather,
    ).toEqual({ at: 2000, value: [{ value: 100 }, { value: 200 }] });
  });

  it('fails the tutorial program 2 at 3000 ms with the very APIError of task 2', () => {
    const observation = only({
      tasks: [
        { sleep: 1000, value: 100 },
        { sleep: 2000, value: 200 },
        { sleep: 3000, error: apiError },
      ],
    });
    expect(observation.gather).toEqual({ at: 3000, error: { ...apiError, task: 2 } });
  });

  it('lets a failure cancel no sibling and settles each at its own time (R5)', () => {
    const observation = only({
      tasks: [
        { sleep: 1, error: apiError },
        { sleep: 50, value: 'late' },
        { sleep: 60, error: { name: 'E', message: '' } },
      ],
    });
    expect(observation.gather).toEqual({ at: 1, error: { ...apiError, task: 0 } });
    expect(observation.tasks.map((task) => [task.settled, task.outcome, task.cancelRequested])).toEqual([
      [1, 'error', null],
      [50, 'value', null],
      [60, 'error', null],
    ]);
  });

  it('makes a cancelled gather raise a cleanup error when a child cleanup raises first (R8)', () => {
    const observation = only({
      tasks: [
        { hang: true, onCancel: { cleanup: 10, error: { name: 'ValueError', message: 'cleanup failed' } } },
        { hang: true, onCancel: { cleanup: 20 } },
      ],
      cancelGatherAt: 5,
    });
    expect(observation.gather).toEqual({ at: 15, error: { name: 'ValueError', message: 'cleanup failed', task: 0 } });
    expect(observation.tasks[1]).toEqual({ started: 0, settled: 25, outcome: 'cancelled', cancelRequested: 5 });
  });

  it('raises CancelledError when every child ignores the cancellation and returns (R8)', () => {
    const observation = only({
      tasks: [
        { sleep: 10, value: 1, onCancel: 'ignore' },
        { sleep: 30, value: 2, onCancel: 'ignore' },
      ],
      cancelGatherAt: 5,
    });
    expect(observation.gather).toEqual({ at: 30, error: { name: 'CancelledError', message: '' } });
  });

  it('raises CancelledError after all settled with returnExceptions, dropping other errors (R8, bpo-32684)', () => {
    const observation = only({
      returnExceptions: true,
      tasks: [
        { sleep: 10, error: apiError, onCancel: 'ignore' },
        { hang: true, onCancel: { cleanup: 40, error: apiError } },
      ],
      cancelGatherAt: 5,
    });
    expect(observation.gather).toEqual({ at: 45, error: { name: 'CancelledError', message: '' } });
  });

  it('keeps a cancelled child a slot of its own under returnExceptions (R9)', () => {
    const observation = only({
      returnExceptions: true,
      tasks: [{ sleep: 10, value: 1 }, { hang: true }],
      cancelTasks: [{ task: 1, at: 3 }],
    });
    expect(observation.gather).toEqual({
      at: 10,
      value: [{ value: 1 }, { error: { name: 'CancelledError', message: '' } }],
    });
  });

  it('cancels nothing when the gather is cancelled after it settled (R10)', () => {
    const observation = only({
      tasks: [
        { sleep: 1, error: apiError },
        { sleep: 100, value: 1 },
      ],
      cancelGatherAt: 50,
    });
    expect(observation.tasks[1]).toEqual({ started: 0, settled: 100, outcome: 'value', cancelRequested: null });
  });

  it('reaches an inner gather through its task while the task runs (R11)', () => {
    const observation = only({
      tasks: [{ gather: { tasks: [{ hang: true }, { sleep: 9, value: 1 }] } }, { sleep: 100, value: 2 }],
      cancelTasks: [{ task: 0, at: 4 }],
    });
    expect(observation.gather).toEqual({ at: 4, error: { name: 'CancelledError', message: '' } });
    expect(observation.tasks[0]).toEqual({ started: 0, settled: 4, outcome: 'cancelled', cancelRequested: 4 });
  });

  it('allows either failure of two tied failures, and nothing else', () => {
    const scenario: Scenario = {
      tasks: [
        { sleep: 5, error: { name: 'A', message: '' } },
        { sleep: 5, error: { name: 'B', message: '' } },
        { sleep: 7, error: { name: 'C', message: '' } },
      ],
    };
    const prediction = predict(scenario);
    expect(prediction.tieFree).toBe(false);
    expect(prediction.observations.map((observation) => observation.gather)).toEqual([
      { at: 5, error: { name: 'A', message: '', task: 0 } },
      { at: 5, error: { name: 'B', message: '', task: 1 } },
    ]);
    const [allowed] = prediction.observations as [Observation];
    expect(isAllowed(prediction, { ...allowed, gather: { at: 7, error: { name: 'C', message: '', task: 2 } } })).toBe(
      false,
    );
    expect(isAllowed(prediction, { ...allowed, gather: { at: 5, error: { name: 'A', message: '' } } })).toBe(false);
    expect(isAllowed(prediction, { ...allowed, gather: { at: 6, error: { name: 'A', message: '', task: 0 } } })).toBe(
      false,
    );
  });

  it('allows a cancel tied with a completion to come first or second, and nothing in between', () => {
    const prediction = predict({ tasks: [{ sleep: 5, value: 1 }, { hang: true }], cancelTasks: [{ task: 0, at: 5 }] });
    expect(prediction.observations.map((observation) => observation.tasks[0])).toEqual([
      { started: 0, settled: 5, outcome: 'cancelled', cancelRequested: 5 },
      { started: 0, settled: 5, outcome: 'value', cancelRequested: null },
    ]);
    expect(
      isAllowed(prediction, {
        ...(prediction.observations[0] as Observation),
        tasks: [
          { started: 0, settled: 5, outcome: 'value', cancelRequested: 5 },
          { started: 0, settled: null, outcome: 'pending', cancelRequested: null },
        ],
      }),
    ).toBe(false);
  });

  it('rejects, on every generated tie scenario, a gather that settles when nothing happens', () => {
    const ties = fc
      .sample(scenarioArbitrary(), { numRuns: 400, seed: 7 })
      .map((scenario) => ({ scenario, prediction: predict(scenario) }))
      .filter(({ prediction }) => !prediction.tieFree);
    expect(ties.length).toBeGreaterThan(50);
    for (const { prediction } of ties) {
      for (const observation of prediction.observations) {
        if ('pending' in observation.gather) continue;
        const moved = { ...observation, gather: { ...observation.gather, at: observation.gather.at + 0.5 } };
        expect(isAllowed(prediction, moved)).toBe(false);
      }
    }
  });

  it('is tie-free with exactly one observation when no two events share a millisecond', () => {
    const prediction = predict({
      tasks: [
        { sleep: 1, value: 1 },
        { sleep: 2, value: 2 },
      ],
      cancelGatherAt: 3,
    });
    expect(prediction).toMatchObject({ tieFree: true, complete: true });
    expect(prediction.observations).toHaveLength(1);
  });

  it('loses no outcome by skipping orders of commuting actions', () => {
    const sorted = (scenario: Scenario, reduce: boolean): string[] =>
      predict(scenario, { reduce, maxStates: Infinity, maxMs: Infinity, maxMemoryMb: Infinity })
        .observations.map((observation) => JSON.stringify(observation))
        .sort();
    const ties = fc
      .sample(scenarioArbitrary({ maxTasks: 4, maxWideTasks: 0, maxDepth: 1 }), { numRuns: 500, seed: 13 })
      .filter((scenario) => !predict(scenario).tieFree);
    expect(ties.length).toBeGreaterThan(80);
    for (const scenario of ties)
      expect(sorted(scenario, true), JSON.stringify(scenario)).toEqual(sorted(scenario, false));
  });

  it('gives exactly one observation to every generated tie-free scenario, but for its unretrieved-errors twin', () => {
    const tieFree = fc
      .sample(scenarioArbitrary(), { numRuns: 1500, seed: 11 })
      .map((scenario) => predict(scenario))
      .filter((prediction) => prediction.tieFree);
    expect(tieFree.length).toBeGreaterThan(900);
    let twins = 0;
    for (const prediction of tieFree) {
      const [first, twin, ...rest] = prediction.observations;
      expect(rest).toEqual([]);
      if (twin === undefined) continue;
      twins += 1;
      expect(first?.unhandled).toEqual([]);
      expect(twin.unhandled.length).toBeGreaterThan(0);
      expect({ ...twin, unhandled: [] }).toEqual(first);
    }
    expect(twins).toBeGreaterThan(0);
  });

  it('lets a return-exceptions gather that never completes report its failed children as unretrieved, as CPython does, or not', () => {
    const scenario = {
      returnExceptions: true,
      tasks: [{ sleep: 5, error: { name: 'E', message: 'lost' } }, { hang: true as const }],
    };
    const prediction = predict(scenario);
    expect(prediction.observations.map((observation) => observation.unhandled)).toEqual([
      [],
      [{ name: 'E', message: 'lost', task: 0 }],
    ]);
    expect(
      predict({ ...scenario, returnExceptions: false }).observations.map((observation) => observation.unhandled),
    ).toEqual([[]]);
  });
});

// Cases where CPython 3.11's asyncio.gather (run on a virtual clock) showed that what an
// event causes at an instant may interleave with other same-instant events and their effects.
describe('the oracle on same-instant interleavings that CPython shows', () => {
  it('lets a cancel land between a timer and the step that finishes its task', () => {
    // At 1 ms task 0's sleep ends and the gather is cancelled: in asyncio the task resumes one
    // loop iteration after its timer, so it may see the cancellation, ignore it, and still fail first.
    const prediction = predict({
      tasks: [
        { sleep: 1, error: { name: 'E', message: 'late' }, onCancel: 'ignore' },
        { sleep: 3, value: 3 },
      ],
      cancelGatherAt: 1,
    });
    const gathers = prediction.observations.map((observation) => [
      observation.gather,
      observation.tasks[0]?.cancelRequested,
    ]);
    expect(gathers).toContainEqual([{ at: 1, error: { name: 'E', message: 'late', task: 0 } }, 1]);
    expect(gathers).toContainEqual([{ at: 1, error: { name: 'E', message: 'late', task: 0 } }, null]);
  });

  it('lets a 0 ms cleanup error race a cancellation that goes through a nested gather', () => {
    // CPython: the cleanup error reaches the outer gather in fewer loop iterations than the
    // cancellation of the nested gather's task; a JS gather sees the nested one first.
    const prediction = predict({
      tasks: [
        { gather: { tasks: [{ sleep: 4801, value: null }] } },
        { sleep: 2147483647, value: 94, onCancel: { cleanup: 0, error: { name: 'E', message: '' } } },
      ],
      cancelGatherAt: 10,
    });
    expect(prediction.tieFree).toBe(false);
    expect(prediction.observations.map((observation) => observation.gather)).toEqual(
      expect.arrayContaining([
        { at: 10, error: { name: 'CancelledError', message: '' } },
        { at: 10, error: { name: 'E', message: '', task: 1 } },
      ]),
    );
  });

  it('finishes an empty nested gather as it starts, before a cancel at 0 can reach it', () => {
    const prediction = predict({ tasks: [{ gather: { tasks: [] } }, { sleep: 5, value: 1 }], cancelGatherAt: 0 });
    expect(prediction.tieFree).toBe(true);
    expect(prediction.observations).toEqual([
      {
        gather: { at: 0, error: { name: 'CancelledError', message: '' } },
        tasks: [
          { started: 0, settled: 0, outcome: 'value', cancelRequested: null },
          { started: 0, settled: 0, outcome: 'cancelled', cancelRequested: 0 },
        ],
        unhandled: [],
      },
    ]);
  });
});
