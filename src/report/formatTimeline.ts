import { styleText } from 'node:util';
import type { TraceEvent } from '../executor/TraceEvent.js';
import type { Observation, TaskObservation } from '../observation/Observation.js';
import { formatGatherOutcome, formatResult } from './formatResult.js';
import { TIMELINE_MARKS } from './timelineMarks.js';

/** Entries two spaces apart, in lines of at most `width` columns. */
function wrap(entries: readonly string[], width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const entry of entries) {
    if (line !== '' && line.length + 2 + entry.length > width) {
      lines.push(line);
      line = entry;
    } else {
      line = line === '' ? entry : `${line}  ${entry}`;
    }
  }
  return [...lines, line].join('\n');
}

/** What each mark of a timeline means (`TIMELINE_MARKS`), in lines of at most 80 columns. */
export const TIMELINE_LEGEND: string = wrap(
  Object.values(TIMELINE_MARKS).map(({ char, label }) => `${char} ${label}`),
  80,
);

/** How to draw a timeline. */
export interface TimelineOptions {
  /** Columns a line may take at most (default 80). */
  readonly width?: number;
  /** Colour the marks with ANSI escapes (default false: see `useColour`). */
  readonly colour?: boolean;
  /** Lanes drawn at most; the tasks beyond are counted on one line (default 40). */
  readonly maxLanes?: number;
  /**
   * Instants to put on the axis besides the run's own: those of another run, so that two
   * timelines drawn one above the other (expected, observed) share one axis.
   */
  readonly alsoAt?: readonly number[];
}

/** The terminal colour of each mark's character. */
const COLOURS = new Map(
  Object.values(TIMELINE_MARKS).flatMap(({ char, ansi }) => (ansi === undefined ? [] : [[char, ansi] as const])),
);
/** The marks drawn on the gather's lane, by the kind of trace event they mark. */
const GATHER_LANE_MARKS = new Map(
  Object.entries(TIMELINE_MARKS).filter(([, { onGatherLane }]) => onGatherLane === true),
);

/** A virtual time as a short column label: exact below 10^7 ms, else 3 significant digits. */
export function formatTime(ms: number): string {
  return ms < 1e7 ? String(ms) : ms.toExponential(2).replace('e+', 'e');
}

/** The instants a run's timeline marks, in order, 0 first: for `TimelineOptions.alsoAt`. */
export function timelineInstants(observation: Observation, trace: readonly TraceEvent[]): number[] {
  const tasks = observation.tasks.flatMap((task) => [task.started, task.settled, task.cancelRequested]);
  const gatherAt = 'at' in observation.gather ? [observation.gather.at] : [];
  const times = [0, ...trace.map((event) => event.at), ...gatherAt, ...tasks].filter((at): at is number => at !== null);
  return [...new Set(times)].sort((a, b) => a - b);
}

/** What became of one task, in a phrase: `error APIError("x") at 5, cancel requested at 3`. */
export function taskNote(index: number, task: TaskObservation, trace: readonly TraceEvent[]): string {
  if (task.started === null) return 'never started';
  const settle = trace.find((event) => event.kind === 'settle' && event.task === index);
  // A task's own error needs no "from task i" on its own lane.
  const result =
    settle?.kind === 'settle' && 'error' in settle.result && settle.result.error.task === index
      ? { error: { name: settle.result.error.name, message: settle.result.error.message } }
      : settle?.kind === 'settle'
        ? settle.result
        : undefined;
  const outcome =
    result !== undefined && task.outcome !== 'cancelled' ? `${task.outcome} ${formatResult(result)}` : task.outcome;
  const request = task.cancelRequested === null ? '' : `, cancel requested at ${task.cancelRequested}`;
  const when = task.settled === null ? '' : ` at ${task.settled}`;
  return `${outcome}${when}${request}`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 3))}...`;
}

/** Where each instant is drawn: one column each while they fit, with room for their labels; else shared columns. */
function layout(
  instants: readonly number[],
  room: number,
): { readonly columns: number; readonly columnOf: (at: number) => number; readonly axis: string } {
  const labels = instants.map(formatTime);
  const labelled = Math.max(...labels.map((label) => label.length)) + 1;
  const step = instants.length * labelled <= room ? labelled : Math.max(1, Math.floor(room / instants.length));
  const columns = Math.min(room, Math.max(1, instants.length * step));
  const index = new Map(instants.map((at, position) => [at, position] as const));
  const columnOf = (at: number): number => {
    const position = index.get(at) ?? 0;
    return step >= 1 && instants.length * step <= room
      ? position * step
      : Math.floor((position * columns) / instants.length);
  };
  // Labels where they fit, left to right, one space apart; the last instant's too if it can.
  const axis = Array<string>(columns + labelled).fill(' ');
  let free = 0;
  const place = (position: number, force: boolean): void => {
    const label = labels[position] as string;
    const at = columnOf(instants[position] as number);
    if (!force && (at < free || at + label.length > columns + labelled - 1)) return;
    for (let offset = 0; offset < label.length; offset += 1) axis[at + offset] = label[offset] as string;
    free = at + label.length + 1;
  };
  const lastAt = columnOf(instants[instants.length - 1] as number);
  const lastLabel = labels[labels.length - 1] as string;
  for (let position = 0; position < instants.length - 1; position += 1) {
    // Leave room for the last label when the lane ends near it.
    const at = columnOf(instants[position] as number);
    if (at + (labels[position] as string).length + 1 > lastAt && lastAt + lastLabel.length <= axis.length) continue;
    place(position, position === 0);
  }
  if (instants.length > 1) place(instants.length - 1, false);
  else place(0, true);
  return { columns, columnOf, axis: axis.join('').trimEnd() };
}

/**
 * A lane-per-task picture of a run on a virtual time axis: when each task started, was
 * asked to cancel and settled (with its value or error), and when the gather settled, on
 * the last lane. One column per distinct instant while they fit, so a year-long sleep and a
 * 1 ms one both stay readable; within `width` columns (80) always: instants share columns
 * when there are too many, and notes move below the lanes when they do not fit beside
 * them. Pure: the same run gives the same text.
 */
export function formatTimeline(
  observation: Observation,
  trace: readonly TraceEvent[],
  options: TimelineOptions = {},
): string {
  const width = options.width ?? 80;
  const maxLanes = options.maxLanes ?? 40;
  const instants = [...new Set([...timelineInstants(observation, trace), ...(options.alsoAt ?? [])])].sort(
    (a, b) => a - b,
  );
  const shown = observation.tasks.slice(0, maxLanes);
  const labelWidth = Math.max(8, `task ${shown.length - 1} `.length);
  const { columns, columnOf, axis } = layout(instants, Math.max(8, width - labelWidth - 1));
  const paint = (lane: string[]): string =>
    options.colour === true
      ? lane
          .map((mark) => {
            const colour = COLOURS.get(mark);
            return colour === undefined ? mark : styleText(colour, mark, { validateStream: false });
          })
          .join('')
      : lane.join('');

  const lanes: { readonly label: string; readonly lane: string[]; readonly note: string }[] = shown.map(
    (task, index) => {
      const lane = Array<string>(columns).fill(' ');
      if (task.started !== null) {
        const end = task.settled === null ? columns - 1 : columnOf(task.settled);
        for (let at = columnOf(task.started); at <= end; at += 1) lane[at] = TIMELINE_MARKS.running.char;
        lane[columnOf(task.started)] = TIMELINE_MARKS.start.char;
        if (task.cancelRequested !== null) lane[columnOf(task.cancelRequested)] = TIMELINE_MARKS['cancel-request'].char;
        lane[end] = TIMELINE_MARKS[task.outcome].char;
      }
      return { label: `task ${index}`, lane, note: taskNote(index, task, trace) };
    },
  );
  const lane = Array<string>(columns).fill(TIMELINE_MARKS.waiting.char);
  for (const event of trace) {
    const mark = GATHER_LANE_MARKS.get(event.kind);
    if (mark !== undefined) lane[columnOf(event.at)] = mark.char;
  }
  const settled = 'pending' in observation.gather ? undefined : observation.gather;
  if (settled !== undefined) {
    lane.fill(' ', columnOf(settled.at) + 1);
    lane[columnOf(settled.at)] =
      TIMELINE_MARKS[
        'error' in settled ? (settled.error.name === 'CancelledError' ? 'cancelled' : 'error') : 'value'
      ].char;
  } else {
    lane[columns - 1] = TIMELINE_MARKS.pending.char;
  }
  lanes.push({ label: 'gather', lane, note: formatGatherOutcome(observation.gather) });

  const laneEnd = Math.max(...lanes.map(({ lane: marks }) => marks.join('').trimEnd().length));
  const beside = lanes.every(({ note }) => labelWidth + laneEnd + 2 + note.length <= width);
  const lines = [`${'ms'.padEnd(labelWidth)}${axis}`];
  for (const { label, lane: marks, note } of lanes) {
    const drawn = paint(marks.slice(0, laneEnd)).trimEnd();
    const padding = ' '.repeat(laneEnd - marks.slice(0, laneEnd).join('').trimEnd().length);
    lines.push(
      beside ? `${label.padEnd(labelWidth)}${drawn}${padding}  ${note}` : `${label.padEnd(labelWidth)}${drawn}`,
    );
  }
  if (observation.tasks.length > shown.length)
    lines.push(`(and ${observation.tasks.length - shown.length} more tasks, not drawn)`);
  if (!beside) for (const { label, note } of lanes) lines.push(clip(`${label}: ${note}`, width));
  return lines.map((line) => line.trimEnd()).join('\n');
}
