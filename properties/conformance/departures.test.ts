import { describe, expect, it } from 'vitest';
import { checkGather } from '../../src/conformance/checkGather.js';
import { formatHtml } from '../../src/conformance/formatHtml.js';
import { formatJunit } from '../../src/conformance/formatJunit.js';
import { formatMarkdown } from '../../src/conformance/formatMarkdown.js';
import { formatReport } from '../../src/conformance/formatReport.js';
import { reportFromJson } from '../../src/conformance/reportFromJson.js';
import { reportToJson } from '../../src/conformance/reportToJson.js';
import { gather } from '../../src/gather/gather.js';
import { checkProperty } from '../../src/properties/checkProperty.js';
import { start } from '../../src/properties/gatherProperties.js';
import { scenarioFeatures } from '../../src/scenario/scenarioFeatures.js';
import { SUITE_SEED } from '../seed.js';
import { parseXml, type XmlElement } from './parseXml.js';
import { crashesOnDuplicatesAndCancelsSiblings } from './twoDepartures.js';

const twoDepartures = { name: 'two-departures', gather: crashesOnDuplicatesAndCancelsSiblings };

describe('departures grouped by cause', () => {
  // One search, read by every format below (a check of every property takes seconds).
  const checked = checkGather(twoDepartures, { runs: 100, seed: SUITE_SEED });

  it('names exactly 2 departures of a gather that crashes on a duplicated child and cancels its siblings on a failure', async () => {
    const [subject] = (await checked).subjects;
    const departures = subject?.departures ?? [];
    expect(departures.map((departure) => departure.trigger)).toEqual(['duplicates', 'error']);
    const [duplicates, error] = departures;
    // The first breaks nearly every property; the second shows once duplicates are left out.
    expect(duplicates?.properties).toContain('start');
    expect(duplicates?.without).toEqual([]);
    expect(scenarioFeatures(duplicates?.failure.scenario ?? { tasks: [] })).toContain('duplicates');
    expect(error?.properties).toContain('siblings-live-on');
    const features = scenarioFeatures(error?.failure.scenario ?? { tasks: [] });
    expect(features).toContain('error');
    expect(features).not.toContain('duplicates');
    // One counterexample each, and the matrix keeps the first round's verdicts.
    expect(duplicates?.failure.scenario).not.toEqual(error?.failure.scenario);
    expect(subject?.properties.filter((report) => report.status === 'fail').length).toBeGreaterThan(2);
  }, 300_000);

  it('leads the terminal report with both departures, each with its scenario, differences and replay, before the matrix', async () => {
    const text = formatReport(await checked);
    const lines = text.split('\n');
    const headline = lines.indexOf('two-departures: 2 departures from asyncio.gather:');
    const matrix = lines.findIndex((line) => line.startsWith('property '));
    expect(headline).toBeGreaterThan(0);
    expect(matrix).toBeGreaterThan(headline);
    const section = lines.slice(headline, matrix).join('\n');
    expect(section).toMatch(/^ {2}1\. duplicates \(the same child passed twice\): breaks R1 start, /m);
    expect(section).toMatch(
      /^ {2}2\. error \(a child that fails, in its script or its cleanup\): breaks .*R5 siblings-live-on/m,
    );
    expect(section.match(/^ {5}scenario: \{/gm)).toHaveLength(2);
    expect(section.match(/^ {5}replay: echo '\{.*\}' \| npx gather-sim run - --subject MODULE$/gm)).toHaveLength(2);
    expect(section).toMatch(/expected .*, observed /);
  }, 300_000);

  it('writes each departure into the JSON report with trigger, properties and scenario, and reads it back', async () => {
    const report = await checked;
    const json = JSON.parse(JSON.stringify(reportToJson(report))) as {
      subjects: { departures: { trigger: string; properties: string[]; scenario: unknown; property: string }[] }[];
    };
    const departures = json.subjects[0]?.departures ?? [];
    expect(departures.map((departure) => departure.trigger)).toEqual(['duplicates', 'error']);
    for (const departure of departures) {
      expect(departure.properties).toContain(departure.property);
      expect(departure.scenario).toHaveProperty('tasks');
    }
    const back = reportFromJson(json);
    expect(back.ok).toBe(true);
    if (back.ok) expect(formatReport(back.report)).toBe(formatReport(report));
  }, 300_000);

  it('says where a departure read back from JSON is wrong', async () => {
    const json = JSON.parse(JSON.stringify(reportToJson(await checked))) as { subjects: Record<string, unknown>[] };
    const [subject] = json.subjects as [{ departures: Record<string, unknown>[] }];
    (subject.departures[1] as Record<string, unknown>)['trigger'] = 'dupes';
    const back = reportFromJson(json);
    expect(back.ok).toBe(false);
    if (!back.ok)
      expect(back.problem).toMatch(/^subjects\[0\]\.departures\[1\]\.trigger: expected "any" or one of duplicates, /);
  }, 300_000);

  it('leads the Markdown, HTML and JUnit reports with the 2 departures too', async () => {
    const report = await checked;
    const markdown = formatMarkdown(report);
    expect(markdown.indexOf('**two-departures: 2 departures from asyncio.gather**:')).toBe(0);
    expect(markdown).toMatch(/^1\. duplicates .*\n {3}Scenario `\{.*\}`; .*\n {3}Replay: `echo /m);
    expect(markdown).toMatch(/^2\. error /m);
    expect(markdown.indexOf('2. error')).toBeLessThan(markdown.indexOf('| property |'));

    const html = formatHtml(report);
    expect(html.match(/<li class="departure">/g)).toHaveLength(2);
    expect(html.indexOf('two-departures: 2 departures from asyncio.gather')).toBeLessThan(
      html.indexOf('<table class="matrix">'),
    );

    const [junit] = parseXml([formatJunit(report)]);
    if (junit === undefined || 'error' in junit)
      throw new Error(`the JUnit report is not XML: ${JSON.stringify(junit)}`);
    const cases: readonly XmlElement[] = junit.children[0]?.children.filter((node) => node.tag === 'testcase') ?? [];
    expect(cases.slice(0, 2).map((node) => node.attributes['name'])).toEqual([
      'departure 1: duplicates',
      'departure 2: error',
    ]);
    for (const node of cases.slice(0, 2)) expect(node.children[0]?.tag).toBe('failure');
  }, 300_000);

  it('finds no departure of a correct gather, and its report shows no departures section', async () => {
    const report = await checkGather(gather, { runs: 20, seed: SUITE_SEED });
    expect(report.subjects[0]?.departures).toEqual([]);
    expect(formatReport(report)).not.toMatch(/departure/);
    expect(formatMarkdown(report)).not.toMatch(/departure/);
    expect(formatHtml(report)).not.toMatch(/class="departure/);
    expect(reportToJson(report)).toMatchObject({ subjects: [{ departures: [] }] });
  }, 300_000);

  it('checks a property only on scenarios without the triggers it is told to leave out', async () => {
    const runs = { numRuns: 100, seed: SUITE_SEED };
    expect((await checkProperty(start, twoDepartures, runs)).status).toBe('fail');
    expect((await checkProperty(start, twoDepartures, { ...runs, without: ['duplicates'] })).status).toBe('pass');
  }, 300_000);
});
