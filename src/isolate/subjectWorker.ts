/**
 * The entry of a subject worker (a `worker_threads` Worker started by `startSubjectWorker`):
 * it loads a subject module (or starts a driver process of a subject in another process and
 * speaks to it from here: `startDriverInWorker`; a shared worker loads one after another, and
 * keeps each driver for its subject's later jobs), then checks properties on it or runs scenarios, one request at
 * a time, giving a heartbeat (`heartbeat.ts`) with each scenario before running it. Whatever the subject does
 * here (loops, exits, throws from a timer, allocates without bound) ends this worker only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkingDeterminism } from '../conformance/checkingDeterminism.js';
import { loadSubject } from '../conformance/loadSubject.js';
import { toSubjectRunner, type SubjectRunner } from '../conformance/SubjectRunner.js';
import { checkProperty } from '../properties/checkProperty.js';
import { gatherProperties } from '../properties/gatherProperties.js';
import { rememberPredictions } from '../properties/predictInProperty.js';
import { describeThrown } from '../report/describeThrown.js';
import type { PropertyReport } from '../properties/checkProperty.js';
import { departureSearch } from '../conformance/departureSearch.js';
import { findDepartures } from '../conformance/findDepartures.js';
import { startDriverInWorker, type DriverInWorker } from './driverInWorker.js';
import type { EncodedPropertyReport, WorkerReply, WorkerRequest } from './WorkerMessages.js';
import { beat } from './heartbeat.js';

const port = parentPort;
if (port === null) throw new Error('subjectWorker.js runs as a worker thread (see startSubjectWorker)');
// One subject's properties draw the same scenarios: predict each once (predictInProperty).
rememberPredictions(true);
const post = (reply: WorkerReply): void => port.postMessage(reply);
const { heartbeat } = workerData as { readonly heartbeat: SharedArrayBuffer };

let subject: SubjectRunner | undefined;
/** The drivers this worker started, by command: one for each subject in another process it served. */
const drivers = new Map<string, DriverInWorker>();

/** The subject, giving the watchdog's heartbeat before each scenario it runs (posting one too long for it). */
function watched(runner: SubjectRunner, determinism: boolean): SubjectRunner {
  const beating: SubjectRunner = {
    ...runner,
    run(scenario, options) {
      if (!beat(heartbeat, scenario)) post({ kind: 'scenario', scenario });
      return runner.run(scenario, options);
    },
  };
  return determinism ? checkingDeterminism(beating) : beating;
}

async function load(module: string): Promise<WorkerReply> {
  try {
    const loaded = await loadSubject(module);
    if (!loaded.ok)
      return { kind: 'load-problem', problem: loaded.problem, missingPackage: loaded.missingPackage === true };
    subject = { ...toSubjectRunner(loaded.subject), replay: loaded.replay };
    return { kind: 'loaded', name: subject.name, supports: subject.supports, replay: loaded.replay };
  } catch (error) {
    // A getter of the default export that throws, say.
    return {
      kind: 'load-problem',
      problem: `${module}: reading its default export threw: ${describeThrown(error)}`,
      missingPackage: false,
    };
  }
}

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  if (request.kind === 'load') return load(request.module);
  if (request.kind === 'load-driver' || request.kind === 'close-drivers') return driven(request);
  if (subject === undefined) return { kind: 'threw', error: 'asked to work before a subject was loaded' };
  const runner = watched(subject, request.determinism);
  try {
    if (request.kind === 'run') {
      const run = await runner.run(request.scenario, request.ties === undefined ? {} : { ties: request.ties });
      return { kind: 'ran', run };
    }
    if (request.kind === 'departures') return await departures(request, runner);
    const property = gatherProperties.find((candidate) => candidate.id === request.property);
    if (property === undefined) return { kind: 'threw', error: `no property "${request.property}"` };
    const report = await checkProperty(property, runner, request.options);
    return { kind: 'checked', report: { ...report, property: property.id } };
  } catch (error) {
    return { kind: 'threw', error: describeThrown(error) };
  }
}

/**
 * Makes a subject in another process the subject (the driver of its command this worker
 * holds, else one started now), or closes every driver.
 */
async function driven(
  request: Extract<WorkerRequest, { kind: 'load-driver' | 'close-drivers' }>,
): Promise<WorkerReply> {
  if (request.kind === 'close-drivers') {
    const closing = [...drivers.values()];
    drivers.clear();
    subject = undefined;
    await Promise.all(closing.map((driver) => driver.close()));
    return { kind: 'drivers-closed' };
  }
  let driver = drivers.get(request.command);
  if (driver === undefined) {
    const started = await startDriverInWorker(request, post);
    if ('kind' in started) return started;
    driver = started;
    drivers.set(request.command, driver);
  }
  subject = driver.runner;
  return {
    kind: 'loaded',
    name: subject.name,
    supports: subject.supports,
    replay: request.replay,
    startupMs: driver.startupLeft(),
  };
}

/** A verdict as the main thread sent it, with its property put back (by id). */
function decoded(report: EncodedPropertyReport): PropertyReport {
  const property = gatherProperties.find((candidate) => candidate.id === report.property);
  if (property === undefined) throw new Error(`no property "${report.property}"`);
  return { ...report, property };
}

/** The departures behind a first round, searched as `checkSubject` does in process. */
async function departures(
  request: Extract<WorkerRequest, { kind: 'departures' }>,
  runner: SubjectRunner,
): Promise<WorkerReply> {
  const properties = gatherProperties.filter((property) => request.properties.includes(property.id));
  // Re-checks generate scenarios as the first round did: no path, no given scenario.
  const { path: _path, scenario: _scenario, tieOrder: _tieOrder, without: _without, ...common } = request.options;
  const found = await findDepartures(
    request.reports.map(decoded),
    departureSearch(runner, properties, common),
    request.options.scenario === undefined ? request.budget : { ...request.budget, rechecks: 0 },
  );
  return {
    kind: 'departed',
    departures: found.map((departure) => ({
      ...departure,
      failure: { ...departure.failure, property: departure.failure.property.id },
    })),
  };
}

/** Posts a reply; one that cannot be copied to the main thread (a function in a value, say) becomes why. */
function reply(message: WorkerReply): void {
  try {
    post(message);
  } catch (error) {
    post({ kind: 'threw', error: `its answer could not be sent to the checker: ${describeThrown(error)}` });
  }
}

port.on('message', (request: WorkerRequest) => {
  void answer(request).then(reply);
});
post({ kind: 'ready' });
