import { runDigest } from '../executor/runDigest.js';
import type { Run } from '../executor/Run.js';
import { diffJson } from '../observation/diffJson.js';
import type { SubjectRunner } from './SubjectRunner.js';

/** Where a rerun first departed from the first run, as one line. */
function firstDifference(first: Run, second: Run): string {
  const [line] = diffJson(
    { trace: first.trace, observation: first.observation, starts: first.starts },
    { trace: second.trace, observation: second.observation, starts: second.starts },
  );
  return line ?? 'in its problems or tie choices';
}

/**
 * The subject, run twice on every scenario (with the same tie order): when the digests of
 * the two runs differ (see `runDigest`), the run reports the problem, naming both digests
 * and the first difference, so every property fails on a subject that behaves differently
 * on a rerun (`--check-determinism`).
 */
export function checkingDeterminism(runner: SubjectRunner): SubjectRunner {
  return {
    ...runner,
    async run(scenario, options) {
      const first = await runner.run(scenario, options);
      const second = await runner.run(scenario, options);
      const [before, after] = [runDigest(first), runDigest(second)];
      if (before === after) return second;
      const problem = `not deterministic: a second run of the same scenario differed (digest ${before}, then ${after}); first difference: ${firstDifference(first, second)}`;
      return { ...second, problems: [...second.problems, problem] };
    },
  };
}
