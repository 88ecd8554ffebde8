import { isCancellation } from '../gather/CancelledError.js';
import { CANCELLED_JSON, type ErrorJson, type ResultJson } from '../observation/Observation.js';
import { argsOf, isGatherTask, type JsonValue, type Task } from '../scenario/Scenario.js';

/** Which top-level task created each script error object (the `task` of ERROR). */
export type ErrorOrigins = WeakMap<object, number>;

/** True for what a gather slot holds when a child failed, rather than a JSON value. */
export function isErrorLike(value: unknown, origins: ErrorOrigins): boolean {
  return (
    value instanceof Error ||
    isCancellation(value) ||
    (typeof value === 'object' && value !== null && origins.has(value))
  );
}

/** Writes a thrown value as an ERROR, with the identity of the task that created it. */
export function errorToJson(error: unknown, origins: ErrorOrigins): ErrorJson {
  if (isCancellation(error)) return CANCELLED_JSON;
  if (typeof error === 'object' && error !== null) {
    const name = readSafely(error, 'name');
    const message = readSafely(error, 'message');
    const task = origins.get(error);
    return {
      name: typeof name === 'string' ? name : 'NonError',
      message: typeof message === 'string' ? message : jsonText(error),
      ...(task === undefined ? {} : { task }),
    };
  }
  return { name: 'NonError', message: jsonText(error) };
}

/** A property of a thrown object, or undefined when its getter throws. */
function readSafely(error: object, key: 'name' | 'message'): unknown {
  try {
    return (error as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** `JSON.stringify` as it behaves: no text (undefined) for undefined, a function, a symbol, or a toJSON giving one. */
const stringify = JSON.stringify as (value: unknown) => string | undefined;

function jsonText(value: unknown): string {
  try {
    return stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A value as JSON data (`undefined` becomes null; what JSON cannot hold becomes its text). */
export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  // Plain values are their own JSON (a non-finite number is null, as JSON.stringify has it).
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonValue;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what JSON cannot hold becomes its String() text, a circular object's '[object Object]' included
    return String(value);
  }
}

/**
 * Writes one gather slot as a RESULT. The slot of a nested-gather task holds that gather's
 * own result list, written as a list of RESULTs in turn.
 */
export function resultToJson(value: unknown, task: Task | undefined, origins: ErrorOrigins): ResultJson {
  if (isErrorLike(value, origins)) return { error: errorToJson(value, origins) };
  if (task !== undefined && isGatherTask(task) && Array.isArray(value)) {
    return { value: resultsToJson(value, task.gather.tasks, argsOf(task.gather), origins) as JsonValue };
  }
  return { value: toJsonValue(value) };
}

/** Writes a gather's result list, slot by slot, following the gather's arguments. */
export function resultsToJson(
  values: readonly unknown[],
  tasks: readonly Task[],
  args: readonly number[],
  origins: ErrorOrigins,
): readonly ResultJson[] {
  return values.map((value, slot) => {
    const index = args[slot];
    return resultToJson(value, index === undefined ? undefined : tasks[index], origins);
  });
}
