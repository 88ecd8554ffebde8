import fc from 'fast-check';
import { realPerformanceNow } from '../src/clock/realTimers.js';
import { runScenario } from '../src/executor/runScenario.js';
import type { GatherFunction } from '../src/gather/GatherFunction.js';
import { scenarioArbitrary } from '../src/properties/arbitraries.js';
import type { Scenario } from '../src/scenario/Scenario.js';

/** The cost of the same scenarios at the start and at the end of a long run in one process. */
export interface Drift {
  /** Milliseconds per scenario of the first 100 runs. */
  readonly firstMs: number;
  /** Milliseconds per scenario of the last 100 runs: the same 100 scenarios again. */
  readonly lastMs: number;
  /** `lastMs / firstMs`: 1 when nothing earlier scenarios left behind slows later ones. */
  readonly ratio: number;
}

const EDGE = 100;

async function timeRuns(scenarios: readonly Scenario[], gather: GatherFunction): Promise<number> {
  const started = realPerformanceNow();
  for (const scenario of scenarios) await runScenario(scenario, gather);
  return realPerformanceNow() - started;
}

/**
 * Runs `total` generated scenarios (the check's own arbitrary, hangs and cancellations
 * included) on `gather` in this process, after a warm-up of 100 others: 100 scenarios, then
 * the rest, then the first 100 again, so that the first and last 100 differ only in what
 * ran before them.
 */
export async function scenarioCostDrift(gather: GatherFunction, total = 2000, seed = 20261125): Promise<Drift> {
  const drawn = fc.sample(scenarioArbitrary(), { numRuns: total - EDGE, seed });
  await timeRuns(fc.sample(scenarioArbitrary(), { numRuns: EDGE, seed: seed + 1 }), gather);
  const edge = drawn.slice(0, EDGE);
  const first = await timeRuns(edge, gather);
  await timeRuns(drawn.slice(EDGE), gather);
  const last = await timeRuns(edge, gather);
  return { firstMs: first / EDGE, lastMs: last / EDGE, ratio: last / first };
}
