import type { TraceEvent } from '../executor/TraceEvent.js';
import type { Observation, TaskOutcomeKind } from '../observation/Observation.js';
import { escapeHtml } from './escapeHtml.js';
import { formatGatherOutcome } from './formatResult.js';
import { formatTime, taskNote } from './formatTimeline.js';
import { TIMELINE_MARKS, type TimelineMarkKind } from './timelineMarks.js';

const WIDTH = 760;
const LEFT = 70;
const RIGHT = 20;
const LANE = 28;
const TOP = 34;
/** The room a mark takes on a lane: marks at one instant sit this far apart. */
const MARK = 16;
/** The marks drawn on the gather's lane, by the kind of trace event they mark. */
const GATHER_LANE_MARKS = new Map(
  Object.entries(TIMELINE_MARKS).filter(([, { onGatherLane }]) => onGatherLane === true),
);

/** A lane's mark: what it marks, and when (null: at the lane's end, for what never settled). */
interface LaneMark {
  readonly kind: TimelineMarkKind;
  readonly at: number | null;
}

/** A lane's marks in groups of those at one instant, in order of first appearance. */
function byInstant(marks: readonly LaneMark[]): LaneMark[][] {
  const groups = new Map<number | null, LaneMark[]>();
  for (const one of marks) groups.set(one.at, [...(groups.get(one.at) ?? []), one]);
  return [...groups.values()];
}

/** A mark's SVG shape at (x, y); nothing for a span. */
function mark(kind: TimelineMarkKind, x: number, y: number): string {
  return TIMELINE_MARKS[kind].svg?.(x, y) ?? '';
}

/**
 * A run's timeline as inline SVG markup (no script): one lane per task from its start to
 * its settle, marked with how it ended and where a cancellation was requested; the gather
 * on the last lane, marked where it was cancelled (shapes and colours: `TIMELINE_MARKS`,
 * e.g. a green dot for a value, a red cross for an error, a violet bar for a cancel). Time
 * runs left to right with one slot per distinct instant (and those of `alsoAt`, to share an
 * axis with another run's timeline), labelled on the axis; marks at one instant of a lane
 * sit side by side, the slots (and the picture) widening to fit them. Each lane has a
 * tooltip. Pure.
 */
export function formatTimelineSvg(
  observation: Observation,
  trace: readonly TraceEvent[],
  options: { readonly maxLanes?: number; readonly alsoAt?: readonly number[] } = {},
): string {
  const shown = observation.tasks.slice(0, options.maxLanes ?? 40);
  const gatherAt = 'at' in observation.gather ? [observation.gather.at] : [];
  const times = [
    0,
    ...trace.map((event) => event.at),
    ...gatherAt,
    ...shown.flatMap((task) => [task.started, task.settled, task.cancelRequested]),
    ...(options.alsoAt ?? []),
  ].filter((at): at is number => at !== null);
  const instants = [...new Set(times)].sort((a, b) => a - b);
  const outcome = observation.gather;
  const kind: TaskOutcomeKind =
    'pending' in outcome
      ? 'pending'
      : 'value' in outcome
        ? 'value'
        : outcome.error.name === 'CancelledError'
          ? 'cancelled'
          : 'error';
  // The marks of each lane, the gather's last.
  const lanes: LaneMark[][] = shown.map((task) =>
    task.started === null
      ? []
      : [
          { kind: 'start', at: task.started },
          ...(task.cancelRequested === null ? [] : [{ kind: 'cancel-request' as const, at: task.cancelRequested }]),
          { kind: task.outcome, at: task.settled },
        ],
  );
  lanes.push([
    ...trace.flatMap((event) => {
      const gatherMark = GATHER_LANE_MARKS.get(event.kind);
      return gatherMark?.svg === undefined ? [] : [{ kind: event.kind as TimelineMarkKind, at: event.at }];
    }),
    { kind, at: 'at' in outcome ? outcome.at : null },
  ]);
  // Marks at one instant of a lane sit side by side, never on top of each other: the slots
  // between instants are wide enough for the most marks any lane has at one instant.
  const crowd = Math.max(1, ...lanes.flatMap((marks) => byInstant(marks).map((group) => group.length)));
  const slot =
    instants.length > 1 ? Math.max((WIDTH - LEFT - RIGHT - 20) / (instants.length - 1), crowd * MARK + 6) : 0;
  const width = Math.max(WIDTH, Math.ceil(LEFT + RIGHT + 20 + slot * (instants.length - 1)));
  const x = (at: number): number => Math.round(LEFT + 10 + instants.indexOf(at) * slot);
  const end = width - RIGHT;
  const height = TOP + (shown.length + 1) * LANE + 8;
  const parts: string[] = [];
  const drawMarks = (marks: readonly LaneMark[], y: number): void => {
    for (const group of byInstant(marks)) {
      group.forEach((one, index) => {
        const centre = one.at === null ? end : x(one.at);
        parts.push(mark(one.kind, centre + Math.round((index - (group.length - 1) / 2) * MARK), y));
      });
    }
  };

  // The axis: a tick per instant, labels where they do not overlap (about 7 px a character).
  let free = 0;
  for (const at of instants) {
    const label = formatTime(at);
    parts.push(
      `<line x1="${x(at)}" y1="${TOP - 8}" x2="${x(at)}" y2="${height - 6}" stroke="#d0d7de" stroke-dasharray="2 3"/>`,
    );
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
    parts.push(
      `<g class="lane task" data-task="${index}" data-outcome="${task.outcome}"><title>${note}</title>`,
      `<text class="label" x="4" y="${y + 4}">task ${index}</text>`,
    );
    if (task.started !== null) {
      const stop = task.settled === null ? end : x(task.settled);
      parts.push(
        `<line x1="${x(task.started)}" y1="${y}" x2="${stop}" y2="${y}" stroke="${TIMELINE_MARKS.running.colour}" stroke-width="3"${task.settled === null ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
      drawMarks(lanes[index] ?? [], y);
    }
    parts.push('</g>');
  });

  const y = TOP + shown.length * LANE + LANE / 2;
  const stop = 'at' in outcome ? x(outcome.at) : end;
  parts.push(
    `<g class="lane gather" data-outcome="${kind}"><title>${escapeHtml(`gather: ${formatGatherOutcome(outcome)}`)}</title>`,
    `<text class="label" x="4" y="${y + 4}">gather</text>`,
  );
  parts.push(
    `<rect x="${x(0)}" y="${y - 5}" width="${Math.max(1, stop - x(0))}" height="10" rx="3" fill="${TIMELINE_MARKS.waiting.colour}" fill-opacity="0.35"/>`,
  );
  drawMarks(lanes[shown.length] ?? [], y);
  parts.push('</g>');

  const more = observation.tasks.length - shown.length;
  const label = `timeline: ${observation.tasks.length} tasks${more > 0 ? ` (${more} not drawn)` : ''}, gather ${formatGatherOutcome(outcome)}`;
  return `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, monospace" font-size="12">${parts.join('')}</svg>`;
}
