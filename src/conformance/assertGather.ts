import { checkGather, type CheckGatherOptions } from './checkGather.js';
import { conforms } from './ConformanceReport.js';
import { failureError } from './failureError.js';
import { formatReport } from './formatReport.js';
import type { SubjectLike } from './SubjectRunner.js';
import { checkGatherArguments } from '../validation/checkGatherArguments.js';
import { aFunction, departureBudget } from '../validation/argumentRules.js';

/**
 * Checks a gather like `checkGather` (same options: `seed`, `runs`, `properties` or their
 * ids, `ties`, `shard`, and `path` to replay a failure) and, if any applicable property
 * fails, throws an Error whose message is the formatted report (expected against observed
 * by JSON path, the expected and the subject's timelines, the options that replay each
 * failure at once) and whose `cause` is the `ConformanceReport` as data. Its stack starts at
 * the caller (the user's test), not inside gather-sim. Bad arguments reject with a
 * `TypeError` naming `assertGather`, before any run. A check where no property applied (the
 * subject lacks every capability they need) checked nothing: that throws too.
 */
export async function assertGather(subject: SubjectLike, options: CheckGatherOptions = {}): Promise<void> {
  checkGatherArguments('assertGather', subject, options, { onProgress: aFunction, departures: departureBudget });
  const report = await checkGather(subject, options);
  const applied = report.subjects.some((one) => one.properties.some((property) => property.status !== 'n/a'));
  if (conforms(report) && applied) return;
  const message = applied
    ? formatReport(report)
    : `assertGather: no property applies to this subject, so nothing was checked\n${formatReport(report)}`;
  // The frames above (and of) assertGather are gather-sim's: the stack starts at the user's test.
  const callSite = new Error();
  Error.captureStackTrace(callSite, assertGather);
  throw failureError(message, report, callSite);
}
