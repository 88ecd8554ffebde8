import { BUNDLED_SUBJECTS } from '../subjects/bundledSubjects.js';
import {
  startSubjectWorker,
  type IsolationLimits,
  type SubjectWorker,
  type WorkerOutcome,
} from './startSubjectWorker.js';

/**
 * Long-lived worker threads that the bundled subjects share (`check`): a worker one bundled
 * subject is done with goes on, warm, to the next one, instead of being ended. Each fresh
 * worker compiles and optimizes the checker (fast-check, the oracle, the executor) again:
 * about 1.3-1.5 s of CPU before it runs at full speed, against about 0.7 s for a whole
 * subject's check once warm.
 */
export interface SharedWorkers {
  /** Whether `module` may run in a shared worker: a bundled subject's name (our own code, or a library we ship and vetted). */
  shares(module: string): boolean;
  /**
   * An idle shared worker (a fresh one when none is idle), lent until its `close`: that
   * gives it back, unless a request of the loan did not get the answer it asked for (the
   * worker broke: watchdog, exit, error, memory; or it answered a throw or a load problem),
   * which ends it instead.
   */
  take(): SubjectWorker;
  /** Ends the idle workers; a worker still lent ends when it is given back. */
  close(): Promise<void>;
}

/** The bundled subjects' names: the modules a shared worker may load. */
const BUNDLED: ReadonlySet<string> = new Set(BUNDLED_SUBJECTS.map((subject) => subject.name));

/** The answers a lent worker may give and still be lent again: each request's expected reply. */
const GOOD_REPLIES: ReadonlySet<string> = new Set(['loaded', 'checked', 'departed', 'ran']);

/** Whether a request's outcome leaves its worker fit to lend again. */
function fitAfter(outcome: WorkerOutcome): boolean {
  return outcome.ok && GOOD_REPLIES.has(outcome.reply.kind);
}

/**
 * Shared workers started under `limits`, printing to `log` (see {@link SharedWorkers}):
 * as many as were lent at once, at most.
 */
export function sharedWorkers(limits: IsolationLimits, log: (text: string) => void): SharedWorkers {
  const idle: SubjectWorker[] = [];
  let closed = false;
  return {
    shares: (module) => BUNDLED.has(module),
    take() {
      const worker = idle.pop() ?? startSubjectWorker(limits, log);
      let fit = true;
      let busy = false;
      let returned = false;
      return {
        async request(request) {
          busy = true;
          const outcome = await worker.request(request);
          busy = false;
          fit &&= fitAfter(outcome);
          return outcome;
        },
        async close() {
          if (returned) return;
          returned = true;
          // Given back in the middle of a request, it would still be working: ended instead.
          if (fit && !busy && !closed) idle.push(worker);
          else await worker.close();
        },
      };
    },
    async close() {
      closed = true;
      await Promise.all(idle.splice(0).map((worker) => worker.close()));
    },
  };
}
