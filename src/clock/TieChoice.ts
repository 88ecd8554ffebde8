/**
 * One same-instant choice a run made: `count` events were due at `at` ms (DESIGN.md,
 * "Ties"), and the one at position `pick` of them, in first-in-first-out order, fired
 * next. A run's choices, in order, replay its order of tied events exactly.
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
export type TieMode = 'fifo' | 'shuffle' | 'exhaustive';

/** The tie modes, for option parsing. */
export const TIE_MODES: readonly TieMode[] = ['fifo', 'shuffle', 'exhaustive'];

/** The most events due at one instant whose orders `exhaustive` tries (6! = 720 orders). */
export const MAX_EXHAUSTIVE_TIE = 6;

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
