import fc from 'fast-check';
import { formatTieOrder, picksOf } from '../clock/TieChoice.js';
import { seedOption } from './seedOption.js';
import type { Run } from '../executor/Run.js';
import type { CliIo } from './CliIo.js';
import { parseTieMode } from './parseTieMode.js';

/** The order of tied events a run takes: given picks (fifo is none), or every order. */
export type TieOrder = { readonly kind: 'picks'; readonly picks: readonly number[] } | { readonly kind: 'exhaustive' };

/** `--ties`, `--tie-order` and `--seed` as a {@link TieOrder}; undefined after saying what is wrong. */
export function tieOrderOf(
  values: { ties?: string; 'tie-order'?: string; seed?: string },
  io: CliIo,
): TieOrder | undefined {
  const mode = parseTieMode(values.ties, 'run', io);
  if (mode === null) return undefined;
  const given = values['tie-order'];
  if (values.seed !== undefined && mode !== 'shuffle') {
    io.stderr.write('gather-sim run: --seed draws the order of --ties shuffle: give it with --ties shuffle\n');
    return undefined;
  }
  if (given !== undefined) {
    const picks = given.split(',').map((item) => Number(item.trim()));
    if (mode !== undefined || given.trim() === '' || !picks.every((pick) => Number.isSafeInteger(pick) && pick >= 0)) {
      io.stderr.write(
        `gather-sim run: --tie-order: expected the picks a run printed, like 2,0,1 (and no --ties), got "${given}"\n`,
      );
      return undefined;
    }
    return { kind: 'picks', picks };
  }
  if (mode === 'exhaustive') return { kind: 'exhaustive' };
  if (mode !== 'shuffle') return { kind: 'picks', picks: [] };
  const seed = seedOption(values.seed, 'run', io);
  if (seed === undefined) return undefined;
  // Unbiased, unlike the first values fast-check draws in a property: a real shuffle.
  const draw = fc.noBias(fc.array(fc.nat({ max: 719 }), { minLength: 24, maxLength: 24 }));
  return { kind: 'picks', picks: fc.sample(draw, { seed, numRuns: 1 })[0] ?? [] };
}

/** What a run's tie choices were, as a line that replays them; nothing when no event tied. */
export function formatTies(run: Run): string[] {
  if (run.ties.length === 0) return [];
  const order = formatTieOrder(picksOf(run.ties));
  const instants = [...new Set(run.ties.map((choice) => choice.at))].join(', ');
  return [
    `ties: events were due together at ${instants} ms; ${order === '' ? 'fired first-in-first-out' : `this order replays with --tie-order ${order}`}`,
  ];
}
