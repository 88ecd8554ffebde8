import { formatPropertyReport } from '../properties/formatPropertyReport.js';
import type { ConformanceReport, SubjectReport } from './ConformanceReport.js';
import { matrixRows } from './matrixCells.js';
import { departuresHeadline, describeDeparture } from './describeDeparture.js';
import { formatDeparture } from './formatDepartures.js';

/** What XML text cannot hold as it is. */
const IN_TEXT: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
/** What an attribute value cannot hold as it is, or would lose to attribute normalization. */
const IN_ATTRIBUTE: Readonly<Record<string, string>> = { ...IN_TEXT, '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };

/**
 * Text as XML 1.0 character data or (with `escapes` {@link IN_ATTRIBUTE}) an attribute value:
 * markup escaped, and the characters XML cannot hold at all (control characters, lone
 * surrogates, U+FFFE, U+FFFF) written as `\uXXXX`.
 */
function escapeXml(text: string, escapes = IN_TEXT): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
    /[&<>"\r\n\t]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (character) =>
      escapes[character] ??
      (/["\n\t]/.test(character) ? character : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

type Attributes = Readonly<Record<string, string | number>>;

/** A start tag. */
function open(name: string, attributes: Attributes): string {
  const list = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value), IN_ATTRIBUTE)}"`)
    .join('');
  return `<${name}${list}>`;
}

/** An element with attributes, and text content when given. */
function element(name: string, attributes: Attributes, text?: string): string {
  return text === undefined
    ? open(name, attributes).replace(/>$/, '/>')
    : `${open(name, attributes)}${escapeXml(text)}</${name}>`;
}

interface Case {
  readonly name: string;
  readonly outcome?: {
    readonly kind: 'failure' | 'error' | 'skipped';
    readonly message: string;
    readonly text?: string;
  };
}

/** A failed test case per departure of a subject, named `departure N: TRIGGER`, its text as the terminal prints it. */
function departureCases(subject: SubjectReport): Case[] {
  return (subject.departures ?? []).map((departure, index) => ({
    name: `departure ${index + 1}: ${departure.trigger}`,
    outcome: {
      kind: 'failure',
      message: describeDeparture(departure, subject).trigger,
      text: [`${departuresHeadline(subject)}:`, ...formatDeparture(subject, departure, index + 1)].join('\n'),
    },
  }));
}

/**
 * The test cases of one subject: one per departure first, then one per property of the
 * report, and one for a subject that broke.
 */
function subjectCases(subject: SubjectReport, ids: readonly string[]): Case[] {
  const cases = ids.map((id): Case => {
    const report = subject.properties.find((candidate) => candidate.property.id === id);
    if (report === undefined) {
      const why = subject.skipped ?? (subject.broken === undefined ? 'not checked' : 'not checked: the subject broke');
      return { name: id, outcome: { kind: 'skipped', message: why } };
    }
    const text = formatPropertyReport(report, subject.replay);
    if (report.status === 'pass') return { name: id };
    if (report.status === 'n/a') return { name: id, outcome: { kind: 'skipped', message: text } };
    const message = text.split('\n', 1)[0] ?? '';
    return { name: id, outcome: { kind: 'failure', message, text: `${subject.subject}: ${text}` } };
  });
  if (subject.broken !== undefined)
    cases.push({ name: 'subject', outcome: { kind: 'error', message: `BROKEN: ${subject.broken}` } });
  return [...departureCases(subject), ...cases];
}

function counts(cases: readonly Case[]): Record<string, number> {
  const count = (kind: string): number => cases.filter((item) => item.outcome?.kind === kind).length;
  return { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
}

/**
 * A conformance report as JUnit XML for CI systems (`gather-sim check --junit FILE`): a test
 * suite per subject, its departures first as failed test cases (`departure 1: duplicates`),
 * then a test case per property (`classname` the subject, `name` the property's id). A failure holds the report the terminal prints for it (rule, scenario,
 * expected against observed, timeline, replay lines); n/a and a subject that was skipped are
 * `skipped`; a subject that broke has an `error` case. Pure; well-formed XML 1.0 whatever
 * the names and messages hold.
 */
export function formatJunit(report: ConformanceReport): string {
  const ids = matrixRows(report).map((row) => row.id);
  const suites = report.subjects.map((subject) => ({ subject, cases: subjectCases(subject, ids) }));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    open('testsuites', { name: 'gather-sim check', ...counts(suites.flatMap((suite) => suite.cases)) }),
  ];
  for (const { subject, cases } of suites) {
    lines.push(`  ${open('testsuite', { name: subject.subject, ...counts(cases) })}`);
    lines.push('    <properties>');
    lines.push(`      ${element('property', { name: 'seed', value: report.seed })}`);
    lines.push(`      ${element('property', { name: 'runs', value: report.runs })}`);
    if (report.ties !== undefined) lines.push(`      ${element('property', { name: 'ties', value: report.ties })}`);
    if (report.shard !== undefined)
      lines.push(
        `      ${element('property', { name: 'shard', value: `${report.shard.index}/${report.shard.count}` })}`,
      );
    lines.push('    </properties>');
    for (const { name, outcome } of cases) {
      const testcase = { classname: subject.subject, name };
      if (outcome === undefined) {
        lines.push(`    ${element('testcase', testcase)}`);
        continue;
      }
      lines.push(
        `    ${open('testcase', testcase)}`,
        `      ${element(outcome.kind, { message: outcome.message }, outcome.text)}`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
