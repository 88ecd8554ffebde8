import { MessageChannel } from 'node:worker_threads';
import type { DriverProcess } from '../conformance/externalSubject.js';
import type { DriverPool } from '../conformance/startDriverPool.js';
import type { IsolatedSubject, Isolation, StartedWorker } from './loadIsolatedSubject.js';
import type { PortAnswer, PortRequest } from './portRunner.js';
import type { Scenario } from '../scenario/Scenario.js';
import { startSubjectWorker, unexpectedOutcome, type SubjectWorker, type WorkerOutcome } from './startSubjectWorker.js';

/** How workers of a subject in another process run: the isolation of a module's, and the driver's answer limit. */
export type ExternalIsolation = Isolation & { readonly answerMs: number };

/**
 * A subject worker for a subject in another process, not yet given its driver: its watchdog
 * allows the driver its answer limit on top of the worker's own budget, so that a silent
 * driver is named as such. Started before the driver says hello (`startExternalWorkers`),
 * it imports the checker while the driver boots.
 */
function startExternalWorker(isolation: ExternalIsolation): SubjectWorker {
  return startSubjectWorker({ ...isolation, budgetMs: isolation.budgetMs + isolation.answerMs }, isolation.log);
}

/**
 * `count` workers for a subject in another process, started now, for
 * `isolatedExternalSubject` to take before it starts any: the checker's start-up in each
 * (about 0.4 s of CPU) goes on while the interpreter is probed and the drivers boot,
 * instead of after the first driver's hello.
 */
export function startExternalWorkers(count: number, isolation: ExternalIsolation): SubjectWorker[] {
  return Array.from({ length: count }, () => startExternalWorker(isolation));
}

/**
 * A subject worker checking a subject in another process: fast-check, the oracle and the
 * properties run in the worker, and read the driver's answer lines there (`portRunner`);
 * here `driver` is only given each scenario and its answer line passed back. A request
 * during which the driver breaks (it crashed, went silent, printed something else) ends at
 * once as a break naming what happened and the scenario it was answering; the driver goes
 * back to the pool when the worker closes, after any answer still on its way.
 */
async function startWorkerWith(
  driver: DriverProcess,
  pool: DriverPool,
  replay: string,
  worker: SubjectWorker,
): Promise<StartedWorker> {
  const { port1, port2 } = new MessageChannel();
  let broke: WorkerOutcome | undefined;
  let breakOff: ((outcome: WorkerOutcome) => void) | undefined;
  let answering: Promise<unknown> = Promise.resolve();
  // The scenario last sent, as its JSON text: read back only to name it in a break.
  let scenarioJson: string | undefined;
  const breakOut = (reason: string): void => {
    broke ??= {
      ok: false,
      what: `broke: ${reason}`,
      ...(scenarioJson === undefined ? {} : { scenario: JSON.parse(scenarioJson) as Scenario }),
    };
    breakOff?.(broke);
  };
  port1.on('message', (message: PortRequest) => {
    if ('broken' in message) {
      breakOut(driver.breakWith(message.broken));
      return;
    }
    scenarioJson = message.scenarioJson;
    answering = driver.exchange(message.scenarioJson).then((answer) => {
      if ('broken' in answer) breakOut(answer.broken);
      else port1.postMessage(answer satisfies PortAnswer);
    });
  });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      port1.close();
      await worker.close();
      await answering;
      pool.give(driver);
    })();
    return closed;
  };
  const info = { name: driver.name, supports: driver.supports, replay };
  const loaded = await worker.request({ kind: 'load-external', ...info, port: port2 });
  if (!loaded.ok || loaded.reply.kind !== 'loaded') {
    await close();
    return { ok: false, what: unexpectedOutcome(loaded) };
  }
  return {
    ok: true,
    worker: {
      request(request) {
        if (broke !== undefined) return Promise.resolve(broke);
        return new Promise((resolve) => {
          breakOff = resolve;
          void worker.request(request).then(resolve);
        });
      },
      close,
    },
  };
}

/**
 * A subject in another process, checked like a module in worker threads (`checkIsolated`,
 * `--jobs`): each worker it starts borrows a driver process of `pool` (whose first driver
 * has said hello) for as long as it lives; the workers of `started`
 * (`startExternalWorkers`) are taken first, a new one after. `replay` selects the subject
 * again on a command line; `close` ends every driver of the pool, and the workers of
 * `started` no one took.
 */
export function isolatedExternalSubject(
  command: string,
  pool: DriverPool & { readonly first: { readonly ok: true } },
  replay: string,
  isolation: ExternalIsolation,
  started: readonly SubjectWorker[] = [],
): IsolatedSubject {
  const { subject } = pool.first;
  const spare = [...started];
  return {
    module: command,
    name: subject.name,
    supports: subject.supports,
    replay,
    async startWorker() {
      // The worker first, so that a new one imports the checker while a driver is taken.
      const worker = spare.shift() ?? startExternalWorker(isolation);
      const taken = await pool.take();
      if (!taken.ok) {
        await worker.close();
        return { ok: false, what: taken.problem };
      }
      return startWorkerWith(taken.subject, pool, replay, worker);
    },
    async close() {
      await Promise.all(spare.splice(0).map((worker) => worker.close()));
      await pool.close();
    },
  };
}
