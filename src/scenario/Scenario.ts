/**
 * The SCENARIO of the gather-sim protocol, version 1 (docs/protocol.md), as TypeScript types.
 * A scenario is plain readonly JSON data: the distinct tasks, the gather's arguments as
 * indices into them, options, and outer events (cancellation of the gather or of a task).
 */

/** Any JSON value a task may return. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** An error a task script raises: a fresh object of a fresh error class of that name. */
export interface ErrorSpec {
  readonly name: string;
  readonly message: string;
}

/** How a task reacts to a cancellation request (default `"raise"`). */
export type OnCancel = 'raise' | 'ignore' | { readonly cleanup: number; readonly error?: ErrorSpec };

/** Sleeps `sleep` ms, then returns `value`. */
export interface ValueTask {
  readonly sleep: number;
  readonly value: JsonValue;
  readonly onCancel?: OnCancel;
}

/** Sleeps `sleep` ms, then raises `error`. */
export interface ErrorTask {
  readonly sleep: number;
  readonly error: ErrorSpec;
  readonly onCancel?: OnCancel;
}

/** Never finishes by itself. */
export interface HangTask {
  readonly hang: true;
  readonly onCancel?: OnCancel;
}

/** A nested gather of its own tasks; its error or its list of results is the task's outcome. */
export interface GatherTask {
  readonly gather: GatherScenario;
}

/** One distinct awaitable of a scenario. */
export type Task = ValueTask | ErrorTask | HangTask | GatherTask;

/** What a gather is called with, at any level of nesting. */
export interface GatherScenario {
  readonly tasks: readonly Task[];
  /** Indices into `tasks`, in argument order; defaults to `[0, 1, ..., tasks.length - 1]`. */
  readonly args?: readonly number[];
  readonly returnExceptions?: boolean;
}

/** Cancels top-level task `task` from outside the gather at virtual time `at` (rule R9). */
export interface TaskCancellation {
  readonly task: number;
  readonly at: number;
}

/** A whole scenario: the top-level gather plus the outer events. */
export interface Scenario extends GatherScenario {
  /** Cancels the gather at that virtual time (R8 before it settled, R10 after). */
  readonly cancelGatherAt?: number;
  readonly cancelTasks?: readonly TaskCancellation[];
}

/** The largest virtual instant a scenario may produce (10^12 ms). */
export const MAX_TIME = 1e12;

/** The arguments of a gather, with the protocol's default filled in. */
export function argsOf(gather: GatherScenario): readonly number[] {
  return gather.args ?? gather.tasks.map((_, index) => index);
}

/** Narrows a task to a nested gather. */
export function isGatherTask(task: Task): task is GatherTask {
  return 'gather' in task;
}

/** Narrows a task to a hanging one. */
export function isHangTask(task: Task): task is HangTask {
  return 'hang' in task;
}
