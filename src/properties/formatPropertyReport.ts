import { formatTieOrder } from '../clock/TieChoice.js';
import { formatFailureDetails } from '../report/formatFailureDetails.js';
import { formatReplayOptions } from '../report/formatReplayOptions.js';
import { formatScenarioText } from '../scenario/formatScenarioText.js';
import { shellQuote } from '../report/shellQuote.js';
import type { PropertyReport } from './checkProperty.js';

/**
 * A property's verdict as text. A failure shows the rule, the counterexample (shrunk, then simplified) as JSON that
 * `gather-sim run` accepts back (and in text form), expected against observed as
 * differences by JSON path, the expected timeline (asyncio.gather's) above the subject's on
 * one axis, and the ways to replay its final scenario: the options of `assertGather` and
 * `describeGatherConformance` (`{ scenario, properties: [id] }`), a one-line command that
 * runs the scenario on the subject, and one that checks the property on it (`replay`, the option that selects the subject in `gather-sim run`
 * and `check`; the reference when absent). Pure: what test runners, `check` and a JUnit
 * report show as a failure's message.
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
    `  failed after ${report.numRuns} scenario(s)${report.path === '' ? '' : ` of seed ${report.seed}`}${failure.reason === property.statement ? '' : `: ${failure.reason}`}`,
    `  scenario: ${scenario}`,
    '  the same in text form:',
    ...formatScenarioText({ scenario: report.scenario })
      .trimEnd()
      .split('\n')
      .map((line) => `    ${line}`),
    ...formatFailureDetails(report, options),
  ];
  lines.push(
    `  replay here: ${formatReplayOptions(report)} (options of assertGather, describeGatherConformance)`,
    ...(replay === undefined
      ? [`  replay the scenario on the reference: echo ${shellQuote(scenario)} | npx gather-sim run -${runTies}`]
      : [
          `  replay the scenario on the subject: echo ${shellQuote(scenario)} | npx gather-sim run - ${replay}${runTies}`,
          `  replay the property: npx gather-sim check ${replay} --property ${property.id} --scenario ${shellQuote(scenario)}${checkTies}${runTies}`,
        ]),
  );
  return lines.join('\n');
}
