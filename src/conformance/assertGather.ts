import { checkGather, type CheckGatherOptions } from './checkGather.js';
import { conforms } from './ConformanceReport.js';
import { formatReport } from './formatReport.js';
import type { SubjectLike } from './SubjectRunner.js';
import { checkGatherArguments } from '../validation/checkGatherArguments.js';

/**
 * Checks a gather like `checkGather` and, if any applicable property fails, throws an Error
 * whose message is the formatted report and whose `cause` is the report itself (the
 * `ConformanceReport`) as data. Bad arguments reject with a `TypeError` naming
 * `assertGather`, before any run. A check where no property applied (the subject lacks
 * every capability they need) checked nothing: that throws too.
 */
export async function assertGather(subject: SubjectLike, options: CheckGatherOptions = {}): Promise<void> {
  checkGatherArguments('assertGather', subject, options);
  const report = await checkGather(subject, options);
  if (!conforms(report)) throw new Error(formatReport(report), { cause: report });
  const applied = report.subjects.some((one) => one.properties.some((property) => property.status !== 'n/a'));
  if (!applied)
    throw new Error(
      `assertGather: no property applies to this subject, so nothing was checked\n${formatReport(report)}`,
      {
        cause: report,
      },
    );
}
