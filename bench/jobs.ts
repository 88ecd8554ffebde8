import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { realPerformanceNow } from '../src/clock/realTimers.js';
import { BUNDLED_SUBJECTS } from '../src/subjects/bundledSubjects.js';
import { CPYTHON_SUBJECT } from '../src/subjects/cpythonDriver.js';

/** The built command line (`npm run bench` compiles it first). */
const bin = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

/**
 * The matrix the 5 s goal is about: the bundled modules and CPython's driver, not the
 * WebAssembly runtimes (whose start-up `npm start` adds on top).
 */
const CLASSIC_MATRIX: readonly string[] = [...BUNDLED_SUBJECTS.map((subject) => subject.name), CPYTHON_SUBJECT];

/** The wall time of `gather-sim check` on `subjects` (none: the whole bundled matrix) with `--jobs N`, in seconds. */
export function checkSeconds(jobs: number, subjects: readonly string[] = CLASSIC_MATRIX): Promise<number> {
  const started = realPerformanceNow();
  const args = [bin, 'check', ...subjects, '--jobs', String(jobs)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error) => {
      if (error !== null && error.code !== 1) reject(new Error(`check --jobs ${jobs} failed: ${error.message}`));
      else resolve((realPerformanceNow() - started) / 1000);
    });
  });
}

/** `check` on the bundled modules and CPython's driver with 2 workers against 1: both wall times, the speed-up, and the load average before. */
export interface JobsFigure {
  readonly oneJobSeconds: number;
  readonly twoJobsSeconds: number;
  readonly speedUp: number;
  /** The machine's 1-minute load average when the measurement began: other work slows both. */
  readonly loadAverage: number;
}

/** Measures {@link JobsFigure}: each way run in turn `passes` times, the fastest of each. */
export async function measureJobs(passes: number): Promise<JobsFigure> {
  const loadAverage = Number((loadavg()[0] ?? 0).toFixed(2));
  let one = Infinity;
  let two = Infinity;
  for (let pass = 0; pass < passes; pass += 1) {
    one = Math.min(one, await checkSeconds(1));
    two = Math.min(two, await checkSeconds(2));
  }
  const round = (value: number): number => Number(value.toFixed(2));
  return { oneJobSeconds: round(one), twoJobsSeconds: round(two), speedUp: round(one / two), loadAverage };
}
