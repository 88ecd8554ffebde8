import type { SubjectLike } from '../conformance/SubjectRunner.js';
import { checkProperty, type CheckPropertyOptions } from './checkProperty.js';
import { formatPropertyReport } from './formatPropertyReport.js';
import type { GatherProperty } from './GatherProperty.js';

/** Runs a property against a subject and throws the formatted failure if it fails. */
export async function assertProperty(property: GatherProperty, subject: SubjectLike, options: CheckPropertyOptions = {}): Promise<void> {
  const report = await checkProperty(property, subject, options);
  if (report.status === 'fail') throw new Error(formatPropertyReport(report));
}
