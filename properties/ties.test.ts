import fc from 'fast-check';
import { tiedInstants } from '../src/scenario/tiedInstants.js';
import { describe, expect, it } from 'vitest';
import { forEachTieOrder } from '../src/executor/forEachTieOrder.js';
import { runScenario } from '../src/executor/runScenario.js';
import { gather } from '../src/gather/gather.js';
import type { Observation } from '../src/observation/Observation.js';
import { isAllowed, predict } from '../src/oracle/predict.js';
import type { Scenario } from '../src/scenario/Scenario.js';
import { checkProperty } from '../src/properties/checkProperty.js';
import { gatherProperties } from '../src/properties/gatherProperties.js';
import { projectionProperty } from '../src/properties/projectionProperty.js';
import { SUITE_SEED } from './seed.js';
import { wrongGathers } from './wrongGathers.js';

/** Three children failing at the same instant: which error the gather raises depends on the order. */
const threeTied: Scenario = {
  tasks: [0, 1, 2].map((index) => ({ sleep: 5, error: { name: 'APIError', message: `child ${index}` } })),
};

const settleOrder = (trace: readonly { kind: string; task?: number }[]): number[] =>
  trace.filter((event) => event.kind === 'settle').map((event) => event.task as number);

const completionOrder = wrongGathers.find((wrong) => wrong.name === 'completion order');

/** R2 on scenarios whose children all finish at one instant: under fifo they complete in argument order. */
const orderUnderTies = projectionProperty({
  id: 'order',
  rule: 'R2',
  statement: 'results come back in argument order, never completion order',
  arbitrary: fc
    .integer({ min: 2, max: 4 })
    .map((count): Scenario => ({ tasks: Array.from({ length: count }, (_, index) => ({ sleep: 5, value: index })) })),
  project: (observation) => ('value' in observation.gather ? observation.gather.value : 'no result list'),
});

describe(`ties: events due at the same instant (seed ${SUITE_SEED})`, () => {
  it('checks a scenario with three children finishing at the same instant in all 6 orders', async () => {
    const orders: number[][] = [];
    const observations: Observation[] = [];
    const explored = await forEachTieOrder(
      async (picks) => {
        const run = await runScenario(threeTied, gather, { ties: picks });
        orders.push(settleOrder(run.trace));
        observations.push(run.observation);
        return run.ties;
      },
      () => true,
    );
    expect(explored).toEqual({ status: 'all', orders: 6 });
    expect(orders.map((order) => order.join('')).sort()).toEqual(['012', '021', '102', '120', '201', '210']);
    const prediction = predict(threeTied);
    for (const observation of observations) expect(isAllowed(prediction, observation)).toBe(true);
    // The gather raises the error of whichever child failed first, and each did in some order.
    const raised = new Set(
      observations.map((observation) => ('error' in observation.gather ? observation.gather.error.task : undefined)),
    );
    expect([...raised].sort()).toEqual([0, 1, 2]);
  });

  it('replays an order from its picks: the same picks give the same trace, byte for byte', async () => {
    const first = await runScenario(threeTied, gather, { ties: [2, 1] });
    const again = await runScenario(threeTied, gather, { ties: first.ties.map((choice) => choice.pick) });
    expect(settleOrder(first.trace)).toEqual([2, 1, 0]);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it('fires tied events first-in-first-out when no order is given', async () => {
    const run = await runScenario(threeTied, gather);
    expect(settleOrder(run.trace)).toEqual([0, 1, 2]);
    expect(run.ties).toEqual([
      { at: 5, count: 3, pick: 0 },
      { at: 5, count: 2, pick: 0 },
    ]);
  });

  it('rejects a wrong outcome on a tie scenario: the oracle allows the three errors at 5 ms and nothing else', () => {
    const prediction = predict(threeTied);
    expect(prediction.tieFree).toBe(false);
    const raised = prediction.observations.map((observation) => observation.gather);
    expect(raised).toHaveLength(3);
    const allowed = prediction.observations[0] as Observation;
    const late: Observation = {
      ...allowed,
      gather: { at: 6, error: { name: 'APIError', message: 'child 0', task: 0 } },
    };
    const wrongMessage: Observation = {
      ...allowed,
      gather: { at: 5, error: { name: 'APIError', message: 'child 1', task: 0 } },
    };
    const resolved: Observation = { ...allowed, gather: { at: 5, value: [] } };
    for (const wrong of [late, wrongMessage, resolved]) expect(isAllowed(prediction, wrong)).toBe(false);
  });

  it('passes a completion-order gather under fifo ties, which shuffle and exhaustive catch', async () => {
    if (completionOrder === undefined) throw new Error('no "completion order" wrong gather');
    const fifo = await checkProperty(orderUnderTies, completionOrder.gather, { seed: SUITE_SEED, numRuns: 50 });
    expect(fifo.status).toBe('pass');
    const shuffle = await checkProperty(orderUnderTies, completionOrder.gather, {
      seed: SUITE_SEED,
      numRuns: 50,
      ties: 'shuffle',
    });
    const exhaustive = await checkProperty(orderUnderTies, completionOrder.gather, {
      seed: SUITE_SEED,
      numRuns: 50,
      ties: 'exhaustive',
    });
    for (const report of [shuffle, exhaustive]) {
      if (report.status !== 'fail') throw new Error(`not caught: ${report.status}`);
      // The printed picks replay the failing order: its result list is out of argument order.
      const run = await runScenario(report.scenario, completionOrder.gather, { ties: report.ties?.picks ?? [] });
      expect(run.observation.gather).not.toEqual(predict(report.scenario).observations[0]?.gather);
    }
  });

  it('shrinks a shuffled order toward fifo: two children, one pick', async () => {
    if (completionOrder === undefined) throw new Error('no "completion order" wrong gather');
    // fast-check's shrinking alone: the second pass would spread the tie (see below).
    const options = { seed: SUITE_SEED, numRuns: 50, ties: 'shuffle', simplifyBudget: 0 } as const;
    const report = await checkProperty(orderUnderTies, completionOrder.gather, options);
    if (report.status !== 'fail') throw new Error('not caught');
    expect(report.scenario.tasks).toHaveLength(2);
    expect(report.ties).toEqual({ mode: 'shuffle', picks: [1] });
    const replayed = await checkProperty(orderUnderTies, completionOrder.gather, { ...options, path: report.path });
    expect(replayed).toMatchObject({
      status: 'fail',
      ties: { mode: 'shuffle', picks: [1] },
      scenario: report.scenario,
    });
    // A wrong order needs no tie: the second pass spreads it, and no pick is left.
    const { simplifyBudget: _none, ...withPass } = options;
    const simplified = await checkProperty(orderUnderTies, completionOrder.gather, withPass);
    if (simplified.status !== 'fail') throw new Error('not caught');
    expect(simplified.ties).toEqual({ mode: 'shuffle', picks: [] });
    expect(tiedInstants(simplified.scenario)).toEqual([]);
  });

  for (const ties of ['shuffle', 'exhaustive'] as const) {
    it(`accepts the reference under ${ties} ties on every property: every order it takes is one the spec allows`, async () => {
      for (const property of gatherProperties) {
        const report = await checkProperty(property, gather, {
          seed: SUITE_SEED,
          numRuns: ties === 'shuffle' ? 100 : 40,
          ties,
        });
        expect(report.status, `${property.id}: ${JSON.stringify(report)}`).toBe('pass');
        if (ties === 'exhaustive' && report.status === 'pass')
          expect(report.orders ?? 0).toBeGreaterThanOrEqual(report.numRuns);
      }
    }, 60_000);
  }
});
