import type { Scenario, Task } from '../src/scenario/Scenario.js';

/** A small seeded generator (mulberry32): the same seed, the same workloads. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The shape of a benchmark workload. */
export interface WorkloadShape {
  readonly scenarios: number;
  readonly children: number;
  /** Delays are uniform in 0..maxDelay ms (5,000 for the headline). */
  readonly maxDelay: number;
  /** The share of children that fail (0.2 for the headline). */
  readonly failing: number;
  readonly seed: number;
}

/** The headline: 10 children x 2,000 scenarios, delays uniform in 0-5,000 ms, 20% failing. */
export const HEADLINE: WorkloadShape = { scenarios: 2000, children: 10, maxDelay: 5000, failing: 0.2, seed: 20261125 };

/**
 * Fail-fast scenarios of sleeping children: delays drawn uniform in 0..5,000 ms and then
 * scaled to 0..maxDelay, so workloads of every scale share their draws.
 */
export function workload(shape: WorkloadShape): Scenario[] {
  const random = seededRandom(shape.seed);
  return Array.from({ length: shape.scenarios }, (): Scenario => ({
    tasks: Array.from({ length: shape.children }, (_, index): Task => {
      const sleep = Math.round((Math.floor(random() * 5001) * shape.maxDelay) / 5000);
      return random() < shape.failing
        ? { sleep, error: { name: 'APIError', message: `child ${index}` } }
        : { sleep, value: index };
    }),
  }));
}
