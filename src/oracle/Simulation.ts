import { CANCELLED_JSON, type ErrorJson, type Observation, type ResultJson } from '../observation/Observation.js';
import type { ErrorSpec, JsonValue, Scenario } from '../scenario/Scenario.js';
import { outcomeToResult, type Model, type ModelOutcome } from './model.js';

/** A timer of the model: one event in the sense of DESIGN.md's "Ties". */
export interface ModelEvent {
  readonly at: number;
  /** Creation order, for first-in-first-out among ties. */
  readonly seq: number;
  readonly kind: 'sleep-end' | 'cleanup-end' | 'cancel-gather' | 'cancel-task';
  /** A task id (sleep-end, cleanup-end) or a top-level task index (cancel-task). */
  readonly target: number;
}

type Phase = 'running' | 'cleanup' | 'done';

interface GatherState {
  done: boolean;
  finished: number;
  cancelRequested: boolean;
  outcome: ModelOutcome | undefined;
  at: number | null;
}

/**
 * One state of asyncio.gather's semantics as a discrete-event model: no clock, no
 * promises. An event fires with everything it causes (the job queue) before the next one,
 * like the loop that runs ready callbacks before it advances the clock.
 */
export class Simulation {
  private constructor(
    private readonly model: Model,
    public now: number,
    private seq: number,
    private events: ModelEvent[],
    private readonly phase: Phase[],
    private readonly outcome: (ModelOutcome | undefined)[],
    private readonly settled: (number | null)[],
    private readonly cancelRequested: (number | null)[],
    private readonly gathers: GatherState[],
  ) {}

  /** The state right after the gather was called at time 0, with every child started. */
  static start(model: Model, scenario: Scenario): Simulation {
    const count = model.tasks.length;
    const sim = new Simulation(
      model,
      0,
      0,
      [],
      Array<Phase>(count).fill('running'),
      Array<ModelOutcome | undefined>(count).fill(undefined),
      Array<number | null>(count).fill(null),
      Array<number | null>(count).fill(null),
      model.gathers.map(() => ({ done: false, finished: 0, cancelRequested: false, outcome: undefined, at: null })),
    );
    if (scenario.cancelGatherAt !== undefined) sim.schedule(scenario.cancelGatherAt, 'cancel-gather', 0);
    for (const { task, at } of scenario.cancelTasks ?? []) sim.schedule(at, 'cancel-task', task);
    for (const task of model.tasks) {
      if (task.kind === 'leaf' && task.sleep !== undefined) sim.schedule(task.sleep, 'sleep-end', task.id);
    }
    // Empty gathers are done at once; the innermost first, so wrappers see them done.
    for (const gather of [...model.gathers].reverse()) {
      if (gather.children.length === 0) sim.settleGather(gather.id, { kind: 'value', value: [] });
    }
    return sim;
  }

  /** An independent copy, to explore another order of tied events. */
  clone(): Simulation {
    return new Simulation(
      this.model,
      this.now,
      this.seq,
      [...this.events],
      [...this.phase],
      [...this.outcome],
      [...this.settled],
      [...this.cancelRequested],
      this.gathers.map((gather) => ({ ...gather })),
    );
  }

  /** The events due next (all at the earliest pending time), oldest first. */
  dueEvents(): readonly ModelEvent[] {
    if (this.events.length === 0) return [];
    const earliest = Math.min(...this.events.map((event) => event.at));
    return this.events.filter((event) => event.at === earliest).sort((a, b) => a.seq - b.seq);
  }

  /** Fires one due event with everything it causes. */
  fire(event: ModelEvent): void {
    this.events = this.events.filter((pending) => pending !== event);
    this.now = event.at;
    switch (event.kind) {
      case 'sleep-end': {
        const task = this.model.tasks[event.target];
        if (task?.kind !== 'leaf') return;
        const result = task.result;
        this.settleTask(task.id, 'value' in result ? { kind: 'value', value: result.value } : { kind: 'error', error: this.errorOf(task.id, result.error) });
        return;
      }
      case 'cleanup-end': {
        const task = this.model.tasks[event.target];
        if (task?.kind !== 'leaf' || typeof task.onCancel !== 'object') return;
        const { error } = task.onCancel;
        this.settleTask(task.id, error === undefined ? { kind: 'cancelled' } : { kind: 'error', error: this.errorOf(task.id, error) });
        return;
      }
      case 'cancel-gather':
        this.cancelGather(0);
        return;
      case 'cancel-task':
        this.cancelTask(this.model.topTasks[event.target] as number);
        return;
    }
  }

  /** A key equal for states that can no longer be told apart, to prune the exploration. */
  key(): string {
    const events = this.events.map((event) => `${event.at}:${event.kind}:${event.target}`).sort();
    return JSON.stringify([this.now, this.phase, this.outcome, this.settled, this.cancelRequested, this.gathers, events]);
  }

  /** The observation of a finished run. */
  observation(): Observation {
    const top = this.gathers[0] as GatherState;
    const gather: Observation['gather'] =
      top.outcome === undefined || top.at === null
        ? { pending: true }
        : top.outcome.kind === 'value'
          ? { at: top.at, value: top.outcome.value as unknown as readonly ResultJson[] }
          : { at: top.at, error: top.outcome.kind === 'error' ? top.outcome.error : CANCELLED_JSON };
    return {
      gather,
      tasks: this.model.topTasks.map((id) => {
        const outcome = this.outcome[id];
        return {
          started: 0,
          settled: this.settled[id] ?? null,
          outcome: outcome === undefined ? 'pending' : outcome.kind,
          cancelRequested: this.cancelRequested[id] ?? null,
        };
      }),
      unhandled: [],
    };
  }

  private schedule(at: number, kind: ModelEvent['kind'], target: number): void {
    this.events.push({ at, seq: this.seq, kind, target });
    this.seq += 1;
  }

  private unschedule(taskId: number): void {
    this.events = this.events.filter((event) => !((event.kind === 'sleep-end' || event.kind === 'cleanup-end') && event.target === taskId));
  }

  private errorOf(taskId: number, spec: ErrorSpec): ErrorJson {
    const top = this.model.tasks[taskId]?.top;
    return top === undefined ? { name: spec.name, message: spec.message } : { name: spec.name, message: spec.message, task: top };
  }

  /** Task.cancel(): false when the task is done; otherwise the request is taken. */
  private cancelTask(taskId: number): boolean {
    const task = this.model.tasks[taskId];
    if (task === undefined || this.phase[taskId] === 'done') return false;
    if (task.top !== undefined && this.cancelRequested[taskId] === null) this.cancelRequested[taskId] = this.now;
    if (task.kind === 'gather') {
      this.cancelGather(task.inner);
      return true;
    }
    if (this.phase[taskId] === 'cleanup') return true; // a further cancellation during cleanup is ignored
    const { onCancel } = task;
    if (onCancel === 'ignore') return true;
    this.unschedule(taskId);
    if (onCancel === 'raise') {
      this.settleTask(taskId, { kind: 'cancelled' });
    } else {
      this.phase[taskId] = 'cleanup';
      this.schedule(this.now + onCancel.cleanup, 'cleanup-end', taskId);
    }
    return true;
  }

  /** _GatheringFuture.cancel(): a done gather ignores it (R10); otherwise every child is asked (R8). */
  private cancelGather(gatherId: number): void {
    const gather = this.model.gathers[gatherId];
    const state = this.gathers[gatherId];
    if (gather === undefined || state === undefined || state.done) return;
    // Every child is asked before any of them settles, as asyncio only requests here.
    const accepted = gather.children.map((child) => this.phase[child] !== 'done');
    if (accepted.some(Boolean)) state.cancelRequested = true;
    gather.children.forEach((child, index) => {
      if (accepted[index] === true) this.cancelTask(child);
    });
  }

  private settleTask(taskId: number, outcome: ModelOutcome): void {
    const task = this.model.tasks[taskId];
    if (task === undefined || this.phase[taskId] === 'done') return;
    this.phase[taskId] = 'done';
    this.outcome[taskId] = outcome;
    this.settled[taskId] = this.now;
    this.unschedule(taskId);
    this.childDone(task.parent, outcome);
  }

  /** gather's _done_callback for one distinct child. */
  private childDone(gatherId: number, outcome: ModelOutcome): void {
    const gather = this.model.gathers[gatherId];
    const state = this.gathers[gatherId];
    if (gather === undefined || state === undefined) return;
    state.finished += 1;
    if (state.done) return; // a later failure is absorbed (R5)
    if (!gather.returnExceptions && outcome.kind !== 'value') {
      this.settleGather(gatherId, outcome);
      return;
    }
    if (state.finished < gather.children.length) return;
    if (state.cancelRequested) {
      this.settleGather(gatherId, { kind: 'cancelled' });
      return;
    }
    const results = gather.slots.map((slot) => outcomeToResult(this.outcome[slot] as ModelOutcome));
    this.settleGather(gatherId, { kind: 'value', value: results as unknown as JsonValue });
  }

  private settleGather(gatherId: number, outcome: ModelOutcome): void {
    const state = this.gathers[gatherId];
    const gather = this.model.gathers[gatherId];
    if (state === undefined || gather === undefined || state.done) return;
    state.done = true;
    state.outcome = outcome;
    state.at = this.now;
    if (gather.wrapper !== undefined) this.settleTask(gather.wrapper, outcome);
  }
}
