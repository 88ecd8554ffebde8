import { argsOf, isGatherTask, isHangTask, type GatherScenario, type Scenario, type Task } from './Scenario.js';
import type { Trigger } from './Trigger.js';
import { TRIGGERS } from './Trigger.js';
import { spreadTies } from './spreadTies.js';
import { cutLongSleeps } from './cutLongSleeps.js';
import { scenarioTimes, withScenarioTimes } from './scenarioTimes.js';
import { scenarioFeatures } from './scenarioFeatures.js';

const hasZeroDelay = (scenario: Scenario): boolean => scenarioFeatures(scenario).includes('zero-delay');

type LeafTask = Exclude<Task, { readonly gather: GatherScenario }>;

/** Every gather of a scenario (the top-level one included) passed through `change`, innermost first. */
function mapGathers<T extends GatherScenario>(gather: T, change: (gather: GatherScenario) => GatherScenario): T {
  const tasks = gather.tasks.map((task) => (isGatherTask(task) ? { gather: mapGathers(task.gather, change) } : task));
  // `change` gets the whole gather (a scenario's outer keys too) and keeps what it does not remove.
  return change({ ...gather, tasks }) as T;
}

/** Every task script (not a nested gather) of a scenario passed through `change`. */
function mapLeaves<T extends GatherScenario>(gather: T, change: (task: LeafTask) => Task): T {
  return mapGathers(gather, (inner) => ({
    ...inner,
    tasks: inner.tasks.map((task) => (isGatherTask(task) ? task : change(task))),
  }));
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

/**
 * A task script that settles as the nested gather of task scripts `gather` would (fail fast
 * at its first error, hang when a child hangs, else its values at its last child's time),
 * the cancellation reactions of its children aside.
 */
function asLeaf(gather: GatherScenario): Task {
  const args = argsOf(gather).map((index) => gather.tasks[index] as LeafTask);
  const sleeping = args.filter((task) => !isHangTask(task)) as Extract<LeafTask, { sleep: number }>[];
  const errors = sleeping.filter((task) => 'error' in task);
  if (gather.returnExceptions !== true && errors.length > 0) {
    const first = errors.reduce((earliest, task) => (task.sleep < earliest.sleep ? task : earliest));
    return { sleep: first.sleep, error: (first as { error: { name: string; message: string } }).error };
  }
  if (sleeping.length < args.length) return { hang: true };
  return {
    sleep: Math.max(0, ...sleeping.map((task) => task.sleep)),
    value: sleeping.map((task) => ('value' in task ? task.value : { ...task.error })),
  };
}

function removeOne(scenario: Scenario, trigger: Trigger): Scenario {
  switch (trigger) {
    case 'duplicates':
      return mapGathers(scenario, (gather) =>
        gather.args === undefined ? gather : { ...gather, args: [...new Set(gather.args)] },
      );
    case 'on-cancel-ignore':
      return mapLeaves(scenario, (task) =>
        task.onCancel === 'ignore' ? (withoutKey(task, 'onCancel') as Task) : task,
      );
    case 'on-cancel-cleanup-error':
      return mapLeaves(scenario, (task) =>
        typeof task.onCancel === 'object' && task.onCancel.error !== undefined
          ? { ...task, onCancel: { cleanup: task.onCancel.cleanup } }
          : task,
      );
    case 'on-cancel-cleanup':
      return mapLeaves(scenario, (task) =>
        typeof task.onCancel === 'object' && task.onCancel.error === undefined
          ? (withoutKey(task, 'onCancel') as Task)
          : task,
      );
    case 'cancel-task':
      return withoutKey(scenario, 'cancelTasks');
    case 'cancel-gather':
      return withoutKey(scenario, 'cancelGatherAt');
    case 'return-exceptions':
      return mapGathers(scenario, (gather) => withoutKey(gather, 'returnExceptions'));
    case 'beyond-2^31':
      return cutLongSleeps(scenario);
    case 'empty':
      return mapGathers(scenario, (gather) =>
        gather.tasks.length > 0 ? gather : { ...withoutKey(gather, 'args'), tasks: [{ sleep: 1, value: null }] },
      );
    case 'nested':
      return mapGathers(scenario, (gather) => ({
        ...gather,
        tasks: gather.tasks.map((task) => (isGatherTask(task) ? asLeaf(task.gather) : task)),
      }));
    case 'ties':
      return spreadTies(scenario);
    case 'zero-delay':
      // Every written time 1 ms later: no 0 ms sleep, and the same order and ties as before.
      return hasZeroDelay(scenario)
        ? withScenarioTimes(
            scenario,
            scenarioTimes(scenario).map((time) => time + 1),
          )
        : scenario;
    case 'error':
      return mapLeaves(removeOne(scenario, 'on-cancel-cleanup-error'), (task) => {
        if (!('error' in task)) return task;
        const { error: _error, ...rest } = task;
        return { ...rest, value: null };
      });
  }
}

/**
 * The scenario without a trigger, still a valid scenario: duplicated arguments passed once,
 * cancellation reactions back to the default (`raise`), outer cancellations dropped,
 * `returnExceptions` dropped, long sleeps cut to 2^31-1 ms or just under (order and ties kept: `cutLongSleeps`), empty gathers given one child,
 * nested gathers replaced by a task script that settles as they would, events due at one
 * instant spread apart (`spreadTies`), every written time 1 ms later when a sleep is 0 ms (order and ties kept), errors made values (a child's and a cleanup's: `error` is any
 * failure of a child). The same
 * scenario back when it has no such feature: a trigger is present exactly when removing it
 * changes the scenario.
 */
export function removeTrigger(scenario: Scenario, trigger: Trigger): Scenario {
  return removeOne(scenario, trigger);
}

/**
 * The scenario with every trigger of `triggers` removed, in the order of `TRIGGERS`
 * (`ties` after those whose removal could make new ties), again until none is left: removing
 * one can bring back another (without `error`, a cleanup that fails is a plain cleanup:
 * `on-cancel-cleanup`). What `CheckPropertyOptions.without` maps every generated scenario
 * through.
 */
export function withoutTriggers(scenario: Scenario, triggers: readonly Trigger[]): Scenario {
  const order = TRIGGERS.filter((trigger) => trigger !== 'ties' && triggers.includes(trigger));
  if (triggers.includes('ties')) order.push('ties');
  let current = scenario;
  // Each removal only takes features away, so this ends; one more round is the most seen.
  for (let round = 0; round <= order.length; round += 1) {
    const next = order.reduce(removeOne, current);
    if (next === current || JSON.stringify(next) === JSON.stringify(current)) return next;
    current = next;
  }
  return current;
}
