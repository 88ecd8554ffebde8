import type { PropertyReport } from '../properties/checkProperty.js';

/**
 * The options of `assertGather` and `describeGatherConformance` that replay a failure at
 * once, on its final counterexample, as code to paste:
 * `{ scenario: {"tasks":[...]}, properties: ["fail-fast"] }`, with the tie mode when it was
 * not first-in-first-out and the picks of the failing order when there are any. Pure.
 */
export function formatReplayOptions(report: Extract<PropertyReport, { status: 'fail' }>): string {
  const ties = report.ties === undefined ? '' : `, ties: ${JSON.stringify(report.ties.mode)}`;
  const order =
    report.ties === undefined || report.ties.picks.length === 0
      ? ''
      : `, tieOrder: ${JSON.stringify(report.ties.picks)}`;
  return `{ scenario: ${JSON.stringify(report.scenario)}, properties: [${JSON.stringify(report.property.id)}]${ties}${order} }`;
}
