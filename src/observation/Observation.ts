/**
 * The OBSERVATION of the gather-sim protocol, version 1 (docs/protocol.md): what a subject did
 * with one scenario, as plain readonly JSON data.
 */
import type { JsonValue } from '../scenario/Scenario.js';

/**
 * An error as observed. `task` is present exactly when the error object was created by the
 * script of top-level task `task`, so identity survives a process boundary. A cancellation
 * is always `{ name: "CancelledError", message: "" }`.
 */
export interface ErrorJson {
  readonly name: string;
  readonly message: string;
  readonly task?: number;
}

/** One slot of a gather's result list. */
export type ResultJson = { readonly value: JsonValue } | { readonly error: ErrorJson };

/** How the gather ended, if it did. */
export type GatherOutcome =
  | { readonly at: number; readonly value: readonly ResultJson[] }
  | { readonly at: number; readonly error: ErrorJson }
  | { readonly pending: true };

/** How a task ended. */
export type TaskOutcomeKind = 'value' | 'error' | 'cancelled' | 'pending';

/** The fate of one top-level task. */
export interface TaskObservation {
  readonly started: number | null;
  readonly settled: number | null;
  readonly outcome: TaskOutcomeKind;
  /** When a cancellation request first reached the task while it was still running. */
  readonly cancelRequested: number | null;
}

/** Everything observed of one run of one scenario. */
export interface Observation {
  readonly gather: GatherOutcome;
  readonly tasks: readonly TaskObservation[];
  readonly unhandled: readonly ErrorJson[];
}

/** The JSON form of a cancellation, whatever the language called it. */
export const CANCELLED_JSON: ErrorJson = Object.freeze({ name: 'CancelledError', message: '' });
