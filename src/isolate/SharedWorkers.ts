import type { SubjectWorker } from './startSubjectWorker.js';

/**
 * Idle workers that the bundled subjects share within one `check`: a worker that has checked
 * one bundled subject goes on, warm, to the next instead of being ended. A fresh worker
 * compiles and optimises the checker (fast-check, the oracle, the executor) again, about
 * 1.3-2.5 s of CPU, more than a whole bundled subject's check once warm; the bundled
 * subjects are gather-sim's own code and libraries it ships, none of which changes another's
 * globals (every run puts them back). A subject given by path never shares a worker, and a
 * worker that broke is never given back.
 */
export interface SharedWorkers {
  /** An idle warm worker, if there is one (it is no longer idle). */
  take(): SubjectWorker | undefined;
  /** Gives back a worker that is done with its request and did not break. */
  give(worker: SubjectWorker): void;
  /** Stops every idle worker. */
  close(): Promise<void>;
}

/** An empty {@link SharedWorkers} pool. */
export function sharedWorkers(): SharedWorkers {
  const idle: SubjectWorker[] = [];
  return {
    take: () => idle.pop(),
    give(worker) {
      idle.push(worker);
    },
    async close() {
      await Promise.all(idle.splice(0).map((worker) => worker.close()));
    },
  };
}
