import { isRecord } from '../scenario/validateScenario.js';
import { argumentError } from './argumentError.js';

/** Why a value breaks an {@link ArgumentRule}: where in it (`[2]`, `.index`, or empty), what it must be, and the bad part. */
export interface ArgumentProblem {
  /** Appended to the argument's name: `[2]`, `.index`; empty for the value itself. */
  readonly at: string;
  /** What it must be, as a phrase: `a positive integer`. */
  readonly expected: string;
  readonly value: unknown;
}

/** A rule for one argument or option: `undefined` when the value keeps it, else the problem. */
export type ArgumentRule = (value: unknown) => ArgumentProblem | undefined;

/**
 * Throws the {@link argumentError} of `fn` for argument `name` unless `value` keeps `rule`.
 *
 * @example
 * checkArgument('runScenario', 'subject', aFunction, subject);
 */
export function checkArgument(fn: string, name: string, rule: ArgumentRule, value: unknown): void {
  const problem = rule(value);
  if (problem !== undefined) throw argumentError(fn, `${name}${problem.at}`, problem.expected, problem.value);
}

/**
 * Checks the options argument of `fn`: absent, or an object of only the options named in
 * `rules` (a misspelt one, `numRuns` for `runs`, would be ignored silently otherwise), each
 * absent (`undefined`, the default) or keeping its rule. Throws the {@link argumentError}
 * of the first that does not.
 *
 * @example
 * checkOptions('predict', options, { maxStates: nonNegativeLimit, reduce: aBoolean });
 */
export function checkOptions(fn: string, options: unknown, rules: Readonly<Record<string, ArgumentRule>>): void {
  if (options === undefined) return;
  if (!isRecord(options)) throw argumentError(fn, 'options', 'an object', options);
  const names = Object.keys(options);
  // No option given (`runScenario`'s and `predict`'s usual case, once per scenario): nothing to check.
  if (names.length === 0) return;
  for (const name of names) {
    if (!Object.hasOwn(rules, name))
      throw new TypeError(`${fn}: unknown option ${name}; the options are ${Object.keys(rules).join(', ')}`);
  }
  for (const name of Object.keys(rules)) {
    const value = options[name];
    if (value !== undefined) checkArgument(fn, name, rules[name] as ArgumentRule, value);
  }
}
