/** The seed every check uses unless told otherwise: fixed, so a run is reproducible. */
export const DEFAULT_SEED = 20261125;

/** The scenarios per property `check` and `checkGather` try unless told otherwise. */
export const DEFAULT_RUNS = 200;

/** The environment variable that overrides {@link DEFAULT_SEED} for every check in a process. */
export const SEED_VARIABLE = 'GATHER_SIM_SEED';

/**
 * The seed a check uses when none is given: the integer in `GATHER_SIM_SEED` when that is
 * set (to vary seeds in CI, or to replay a whole run), else {@link DEFAULT_SEED}. Throws a
 * `RangeError` naming the variable when it holds anything but an integer.
 */
export function defaultSeed(env: Readonly<Record<string, string | undefined>> = processEnv()): number {
  const text = env[SEED_VARIABLE];
  if (text === undefined || text.trim() === '') return DEFAULT_SEED;
  const seed = /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(seed))
    throw new RangeError(
      `${SEED_VARIABLE} must be an integer (the seed of every check that is given none), got ${JSON.stringify(text)}`,
    );
  return seed;
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  return typeof process === 'undefined' ? {} : process.env;
}
