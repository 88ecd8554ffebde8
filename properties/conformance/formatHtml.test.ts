import { describe, expect, it } from 'vitest';
import { gatherProperties } from '../../src/properties/gatherProperties.js';
import { wrongGathers } from '../wrongGathers.js';
import { gather } from '../../src/gather/gather.js';
import { checkGather } from '../../src/conformance/checkGather.js';
import type { ConformanceReport } from '../../src/conformance/ConformanceReport.js';
import { formatHtml } from '../../src/conformance/formatHtml.js';
import { reportFromJson } from '../../src/conformance/reportFromJson.js';
import { reportToJson } from '../../src/conformance/reportToJson.js';

const siblings = wrongGathers.find((wrong) => wrong.name === 'cancels siblings on failure');

async function failingReport(): Promise<ConformanceReport> {
  if (siblings === undefined) throw new Error('no "cancels siblings on failure" wrong gather');
  const properties = gatherProperties.filter((property) =>
    ['siblings-live-on', 'oracle', 'order'].includes(property.id),
  );
  const wrong = await checkGather(
    { name: '<img src=x onerror=alert(1)>', gather: siblings.gather },
    { runs: 100, properties },
  );
  const right = await checkGather(gather, { runs: 100, properties });
  return { ...wrong, subjects: [...right.subjects, ...wrong.subjects] };
}

describe('the HTML report', () => {
  it('draws the expected and the subject’s timeline of each failure as inline SVG, with no script, and escapes what subjects are called', async () => {
    const report = await failingReport();
    const html = formatHtml(report);
    const failures = report.subjects.flatMap((subject) =>
      subject.properties.filter((property) => property.status === 'fail'),
    );
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(html.match(/<div class="timeline subject">\n<svg class="timeline"/g)).toHaveLength(failures.length);
    expect(html.match(/<div class="timeline expected">\n<svg class="timeline"/g)).toHaveLength(failures.length);
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(2 * failures.length);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;: FAIL R5 siblings-live-on');
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
  }, 60_000);

  it('shows expected against observed as differences by JSON path, and the options that replay a failure at once', async () => {
    const html = formatHtml(await failingReport());
    expect(html).toMatch(
      /<h3>Expected against observed, by JSON path<\/h3>\n<ul class="differences"><li><code>tasks\[\d+\]\.\w+: expected .+, observed .+<\/code><\/li>/,
    );
    expect(html).not.toContain('expected: {');
    expect(html).toMatch(
      /assertGather, describeGatherConformance: \{ scenario: \{&quot;tasks&quot;:.*\}, properties: \[&quot;siblings-live-on&quot;\] \}/,
    );
  }, 60_000);

  it('counts one subject and one property in the singular', async () => {
    const report = await checkGather(gather, { runs: 5, properties: ['order'] });
    expect(formatHtml(report)).toContain('<h1>gather-sim check: 1 property on 1 subject</h1>');
    const two = await checkGather(gather, { runs: 5, properties: ['order', 'success'] });
    expect(formatHtml({ ...two, subjects: [...two.subjects, ...two.subjects] })).toContain(
      '<h1>gather-sim check: 2 properties on 2 subjects</h1>',
    );
  });

  it('is the same drawn from a check --json report read back, so merged shards get their timelines', async () => {
    const report = await failingReport();
    const reading = reportFromJson(JSON.parse(JSON.stringify(reportToJson(report))));
    if (!reading.ok) throw new Error(reading.problem);
    expect(formatHtml(reading.report)).toBe(formatHtml(report));
  }, 60_000);
});
