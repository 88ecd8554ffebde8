import type { ErrorJson } from '../observation/Observation.js';

/**
 * Who left something behind: the gather under test (its own code), or top-level task
 * `task` (its own error, or the nested gather it runs).
 */
export type LeakOwner = { readonly by: 'gather' } | { readonly by: 'task'; readonly task: number };

/**
 * Something a run left behind. A timer a gather call set (a global `setTimeout` or
 * `setInterval`) still pending once that call (the gather, or a nested one at any depth), the
 * gather and every task had settled; or a rejection nobody handled.
 */
export type Leak =
  | {
      readonly kind: 'timer';
      readonly owner: LeakOwner;
      /** When it was set, when it was due, every how many ms it repeats (intervals). */
      readonly createdAt: number;
      readonly dueAt: number;
      readonly interval?: number;
      /** When the gather, the last task and the gather call that set it had settled. */
      readonly settledAt: number;
    }
  | { readonly kind: 'unhandled'; readonly owner: LeakOwner; readonly error: ErrorJson };
