// node --expose-gc dist/bench/oracle.js: the oracle's time and memory on the tie-heavy inputs
// of issue 14 (and one big tie of 100,500 tasks), within its default budget. It prints
// figures and never fails on them.
import { realPerformanceNow } from '../src/clock/realTimers.js';
import { predict } from '../src/oracle/predict.js';
import type { Scenario } from '../src/scenario/Scenario.js';
import { manyTasks, tieHeavy } from './workloads.js';

/** One prediction: wall time, heap growth, the branches it explored and whether it finished. */
export function measurePrediction(scenario: Scenario): {
  readonly ms: number;
  readonly heapMB: number;
  readonly explored: number;
  readonly complete: boolean;
} {
  (globalThis as { gc?: () => void }).gc?.();
  const heap = process.memoryUsage().heapUsed;
  const started = realPerformanceNow();
  const prediction = predict(scenario);
  const ms = realPerformanceNow() - started;
  const heapMB = Math.max(0, process.memoryUsage().heapUsed - heap) / 1e6;
  return {
    ms: Math.round(ms),
    heapMB: Math.round(heapMB),
    explored: prediction.explored,
    complete: prediction.complete,
  };
}

/** The oracle's figures, one line per input. */
export function oracleBench(): string[] {
  const inputs: [string, Scenario][] = [
    ['(a) tie-heavy, 6 tasks', tieHeavy(6)],
    ['(b) tie-heavy, 30 tasks', tieHeavy(30)],
    ['(c) tie-heavy, 100 tasks', tieHeavy(100)],
    ['100,500 tasks tied at 5 ms', manyTasks(100_500)],
  ];
  return inputs.map(([name, scenario]) => {
    const figures = measurePrediction(scenario);
    const answer = figures.complete ? 'complete' : `too many orderings (${String(figures.explored)} explored)`;
    return `  ${name.padEnd(28)} ${String(figures.ms).padStart(6)} ms  heap +${String(figures.heapMB)} MB  ${answer}`;
  });
}

if (process.argv[1]?.endsWith('oracle.js') === true)
  process.stdout.write(
    `the oracle within its default budget (1 s, 256 MB, 10,000 branches):\n${oracleBench().join('\n')}\n`,
  );
