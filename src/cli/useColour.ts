import type { CliIo } from './CliIo.js';

/**
 * Whether to colour what goes to standard output: only on a terminal, never with
 * `NO_COLOR` set to anything but the empty string (no-color.org), nor on `TERM=dumb`.
 */
export function useColour(io: CliIo): boolean {
  const env = io.env ?? {};
  return io.stdout.isTTY === true && (env['NO_COLOR'] ?? '') === '' && env['TERM'] !== 'dumb';
}
