import { createClock } from '@sinonjs/fake-timers';
import { oracle } from '../src/properties/gatherProperties.js';
import { realPerformanceNow } from '../src/clock/realTimers.js';
import { toSubjectRunner } from '../src/conformance/SubjectRunner.js';
import { gather } from '../src/gather/gather.js';
import type { Scenario } from '../src/scenario/Scenario.js';

/** Scenarios per second of one way of running a workload. */
export type Measure = (scenarios: readonly Scenario[]) => Promise<number>;

async function timed(scenarios: readonly Scenario[], each: (scenario: Scenario) => Promise<void>): Promise<number> {
  const started = realPerformanceNow();
  for (const scenario of scenarios) await each(scenario);
  return scenarios.length / ((realPerformanceNow() - started) / 1000);
}

const reference = toSubjectRunner(gather);

/**
 * The harness: the executor runs the reference gather on the virtual clock and observes it,
 * and the `oracle` property checks the whole observation against the spec.
 */
export const harness: Measure = (scenarios) =>
  timed(scenarios, async (scenario) => {
    const outcome = await oracle.check(scenario, reference);
    if (!outcome.ok) throw new Error(`the reference failed the oracle on ${JSON.stringify(scenario)}`);
  });

/**
 * The bare loop a user would write: a @sinonjs/fake-timers `createClock` per scenario, the
 * children as promises on its setTimeout, the same gather, and `runAllAsync`.
 */
export const bareLoop: Measure = (scenarios) =>
  timed(scenarios, async (scenario) => {
    const clock = createClock(0, 1_000_000);
    const signal = new AbortController().signal;
    const children = scenario.tasks.map(
      (task) => () =>
        new Promise<unknown>((resolve, reject) => {
          const sleep = 'sleep' in task ? task.sleep : 0;
          clock.setTimeout(
            () =>
              'error' in task
                ? reject(new Error(task.error.message))
                : resolve('value' in task ? task.value : undefined),
            sleep,
          );
        }),
    );
    const result = gather(children, { signal }).then(
      (values) => values,
      (error: unknown) => error,
    );
    await clock.runAllAsync();
    await result;
  });

/** The microtask floor: the same children as already-settled promises under Promise.allSettled, no clock. */
export const floor: Measure = (scenarios) =>
  timed(scenarios, async (scenario) => {
    await Promise.allSettled(
      scenario.tasks.map((task) =>
        'error' in task
          ? Promise.reject(new Error(task.error.message))
          : Promise.resolve('value' in task ? task.value : undefined),
      ),
    );
  });
