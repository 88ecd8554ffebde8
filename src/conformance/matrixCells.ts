import type { PropertyReport } from '../properties/checkProperty.js';
import type { ConformanceReport, SubjectReport } from './ConformanceReport.js';

/** One row of the matrix: a property and its verdict on each subject, in subject order. */
export interface MatrixRow {
  readonly id: string;
  readonly rule: string;
  readonly cells: readonly string[];
}

function cell(report: PropertyReport | undefined, subject: SubjectReport): string {
  if (subject.skipped !== undefined) return 'skipped';
  if (report === undefined && subject.broken !== undefined) return 'BROKEN';
  if (report === undefined) return '-';
  return report.status === 'fail' || report.status === 'error' ? report.status.toUpperCase() : report.status;
}

/** The matrix of a report as rows of words (`pass`, `FAIL`, `ERROR`, `n/a`, `skipped`, `BROKEN`). Pure. */
export function matrixRows(report: ConformanceReport): MatrixRow[] {
  const properties = new Map<string, { id: string; rule: string }>();
  for (const subject of report.subjects) {
    for (const { property } of subject.properties)
      properties.set(property.id, { id: property.id, rule: property.rule });
  }
  return [...properties.values()].map(({ id, rule }) => ({
    id,
    rule,
    cells: report.subjects.map((subject) =>
      cell(
        subject.properties.find((candidate) => candidate.property.id === id),
        subject,
      ),
    ),
  }));
}
