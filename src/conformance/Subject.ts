import type { GatherFunction } from '../gather/GatherFunction.js';
import { describeValue, isRecord } from '../scenario/validateScenario.js';
import { CAPABILITIES, type Capabilities } from './Capabilities.js';

/**
 * A gather to check: the default export of a subject module. `supports` says which
 * capabilities it claims; a property that needs one it does not claim is "n/a" for it.
 */
export interface Subject {
  /** How the subject appears in reports: `p-map`. */
  readonly name: string;
  readonly supports?: Capabilities;
  readonly gather: GatherFunction;
}

/** A subject, or why a value is not one. */
export type SubjectValidation =
  { readonly ok: true; readonly subject: Subject } | { readonly ok: false; readonly problem: string };

/** Checks that a value has a subject's shape (see {@link Subject}), naming what is wrong. */
export function validateSubject(value: unknown): SubjectValidation {
  let problem = '';
  const fail = (found: string): false => {
    problem = found;
    return false;
  };
  return isSubject(value, fail) ? { ok: true, subject: value } : { ok: false, problem };
}

/** Whether `value` has a subject's shape; when not, returns `fail(problem)`, naming what is wrong. */
function isSubject(value: unknown, fail: (problem: string) => false): value is Subject {
  if (!isRecord(value)) return fail(`expected { name, supports?, gather }, got ${describeValue(value)}`);
  const { name, supports, gather } = value;
  if (typeof name !== 'string' || name === '')
    return fail(`"name": expected a non-empty string, got ${describeValue(name)}`);
  if (typeof gather !== 'function')
    return fail(
      `"gather": expected a function (children, { returnExceptions, signal }) => Promise, got ${describeValue(gather)}`,
    );
  if (supports !== undefined) {
    if (!isRecord(supports)) return fail(`"supports": expected an object of booleans, got ${describeValue(supports)}`);
    for (const [key, flag] of Object.entries(supports)) {
      if (!(CAPABILITIES as readonly string[]).includes(key))
        return fail(`"supports.${key}": unknown capability; known: ${CAPABILITIES.join(', ')}`);
      if (typeof flag !== 'boolean') return fail(`"supports.${key}": expected a boolean, got ${describeValue(flag)}`);
    }
  }
  return true;
}
