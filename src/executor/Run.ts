import type { TieChoice } from '../clock/TieChoice.js';
import type { Leak } from './Leak.js';
import type { Observation } from '../observation/Observation.js';
import type { TraceEvent } from './TraceEvent.js';

/** Everything one run of a scenario on a subject produced. Plain readonly data. */
export interface Run {
  /** The OBSERVATION (docs/protocol.md#observation). */
  readonly observation: Observation;
  /** What happened, in order, with virtual times. */
  readonly trace: readonly TraceEvent[];
  /** How many times the gather called each top-level task's child (R1 wants 1 each). */
  readonly starts: readonly number[];
  /**
   * How the subject misbehaved beyond what an observation can show: it threw synchronously,
   * returned a non-promise, resolved with a non-array, or kept scheduling timers.
   */
  readonly problems: readonly string[];
  /** The same-instant choices the run made, in order: their picks replay its order of tied events. */
  readonly ties: readonly TieChoice[];
  /**
   * What the run left behind: the gather's timers still pending once it and every task had
   * settled, and rejections nobody handled, each with the task or gather it came from.
   */
  readonly leaks: readonly Leak[];
}
