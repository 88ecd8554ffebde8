import { MAX_EXHAUSTIVE_TIE, picksOf, type TieChoice } from '../clock/TieChoice.js';

/** How an exploration of tie orders ended. */
export type TieOrdersExplored =
  /** Every order was tried: `orders` of them (1 when nothing ties). */
  | { readonly status: 'all'; readonly orders: number }
  /** `visit` said stop after `orders` orders; `picks` replays the last one. */
  | { readonly status: 'stopped'; readonly orders: number; readonly picks: readonly number[] }
  /** More than {@link MAX_EXHAUSTIVE_TIE} events were due together (`tie`), or more than `maxOrders` orders. */
  | { readonly status: 'too-many'; readonly orders: number; readonly tie?: TieChoice };

/**
 * Tries every order of the events due at the same instants, depth first: `run` runs the
 * scenario with the given picks (see `RunOptions.ties`) and returns the choices it made;
 * the next order advances the last choice that has an untried alternative, like an
 * odometer. Runs must be deterministic. Three events due together give 6 orders; choices
 * that appear only in some orders (a cleanup that ties with another event) are followed.
 * `visit` returns false to stop.
 */
export async function forEachTieOrder(
  run: (picks: readonly number[]) => Promise<readonly TieChoice[]>,
  visit: (choices: readonly TieChoice[]) => boolean | Promise<boolean>,
  maxOrders = 5040,
): Promise<TieOrdersExplored> {
  let picks: readonly number[] = [];
  for (let orders = 1; ; orders += 1) {
    const choices = await run(picks);
    const tie = choices.find((choice) => choice.count > MAX_EXHAUSTIVE_TIE);
    if (tie !== undefined) return { status: 'too-many', orders: orders - 1, tie };
    if (!(await visit(choices))) return { status: 'stopped', orders, picks: picksOf(choices) };
    let last = choices.length - 1;
    while (last >= 0 && (choices[last] as TieChoice).pick + 1 >= (choices[last] as TieChoice).count) last -= 1;
    if (last < 0) return { status: 'all', orders };
    if (orders >= maxOrders) return { status: 'too-many', orders };
    picks = [...picksOf(choices.slice(0, last)), (choices[last] as TieChoice).pick + 1];
  }
}
