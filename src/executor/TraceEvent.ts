import type { GatherOutcome, ResultJson, TaskOutcomeKind } from '../observation/Observation.js';

/**
 * One timestamped thing that happened to a top-level task or to the gather during a run.
 * A trace is small plain data: compared whole for determinism, drawn as a timeline.
 */
export type TraceEvent =
  | { readonly at: number; readonly kind: 'start'; readonly task: number }
  | { readonly at: number; readonly kind: 'cancel-gather' }
  | { readonly at: number; readonly kind: 'cancel-task'; readonly task: number }
  | { readonly at: number; readonly kind: 'cancel-request'; readonly task: number }
  | {
      readonly at: number;
      readonly kind: 'settle';
      readonly task: number;
      readonly outcome: TaskOutcomeKind;
      /** The task's value or error, as a gather slot would show it. */
      readonly result: ResultJson;
    }
  | { readonly at: number; readonly kind: 'gather-settle'; readonly outcome: GatherOutcome };
