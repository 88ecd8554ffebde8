import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each of the slowest test files took, its hooks and imports included (from the end
 * of the file before it in the same worker to its own end; the consumers' `afterAll`, which
 * vitest counts in the next file, in the consumers' own), in a run of `npm test` with two
 * workers on a quiet 2-core machine (main 12140b2; the Pyodide snapshot test scaled to the
 * five boots from scratch it makes since, six before). Only their order matters: a file not
 * listed counts as quick.
 */
const SECONDS: Readonly<Record<string, number>> = {
  'properties/consumers/consumers.test.ts': 73.7,
  'properties/cli/check.test.ts': 71.2,
  'properties/readme.test.ts': 45.4,
  'properties/pythons/pyodide.snapshot.test.ts': 31.0,
  'properties/isolate/jobs.test.ts': 35.4,
  'properties/isolate/hostileSubjects.test.ts': 20.5,
  'properties/cli/limits.readers.test.ts': 20.3,
  'properties/languages/committedReport.test.ts': 18.7,
  'properties/citizen/sequenceConcurrent.test.ts': 17.7,
  'properties/vitestHelper.test.ts': 12.2,
  'properties/cli/subjectModules.cli.test.ts': 12.0,
  'properties/external/answerLines.cli.test.ts': 10.7,
  'properties/cli/html.browser.test.ts': 10.7,
  'properties/external/processGroup.cli.test.ts': 9.4,
  'properties/cpython.differential.test.ts': 8.0,
  'properties/citizen/concurrentRuns.test.ts': 8.0,
  'properties/cli/departureBudget.cli.test.ts': 6.6,
  'properties/languages/java-17-completablefuture.test.ts': 6.1,
  'properties/external/crash.cli.test.ts': 5.9,
  'properties/languages/languagesCommand.test.ts': 5.6,
  'properties/languages/checkDriver.test.ts': 5.6,
  'properties/cli/junit.cli.test.ts': 5.3,
  'properties/external/jobs.test.ts': 5.2,
  'properties/languages/kotlin-1.3-coroutines.test.ts': 5.2,
  'properties/cli/cli.test.ts': 5.2,
  'properties/external/driverInWorker.cli.test.ts': 4.9,
  'properties/pythons/pythonOption.test.ts': 4.5,
  'properties/cli/bundledScenarios.cli.test.ts': 4.3,
  'properties/wrongGathers.test.ts': 4.3,
  'properties/pythons/pyodide.startup.test.ts': 4.2,
  'properties/api/apiReport.test.ts': 4.1,
  'properties/languages/quickjs-2025-09-13-promise-all.test.ts': 4.0,
  'properties/pythons/pyodide.differential.test.ts': 3.7,
  'properties/package/tarball.test.ts': 3.7,
  'properties/specCitations.test.ts': 3.6,
  'properties/fuzz/readers.fuzz.test.ts': 3.6,
  'properties/executor/runScenario.test.ts': 3.5,
  'properties/pythons/pypy.test.ts': 3.4,
  'properties/languages/prepareDriver.test.ts': 3.3,
  'properties/cli/colour.cli.test.ts': 3.3,
  'properties/external/serve.cli.test.ts': 3.2,
  'properties/citizen/subjectAssignsGlobals.test.ts': 2.9,
  'properties/conformance/externalSubject.test.ts': 2.9,
  'properties/languages/languagesReport.test.ts': 2.8,
  'properties/pythons/pythonDriver.test.ts': 2.8,
  'properties/pythons/micropython.cli.test.ts': 2.7,
  'properties/scenario/limits.readers.test.ts': 2.6,
  'properties/reference.test.ts': 2.5,
  'properties/external/timeout.cli.test.ts': 2.5,
  'properties/cli/epipe.cli.test.ts': 2.4,
  'properties/languages/deno-2.9-promise-all.test.ts': 2.4,
  'properties/languages/python-anyio-3.6.test.ts': 2.4,
  'properties/isolate/sharedWorkers.test.ts': 2.4,
  'properties/languages/python-trio-0.22.test.ts': 2.4,
  'properties/languages/bun-1.4-promise-all.test.ts': 2.3,
  'properties/citizen/subjectThrows.test.ts': 2.3,
  'properties/conformance/mergeReports.test.ts': 2.2,
  'properties/conformance/formatJunit.test.ts': 2.1,
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
