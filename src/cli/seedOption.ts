import { defaultSeed } from '../conformance/checkDefaults.js';
import type { CliIo } from './CliIo.js';
import { parseIntegerOption } from './parseIntegerOption.js';

/**
 * `--seed N` of `command`, else the seed of every check (`GATHER_SIM_SEED` in the
 * environment, else `DEFAULT_SEED`); undefined after saying what is wrong (a `--seed` or a
 * `GATHER_SIM_SEED` that is not an integer).
 */
export function seedOption(text: string | undefined, command: string, io: CliIo): number | undefined {
  if (text !== undefined) {
    const value = parseIntegerOption(text, {
      min: Number.MIN_SAFE_INTEGER,
      max: Number.MAX_SAFE_INTEGER,
      what: 'an integer',
    });
    if (value !== undefined) return value;
    io.stderr.write(`gather-sim ${command}: --seed: expected an integer, got "${text}"\n`);
    return undefined;
  }
  try {
    return defaultSeed(io.env ?? {});
  } catch (error) {
    io.stderr.write(`gather-sim ${command}: ${(error as Error).message}\n`);
    return undefined;
  }
}
