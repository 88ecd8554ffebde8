import { describe, expect, it } from 'vitest';
import { checkProperty, type PropertyReport } from '../../src/properties/checkProperty.js';
import { gatherProperties } from '../../src/properties/gatherProperties.js';
import { formatPropertyReport } from '../../src/properties/formatPropertyReport.js';
import { simplifyCounterexample } from '../../src/properties/simplifyCounterexample.js';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import { predict } from '../../src/oracle/predict.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import { scenarioTimes } from '../../src/scenario/scenarioTimes.js';
import { tiedInstants } from '../../src/scenario/tiedInstants.js';
import { wrongGathers } from '../wrongGathers.js';
import { checkGather } from '../../src/conformance/checkGather.js';
import { formatReport } from '../../src/conformance/formatReport.js';
import { reportFromJson } from '../../src/conformance/reportFromJson.js';
import { reportToJson } from '../../src/conformance/reportToJson.js';

function property(id: string): (typeof gatherProperties)[number] {
  const found = gatherProperties.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no property ${id}`);
  return found;
}

function wrong(name: string): GatherFunction {
  const found = wrongGathers.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no wrong gather ${name}`);
  return found.gather;
}

function failed(report: PropertyReport): Extract<PropertyReport, { status: 'fail' }> {
  if (report.status !== 'fail') throw new Error(`expected a failure, got ${report.status}`);
  return report;
}

/**
 * Right but for children that settle at one instant: it returns their results swapped.
 * Wrong only on tied events, so its counterexamples must keep a tie.
 */
const wrongOnTies: GatherFunction = async (children, options) => {
  const settledAt = new Map<number, number[]>();
  const slots = children.map((child, slot) => async (signal: AbortSignal) => {
    try {
      return await child(signal);
    } finally {
      settledAt.set(Date.now(), [...(settledAt.get(Date.now()) ?? []), slot]);
    }
  });
  const results = await gather(slots, options);
  for (const tied of settledAt.values()) {
    const [first, second] = tied;
    if (first === undefined || second === undefined) continue;
    [results[first], results[second]] = [results[second], results[first]];
  }
  return results;
};

describe('the second pass after fast-check shrinks a counterexample', () => {
  it('spreads events onto distinct round instants when the failure needs no tie, and says nothing of ties', async () => {
    const report = failed(await checkProperty(property('order'), wrong('completion order')));
    expect(tiedInstants(report.scenario)).toEqual([]);
    expect(predict(report.scenario).observations).toHaveLength(1);
    for (const at of scenarioTimes(report.scenario)) expect(at % 10).toBe(0);
    expect(report.simplified?.complete).toBe(true);
    expect(formatPropertyReport(report)).not.toContain('instant');
  }, 60_000);

  it('keeps a tie the failure needs, and the report says so', async () => {
    const report = failed(await checkProperty(property('success'), wrongOnTies));
    const [tie, ...others] = tiedInstants(report.scenario);
    expect(others).toEqual([]);
    expect(tie?.count).toBe(2);
    expect(report.simplified?.complete).toBe(true);
    expect(formatPropertyReport(report)).toContain(
      `\n  this failure needs two events at one instant (at ${tie?.at ?? -1} ms)\n`,
    );
    // Spread apart, the same scenario passes: the tie is what fails it.
    const [a, b] = report.scenario.tasks;
    const untied: Scenario = { ...report.scenario, tasks: [a, { ...b, sleep: 1000 }] as Scenario['tasks'] };
    expect((await checkProperty(property('success'), wrongOnTies, { scenario: untied })).status).toBe('pass');
  }, 60_000);

  it('keeps the tie note through a check --json report read back (merged shards print it too)', async () => {
    const report = await checkGather(wrongOnTies, { properties: ['success'] });
    const reading = reportFromJson(JSON.parse(JSON.stringify(reportToJson(report))));
    if (!reading.ok) throw new Error(reading.problem);
    expect(formatReport(reading.report)).toBe(formatReport(report));
    expect(formatReport(report)).toContain('this failure needs two events at one instant');
  }, 60_000);

  it('drops the parts the failure does not need: onCancel variants with no cancellation, options, extra tasks', async () => {
    // Before the second pass: {"tasks":[{"sleep":0,"value":null,"onCancel":"ignore"},{"sleep":0,"value":0,"onCancel":"ignore"}],"args":[0,1,0]}
    const report = failed(await checkProperty(property('success'), wrong('completion order')));
    expect(JSON.stringify(report.scenario)).not.toContain('onCancel');
    expect(report.scenario.tasks.length).toBeLessThanOrEqual(2);
    expect(report.scenario.cancelGatherAt).toBeUndefined();
    expect(report.scenario.cancelTasks).toBeUndefined();
  }, 60_000);

  it('gives the same report, byte for byte, for the same seed', async () => {
    const first = await checkProperty(property('fail-fast'), wrong('waits for all before throwing'), { seed: 5 });
    const second = await checkProperty(property('fail-fast'), wrong('waits for all before throwing'), { seed: 5 });
    expect(formatPropertyReport(failed(second))).toBe(formatPropertyReport(failed(first)));
  }, 60_000);

  it('never turns a failure into a pass: the final scenario, checked on its own, fails the same way', async () => {
    for (const [id, name] of [
      ['siblings-live-on', 'cancels siblings on failure'],
      ['outer-cancellation', 'ignores cancellation'],
      ['return-exceptions', 'drops errors'],
    ] as const) {
      const report = failed(await checkProperty(property(id), wrong(name)));
      const again = failed(await checkProperty(property(id), wrong(name), { scenario: report.scenario }));
      expect(again.failure.expected).toEqual(report.failure.expected);
      expect(again.failure.observed).toEqual(report.failure.observed);
    }
  }, 60_000);

  it('rejects a replay scenario that is invalid or given with path, and a tieOrder without its scenario', async () => {
    const order = property('order');
    await expect(checkProperty(order, gather, { scenario: { tasks: [{ sleep: -1, value: 1 }] } })).rejects.toThrow(
      /^checkProperty: scenario must be a valid scenario \(tasks\[0\]\.sleep: /,
    );
    await expect(checkProperty(order, gather, { scenario: { tasks: [] }, seed: 1, path: '0' })).rejects.toThrow(
      'checkProperty: path must be left out with scenario (a scenario is checked as it is)',
    );
    await expect(checkGather(gather, { tieOrder: [1] })).rejects.toThrow(
      'checkGather: tieOrder must be given with the scenario whose tied events it orders',
    );
  });

  it('keeps a change only while the check still fails, tries each candidate once and stops at its budget', async () => {
    const scenario: Scenario = {
      tasks: [
        { sleep: 0, value: 1, onCancel: 'ignore' },
        { gather: { tasks: [{ sleep: 7, error: { name: 'E', message: 'x' } }], returnExceptions: true } },
        { sleep: 0, value: 2, onCancel: { cleanup: 3, error: { name: 'E', message: 'y' } } },
      ],
      args: [0, 1, 2, 2],
      cancelGatherAt: 5,
    };
    const seen = new Set<string>();
    // Fails while some task raises an error, at any depth.
    const fails = (candidate: Scenario): Promise<string | undefined> => {
      const text = JSON.stringify(candidate);
      expect(seen.has(text)).toBe(false);
      seen.add(text);
      return Promise.resolve(text.includes('"error":{"name":"E","message":"x"}') ? 'fails' : undefined);
    };
    const result = await simplifyCounterexample(scenario, 'fails', fails);
    expect(result.scenario).toEqual({ tasks: [{ sleep: 10, error: { name: 'E', message: 'x' } }] });
    expect(result.complete).toBe(true);
    expect(result.checks).toBe(seen.size);
    const stopped = await simplifyCounterexample(
      scenario,
      'fails',
      (candidate) => Promise.resolve(JSON.stringify(candidate).includes('"message":"x"') ? 'fails' : undefined),
      3,
    );
    expect(stopped.checks).toBe(3);
    expect(stopped.complete).toBe(false);
  });
});
