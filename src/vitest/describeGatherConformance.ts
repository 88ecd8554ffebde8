import { describe, it } from 'vitest';
import { checkProperty } from '../properties/checkProperty.js';
import { missingCapabilities } from '../conformance/Capabilities.js';
import { DEFAULT_RUNS, defaultSeed } from '../conformance/checkDefaults.js';
import type { CheckGatherOptions } from '../conformance/checkGather.js';
import { selectProperties } from '../conformance/selectProperties.js';
import { toSubjectRunner, type SubjectLike } from '../conformance/SubjectRunner.js';
import { failureError } from '../conformance/failureError.js';
import { formatPropertyReport } from '../properties/formatPropertyReport.js';
import { MAX_TIMER_DELAY, timerDelay } from '../validation/argumentRules.js';
import { checkGatherArguments } from '../validation/checkGatherArguments.js';

/** Options of {@link describeGatherConformance}: those of `checkGather`, and a timeout. */
export interface DescribeGatherConformanceOptions extends Omit<CheckGatherOptions, 'onProgress'> {
  /** Each test's timeout in ms (default: 50 ms per scenario, at least 30 s). */
  readonly timeout?: number;
}

/**
 * Declares a vitest `describe` block with one test per property for a gather: a bare
 * function (it claims every capability), or a subject `{ name, supports, gather }`. A
 * property that needs a capability the subject does not claim is a skipped test. Takes the
 * options of `checkGather`: `seed` (default `GATHER_SIM_SEED`, else `DEFAULT_SEED`),
 * `runs`, `properties` (or their ids), `ties`, `shard`, and `scenario` (with `tieOrder`) or `path` to replay a failure. A
 * failure shows the same report as `gather-sim check` (rule, shrunk scenario, expected
 * against observed by JSON path, the expected and the subject's timelines) with the options
 * that replay it here at once, and its stack points at this call in the test file.
 *
 * @example
 * import { describeGatherConformance } from 'gather-sim/vitest';
 * import myGather from '../src/myGather.js';
 *
 * describeGatherConformance({ name: 'myGather', supports: { returnExceptions: true }, gather: myGather });
 */
export function describeGatherConformance(subject: SubjectLike, options: DescribeGatherConformanceOptions = {}): void {
  checkGatherArguments('describeGatherConformance', subject, options, { timeout: timerDelay });
  // Where the user's test file declared the block: the stack every failure shows.
  const callSite = new Error();
  Error.captureStackTrace(callSite, describeGatherConformance);
  const runner = toSubjectRunner(subject);
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? defaultSeed();
  const timeout = options.timeout ?? Math.min(MAX_TIMER_DELAY, Math.max(30_000, runs * 50));
  describe(`${runner.name} conforms to asyncio.gather (seed ${seed}, ${runs} scenarios per property)`, () => {
    for (const property of selectProperties(options.properties)) {
      const title = `${property.rule} ${property.id}: ${property.statement}`;
      const missing = missingCapabilities(property.needs, runner.supports);
      if (missing.length > 0) {
        it.skip(`${title} (n/a: needs ${missing.join(', ')})`, () => undefined);
        continue;
      }
      it(
        title,
        async () => {
          const report = await checkProperty(property, runner, {
            numRuns: runs,
            seed,
            ...(options.ties === undefined ? {} : { ties: options.ties }),
            ...(options.path === undefined ? {} : { path: options.path }),
            ...(options.shard === undefined ? {} : { shard: options.shard }),
            ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
            ...(options.tieOrder === undefined ? {} : { tieOrder: options.tieOrder }),
          });
          if (report.status === 'fail' || report.status === 'error')
            throw failureError(`${runner.name}: ${formatPropertyReport(report, runner.replay)}`, report, callSite);
        },
        timeout,
      );
    }
  });
}
