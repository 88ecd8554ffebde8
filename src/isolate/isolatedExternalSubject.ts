import { killGroupOfCell, trackGroupCell } from '../conformance/endProcessGroup.js';
import type { ExternalSubjectOptions } from '../conformance/externalSubject.js';
import type { IsolatedSubject, Isolation } from './loadIsolatedSubject.js';
import { startSubjectWorker, unexpectedOutcome, type SubjectWorker, type WorkerOutcome } from './startSubjectWorker.js';

/** How workers of a subject in another process run: the isolation of a module's, and the driver's answer limit. */
export type ExternalIsolation = Isolation & { readonly answerMs: number };

/**
 * A subject worker for a subject in another process, not yet given its driver: its watchdog
 * allows the driver its answer limit on top of the worker's own budget, so that a silent
 * driver is named as such. Started before the driver's command is known
 * (`startExternalWorkers`), it imports the checker while the interpreter is probed.
 */
function startExternalWorker(isolation: ExternalIsolation): SubjectWorker {
  return startSubjectWorker({ ...isolation, budgetMs: isolation.budgetMs + isolation.answerMs }, isolation.log);
}

/**
 * `count` workers for a subject in another process, started now, for
 * `isolatedExternalSubject` to take before it starts any: the checker's start-up in each
 * (about 0.4 s of CPU) goes on while the interpreter is probed.
 */
export function startExternalWorkers(count: number, isolation: ExternalIsolation): SubjectWorker[] {
  return Array.from({ length: count }, () => startExternalWorker(isolation));
}

/** The driver of a subject in another process: its command, limits and replay option. */
export interface DriverSpec {
  readonly command: string;
  readonly limits: ExternalSubjectOptions;
  readonly replay: string;
}

/** A subject worker that spawned a driver process of its own and speaks to it (`startDriverInWorker`). */
interface DriverWorker {
  readonly worker: SubjectWorker;
  /** Where the worker stores the driver's process group id, read here to end it if the worker cannot. */
  readonly group: Int32Array;
  /** The `load-driver` request's outcome: `loaded` once the driver said hello. */
  readonly loaded: Promise<WorkerOutcome>;
  /** A request is in progress (or went on after its driver broke). */
  busy: boolean;
  /** The start-up its driver's first answer is still allowed (the hello's `startupMs`), given to the watchdog with its next request. */
  startupMs: number;
  /** How it broke: the worker (watchdog, exit, crash) or its driver; its requests get this from then on. */
  broke: Extract<WorkerOutcome, { ok: false }> | undefined;
  ended: Promise<void> | undefined;
}

function startDriverWorker(worker: SubjectWorker, driver: DriverSpec): DriverWorker {
  const group = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  trackGroupCell(group);
  const unit: DriverWorker = {
    worker,
    group,
    // Once it said hello, its first answer is allowed the start-up the hello claims.
    loaded: worker.request({ kind: 'load-driver', ...driver, group: group.buffer }).then((outcome) => {
      if (outcome.ok && outcome.reply.kind === 'loaded') unit.startupMs = outcome.reply.startupMs ?? 0;
      return outcome;
    }),
    busy: false,
    startupMs: 0,
    broke: undefined,
    ended: undefined,
  };
  return unit;
}

/**
 * Ends a driver worker: a sound one that is not at work closes its driver itself
 * (`ExternalSubject.close`: its stdin, its exit, its process group); then the worker stops,
 * and whatever group it left (it broke, or was busy) is killed from here.
 */
function endDriverWorker(unit: DriverWorker): Promise<void> {
  unit.ended ??= (async () => {
    const loaded = await unit.loaded;
    if (loaded.ok && loaded.reply.kind === 'loaded' && unit.broke === undefined && !unit.busy)
      await unit.worker.request({ kind: 'close-drivers' });
    await unit.worker.close();
    killGroupOfCell(unit.group);
  })();
  return unit.ended;
}

/**
 * A driver worker lent to a slot: its requests, each ended at once as a break when the
 * worker breaks (its driver's group killed then) or says its driver broke (naming why and
 * the scenario it was answering), the first allowed the driver's start-up if it has not
 * answered yet; `close` gives a sound one back to `idle`, with its driver
 * (which keeps its request ids), and ends a broken one.
 */
function lend(unit: DriverWorker, idle: DriverWorker[]): SubjectWorker {
  let closed = false;
  return {
    async request(request) {
      if (unit.broke !== undefined) return unit.broke;
      unit.busy = true;
      const outcome = await unit.worker.request(request, { everyMs: 0, firstScenarioMs: unit.startupMs });
      unit.startupMs = 0;
      if (!outcome.ok) {
        unit.broke = outcome;
        killGroupOfCell(unit.group);
        return outcome;
      }
      if (outcome.reply.kind !== 'driver-broke') {
        unit.busy = false;
        return outcome;
      }
      const { reason, scenario } = outcome.reply;
      unit.broke = { ok: false, what: `broke: ${reason}`, scenario };
      return unit.broke;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (unit.broke === undefined && !unit.busy) idle.push(unit);
      else await endDriverWorker(unit);
    },
  };
}

/**
 * Opens a subject in another process to check in worker threads (`checkIsolated`,
 * `--jobs`): `size` workers (those of `started` first: `startExternalWorkers`) each spawn a
 * driver process of `driver.command` at once and speak to it themselves; once the first
 * has said hello (its name and capabilities) the subject is ready, the others booting on.
 * Each `startWorker` lends a worker with its driver: one given back, else one started
 * ahead, else a new one. `close` ends every driver and worker. The first driver's problem
 * (no hello, a bad one, a crash) comes back instead of a subject.
 */
export async function isolatedExternalSubject(
  driver: DriverSpec,
  size: number,
  isolation: ExternalIsolation,
  started: readonly SubjectWorker[] = [],
): Promise<{ readonly subject: IsolatedSubject } | { readonly problem: string }> {
  const spare = [...started];
  const all: DriverWorker[] = [];
  const start = (): DriverWorker => {
    const unit = startDriverWorker(spare.shift() ?? startExternalWorker(isolation), driver);
    all.push(unit);
    return unit;
  };
  const ahead = Array.from({ length: Math.max(1, size) }, start);
  const idle: DriverWorker[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(spare.splice(0).map((worker) => worker.close()));
    await Promise.all(all.map(endDriverWorker));
  };
  const problemOf = (outcome: WorkerOutcome): string | undefined => {
    if (outcome.ok && outcome.reply.kind === 'loaded') return undefined;
    return outcome.ok && outcome.reply.kind === 'load-problem' ? outcome.reply.problem : unexpectedOutcome(outcome);
  };
  const hello = await (ahead[0] as DriverWorker).loaded;
  if (!hello.ok || hello.reply.kind !== 'loaded') {
    await close();
    return { problem: problemOf(hello) ?? '' };
  }
  return {
    subject: {
      module: driver.command,
      name: hello.reply.name,
      supports: hello.reply.supports,
      replay: driver.replay,
      async startWorker() {
        const unit = idle.shift() ?? ahead.shift() ?? start();
        const problem = problemOf(await unit.loaded);
        if (problem === undefined) return { ok: true, worker: lend(unit, idle) };
        await endDriverWorker(unit);
        return { ok: false, what: problem };
      },
      close,
    },
  };
}
