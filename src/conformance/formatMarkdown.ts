import type { ConformanceReport } from './ConformanceReport.js';
import { matrixRows } from './matrixCells.js';
import type { SubjectReport } from './ConformanceReport.js';
import { departuresHeadline, describeDeparture } from './describeDeparture.js';

/** Inline code, fenced with two backticks when the text holds one. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A subject's departures as a numbered Markdown list under its headline; nothing without departures. */
function departureList(subject: SubjectReport): string[] {
  const departures = subject.departures ?? [];
  if (departures.length === 0) return [];
  return [
    `**${departuresHeadline(subject)}**:`,
    '',
    ...departures.flatMap((departure, index) => {
      const text = describeDeparture(departure, subject);
      const differences = text.differences.lines.slice(0, 3);
      return [
        `${index + 1}. ${text.trigger}: breaks ${text.breaks}${text.found === '' ? '' : ` (${text.found})`}.`,
        `   Scenario ${code(text.scenario)}; ${text.shownBy}: ${differences.map(code).join(', ')}${text.differences.lines.length > 3 ? ', ...' : ''}.`,
        `   Replay: ${code(text.replay)}`,
      ];
    }),
    '',
  ];
}

/**
 * A report in Markdown, for a README: first each subject's departures (a numbered list:
 * trigger, the properties it breaks, minimal scenario, first differences, replay), then the matrix
 * as a table, one row per property, one column per subject, `pass` / **FAIL** / `n/a`. Pure.
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
    ...report.subjects.flatMap(departureList),
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
    `${report.runs} scenarios per property, seed ${report.seed}.`,
  ].join('\n');
}
