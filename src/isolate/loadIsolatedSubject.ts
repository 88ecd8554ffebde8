import type { Capabilities } from '../conformance/Capabilities.js';
import { BUNDLED_SUBJECTS } from '../subjects/bundledSubjects.js';
import type { SharedWorkers } from './SharedWorkers.js';
import { startSubjectWorker, type IsolationLimits, type SubjectWorker } from './startSubjectWorker.js';

/**
 * How subject workers run: their limits, where what a subject prints goes, and the pool of
 * warm workers the bundled subjects share (none: every subject gets workers of its own).
 */
export interface Isolation extends IsolationLimits {
  readonly log: (text: string) => void;
  readonly shared?: SharedWorkers;
}

/** A worker with the subject loaded, or how loading it broke. */
export type StartedWorker =
  { readonly ok: true; readonly worker: SubjectWorker } | { readonly ok: false; readonly what: string };

/**
 * A subject module loaded in a worker thread of its own: its name, capabilities and replay
 * option, and more workers with it loaded, on demand. The main thread never imports it.
 */
export interface IsolatedSubject {
  /** The module as the command line named it (a path or a bundled subject's name). */
  readonly module: string;
  readonly name: string;
  readonly supports: Capabilities;
  /** The option that selects the subject again: `--subject p-map`. */
  readonly replay: string;
  /**
   * A worker with the subject loaded: the one that loaded it first, then fresh ones (a
   * bundled subject: a warm one the bundled subjects share, when one is idle).
   */
  startWorker(): Promise<StartedWorker>;
  /** Hands back a worker done with the subject that did not break: stopped, or, a bundled subject's, kept warm for the next. */
  release(worker: SubjectWorker): Promise<void>;
  /** Stops the first worker if nothing took it. */
  close(): Promise<void>;
}

/** The subject loaded, or why it cannot be (`missingPackage`: a bundled subject's library is not installed). */
export type IsolatedLoading =
  | { readonly ok: true; readonly subject: IsolatedSubject }
  | { readonly ok: false; readonly problem: string; readonly missingPackage: boolean };

interface Loaded {
  readonly name: string;
  readonly supports: Capabilities;
  readonly replay: string;
}

/**
 * Starts a worker (or takes a warm one from `shared`) and loads the module in it, within the
 * budget: the worker, with the subject or why not.
 */
async function loadWorker(
  module: string,
  isolation: Isolation,
  shared: SharedWorkers | undefined,
): Promise<{ readonly worker: SubjectWorker } & ({ readonly info: Loaded } | Extract<IsolatedLoading, { ok: false }>)> {
  const worker = shared?.take() ?? startSubjectWorker(isolation, isolation.log);
  const outcome = await worker.request({ kind: 'load', module });
  if (!outcome.ok) return { worker, ok: false, problem: `${module}: ${outcome.what}`, missingPackage: false };
  const { reply } = outcome;
  if (reply.kind === 'loaded') return { worker, info: reply };
  if (reply.kind === 'load-problem')
    return { worker, ok: false, problem: reply.problem, missingPackage: reply.missingPackage };
  return { worker, ok: false, problem: `${module}: answered "${reply.kind}" to loading`, missingPackage: false };
}

/**
 * Loads a subject module (a path or a bundled subject's name) in a worker thread, as
 * `loadSubject` does in process: a module that throws, has the wrong shape, a default export
 * whose getter throws, or a top-level await that never settles within `isolation.budgetMs`,
 * is a problem naming the module.
 */
export async function loadIsolatedSubject(module: string, isolation: Isolation): Promise<IsolatedLoading> {
  // Only the bundled subjects share warm workers: a module given by path has its own.
  const shared = BUNDLED_SUBJECTS.some((subject) => subject.name === module) ? isolation.shared : undefined;
  const first = await loadWorker(module, isolation, shared);
  if (!('info' in first)) {
    await first.worker.close();
    return { ok: false, problem: first.problem, missingPackage: first.missingPackage };
  }
  // A shared worker goes back to the pool at once: the subject's first job takes one again.
  if (shared !== undefined) shared.give(first.worker);
  let idle: SubjectWorker | undefined = shared === undefined ? first.worker : undefined;
  return {
    ok: true,
    subject: {
      module,
      name: first.info.name,
      supports: first.info.supports,
      replay: first.info.replay,
      async startWorker() {
        if (idle !== undefined) {
          const worker = idle;
          idle = undefined;
          return { ok: true, worker };
        }
        const started = await loadWorker(module, isolation, shared);
        if ('info' in started) return { ok: true, worker: started.worker };
        await started.worker.close();
        return { ok: false, what: started.problem };
      },
      async release(worker) {
        if (shared === undefined) await worker.close();
        else shared.give(worker);
      },
      async close() {
        await idle?.close();
        idle = undefined;
      },
    },
  };
}
