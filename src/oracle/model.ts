import type { ErrorJson, ResultJson } from '../observation/Observation.js';
import {
  argsOf,
  isGatherTask,
  isHangTask,
  type ErrorSpec,
  type GatherScenario,
  type JsonValue,
  type OnCancel,
  type Scenario,
} from '../scenario/Scenario.js';

/** A task of the oracle's model, with a number unique across all nesting levels. */
export type ModelTask =
  | {
      readonly kind: 'leaf';
      readonly id: number;
      /** Index among the top-level tasks, when it is one. */
      readonly top: number | undefined;
      /** Undefined for a hanging task (whose `result` is then never used). */
      readonly sleep: number | undefined;
      readonly result: { readonly value: JsonValue } | { readonly error: ErrorSpec };
      readonly onCancel: OnCancel;
      readonly parent: number;
    }
  | {
      readonly kind: 'gather';
      readonly id: number;
      readonly top: number | undefined;
      readonly inner: number;
      readonly parent: number;
    };

/** A gather of the model: index 0 is the top-level one. */
export interface ModelGather {
  readonly id: number;
  /** Its distinct children (task ids), in `tasks` order. */
  readonly children: readonly number[];
  /** Its arguments as task ids, in argument order. */
  readonly slots: readonly number[];
  readonly returnExceptions: boolean;
  /** The nested-gather task it is the outcome of; undefined for the top-level gather. */
  readonly wrapper: number | undefined;
}

/** A scenario flattened into numbered tasks and gathers. */
export interface Model {
  readonly tasks: readonly ModelTask[];
  readonly gathers: readonly ModelGather[];
  readonly topTasks: readonly number[];
}

/** Flattens a scenario for the oracle. */
export function buildModel(scenario: Scenario): Model {
  const tasks: ModelTask[] = [];
  const gathers: ModelGather[] = [];
  // Numbers are handed out before the nested gathers are walked; each entry is written at its number below.
  let taskCount = 0;
  let gatherCount = 0;
  const addGather = (spec: GatherScenario, wrapper: number | undefined, topLevel: boolean): number => {
    const id = gatherCount++;
    const children = spec.tasks.map((task, index) => {
      const taskId = taskCount++;
      const top = topLevel ? index : undefined;
      if (isGatherTask(task)) {
        const inner = addGather(task.gather, taskId, false);
        tasks[taskId] = { kind: 'gather', id: taskId, top, inner, parent: id };
      } else {
        tasks[taskId] = {
          kind: 'leaf',
          id: taskId,
          top,
          sleep: isHangTask(task) ? undefined : task.sleep,
          result: isHangTask(task) ? { value: null } : 'error' in task ? { error: task.error } : { value: task.value },
          onCancel: task.onCancel ?? 'raise',
          parent: id,
        };
      }
      return taskId;
    });
    gathers[id] = {
      id,
      children,
      slots: argsOf(spec).map((index) => children[index] as number),
      returnExceptions: spec.returnExceptions ?? false,
      wrapper,
    };
    return id;
  };
  addGather(scenario, undefined, true);
  const top = gathers[0] as ModelGather;
  return { tasks, gathers, topTasks: top.children };
}

/** How a task or gather ended, in observation form. */
export type ModelOutcome =
  | { readonly kind: 'value'; readonly value: JsonValue }
  | { readonly kind: 'error'; readonly error: ErrorJson }
  | { readonly kind: 'cancelled' };

/** The outcome as one RESULT of a gather's result list. */
export function outcomeToResult(outcome: ModelOutcome): ResultJson {
  switch (outcome.kind) {
    case 'value':
      return { value: outcome.value };
    case 'error':
      return { error: outcome.error };
    case 'cancelled':
      return { error: { name: 'CancelledError', message: '' } };
  }
}
