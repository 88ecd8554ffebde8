import fc from 'fast-check';
import type {
  ErrorSpec,
  GatherScenario,
  JsonValue,
  OnCancel,
  Scenario,
  Task,
  TaskCancellation,
} from '../scenario/Scenario.js';

/**
 * What a generated scenario may contain. Every switch defaults to on.
 *
 * The shapes, and how often they come (at the defaults): a gather, at any depth, has 0 to 5
 * tasks, and one in {@link WIDE_ONE_IN} is wide instead, with 9 to 64 (`maxWideTasks`)
 * tasks; a task below the top-level gather's depth limit is a nested gather one time in 5,
 * down to 4 levels below the top (`maxDepth`); a gather passes up to 4 of its tasks a second
 * time (duplicates), and one in {@link MANY_DUPLICATES_ONE_IN} passes 5 to 16 more. Wide
 * gathers and many duplicates shrink toward the usual shape when a failure does not need them.
 */
export interface ScenarioConstraints {
  /** Top-level tasks, at least (default 0) and at most (default 5; a wide gather may have more). */
  readonly minTasks?: number;
  readonly maxTasks?: number;
  /**
   * The most tasks of a wide gather (default 64): one gather in {@link WIDE_ONE_IN}, at any
   * depth, has from 9 up to this many tasks. At most `maxTasks`: no wide gathers.
   */
  readonly maxWideTasks?: number;
  /** Levels of nested gathers below the top one (default 4; 0 for none). */
  readonly maxDepth?: number;
  /** Tasks that fail with an error. */
  readonly errors?: boolean;
  /** Tasks that never finish by themselves. */
  readonly hangs?: boolean;
  /** `onCancel` forms other than the default "raise". */
  readonly onCancel?: boolean;
  /** A task passed more than once in `args`. */
  readonly duplicates?: boolean;
  /** `returnExceptions`: always, never, or either (default). */
  readonly returnExceptions?: boolean | 'either';
  /** `cancelGatherAt`: never, maybe (default), or always. */
  readonly cancelGather?: 'never' | 'maybe' | 'always';
  /** `cancelTasks`: never, maybe (default), or always at least one. */
  readonly cancelTasks?: 'never' | 'maybe' | 'always';
  /**
   * Times (sleeps, cleanups, cancellations): `ties` (default) mostly from a small palette,
   * so events often fall on one millisecond; `spread` anywhere up to 10^6 ms (a few beyond
   * 2^31), so most scenarios are tie-free and have exactly one right observation (every instant
   * stays below 10^12 ms, as docs/protocol.md requires).
   */
  readonly times?: 'ties' | 'spread';
}

/**
 * Virtual times: mostly from a small palette so that events often fall on the same
 * millisecond (ties), some anywhere up to 5 s, a few beyond the 2^31-1 ms a timer takes.
 */
export const timeArbitrary: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(0, 1, 2, 3, 5, 10, 1000) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 31 + 5, 2 ** 36, 3.1536e10) },
);

const cleanupArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 5, 300) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5000 }) },
);

/** Times spread wide, for mostly tie-free scenarios; a few beyond what one timer takes. */
const spreadTimeArbitrary: fc.Arbitrary<number> = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2 ** 31, max: 2 ** 38 }) },
);

function timesOf(constraints: ScenarioConstraints): {
  readonly time: fc.Arbitrary<number>;
  readonly cleanup: fc.Arbitrary<number>;
} {
  return constraints.times === 'spread'
    ? { time: spreadTimeArbitrary, cleanup: spreadTimeArbitrary }
    : { time: timeArbitrary, cleanup: cleanupArbitrary };
}

const valueArbitrary: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom('a', 'b', '', 'API result'),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 2 }),
);

const errorArbitrary: fc.Arbitrary<ErrorSpec> = fc.record({
  name: fc.constantFrom('APIError', 'ValueError', 'TimeoutError_', 'E'),
  message: fc.constantFrom('', 'API failed', 'boom'),
});

function onCancelArbitrary(constraints: ScenarioConstraints): fc.Arbitrary<OnCancel | undefined> {
  if (constraints.onCancel === false) return fc.constant(undefined);
  const { cleanup } = timesOf(constraints);
  return fc.oneof(
    fc.constant(undefined),
    fc.constant<OnCancel>('raise'),
    fc.constant<OnCancel>('ignore'),
    cleanup.map((ms): OnCancel => ({ cleanup: ms })),
    fc.tuple(cleanup, errorArbitrary).map(([ms, error]): OnCancel => ({ cleanup: ms, error })),
  );
}

function withOnCancel<T extends object>(task: T, onCancel: OnCancel | undefined): T & { onCancel?: OnCancel } {
  return onCancel === undefined ? task : { ...task, onCancel };
}

function leafArbitrary(constraints: ScenarioConstraints): fc.Arbitrary<Task> {
  const onCancel = onCancelArbitrary(constraints);
  const { time } = timesOf(constraints);
  const forms: fc.WeightedArbitrary<Task>[] = [
    {
      weight: 5,
      arbitrary: fc
        .tuple(time, valueArbitrary, onCancel)
        .map(([sleep, value, reaction]) => withOnCancel({ sleep, value }, reaction)),
    },
  ];
  if (constraints.errors !== false) {
    forms.push({
      weight: 3,
      arbitrary: fc
        .tuple(time, errorArbitrary, onCancel)
        .map(([sleep, error, reaction]) => withOnCancel({ sleep, error }, reaction)),
    });
  }
  if (constraints.hangs !== false) {
    forms.push({ weight: 1, arbitrary: onCancel.map((reaction) => withOnCancel({ hang: true as const }, reaction)) });
  }
  return fc.oneof(...forms);
}

/** One gather in this many, at any depth, is wide (from 9 to `maxWideTasks` tasks): 4%. */
export const WIDE_ONE_IN = 25;

/** One gather in this many passes 5 to 16 more duplicates of its tasks (10%). */
export const MANY_DUPLICATES_ONE_IN = 10;

/** The fewest tasks of a wide gather: more than a concurrency cap of 8 lets run at once. */
const WIDE_MIN = 9;

function taskArbitrary(constraints: ScenarioConstraints, depth: number): fc.Arbitrary<Task> {
  if (depth <= 0) return leafArbitrary(constraints);
  return fc.oneof(
    { weight: 4, arbitrary: leafArbitrary(constraints) },
    {
      weight: 1,
      arbitrary: gatherArbitrary({ ...constraints, minTasks: 0, maxTasks: 3 }, depth - 1).map((gather): Task => ({
        gather,
      })),
    },
  );
}

/**
 * A gather's tasks: usually few, now and then wide (leaves only, their times spread so that
 * they seldom tie), shrinking toward few.
 */
function tasksArbitrary(constraints: ScenarioConstraints, depth: number): fc.Arbitrary<Task[]> {
  const minLength = constraints.minTasks ?? 0;
  const maxLength = Math.max(minLength, constraints.maxTasks ?? 5);
  const few = fc.array(taskArbitrary(constraints, depth), { minLength, maxLength });
  const maxWide = constraints.maxWideTasks ?? 64;
  if (maxWide <= Math.max(maxLength, WIDE_MIN - 1)) return few;
  // Spread times: among so many children, the palette's ties would make the oracle's orders explode.
  const wideLeaf = leafArbitrary({ ...constraints, times: 'spread' });
  const wideLength = { minLength: Math.max(minLength, WIDE_MIN), maxLength: maxWide };
  // fast-check keeps most arrays short (a dozen or so): one wide gather in 4 may be as wide as allowed.
  const wide = fc
    .oneof(
      { withCrossShrink: true },
      { weight: 3, arbitrary: fc.array(wideLeaf, wideLength) },
      { weight: 1, arbitrary: fc.array(wideLeaf, { ...wideLength, size: 'max' }) },
    )
    .map((tasks) => tasks.map(apartBy));
  return fc.oneof(
    { withCrossShrink: true },
    { weight: WIDE_ONE_IN - 1, arbitrary: few },
    { weight: 1, arbitrary: wide },
  );
}

/**
 * A wide gather's task `index`, its sleep and cleanup `index` ms later: as fast-check shrinks
 * times toward 1, its tasks still end on distinct instants (a tie of many would make the
 * oracle's orders explode).
 */
function apartBy(task: Task, index: number): Task {
  if ('gather' in task) return task;
  const { onCancel } = task;
  const reaction = typeof onCancel === 'object' ? { onCancel: { ...onCancel, cleanup: onCancel.cleanup + index } } : {};
  return 'sleep' in task ? { ...task, sleep: task.sleep + index, ...reaction } : { ...task, ...reaction };
}

/** The extra arguments of a gather, duplicates of its tasks: a few, now and then many, shrinking toward few. */
function extrasArbitrary(constraints: ScenarioConstraints): fc.Arbitrary<number[]> {
  if (constraints.duplicates === false) return fc.constant([]);
  return fc.oneof(
    { withCrossShrink: true },
    { weight: MANY_DUPLICATES_ONE_IN - 1, arbitrary: fc.array(fc.nat({ max: 50 }), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(fc.nat({ max: 70 }), { minLength: 5, maxLength: 16 }) },
  );
}

function returnExceptionsArbitrary(constraints: ScenarioConstraints): fc.Arbitrary<boolean | undefined> {
  const setting = constraints.returnExceptions ?? 'either';
  if (setting === 'either') return fc.constantFrom(undefined, false, true);
  return fc.constant(setting);
}

/** A gather's tasks and arguments: every index once, plus duplicates, in a shuffled order. */
function gatherArbitrary(constraints: ScenarioConstraints, depth: number): fc.Arbitrary<GatherScenario> {
  return fc
    .record({
      tasks: tasksArbitrary(constraints, depth),
      extras: extrasArbitrary(constraints),
      order: fc.array(fc.nat({ max: 20 }), { maxLength: 8 }),
      returnExceptions: returnExceptionsArbitrary(constraints),
    })
    .map(({ tasks, extras, order, returnExceptions }) => {
      const indices = tasks.length === 0 ? [] : [...tasks.keys(), ...extras.map((extra) => extra % tasks.length)];
      const args = indices
        .map((index, position) => ({ index, key: order[position] ?? 0, position }))
        .sort((a, b) => a.key - b.key || a.position - b.position)
        .map(({ index }) => index);
      const plain = args.every((index, position) => index === position) && args.length === tasks.length;
      return {
        tasks,
        ...(plain ? {} : { args }),
        ...(returnExceptions === undefined ? {} : { returnExceptions }),
      };
    });
}

/**
 * Scenarios over every feature of docs/protocol.md#scenario: outer cancellation of the gather and of
 * tasks, every `onCancel` form, nested gathers, duplicates, hangs, zero delays, sleeps
 * beyond 2^31 ms and same-instant ties. Constraints narrow it to what one property needs.
 * Shrinks toward fewer, simpler tasks and earlier times.
 */
export function scenarioArbitrary(constraints: ScenarioConstraints = {}): fc.Arbitrary<Scenario> {
  const cancelGather = constraints.cancelGather ?? 'maybe';
  const cancelTasks = constraints.cancelTasks ?? 'maybe';
  const { time } = timesOf(constraints);
  const cancelAt =
    cancelGather === 'never'
      ? fc.constant(undefined)
      : cancelGather === 'always'
        ? time
        : fc.option(time, { nil: undefined, freq: 3 });
  const cancellations = fc.array(fc.record({ task: fc.nat({ max: 50 }), at: time }), {
    minLength: cancelTasks === 'always' ? 1 : 0,
    maxLength: cancelTasks === 'never' ? 0 : 2,
  });
  const minTasks = cancelTasks === 'always' ? Math.max(1, constraints.minTasks ?? 0) : constraints.minTasks;
  return fc
    .record({
      gather: gatherArbitrary(
        { ...constraints, ...(minTasks === undefined ? {} : { minTasks }) },
        constraints.maxDepth ?? 4,
      ),
      cancelGatherAt: cancelAt,
      cancelTasks: cancellations,
    })
    .map(({ gather, cancelGatherAt, cancelTasks: requested }) => {
      const count = gather.tasks.length;
      const outside: TaskCancellation[] =
        count === 0 ? [] : requested.map(({ task, at }) => ({ task: task % count, at }));
      return {
        ...gather,
        ...(cancelGatherAt === undefined ? {} : { cancelGatherAt }),
        ...(outside.length === 0 ? {} : { cancelTasks: outside }),
      };
    })
    .map((scenario) => (hasWideGather(scenario) ? withDistinctCancelTimes(scenario) : scenario));
}

function hasWideGather(gather: GatherScenario): boolean {
  return gather.tasks.length >= WIDE_MIN || gather.tasks.some((task) => 'gather' in task && hasWideGather(task.gather));
}

/**
 * The scenario with its outer cancellations moved apart, each a millisecond later than one
 * it ties with: two cancellations of a wide gather at one instant have more orders than the
 * oracle can explore in time (every child of it cancelled twice, in every interleaving).
 */
function withDistinctCancelTimes(scenario: Scenario): Scenario {
  const taken = new Set<number>();
  const apart = (at: number): number => {
    let time = at;
    while (taken.has(time)) time += 1;
    taken.add(time);
    return time;
  };
  const { cancelGatherAt, cancelTasks } = scenario;
  return {
    ...scenario,
    ...(cancelGatherAt === undefined ? {} : { cancelGatherAt: apart(cancelGatherAt) }),
    ...(cancelTasks === undefined ? {} : { cancelTasks: cancelTasks.map(({ task, at }) => ({ task, at: apart(at) })) }),
  };
}

/**
 * A drawn order of tied events (`RunOptions.ties`): picks that shrink toward 0, that is
 * toward first-in-first-out, and toward fewer.
 */
export const tiePicksArbitrary: fc.Arbitrary<number[]> = fc.array(fc.nat({ max: 719 }), { maxLength: 24 });
