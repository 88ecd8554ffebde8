import { CANCELLED_JSON, type ErrorJson, type Observation } from '../observation/Observation.js';
import type { ErrorSpec, JsonValue, Scenario } from '../scenario/Scenario.js';
import { outcomeToResult, type Model, type ModelGather, type ModelOutcome, type ModelTask } from './model.js';

/** A timer of the model: one event in the sense of docs/semantics.md#ties. */
interface Timer {
  readonly at: number;
  readonly kind: 'sleep-end' | 'cleanup-end' | 'cancel-gather' | 'cancel-task';
  /** A task id (sleep-end, cleanup-end) or a top-level task index (cancel-task). */
  readonly target: number;
}

/** Work caused by an event, done at the same instant: a task resuming, or a gather's done-callback. */
interface Job {
  readonly kind: 'step' | 'callback';
  readonly task: number;
}

/** One thing that can happen next: a due timer or a pending job. */
export type Action = { readonly timer: Timer } | { readonly job: Job };

/**
 * A leaf task: sleeping (or hanging) in its script, woken and about to resume, cleaning up
 * after a cancellation, or done. A nested-gather task: running its gather, woken by it, done.
 */
type Phase = 'sleeping' | 'waking' | 'cleanup' | 'running' | 'done';
type Wake = 'timer' | 'cancel' | 'cleanup-done' | 'inner-done';

interface TaskState {
  phase: Phase;
  wake: Wake | undefined;
  /** Task.cancel() arrived while it was already woken for another reason (asyncio's _must_cancel). */
  mustCancel: boolean;
  outcome: ModelOutcome | undefined;
  settled: number | null;
  cancelRequested: number | null;
  /** Task.cancel() was called after it finished, which marks its exception retrieved in asyncio. */
  cancelledWhenDone: boolean;
  /** Its sleep-end and cleanup-end timers still pending. */
  scheduled: number;
}

/**
 * One slot of a gather's result list: a ResultJson, its error spelled as a type literal,
 * which TypeScript sees is a JSON object too (an interface, ErrorJson, never is to it).
 */
type ResultSlot = { readonly value: JsonValue } | { readonly error: Pick<ErrorJson, keyof ErrorJson> };

/** How a gather ended: its result list is a JSON value too, the value of its nested-gather task. */
type ModelGatherOutcome =
  { readonly kind: 'value'; readonly value: readonly ResultSlot[] } | Exclude<ModelOutcome, { readonly kind: 'value' }>;

interface GatherState {
  finished: number;
  cancelRequested: boolean;
  outcome: ModelGatherOutcome | undefined;
  at: number | null;
}

/** Removes an item from a list in place, cheaply at either end (where due timers and old jobs are). */
function removeItem<T>(items: T[], item: T): void {
  // The fast paths at either end do what the general case does, faster: their mutants are equivalent.
  // Stryker disable next-line all: equivalent (see above).
  if (items[items.length - 1] === item) {
    items.pop();
    return;
  }
  // Stryker disable next-line all: equivalent (see above).
  if (items[0] === item) {
    items.shift();
    return;
  }
  const index = items.indexOf(item);
  for (let next = index + 1; next < items.length; next += 1) items[next - 1] = items[next] as T;
  items.pop();
}

/** Outcomes as text, each computed once: states share their outcome objects. */
const outcomeKeys = new WeakMap<ModelOutcome, string>();

function outcomeKey(outcome: ModelOutcome | undefined): string {
  // Stryker disable next-line all: undefined and the text of an outcome never collide however written (equivalent).
  if (outcome === undefined) return '';
  let key = outcomeKeys.get(outcome);
  // Stryker disable next-line all: a cache; computing the key again gives the same text (equivalent).
  if (key === undefined) {
    key = JSON.stringify(outcome);
    outcomeKeys.set(outcome, key);
  }
  return key;
}

/**
 * One state of asyncio.gather's semantics as a discrete-event model: no clock, no promises.
 * Within an instant, what an event causes is split into jobs as asyncio's ready queue runs
 * them (a task resumes a step after its timer; a gather hears of a child in a done-callback),
 * so the cascades of different events may interleave, though never before their cause.
 */
export class Simulation {
  private constructor(
    private readonly model: Model,
    private now: number,
    /** Pending timers, latest first (see addTimer). */
    private timers: Timer[],
    private jobs: Job[],
    private readonly tasks: TaskState[],
    private readonly gathers: GatherState[],
    /** Timers fired at the current instant, to tell a tie (2 means "two or more"). */
    private firedNow: number,
    /** The pending cancellations among `timers`, in the same order: few, looked at on every step. */
    private cancels: Timer[],
  ) {}

  /** The state right after the gather was called at time 0, with every child started (R1). */
  static start(model: Model, scenario: Scenario): Simulation {
    const sim = new Simulation(
      model,
      0,
      // Stryker disable next-line all: equivalent, the timers are set below.
      [],
      [],
      model.tasks.map((task) => ({
        phase: task.kind === 'leaf' ? 'sleeping' : 'running',
        wake: undefined,
        mustCancel: false,
        outcome: undefined,
        settled: null,
        cancelRequested: null,
        cancelledWhenDone: false,
        scheduled: 0,
      })),
      model.gathers.map(() => ({ finished: 0, cancelRequested: false, outcome: undefined, at: null })),
      0,
      [],
    );
    const timers: Timer[] = [];
    if (scenario.cancelGatherAt !== undefined)
      timers.push({ at: scenario.cancelGatherAt, kind: 'cancel-gather', target: 0 });
    for (const { task, at } of scenario.cancelTasks ?? []) timers.push({ at, kind: 'cancel-task', target: task });
    for (const task of model.tasks) {
      if (task.kind === 'leaf' && task.sleep !== undefined) {
        timers.push({ at: task.sleep, kind: 'sleep-end', target: task.id });
        // Stryker disable next-line all: `scheduled` only lets unschedule skip a scan; a wrong count costs a scan (equivalent).
        sim.state(task.id).scheduled += 1;
      }
    }
    // Latest first, and among equal times the first added last (see addTimer): a stable sort, reversed.
    sim.timers = timers.sort((a, b) => a.at - b.at).reverse();
    sim.cancels = sim.timers.filter((timer) => timer.kind === 'cancel-gather' || timer.kind === 'cancel-task');
    for (const gather of model.gathers) {
      if (gather.children.length === 0) sim.settleGather(gather.id, { kind: 'value', value: [] });
    }
    // Empty gathers and their wrappers finish as they start (awaiting a done future does not
    // suspend), before any timer: run that cascade now. Its jobs carry values, so they commute.
    for (let job = sim.jobs.shift(); job !== undefined; job = sim.jobs.shift()) {
      if (job.kind === 'step') sim.step(job.task);
      else sim.callback(job.task);
    }
    return sim;
  }

  /** An independent copy, to explore another order. */
  clone(): Simulation {
    return new Simulation(
      this.model,
      this.now,
      [...this.timers],
      [...this.jobs],
      this.tasks.map((task) => ({ ...task })),
      this.gathers.map((gather) => ({ ...gather })),
      this.firedNow,
      [...this.cancels],
    );
  }

  /**
   * What may happen next, in a fixed order (jobs first, oldest first; then timers due now).
   * When nothing is left at this instant it first moves the clock to the next timer. An
   * empty list means the run is over.
   */
  actions(): readonly Action[] {
    const { timers } = this;
    const due = this.dueFrom();
    const actions: Action[] = this.jobs.map((job) => ({ job }));
    for (let index = timers.length - 1; index >= due; index -= 1) actions.push({ timer: timers[index] as Timer });
    return actions;
  }

  /**
   * Where the timers due now begin in `timers` (they run to its end). When no job and no
   * timer is left at this instant, it first moves the clock to the next timer.
   */
  private dueFrom(): number {
    const { timers } = this;
    let due = this.firstAt(this.now);
    if (this.jobs.length === 0 && due === timers.length && timers.length > 0) {
      this.now = (timers[timers.length - 1] as Timer).at;
      this.firedNow = 0;
      due = this.firstAt(this.now);
    }
    return due;
  }

  /**
   * The index in `timers` (latest first) where the timers due at `at` or earlier begin: a
   * binary search, as thousands of timers may tie.
   */
  private firstAt(at: number): number {
    const { timers } = this;
    let low = 0;
    let high = timers.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((timers[middle] as Timer).at > at) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * The action of `actions` ({@link actions}, of this state) that {@link independent} picks:
   * one that commutes with everything else that can happen at this instant, so that doing it
   * first loses no outcome (partial-order reduction); undefined when every order must be
   * explored.
   */
  // Stryker disable next-line BlockStatement: equivalent, predict asks only where stepAlone found nothing independent, so where this finds nothing either.
  independentAction(actions: readonly Action[]): Action | undefined {
    const chosen = this.independent(this.dueFrom());
    // Stryker disable next-line ArrowFunction,ConditionalExpression: equivalent, finding nothing is what predict gets here anyway (see above).
    return actions.find((action) => ('job' in action ? action.job : action.timer) === chosen);
  }

  /**
   * The reduction rule: of the pending jobs and the timers due now (`timers` from `due`
   * on), one that commutes with everything else that can happen at this instant; undefined
   * when every order must be explored. A due cancellation conflicts with every action on a
   * task or gather it reaches; failures racing to settle the same fail-fast gather conflict
   * with each other; anything else touches state of its own. It looks in the order of
   * {@link actions}: jobs, oldest first, then timers as they fire.
   */
  private independent(due: number): Job | Timer | undefined {
    const { timers, jobs, cancels } = this;
    let reached: Set<string> | undefined;
    // The due cancellations, as they fire (latest first in `cancels`, like `timers`).
    const dueCancels: Timer[] = [];
    for (let index = cancels.length - 1; index >= 0; index -= 1)
      if ((cancels[index] as Timer).at === this.now) dueCancels.push(cancels[index] as Timer);
    const reaches = dueCancels.map((timer) => this.cancellationReach(timer));
    // A cancellation that can change nothing now or later at this instant commutes with everything.
    const inert = dueCancels.find((_, index) => reaches[index]?.length === 0);
    if (inert !== undefined) return inert;
    for (const reach of reaches) {
      // A cancellation of the gather that may still be refused or accepted reaches every task: only a cleanup's end commutes with it.
      if (reach === undefined) return this.firstDue(due, 'cleanup-end');
      for (const place of reach) (reached ??= new Set()).add(place);
    }
    for (const job of jobs)
      if ((job.kind === 'step' || this.callbackCommutes(job)) && this.unreached(job, reached)) return job;
    for (let index = timers.length - 1; index >= due; index -= 1) {
      const timer = timers[index] as Timer;
      // No cancellation of the gather that reaches everything is due here (see above).
      if (timer.kind !== 'cancel-task' && timer.kind !== 'cancel-gather' && this.unreached(timer, reached))
        return timer;
    }
    return undefined;
  }

  /**
   * What a due cancellation may change, now or later at this instant, as places (see
   * {@link reach}); empty when it changes nothing observable whenever it fires, undefined
   * for a cancellation of the top-level gather that may still be accepted or refused (it
   * reaches everything). Once the gather is done it refuses; once it has accepted one, a
   * further one asks the children again and changes the gather no more.
   */
  private cancellationReach(timer: Timer): readonly string[] | undefined {
    if (timer.kind === 'cancel-task') return this.reach(this.model.topTasks[timer.target] as number);
    const { gather, state } = this.gather(0);
    if (state.outcome !== undefined) return [];
    // Whether it is accepted is read only where the gather waits for every child: a
    // fail-fast gather with a child bound to fail settles on that failure first.
    const read = gather.returnExceptions || !gather.children.some((child) => this.boundToFail(child));
    if (!state.cancelRequested && read) return undefined;
    const reach = gather.slots.flatMap((child) => this.reach(child));
    return reach.length === 0 ? [] : ['g0', ...reach];
  }

  /** Whether a task failed, or is a leaf that took a cancellation it does not ignore: it will end in an error or cancelled. */
  private boundToFail(taskId: number): boolean {
    const { outcome } = this.state(taskId);
    if (outcome !== undefined) return outcome.kind !== 'value';
    return this.absorbsCancel(taskId);
  }

  /**
   * Whether Task.cancel() on a leaf task is a no-op now and whenever it comes later: the
   * task already took a cancellation it does not ignore (or is done), and no one reads
   * whether it was cancelled after it finished (only a return-exceptions parent does, see
   * {@link unretrieved}).
   */
  private absorbsCancel(taskId: number): boolean {
    const task = this.task(taskId);
    if (task.kind !== 'leaf' || task.onCancel === 'ignore') return false;
    if (this.gather(task.parent).gather.returnExceptions) return false;
    const { phase, wake } = this.state(taskId);
    return (
      phase === 'done' || phase === 'cleanup' || (phase === 'waking' && (wake === 'cancel' || wake === 'cleanup-done'))
    );
  }

  /** Whether a job or a timer touches nothing the due cancellations of tasks reach (`reached`; none when undefined). */
  private unreached(action: Job | Timer, reached: ReadonlySet<string> | undefined): boolean {
    return reached === undefined || !this.footprint(action).some((place) => reached.has(place));
  }

  /** The first of the timers due now (`timers` from `due` on) of a kind, as they fire. */
  private firstDue(due: number, kind: Timer['kind']): Timer | undefined {
    const { timers } = this;
    for (let index = timers.length - 1; index >= due; index -= 1)
      if ((timers[index] as Timer).kind === kind) return timers[index];
    return undefined;
  }

  /**
   * Does the action {@link independentAction} would pick, found without listing every
   * action: the only action, or the one {@link independent} picks. Says 'ended' when the
   * run is over and 'branch' when every order must be explored. Moves the clock as
   * {@link actions} does.
   */
  // Stryker disable all: a fast path of independentAction (the same action, or 'branch' to ask it), so its mutants change the speed only (equivalent).
  stepAlone(): 'stepped' | 'ended' | 'branch' {
    const { timers, jobs } = this;
    const due = this.dueFrom();
    if (jobs.length === 0 && due === timers.length) return 'ended';
    if (jobs.length + timers.length - due === 1) {
      if (jobs.length === 1) this.performJob(jobs[0] as Job);
      else this.performTimer(timers[timers.length - 1] as Timer);
      return 'stepped';
    }
    const action = this.independent(due);
    if (action === undefined) return 'branch';
    if ('at' in action) this.performTimer(action);
    else this.performJob(action);
    return 'stepped';
  }

  // Stryker restore all
  /** Whether a done-callback commutes with the others: its gather is done, returns exceptions, or hears a value. */
  private callbackCommutes(job: Job): boolean {
    const { gather, state } = this.gather(this.task(job.task).parent);
    return (
      state.outcome !== undefined ||
      gather.returnExceptions ||
      (this.state(job.task).outcome as ModelOutcome).kind === 'value'
    );
  }

  /**
   * The tasks (`t3`) and gathers (`g1`) a cancellation of a task reaches: it and all below
   * it; nothing for a leaf that absorbs it (see {@link absorbsCancel}). Below a nested
   * gather every child counts, done or not: whether all are done decides if it refuses.
   */
  private reach(taskId: number): string[] {
    const task = this.task(taskId);
    if (task.kind === 'leaf') return this.absorbsCancel(taskId) ? [] : [`t${taskId}`];
    return [
      `t${taskId}`,
      `g${task.inner}`,
      ...this.gather(task.inner).gather.children.flatMap((child) => this.reachAll(child)),
    ];
  }

  /** The tasks and gathers below a task, itself included, absorbing or not. */
  private reachAll(taskId: number): string[] {
    const task = this.task(taskId);
    if (task.kind === 'leaf') return [`t${taskId}`];
    return [
      `t${taskId}`,
      `g${task.inner}`,
      ...this.gather(task.inner).gather.children.flatMap((c) => this.reachAll(c)),
    ];
  }

  /** The tasks and gathers a job or a timer (not a cancellation) reads or changes. */
  private footprint(action: Job | Timer): string[] {
    if ('at' in action) return [`t${action.target}`];
    const task = this.task(action.task);
    if (action.kind === 'step') return [`t${action.task}`, ...(task.kind === 'gather' ? [`g${task.inner}`] : [])];
    const { wrapper } = this.gather(task.parent).gather;
    return [`g${task.parent}`, ...(wrapper === undefined ? [] : [`t${wrapper}`])];
  }

  /** True once two timers have fired at one instant: the run is not tie-free. */
  get tied(): boolean {
    return this.firedNow >= 2;
  }

  /** Does one action, with its immediate effects. */
  perform(action: Action): void {
    if ('job' in action) this.performJob(action.job);
    else this.performTimer(action.timer);
  }

  private performJob(job: Job): void {
    removeItem(this.jobs, job);
    if (job.kind === 'step') this.step(job.task);
    else this.callback(job.task);
  }

  private performTimer(timer: Timer): void {
    removeItem(this.timers, timer);
    if (timer.kind === 'cancel-gather' || timer.kind === 'cancel-task') removeItem(this.cancels, timer);
    // Stryker disable next-line all: see `scheduled` (equivalent).
    if (timer.kind === 'sleep-end' || timer.kind === 'cleanup-end') this.state(timer.target).scheduled -= 1;
    this.firedNow = Math.min(2, this.firedNow + 1);
    switch (timer.kind) {
      case 'sleep-end':
        this.wake(timer.target, 'timer');
        return;
      case 'cleanup-end':
        this.wake(timer.target, 'cleanup-done');
        return;
      case 'cancel-gather':
        this.cancelGather(0);
        return;
      case 'cancel-task':
        this.cancelTask(this.model.topTasks[timer.target] as number);
        return;
    }
  }

  /** A key equal for states that can no longer be told apart, to prune the exploration. */
  key(): string {
    const timers = this.timers.map((timer) => `${timer.at}:${timer.kind}:${timer.target}`).sort();
    const jobs = this.jobs.map((job) => `${job.kind}:${job.task}`).sort();
    const tasks = this.tasks.map(
      (task) =>
        `${task.phase}|${task.wake ?? ''}|${task.mustCancel ? 1 : 0}|${outcomeKey(task.outcome)}|${task.settled}|${task.cancelRequested}|${task.cancelledWhenDone ? 1 : 0}|${task.scheduled}`,
    );
    const gathers = this.gathers.map(
      (gather) => `${gather.finished}|${gather.cancelRequested ? 1 : 0}|${outcomeKey(gather.outcome)}|${gather.at}`,
    );
    return `${this.now}/${this.firedNow}/${tasks.join(';')}/${gathers.join(';')}/${timers.join(';')}/${jobs.join(';')}`;
  }

  /** The observation of a finished run. */
  observation(): Observation {
    const top = this.gathers[0] as GatherState;
    const gather: Observation['gather'] =
      // Stryker disable next-line all: equivalent, a gather's outcome and time are set together.
      top.outcome === undefined || top.at === null
        ? { pending: true }
        : top.outcome.kind === 'value'
          ? { at: top.at, value: top.outcome.value }
          : { at: top.at, error: top.outcome.kind === 'error' ? top.outcome.error : CANCELLED_JSON };
    return {
      gather,
      tasks: this.model.topTasks.map((id) => {
        const task = this.tasks[id] as TaskState;
        return {
          started: 0,
          settled: task.settled,
          outcome: task.outcome === undefined ? 'pending' : task.outcome.kind,
          cancelRequested: task.cancelRequested,
        };
      }),
      unhandled: [],
    };
  }

  /**
   * Errors asyncio never retrieves in this run: those of the children of a return-exceptions
   * gather that never completed (its done-callback only reads a child's exception once all
   * are done), unless `Task.cancel()` reached the child after it finished (that clears
   * asyncio's flag too: a cancellation of the gather, or of the task from outside). CPython
   * reports each as "exception was never retrieved" when the task is collected; a
   * JavaScript gather that awaits every child handles them.
   */
  unretrieved(): ErrorJson[] {
    const errors: ErrorJson[] = [];
    this.model.gathers.forEach((gather, gatherId) => {
      if (!gather.returnExceptions || (this.gathers[gatherId] as GatherState).outcome !== undefined) return;
      for (const child of gather.children) {
        const outcome = this.state(child).outcome;
        if (outcome?.kind === 'error' && !this.state(child).cancelledWhenDone) errors.push(outcome.error);
      }
    });
    return errors;
  }

  private state(taskId: number): TaskState {
    return this.tasks[taskId] as TaskState;
  }

  /** A task of the model: every id the simulation holds is one. */
  private task(taskId: number): ModelTask {
    return this.model.tasks[taskId] as ModelTask;
  }

  /** A gather of the model, and its state. */
  private gather(gatherId: number): { readonly gather: ModelGather; readonly state: GatherState } {
    return { gather: this.model.gathers[gatherId] as ModelGather, state: this.gathers[gatherId] as GatherState };
  }

  private errorOf(taskId: number, spec: ErrorSpec): ErrorJson {
    const { top } = this.task(taskId);
    return top === undefined
      ? { name: spec.name, message: spec.message }
      : { name: spec.name, message: spec.message, task: top };
  }

  /**
   * Adds a timer. `timers` runs from the latest to the earliest, so that due timers come
   * off its end cheaply; read from the end, equal times are first-in-first-out.
   */
  private addTimer(timer: Timer): void {
    const { timers } = this;
    let low = 0;
    let high = timers.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      // Stryker disable next-line all: equivalent, the order among timers due together is explored anyway.
      if ((timers[middle] as Timer).at > timer.at) low = middle + 1;
      else high = middle;
    }
    timers.splice(low, 0, timer);
    // Stryker disable next-line all: see `scheduled` (equivalent).
    if (timer.kind === 'sleep-end' || timer.kind === 'cleanup-end') this.state(timer.target).scheduled += 1;
  }

  private unschedule(taskId: number): void {
    const state = this.state(taskId);
    // Stryker disable next-line all: see `scheduled` (equivalent).
    if (state.scheduled === 0) return;
    state.scheduled = 0;
    this.timers = this.timers.filter(
      (timer) => !((timer.kind === 'sleep-end' || timer.kind === 'cleanup-end') && timer.target === taskId),
    );
  }

  /** The task's awaited future is done: it resumes in a step of its own, later this instant. */
  private wake(taskId: number, why: Wake): void {
    const state = this.state(taskId);
    state.phase = 'waking';
    state.wake = why;
    this.jobs.push({ kind: 'step', task: taskId });
  }

  /** Task.cancel(): false when the task is done; otherwise the request is taken. */
  private cancelTask(taskId: number): boolean {
    const task = this.task(taskId);
    const state = this.state(taskId);
    if (state.phase === 'done') {
      state.cancelledWhenDone = true;
      return false;
    }
    // Stryker disable next-line all: equivalent, only top-level tasks' requests are observed.
    if (task.top !== undefined && state.cancelRequested === null) state.cancelRequested = this.now;
    if (task.kind === 'gather') {
      // The request goes to the inner gather; if that refuses (all its children are done),
      // the task itself is cancelled when it next resumes.
      if (state.phase === 'waking' || !this.cancelGather(task.inner)) state.mustCancel = true;
      return true;
    }
    if (state.phase === 'sleeping') {
      this.unschedule(taskId);
      this.wake(taskId, 'cancel');
    } else if (state.phase === 'waking' && state.wake === 'timer') {
      state.mustCancel = true;
    }
    // In cleanup (or about to finish it), a further cancellation is ignored.
    return true;
  }

  /** _GatheringFuture.cancel(): a done gather refuses (R10); otherwise every child is asked (R8). */
  private cancelGather(gatherId: number): boolean {
    const { gather, state } = this.gather(gatherId);
    if (state.outcome !== undefined) return false;
    let accepted = false;
    for (const child of gather.slots) if (this.cancelTask(child)) accepted = true;
    if (accepted) state.cancelRequested = true;
    return accepted;
  }

  /** The task resumes: it finishes, or reacts to a cancellation by its onCancel. */
  private step(taskId: number): void {
    const task = this.task(taskId);
    const state = this.state(taskId);
    // Stryker disable next-line all: equivalent, a step is queued only by wake, which makes the task waking.
    if (state.phase !== 'waking') return;
    const cancelled = state.wake === 'cancel' || state.mustCancel;
    state.mustCancel = false;
    if (task.kind === 'gather') {
      const inner = this.gathers[task.inner] as GatherState;
      this.complete(taskId, cancelled ? { kind: 'cancelled' } : (inner.outcome as ModelGatherOutcome));
      return;
    }
    if (state.wake === 'cleanup-done') {
      const { onCancel } = task;
      // Stryker disable next-line all: equivalent, "raise" and "ignore" have no error.
      const error = typeof onCancel === 'object' ? onCancel.error : undefined;
      this.complete(
        taskId,
        error === undefined ? { kind: 'cancelled' } : { kind: 'error', error: this.errorOf(taskId, error) },
      );
      return;
    }
    const scripted: ModelOutcome =
      'value' in task.result
        ? { kind: 'value', value: task.result.value }
        : { kind: 'error', error: this.errorOf(taskId, task.result.error) };
    if (!cancelled) {
      this.complete(taskId, scripted);
      return;
    }
    const { onCancel } = task;
    if (onCancel === 'raise') {
      this.complete(taskId, { kind: 'cancelled' });
    } else if (onCancel === 'ignore') {
      // Swallow it and sleep on to the original finish time (a hanging task hangs on).
      if (task.sleep !== undefined && task.sleep <= this.now) {
        this.complete(taskId, scripted);
        return;
      }
      // Stryker disable next-line all: equivalent, a further cancellation of a task that ignores them changes nothing either way.
      state.phase = 'sleeping';
      if (task.sleep !== undefined) this.addTimer({ at: task.sleep, kind: 'sleep-end', target: taskId });
    } else {
      // Stryker disable next-line all: equivalent, a cancellation during cleanup is ignored under any other phase name too.
      state.phase = 'cleanup';
      this.addTimer({ at: this.now + onCancel.cleanup, kind: 'cleanup-end', target: taskId });
    }
  }

  private complete(taskId: number, outcome: ModelOutcome): void {
    const state = this.state(taskId);
    state.phase = 'done';
    state.wake = undefined;
    state.outcome = outcome;
    state.settled = this.now;
    this.unschedule(taskId);
    // Stryker disable next-line all: equivalent, any job that is not a step is a callback.
    this.jobs.push({ kind: 'callback', task: taskId });
  }

  /** gather's _done_callback, for the parent gather of a task that finished. */
  private callback(taskId: number): void {
    const task = this.task(taskId);
    const { gather, state } = this.gather(task.parent);
    // A callback is queued when its task completes, with its outcome.
    const outcome = this.state(taskId).outcome as ModelOutcome;
    state.finished += 1;
    // A later failure is absorbed (R5); settleGather checks the same.
    // Stryker disable next-line all: equivalent, settleGather checks the same.
    if (state.outcome !== undefined) return;
    if (!gather.returnExceptions && outcome.kind !== 'value') {
      this.settleGather(task.parent, outcome);
      return;
    }
    if (state.finished < gather.children.length) return;
    if (state.cancelRequested) {
      this.settleGather(task.parent, { kind: 'cancelled' });
      return;
    }
    const results: readonly ResultSlot[] = gather.slots.map((slot) =>
      outcomeToResult(this.state(slot).outcome as ModelOutcome),
    );
    this.settleGather(task.parent, { kind: 'value', value: results });
  }

  private settleGather(gatherId: number, outcome: ModelGatherOutcome): void {
    const { gather, state } = this.gather(gatherId);
    // Stryker disable next-line all: equivalent, callback checks the same first.
    if (state.outcome !== undefined) return;
    state.outcome = outcome;
    state.at = this.now;
    // Stryker disable next-line all: equivalent, a nested-gather task's step reads its inner gather, not why it woke.
    if (gather.wrapper !== undefined) this.wake(gather.wrapper, 'inner-done');
  }
}
