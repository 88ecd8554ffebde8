import { startDriverProcess, type ExternalSubject } from '../conformance/externalSubject.js';
import type { SubjectRunner } from '../conformance/SubjectRunner.js';
import type { WorkerReply, WorkerRequest } from './WorkerMessages.js';

/** A driver process spoken to from its subject worker; see {@link startDriverInWorker}. */
export interface DriverInWorker {
  /** The subject the driver's hello names, running each scenario through the driver. */
  readonly runner: SubjectRunner;
  /** The start-up its hello claimed while it has not been sent a scenario (its first answer is allowed it), then 0. */
  startupLeft(): number;
  /** Closes the driver (`ExternalSubject.close`: its stdin, its exit, its process group), then forgets its group. */
  close(): Promise<void>;
}

/**
 * In a subject worker: starts the driver process of a `load-driver` request and reads its
 * hello here, so that each scenario goes from this thread to the driver's stdin and its
 * answer line comes back to this thread (two wake-ups a scenario, the main thread out of
 * it). The driver's process group id is stored in the request's `group` cell as soon as it
 * is spawned (and 0 once this thread has ended the group), for the main thread to end it
 * if this worker is terminated. The first time the driver breaks (it crashed, went silent,
 * printed something else), `onBreak` is given a `driver-broke` reply naming why and the
 * scenario it was answering. The hello's problem comes back as a `load-problem` reply.
 */
export async function startDriverInWorker(
  request: Extract<WorkerRequest, { kind: 'load-driver' }>,
  onBreak: (reply: Extract<WorkerReply, { kind: 'driver-broke' }>) => void,
): Promise<DriverInWorker | Extract<WorkerReply, { kind: 'load-problem' }>> {
  const group = new Int32Array(request.group);
  const started = await startDriverProcess(request.command, request.limits, (groupId) =>
    Atomics.store(group, 0, groupId),
  );
  if (!started.ok) {
    // startDriverProcess has killed it.
    Atomics.store(group, 0, 0);
    return { kind: 'load-problem', problem: started.problem, missingPackage: false };
  }
  const driver: ExternalSubject = started.subject;
  let reported = false;
  let asked = false;
  return {
    startupLeft: () => (asked ? 0 : started.startupMs),
    runner: {
      name: driver.name,
      supports: driver.supports,
      replay: request.replay,
      prefetch: (scenarios) => driver.prefetch?.(scenarios),
      async run(scenario) {
        asked = true;
        const run = await driver.run(scenario);
        const broken = driver.broken();
        if (broken !== undefined && !reported) {
          reported = true;
          onBreak({ kind: 'driver-broke', reason: broken, scenario });
        }
        return run;
      },
    },
    async close() {
      await driver.close();
      Atomics.store(group, 0, 0);
    },
  };
}
