import type { SubjectReport } from '../conformance/ConformanceReport.js';
import { startExternalSubject, type ExternalSubjectOptions } from '../conformance/externalSubject.js';
import type { SubjectRunner } from '../conformance/SubjectRunner.js';
import { loadIsolatedSubject, type IsolatedSubject, type Isolation } from '../isolate/loadIsolatedSubject.js';
import { CPYTHON_SUBJECT, cpythonCommand } from '../subjects/cpythonDriver.js';
import { MICROPYTHON_SUBJECT, micropythonCommand } from '../subjects/micropythonDriver.js';

/** What a command line names as a subject: a module (a path or a bundled name), or a command speaking the protocol. */
export type SubjectSpec = { readonly module: string } | { readonly external: string };

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

async function openExternal(
  command: string,
  limits: ExternalSubjectOptions,
  replay: string | undefined,
): Promise<OpenedSubject> {
  const started = await startExternalSubject(command, limits);
  if (!started.ok) return { report: { subject: command, supports: {}, broken: started.problem, properties: [] } };
  const { subject } = started;
  const runner: SubjectRunner = replay === undefined ? subject : { ...subject, replay };
  return { runner, close: () => subject.close() };
}

/**
 * Opens a subject named on a command line. `cpython-asyncio` runs the bundled driver with
 * python3, `micropython-1.27-asyncio` the bundled MicroPython driver with this Node; a module
 * (a path or a bundled subject's name) is loaded in a worker thread under `isolation`;
 * `optional` subjects (the bundled matrix) are skipped, not refused, when their
 * library, python3 or the MicroPython package is missing.
 */
export async function openSubject(
  spec: SubjectSpec,
  optional: boolean,
  limits: ExternalSubjectOptions,
  isolation: Isolation,
): Promise<OpenedSubject> {
  if ('external' in spec)
    return spec.external.trim() === ''
      ? { problem: 'expected a command to run (--external CMD), got an empty string' }
      : openExternal(spec.external, limits, undefined);
  if (spec.module === CPYTHON_SUBJECT) {
    const found = cpythonCommand();
    if ('missing' in found) {
      return optional
        ? { report: { subject: CPYTHON_SUBJECT, supports: {}, skipped: found.missing, properties: [] } }
        : { problem: `${CPYTHON_SUBJECT}: ${found.missing}` };
    }
    return openExternal(found.command, limits, `--subject ${CPYTHON_SUBJECT}`);
  }
  if (spec.module === MICROPYTHON_SUBJECT) {
    const found = micropythonCommand();
    if ('missing' in found) {
      return optional
        ? { report: { subject: MICROPYTHON_SUBJECT, supports: {}, skipped: found.missing, properties: [] } }
        : { problem: `${MICROPYTHON_SUBJECT}: ${found.missing}` };
    }
    return openExternal(found.command, limits, `--subject ${MICROPYTHON_SUBJECT}`);
  }
  const loaded = await loadIsolatedSubject(spec.module, isolation);
  if (loaded.ok) return { isolated: loaded.subject };
  if (optional && loaded.missingPackage)
    return { report: { subject: spec.module, supports: {}, skipped: loaded.problem, properties: [] } };
  return { problem: loaded.problem };
}
