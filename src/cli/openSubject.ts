import type { SubjectReport } from '../conformance/ConformanceReport.js';
import { startExternalSubject, type ExternalSubjectOptions } from '../conformance/externalSubject.js';
import type { SubjectRunner } from '../conformance/SubjectRunner.js';
import type { ConcurrencyLimit } from '../isolate/concurrencyLimit.js';
import type { SharedWorkers } from '../isolate/sharedWorkers.js';
import type { LanguageDriver } from '../languages/LanguageDriver.js';
import { isolatedExternalSubject, startExternalWorkers } from '../isolate/isolatedExternalSubject.js';
import { sharedExternalSubject } from '../isolate/sharedExternalSubject.js';
import type { SubjectWorker } from '../isolate/startSubjectWorker.js';
import { loadIsolatedSubject, type IsolatedSubject, type Isolation } from '../isolate/loadIsolatedSubject.js';
import { shellWord } from '../report/shellQuote.js';
import { CPYTHON_SUBJECT, cpythonCommand, pythonDriver } from '../subjects/cpythonDriver.js';
import { PYODIDE_SUBJECT, pyodideCommand } from '../subjects/pyodideDriver.js';
import { MICROPYTHON_SUBJECT, micropythonCommand } from '../subjects/micropythonDriver.js';
import { LANGUAGE_DRIVERS } from '../languages/languageDrivers.js';
import { prepareDriver } from '../languages/prepareDriver.js';

/**
 * What a command line names as a subject: a module (a path or a bundled name), a command
 * speaking the protocol, the bundled Python driver run by an interpreter (`--python`), or a
 * registered language driver (`--driver NAME`).
 */
export type SubjectSpec =
  | { readonly module: string }
  | { readonly external: string }
  | { readonly python: string }
  | { readonly driver: string };

/**
 * A subject ready to check, with `close` to call when done (in another process); a module
 * loaded in a worker thread (`isolated`, never imported here); a report for one that cannot
 * be checked (skipped where `optional`, broken for an external subject that would not say
 * hello); or a usage problem (a module that cannot be loaded or has the wrong shape).
 */
export type OpenedSubject =
  | { readonly runner: SubjectRunner; readonly close: () => Promise<void> }
  | { readonly isolated: IsolatedSubject }
  | { readonly report: SubjectReport }
  | { readonly problem: string };

/** The command of a bundled driver, or why it cannot run here. */
type DriverCommand = { readonly command: string } | { readonly missing: string };

/** The bundled drivers by subject name: each gives its command, or why it cannot run here. */
const DRIVERS = new Map<string, () => DriverCommand | Promise<DriverCommand>>([
  [CPYTHON_SUBJECT, cpythonCommand],
  [PYODIDE_SUBJECT, pyodideCommand],
  [MICROPYTHON_SUBJECT, micropythonCommand],
]);

/**
 * How `check` opens subjects: one in another process gets `drivers` driver processes, started
 * at once in workers of its own, and is checked in worker threads like a module; a module
 * loads in a worker in its turn (`loadInTurn`), while those drivers start without waiting
 * for one; a bundled one, module or driver, in its turn in the workers it shares with the
 * other bundled ones (`shared`).
 */
export interface CheckOpening {
  readonly drivers: number;
  readonly loadInTurn: ConcurrencyLimit;
  readonly shared: SharedWorkers;
}

/** With `opening` (`check`), the workers of a subject in another process, started at once: see `startExternalWorkers`. */
function earlyWorkers(limits: ExternalSubjectOptions, isolation: Isolation, opening: CheckOpening): SubjectWorker[] {
  return startExternalWorkers(opening.drivers, { ...isolation, answerMs: limits.answerMs ?? 10_000 });
}

async function openExternal(
  command: string,
  limits: ExternalSubjectOptions,
  replay: string | undefined,
  isolation: Isolation,
  opening: CheckOpening | undefined,
): Promise<OpenedSubject> {
  if (opening !== undefined) {
    const workers = earlyWorkers(limits, isolation, opening);
    const opened = await isolatedExternalSubject(
      { command, limits, replay: replay ?? `--external ${shellWord(command)}` },
      opening.drivers,
      { ...isolation, answerMs: limits.answerMs ?? 10_000 },
      workers,
    );
    if ('problem' in opened)
      return { report: { subject: command, supports: {}, broken: opened.problem, properties: [] } };
    return { isolated: opened.subject };
  }
  const started = await startExternalSubject(command, limits);
  if (!started.ok) return { report: { subject: command, supports: {}, broken: started.problem, properties: [] } };
  const { subject } = started;
  const runner: SubjectRunner = replay === undefined ? subject : { ...subject, replay };
  return { runner, close: () => subject.close() };
}

/**
 * Opens a registered language driver: built on first use (its progress lines go to
 * `isolation.log`), skipped when its toolchain is missing (refused instead, naming what it
 * needs, when not `optional`), broken with the build's output when its build fails.
 */
async function openLanguageDriver(
  driver: LanguageDriver,
  optional: boolean,
  limits: ExternalSubjectOptions,
  isolation: Isolation,
  opening: CheckOpening | undefined,
): Promise<OpenedSubject> {
  const prepared = await prepareDriver(driver, undefined, undefined, isolation.log);
  if ('missing' in prepared)
    return optional
      ? { report: { subject: driver.name, supports: {}, skipped: prepared.missing, properties: [] } }
      : { problem: `${driver.name}: ${prepared.missing}` };
  if ('buildFailed' in prepared)
    return { report: { subject: driver.name, supports: {}, broken: prepared.buildFailed, properties: [] } };
  return openExternal(prepared.command, limits, `--subject ${driver.name}`, isolation, opening);
}

/** A bundled driver that cannot run here: skipped where `optional`, else a usage problem. */
function missingDriver(module: string, missing: string, optional: boolean): OpenedSubject {
  return optional
    ? { report: { subject: module, supports: {}, skipped: missing, properties: [] } }
    : { problem: `${module}: ${missing}` };
}

/**
 * Opens a subject named on a command line. A bundled driver's name runs that driver
 * (`cpython-asyncio` with python3, `cpython-3.14-pyodide` and `micropython-1.27-asyncio` with
 * this Node); `--python INTERPRETER`
 * runs the Python driver with that interpreter (one that is missing or no Python 3 is a usage
 * problem); a module (a path or a bundled subject's name) is loaded in a worker thread under
 * `isolation`; `optional` subjects (the bundled matrix) are skipped, not refused, when their
 * library, runtime or interpreter is missing. With `opening` (`check`), a subject in another
 * process is opened as a pool of driver processes to check in worker threads (a bundled
 * driver's in the shared workers: `sharedExternalSubject`). A language
 * driver (`--driver NAME`, or its name as a module) is looked up in `drivers`; an unknown
 * `--driver` name is a usage problem listing the known ones.
 */
export async function openSubject(
  spec: SubjectSpec,
  optional: boolean,
  limits: ExternalSubjectOptions,
  isolation: Isolation,
  opening?: CheckOpening,
  drivers: readonly LanguageDriver[] = LANGUAGE_DRIVERS,
): Promise<OpenedSubject> {
  if ('driver' in spec) {
    const named = drivers.find((candidate) => candidate.name === spec.driver);
    if (named === undefined)
      return {
        problem: `--driver: unknown driver "${spec.driver}"; known: ${drivers.length === 0 ? '(none registered)' : drivers.map((candidate) => candidate.name).join(', ')}`,
      };
    return openLanguageDriver(named, optional, limits, isolation, opening);
  }
  if ('external' in spec)
    return spec.external.trim() === ''
      ? { problem: 'expected a command to run (--external CMD), got an empty string' }
      : openExternal(spec.external, limits, undefined, isolation, opening);
  if ('python' in spec) {
    const found = await pythonDriver(spec.python, limits.helloMs ?? 10_000);
    if ('command' in found)
      return openExternal(found.command, limits, `--python ${shellWord(spec.python)}`, isolation, opening);
    return { problem: `--python ${spec.python}: ${found.problem}` };
  }
  const driver = DRIVERS.get(spec.module);
  if (driver !== undefined && opening !== undefined)
    // In its turn with the modules: after them in the bundled matrix, whose loading its boot would slow.
    return opening.loadInTurn(async () => {
      const found = await driver();
      if ('missing' in found) return missingDriver(spec.module, found.missing, optional);
      const opened = await sharedExternalSubject(
        { command: found.command, limits, replay: `--subject ${spec.module}` },
        opening.shared,
      );
      if ('problem' in opened)
        return { report: { subject: found.command, supports: {}, broken: opened.problem, properties: [] } };
      return { isolated: opened.subject };
    });
  if (driver !== undefined) {
    const found = await driver();
    if ('missing' in found) return missingDriver(spec.module, found.missing, optional);
    return openExternal(found.command, limits, `--subject ${spec.module}`, isolation, undefined);
  }
  const language = drivers.find((candidate) => candidate.name === spec.module);
  if (language !== undefined) return openLanguageDriver(language, optional, limits, isolation, opening);
  const { module } = spec;
  const loaded = await (opening?.loadInTurn ?? ((load) => load()))(() =>
    loadIsolatedSubject(module, isolation, opening?.shared),
  );
  if (loaded.ok) return { isolated: loaded.subject };
  if (optional && loaded.missingPackage)
    return { report: { subject: spec.module, supports: {}, skipped: loaded.problem, properties: [] } };
  return { problem: loaded.problem };
}
