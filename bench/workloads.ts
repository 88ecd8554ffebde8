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

/** A leaf of {@link tieHeavy}: it fails at 1,000 ms, and its 0 ms cleanup raises when cancelled. */
function failingWithCleanup(message: string): Task {
  return {
    sleep: 1000,
    error: { name: 'TaskError', message },
    onCancel: { cleanup: 0, error: { name: 'CleanupError', message } },
  };
}

/**
 * The oracle's tie-heavy input (issue 14): `tasks` failing tasks whose 0 ms cleanups raise,
 * and a nested return-exceptions gather of 6 like them, the gather and each task cancelled
 * at 10 ms. Its orders of tied events are too many to explore: the oracle's budget decides.
 * properties/fixtures/oracle/tie-heavy-{6,30,100}.json are this, with a name.
 */
export function tieHeavy(tasks: number): Scenario {
  const top = Array.from({ length: tasks }, (_, index) => failingWithCleanup(`t${String(index)}`));
  const nested = Array.from({ length: 6 }, (_, index) => failingWithCleanup(`n${String(index)}`));
  const all: Task[] = [...top, { gather: { tasks: nested, returnExceptions: true } }];
  return { tasks: all, cancelGatherAt: 10, cancelTasks: all.map((_, task) => ({ task, at: 10 })) };
}

/** `count` tasks that all sleep 5 ms and return: one big tie, more sleeps than the runaway cap. */
export function manyTasks(count: number): Scenario {
  return { tasks: Array.from({ length: count }, (_, index): Task => ({ sleep: 5, value: index })) };
}
