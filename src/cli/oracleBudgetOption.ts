import type { PredictOptions } from '../oracle/predict.js';
import type { CliIo } from './CliIo.js';

/** The `parseArgs` options that set the oracle's budget (see {@link oracleBudgetOf}). */
export const ORACLE_BUDGET_OPTIONS = {
  'oracle-states': { type: 'string' },
  'oracle-ms': { type: 'string' },
  'oracle-memory': { type: 'string' },
} as const;

/** The help lines of the options in {@link ORACLE_BUDGET_OPTIONS}. */
export const ORACLE_BUDGET_USAGE = `  --oracle-states N, --oracle-ms MS, --oracle-memory MB
                    the budget of the oracle's prediction of each scenario: branches
                    of the exploration of tied events (default 10000, the same answer
                    on every machine), real milliseconds (default 1000) and megabytes
                    of heap (default 256) on top; over it the spec's verdict is "too
                    many orderings (N explored)" and the run is shown unchecked`;

const FLAGS = [
  ['oracle-states', 'maxStates', 0],
  ['oracle-ms', 'maxMs', 1],
  ['oracle-memory', 'maxMemoryMb', 1],
] as const;

/**
 * `--oracle-states`, `--oracle-ms` and `--oracle-memory` as predict's options; undefined
 * after saying on stderr which option is wrong.
 */
export function oracleBudgetOf(
  command: string,
  values: { readonly [K in keyof typeof ORACLE_BUDGET_OPTIONS]?: string },
  io: CliIo,
): PredictOptions | undefined {
  const budget: { -readonly [K in keyof PredictOptions]: PredictOptions[K] } = {};
  for (const [flag, option, least] of FLAGS) {
    const text = values[flag];
    if (text === undefined) continue;
    const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < least) {
      io.stderr.write(
        `gather-sim ${command}: --${flag}: expected an integer of at least ${String(least)}, got "${text}"\n`,
      );
      return undefined;
    }
    budget[option] = value;
  }
  return budget;
}
