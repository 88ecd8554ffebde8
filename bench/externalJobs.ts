// External subjects in parallel (issue 18, item 5): `check cpython-asyncio --jobs 2` against
// `--jobs 1`, throughput (scenarios checked a second of wall time, start-up included, over
// 1,000 runs a property so that the start-up of about a second is not most of it) and CPU
// time (the checker's and its driver processes'), goal >= 1.8x.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { realPerformanceNow } from '../src/clock/realTimers.js';

/** The built command line (`npm run bench` compiles it first). */
const bin = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

/** One `check cpython-asyncio` run: wall seconds, CPU seconds of the checker and every process it waited for, and scenarios checked a wall second. */
export interface ExternalCheckTime {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  /** Properties checked (the report's pass count) times runs, over the wall seconds. */
  readonly scenariosPerSecond: number;
}

/** `check cpython-asyncio` at `--jobs 1` and `--jobs 2`: the fastest of each, the speed-up in throughput, the load average before. */
export interface ExternalJobsFigure {
  readonly runs: number;
  readonly oneJob: ExternalCheckTime;
  readonly twoJobs: ExternalCheckTime;
  readonly speedUp: number;
  /** The machine's 1-minute load average when the measurement began: other work slows both. */
  readonly loadAverage: number;
  /** The goal: at least 1.8x with 2 jobs. */
  readonly goalMet: boolean;
}

/** Clock ticks a second of the CPU times in /proc (`getconf CLK_TCK`, 100 nearly everywhere). */
const ticksPerSecond = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds of the children this process has waited for (Linux: cutime + cstime of /proc/self/stat). */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

function checkTime(jobs: number, runs: number): Promise<ExternalCheckTime> {
  const cpuBefore = childrenCpuSeconds();
  const started = realPerformanceNow();
  const args = [bin, 'check', 'cpython-asyncio', '--jobs', String(jobs), '--runs', String(runs)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      const passed = /cpython-asyncio: conforms \((\d+) pass/.exec(stdout)?.[1];
      if (error !== null || passed === undefined)
        reject(new Error(`check cpython-asyncio --jobs ${jobs} did not conform (python3 missing?): ${stdout}`));
      else {
        const wallSeconds = (realPerformanceNow() - started) / 1000;
        resolve({
          wallSeconds,
          cpuSeconds: childrenCpuSeconds() - cpuBefore,
          scenariosPerSecond: (Number(passed) * runs) / wallSeconds,
        });
      }
    });
  });
}

const round = (value: number): number => Number(value.toFixed(2));
const fastest = (a: ExternalCheckTime, b: ExternalCheckTime): ExternalCheckTime =>
  a.wallSeconds <= b.wallSeconds ? a : b;

/** Measures {@link ExternalJobsFigure}: each way run in turn `passes` times, `runs` scenarios a property (default 1,000). */
export async function measureExternalJobs(passes: number, runs = 1000): Promise<ExternalJobsFigure> {
  const loadAverage = round(loadavg()[0] ?? 0);
  let one: ExternalCheckTime = { wallSeconds: Infinity, cpuSeconds: Infinity, scenariosPerSecond: 0 };
  let two = one;
  for (let pass = 0; pass < passes; pass += 1) {
    one = fastest(one, await checkTime(1, runs));
    two = fastest(two, await checkTime(2, runs));
  }
  const speedUp = round(two.scenariosPerSecond / one.scenariosPerSecond);
  const rounded = (time: ExternalCheckTime): ExternalCheckTime => ({
    wallSeconds: round(time.wallSeconds),
    cpuSeconds: round(time.cpuSeconds),
    scenariosPerSecond: Math.round(time.scenariosPerSecond),
  });
  return { runs, oneJob: rounded(one), twoJobs: rounded(two), speedUp, loadAverage, goalMet: speedUp >= 1.8 };
}

/** The figure as the benchmark's text report shows it. */
export function formatExternalJobs(figure: ExternalJobsFigure): string[] {
  const time = (one: ExternalCheckTime): string =>
    `${one.scenariosPerSecond} scenarios/s (${one.wallSeconds} s wall, ${one.cpuSeconds} s CPU)`;
  return [
    `check cpython-asyncio (${figure.runs} runs), --jobs 2 vs --jobs 1: ${time(figure.twoJobs)} vs ${time(figure.oneJob)}, ${figure.speedUp.toFixed(2)}x (goal >= 1.8: ${figure.goalMet ? 'met' : 'NOT met'}; load average ${figure.loadAverage} before)`,
  ];
}
