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
  if (!isRecord(value))
    return { ok: false, problem: `expected { name, supports?, gather }, got ${describeValue(value)}` };
  const { name, supports, gather } = value;
  if (typeof name !== 'string' || name === '')
    return { ok: false, problem: `"name": expected a non-empty string, got ${describeValue(name)}` };
  if (typeof gather !== 'function')
    return {
      ok: false,
      problem: `"gather": expected a function (children, { returnExceptions, signal }) => Promise, got ${describeValue(gather)}`,
    };
  if (supports !== undefined) {
    if (!isRecord(supports))
      return { ok: false, problem: `"supports": expected an object of booleans, got ${describeValue(supports)}` };
    for (const [key, flag] of Object.entries(supports)) {
      if (!(CAPABILITIES as readonly string[]).includes(key))
        return { ok: false, problem: `"supports.${key}": unknown capability; known: ${CAPABILITIES.join(', ')}` };
      if (typeof flag !== 'boolean')
        return { ok: false, problem: `"supports.${key}": expected a boolean, got ${describeValue(flag)}` };
    }
  }
  return { ok: true, subject: value as unknown as Subject };
}
