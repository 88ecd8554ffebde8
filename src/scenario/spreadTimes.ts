/**
 * Times relabelled onto the round instants 10, 20, 30... (or 0, 10, 20... with `fromZero`),
 * keeping their order and which of them tie: the k-th distinct instant becomes 10k (10(k-1)
 * from zero). With `untie`, the events due at that instant are spread onto distinct instants
 * too, in the order of their positions (reversed with `reverse`), the others kept as they
 * are; with `untie: 'all'`, every tie is spread. Pure: the second pass over a counterexample
 * tries these (see `simplerScenarios`).
 */
export function spreadTimes(
  times: readonly number[],
  options: { readonly untie?: number | 'all'; readonly reverse?: boolean; readonly fromZero?: boolean } = {},
): number[] {
  const { untie, reverse = false, fromZero = false } = options;
  const spread = (at: number): boolean => untie === 'all' || untie === at;
  // Each event's place: its instant, then (only where it is spread) its position.
  const key = (index: number): readonly [number, number] => {
    const at = times[index] ?? 0;
    return [at, spread(at) ? (reverse ? -index : index) : 0];
  };
  const order = times
    .map((_, index) => index)
    .sort((a, b) => {
      const [atA, byA] = key(a);
      const [atB, byB] = key(b);
      return atA - atB || byA - byB;
    });
  const relabelled = new Array<number>(times.length).fill(0);
  let rank = fromZero ? -1 : 0;
  let previous: readonly [number, number] | undefined;
  for (const index of order) {
    const current = key(index);
    if (previous === undefined || previous[0] !== current[0] || previous[1] !== current[1]) rank += 1;
    previous = current;
    relabelled[index] = 10 * rank;
  }
  return relabelled;
}
