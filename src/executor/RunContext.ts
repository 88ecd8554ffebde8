import { asRunCode } from '../clock/runsInTurn.js';
import type { VirtualClock } from '../clock/VirtualClock.js';
import type { GatherFunction, Child, GatherOptions } from '../gather/GatherFunction.js';
import type { TaskOutcomeKind } from '../observation/Observation.js';
import type { ErrorOrigins } from './toJson.js';
import { describeThrown } from '../report/describeThrown.js';
import type { OuterCancel } from './OuterCancel.js';
import type { TraceEvent } from './TraceEvent.js';

/** What is recorded of one top-level task during a run. */
export interface TaskRecord {
  starts: number;
  started: number | null;
  settled: number | null;
  outcome: TaskOutcomeKind;
  cancelRequested: number | null;
}

/** What listens for a signal's abort: a task (a script's run is one itself, no closure to make). */
export interface Cancellable {
  cancel(): void;
}

/** The mutable state of one run, shared by the task scripts. Private to the executor. */
export interface RunContext {
  /** False once the run has ended: a child the subject starts later starts nothing (it never settles). */
  live: boolean;
  readonly clock: VirtualClock;
  readonly subject: GatherFunction;
  readonly origins: ErrorOrigins;
  readonly trace: TraceEvent[];
  readonly records: TaskRecord[];
  readonly problems: string[];
  /** The tasks listening to each signal: one abort listener per signal and run. */
  readonly abortHandlers: Map<AbortSignal | OuterCancel, Set<Cancellable>>;
  /** The top-level task each error a script created belongs to (nested gathers' tasks included): who left it unhandled. */
  readonly owners: WeakMap<object, number>;
  /** When attributing timers: runs one nested gather call in an async context of its own, so its timers are known as its. */
  readonly attribute?: <T>(gatherCall: GatherCall, call: () => T) => T;
}

/**
 * One nested gather call, at any depth, while a run attributes timers: the top-level task
 * it runs under, and when it settled (null while it runs). Its timers count as leaked only
 * once it has settled.
 */
export interface GatherCall {
  readonly task: number | undefined;
  settledAt: number | null;
}

/** Calls the subject, turning a synchronous throw or a non-promise into a problem. */
export function callSubject(
  context: RunContext,
  children: readonly Child[],
  options: GatherOptions,
  where: string,
): Promise<unknown[]> {
  let returned: unknown;
  try {
    returned = asRunCode(({ subject }) => subject(children, options), context);
  } catch (error) {
    context.problems.push(
      `${where}: the gather threw synchronously instead of returning a promise (${describeThrown(error)})`,
    );
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the subject's own throw, whatever it is, is what the run observes
    return Promise.reject(error);
  }
  if (typeof (returned as { then?: unknown } | null)?.then !== 'function') {
    context.problems.push(`${where}: the gather returned a non-promise (${typeof returned})`);
  }
  return Promise.resolve(returned as unknown[]);
}
