import { validateSubject } from '../conformance/Subject.js';
import { describeValue, isRecord } from '../scenario/validateScenario.js';
import { argumentError } from './argumentError.js';

/**
 * Throws a `TypeError` of `fn` unless `subject` is something `toSubjectRunner` takes: a
 * gather function, a subject `{ name, supports?, gather }` (checked by `validateSubject`)
 * or a subject runner `{ name, supports, run }`. A subject of the wrong shape is named with
 * its problem: `checkGather: the subject is invalid: "gather": expected a function ...`.
 */
export function checkSubjectArgument(fn: string, subject: unknown): void {
  if (typeof subject === 'function') return;
  if (!isRecord(subject))
    throw argumentError(
      fn,
      'subject',
      'a gather function, a subject { name, supports?, gather } or a subject runner { name, supports, run }',
      subject,
    );
  const problem = 'run' in subject ? runnerProblem(subject) : validateSubject(subject);
  if (!problem.ok) throw new TypeError(`${fn}: the subject is invalid: ${problem.problem}`);
}

/** What is wrong with a subject runner, in the words of `validateSubject`. */
function runnerProblem(
  runner: Record<string, unknown>,
): { readonly ok: true } | { readonly ok: false; readonly problem: string } {
  const { name, supports, run } = runner;
  if (typeof run !== 'function')
    return {
      ok: false,
      problem: `"run": expected a function (scenario, options) => Promise<Run>, got ${describeValue(run)}`,
    };
  if (supports === undefined)
    return {
      ok: false,
      problem: '"supports": a subject runner states what it supports: expected an object of booleans, got undefined',
    };
  // Its name and capabilities are those of a subject whose gather is its run.
  return validateSubject({ name, supports, gather: run });
}
