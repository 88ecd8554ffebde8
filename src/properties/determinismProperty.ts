import { canonicalJson } from '../observation/canonicalJson.js';
import { scenarioArbitrary } from './arbitraries.js';
import type { GatherProperty } from './GatherProperty.js';

/**
 * Determinism: the same scenario run twice on the same subject gives the same observation,
 * the same trace (down to the order children start in) and the same start counts.
 */
export const determinism: GatherProperty = {
  id: 'determinism',
  rule: 'determinism',
  statement: 'the same scenario gives the same observation and trace on every run',
  needs: [],
  arbitrary: scenarioArbitrary(),
  async check(scenario, subject) {
    const first = await subject.run(scenario);
    const second = await subject.run(scenario);
    const digest = (run: typeof first): string =>
      canonicalJson({ observation: run.observation, trace: run.trace, starts: run.starts, problems: run.problems });
    if (digest(first) === digest(second)) return { ok: true };
    return {
      ok: false,
      reason: 'a second run of the same scenario differed from the first',
      expected: { observation: first.observation, trace: first.trace },
      observed: { observation: second.observation, trace: second.trace },
      run: second,
      expectedObservation: first.observation,
    };
  },
};
