import { formatTieOrder } from '../clock/TieChoice.js';
import { formatLeaks } from '../report/formatLeaks.js';
import { formatTimeline } from '../report/formatTimeline.js';
import { formatScenarioText } from '../scenario/formatScenarioText.js';
import { shellQuote } from '../report/shellQuote.js';
import type { PropertyReport } from './checkProperty.js';

/**
 * A property's verdict as text. A failure shows the rule, the shrunk scenario as JSON that
 * `gather-sim run` accepts back, expected against observed, the subject's timeline, and two
 * ways to replay it: the fast-check `{ seed, path }` and a one-line command that runs the
 * scenario on the subject, and one that replays the property (`replay`, the option that
 * selects the subject in `gather-sim run` and `check`; the reference when absent).
 */
export function formatPropertyReport(
  report: PropertyReport,
  replay?: string,
  options: { readonly colour?: boolean } = {},
): string {
  const { property } = report;
  const title = `${property.rule} ${property.id}: ${property.statement}`;
  if (report.status === 'n/a')
    return `n/a   ${title} (needs ${report.missing.join(', ')}, which the subject does not claim)`;
  if (report.status === 'pass') {
    const orders = report.orders === undefined ? '' : `, ${report.orders} orders of tied events`;
    return `pass  ${title} (${report.numRuns} scenarios${orders}, seed ${report.seed})`;
  }
  if (report.status === 'error')
    return `ERROR ${title}: not checked, an error of the harness, not of the subject: ${report.reason} (seed ${report.seed})`;
  const scenario = JSON.stringify(report.scenario);
  const { failure, ties } = report;
  const order = ties === undefined ? '' : formatTieOrder(ties.picks);
  const runTies = order === '' ? '' : ` --tie-order ${order}`;
  const checkTies = ties === undefined ? '' : ` --ties ${ties.mode}`;
  const lines = [
    `FAIL  ${title}`,
    `  failed after ${report.numRuns} scenario(s)${failure.reason === property.statement ? '' : `: ${failure.reason}`}`,
    `  scenario: ${scenario}`,
    '  the same in text form:',
    ...formatScenarioText({ scenario: report.scenario })
      .trimEnd()
      .split('\n')
      .map((line) => `    ${line}`),
    `  expected: ${JSON.stringify(failure.expected)}`,
    `  observed: ${JSON.stringify(failure.observed)}`,
  ];
  if (ties !== undefined) {
    lines.push(
      order === ''
        ? `  tie order: first-in-first-out (${ties.mode})`
        : `  tie order: ${order} (${ties.mode}: at each tie in turn, the position among the events due then of the one that fired next)`,
    );
  }
  if (failure.run !== undefined) {
    lines.push(...formatLeaks(failure.run.leaks).map((line) => `  ${line}`));
    lines.push(
      '  timeline of the subject:',
      ...formatTimeline(failure.run.observation, failure.run.trace, { width: 76, colour: options.colour === true })
        .split('\n')
        .map((line) => `    ${line}`),
    );
  }
  lines.push(
    `  replay with fast-check: { seed: ${report.seed}, path: ${JSON.stringify(report.path)}, endOnFailure: true }`,
    ...(replay === undefined
      ? [`  replay the scenario on the reference: echo ${shellQuote(scenario)} | npx gather-sim run -${runTies}`]
      : [
          `  replay the scenario on the subject: echo ${shellQuote(scenario)} | npx gather-sim run - ${replay}${runTies}`,
          `  replay the property: npx gather-sim check ${replay} --property ${property.id} --seed ${report.seed} --path ${report.path}${checkTies}`,
        ]),
  );
  return lines.join('\n');
}
