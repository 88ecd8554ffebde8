import { argsOf, isGatherTask, isHangTask, type GatherScenario, type Scenario } from './Scenario.js';
import { LONGEST_TIMER } from './scenarioTimes.js';

/** A protocol feature a scenario exercises, for coverage counts and per-feature statistics. */
export type ScenarioFeature =
  | 'empty'
  | 'error'
  | 'hang'
  | 'zero-delay'
  | 'beyond-2^31'
  | 'duplicates'
  | 'nested'
  | 'return-exceptions'
  | 'cancel-gather'
  | 'cancel-task'
  | 'on-cancel-raise'
  | 'on-cancel-cleanup'
  | 'on-cancel-cleanup-error'
  | 'on-cancel-ignore';

/** The features a scenario exercises, at every level of nesting, in a fixed order. */
export function scenarioFeatures(scenario: Scenario): readonly ScenarioFeature[] {
  const found = new Set<ScenarioFeature>();
  const visit = (gather: GatherScenario): void => {
    if (gather.tasks.length === 0) found.add('empty');
    if (gather.returnExceptions === true) found.add('return-exceptions');
    if (new Set(argsOf(gather)).size < argsOf(gather).length) found.add('duplicates');
    for (const task of gather.tasks) {
      if (isGatherTask(task)) {
        found.add('nested');
        visit(task.gather);
        continue;
      }
      if (isHangTask(task)) found.add('hang');
      else {
        if (task.sleep === 0) found.add('zero-delay');
        if (task.sleep > LONGEST_TIMER) found.add('beyond-2^31');
        if ('error' in task) found.add('error');
      }
      const onCancel = task.onCancel ?? 'raise';
      if (onCancel === 'raise') found.add('on-cancel-raise');
      else if (onCancel === 'ignore') found.add('on-cancel-ignore');
      else if (onCancel.error === undefined) found.add('on-cancel-cleanup');
      else found.add('on-cancel-cleanup-error');
    }
  };
  visit(scenario);
  if (scenario.cancelGatherAt !== undefined) found.add('cancel-gather');
  if ((scenario.cancelTasks ?? []).length > 0) found.add('cancel-task');
  return ALL_FEATURES.filter((feature) => found.has(feature));
}

/** Every feature, in the order {@link scenarioFeatures} lists them. */
export const ALL_FEATURES: readonly ScenarioFeature[] = [
  'empty',
  'error',
  'hang',
  'zero-delay',
  'beyond-2^31',
  'duplicates',
  'nested',
  'return-exceptions',
  'cancel-gather',
  'cancel-task',
  'on-cancel-raise',
  'on-cancel-cleanup',
  'on-cancel-cleanup-error',
  'on-cancel-ignore',
];
