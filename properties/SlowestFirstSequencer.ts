import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each of the slowest test files took, its hooks included, in a fresh clone's run of
 * `npm test` on a quiet 2-core machine (main 41fa607, one file at a time; the snapshot test,
 * added later, from 2149009's run with two workers, scaled to match). Only their order
 * matters: a file not listed counts as quick.
 */
const SECONDS: Readonly<Record<string, number>> = {
  'properties/consumers/consumers.test.ts': 37.3,
  'properties/cli/check.test.ts': 30.6,
  'properties/readme.test.ts': 29.2,
  'properties/isolate/jobs.test.ts': 26.1,
  'properties/isolate/hostileSubjects.test.ts': 15.8,
  'properties/cli/limits.readers.test.ts': 13.7,
  'properties/pythons/pyodide.snapshot.test.ts': 20.0,
  'properties/languages/committedReport.test.ts': 9.6,
  'properties/vitestHelper.test.ts': 9.0,
  'properties/external/answerLines.cli.test.ts': 8.1,
  'properties/cli/subjectModules.cli.test.ts': 7.9,
  'properties/cpython.differential.test.ts': 7.5,
  'properties/pythons/pyodide.differential.test.ts': 7.0,
  'properties/citizen/sequenceConcurrent.test.ts': 6.6,
  'properties/cli/html.browser.test.ts': 6.3,
  'properties/external/processGroup.cli.test.ts': 5.2,
  'properties/cli/departureBudget.cli.test.ts': 4.7,
  'properties/wrongGathers.test.ts': 4.1,
  'properties/pythons/pyodide.startup.test.ts': 3.8,
  'properties/cli/junit.cli.test.ts': 3.5,
  'properties/external/jobs.test.ts': 3.2,
  'properties/cli/cli.test.ts': 3.0,
  'properties/languages/java-17-completablefuture.test.ts': 3.0,
  'properties/citizen/concurrentRuns.test.ts': 3.0,
  'properties/languages/kotlin-1.3-coroutines.test.ts': 2.9,
  'properties/fuzz/readers.fuzz.test.ts': 2.8,
  'properties/pythons/pythonOption.test.ts': 2.8,
  'properties/external/crash.cli.test.ts': 2.8,
  'properties/cli/bundledScenarios.cli.test.ts': 2.7,
  'properties/api/apiReport.test.ts': 2.4,
  'properties/languages/checkDriver.test.ts': 2.4,
  'properties/external/timeout.cli.test.ts': 2.2,
  'properties/external/serve.cli.test.ts': 2.2,
  'properties/pythons/pypy.test.ts': 2.1,
  'properties/languages/quickjs-2025-09-13-promise-all.test.ts': 2.1,
  'properties/languages/python-anyio-3.6.test.ts': 2.0,
  'properties/cli/colour.cli.test.ts': 2.0,
};

/**
 * Orders the test files so that the workers finish together: the files sharing a process
 * (`isolate: false`) first, then the isolated ones (a shared process is ended as soon as an
 * isolated file is next in the queue, so the two kinds are not interleaved), each kind
 * slowest first, so the last files to start are short ones. vitest's own order puts files it
 * has no durations for (a fresh clone) by size, and its durations leave out `beforeAll`, where
 * the slowest file spends all its time.
 */
export class SlowestFirstSequencer extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const key = (file: TestSpecification): readonly [number, number, string] => {
      const path = relative(root, file.moduleId);
      return [file.project.config.isolate ? 1 : 0, -(SECONDS[path] ?? 0), path];
    };
    return Promise.resolve(
      [...files].sort((a, b) => {
        const [isolatedA, minusSecondsA, pathA] = key(a);
        const [isolatedB, minusSecondsB, pathB] = key(b);
        return isolatedA - isolatedB || minusSecondsA - minusSecondsB || (pathA < pathB ? -1 : pathA > pathB ? 1 : 0);
      }),
    );
  }
}
