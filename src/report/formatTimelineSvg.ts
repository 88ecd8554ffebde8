import type { TraceEvent } from '../executor/TraceEvent.js';
import type { Observation, TaskOutcomeKind } from '../observation/Observation.js';
import { escapeHtml } from './escapeHtml.js';
import { formatGatherOutcome } from './formatResult.js';
import { formatTime, taskNote } from './formatTimeline.js';

const WIDTH = 760;
const LEFT = 70;
const RIGHT = 20;
const LANE = 28;
const TOP = 34;
const COLOURS = { value: '#1a7f37', error: '#cf222e', cancelled: '#9a6700', pending: '#57606a', cancel: '#8250df', line: '#8c959f' } as const;

function mark(kind: TaskOutcomeKind, x: number, y: number): string {
  const colour = COLOURS[kind];
  switch (kind) {
    case 'value':
      return `<circle class="mark value" cx="${x}" cy="${y}" r="6" fill="${colour}"/>`;
    case 'error':
      return `<path class="mark error" d="M${x - 6} ${y - 6}L${x + 6} ${y + 6}M${x + 6} ${y - 6}L${x - 6} ${y + 6}" stroke="${colour}" stroke-width="3"/>`;
    case 'cancelled':
      return `<rect class="mark cancelled" x="${x - 6}" y="${y - 6}" width="12" height="12" fill="${colour}"/>`;
    case 'pending':
      return `<path class="mark pending" d="M${x - 6} ${y - 6}L${x + 4} ${y}L${x - 6} ${y + 6}Z" fill="${colour}"/>`;
  }
}

/**
 * A run's timeline as inline SVG markup (no script): one lane per task from its start to
 * its settle, marked with how it ended (green dot value, red cross error, amber square
 * cancelled, grey arrow still pending) and a violet diamond where a cancellation was
 * requested; the gather on the last lane, and a violet bar where it was cancelled. Time
 * runs left to right with one slot per distinct instant, labelled on the axis; each mark
 * has a tooltip. Pure.
 */
export function formatTimelineSvg(observation: Observation, trace: readonly TraceEvent[], options: { readonly maxLanes?: number } = {}): string {
  const shown = observation.tasks.slice(0, options.maxLanes ?? 40);
  const gatherAt = 'at' in observation.gather ? [observation.gather.at] : [];
  const times = [0, ...trace.map((event) => event.at), ...gatherAt, ...shown.flatMap((task) => [task.started, task.settled, task.cancelRequested])].filter((at): at is number => at !== null);
  const instants = [...new Set(times)].sort((a, b) => a - b);
  const span = WIDTH - LEFT - RIGHT - 20;
  const slot = instants.length > 1 ? span / (instants.length - 1) : 0;
  const x = (at: number): number => Math.round(LEFT + 10 + instants.indexOf(at) * slot);
  const end = WIDTH - RIGHT;
  const height = TOP + (shown.length + 1) * LANE + 8;
  const parts: string[] = [];

  // The axis: a tick per instant, labels where they do not overlap (about 7 px a character).
  let free = 0;
  for (const at of instants) {
    const label = formatTime(at);
    parts.push(`<line x1="${x(at)}" y1="${TOP - 8}" x2="${x(at)}" y2="${height - 6}" stroke="#d0d7de" stroke-dasharray="2 3"/>`);
    const left = x(at) - label.length * 3.5;
    if (left >= free) {
      parts.push(`<text class="tick" x="${x(at)}" y="${TOP - 14}" text-anchor="middle">${escapeHtml(label)}</text>`);
      free = left + label.length * 7 + 6;
    }
  }
  parts.push(`<text class="unit" x="4" y="${TOP - 14}">ms</text>`);

  shown.forEach((task, index) => {
    const y = TOP + index * LANE + LANE / 2;
    const note = escapeHtml(`task ${index}: ${taskNote(index, task, trace)}`);
    parts.push(`<g class="lane task" data-task="${index}" data-outcome="${task.outcome}"><title>${note}</title>`, `<text class="label" x="4" y="${y + 4}">task ${index}</text>`);
    if (task.started !== null) {
      const stop = task.settled === null ? end : x(task.settled);
      parts.push(`<line x1="${x(task.started)}" y1="${y}" x2="${stop}" y2="${y}" stroke="${COLOURS.line}" stroke-width="3"${task.settled === null ? ' stroke-dasharray="6 4"' : ''}/>`);
      parts.push(`<circle class="mark start" cx="${x(task.started)}" cy="${y}" r="4" fill="#ffffff" stroke="#0969da" stroke-width="2"/>`);
      if (task.cancelRequested !== null) {
        const cx = x(task.cancelRequested);
        parts.push(`<path class="mark cancel-request" d="M${cx} ${y - 7}L${cx + 7} ${y}L${cx} ${y + 7}L${cx - 7} ${y}Z" fill="${COLOURS.cancel}"/>`);
      }
      parts.push(mark(task.outcome, stop, y));
    }
    parts.push('</g>');
  });

  const y = TOP + shown.length * LANE + LANE / 2;
  const outcome = observation.gather;
  const kind: TaskOutcomeKind = 'pending' in outcome ? 'pending' : 'value' in outcome ? 'value' : outcome.error.name === 'CancelledError' ? 'cancelled' : 'error';
  const stop = 'at' in outcome ? x(outcome.at) : end;
  parts.push(`<g class="lane gather" data-outcome="${kind}"><title>${escapeHtml(`gather: ${formatGatherOutcome(outcome)}`)}</title>`, `<text class="label" x="4" y="${y + 4}">gather</text>`);
  parts.push(`<rect x="${x(0)}" y="${y - 5}" width="${Math.max(1, stop - x(0))}" height="10" rx="3" fill="#0969da" fill-opacity="0.35"/>`);
  for (const event of trace) if (event.kind === 'cancel-gather') parts.push(`<rect class="mark cancel-gather" x="${x(event.at) - 2}" y="${y - 10}" width="4" height="20" fill="${COLOURS.cancel}"/>`);
  parts.push(mark(kind, stop, y), '</g>');

  const more = observation.tasks.length - shown.length;
  const label = `timeline: ${observation.tasks.length} tasks${more > 0 ? ` (${more} not drawn)` : ''}, gather ${formatGatherOutcome(outcome)}`;
  return `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="ui-monospace, monospace" font-size="12">${parts.join('')}</svg>`;
}
