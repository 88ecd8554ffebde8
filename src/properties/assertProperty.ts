import type { SubjectLike } from '../conformance/SubjectRunner.js';
import { checkProperty, type CheckPropertyOptions } from './checkProperty.js';
import { formatPropertyReport } from './formatPropertyReport.js';
import type { GatherProperty } from './GatherProperty.js';
import { checkPropertyArguments } from '../validation/checkPropertyArguments.js';

/**
 * Runs a property against a subject like `checkProperty` and, if it fails, throws an Error
 * whose message is the formatted failure and whose `cause` is the report (the
 * `PropertyReport` with status `fail`: scenario, seed, path, failure) as data. A property
 * that does not apply to the subject (it lacks a capability the property needs) checked
 * nothing: that throws too, with the `n/a` report as `cause`; so does a property the harness
 * could not check (status `error`: fast-check stopped short, or failed without a counterexample).
 * Bad arguments reject with a `TypeError` naming `assertProperty`, before any run.
 */
export async function assertProperty(
  property: GatherProperty,
  subject: SubjectLike,
  options: CheckPropertyOptions = {},
): Promise<void> {
  checkPropertyArguments('assertProperty', property, subject, options);
  const report = await checkProperty(property, subject, options);
  if (report.status === 'fail' || report.status === 'error')
    throw new Error(formatPropertyReport(report), { cause: report });
  if (report.status === 'n/a')
    throw new Error(
      `assertProperty: ${property.id} does not apply to this subject: it needs ${report.missing.join(', ')}, which the subject does not claim`,
      { cause: report },
    );
}
