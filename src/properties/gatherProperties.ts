import fc from 'fast-check';
import type { Observation } from '../observation/Observation.js';
import { predictInProperty } from './predictInProperty.js';
import { argsOf, isGatherTask, type GatherScenario, type Scenario } from '../scenario/Scenario.js';
import { scenarioArbitrary, timeArbitrary } from './arbitraries.js';
import { determinism } from './determinismProperty.js';
import { noLeakedTimers } from './noLeakedTimersProperty.js';
import type { GatherProperty } from './GatherProperty.js';
import { projectionProperty } from './projectionProperty.js';

const noCancel = { cancelGather: 'never', cancelTasks: 'never' } as const;

function hasError(gather: GatherScenario): boolean {
  return gather.tasks.some((task) => (isGatherTask(task) ? hasError(task.gather) : 'error' in task));
}

const whole = (observation: Observation): Observation => observation;
const resultList = (observation: Observation): unknown =>
  'value' in observation.gather ? observation.gather.value : 'no result list';

/** R1: every child starts once, at the instant the gather is called; a duplicate once. */
export const start = projectionProperty({
  id: 'start',
  rule: 'R1',
  statement: 'every distinct child starts exactly once, at the virtual instant the gather is called',
  arbitrary: scenarioArbitrary(),
  project: (observation, starts) => ({ started: observation.tasks.map((task) => task.started), starts }),
});

/** R2: results come back in argument order, duplicates filling every slot of theirs. */
export const order = projectionProperty({
  id: 'order',
  rule: 'R2',
  statement: 'results come back in argument order, never completion order',
  arbitrary: scenarioArbitrary({ ...noCancel, hangs: false, minTasks: 2 }),
  project: resultList,
});

/** R3: all succeed, so the gather resolves when the last child does, with every value. */
export const success = projectionProperty({
  id: 'success',
  rule: 'R3',
  statement: 'when all children succeed the gather resolves at the last completion with all values',
  arbitrary: scenarioArbitrary({ ...noCancel, errors: false, hangs: false }),
  project: (observation) => observation.gather,
});

const oneFailure = scenarioArbitrary({ ...noCancel, returnExceptions: false, minTasks: 2 }).filter(hasError);

/** R4: the first failure rejects the gather at once, with that very error object. */
export const failFast = projectionProperty({
  id: 'fail-fast',
  rule: 'R4',
  statement: 'the first child to fail rejects the gather at that instant with that very error',
  arbitrary: oneFailure,
  project: (observation) => observation.gather,
});

/** R5: a failure cancels no sibling; their later failures are absorbed. */
export const siblingsLiveOn = projectionProperty({
  id: 'siblings-live-on',
  rule: 'R5',
  statement: 'a failure cancels no sibling: each runs to its own outcome, later failures absorbed',
  arbitrary: oneFailure,
  project: (observation) => ({ tasks: observation.tasks, unhandled: observation.unhandled }),
});

/** R6: with returnExceptions, errors are results and the gather waits for every child. */
export const returnExceptions = projectionProperty({
  id: 'return-exceptions',
  rule: 'R6',
  statement: 'with returnExceptions errors are results, and the gather resolves when all children settled',
  needs: ['returnExceptions'],
  arbitrary: scenarioArbitrary({ ...noCancel, returnExceptions: true, minTasks: 1 }),
  project: (observation) => observation.gather,
});

/** R7: no children resolves to [] at once, whatever else happens. */
export const empty = projectionProperty({
  id: 'empty',
  rule: 'R7',
  statement: 'a gather of no children resolves to [] at once (and so does a nested one)',
  arbitrary: fc
    .record({
      nested: fc.nat({ max: 3 }),
      returnExceptions: fc.boolean(),
      cancelGatherAt: fc.option(timeArbitrary, { nil: undefined }),
    })
    .map(({ nested, returnExceptions: flag, cancelGatherAt }): Scenario => ({
      tasks: Array.from({ length: nested }, () => ({ gather: { tasks: [] } })),
      returnExceptions: flag,
      ...(cancelGatherAt === undefined ? {} : { cancelGatherAt }),
    })),
  project: whole,
});

/** R8: cancelling the gather cancels every unfinished child; the gather then rejects. */
export const outerCancellation = projectionProperty({
  id: 'outer-cancellation',
  rule: 'R8',
  statement: 'cancelling the gather cancels every unfinished child and the gather rejects as asyncio does',
  needs: ['cancellation'],
  arbitrary: scenarioArbitrary({ cancelGather: 'always', cancelTasks: 'never', minTasks: 1 }),
  project: whole,
});

/** R9: a child cancelled from outside is one more child outcome; nothing else is cancelled. */
export const childCancellation = projectionProperty({
  id: 'child-cancellation',
  rule: 'R9',
  statement: 'a child cancelled from outside ends by its own script; neither the gather nor a sibling is cancelled',
  arbitrary: scenarioArbitrary({ cancelGather: 'never', cancelTasks: 'always' }),
  project: whole,
});

/** R10: cancelling a gather that has settled does nothing, to it or to its running children. */
export const cancelAfterDone = projectionProperty({
  id: 'cancel-after-done',
  rule: 'R10',
  statement: 'cancelling a gather after it settled cancels nothing',
  needs: ['cancellation'],
  arbitrary: fc
    .tuple(scenarioArbitrary({ ...noCancel, minTasks: 1 }), fc.constantFrom(1, 2, 7, 1000))
    .map(([scenario, delay]): Scenario | undefined => {
      // After the gather settled in every order of tied events: never, if it may not settle.
      const outcomes = predictInProperty(scenario).observations.map((observation) => observation.gather);
      const times = outcomes.map((outcome) => ('at' in outcome ? outcome.at : Number.NaN));
      const settledAt = Math.max(...times);
      return Number.isNaN(settledAt) ? undefined : { ...scenario, cancelGatherAt: settledAt + delay };
    })
    .filter((scenario): scenario is Scenario => scenario !== undefined),
  project: whole,
});

/** R11: a nested gather is one more child; cancellation reaches it while its task runs. */
export const nesting = projectionProperty({
  id: 'nesting',
  rule: 'R11',
  statement: 'a nested gather is an ordinary child, and cancellation reaches it while its task is unfinished',
  arbitrary: fc
    .tuple(
      scenarioArbitrary({ minTasks: 1, maxDepth: 1 }),
      // Not wide: its cancellation may tie with the gather's (see scenarioArbitrary).
      scenarioArbitrary({ ...noCancel, minTasks: 1, maxTasks: 3, maxDepth: 1, maxWideTasks: 0 }),
      fc.option(timeArbitrary, { nil: undefined }),
    )
    .map(([outer, nested, cancelNestedAt]): Scenario => {
      const index = outer.tasks.length;
      const cancelTasks = [
        ...(outer.cancelTasks ?? []),
        ...(cancelNestedAt === undefined ? [] : [{ task: index, at: cancelNestedAt }]),
      ];
      return {
        ...outer,
        tasks: [...outer.tasks, { gather: nested }],
        ...(outer.args === undefined ? {} : { args: [...argsOf(outer), index] }),
        ...(cancelTasks.length === 0 ? {} : { cancelTasks }),
      };
    }),
  project: whole,
});

/** R12: children run concurrently; the settle time is a max or a first failure, never a sum. */
export const concurrency = projectionProperty({
  id: 'concurrency',
  rule: 'R12',
  statement: 'children run concurrently: the gather settles at the last completion or first failure, never the sum',
  arbitrary: scenarioArbitrary({ ...noCancel, hangs: false, minTasks: 2 }),
  project: (observation) => ('at' in observation.gather ? observation.gather.at : 'pending'),
});

/** No error raised during a run is left unhandled, however late it comes. */
export const noUnhandled = projectionProperty({
  id: 'no-unhandled',
  rule: 'no unhandled rejections',
  statement: 'no rejection is ever left unhandled, including failures after the gather settled',
  arbitrary: scenarioArbitrary(),
  project: (observation) => observation.unhandled,
});

/** The whole observation is one the oracle allows. */
export const oracle = projectionProperty({
  id: 'oracle',
  rule: 'R1-R12',
  statement: 'the whole observation is one that rules R1-R12 allow (the oracle)',
  arbitrary: scenarioArbitrary(),
  project: whole,
});

/** Every property of the suite, in rule order. */
export const gatherProperties: readonly GatherProperty[] = [
  start,
  order,
  success,
  failFast,
  siblingsLiveOn,
  returnExceptions,
  empty,
  outerCancellation,
  childCancellation,
  cancelAfterDone,
  nesting,
  concurrency,
  noUnhandled,
  noLeakedTimers,
  determinism,
  oracle,
];
