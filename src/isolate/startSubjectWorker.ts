import { Worker } from 'node:worker_threads';
import { loadStretch } from './loadStretch.js';
import { describeThrown } from '../report/describeThrown.js';
import type { Scenario } from '../scenario/Scenario.js';
import type { WorkerReply, WorkerRequest } from './WorkerMessages.js';
import { createHeartbeat, lastBeat } from './heartbeat.js';
import { realEpochNow } from '../clock/realTimers.js';
import { optimizeOnlyHotCode } from './optimizeOnlyHotCode.js';

/** The limits a subject worker runs under. */
export interface IsolationLimits {
  /** Real time a module may take to import, and a scenario to run (the watchdog's budget). */
  readonly budgetMs: number;
  /** The worker's old-generation heap, in MB (`resourceLimits.maxOldGenerationSizeMb`). */
  readonly memoryMb: number;
}

/** The default of `check --memory-limit`: the heap of each subject worker, in MB. */
export const DEFAULT_MEMORY_MB = 2048;

/** A reply, or how the worker broke while working on the request (and the scenario it was running). */
export type WorkerOutcome =
  | { readonly ok: true; readonly reply: WorkerReply }
  | { readonly ok: false; readonly what: string; readonly scenario?: Scenario };

/** What went wrong when a request did not get the answer it asked for: how the worker broke, or what it answered instead. */
export function unexpectedOutcome(outcome: WorkerOutcome): string {
  if (!outcome.ok) return outcome.what;
  return outcome.reply.kind === 'threw' ? `threw: ${outcome.reply.error}` : `answered "${outcome.reply.kind}"`;
}

/**
 * Real time the watchdog allows one request on top of the worker's budget, in ms: `everyMs`
 * for every scenario (a driver's answer limit), and `firstScenarioMs` more for its first
 * (a driver's start-up, which its first answer is allowed: docs/protocol.md#start-up).
 */
export interface Allowance {
  readonly everyMs: number;
  readonly firstScenarioMs: number;
}

/** No time on top of the budget. */
const NO_ALLOWANCE: Allowance = { everyMs: 0, firstScenarioMs: 0 };

/** A worker thread holding one subject module; see {@link startSubjectWorker}. */
export interface SubjectWorker {
  /** Sends a request and waits for its answer, or for the watchdog (allowing `allowance` more); one request at a time. */
  request(request: WorkerRequest, allowance?: Allowance): Promise<WorkerOutcome>;
  /** Stops the worker, whatever it is doing. */
  close(): Promise<void>;
}

/** The worker's entry: beside this module, or, run from the TypeScript sources (the suite), the built one. */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/src/isolate/subjectWorker.js', import.meta.url)
  : new URL('./subjectWorker.js', import.meta.url);

/** Real time a worker that threw has to exit before its error is taken as its outcome anyway. */
const EXIT_AFTER_ERROR_MS = 5000;

const HANG = 'a synchronous loop, an endless microtask or process.nextTick chain, or real work that never ends';

/**
 * Starts a worker thread for one subject module (`subjectWorker.ts`) under `limits`, with a
 * watchdog: a load (counted once the worker has imported the checker itself), or a scenario,
 * that takes longer than the budget; an exit
 * (`process.exit`); an error nobody caught; or a heap past the limit ends the worker (V8
 * stops even a synchronous loop) and the request's outcome names what happened. What the
 * subject prints goes to `log` (never to the report's standard output).
 */
export function startSubjectWorker(limits: IsolationLimits, log: (text: string) => void): SubjectWorker {
  optimizeOnlyHotCode();
  const heartbeat = createHeartbeat();
  const worker = new Worker(WORKER_ENTRY, {
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    stdout: true,
    stderr: true,
    workerData: { heartbeat },
  });
  worker.stdout.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
  worker.stderr.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
  let broke: string | undefined;
  let closing = false;
  // The beats before the request in progress, and a scenario too long for the heartbeat, posted.
  let beatsBefore = 0;
  let posted: Scenario | undefined;
  let loading = false;
  let allowed = NO_ALLOWANCE;
  let settle: ((outcome: WorkerOutcome) => void) | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  let armedAt = 0;
  // The budget counts from when the worker has imported the checker's own modules.
  let ready = false;

  /** The scenario the request in progress is running, if it began one. */
  const running = (): Scenario | undefined => {
    const last = lastBeat(heartbeat);
    return last.beats > beatsBefore ? (last.scenario ?? posted) : undefined;
  };
  const fail = (what: string): void => {
    broke ??= what;
    clearTimeout(watchdog);
    const scenario = running();
    settle?.({ ok: false, what: broke, ...(scenario === undefined ? {} : { scenario }) });
    settle = undefined;
  };
  // The watchdog looks at the heartbeat only when it fires: the budget counts from the last
  // beat of this request (from arming before the first), and what is left of it is waited for again.
  const expire = (): void => {
    const last = lastBeat(heartbeat);
    const since = last.beats > beatsBefore ? Math.max(last.at, armedAt) : armedAt;
    // A driver's start-up counts until its first scenario is answered (the next beat).
    const budget = limits.budgetMs + allowed.everyMs + (last.beats <= beatsBefore + 1 ? allowed.firstScenarioMs : 0);
    // On a machine busier than its cores the budget lasts longer (loadStretch): a slow load
    // or scenario there is not a hang.
    const stretch = loadStretch();
    const left = since + Math.round(budget * stretch) - realEpochNow();
    if (left > 0) {
      watchdog = setTimeout(expire, left);
      return;
    }
    const stretched = stretch > 1 ? ` (stretched ${stretch.toFixed(1)}x by the machine's load)` : '';
    fail(
      loading
        ? `did not finish loading within ${budget} ms (a top-level await that never settles, or ${HANG})${stretched}`
        : last.beats === beatsBefore
          ? `did not start a scenario within ${budget} ms: ${HANG}${stretched}`
          : `did not finish a scenario within ${budget} ms: ${HANG}${stretched}`,
    );
    void worker.terminate();
  };
  const arm = (): void => {
    clearTimeout(watchdog);
    armedAt = realEpochNow();
    watchdog = setTimeout(expire, limits.budgetMs + allowed.everyMs);
  };
  worker.on('message', (reply: WorkerReply) => {
    if (reply.kind === 'ready') {
      ready = true;
      if (settle !== undefined) arm();
      return;
    }
    if (reply.kind === 'scenario') {
      posted = reply.scenario;
      return;
    }
    clearTimeout(watchdog);
    settle?.({ ok: true, reply });
    settle = undefined;
  });
  // An error reaches this thread on another channel than the worker's replies, and can
  // overtake a reply the worker posted before it broke (a module whose own timer throws right
  // after its import would be a load problem, not a broken subject). Node delivers every reply
  // left before it emits 'exit', so the error is held until then (and no longer than
  // EXIT_AFTER_ERROR_MS, should the exit never come).
  let died: string | undefined;
  let exitOverdue: NodeJS.Timeout | undefined;
  worker.on('error', (error: Error & { code?: unknown }) => {
    clearTimeout(watchdog);
    if (died !== undefined) return;
    const what =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `ran out of memory (limit ${limits.memoryMb} MB)`
        : `threw an error nobody caught (from a real timer, a listener or a promise it left behind): ${describeThrown(error)}`;
    died = what;
    exitOverdue = setTimeout(() => fail(what), EXIT_AFTER_ERROR_MS).unref();
  });
  worker.on('exit', (code) => {
    clearTimeout(exitOverdue);
    if (died !== undefined) fail(died);
    else if (!closing) fail(`ended its worker: process.exit(${code}) was called`);
  });

  return {
    request(request, allowance = NO_ALLOWANCE) {
      if (broke !== undefined) return Promise.resolve({ ok: false, what: broke });
      allowed = allowance;
      beatsBefore = lastBeat(heartbeat).beats;
      posted = undefined;
      loading = request.kind === 'load';
      return new Promise((resolve) => {
        settle = resolve;
        if (ready) arm();
        worker.postMessage(request);
      });
    },
    async close() {
      closing = true;
      clearTimeout(watchdog);
      await worker.terminate();
    },
  };
}
