// npx tsx bench/counterexamples.ts [--examples]: the share of tie-free counterexamples of the
// wrong gathers (issue 15, "Done when"), with the default seed and runs and every property.
// `--examples` also prints three counterexamples as `check`'s terminal report shows each failure.
import { fileURLToPath } from 'node:url';
import { DEFAULT_RUNS, defaultSeed } from '../src/conformance/checkDefaults.js';
import { checkProperty } from '../src/properties/checkProperty.js';
import { gatherProperties } from '../src/properties/gatherProperties.js';
import { formatPropertyReport } from '../src/properties/formatPropertyReport.js';
import { predict } from '../src/oracle/predict.js';
import type { PropertyReport } from '../src/properties/checkProperty.js';
import { tiedInstants } from '../src/scenario/tiedInstants.js';
import { wideWrongGathers, wrongGathers } from '../properties/wrongGathers.js';

/** One printed counterexample: the wrong gather, the property it failed, and whether it is tie-free. */
export interface CounterexampleFigure {
  readonly gather: string;
  readonly property: string;
  /** The oracle allows exactly one observation for the counterexample. */
  readonly tieFree: boolean;
  /** No two of its written events fall due at one instant. */
  readonly untied: boolean;
  readonly report: Extract<PropertyReport, { status: 'fail' }>;
}

/**
 * Every counterexample `check` prints for the wrong gathers of the suite, with the default
 * seed and runs (`simplifyBudget: 0`: fast-check's shrinking alone).
 */
export async function wrongGatherCounterexamples(simplifyBudget?: number): Promise<CounterexampleFigure[]> {
  const figures: CounterexampleFigure[] = [];
  for (const wrong of [...wrongGathers, ...wideWrongGathers]) {
    for (const checked of gatherProperties) {
      const property = await checkProperty(checked, wrong.gather, {
        numRuns: DEFAULT_RUNS,
        seed: defaultSeed(),
        ...(simplifyBudget === undefined ? {} : { simplifyBudget }),
      });
      if (property.status !== 'fail') continue;
      figures.push({
        gather: wrong.name,
        property: property.property.id,
        tieFree: predict(property.scenario).observations.length === 1,
        untied: tiedInstants(property.scenario).length === 0,
        report: property,
      });
    }
  }
  return figures;
}

/** The share of tie-free counterexamples, in percent, rounded down to a whole number. */
export function tieFreeShare(figures: readonly CounterexampleFigure[]): number {
  return figures.length === 0 ? 100 : Math.floor((100 * figures.filter((one) => one.tieFree).length) / figures.length);
}

/** The benchmark's row: `tie-free counterexamples of the wrong gathers: 100% (goal >= 80%: met)`. */
export async function counterexampleRow(): Promise<string> {
  const share = tieFreeShare(await wrongGatherCounterexamples());
  return `tie-free counterexamples of the wrong gathers: ${share}% (goal >= 80%: ${share >= 80 ? 'met' : 'NOT met'})`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await wrongGatherCounterexamples(process.argv.includes('--before') ? 0 : undefined);
  const lines = figures.map(
    (one) =>
      `${one.tieFree ? 'tie-free' : 'TIES    '}  ${one.gather} / ${one.property}: ${JSON.stringify(one.report.scenario)}${one.report.simplified === undefined ? '' : ` (${one.report.simplified.checks} checks)`}`,
  );
  lines.push(
    `tie-free counterexamples of the wrong gathers: ${tieFreeShare(figures)}% (${figures.filter((one) => one.tieFree).length} of ${figures.length}; goal >= 80%)`,
    `  with no two events at one instant: ${figures.filter((one) => one.untied).length} of ${figures.length}`,
  );
  if (process.argv.includes('--examples')) {
    for (const [gather, property] of [
      ['cancels siblings on failure', 'siblings-live-on'],
      ['ignores cancellation', 'outer-cancellation'],
      ['completion order', 'order'],
    ]) {
      const one = figures.find((figure) => figure.gather === gather && figure.property === property);
      if (one === undefined) continue;
      lines.push('', `--- ${gather} / ${property}`, formatPropertyReport(one.report));
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
