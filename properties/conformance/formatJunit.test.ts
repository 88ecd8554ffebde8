import { beforeAll, describe, expect, it } from 'vitest';
import { checkGather } from '../../src/conformance/checkGather.js';
import type { ConformanceReport } from '../../src/conformance/ConformanceReport.js';
import { formatJunit } from '../../src/conformance/formatJunit.js';
import { formatReport } from '../../src/conformance/formatReport.js';
import { gatherProperties } from '../../src/properties/gatherProperties.js';
import { wrongGathers } from '../wrongGathers.js';
import { parseXml, type XmlElement } from './parseXml.js';

const HOSTILE = 'a <b> & "c" \'d\' ]]> \u0001\u001b[31m\ud800 e';
/** The hostile name as XML can hold it: the characters it cannot written as \uXXXX. */
const HOSTILE_IN_XML = 'a <b> & "c" \'d\' ]]> \\u0001\\u001b[31m\\ud800 e';

const pick = (...ids: string[]) => gatherProperties.filter((property) => ids.includes(property.id));
const wrong = wrongGathers.find((candidate) => candidate.caughtBy === 'order');
if (wrong === undefined) throw new Error('no wrong gather caught by order');

/** A report with a failing, a passing and an n/a property, a subject that broke and one that was skipped. */
async function mixedReport(): Promise<ConformanceReport> {
  const checked = await checkGather(
    { name: HOSTILE, supports: { returnExceptions: false }, gather: wrong?.gather ?? (() => Promise.resolve([])) },
    // Departures aside (properties/conformance/departures.test.ts): one test case per property.
    { runs: 30, properties: pick('order', 'empty', 'return-exceptions'), departures: { departures: 0, rechecks: 0 } },
  );
  return {
    ...checked,
    subjects: [
      ...checked.subjects,
      { subject: 'crashing', supports: {}, broken: 'exited with code 3 before its hello', properties: [] },
      { subject: 'p-nothing', supports: {}, skipped: 'needs the npm package p-nothing', properties: [] },
    ],
  };
}

/** Parses one document that must be well-formed. */
function parseWellFormed(xml: string): XmlElement {
  const [parsed] = parseXml([xml]);
  if (parsed === undefined || 'error' in parsed) throw new Error(`not well-formed XML: ${parsed?.error ?? ''}`);
  return parsed;
}

let report: ConformanceReport;
let root: XmlElement;
beforeAll(async () => {
  report = await mixedReport();
  root = parseWellFormed(formatJunit(report));
}, 60_000);

const child = (element: XmlElement, tag: string): XmlElement[] =>
  element.children.filter((candidate) => candidate.tag === tag);

describe('formatJunit', () => {
  it('writes well-formed XML with a test case per subject and property, whatever a subject is named', () => {
    expect(root.tag).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '10', failures: '1', errors: '1', skipped: '7' });
    const suites = child(root, 'testsuite');
    expect(suites.map((suite) => suite.attributes['name'])).toEqual([HOSTILE_IN_XML, 'crashing', 'p-nothing']);
    const cases = suites.map((suite) =>
      child(suite, 'testcase').map((item) => [
        item.attributes['classname'],
        item.attributes['name'],
        item.children.map((outcome) => outcome.tag).join(),
      ]),
    );
    expect(cases).toEqual([
      [
        [HOSTILE_IN_XML, 'order', 'failure'],
        [HOSTILE_IN_XML, 'return-exceptions', 'skipped'],
        [HOSTILE_IN_XML, 'empty', ''],
      ],
      [
        ['crashing', 'order', 'skipped'],
        ['crashing', 'return-exceptions', 'skipped'],
        ['crashing', 'empty', 'skipped'],
        ['crashing', 'subject', 'error'],
      ],
      [
        ['p-nothing', 'order', 'skipped'],
        ['p-nothing', 'return-exceptions', 'skipped'],
        ['p-nothing', 'empty', 'skipped'],
      ],
    ]);
    const properties = child(suites[0] as XmlElement, 'properties')[0]?.children.map((item) => item.attributes);
    expect(properties).toEqual([
      { name: 'seed', value: String(report.seed) },
      { name: 'runs', value: '30' },
    ]);
  });

  it('holds in each failure the report the terminal prints for it, its first line as the message', () => {
    const failure = child(child(child(root, 'testsuite')[0] as XmlElement, 'testcase')[0] as XmlElement, 'failure')[0];
    const terminal = formatReport(report).replaceAll(HOSTILE, HOSTILE_IN_XML);
    const printed = terminal.slice(terminal.indexOf(`${HOSTILE_IN_XML}: FAIL  R2 order`));
    expect(failure?.text).toBe(printed);
    expect(failure?.text).toContain('replay here: { scenario: {');
    expect(failure?.attributes['message']).toBe(
      `FAIL  R2 order: ${gatherProperties.find((p) => p.id === 'order')?.statement}`,
    );
  });

  it('says why a case is skipped or in error: n/a, a skipped subject, a subject that broke', () => {
    const messages = child(root, 'testsuite').map((suite) =>
      child(suite, 'testcase').flatMap((item) => item.children.map((outcome) => outcome.attributes['message'])),
    );
    expect(messages[0]?.[1]).toMatch(
      /^n\/a {3}R6 return-exceptions: .* \(needs returnExceptions, which the subject does not claim\)$/,
    );
    expect(messages[1]).toEqual([
      'not checked: the subject broke',
      'not checked: the subject broke',
      'not checked: the subject broke',
      'BROKEN: exited with code 3 before its hello',
    ]);
    expect(messages[2]).toEqual(Array.from({ length: 3 }, () => 'needs the npm package p-nothing'));
  });

  it('is checked by a parser that refuses what XML cannot hold', { timeout: 30_000 }, () => {
    const documents = ['<a>\u0001</a>', '<a>]]></a>', '<a b="<"/>', '<a>&</a>', '<a>\ud800</a>', '<a>fine</a>'];
    expect(parseXml(documents).map((parsed) => 'error' in parsed)).toEqual([true, true, true, true, true, false]);
  });

  it('keeps line breaks, tabs and carriage returns of an attribute through parsing', { timeout: 30_000 }, () => {
    const broken: ConformanceReport = {
      seed: 1,
      runs: 1,
      subjects: [{ subject: 'x', supports: {}, broken: 'line one\nline\ttwo\r\nend', properties: [] }],
    };
    const error = child(child(parseWellFormed(formatJunit(broken)), 'testsuite')[0] as XmlElement, 'testcase')[0]
      ?.children[0];
    expect(error?.attributes['message']).toBe('BROKEN: line one\nline\ttwo\r\nend');
  });
});
