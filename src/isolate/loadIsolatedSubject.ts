import type { Capabilities } from '../conformance/Capabilities.js';
import type { SharedWorkers } from './sharedWorkers.js';
import { startSubjectWorker, type IsolationLimits, type SubjectWorker } from './startSubjectWorker.js';

/** How subject workers run: their limits, and where what a subject prints goes. */
export interface Isolation extends IsolationLimits {
  readonly log: (text: string) => void;
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
  /** A worker with the subject loaded: the one that loaded it first, then fresh ones (or shared ones: `loadIsolatedSubject`). */
  startWorker(): Promise<StartedWorker>;
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
 * Starts a worker (or takes a shared one: `shared`) and loads the module in it, within the
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
 * is a problem naming the module. A bundled subject given `shared` workers loads in one of
 * them, gives it back at once, and takes one (any, loading itself there again: a module
 * imported once is not imported again) for each worker it starts; any other module gets
 * workers of its own, never shared.
 */
export async function loadIsolatedSubject(
  module: string,
  isolation: Isolation,
  shared?: SharedWorkers,
): Promise<IsolatedLoading> {
  const sharing = shared?.shares(module) === true ? shared : undefined;
  const first = await loadWorker(module, isolation, sharing);
  if (!('info' in first)) {
    await first.worker.close();
    return { ok: false, problem: first.problem, missingPackage: first.missingPackage };
  }
  if (sharing !== undefined) await first.worker.close();
  let idle: SubjectWorker | undefined = sharing === undefined ? first.worker : undefined;
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
        const started = await loadWorker(module, isolation, sharing);
        if ('info' in started) return { ok: true, worker: started.worker };
        await started.worker.close();
        return { ok: false, what: started.problem };
      },
      async close() {
        await idle?.close();
        idle = undefined;
      },
    },
  };
}
