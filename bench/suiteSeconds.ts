import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository (`npm run bench` runs the build in dist/bench/). */
const root = fileURLToPath(new URL('../../', import.meta.url));

/** The last `npm test` as its JSON report (reports/vitest.json) tells it, when that run was the whole suite. */
export interface SuiteFigure {
  /** Seconds from vitest's start to its last file's end (the builds of `pretest` not counted). */
  readonly seconds: number;
  /** When that run started (ISO 8601). */
  readonly startedAt: string;
  readonly files: number;
}

interface VitestReport {
  readonly startTime: number;
  readonly testResults: readonly { readonly endTime: number }[];
}

/** The test files `npm test` runs (vitest.config.ts: properties/ and bench/, `*.test.ts`). */
function suiteFiles(): number {
  return ['properties', 'bench']
    .flatMap((folder) => readdirSync(`${root}${folder}`, { recursive: true, encoding: 'utf8' }))
    .filter((path) => path.endsWith('.test.ts') && !path.includes('node_modules')).length;
}

/**
 * The wall time of the last whole `npm test`, read from the report it wrote: the bench does
 * not run the suite itself (minutes of processes that would disturb every other row).
 * Undefined when there is no report, or the last run was a part of the suite.
 */
export function lastSuiteSeconds(): SuiteFigure | undefined {
  let report: VitestReport;
  try {
    report = JSON.parse(readFileSync(`${root}reports/vitest.json`, 'utf8')) as VitestReport;
  } catch {
    return undefined;
  }
  const files = report.testResults.length;
  if (files === 0 || files < suiteFiles()) return undefined;
  const end = Math.max(...report.testResults.map((result) => result.endTime));
  return {
    seconds: Number(((end - report.startTime) / 1000).toFixed(1)),
    startedAt: new Date(report.startTime).toISOString(),
    files,
  };
}
