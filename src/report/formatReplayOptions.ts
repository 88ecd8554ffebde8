import type { PropertyReport } from '../properties/checkProperty.js';

/**
 * The options of `assertGather` and `describeGatherConformance` that replay a failure at
 * once, as code to paste: `{ seed: 42, path: "4:1:0", properties: ["fail-fast"] }`, with
 * the tie mode when it was not first-in-first-out. Pure.
 */
export function formatReplayOptions(report: Extract<PropertyReport, { status: 'fail' }>): string {
  const ties = report.ties === undefined ? '' : `, ties: ${JSON.stringify(report.ties.mode)}`;
  return `{ seed: ${report.seed}, path: ${JSON.stringify(report.path)}, properties: [${JSON.stringify(report.property.id)}]${ties} }`;
}
