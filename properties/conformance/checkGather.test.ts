import { describe, expect, it } from 'vitest';
import {
  failFast,
  gatherProperties,
  outerCancellation,
  returnExceptions,
  start,
} from '../../src/properties/gatherProperties.js';
import { wrongGathers } from '../wrongGathers.js';
import { gather } from '../../src/gather/gather.js';
import { assertGather } from '../../src/conformance/assertGather.js';
import { checkGather } from '../../src/conformance/checkGather.js';
import { conforms } from '../../src/conformance/ConformanceReport.js';
import { formatMarkdown } from '../../src/conformance/formatMarkdown.js';
import { formatReport } from '../../src/conformance/formatReport.js';
import { reportToJson } from '../../src/conformance/reportToJson.js';
import type { Subject } from '../../src/conformance/Subject.js';

const wrong = (name: string) => {
  const found = wrongGathers.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no wrong gather "${name}"`);
  return found.gather;
};

describe('checkGather', () => {
  it('returns every property of the suite as pass for the reference, as data', async () => {
    const report = await checkGather(
      { name: 'reference', supports: { returnExceptions: true, cancellation: true, dedupe: true }, gather },
      { runs: 20 },
    );
    expect(report.subjects).toHaveLength(1);
    expect(report.subjects[0]?.properties.map((property) => [property.property.id, property.status])).toEqual(
      gatherProperties.map((property) => [property.id, 'pass']),
    );
    expect(conforms(report)).toBe(true);
  });

  it('marks a property n/a when the subject lacks a capability it needs, and never runs it', async () => {
    let calls = 0;
    const counting: Subject = {
      name: 'fail-fast only',
      gather: (children, options) => {
        calls += 1;
        return gather(children, options);
      },
    };
    const report = await checkGather(counting, { runs: 10, properties: [returnExceptions, outerCancellation] });
    expect(report.subjects[0]?.properties.map((property) => property.status)).toEqual(['n/a', 'n/a']);
    expect(calls).toBe(0);
  });

  it('never hands a subject a feature it does not claim, at any depth of nesting', async () => {
    const seen: unknown[] = [];
    const recording: Subject = {
      name: 'recorder',
      gather: (children, options) => {
        seen.push({ returnExceptions: options.returnExceptions, signal: options.signal?.aborted });
        return gather(children, options);
      },
    };
    await checkGather(recording, {
      runs: 100,
      properties: gatherProperties.filter((property) => property.needs.length === 0),
    });
    expect(seen.length).toBeGreaterThan(100);
    expect(seen.filter((options) => (options as { returnExceptions: unknown }).returnExceptions === true)).toEqual([]);
  });

  it('does not hold a subject without de-duplication to starting a duplicate once', async () => {
    const noDedupe = wrong('no de-duplication');
    const claims = await checkGather(
      { name: 'claims dedupe', supports: { dedupe: true }, gather: noDedupe },
      { runs: 200, properties: [start] },
    );
    const honest = await checkGather(
      { name: 'honest', supports: {}, gather: noDedupe },
      { runs: 200, properties: [start] },
    );
    expect(claims.subjects[0]?.properties[0]?.status).toBe('fail');
    expect(honest.subjects[0]?.properties[0]?.status).toBe('pass');
  });

  it('reports a failure with its shrunk scenario, formatted the same way every time', async () => {
    const report = await checkGather(
      { name: 'wraps', gather: wrong('wraps the error') },
      { runs: 100, properties: [failFast] },
    );
    const [failure] = report.subjects[0]?.properties ?? [];
    expect(failure?.status).toBe('fail');
    expect(conforms(report)).toBe(false);
    const text = formatReport(report);
    expect(text).toBe(formatReport(report));
    expect(text).toContain('R4 fail-fast  FAIL');
    expect(text).toContain('wraps: departs from asyncio.gather (0 pass, 1 FAIL, 0 n/a)');
    expect(text).toContain(
      `replay here: { scenario: ${JSON.stringify(failure?.status === 'fail' ? failure.scenario : null)}`,
    );
    expect(text).toContain(`seed ${report.seed}`);
    expect(formatMarkdown(report)).toContain('| `fail-fast` | R4 | **FAIL** |');
    const json = reportToJson(report) as { subjects: { properties: { status: string; scenario: unknown }[] }[] };
    expect(json.subjects[0]?.properties[0]).toMatchObject({
      status: 'fail',
      scenario: failure?.status === 'fail' ? failure.scenario : null,
    });
  });

  it('replays a failure from its seed and path at once, to the same final scenario', async () => {
    const first = await checkGather(
      { name: 'wraps', gather: wrong('wraps the error') },
      { runs: 100, properties: [failFast], seed: 3 },
    );
    const failure = first.subjects[0]?.properties[0];
    if (failure?.status !== 'fail') throw new Error('expected a failure');
    const replay = await checkGather(
      { name: 'wraps', gather: wrong('wraps the error') },
      { properties: [failFast], seed: 3, path: failure.path },
    );
    const again = replay.subjects[0]?.properties[0];
    expect(again?.status === 'fail' ? again.scenario : undefined).toEqual(failure.scenario);
  });
});

describe('assertGather', () => {
  it('resolves for the reference', async () => {
    await expect(assertGather(gather, { runs: 10 })).resolves.toBeUndefined();
  });

  it('throws the formatted report for a wrong gather', async () => {
    await expect(assertGather({ name: 'late', gather: wrong('settles a tick late') }, { runs: 100 })).rejects.toThrow(
      /late: FAIL {2}R3 success/,
    );
  });
});
