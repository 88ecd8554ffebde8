import { formatPropertyReport } from '../properties/formatPropertyReport.js';
import { conforms, type ConformanceReport, type SubjectReport } from './ConformanceReport.js';
import { matrixRows } from './matrixCells.js';
import { formatDepartures } from './formatDepartures.js';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function subjectSummary(subject: SubjectReport): string {
  if (subject.skipped !== undefined) return `${subject.subject}: skipped (${subject.skipped})`;
  if (subject.broken !== undefined) return `${subject.subject}: BROKEN: ${subject.broken}`;
  const count = (status: string): number => subject.properties.filter((property) => property.status === status).length;
  const verdict = conforms(subject) ? 'conforms' : 'departs from asyncio.gather';
  const errors = count('error') === 0 ? '' : `, ${count('error')} ERROR`;
  return `${subject.subject}: ${verdict} (${count('pass')} pass, ${count('fail')} FAIL, ${count('n/a')} n/a${errors})`;
}

/**
 * A conformance report as text: first the departures of each subject (`formatDepartures`:
 * each distinct way it departs from asyncio.gather, with its trigger, minimal scenario,
 * expected against observed and replay), then the matrix (properties by subjects), one
 * summary line per subject, then every failure of the first round in full: the property and its rule, the shrunk scenario as
 * JSON that `gather-sim run` accepts, expected against observed, the timeline, and replay
 * lines. Pure: the same report gives the same text.
 */
export function formatReport(report: ConformanceReport, options: { readonly colour?: boolean } = {}): string {
  const rows = matrixRows(report);
  const label = (row: { id: string; rule: string }): string =>
    /^R\d+$/.test(row.rule) ? `${row.rule} ${row.id}` : row.id;
  const firstWidth = Math.max(8, ...rows.map((row) => label(row).length));
  const widths = report.subjects.map((subject) => Math.max(7, subject.subject.length));
  const line = (first: string, cells: readonly string[]): string =>
    [first.padEnd(firstWidth), ...cells.map((text, index) => text.padEnd(widths[index] ?? 0))].join('  ').trimEnd();
  const properties = rows.length;
  const departures = report.subjects.map(formatDepartures).filter((lines) => lines.length > 0);
  const lines = [
    `gather-sim check: ${plural(properties, 'property', 'properties')} on ${plural(report.subjects.length, 'subject', 'subjects')}, ${report.runs} scenarios each, seed ${report.seed}${report.ties === undefined ? '' : `, ${report.ties} ties`}${report.shard === undefined ? '' : `, shard ${report.shard.index}/${report.shard.count}`}`,
    '',
    ...departures.flatMap((subject) => [...subject, '']),
    line(
      'property',
      report.subjects.map((subject) => subject.subject),
    ),
    ...rows.map((row) => line(label(row), row.cells)),
    '',
    ...report.subjects.map(subjectSummary),
  ];
  for (const subject of report.subjects) {
    for (const property of subject.properties) {
      if (property.status !== 'fail' && property.status !== 'error') continue;
      lines.push('', `${subject.subject}: ${formatPropertyReport(property, subject.replay, options)}`);
    }
  }
  return lines.join('\n');
}
