import { checkGather, type CheckGatherOptions } from './checkGather.js';
import { conforms } from './ConformanceReport.js';
import { formatReport } from './formatReport.js';
import type { SubjectLike } from './SubjectRunner.js';

/** Checks a gather like `checkGather` and throws an Error carrying the formatted report if any applicable property fails. */
export async function assertGather(subject: SubjectLike, options: CheckGatherOptions = {}): Promise<void> {
  const report = await checkGather(subject, options);
  if (!conforms(report)) throw new Error(formatReport(report));
}
