import type { ConformanceReport } from './ConformanceReport.js';
import { matrixRows } from './matrixCells.js';

/**
 * The matrix of a report as a Markdown table, for a README: one row per property, one
 * column per subject, `pass` / **FAIL** / `n/a`. Pure.
 */
export function formatMarkdown(report: ConformanceReport): string {
  const header = ['property', 'rule', ...report.subjects.map((subject) => subject.subject)];
  const rows = matrixRows(report).map((row) => [
    `\`${row.id}\``,
    row.rule,
    ...row.cells.map((text) => (text === 'FAIL' ? '**FAIL**' : text)),
  ]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
    `${report.runs} scenarios per property, seed ${report.seed}.`,
  ].join('\n');
}
