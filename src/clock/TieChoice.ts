/**
 * One same-instant choice a run made: `count` events were due at `at` ms (docs/semantics.md#ties),
 * and the one at position `pick` of them, in first-in-first-out order, fired
 * next. When the subject's own timer (a global `setTimeout` or `setInterval` of the gather)
 * is due at that instant too, its next one is one of the `count`, at position 0 (the
 * subject's timers keep their own order among themselves). A run's choices, in order, replay
 * its order of tied events exactly.
 */
export interface TieChoice {
  readonly at: number;
  readonly count: number;
  readonly pick: number;
}

/**
 * How a run orders events due at the same instant: `fifo` fires them in the order they
 * were scheduled; `shuffle` in an order drawn with the scenario (fast-check shrinks it
 * toward fifo); `exhaustive` tries every order, for scenarios with at most
 * {@link MAX_EXHAUSTIVE_TIE} events due together.
 */
export type TieMode = (typeof TIE_MODES)[number];

/** The tie modes, for option parsing: the one list of them, {@link TieMode} derives from it. */
export const TIE_MODES = ['fifo', 'shuffle', 'exhaustive'] as const;

/** The tie mode of a run that names none. */
export const DEFAULT_TIE_MODE = 'fifo' satisfies TieMode;

/** A tie mode other than the default: one a report or a failure names. */
export type OrderedTieMode = Exclude<TieMode, typeof DEFAULT_TIE_MODE>;

/** The tie modes other than the default. */
export const ORDERED_TIE_MODES: readonly OrderedTieMode[] = TIE_MODES.filter(isOrderedTieMode);

/** Whether a value (a parsed option, a field of JSON) names a tie mode. */
export function isTieMode(value: unknown): value is TieMode {
  return (TIE_MODES as readonly unknown[]).includes(value);
}

/** Whether a value names a tie mode other than the default. */
export function isOrderedTieMode(value: unknown): value is OrderedTieMode {
  return isTieMode(value) && value !== DEFAULT_TIE_MODE;
}

/** The most events due at one instant whose orders `run --ties exhaustive` tries (6! = 720 orders). */
export const MAX_EXHAUSTIVE_TIE = 6;

/**
 * The most orders of a scenario's written events that `exhaustive` tries (`check` and
 * `checkProperty`): scenarios that allow more are left out of an exhaustive check.
 */
export const MAX_EXHAUSTIVE_ORDERS = 720;

/**
 * The picks of a tie order as a replayable literal: `2,0,1` (position among the events due
 * at each tie in turn; missing ones are 0, first-in-first-out). Empty for fifo.
 */
export function formatTieOrder(picks: readonly number[]): string {
  let end = picks.length;
  while (end > 0 && picks[end - 1] === 0) end -= 1;
  return picks.slice(0, end).join(',');
}

/** The picks a run made, for {@link formatTieOrder}. */
export function picksOf(choices: readonly TieChoice[]): number[] {
  return choices.map((choice) => choice.pick);
}
