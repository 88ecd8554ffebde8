import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conforms, type ConformanceReport } from '../../src/conformance/ConformanceReport.js';
import { formatReport } from '../../src/conformance/formatReport.js';
import { reportFromJson } from '../../src/conformance/reportFromJson.js';
import { reportToJson } from '../../src/conformance/reportToJson.js';
import { gather } from '../../src/gather/gather.js';
import { assertProperty } from '../../src/properties/assertProperty.js';
import { checkProperty, type PropertyReport } from '../../src/properties/checkProperty.js';
import { formatPropertyReport } from '../../src/properties/formatPropertyReport.js';
import { start } from '../../src/properties/gatherProperties.js';
import type { GatherProperty } from '../../src/properties/GatherProperty.js';
import { SUITE_SEED } from '../seed.js';

/** R1, but its check skips every scenario (fc.pre): fast-check gives up without a counterexample. */
const skipsAll: GatherProperty = {
  ...start,
  check: () => {
    fc.pre(false);
    return Promise.resolve({ ok: true });
  },
};

/** R1, but its check skips one scenario in two: it still checks as many as asked for. */
let toggle = 0;
const skipsHalf: GatherProperty = {
  ...start,
  check: (scenario, subject) => {
    toggle += 1;
    fc.pre(toggle % 2 === 0);
    return start.check(scenario, subject);
  },
};

/** R1, but its check throws something no one can print (a null-prototype object). */
const throwsUnprintable: GatherProperty = {
  ...start,
  check: () => Promise.reject(Object.create(null) as Error),
};

/** R1, but generating its fifth scenario throws. */
let generated = 0;
const generationThrows: GatherProperty = {
  ...start,
  arbitrary: start.arbitrary.map((scenario) => {
    generated += 1;
    if (generated === 5) throw new Error('the arbitrary broke');
    return scenario;
  }),
};

const options = { seed: SUITE_SEED, numRuns: 50 };
/** Few runs for a property that skips all: fast-check tries 100 scenarios per run asked for. */
const few = { seed: SUITE_SEED, numRuns: 5 };

describe('checkProperty passes only what it checked in full', () => {
  it('reports an error of the harness, not a pass, when fast-check fails without a counterexample', async () => {
    const report = await checkProperty(skipsAll, gather, few);
    expect(report).toMatchObject({ status: 'error', numRuns: 0, seed: SUITE_SEED });
    if (report.status !== 'error') throw new Error(report.status);
    expect(report.reason).toMatch(
      /^fast-check failed without a counterexample after 0 scenarios \(\d+ scenarios skipped\)/,
    );
  }, 60_000);

  it('reports a check that throws something no one can print as a failure that says so, not a pass', async () => {
    const report = await checkProperty(throwsUnprintable, gather, options);
    expect(report).toMatchObject({ status: 'fail', numRuns: 1 });
    if (report.status !== 'fail') throw new Error(report.status);
    expect(report.failure.reason).toMatch(/^the check of this scenario could not finish: /);
  });

  it('reports an error of the harness, not a crash, when generating a scenario throws', async () => {
    const report = await checkProperty(generationThrows, gather, options);
    expect(report).toMatchObject({
      status: 'error',
      reason: 'generating a scenario threw: Error: the arbitrary broke',
    });
  });

  it('passes a property that skips some scenarios, having checked as many as asked for', async () => {
    const report = await checkProperty(skipsHalf, gather, options);
    expect(report).toMatchObject({ status: 'pass', numRuns: 50 });
  }, 60_000);

  it('makes assertProperty throw, prints ERROR, fails the report and keeps the verdict through JSON', async () => {
    const report = await checkProperty(skipsAll, gather, few);
    await expect(assertProperty(skipsAll, gather, few)).rejects.toThrow(/^ERROR R1 start/);
    expect(formatPropertyReport(report)).toMatch(
      /^ERROR R1 start: .*: not checked, an error of the harness, not of the subject: fast-check failed without a counterexample/,
    );
    const conformance: ConformanceReport = {
      seed: SUITE_SEED,
      runs: 50,
      subjects: [{ subject: 'gather', supports: {}, properties: [report] }],
    };
    expect(conforms(conformance)).toBe(false);
    expect(formatReport(conformance)).toContain('gather: departs from asyncio.gather (0 pass, 0 FAIL, 0 n/a, 1 ERROR)');
    const back = reportFromJson(JSON.parse(JSON.stringify(reportToJson(conformance))));
    if (!back.ok) throw new Error(back.problem);
    const [read] = back.report.subjects[0]?.properties ?? [];
    expect(read).toMatchObject({ status: 'error', numRuns: 0, seed: SUITE_SEED } satisfies Partial<PropertyReport>);
  }, 60_000);
});
