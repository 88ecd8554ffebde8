import { argsOf, isGatherTask, type GatherScenario, type Scenario, type Task } from './Scenario.js';
import { scenarioTimes, withScenarioTimes } from './scenarioTimes.js';
import { spreadTimes } from './spreadTimes.js';

/** The indices of the tasks to follow from the top-level gather down to a nested one. */
type GatherPath = readonly number[];

/** Every gather of a scenario, top level first (pre-order), with its path. */
function gathersOf(scenario: Scenario): { readonly path: GatherPath; readonly gather: GatherScenario }[] {
  const found: { path: GatherPath; gather: GatherScenario }[] = [];
  const pending: { path: GatherPath; gather: GatherScenario }[] = [{ path: [], gather: scenario }];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    found.push(next);
    next.gather.tasks.forEach((task, index) => {
      if (isGatherTask(task)) pending.push({ path: [...next.path, index], gather: task.gather });
    });
  }
  return found;
}

/** The scenario with the gather at `path` replaced by `change(gather)` (which keeps the keys it does not change). */
function atGather(scenario: Scenario, path: GatherPath, change: (gather: GatherScenario) => GatherScenario): Scenario {
  const rewrite = (gather: GatherScenario, depth: number): GatherScenario => {
    if (depth === path.length) return change(gather);
    const index = path[depth] ?? 0;
    return {
      ...gather,
      tasks: gather.tasks.map((task, at) =>
        at === index && isGatherTask(task) ? { gather: rewrite(task.gather, depth + 1) } : task,
      ),
    };
  };
  // The top level is the scenario itself: its outer events are kept as any other key.
  return rewrite(scenario, 0);
}

/** `args` left out when they are the default order. */
function withArgs(gather: GatherScenario, args: readonly number[]): GatherScenario {
  const { args: _old, ...rest } = gather;
  const isDefault = args.length === gather.tasks.length && args.every((task, at) => task === at);
  return isDefault ? rest : { ...rest, args };
}

/** The gather without task `index`: its arguments and (at the top level) its cancellations follow. */
function withoutTask(scenario: Scenario, path: GatherPath, index: number): Scenario {
  const renumber = (task: number): number => (task > index ? task - 1 : task);
  const dropped = atGather(scenario, path, (gather) =>
    withArgs(
      { ...gather, tasks: gather.tasks.filter((_, at) => at !== index) },
      argsOf(gather)
        .filter((task) => task !== index)
        .map(renumber),
    ),
  );
  if (path.length > 0 || scenario.cancelTasks === undefined) return dropped;
  const { cancelTasks, ...rest } = dropped;
  const kept = cancelTasks
    ?.filter(({ task }) => task !== index)
    .map((entry) => ({ ...entry, task: renumber(entry.task) }));
  return kept === undefined || kept.length === 0 ? rest : { ...rest, cancelTasks: kept };
}

/** The leaf task made simpler one way at a time: default `onCancel`, no cleanup error, a value for an error. */
function simplerLeaves(task: Task): Task[] {
  if (isGatherTask(task)) return [];
  const simpler: Task[] = [];
  const { onCancel } = task;
  if (onCancel !== undefined) {
    const { onCancel: _dropped, ...rest } = task;
    simpler.push(rest);
    if (typeof onCancel === 'object') {
      if (onCancel.error !== undefined) simpler.push({ ...task, onCancel: { cleanup: onCancel.cleanup } });
      if (onCancel.cleanup !== 10) simpler.push({ ...task, onCancel: { ...onCancel, cleanup: 10 } });
    }
  }
  if ('error' in task) {
    const { error: _error, ...rest } = task;
    simpler.push({ ...rest, value: 0 });
  }
  return simpler;
}

/** Candidates that drop a part: outer cancellations, tasks, duplicates, options, nesting, variants. */
function droppedParts(scenario: Scenario): Scenario[] {
  const candidates: Scenario[] = [];
  if (scenario.cancelGatherAt !== undefined) {
    const { cancelGatherAt: _dropped, ...rest } = scenario;
    candidates.push(rest);
  }
  const cancelTasks = scenario.cancelTasks ?? [];
  cancelTasks.forEach((_, at) => {
    const { cancelTasks: _all, ...rest } = scenario;
    const kept = cancelTasks.filter((_entry, index) => index !== at);
    candidates.push(kept.length === 0 ? rest : { ...rest, cancelTasks: kept });
  });
  const gathers = gathersOf(scenario);
  for (const { path, gather } of gathers)
    for (let index = gather.tasks.length - 1; index >= 0; index -= 1)
      candidates.push(withoutTask(scenario, path, index));
  for (const { path, gather } of gathers) {
    const args = argsOf(gather);
    args.forEach((task, at) => {
      if (args.indexOf(task) < at)
        candidates.push(atGather(scenario, path, (of) => withArgs(of, args.toSpliced(at, 1))));
    });
    if (gather.args !== undefined && new Set(args).size === args.length && args.length === gather.tasks.length)
      candidates.push(
        atGather(scenario, path, (of) =>
          withArgs(
            of,
            [...args].sort((a, b) => a - b),
          ),
        ),
      );
    if (gather.returnExceptions !== undefined)
      candidates.push(
        atGather(scenario, path, (of) => {
          const { returnExceptions: _dropped, ...rest } = of;
          return rest;
        }),
      );
  }
  for (const { path, gather } of gathers)
    gather.tasks.forEach((task, index) => {
      const replace = (by: Task): Scenario =>
        atGather(scenario, path, (of) => ({ ...of, tasks: of.tasks.map((old, at) => (at === index ? by : old)) }));
      if (isGatherTask(task)) {
        candidates.push(replace({ sleep: 0, value: 0 }));
        for (const inner of task.gather.tasks) candidates.push(replace(inner));
      } else for (const simpler of simplerLeaves(task)) candidates.push(replace(simpler));
    });
  return candidates;
}

/**
 * Candidates that move events in time: ties spread onto distinct instants (all at once, then
 * instant by instant, each in both orders), then times rounded to 10, 20, 30... (then 0, 10,
 * 20... when those differ from the times as they are), keeping their order.
 */
function movedTimes(scenario: Scenario): Scenario[] {
  const times = scenarioTimes(scenario);
  const counts = new Map<number, number>();
  for (const at of times) counts.set(at, (counts.get(at) ?? 0) + 1);
  const tied = [...counts].filter(([, count]) => count > 1).map(([at]) => at);
  const layouts: number[][] = [];
  if (tied.length > 0) {
    layouts.push(spreadTimes(times, { untie: 'all' }), spreadTimes(times, { untie: 'all', reverse: true }));
    if (tied.length > 1)
      for (const at of tied)
        layouts.push(spreadTimes(times, { untie: at }), spreadTimes(times, { untie: at, reverse: true }));
  }
  // A 0 stays only where 10, 20, 30... no longer fail: once there, times are not moved back.
  const round = spreadTimes(times);
  if (round.some((at, index) => at !== times[index])) layouts.push(round, spreadTimes(times, { fromZero: true }));
  return layouts.map((layout) => withScenarioTimes(scenario, layout));
}

/**
 * The scenarios one step simpler than `scenario`, the most wanted first: parts dropped (outer
 * cancellations, tasks at any depth, duplicated arguments, `returnExceptions`, a nested
 * gather replaced by a leaf or by one of its tasks, `onCancel` variants back toward the
 * default, errors made values), then events spread onto distinct instants, then times
 * rounded. Some may be invalid (a cancellation of a dropped task's slot, say): the caller
 * validates each. Pure and deterministic.
 */
export function simplerScenarios(scenario: Scenario): Scenario[] {
  return [...droppedParts(scenario), ...movedTimes(scenario)];
}
