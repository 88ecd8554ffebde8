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
 * Checks the options argument of `fn`: absent, or an object whose options named in `rules`
 * are each absent (`undefined`, the default) or keep their rule. Throws the
 * {@link argumentError} of the first that does not. Options without a rule are not looked at.
 *
 * @example
 * checkOptions('predict', options, { maxStates: nonNegativeLimit, reduce: aBoolean });
 */
export function checkOptions(fn: string, options: unknown, rules: Readonly<Record<string, ArgumentRule>>): void {
  if (options === undefined) return;
  if (!isRecord(options)) throw argumentError(fn, 'options', 'an object', options);
  for (const [name, rule] of Object.entries(rules)) {
    const value = options[name];
    if (value !== undefined) checkArgument(fn, name, rule, value);
  }
}
