import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/executor/TraceEvent.js';
import type { Observation } from '../../src/observation/Observation.js';
import { formatTimelineSvg } from '../../src/report/formatTimelineSvg.js';

/** Where a mark's shape is centred on its lane, read back from its SVG. */
function centre(markup: string): number {
  const number = (pattern: RegExp): number => Number(pattern.exec(markup)?.[1]);
  if (markup.startsWith('<circle')) return number(/cx="(-?[\d.]+)"/);
  if (markup.startsWith('<rect')) return number(/ x="(-?[\d.]+)"/) + number(/width="([\d.]+)"/) / 2;
  const first = number(/d="M(-?[\d.]+)/);
  return markup.includes('cancel-request') ? first : first + 6;
}

/** The centres of the marks of each lane of a timeline, the gather's last. */
function laneMarks(svg: string): number[][] {
  return [...svg.matchAll(/<g class="lane[^"]*"[^>]*>(.*?)<\/g>/g)].map(([, lane]) =>
    [...(lane ?? '').matchAll(/<(circle|rect|path) class="mark[^>]*>/g)].map(([markup]) => centre(markup)),
  );
}

// A task started, asked to cancel and cancelled at 0, like the gather cancelled at 0.
const crowded: Observation = {
  gather: { at: 0, error: { name: 'CancelledError', message: '' } },
  tasks: [
    { started: 0, settled: 0, outcome: 'cancelled', cancelRequested: 0 },
    { started: 0, settled: 5, outcome: 'value', cancelRequested: null },
  ],
  unhandled: [],
};
const trace: TraceEvent[] = [
  { at: 0, kind: 'start', task: 0 },
  { at: 0, kind: 'start', task: 1 },
  { at: 0, kind: 'cancel-gather' },
  { at: 0, kind: 'cancel-request', task: 0 },
];

describe('the SVG timeline', () => {
  it('draws the marks at one instant of a lane side by side, never on top of each other', () => {
    const lanes = laneMarks(formatTimelineSvg(crowded, trace));
    expect(lanes.map((marks) => marks.length)).toEqual([3, 2, 2]);
    for (const marks of lanes) {
      const sorted = [...marks].sort((a, b) => a - b);
      sorted.slice(1).forEach((at, index) => {
        expect(at - (sorted[index] ?? 0)).toBeGreaterThanOrEqual(14);
      });
    }
    // Nor do the marks of neighbouring instants touch: task 1's start (0) and value (5).
    const [, second] = lanes;
    expect(Math.abs((second?.[1] ?? 0) - (second?.[0] ?? 0))).toBeGreaterThanOrEqual(14);
  });

  it('widens to keep crowded instants apart when there are many of them', () => {
    const many = Array.from({ length: 60 }, (_, index) => index);
    const svg = formatTimelineSvg(crowded, trace, { alsoAt: many });
    const width = Number(/ width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThanOrEqual(59 * 3 * 16);
    for (const marks of laneMarks(svg)) {
      const sorted = [...marks].sort((a, b) => a - b);
      sorted.slice(1).forEach((at, index) => {
        expect(at - (sorted[index] ?? 0)).toBeGreaterThanOrEqual(14);
      });
    }
  });

  it('puts the instants of alsoAt on its axis, so two timelines share one', () => {
    const alone = formatTimelineSvg(crowded, trace);
    const shared = formatTimelineSvg(crowded, trace, { alsoAt: [3] });
    expect(alone).not.toContain('>3</text>');
    expect(shared).toContain('>3</text>');
  });
});
