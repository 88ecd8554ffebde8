import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/executor/runScenario.js';
import { gather } from '../src/gather/gather.js';
import { canonicalJson } from '../src/observation/canonicalJson.js';
import type { Observation } from '../src/observation/Observation.js';
import { isAllowed, predict, withSortedUnhandled } from '../src/oracle/predict.js';
import { readCpythonCorpus } from './cpythonCorpus.js';

const corpus = readCpythonCorpus();

/** Equal but for the order of `unhandled`, which the spec leaves open. */
const same = (a: Observation, b: Observation): boolean =>
  canonicalJson(withSortedUnhandled(a)) === canonicalJson(withSortedUnhandled(b));
/** Equal but for `unhandled`: CPython reports errors a never-completing return-exceptions gather left unretrieved; a JavaScript gather need not. */
const sameButUnhandled = (a: Observation, b: Observation): boolean =>
  same({ ...a, unhandled: [] }, { ...b, unhandled: [] });

describe('the recorded CPython corpus (1,500 scenarios with what asyncio.gather did)', () => {
  it('holds observations the oracle allows, every one', () => {
    expect(corpus).toHaveLength(1500);
    const rejected = corpus.filter(({ scenario, observation }) => !isAllowed(predict(scenario), observation));
    expect(rejected.map((entry) => JSON.stringify(entry.scenario)).slice(0, 3)).toEqual([]);
  });

  it('is what the oracle predicts exactly, and nothing else, wherever no events tie', () => {
    let compared = 0;
    for (const { scenario, observation } of corpus) {
      const prediction = predict(scenario);
      if (!prediction.tieFree) continue;
      compared += 1;
      const allowed = prediction.observations;
      expect(
        allowed.some((candidate) => same(candidate, observation)),
        JSON.stringify(scenario),
      ).toBe(true);
      expect(
        allowed.every((candidate) => sameButUnhandled(candidate, observation)),
        JSON.stringify(scenario),
      ).toBe(true);
      expect(allowed.length, JSON.stringify(scenario)).toBeLessThanOrEqual(2);
    }
    expect(compared).toBeGreaterThan(900);
  });

  it('is what the reference gather does wherever no events tie', async () => {
    let compared = 0;
    for (const { scenario, observation } of corpus) {
      if (!predict(scenario).tieFree) continue;
      compared += 1;
      const run = await runScenario(scenario, gather);
      const { unhandled } = run.observation;
      expect(
        same(run.observation, observation) || same({ ...observation, unhandled }, run.observation),
        JSON.stringify(scenario),
      ).toBe(true);
    }
    expect(compared).toBeGreaterThan(900);
  });
});
