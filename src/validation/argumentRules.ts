import { isTieMode, TIE_MODES } from '../clock/TieChoice.js';
import { CAPABILITIES } from '../conformance/Capabilities.js';
import { gatherProperties } from '../properties/gatherProperties.js';
import { formatScenarioIssues, isRecord, validateScenario } from '../scenario/validateScenario.js';
import type { ArgumentRule } from './checkArgument.js';
import { isTrigger, TRIGGERS } from '../scenario/Trigger.js';

/** A count that may be zero: `simplifyBudget`. */
export const nonNegativeInteger: ArgumentRule = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 0
    ? undefined
    : { at: '', expected: 'a non-negative integer', value };

/** A scenario to check as it is (a failure's replay): valid, every issue listed with its JSON path. */
export const scenarioRule: ArgumentRule = (value) => {
  const validation = validateScenario(value);
  return validation.ok
    ? undefined
    : { at: '', expected: `a valid scenario (${formatScenarioIssues(validation.issues)})`, value };
};

/** A count the caller wants done: `numRuns`, `runs` (a safe integer of at least 1, as the CLI's `--runs`). */
export const positiveInteger: ArgumentRule = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 1 ? undefined : { at: '', expected: 'a positive integer', value };

/** The longest delay a timer takes (2^31 - 1 ms): a longer one fires at once. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** A timer's delay in ms, such as a test's `timeout`: an integer from 1 to {@link MAX_TIMER_DELAY}. */
export const timerDelay: ArgumentRule = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_TIMER_DELAY
    ? undefined
    : { at: '', expected: `an integer from 1 to ${MAX_TIMER_DELAY} (ms)`, value };

/** A limit that may be lifted: `maxTimers`, `wallMs` (a positive integer, or `Infinity` for none). */
export const positiveLimit: ArgumentRule = (value) =>
  value === Infinity || (Number.isSafeInteger(value) && (value as number) >= 1)
    ? undefined
    : { at: '', expected: 'a positive integer or Infinity', value };

/** A limit that may be zero or lifted: `maxStates` (a non-negative integer, or `Infinity` for none). */
export const nonNegativeLimit: ArgumentRule = (value) =>
  value === Infinity || (Number.isSafeInteger(value) && (value as number) >= 0)
    ? undefined
    : { at: '', expected: 'a non-negative integer or Infinity', value };

/**
 * A fast-check seed: a safe integer, as the CLI's `--seed` takes (fast-check folds it into
 * 32 bits the same way every time, so the seed a report names replays it).
 */
export const seedInteger: ArgumentRule = (value) =>
  Number.isSafeInteger(value) ? undefined : { at: '', expected: 'a safe integer', value };

/** `true` or `false`. */
export const aBoolean: ArgumentRule = (value) =>
  typeof value === 'boolean' ? undefined : { at: '', expected: 'true or false', value };

/** Any function: a callback such as `onProgress`. */
export const aFunction: ArgumentRule = (value) =>
  typeof value === 'function' ? undefined : { at: '', expected: 'a function', value };

/** A gather function to run a scenario on: `(children, { returnExceptions, signal }) => Promise`. */
export const gatherFunction: ArgumentRule = (value) =>
  typeof value === 'function'
    ? undefined
    : { at: '', expected: 'a gather function (children, { returnExceptions, signal }) => Promise', value };

/** The path of a failure as fast-check prints it and a report gives it: `"4:0:1"`. */
export const fastCheckPath: ArgumentRule = (value) =>
  typeof value === 'string' && /^\d+(:\d+)*$/.test(value)
    ? undefined
    : { at: '', expected: 'the path of a failure as a report gives it, like "4:0:1"', value };

/** A slice of a run: `{ index, count }`, integers with 1 <= index <= count (the CLI's `--shard I/N`). */
export const shardRule: ArgumentRule = (value) => {
  const valid =
    isRecord(value) &&
    Number.isSafeInteger(value['index']) &&
    Number.isSafeInteger(value['count']) &&
    (value['index'] as number) >= 1 &&
    (value['index'] as number) <= (value['count'] as number);
  return valid ? undefined : { at: '', expected: '{ index, count } with integers 1 <= index <= count', value };
};

/** One of the tie modes, `TIE_MODES`: `"fifo"`, `"shuffle"`, `"exhaustive"`. */
export const tieMode: ArgumentRule = (value) =>
  isTieMode(value)
    ? undefined
    : { at: '', expected: `one of ${TIE_MODES.map((mode) => `"${mode}"`).join(', ')}`, value };

/** The picks of an order of tied events, as a run's `ties` give them: non-negative integers (the CLI's `--tie-order`). */
export const tiePicks: ArgumentRule = (value) => {
  if (!Array.isArray(value)) return { at: '', expected: 'an array of tie picks (non-negative integers)', value };
  for (let index = 0; index < value.length; index += 1) {
    const pick: unknown = value[index];
    if (!Number.isSafeInteger(pick) || (pick as number) < 0)
      return { at: `[${index}]`, expected: 'a non-negative integer', value: pick };
  }
  return undefined;
};

/** A property to check: `{ id, rule, statement, needs, arbitrary, check }`, as those of `gatherProperties`. */
export const gatherProperty: ArgumentRule = (value) => {
  if (!isRecord(value))
    return {
      at: '',
      expected: 'a gather property { id, rule, statement, needs, arbitrary, check } (see gatherProperties)',
      value,
    };
  for (const key of ['id', 'rule', 'statement']) {
    if (typeof value[key] !== 'string' || value[key] === '')
      return { at: `.${key}`, expected: 'a non-empty string', value: value[key] };
  }
  const { needs, arbitrary, check } = value;
  if (!Array.isArray(needs))
    return { at: '.needs', expected: `an array of capabilities (${CAPABILITIES.join(', ')})`, value: needs };
  const unknown = needs.findIndex((need) => !(CAPABILITIES as readonly unknown[]).includes(need));
  if (unknown >= 0)
    return { at: `.needs[${unknown}]`, expected: `one of ${CAPABILITIES.join(', ')}`, value: needs[unknown] };
  const isArbitrary =
    isRecord(arbitrary) &&
    ['generate', 'shrink', 'map', 'filter'].every((method) => typeof arbitrary[method] === 'function');
  if (!isArbitrary) return { at: '.arbitrary', expected: 'a fast-check arbitrary of scenarios', value: arbitrary };
  if (typeof check !== 'function')
    return { at: '.check', expected: 'a function (scenario, subject) => Promise<CheckOutcome>', value: check };
  return undefined;
};

/**
 * The properties to run: a non-empty array (an empty one would check nothing) of
 * {@link gatherProperty} or of the ids of `gatherProperties` (`'fail-fast'`).
 */
export const gatherPropertyList: ArgumentRule = (value) => {
  if (!Array.isArray(value) || value.length === 0)
    return { at: '', expected: 'a non-empty array of gather properties (an empty one checks nothing)', value };
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    if (typeof item === 'string') {
      if (gatherProperties.some((property) => property.id === item)) continue;
      const ids = gatherProperties.map((property) => property.id).join(', ');
      return { at: `[${index}]`, expected: `the id of one of gatherProperties (${ids})`, value: item };
    }
    const problem = gatherProperty(item);
    if (problem !== undefined) return { ...problem, at: `[${index}]${problem.at}` };
  }
  return undefined;
};

/** Triggers to leave out of generation (`without`): an array of `TRIGGERS` names. */
export const triggerList: ArgumentRule = (value) => {
  const expected = `an array of triggers (${TRIGGERS.join(', ')})`;
  if (!Array.isArray(value)) return { at: '', expected, value };
  const index = value.findIndex((item) => !isTrigger(item));
  return index < 0 ? undefined : { at: `[${index}]`, expected: `one of ${TRIGGERS.join(', ')}`, value: value[index] };
};

/** How far `checkGather` searches for departures: `{ departures, rechecks }`, non-negative integers. */
export const departureBudget: ArgumentRule = (value) => {
  const count = (item: unknown): boolean => Number.isSafeInteger(item) && (item as number) >= 0;
  return isRecord(value) && count(value['departures']) && count(value['rechecks'])
    ? undefined
    : { at: '', expected: '{ departures, rechecks } with non-negative integers', value };
};
