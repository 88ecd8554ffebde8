import { MAX_TIMER_MS } from '../conformance/raceRealTime.js';
import type { CliIo } from './CliIo.js';
import { parseIntegerOption, type IntegerRange } from './parseIntegerOption.js';

/** What `--timeout` accepts: a Node timer lasts at most 2^31-1 ms, and a longer one would fire at once. */
export const TIMEOUT_RANGE: IntegerRange = {
  min: 1,
  max: MAX_TIMER_MS,
  what: `a whole number of ms from 1 to ${MAX_TIMER_MS}`,
};

/** The default of `--timeout`, in real milliseconds (docs/protocol.md). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The value of `--timeout` for `command`: the default when absent; undefined, after saying
 * why on stderr, when it is not a whole number of ms within {@link TIMEOUT_RANGE}.
 */
export function timeoutOption(text: string | undefined, command: string, io: CliIo): number | undefined {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const value = parseIntegerOption(text, TIMEOUT_RANGE);
  if (value === undefined)
    io.stderr.write(`gather-sim ${command}: --timeout: expected ${TIMEOUT_RANGE.what}, got "${text}"\n`);
  return value;
}
