import { isGatherTask, type GatherScenario, type Scenario, type Task } from './Scenario.js';

/**
 * The scenario with every time written in it (each leaf task's sleep, at any depth, then
 * `cancelGatherAt`, then each `cancelTasks` time) passed through `visit`, in that order.
 * Cleanup durations are not times of their own (they count from a cancellation).
 */
export function mapTimes(scenario: Scenario, visit: (time: number) => number): Scenario {
  const inGather = <T extends GatherScenario>(gather: T): T => ({
    ...gather,
    tasks: gather.tasks.map((task): Task => {
      if (isGatherTask(task)) return { gather: inGather(task.gather) };
      return 'sleep' in task ? { ...task, sleep: visit(task.sleep) } : task;
    }),
  });
  const tasks = inGather(scenario);
  const { cancelGatherAt, cancelTasks } = scenario;
  return {
    ...tasks,
    ...(cancelGatherAt === undefined ? {} : { cancelGatherAt: visit(cancelGatherAt) }),
    ...(cancelTasks === undefined ? {} : { cancelTasks: cancelTasks.map(({ task, at }) => ({ task, at: visit(at) })) }),
  };
}
