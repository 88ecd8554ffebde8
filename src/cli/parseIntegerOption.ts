/** The range a numeric option accepts, and how it is named in a message. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
  /** What the option takes: `an integer`, `a positive integer`... */
  readonly what: string;
}

/**
 * A numeric command-line option's text as an integer: decimal digits with an optional
 * minus sign (no empty text, no spaces, no `1e3`, no `0x10`, no fraction), within
 * `range`. Undefined when it is not: the caller says so, naming the option and the text.
 */
export function parseIntegerOption(text: string, range: IntegerRange): number | undefined {
  if (!/^-?\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= range.min && value <= range.max ? value : undefined;
}
