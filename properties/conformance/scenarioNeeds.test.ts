import { describe, expect, it } from 'vitest';
import { scenarioNeeds } from '../../src/conformance/scenarioNeeds.js';

describe('scenarioNeeds', () => {
  it('names returnExceptions at any depth, and cancellation of the gather or of a nested-gather task', () => {
    expect(scenarioNeeds({ tasks: [{ sleep: 1, value: 1 }], args: [0, 0] })).toEqual([]);
    expect(scenarioNeeds({ tasks: [{ gather: { tasks: [], returnExceptions: true } }] })).toEqual(['returnExceptions']);
    expect(scenarioNeeds({ tasks: [{ hang: true }], cancelGatherAt: 5 })).toEqual(['cancellation']);
    expect(scenarioNeeds({ tasks: [{ gather: { tasks: [] } }], cancelTasks: [{ task: 0, at: 1 }] })).toEqual(['cancellation']);
    expect(scenarioNeeds({ tasks: [{ hang: true }], cancelTasks: [{ task: 0, at: 1 }], returnExceptions: true })).toEqual(['returnExceptions']);
  });

  it('does not count returnExceptions: false as a need', () => {
    expect(scenarioNeeds({ tasks: [{ gather: { tasks: [], returnExceptions: false } }], returnExceptions: false })).toEqual([]);
  });
});
