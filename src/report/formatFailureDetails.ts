import { formatTieOrder } from '../clock/TieChoice.js';
import type { PropertyReport } from '../properties/checkProperty.js';
import { failureTimelines } from './failureTimelines.js';
import { formatDifferences } from './formatDifferences.js';
import { formatLeaks } from './formatLeaks.js';
import { formatTimeline } from './formatTimeline.js';
import { formatTieNote } from './formatTieNote.js';

const indent =
  (by: string) =>
  (line: string): string =>
    `${by}${line}`;

/**
 * The middle of a failure's report, two-space indented lines: expected against observed as
 * differences by JSON path, the order of tied events, whether the failure needs a tie, the
 * timers left pending, then the
 * expected timeline (what asyncio.gather does) above the subject's, on one time axis. Pure.
 */
export function formatFailureDetails(
  report: Extract<PropertyReport, { status: 'fail' }>,
  options: { readonly colour?: boolean } = {},
): string[] {
  const { failure, ties } = report;
  const differences = formatDifferences(failure.expected, failure.observed);
  const lines = [`  ${differences.heading}:`, ...differences.lines.map(indent('    '))];
  if (ties !== undefined) {
    const order = formatTieOrder(ties.picks);
    lines.push(
      order === ''
        ? `  tie order: first-in-first-out (${ties.mode})`
        : `  tie order: ${order} (${ties.mode}: at each tie in turn, the position among the events due then of the one that fired next)`,
    );
  }
  const note = formatTieNote(report);
  if (note !== undefined) lines.push(`  ${note}`);
  if (failure.run !== undefined) lines.push(...formatLeaks(failure.run.leaks).map(indent('  ')));
  const timelines = failureTimelines(report.scenario, failure);
  const draw = (run: NonNullable<typeof timelines.subject>): string[] =>
    formatTimeline(run.observation, run.trace, {
      width: 76,
      colour: options.colour === true,
      alsoAt: timelines.instants,
    })
      .split('\n')
      .map(indent('    '));
  if (timelines.expected !== undefined)
    lines.push('  expected timeline (asyncio.gather):', ...draw(timelines.expected));
  if (timelines.subject !== undefined) lines.push('  timeline of the subject:', ...draw(timelines.subject));
  return lines;
}
