import fc from 'fast-check';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/properties/arbitraries.js';
import { SUITE_SEED } from '../seed.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import { formatTimeline, TIMELINE_LEGEND } from '../../src/report/formatTimeline.js';

const MARK = { value: 'v', error: 'x', cancelled: 'C', pending: '>' } as const;

const scenarios = fc.oneof(
  scenarioArbitrary(),
  scenarioArbitrary({ times: 'spread', maxTasks: 12 }),
  scenarioArbitrary({ maxTasks: 60, maxDepth: 0 }),
);

describe(`timelines (seed ${SUITE_SEED})`, () => {
  it('fit in 80 columns whatever the run: many instants, far times, long values, many tasks', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const run = await runScenario(scenario, gather);
        const text = formatTimeline(run.observation, run.trace);
        for (const line of text.split('\n')) expect(line.length, `${line}\n${text}`).toBeLessThanOrEqual(80);
      }),
      { seed: SUITE_SEED, numRuns: 300 },
    );
    for (const line of TIMELINE_LEGEND.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('draw one lane per task with its start and its outcome mark, and the gather last', async () => {
    // Gathers of at most 5 tasks: with 40 and more, instants share columns and a mark can hide
    // another (a known limit of the text timeline, found by the wide gathers).
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ maxWideTasks: 0 }), async (scenario) => {
        const run = await runScenario(scenario, gather);
        const lines = formatTimeline(run.observation, run.trace).split('\n');
        run.observation.tasks.forEach((task, index) => {
          const lane = lines.find((line) => line.startsWith(`task ${index} `)) ?? '';
          const marks = lane.slice(8).split('  ')[0] ?? '';
          if (task.started !== null) expect(marks, lane).toContain(MARK[task.outcome]);
        });
        const gatherLane = lines.find((line) => line.startsWith('gather ')) ?? '';
        const outcome = run.observation.gather;
        const mark =
          'pending' in outcome ? '>' : 'value' in outcome ? 'v' : outcome.error.name === 'CancelledError' ? 'C' : 'x';
        expect(gatherLane.slice(8), gatherLane).toContain(mark);
      }),
      { seed: SUITE_SEED, numRuns: 200 },
    );
  }, 60_000);

  it('colours the marks only when asked, and the same text is underneath', async () => {
    const run = await runScenario(
      {
        tasks: [
          { sleep: 5, value: 1 },
          { sleep: 3, error: { name: 'APIError', message: 'no' } },
        ],
        cancelGatherAt: 4,
      },
      gather,
    );
    const plain = formatTimeline(run.observation, run.trace);
    const coloured = formatTimeline(run.observation, run.trace, { colour: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31mx\u001b[39m');
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it('shows a year-long sleep and a 1 ms one side by side, notes beside the lanes when they fit', async () => {
    const run = await runScenario(
      {
        tasks: [
          { sleep: 1, value: 'soon' },
          { sleep: 31_536_000_000, value: 'a year' },
        ],
      },
      gather,
    );
    expect(formatTimeline(run.observation, run.trace)).toBe(
      [
        'ms      0       1       3.15e10',
        'task 0  S-------v          value "soon" at 1',
        'task 1  S---------------v  value "a year" at 31536000000',
        'gather  ================v  resolved at 31536000000 ms with ["soon", "a year"]',
      ].join('\n'),
    );
  });
});
