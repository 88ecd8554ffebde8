import type { CliIo } from './CliIo.js';

/**
 * Whether to colour what goes to standard output, with Node's and chalk's precedence:
 * `FORCE_COLOR` decides when set (`1`, `2`, `3`, `true` or empty: colour, even into a pipe
 * or a file; `0`, `false` or anything else: none); otherwise never with `NO_COLOR` set to
 * anything but the empty string (no-color.org), nor on `TERM=dumb`, and only on a terminal.
 */
export function useColour(io: CliIo): boolean {
  const env = io.env ?? {};
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  return io.stdout.isTTY === true && (env['NO_COLOR'] ?? '') === '' && env['TERM'] !== 'dumb';
}
