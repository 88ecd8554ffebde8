import type { styleText } from 'node:util';

/** How one kind of thing on a run's timeline is drawn, in every form a timeline takes. */
export interface TimelineMark {
  /** Its character in the text timeline (`formatTimeline`). */
  readonly char: string;
  /** What it means, in the legends. */
  readonly label: string;
  /** Its colour in a terminal (`formatTimeline` with `colour`); none leaves it plain. */
  readonly ansi?: Parameters<typeof styleText>[0];
  /** Its colour in the SVG timeline (`formatTimelineSvg`) and the HTML legend. */
  readonly colour: string;
  /**
   * Its SVG shape centred on (x, y). None for a span (a task running, the gather waiting),
   * which `formatTimelineSvg` draws as a line or a bar in `colour`.
   */
  readonly svg?: (x: number, y: number) => string;
  /** Its glyph in the HTML report's legend (`formatHtml`); none leaves it out of that legend. */
  readonly glyph?: string;
  /**
   * Drawn on the gather's lane at each trace event of the same kind (an outer event, see
   * `outerEvents`); the other marks are drawn from what the observation says of a lane.
   */
  readonly onGatherLane?: true;
}

const BLUE = '#0969da';
const VIOLET = '#8250df';
const GREEN = '#1a7f37';
const RED = '#cf222e';
const AMBER = '#9a6700';
const GREY = '#57606a';

const MARKS = {
  start: {
    char: 'S',
    label: 'start',
    ansi: 'cyan',
    colour: BLUE,
    glyph: '○',
    svg: (x, y) =>
      `<circle class="mark start" cx="${x}" cy="${y}" r="4" fill="#ffffff" stroke="${BLUE}" stroke-width="2"/>`,
  },
  running: { char: '-', label: 'running', colour: '#8c959f' },
  'cancel-request': {
    char: 'c',
    label: 'cancel requested',
    ansi: 'magenta',
    colour: VIOLET,
    glyph: '◆',
    svg: (x, y) =>
      `<path class="mark cancel-request" d="M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z" fill="${VIOLET}"/>`,
  },
  value: {
    char: 'v',
    label: 'value',
    ansi: 'green',
    colour: GREEN,
    glyph: '●',
    svg: (x, y) => `<circle class="mark value" cx="${x}" cy="${y}" r="6" fill="${GREEN}"/>`,
  },
  error: {
    char: 'x',
    label: 'error',
    ansi: 'red',
    colour: RED,
    glyph: '✕',
    svg: (x, y) =>
      `<path class="mark error" d="M${x - 6} ${y - 6}L${x + 6} ${y + 6}M${x + 6} ${y - 6}L${x - 6} ${y + 6}" stroke="${RED}" stroke-width="3"/>`,
  },
  cancelled: {
    char: 'C',
    label: 'cancelled',
    ansi: 'yellow',
    colour: AMBER,
    glyph: '■',
    svg: (x, y) => `<rect class="mark cancelled" x="${x - 6}" y="${y - 6}" width="12" height="12" fill="${AMBER}"/>`,
  },
  pending: {
    char: '>',
    label: 'still pending',
    ansi: 'dim',
    colour: GREY,
    glyph: '▶',
    svg: (x, y) =>
      `<path class="mark pending" d="M${x - 6} ${y - 6}L${x + 4} ${y}L${x - 6} ${y + 6}Z" fill="${GREY}"/>`,
  },
  'cancel-gather': {
    char: '!',
    label: 'gather cancelled',
    ansi: 'magenta',
    colour: VIOLET,
    glyph: '▮',
    onGatherLane: true,
    svg: (x, y) =>
      `<rect class="mark cancel-gather" x="${x - 2}" y="${y - 10}" width="4" height="20" fill="${VIOLET}"/>`,
  },
  waiting: { char: '=', label: 'gather waiting', colour: BLUE },
} satisfies Record<string, TimelineMark>;

/** The kinds of marks a timeline has: the keys of {@link TIMELINE_MARKS}. */
export type TimelineMarkKind = keyof typeof MARKS;

/**
 * Every mark of a timeline, in legend order, with how each form draws it: the text
 * timeline (`formatTimeline`, `TIMELINE_LEGEND`), the SVG one (`formatTimelineSvg`) and the
 * HTML report's legend (`formatHtml`). A task's outcome (`value`, `error`, `cancelled`,
 * `pending`) is also the kind of the mark that ends its lane.
 */
export const TIMELINE_MARKS: Readonly<Record<TimelineMarkKind, TimelineMark>> = MARKS;
