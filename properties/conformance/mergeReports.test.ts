import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../src/properties/checkProperty.js';
import { determinism } from '../../src/properties/determinismProperty.js';
import { oracle, outerCancellation } from '../../src/properties/gatherProperties.js';
import { wrongGathers } from '../wrongGathers.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import { canonicalJson } from '../../src/observation/canonicalJson.js';
import type { Scenario } from '../../src/scenario/Scenario.js';
import pSettle from '../../src/subjects/pSettle.js';
import { checkGather } from '../../src/conformance/checkGather.js';
import { mergeReports } from '../../src/conformance/mergeReports.js';
import { reportFromJson } from '../../src/conformance/reportFromJson.js';
import { reportToJson } from '../../src/conformance/reportToJson.js';
import type { SubjectRunner } from '../../src/conformance/SubjectRunner.js';

/** The reference, recording every scenario it is given. */
function recording(): SubjectRunner & { readonly seen: string[] } {
  const seen: string[] = [];
  return {
    name: 'recorder',
    supports: { returnExceptions: true, cancellation: true, dedupe: true },
    seen,
    run: (scenario: Scenario) => (seen.push(canonicalJson(scenario)), runScenario(scenario, gather)),
  };
}

describe('shards', () => {
  for (const property of [oracle, outerCancellation, determinism]) {
    it(`of ${property.id}: 3 shards together check exactly the scenarios of one unsharded run, each once`, async () => {
      const whole = recording();
      await checkProperty(property, whole, { seed: 5, numRuns: 90 });
      const parts = [1, 2, 3].map(() => recording());
      for (const [index, part] of parts.entries()) {
        const report = await checkProperty(property, part, {
          seed: 5,
          numRuns: 90,
          shard: { index: index + 1, count: 3 },
        });
        expect(report.status === 'pass' ? report.numRuns : -1).toBe(30);
      }
      expect(parts.flatMap((part) => part.seen).sort()).toEqual([...whole.seen].sort());
      expect(whole.seen.length).toBeGreaterThanOrEqual(90);
    });
  }

  it('merge into the report of the unsharded run, failures included, through their JSON', async () => {
    const options = { runs: 60, seed: 11 };
    const whole = reportToJson(await checkGather(pSettle, options));
    const shards: unknown[] = [];
    for (const index of [1, 2, 3, 4])
      shards.push(
        JSON.parse(
          JSON.stringify(reportToJson(await checkGather(pSettle, { ...options, shard: { index, count: 4 } }))),
        ),
      );
    const read = shards.map((json) => reportFromJson(json));
    const merged = mergeReports(read.map((reading) => (reading.ok ? reading.report : expect.fail(reading.problem))));
    if (!merged.ok) throw new Error(merged.problem);
    // The verdicts are the unsharded run's; each shard searched its own departures.
    type Json = { subjects: { departures?: { trigger: string; properties: string[] }[] }[] };
    const withoutDepartures = (json: Json): unknown => ({
      ...json,
      subjects: json.subjects.map(({ departures: _departures, ...subject }) => subject),
    });
    const mergedJson = JSON.parse(JSON.stringify(reportToJson(merged.report))) as Json;
    expect(withoutDepartures(mergedJson)).toEqual(withoutDepartures(JSON.parse(JSON.stringify(whole)) as Json));
    // Departures merge by trigger: each once, in the order the shards found them, every shard's properties.
    const found = (shards as Json[]).flatMap((json) => json.subjects[0]?.departures ?? []);
    const triggers = [...new Set(found.map((departure) => departure.trigger))];
    const departures = mergedJson.subjects[0]?.departures ?? [];
    expect(departures.map((departure) => departure.trigger)).toEqual(triggers);
    for (const departure of departures) {
      const broken = found.filter((one) => one.trigger === departure.trigger).flatMap((one) => one.properties);
      expect([...departure.properties].sort()).toEqual([...new Set(broken)].sort());
    }
    expect(departures.length).toBeGreaterThan(0);
  }, 120_000);

  it('refuse to merge an incomplete or mixed set, saying why', async () => {
    const wrong = wrongGathers.find((candidate) => candidate.name === 'completion order');
    if (wrong === undefined) throw new Error('no wrong gather');
    const shard = (index: number, seed = 1) =>
      checkGather(wrong.gather, { runs: 10, seed, properties: [oracle], shard: { index, count: 3 } });
    const one = await shard(1);
    const two = await shard(2);
    expect(mergeReports([one, two])).toEqual({
      ok: false,
      problem: 'expected shards 1..3 of 3 once each, got 1/3, 2/3',
    });
    expect(mergeReports([one, await shard(2, 7), await shard(3)])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^the reports are of different runs/) as unknown,
    });
    expect(
      reportFromJson({ seed: 1, runs: 2, subjects: [{ name: 'x', supports: {}, properties: [{ id: 'nope' }] }] }),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^subjects\[0\]\.properties\[0\]\.id: expected one of start, order/) as unknown,
    });
  });
});
