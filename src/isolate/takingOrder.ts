/**
 * The indices of `names` in the order to take them: those named in `first` in its order,
 * then the others in their own order (`check`'s slots take subjects so, the slowest first).
 */
export function takingOrder(names: readonly string[], first: readonly string[]): number[] {
  const rank = (index: number): number => {
    const at = first.indexOf(names[index] ?? '');
    return at === -1 ? first.length : at;
  };
  return names.map((_, index) => index).sort((a, b) => rank(a) - rank(b) || a - b);
}
