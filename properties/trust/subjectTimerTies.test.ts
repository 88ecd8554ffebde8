import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachTieOrder } from '../../src/executor/forEachTieOrder.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import type { GatherOutcome } from '../../src/observation/Observation.js';
import { checkProperty } from '../../src/properties/checkProperty.js';
import { projectionProperty } from '../../src/properties/projectionProperty.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { SUITE_SEED } from '../seed.js';

/** A gather with a 10 ms deadline of its own, cleared when it settles first. */
const deadline: GatherFunction = (children, options) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('deadline'));
    }, 10);
    gather(children, options).then(
      (results) => {
        clearTimeout(timer);
        resolve(results);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes the child's error on
        reject(error);
      },
    );
  });

/**
 * Wrong only in the order first-in-first-out never takes: it raises when its children
 * complete at 10 ms before its own 10 ms timer, due at that instant too, has fired.
 */
const racesItsTimer: GatherFunction = async (children, options) => {
  const timer = { fired: false };
  setTimeout(() => {
    timer.fired = true;
  }, 10);
  const results = await gather(children, options);
  if (!timer.fired && Date.now() === 10) throw new Error('completed before my timer');
  return results;
};

const oneAt10: Scenario = { tasks: [{ sleep: 10, value: 1 }] };

/** R3 on children that all complete at 10 ms, the instant the subject's own timer is due. */
const successAt10 = projectionProperty({
  id: 'success',
  rule: 'R3',
  statement: 'when all children succeed the gather resolves at the last completion with all values',
  arbitrary: fc
    .integer({ min: 1, max: 3 })
    .map((count): Scenario => ({ tasks: Array.from({ length: count }, (_, index) => ({ sleep: 10, value: index })) })),
  project: (observation) => observation.gather,
});

const outcomeOf = async (picks: readonly number[]): Promise<GatherOutcome> =>
  (await runScenario(oneAt10, deadline, { ties: picks })).observation.gather;

describe(`ties between the subject's own timers and script events (seed ${SUITE_SEED})`, () => {
  it('fires the subject’s timer first when no order is given, and records the choice as a tie', async () => {
    const run = await runScenario(oneAt10, deadline);
    expect(run.observation.gather).toEqual({ at: 10, error: { name: 'Error', message: 'deadline' } });
    expect(run.ties).toEqual([{ at: 10, count: 2, pick: 0 }]);
  });

  it('fires the script event first at pick 1, and the picks a run made replay it byte for byte', async () => {
    const run = await runScenario(oneAt10, deadline, { ties: [1] });
    expect(run.observation.gather).toEqual({ at: 10, value: [{ value: 1 }] });
    expect(run.ties).toEqual([{ at: 10, count: 2, pick: 1 }]);
    const again = await runScenario(oneAt10, deadline, { ties: run.ties.map((choice) => choice.pick) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(run));
  });

  it('tries both orders of a subject timer and a script event due at one instant, exhaustively', async () => {
    const outcomes: GatherOutcome[] = [];
    const explored = await forEachTieOrder(
      async (picks) => {
        const run = await runScenario(oneAt10, deadline, { ties: picks });
        outcomes.push(run.observation.gather);
        return run.ties;
      },
      () => true,
    );
    expect(explored).toEqual({ status: 'all', orders: 2 });
    expect(outcomes).toEqual([await outcomeOf([]), await outcomeOf([1])]);
    expect(outcomes[0]).not.toEqual(outcomes[1]);
  });

  it('passes a gather wrong only when a child beats its timer under fifo, which shuffle and exhaustive catch and replay', async () => {
    const fifo = await checkProperty(successAt10, racesItsTimer, { seed: SUITE_SEED, numRuns: 30 });
    expect(fifo.status).toBe('pass');
    for (const ties of ['shuffle', 'exhaustive'] as const) {
      const report = await checkProperty(successAt10, racesItsTimer, { seed: SUITE_SEED, numRuns: 30, ties });
      if (report.status !== 'fail') throw new Error(`${ties}: not caught (${report.status})`);
      expect(report.ties?.mode).toBe(ties);
      // The printed picks replay the failing order: the gather raised at 10 ms.
      const run = await runScenario(report.scenario, racesItsTimer, { ties: report.ties?.picks ?? [] });
      expect(run.observation.gather).toEqual({
        at: 10,
        error: { name: 'Error', message: 'completed before my timer' },
      });
    }
  }, 60_000);
});
