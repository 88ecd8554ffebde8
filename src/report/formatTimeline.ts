import type { TraceEvent } from '../executor/TraceEvent.js';
import type { Observation, TaskObservation } from '../observation/Observation.js';
import { formatGatherOutcome, formatResult } from './formatResult.js';

/** What each mark of a timeline means. */
export const TIMELINE_LEGEND = 'S start  - running  c cancel requested  v value  x error  C cancelled  > still pending  ! gather cancelled';

const MARK = { value: 'v', error: 'x', cancelled: 'C', pending: '>' } as const;

/** A virtual time as a short column label: exact below 10^7 ms, else 3 significant digits. */
export function formatTime(ms: number): string {
  return ms < 1e7 ? String(ms) : ms.toExponential(2).replace('e+', 'e');
}

function taskNote(index: number, task: TaskObservation, trace: readonly TraceEvent[]): string {
  const settle = trace.find((event) => event.kind === 'settle' && event.task === index);
  const outcome = settle?.kind === 'settle' && task.outcome !== 'cancelled' ? `${task.outcome} ${formatResult(settle.result)}` : task.outcome;
  const request = task.cancelRequested === null ? '' : `, cancel requested at ${task.cancelRequested}`;
  const when = task.settled === null ? '' : ` at ${task.settled}`;
  return `${outcome}${when}${request}`;
}

/**
 * A lane-per-task picture of a run on a virtual time axis: one column per distinct instant
 * (so a year-long sleep and a 1 ms one both stay readable), the gather on the last lane.
 * Pure: the same run gives the same text.
 */
export function formatTimeline(observation: Observation, trace: readonly TraceEvent[]): string {
  const observed = observation.tasks.flatMap((task) => [task.started, task.settled, task.cancelRequested]);
  const gatherAt = 'at' in observation.gather ? [observation.gather.at] : [];
  const times = [0, ...trace.map((event) => event.at), ...gatherAt, ...observed].filter((at): at is number => at !== null);
  const instants = [...new Set(times)].sort((a, b) => a - b);
  const labels = instants.map(formatTime);
  const width = Math.max(...labels.map((label) => label.length)) + 1;
  const column = (at: number): number => instants.indexOf(at) * width;
  const laneLength = instants.length * width;
  const axis = labels.map((label) => label.padEnd(width)).join('');
  const lines = [`${'ms'.padEnd(8)}${axis}`];

  observation.tasks.forEach((task, index) => {
    const lane = Array<string>(laneLength).fill(' ');
    if (task.started !== null) {
      const end = task.settled === null ? laneLength - 1 : column(task.settled);
      for (let at = column(task.started); at <= end; at += 1) lane[at] = '-';
      if (task.cancelRequested !== null) lane[column(task.cancelRequested)] = 'c';
      lane[column(task.started)] = 'S';
      lane[end] = MARK[task.outcome];
    }
    lines.push(`${`task ${index}`.padEnd(8)}${lane.join('')}  ${task.started === null ? 'never started' : taskNote(index, task, trace)}`);
  });

  const lane = Array<string>(laneLength).fill('=');
  for (const event of trace) if (event.kind === 'cancel-gather') lane[column(event.at)] = '!';
  const settled = 'pending' in observation.gather ? undefined : observation.gather;
  if (settled !== undefined) {
    lane.fill(' ', column(settled.at) + 1);
    lane[column(settled.at)] = 'error' in settled ? (settled.error.name === 'CancelledError' ? 'C' : 'x') : 'v';
  } else {
    lane[laneLength - 1] = '>';
  }
  lines.push(`${'gather'.padEnd(8)}${lane.join('')}  ${formatGatherOutcome(observation.gather)}`);
  return lines.map((line) => line.trimEnd()).join('\n');
}
