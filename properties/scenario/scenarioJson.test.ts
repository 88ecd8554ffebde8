import { describe, expect, it } from 'vitest';
import { scenarioJson } from '../../src/scenario/scenarioJson.js';
import type { Scenario } from '../../src/scenario/Scenario.js';

describe('scenarioJson', () => {
  it("gives each scenario's own JSON text, asked once or again, after another or not", () => {
    const first: Scenario = { tasks: [{ sleep: 5, value: 'a' }] };
    const second: Scenario = { tasks: [{ sleep: 5, value: 'a' }], returnExceptions: true };
    const texts = [first, first, second, second, first].map(scenarioJson);
    expect(texts).toEqual([first, first, second, second, first].map((scenario) => JSON.stringify(scenario)));
  });
});
