import { killGroupOfCell, trackGroupCell } from '../conformance/endProcessGroup.js';
import { BUNDLED_SUBJECTS } from '../subjects/bundledSubjects.js';
import type { DriverSpec } from './isolatedExternalSubject.js';
import type { WorkerReply } from './WorkerMessages.js';
import {
  startSubjectWorker,
  unexpectedOutcome,
  type IsolationLimits,
  type SubjectWorker,
  type WorkerOutcome,
} from './startSubjectWorker.js';

/** A shared worker lent with a driver as its subject and the hello it gave, or why it could not be. */
export type DriverLoan =
  | { readonly ok: true; readonly worker: SubjectWorker; readonly loaded: Extract<WorkerReply, { kind: 'loaded' }> }
  | { readonly ok: false; readonly what: string };

/**
 * Long-lived worker threads that the bundled subjects share (`check`): a worker one bundled
 * subject is done with goes on, warm, to the next one, instead of being ended. Each fresh
 * worker compiles and optimizes the checker (fast-check, the oracle, the executor) again:
 * about 1.3-1.5 s of CPU before it runs at full speed, against about 0.7 s for a whole
 * subject's check once warm. The bundled subjects in other processes (our own drivers) take
 * the same workers: a worker spawns the driver of such a subject the first time it is lent
 * to it, and keeps it for the subject's later jobs, so N workers start at most N drivers of
 * a subject.
 */
export interface SharedWorkers {
  /** Whether `module` may run in a shared worker: a bundled subject's name (our own code, or a library we ship and vetted). */
  shares(module: string): boolean;
  /**
   * An idle shared worker (the one holding the fewest drivers; a fresh one when none is
   * idle), lent until its `close`: that gives it back, unless a request of the loan did not
   * get the answer it asked for (the worker broke: watchdog, exit, error, memory; or it
   * answered a throw or a load problem), which ends it instead.
   */
  take(): SubjectWorker;
  /**
   * A shared worker lent as {@link take} lends one, with `driver`'s driver as its subject:
   * an idle worker that holds that driver, else one that starts it now (`load-driver`).
   * Each request of the loan is allowed the driver's answer limit on top of the budget, and
   * the first after the driver's start its start-up too (the hello's `startupMs`); the
   * first time the driver breaks, that request and every later one end as a break naming
   * why and the scenario it was answering (the worker is ended when given back).
   */
  takeDriver(driver: DriverSpec): Promise<DriverLoan>;
  /** Ends the idle workers, each closing its drivers first; a worker still lent ends when it is given back. */
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

/** A shared worker and the drivers it started, by command: each one's process group cell and answer limit. */
interface Host {
  readonly worker: SubjectWorker;
  readonly drivers: Map<
    string,
    { readonly cell: SharedArrayBuffer; readonly group: Int32Array; readonly answerMs: number }
  >;
}

/** Kills (SIGKILL) the process groups a host's drivers left, if any: its worker was terminated, or has ended. */
function killDrivers(host: Host): void {
  for (const { group } of host.drivers.values()) killGroupOfCell(group);
}

/**
 * Ends a host: a `sound` one closes its drivers itself first (`ExternalSubject.close`: its
 * stdin, its exit, its process group); then the worker stops, and whatever group is left
 * (it broke, or was busy) is killed from here.
 */
async function endHost(host: Host, sound: boolean): Promise<void> {
  if (sound && host.drivers.size > 0) {
    const answerMs = Math.max(...[...host.drivers.values()].map((driver) => driver.answerMs));
    await host.worker.request({ kind: 'close-drivers' }, { everyMs: answerMs, firstScenarioMs: 0 });
  }
  await host.worker.close();
  killDrivers(host);
}

/** The index in `idle` of the host to lend: the latest given back holding `command`'s driver, else the latest holding the fewest drivers; -1 when none is idle. */
function pick(idle: readonly Host[], command: string | undefined): number {
  let best = -1;
  for (let index = idle.length - 1; index >= 0; index -= 1) {
    const host = idle[index] as Host;
    if (command !== undefined && host.drivers.has(command)) return index;
    if (best === -1 || host.drivers.size < (idle[best] as Host).drivers.size) best = index;
  }
  return best;
}

/**
 * Shared workers started under `limits`, printing to `log` (see {@link SharedWorkers}):
 * as many as were lent at once, at most.
 */
export function sharedWorkers(limits: IsolationLimits, log: (text: string) => void): SharedWorkers {
  const idle: Host[] = [];
  let closed = false;
  const hostFor = (command: string | undefined): Host => {
    const index = pick(idle, command);
    return index === -1
      ? { worker: startSubjectWorker(limits, log), drivers: new Map() }
      : (idle.splice(index, 1)[0] as Host);
  };
  /** A loan of `host`, its requests allowed `answerMs` on top of the budget (a driver's answer limit). */
  const lend = (host: Host, answerMs: number): SubjectWorker => {
    let fit = true;
    let busy = false;
    let returned = false;
    // The start-up the driver the worker last loaded still has (its first answer is allowed it).
    let startupMs = 0;
    let driverBroke: WorkerOutcome | undefined;
    return {
      async request(request) {
        if (driverBroke !== undefined) return driverBroke;
        busy = true;
        const outcome = await host.worker.request(request, { everyMs: answerMs, firstScenarioMs: startupMs });
        busy = false;
        fit &&= fitAfter(outcome);
        // Terminated: the drivers it held are ended from here at once.
        if (!outcome.ok) killDrivers(host);
        startupMs = outcome.ok && outcome.reply.kind === 'loaded' ? (outcome.reply.startupMs ?? 0) : 0;
        if (!outcome.ok || outcome.reply.kind !== 'driver-broke') return outcome;
        const { reason, scenario } = outcome.reply;
        driverBroke = { ok: false, what: `broke: ${reason}`, scenario };
        return driverBroke;
      },
      async close() {
        if (returned) return;
        returned = true;
        // Given back in the middle of a request, it would still be working: ended instead.
        if (fit && !busy && !closed) idle.push(host);
        else await endHost(host, fit && !busy);
      },
    };
  };
  return {
    shares: (module) => BUNDLED.has(module),
    take: () => lend(hostFor(undefined), 0),
    async takeDriver(driver) {
      const host = hostFor(driver.command);
      const answerMs = driver.limits.answerMs ?? 10_000;
      let held = host.drivers.get(driver.command);
      if (held === undefined) {
        const cell = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
        held = { cell, group: new Int32Array(cell), answerMs };
        trackGroupCell(held.group);
        host.drivers.set(driver.command, held);
      }
      const worker = lend(host, answerMs);
      const outcome = await worker.request({ kind: 'load-driver', ...driver, group: held.cell });
      if (outcome.ok && outcome.reply.kind === 'loaded') return { ok: true, worker, loaded: outcome.reply };
      // Not fit to lend again: ended, with its drivers.
      await worker.close();
      return {
        ok: false,
        what: outcome.ok && outcome.reply.kind === 'load-problem' ? outcome.reply.problem : unexpectedOutcome(outcome),
      };
    },
    async close() {
      closed = true;
      await Promise.all(idle.splice(0).map((host) => endHost(host, true)));
    },
  };
}
