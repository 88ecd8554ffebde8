import { createHash } from 'node:crypto';
import { canonicalJson } from '../observation/canonicalJson.js';
import type { Run } from './Run.js';

/**
 * A short digest of everything a run showed: its observation, its trace (down to the
 * order children started in), its start counts, problems and tie choices. Two runs of
 * one scenario on a deterministic subject have the same digest.
 */
export function runDigest(run: Run): string {
  const text = canonicalJson({
    observation: run.observation,
    trace: run.trace,
    starts: run.starts,
    problems: run.problems,
    ties: run.ties,
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
